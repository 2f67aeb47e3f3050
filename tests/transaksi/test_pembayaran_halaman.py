"""Payment pages as a visitor and an officer see them: forms, downloads
(private, logged, limited in time), PDFs by their text, the public
verification page, and bounded query counts."""

import io
import re
import subprocess
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import buat_pengguna
from pst_layanan import data_pribadi, kalender
from pst_layanan.format import waktu_panjang
from pst_layanan.kalender import WIB
from pst_layanan.models import AksesDataPribadi
from pst_layanan.sop import SOP
from tests import pabrik
from tests.transaksi.test_kanal_bayar import REKENING, atur_kantor
from tests.transaksi.test_pembayaran import (
    KODE,
    NTPN,
    diproses,
    diserahkan,
    isian,
    menunggu_pembayaran,
    menunggu_tagihan,
)
from transaksi import selectors, services
from transaksi.models import BuktiBayar, Kuitansi, Produk, Status, Tagihan, Transaksi, Unduhan
from transaksi.services import inti, kanal, pembayaran, penyerahan

pytestmark = pytest.mark.django_db


def teks_pdf(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    isi = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(isi)).pages)


def url(nama, t, *args):
    return reverse(f"transaksi:{nama}", args=[t.nomor, *args])


# --- the officer issues, verifies and delivers through the pages ---------------------------


def ditolak_dengan(r, *pesan) -> None:
    """The form came back (400) naming every one of `pesan` at once."""
    html = r.content.decode()
    assert r.status_code == 400
    assert [p for p in pesan if p not in html] == []


def test_petugas_menerbitkan_tagihan_lewat_formulir(pengunjung, petugas, klien_untuk):
    t = menunggu_tagihan(pengunjung, petugas)
    klien = klien_untuk(petugas)
    halaman = klien.get(url("tagihan_terbitkan", t))
    assert halaman.status_code == 200 and "Rp50.000" in halaman.content.decode()

    berlaku = (timezone.localtime() + timedelta(days=7)).replace(second=0, microsecond=0)
    data = {
        "kode_billing": "8202603130000012",
        "jumlah_billing": "50.000",
        "kedaluwarsa_pada": f"{berlaku:%Y-%m-%dT%H:%M}",
    }
    salah = klien.post(url("tagihan_terbitkan", t), {**data, "kanal": ["atm"]})
    assert salah.status_code == 400 and "harus tepat 15 angka" in salah.content.decode()
    beda = klien.post(
        url("tagihan_terbitkan", t), {**data, "kode_billing": KODE, "jumlah_billing": "45000", "kanal": ["atm"]}
    )
    assert beda.status_code == 400 and "tidak sama dengan total item transaksi (Rp50.000)" in beda.content.decode()
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_TAGIHAN and not t.tagihan.exists()

    ok = klien.post(url("tagihan_terbitkan", t), {**data, "kode_billing": KODE, "kanal": ["atm", "internet"]})
    assert ok.status_code == 302 and ok["Location"] == url("pembayaran", t)
    tagihan = t.tagihan.get()
    assert tagihan.kanal == ["atm", "internet"] and tagihan.kedaluwarsa_pada == berlaku


def test_formulir_tagihan_tidak_ditawarkan_setelah_rekan_menerbitkannya(pengunjung, petugas, klien_untuk):
    """The page asks the officer to create a billing in SIMPONI first: once a
    colleague has issued the invoice it offers no form (a billing made in
    SIMPONI then would be for nothing), and a form already open and sent
    returns to the payment page with the reason, not to a form asking for
    its sample file again."""
    t = menunggu_tagihan(pengunjung, petugas)
    klien = klien_untuk(petugas)
    terbuka = klien.get(url("tagihan_terbitkan", t)).content.decode()
    assert "Buat billing di SIMPONI" in terbuka
    rekan = buat_pengguna("rekan@bps.go.id", "Petugas Layanan")
    pembayaran.terbitkan_tagihan(t, rekan, isian())  # a colleague, first

    halaman = klien.get(url("tagihan_terbitkan", t)).content.decode()
    assert "Buat billing di SIMPONI" not in halaman and 'name="kode_billing"' not in halaman
    assert "Jangan membuat billing di SIMPONI untuk transaksi ini" in halaman
    berlaku = (timezone.localtime() + timedelta(days=7)).replace(second=0, microsecond=0)
    data = {**isian("820260313000002"), "kanal": ["atm"], "kedaluwarsa_pada": f"{berlaku:%Y-%m-%dT%H:%M}"}
    data["contoh_data"] = SimpleUploadedFile("contoh.csv", b"a,b\n1,2\n")
    r = klien.post(url("tagihan_terbitkan", t), data, follow=True)
    assert r.redirect_chain == [(url("pembayaran", t), 302)]
    assert "langkah itu sudah dijalankan" in r.content.decode()
    assert t.tagihan.count() == 1
    # Nor is an invoice still valid offered for replacement.
    ganti = klien.get(url("tagihan_ganti", t)).content.decode()
    assert (
        "Tidak ada tagihan kedaluwarsa yang perlu diganti" in ganti
        and f"(kode billing {KODE}) kedaluwarsa" not in ganti
    )
    assert 'name="kode_billing"' not in ganti


@pytest.mark.parametrize("kedaluwarsa", ["9999-12-31T23:59", "2062-03-20T15:00", "2027-03-14T09:01"])
def test_masa_berlaku_lebih_dari_setahun_ditolak(kedaluwarsa, pengunjung, petugas, klien_untuk):
    """A year past SIMPONI's days or weeks is a mistyped year: the invoice
    would never lapse, so the officer is asked to check it and nothing is issued."""
    data = {"kode_billing": KODE, "jumlah_billing": "50.000", "kedaluwarsa_pada": kedaluwarsa, "kanal": ["atm"]}
    with time_machine.travel(datetime(2026, 3, 13, 9, 0, tzinfo=WIB), tick=False):
        t = menunggu_tagihan(pengunjung, petugas)
        r = klien_untuk(petugas).post(url("tagihan_terbitkan", t), data)
    ditolak_dengan(r, "paling lama satu tahun")
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_TAGIHAN and not t.tagihan.exists()


@pytest.mark.parametrize(
    "isian, pesan",
    [
        # The amount left empty: the code's mistake waited for the next send.
        ({"kode_billing": "82026", "jumlah_billing": "", "kanal": ["atm"]}, ["harus tepat 15 angka"]),
        # No channel ticked: not one of the three copied values was checked.
        (
            {"kode_billing": "82026", "jumlah_billing": "45.000", "kedaluwarsa_pada": "2020-01-01T15:00"},
            ["harus tepat 15 angka", "tidak sama dengan total item transaksi (Rp50.000)", "harus sesudah saat ini"],
        ),
    ],
)
def test_kesalahan_salinan_simponi_disebut_bersama_isian_yang_ditolak_formulir(
    isian, pesan, pengunjung, petugas, klien_untuk
):
    """A box the form itself refuses (left empty, nothing ticked) does not
    hold back the mistakes in the values copied from SIMPONI: the officer
    corrects all of them in one go, and chooses the sample file once."""
    t = menunggu_tagihan(pengunjung, petugas)
    r = klien_untuk(petugas).post(url("tagihan_terbitkan", t), isian)
    ditolak_dengan(r, "Bidang ini tidak boleh kosong", *pesan)
    assert not t.tagihan.exists()


