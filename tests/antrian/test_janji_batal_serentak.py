"""Cancelling an appointment at the same moment as a second cancellation
(a double click, two tabs) or as the desk's check-in: exactly one outcome,
never an error page."""

import threading
from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from antrian import services
from antrian.models import JanjiTemu, StatusJanji, Tiket
from pst_layanan import data_pribadi
from pst_layanan.kalender import WIB
from pst_layanan.models import Surel
from tests.serentak import ditahan, serentak

SERENTAK = 4


def _klien(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def _janji_terkonfirmasi(pengunjung, layanan, petugas) -> JanjiTemu:
    with time_machine.travel(datetime(2026, 4, 13, 9, 0, tzinfo=WIB), tick=False):
        janji = services.ajukan_janji(pengunjung, layanan, datetime(2026, 4, 15, 10, 0, tzinfo=WIB), "Data IPM")
        services.konfirmasi_janji(janji, petugas)
    Surel.objects.all().delete()
    mail.outbox.clear()
    return janji


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pembatalan_serentak_satu_pembatalan_postgres(postgres_wajib, layanan_b, pengunjung, petugas):
    janji = _janji_terkonfirmasi(pengunjung, layanan_b, petugas)
    klien = [_klien(pengunjung) for _ in range(SERENTAK)]
    url = reverse("antrian:janji_batal", args=[janji.pk])
    with time_machine.travel(datetime(2026, 4, 14, 9, 0, tzinfo=WIB), tick=False):
        hasil, galat = serentak(lambda i: klien[i].post(url, {"alasan": f"tab {i}"}), SERENTAK)
    assert galat == []
    assert [r.status_code for r in hasil] == [302] * SERENTAK
    janji.refresh_from_db()
    assert janji.status == StatusJanji.DIBATALKAN
    assert Surel.objects.count() == 1  # the office is told once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pembatalan_berpacu_dengan_checkin_satu_hasil_postgres(
    postgres_wajib, layanan_b, pengunjung, petugas, resepsionis
):
    janji = _janji_terkonfirmasi(pengunjung, layanan_b, petugas)
    tamu, meja = _klien(pengunjung), _klien(resepsionis)
    kerja = [
        lambda: tamu.post(reverse("antrian:janji_batal", args=[janji.pk])),
        lambda: meja.post(reverse("antrian:janji_checkin", args=[janji.pk])),
    ]
    with time_machine.travel(datetime(2026, 4, 15, 9, 55, tzinfo=WIB), tick=False):
        hasil, galat = serentak(lambda i: kerja[i](), 2)
    assert galat == []
    assert [r.status_code for r in hasil] == [302, 302]
    janji.refresh_from_db()
    if janji.status == StatusJanji.DIBATALKAN:
        assert not Tiket.objects.exists()
    else:
        assert janji.status == StatusJanji.HADIR and Tiket.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pembatalan_saat_admin_menyimpan_janji_tidak_tertimpa_postgres(
    postgres_wajib, layanan_b, pengunjung, petugas, monkeypatch
):
    """The visitor cancels while an officer's admin page of the appointment is
    being saved: the cancellation stands, and so does the officer's edit."""
    from antrian.admin import JanjiTemuForm

    janji = _janji_terkonfirmasi(pengunjung, layanan_b, petugas)
    utas, asli = [], JanjiTemuForm.clean

    def batalkan():
        try:
            services.batalkan_janji(janji.pk, pengunjung, "Berhalangan")
        finally:
            connection.close()

    def clean(form):
        data = asli(form)
        t = threading.Thread(target=batalkan)
        t.start()
        t.join(1)  # the cancellation commits now, unless the save holds the row
        utas.append(t)
        return data

    monkeypatch.setattr(JanjiTemuForm, "clean", clean)
    isian = {
        "kantor": janji.kantor_id,
        "layanan": layanan_b.pk,
        "keperluan": "Data BRS",
        "waktu_0": "15/04/2026",
        "waktu_1": "10:00:00",
    }
    with time_machine.travel(datetime(2026, 4, 14, 9, 0, tzinfo=WIB), tick=False):
        r = _klien(petugas).post(f"/admin/antrian/janjitemu/{janji.pk}/change/", isian)
        utas[0].join()
    assert r.status_code == 302
    janji.refresh_from_db()
    assert (janji.status, janji.keperluan) == (StatusJanji.DIBATALKAN, "Data BRS")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pembatalan_menunggu_janji_dipindah_layanan_lalu_berlaku_postgres(
    postgres_wajib, layanan_b, layanan_k, pengunjung, petugas
):
    """The visitor cancels while an officer's save moves the appointment to
    another service: the cancellation waits for it and applies, never "not found"."""
    janji = _janji_terkonfirmasi(pengunjung, layanan_b, petugas)

    def pindah():
        JanjiTemu.objects.filter(pk=janji.pk).update(layanan=layanan_k)

    with time_machine.travel(datetime(2026, 4, 14, 9, 0, tzinfo=WIB), tick=False), ditahan(pindah):
        services.batalkan_janji(janji.pk, pengunjung, "Berhalangan")
    janji.refresh_from_db()
    assert (janji.status, janji.layanan_id) == (StatusJanji.DIBATALKAN, layanan_k.pk)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_checkin_saat_pengunjung_menghapus_datanya_tidak_buntu_postgres(
    postgres_wajib, layanan_b, pengunjung, petugas, resepsionis, monkeypatch
):
    """The desk checks the visitor in while they erase their data: the
    check-in had the appointment's row and waited for the visitor's, the
    erasure had the visitor's and waited to cancel the appointment, and
    PostgreSQL ended one of them with an error. Now one waits for the other:
    the visitor checked in (a ticket), or the appointment cancelled (none)."""
    janji = _janji_terkonfirmasi(pengunjung, layanan_b, petugas)
    asli, terkunci = services._kunci_janji, threading.Event()

    def lalu_tunggu(j):  # the check-in holds the appointment while the erasure starts
        hasil = asli(j)
        terkunci.set()
        threading.Event().wait(0.5)
        return hasil

    monkeypatch.setattr(services, "_kunci_janji", lalu_tunggu)
    galat = []

    def checkin():
        try:
            services.checkin_janji(janji.pk, resepsionis)
        except Exception as exc:  # asserted below
            galat.append(exc)
        finally:
            connection.close()

    with time_machine.travel(datetime(2026, 4, 15, 9, 55, tzinfo=WIB), tick=False):
        t = threading.Thread(target=checkin)
        t.start()
        assert terkunci.wait(5)
        data_pribadi.anonimkan(pengunjung)
        t.join()
    assert galat == []
    janji.refresh_from_db()
    assert (janji.status, Tiket.objects.count()) in {(StatusJanji.HADIR, 1), (StatusJanji.DIBATALKAN, 0)}
