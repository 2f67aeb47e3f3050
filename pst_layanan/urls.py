from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from pst_layanan import kesehatan, views

admin.site.site_header = "PST BPS Provinsi Bengkulu"
admin.site.site_title = "PST BPS Provinsi Bengkulu"
admin.site.index_title = "Back office Pelayanan Statistik Terpadu"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("healthz", kesehatan.healthz, name="healthz"),
    path("readyz", kesehatan.readyz, name="readyz"),
    path("privasi/", views.privasi, name="privasi"),
    path("kantor/", views.pilih_kantor, name="pilih_kantor"),
    path("akun/masuk/", views.MasukView.as_view(), name="login"),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/", include("pst_layanan.urls_akun")),
    path("antrian/", include("antrian.urls")),
    path("transaksi/", include("transaksi.urls")),
    path("penilaian/", include("penilaian.urls")),
    path("admin/", admin.site.urls),
]
