"""Health endpoints for the load balancer and the operator.

`/healthz` — liveness: the process answers. No database, no login.
`/readyz`  — readiness: database, cache and broker reachable; the beat
heartbeat (written every minute by `detak_beat_task`, which also proves a
worker runs) younger than `PST_DETAK_MAKS_MENIT`; the outbox backlog under
`PST_SUREL_ANTRE_MAKS` and its oldest unsent row younger than
`PST_SUREL_UMUR_MAKS_MENIT`. HTTP 200 when all hold, else 503 with the
failing parts listed in `gagal`.

Both answer JSON with states and ages only (no personal data, and no count
of unsent mail: see `_surel`). Cheap enough to poll every ten seconds: a
handful of bounded queries (counts stop at a limit), a two-second cap on
reaching the broker and the cache.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from pst_layanan.celery import app
from pst_layanan.models import Penanda
from pst_layanan.notifikasi import dalam_perjalanan

logger = logging.getLogger(__name__)

DETAK = "detak-beat"
BATAS_DETIK = 2


class TidakSiap(RuntimeError):
    """A part answers but is not ready: the message is ours, safe for the
    public answer."""


def umur_detak_maks() -> timedelta:
    return timedelta(minutes=settings.PST_DETAK_MAKS_MENIT)


def catat_detak() -> None:
    Penanda.objects.update_or_create(nama=DETAK, defaults={"pada": timezone.now()})


def detak_terakhir():
    return Penanda.objects.filter(nama=DETAK).values_list("pada", flat=True).first()


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {}


def _cache() -> dict:
    cache.set("pst:kesehatan", 1, timeout=30)
    if getattr(cache, "putus", False):  # the Redis backend stands in an empty cache
        raise TidakSiap("Redis tidak terjangkau")
    if cache.get("pst:kesehatan") != 1:
        raise TidakSiap("nilai yang ditulis tidak terbaca kembali")
    return {}


def _broker() -> dict:
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=0, timeout=BATAS_DETIK)
        conn.default_channel  # noqa: B018  (opens the channel: Redis is pinged here)
    return {}


def _beat() -> dict:
    detak = detak_terakhir()
    if detak is None:
        raise TidakSiap("belum pernah ada detak")
    umur = (timezone.now() - detak).total_seconds()
    if umur > umur_detak_maks().total_seconds():
        raise TidakSiap(f"detak terakhir {umur:.0f} detik lalu")
    return {"umur_detik": round(umur)}


def _surel() -> dict:
    """Within the thresholds or not, without the live count of unsent mail:
    it grows by one when the password-reset form writes to an account and not
    for an unknown address, so anyone polling it would learn which addresses
    have an account, which that form's answer and timing keep to themselves."""
    belum = dalam_perjalanan()
    batas = settings.PST_SUREL_ANTRE_MAKS
    if belum[: batas + 1].count() > batas:
        raise TidakSiap(f"lebih dari {batas} surel menunggu")
    tertua = belum.order_by("dibuat_pada").values_list("dibuat_pada", flat=True).first()
    umur = (timezone.now() - tertua).total_seconds() if tertua else 0
    if umur > settings.PST_SUREL_UMUR_MAKS_MENIT * 60:
        raise TidakSiap(f"surel tertua menunggu {umur:.0f} detik")
    return {}


PEMERIKSAAN = {"database": _database, "cache": _cache, "broker": _broker, "beat": _beat, "surel": _surel}
BUTUH_DATABASE = ("beat", "surel")


def periksa() -> dict:
    """Run every check; a part that fails records why, the others still run."""
    bagian = {}
    for nama, cek in PEMERIKSAAN.items():
        if nama in BUTUH_DATABASE and not bagian["database"]["ok"]:
            bagian[nama] = {"ok": False, "galat": "database tidak terjangkau"}
            continue
        mulai = time.perf_counter()
        try:
            hasil = {"ok": True, **cek()}
        except TidakSiap as exc:
            hasil = {"ok": False, "galat": exc.args[0]}
        except Exception as exc:
            # A driver's message names hosts, ports and users; /readyz answers
            # anyone, so it says only the kind of failure and the log the rest.
            logger.warning("readyz: %s gagal: %s: %s", nama, type(exc).__name__, str(exc)[:300])
            hasil = {"ok": False, "galat": type(exc).__name__}
        hasil["ms"] = round((time.perf_counter() - mulai) * 1000, 1)
        bagian[nama] = hasil
    gagal = [nama for nama, hasil in bagian.items() if not hasil["ok"]]
    return {"status": "gagal" if gagal else "ok", "gagal": gagal, "bagian": bagian}


# GET or HEAD: monitors and load-balancer probes send either.
@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    hasil = periksa()
    response = JsonResponse(hasil, status=503 if hasil["gagal"] else 200)
    # A 503 here is the answer asked for, not an application error: Django
    # would log it at ERROR, and every probe would then mail ADMINS.
    response._has_been_logged = True
    return response
