"""A deactivated account (unticked "aktif" in the back office) gets no more
mail from the application: neither reminders nor notices about its requests."""

from datetime import datetime

import pytest
import time_machine
from django.core import mail

from penilaian import tenggat
from pst_layanan import notifikasi
from pst_layanan.kalender import WIB
from pst_layanan.models import Surel
from pst_layanan.notifikasi import kirim_surel
from tests.penilaian.conftest import transaksi_diserahkan
from transaksi.models import RiwayatTransaksi

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


def _pengingat_sesudah_dinonaktifkan(pengunjung, petugas, callbacks):
    """A request delivered on Mon 16 Mar, its visitor then deactivated, and the
    rating reminder job run on Wed 18 Mar: the request and the ids reminded."""
    with time_machine.travel(datetime(2026, 3, 16, 9, 0, tzinfo=WIB), tick=False):
        t = transaksi_diserahkan(pengunjung, petugas)
    _nonaktifkan(pengunjung)
    with time_machine.travel(datetime(2026, 3, 18, 10, 0, tzinfo=WIB), tick=False), callbacks(execute=True):
        return t, tenggat.pengingat_penilaian(ids=[t.pk])


def test_pengingat_penilaian_tidak_dikirim_ke_akun_nonaktif(pengunjung, petugas, django_capture_on_commit_callbacks):
    """A delivered request whose visitor's account was deactivated is
    reminded of nothing: the visitor cannot sign in to rate it anyway."""
    t, diingatkan = _pengingat_sesudah_dinonaktifkan(pengunjung, petugas, django_capture_on_commit_callbacks)
    assert diingatkan == [t.pk]
    assert not [m for m in mail.outbox if pengunjung.email in m.to and "beri penilaian" in m.subject]


def test_riwayat_tidak_mencatat_pengingat_yang_tidak_dikirim(pengunjung, petugas, django_capture_on_commit_callbacks):
    """The transaction's history says a reminder went to the visitor only
    when one did: none is recorded for an account that gets no mail."""
    t, _diingatkan = _pengingat_sesudah_dinonaktifkan(pengunjung, petugas, django_capture_on_commit_callbacks)
    assert not t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.PENGINGAT).exists()


def test_surel_tertunda_tidak_dikirim_ke_akun_yang_dinonaktifkan_sesudahnya(pengunjung, petugas):
    """An e-mail queued while the account was active and still waiting when it
    was deactivated (the mail server down meanwhile) went out to it all the
    same, the closed account reading the office's mail about its visitors;
    it now leaves only to the recipients whose account is still open, and a
    row left with none is given up unsent."""
    # Queued, their tasks lost: they wait for the sweep.
    with time_machine.travel(datetime(2026, 3, 16, 9, 0, tzinfo=WIB), tick=False):
        berdua = kirim_surel([petugas.email, pengunjung.email], "Uji", "email/daftar_ganda.txt", {"user": petugas})
        sendiri = kirim_surel(petugas.email, "Uji", "email/daftar_ganda.txt", {"user": petugas})
    _nonaktifkan(petugas)
    with time_machine.travel(datetime(2026, 3, 16, 10, 0, tzinfo=WIB), tick=False):
        assert notifikasi.sapu() == 1
    assert [m.to for m in mail.outbox] == [[pengunjung.email]]
    berdua.refresh_from_db()
    sendiri.refresh_from_db()
    assert berdua.status == Surel.Status.TERKIRIM
    assert sendiri.status == Surel.Status.GAGAL and sendiri.percobaan == notifikasi.MAKS_PERCOBAAN
    assert "dinonaktifkan" in sendiri.galat_terakhir
