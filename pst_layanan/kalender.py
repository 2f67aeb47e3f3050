"""Working days and service hours of the office .

A working day is Monday–Friday that is neither an Indonesian national holiday
nor *cuti bersama* (``holidays`` categories ``public`` and ``government``),
corrected by the office calendar (`HariKantor`): a date marked closed, or a
date marked working after all — for every office, or for one office only (a
regency's local holiday). Every function takes the office (`kantor`, its id;
None reads the corrections for every office and the provincial office's
hours), so one office's deadlines move with its own calendar only. The closed dates of a year are computed once
and kept per process, keyed by a version stamp in the shared cache that every
change of the office calendar renews, so no lookup costs a query per day and
an edit in the admin is seen at once, without a restart.

"N working days after an event at time t": day 1 is the first working day
after the calendar date of t (the event's own day never counts), and the
deadline is the close of service hours on day N, Asia/Jakarta time. N = 0
means the close of service on t's own date when that is a working day and
t is before its close, otherwise on the next working day (an event after
the close never gets a deadline already past).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from itertools import accumulate
from typing import TypeVar
from zoneinfo import ZoneInfo

import holidays
from django.core.cache import cache
from django.db.models import F, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pst_layanan.kantor import kantor as baca_kantor
from pst_layanan.models import HariKantor, Kantor

WIB = ZoneInfo("Asia/Jakarta")
_VERSI_KEY = "pst:kalender:versi"
_JAM_KANTOR = ("jam_buka", "jam_tutup_senin_kamis", "jam_tutup_jumat")
N = TypeVar("N", bound=Hashable)
# Within `sekali_baca`: the calendar version and the offices read so far, else None.
_BATCH: ContextVar[tuple[str, dict] | None] = ContextVar("kalender_batch", default=None)

# Sent by the admin once an office correction of `tanggal` was saved or removed
# (`kantor`: its office's id, None for every office; `oleh`: who did it). The
# apps whose bookings fall on that date (antrian's appointments) receive it,
# since this app does not know them, and return a warning for the person who
# changed the calendar, or None.
hari_dikoreksi = Signal()


def _versi() -> str:
    batch = _BATCH.get()
    if batch is not None:
        return batch[0]
    versi = cache.get(_VERSI_KEY)
    if versi is None:
        versi = uuid.uuid4().hex
        cache.add(_VERSI_KEY, versi, None)
        versi = cache.get(_VERSI_KEY, versi)
    return versi


@contextmanager
def sekali_baca() -> Iterator[None]:
    """Within: the calendar version and each office's service hours are read
    from the shared cache once, not on every call (a round trip each; a pause
    replayed day by day makes several per day). For a batch over many rows,
    e.g. the backfill of every clock stop ever recorded: a change of the
    calendar or of an office's hours made meanwhile is seen from the next
    batch on."""
    token = _BATCH.set((_versi(), {}))
    try:
        yield
    finally:
        _BATCH.reset(token)


def _kantor(pk: int | None) -> Kantor:
    batch = _BATCH.get()
    if batch is None:
        return baca_kantor(pk)
    if pk not in batch[1]:
        batch[1][pk] = baca_kantor(pk)
    return batch[1][pk]


def kalender_berubah() -> None:
    """Call after the office calendar changed: every process recomputes."""
    cache.set(_VERSI_KEY, uuid.uuid4().hex, None)


@lru_cache(maxsize=64)
def _koreksi(versi: str) -> dict[int | None, dict[date, bool]]:
    """Per office (None: every office), date → working day or not."""
    hasil: dict[int | None, dict[date, bool]] = {}
    for kantor_id, tanggal, jenis in HariKantor.objects.values_list("kantor_id", "tanggal", "jenis"):
        hasil.setdefault(kantor_id, {})[tanggal] = jenis == HariKantor.Jenis.BUKA
    return hasil


@lru_cache(maxsize=32)
def _libur_nasional(tahun: int) -> frozenset[date]:
    return frozenset(holidays.Indonesia(years=tahun, categories=("public", "government")))


def nama_libur(tanggal: date, kantor: int | None = None) -> str | None:
    """The holiday's name in the active language (from `holidays`) or the office's note."""
    koreksi = (
        HariKantor.objects.filter(Q(kantor__isnull=True) | Q(kantor=kantor), tanggal=tanggal)
        # The office's own row wins; databases disagree on where NULL sorts.
        .order_by(F("kantor_id").asc(nulls_first=True))
        .last()
    )
    if koreksi:
        return koreksi.keterangan
    return _libur_bernama(tanggal.year).get(tanggal)


def _libur_bernama(tahun: int) -> holidays.HolidayBase:
    """`tahun`'s national holidays and cuti bersama, named in the active language."""
    bahasa = "en_US" if (get_language() or "id").startswith("en") else "id"
    return holidays.Indonesia(years=tahun, categories=("public", "government"), language=bahasa)


