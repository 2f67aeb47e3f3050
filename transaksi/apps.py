from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransaksiConfig(AppConfig):
    name = "transaksi"
    verbose_name = _("Transaksi produk berbayar")

    def ready(self):
        from pst_layanan import sisipan
        from pst_layanan.peringatan import daftarkan_pemeriksa_macet
        from transaksi import (
            data_pribadi,  # noqa: F401  (export/erasure hooks, UU 27/2022)
            signals,  # noqa: F401  (calendar change → deadlines recomputed)
            tenggat,
        )

        daftarkan_pemeriksa_macet("eskalasi", tenggat.eskalasi_macet, _("eskalasi"))
        sisipan.daftarkan("antrian/loket_melayani", "transaksi/_tautan_kalkulator.html")
