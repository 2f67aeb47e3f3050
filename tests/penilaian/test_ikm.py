"""The IKM (PermenPANRB 14/2017) against a worked example computed by hand."""

from datetime import datetime
from decimal import Decimal

import pytest

from antrian.models import Kanal
from penilaian.ikm import hitung_ikm, ikm_per, ikm_rinci, predikat
from penilaian.models import Penilaian
from pst_layanan.kalender import WIB
from tests.penilaian.conftest import buat_penilaian_massal, skor_dengan_jumlah

MARET = datetime(2026, 3, 10, 10, 0, tzinfo=WIB)

# Four respondents, by hand:
#        U1 U2 U3 U4 U5 U6 U7 U8 U9
# R1      4  4  3  4  3  4  4  3  3
# R2      3  3  3  2  3  3  4  3  2
# R3      4  3  2  3  4  4  4  3  3
# R4      3  4  3  4  3  3  3  4  2
# sums   14 14 11 13 13 14 15 13 10
# NRR   3.5 3.5 2.75 3.25 3.25 3.5 3.75 3.25 2.5   Σ = 29.25
# IKM = 29.25 × 1/9 × 25 = 81.25 → B (Baik)
CONTOH = [
    [4, 4, 3, 4, 3, 4, 4, 3, 3],
    [3, 3, 3, 2, 3, 3, 4, 3, 2],
    [4, 3, 2, 3, 4, 4, 4, 3, 3],
    [3, 4, 3, 4, 3, 3, 3, 4, 2],
]


@pytest.mark.django_db
def test_contoh_hitung_tangan(pengunjung, django_assert_num_queries):
    buat_penilaian_massal(pengunjung, CONTOH, MARET)
    with django_assert_num_queries(1):
        hasil = hitung_ikm()
    assert hasil.responden == 4
    assert [n.jumlah for n in hasil.unsur] == [14, 14, 11, 13, 13, 14, 15, 13, 10]
    assert [n.nrr for n in hasil.unsur] == [
        Decimal(x) for x in ["3.5", "3.5", "2.75", "3.25", "3.25", "3.5", "3.75", "3.25", "2.5"]
    ]
    assert hasil.ikm == Decimal("81.25")
    assert (hasil.mutu.huruf, hasil.mutu.kinerja) == ("B", "Baik")


@pytest.mark.django_db
def test_periode_kanal_dan_kelompok(pengunjung):
    buat_penilaian_massal(pengunjung, CONTOH[:2], MARET, kanal=Kanal.LANGSUNG)
    buat_penilaian_massal(pengunjung, [[4] * 9], MARET, kanal=Kanal.ONLINE)
    buat_penilaian_massal(pengunjung, [[1] * 9], datetime(2026, 4, 1, 0, 0, tzinfo=WIB))  # next month
    maret = {"dari": datetime(2026, 3, 1, tzinfo=WIB), "sampai": datetime(2026, 4, 1, tzinfo=WIB)}
    assert hitung_ikm(**maret).responden == 3
    assert hitung_ikm(**maret, kanal=Kanal.ONLINE).ikm == Decimal("100.00")
    # R1 + R2: (32 + 26) / 2 / 9 × 25 = 80.555… → 80.56
    assert hitung_ikm(**maret, kanal=Kanal.LANGSUNG).ikm == Decimal("80.56")
    per_kanal = dict(ikm_per(Penilaian.objects.periode(**maret), "kanal"))
    assert per_kanal[Kanal.ONLINE].ikm == Decimal("100.00")
    assert per_kanal[Kanal.LANGSUNG].responden == 2


@pytest.mark.django_db
def test_rinci_satu_kueri_sama_dengan_keseluruhan_dan_per_kelompok(pengunjung, django_assert_num_queries):
    buat_penilaian_massal(pengunjung, CONTOH[:2], MARET, kanal=Kanal.LANGSUNG)
    buat_penilaian_massal(pengunjung, CONTOH[2:], MARET, kanal=Kanal.ONLINE)
    buat_penilaian_massal(pengunjung, [[4] * 9], MARET, kanal=Kanal.ONLINE)
    qs = Penilaian.objects.all()
    with django_assert_num_queries(1):
        semua, per = ikm_rinci(qs, "kanal", "layanan__nama")
    assert semua == hitung_ikm(qs) and semua.responden == 5
    assert per["kanal"] == ikm_per(qs, "kanal") and per["layanan__nama"] == ikm_per(qs, "layanan__nama")
    assert dict(per["kanal"])[Kanal.LANGSUNG].ikm == Decimal("80.56")


