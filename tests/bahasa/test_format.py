"""Dates, times, numbers and rupiah through the locale formats, per language."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from antrian.services import teks_jam_layanan
from pst_layanan import format as fmt
from pst_layanan.kalender import WIB
from pst_layanan.periode import Bulan
from tests.dwibahasa import id_dan_en

RABU = datetime(2026, 3, 25, 15, 30, tzinfo=WIB)


@pytest.mark.parametrize(
    ("bahasa", "rupiah", "waktu", "tanggal", "bulan", "ukuran"),
    [
        ("id", "Rp1.234.567", "Rabu, 25 Maret 2026 pukul 15.30 WIB", "Rabu, 25 Maret 2026", "Maret 2026", "2,5 MB"),
        (
            "en",
            "IDR 1,234,567",
            "Wednesday, 25 March 2026, 15:30 WIB",
            "Wednesday, 25 March 2026",
            "March 2026",
            "2.5 MB",
        ),
    ],
)
def test_format_per_bahasa(bahasa, rupiah, waktu, tanggal, bulan, ukuran):
    with translation.override(bahasa):
        assert fmt.rupiah(Decimal("1234567")) == rupiah
        assert fmt.waktu_panjang(RABU) == waktu
        assert fmt.waktu_panjang(RABU.astimezone(tz=None)) == waktu  # any zone is read in WIB
        assert fmt.tanggal_panjang(date(2026, 3, 25)) == tanggal
        assert Bulan(2026, 3).nama == bulan
        assert fmt.ukuran_berkas(2_621_440) == ukuran


@pytest.mark.parametrize(
    ("jumlah", "id_", "en"),
    [
        (0, "Nol rupiah", "Zero rupiah"),
        (101, "Seratus satu rupiah", "One hundred and one rupiah"),
        (1_250_000, "Satu juta dua ratus lima puluh ribu rupiah", "One million two hundred and fifty thousand rupiah"),
        (2_000_045, "Dua juta empat puluh lima rupiah", "Two million and forty-five rupiah"),
        (36_000_000, "Tiga puluh enam juta rupiah", "Thirty-six million rupiah"),
    ],
)
def test_terbilang_per_bahasa(jumlah, id_, en):
    assert id_dan_en(lambda: fmt.terbilang(jumlah)) == (id_, en)


@pytest.mark.parametrize(
    ("n", "satuan", "id_", "en"),
    [
        (1, "hari_kerja", "1 hari kerja", "1 working day"),
        (3, "hari_kerja", "3 hari kerja", "3 working days"),
        (1, "jam", "1 jam", "1 hour"),
        (2, "jam", "2 jam", "2 hours"),
        (1, "menit", "1 menit", "1 minute"),
        (10, "menit", "10 menit", "10 minutes"),
        (1, "peta", "1 peta", "1 map"),
        (2, "peta", "2 peta", "2 maps"),
        (1, "halaman", "1 halaman", "1 page"),
        (1250, "halaman", "1.250 halaman", "1,250 pages"),
        (1, "tabel", "1 tabel", "1 table"),
        (2_500_000, "byte", "2.500.000 byte", "2,500,000 bytes"),
        (1200, "hari", "1.200 hari", "1,200 days"),
    ],
)
def test_jumlah_dengan_satuan_tunggal_dan_jamak_per_bahasa(n, satuan, id_, en):
    assert id_dan_en(lambda: fmt.jumlah_satuan(n, satuan)) == (id_, en)


@pytest.mark.django_db  # a counter belongs to an office, found in the database
def test_suara_layar_menyebut_angka_dalam_bahasanya():
    from antrian.models import Loket
    from antrian.services import kalimat_panggilan

    loket = Loket(nomor=2)
    assert id_dan_en(lambda: kalimat_panggilan("B-007", loket)) == (
        "Nomor antrian B nol nol tujuh, silakan menuju loket dua",
        "Queue number B zero zero seven, please go to counter two",
    )


@pytest.mark.parametrize(
    ("bahasa", "buka", "kini", "detik"),
    [("id", "08.00", "15.30", "15.30.05"), ("en", "08:00", "15:30", "15:30:05")],
)
def test_jam_per_bahasa(bahasa, buka, kini, detik):
    """A clock time alone: Indonesian "08.00", English "08:00" — from a time,
    the "08:00" text of a fresh office row, or a datetime read in WIB."""
    with translation.override(bahasa):
        assert fmt.jam(time(8, 0)) == fmt.jam("08:00") == buka
        assert fmt.jam(RABU.astimezone(tz=None)) == kini
        assert fmt.jam(RABU.replace(second=5), detik=True) == detik


def test_waktu_pendek_per_bahasa():
    """A moment in a table: read in WIB, its clock written as the language writes it."""
    utc = RABU.astimezone(tz=None)
    assert id_dan_en(lambda: fmt.waktu_pendek(utc)) == ("25 Mar 2026 15.30", "25 Mar 2026 15:30")


@pytest.mark.django_db
def test_teks_jam_layanan_per_bahasa():
    indonesia, inggris = id_dan_en(teks_jam_layanan)
    assert indonesia.startswith("Senin–Kamis 08.00–15.30 WIB, Jumat 08.00–16.00 WIB")
    assert inggris.startswith("Monday–Thursday 08:00–15:30 WIB, Friday 08:00–16:00 WIB")


@pytest.mark.parametrize(("bahasa", "teks"), [("id", "Rp50.000"), ("en", "IDR\u00a050,000")])
def test_rupiah_di_halaman_tidak_terpotong_di_antara_awalan_dan_angka(bahasa, teks):
    # In a narrow table column (the cash desk on a tablet) "IDR" stood on one
    # line and "50,000" on the next; "Rp50.000" never breaks.
    with translation.override(bahasa):
        assert Template("{% load pst %}{{ n|rupiah }}").render(Context({"n": 50000})) == teks


@pytest.mark.parametrize(("bahasa", "contoh"), [("id", "mis. 1.250.000"), ("en", "e.g. 1,250,000")])
def test_contoh_jumlah_rupiah_pada_penolakan_ditulis_cara_pembaca(bahasa, contoh):
    """An officer typing a billing's amount wrongly is shown an example written
    the way they write amounts (and the way the form reads them)."""
    from django.core.exceptions import ValidationError

    from transaksi.billing import baca_rupiah

    with translation.override(bahasa), pytest.raises(ValidationError) as galat:
        baca_rupiah("lima puluh ribu")
    assert contoh in galat.value.messages[0]
