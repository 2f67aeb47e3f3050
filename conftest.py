"""Shared fixtures: the personas of the SOP and a clean cache per test."""

import os

import pytest
from django.contrib.auth.models import Group

from pst_layanan.kalender import _koreksi

# Set by `make test-postgres` (and so by CI): PostgreSQL tests must run, not skip.
WAJIB_POSTGRES = os.environ.get("PST_WAJIB_POSTGRES") == "1"


@pytest.fixture(autouse=True)
def _cache_bersih():
    """Each test starts with empty caches: rolled-back rows must not linger."""
    from django.core.cache import cache

    cache.clear()
    _koreksi.cache_clear()
    yield
    cache.clear()


def buat_pengguna(email, peran=None, **extra):
    from pst_layanan.models import Pengguna

    data = {"nama_lengkap": email.split("@")[0].title(), "email_terverifikasi": True, "telepon": "081234567890"}
    data.update(extra)
    user = Pengguna.objects.create_user(email=email, password="sandi-uji-123", **data)
    if peran:
        user.groups.add(Group.objects.get(name=peran))
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def pengunjung(db):
    return buat_pengguna("andi@contoh.id", nama_lengkap="Andi Pengunjung")


@pytest.fixture
def pengunjung_lain(db):
    return buat_pengguna("budi@contoh.id", nama_lengkap="Budi Lain")


@pytest.fixture
def resepsionis(db):
    return buat_pengguna("resepsionis@bps.go.id", "Resepsionis", nama_lengkap="Dewi Resepsionis")


@pytest.fixture
def petugas(db):
    return buat_pengguna("petugas@bps.go.id", "Petugas Layanan", nama_lengkap="Budi Petugas")


@pytest.fixture
def supervisor(db):
    return buat_pengguna("supervisor@bps.go.id", "Supervisor", nama_lengkap="Rina Supervisor")


@pytest.fixture
def klien_untuk(client):
    """klien_untuk(user) → a test client logged in as `user`."""

    def _masuk(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _masuk


@pytest.fixture
def postgres_wajib(db):
    """Skip off PostgreSQL on the default run; fail on the PostgreSQL run
    (CI), so concurrency tests can never pass by being skipped."""
    from django.db import connection

    if connection.vendor != "postgresql":
        if WAJIB_POSTGRES:
            pytest.fail("Uji ini wajib berjalan di PostgreSQL (PST_WAJIB_POSTGRES=1), tetapi databasenya bukan.")
        pytest.skip("Butuh PostgreSQL (jalan di CI dengan DATABASE_URL).")
    return connection
