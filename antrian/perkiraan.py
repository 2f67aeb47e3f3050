"""The estimated wait on the visitor's ticket page, from today's own pace:
the median service time of today's served tickets of the service at the
ticket's office, times the people ahead, divided by that office's counters
open for it today.

Median rather than mean: one long consultation should not double everyone's
estimate. Only today counts, because the pace depends on today's staff."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef

from antrian.models import Loket, RiwayatTiket, StatusTiket, Tiket
from antrian.services import orang_di_depan
from pst_layanan.kalender import tengah_malam


@dataclass(frozen=True)
class PerkiraanTunggu:
    di_depan: int
    menit: int | None  # None: no ticket of this service served today yet, or no counter open for it
    median_layanan_menit: float | None
    loket_buka: int


def loket_buka(tiket: Tiket) -> int:
    """Active counters of the ticket's office and service that have called a ticket today
    (a counter is staffed); before the first call, every active counter of the
    service; 0 when none is active (closed mid-day: nobody calls the queue).
    A call is read in the tickets' history, where it stays the counter's after
    the ticket is sent on to another service and leaves the counter."""
    dipanggil = Exists(
        RiwayatTiket.objects.filter(
            loket=OuterRef("pk"), aksi=RiwayatTiket.Aksi.PANGGIL, waktu__gte=tengah_malam(tiket.tanggal)
        )
    )
    n = Loket.objects.filter(kantor_id=tiket.kantor_id, aktif=True, layanan=tiket.layanan_id).aggregate(
        semua=Count("pk", distinct=True), dipakai=Count("pk", distinct=True, filter=dipanggil)
    )
    return n["dipakai"] or n["semua"]


def perkiraan_tunggu(tiket: Tiket, sekarang: datetime | None = None) -> PerkiraanTunggu | None:
    """The estimate for a waiting ticket; None for a ticket no longer waiting."""
    if tiket.status_berlaku != StatusTiket.MENUNGGU:
        return None
    di_depan = orang_di_depan(tiket, sekarang)
    lama = [
        (selesai - mulai).total_seconds() / 60
        for mulai, selesai in Tiket.objects.filter(
            kantor_id=tiket.kantor_id,
            tanggal=tiket.tanggal,
            layanan_id=tiket.layanan_id,
            status=StatusTiket.SELESAI,
            mulai_pada__isnull=False,
            selesai_pada__isnull=False,
        ).values_list("mulai_pada", "selesai_pada")
        if selesai > mulai
    ]
    buka = loket_buka(tiket)
    if not lama or not buka:
        return PerkiraanTunggu(di_depan, None, None, buka)
    median = statistics.median(lama)
    menit = math.ceil(median * di_depan / buka) if di_depan else 0
    return PerkiraanTunggu(di_depan, menit, median, buka)
