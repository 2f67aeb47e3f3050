"""Logins sent at once on PostgreSQL + the shared cache, each on its own
connection: thirty wrong passwords for one account have the password checked
at most AXES_FAILURE_LIMIT times, as when they come one after another; and
colleagues behind one office address who log in at the same moment all get in."""

import threading
import time

import pytest
from django.test import Client
from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan.models import Pengguna
from tests.serentak import serentak

SANDI = "sandi-uji-123"  # conftest.buat_pengguna


@pytest.fixture
def sandi_diperiksa(monkeypatch):
    """The passwords checked, each taking as long as the production hasher
    roughly does, so the logins overlap."""
    diperiksa, kunci = [], threading.Lock()
    asli = Pengguna.check_password

    def periksa(self, sandi):
        with kunci:
            diperiksa.append(sandi)
        time.sleep(0.2)
        return asli(self, sandi)

    monkeypatch.setattr(Pengguna, "check_password", periksa)
    return diperiksa


def masuk_serentak(email, sandi) -> list[int]:
    """Status codes of len(email) logins sent at once from one address."""
    klien = [Client() for _ in email]
    hasil, galat = serentak(
        lambda i: klien[i].post(reverse("login"), {"username": email[i], "password": sandi[i]}, REMOTE_ADDR="10.0.0.1"),
        len(email),
    )
    assert galat == []
    return sorted(r.status_code for r in hasil)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_tebakan_serentak_tidak_melebihi_batas_gagal(postgres_wajib, pengunjung, settings, sandi_diperiksa):
    jumlah = 30
    kode = masuk_serentak(["andi@contoh.id"] * jumlah, [f"salah-{i}" for i in range(jumlah)])
    assert len(sandi_diperiksa) == settings.AXES_FAILURE_LIMIT
    # Every guess past the limit is refused unchecked. A guess checked at the
    # same moment as the one that reaches the limit may count that one too and
    # already answer with the lock: wrong either way, nothing more tried.
    assert set(kode) <= {200, 429}
    assert kode.count(429) >= jumlah - settings.AXES_FAILURE_LIMIT + 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_rekan_satu_alamat_masuk_bersamaan_semua_berhasil(postgres_wajib, settings, sandi_diperiksa):
    jumlah = settings.AXES_FAILURE_LIMIT + 3
    email = [f"rekan{i}@contoh.id" for i in range(jumlah)]
    for e in email:
        buat_pengguna(e)
    assert masuk_serentak(email, [SANDI] * jumlah) == [302] * jumlah
