"""The app's PostgreSQL sessions run without JIT: the dashboard's statements
are many small aggregates that JIT compiles for longer than they run."""

from django.db import connection


def test_sesi_postgres_tanpa_jit(postgres_wajib):
    with connection.cursor() as c:
        c.execute("SHOW jit")
        assert c.fetchone()[0] == "off"