def test_setiap_kesalahan_formulir_disebut_sekaligus(pengunjung, petugas, klien_untuk):
    """Every mistake in the copied SIMPONI values, and in a proof, is named on
    the first submit, not one per submit; nothing is issued or sent."""
    t = menunggu_tagihan(pengunjung, petugas)
    salah = {"kode_billing": "82026", "jumlah_billing": "45.000", "kedaluwarsa_pada": "2020-01-01T15:00"}
    r = klien_untuk(petugas).post(url("tagihan_terbitkan", t), {**salah, "kanal": ["atm"]})
    ditolak_dengan(
        r, "harus tepat 15 angka", "tidak sama dengan total item transaksi (Rp50.000)", "harus sesudah saat ini"
    )
    assert not t.tagihan.exists()

    t = menunggu_pembayaran(pengunjung, petugas, kode="820260313000999")
    bukan_pdf = SimpleUploadedFile("bpn.pdf", b"<html>bukan PDF</html>")
    data = {"ntpn": "123", "tanggal_bayar": "2099-01-01", "berkas": bukan_pdf}
    r = klien_untuk(pengunjung).post(url("bukti_kirim", t), data)
    ditolak_dengan(r, "NTPN harus tepat 16 karakter", "Tanggal bayar tidak boleh sesudah hari ini", "Isi berkas bukan")
    assert not t.bukti_bayar.exists()


def test_kode_billing_salah_disebut_bersama_ntpn_yang_salah(pengunjung, pengunjung_lain, petugas, klien_untuk):
    """The billing code the BPN shows is checked against the transaction's
    invoices with the form's own checks: a visitor who mistyped it and the
    NTPN is told both on the first send, and again both when the NTPN is
    one another transaction holds; nothing is sent."""
    lain = menunggu_pembayaran(pengunjung_lain, petugas, kode="820260313000002")
    pembayaran.kirim_bukti_bayar(lain, pengunjung_lain, "DIPAKAI000000001", pabrik.berkas_pdf("bpn.pdf"))
    t = menunggu_pembayaran(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    for ntpn, pesan_ntpn in (("123", "NTPN harus tepat 16 karakter"), ("DIPAKAI000000001", "sudah dipakai")):
        data = {"ntpn": ntpn, "kode_billing": "820260313999999", "berkas": pabrik.berkas_pdf("bpn.pdf")}
        r = klien.post(url("bukti_kirim", t), data)
        ditolak_dengan(r, pesan_ntpn, "Kode billing ini bukan tagihan transaksi Anda", "Pilih lagi berkas ini")
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN and not t.bukti_bayar.exists()


@pytest.mark.parametrize("kode", ["٨٢٠٢٦٠٣١٣٠٠٠٠٠١", "８２０２６０３１３０００００１", "82026031300000"])
def test_kode_billing_pada_bpn_berangka_selain_latin_atau_kurang_disebut_salah_ketik(
    kode, pengunjung, petugas, klien_untuk
):
    """The billing code the visitor copies off their BPN is read by the
    officer's rule: typed with Arabic-Indic or full-width digits (their
    own invoice's code) or a digit short, they are told it must be 15 digits,
    not that the code is not their invoice's; nothing is sent."""
    t = menunggu_pembayaran(pengunjung, petugas)
    data = {"ntpn": NTPN, "kode_billing": kode, "berkas": pabrik.berkas_pdf("bpn.pdf")}
    r = klien_untuk(pengunjung).post(url("bukti_kirim", t), data)
    ditolak_dengan(r, "Kode billing SIMPONI harus tepat 15 angka (tanpa huruf); periksa kembali.")
    assert "bukan tagihan transaksi Anda" not in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN and not t.bukti_bayar.exists()


def test_transfer_menyebut_tanggal_sebelum_tagihan_bersama_referensi_yang_salah(
    pengunjung, pengunjung_lain, petugas, klien_untuk
):
    """A transfer dated before the invoice was issued is named with a wrong
    reference on the first send, and with a reference another transaction
    holds; nothing is sent."""
    atur_kantor(**REKENING)
    lain = menunggu_pembayaran(pengunjung_lain, petugas, kode="820260313000002")
    kanal.kirim_bukti_transfer(lain, pengunjung_lain, "BRI", "DIPAKAI0001", pabrik.berkas_pdf("transfer.pdf"))
    t = menunggu_pembayaran(pengunjung, petugas)
    # Two days back: yesterday may still be the issue day where the payer is (a transfer from the Americas).
    sebelum_terbit = timezone.localdate() - timedelta(days=2)
    klien = klien_untuk(pengunjung)
    for referensi, pesan_referensi in (("FT#1", "Nomor referensi terdiri atas"), ("DIPAKAI0001", "sudah dipakai")):
        data = {
            "transfer-bank_pengirim": "BRI",
            "transfer-nomor_referensi": referensi,
            "transfer-tanggal_bayar": f"{sebelum_terbit:%Y-%m-%d}",
            "transfer-berkas": pabrik.berkas_pdf("transfer.pdf"),
        }
        r = klien.post(url("bukti_transfer", t), data)
        ditolak_dengan(r, pesan_referensi, "lebih awal dari tanggal tagihan diterbitkan", "Pilih lagi berkas ini")
        # A transfer has no BPN to check the date on.
        assert "Periksa tanggal pada bukti pembayaran Anda." in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN and not t.bukti_bayar.exists()


def test_bukti_tanpa_berkas_tetap_menyebut_ntpn_dan_tanggal_yang_salah(pengunjung, petugas, klien_untuk):
    """A proof sent without its file names the wrong NTPN and the future date
    beside the missing file on the first send, in the reader's language."""
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    t = menunggu_pembayaran(pengunjung, petugas)
    r = klien_untuk(pengunjung).post(url("bukti_kirim", t), {"ntpn": "ABC", "tanggal_bayar": "2099-01-01"})
    ditolak_dengan(r, "The NTPN has exactly 16 letters", "cannot be after today", "This field is required.")
    assert not t.bukti_bayar.exists()


def test_bukti_ditolak_karena_ntpn_meminta_bpn_dipilih_lagi(pengunjung, petugas, klien_untuk):
    """A browser never puts a chosen file back into a page shown again: when
    only the NTPN was wrong, the good BPN file's box says it must be chosen
    again, rather than refusing it as missing on the next send."""
    t = menunggu_pembayaran(pengunjung, petugas)
    r = klien_untuk(pengunjung).post(url("bukti_kirim", t), {"ntpn": "123", "berkas": pabrik.berkas_pdf("bpn.pdf")})
    ditolak_dengan(r, "NTPN harus tepat 16 karakter", "Pilih lagi berkas ini")
    assert not t.bukti_bayar.exists()


def test_pengunjung_tidak_bisa_membuka_halaman_petugas(pengunjung, petugas, klien_untuk):
    t = menunggu_tagihan(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    assert klien.get(url("tagihan_terbitkan", t)).status_code == 403
    assert klien.post(url("bukti_verifikasi", t)).status_code == 403
    assert klien.get(url("serahkan", t)).status_code == 403


def test_pengunjung_mengirim_bukti_dan_petugas_menolak_lalu_memverifikasi(pengunjung, petugas, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    halaman = klien.get(url("pembayaran", t)).content.decode()
    assert KODE in halaman and "Kirim bukti bayar" in halaman

    salah = klien.post(url("bukti_kirim", t), {"ntpn": "123", "berkas": pabrik.berkas_pdf()})
    assert salah.status_code == 400 and "NTPN harus tepat 16 karakter" in salah.content.decode()
    ok = klien.post(url("bukti_kirim", t), {"ntpn": NTPN.lower(), "berkas": pabrik.berkas_pdf("bpn.pdf")})
    assert ok.status_code == 302

    klien = klien_untuk(petugas)
    panel = klien.get(url("pembayaran", t)).content.decode()
    assert NTPN in panel and "Verifikasi pembayaran" in panel
    bukti = t.bukti_bayar.get()
    lihat = klien.get(url("bukti_bayar", t, bukti.pk))
    assert lihat.status_code == 200 and b"".join(lihat.streaming_content).startswith(b"%PDF")

    assert klien.post(url("bukti_tolak", t), {"alasan": ""}).status_code == 400
    klien.post(url("bukti_tolak", t), {"alasan": "NTPN tidak ditemukan di SIMPONI."})
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN

    klien = klien_untuk(pengunjung)
    assert "NTPN tidak ditemukan di SIMPONI." in klien.get(url("pembayaran", t)).content.decode()
    klien.post(url("bukti_kirim", t), {"ntpn": NTPN, "berkas": pabrik.berkas_pdf("bpn2.pdf")})
    klien_untuk(petugas).post(url("bukti_verifikasi", t))
    t.refresh_from_db()
    assert t.status == Status.DIPROSES and t.jam == "proses"


def _bukti_terkirim_2_maret(pengunjung, petugas):
    """Invoiced at 09:00 on Monday 2 March 2026, its BPN sent an hour later."""
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=WIB), tick=False):
        t = menunggu_pembayaran(pengunjung, petugas)
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=WIB), tick=False):
        pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    return t


