"""Fixtures for the transaction pages."""

import pytest


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
