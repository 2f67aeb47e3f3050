"""Fixtures of the core tests."""

import pytest

from tests.antrian.conftest import layanan_b, selalu_buka  # noqa: F401


@pytest.fixture
def private_root(settings, tmp_path):
    """PRIVATE_ROOT and the file storage of this test in their own empty folder."""
    lokasi = tmp_path / "berkas"
    lokasi.mkdir()
    settings.PRIVATE_ROOT = lokasi
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": lokasi}},
    }
    return lokasi