def libur_nasional(tahun: int) -> list[tuple[date, str]]:
    """The weekdays of `tahun` that are closed before any office correction
    (national holidays and cuti bersama as `holidays` knows them, later
    Islamic dates only estimated), with their names: what the office calendar
    shows its supervisors, so a date the decree sets otherwise is corrected."""
    return sorted((t, nama) for t, nama in _libur_bernama(tahun).items() if t.weekday() < 5)


@lru_cache(maxsize=32)
def _ada_cuti_bersama(tahun: int) -> bool:
    return bool(holidays.Indonesia(years=tahun, categories=("government",)))


# The joint decree on a year's cuti bersama is out by about October of the
# year before, and from December a deadline of ten working days reaches into it.
BULAN_CEK_TAHUN_DEPAN = 11


def tahun_dihitung(hari_ini: date | None = None) -> list[int]:
    """The years deadlines are counted in now: this one, and from November the next."""
    hari_ini = hari_ini or timezone.localdate()
    return [hari_ini.year, *([hari_ini.year + 1] if hari_ini.month >= BULAN_CEK_TAHUN_DEPAN else [])]


def tahun_tanpa_cuti_bersama(hari_ini: date | None = None, kantor: int | None = None) -> list[int]:
    """The years deadlines are counted in now (`tahun_dihitung`) that have
    no cuti bersama: `holidays` knows none yet (it knows
    them only once decreed) and no day of that year is closed in the office
    calendar, for every office or for `kantor`. Until someone enters them,
    their deadlines count those days as working days."""
    tahun = tahun_dihitung(hari_ini)
    koreksi = _koreksi(_versi())
    ditutup = {t.year for k in {None, kantor} for t, buka in koreksi.get(k, {}).items() if not buka}
    return [t for t in tahun if t not in ditutup and not _ada_cuti_bersama(t)]


def peringatan_cuti_bersama(kantor: int | None = None) -> list[str]:
    """What the supervisors read where they look after the office (their
    dashboard, the office calendar) while `tahun_tanpa_cuti_bersama` is not empty."""
    return [
        _(
            "Kalender %(tahun)s belum memuat cuti bersama: batas waktu SOP menghitung hari-hari itu sebagai "
            "hari kerja. Tambahkan cuti bersama %(tahun)s sebagai libur tambahan di Kalender kantor."
        )
        % {"tahun": tahun}
        for tahun in tahun_tanpa_cuti_bersama(kantor=kantor)
    ]


def hari_kerja(tanggal: date, kantor: int | None = None) -> bool:
    return _hari_kerja_menurut(_koreksi(_versi()), tanggal, kantor)


def _hari_kerja_menurut(koreksi: dict[int | None, dict[date, bool]], tanggal: date, kantor: int | None) -> bool:
    for kunci in (kantor, None) if kantor else (None,):
        buka = koreksi.get(kunci, {}).get(tanggal)
        if buka is not None:
            return buka
    return tanggal.weekday() < 5 and tanggal not in _libur_nasional(tanggal.year)


def hari_kerja_berikutnya(tanggal: date, n: int = 1, kantor: int | None = None) -> date:
    """The n-th working day after `tanggal` (n >= 1); `tanggal` itself never counts."""
    if n < 1:
        raise ValueError("n harus >= 1")
    hari = tanggal
    while n:
        hari += timedelta(days=1)
        if hari_kerja(hari, kantor):
            n -= 1
    return hari


