"""Alerts for the operators: errors mailed to ADMINS, stuck work mailed to
the supervisors.

Errors: `SurelAdminHandler` (a logging handler on the root logger, level
ERROR) queues one e-mail through the outbox per distinct error per window
(`PERINGATAN_JENDELA_MENIT`): a flood of the same failure sends one mail,
not one per request. "Distinct" is the exception type and the place it was
raised (file and line), or the logger and message template for an error
without a traceback. The window is kept in the shared cache (`cache.add`
is atomic), so the web workers and Celery share it.

Stuck work: `periksa_macet()` (beat, every five minutes) looks for outbox
rows unsent for 30 minutes, a beat heartbeat missing at two checks in a row,
and overdue clocks the escalation job has not escalated. Each kind is one incident, marked by a
`Penanda` row while it lasts: the supervisors and ADMINS hear of it once,
when it starts, and again only after it has cleared and come back.

The handler is loaded with the logging configuration, before the app
registry is ready, so this module reads models and the mail helpers inside
its functions.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import traceback
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy, ngettext

log = logging.getLogger(__name__)

_lokal = threading.local()
# Used when the shared cache itself is down: then each process limits alone.
_cadangan_jendela: dict[str, float] = {}

UMUR_MACET = timedelta(minutes=30)


def email_admin() -> list[str]:
    return [email for _nama, email in settings.ADMINS]


def sidik_galat(record: logging.LogRecord) -> str:
    """What makes two error records "the same error"."""
    if record.exc_info and record.exc_info[1] is not None:
        exc = record.exc_info[1]
        tb = traceback.extract_tb(exc.__traceback__)
        tempat = f"{tb[-1].filename}:{tb[-1].lineno}" if tb else ""
        kunci = f"{type(exc).__module__}.{type(exc).__qualname__}@{tempat}"
    else:
        kunci = f"{record.name}:{record.msg}"
    return hashlib.sha256(kunci.encode()).hexdigest()[:32]


def pertama_di_jendela(sidik: str) -> bool:
    """True for the first occurrence of an error within the window.

    The key's value is the window's end by the application's clock; the
    cache's own expiry only clears old keys away."""
    detik = settings.PERINGATAN_JENDELA_MENIT * 60
    kunci = f"pst:peringatan:{sidik}"
    sampai = timezone.now() + timedelta(seconds=detik)
    try:
        ditambah = cache.add(kunci, sampai, timeout=detik)
        if getattr(cache, "putus", False):  # Redis unreachable: that `add` stored nothing
            raise ConnectionError("tembolok putus")
        if ditambah:
            return True
        lama = cache.get(kunci)
        if lama is not None and lama > timezone.now():
            return False
        cache.set(kunci, sampai, timeout=detik)
        return True
    except Exception:
        sekarang = time.monotonic()
        if _cadangan_jendela.get(sidik, 0) > sekarang:
            return False
        _cadangan_jendela[sidik] = sekarang + detik
        return True


class SurelAdminHandler(logging.Handler):
    """ERROR records → one outbox e-mail to ADMINS per distinct error per window."""

    def emit(self, record):
        # An error raised while queueing the alert must not alert again (and loop).
        if getattr(_lokal, "sibuk", False) or not settings.ADMINS:
            return
        _lokal.sibuk = True
        try:
            if pertama_di_jendela(sidik_galat(record)):
                _kirim_galat(record)
        except Exception as exc:
            # The outbox cannot take it, most often because the database is down (then the
            # error itself says so): one log line, not logging's bare "--- Logging error ---"
            # stack on stderr, which breaks the one-JSON-line-per-record journal.
            log.warning("Peringatan galat untuk ADMINS tidak dapat diantrekan (%s).", type(exc).__name__)
        finally:
            _lokal.sibuk = False


def _kirim_galat(record: logging.LogRecord) -> None:
    from pst_layanan.log import ID_PERMINTAAN
    from pst_layanan.notifikasi import kirim_surel

    pesan = record.getMessage().splitlines()[0][:200]
    jejak = "".join(traceback.format_exception(*record.exc_info)) if record.exc_info else ""
    konteks = {
        "pesan": pesan,
        "logger": record.name,
        "request_id": getattr(record, "request_id", None) or ID_PERMINTAAN.get() or "-",
        "waktu": timezone.localtime(),
        "jendela": settings.PERINGATAN_JENDELA_MENIT,
        "jejak": jejak,
    }
    kirim_surel(
        email_admin(),
        format_lazy(gettext_lazy("[PST] Galat: {pesan}"), pesan=pesan),
        "email/peringatan/galat.txt",
        konteks,
    )


