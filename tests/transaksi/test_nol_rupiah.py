"""Rp0 is a decision about an applicant, not a product class: the visitor
asks for it on a transaction with the required letter, the officer
approves or refuses (who and when are kept), the total follows; products
are only paid or free, and the data migration turns Rp0 products paid."""

import importlib
import re
from datetime import datetime

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from pst_layanan.kalender import WIB
from tests import pabrik
from tests.transaksi.test_pembayaran_halaman import subtotal_per_baris
from transaksi import selectors, services
from transaksi.alur import TransisiTidakSah
from transaksi.models import Produk, RiwayatTransaksi, Status, Transaksi

pytestmark = pytest.mark.django_db

migrasi = importlib.import_module("transaksi.migrations.0017_nol_rupiah_keputusan_pemohon")
SURAT = "surat-nol-rupiah"


def test_pemohon_mengajukan_dan_menarik_rp0_pada_draf(pengunjung, pengunjung_lain, klien_untuk):
    t = pabrik.transaksi_draf(pengunjung)
    assert t.total == 50_000 and SURAT not in {j.kode for j in selectors.dokumen_kurang(t)}
    klien = klien_untuk(pengunjung)
    url = reverse("transaksi:nol_rupiah", args=[t.nomor])
    assert "Ajukan tarif Rp0" in klien.get(t.get_absolute_url()).content.decode()
    klien.post(url, {"minta": "1"})
    t.refresh_from_db()
    # The request: the letter is now required (uploaded through the usual checked path); the total stands until decided.
    assert t.kelas_harga == "nol_rupiah" and t.total == 50_000
    assert [j.kode for j in selectors.dokumen_kurang(t)] == [SURAT]
    with pytest.raises(TransisiTidakSah, match="Dokumen belum lengkap"):
        services.ajukan(t, pengunjung)
    assert t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.CATATAN, catatan__contains="mengajukan tarif Rp0").exists()
    klien.post(url, {"minta": "0"})
    t.refresh_from_db()
    assert t.kelas_harga == "berbayar" and not selectors.dokumen_kurang(t)
    # Another visitor cannot touch it; after submission the class is fixed.
    assert klien_untuk(pengunjung_lain).post(url, {"minta": "1"}).status_code == 404
    t = services.ajukan(t, pengunjung)
    with pytest.raises(TransisiTidakSah, match="tidak dapat diubah lagi"):
        services.minta_nol_rupiah(t, pengunjung)
    t.refresh_from_db()
    assert t.kelas_harga == "berbayar"


