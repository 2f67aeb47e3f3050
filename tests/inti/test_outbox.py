"""The e-mail outbox: nothing lost when the broker or the mail server fails,
nothing sent twice, attempts recorded, and the admin's "Kirim lagi"."""

import smtplib
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from pst_layanan import notifikasi
from pst_layanan.celery import app as celery_app
from pst_layanan.kalender import WIB
from pst_layanan.models import Pengguna, Surel
from pst_layanan.tasks import kirim_surel_task, sapu_surel_task
from tests.inti.test_akun import DATA_DAFTAR
from tests.serentak import serentak

pytestmark = pytest.mark.django_db

MULAI = datetime(2026, 3, 16, 9, 0, tzinfo=WIB)


class BackendRusak(BaseEmailBackend):
    """A mail server that hangs up on every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("server SMTP memutus sambungan")


def _daftar(client, callbacks, email="siti@contoh.id"):
    """A visitor signs up: a change plus a verification e-mail, like any transition."""
    with callbacks(execute=True):
        response = client.post(reverse("akun:daftar"), {**DATA_DAFTAR, "email": email})
    assert response.status_code == 302, response.content.decode()[:500]
    return Surel.objects.get(penerima=[email])


def _sapu_setelah(menit):
    with time_machine.travel(MULAI + timedelta(minutes=menit), tick=False):
        return sapu_surel_task.delay().get()


def test_broker_tak_terjangkau_pendaftaran_tetap_tersimpan_dan_disapu_sekali(
    client, broker_mati, django_capture_on_commit_callbacks, caplog
):
    with time_machine.travel(MULAI, tick=False):
        surel = _daftar(client, django_capture_on_commit_callbacks)
    assert "Broker tidak terjangkau" in caplog.text and "127.0.0.1:1" in caplog.text
    assert Pengguna.objects.filter(email="siti@contoh.id").exists()
    assert surel.status == Surel.Status.ANTRE and mail.outbox == []

    # The broker is back (eager again here); a sweep too early leaves the fresh row to its own task.
    celery_app.conf.task_always_eager = True
    assert _sapu_setelah(1) == 0
    assert _sapu_setelah(3) == 1
    assert _sapu_setelah(4) == 0 and _sapu_setelah(60) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["siti@contoh.id"]
    surel.refresh_from_db()
    assert surel.status == Surel.Status.TERKIRIM and surel.percobaan == 1


def test_delay_melempar_operational_error_aksi_tetap_berhasil(client, django_capture_on_commit_callbacks, monkeypatch):
    def mati(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(kirim_surel_task, "delay", mati)
    with time_machine.travel(MULAI, tick=False):
        surel = _daftar(client, django_capture_on_commit_callbacks)
    assert surel.status == Surel.Status.ANTRE and mail.outbox == []
    monkeypatch.undo()
    assert _sapu_setelah(3) == 1 and _sapu_setelah(5) == 0
    assert len(mail.outbox) == 1


def test_server_surel_rusak_mencatat_percobaan_lalu_terkirim_sekali(
    client, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.inti.test_outbox.BackendRusak"
    with time_machine.travel(MULAI, tick=False):
        surel = _daftar(client, django_capture_on_commit_callbacks)
    surel.refresh_from_db()
    assert Pengguna.objects.filter(email="siti@contoh.id").exists()
    assert surel.status == Surel.Status.GAGAL and surel.percobaan == 1
    assert "SMTPServerDisconnected" in surel.galat_terakhir
    assert surel.dikunci_sampai == MULAI + timedelta(minutes=1)

    # Still down: each sweep after the back-off adds one attempt, doubling the wait.
    assert _sapu_setelah(2) == 0
    surel.refresh_from_db()
    assert surel.percobaan == 2 and surel.dikunci_sampai == MULAI + timedelta(minutes=4)
    assert _sapu_setelah(3) == 0
    surel.refresh_from_db()
    assert surel.percobaan == 2, "masih dalam masa tunggu: tidak dicoba"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert _sapu_setelah(5) == 1
    assert _sapu_setelah(10) == 0 and _sapu_setelah(120) == 0
    assert len(mail.outbox) == 1
    surel.refresh_from_db()
    assert surel.status == Surel.Status.TERKIRIM and surel.percobaan == 3


def test_penyapuan_berhenti_setelah_batas_percobaan(settings):
    settings.EMAIL_BACKEND = "tests.inti.test_outbox.BackendRusak"
    surel = Surel.objects.create(penerima=["a@contoh.id"], subjek="Uji", isi="isi", dibuat_pada=MULAI)
    for jam in range(1, 30):
        _sapu_setelah(jam * 60)
    surel.refresh_from_db()
    assert surel.percobaan == notifikasi.MAKS_PERCOBAAN and surel.status == Surel.Status.GAGAL


class BackendTakTerjangkau(BaseEmailBackend):
    """A mail server that cannot be reached; counts the attempts."""

    percobaan = 0

    def send_messages(self, messages):
        BackendTakTerjangkau.percobaan += 1
        raise smtplib.SMTPConnectError(421, "tidak terjangkau")


def test_sapuan_berhenti_pada_server_yang_tak_terjangkau(settings):
    """Each row would wait out the same timeout: one attempt per sweep, the rest keep their turn."""
    settings.EMAIL_BACKEND = "tests.inti.test_outbox.BackendTakTerjangkau"
    BackendTakTerjangkau.percobaan = 0
    Surel.objects.bulk_create(
        Surel(penerima=[f"{n}@contoh.id"], subjek="Uji", isi="isi", dibuat_pada=MULAI) for n in range(5)
    )
    assert _sapu_setelah(10) == 0
    assert BackendTakTerjangkau.percobaan == 1
    assert sorted(Surel.objects.values_list("percobaan", flat=True)) == [0, 0, 0, 0, 1]


class BackendDitolakPort(BaseEmailBackend):
    """A mail server that is down: its port refuses the connection, as smtplib reports it."""

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


def test_server_surel_mati_dicatat_satu_baris_tanpa_traceback(settings, caplog):
    """While the mail server is down every sweep (each minute) and every new e-mail
    logged a whole traceback of smtplib's connect, burying the journal; it is an
    expected condition, logged in one line naming it, like the server's own refusals."""
    settings.EMAIL_BACKEND = "tests.inti.test_outbox.BackendDitolakPort"
    surel = Surel.objects.create(penerima=["a@contoh.id"], subjek="Uji", isi="isi", dibuat_pada=MULAI)
    with time_machine.travel(MULAI, tick=False):
        assert kirim_surel_task.delay(surel.pk).get() is False
    _sapu_setelah(10)
    catatan = [r for r in caplog.records if r.name == "pst_layanan.notifikasi"]
    assert len(catatan) == 2 and not any(r.exc_info for r in catatan)
    assert all("ConnectionRefusedError" in r.getMessage() for r in catatan)


