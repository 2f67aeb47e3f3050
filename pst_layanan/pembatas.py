"""Rate limits of the public forms: one decorator, counters in the cache.

`@batasi("lupa_sandi", email="email")` counts the view's POSTs per client
address (`penguncian.alamat_klien`, so behind the proxy it is the visitor's
address; an IPv6 client by its /64) and per e-mail typed (lower-cased, so changing case buys nothing).
Over either limit the view does not run and the visitor gets the Indonesian
429 page with Retry-After. The limits are settings (README, Configuration).

Counters live in the shared cache (Redis in production) in fixed windows of
`BATAS_JENDELA_MENIT`: `add` then `incr`, both atomic in Redis, so parallel
requests on several workers are all counted. Keys hold a keyed hash of the
address or e-mail, never the value itself.
"""

from __future__ import annotations

import ipaddress
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from pst_layanan.penguncian import alamat_klien


def _jendela() -> tuple[int, int]:
    """(index of the current window, seconds until it ends)."""
    detik = settings.BATAS_JENDELA_MENIT * 60
    sekarang = time.time()
    return int(sekarang // detik), math.ceil(detik - sekarang % detik)


def _hitung(kunci: str, sisa: int) -> int:
    """Count one more request under `kunci`; the count so far."""
    cache.add(kunci, 0, sisa + 60)
    try:
        return cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.set(kunci, 1, sisa + 60)
        return 1


def _klien(alamat: str | None) -> str | None:
    """Who is counted for an address: an IPv6 client by its /64 network, since
    it picks any of those addresses for each request (an IPv4 address, also
    one written IPv4-mapped, alone)."""
    try:
        ip = ipaddress.ip_address(alamat or "")
    except ValueError:
        return alamat
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def melampaui(nama: str, alamat: str | None, email: str | None, batas_email: int) -> int:
    """Count a request to form `nama`; 0 when within the limits, else the
    seconds until the window ends."""
    indeks, sisa = _jendela()
    for jenis, nilai, batas in (("alamat", _klien(alamat), settings.BATAS_PER_ALAMAT), ("email", email, batas_email)):
        if not nilai:
            continue
        sidik = salted_hmac("pst.pembatas", nilai).hexdigest()[:32]
        if _hitung(f"pst:batas:{nama}:{jenis}:{sidik}:{indeks}", sisa) > batas:
            return sisa
    return 0


def respons_terlalu_sering(request, detik: int):
    """The 429 page, in the style of the login lockout page."""
    response = render(request, "terlalu_sering.html", {"menit": max(1, math.ceil(detik / 60))}, status=429)
    response["Retry-After"] = str(detik)
    return response


def batasi(nama: str, email=None, batas_email: str = "BATAS_PER_EMAIL"):
    """Limit a view's POSTs per client address and per e-mail.

    `email` names the POST field holding the e-mail, or is a function of the
    request (e.g. the logged-in user's address); `batas_email` names the
    setting with the per-e-mail limit."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                nilai = email(request) if callable(email) else request.POST.get(email or "", "")
                detik = melampaui(
                    nama, alamat_klien(request), (nilai or "").strip().lower(), getattr(settings, batas_email)
                )
                if detik:
                    return respons_terlalu_sering(request, detik)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
