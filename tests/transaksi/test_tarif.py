"""The PNBP tariff function on the whole PP 13/2024 schedule."""

from decimal import Decimal

import pytest

from tests.dwibahasa import id_dan_en
from transaksi.models import TarifProduk
from transaksi.tarif import hitung_tarif

pytestmark = pytest.mark.django_db

MB = 1_000_000


def tarif(kode):
    return TarifProduk.objects.select_related("produk").get(produk__kode=kode).sebagai_tarif()


@pytest.mark.parametrize(
    "halaman, rupiah",
    [(0, 0), (1, 50_000), (50, 50_000), (51, 65_000), (100, 65_000), (101, 80_000), (250, 110_000)],
)
def test_publikasi_per_50_halaman(halaman, rupiah):
    assert hitung_tarif(tarif("publikasi-elektronik"), halaman).total == Decimal(rupiah)


@pytest.mark.parametrize(
    "kode, ukuran, rupiah",
    [
        ("mikrodata-tanpa-olah", 1, 20_000),
        ("mikrodata-tanpa-olah", MB, 20_000),
        ("mikrodata-tanpa-olah", MB + 1, 20_020),
        ("mikrodata-tanpa-olah", MB + 1000, 20_020),
        ("mikrodata-tanpa-olah", MB + 1001, 20_040),
        ("mikrodata-tanpa-olah", 5 * MB, 100_000),
        ("mikrodata-olah", MB, 22_000),
        ("mikrodata-olah", MB + 1, 22_022),
        ("mikrodata-olah", MB + 1000, 22_022),
        ("mikrodata-olah", MB + 1001, 22_044),
    ],
)
def test_mikrodata_per_1000_byte(kode, ukuran, rupiah):
    assert hitung_tarif(tarif(kode), ukuran).total == Decimal(rupiah)


@pytest.mark.parametrize(
    "kode, peta, rupiah",
    [
        ("peta-kabkota-kecamatan", 1, 30_000),
        ("peta-kabkota-kecamatan", 3, 90_000),
        ("peta-kabkota-desa", 2, 140_000),
        ("peta-indonesia-kecamatan", 1, 12_000_000),
        ("peta-indonesia-desa", 1, 36_000_000),
    ],
)
def test_peta_per_lembar(kode, peta, rupiah):
    assert hitung_tarif(tarif(kode), peta).total == Decimal(rupiah)


def test_rincian_menjelaskan_blok():
    rincian = hitung_tarif(tarif("publikasi-elektronik"), 101)
    assert [b.subtotal for b in rincian.baris] == [Decimal(50_000), Decimal(30_000)]
    assert "50 halaman pertama" in rincian.baris[0].keterangan
    assert rincian.baris[1].banyak == 2
    assert isinstance(rincian.total, Decimal)


@pytest.mark.parametrize(
    "ukuran, keterangan",
    [
        (5 * MB, "4.000 × 1.000 byte berikutnya (4.000.000 byte) @ Rp20"),
        (5 * MB + 1, "4.001 × 1.000 byte berikutnya (4.000.001 byte, sebagian dihitung penuh) @ Rp20"),
    ],
)
def test_blok_terakhir_disebut_dihitung_penuh_hanya_bila_bersisa(ukuran, keterangan):
    assert hitung_tarif(tarif("mikrodata-tanpa-olah"), ukuran).baris[1].keterangan == keterangan


def test_sisa_satu_halaman_disebut_tunggal_dalam_bahasa_inggris():
    """51 pages: one page past the first block reads "1 page", not "1 pages"."""
    assert id_dan_en(lambda: hitung_tarif(tarif("publikasi-elektronik"), 51).baris[1].keterangan) == (
        "1 × 50 halaman berikutnya (1 halaman, sebagian dihitung penuh) @ Rp15.000",
        "1 × 50 further pages (1 page, a part counts in full) @ IDR 15,000",
    )


def test_jumlah_negatif_ditolak():
    with pytest.raises(ValueError):
        hitung_tarif(tarif("publikasi-elektronik"), -1)
