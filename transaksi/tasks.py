"""Thin Celery entry points of the deadline jobs (transaksi/tenggat.py).

Beat calls them without arguments (schedules in the admin, "Periodic tasks",
created by migration transaksi 0003_tenggat; the rating jobs are in
penilaian/tasks.py); the admin, the management command `tenggat` and
the calendar signal pass ids or dates. Each task only calls its service: the
service isolates errors per row, and a task that claimed a full batch queues
itself again so a backlog drains in short transactions.
"""

from __future__ import annotations

from datetime import date

from celery import shared_task

from transaksi import retensi, tenggat


def lanjutkan_bila_penuh(task, hasil: list[int], ids) -> None:
    # At once, no countdown: a full run means more rows are due now, and the
    # claim (SKIP LOCKED, flag set) keeps a quick rerun from acting twice.
    if ids is None and len(hasil) >= tenggat.BATAS_PER_JALAN:
        task.apply_async()


@shared_task(bind=True, ignore_result=True)
def eskalasi_task(self, ids: list[int] | None = None) -> int:
    hasil = tenggat.eskalasi(ids)
    lanjutkan_bila_penuh(self, hasil, ids)
    return len(hasil)


@shared_task(bind=True, ignore_result=True)
def pengingat_task(self, ids: list[int] | None = None) -> int:
    hasil = tenggat.pengingat(ids)
    lanjutkan_bila_penuh(self, hasil, ids)
    return len(hasil)


@shared_task(bind=True, ignore_result=True)
def tagihan_kedaluwarsa_task(self, ids: list[int] | None = None) -> int:
    hasil = tenggat.tagihan_kedaluwarsa(ids)
    lanjutkan_bila_penuh(self, hasil, ids)
    return len(hasil)


@shared_task(ignore_result=True)
def hitung_ulang_task(tanggal: list[str] | None = None, ids: list[int] | None = None) -> int:
    """After a calendar change: `tanggal` are ISO dates (None: every running clock)."""
    hari = [date.fromisoformat(x) for x in tanggal] if tanggal is not None else None
    return len(tenggat.hitung_ulang(hari, ids))


@shared_task(bind=True, ignore_result=True)
def retensi_dokumen_task(self) -> int:
    """Daily (migration transaksi 0006_jadwal_retensi): requirement files past retention (transaksi/retensi.py)."""
    hasil = retensi.hapus_kedaluwarsa()
    if len(hasil) >= retensi.BATAS_PER_JALAN:
        self.apply_async(countdown=1)
    return len(hasil)
