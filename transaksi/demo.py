"""Demo transactions for a local run (`manage.py demo`): a few in different
statuses for the demo visitors, made through the services. Safe to run twice:
a visitor's transaction with the same purpose is not made again.

The money ones give the current month an invoice in every state — paid,
expired, replaced, void — and a refund, so the treasurer's reconciliation
of the demo month has something to reconcile."""

from __future__ import annotations

import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from transaksi import selectors, services, tenggat
from transaksi.models import Produk, Transaksi
from transaksi.services import pembayaran, pengembalian, penyerahan

# A minimal valid PDF: enough for the content check and for a browser to open.
PDF_DEMO = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"  # noqa: E501

# email, purpose, price class, [(product, quantity, title)], how far it goes
RENCANA = [
    (
        "pengunjung@demo.pst",
        "Skripsi: determinan kemiskinan rumah tangga di Provinsi Bengkulu",
        "berbayar",
        [("mikrodata-tanpa-olah", 2_500_000, "Susenas Maret 2025 Provinsi Bengkulu")],
        "perlu_perbaikan",
    ),
    (
        "pengunjung@demo.pst",
        "Bahan bacaan tugas akhir",
        "berbayar",
        [("publikasi-elektronik", 120, "Provinsi Bengkulu Dalam Angka 2026")],
        "draf",
    ),
    (
        "peneliti@demo.pst",
        "Penelitian dosen (hibah internal universitas), non-komersial",
        "nol_rupiah",
        [("mikrodata-olah", 1_800_000, "Sakernas Agustus 2025: tabulasi pengangguran per kabupaten")],
        "diajukan",
    ),
    (
        "peneliti@demo.pst",
        "Peta dasar lokasi penelitian lapangan",
        "nol_rupiah",
        [("peta-kabkota-desa", 2, "Peta wilkerstat Kota Bengkulu per desa")],
        "diproses",
    ),
    (
        "swasta@demo.pst",
        "Studi kelayakan pasar untuk klien",
        "berbayar",
        [
            ("publikasi-elektronik", 75, "Statistik Harga Produsen 2025"),
            ("peta-kabkota-kecamatan", 3, "Peta wilkerstat Kabupaten Bengkulu Utara per kecamatan"),
        ],
        "menunggu_tagihan",
    ),
    (
        "swasta@demo.pst",
        "Analisis pasar properti untuk rencana usaha",
        "berbayar",
        [("publikasi-elektronik", 60, "Statistik Perumahan Provinsi Bengkulu 2025")],
        "diserahkan",
    ),
    (
        "peneliti@demo.pst",
        "Bahan ajar mata kuliah statistik sosial",
        "nol_rupiah",
        [("publikasi-elektronik", 180, "Statistik Kesejahteraan Rakyat Provinsi Bengkulu 2025")],
        "diserahkan",
    ),
    (
        "swasta@demo.pst",
        "Survei lokasi gerai ritel",
        "berbayar",
        [("publikasi-elektronik", 40, "Statistik Perdagangan Provinsi Bengkulu 2025")],
        "kedaluwarsa",
    ),
    (
        "pengunjung@demo.pst",
        "Makalah seminar ekonomi pembangunan",
        "berbayar",
        [("publikasi-elektronik", 90, "Produk Domestik Regional Bruto Provinsi Bengkulu 2025")],
        "diganti",
    ),
    (
        "swasta@demo.pst",
        "Kajian pasar pertanian untuk investor",
        "berbayar",
        [("publikasi-elektronik", 55, "Statistik Tanaman Pangan Provinsi Bengkulu 2025")],
        "batal",
    ),
    (
        "peneliti@demo.pst",
        "Konsultansi evaluasi program daerah (berbayar)",
        "berbayar",
        [("mikrodata-tanpa-olah", 1_200_000, "Susenas Maret 2025 tingkat desa Kabupaten Kaur")],
        "dikembalikan",
    ),
    (
        "pengunjung@demo.pst",
        "Tugas mata kuliah ekonomi regional",
        "nol_rupiah",
        [("peta-kabkota-kecamatan", 1, "Peta wilkerstat Kabupaten Seluma per kecamatan")],
        "selesai",
    ),
]


def _berkas(nama):
    return SimpleUploadedFile(nama, PDF_DEMO, content_type="application/pdf")