def test_pesan_verifikasi_menyebut_batas_penyerahan_yang_sudah_berjalan(pengunjung, petugas, klien_untuk):
    """The delivery clock ran from "complete" (paused only while the visitor
    had to pay): verifying tells the officer its deadline, not that 10
    working days start now."""
    t = _bukti_terkirim_2_maret(pengunjung, petugas)
    with time_machine.travel(datetime(2026, 3, 5, 10, 0, tzinfo=WIB), tick=False):
        r = klien_untuk(petugas).post(url("bukti_verifikasi", t), follow=True)
        sekarang_tambah_standar = kalender.batas_waktu(timezone.now(), SOP.penyerahan_hari_kerja, t.kantor_id)
    t.refresh_from_db()
    assert t.status == Status.DIPROSES and t.batas_waktu < sekarang_tambah_standar
    html = " ".join(r.content.decode().split())
    assert "mulai berjalan" not in html
    assert f"Pembayaran terverifikasi; produk diserahkan paling lambat {waktu_panjang(t.batas_waktu)}." in html


def test_pesan_verifikasi_setelah_batas_penyerahan_lewat(pengunjung, petugas, klien_untuk):
    t = _bukti_terkirim_2_maret(pengunjung, petugas)
    with time_machine.travel(datetime(2026, 4, 30, 10, 0, tzinfo=WIB), tick=False):
        r = klien_untuk(petugas).post(url("bukti_verifikasi", t), follow=True)
    t.refresh_from_db()
    html = " ".join(r.content.decode().split())
    assert f"batas penyerahan produk sudah lewat sejak {waktu_panjang(t.batas_waktu)}." in html


