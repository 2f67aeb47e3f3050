"""Invoice, payment proof, verification, delivery, downloads (SOP step 7)."""

from django.urls import path

from transaksi.views import pembayaran as v

urlpatterns = [
    path("verifikasi/<str:token>/", v.verifikasi_dokumen, name="verifikasi"),
    path("<str:nomor>/pembayaran/", v.halaman, name="pembayaran"),
    path("<str:nomor>/tagihan/terbitkan/", v.tagihan_form, name="tagihan_terbitkan"),
    path("<str:nomor>/tagihan/ganti/", v.tagihan_form, {"ganti": True}, name="tagihan_ganti"),
    path("<str:nomor>/tagihan/koreksi/", v.minta_koreksi, name="tagihan_koreksi"),
    path("<str:nomor>/tagihan/<int:pk>/pdf/", v.tagihan_pdf, name="tagihan_pdf"),
    path("<str:nomor>/tagihan/<int:pk>/contoh-data/", v.contoh_data, name="contoh_data"),
    path("<str:nomor>/bukti-bayar/", v.kirim_bukti, name="bukti_kirim"),
    path("<str:nomor>/bukti-bayar/<int:pk>/", v.bukti_bayar, name="bukti_bayar"),
    path("<str:nomor>/bukti-bayar/verifikasi/", v.verifikasi, name="bukti_verifikasi"),
    path("<str:nomor>/bukti-bayar/tolak/", v.tolak, name="bukti_tolak"),
    path("<str:nomor>/serahkan/", v.serahkan, name="serahkan"),
    path("<str:nomor>/kuitansi/pdf/", v.kuitansi_pdf, name="kuitansi_pdf"),
    path("<str:nomor>/berita-acara/<int:pk>/pdf/", v.berita_acara_pdf, name="berita_acara_pdf"),
    path("<str:nomor>/produk/<int:pk>/", v.produk, name="produk"),
]
