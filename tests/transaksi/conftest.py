"""Fixtures for the transaction pages."""

import importlib

import pytest
from django.apps import apps


@pytest.fixture
def katalog(db):
    """The PP 13/2024 catalogue and service B (transactional tests flush what the migrations seeded)."""
    importlib.import_module("transaksi.migrations.0002_katalog_pp_13_2024").isi(apps, None)
    from antrian.models import Layanan

    Layanan.objects.get_or_create(kode="B", defaults={"nama": "Produk Statistik Berbayar"})


@pytest.fixture(autouse=True)
def _katalog_untuk_uji_transaksional(request):
    """A transactional test (browser) flushes the database when it ends, seeded
    rows included: give every transactional test here the catalogue again."""
    penanda = request.node.get_closest_marker("django_db")
    if penanda and penanda.kwargs.get("transaction"):
        request.getfixturevalue("katalog")


@pytest.fixture
def berkas_privat(settings, tmp_path):
    """Private files of this test in their own empty folder, to assert what reached the disk."""
    lokasi = tmp_path / "berkas"
    lokasi.mkdir()
    settings.PRIVATE_ROOT = lokasi
    default = {**settings.STORAGES["default"], "OPTIONS": {"location": lokasi, "base_url": None}}
    settings.STORAGES = {**settings.STORAGES, "default": default}
    return lokasi


def berkas_di(lokasi) -> list:
    return [p for p in lokasi.rglob("*") if p.is_file()]
