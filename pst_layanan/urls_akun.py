from django.contrib.auth import views as auth_views
from django.urls import path

from pst_layanan import views

app_name = "akun"
urlpatterns = [
    path("daftar/", views.daftar, name="daftar"),
    path("verifikasi/<str:token>/", views.verifikasi, name="verifikasi"),
    path("belum-verifikasi/", views.belum_verifikasi, name="belum_verifikasi"),
    path("verifikasi-ulang/", views.kirim_ulang_verifikasi, name="kirim_ulang_verifikasi"),
    path("profil/", views.profil, name="profil"),
    path("data-saya/", views.data_saya, name="data_saya"),
    path("hapus/", views.hapus_akun, name="hapus"),
    path("terkunci/", views.kuncian, name="kuncian"),
    path("terkunci/buka/", views.buka_kunci, name="buka_kunci"),
    path("sandi/lupa/", views.LupaSandiView.as_view(), name="lupa_sandi"),
    path(
        "sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/lupa_sandi_terkirim.html"),
        name="lupa_sandi_terkirim",
    ),
    path("sandi/atur/<uidb64>/<token>/", views.AturSandiView.as_view(), name="atur_sandi"),
    path("sandi/ubah/", views.UbahSandiView.as_view(), name="ubah_sandi"),
]
