"""Running the same work from several connections at the same moment."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db import connection, transaction


def serentak(kerja, jumlah: int) -> tuple[list, list]:
    """Run `kerja(i)` for i in 0..jumlah-1, each in its own thread and database
    connection, all released at once by one barrier: (results, exceptions),
    each in the order they finished."""
    mulai = threading.Barrier(jumlah)
    hasil, galat = [], []

    def jalan(i):
        try:
            mulai.wait()
            hasil.append(kerja(i))
        except Exception as exc:  # collected and asserted by the caller
            galat.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=jalan, args=(i,)) for i in range(jumlah)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return hasil, galat


@contextmanager
def ditahan(kerja, detik: float = 0.5):
    """Run `kerja()` in its own thread and database connection, in a
    transaction kept open `detik` seconds after it is done: the body runs
    while that transaction holds its locks, so what the body waits for ends
    when it commits. What `kerja` raised is raised on leaving."""
    selesai, galat = threading.Event(), []

    def jalan():
        try:
            with transaction.atomic():
                kerja()
                selesai.set()
                threading.Event().wait(detik)
        except Exception as exc:  # raised on leaving the block
            galat.append(exc)
        finally:
            selesai.set()
            connection.close()

    t = threading.Thread(target=jalan)
    t.start()
    try:
        assert selesai.wait(5)
        yield
    finally:
        t.join()
    if galat:
        raise galat[0]