class BackendMenolakAlamat(BaseEmailBackend):
    """A mail server that refuses the recipient, quoting the address."""

    def send_messages(self, messages):
        balasan = (550, b"5.1.1 <siti@contoh.id>: Recipient address rejected")
        raise smtplib.SMTPRecipientsRefused({"siti@contoh.id": balasan})


def test_alamat_yang_ditolak_server_tidak_masuk_log(settings, caplog):
    """The worker's warning carried the server's reply, and with it the
    visitor's address, into the logs; the row keeps it for the admin."""
    settings.EMAIL_BACKEND = "tests.inti.test_outbox.BackendMenolakAlamat"
    surel = Surel.objects.create(penerima=["siti@contoh.id"], subjek="Uji", isi="isi", dibuat_pada=MULAI)
    with time_machine.travel(MULAI, tick=False):
        assert kirim_surel_task.delay(surel.pk).get() is False
    for menit in range(5, 600, 60):
        _sapu_setelah(menit)
    surel.refresh_from_db()
    assert surel.percobaan > 1 and "siti@contoh.id" in surel.galat_terakhir
    catatan = [r for r in caplog.records if r.name == "pst_layanan.notifikasi"]
    assert catatan and all("siti" not in r.getMessage() and not r.exc_info for r in catatan)
    assert f"Surel {surel.pk} gagal dikirim; dicoba lagi oleh penyapuan. (SMTPRecipientsRefused 550)" in caplog.text


def test_jeda_berlipat_dan_dibatasi():
    assert [notifikasi.jeda(n).total_seconds() / 60 for n in (1, 2, 3, 7, 8, 20)] == [1, 2, 4, 60, 60, 60]


