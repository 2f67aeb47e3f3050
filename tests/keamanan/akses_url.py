"""Expected access of every URL, per kind of user (tests/keamanan/test_akses_url.py).

Each row: the answer to a GET by (anonim, pengunjung_a, pengunjung_b,
resepsionis, petugas, supervisor, bendahara); the last column, the province
supervisor (pengawas_provinsi), is derived at the end of this file: what a
supervisor gets, with the few exceptions named there. Visitor A owns every object in the URL
(transaction, document, invoice, ticket, appointment, rating); B owns none.
  200, 403, 404, 405, 410 … the status code
  "login"  a redirect to the login page
  "302"    another redirect (e.g. an officer following a visitor link to the check page)
"""

PERAN = (
    "anonim",
    "pengunjung_a",
    "pengunjung_b",
    "resepsionis",
    "petugas",
    "supervisor",
    "bendahara",
    "pengawas_provinsi",
)

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
    "antrian:janji_batal": {"pk": "janji"},
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
    "transaksi:pengembalian_surat": {"pk": "pengembalian"},
    "transaksi:pengembalian_proses": {"pk": "pengembalian"},
    "transaksi:pengembalian_setujui": {"pk": "pengembalian"},
    "transaksi:pengembalian_tolak": {"pk": "pengembalian"},
}

# URL names deliberately left out (none today; say why when adding one).
TIDAK_DIUJI: set[str] = set()

# Access patterns many URLs share, in the order of PERAN.
TERBUKA = (200, 200, 200, 200, 200, 200, 200)  # anyone, logged in or not
HANYA_POST = (405, 405, 405, 405, 405, 405, 405)  # POST-only, no login needed to reach it
MASUK = ("login", 200, 200, 200, 200, 200, 200)  # any logged-in user
MASUK_POST = ("login", 405, 405, 405, 405, 405, 405)  # POST-only, any logged-in user
PETUGAS = ("login", 403, 403, 403, 200, 200, 403)  # officers (supervisors are officers too)
PETUGAS_POST = ("login", 403, 403, 403, 405, 405, 403)  # POST-only, officers
MILIK_A = ("login", 200, 404, 404, 200, 200, 404)  # visitor A's object: A and officers; 404 to the others
SUPERVISOR = ("login", 403, 403, 403, 403, 200, 403)  # supervisors
RESEPSIONIS = ("login", 403, 403, 200, 403, 403, 403)  # the front desk
LAYANAN = ("login", 403, 403, 200, 200, 200, 403)  # receptionist and officers
BENDAHARA = ("login", 403, 403, 403, 403, 200, 200)  # the treasurer (supervisors hold the role too)
BENDAHARA_POST = ("login", 403, 403, 403, 403, 405, 405)  # POST-only, the treasurer
SUPERVISOR_POST = ("login", 403, 403, 403, 403, 405, 403)  # POST-only, supervisors
PEMERIKSA_POST = ("login", 403, 403, 403, 405, 405, 405)  # POST-only, officers and the treasurer

