"""A deactivated account (unticked "aktif" in the back office) gets no more
mail from the application: neither reminders nor notices about its requests."""

from datetime import datetime

import pytest
import time_machine
from django.core import mail

from penilaian import tenggat
from pst_layanan.kalender import WIB
from pst_layanan.models import Surel
from pst_layanan.notifikasi import kirim_surel
from tests.penilaian.conftest import transaksi_diserahkan

pytestmark = pytest.mark.django_db


def _nonaktifkan(pengguna):
    pengguna.is_active = False
    pengguna.save(update_fields=["is_active"])


def test_alamat_akun_nonaktif_tidak_diberi_surel_yang_lain_tetap(pengunjung, pengunjung_lain):
    """The deactivated account's address is dropped (matched without regard
    to case, as logins are); the other recipients, and an address with no
    account, still get theirs."""
    _nonaktifkan(pengunjung)
    assert kirim_surel(pengunjung.email.upper(), "Uji", "email/daftar_ganda.txt", {"user": pengunjung}) is None
    kirim_surel(
        [pengunjung.email, pengunjung_lain.email, "tamu@contoh.id"],
        "Uji",
        "email/daftar_ganda.txt",
        {"user": pengunjung_lain},
    )
    [surel] = Surel.objects.all()
    assert surel.penerima == sorted([pengunjung_lain.email, "tamu@contoh.id"])


def test_pengingat_penilaian_tidak_dikirim_ke_akun_nonaktif(pengunjung, petugas, django_capture_on_commit_callbacks):
    """A delivered request whose visitor's account was deactivated is
    reminded of nothing: the visitor cannot sign in to rate it anyway."""
    with time_machine.travel(datetime(2026, 3, 16, 9, 0, tzinfo=WIB), tick=False):
        t = transaksi_diserahkan(pengunjung, petugas)
    _nonaktifkan(pengunjung)
    with (
        time_machine.travel(datetime(2026, 3, 18, 10, 0, tzinfo=WIB), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tenggat.pengingat_penilaian(ids=[t.pk]) == [t.pk]
    assert not [m for m in mail.outbox if pengunjung.email in m.to and "beri penilaian" in m.subject]
