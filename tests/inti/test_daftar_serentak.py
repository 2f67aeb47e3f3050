"""The sign-up form sent three times at once (a double click, two tabs) on
PostgreSQL, each on its own connection: one account and one e-mail, its
verification link; every click gets the same answer, never an error page."""

import pytest
from django.test import Client
from django.urls import reverse

from pst_layanan.models import Pengguna, Surel
from tests.inti.test_akun import DATA_DAFTAR
from tests.serentak import serentak

SERENTAK = 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_daftar_diklik_ganda_satu_akun_satu_surel_postgres(postgres_wajib):
    klien = [Client() for _ in range(SERENTAK)]
    hasil, galat = serentak(lambda i: klien[i].post(reverse("akun:daftar"), DATA_DAFTAR), SERENTAK)
    assert galat == []
    assert [r.status_code for r in hasil] == [302] * SERENTAK
    assert Pengguna.objects.filter(email__iexact="siti@contoh.id").count() == 1
    assert list(Surel.objects.values_list("subjek", flat=True)) == ["Verifikasi e-mail akun PST Layanan"]
