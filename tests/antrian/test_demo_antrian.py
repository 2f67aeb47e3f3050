"""Demo data: the supervisor's dashboard shows a step-3 case past 10 minutes."""

import io
from datetime import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from antrian.models import Kedatangan, Tiket
from pst_layanan.kalender import WIB
from pst_layanan.models import Pengguna

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEBUG = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path, "base_url": None}},
    }

    def jalankan():
        call_command("demo", stdout=io.StringIO())

    return jalankan


@pytest.mark.parametrize(
    ("saat", "hari_kasus"),
    [
        ((2026, 4, 14, 10, 0), 14),  # Tuesday in service hours: this morning
        ((2026, 4, 14, 20, 0), 14),  # Tuesday evening
        ((2026, 4, 20, 8, 10), 17),  # Monday before 08.30: last Friday
    ],
)
def test_demo_kasus_registrasi_lewat_10_menit_di_dasbor(saat, hari_kasus, demo, klien_untuk):
    with time_machine.travel(datetime(*saat, tzinfo=WIB), tick=False):
        demo()
        demo()  # twice: no second case
        kasus = Kedatangan.objects.select_related("kunjungan__tiket").get(kunjungan__keperluan="Demo: lama di meja")
        tiket = kasus.kunjungan.tiket
        assert (tiket.diambil_pada - kasus.tiba_pada).total_seconds() == 11 * 60 and kasus.tanggal.day == hari_kasus
        html = klien_untuk(Pengguna.objects.get(email="supervisor@demo.pst")).get(reverse("penilaian:dasbor"))
        html = html.content.decode()
    assert "Pelanggaran Langkah 3 Registrasi dan nomor antrian (1)" in html
    assert f"Tiket {tiket.kode} ({kasus.tanggal:%d-%m-%Y})" in html
    if saat[3] == 10:  # in service hours the queue of today is there too, numbered after the case
        assert Tiket.objects.filter(tanggal=kasus.tanggal).count() == 4
