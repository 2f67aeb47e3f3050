"""URLs of the transaksi app. Each area keeps its own list (owned by the code
that serves it) and they are joined here under one namespace."""

from transaksi import urls_pembayaran, urls_tenggat
from transaksi.urls_transaksi import urlpatterns as _transaksi

app_name = "transaksi"
urlpatterns = [*urls_tenggat.urlpatterns, *urls_pembayaran.urlpatterns, *_transaksi]