@pytest.mark.django_db
def test_tanpa_responden():
    hasil = hitung_ikm()
    assert (hasil.responden, hasil.ikm, hasil.mutu) == (0, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "n, total, ikm, huruf",
    [
        (38, 889, "64.99", "D"),  # 64.9853… → 64,99
        (5, 117, "65.00", "C"),  # exactly 65
        (26, 717, "76.60", "C"),  # 76.6025… → 76,60 (rounded first, so still C)
        (19, 524, "76.61", "B"),  # 76.6081… → 76,61
        (19, 604, "88.30", "B"),  # 88.3040… → 88,30
        (24, 763, "88.31", "A"),  # 88.3101… → 88,31
    ],
)
def test_batas_mutu_dengan_responden(pengunjung, n, total, ikm, huruf):
    buat_penilaian_massal(pengunjung, skor_dengan_jumlah(n, total), MARET)
    hasil = hitung_ikm()
    assert hasil.responden == n
    assert hasil.ikm == Decimal(ikm)
    assert hasil.mutu.huruf == huruf


@pytest.mark.parametrize(
    "nilai, huruf",
    [("25", "D"), ("64.99", "D"), ("64.994", "D"), ("64.995", "C"), ("65.00", "C"), ("76.60", "C"),
     ("76.61", "B"), ("88.30", "B"), ("88.31", "A"), ("100", "A")],
)  # fmt: skip
def test_predikat_pada_batas(nilai, huruf):
    assert predikat(Decimal(nilai)).huruf == huruf


@pytest.mark.django_db
def test_csv_laporan_memuat_ikm_per_kanal_seperti_halaman(pengunjung):
    """The report page and PDF give the IKM of each channel; the CSV (and the
    XLSX summary, from the same rows) must carry the same figures."""
    from penilaian import laporan
    from pst_layanan.periode import Bulan

    buat_penilaian_massal(pengunjung, CONTOH[:2], MARET, kanal=Kanal.LANGSUNG)
    buat_penilaian_massal(pengunjung, [[4] * 9], MARET, kanal=Kanal.ONLINE)
    d = laporan.susun(Bulan(2026, 3))
    csv = laporan.sebagai_csv(d).decode("utf-8-sig")
    assert "IKM,IKM kanal Datang langsung,80.56" in csv
    assert "IKM,IKM kanal Online,100.00" in csv
    assert "IKM,Responden kanal Datang langsung,2" in csv
    assert "IKM,Mutu kanal Online,A (Sangat Baik)" in csv


@pytest.mark.django_db
def test_dasbor_ikm_per_layanan_dengan_nama_dalam_bahasa_pembaca(pengunjung):
    """In English the dashboard named the service in Indonesian, unlike every
    other page; a service with no English name keeps its Indonesian one."""
    from django.utils import translation

    from antrian.models import Layanan
    from penilaian.dasbor import data_dasbor
    from pst_layanan.periode import Bulan

    buat_penilaian_massal(pengunjung, [[4] * 9], MARET)
    with translation.override("en"):
        assert [n for n, _h in data_dasbor(Bulan(2026, 3))["ikm_layanan"]] == [Layanan.objects.get(kode="B").nama]
        assert data_dasbor(Bulan(2026, 3))["ikm_layanan"][0][0] == "Paid Statistical Products"
    Layanan.objects.filter(kode="B").update(nama_en="")
    with translation.override("en"):
        assert data_dasbor(Bulan(2026, 3))["ikm_layanan"][0][0] == "Produk Statistik Berbayar"
    assert data_dasbor(Bulan(2026, 3))["ikm_layanan"][0][0] == "Produk Statistik Berbayar"


def _kolom_berjumlah(n: int, jumlah: list[int]) -> list[list[int]]:
    """n respondents whose scores add up to `jumlah` per element (U1…U9)."""
    kolom = [[j // n + 1] * (j % n) + [j // n] * (n - j % n) for j in jumlah]
    return [list(baris) for baris in zip(*kolom, strict=True)]


@pytest.mark.django_db
def test_ikm_tepat_di_setengah_dibulatkan_ke_atas(pengunjung):
    """24 respondents, element sums 67 83 67 74 78 89 71 74 72 (675 in all):
    by hand Σ NRR = 675 / 24 = 28.125, index 28.125 / 9 = 3.125, IKM 78.125,
    which HALF-UP makes 78.13. Each NRR here is a repeating decimal (67 / 24
    = 2.7916…); their sum cut at 28 digits must not turn 78.125 into 78.12."""
    jumlah = [67, 83, 67, 74, 78, 89, 71, 74, 72]
    buat_penilaian_massal(pengunjung, _kolom_berjumlah(24, jumlah), MARET)
    hasil = hitung_ikm()
    assert [n.jumlah for n in hasil.unsur] == jumlah
    assert hasil.ikm_tepat == Decimal("78.125") and hasil.ikm == Decimal("78.13")
