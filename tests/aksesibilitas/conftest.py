"""Fixtures of the accessibility tests: the world of the access table (every URL filled with real objects)."""

from tests.antrian.conftest import layanan_b, loket1, selalu_buka, tiket_untuk  # noqa: F401
from tests.keamanan.test_akses_url import dunia  # noqa: F401
from tests.transaksi.conftest import berkas_di, berkas_privat  # noqa: F401
