"""Account e-mails: verification of a new address, the set-password link
(desk invitation and password reset), and the sign-up that answers the same
whether the address is new or already registered.

The links in these e-mails are made when the e-mail is sent, never stored
(`notifikasi.TAUTAN_DISEMBUNYIKAN`): `pst_layanan/tautan.py` is the one place
that makes them.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pst_layanan.models import Pengguna, Surel
from pst_layanan.notifikasi import kirim_surel
from pst_layanan.tautan import baca_token_verifikasi, tautan_atur_sandi, token_verifikasi

__all__ = ["baca_token_verifikasi", "tautan_atur_sandi", "token_verifikasi"]

Tautan = Surel.TautanRahasia


def _kirim_tautan(user, jenis: str, subjek: str, template: str) -> None:
    kirim_surel(user.email, subjek, template, {"user": user}, tautan_rahasia=jenis, pengguna=user)


def kirim_verifikasi(user) -> None:
    _kirim_tautan(user, Tautan.VERIFIKASI, _("Verifikasi e-mail akun PST Layanan"), "email/verifikasi.txt")


def kirim_undangan(user) -> None:
    """A walk-in registered at the desk gets a link to set a password."""
    _kirim_tautan(user, Tautan.ATUR_SANDI, _("Akun PST Layanan Anda telah dibuat"), "email/undangan.txt")


def kirim_reset_sandi(user) -> None:
    _kirim_tautan(user, Tautan.ATUR_SANDI, _("Atur ulang kata sandi PST Layanan"), "email/reset_sandi.txt")


def daftar(form) -> None:
    """Sign up from a valid DaftarForm, answering alike for a new and a taken
    address (no account enumeration): a new address gets its account and the
    verification e-mail; the owner of a taken one gets a warning e-mail and
    nothing else changes. The password is hashed in both cases, so the
    answer takes as long either way."""
    email = form.cleaned_data["email"]
    pemilik = Pengguna.objects.filter(email__iexact=email).first()
    if pemilik is None:
        try:
            with transaction.atomic():
                kirim_verifikasi(form.save())
            return
        except IntegrityError:  # the same address signed up a moment ago
            pemilik = Pengguna.objects.get(email__iexact=email)
    make_password(form.cleaned_data["password1"])
    if pemilik.is_active:
        kirim_surel(
            pemilik.email,
            _("Percobaan pendaftaran dengan e-mail Anda"),
            "email/daftar_ganda.txt",
            {"user": pemilik, "tautan_masuk": reverse("login"), "tautan_lupa": reverse("akun:lupa_sandi")},
        )
