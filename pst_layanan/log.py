"""Structured logs: one line per request, a request id on every line.

`LogPermintaanMiddleware` (first in MIDDLEWARE) takes a sane incoming
`X-Request-ID` or makes one, keeps it in a context variable for the whole
request, answers it in the `X-Request-ID` header and writes one line per
request (logger `pst.permintaan`): method, path (its token masked), route (URL name), status,
user id, duration and the client address as the login lockout sees it.

`FilterPermintaan` puts the current id on every log record, so an error
logged by Django during the request carries it; Celery tasks published
during the request carry it in their message headers and their log lines
carry it too (`celery.py` connects the signal handlers below).

`FormatJSON` writes a record as one JSON line (a traceback stays inside the
line); `LOG_FORMAT=teks` keeps the console readable on a laptop.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.utils.functional import SimpleLazyObject, empty

ID_PERMINTAAN: ContextVar[str | None] = ContextVar("id_permintaan", default=None)
KEPALA = "X-Request-ID"
# An id from a client or proxy is kept only when it cannot break a log line or a header.
ID_SAH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$")
# Polled every few seconds by the load balancer: logged at DEBUG, not INFO.
RUTE_SENYAP = frozenset({"healthz", "readyz"})
# Fields a record may carry through `extra=` that the JSON line keeps.
KOLOM = ("method", "path", "route", "status", "user_id", "duration_ms", "client", "task", "task_id")

log = logging.getLogger("pst.permintaan")


def id_sah(nilai: str | None) -> str | None:
    return nilai if nilai and ID_SAH.match(nilai) else None


def id_baru() -> str:
    return uuid.uuid4().hex


class FilterPermintaan(logging.Filter):
    def filter(self, record):
        if not getattr(record, "request_id", None):
            # Django logs a 4xx answer ("Not Found: …", "Forbidden: …") after the middleware has
            # returned, when the context variable is reset; the record carries the request.
            dari_permintaan = getattr(getattr(record, "request", None), "request_id", None)
            record.request_id = ID_PERMINTAAN.get() or dari_permintaan or "-"
        _samarkan_jalur(record)
        _tanpa_jejak_penolakan(record)
        return True


def _tanpa_jejak_penolakan(record) -> None:
    """Django logs each refused request below ERROR (403 for a page of another
    role, 404) with the exception that refused it; the traceback is the same
    every time and says nothing an operator can act on, so the line stays and
    the traceback goes. A 5xx keeps its traceback."""
    if record.name == "django.request" and record.levelno < logging.ERROR:
        record.exc_info = record.exc_text = None


def _samarkan_jalur(record) -> None:
    """Django's own request records ("Not Found: /antrian/t/<token>/") carry
    the request: its path is written with the token masked, as ours is."""
    request = getattr(record, "request", None)
    path = getattr(request, "path", None)
    if not path or not isinstance(record.args, tuple):
        return
    tersamar = jalur_tersamar(path, getattr(request, "resolver_match", None))
    if tersamar != path:
        record.args = tuple(tersamar if arg == path else arg for arg in record.args)


class FormatJSON(logging.Formatter):
    def format(self, record):
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or ID_PERMINTAAN.get(),
        }
        data.update({k: getattr(record, k) for k in KOLOM if hasattr(record, k)})
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class LogPermintaanMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = id_sah(request.headers.get(KEPALA)) or id_baru()
        request.request_id = rid
        token = ID_PERMINTAAN.set(rid)
        mulai = time.perf_counter()
        try:
            response = self.get_response(request)
            response[KEPALA] = rid
            _catat(request, response.status_code, time.perf_counter() - mulai)
            return response
        finally:
            ID_PERMINTAAN.reset(token)


def _catat(request, status: int, detik: float) -> None:
    from pst_layanan.penguncian import alamat_klien

    match = getattr(request, "resolver_match", None)
    route = match.view_name if match else None
    path = jalur_tersamar(request.path, match)
    kolom = {
        "method": request.method,
        "path": path,
        "route": route,
        "status": status,
        "user_id": _id_pengguna(request),
        "duration_ms": round(detik * 1000, 1),
        "client": alamat_klien(request),
    }
    level = logging.DEBUG if route in RUTE_SENYAP and status == 200 else logging.INFO
    log.log(level, "%s %s %s %.0fms", request.method, path, status, detik * 1000, extra=kolom)


def jalur_tersamar(path: str, match) -> str:
    """`path` with its URL token (a ticket, rating, account or document link)
    written as ***: the token is the key to that page, and logs are kept and
    read far more widely than the e-mails that carry it."""
    token = match.kwargs.get("token") if match else None
    return path.replace(str(token), "***") if token else path


def _id_pengguna(request) -> int | None:
    """The signed-in user's id, if the request already looked the user up: the
    log line must not cost a session and a user query on a public page."""
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
        return None
    return user.pk if user is not None and user.is_authenticated else None


# --- Celery: the id travels in the task message's headers ---------------------------


def tempel_ke_tugas(headers=None, **kwargs) -> None:
    """before_task_publish: a task published during a request carries its id."""
    rid = ID_PERMINTAAN.get()
    if rid and headers is not None:
        headers.setdefault("request_id", rid)


def mulai_tugas(task=None, **kwargs) -> None:
    """task_prerun: the task's log lines carry the id of the request that caused it."""
    if task is None:
        return
    # A task run inline (eager) inside a request keeps that request's id.
    # A worker puts custom message headers on the request itself; apply() keeps them in `headers`.
    dikirim = getattr(task.request, "request_id", None) or (getattr(task.request, "headers", None) or {}).get(
        "request_id"
    )
    rid = id_sah(dikirim) or ID_PERMINTAAN.get()
    task.request._pst_token = ID_PERMINTAAN.set(rid or f"tugas-{task.request.id or id_baru()}")


def selesai_tugas(task=None, **kwargs) -> None:
    token = getattr(task.request, "_pst_token", None) if task is not None else None
    if token is not None:
        ID_PERMINTAAN.reset(token)


def tingkat_dari_pengaturan(logger=None, **kwargs) -> None:
    """after_setup_logger: the root logger keeps LOG_LEVEL, as in the web processes.
    Celery sets it to the worker's and beat's `--loglevel` (INFO in the systemd
    units) after Django has configured it, so LOG_LEVEL=WARNING in the
    environment file left them logging every task."""
    from django.conf import settings

    if logger is not None:
        logger.setLevel(settings.LOG_LEVEL)
