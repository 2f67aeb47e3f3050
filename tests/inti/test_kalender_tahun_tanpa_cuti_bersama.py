"""The calendar running out: `holidays` knows a year's cuti bersama only once
decreed (none for 2028 yet, and 2028's Islamic holidays are estimates). The
supervisors are told, on their dashboard and in the office calendar, from
November of the year before, until the year's closed days are entered."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan import kalender
from pst_layanan.kalender import WIB, batas_waktu, hari_kerja, tahun_tanpa_cuti_bersama
from pst_layanan.models import HariKantor, kantor_bawaan
from pst_layanan.roles import PENGAWAS_PROVINSI

pytestmark = pytest.mark.django_db

PESAN_2028 = (
    "Kalender 2028 belum memuat cuti bersama: batas waktu SOP menghitung hari-hari itu sebagai hari kerja. "
    "Tambahkan cuti bersama 2028 sebagai libur tambahan di Kalender kantor."
)


def wib(*args):
    return datetime(*args, tzinfo=WIB)


@pytest.mark.parametrize(
    "hari_ini, tahun",
    [
        (date(2027, 3, 1), []),  # 2027's cuti bersama are known
        (date(2027, 10, 31), []),
        (date(2027, 11, 1), [2028]),  # deadlines are about to reach 2028
        (date(2027, 12, 31), [2028]),
        (date(2028, 2, 29), [2028]),
    ],
)
def test_tahun_tanpa_cuti_bersama(hari_ini, tahun):
    assert tahun_tanpa_cuti_bersama(hari_ini) == tahun


def test_cuti_bersama_yang_dimasukkan_menghentikan_peringatan(kota):
    def masukkan(jenis, kantor=None):
        HariKantor.objects.create(tanggal=date(2028, 1, 25), kantor=kantor, jenis=jenis, keterangan="Cuti bersama")
        kalender.kalender_berubah()

    masukkan(HariKantor.Jenis.BUKA)  # a working day added is no cuti bersama
    assert tahun_tanpa_cuti_bersama(date(2027, 11, 15)) == [2028]
    HariKantor.objects.all().delete()
    masukkan(HariKantor.Jenis.TUTUP, kantor=kota)  # one office's: that office only
    assert tahun_tanpa_cuti_bersama(date(2027, 11, 15), kota.pk) == []
    assert tahun_tanpa_cuti_bersama(date(2027, 11, 15), kantor_bawaan()) == [2028]
    masukkan(HariKantor.Jenis.TUTUP)
    assert tahun_tanpa_cuti_bersama(date(2027, 11, 15), kantor_bawaan()) == []


@pytest.mark.parametrize(
    "mulai, n, batas",
    [
        (wib(2027, 12, 22, 10, 0), 3, wib(2027, 12, 28, 15, 30)),  # cuti bersama Natal 24 Dec 2027 skipped
        (wib(2027, 12, 27, 10, 0), 5, wib(2028, 1, 3, 15, 30)),  # over the year's end: 1 Jan 2028 is a Saturday
        (wib(2028, 2, 25, 10, 0), 2, wib(2028, 3, 1, 15, 30)),  # Mon 28 Feb (Idul Fitri, estimated) skipped
        (wib(2028, 2, 28, 10, 0), 1, wib(2028, 2, 29, 15, 30)),  # the leap day is a working Tuesday
    ],
)
def test_batas_waktu_2027_ke_2028(mulai, n, batas):
    assert batas_waktu(mulai, n) == batas
    assert hari_kerja(date(2028, 2, 29))


@pytest.mark.parametrize("url", [reverse("penilaian:dasbor"), reverse("admin:pst_layanan_harikantor_changelist")])
def test_supervisor_diperingatkan(url, supervisor, klien_untuk):
    with time_machine.travel(wib(2027, 3, 1, 9, 0), tick=False):
        klien = klien_untuk(supervisor)
        assert "belum memuat cuti bersama" not in klien.get(url).content.decode()
    with time_machine.travel(wib(2027, 11, 15, 9, 0), tick=False):
        klien = klien_untuk(supervisor)
        assert PESAN_2028 in klien.get(url).content.decode()
        HariKantor.objects.create(
            tanggal=date(2028, 12, 26), jenis=HariKantor.Jenis.TUTUP, keterangan="Cuti bersama Natal"
        )
        kalender.kalender_berubah()
        assert "belum memuat cuti bersama" not in klien.get(url).content.decode()


@pytest.mark.parametrize(
    "waktu, url, kalimat",
    [
        (
            wib(2027, 11, 15, 9, 0),
            reverse("penilaian:dasbor"),
            ["The 2028 calendar has no joint leave days (cuti bersama) yet"],
        ),
        (
            wib(2026, 12, 6, 9, 0),
            reverse("admin:pst_layanan_harikantor_changelist"),
            [
                "National holidays and cuti bersama of 2026 already counted",
                "Thursday, 24 December 2026</td><td>Christmas Joint Holiday",
                "The Islamic holidays of later years are still estimates.",
            ],
        ),
    ],
)
def test_kalender_dalam_bahasa_inggris(waktu, url, kalimat, supervisor, klien_untuk):
    supervisor.bahasa = "en"
    supervisor.save()
    with time_machine.travel(waktu, tick=False):
        html = klien_untuk(supervisor).get(url).content.decode()
    assert all(k in html for k in kalimat)


def test_pengawas_provinsi_diperingatkan_di_dasbor_provinsi(klien_untuk):
    """The province supervisor starts the day on the province dashboard and
    alone enters the closed days of every office: warned there too."""
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    with time_machine.travel(wib(2027, 11, 15, 9, 0), tick=False):
        klien = klien_untuk(pengawas)
        assert PESAN_2028 in klien.get(reverse("penilaian:provinsi")).content.decode()
        HariKantor.objects.create(tanggal=date(2028, 12, 26), jenis=HariKantor.Jenis.TUTUP, keterangan="Cuti bersama")
        kalender.kalender_berubah()
        assert "belum memuat cuti bersama" not in klien.get(reverse("penilaian:provinsi")).content.decode()


def test_kalender_kantor_menampilkan_libur_yang_sudah_dihitung(supervisor, klien_untuk):
    """The office calendar shows, beside its corrections, the weekdays the
    deadlines already count as closed in the years they are counted in (this
    one, and from November the next), with their names: a supervisor checking
    the decree sees an estimated Islamic holiday it does not confirm, and
    what is left to correct."""
    url = reverse("admin:pst_layanan_harikantor_changelist")
    with time_machine.travel(wib(2026, 12, 6, 9, 0), tick=False):
        html = klien_untuk(supervisor).get(url).content.decode()
    assert "Libur nasional dan cuti bersama 2026 yang sudah dihitung" in html
    assert "Kamis, 24 Desember 2026</td><td>Cuti Bersama Hari Raya Natal" in html
    assert "Rabu, 10 Maret 2027</td><td>Hari Raya Idul Fitri (perkiraan)" in html
    assert "Minggu, 22 Maret 2026" not in html  # a weekend holiday changes no deadline
    with time_machine.travel(wib(2027, 3, 1, 9, 0), tick=False):
        html = klien_untuk(supervisor).get(url).content.decode()
    assert "Libur nasional dan cuti bersama 2028" not in html
