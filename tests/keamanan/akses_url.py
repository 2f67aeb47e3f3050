"""Expected access of every URL, per kind of user (tests/keamanan/test_akses_url.py).

Each row: the answer to a GET by (anonim, pengunjung_a, pengunjung_b,
resepsionis, petugas, supervisor, bendahara). Visitor A owns every object in the URL
(transaction, document, invoice, ticket, appointment, rating); B owns none.
  200, 403, 404, 405, 410 … the status code
  "login"  a redirect to the login page
  "302"    another redirect (e.g. an officer following a visitor link to the check page)
"""

PERAN = ("anonim", "pengunjung_a", "pengunjung_b", "resepsionis", "petugas", "supervisor", "bendahara")

# URL name → which object of the test fills each URL parameter (a parameter
# named like an object, e.g. `nomor`, needs no entry).
PARAMETER: dict[str, dict[str, str]] = {
    "akun:verifikasi": {"token": "token_verifikasi"},
    # B's reset link: redirects to the form until B logs in, then it is void (the "link invalid" page, 200).
    "akun:atur_sandi": {"token": "token_sandi"},
    "antrian:tiket_cetak": {"pk": "tiket"},
    "antrian:tiket_pdf": {"pk": "tiket"},
    "antrian:tiket_publik": {"token": "token_tiket"},
    "antrian:loket": {"pk": "loket"},
    "antrian:loket_antrian": {"pk": "loket"},
    "antrian:loket_aksi": {"pk": "loket"},
    "antrian:janji_putuskan": {"pk": "janji"},
    "antrian:janji_checkin": {"pk": "janji"},
    "antrian:koreksi_kode": {"pk": "kunjungan"},
    "antrian:buku_tamu_bulanan_unduh": {"jenis": "jenis_ekspor"},
    "transaksi:verifikasi": {"token": "token_tagihan"},
    "transaksi:tagihan_pdf": {"pk": "tagihan"},
    "transaksi:contoh_data": {"pk": "tagihan"},
    "transaksi:bukti_bayar": {"pk": "bukti"},
    "transaksi:berita_acara_pdf": {"pk": "serah_terima"},
    "transaksi:produk": {"pk": "berkas_produk"},
    "transaksi:item_hapus": {"pk": "item"},
    "transaksi:dokumen_unduh": {"pk": "dokumen"},
    "penilaian:nilai_tiket": {"token": "token_tiket"},
    "penilaian:kios_nilai": {"token": "token_tiket"},
    "penilaian:jawab": {"pk": "penilaian"},
    "penilaian:grafik": {"nama": "grafik"},
    "penilaian:laporan_detail": {"pk": "laporan"},
    "penilaian:laporan_status": {"pk": "laporan"},
    "penilaian:laporan_ulang": {"pk": "laporan"},
    "penilaian:laporan_unduh": {"pk": "laporan", "jenis": "jenis_laporan"},
    "transaksi:rekonsiliasi_unduh": {"jenis": "jenis_laporan"},
}

# URL names deliberately left out (none today; say why when adding one).
TIDAK_DIUJI: set[str] = set()

