"""The demo switch of `make run`: the queue open at any hour so a newcomer can
try every step in the evening, a banner on every page while it is on, and a
production start that refuses it."""

from datetime import datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from antrian import services
from antrian.models import StatusTiket
from pst_layanan.kalender import WIB
from tests.keamanan.test_pengaturan_produksi import mulai, produksi

MALAM = datetime(2026, 4, 13, 20, 30, tzinfo=WIB)  # a Monday, long after the close of service
BANNER = "Mode demo: antrian dibuka sepanjang waktu"


@pytest.fixture
def malam():
    with time_machine.travel(MALAM, tick=False) as waktu:
        yield waktu


@pytest.mark.django_db
def test_tanpa_mode_demo_malam_hari_antrian_tutup(malam, resepsionis, pengunjung, layanan_b, client):
    with pytest.raises(services.DiLuarJamLayanan):
        services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
    assert BANNER not in client.get(reverse("beranda")).content.decode()


@pytest.mark.django_db
@override_settings(PST_DEMO_BUKA_SEPANJANG_WAKTU=True)
def test_mode_demo_membuka_antrian_malam_hari_dengan_banner(
    malam, resepsionis, pengunjung, layanan_b, loket1, petugas, klien_untuk, client
):
    tiket = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
    services.panggil_berikutnya(loket1, petugas)
    layar = client.get(reverse("antrian:layar")).content.decode()
    assert "B-001" in layar and 'data-keadaan="tutup"' not in layar
    assert "Mode demo: antrian dibuka di luar jam layanan." in layar
    meja = klien_untuk(resepsionis).get(reverse("antrian:meja")).content.decode()
    assert BANNER in meja and "Di luar jam layanan" not in meja
    assert BANNER in client.get(reverse("beranda")).content.decode()
    # The end-of-day job leaves tonight's demo queue alone until midnight.
    malam.move_to(datetime(2026, 4, 13, 23, 30, tzinfo=WIB))
    assert services.tutup_hari()["tiket"] == 0
    tiket.refresh_from_db()
    assert tiket.status == StatusTiket.DIPANGGIL


def test_produksi_menolak_mulai_dengan_mode_demo(tmp_path):
    hasil = mulai(tmp_path, **produksi(PST_DEMO_BUKA_SEPANJANG_WAKTU="1"))
    assert hasil.returncode != 0
    assert "PST_DEMO_BUKA_SEPANJANG_WAKTU hanya untuk demo; matikan bila DEBUG=0." in hasil.stderr
