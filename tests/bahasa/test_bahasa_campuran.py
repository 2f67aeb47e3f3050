"""An Indonesian officer and an English visitor on the same transaction: each
reads their own language on the pages, in the e-mails and in the PDFs,
whoever made the move that sent them."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests import pabrik
from tests.transaksi.test_kanal_bayar import kanal_kantor  # noqa: F401  (fixture)
from tests.transaksi.test_pembayaran import isian
from transaksi.models import Status
from transaksi.services import pembayaran

pytestmark = pytest.mark.django_db


def _klien(user) -> Client:
    klien = Client()
    klien.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return klien


def _surel(alamat: str) -> list:
    return [m for m in mail.outbox if alamat in m.to]


@pytest.fixture
def peneliti(pengunjung):
    """A foreign researcher who chose English with the switcher."""
    klien = Client()
    klien.force_login(pengunjung, backend="django.contrib.auth.backends.ModelBackend")
    r = klien.post(reverse("set_language"), {"language": "en", "next": "/transaksi/saya/"})
    assert r.status_code == 302 and r.cookies["pst_bahasa"].value == "en"
    pengunjung.refresh_from_db()
    assert pengunjung.bahasa == "en"
    return pengunjung


def test_petugas_indonesia_dan_peneliti_inggris_pada_transaksi_yang_sama(
    peneliti, petugas, supervisor, django_capture_on_commit_callbacks
):
    petugas.bahasa = "id"
    petugas.save(update_fields=["bahasa"])
    tamu, kantor = _klien(peneliti), _klien(petugas)

    with django_capture_on_commit_callbacks(execute=True):
        t = pabrik.transaksi_diajukan(peneliti)
    # The visitor's receipt in English, the officers' notice in Indonesian.
    [terima] = _surel(peneliti.email)
    assert terima.subject == f"Transaction {t.nomor}: Submitted, awaiting check"
    assert "We have received your submission." in terima.body and "Next step:" in terima.body
    [tugas] = _surel(petugas.email)
    assert "menunggu tindakan kantor" in tugas.body and "Transaction" not in tugas.body

    mail.outbox.clear()
    # The officer declares it complete from their (Indonesian) page.
    halaman = kantor.get(reverse("transaksi:periksa_detail", args=[t.nomor])).content.decode()
    assert "Keputusan pemeriksaan" in halaman and "Check decision" not in halaman
    with django_capture_on_commit_callbacks(execute=True):
        r = kantor.post(reverse("transaksi:periksa_lengkap", args=[t.nomor]), follow=True)
    assert "dinyatakan lengkap" in r.content.decode()
    [kabar] = _surel(peneliti.email)
    assert kabar.subject == f"Transaction {t.nomor}: Complete, awaiting invoice"
    assert "An officer is issuing the invoice" in kabar.body and "Petugas" not in kabar.body

    # The invoice: English amounts and words for the visitor.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tagihan = pembayaran.terbitkan_tagihan(t, petugas, isian())
    [surel_tagihan] = _surel(peneliti.email)
    assert surel_tagihan.subject == f"Invoice {tagihan.nomor} for transaction {t.nomor}"
    assert "Amount: IDR 50,000 (Fifty thousand rupiah)" in surel_tagihan.body
    assert "Valid until: " in surel_tagihan.body and " WIB" in surel_tagihan.body

    # Pages: the visitor's in English, the officer's in Indonesian, on the same transaction.
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN
    detail = tamu.get(reverse("transaksi:detail", args=[t.nomor])).content.decode()
    assert 'lang="en"' in detail and "Your next step" in detail and "Langkah Anda berikutnya" not in detail
    # A document the officer accepted is "in order", not the survey scale's "suitable".
    assert ">In order<" in detail and "Suitable" not in detail
    periksa = kantor.get(reverse("transaksi:periksa_detail", args=[t.nomor])).content.decode()
    assert 'lang="id"' in periksa and "Pemohon" in periksa and ">Sesuai<" in periksa


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="butuh pdftotext (poppler-utils)")
def test_pdf_tagihan_dalam_bahasa_yang_meminta(peneliti, petugas):
    petugas.bahasa = "id"
    petugas.save(update_fields=["bahasa"])
    t = pabrik.transaksi_diajukan(peneliti)
    from transaksi import services

    t = services.nyatakan_lengkap(t, petugas)
    tagihan = pembayaran.terbitkan_tagihan(t, petugas, isian())
    alamat = reverse("transaksi:tagihan_pdf", args=[t.nomor, tagihan.pk])

    def teks(klien):
        isi = klien.get(alamat).content
        return subprocess.run(["pdftotext", "-", "-"], input=isi, capture_output=True, check=True).stdout.decode()

    inggris, indonesia = teks(_klien(peneliti)), teks(_klien(petugas))
    assert "In words" in inggris and "Fifty thousand rupiah" in inggris and "IDR 50,000" in inggris
    assert "How to pay" in inggris and "Terbilang" not in inggris
    assert "Terbilang" in indonesia and "Lima puluh ribu rupiah" in indonesia and "Rp50.000" in indonesia


def test_tagihan_kedaluwarsa_oleh_tugas_terjadwal_dikabarkan_dalam_bahasa_masing_masing(
    peneliti, petugas, django_capture_on_commit_callbacks
):
    """The expiry job acts for nobody: the visitor reads its e-mail in English,
    the officer in Indonesian, and the history keeps the office's language."""
    from datetime import datetime, timedelta

    import time_machine

    from pst_layanan.kalender import WIB
    from transaksi import services, tenggat
    from transaksi.models import RiwayatTransaksi

    petugas.bahasa = "id"
    petugas.save(update_fields=["bahasa"])
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(peneliti), petugas)
        tagihan = pembayaran.terbitkan_tagihan(t, petugas, isian())
    mail.outbox.clear()
    with (
        time_machine.travel(tagihan.kedaluwarsa_pada + timedelta(minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tenggat.tagihan_kedaluwarsa() == [tagihan.pk]
    [tamu] = _surel(peneliti.email)
    assert tamu.subject == f"Transaction {t.nomor}: Invoice {tagihan.nomor} expired"
    assert "expired on Friday, 20 March 2026, 10:00 WIB without proof of payment" in tamu.body
    assert "kedaluwarsa" not in tamu.body and "jangan membayar" not in tamu.body
    [kantor] = _surel(petugas.email)
    assert kantor.subject == f"[{t.nomor}] Tagihan {tagihan.nomor} kedaluwarsa: terbitkan tagihan baru"
    assert "Jumat, 20 Maret 2026 pukul 10.00 WIB tanpa bukti pembayaran" in kantor.body
    catatan = t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.CATATAN).latest("pk").catatan
    assert catatan.startswith(f"Kode billing {tagihan.kode_billing} pada tagihan {tagihan.nomor} kedaluwarsa pada")


def test_tutup_otomatis_tanpa_penilaian_dikabarkan_dalam_bahasa_pengunjung(
    peneliti, petugas, django_capture_on_commit_callbacks
):
    """The auto-close job acts for nobody: the visitor reads why in English;
    the history keeps the office's language."""
    from datetime import datetime

    import time_machine

    from penilaian import tenggat
    from pst_layanan.kalender import WIB
    from tests.transaksi.test_pembayaran import diserahkan
    from transaksi.models import Status

    with time_machine.travel(datetime(2026, 4, 6, 10, 0, tzinfo=WIB), tick=False):
        t = diserahkan(peneliti, petugas)
    mail.outbox.clear()
    with (
        time_machine.travel(datetime(2026, 4, 20, 10, 0, tzinfo=WIB), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tenggat.tutup_otomatis() == [t.pk]
    [surel] = _surel(peneliti.email)
    assert "Closed automatically without a rating: not rated within 5 working days of delivery." in surel.body
    assert "Ditutup otomatis" not in surel.body
    catatan = t.riwayat.get(ke=Status.SELESAI).catatan
    assert catatan == "Ditutup otomatis tanpa penilaian: tidak dinilai dalam 5 hari kerja setelah produk diserahkan."


def test_bukti_bayar_terlambat_dijelaskan_dalam_bahasa_pengunjung(
    peneliti, petugas, django_capture_on_commit_callbacks
):
    """A BPN dated after the invoice expired: the visitor's receipt explains
    what happens next in their language; the history keeps the office's."""
    from datetime import datetime, timedelta

    import time_machine

    from pst_layanan.kalender import WIB
    from tests.transaksi.test_pembayaran import NTPN, menunggu_pembayaran
    from transaksi import tenggat
    from transaksi.models import Status

    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = menunggu_pembayaran(peneliti, petugas)
    tagihan = t.tagihan.get()
    with time_machine.travel(tagihan.kedaluwarsa_pada + timedelta(days=2), tick=False):
        tenggat.tagihan_kedaluwarsa()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            pembayaran.kirim_bukti_bayar(
                t, peneliti, NTPN, pabrik.berkas_pdf("bpn.pdf"), (tagihan.kedaluwarsa_pada + timedelta(days=1)).date()
            )
    [terima] = _surel(peneliti.email)
    assert f"is after invoice {tagihan.nomor} expired" in terima.body
    assert "Tanggal bayar pada BPN" not in terima.body
    assert "Tanggal bayar pada BPN" in t.riwayat.get(ke=Status.MENUNGGU_VERIFIKASI).catatan


def test_catatan_riwayat_dalam_bahasa_kantor_walau_petugas_membaca_inggris(pengunjung, petugas):
    """The history is the office's record, in Indonesian: an officer who reads
    English must not put English amounts, days or document names in it, where
    an Indonesian visitor reads them."""
    from django.utils import translation

    from transaksi import services

    t = pabrik.transaksi_diajukan(pengunjung)
    dok = t.dokumen.aktif().select_related("jenis").first()
    with translation.override("en"):
        services.minta_perbaikan(t, petugas, {dok.pk: "Tidak terbaca"})
        assert dok.jenis.nama != dok.jenis.nama_ind  # the officer's page names it in English
    catatan = t.riwayat.get(ke=Status.PERLU_PERBAIKAN).catatan
    assert f"- {dok.jenis.nama_ind}: Tidak terbaca" in catatan

    t = pabrik.transaksi_diajukan(pengunjung)
    with translation.override("en"):
        t = services.nyatakan_lengkap(t, petugas)
        tagihan = pembayaran.terbitkan_tagihan(t, petugas, isian())
    catatan = t.riwayat.get(catatan__startswith=f"Tagihan {tagihan.nomor}").catatan
    assert "Rp50.000" in catatan and "IDR" not in catatan
    assert " pukul " in catatan and "day," not in catatan
    halaman = _klien(pengunjung).get(reverse("transaksi:detail", args=[t.nomor])).content.decode()
    assert "berlaku sampai" in halaman and "IDR 50,000" not in halaman


def test_kolom_banyaknya_dalam_bahasa_inggris_bukan_amount(peneliti, supervisor):
    """ "Jumlah" is both a quantity and a sum of money in Indonesian: where a
    column counts pages or invoices, English reads "Quantity" or "Count", not
    "Amount" beside a column of rupiah."""
    t = pabrik.transaksi_draf(peneliti, kode="publikasi-elektronik", jumlah=120)
    halaman = _klien(peneliti).get(reverse("transaksi:detail", args=[t.nomor])).content.decode()
    kepala = halaman[halaman.index('id="item"') :]
    kepala = kepala[: kepala.index("</thead>")]
    assert ">Quantity</th>" in kepala and "Amount" not in kepala

    supervisor.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    halaman = _klien(supervisor).get(reverse("transaksi:rekonsiliasi")).content.decode()
    status = halaman[halaman.index("Invoices by status") :]
    status = status[: status.index("</thead>")]
    assert ">Count</th>" in status and "Amount" not in status


def test_catatan_serah_terima_fisik_dalam_bahasa_kantor(pengunjung, petugas):
    from django.utils import translation

    from tests.transaksi.test_pembayaran import diproses
    from transaksi.services import penyerahan

    t = diproses(pengunjung, petugas)
    fisik = penyerahan.DataSerahTerima("flashdisk", "Data Susenas 2025", "Andi Pengunjung")
    with translation.override("en"):
        penyerahan.serahkan_produk(t, petugas, serah_terima=fisik)
    catatan = t.riwayat.get(ke=Status.DISERAHKAN).catatan
    assert "serah terima fisik (Flashdisk milik pemohon)" in catatan


def test_kolom_jumlah_kunjungan_dalam_bahasa_inggris_jamak(supervisor):
    # The guest-book tables count visits: "Visits 4", not "Visit 4".
    supervisor.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    halaman = _klien(supervisor).get(reverse("penilaian:dasbor")).content.decode()
    assert '<th scope="col" class="text-end">Visits</th>' in halaman and ">Visit<" not in halaman


def test_tutup_otomatis_dengan_masa_penilaian_satu_hari_kerja_dalam_bentuk_tunggal(
    peneliti, petugas, django_capture_on_commit_callbacks
):
    """An office may give one working day to rate: the English reader is told
    "1 working day", not "1 working days"."""
    from penilaian.services import tutup_tanpa_penilaian
    from pst_layanan.kantor import kantor, lupakan_kantor
    from tests.transaksi.test_pembayaran import diserahkan

    k = kantor()
    k.batas_penilaian_hari_kerja = 1
    k.save()
    lupakan_kantor()
    t = diserahkan(peneliti, petugas)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tutup_tanpa_penilaian(t)
    [surel] = _surel(peneliti.email)
    assert "not rated within 1 working day of delivery." in surel.body
    catatan = t.riwayat.get(ke=Status.SELESAI).catatan
    assert catatan == "Ditutup otomatis tanpa penilaian: tidak dinilai dalam 1 hari kerja setelah produk diserahkan."


@pytest.mark.usefixtures("kanal_kantor")
def test_catatan_staf_tentang_pembayaran_dalam_bahasa_pengunjung(
    peneliti, petugas, bendahara, django_capture_on_commit_callbacks
):
    """A refused proof, a cash payment at the treasurer's desk and a request to
    correct the items: the English visitor's e-mail says what happened in
    English; the history keeps the office's words."""
    from tests.transaksi.test_pembayaran import KODE, NTPN, menunggu_pembayaran
    from transaksi.models import RiwayatTransaksi
    from transaksi.services import kanal

    def catatan_terakhir(t):
        jenis = [RiwayatTransaksi.Jenis.STATUS, RiwayatTransaksi.Jenis.CATATAN]
        return t.riwayat.filter(jenis__in=jenis).latest("pk").catatan

    t = menunggu_pembayaran(peneliti, petugas)
    pembayaran.kirim_bukti_bayar(t, peneliti, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pembayaran.tolak_bukti(t, petugas, "BPN tidak terbaca.")
    [tolak] = _surel(peneliti.email)
    assert f"Proof of payment NTPN {NTPN} refused: BPN tidak terbaca." in tolak.body
    assert catatan_terakhir(t) == f"Bukti bayar NTPN {NTPN} ditolak: BPN tidak terbaca."

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pembayaran.buka_koreksi_item(t, petugas, "Pisahkan per tahun.")
    [koreksi] = _surel(peneliti.email)
    assert "The officer asks you to check and correct the quantities of the items: Pisahkan per tahun." in koreksi.body
    assert "halaman pembayaran" not in koreksi.body and "dibatalkan" not in koreksi.body
    assert catatan_terakhir(t).startswith("Petugas meminta Anda memeriksa dan mengoreksi jumlah item")

    t = menunggu_pembayaran(peneliti, petugas, kode=KODE[:-1] + "9")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        kuitansi = kanal.terima_tunai(t, bendahara, 50_000, "Uang pas.")
    [tunai] = _surel(peneliti.email)
    assert f"received in cash by revenue treasurer {bendahara.nama_lengkap}; receipt {kuitansi.nomor}" in tunai.body
    assert "IDR 50,000" in tunai.body and "Uang pas." in tunai.body and "diterima tunai" not in tunai.body
    assert catatan_terakhir(t).startswith(f"Pembayaran {kuitansi.tagihan.nomor} sebesar Rp50.000 diterima tunai")


def test_catatan_pemohon_dalam_surel_petugas_berbahasa_inggris(
    pengunjung, petugas, supervisor, django_capture_on_commit_callbacks
):
    """An officer who reads English gets the note of the visitor's move
    (submitted, invoice correction asked) in English; the history keeps the
    office's words."""
    from tests.transaksi.test_pembayaran import menunggu_pembayaran
    from transaksi.models import RiwayatTransaksi

    petugas.bahasa = "en"
    petugas.save(update_fields=["bahasa"])
    with django_capture_on_commit_callbacks(execute=True):
        t = pabrik.transaksi_diajukan(pengunjung)
    [diajukan] = _surel(petugas.email)
    assert "Note:\n> Submitted." in diajukan.body and "Diajukan." not in diajukan.body
    assert t.riwayat.get(ke=Status.DIAJUKAN).catatan == "Diajukan."

    t = menunggu_pembayaran(pengunjung, petugas, "820260313000055")
    tagihan = t.tagihan.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pembayaran.minta_koreksi_tagihan(t, pengunjung, "Jumlah halaman salah.")
    [koreksi] = _surel(petugas.email)
    assert f"Note:\n> The applicant asks for {tagihan.nomor} to be corrected: Jumlah halaman salah." in koreksi.body
    catatan = t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.STATUS).latest("pk").catatan
    assert catatan == f"Pemohon meminta koreksi {tagihan.nomor}: Jumlah halaman salah."


def test_baris_jumlah_laporan_bulanan_dalam_bahasa_inggris_bukan_amount(supervisor):
    """The monthly report's total rows count visits and transactions: in
    English they read "Total", not "Amount" a few lines above the PNBP in rupiah."""
    from penilaian.models import LaporanBulanan
    from pst_layanan.models import kantor_bawaan

    supervisor.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    lap = LaporanBulanan.objects.create(bulan="2026-03-01", kantor_id=kantor_bawaan())
    halaman = _klien(supervisor).get(reverse("penilaian:laporan_detail", args=[lap.pk])).content.decode()
    isi = halaman[halaman.index("1. Visits") : halaman.index("3. PNBP")]
    assert isi.count('<th scope="row">Total</th>') == 2 and "Amount" not in isi


def test_permintaan_perbaikan_menyebut_dokumen_dalam_bahasa_pengunjung(
    peneliti, petugas, django_capture_on_commit_callbacks
):
    """The officer's per-document notes: the English visitor's e-mail names
    each document in English; the history keeps the office's words."""
    from transaksi import services
    from transaksi.models import RiwayatTransaksi

    petugas.bahasa = "id"
    petugas.save(update_fields=["bahasa"])
    t = pabrik.transaksi_diajukan(peneliti)
    abstraksi = t.dokumen.get(jenis__kode="abstraksi")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.minta_perbaikan(t, petugas, {abstraksi.pk: "Variabel tidak disebutkan."})
    [surel] = _surel(peneliti.email)
    assert "- Data use abstract: Variabel tidak disebutkan." in surel.body
    assert "Abstraksi penggunaan data" not in surel.body
    catatan = t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.STATUS).latest("pk").catatan
    assert catatan == "- Abstraksi penggunaan data: Variabel tidak disebutkan."