AKSES: dict[str, tuple] = {
    #                               anonim, pengunjung_a, pengunjung_b, resepsionis, petugas, supervisor, bendahara
    # Public pages and accounts. Officers cannot erase their own account (302 back to the profile).
    "beranda": (200, 200, 200, 200, 200, 200, 200),
    "privasi": (200, 200, 200, 200, 200, 200, 200),
    # Health: open to probes; readiness is 503 here because the test database has no beat heartbeat.
    "healthz": (200, 200, 200, 200, 200, 200, 200),
    "readyz": (503, 503, 503, 503, 503, 503, 503),
    "login": (200, "302", "302", "302", "302", "302", "302"),
    "logout": (405, 405, 405, 405, 405, 405, 405),
    "akun:daftar": (200, "302", "302", "302", "302", "302", "302"),
    "akun:verifikasi": ("login", "302", "302", "302", "302", "302", "302"),
    "akun:belum_verifikasi": ("login", "302", "302", "302", "302", "302", "302"),
    "akun:kirim_ulang_verifikasi": (405, 405, 405, 405, 405, 405, 405),
    "akun:profil": ("login", 200, 200, 200, 200, 200, 200),
    "akun:data_saya": ("login", 200, 200, 200, 200, 200, 200),
    "akun:hapus": ("login", 200, 200, "302", "302", "302", "302"),
    "akun:kuncian": ("login", 403, 403, 403, 200, 200, 403),
    "akun:buka_kunci": (405, 405, 405, 405, 405, 405, 405),
    "akun:lupa_sandi": (200, 200, 200, 200, 200, 200, 200),
    "akun:lupa_sandi_terkirim": (200, 200, 200, 200, 200, 200, 200),
    # B's reset link: redirects to the form until B logs in, then it is void (the "link invalid" page, 200).
    "akun:atur_sandi": ("302", "302", 200, 200, 200, 200, 200),
    "akun:ubah_sandi": ("login", 200, 200, 200, 200, 200, 200),
    # Front desk (receptionist), counters (officer), public display and ticket page (by unguessable token).
    "antrian:meja": ("login", 403, 403, 200, 403, 403, 403),
    "antrian:meja_cari": ("login", 403, 403, 200, 403, 403, 403),
    "antrian:meja_antrian": ("login", 403, 403, 200, 403, 403, 403),
    "antrian:meja_datang": (405, 405, 405, 405, 405, 405, 405),
    "antrian:kios_datang": ("login", 403, 403, 200, 403, 403, 403),
    "antrian:tiket_cetak": ("login", 403, 403, 200, 200, 200, 403),
    "antrian:tiket_pdf": ("login", 403, 403, 200, 200, 200, 403),
    "antrian:tiket_publik": (200, 200, 200, 200, 200, 200, 200),
    "antrian:loket_pilih": ("login", 403, 403, 403, 200, 200, 403),
    "antrian:loket": ("login", 403, 403, 403, 200, 200, 403),
    "antrian:loket_antrian": ("login", 403, 403, 403, 200, 200, 403),
    "antrian:loket_aksi": (405, 405, 405, 405, 405, 405, 405),
    "antrian:layar": (200, 200, 200, 200, 200, 200, 200),
    "antrian:layar_isi": (200, 200, 200, 200, 200, 200, 200),
    # The live queue monitor: officers read it, only supervisors set the display's announcement.
    "antrian:monitor": ("login", 403, 403, 403, 200, 200, 403),
    "antrian:monitor_isi": ("login", 403, 403, 403, 200, 200, 403),
    "antrian:pengumuman_layar": (405, 405, 405, 405, 405, 405, 405),
    "antrian:riwayat": ("login", 403, 403, 403, 200, 200, 403),
    "antrian:riwayat_csv": ("login", 403, 403, 403, 200, 200, 403),
    "antrian:janji_petugas": ("login", 403, 403, 403, 200, 200, 403),
    "antrian:janji_putuskan": (405, 405, 405, 405, 405, 405, 405),
    "antrian:janji_checkin": (405, 405, 405, 405, 405, 405, 405),
    "antrian:janji_baru": ("login", 200, 200, 200, 200, 200, 200),
    "antrian:janji_saya": ("login", 200, 200, 200, 200, 200, 200),
    "antrian:buku_tamu": ("login", 200, 200, 200, 200, 200, 200),
    # Guest-book data for BPS (codes to correct, the month's export): officers only.
    "antrian:perlu_koreksi": ("login", 403, 403, 403, 200, 200, 403),
    "antrian:koreksi_kode": ("login", 403, 403, 403, 200, 200, 403),
    "antrian:buku_tamu_bulanan": ("login", 403, 403, 403, 200, 200, 403),
    "antrian:buku_tamu_bulanan_unduh": ("login", 403, 403, 403, 200, 200, 403),
    # Transactions of visitor A: A and officers (200), B and the receptionist get 404 (no hint it exists);
    # POST-only actions answer 405 to a GET once the role is right; the public QR verification needs only the token.
    "transaksi:tenggat": ("login", 403, 403, 403, 200, 200, 403),
    "transaksi:verifikasi": (200, 200, 200, 200, 200, 200, 200),
    "transaksi:pembayaran": ("login", 200, 404, 404, 200, 200, 404),
    "transaksi:tagihan_terbitkan": ("login", 403, 403, 403, 200, 200, 403),
    "transaksi:tagihan_ganti": ("login", 403, 403, 403, 200, 200, 403),
    "transaksi:tagihan_koreksi": ("login", 405, 405, 405, 405, 405, 405),
    "transaksi:tagihan_pdf": ("login", 200, 404, 404, 200, 200, 404),
    "transaksi:contoh_data": ("login", 200, 404, 404, 200, 200, 404),
    "transaksi:bukti_kirim": ("login", 405, 405, 405, 405, 405, 405),
    "transaksi:bukti_bayar": ("login", 200, 404, 404, 200, 200, 404),
    "transaksi:bukti_verifikasi": ("login", 403, 403, 403, 405, 405, 403),
    "transaksi:bukti_tolak": ("login", 403, 403, 403, 405, 405, 403),
    "transaksi:koreksi_item": ("login", 403, 403, 403, 405, 405, 403),
    "transaksi:serahkan": ("login", 403, 403, 403, 200, 200, 403),
    "transaksi:kuitansi_pdf": ("login", 200, 404, 404, 200, 200, 404),
    "transaksi:berita_acara_pdf": ("login", 200, 404, 404, 200, 200, 404),
    "transaksi:produk": ("login", 200, 404, 404, 200, 200, 404),
    "transaksi:tarif": (200, 200, 200, 200, 200, 200, 200),
    "transaksi:tarif_hitung": (200, 200, 200, 200, 200, 200, 200),
    "transaksi:rincian_tarif": ("login", 403, 403, 403, "302", "302", 403),
    "transaksi:saya": ("login", 200, 200, 200, 200, 200, 200),
    "transaksi:baru": ("login", 200, 200, 200, 200, 200, 200),
    "transaksi:periksa": ("login", 403, 403, 403, 200, 200, 403),
    "transaksi:periksa_detail": ("login", 403, 403, 403, 200, 200, 403),
    "transaksi:periksa_ambil": ("login", 403, 403, 403, 405, 405, 403),
    "transaksi:periksa_lengkap": ("login", 403, 403, 403, 405, 405, 403),
    "transaksi:periksa_perbaikan": ("login", 403, 403, 403, 405, 405, 403),
    "transaksi:periksa_batalkan": ("login", 403, 403, 403, 405, 405, 403),
    "transaksi:item_tambah": ("login", 405, 405, 405, 405, 405, 405),
    "transaksi:item_hapus": ("login", 405, 405, 405, 405, 405, 405),
    "transaksi:dokumen_unggah": ("login", 405, 405, 405, 405, 405, 405),
    "transaksi:dokumen_unduh": ("login", 200, 404, 404, 200, 200, 404),
    "transaksi:ajukan": ("login", 405, 405, 405, 405, 405, 405),
    "transaksi:batalkan": ("login", 405, 405, 405, 405, 405, 405),
    "transaksi:detail": ("login", 200, 404, 404, "302", "302", 404),
    # Rating: only the owner rates their transaction; the ticket page and kiosk go by the ticket's token.
    "penilaian:nilai_transaksi": ("login", 200, 404, 404, 404, 404, 404),
    "penilaian:nilai_tiket": (200, 200, 200, 200, 200, 200, 200),
    "penilaian:kios": ("login", 403, 403, 200, 200, 200, 403),
    "penilaian:kios_nilai": ("login", 403, 403, 200, 200, 200, 403),
    "penilaian:umpan_balik": ("login", 403, 403, 403, 200, 200, 403),
    "penilaian:jawab": (405, 405, 405, 405, 405, 405, 405),
    "penilaian:dasbor": ("login", 403, 403, 403, 403, 200, 403),
    "penilaian:grafik": ("login", 403, 403, 403, 403, 200, 403),
    "penilaian:laporan": ("login", 403, 403, 403, 403, 200, 403),
    "penilaian:skm": ("login", 403, 403, 403, 403, 200, 403),
    "penilaian:skm_xlsx": ("login", 403, 403, 403, 403, 200, 403),
    "penilaian:laporan_detail": ("login", 403, 403, 403, 403, 200, 403),
    "penilaian:laporan_status": ("login", 403, 403, 403, 403, 200, 403),
    "penilaian:laporan_ulang": (405, 405, 405, 405, 405, 405, 405),
    "penilaian:laporan_unduh": ("login", 403, 403, 403, 403, 200, 403),
    # The back office: staff only (the admin's own login page for everyone else).
    "admin:index": ("login", "login", "login", 200, 200, 200, 200),
}
AKSES.update(
    {
        # The treasurer's reconciliation (supervisors hold the treasurer's role too).
        "transaksi:rekonsiliasi": ("login", 403, 403, 403, 403, 200, 200),
        "transaksi:rekonsiliasi_unduh": ("login", 403, 403, 403, 403, 200, 200),
    }
)
