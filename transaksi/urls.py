from django.urls import path

from transaksi import views

app_name = "transaksi"
urlpatterns = [
    path("<str:nomor>/", views.detail, name="detail"),
]
