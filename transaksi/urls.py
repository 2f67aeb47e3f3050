app_name = "transaksi"
urlpatterns = []
