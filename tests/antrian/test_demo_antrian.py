"""Demo data: the supervisor's dashboard shows a step-3 case past 10 minutes."""

import io
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from antrian import demo as demo_antrian
from antrian.models import Kedatangan, Tiket
from pst_layanan.kalender import WIB
from pst_layanan.models import Pengguna
from pst_layanan.sop import LANGKAH, SOP

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEBUG = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path, "base_url": None}},
    }

    def jalankan() -> str:
        keluaran = io.StringIO()
        call_command("demo", stdout=keluaran)
        return keluaran.getvalue()

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
        riwayat = list(tiket.riwayat.values_list("aksi", "dari", "ke"))
        assert riwayat == [
            ("ambil", "", "menunggu"),
            ("panggil", "menunggu", "dipanggil"),
            ("mulai", "dipanggil", "dilayani"),
            ("selesai", "dilayani", "selesai"),
        ]
        html = klien_untuk(Pengguna.objects.get(email="supervisor@demo.pst")).get(reverse("penilaian:dasbor"))
        html = html.content.decode()
    assert "Pelanggaran Langkah 3 Registrasi dan nomor antrian (1)" in html
    assert f"Tiket {tiket.kode} ({kasus.tanggal:%d-%m-%Y})" in html
    if saat[3] == 10:  # in service hours the queue of today is there too, numbered after the case
        assert Tiket.objects.filter(tanggal=kasus.tanggal).count() == 4


def test_demo_kasus_registrasi_mengikuti_standar_sop(demo, monkeypatch):
    """The demo's late registration is late by the standard of sop.py, and
    its note to whoever runs the demo says which step and standard."""
    monkeypatch.setattr(demo_antrian, "SOP", replace(SOP, registrasi=timedelta(minutes=15)))
    monkeypatch.setattr(demo_antrian, "LANGKAH", replace(LANGKAH, registrasi=13))
    with time_machine.travel(datetime(2026, 4, 14, 20, 0, tzinfo=WIB), tick=False):
        keluaran = demo()
    kasus = Kedatangan.objects.select_related("kunjungan__tiket").get(kunjungan__keperluan="Demo: lama di meja")
    assert (kasus.kunjungan.tiket.diambil_pada - kasus.tiba_pada).total_seconds() == 16 * 60
    assert "tiket 16 menit kemudian (langkah 13 > 15 menit)." in keluaran
