from django.urls import path

from transaksi import views

# Catalogue, tariff explanation, the visitor's transactions and the officer's
# completeness check (SOP steps 4–7a). Keep `<str:nomor>/` last.
urlpatterns = [
    path("<str:nomor>/", views.detail, name="detail"),
]