def test_pengunjung_minta_koreksi_lewat_halaman(pengunjung, petugas, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    assert klien.post(url("tagihan_koreksi", t), {"catatan": ""}).status_code == 400
    klien.post(url("tagihan_koreksi", t), {"catatan": "Jumlah halaman seharusnya 40."})
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_TAGIHAN and t.tagihan.get().status == "diganti"
    panel = klien_untuk(petugas).get(url("pembayaran", t)).content.decode()
    assert "Jumlah halaman seharusnya 40." in panel and "Terbitkan tagihan" in panel


def test_catatan_koreksi_pengunjung_dibatasi_panjangnya(pengunjung, petugas, klien_untuk, mailoutbox):
    """The visitor's note goes into the transaction's history (kept for good),
    the officer's page and e-mail: without a bound a 2 MB note filled all
    three. Past the bound it is refused on the form and nothing changes."""
    t = menunggu_pembayaran(pengunjung, petugas)
    mailoutbox.clear()
    r = klien_untuk(pengunjung).post(url("tagihan_koreksi", t), {"catatan": "x" * 2_000_000})
    assert r.status_code == 400 and "paling banyak 2000 karakter" in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN and t.tagihan.get().status == "aktif" and mailoutbox == []


def test_petugas_menyerahkan_berkas_dan_serah_terima(pengunjung, petugas, klien_untuk):
    t = diproses(pengunjung, petugas)
    klien = klien_untuk(petugas)
    assert klien.get(url("serahkan", t)).status_code == 200
    kosong = klien.post(url("serahkan", t), {})
    assert kosong.status_code == 400 and "Unggah berkas produk atau catat serah terima" in kosong.content.decode()
    berkas = [SimpleUploadedFile("tabel.xlsx", b"PK\x03\x04isi"), SimpleUploadedFile("peta.zip", b"PK\x03\x04peta")]
    data = {"berkas": berkas, "serah_fisik": "on", "media": "cd", "uraian": "Peta SHP", "penerima_nama": "Andi"}
    assert klien.post(url("serahkan", t), data).status_code == 302
    t.refresh_from_db()
    assert t.status == Status.DISERAHKAN
    assert sorted(t.berkas_produk.values_list("nama_asli", flat=True)) == ["peta.zip", "tabel.xlsx"]
    assert t.serah_terima.get().penerima_nama == "Andi" and Kuitansi.objects.filter(transaksi=t).exists()


def test_serahkan_dengan_bilah_progres_membawa_pesan_ke_halaman_berikutnya(pengunjung, petugas, klien_untuk):
    """The progress script's request gets the next address, not a redirect its
    XMLHttpRequest would follow and so use up the message; a refusal is the page."""
    t = diproses(pengunjung, petugas)
    klien = klien_untuk(petugas)
    kosong = klien.post(url("serahkan", t), {}, headers={"X-Unggah-Progres": "1"})
    assert kosong.status_code == 400 and "Unggah berkas produk atau catat serah terima" in kosong.content.decode()
    data = {"berkas": [SimpleUploadedFile("tabel.csv", b"kode,nama\n17,BENGKULU\n")]}
    r = klien.post(url("serahkan", t), data, headers={"X-Unggah-Progres": "1"})
    assert r.status_code == 204 and r["X-Lanjut"] == url("pembayaran", t)
    assert "Produk diserahkan; pemohon diberi tahu lewat e-mail." in klien.get(r["X-Lanjut"]).content.decode()


def test_unggah_lebih_dari_batas_ditolak_sebelum_dibaca(pengunjung, petugas, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    besar = SimpleUploadedFile("bpn.pdf", b"%PDF-" + b"0" * (11 * 1024 * 1024))
    r = klien.post(url("bukti_kirim", t), {"ntpn": NTPN, "berkas": besar})
    assert r.status_code == 413
    assert not t.bukti_bayar.exists()


# --- downloads: private, logged, limited in time ---------------------------------------------


def test_unduhan_produk_kuitansi_tagihan_dicatat(pengunjung, petugas, klien_untuk):
    t = diserahkan(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    berkas = t.berkas_produk.get()
    r = klien.get(url("produk", t, berkas.pk))
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"kode,nama\n17,BENGKULU\n"
    assert 'filename="susenas.csv"' in r["Content-Disposition"]
    assert klien.get(url("kuitansi_pdf", t)).status_code == 200
    assert klien.get(url("tagihan_pdf", t, t.tagihan.get().pk)).status_code == 200
    log = list(Unduhan.objects.order_by("pk").values_list("jenis", "oleh", "nama"))
    assert log == [
        ("produk", pengunjung.pk, "susenas.csv"),
        ("kuitansi", pengunjung.pk, "KW/1700/2026/000001"),
        ("tagihan", pengunjung.pk, t.tagihan.get().nomor),
    ]


def test_berkas_yang_hilang_dari_disk_tidak_dicatat_sebagai_unduhan(pengunjung, petugas, klien_untuk):
    """A file the database names and the disk lacks (a PRIVATE_ROOT changed at
    a server move) answers 404, and the logs said it was downloaded all the
    same: the product as taken by the visitor, the proof and the applicant's
    requirement as opened by the officer. Only a file that goes out is logged."""
    t = diserahkan(pengunjung, petugas)
    produk, bukti, dokumen = t.berkas_produk.get(), t.bukti_bayar.get(), t.dokumen.first()
    for berkas in (produk.berkas, bukti.berkas, dokumen.berkas):
        berkas.storage.delete(berkas.name)
    akses_sebelum = AksesDataPribadi.objects.count()
    assert klien_untuk(pengunjung).get(url("produk", t, produk.pk)).status_code == 404
    assert klien_untuk(petugas).get(url("bukti_bayar", t, bukti.pk)).status_code == 404
    assert klien_untuk(petugas).get(url("dokumen_unduh", t, dokumen.pk)).status_code == 404
    assert not Unduhan.objects.exists()
    assert AksesDataPribadi.objects.count() == akses_sebelum


def test_pengunjung_lain_mendapat_404(pengunjung, pengunjung_lain, petugas, klien_untuk):
    t = diserahkan(pengunjung, petugas)
    klien = klien_untuk(pengunjung_lain)
    tagihan = t.tagihan.get()
    for alamat in (
        url("pembayaran", t),
        url("tagihan_pdf", t, tagihan.pk),
        url("kuitansi_pdf", t),
        url("produk", t, t.berkas_produk.get().pk),
        url("bukti_bayar", t, t.bukti_bayar.get().pk),
    ):
        assert klien.get(alamat).status_code == 404, alamat
    # Another transaction's file under the visitor's own number: still 404.
    milik_sendiri = diserahkan(pengunjung_lain, petugas, kode="820260313000777", ntpn="ZZZZ1111YYYY2222")
    assert klien.get(url("produk", milik_sendiri, t.berkas_produk.get().pk)).status_code == 404
    assert not Unduhan.objects.filter(oleh=pengunjung_lain).exists()


def test_setelah_masa_unduh_pesan_jelas(pengunjung, petugas, klien_untuk):
    with time_machine.travel(datetime(2026, 3, 25, 10, 0, tzinfo=WIB), tick=False):
        t = diserahkan(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    berkas = t.berkas_produk.get()
    with time_machine.travel(datetime(2026, 4, 24, 9, 59, tzinfo=WIB), tick=False):
        assert klien.get(url("produk", t, berkas.pk)).status_code == 200
    with time_machine.travel(datetime(2026, 4, 24, 10, 1, tzinfo=WIB), tick=False):
        r = klien.get(url("produk", t, berkas.pk))
        assert r.status_code == 410
        teks = r.content.decode()
        assert (
            "Masa unduh produk transaksi" in teks and "telah berakhir pada Jumat, 24 April 2026 pukul 10.00 WIB" in teks
        )
        assert klien.get(url("kuitansi_pdf", t)).status_code == 410
        assert "Masa unduh produk telah berakhir" in klien.get(url("pembayaran", t)).content.decode()
        # Officers still reach the files, and their page no longer offers a past date as "until".
        assert klien_untuk(petugas).get(url("produk", t, berkas.pk)).status_code == 200
        halaman_petugas = klien_untuk(petugas).get(url("pembayaran", t)).content.decode()
        assert "Masa unduh pemohon berakhir pada <strong>Jumat, 24 April 2026 pukul 10.00 WIB</strong>" in (
            halaman_petugas
        )
        assert "Tersedia untuk diunduh sampai" not in halaman_petugas
    assert Unduhan.objects.filter(oleh=pengunjung).count() == 1


def test_masa_unduh_yang_dipersingkat_tidak_memotong_tanggal_yang_dijanjikan(pengunjung, petugas, klien_untuk):
    """Delivered while the office kept products 30 days, the visitor was told
    "until Friday 24 April 2026": the office shortening its download period to
    7 days afterwards does not shut them out before that date (a longer period
    still gives them more)."""
    with time_machine.travel(datetime(2026, 3, 25, 10, 0, tzinfo=WIB), tick=False):
        t = diserahkan(pengunjung, petugas)
    atur_kantor(masa_unduh_hari=7)
    klien = klien_untuk(pengunjung)
    berkas = t.berkas_produk.get()
    with time_machine.travel(datetime(2026, 4, 10, 10, 0, tzinfo=WIB), tick=False):
        assert klien.get(url("produk", t, berkas.pk)).status_code == 200
        assert "Tersedia untuk diunduh sampai <strong>Jumat, 24 April 2026 pukul 10.00 WIB</strong>" in (
            klien.get(url("pembayaran", t)).content.decode()
        )
    with time_machine.travel(datetime(2026, 4, 24, 10, 1, tzinfo=WIB), tick=False):
        r = klien.get(url("produk", t, berkas.pk))
        assert r.status_code == 410
        assert "telah berakhir pada Jumat, 24 April 2026 pukul 10.00 WIB (30 hari setelah penyerahan)" in (
            r.content.decode()
        )
    atur_kantor(masa_unduh_hari=60)
    with time_machine.travel(datetime(2026, 5, 20, 10, 0, tzinfo=WIB), tick=False):
        assert klien.get(url("produk", t, berkas.pk)).status_code == 200


def test_masa_unduh_satu_hari_dalam_bahasa_inggris(pengunjung, petugas, klien_untuk):
    """An office that keeps products for one day: the English message says '1 day', not '1 days'."""
    atur_kantor(masa_unduh_hari=1)
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    with time_machine.travel(datetime(2026, 3, 25, 10, 0, tzinfo=WIB), tick=False):
        t = diserahkan(pengunjung, petugas)
    with time_machine.travel(datetime(2026, 3, 26, 10, 1, tzinfo=WIB), tick=False):
        r = klien_untuk(pengunjung).get(url("produk", t, t.berkas_produk.get().pk))
    assert r.status_code == 410
    assert "(1 day after delivery)" in r.content.decode()


def test_produk_belum_diserahkan_tidak_bisa_diunduh(pengunjung, petugas, klien_untuk):
    t = diproses(pengunjung, petugas)
    assert klien_untuk(pengunjung).get(url("kuitansi_pdf", t)).status_code == 404


# --- PDFs and the public verification page ----------------------------------------------------


def test_pdf_tagihan_memuat_nomor_jumlah_kode_billing(pengunjung, petugas, klien_untuk):
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = menunggu_pembayaran(pengunjung, petugas)
    tagihan = t.tagihan.get()
    teks = teks_pdf(klien_untuk(pengunjung).get(url("tagihan_pdf", t, tagihan.pk)))
    for isi in ("TAGIHAN", "INV/1700/2026/000001", t.nomor, "Rp50.000", KODE, "Jumat, 20 Maret 2026 pukul 10.00 WIB"):
        assert isi in teks, isi
    assert "Lima puluh ribu rupiah" in teks


def test_pdf_tagihan_menyebut_tanggal_terbitnya(pengunjung, petugas, klien_untuk):
    """The invoice printed no date of its own, only the billing code's expiry:
    the payer's finance office files an invoice by the day it was issued. It is
    dated under its signature, as the receipt is: the day issued, not the day printed."""
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = menunggu_pembayaran(pengunjung, petugas)
    tagihan = t.tagihan.get()
    with time_machine.travel(datetime(2026, 3, 16, 9, 0, tzinfo=WIB), tick=False):
        teks = teks_pdf(klien_untuk(pengunjung).get(url("tagihan_pdf", t, tagihan.pk)))
    assert "Jumat, 13 Maret 2026" in teks and "16 Maret 2026" not in teks


def test_pdf_tagihan_inggris_menyebut_satu_transaksi(pengunjung, petugas, klien_untuk):
    """An English reader's invoice PDF labels its one transaction's number 'Transaction'."""
    t = menunggu_pembayaran(pengunjung, petugas)
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    teks = teks_pdf(klien_untuk(pengunjung).get(url("tagihan_pdf", t, t.tagihan.get().pk)))
    assert f"Transaction {t.nomor}" in teks and "Transactions" not in teks


def test_pdf_tagihan_lama_mencetak_item_saat_diterbitkan(pengunjung, petugas, klien_untuk):
    """An item correction voids the invoice; its PDF still prints what it billed, adding up to its amount."""
    t = menunggu_pembayaran(pengunjung, petugas)
    lama, item = t.tagihan.get(), t.item.get()
    banyak_lama = item.jumlah
    pembayaran.koreksi_item(t, petugas, {item.pk: item.jumlah * 3}, "Ukuran data salah hitung.")
    teks = teks_pdf(klien_untuk(pengunjung).get(url("tagihan_pdf", t, lama.pk)))
    assert f"{banyak_lama:,}".replace(",", ".") in teks and "50.000" in teks
    assert "150.000" not in teks and f"{item.jumlah * 3:,}".replace(",", ".") not in teks
    # An invoice from before the record was kept prints no lines that do not add up.
    QuerySet.update(Tagihan.objects.filter(pk=lama.pk), item_terbit=[])  # past the documents' guard
    lama.refresh_from_db()
    assert lama.baris_item() == []


def test_pdf_tagihan_yang_tidak_berlaku_tidak_lagi_mengajak_membayar(pengunjung, petugas, klien_untuk):
    """The first invoice's e-mailed link still opens its PDF after an item
    correction voided it or its code expired: the PDF says, as the
    verification page does, that it must not be paid, and gives no way of
    paying it."""
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = menunggu_pembayaran(pengunjung, petugas)
        lama, item = t.tagihan.get(), t.item.get()
        baru = teks_pdf(klien_untuk(pengunjung).get(url("tagihan_pdf", t, lama.pk)))
        assert "Cara membayar" in baru and "tidak berlaku" not in baru
    # Past its validity, even before the expiry job has marked it.
    with time_machine.travel(datetime(2026, 3, 21, 10, 0, tzinfo=WIB), tick=False):
        teks = teks_pdf(klien_untuk(pengunjung).get(url("tagihan_pdf", t, lama.pk)))
        assert "Tagihan ini tidak berlaku — jangan dibayar." in teks and "Cara membayar" not in teks
    with time_machine.travel(datetime(2026, 3, 16, 10, 0, tzinfo=WIB), tick=False):
        pembayaran.koreksi_item(t, petugas, {item.pk: item.jumlah * 3}, "Ukuran data salah hitung.")
        teks = teks_pdf(klien_untuk(pengunjung).get(url("tagihan_pdf", t, lama.pk)))
    assert "Tagihan ini tidak berlaku — jangan dibayar." in teks and "Cara membayar" not in teks
    assert KODE in teks and "Rp50.000" in teks  # still the record of what it billed


def test_tagihan_lunas_tidak_lagi_mengajak_membayar(pengunjung, petugas, klien_untuk):
    """A paid invoice is a record: its PDF and its card on the payment page
    say when it was paid, not how to pay it."""
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = diproses(pengunjung, petugas)
        tagihan = t.tagihan.get()
        klien = klien_untuk(pengunjung)
        teks = " ".join(teks_pdf(klien.get(url("tagihan_pdf", t, tagihan.pk))).split())
        halaman = klien.get(t.get_absolute_url()).content.decode()
    assert "Cara membayar" not in teks and "bayar melalui" not in teks
    assert "Lunas Jumat, 13 Maret 2026 pukul 10.00 WIB" in teks
    kartu = halaman.split(f'id="tagihan-{tagihan.pk}"', 1)[1].split("</dl>", 1)[0]
    assert "Lunas" in kartu and "Bayar melalui" not in kartu


def dengan_produk_gratis(pengunjung, petugas):
    """Complete, waiting for its invoice: a paid item (Rp50.000) and a free
    product's item whose tariff would be Rp80.000."""
    Produk.objects.filter(kode="publikasi-elektronik").update(kelas_harga="gratis")
    t = pabrik.transaksi_draf(pengunjung)
    services.tambah_item(t, pabrik.produk("publikasi-elektronik"), 120, "Bengkulu Dalam Angka 2026", pengunjung)
    for jenis in selectors.dokumen_kurang(t):
        services.unggah_dokumen(t, jenis, pabrik.berkas_pdf(f"{jenis.kode}.pdf"), pengunjung)
    return services.nyatakan_lengkap(services.ajukan(t, pengunjung), petugas)


def subtotal_per_baris(halaman: str, tabel: str) -> list[str]:
    """The amount closing each body row of the first table after `tabel`."""
    isi = halaman[halaman.index(tabel) :]
    isi = isi[isi.index("<tbody>") : isi.index("</tbody>")]
    baris = re.findall(r"<tr>(.*?)</tr>", isi, re.S)
    return [re.findall(r'<td class="text-end[^>]*>([^<]*)</td>', b)[-1] for b in baris]


def test_halaman_tidak_menjumlahkan_item_produk_gratis(pengunjung, petugas, klien_untuk):
    """The transaction page and the officer's invoice form list a free
    product's item at Rp0: their lines add up to the total beside them."""
    t = dengan_produk_gratis(pengunjung, petugas)
    assert t.total == 50_000
    halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    assert subtotal_per_baris(halaman, 'id="item"') == ["Rp50.000", "Rp0"]
    formulir = klien_untuk(petugas).get(url("tagihan_terbitkan", t)).content.decode()
    assert subtotal_per_baris(formulir, "<thead><tr><th>Produk</th>") == ["Rp50.000", "Rp0"]


def test_pdf_tagihan_tidak_menagihkan_item_produk_gratis(pengunjung, petugas, klien_untuk):
    """A free product ordered beside a paid one is not charged: the invoice
    lists it at Rp0, so its lines add up to its total."""
    t = dengan_produk_gratis(pengunjung, petugas)
    tagihan = pembayaran.terbitkan_tagihan(t, petugas, isian())
    assert tagihan.jumlah == 50_000
    assert sum(b.subtotal for b in tagihan.baris_item()) == tagihan.jumlah
    teks = teks_pdf(klien_untuk(pengunjung).get(url("tagihan_pdf", t, tagihan.pk)))
    assert "Bengkulu Dalam Angka 2026" in teks and "Rp50.000" in teks
    assert "80.000" not in teks


def test_pdf_kuitansi_dengan_terbilang(pengunjung, petugas, klien_untuk):
    t = diserahkan(pengunjung, petugas)
    teks = teks_pdf(klien_untuk(pengunjung).get(url("kuitansi_pdf", t)))
    for isi in ("KUITANSI", "KW/1700/2026/000001", t.nomor, "Rp50.000", "Lima puluh ribu rupiah", KODE, NTPN):
        assert isi in teks, isi


def test_pdf_kuitansi_simponi_menyebut_tanggal_bayar_pada_bpn(pengunjung, petugas, klien_untuk):
    """The receipt of a transfer names the transfer's date; that of a SIMPONI
    payment left out the BPN's, which the officer checked and the payer's
    finance office files the payment by: it names it, apart from the day the
    payment was verified."""
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=WIB), tick=False):
        t = menunggu_pembayaran(pengunjung, petugas)
    with time_machine.travel(datetime(2026, 3, 12, 9, 0, tzinfo=WIB), tick=False):
        pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf(), datetime(2026, 3, 11).date())
    with time_machine.travel(datetime(2026, 3, 13, 9, 0, tzinfo=WIB), tick=False):
        pembayaran.verifikasi_pembayaran(t, petugas)
        penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas.csv", b"a,b\n")])
        teks = " ".join(teks_pdf(klien_untuk(pengunjung).get(url("kuitansi_pdf", t))).split())
    assert "Tanggal bayar (BPN) Rabu, 11 Maret 2026 Pembayaran terverifikasi Jumat, 13 Maret 2026" in teks


def test_pdf_kuitansi_nomor_tagihan_dan_transaksi_tidak_terpotong(pengunjung, petugas, klien_untuk, tmp_path):
    """The receipt names the invoice it settles: the treasurer matches that number (and the
    transaction's) against the invoice, so each stays whole on one line, not "INV/" above the rest."""
    t = diserahkan(pengunjung, petugas)
    berkas = tmp_path / "kuitansi.pdf"
    berkas.write_bytes(klien_untuk(pengunjung).get(url("kuitansi_pdf", t)).content)
    baris = subprocess.run(["pdftotext", str(berkas), "-"], capture_output=True, text=True, check=True).stdout
    kata = {k.strip(",.") for b in baris.splitlines() for k in b.split()}
    assert {t.tagihan.get().nomor, t.nomor} <= kata, baris


def test_pdf_berita_acara(pengunjung, petugas, klien_untuk):
    t = diproses(pengunjung, petugas)
    fisik = penyerahan.DataSerahTerima("cetak", "Publikasi Bengkulu Dalam Angka 2026 (cetak)", "Andi Pengunjung")
    penyerahan.serahkan_produk(t, petugas, serah_terima=fisik)
    ba = t.serah_terima.get()
    teks = teks_pdf(klien_untuk(pengunjung).get(url("berita_acara_pdf", t, ba.pk)))
    for isi in ("BERITA ACARA SERAH TERIMA", ba.nomor, t.nomor, "Bengkulu Dalam Angka 2026", "Andi Pengunjung"):
        assert isi in teks, isi


def test_pdf_berita_acara_daftar_panjang_mulai_di_halaman_pertama(pengunjung, petugas, klien_untuk):
    """A hand-over of many products is a list longer than a page: it starts on the first page
    under its sentence and runs on, instead of leaving the first page empty below the sentence."""
    t = diproses(pengunjung, petugas)
    uraian = "\n".join(f"{k}. Tabel Susenas Maret 2025 kabupaten/kota {k} menurut kecamatan" for k in range(1, 90))
    penyerahan.serahkan_produk(t, petugas, serah_terima=penyerahan.DataSerahTerima("cd", uraian, "Andi Pengunjung"))
    r = klien_untuk(pengunjung).get(url("berita_acara_pdf", t, t.serah_terima.get().pk))
    halaman = [p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages]
    assert len(halaman) > 1
    assert "1. Tabel Susenas Maret 2025" in halaman[0], halaman[0]


def test_halaman_verifikasi_dari_qr_tanpa_data_pribadi(pengunjung, petugas, client):
    t = diserahkan(pengunjung, petugas)
    kuitansi = Kuitansi.objects.get(transaksi=t)
    r = client.get(reverse("transaksi:verifikasi", args=[kuitansi.token]))
    teks = r.content.decode()
    assert r.status_code == 200 and "KW/1700/2026/000001" in teks and "Rp50.000" in teks
    for pribadi in (pengunjung.nama_lengkap, pengunjung.email, NTPN, t.nomor):
        assert pribadi not in teks
    tagihan = t.tagihan.get()
    assert tagihan.nomor in client.get(reverse("transaksi:verifikasi", args=[tagihan.token])).content.decode()
    assert client.get(reverse("transaksi:verifikasi", args=["tebakan-" + "x" * 24])).status_code == 404


def test_qr_pdf_mengarah_ke_halaman_verifikasi(pengunjung, petugas, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    tagihan = t.tagihan.get()
    teks = teks_pdf(klien_untuk(pengunjung).get(url("tagihan_pdf", t, tagihan.pk)))
    assert re.search(r"/transaksi/verifikasi/" + re.escape(tagihan.token), teks.replace("\n", ""))


# --- query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("tahap", ["menunggu_pembayaran", "diserahkan"])
def test_jumlah_query_halaman_pembayaran(tahap, pengunjung, petugas, klien_untuk, django_assert_max_num_queries):
    t = menunggu_pembayaran(pengunjung, petugas) if tahap == "menunggu_pembayaran" else diserahkan(pengunjung, petugas)
    for user in (pengunjung, petugas):
        klien = klien_untuk(user)
        with django_assert_max_num_queries(16):
            assert klien.get(url("pembayaran", t)).status_code == 200


def test_jumlah_query_formulir_dan_unduhan(pengunjung, petugas, klien_untuk, django_assert_max_num_queries):
    t = diserahkan(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    with django_assert_max_num_queries(12):
        klien.get(url("kuitansi_pdf", t))
    with django_assert_max_num_queries(12):
        klien.get(url("produk", t, t.berkas_produk.get().pk))
    with django_assert_max_num_queries(12):
        klien.get(url("tagihan_pdf", t, t.tagihan.get().pk))
    klien = klien_untuk(petugas)
    t2 = menunggu_tagihan(pengunjung, petugas)
    with django_assert_max_num_queries(12):
        klien.get(url("tagihan_terbitkan", t2))
    t3 = diproses(pengunjung, petugas, kode="820260313000555", ntpn="QQQQ1111RRRR2222")
    with django_assert_max_num_queries(12):
        klien.get(url("serahkan", t3))


# --- the panels inside the transaction pages ---------------------------------------------------


def test_panel_di_halaman_transaksi(pengunjung, petugas, klien_untuk):
    draf = pabrik.transaksi_draf(pengunjung)
    assert "Kirim bukti bayar" not in klien_untuk(pengunjung).get(draf.get_absolute_url()).content.decode()

    t = menunggu_pembayaran(pengunjung, petugas)
    detail = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    assert KODE in detail and "Kirim bukti bayar" in detail

    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf())
    periksa = klien_untuk(petugas).get(reverse("transaksi:periksa_detail", args=[t.nomor])).content.decode()
    assert NTPN in periksa and "Verifikasi pembayaran" in periksa


def _teks_di_luar_halaman(response) -> list[str]:
    """Text a PDF page starts to the right of its own edge (drawn, but off the paper)."""
    isi = b"".join(response.streaming_content) if response.streaming else response.content
    luar = []
    for halaman in PdfReader(io.BytesIO(isi)).pages:
        lebar = float(halaman.mediabox.width)

        def catat(teks, cm, tm, *_, lebar=lebar):
            if teks.strip() and (cm[0] * tm[4] + cm[2] * tm[5] + cm[4]) > lebar:
                luar.append(teks)

        halaman.extract_text(visitor_text=catat)
    return luar


def test_pdf_tagihan_kata_sangat_panjang_tetap_di_dalam_halaman(pengunjung, petugas, klien_untuk):
    """A visitor's description typed as one long word (a pasted link, a list without spaces)
    wraps inside its cell: the amounts stay on the paper instead of being pushed off its edge."""
    t = menunggu_tagihan(pengunjung, petugas)
    t.item.update(uraian="Kab.Bengkulu_Selatan,Kab.Rejang_Lebong,Kota_Bengkulu," * 5)
    pembayaran.terbitkan_tagihan(t, petugas, isian())
    r = klien_untuk(pengunjung).get(url("tagihan_pdf", t, t.tagihan.get().pk))
    assert "50.000" in teks_pdf(r)
    assert _teks_di_luar_halaman(r) == []


def test_pdf_tagihan_banyak_item_tidak_memotong_baris_di_pergantian_halaman(pengunjung, petugas, klien_untuk):
    """An invoice of many items runs over several pages: each item's row stays whole on one
    page, so its description is never on the next page apart from its quantity and amount."""
    t = menunggu_tagihan(pengunjung, petugas)
    item = t.item.get()
    uraian = " Tabel statistik kesejahteraan rakyat menurut kecamatan dan desa"
    for k in range(1, 40):
        item.pk = None
        item.uraian, item.jumlah = f"Butir{k:02d}" + uraian * (1 + k % 4), 1000 + k
        item.save()
    t.item.exclude(uraian__startswith="Butir").delete()
    inti.hitung_total(t)
    tagihan = pembayaran.terbitkan_tagihan(t, petugas, isian(jumlah=str(t.total)))
    r = klien_untuk(pengunjung).get(url("tagihan_pdf", t, tagihan.pk))
    isi = b"".join(r.streaming_content) if r.streaming else r.content
    halaman = [p.extract_text() for p in PdfReader(io.BytesIO(isi)).pages]
    assert len(halaman) > 2
    for teks in halaman:
        # Each row's description and its quantity ("1.0kk") on the same page.
        assert re.findall(r"Butir(\d\d)", teks) == re.findall(r"\b1\.0(\d\d)\b", teks), teks


def test_pdf_berita_acara_nama_penerima_satu_kata_panjang_tetap_di_dalam_halaman(pengunjung, petugas, klien_untuk):
    """A recipient's name typed as one long word (an agency's name joined by underscores or dots)
    wraps under its signature: the officer's signature beside it stays on the paper."""
    t = diproses(pengunjung, petugas)
    nama = "Dinas_Kependudukan_dan_Pencatatan_Sipil_Kabupaten_Rejang_Lebong_Provinsi_Bengkulu_Bidang_Pelayanan"
    penyerahan.serahkan_produk(t, petugas, serah_terima=penyerahan.DataSerahTerima("cetak", "Publikasi", nama))
    r = klien_untuk(pengunjung).get(url("berita_acara_pdf", t, t.serah_terima.get().pk))
    teks = teks_pdf(r)
    assert "Pihak Pertama," in teks and petugas.nama_lengkap in teks
    assert _teks_di_luar_halaman(r) == []


def test_pemilih_berkas_bukti_dan_dokumen_hanya_menawarkan_pdf_jpg_png(pengunjung, petugas, klien_untuk):
    """The phone's or computer's file picker offers the types the server takes, not every file."""
    terima = 'accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"'
    t = menunggu_pembayaran(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    assert terima in klien.get(url("pembayaran", t)).content.decode()
    draf = pabrik.transaksi_draf(pengunjung)
    assert terima in klien.get(reverse("transaksi:detail", args=[draf.nomor])).content.decode()


def test_head_pada_unduhan_tidak_dicatat_sebagai_unduhan(pengunjung, petugas, klien_untuk):
    """A download manager asks HEAD before it fetches: the log counts the fetch only."""
    t = diserahkan(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    alamat = url("produk", t, t.berkas_produk.get().pk)
    assert klien.head(alamat).status_code == 200
    assert not Unduhan.objects.filter(oleh=pengunjung).exists()
    assert klien.get(alamat).status_code == 200
    assert Unduhan.objects.filter(oleh=pengunjung).count() == 1


def test_head_pada_dokumen_persyaratan_dijawab_tanpa_catatan_akses(pengunjung, petugas, klien_untuk):
    """A requirement file answers a download manager's HEAD as every other
    file does (not 405), and only the fetch is logged as the officer opening
    the visitor's document."""
    from pst_layanan.models import AksesDataPribadi

    t = pabrik.transaksi_diajukan(pengunjung)
    klien = klien_untuk(petugas)
    alamat = reverse("transaksi:dokumen_unduh", args=[t.nomor, t.dokumen.first().pk])
    assert klien.head(alamat).status_code == 200
    assert not AksesDataPribadi.objects.filter(petugas=petugas, halaman=alamat).exists()
    assert klien.get(alamat).status_code == 200
    assert AksesDataPribadi.objects.filter(petugas=petugas, halaman=alamat).count() == 1


def test_halaman_verifikasi_menyebut_kantor_penerbit_dokumen(pengunjung, petugas, kota, client):
    """A city office's invoice scanned by anyone (no session: the provincial
    office by default) is confirmed as the city office's document."""
    t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk), petugas)
    tagihan = pembayaran.terbitkan_tagihan(t, petugas, isian(KODE))
    teks = client.get(reverse("transaksi:verifikasi", args=[tagihan.token])).content.decode()
    assert "INV/1771/" in teks and "dokumen resmi Pelayanan Statistik Terpadu (PST) BPS Kota Bengkulu" in teks


def test_halaman_unduhan_tidak_tersedia_memberi_kontak_kantor_transaksinya(pengunjung, petugas, kota, klien_untuk):
    """Past the download period the visitor is pointed to the office that
    served them, not to the office their session happens to be at; one
    seeded without its number is given without a dash for a phone."""
    from pst_layanan.kantor import kantor

    kota.telepon = "–"
    kota.save()
    with time_machine.travel(datetime(2026, 3, 25, 10, 0, tzinfo=WIB), tick=False):
        t = diserahkan(pengunjung, petugas)
    Transaksi.objects.filter(pk=t.pk).update(kantor=kota)
    with time_machine.travel(datetime(2026, 5, 25, 10, 0, tzinfo=WIB), tick=False):
        r = klien_untuk(pengunjung).get(url("produk", t, t.berkas_produk.get().pk))
    teks = r.content.decode()
    isi = teks.split('role="alert"')[1].split("</main>")[0]  # the page's own text, not the site footer
    assert r.status_code == 410 and kota.email in isi and kantor().email not in isi
    assert f"{kota.nama} · {kota.email}" in isi


def test_transaksi_nol_rupiah_tidak_menyebut_pembayaran(pengunjung, petugas, klien_untuk):
    """An approved Rp0 request pays nothing: its panel speaks of the delivery only."""
    t = pabrik.transaksi_diajukan(pengunjung, kelas_harga="nol_rupiah")
    t = services.nyatakan_lengkap(t, petugas, setujui_nol_rupiah=True)
    tamu = klien_untuk(pengunjung)
    for tahap in ("diproses", "diserahkan"):
        halaman = tamu.get(t.get_absolute_url()).content.decode()
        panel = re.search(r'<section id="panel-pembayaran".*?</section>', halaman, re.S).group(0)
        assert ">Penyerahan produk</h2>" in panel and ">Pembayaran</h2>" not in panel, tahap
        assert "Pembayaran terverifikasi" not in panel, tahap
        if tahap == "diproses":
            assert "Produk sedang disiapkan petugas dan diserahkan paling lambat" in panel
            t = penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("peta.pdf", b"%PDF-1.4\n")])


