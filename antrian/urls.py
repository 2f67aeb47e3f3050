from django.urls import path

from antrian import views, views_bukutamu

app_name = "antrian"
urlpatterns = [
    path("meja/", views.meja, name="meja"),
    path("meja/cari/", views.meja_cari, name="meja_cari"),
    path("meja/datang/", views.meja_datang, name="meja_datang"),
    path("datang/", views.kios_datang, name="kios_datang"),
    path("meja/antrian/", views.meja_antrian, name="meja_antrian"),
    path("tiket/<int:pk>/cetak/", views.tiket_cetak, name="tiket_cetak"),
    path("tiket/<int:pk>/pdf/", views.tiket_pdf, name="tiket_pdf"),
    path("t/<str:token>/", views.tiket_publik, name="tiket_publik"),
    path("loket/", views.loket_pilih, name="loket_pilih"),
    path("loket/<int:pk>/", views.loket, name="loket"),
    path("loket/<int:pk>/antrian/", views.loket_antrian, name="loket_antrian"),
    path("loket/<int:pk>/aksi/", views.loket_aksi, name="loket_aksi"),
    path("layar/", views.layar, name="layar"),
    path("layar/isi/", views.layar_isi, name="layar_isi"),
    path("monitor/", views.monitor, name="monitor"),
    path("monitor/isi/", views.monitor_isi, name="monitor_isi"),
    path("monitor/pengumuman/", views.pengumuman_layar, name="pengumuman_layar"),
    path("kunjungan/", views.riwayat, name="riwayat"),
    path("kunjungan/csv/", views.riwayat_csv, name="riwayat_csv"),
    path("janji/", views.janji_petugas, name="janji_petugas"),
    path("janji/<int:pk>/putuskan/", views.janji_putuskan, name="janji_putuskan"),
    path("janji/<int:pk>/hadir/", views.janji_checkin, name="janji_checkin"),
    path("janji/baru/", views.janji_baru, name="janji_baru"),
    path("janji/meja/", views.janji_meja, name="janji_meja"),
    path("janji/saya/", views.janji_saya, name="janji_saya"),
    path("janji/<int:pk>/batal/", views.janji_batal, name="janji_batal"),
    path("buku-tamu/", views.buku_tamu, name="buku_tamu"),
    path("buku-tamu/perlu-koreksi/", views_bukutamu.perlu_koreksi, name="perlu_koreksi"),
    path("buku-tamu/kunjungan/<int:pk>/kode/", views_bukutamu.koreksi, name="koreksi_kode"),
    path("buku-tamu/bulanan/", views_bukutamu.buku_tamu_bulanan, name="buku_tamu_bulanan"),
    path("buku-tamu/bulanan/<str:jenis>/", views_bukutamu.buku_tamu_bulanan_unduh, name="buku_tamu_bulanan_unduh"),
]
