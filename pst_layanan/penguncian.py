"""Login lockout (django-axes): who is a "client", the Indonesian lockout
page, and the officers' unlock.

A client is locked after AXES_FAILURE_LIMIT failed logins within the
cool-off, counted per e-mail + address and per address alone (settings).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.validators import validate_ipv46_address
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

from pst_layanan.galat import lolos

# The login records' column: a longer name (no account's address is one)
# would make writing its failure a database error on PostgreSQL.
PANJANG_NAMA = AccessAttempt._meta.get_field("username").max_length


def nama_pengguna(request, credentials) -> str | None:
    """The e-mail as typed, normalised: "Andi@X.id " and "andi@x.id" are one account,
    so changing the case does not buy an attacker five more tries. Cut to
    the records' column, where it is counted like any other failure."""
    nilai = (credentials or {}).get("username") or request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    return nilai.strip().lower()[:PANJANG_NAMA] if nilai else None


def alamat_klien(request) -> str | None:
    """The client's address. Behind JUMLAH_PROXY trusted reverse proxies the
    address is taken from X-Forwarded-For, counted from the right (the part
    our own proxies appended), so a client cannot forge it; with no proxy,
    REMOTE_ADDR. Without this, every visitor behind the TLS proxy would share
    127.0.0.1 and one attacker would lock everybody out."""
    jumlah = settings.JUMLAH_PROXY
    if jumlah:
        rantai = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(rantai) >= jumlah:
            return rantai[-jumlah]
    return request.META.get("REMOTE_ADDR")


@receiver(user_logged_in, dispatch_uid="pst_penguncian_berhasil_masuk")
def hapus_gagal_saat_masuk(sender, request, user, **kwargs):
    """A successful login resets the count of that account from that address.
    Only those: were the address's other failures cleared too (axes'
    AXES_RESET_ON_SUCCESS), a guesser signing into an account of their own
    between guesses at someone else's would never be locked."""
    alamat = alamat_klien(request) if request is not None else None
    if alamat:
        reset(ip=alamat, username=user.get_username().strip().lower())


def buka_kunci_akun(user) -> int:
    """Clear the failures against `user`'s account from every address: a
    password set from the e-mailed link proves the mailbox, as an officer's
    unlock would, and the lockout page offers that reset as a way out. The
    addresses' failures against other accounts stay."""
    return reset(username=user.get_username().strip().lower())


def masa_kunci() -> timedelta:
    return get_cool_off() or timedelta(0)


def hapus_catatan_lama(sekarang: datetime | None = None) -> int:
    """Delete login records past their use; returns how many. Successful
    logins and logged failures go after RETENSI_LOG_MASUK_HARI days; failure
    counts once past the cool-off, when they lock nothing (axes deletes those
    only at someone's next login attempt, so a quiet night keeps them)."""
    sekarang = sekarang or timezone.now()
    batas = sekarang - timedelta(days=settings.RETENSI_LOG_MASUK_HARI)
    jumlah = sum(m.objects.filter(attempt_time__lt=batas).delete()[0] for m in (AccessLog, AccessFailureLog))
    return jumlah + AccessAttempt.objects.filter(attempt_time__lt=sekarang - masa_kunci()).delete()[0]


def respons_terkunci(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page, HTTP 429."""
    menit = int(masa_kunci().total_seconds() // 60)
    return render(
        request,
        "registration/terkunci.html",
        {"menit": menit, "batas": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


@dataclass(frozen=True)
class Kuncian:
    """One active lock: an e-mail from an address, or an address alone."""

    ip_address: str | None
    username: str | None
    gagal: int
    terakhir: datetime

    @property
    def terbuka_pada(self) -> datetime:
        return self.terakhir + masa_kunci()


def _percobaan_aktif():
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - masa_kunci())


def daftar_kuncian(tersembunyi=None) -> list[Kuncian]:
    """Every lock in force now, per e-mail + address and per address, newest
    first; without the failures under the e-mails `tersembunyi` (a subquery:
    another office's people, whose locks are theirs to see and lift)."""
    batas = settings.AXES_FAILURE_LIMIT
    aktif = _percobaan_aktif()
    if tersembunyi is not None:
        aktif = aktif.exclude(username__in=tersembunyi)
    akun = (
        aktif.exclude(username=None)
        .values("username", "ip_address")
        .annotate(gagal=Sum("failures_since_start"), terakhir=Max("attempt_time"))
        .filter(gagal__gte=batas)
    )
    alamat = (
        aktif.values("ip_address")
        .annotate(gagal=Sum("failures_since_start"), terakhir=Max("attempt_time"))
        .filter(gagal__gte=batas)
    )
    hasil = [Kuncian(r["ip_address"], r["username"], r["gagal"], r["terakhir"]) for r in akun]
    hasil += [Kuncian(r["ip_address"], None, r["gagal"], r["terakhir"]) for r in alamat]
    return sorted(hasil, key=lambda k: k.terakhir, reverse=True)


def alamat_sah(ip: str) -> bool:
    """An IPv4 or IPv6 address, as axes stores it (PostgreSQL's inet column refuses anything else)."""
    return lolos(validate_ipv46_address, ip)


def buka_kunci(username: str | None = None, ip_address: str | None = None, tersembunyi=None) -> int:
    """Clear the failures behind a lock (axes' own reset). An account lock is
    cleared for every address; an address lock for every account the user
    sees. Only a lock `daftar_kuncian(tersembunyi)` lists is lifted: a crafted
    form, or an address lock, does not free another office's account."""
    username = username.strip().lower() if username else None
    terlihat = daftar_kuncian(tersembunyi)
    if username and any(k.username == username for k in terlihat):
        return reset(username=username)
    if not username and ip_address and any(k.username is None and k.ip_address == ip_address for k in terlihat):
        if tersembunyi is None:
            return reset(ip=ip_address)
        # The failures against accounts the user cannot see stay (and with
        # them the address lock, when they reach the limit on their own).
        return AccessAttempt.objects.filter(ip_address=ip_address).exclude(username__in=tersembunyi).delete()[0]
    return 0
