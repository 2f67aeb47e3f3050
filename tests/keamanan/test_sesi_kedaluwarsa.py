"""Expired sessions are deleted by a nightly beat job: a sign-in does not leave
a row naming its account in the database for good."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django_celery_beat.models import PeriodicTask

from pst_layanan.kalender import WIB
from pst_layanan.tasks import hapus_sesi_kedaluwarsa_task

pytestmark = pytest.mark.django_db

PAGI = datetime(2026, 3, 16, 8, 0, tzinfo=WIB)


def _masuk(pengguna, waktu) -> str:
    klien = Client()
    with time_machine.travel(waktu, tick=False):
        klien.force_login(pengguna, backend="django.contrib.auth.backends.ModelBackend")
    return klien.session.session_key


def test_sesi_kedaluwarsa_dihapus_sesi_berlaku_tetap(pengunjung, petugas):
    lama = _masuk(pengunjung, PAGI)
    masih = _masuk(petugas, PAGI + timedelta(hours=12))
    with time_machine.travel(PAGI + timedelta(hours=19), tick=False):
        hapus_sesi_kedaluwarsa_task.apply()
    assert list(Session.objects.values_list("session_key", flat=True)) == [masih]
    assert lama != masih


def test_jadwal_beat_hapus_sesi_tiap_malam():
    tugas = PeriodicTask.objects.get(task="pst_layanan.tasks.hapus_sesi_kedaluwarsa_task")
    assert tugas.enabled
    assert (tugas.crontab.minute, tugas.crontab.hour, tugas.crontab.day_of_month) == ("0", "3", "*")
