"""Account e-mails: verification of a new address and the set-password link."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from pst_layanan.notifikasi import kirim_surel

_SALT = "pst.verifikasi-email"
MASA_BERLAKU_VERIFIKASI = 3 * 24 * 3600


def token_verifikasi(user) -> str:
    return signing.dumps({"id": user.pk, "email": user.email}, salt=_SALT)


def baca_token_verifikasi(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=_SALT, max_age=MASA_BERLAKU_VERIFIKASI)
    except signing.BadSignature:
        return None


def kirim_verifikasi(user) -> None:
    tautan = reverse("akun:verifikasi", args=[token_verifikasi(user)])
    kirim_surel(
        user.email, "Verifikasi e-mail akun PST Layanan", "email/verifikasi.txt", {"user": user, "tautan": tautan}
    )


def tautan_atur_sandi(user) -> str:
    """Path of the set-password page for `user` (Django's reset token)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("akun:atur_sandi", args=[uid, default_token_generator.make_token(user)])


def kirim_undangan(user) -> None:
    """A walk-in registered at the desk gets a link to set a password."""
    kirim_surel(
        user.email,
        "Akun PST Layanan Anda telah dibuat",
        "email/undangan.txt",
        {"user": user, "tautan": tautan_atur_sandi(user)},
    )
