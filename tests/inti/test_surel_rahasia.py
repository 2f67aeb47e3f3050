"""Account links (password reset, set-password invitation, e-mail
verification) never rest readable in the outbox: the stored row holds a
marker, the message that leaves holds a working link, also when it leaves
hours later after the mail server was down. Only supervisors see the outbox."""

import importlib
import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.urls import reverse

from pst_layanan import akun, notifikasi
from pst_layanan.kalender import WIB
from pst_layanan.models import Pengguna, Surel
from pst_layanan.tasks import sapu_surel_task

pytestmark = pytest.mark.django_db

MULAI = datetime(2026, 3, 16, 9, 0, tzinfo=WIB)
TAUTAN_AKUN = re.compile(r"/akun/(verifikasi|sandi/atur)/")
SANDI_BARU = "Sandi-Baru-Bengkulu-9"


def tautan_dari(pesan) -> str:
    return re.search(r"http://testserver(\S+)", pesan.body).group(1)


def tidak_ada_tautan_tersimpan():
    for baris in Surel.objects.values("subjek", "isi", "galat_terakhir"):
        assert not any(TAUTAN_AKUN.search(nilai) for nilai in baris.values()), baris


def atur_sandi_lewat(client, tautan):
    halaman = client.get(tautan, follow=True)
    r = client.post(halaman.redirect_chain[-1][0], {"new_password1": SANDI_BARU, "new_password2": SANDI_BARU})
    assert r.status_code == 302 and r["Location"] == reverse("login")


def test_reset_saat_smtp_mati_tersimpan_tanpa_tautan_lalu_terkirim_dengan_tautan_yang_berfungsi(
    client, pengunjung, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.inti.test_outbox.BackendRusak"
    with time_machine.travel(MULAI, tick=False) as mesin:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email})
        surel = Surel.objects.get()
        assert surel.status == Surel.Status.GAGAL and mail.outbox == []
        assert notifikasi.TAUTAN_DISEMBUNYIKAN in surel.isi
        tidak_ada_tautan_tersimpan()

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        mesin.shift(timedelta(minutes=2))
        assert sapu_surel_task.delay().get() == 1
        surel.refresh_from_db()
        assert surel.status == Surel.Status.TERKIRIM
        tidak_ada_tautan_tersimpan()

        (pesan,) = mail.outbox
        assert notifikasi.TAUTAN_DISEMBUNYIKAN not in pesan.body
        atur_sandi_lewat(client, tautan_dari(pesan))
    pengunjung.refresh_from_db()
    assert pengunjung.check_password(SANDI_BARU)


def test_undangan_meja_dan_verifikasi_membawa_tautan_yang_berfungsi(
    client, pengunjung, django_capture_on_commit_callbacks
):
    tamu = Pengguna.objects.create_user("tamu@contoh.id", None, nama_lengkap="Tamu Meja")
    with django_capture_on_commit_callbacks(execute=True):
        akun.kirim_undangan(tamu)
        Pengguna.objects.filter(pk=pengunjung.pk).update(email_terverifikasi=False)
        akun.kirim_verifikasi(pengunjung)
    tidak_ada_tautan_tersimpan()
    undangan, verifikasi = mail.outbox
    atur_sandi_lewat(client, tautan_dari(undangan))
    tamu.refresh_from_db()
    assert tamu.check_password(SANDI_BARU) and tamu.email_terverifikasi

    client.post(tautan_dari(verifikasi))
    pengunjung.refresh_from_db()
    assert pengunjung.email_terverifikasi


@pytest.mark.parametrize("ubah", ["email", "is_active"])
def test_tautan_tidak_dikirim_bila_akun_ditutup_atau_alamat_berubah(ubah, pengunjung, settings):
    """A reset waiting for the mail server must not reach an address that is no
    longer the account's, nor revive a closed account: cancelled, not retried."""
    settings.EMAIL_BACKEND = "tests.inti.test_outbox.BackendRusak"
    with time_machine.travel(MULAI, tick=False) as mesin:
        akun.kirim_reset_sandi(pengunjung)
        with pytest.raises(Exception, match="SMTP"):
            notifikasi.kirim_satu(Surel.objects.get().pk)
        setattr(pengunjung, ubah, "baru@contoh.id" if ubah == "email" else False)
        pengunjung.save()
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        mesin.shift(timedelta(minutes=2))
        assert sapu_surel_task.delay().get() == 0
    surel = Surel.objects.get()
    assert mail.outbox == [] and surel.status == Surel.Status.GAGAL
    assert surel.percobaan == notifikasi.MAKS_PERCOBAAN and "SurelBatal" in surel.galat_terakhir
    assert notifikasi.surel_tertunda().count() == 0


def test_hanya_supervisor_melihat_outbox_dan_tanpa_token(
    pengunjung, petugas, resepsionis, supervisor, klien_untuk, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("akun:lupa_sandi"), {"email": supervisor.email})
    (pesan,) = mail.outbox
    token = tautan_dari(pesan).rstrip("/").rsplit("/", 1)[1]
    surel = Surel.objects.get()
    daftar, detail = (
        reverse("admin:pst_layanan_surel_changelist"),
        reverse("admin:pst_layanan_surel_change", args=[surel.pk]),
    )
    for orang in (petugas, resepsionis):
        klien = klien_untuk(orang)
        assert klien.get(daftar).status_code == 403 and klien.get(detail).status_code == 403
        assert "Surel keluar" not in klien.get(reverse("admin:index")).content.decode()

    klien = klien_untuk(supervisor)
    assert "Atur ulang kata sandi" in klien.get(daftar).content.decode()
    isi = klien.get(detail).content.decode()
    assert "tautan rahasia disembunyikan" in isi and token not in isi and not TAUTAN_AKUN.search(isi)


def test_migrasi_menyembunyikan_tautan_pada_baris_lama(pengunjung):
    """Rows written before the change: links redacted; an unsent one will get a
    fresh link for its account when sent."""
    lama = "Buka tautan berikut:\n\nhttp://pst.example/akun/sandi/atur/MQ/abc-123def/\n\n--"
    terkirim = Surel.objects.create(penerima=[pengunjung.email], subjek="a", isi=lama, status=Surel.Status.TERKIRIM)
    antre = Surel.objects.create(
        penerima=[pengunjung.email], subjek="b", isi=lama.replace("sandi/atur/MQ", "verifikasi")
    )
    biasa = Surel.objects.create(penerima=[pengunjung.email], subjek="c", isi="http://pst.example/transaksi/T-1/")
    migrasi = importlib.import_module("pst_layanan.migrations.0005_surel_tautan_rahasia_dibuat_saat_kirim")
    migrasi.sembunyikan_tautan(apps, None)
    for s in (terkirim, antre, biasa):
        s.refresh_from_db()
    tidak_ada_tautan_tersimpan()
    assert (
        terkirim.isi
        == antre.isi
        == lama.replace("http://pst.example/akun/sandi/atur/MQ/abc-123def/", notifikasi.TAUTAN_DISEMBUNYIKAN)
    )
    assert (terkirim.tautan_rahasia, antre.tautan_rahasia, antre.pengguna) == ("", "verifikasi", pengunjung)
    assert biasa.isi == "http://pst.example/transaksi/T-1/"
    assert "http://testserver/akun/verifikasi/" in notifikasi.isi_terkirim(antre)
