"""Running the same work from several connections at the same moment."""

from __future__ import annotations

import threading

from django.db import connection


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
