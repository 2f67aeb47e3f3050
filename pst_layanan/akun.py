"""Account e-mails: verification of a new address, the set-password link
(desk invitation and password reset), and the sign-up that answers the same
whether the address is new or already registered.

The links in these e-mails are made when the e-mail is sent, never stored
(`notifikasi.TAUTAN_DISEMBUNYIKAN`): `pst_layanan/tautan.py` is the one place
that makes them.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pst_layanan.kantor import kantor
from pst_layanan.models import Pengguna, Surel
from pst_layanan.notifikasi import kirim_surel
from pst_layanan.tautan import baca_token_verifikasi, tautan_atur_sandi, token_verifikasi

__all__ = ["baca_token_verifikasi", "tautan_atur_sandi", "token_verifikasi"]

Tautan = Surel.TautanRahasia


def _kirim_tautan(
    user, jenis: str, subjek: str, template: str, kantor_id: int | None = None, bahasa: str | None = None, **lain
) -> None:
    """`kantor_id`: the office the e-mail is from (its footer, where a reply
    goes); the provincial office when None. `bahasa`: the language to write
    it in, instead of the account's. `lain`: more of the template's context."""
    konteks = {"user": user, **({"kantor": kantor(kantor_id)} if kantor_id else {}), **lain}
    per_alamat = {user.email: bahasa} if bahasa else None
    kirim_surel(user.email, subjek, template, konteks, tautan_rahasia=jenis, pengguna=user, bahasa=per_alamat)


class SebabVerifikasi:
    """Why an address is to be verified: the e-mail's first line says so."""

    DAFTAR = "daftar"  # its owner signed up
    DIBUAT = "dibuat"  # staff made the account in the back office
    DIGANTI = "diganti"  # staff set a new address in the back office


def kirim_verifikasi(user, sebab: str = SebabVerifikasi.DAFTAR) -> None:
    _kirim_tautan(user, Tautan.VERIFIKASI, _("Verifikasi e-mail akun PST Layanan"), "email/verifikasi.txt", sebab=sebab)


def email_diganti_petugas(user, alamat_lama: str) -> None:
    """A new address set in the back office is the owner's to verify, and the
    old one hears of it: an account moved to someone else's address by
    mistake (or on purpose) is noticed by its owner."""
    if user.email_terverifikasi:
        user.email_terverifikasi = False
        user.save(update_fields=["email_terverifikasi"])
    kirim_verifikasi(user, SebabVerifikasi.DIGANTI)
    kirim_surel(
        alamat_lama,
        _("Alamat e-mail akun PST Layanan Anda diubah"),
        "email/email_diganti.txt",
        {"user": user},
        bahasa={alamat_lama: user.bahasa} if user.bahasa else None,
    )


def kirim_undangan(user, kantor_id: int | None = None) -> None:
    """A walk-in registered at the desk of office `kantor_id` gets a link to set a password."""
    _kirim_tautan(user, Tautan.ATUR_SANDI, _("Akun PST Layanan Anda telah dibuat"), "email/undangan.txt", kantor_id)


def kirim_reset_sandi(user, bahasa_halaman: str | None = None) -> None:
    """An account with no language stored (a walk-in registered before the
    desk recorded one, staff made in the back office) reads this e-mail in
    the language of the page it was asked from; nothing is stored, since
    anyone may ask for it."""
    bahasa = None if user.bahasa else bahasa_halaman
    _kirim_tautan(
        user, Tautan.ATUR_SANDI, _("Atur ulang kata sandi PST Layanan"), "email/reset_sandi.txt", bahasa=bahasa
    )


# A sign-up sent again this soon with the same password is the same person's
# (a double click, the form resent while the page loads).
DAFTAR_ULANG = timedelta(minutes=10)


def _dikirim_lagi(pemilik: Pengguna, sandi: str) -> bool:
    """`pemilik`'s own sign-up sent again: still unverified, made moments ago
    with this password. Its verification link is on its way, and a warning
    that someone tried their address would only alarm them. Hashes the
    password once either way, so the answer takes as long for every address."""
    baru = not pemilik.email_terverifikasi and pemilik.tanggal_daftar >= timezone.now() - DAFTAR_ULANG
    if not (baru and pemilik.has_usable_password()):
        make_password(sandi)
        return False
    return pemilik.check_password(sandi)


def daftar(form) -> None:
    """Sign up from a valid DaftarForm, answering alike for a new and a taken
    address (no account enumeration): a new address gets its account and the
    verification e-mail; the owner of a taken one gets a warning e-mail and
    nothing else changes, unless it is the same sign-up sent again
    (`_dikirim_lagi`): then nothing is sent. The password is hashed in every
    case, so the answer takes as long either way."""
    email = form.cleaned_data["email"]
    pemilik = Pengguna.objects.filter(email__iexact=email).first()
    if pemilik is None:
        try:
            with transaction.atomic():
                kirim_verifikasi(form.save())
            return
        except IntegrityError:  # the same address signed up a moment ago
            pemilik = Pengguna.objects.get(email__iexact=email)
    if _dikirim_lagi(pemilik, form.cleaned_data["password1"]):
        return
    if pemilik.is_active:
        kirim_surel(
            pemilik.email,
            _("Percobaan pendaftaran dengan e-mail Anda"),
            "email/daftar_ganda.txt",
            {"user": pemilik, "tautan_masuk": reverse("login"), "tautan_lupa": reverse("akun:lupa_sandi")},
        )
