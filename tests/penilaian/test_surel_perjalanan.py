"""The e-mails a walk-in visitor receives over the whole SOP, step by step:
at most one per change of status, none for their own move except a receipt
where it matters, each naming the next step and a deadline, and never their
own words sent back to them as an officer's note. README ("E-mails") lists
what this walk produces."""

from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from antrian import services as antrian
from antrian.models import Loket
from penilaian import services as penilaian
from pst_layanan.kalender import WIB
from tests import pabrik
from tests.penilaian.conftest import SEMUA_4, layanan_b
from transaksi import selectors
from transaksi import services as transaksi
from transaksi.models import Status
from transaksi.services import pembayaran, penyerahan

pytestmark = pytest.mark.django_db

KATA_PEMOHON = "Ukuran data seharusnya 1,5 MB"


def _langkah_langkah(pengunjung, petugas, loket):
    """(instant, step, action) of one walk-in through steps 2–8."""
    keadaan = {}

    def tiket():
        keadaan["tiket"] = antrian.kunjungan_langsung(petugas, layanan_b(), pengunjung=pengunjung, keperluan="Data")

    def dilayani():
        antrian.panggil(keadaan["tiket"], loket, petugas)
        antrian.mulai_layani(keadaan["tiket"], loket, petugas)
        antrian.selesai(keadaan["tiket"], loket, petugas, "penjelasan")

    def draf():
        keadaan["t"] = pabrik.transaksi_draf(pengunjung)

    def t():
        keadaan["t"].refresh_from_db()
        return keadaan["t"]

    def perbaikan():
        dok = t().dokumen.aktif().first()
        keadaan["jenis"] = dok.jenis
        transaksi.minta_perbaikan(t(), petugas, {dok.pk: "Pindaian KTM buram; unggah ulang yang jelas."})

    def ajukan_ulang():
        transaksi.unggah_dokumen(t(), keadaan["jenis"], pabrik.berkas_pdf("ktm-jelas.pdf"), pengunjung)
        transaksi.ajukan(t(), pengunjung)

    def tagihan(kode):
        return lambda: pembayaran.terbitkan_tagihan(t(), petugas, {"kode_billing": kode, "jumlah_billing": "50.000"})

    return [
        (datetime(2026, 4, 7, 9, 0), "tiket", tiket),
        (datetime(2026, 4, 7, 9, 5), "dilayani di loket", dilayani),
        (datetime(2026, 4, 7, 9, 20), "draf dan dokumen", draf),
        (datetime(2026, 4, 7, 9, 30), "diajukan", lambda: transaksi.ajukan(t(), pengunjung)),
        (datetime(2026, 4, 7, 13, 0), "perlu perbaikan", perbaikan),
        (datetime(2026, 4, 8, 8, 30), "diajukan kembali", ajukan_ulang),
        (datetime(2026, 4, 8, 10, 0), "lengkap", lambda: transaksi.nyatakan_lengkap(t(), petugas)),
        (datetime(2026, 4, 8, 14, 0), "tagihan terbit", tagihan("820260408000001")),
        (
            datetime(2026, 4, 9, 9, 0),
            "minta koreksi tagihan",
            lambda: pembayaran.minta_koreksi_tagihan(t(), pengunjung, f"{KATA_PEMOHON}, bukan 2,5 MB."),
        ),
        (datetime(2026, 4, 9, 11, 0), "tagihan baru terbit", tagihan("820260409000002")),
        (
            datetime(2026, 4, 10, 9, 0),
            "bukti bayar dikirim",
            lambda: pembayaran.kirim_bukti_bayar(t(), pengunjung, "0A1B2C3D4E5F6G7H", pabrik.berkas_pdf("bpn.pdf")),
        ),
        (
            datetime(2026, 4, 10, 13, 0),
            "pembayaran terverifikasi",
            lambda: pembayaran.verifikasi_pembayaran(t(), petugas),
        ),
        (
            datetime(2026, 4, 14, 10, 0),
            "produk diserahkan",
            lambda: penyerahan.serahkan_produk(t(), petugas, [SimpleUploadedFile("susenas.csv", b"a,b\n" * 700)]),
        ),
        (datetime(2026, 4, 14, 15, 0), "dinilai", lambda: penilaian.beri_penilaian(t(), pengunjung, SEMUA_4)),
    ], t


