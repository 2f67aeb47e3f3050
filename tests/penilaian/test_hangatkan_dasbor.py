"""The daily beat job stores the compliance trend's closed months, so the
dashboard does not count them again; the job is scheduled."""

from datetime import datetime

import pytest
import time_machine
from django_celery_beat.models import PeriodicTask

from penilaian import mutu
from penilaian.models import RingkasanKepatuhan
from penilaian.tasks import hangatkan_dasbor_task
from pst_layanan.kalender import WIB

pytestmark = pytest.mark.django_db


def test_tugas_harian_menyimpan_bulan_tertutup(django_assert_max_num_queries):
    with time_machine.travel(datetime(2026, 5, 10, 5, 30, tzinfo=WIB), tick=False):
        hangatkan_dasbor_task()
        hangatkan_dasbor_task()  # twice: the same rows
        assert RingkasanKepatuhan.objects.filter(bulan="2026-04").count() == len(mutu.STANDAR)
        assert not RingkasanKepatuhan.objects.filter(bulan="2026-05").exists()  # the current month stays live
        # Only the current month is counted again: one read plus one query per SOP step.
        with django_assert_max_num_queries(1 + len(mutu.STANDAR)):
            mutu.tren_kepatuhan(mutu.Bulan.ini())


def test_jadwal_ada_setelah_migrasi():
    assert PeriodicTask.objects.filter(task="penilaian.tasks.hangatkan_dasbor_task", enabled=True).exists()
