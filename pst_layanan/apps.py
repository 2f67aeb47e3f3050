from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PstLayananConfig(AppConfig):
    name = "pst_layanan"
    verbose_name = "PST Layanan"

    def ready(self):
        from pst_layanan import bahasa, checks, penguncian, roles, signals  # noqa: F401  (connects receivers, registers checks)

        # After every app's post_migrate (not only ours): apps listed after
        # pst_layanan get their permissions later, and a fresh database must
        # still give them to the roles.
        post_migrate.connect(roles.sinkron_izin_peran, dispatch_uid="pst_layanan_sinkron_izin_peran")