class BackendPenyela(LocmemBackend):
    """While the first sender is mid-send, a second sender tries the same row."""

    hasil_kedua = []

    def send_messages(self, messages):
        BackendPenyela.hasil_kedua.append(notifikasi.kirim_satu(BackendPenyela.pk))
        return super().send_messages(messages)


def test_pengirim_kedua_tidak_mengirim_baris_yang_sedang_diklaim(settings):
    settings.EMAIL_BACKEND = "tests.inti.test_outbox.BackendPenyela"
    surel = Surel.objects.create(penerima=["a@contoh.id"], subjek="Uji", isi="isi")
    BackendPenyela.pk, BackendPenyela.hasil_kedua = surel.pk, []
    assert notifikasi.kirim_satu(surel.pk) is True
    assert BackendPenyela.hasil_kedua == [False]
    assert notifikasi.kirim_satu(surel.pk) is False, "sudah terkirim"
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_pengirim_serentak_di_postgres_mengirim_tepat_sekali(postgres_wajib):
    surel = Surel.objects.create(penerima=["a@contoh.id"], subjek="Uji", isi="isi")
    n = 8
    hasil, galat = serentak(lambda i: notifikasi.kirim_satu(surel.pk), n)
    assert galat == []
    assert sorted(hasil) == [False] * (n - 1) + [True]
    assert len(mail.outbox) == 1


