"""Thin Celery entry points of the deadline jobs (transaksi/tenggat.py).

Beat calls them without arguments (schedules in the admin, "Periodic tasks",
created by migration transaksi 0003_tenggat; the rating jobs are in
penilaian/tasks.py); the admin, the management command `tenggat` and
the calendar signal pass ids or dates. Each task only calls its service: the
service isolates errors per row, and a task that claimed a full batch queues
itself again so a backlog drains in short transactions.
"""

from __future__ import annotations

import logging
import time
from datetime import date

from celery import shared_task
from django.db import DatabaseError

from pst_layanan.celery import HARIAN, terbitkan
from transaksi import retensi, tenggat

log = logging.getLogger(__name__)

# A task drains batch after batch for up to this long, then queues itself
# again so a long backlog never holds the worker from other tasks.
KURAS_DETIK = 20


def kuras(task, job, ids) -> int:
    """Run `job` on `ids`, or, from beat, batch after batch (each its own
    short transaction) while the batches come back full: no idle countdown
    between batches, and the e-mails each batch queued wait for the worker
    only once, after the drain. The claim (SKIP LOCKED, flag set) keeps a
    second worker or a rerun from acting twice on a row."""
    if ids is not None:
        return len(job(ids))
    selesai = time.monotonic() + KURAS_DETIK
    jumlah = 0
    while True:
        hasil = job()
        jumlah += len(hasil)
        if len(hasil) < tenggat.BATAS_PER_JALAN:
            return jumlah
        if time.monotonic() >= selesai:
            task.apply_async()
            return jumlah


@shared_task(bind=True, ignore_result=True)
def eskalasi_task(self, ids: list[int] | None = None) -> int:
    return kuras(self, tenggat.eskalasi, ids)


@shared_task(bind=True, ignore_result=True)
def pengingat_task(self, ids: list[int] | None = None) -> int:
    return kuras(self, tenggat.pengingat, ids)


@shared_task(bind=True, ignore_result=True)
def tagihan_kedaluwarsa_task(self, ids: list[int] | None = None) -> int:
    return kuras(self, tenggat.tagihan_kedaluwarsa, ids)


# A recompute runs only when the calendar changes, so no later run would
# take up a row it failed on (the database gone mid-run): those rows are
# tried again this many times, this many seconds apart.
HITUNG_ULANG_COBA = 5
HITUNG_ULANG_JEDA = 60


@shared_task(ignore_result=True)
def hitung_ulang_task(
    tanggal: list[str] | None = None, ids: list[int] | None = None, kantor: int | None = None, coba: int = 0
) -> int:
    """After a calendar change: `tanggal` are ISO dates (None: every running
    clock); `kantor` the one office it concerns (None: every office). The
    rows that failed are queued again (`coba`: the retries so far)."""
    hari = [date.fromisoformat(x) for x in tanggal] if tanggal is not None else None
    gagal: list[int] = []
    try:
        hasil = tenggat.hitung_ulang(hari, ids, kantor, gagal)
    except DatabaseError:
        # The clocks could not even be listed (the database gone as the run
        # began): the whole recompute is queued again, the same way.
        log.exception("Tenggat: hitung ulang batas waktu gagal dimulai; dicoba lagi.")
        _coba_lagi(tanggal, ids, kantor, coba)
        return 0
    if gagal:
        _coba_lagi(tanggal, gagal, kantor, coba)
    return len(hasil)


def _coba_lagi(tanggal: list[str] | None, ids: list[int] | None, kantor: int | None, coba: int) -> None:
    """Queue the recompute of `ids` (None: every clock) again; once the tries
    are spent, or the broker does not take it, the admins are told which
    clocks keep the old calendar's deadline and how to recompute them. The
    failures before were mailed once per alert window, so without this no
    one could tell a recompute that gave up from one that got through."""
    if coba < HITUNG_ULANG_COBA and terbitkan(
        hitung_ulang_task, tanggal, ids, kantor, coba + 1, countdown=HITUNG_ULANG_JEDA
    ):
        return
    log.error(
        "Tenggat: hitung ulang batas waktu dihentikan setelah %d percobaan; batas waktu transaksi %s masih "
        "menurut kalender lama. Jalankan `manage.py tenggat hitung-ulang` setelah gangguannya teratasi.",
        coba + 1,
        "(semua)" if ids is None else ", ".join(map(str, ids)),
    )


@shared_task(bind=True, ignore_result=True, **HARIAN)
def retensi_dokumen_task(self) -> int:
    """Daily (migration transaksi 0006_jadwal_retensi): requirement files past retention (transaksi/retensi.py)."""
    hasil = retensi.hapus_kedaluwarsa()
    if len(hasil) >= retensi.BATAS_PER_JALAN:
        self.apply_async(countdown=1)
    return len(hasil)
