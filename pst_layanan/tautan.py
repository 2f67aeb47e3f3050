"""Account links made at the moment an e-mail leaves (verification,
set-password): never stored, so no outbox row, backup or admin page holds a
working one. The outbox (`notifikasi.isi_terkirim`) and the account pages
(`akun`) both use this module; it uses neither."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from pst_layanan.models import Surel

Tautan = Surel.TautanRahasia

_SALT = "pst.verifikasi-email"
MASA_BERLAKU_VERIFIKASI = 3 * 24 * 3600


def token_verifikasi(user) -> str:
    return signing.dumps({"id": user.pk, "email": user.email}, salt=_SALT)


def baca_token_verifikasi(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=_SALT, max_age=MASA_BERLAKU_VERIFIKASI)
    except signing.BadSignature:
        return None


def tautan_atur_sandi(user) -> str:
    """Path of the set-password page for `user` (Django's reset token)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("akun:atur_sandi", args=[uid, default_token_generator.make_token(user)])


def tautan_rahasia(jenis: str, user, penerima: list[str]) -> str | None:
    """The account link of an outbox e-mail, made at sending time.

    None when the account is gone or closed, or its address is no longer the
    one the e-mail goes to: a link for the new address must not reach the old
    one."""
    if user is None or not user.is_active or [user.email] != penerima:
        return None
    if jenis == Tautan.VERIFIKASI:
        return reverse("akun:verifikasi", args=[token_verifikasi(user)])
    return tautan_atur_sandi(user)