def test_kirim_lagi_dari_admin(supervisor, klien_untuk, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.inti.test_outbox.BackendRusak"
    gagal = Surel.objects.create(penerima=["a@contoh.id"], subjek="Gagal", isi="isi")
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notifikasi.kirim_satu(gagal.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    terkirim = Surel.objects.create(penerima=["b@contoh.id"], subjek="Sudah", isi="isi")
    notifikasi.kirim_satu(terkirim.pk)
    mail.outbox.clear()

    client = klien_untuk(supervisor)
    url = reverse("admin:pst_layanan_surel_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "kirim_lagi", "_selected_action": [gagal.pk, terkirim.pk]}, follow=True)
    assert "1 surel dijadwalkan untuk dikirim lagi" in response.content.decode()
    assert [m.subject for m in mail.outbox] == ["Gagal"], "yang sudah terkirim tidak dikirim dua kali"
    gagal.refresh_from_db()
    assert gagal.status == Surel.Status.TERKIRIM
    assert "SMTPServerDisconnected" in gagal.galat_terakhir, "galat terakhir tetap terlihat di admin"


class BackendKirimLagi(LocmemBackend):
    """While the sweep retries a failed row, a supervisor presses "Kirim lagi"
    on it in the admin, and the task that queues runs at once."""

    def send_messages(self, messages):
        if not BackendKirimLagi.sudah:
            BackendKirimLagi.sudah = True
            assert notifikasi.kirim_lagi(Surel.objects.filter(pk=BackendKirimLagi.pk)) == 1
            BackendKirimLagi.hasil_tugas = notifikasi.kirim_satu(BackendKirimLagi.pk)
        return super().send_messages(messages)


def test_kirim_lagi_saat_baris_sedang_dikirim_tidak_mengirim_dua_kali(settings):
    settings.EMAIL_BACKEND = "tests.inti.test_outbox.BackendRusak"
    surel = Surel.objects.create(penerima=["a@contoh.id"], subjek="Uji", isi="isi")
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notifikasi.kirim_satu(surel.pk)
    settings.EMAIL_BACKEND = "tests.inti.test_outbox.BackendKirimLagi"
    BackendKirimLagi.pk, BackendKirimLagi.sudah = surel.pk, False
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):  # the back-off has passed: the sweep retries
        assert notifikasi.sapu() == 1
    assert BackendKirimLagi.hasil_tugas is False
    assert len(mail.outbox) == 1
    surel.refresh_from_db()
    assert surel.status == Surel.Status.TERKIRIM


class JamPengirimSelesai:
    """The clock `kirim_lagi` reads after listing its rows: at that instant
    another sender (the sweep, the row's own task) finishes sending the row."""

    def __init__(self, pk):
        self.pk, self.sudah = pk, False

    def now(self):
        if not self.sudah:
            self.sudah = True
            assert notifikasi.kirim_satu(self.pk) is True
        return timezone.now()


def test_kirim_lagi_saat_pengirim_lain_baru_selesai_tidak_mengirim_dua_kali(
    monkeypatch, django_capture_on_commit_callbacks
):
    surel = Surel.objects.create(penerima=["a@contoh.id"], subjek="Uji", isi="isi")
    monkeypatch.setattr(notifikasi, "timezone", JamPengirimSelesai(surel.pk))
    with django_capture_on_commit_callbacks(execute=True):
        notifikasi.kirim_lagi(Surel.objects.filter(pk=surel.pk))
    assert len(mail.outbox) == 1
    surel.refresh_from_db()
    assert surel.status == Surel.Status.TERKIRIM and surel.percobaan == 1


def test_daftar_surel_admin_menampilkan_percobaan(supervisor, klien_untuk, django_assert_max_num_queries):
    for i in range(5):
        Surel.objects.create(penerima=["a@contoh.id"], subjek=f"Uji {i}", isi="isi", percobaan=i)
    client = klien_untuk(supervisor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:pst_layanan_surel_changelist"))
    assert response.status_code == 200 and "Uji 4" in response.content.decode()


class SMTPSebagianMenolak:
    """A mail server that takes the message for every recipient but the first
    (a mailbox full, an address gone): smtplib returns that refusal instead of raising."""

    def __init__(self, *args, **kwargs):
        pass

    def sendmail(self, dari, ke, pesan):
        return {ke[0]: (452, b"4.2.2 mailbox full")} if len(ke) > 1 else {}

    def quit(self):
        pass

    def close(self):
        pass


def test_penerima_yang_ditolak_server_dicoba_lagi_tanpa_mengulang_yang_lain(settings, monkeypatch):
    """A mail server that refused one recipient of an e-mail and took the
    others had the row read "Terkirim" with no error: that recipient never
    got it and nobody could tell. The others' copy stays sent; the refused
    address gets a row of its own, with the server's reply, tried again."""
    settings.EMAIL_BACKEND = "pst_layanan.notifikasi.SMTPBackend"
    settings.EMAIL_USE_TLS = False
    monkeypatch.setattr("smtplib.SMTP", SMTPSebagianMenolak)
    with time_machine.travel(MULAI, tick=False):
        surel = notifikasi.kirim_surel(["a@contoh.id", "b@contoh.id"], "Uji", "email/daftar_ganda.txt", {})
        assert notifikasi.kirim_satu(surel.pk)
        assert notifikasi.surel_tertunda().count() == 0  # the refused copy waits out its back-off
    surel.refresh_from_db()
    assert surel.status == Surel.Status.TERKIRIM
    ulang = Surel.objects.exclude(pk=surel.pk).get()
    assert ulang.penerima == ["a@contoh.id"] and (ulang.subjek, ulang.isi) == (surel.subjek, surel.isi)
    assert ulang.status == Surel.Status.GAGAL and "452" in ulang.galat_terakhir
    with time_machine.travel(MULAI + timedelta(minutes=5), tick=False):
        assert notifikasi.sapu() == 1
    ulang.refresh_from_db()
    assert ulang.status == Surel.Status.TERKIRIM and Surel.objects.count() == 2


def test_server_surel_mati_seharian_tidak_menghabiskan_percobaan(settings):
    """A mail server down for a weekend: the queued e-mails keep trying (hourly,
    one per sweep) instead of being given up after five hours, and go out once it
    answers again, with no one pressing "Kirim lagi"."""
    settings.EMAIL_BACKEND = "tests.inti.test_outbox.BackendTakTerjangkau"
    surel = Surel.objects.create(penerima=["a@contoh.id"], subjek="Uji", isi="isi", dibuat_pada=MULAI)
    for jam in range(1, 49):
        _sapu_setelah(jam * 60)
    surel.refresh_from_db()
    assert surel.status == Surel.Status.GAGAL and surel.percobaan < notifikasi.MAKS_PERCOBAAN
    assert notifikasi.dalam_perjalanan().filter(pk=surel.pk).exists()  # still held up: /readyz says so

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert _sapu_setelah(50 * 60) == 1
    assert [m.subject for m in mail.outbox] == ["Uji"]
