from django.apps import AppConfig


class TransaksiConfig(AppConfig):
    name = "transaksi"
    verbose_name = "Transaksi produk berbayar"

    def ready(self):
        from transaksi import signals  # noqa: F401  (calendar change → deadlines recomputed)