AKSES: dict[str, tuple] = {
    #                               anonim, pengunjung_a, pengunjung_b, resepsionis, petugas, supervisor, bendahara
    # Public pages and accounts. Officers cannot erase their own account (302 back to the profile).
    "beranda": TERBUKA,
    "privasi": TERBUKA,
    "favicon": ("302", "302", "302", "302", "302", "302", "302"),  # to the static icon
    # The language switcher (POST only) and the JavaScript strings of the reader's language.
    "set_language": HANYA_POST,
    "javascript-catalog": TERBUKA,
    "pilih_kantor": TERBUKA,
    # Health: open to probes; readiness is 503 here because the test database has no beat heartbeat.
    "healthz": TERBUKA,
    "readyz": (503, 503, 503, 503, 503, 503, 503),
    "login": (200, "302", "302", "302", "302", "302", "302"),
    "logout": HANYA_POST,
    "akun:daftar": (200, "302", "302", "302", "302", "302", "302"),
    "akun:verifikasi": ("login", "302", "302", "302", "302", "302", "302"),
    "akun:belum_verifikasi": ("login", "302", "302", "302", "302", "302", "302"),
    "akun:kirim_ulang_verifikasi": HANYA_POST,
    "akun:profil": MASUK,
    "akun:data_saya": MASUK,
    "akun:hapus": ("login", 200, 200, "302", "302", "302", "302"),
    "akun:kuncian": PETUGAS,
    "akun:buka_kunci": HANYA_POST,
    "akun:lupa_sandi": TERBUKA,
    "akun:lupa_sandi_terkirim": TERBUKA,
    # B's reset link: redirects to the form until B logs in, then it is void (the "link invalid" page, 200).
    "akun:atur_sandi": ("302", "302", 200, 200, 200, 200, 200),
    "akun:ubah_sandi": MASUK,
    # Front desk (receptionist), counters (officer), public display and ticket page (by unguessable token).
    "antrian:meja": RESEPSIONIS,
    "antrian:meja_cari": RESEPSIONIS,
    "antrian:meja_antrian": RESEPSIONIS,
    "antrian:meja_datang": HANYA_POST,
    "antrian:kios_datang": RESEPSIONIS,
    "antrian:tiket_cetak": LAYANAN,
    "antrian:tiket_pdf": LAYANAN,
    "antrian:tiket_publik": TERBUKA,
    "antrian:loket_pilih": PETUGAS,
    "antrian:loket": PETUGAS,
    "antrian:loket_antrian": PETUGAS,
    "antrian:loket_aksi": HANYA_POST,
    "antrian:layar": TERBUKA,
    "antrian:layar_isi": TERBUKA,
    # The live queue monitor: officers read it, only supervisors set the display's announcement.
    "antrian:monitor": PETUGAS,
    "antrian:monitor_isi": PETUGAS,
    "antrian:pengumuman_layar": HANYA_POST,
    "antrian:riwayat": PETUGAS,
    "antrian:riwayat_csv": PETUGAS,
    "antrian:janji_petugas": PETUGAS,
    "antrian:janji_putuskan": HANYA_POST,
    "antrian:janji_checkin": HANYA_POST,
    "antrian:janji_baru": MASUK,
    "antrian:janji_saya": MASUK,
    "antrian:janji_batal": HANYA_POST,
    "antrian:janji_meja": RESEPSIONIS,
    "antrian:buku_tamu": MASUK,
    # Guest-book data for BPS (codes to correct, the month's export): officers only.
    "antrian:perlu_koreksi": PETUGAS,
    "antrian:koreksi_kode": PETUGAS,
    "antrian:buku_tamu_bulanan": PETUGAS,
    "antrian:buku_tamu_bulanan_unduh": PETUGAS,
    # Transactions of visitor A: A and officers (200), B and the receptionist get 404 (no hint it exists);
    # POST-only actions answer 405 to a GET once the role is right; the public QR verification needs only the token.
    "transaksi:tenggat": PETUGAS,
    "transaksi:verifikasi": TERBUKA,
    "transaksi:pembayaran": MILIK_A,
    "transaksi:tagihan_terbitkan": PETUGAS,
    "transaksi:tagihan_ganti": PETUGAS,
    "transaksi:tagihan_koreksi": MASUK_POST,
    "transaksi:tagihan_pdf": MILIK_A,
    "transaksi:contoh_data": MILIK_A,
    "transaksi:bukti_kirim": MASUK_POST,
    "transaksi:bukti_bayar": MILIK_A,
    # Officers, and the treasurer for a transfer (a GET reaches the role check, then 405).
    "transaksi:bukti_verifikasi": PEMERIKSA_POST,
    "transaksi:bukti_tolak": PEMERIKSA_POST,
    "transaksi:koreksi_item": PETUGAS_POST,
    "transaksi:koreksi_item_buka": PETUGAS_POST,
    "transaksi:koreksi_item_pemohon": MASUK_POST,
    "transaksi:serahkan": PETUGAS,
    "transaksi:kuitansi_pdf": MILIK_A,
    "transaksi:berita_acara_pdf": MILIK_A,
    "transaksi:produk": MILIK_A,
    "transaksi:tarif": TERBUKA,
    "transaksi:tarif_hitung": TERBUKA,
    "transaksi:rincian_tarif": ("login", 403, 403, 403, "302", "302", 403),
    "transaksi:saya": MASUK,
    "transaksi:baru": MASUK,
    "transaksi:periksa": PETUGAS,
    "transaksi:pengunjung": PETUGAS,
    "transaksi:periksa_detail": PETUGAS,
    "transaksi:periksa_ambil": PETUGAS_POST,
    "transaksi:periksa_lengkap": PETUGAS_POST,
    "transaksi:periksa_perbaikan": PETUGAS_POST,
    "transaksi:periksa_batalkan": PETUGAS_POST,
    "transaksi:item_tambah": MASUK_POST,
    "transaksi:item_hapus": MASUK_POST,
    "transaksi:dokumen_unggah": MASUK_POST,
    "transaksi:dokumen_unduh": MILIK_A,
    "transaksi:ajukan": MASUK_POST,
    "transaksi:nol_rupiah": MASUK_POST,
    "transaksi:batalkan": MASUK_POST,
    "transaksi:detail": ("login", 200, 404, 404, "302", "302", 404),
    # Rating: only the owner rates their transaction; the ticket page and kiosk go by the ticket's token.
    "penilaian:nilai_transaksi": ("login", 200, 404, 404, 404, 404, 404),
    "penilaian:nilai_tiket": TERBUKA,
    "penilaian:kios": LAYANAN,
    "penilaian:kios_nilai": LAYANAN,
    "penilaian:umpan_balik": PETUGAS,
    "penilaian:jawab": HANYA_POST,
    "penilaian:dasbor": SUPERVISOR,
    # The province supervisor's only (the derived last column; tests/penilaian/test_provinsi.py).
    "penilaian:provinsi": ("login", 403, 403, 403, 403, 403, 403),
    "penilaian:grafik": SUPERVISOR,
    "penilaian:laporan": SUPERVISOR,
    "penilaian:skm": SUPERVISOR,
    "penilaian:skm_xlsx": SUPERVISOR,
    "penilaian:laporan_detail": SUPERVISOR,
    "penilaian:laporan_status": SUPERVISOR,
    "penilaian:laporan_ulang": HANYA_POST,
    "penilaian:laporan_unduh": SUPERVISOR,
    # The back office: staff only (the admin's own login page for everyone else).
    "admin:index": ("login", "login", "login", 200, 200, 200, 200),
}
AKSES.update(
    {
        # The treasurer's reconciliation (supervisors hold the treasurer's role too).
        "transaksi:rekonsiliasi": BENDAHARA,
        "transaksi:rekonsiliasi_unduh": BENDAHARA,
        # The treasurer's cash counter; its receipt URL serves cash receipts only (A paid through SIMPONI: 404).
        "transaksi:kas": BENDAHARA,
        "transaksi:kas_terima": BENDAHARA,
        "transaksi:kas_kuitansi": ("login", 403, 403, 403, 403, 404, 404),
        # Transfer proofs waiting for the treasurer's check.
        "transaksi:kas_transfer": BENDAHARA,
        # The visitor's transfer proof: POST only.
        "transaksi:bukti_transfer": MASUK_POST,
        # Refunds of PNBP: an officer proposes, a supervisor decides, the treasurer processes; the
        # request letter is for the payer (A) and the office's staff.
        "transaksi:pengembalian_daftar": BENDAHARA,
        "transaksi:pengembalian_proses": BENDAHARA_POST,
        "transaksi:pengembalian_surat": ("login", 200, 404, 404, 200, 200, 200),
        "transaksi:pengembalian_usulkan": PETUGAS_POST,
        "transaksi:pengembalian_setujui": SUPERVISOR_POST,
        "transaksi:pengembalian_tolak": SUPERVISOR_POST,
    }
)

# The province supervisor (Pengawas Provinsi) holds a supervisor's rights in
# every office: the same answers as the supervisor's column, except where named.
PENGAWAS_BERBEDA = {"penilaian:provinsi": 200}
AKSES = {nama: (*baris, PENGAWAS_BERBEDA.get(nama, baris[5])) for nama, baris in AKSES.items()}
