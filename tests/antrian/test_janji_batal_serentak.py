"""Cancelling an appointment at the same moment as a second cancellation
(a double click, two tabs) or as the desk's check-in: exactly one outcome,
never an error page."""

from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from antrian import services
from antrian.models import JanjiTemu, StatusJanji, Tiket
from pst_layanan.kalender import WIB
from pst_layanan.models import Surel
from tests.serentak import serentak

SERENTAK = 4


def _klien(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def _janji_terkonfirmasi(pengunjung, layanan, petugas) -> JanjiTemu:
    with time_machine.travel(datetime(2026, 4, 13, 9, 0, tzinfo=WIB), tick=False):
        janji = services.ajukan_janji(pengunjung, layanan, datetime(2026, 4, 15, 10, 0, tzinfo=WIB), "Data IPM")
        services.konfirmasi_janji(janji, petugas)
    Surel.objects.all().delete()
    mail.outbox.clear()
    return janji


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pembatalan_serentak_satu_pembatalan_postgres(postgres_wajib, layanan_b, pengunjung, petugas):
    janji = _janji_terkonfirmasi(pengunjung, layanan_b, petugas)
    klien = [_klien(pengunjung) for _ in range(SERENTAK)]
    url = reverse("antrian:janji_batal", args=[janji.pk])
    with time_machine.travel(datetime(2026, 4, 14, 9, 0, tzinfo=WIB), tick=False):
        hasil, galat = serentak(lambda i: klien[i].post(url, {"alasan": f"tab {i}"}), SERENTAK)
    assert galat == []
    assert [r.status_code for r in hasil] == [302] * SERENTAK
    janji.refresh_from_db()
    assert janji.status == StatusJanji.DIBATALKAN
    assert Surel.objects.count() == 1  # the office is told once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pembatalan_berpacu_dengan_checkin_satu_hasil_postgres(
    postgres_wajib, layanan_b, pengunjung, petugas, resepsionis
):
    janji = _janji_terkonfirmasi(pengunjung, layanan_b, petugas)
    tamu, meja = _klien(pengunjung), _klien(resepsionis)
    kerja = [
        lambda: tamu.post(reverse("antrian:janji_batal", args=[janji.pk])),
        lambda: meja.post(reverse("antrian:janji_checkin", args=[janji.pk])),
    ]
    with time_machine.travel(datetime(2026, 4, 15, 9, 55, tzinfo=WIB), tick=False):
        hasil, galat = serentak(lambda i: kerja[i](), 2)
    assert galat == []
    assert [r.status_code for r in hasil] == [302, 302]
    janji.refresh_from_db()
    if janji.status == StatusJanji.DIBATALKAN:
        assert not Tiket.objects.exists()
    else:
        assert janji.status == StatusJanji.HADIR and Tiket.objects.count() == 1
