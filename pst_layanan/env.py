"""Typed helpers that read settings from the environment and fail loudly.

A malformed value stops start-up with a message that names the variable, so a
typo in production is found at deploy time, not at the first request.
"""

from __future__ import annotations

import os
import re
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured
from django.core.validators import validate_email

from pst_layanan.galat import lolos

_TRUE = {"1", "true", "yes", "on"}
BATAS_SAMBUNG_DETIK = 3
# The prefix of every secret's example value in deploy/env.example.
CONTOH = "ganti-"
_FALSE = {"0", "false", "no", "off"}


def pesan_pengaturan(exc: Exception) -> str:
    """The one line a start-up stopped by a missing or malformed variable prints,
    in manage.py and in the Celery worker and beat alike (the message names it)."""
    return f"Pengaturan tidak sah: {exc}"


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def tolak_contoh(*names: str) -> None:
    """Stop start-up when a secret still holds deploy/env.example's placeholder:
    a site whose backups are encrypted with a published password only looks safe."""
    for name in names:
        if CONTOH in (_raw(name) or ""):
            raise ImproperlyConfigured(
                f'{name} masih berisi contoh dari deploy/env.example ("{CONTOH}..."); isi dengan nilai sebenarnya.'
            )


def env_str(name: str, default: str | None = None) -> str | None:
    value = _raw(name)
    return default if value is None else value


def env_folder(name: str, default: str) -> Path:
    """A folder the site writes into, made when missing. One that cannot be
    made or written by this user (a typo in the path, a command run as
    another user than the service's) stops start-up naming the variable, not
    with an OSError's traceback from the first folder made inside it."""
    path = Path(env_str(name, default))
    try:
        path.mkdir(parents=True, exist_ok=True)
        bisa = os.access(path, os.W_OK | os.X_OK)
    except OSError as exc:
        bisa, sebab = False, exc.strerror or type(exc).__name__
    else:
        sebab = "tidak dapat ditulis"
    if not bisa:
        raise ImproperlyConfigured(
            f"{name}={str(path)!r}: folder tidak dapat dipakai oleh pengguna ini ({sebab}); "
            "periksa jalurnya, atau jalankan sebagai pemiliknya (mis. sudo -E -u pst)."
        )
    return path


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} bukan nilai boolean; gunakan 1/0, true/false, yes/no atau on/off.")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    """An integer; with `minimum`, at least that (a window of 0 minutes
    divides by zero at the first request, a negative count means nothing)."""
    value = _raw(name)
    if value is None:
        return default
    try:
        angka = int(value)
    except ValueError:
        angka = None
    if angka is None or (minimum is not None and angka < minimum):
        syarat = f" {minimum} atau lebih" if minimum is not None else ""
        raise ImproperlyConfigured(f"{name}={value!r} harus berupa bilangan bulat{syarat}.")
    return angka


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = _raw(name)
    if value is None:
        return default
    if value.upper() not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} tidak dikenal; pilihan: {', '.join(choices)}.")
    return value.upper()


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_hosts(name: str) -> list[str]:
    """Host names, comma-separated. An entry written as a URL or with a port
    (copied from SITE_URL: "https://pst.bps.go.id", "pst.bps.go.id:443")
    matches no request's host, and the whole site would answer 400."""
    hosts = env_list(name)
    for host in hosts:
        if "/" in host or (":" in host and not host.startswith("[")):
            raise ImproperlyConfigured(
                f"{name}: {host!r} bukan nama host; tulis tanpa skema, port atau garis miring, mis. pst.bps.go.id."
            )
    return hosts


def env_email_list(name: str) -> list[str]:
    """Comma-separated e-mail addresses. One that is not an address (a
    semicolon for a separator, a missing @) stops start-up: mail to it would
    fail in the outbox, unseen, and these are the people told of failures."""
    alamat = env_list(name)
    for a in alamat:
        if not lolos(validate_email, a):
            raise ImproperlyConfigured(f"{name}: {a!r} bukan alamat e-mail; pisahkan beberapa alamat dengan koma.")
    return alamat


def env_pengirim(name: str, default: str) -> str:
    """A sender, "Name <address>" or a bare address: every e-mail of the site
    carries it, and a mail server refuses them all when it is malformed."""
    value = env_str(name, default)
    if not lolos(validate_email, parseaddr(value)[1]):
        raise ImproperlyConfigured(f'{name}={value!r} bukan pengirim yang sah; contoh: "PST <pst1700@bps.go.id>".')
    return value


def tanpa_sandi(url: str) -> str:
    """`url` with its password replaced by ***: start-up errors end up in
    service logs and deploy output, which more people read than the secrets."""
    try:
        parsed = urlparse(url)
        sandi = parsed.password
    except ValueError:
        return "<URL tidak terbaca>"
    if not sandi:
        return url
    pengguna, _sep, host = parsed.netloc.rpartition("@")
    return parsed._replace(netloc=f"{pengguna.partition(':')[0]}:***@{host}").geturl()


def env_url(name: str, schemes: tuple[str, ...], default: str | None = None) -> str | None:
    """A URL whose scheme must be one of `schemes`."""
    value = _raw(name)
    if value is None:
        return default
    try:
        parsed = urlparse(value)
    except ValueError:  # an unbalanced "[" (an unquoted password), read as an IPv6 host
        parsed = None
    if parsed is None or parsed.scheme not in schemes or not _tempat_ada(parsed):
        raise ImproperlyConfigured(
            f"{name}={tanpa_sandi(value)!r} bukan URL yang valid; skema yang diterima: {', '.join(schemes)}."
        )
    return value


def _tempat_ada(parsed) -> bool:
    """The URL says where: a host for Redis, RabbitMQ and the site ("redis:/"
    or "redis:///0" would fail only at the first task); a host or a path for
    a database (postgres:///pst is the local socket); Celery's filesystem and
    memory brokers need neither."""
    if parsed.scheme in ("filesystem", "memory"):
        return True
    if parsed.scheme in ("postgres", "postgresql", "sqlite"):
        return bool(parsed.netloc or parsed.path)
    if parsed.scheme in ("redis", "rediss") and not re.fullmatch(r"/?\d*", parsed.path):
        # The client reads a database that is not a number ("/satu", "/0/1") as
        # database 0, which may be the broker's, without a word.
        return False
    try:
        parsed.port  # noqa: B018  (a port that is not a number raises here, not at the first task)
        return bool(parsed.hostname)
    except ValueError:
        return False


def database_config(name: str, default: str) -> dict:
    import dj_database_url

    url = env_url(name, ("postgres", "postgresql", "sqlite"), default)
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} tidak dapat dibaca: {exc}") from None
    if config["ENGINE"].endswith("postgresql"):
        if not config.get("NAME"):
            raise ImproperlyConfigured(f"{name}={tanpa_sandi(url)!r} tidak menyebut nama database.")
        # An unreachable server must fail a request (and /readyz) in seconds, not
        # after the system's TCP timeout of minutes; the URL may set its own.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", BATAS_SAMBUNG_DETIK)
    return config
