"""The compliance dashboard's durations read as numbers are said: one unit
in the singular, any other count (1.5, 0, 12) in the plural in English."""

from datetime import datetime

import pytest
from django.urls import reverse

from penilaian.templatetags.penilaian import durasi, durasi_hari_kerja
from pst_layanan.kalender import WIB
from tests.dwibahasa import id_dan_en
from tests.penilaian.conftest import buat_penilaian_massal


@pytest.mark.parametrize(
    ("saring", "nilai", "indonesia", "inggris"),
    [
        (durasi, 1, "1 detik", "1 second"),
        (durasi, 45, "45 detik", "45 seconds"),
        (durasi, 61, "1 menit", "1 minute"),
        (durasi, 90, "1,5 menit", "1.5 minutes"),
        (durasi, 3600, "1 jam", "1 hour"),
        (durasi, -3600, "−1 jam", "−1 hour"),
        (durasi, 5400, "1,5 jam", "1.5 hours"),
        (durasi, 86400, "1 hari", "1 day"),
        (durasi, 3 * 86400, "3 hari", "3 days"),
        # A value is shown in the unit it reads in once rounded: 59.7 seconds
        # is "1 menit", not "60 detik"; 59 min 58 s is "1 jam", not "60 menit".
        (durasi, 59.7, "1 menit", "1 minute"),
        (durasi, 3598, "1 jam", "1 hour"),
        (durasi, 86390, "1 hari", "1 day"),
        # Halves round up, as the shares and the IKM round: 10 min 15 s.
        (durasi, 615, "10,3 menit", "10.3 minutes"),
        (durasi, 4500, "1,3 jam", "1.3 hours"),
        (durasi, 2.5, "3 detik", "3 seconds"),
        # The working-day standards' durations are counts of working days, not seconds.
        (durasi_hari_kerja, 0, "0 hari kerja", "0 working days"),
        (durasi_hari_kerja, 1, "1 hari kerja", "1 working day"),
        (durasi_hari_kerja, 2, "2 hari kerja", "2 working days"),
        (durasi_hari_kerja, 4.6, "4,6 hari kerja", "4.6 working days"),
        (durasi_hari_kerja, None, "–", "–"),
    ],
)
def test_durasi_tunggal_dan_jamak(saring, nilai, indonesia, inggris):
    assert id_dan_en(lambda: saring(nilai)) == (indonesia, inggris)


@pytest.mark.django_db
def test_dasbor_median_hampir_semenit_terbaca_satu_menit(
    pengunjung, supervisor, klien_untuk, django_assert_max_num_queries
):
    """Two ratings filled in 59,6 and 59,8 seconds: their median, 59,7
    seconds, reads "1 menit" on the dashboard, not "60 detik"."""
    for detik in (59.6, 59.8):
        buat_penilaian_massal(pengunjung, [[4] * 9], datetime(2026, 4, 20, 9, 0, tzinfo=WIB), detik_isi=detik)
    klien = klien_untuk(supervisor)
    with django_assert_max_num_queries(20):
        r = klien.get(reverse("penilaian:dasbor"), {"bulan": "2026-04"})
    baris = r.text.split('id="kepatuhan-penilaian"')[1].split("</tr>")[0]
    assert ">1 menit<" in baris and "60 detik" not in baris


def test_sel_durasi_xlsx_dibulatkan_seperti_halamannya():
    """The workbook's median and P90 cells rounded halves to even (a 2,5-second
    median was 2 while the page said "3 detik"); they round as the page does."""
    from types import SimpleNamespace

    from penilaian import laporan

    detik = SimpleNamespace(standar=SimpleNamespace(hari_kerja=False), median=2.5, p90=10.5)
    assert laporan._durasi_xlsx(detik) == [3, 11, None, None]
    hari = SimpleNamespace(standar=SimpleNamespace(hari_kerja=True), median=0.25, p90=6.35)
    assert laporan._durasi_xlsx(hari) == [None, None, 0.3, 6.4]