@pytest.mark.parametrize("dari", ["draf", "diajukan"])
def test_transaksi_batal_sebelum_tagihan_tanpa_panel_pembayaran_kosong(dari, pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_draf(pengunjung) if dari == "draf" else pabrik.transaksi_diajukan(pengunjung)
    if dari == "draf":
        services.batalkan(t, pengunjung)
    else:
        services.batalkan(t, petugas, "Permintaan ganda.")
    halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    assert "Dibatalkan" in halaman and 'id="panel-pembayaran"' not in halaman


PERINGATAN_BATAL = "Sudah membayar kode billing? Jangan batalkan: kirim bukti bayarnya di bagian Pembayaran."


def test_pembatalan_setelah_tagihan_mengingatkan_yang_sudah_membayar(pengunjung, petugas, klien_untuk):
    """A visitor who paid and then cancels leaves money in the treasury that no
    transaction expects (a cancelled one takes no proof): once an invoice is
    out, the cancel question first says to send the proof instead."""
    klien = klien_untuk(pengunjung)
    sebelum_tagihan = pabrik.transaksi_diajukan(pengunjung)
    assert PERINGATAN_BATAL not in klien.get(sebelum_tagihan.get_absolute_url()).content.decode()
    t = menunggu_pembayaran(pengunjung, petugas)
    html = klien.get(t.get_absolute_url()).content.decode()
    batal = html.split("Batalkan transaksi</summary>", 1)[1].split("</details>", 1)[0]
    assert PERINGATAN_BATAL in batal
    klien.cookies["pst_bahasa"] = "en"
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    inggris = klien.get(t.get_absolute_url()).content.decode()
    assert "Already paid the billing code? Do not cancel: send its proof in the Payment section." in inggris


def test_jumlah_terbesar_diketik_dengan_rp_dan_sen(pengunjung, petugas, bendahara, klien_untuk):
    """Rp999.999.999.999 copied as SIMPONI and the invoice write it ("Rp
    999.999.999.999,00") fits the billing's amount and the treasurer's cash
    field; it is not refused for its length."""
    atur_kantor(bayar_tunai=True, **REKENING)
    peta = Produk.objects.get(kode="peta-indonesia-desa")
    peta.tarif.create(aturan="per_unit", harga_satuan=999_999_949_999)
    t = pabrik.transaksi_draf(pengunjung)
    services.tambah_item(t, peta, 1, "Peta desa seluruh Indonesia", pengunjung)
    t = services.nyatakan_lengkap(services.ajukan(t, pengunjung), petugas)
    assert t.total == 999_999_999_999
    ketik = "Rp 999.999.999.999,00"
    berlaku = (timezone.localtime() + timedelta(days=7)).replace(second=0, microsecond=0)
    data = {"kode_billing": KODE, "jumlah_billing": ketik, "kedaluwarsa_pada": f"{berlaku:%Y-%m-%dT%H:%M}"}
    r = klien_untuk(petugas).post(url("tagihan_terbitkan", t), {**data, "kanal": ["atm"]})
    assert r.status_code == 302 and t.tagihan.get().jumlah == 999_999_999_999
    r = klien_untuk(bendahara).post(url("kas_terima", t), {"jumlah_diterima": ketik})
    assert r.status_code == 302 and Kuitansi.objects.get(transaksi=t).jumlah == 999_999_999_999


@pytest.mark.parametrize("tombol", ["bukti_verifikasi", "bukti_tolak"])
def test_verifikasi_dari_halaman_lama_tidak_memutus_bukti_lain(pengunjung, petugas, klien_untuk, tombol):
    """The officer checked proof A in SIMPONI on a page opened earlier; A was
    refused meanwhile (another tab, a colleague) and the visitor sent proof B.
    The page's button decides A only: B, which nobody has checked, is neither
    verified nor refused by it."""
    t = menunggu_pembayaran(pengunjung, petugas)
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    kantor = klien_untuk(petugas)
    halaman = kantor.get(url("pembayaran", t)).content.decode()
    form = re.search(rf'<form[^>]*action="{url(tombol, t)}".*?</form>', halaman, re.S).group(0)
    dikirim = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))

    pembayaran.tolak_bukti(t, petugas, "BPN tidak terbaca.")
    b = pembayaran.kirim_bukti_bayar(t, pengunjung, "NTPN0000000000B2", pabrik.berkas_pdf("bpn2.pdf"))
    r = kantor.post(url(tombol, t), {**dikirim, "alasan": "NTPN tidak ditemukan."}, follow=True)
    assert "Bukti bayar yang Anda periksa sudah tidak menunggu verifikasi" in r.content.decode()
    b.refresh_from_db()
    t.refresh_from_db()
    assert (b.status, t.status) == (BuktiBayar.Status.MENUNGGU, Status.MENUNGGU_VERIFIKASI)


