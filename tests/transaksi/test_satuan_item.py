"""One item of a per-dataset/per-table/per-publication product is one
dataset, table or publication: the form says so, a description listing
several is refused with nothing changed (each pays its own first block)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import pabrik
from transaksi import selectors, services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "kode, uraian",
    [
        ("publikasi-elektronik", "Statistik Ekspor dan Impor Provinsi Bengkulu, 2025"),
        ("publikasi-elektronik", "Tabel 1. Penduduk menurut kabupaten (Bengkulu Dalam Angka 2026)"),
        ("mikrodata-tanpa-olah", "Susenas Maret 2024 Provinsi Bengkulu"),
        ("mikrodata-olah", "Sakernas Agustus 2025: tabulasi pengangguran per kabupaten"),
        # Maps are priced per map: the quantity counts them, a list is fine.
        ("peta-kabkota-desa", "Peta Kota Bengkulu; peta Kabupaten Seluma"),
    ],
)
def test_satu_satuan_diterima(kode, uraian, pengunjung):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    services.tambah_item(t, pabrik.produk(kode), 10, uraian, pengunjung)
    assert t.item.count() == 2


@pytest.mark.parametrize(
    "kode, uraian, satu",
    [
        ("publikasi-elektronik", "Bengkulu Dalam Angka 2025; Bengkulu Dalam Angka 2026", "publikasi"),
        ("publikasi-elektronik", "Statistik Daerah Kota Bengkulu\nStatistik Daerah Kabupaten Kaur", "publikasi"),
        ("mikrodata-tanpa-olah", "Susenas 2024 + Susenas 2025", "dataset"),
        ("mikrodata-tanpa-olah", "Susenas & Sakernas 2025", "dataset"),
        ("mikrodata-olah", "1) pengangguran per kabupaten 2) upah per sektor", "tabel"),
    ],
)
def test_bundel_ditolak_dengan_pesan_jelas(kode, uraian, satu, pengunjung):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    total = t.total
    with pytest.raises(ValidationError, match=f"hanya untuk satu {satu}.*tambahkan item terpisah untuk setiap {satu}"):
        services.tambah_item(t, pabrik.produk(kode), 10, uraian, pengunjung)
    t.refresh_from_db()
    assert t.item.count() == 1 and t.total == total


def test_formulir_menjelaskan_dan_menolak(pengunjung, klien_untuk):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    klien = klien_untuk(pengunjung)
    assert "Satu item = satu dataset" in klien.get(t.get_absolute_url()).content.decode()
    data = {"produk": "publikasi-elektronik", "uraian": "Publikasi A; Publikasi B", "jumlah": "120"}
    r = klien.post(reverse("transaksi:item_tambah", args=[t.nomor]), data)
    assert r.status_code == 400 and "hanya untuk satu publikasi" in r.content.decode()
    assert t.item.count() == 1
    tarif = klien.get(reverse("transaksi:tarif")).content.decode()
    assert "Satu item = satu publikasi; jumlah = halaman publikasi itu saja." in tarif


def test_satu_peta_pada_halaman_transaksi_berbahasa_inggris(pengunjung, klien_untuk):
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    t = pabrik.transaksi_draf(pengunjung, kode="peta-kabkota-desa", jumlah=1, dokumen=False)
    halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    assert ">1 map</td>" in halaman and "1 maps" not in halaman


def test_draf_tanpa_dokumen_wajib_tidak_meminta_menambah_produk(pengunjung, klien_untuk):
    """A draft whose products need no documents says so, instead of asking
    for a product it already lists; an empty draft still asks for one."""
    produk = pabrik.produk()
    produk.dokumen_wajib.clear()
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    assert not selectors.dokumen_wajib(t)
    klien = klien_untuk(pengunjung)
    halaman = klien.get(t.get_absolute_url()).content.decode()
    assert "Produk yang diminta tidak memerlukan dokumen persyaratan." in halaman
    assert "Tambahkan produk untuk melihat dokumen" not in halaman

    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    assert "The products requested need no supporting documents." in klien.get(t.get_absolute_url()).text

    kosong = services.buat_transaksi(pengunjung, "Penelitian skripsi tentang kemiskinan", "berbayar")
    pengunjung.bahasa = "id"
    pengunjung.save(update_fields=["bahasa"])
    assert "Tambahkan produk untuk melihat dokumen yang diperlukan." in klien.get(kosong.get_absolute_url()).text
