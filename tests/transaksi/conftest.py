"""Fixtures for the transaction pages."""

import pytest
from django.db import OperationalError
from django.db.models.sql.compiler import SQLInsertCompiler


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


def putus_setelah_insert(monkeypatch, model) -> None:
    """From now on each INSERT of a `model` row runs, then the connection
    breaks (OperationalError): a database write that fails after its file
    went to disk."""
    tulis = SQLInsertCompiler.execute_sql

    def putus(self, *args, **kwargs):
        hasil = tulis(self, *args, **kwargs)
        if self.query.model is model:
            raise OperationalError("server closed the connection unexpectedly")
        return hasil

    monkeypatch.setattr(SQLInsertCompiler, "execute_sql", putus)
