"""Rate limits of the public forms: one decorator, counters in the cache.

`@batasi("lupa_sandi", email="email")` counts the view's POSTs per client
address (`penguncian.alamat_klien`, so behind the proxy it is the visitor's
address; an IPv6 client by its /64) and per e-mail typed (every spelling the
account lookups take for one address together, so changing case buys nothing).
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

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from pst_layanan.penguncian import alamat_klien, respons_terkunci

# Seconds a count of logins in progress outlives the last one that came in
# (a worker killed mid-request leaves its count behind that long at most).
UMUR_MASUK_BERJALAN = 60
# Seconds a login waits for one in progress from its address to end (each
# takes well under one: the password hash).
TUNGGU_MASUK_DETIK = 5


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


def _kunci(nama: str, jenis: str, nilai: str, indeks: int) -> str:
    return f"pst:batas:{nama}:{jenis}:{_sidik(nilai)}:{indeks}"


def melampaui(nama: str, alamat: str | None, email: str | None, batas_email: int) -> int:
    """Count a request to form `nama`; 0 when within the limits, else the
    seconds until the window ends."""
    indeks, sisa = _jendela()
    for jenis, nilai, batas in (("alamat", _klien(alamat), settings.BATAS_PER_ALAMAT), ("email", email, batas_email)):
        if not nilai:
            continue
        if _hitung(_kunci(nama, jenis, nilai, indeks), sisa) > batas:
            return sisa
    return 0


def kembalikan_alamat(nama: str, alamat: str | None) -> None:
    """Take back the count a request to form `nama` made for its address."""
    if klien := _klien(alamat):
        _lepas_tempat(_kunci(nama, "alamat", klien, _jendela()[0]))


def _email_sebanding(nilai: str) -> str:
    """The typed e-mail as its limit counts it: every spelling the account
    lookups take for one address counts as that address. They match
    case-insensitively (`iexact`), which PostgreSQL does with UPPER() on both
    sides, and that maps the dotless "ı" onto I and the long "ſ" onto S, letters
    Django's e-mail field accepts: counted apart, each spelling would buy
    another window's e-mails or guesses for one account. Upper then lower
    case joins those spellings (and a few more the database keeps apart, which
    only makes the limit stricter)."""
    return nilai.strip().upper().lower()


def _sidik(nilai: str) -> str:
    return salted_hmac("pst.pembatas", nilai).hexdigest()[:32]


def _ambil_tempat(kunci: str) -> int:
    berjalan = _hitung(kunci, 0)
    cache.touch(kunci, UMUR_MASUK_BERJALAN)
    return berjalan


def _lepas_tempat(kunci: str) -> None:
    try:
        cache.decr(kunci)
    except ValueError:  # expired while this login ran
        pass


def _tunggu_giliran(request, kunci: str, kredensial: dict) -> bool:
    """Take a place among the logins in progress from the address: True once
    it fits within the failures still allowed (the place is then held), False
    when none came free in TUNGGU_MASUK_DETIK."""
    batas, sampai = settings.AXES_FAILURE_LIMIT, time.monotonic() + TUNGGU_MASUK_DETIK
    while True:
        berjalan = _ambil_tempat(kunci)
        gagal = AxesProxyHandler.get_failures(request, kredensial)
        # Already locked, axes refuses without checking the password.
        if gagal >= batas or gagal + berjalan <= batas:
            return True
        _lepas_tempat(kunci)
        if time.monotonic() >= sampai:
            return False
        time.sleep(0.1)


def jatah_masuk(view):
    """Hold a login POST to the failures still allowed from its address.

    Axes checks the lock before the password and counts the failure after,
    so thirty guesses sent at once would all pass a check that sees none of
    them. Each POST first takes a place in a count of logins in progress from
    its address (atomic in the shared cache); while the failures already
    recorded plus those in progress would pass AXES_FAILURE_LIMIT it waits for
    one to end (colleagues behind one office address logging in at the same
    moment get in), and gets the lockout page if none does. The address lock
    covers the e-mail + address one (settings.AXES_LOCKOUT_PARAMETERS)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        alamat = alamat_klien(request)
        nama = request.POST.get(settings.AXES_USERNAME_FORM_FIELD) or ""
        # A name holding NUL is refused by the form before any password is
        # checked, and PostgreSQL refuses it in the failures' query.
        if request.method != "POST" or not alamat or not settings.AXES_ENABLED or "\x00" in nama:
            return view(request, *args, **kwargs)
        kunci = f"pst:masuk:berjalan:{_sidik(alamat)}"
        kredensial = {"username": nama or None}
        if not _tunggu_giliran(request, kunci, kredensial):
            return respons_terkunci(request, credentials=kredensial)
        try:
            return view(request, *args, **kwargs)
        finally:
            _lepas_tempat(kunci)

    return wrapper


def respons_terlalu_sering(request, detik: int):
    """The 429 page, in the style of the login lockout page."""
    response = render(request, "terlalu_sering.html", {"menit": max(1, math.ceil(detik / 60))}, status=429)
    response["Retry-After"] = str(detik)
    return response


def batasi(nama: str, email=None, batas_email: str = "BATAS_PER_EMAIL", bebas_alamat=None):
    """Limit a view's POSTs per client address and per e-mail.

    `email` names the POST field holding the e-mail, or is a function of the
    request (e.g. the logged-in user's address); `batas_email` names the
    setting with the per-e-mail limit. `bebas_alamat(request)`, true after
    the view ran, takes the request back from its address's count (a good
    login is no guess: colleagues behind one office address all get in)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                nilai = email(request) if callable(email) else request.POST.get(email or "", "")
                detik = melampaui(
                    nama, alamat_klien(request), _email_sebanding(nilai or ""), getattr(settings, batas_email)
                )
                if detik:
                    return respons_terlalu_sering(request, detik)
            response = view(request, *args, **kwargs)
            if request.method == "POST" and bebas_alamat and bebas_alamat(request):
                kembalikan_alamat(nama, alamat_klien(request))
            return response

        return wrapper

    return decorator