@lru_cache(maxsize=256)
def _urutan_tahun(versi: str, kantor: int | None, tahun: int) -> tuple[int, ...]:
    """Working days of `tahun` from 1 January up to and including each day
    (index: day of the year - 1), by office `kantor`'s calendar."""
    awal, koreksi = date(tahun, 1, 1), _koreksi(versi)
    # Counted by offset within the year: no day after 31 December is reached
    # for, which year 9999 has not. The corrections of `versi`, read once: not
    # the shared cache's version stamp again for each day.
    hari = (awal + timedelta(days=i) for i in range(date(tahun, 12, 31).timetuple().tm_yday))
    return tuple(accumulate(int(_hari_kerja_menurut(koreksi, h, kantor)) for h in hari))


def jumlah_hari_kerja(dari: date, sampai: date, kantor: int | None = None) -> int:
    """Working days in (dari, sampai]: 0 when sampai <= dari.

    Read from each year's running count (kept per process like the closed
    dates), so a span costs the same whatever its length: the compliance
    backfill counts this for every clock stop ever recorded."""
    if sampai <= dari:
        return 0
    versi = _versi()
    # An office without corrections of its own counts as every office does: one table for all of them.
    kunci = kantor if kantor in _koreksi(versi) else None

    def urutan(tanggal: date) -> int:
        return _urutan_tahun(versi, kunci, tanggal.year)[tanggal.timetuple().tm_yday - 1]

    tahun_penuh = sum(_urutan_tahun(versi, kunci, tahun)[-1] for tahun in range(dari.year, sampai.year))
    return tahun_penuh + urutan(sampai) - urutan(dari)


def hari_kerja_ke(mulai: datetime, waktu: datetime, kantor: int | None = None) -> int:
    """The working day after `mulai` that `waktu` falls on, counted as
    `batas_waktu` counts: day 1 is the first working day after `mulai`'s date
    (Asia/Jakarta), so `waktu` on day N gives N, and on `mulai`'s own date or
    before day 1 gives 0."""
    return jumlah_hari_kerja(_wajib_aware(mulai, "mulai").date(), _wajib_aware(waktu, "waktu").date(), kantor)


def jam_layanan(tanggal: date, kantor: int | None = None) -> tuple[time, time] | None:
    """(opening, closing) on a working day of the office, else None."""
    if not hari_kerja(tanggal, kantor):
        return None
    k = _kantor(kantor)
    tutup = k.jam_tutup_jumat if tanggal.weekday() == 4 else k.jam_tutup_senin_kamis
    return _as_time(k.jam_buka), _as_time(tutup)


def _as_time(value) -> time:
    return value if isinstance(value, time) else time.fromisoformat(str(value))


def _wajib_aware(waktu: datetime, nama: str) -> datetime:
    if not isinstance(waktu, datetime):
        raise TypeError(f"{nama} harus datetime, bukan {type(waktu).__name__}")
    if waktu.tzinfo is None or waktu.utcoffset() is None:
        raise ValueError(f"{nama} harus datetime dengan zona waktu (aware), bukan naive: {waktu!r}")
    return waktu.astimezone(WIB)


def penutupan(tanggal: date, kantor: int | None = None) -> datetime:
    """Close of service hours on a working day, as an aware WIB datetime."""
    jam = jam_layanan(tanggal, kantor)
    if jam is None:
        raise ValueError(f"{tanggal} bukan hari kerja")
    return datetime.combine(tanggal, jam[1], tzinfo=WIB)


def batas_waktu(mulai: datetime, jumlah_hari_kerja: int, kantor: int | None = None) -> datetime:
    """Deadline N working days after `mulai` (see module docstring)."""
    if jumlah_hari_kerja < 0:
        raise ValueError("jumlah_hari_kerja tidak boleh negatif")
    mulai = _wajib_aware(mulai, "mulai")
    tanggal = mulai.date()
    if jumlah_hari_kerja == 0:
        sebelum_tutup = hari_kerja(tanggal, kantor) and mulai < penutupan(tanggal, kantor)
        hari = tanggal if sebelum_tutup else hari_kerja_berikutnya(tanggal, kantor=kantor)
    else:
        hari = hari_kerja_berikutnya(tanggal, jumlah_hari_kerja, kantor)
    return penutupan(hari, kantor)


