"""Fixtures of the security tests: private files in a test's own folder (shared with tests/transaksi)."""

from tests.transaksi.conftest import berkas_di, berkas_privat  # noqa: F401
