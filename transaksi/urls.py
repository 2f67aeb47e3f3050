"""URLs of the transaksi app, one namespace. Keep `<str:nomor>/` last: it
would swallow every other one-segment path."""

from django.urls import path

from transaksi.views import kanal, pembayaran, pengembalian, rekonsiliasi, tenggat, transaksi

app_name = "transaksi"
urlpatterns = [
    # Deadline board (SOP steps 5 and 7 clocks).
    path("tenggat/", tenggat.papan, name="tenggat"),
    path("rekonsiliasi/", rekonsiliasi.halaman, name="rekonsiliasi"),
    path("kas/", kanal.kas, name="kas"),
    # Before kas/<nomor>/, which would take it for a transaction number.
    path("kas/transfer/", kanal.kas_transfer, name="kas_transfer"),
    path("kas/<str:nomor>/", kanal.kas_terima, name="kas_terima"),
    path("kas/<str:nomor>/kuitansi/", kanal.kas_kuitansi, name="kas_kuitansi"),
    path("rekonsiliasi/unduh/<str:jenis>/", rekonsiliasi.unduh, name="rekonsiliasi_unduh"),
    # Refunds of PNBP: the treasurer's list, the request letter.
    path("pengembalian/", pengembalian.daftar, name="pengembalian_daftar"),
    path("pengembalian/<int:pk>/proses/", pengembalian.proses, name="pengembalian_proses"),
    path("pengembalian/<int:pk>/surat.pdf", pengembalian.surat_pdf, name="pengembalian_surat"),
    # Invoice, payment proof, verification, delivery, downloads (SOP step 7).
    path("verifikasi/<str:token>/", pembayaran.verifikasi_dokumen, name="verifikasi"),
    path("<str:nomor>/pembayaran/", pembayaran.halaman, name="pembayaran"),
    path("<str:nomor>/tagihan/terbitkan/", pembayaran.tagihan_form, name="tagihan_terbitkan"),
    path("<str:nomor>/tagihan/ganti/", pembayaran.tagihan_form, {"ganti": True}, name="tagihan_ganti"),
    path("<str:nomor>/tagihan/koreksi/", pembayaran.minta_koreksi, name="tagihan_koreksi"),
    path("<str:nomor>/tagihan/<int:pk>/pdf/", pembayaran.tagihan_pdf, name="tagihan_pdf"),
    path("<str:nomor>/tagihan/<int:pk>/contoh-data/", pembayaran.contoh_data, name="contoh_data"),
    path("<str:nomor>/bukti-bayar/", pembayaran.kirim_bukti, name="bukti_kirim"),
    path("<str:nomor>/bukti-transfer/", kanal.kirim_transfer, name="bukti_transfer"),
    path("<str:nomor>/bukti-bayar/<int:pk>/", pembayaran.bukti_bayar, name="bukti_bayar"),
    path("<str:nomor>/bukti-bayar/verifikasi/", pembayaran.verifikasi, name="bukti_verifikasi"),
    path("<str:nomor>/bukti-bayar/tolak/", pembayaran.tolak, name="bukti_tolak"),
    path("<str:nomor>/koreksi-item/", pembayaran.koreksi_item, name="koreksi_item"),
    path("<str:nomor>/koreksi-item/pemohon/", pembayaran.koreksi_item_pemohon, name="koreksi_item_pemohon"),
    path("<str:nomor>/koreksi-item/buka/", pembayaran.buka_koreksi_item, name="koreksi_item_buka"),
    path("<str:nomor>/pengembalian/usulkan/", pengembalian.usulkan, name="pengembalian_usulkan"),
    path("<str:nomor>/pengembalian/<int:pk>/setujui/", pengembalian.setujui, name="pengembalian_setujui"),
    path("<str:nomor>/pengembalian/<int:pk>/tolak/", pengembalian.tolak, name="pengembalian_tolak"),
    path("<str:nomor>/serahkan/", pembayaran.serahkan, name="serahkan"),
    path("<str:nomor>/kuitansi/pdf/", pembayaran.kuitansi_pdf, name="kuitansi_pdf"),
    path("<str:nomor>/berita-acara/<int:pk>/pdf/", pembayaran.berita_acara_pdf, name="berita_acara_pdf"),
    path("<str:nomor>/produk/<int:pk>/", pembayaran.produk, name="produk"),
    # Catalogue, tariff explanation, the visitor's transactions and the
    # officer's completeness check (SOP steps 4–7a).
    path("tarif/", transaksi.tarif, name="tarif"),
    path("tarif/hitung/", transaksi.tarif_hitung, name="tarif_hitung"),
    path("tarif/rincian.pdf", transaksi.rincian_tarif_pdf, name="rincian_tarif"),
    path("saya/", transaksi.saya, name="saya"),
    path("baru/", transaksi.baru, name="baru"),
    path("periksa/", transaksi.periksa_daftar, name="periksa"),
    path("pengunjung/<int:pengunjung>/", transaksi.transaksi_pengunjung, name="pengunjung"),
    path("periksa/<str:nomor>/", transaksi.periksa_detail, name="periksa_detail"),
    path("periksa/<str:nomor>/ambil/", transaksi.periksa_ambil, name="periksa_ambil"),
    path("periksa/<str:nomor>/lengkap/", transaksi.periksa_lengkap, name="periksa_lengkap"),
    path("periksa/<str:nomor>/perbaikan/", transaksi.periksa_perbaikan, name="periksa_perbaikan"),
    path("periksa/<str:nomor>/batalkan/", transaksi.periksa_batalkan, name="periksa_batalkan"),
    path("<str:nomor>/item/", transaksi.item_tambah, name="item_tambah"),
    path("<str:nomor>/item/<int:pk>/hapus/", transaksi.item_hapus, name="item_hapus"),
    path("<str:nomor>/dokumen/", transaksi.dokumen_unggah, name="dokumen_unggah"),
    path("<str:nomor>/dokumen/<int:pk>/", transaksi.dokumen_unduh, name="dokumen_unduh"),
    path("<str:nomor>/nol-rupiah/", transaksi.nol_rupiah, name="nol_rupiah"),
    path("<str:nomor>/ajukan/", transaksi.ajukan, name="ajukan"),
    path("<str:nomor>/batalkan/", transaksi.batalkan, name="batalkan"),
    path("<str:nomor>/", transaksi.detail, name="detail"),
]
