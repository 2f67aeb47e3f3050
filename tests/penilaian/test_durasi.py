"""The compliance dashboard's durations read as numbers are said: one unit
in the singular, any other count (1.5, 0, 12) in the plural in English."""

import pytest

from penilaian.templatetags.penilaian import durasi, durasi_hari_kerja
from tests.dwibahasa import id_dan_en


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