@pytest.mark.parametrize(
    ("rekan_memutus", "tombol", "keputusan"),
    [
        ("tolak", "bukti_verifikasi", "ditolak"),
        ("verifikasi", "bukti_verifikasi", "terverifikasi"),
        ("tolak", "bukti_tolak", "ditolak"),
        ("verifikasi", "bukti_tolak", "terverifikasi"),
    ],
)
def test_bukti_yang_sudah_diputus_rekan_disebut_siapa_pemutusnya(
    pengunjung, petugas, klien_untuk, rekan_memutus, tombol, keputusan
):
    """Two officers decide one proof at once (or one from a page opened
    before a colleague decided it): the second is told the proof was already
    decided and by whom, not that only the treasurer may take the step."""
    from conftest import buat_pengguna

    rekan = buat_pengguna("rekan@bps.go.id", "Petugas Layanan", nama_lengkap="Rina Rekan")
    t = menunggu_pembayaran(pengunjung, petugas)
    b = pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    if rekan_memutus == "tolak":
        pembayaran.tolak_bukti(t, rekan, "BPN tidak terbaca.")
    else:
        pembayaran.verifikasi_pembayaran(t, rekan)
    r = klien_untuk(petugas).post(url(tombol, t), {"bukti": b.pk, "alasan": "NTPN tidak ditemukan."}, follow=True)
    isi = r.content.decode()
    assert r.status_code == 200
    assert f"Bukti bayar NTPN {NTPN} sudah diperiksa Rina Rekan ({keputusan})" in isi
    assert "Hanya bendahara" not in isi


