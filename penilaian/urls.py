from django.urls import path

from penilaian import views

app_name = "penilaian"
urlpatterns = [
    path("transaksi/<str:nomor>/", views.nilai_transaksi, name="nilai_transaksi"),
    path("tiket/<str:token>/", views.nilai_tiket, name="nilai_tiket"),
    path("kios/", views.kios, name="kios"),
    path("kios/<str:token>/", views.kios_nilai, name="kios_nilai"),
    path("umpan-balik/", views.umpan_balik, name="umpan_balik"),
    path("umpan-balik/<int:pk>/jawab/", views.jawab, name="jawab"),
    path("dasbor/", views.dasbor, name="dasbor"),
    path("provinsi/", views.provinsi, name="provinsi"),
    path("grafik/<slug:nama>/", views.grafik_json, name="grafik"),
    path("skm/", views.skm, name="skm"),
    path("skm/xlsx/", views.skm_xlsx, name="skm_xlsx"),
    path("laporan/", views.laporan_daftar, name="laporan"),
    path("laporan/<int:pk>/", views.laporan_detail, name="laporan_detail"),
    path("laporan/<int:pk>/status/", views.laporan_status, name="laporan_status"),
    path("laporan/<int:pk>/ulang/", views.laporan_ulang, name="laporan_ulang"),
    path("laporan/<int:pk>/<str:jenis>/", views.laporan_unduh, name="laporan_unduh"),
]