# --- stuck work (beat) ------------------------------------------------------------------


# Checks of later apps (kind → function(older_than) → description or None),
# registered from their AppConfig.ready(): the core never imports them.
PEMERIKSA_MACET: dict = {}
# Kind → its name in the alert's subject, read in each recipient's language.
NAMA_MACET = {"surel": gettext_lazy("surel"), "beat": gettext_lazy("detak beat")}


def daftarkan_pemeriksa_macet(jenis: str, periksa, nama) -> None:
    PEMERIKSA_MACET[jenis] = periksa
    NAMA_MACET[jenis] = nama


def _surel_macet(n: int) -> str:
    return ngettext(
        "%(n)d surel belum terkirim lebih dari 30 menit.", "%(n)d surel belum terkirim lebih dari 30 menit.", n
    ) % {"n": n}


def cek_macet(now) -> dict[str, str]:
    """Kinds of stuck work found now → a one-line description (no personal
    data), lazy: the alert reads in each recipient's language."""
    from pst_layanan.kesehatan import detak_terakhir, umur_detak_maks
    from pst_layanan.notifikasi import dalam_perjalanan

    temuan = {}
    surel = dalam_perjalanan().filter(dibuat_pada__lt=now - UMUR_MACET)
    n = surel[:1000].count()
    if n:
        temuan["surel"] = lazy(_surel_macet, str)(n)
    detak = detak_terakhir()
    if detak is None or now - detak > umur_detak_maks():
        temuan["beat"] = gettext_lazy("Detak beat tidak ada atau terlambat: tugas terjadwal tidak berjalan.")
    for jenis, periksa in PEMERIKSA_MACET.items():
        uraian = periksa(now - UMUR_MACET)
        if uraian:
            temuan[jenis] = uraian
    return temuan


# A late heartbeat seen once, not yet an incident (see `_beat_macet_lagi`).
CURIGA_BEAT = "curiga:beat"


def _beat_macet_lagi(terlambat: bool, now) -> bool:
    """Whether a late heartbeat is an incident: only when the previous check
    found it late too. This check is sent by beat, so beat runs; when beat
    starts again after a pause (a reboot, a restore) it sends the check and
    the heartbeat at once, and the check may read the old heartbeat first.
    One check later the heartbeat has landed, unless its task never runs."""
    from pst_layanan.models import Penanda

    if not terlambat:
        Penanda.objects.filter(nama=CURIGA_BEAT).delete()
        return False
    return not Penanda.objects.get_or_create(nama=CURIGA_BEAT, defaults={"pada": now})[1]


def periksa_macet() -> list[str]:
    """Alert once per incident; close the incidents that cleared. Returns the new ones."""
    from pst_layanan.models import Penanda

    now = timezone.now()
    temuan = cek_macet(now)
    with transaction.atomic():
        if not _beat_macet_lagi("beat" in temuan, now):
            temuan.pop("beat", None)
        Penanda.objects.filter(nama__startswith="insiden:").exclude(nama__in=[f"insiden:{k}" for k in temuan]).delete()
        baru = [k for k in temuan if Penanda.objects.get_or_create(nama=f"insiden:{k}", defaults={"pada": now})[1]]
        # Queued with the incidents it tells: an alert that cannot be written
        # leaves them untold, so the next check alerts them.
        surel = _antrekan_macet({k: temuan[k] for k in baru}, now) if baru else []
    for baris in surel:
        _kirim_macet(baris)
    return baru


def _antrekan_macet(temuan: dict[str, str], now) -> list:
    """The alert's outbox rows, one per language among its readers: each is
    sent from here (`_kirim_macet`), not only the first one."""
    from pst_layanan.notifikasi import simpan_surel, susun_surel
    from pst_layanan.roles import email_supervisor

    def subjek() -> str:
        return gettext("[PST] Pekerjaan macet: {daftar}").format(daftar=", ".join(str(NAMA_MACET[k]) for k in temuan))

    penerima = email_supervisor() + email_admin()
    return simpan_surel(
        susun_surel(
            penerima,
            subjek,
            "email/peringatan/macet.txt",
            {"temuan": list(temuan.values()), "waktu": timezone.localtime(now)},
        )
    )


def _kirim_macet(surel) -> None:
    """Sent at once from this task, not only queued: when the outbox is what
    is stuck, a row waiting for the same queue would never be read."""
    from pst_layanan.notifikasi import kirim_satu

    try:
        kirim_satu(surel.pk)
    except Exception:
        log.warning("Peringatan pekerjaan macet belum terkirim; tetap di antrean surel.", exc_info=True)
