"""The display's announcement line is each office's own: a supervisor sets
the line of the office they work in, and a screen shows only its office's
(and its office's name, as does a ticket's public page)."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from antrian import services
from antrian.models import Layanan, PengumumanLayar
from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor, lupakan_kantor
from pst_layanan.models import kantor_bawaan
from pst_layanan.roles import PENGAWAS_PROVINSI, SUPERVISOR

TUTUP_KOTA = "PST TUTUP HARI INI"
PROVINSI = "Layanan Sabtu ditiadakan"


@pytest.fixture
def supervisor_kota(kota):
    return buat_pengguna("supervisor1771@bps.go.id", SUPERVISOR, kantor=kota)


def _klien(user) -> Client:
    klien = Client()
    klien.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return klien


def _umumkan(user, teks: str, capture) -> None:
    with capture(execute=True):
        r = _klien(user).post(reverse("antrian:pengumuman_layar"), {"teks": teks})
    assert r.status_code == 302


def _layar(kode: str, nama: str = "antrian:layar") -> str:
    return Client().get(reverse(nama), {"kantor": kode}).content.decode()


@pytest.mark.django_db
def test_pengumuman_kantor_kota_hanya_di_layar_kota(supervisor, supervisor_kota, django_capture_on_commit_callbacks):
    _umumkan(supervisor, PROVINSI, django_capture_on_commit_callbacks)
    # Both offices' screens have a copy in the cache before the city's line is set.
    assert PROVINSI in _layar("1700", "antrian:layar_isi") and PROVINSI not in _layar("1771", "antrian:layar_isi")

    _umumkan(supervisor_kota, TUTUP_KOTA, django_capture_on_commit_callbacks)

    for nama in ("antrian:layar", "antrian:layar_isi"):
        provinsi, kota = _layar("1700", nama), _layar("1771", nama)
        assert TUTUP_KOTA not in provinsi and PROVINSI in provinsi
        assert TUTUP_KOTA in kota and PROVINSI not in kota
    assert PengumumanLayar.berlaku() == PROVINSI  # the provincial supervisor's line is untouched


@pytest.mark.django_db
def test_menghapus_pengumuman_satu_kantor_tidak_menghapus_yang_lain(
    supervisor, supervisor_kota, kota, django_capture_on_commit_callbacks
):
    _umumkan(supervisor, PROVINSI, django_capture_on_commit_callbacks)
    _umumkan(supervisor_kota, TUTUP_KOTA, django_capture_on_commit_callbacks)
    _umumkan(supervisor_kota, "", django_capture_on_commit_callbacks)
    assert "layar-pengumuman" not in _layar("1771", "antrian:layar_isi")
    assert PROVINSI in _layar("1700", "antrian:layar_isi")
    assert PengumumanLayar.objects.get(kantor=kota).diubah_oleh == supervisor_kota


@pytest.mark.django_db
def test_monitor_menampilkan_pengumuman_kantor_kerja(supervisor, supervisor_kota, django_capture_on_commit_callbacks):
    _umumkan(supervisor, PROVINSI, django_capture_on_commit_callbacks)
    _umumkan(supervisor_kota, TUTUP_KOTA, django_capture_on_commit_callbacks)
    monitor = reverse("antrian:monitor")

    html = _klien(supervisor_kota).get(monitor).content.decode()
    assert f'value="{TUTUP_KOTA}"' in html and PROVINSI not in html
    assert "Berlaku untuk layar antrian BPS Kota Bengkulu saja." in html
    html = _klien(supervisor).get(monitor).content.decode()
    assert f'value="{PROVINSI}"' in html and TUTUP_KOTA not in html


@pytest.mark.django_db
def test_pengawas_provinsi_mengumumkan_di_kantor_pilihannya(kota, django_capture_on_commit_callbacks):
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    klien = _klien(pengawas)
    with django_capture_on_commit_callbacks(execute=True):
        klien.post(reverse("antrian:pengumuman_layar"), {"teks": PROVINSI})  # no choice yet: the province's
    assert klien.post(reverse("pilih_kantor"), {"kantor": "1771"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        klien.post(reverse("antrian:pengumuman_layar"), {"teks": TUTUP_KOTA})

    assert TUTUP_KOTA in _layar("1771") and TUTUP_KOTA not in _layar("1700")
    assert PengumumanLayar.berlaku(kantor_bawaan()) == PROVINSI
    assert f'value="{TUTUP_KOTA}"' in klien.get(reverse("antrian:monitor")).content.decode()


@pytest.mark.django_db
def test_layar_kantor_lain_dirender_ulang_dalam_batas_query(
    kota, supervisor_kota, loket1, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    # Within service hours: a closed office's screen also reads the calendar
    # for its next opening, which the first request of the day has not cached.
    with time_machine.travel(datetime(2026, 4, 14, 10, 0, tzinfo=WIB), tick=False):
        Client().get(reverse("antrian:layar"), {"kantor": "1700"})  # the office's settings now cached
        with django_capture_on_commit_callbacks(execute=True):
            services.atur_pengumuman_layar(TUTUP_KOTA, supervisor_kota, kota.pk)
        # The new queue version makes office 1700's screen render anew: the office
        # found by its code, then the single-office display's bound
        # (test_layar_dan_tiket_publik: six reads, the line being one of them, and
        # on PostgreSQL up to four more around the time limit).
        with django_assert_max_num_queries(1 + 10):
            html = Client().get(reverse("antrian:layar_isi"), {"kantor": "1700"}).content.decode()
    assert "layar-pengumuman" not in html


@pytest.mark.django_db(transaction=True)
def test_migrasi_menjadikan_pengumuman_lama_milik_kantor_provinsi():
    sebelum, sesudah = ("antrian", "0011_layanan_nama_per_bahasa"), ("antrian", "0012_pengumuman_layar_per_kantor")
    try:
        call_command("migrate", *sebelum, verbosity=0)
        lama = MigrationExecutor(connection).loader.project_state(sebelum).apps.get_model("antrian", "PengumumanLayar")
        lama.objects.create(pk=1, teks="Layanan tutup pukul 12.00")
        call_command("migrate", *sesudah, verbosity=0)
    finally:
        call_command("migrate", verbosity=0)
    baris = PengumumanLayar.objects.get()
    assert (baris.kantor.kode, baris.teks) == ("1700", "Layanan tutup pukul 12.00")
    assert PengumumanLayar.berlaku() == "Layanan tutup pukul 12.00"


def test_layar_kantor_kota_tetap_kantor_kota_dan_menyebut_namanya(kota, client):
    """A TV has no session: opened for 1771 it keeps polling 1771 and names 1771, not the province."""
    html = client.get(reverse("antrian:layar"), {"kantor": "1771"}).content.decode()
    assert f'hx-get="{reverse("antrian:layar_isi")}?kantor=1771"' in html
    judul = html.split('<h1 class="layar-judul">')[1].split("</h1>")[0]
    assert "BPS Kota Bengkulu" in judul and "Provinsi" not in judul


@pytest.mark.django_db
@pytest.mark.parametrize("kode", ["17711", "1771x", "1771 "])
def test_layar_kode_kantor_salah_ketik_bukan_kantor_lain(kode, kota, client):
    """A TV bookmark with a mistyped office code (a digit too many) is no
    office: the screen answers 404 rather than showing, and polling, the queue
    of the office whose code the typo begins with (17071 for 1771 is 1707's)."""
    for nama in ("antrian:layar", "antrian:layar_isi"):
        assert client.get(reverse(nama), {"kantor": kode}).status_code == 404, nama
    assert client.get(reverse("antrian:layar"), {"kantor": "1771"}).status_code == 200


def test_tiket_publik_menyebut_kantor_tiketnya(kota, selalu_buka, resepsionis, pengunjung, client):
    bawaan = kantor()
    kota.jam_buka, kota.jam_tutup_senin_kamis, kota.jam_tutup_jumat = (
        bawaan.jam_buka,
        bawaan.jam_tutup_senin_kamis,
        bawaan.jam_tutup_jumat,
    )
    kota.save()
    lupakan_kantor()
    layanan = Layanan.objects.get(kode="B")
    tiket = services.kunjungan_langsung(resepsionis, layanan, pengunjung=pengunjung, kantor_id=kota.pk)
    html = client.get(reverse("antrian:tiket_publik", args=[tiket.token])).content.decode()
    assert "BPS Kota Bengkulu" in html


@pytest.mark.django_db
def test_tautan_layar_menyebut_kantornya(kota, supervisor_kota):
    """The monitor's and the desk's "open the display" links name the office
    (?kantor=1771), as the TV's bookmark must: the waiting-room TV has no
    session, and /antrian/layar/ alone shows the provincial office's queue."""
    resepsionis = buat_pengguna("resepsionis1771@bps.go.id", "Resepsionis", kantor=kota)
    alamat = f'href="{reverse("antrian:layar")}?kantor=1771"'
    assert alamat in _klien(supervisor_kota).get(reverse("antrian:monitor")).content.decode()
    assert alamat in _klien(resepsionis).get(reverse("antrian:meja")).content.decode()
