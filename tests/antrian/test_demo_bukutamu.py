"""Demo data during service hours: the visits carry BPS's codes and the
finished visit's kiosk rating a respondent profile."""

import io
from datetime import datetime

import pytest
import time_machine
from django.core.management import call_command

from antrian.models import Kunjungan
from penilaian.models import Media, Penilaian
from pst_layanan.kalender import WIB

pytestmark = pytest.mark.django_db


def test_demo_berkode_dan_berprofil(settings, tmp_path):
    settings.DEBUG = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path, "base_url": None}},
    }
    with time_machine.travel(datetime(2026, 4, 7, 10, 0, tzinfo=WIB), tick=False):
        call_command("demo", stdout=io.StringIO())
        call_command("demo", stdout=io.StringIO())
    meja = Kunjungan.objects.filter(kanal="langsung").prefetch_related("layanan_digunakan").order_by("pk")
    assert [(k.kategori_instansi, k.pemanfaatan, k.jenis_layanan, k.perlu_koreksi) for k in meja] == [
        ("swasta", "komersial", ["berbayar"], False),  # the walk-in past the 10-minute registration standard
        ("pendidikan", "tugas", ["perpustakaan"], False),
        ("pendidikan", "penelitian", ["konsultasi", "berbayar"], False),
        ("swasta", "komersial", ["berbayar"], False),
    ]
    kios = Penilaian.objects.get(media=Media.KIOS)
    assert (kios.jenis_kelamin, kios.kelompok_umur, kios.pendidikan, kios.pekerjaan) == ("L", "u30", "sma", "lainnya")