@pytest.mark.parametrize("dikirim", ["²", "9" * 5000, "-1", ""])
def test_verifikasi_dengan_bukti_yang_bukan_nomor_ditolak_tanpa_galat(pengunjung, petugas, klien_untuk, dikirim):
    t = menunggu_pembayaran(pengunjung, petugas)
    b = pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    r = klien_untuk(petugas).post(url("bukti_verifikasi", t), {"bukti": dikirim}, follow=True)
    assert (
        r.status_code == 200 and "Bukti bayar yang Anda periksa sudah tidak menunggu verifikasi" in r.content.decode()
    )
    b.refresh_from_db()
    assert b.status == BuktiBayar.Status.MENUNGGU


def test_dokumen_keuangan_menyebut_pembayar_saat_diterbitkan(pengunjung, petugas, klien_untuk):
    """An invoice and a receipt are numbered records of state revenue: reprinted
    after the visitor edits their profile they still name the payer as issued,
    and after the visitor's erasure they name nobody."""
    pengunjung.nama_lengkap, pengunjung.nama_instansi = "Andi Saputra", "Universitas Bengkulu"
    pengunjung.save(update_fields=["nama_lengkap", "nama_instansi"])
    t = diserahkan(pengunjung, petugas)
    pengunjung.nama_lengkap, pengunjung.nama_instansi = "Cahya Lestari", "PT Data Nusantara"
    pengunjung.save(update_fields=["nama_lengkap", "nama_instansi"])
    klien = klien_untuk(petugas)
    halaman = [url("tagihan_pdf", t, t.tagihan.get().pk), url("kuitansi_pdf", t)]
    for alamat in halaman:
        teks = " ".join(teks_pdf(klien.get(alamat)).split())
        assert "Andi Saputra, Universitas Bengkulu" in teks, alamat
        assert "Cahya" not in teks and "Nusantara" not in teks, alamat
    data_pribadi.anonimkan(pengunjung)
    for alamat in halaman:
        teks = teks_pdf(klien.get(alamat))
        assert "[dihapus]" in teks and "Andi" not in teks and "Universitas" not in teks, alamat


@pytest.mark.parametrize("peran", ["Resepsionis", "Petugas Layanan"])
def test_masa_unduh_berlaku_bagi_staf_atas_permohonannya_sendiri(peran, pengunjung, petugas, klien_untuk):
    # Staff asking for data are visitors on their own request: the download period is theirs too.
    staf = buat_pengguna("staf@bps.go.id", peran)
    with time_machine.travel(datetime(2026, 3, 25, 10, 0, tzinfo=WIB), tick=False):
        t = diserahkan(staf, petugas)
    berkas = t.berkas_produk.get()
    with time_machine.travel(datetime(2026, 4, 24, 10, 1, tzinfo=WIB), tick=False):
        klien = klien_untuk(staf)
        assert klien.get(url("produk", t, berkas.pk)).status_code == 410
        assert klien.get(url("kuitansi_pdf", t)).status_code == 410
        halaman = klien.get(url("pembayaran", t)).content.decode()
        assert "Masa unduh produk telah berakhir" in halaman
        assert url("produk", t, berkas.pk) not in halaman
        # The office's officer still reaches the files.
        assert klien_untuk(petugas).get(url("produk", t, berkas.pk)).status_code == 200
