"""E-mail subjects are one line whatever the user typed into the text they
are built from: a visitor named "Andi\\r\\nBcc: x@y" asking for an
appointment must not add a header (or a hidden recipient) to the office's
e-mail, nor make it unsendable."""

from datetime import datetime, timedelta
from email.utils import getaddresses

import pytest
import time_machine
from django.core import mail

from antrian import services as antrian
from antrian.models import Layanan
from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor
from pst_layanan.models import Surel
from pst_layanan.notifikasi import susun_surel

pytestmark = pytest.mark.django_db

SENIN = datetime(2026, 3, 16, 9, 0, tzinfo=WIB)


def test_nama_dengan_baris_baru_tidak_menyisipkan_header(django_capture_on_commit_callbacks):
    tamu = buat_pengguna("andi@contoh.id", nama_lengkap="Andi\r\nBcc: x@y")
    with time_machine.travel(SENIN, tick=False), django_capture_on_commit_callbacks(execute=True):
        antrian.ajukan_janji(tamu, Layanan.objects.get(kode="B"), SENIN + timedelta(days=2), "Data IPM")

    assert Surel.objects.get().subjek == "Permintaan janji temu: Andi Bcc: x@y"
    [surel] = mail.outbox
    pesan = surel.message()
    assert surel.recipients() == [kantor().email] and pesan["Bcc"] is None
    assert pesan["Subject"] == "Permintaan janji temu: Andi Bcc: x@y"


@pytest.mark.parametrize("pemisah", ["\n", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"])
def test_setiap_pemisah_baris_menjadi_satu_spasi(pemisah):
    [surel] = susun_surel("a@contoh.id", f"  [PST-1]{pemisah}{pemisah} Judul  produk ", "email/daftar_ganda.txt")
    assert surel.subjek == "[PST-1] Judul produk"


def test_isi_surel_teks_biasa_menulis_nama_apa_adanya(django_capture_on_commit_callbacks):
    """A plain-text e-mail is not HTML: a name with an apostrophe or an ampersand reads as typed,
    not as "O&#x27;Brien" or "&amp;"."""
    tamu = buat_pengguna("andi@contoh.id", nama_lengkap="Siti O'Brien & <Anak>", nama_instansi='CV "Maju" & Rekan')
    with time_machine.travel(SENIN, tick=False), django_capture_on_commit_callbacks(execute=True):
        antrian.ajukan_janji(tamu, Layanan.objects.get(kode="B"), SENIN + timedelta(days=2), "Data IPM & IPG")

    [surel] = mail.outbox
    assert "Siti O'Brien & <Anak>" in surel.body and "Data IPM & IPG" in surel.body
    assert "&amp;" not in surel.body and "&#x27;" not in surel.body and "&quot;" not in surel.body


@pytest.mark.parametrize("nama", ["BPS Kota\nBengkulu", "BPS Kota Bengkulu\r\nBcc: x@y", "BPS Kota, Bengkulu"])
def test_nama_kantor_pengirim_tidak_menyisipkan_header(nama, kota, django_capture_on_commit_callbacks):
    """An office's name carried a line break into the sender's name of its
    e-mails: every one of them was refused by the mail backend and given up
    unsent. Its name now goes into the From header on one line; a comma
    stays inside the quoted name, not a second sender."""
    kota.nama = nama
    kota.save()
    tamu = buat_pengguna("andi@contoh.id", nama_lengkap="Andi")
    with time_machine.travel(SENIN, tick=False), django_capture_on_commit_callbacks(execute=True):
        antrian.ajukan_janji(tamu, Layanan.objects.get(kode="B"), SENIN + timedelta(days=2), "Data IPM", kota.pk)

    assert Surel.objects.get().status == Surel.Status.TERKIRIM
    [surel] = mail.outbox
    pesan = surel.message()
    assert pesan["Bcc"] is None and surel.recipients() == [kota.email]
    assert getaddresses([pesan["From"]]) == [(f"PST {' '.join(nama.split())}", "pst1700@bps.go.id")]
