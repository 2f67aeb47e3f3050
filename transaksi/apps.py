from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransaksiConfig(AppConfig):
    name = "transaksi"
    verbose_name = "Transaksi produk berbayar"

    def ready(self):
        from antrian.sambungan import Tautan, daftarkan_tautan_loket
        from pst_layanan.peringatan import daftarkan_pemeriksa_macet
        from transaksi import (
            data_pribadi,  # noqa: F401  (export/erasure hooks, UU 27/2022)
            signals,  # noqa: F401  (calendar change → deadlines recomputed)
            tenggat,
        )

        daftarkan_pemeriksa_macet("eskalasi", tenggat.eskalasi_macet)
        # Its result prints the tariff breakdown PDF for the visitor at the counter.
        daftarkan_tautan_loket(
            Tautan(
                nama_url="transaksi:tarif",
                label=_("Kalkulator tarif dan rincian tarif (PDF)"),
                ikon="bi-calculator",
                id="tautan-kalkulator",
            )
        )
