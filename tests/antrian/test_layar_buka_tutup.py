"""The waiting-room display knows when the office is closed: in the evening,
at the weekend and on holidays it says "Tutup" and when service opens again,
and no counter claims to be ready to serve."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from antrian import services
from pst_layanan.kalender import WIB

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("waktu", "buka_lagi", "keterangan"),
    [
        # Monday evening: Tuesday morning.
        (datetime(2026, 4, 13, 20, 30), "Selasa, 14 April 2026 pukul 08.00 WIB", ""),
        # Before opening on a working day: the same morning.
        (datetime(2026, 4, 14, 6, 45), "Selasa, 14 April 2026 pukul 08.00 WIB", ""),
        # Friday after its later close (16.00): Monday.
        (datetime(2026, 4, 10, 16, 5), "Senin, 13 April 2026 pukul 08.00 WIB", ""),
        # Christmas Day, after the joint leave day before it: the Monday after.
        (datetime(2026, 12, 25, 10, 0), "Senin, 28 Desember 2026 pukul 08.00 WIB", "Hari Raya Natal"),
    ],
)
def test_layar_tutup_menyebut_pembukaan_berikutnya(client, layanan_b, loket1, waktu, buka_lagi, keterangan):
    with time_machine.travel(waktu.replace(tzinfo=WIB), tick=False):
        html = client.get(reverse("antrian:layar")).content.decode()
    assert 'data-keadaan="tutup"' in html
    assert f"Layanan buka kembali {buka_lagi}" in html
    assert keterangan in html
    assert "Siap melayani" not in html


def test_layar_dalam_jam_layanan_terbuka_dengan_jam_hari_ini(client, layanan_b, loket1):
    with time_machine.travel(datetime(2026, 4, 10, 15, 45, tzinfo=WIB), tick=False):  # Friday, open until 16.00
        html = client.get(reverse("antrian:layar")).content.decode()
    assert 'data-keadaan="tutup"' not in html and "Siap melayani" in html
    assert "Hari ini 08.00–16.00 WIB" in html


def test_layar_menjadi_tutup_tepat_saat_jam_layanan_berakhir_tanpa_perubahan_antrian(client, layanan_b, loket1):
    url = reverse("antrian:layar_isi")
    with time_machine.travel(datetime(2026, 4, 13, 15, 29, tzinfo=WIB), tick=False) as waktu:
        assert "Siap melayani" in client.get(url).content.decode()
        waktu.move_to(datetime(2026, 4, 13, 15, 30, tzinfo=WIB))
        html = client.get(url).content.decode()
    assert "Layanan buka kembali Selasa, 14 April 2026 pukul 08.00 WIB" in html and "Siap melayani" not in html


def test_layar_tutup_menyebut_hari_libur_dalam_bahasa_layar(client, layanan_b, loket1, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with time_machine.travel(datetime(2026, 12, 25, 10, 0, tzinfo=WIB), tick=False):
        html = client.get(reverse("antrian:layar")).content.decode()
    assert "Monday, 28 December 2026, 08:00 WIB" in html
    assert "Christmas Day" in html and "Hari Raya Natal" not in html


def test_layar_mode_demo_pada_hari_tanpa_layanan_tidak_menyebut_tidak_ada_layanan(client, layanan_b, loket1, settings):
    settings.PST_DEMO_BUKA_SEPANJANG_WAKTU = True
    with time_machine.travel(datetime(2026, 4, 11, 20, 0, tzinfo=WIB), tick=False):  # a Saturday evening
        html = client.get(reverse("antrian:layar")).content.decode()
    assert 'data-keadaan="tutup"' not in html and "Hari ini tidak ada layanan" not in html
    assert "Mode demo: antrian dibuka walau hari ini bukan hari layanan" in html


def test_setelah_jam_tutup_nomor_yang_masih_menunggu_tetap_dipanggil(
    client, layanan_b, loket1, resepsionis, petugas, pengunjung, settings, django_capture_on_commit_callbacks
):
    """Numbers taken before the close are still called after it: the screen
    says registration is closed, not that the office is (those waiting would go home)."""
    url = reverse("antrian:layar_isi")
    with time_machine.travel(datetime(2026, 4, 13, 15, 25, tzinfo=WIB), tick=False) as waktu:
        tiket = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
        waktu.move_to(datetime(2026, 4, 13, 15, 35, tzinfo=WIB))
        menunggu = client.get(url).content.decode()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        inggris = client.get(url).content.decode()
        del client.cookies[settings.LANGUAGE_COOKIE_NAME]
        with django_capture_on_commit_callbacks(execute=True):
            services.panggil(tiket, loket1, petugas)
            services.mulai_layani(tiket, loket1, petugas)
            services.selesai(tiket, loket1, petugas, "penjelasan")
        habis = client.get(url).content.decode()
    assert "Pendaftaran antrean ditutup" in menunggu and "Nomor yang sudah diambil tetap dipanggil." in menunggu
    assert "Siap melayani" in menunggu and ">Tutup<" not in menunggu
    assert "Queue registration closed" in inggris and "Numbers already taken will still be called." in inggris
    # The queue served, the office is closed.
    assert ">Tutup<" in habis and "Pendaftaran antrean ditutup" not in habis and "Siap melayani" not in habis
