from django.apps import AppConfig


class TransaksiConfig(AppConfig):
    name = "transaksi"
    verbose_name = "Transaksi produk berbayar"

    def ready(self):
        from transaksi import (
            data_pribadi,  # noqa: F401  (export/erasure hooks, UU 27/2022)
            signals,  # noqa: F401  (calendar change → deadlines recomputed)
        )
