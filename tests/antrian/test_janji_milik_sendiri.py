"""Staff asking for an appointment on the visitor's form are that visitor:
confirming, refusing or checking in their own appointment is a colleague's,
or they would confirm themselves a ticket called before the walk-ins. The
services refuse it (every path: the list, the admin action, the desk), and
the pages offer none of it on their own appointment and say why instead.

Tuesday 14 April 2026 is a working day, 08.00–15.30 WIB."""

from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from antrian import services
from antrian.models import JanjiTemu, StatusJanji, Tiket
from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.roles import PETUGAS, RESEPSIONIS

pytestmark = pytest.mark.django_db

PESAN = "Ini janji temu Anda sendiri: petugas lain yang mengonfirmasi, menolak, atau mencatat kehadirannya."
PUKUL_SEPULUH = datetime(2026, 4, 14, 10, 0, tzinfo=WIB)


def pada(*args):
    return time_machine.travel(datetime(*args, tzinfo=WIB), tick=False)


def _ajukan(pengunjung, layanan):
    with pada(2026, 4, 14, 8, 0):
        return services.ajukan_janji(pengunjung, layanan, PUKUL_SEPULUH, "Konsultasi data kemiskinan")


@pytest.fixture
def rekan(db):
    return buat_pengguna("petugas2@bps.go.id", PETUGAS)


def _tetap_diajukan(janji):
    janji.refresh_from_db()
    assert (janji.status, janji.diputuskan_oleh, janji.alasan_tolak) == (StatusJanji.DIAJUKAN, None, "")


def test_janji_sendiri_tidak_dapat_dikonfirmasi_atau_ditolak_sendiri(petugas, rekan, layanan_b):
    janji = _ajukan(petugas, layanan_b)
    with pada(2026, 4, 14, 9, 0):
        with pytest.raises(services.AntrianError) as info:
            services.konfirmasi_janji(janji, petugas)
        assert str(info.value) == PESAN
        with pytest.raises(services.AntrianError, match=PESAN):
            services.tolak_janji(janji, petugas, "Tidak jadi")
        _tetap_diajukan(janji)
        # A colleague decides it as any visitor's.
        services.konfirmasi_janji(janji, rekan)
    janji.refresh_from_db()
    assert (janji.status, janji.diputuskan_oleh) == (StatusJanji.DIKONFIRMASI, rekan)


def test_halaman_janji_petugas_tanpa_tombol_pada_janji_sendiri(petugas, rekan, layanan_b, klien_untuk):
    janji = _ajukan(petugas, layanan_b)
    aksi = reverse("antrian:janji_putuskan", args=[janji.pk])
    with pada(2026, 4, 14, 9, 0):
        klien = klien_untuk(petugas)
        sendiri = klien.get(reverse("antrian:janji_petugas")).content.decode()
        assert PESAN in sendiri and aksi not in sendiri
        # Posted anyway (an old tab): refused with the reason, nothing decided.
        hasil = klien.post(aksi, {"keputusan": "konfirmasi"}, follow=True).content.decode()
        assert PESAN in hasil
        _tetap_diajukan(janji)

        lain = klien_untuk(rekan).get(reverse("antrian:janji_petugas")).content.decode()
    assert PESAN not in lain and aksi in lain


def test_konfirmasi_lewat_admin_menolak_janji_sendiri(supervisor, layanan_b, klien_untuk):
    janji = _ajukan(supervisor, layanan_b)
    supervisor.is_superuser = True
    supervisor.save(update_fields=["is_superuser"])
    with pada(2026, 4, 14, 9, 0):
        html = (
            klien_untuk(supervisor)
            .post(
                reverse("admin:antrian_janjitemu_changelist"),
                {"action": "konfirmasi", "_selected_action": [janji.pk]},
                follow=True,
            )
            .content.decode()
        )
    assert PESAN in html
    _tetap_diajukan(janji)


def test_resepsionis_tidak_dapat_mencatat_kehadirannya_sendiri(resepsionis, petugas, layanan_b, klien_untuk):
    janji = _ajukan(resepsionis, layanan_b)
    with pada(2026, 4, 14, 9, 0):
        services.konfirmasi_janji(janji, petugas)
    checkin = reverse("antrian:janji_checkin", args=[janji.pk])
    with pada(2026, 4, 14, 9, 50):
        with pytest.raises(services.AntrianError, match=PESAN):
            services.checkin_janji(janji, resepsionis)
        klien = klien_untuk(resepsionis)
        meja = klien.get(reverse("antrian:meja")).content.decode()
        assert PESAN in meja and checkin not in meja
        assert PESAN in klien.post(checkin, follow=True).content.decode()
        assert not Tiket.objects.exists()
        janji.refresh_from_db()
        assert janji.status == StatusJanji.DIKONFIRMASI
        # A colleague at the desk checks them in as any visitor.
        rekan = buat_pengguna("resepsionis2@bps.go.id", RESEPSIONIS)
        assert checkin in klien_untuk(rekan).get(reverse("antrian:meja")).content.decode()
        tiket = services.checkin_janji(janji, rekan)
    assert tiket.prioritas and JanjiTemu.objects.get().status == StatusJanji.HADIR


def test_meja_tidak_memesankan_janji_terkonfirmasi_untuk_dirinya(resepsionis, layanan_b):
    with pada(2026, 4, 14, 8, 0), pytest.raises(services.AntrianError, match=PESAN):
        services.pesan_janji_untuk(resepsionis, layanan_b, PUKUL_SEPULUH, "Konsultasi", pengunjung=resepsionis)
    assert not JanjiTemu.objects.exists()


def test_janji_sendiri_tidak_dipindah_sendiri_di_admin(
    petugas, rekan, layanan_b, klien_untuk, django_capture_on_commit_callbacks
):
    """Moved by its owner in the admin after a colleague confirmed it, it stayed
    confirmed at the new time and was e-mailed as confirmed, with no colleague
    approving that time. The move is refused as the other decisions are; a
    colleague still moves it."""
    janji = _ajukan(petugas, layanan_b)
    with pada(2026, 4, 14, 8, 30):
        services.konfirmasi_janji(janji, rekan)
    url = reverse("admin:antrian_janjitemu_change", args=[janji.pk])
    isian = {"kantor": janji.kantor_id, "layanan": layanan_b.pk, "keperluan": janji.keperluan}
    pindah = {**isian, "waktu_0": "16/04/2026", "waktu_1": "11:00:00"}
    mail.outbox.clear()
    with pada(2026, 4, 14, 9, 0), django_capture_on_commit_callbacks(execute=True):
        sendiri = klien_untuk(petugas).post(url, pindah)
        assert sendiri.status_code == 200
        assert sendiri.context["adminform"].form.non_field_errors() == [PESAN]
        janji.refresh_from_db()
        assert (janji.waktu, janji.status) == (PUKUL_SEPULUH, StatusJanji.DIKONFIRMASI)
        assert mail.outbox == []

        assert klien_untuk(rekan).post(url, pindah).status_code == 302
    janji.refresh_from_db()
    assert janji.waktu == datetime(2026, 4, 16, 11, 0, tzinfo=WIB)
    [surel] = [m for m in mail.outbox if m.to == [petugas.email]]
    assert surel.subject == "Janji temu PST Anda dipindah ke Kamis, 16 April 2026 pukul 11.00 WIB"
