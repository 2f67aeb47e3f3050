"""Amounts on invoices and receipts: Indonesian words (terbilang) and the
thousands separator (Rp1.250.000)."""

from decimal import Decimal

import pytest

from pst_layanan.format import rupiah, terbilang

CONTOH = [
    (0, "Rp0", "Nol rupiah"),
    (15, "Rp15", "Lima belas rupiah"),
    (1_000, "Rp1.000", "Seribu rupiah"),
    (1_250_000, "Rp1.250.000", "Satu juta dua ratus lima puluh ribu rupiah"),
    (12_000_000, "Rp12.000.000", "Dua belas juta rupiah"),
    (36_000_000, "Rp36.000.000", "Tiga puluh enam juta rupiah"),
    (1_000_000_000, "Rp1.000.000.000", "Satu miliar rupiah"),
]


@pytest.mark.parametrize("jumlah, angka, kata", CONTOH)
def test_rupiah_dan_terbilang(jumlah, angka, kata):
    assert rupiah(jumlah) == angka
    assert terbilang(jumlah) == kata
    assert rupiah(Decimal(jumlah)) == angka and terbilang(Decimal(jumlah)) == kata


@pytest.mark.parametrize(
    "jumlah, kata",
    [
        (11, "Sebelas rupiah"),
        (100, "Seratus rupiah"),
        (111_111, "Seratus sebelas ribu seratus sebelas rupiah"),
        (1_001_000, "Satu juta seribu rupiah"),
        (2_000_015, "Dua juta lima belas rupiah"),
        (50_000, "Lima puluh ribu rupiah"),
    ],
)
def test_terbilang_batas_kata(jumlah, kata):
    assert terbilang(jumlah) == kata


def test_rupiah_negatif_bertanda_di_depan():
    """A month's net PNBP after a refund of an earlier month's payment is
    negative: "-Rp24.000", as Indonesian accounts write it, not "Rp-24.000"
    (the sign between the currency and its digits)."""
    from django.utils import translation

    assert rupiah(-24_000) == "-Rp24.000"
    with translation.override("en"):
        assert rupiah(Decimal("-1250000")) == "-IDR 1,250,000"
