from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AntrianConfig(AppConfig):
    name = "antrian"
    verbose_name = _("Antrian dan buku tamu")

    def ready(self):
        from antrian import data_pribadi, layar, services  # noqa: F401  (registers export/erasure hooks, restore receiver)
        from pst_layanan import kalender

        kalender.hari_dikoreksi.connect(services.peringatan_hari_tutup, dispatch_uid="antrian_janji_hari_tutup")