def test_pengunjung_langsung_menerima_satu_surel_per_perubahan_tanpa_gema(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    loket = Loket.objects.create(nomor=1)
    loket.layanan.add(layanan_b())
    langkah, t = _langkah_langkah(pengunjung, petugas, loket)
    diterima = {}
    for waktu, nama, aksi in langkah:
        with time_machine.travel(waktu.replace(tzinfo=WIB), tick=False):
            mail.outbox.clear()
            with django_capture_on_commit_callbacks(execute=True):
                aksi()
            diterima[nama] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert t().status == Status.SELESAI

    assert {nama: [m.subject for m in surel] for nama, surel in diterima.items()} == {
        "tiket": [],
        "dilayani di loket": [],
        "draf dan dokumen": [],
        "diajukan": [f"Transaksi {t().nomor}: Diajukan, menunggu pemeriksaan"],
        "perlu perbaikan": [f"Transaksi {t().nomor}: Perlu perbaikan persyaratan"],
        "diajukan kembali": [f"Transaksi {t().nomor}: Diajukan, menunggu pemeriksaan"],
        "lengkap": [f"Transaksi {t().nomor}: Lengkap, menunggu tagihan"],
        "tagihan terbit": [f"Tagihan INV/1700/2026/000001 untuk transaksi {t().nomor}"],
        "minta koreksi tagihan": [],
        "tagihan baru terbit": [f"Tagihan INV/1700/2026/000002 untuk transaksi {t().nomor}"],
        "bukti bayar dikirim": [f"Transaksi {t().nomor}: Bukti bayar menunggu verifikasi"],
        "pembayaran terverifikasi": [f"Transaksi {t().nomor}: Diproses"],
        "produk diserahkan": [f"Produk transaksi {t().nomor} siap diunduh"],
        "dinilai": [],
    }
    isi = {nama: surel[0].body for nama, surel in diterima.items() if surel}
    # Receipts say what arrived; nothing the visitor did comes back as an officer's note.
    assert "Pengajuan Anda telah kami terima." in isi["diajukan"] and "Catatan petugas" not in isi["diajukan"]
    assert "Bukti bayar Anda telah kami terima." in isi["bukti bayar dikirim"]
    assert not any("Catatan petugas" in isi[n] for n in ("diajukan", "diajukan kembali", "bukti bayar dikirim"))
    assert not any(KATA_PEMOHON in b or "Diajukan." in b for b in isi.values())
    # The officer's own note does reach the visitor, with the next step and its deadline.
    assert "Catatan petugas:" in isi["perlu perbaikan"] and "Pindaian KTM buram" in isi["perlu perbaikan"]
    assert "paling lambat 3 hari kerja" in isi["perlu perbaikan"]
    assert "Kami memeriksa kelengkapan persyaratan paling lambat Jumat, 10 April 2026" in isi["diajukan"]
    assert "Berlaku sampai" in isi["tagihan terbit"]
    assert "Produk kami serahkan paling lambat" in isi["pembayaran terverifikasi"]
    assert "Unduh produk dan dokumen sampai" in isi["produk diserahkan"]
    # Sizes are said in bytes, the unit people read, never "bita".
    assert "susenas.csv (2,7 KB)" in isi["produk diserahkan"] and "bita" not in isi["produk diserahkan"]
    for nama, body in isi.items():
        assert "Langkah berikutnya" in body or "Setelah membayar" in body or "penilaian" in body, nama


def test_batas_langkah_pemohon_menyebut_kedaluwarsa_tagihan(pengunjung, petugas):
    with time_machine.travel(datetime(2026, 4, 8, 14, 0, tzinfo=WIB), tick=False):
        t = transaksi.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung), petugas)
        pembayaran.terbitkan_tagihan(t, petugas, {"kode_billing": "820260408000001", "jumlah_billing": "50.000"})
        t.refresh_from_db()
        assert (
            str(selectors.batas_langkah_pemohon(t))
            == "Bayar tagihan INV/1700/2026/000001 sebelum Rabu, 15 April 2026 pukul 14.00 WIB."
        )
