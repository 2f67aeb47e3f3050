"""The compliance dashboard's durations read as numbers are said: one unit
in the singular, any other count (1.5, 0, 12) in the plural in English."""

import pytest

from penilaian.templatetags.penilaian import durasi, durasi_hari_kerja
from tests.dwibahasa import id_dan_en


@pytest.mark.parametrize(
    ("detik", "indonesia", "inggris"),
    [
        (1, "1 detik", "1 second"),
        (45, "45 detik", "45 seconds"),
        (61, "1 menit", "1 minute"),
        (90, "1,5 menit", "1.5 minutes"),
        (3600, "1 jam", "1 hour"),
        (-3600, "−1 jam", "−1 hour"),
        (5400, "1,5 jam", "1.5 hours"),
        (86400, "1 hari", "1 day"),
        (3 * 86400, "3 hari", "3 days"),
    ],
)
def test_durasi_tunggal_dan_jamak(detik, indonesia, inggris):
    assert id_dan_en(lambda: durasi(detik)) == (indonesia, inggris)


@pytest.mark.parametrize(
    ("hari", "indonesia", "inggris"),
    [
        (0, "0 hari kerja", "0 working days"),
        (1, "1 hari kerja", "1 working day"),
        (2, "2 hari kerja", "2 working days"),
        (4.6, "4,6 hari kerja", "4.6 working days"),
        (None, "–", "–"),
    ],
)
def test_durasi_hari_kerja(hari, indonesia, inggris):
    assert id_dan_en(lambda: durasi_hari_kerja(hari)) == (indonesia, inggris)
