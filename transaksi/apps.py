from django.apps import AppConfig


class TransaksiConfig(AppConfig):
    name = "transaksi"
    verbose_name = "Transaksi produk berbayar"