@pytest.mark.parametrize(
    "setuju, total, status", [(True, 0, Status.DIPROSES), (False, 50_000, Status.MENUNGGU_TAGIHAN)]
)
def test_petugas_memutuskan_tercatat_siapa_dan_kapan(setuju, total, status, pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_draf(pengunjung)
    services.minta_nol_rupiah(t, pengunjung)
    services.unggah_dokumen(t, pabrik.jenis(SURAT), pabrik.berkas_pdf("surat.pdf"), pengunjung)
    t = services.ajukan(t, pengunjung)
    with pytest.raises(ValidationError, match="Putuskan dahulu permohonan tarif Rp0"):
        services.nyatakan_lengkap(t, petugas)
    with time_machine.travel(datetime(2026, 3, 17, 9, 30, tzinfo=WIB), tick=False):
        t = services.nyatakan_lengkap(t, petugas, setujui_nol_rupiah=setuju)
    assert (t.status, t.total) == (status, total)
    disetujui = (t.nol_rupiah_disetujui_oleh, t.nol_rupiah_disetujui_pada)
    ditolak = (t.nol_rupiah_ditolak_oleh, t.nol_rupiah_ditolak_pada)
    keputusan = (petugas, datetime(2026, 3, 17, 9, 30, tzinfo=WIB))
    assert (disetujui, ditolak) == ((keputusan, (None, None)) if setuju else ((None, None), keputusan))
    halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    kalimat = "Tarif Rp0 disetujui oleh Budi Petugas" if setuju else "Permohonan tarif Rp0 ditolak oleh Budi Petugas"
    assert kalimat in halaman


def test_produk_hanya_berbayar_atau_gratis():
    produk = pabrik.produk()
    produk.kelas_harga = "nol_rupiah"
    with pytest.raises(ValidationError, match="kelas_harga"):
        produk.full_clean()


def test_migrasi_produk_rp0_menjadi_berbayar(pengunjung, petugas):
    """A product classed Rp0 (the earlier model) becomes paid; a transaction
    not yet invoiced is re-totalled, an approved Rp0 request stays Rp0, an
    invoiced one keeps its amount."""
    Produk.objects.filter(kode="publikasi-elektronik").update(kelas_harga="nol_rupiah")
    publikasi = pabrik.produk("publikasi-elektronik")

    def dengan_publikasi(**kwargs):
        t = pabrik.transaksi_draf(pengunjung, **kwargs)
        services.tambah_item(t, publikasi, 120, "Bengkulu Dalam Angka 2026", pengunjung)
        t.refresh_from_db()
        return t

    draf = dengan_publikasi()
    rp0 = dengan_publikasi(kelas_harga="nol_rupiah")
    rp0 = services.nyatakan_lengkap(services.ajukan(rp0, pengunjung), petugas, setujui_nol_rupiah=True)
    ditagih = dengan_publikasi()
    ditagih = services.ajukan(ditagih, pengunjung)
    Transaksi.objects.filter(pk=ditagih.pk).update(status=Status.MENUNGGU_PEMBAYARAN)
    assert (draf.total, rp0.total) == (50_000, 0)  # the Rp0 product was not charged

    migrasi.rp0_menjadi_keputusan(apps, None)

    publikasi.refresh_from_db()
    assert publikasi.kelas_harga == "berbayar"
    for t in (draf, rp0, ditagih):
        t.refresh_from_db()
    # 120 pages: Rp50.000 for the first 50 + 2 × Rp15.000.
    assert (draf.total, rp0.total, ditagih.total) == (130_000, 0, 50_000)
    assert draf.riwayat.filter(catatan__contains="kini berbayar").count() == 1
    assert not rp0.riwayat.filter(catatan__contains="kini berbayar").exists()


def test_permohonan_rp0_yang_dibatalkan_tidak_lagi_menjanjikan_rp0(pengunjung, petugas, klien_untuk):
    """A Rp0 request cancelled before the officer decided it is never
    decided: neither page says the total becomes Rp0 once approved."""
    t = pabrik.transaksi_diajukan(pengunjung, kelas_harga="nol_rupiah")
    janji = "menjadi Rp0 bila permohonan tarif nol rupiah disetujui"
    assert janji in klien_untuk(pengunjung).get(t.get_absolute_url()).text
    services.batalkan(t, pengunjung)
    assert janji not in klien_untuk(pengunjung).get(t.get_absolute_url()).text
    assert janji not in klien_untuk(petugas).get(reverse("transaksi:periksa_detail", args=[t.nomor])).text


@pytest.mark.parametrize("setuju, subtotal", [(True, "Rp0"), (False, "Rp50.000")])
def test_item_transaksi_rp0_disetujui_tertulis_rp0_seperti_totalnya(setuju, subtotal, pengunjung, petugas, klien_untuk):
    """On an approved Rp0 request the item lines read Rp0 and add up to the
    Rp0 total beside them; refused, they carry the tariff."""
    t = pabrik.transaksi_draf(pengunjung)
    services.minta_nol_rupiah(t, pengunjung)
    services.unggah_dokumen(t, pabrik.jenis(SURAT), pabrik.berkas_pdf("surat.pdf"), pengunjung)
    t = services.nyatakan_lengkap(services.ajukan(t, pengunjung), petugas, setujui_nol_rupiah=setuju)
    halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    assert subtotal_per_baris(halaman, 'id="item"') == [subtotal]
    assert re.search(r"data-total>([^<]*)<", halaman[halaman.index('id="item"') :]).group(1) == subtotal
