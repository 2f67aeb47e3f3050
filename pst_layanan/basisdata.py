"""PostgreSQL settings for a few statements, not the whole session."""

from __future__ import annotations

import contextlib

from django.db import connection, transaction


@contextlib.contextmanager
def pengaturan_lokal(nama: str, nilai: str):
    """The PostgreSQL setting `nama` is `nilai` for the statements inside the
    block (on other databases: nothing changes).

    It is set with `SET LOCAL`, which lasts to the end of the transaction:
    inside a caller's transaction the previous value is put back after the
    block, so it never leaks into the caller's later statements. An error
    rolls the block's savepoint back, which undoes the setting by itself.
    """
    if connection.vendor != "postgresql":
        yield
        return
    di_dalam = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s), set_config(%s, %s, true)", [nama, nama, nilai])
        sebelumnya = cursor.fetchone()[0]
        yield
        if di_dalam:
            cursor.execute("SELECT set_config(%s, %s, true)", [nama, sebelumnya])
