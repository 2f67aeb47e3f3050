from django.urls import path

from transaksi.views import transaksi as views

# Catalogue, tariff explanation, the visitor's transactions and the officer's
# completeness check (SOP steps 4–7a). Keep `<str:nomor>/` last.
urlpatterns = [
    path("tarif/", views.tarif, name="tarif"),
    path("tarif/hitung/", views.tarif_hitung, name="tarif_hitung"),
    path("tarif/rincian.pdf", views.rincian_tarif_pdf, name="rincian_tarif"),
    path("saya/", views.saya, name="saya"),
    path("baru/", views.baru, name="baru"),
    path("periksa/", views.periksa_daftar, name="periksa"),
    path("periksa/<str:nomor>/", views.periksa_detail, name="periksa_detail"),
    path("periksa/<str:nomor>/ambil/", views.periksa_ambil, name="periksa_ambil"),
    path("periksa/<str:nomor>/lengkap/", views.periksa_lengkap, name="periksa_lengkap"),
    path("periksa/<str:nomor>/perbaikan/", views.periksa_perbaikan, name="periksa_perbaikan"),
    path("periksa/<str:nomor>/batalkan/", views.periksa_batalkan, name="periksa_batalkan"),
    path("<str:nomor>/item/", views.item_tambah, name="item_tambah"),
    path("<str:nomor>/item/<int:pk>/hapus/", views.item_hapus, name="item_hapus"),
    path("<str:nomor>/dokumen/", views.dokumen_unggah, name="dokumen_unggah"),
    path("<str:nomor>/dokumen/<int:pk>/", views.dokumen_unduh, name="dokumen_unduh"),
    path("<str:nomor>/ajukan/", views.ajukan, name="ajukan"),
    path("<str:nomor>/batalkan/", views.batalkan, name="batalkan"),
    path("<str:nomor>/", views.detail, name="detail"),
]
