"""Expired sessions are deleted by a nightly beat job: a sign-in does not leave
a row naming its account in the database for good."""

from datetime import datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
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


def _catatan(model, hari_lalu, **isi):
    baris = model.objects.create(user_agent="Firefox", ip_address="203.0.113.7", http_accept="*/*", **isi)
    model.objects.filter(pk=baris.pk).update(attempt_time=PAGI - timedelta(days=hari_lalu))
    return baris.pk


def test_catatan_masuk_dihapus_setelah_masa_simpannya(settings, pengunjung):
    """Login records name an account and its address (personal data): the
    same nightly job deletes successful logins and logged failures older
    than RETENSI_LOG_MASUK_HARI days, and failure counts once past the
    cool-off, when they lock nothing any more; newer ones stay."""
    assert settings.RETENSI_LOG_MASUK_HARI == 90
    email = pengunjung.email
    lama = [
        (AccessLog, _catatan(AccessLog, 91, username=email)),
        (AccessFailureLog, _catatan(AccessFailureLog, 91, username=email)),
        (AccessAttempt, _catatan(AccessAttempt, 1, username=email, failures_since_start=2)),
    ]
    baru = [
        (AccessLog, _catatan(AccessLog, 89, username=email)),
        (AccessFailureLog, _catatan(AccessFailureLog, 89, username=email)),
        (AccessAttempt, _catatan(AccessAttempt, 0.01, username="budi@contoh.id", failures_since_start=2)),
    ]
    with time_machine.travel(PAGI, tick=False):
        hapus_sesi_kedaluwarsa_task.apply()
    assert [model.objects.filter(pk=pk).exists() for model, pk in lama] == [False] * 3
    assert [model.objects.filter(pk=pk).exists() for model, pk in baru] == [True] * 3