def _buat(pemohon, petugas, keperluan, kelas_harga, item, tujuan) -> Transaksi:
    t = services.buat_transaksi(pemohon, keperluan, kelas_harga)
    for kode, jumlah, uraian in item:
        services.tambah_item(t, Produk.objects.get(kode=kode), jumlah, uraian, pemohon)
    if tujuan == "draf":
        return t
    for jenis in selectors.dokumen_wajib(t):
        services.unggah_dokumen(t, jenis, _berkas(f"{jenis.kode}.pdf"), pemohon)
    t = services.ajukan(t, pemohon)
    if tujuan == "perlu_perbaikan":
        abstraksi = t.dokumen.aktif().filter(jenis__kode="abstraksi").first()
        catatan = (
            {abstraksi.pk: "Sebutkan variabel Susenas yang dibutuhkan dan metode analisisnya."} if abstraksi else {}
        )
        return services.minta_perbaikan(t, petugas, catatan, "" if catatan else "Lengkapi abstraksi.")
    if tujuan == "diajukan":
        return t
    services.ambil_tugas(t, petugas)
    t = services.nyatakan_lengkap(t, petugas, True if kelas_harga == "nol_rupiah" else None)
    if tujuan in ("menunggu_tagihan", "diproses"):
        return t
    if tujuan in UANG:
        return UANG[tujuan](t, petugas)
    if t.total > 0:  # invoice, payment (the delivery clock pauses, then resumes), verification
        t = _bayar(t, petugas)
    # "selesai": delivered here, rated by the rating app's demo (penilaian/demo.py).
    return _serahkan(t, petugas)


def _bayar(t, petugas) -> Transaksi:
    tagihan = pembayaran.terbitkan_tagihan(t, petugas, _isian(t))
    pembayaran.kirim_bukti_bayar(t, t.pemohon, f"DEMO{tagihan.pk:012d}", _berkas("bpn-demo.pdf"))
    return pembayaran.verifikasi_pembayaran(t, petugas)


def _isian(t, **lain) -> dict:
    return {"kode_billing": f"82026{t.pk:010d}", "jumlah_billing": str(int(t.total)), **lain}


def _kedaluwarsa(t, petugas) -> Transaksi:
    """An invoice left unpaid past its expiry and marked by the expiry job:
    a code valid for one second, then the job (the demo happens now)."""
    tagihan = pembayaran.terbitkan_tagihan(
        t, petugas, _isian(t, kedaluwarsa_pada=timezone.now() + timedelta(seconds=1))
    )
    time.sleep(max(0.0, (tagihan.kedaluwarsa_pada - timezone.now()).total_seconds()) + 0.05)
    tenggat.tagihan_kedaluwarsa(ids=[tagihan.pk])
    t.refresh_from_db()
    return t


def _diganti(t, petugas) -> Transaksi:
    """The visitor asked for a corrected invoice; the officer issued a new one."""
    pembayaran.terbitkan_tagihan(t, petugas, _isian(t))
    pembayaran.minta_koreksi_tagihan(t, t.pemohon, "Mohon nama instansi pada tagihan dilengkapi.")
    pembayaran.terbitkan_tagihan(t, petugas, {**_isian(t), "kode_billing": f"82027{t.pk:010d}"})
    t.refresh_from_db()
    return t


def _batal(t, petugas) -> Transaksi:
    """The officer corrected the pages after issuing: that invoice is void
    and a new one is waiting to be paid."""
    pembayaran.terbitkan_tagihan(t, petugas, _isian(t))
    item = t.item.get()
    t = pembayaran.koreksi_item(t, petugas, {item.pk: item.jumlah - 10}, "Jumlah halaman publikasi dihitung ulang.")
    pembayaran.terbitkan_tagihan(t, petugas, {**_isian(t), "kode_billing": f"82027{t.pk:010d}"})
    t.refresh_from_db()
    return t


def _dikembalikan(t, petugas) -> Transaksi:
    """Paid, then found undeliverable: refunded on the supervisor's approval."""
    supervisor = get_user_model().objects.get(email="supervisor@demo.pst")
    t = _bayar(t, petugas)
    rekening = pengembalian.Rekening(t.pemohon.nama_lengkap, "0021 0100 4567 501", "Bank Rakyat Indonesia")
    alasan = "Data Susenas tingkat desa tidak dapat diberikan karena jumlah sampel terlalu kecil."
    pengembalian.setujui(pengembalian.usulkan(t, petugas, alasan, rekening), supervisor)
    t.refresh_from_db()
    return t


UANG = {"kedaluwarsa": _kedaluwarsa, "diganti": _diganti, "batal": _batal, "dikembalikan": _dikembalikan}


def _serahkan(t, petugas) -> Transaksi:
    produk = SimpleUploadedFile("produk-demo.csv", b"kode,wilayah\n1705,SELUMA\n", content_type="text/csv")
    return penyerahan.serahkan_produk(t, petugas, [produk], catatan="Produk demo.")


def isi_demo(stdout) -> None:
    User = get_user_model()
    petugas = User.objects.filter(email="petugas@demo.pst").first()
    if petugas is None:
        return
    dibuat = 0
    for email, keperluan, kelas_harga, item, tujuan in RENCANA:
        pemohon = User.objects.filter(email=email).first()
        if pemohon is None or Transaksi.objects.filter(pemohon=pemohon, keperluan=keperluan).exists():
            continue
        _buat(pemohon, petugas, keperluan, kelas_harga, item, tujuan)
        dibuat += 1
    stdout.write(f"Transaksi demo: {dibuat} dibuat, {len(RENCANA) - dibuat} sudah ada.")
