from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class PenilaianConfig(AppConfig):
    name = "penilaian"
    verbose_name = _("Penilaian layanan")

    def ready(self):
        from penilaian.statistik import daftarkan_sqlite

        connection_created.connect(daftarkan_sqlite, dispatch_uid="penilaian_persentil_sqlite")
        from penilaian import (
            data_pribadi,  # noqa: F401  (export/erasure hooks, UU 27/2022)
            tenggat,
        )
        from pst_layanan import sisipan
        from transaksi.management.commands.tenggat import daftarkan

        daftarkan("pengingat-penilaian", "pengingat penilaian", tenggat.pengingat_penilaian)
        daftarkan("tutup-otomatis", "ditutup tanpa penilaian", tenggat.tutup_otomatis)
        sisipan.daftarkan("antrian/tiket_selesai", "penilaian/_ajakan_tiket.html")
        sisipan.daftarkan("transaksi/detail_pengunjung", "penilaian/_ajakan.html")
        sisipan.daftarkan("transaksi/surel_diserahkan", "email/penilaian/_batas_penilaian.txt")
