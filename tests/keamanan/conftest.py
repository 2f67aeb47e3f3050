"""Fixtures of the security tests: private files in a test's own folder (shared with tests/transaksi)."""

from tests.antrian.conftest import layanan_b, loket1, selalu_buka, tiket_untuk  # noqa: F401,E402
from tests.transaksi.conftest import berkas_di, berkas_privat  # noqa: F401
