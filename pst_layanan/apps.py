from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PstLayananConfig(AppConfig):
    name = "pst_layanan"
    verbose_name = "PST Layanan"

    def ready(self):
        from pst_layanan import roles, signals  # noqa: F401  (connects receivers)

        post_migrate.connect(roles.sinkron_izin_peran, sender=self)
