"""A PostgreSQL setting for a few statements: inside the block only, whether
or not the caller is in a transaction."""

from django.db import connection, transaction

from pst_layanan.basisdata import pengaturan_lokal


def _nilai(nama):
    with connection.cursor() as c:
        c.execute("SELECT current_setting(%s)", [nama])
        return c.fetchone()[0]


def test_pengaturan_hanya_di_dalam_blok(postgres_wajib):
    with transaction.atomic():
        assert _nilai("enable_bitmapscan") == "on"
        with pengaturan_lokal("enable_bitmapscan", "off"):
            assert _nilai("enable_bitmapscan") == "off"
        assert _nilai("enable_bitmapscan") == "on"  # the caller's later statements keep the default


def test_galat_di_dalam_blok_membatalkan_pengaturan(postgres_wajib):
    with transaction.atomic():
        try:
            with pengaturan_lokal("statement_timeout", "1234"):
                assert _nilai("statement_timeout") == "1234ms"
                raise RuntimeError
        except RuntimeError:
            pass
        assert _nilai("statement_timeout") == "0"


def test_tanpa_postgres_tidak_mengubah_apa_pun(db):
    with pengaturan_lokal("enable_bitmapscan", "off"):
        pass
