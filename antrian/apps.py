from django.apps import AppConfig


class AntrianConfig(AppConfig):
    name = "antrian"
    verbose_name = "Antrian dan buku tamu"

    def ready(self):
        from antrian import data_pribadi  # noqa: F401  (registers export/erasure hooks)