def hari_terpakai(mulai: datetime, sampai: datetime, kantor: int | None = None) -> int:
    """Working days a clock used while running from `mulai` until `sampai`.

    The SOP counts in whole working days: a day counts when the clock was
    still running at that day's close of service and the day is after the
    date the clock started or resumed (its own day never counts, as in
    `batas_waktu`). A clock paused before a day's close has not used that day.
    """
    mulai = _wajib_aware(mulai, "mulai")
    sampai = _wajib_aware(sampai, "sampai")
    n, hari = 0, mulai.date()
    while True:
        hari = hari_kerja_berikutnya(hari, kantor=kantor)
        if penutupan(hari, kantor) >= sampai:
            return n
        n += 1


def dalam_jam_layanan(waktu: datetime, kantor: int | None = None) -> bool:
    waktu = _wajib_aware(waktu, "waktu")
    jam = jam_layanan(waktu.date(), kantor)
    return jam is not None and jam[0] <= waktu.time() < jam[1]


def pembukaan_berikutnya(waktu: datetime, kantor: int | None = None) -> datetime:
    """The next opening of the service strictly after `waktu`.

    Before opening on a working day that is the same day's opening; during or
    after service hours it is the next working day's.
    """
    waktu = _wajib_aware(waktu, "waktu")
    jam = jam_layanan(waktu.date(), kantor)
    if jam is not None and waktu.time() < jam[0]:
        return datetime.combine(waktu.date(), jam[0], tzinfo=WIB)
    hari = hari_kerja_berikutnya(waktu.date(), kantor=kantor)
    return datetime.combine(hari, jam_layanan(hari, kantor)[0], tzinfo=WIB)


def tengah_malam(tanggal: date) -> datetime:
    """The start of `tanggal` in the office's time zone (date ranges on datetimes)."""
    return datetime.combine(tanggal, time(0), tzinfo=WIB)


# --- one decision per office, for the jobs that run for every office -------------------


def kelompok_kantor(*kolom: str) -> list[list[int]]:
    """Every office's id, grouped so that one computation serves the whole group.

    Offices with no calendar correction of their own, the same service hours
    and the same `kolom` (other `Kantor` settings the caller reads, e.g.
    "batas_penilaian_hari_kerja") get the same answer from every function of
    this module; an office with its own corrections is a group of its own.
    One query whatever the number of offices, so a job that decides per
    office reads no more at five hundred offices than at one.
    """
    sendiri = {pk for pk in _koreksi(_versi()) if pk is not None}
    kelompok: dict[tuple, list[int]] = {}
    for pk, *nilai in Kantor.objects.order_by("pk").values_list("pk", *_JAM_KANTOR, *kolom):
        kelompok.setdefault((pk if pk in sendiri else None, *nilai), []).append(pk)
    return list(kelompok.values())


def per_kantor(hitung: Callable[[int], N], *kolom: str) -> dict[N, list[int]]:
    """`hitung(kantor)` for every office, computed once per `kelompok_kantor`
    group: each distinct answer → the offices it holds for."""
    hasil: dict[N, list[int]] = {}
    for kelompok in kelompok_kantor(*kolom):
        hasil.setdefault(hitung(kelompok[0]), []).extend(kelompok)
    return hasil


def sebelum_per_kantor(kolom: str, batas: dict, lookup: str = "lt", kolom_kantor: str = "kantor") -> Q:
    """Rows whose `kolom` is before (`lookup`) their own office's bound, from
    `per_kantor`'s bound → offices.

    The whole condition stays one range on `kolom` up to the furthest bound,
    so a job still reads along its index in that column's order; when the
    offices do not all share one bound, each group is narrowed to its own,
    the largest group as "every office but the others" (an office added
    meanwhile falls there, as it has no corrections of its own yet).
    """
    if not batas:
        return Q(pk__in=[])
    rentang = Q(**{f"{kolom}__{lookup}": max(batas)})
    if len(batas) == 1:
        return rentang
    terbanyak = max(batas, key=lambda nilai: len(batas[nilai]))
    lain = sorted(pk for nilai, ids in batas.items() if nilai != terbanyak for pk in ids)
    q = ~Q(**{f"{kolom_kantor}__in": lain}) & Q(**{f"{kolom}__{lookup}": terbanyak})
    for nilai, ids in batas.items():
        if nilai != terbanyak:
            q |= Q(**{f"{kolom_kantor}__in": ids, f"{kolom}__{lookup}": nilai})
    return rentang & q
