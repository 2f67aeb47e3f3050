from django.urls import path

from transaksi.views import tenggat as views_tenggat

# Deadline board (SOP steps 5 and 7 clocks).
urlpatterns = [
    path("tenggat/", views_tenggat.papan, name="tenggat"),
]
