"""Appointment priority runs from the booked time minus the office's margin
(`Kantor.margin_janji_menit`, default 15), not from check-in.

Tue 14 April 2026 is a working day (08.00–15.30 WIB).
"""

from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from antrian import services
from antrian.models import JanjiTemu, StatusJanji, Tiket, batas_prioritas
from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor, lupakan_kantor

pytestmark = pytest.mark.django_db


def pada(*args):
    return time_machine.travel(datetime(*args, tzinfo=WIB), tick=False)


@pytest.fixture
def antrean_selasa(resepsionis, layanan_b):
    """Walk-in B-001 at 09.50, the 14.00 appointment checked in at 10.00 (B-002), walk-in B-003 at 10.05."""
    janji = JanjiTemu.objects.create(
        pengunjung=buat_pengguna("janji@contoh.id"),
        layanan=layanan_b,
        waktu=datetime(2026, 4, 14, 14, 0, tzinfo=WIB),
        keperluan="Konsultasi mikrodata",
        status=StatusJanji.DIKONFIRMASI,
    )
    with pada(2026, 4, 14, 9, 50):
        awal = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=buat_pengguna("a@contoh.id"))
    with pada(2026, 4, 14, 10, 0):
        t_janji = services.checkin_janji(janji, resepsionis)
    with pada(2026, 4, 14, 10, 5):
        akhir = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=buat_pengguna("b@contoh.id"))
    return awal, t_janji, akhir


def test_janji_pukul_14_tidak_melompati_antrean_pukul_10(antrean_selasa, loket1, petugas, client):
    awal, t_janji, akhir = antrean_selasa
    assert t_janji.prioritas and t_janji.janji_pada == datetime(2026, 4, 14, 14, 0, tzinfo=WIB)
    with pada(2026, 4, 14, 10, 10):
        assert services.orang_di_depan(Tiket.objects.get(pk=t_janji.pk)) == 1  # only the 09.50 walk-in
        assert services.orang_di_depan(Tiket.objects.get(pk=akhir.pk)) == 2
        assert (
            "<strong>1</strong> orang di depan Anda"
            in client.get(reverse("antrian:tiket_publik", args=[t_janji.token])).content.decode()
        )
        assert services.panggil_berikutnya(loket1, petugas).kode == awal.kode


@pytest.mark.parametrize(("jam", "menit", "didahulukan"), [(13, 44, False), (13, 45, True)])
def test_prioritas_mulai_15_menit_sebelum_waktu_janji(antrean_selasa, loket1, petugas, jam, menit, didahulukan):
    awal, t_janji, akhir = antrean_selasa
    with pada(2026, 4, 14, jam, menit):
        pertama = services.panggil_berikutnya(loket1, petugas)
        assert services.orang_di_depan(Tiket.objects.get(pk=akhir.pk)) == 1
    assert pertama.kode == (t_janji.kode if didahulukan else awal.kode)


def test_margin_dari_pengaturan_kantor(antrean_selasa, loket1, petugas):
    _awal, t_janji, _akhir = antrean_selasa
    k = kantor()
    k.margin_janji_menit = 60
    k.save()
    lupakan_kantor()
    with pada(2026, 4, 14, 13, 0):
        assert services.orang_di_depan(Tiket.objects.get(pk=t_janji.pk)) == 0
        assert services.panggil_berikutnya(loket1, petugas).kode == t_janji.kode


def test_meja_mengurutkan_sesuai_urutan_panggil(antrean_selasa, klien_untuk, resepsionis):
    awal, t_janji, akhir = antrean_selasa
    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 10, 10):
        html = client.get(reverse("antrian:meja_antrian")).content.decode()
        assert html.index(awal.kode) < html.index(t_janji.kode) < html.index(akhir.kode)
    with pada(2026, 4, 14, 13, 50):
        html = client.get(reverse("antrian:meja_antrian")).content.decode()
        assert html.index(t_janji.kode) < html.index(awal.kode)


def test_margin_tiap_kantor_sendiri(kota):
    """The provincial office calls appointments an hour early; the city office
    keeps its 15 minutes, in its own queue."""
    k = kantor()
    k.margin_janji_menit = 60
    k.save()
    lupakan_kantor()
    sekarang = datetime(2026, 4, 14, 13, 0, tzinfo=WIB)
    assert batas_prioritas(sekarang, k.pk) == datetime(2026, 4, 14, 14, 0, tzinfo=WIB)
    assert batas_prioritas(sekarang, kota.pk) == datetime(2026, 4, 14, 13, 15, tzinfo=WIB)


def test_tiket_janji_menyebut_sejak_kapan_didahulukan(antrean_selasa, klien_untuk, resepsionis):
    """Checked in at 10.00 for 14.00, the ticket waits in arrival order until 13.45:
    it says so, instead of promising to be called first at once."""
    _awal, t_janji, _akhir = antrean_selasa
    with pada(2026, 4, 14, 10, 0):
        html = klien_untuk(resepsionis).get(reverse("antrian:tiket_cetak", args=[t_janji.pk])).content.decode()
    assert "Janji temu — dipanggil lebih dulu mulai pukul 13.45" in html


def test_pesan_meja_saat_checkin_menyebut_sejak_kapan_didahulukan(resepsionis, layanan_b, klien_untuk):
    """The desk's message says it too: the receptionist would otherwise tell a
    visitor checked in at 10.00 for 14.00 that they are called first."""
    klien = klien_untuk(resepsionis)
    janji = [
        JanjiTemu.objects.create(
            pengunjung=buat_pengguna(f"janji{jam}@contoh.id", nama_lengkap=f"Tamu {jam}"),
            layanan=layanan_b,
            waktu=datetime(2026, 4, 14, jam, 0, tzinfo=WIB),
            keperluan="Konsultasi mikrodata",
            status=StatusJanji.DIKONFIRMASI,
        )
        for jam in (10, 14)
    ]
    with pada(2026, 4, 14, 10, 0):
        pesan = [klien.post(reverse("antrian:janji_checkin", args=[j.pk]), follow=True).content.decode() for j in janji]
    assert "Janji temu Tamu 10 hadir: tiket B-001 (dipanggil lebih dulu)." in pesan[0]
    assert "Janji temu Tamu 14 hadir: tiket B-002 (dipanggil lebih dulu mulai pukul 13.45)." in pesan[1]


@pytest.mark.parametrize(
    ("bahasa", "kalimat"),
    [
        ("id", "Anda akan dipanggil lebih dulu mulai pukul 13.40."),
        ("en", "you will be called first from 13:40."),
    ],
)
def test_surel_konfirmasi_menyebut_sejak_kapan_didahulukan(
    pengunjung, petugas, layanan_b, bahasa, kalimat, django_capture_on_commit_callbacks
):
    """The confirmation promises priority from the booked time minus the
    office's margin, as the ticket does, in the visitor's language."""
    k = kantor()
    k.margin_janji_menit = 20
    k.save()
    lupakan_kantor()
    pengunjung.bahasa = bahasa
    pengunjung.save(update_fields=["bahasa"])
    with pada(2026, 4, 14, 9, 0), django_capture_on_commit_callbacks(execute=True):
        janji = JanjiTemu.objects.create(
            pengunjung=pengunjung,
            layanan=layanan_b,
            waktu=datetime(2026, 4, 14, 14, 0, tzinfo=WIB),
            keperluan="Konsultasi mikrodata",
        )
        services.konfirmasi_janji(janji, petugas)
    isi = " ".join(mail.outbox[-1].body.split())
    assert kalimat in isi
