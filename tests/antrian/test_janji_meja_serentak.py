"""The receptionist's appointment booking for a new visitor sent twice at
once (a double click): one account, one appointment, never an error page."""

from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from antrian.models import JanjiTemu
from pst_layanan.kalender import WIB
from pst_layanan.models import Pengguna
from tests.antrian.test_janji_meja import TAMU_BARU_JANJI
from tests.serentak import serentak

SERENTAK = 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_janji_tamu_baru_dikirim_serentak_satu_akun_satu_janji_postgres(postgres_wajib, layanan_b, resepsionis):
    klien = []
    for _ in range(SERENTAK):
        c = Client()
        c.force_login(resepsionis, backend="django.contrib.auth.backends.ModelBackend")
        klien.append(c)
    data = {"layanan": layanan_b.pk, "waktu": "2026-04-18T10:00", "keperluan": "Data IPM", **TAMU_BARU_JANJI}
    with time_machine.travel(datetime(2026, 4, 17, 14, 0, tzinfo=WIB), tick=False):
        hasil, galat = serentak(lambda i: klien[i].post(reverse("antrian:janji_meja"), data), SERENTAK)
    assert galat == []
    assert [r.status_code for r in hasil] == [302] * SERENTAK
    assert Pengguna.objects.filter(email="sari@contoh.id").count() == 1
    assert JanjiTemu.objects.count() == 1
