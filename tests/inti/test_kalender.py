"""The working-day calendar on real 2025 and 2026 dates."""

from datetime import UTC, date, datetime, time
from unittest import mock

import pytest
from django.core.cache import cache

from pst_layanan import kalender
from pst_layanan.kalender import WIB, batas_waktu, hari_kerja
from pst_layanan.models import HariKantor

pytestmark = pytest.mark.django_db


def wib(*args):
    return datetime(*args, tzinfo=WIB)


@pytest.mark.parametrize(
    "tanggal, kerja",
    [
        (date(2026, 3, 14), False),  # Saturday
        (date(2026, 3, 15), False),  # Sunday
        (date(2026, 3, 16), True),  # Monday
        (date(2026, 3, 18), False),  # cuti bersama Nyepi
        (date(2026, 3, 19), False),  # Nyepi
        (date(2026, 3, 20), False),  # cuti bersama Idul Fitri
        (date(2026, 3, 23), False),  # cuti bersama Idul Fitri
        (date(2026, 3, 24), False),  # cuti bersama Idul Fitri
        (date(2026, 3, 25), True),
        (date(2026, 12, 24), False),  # cuti bersama Natal
        (date(2026, 12, 25), False),  # Natal
        (date(2026, 12, 28), True),
        (date(2025, 3, 31), False),  # Idul Fitri 2025
        (date(2025, 4, 7), False),  # its last cuti bersama
        (date(2025, 4, 8), True),
        (date(2025, 12, 25), False),
        (date(2025, 12, 26), False),  # cuti bersama Natal 2025
    ],
)
def test_hari_kerja_pada_tanggal_nyata(tanggal, kerja):
    assert hari_kerja(tanggal) is kerja


def test_contoh_arsitektur_jumat_sebelum_nyepi_dan_idul_fitri():
    assert batas_waktu(wib(2026, 3, 13, 10, 0), 3) == wib(2026, 3, 25, 15, 30)


@pytest.mark.parametrize(
    "mulai, n, batas",
    [
        (wib(2026, 3, 13, 10, 0), 0, wib(2026, 3, 13, 16, 0)),  # Friday closes at 16:00
        (wib(2026, 3, 13, 10, 0), 1, wib(2026, 3, 16, 15, 30)),
        (wib(2026, 3, 13, 10, 0), 10, wib(2026, 4, 6, 15, 30)),  # Good Friday 3 Apr skipped
        (wib(2026, 3, 9, 10, 0), 10, wib(2026, 3, 30, 15, 30)),
        (wib(2026, 3, 12, 10, 0), 1, wib(2026, 3, 13, 16, 0)),  # day 1 is a Friday → 16:00
        (wib(2026, 3, 10, 23, 59), 1, wib(2026, 3, 11, 15, 30)),  # late at night still its own day
        (wib(2026, 3, 11, 0, 1), 1, wib(2026, 3, 12, 15, 30)),  # just after midnight: next day counts
        (wib(2026, 3, 19, 9, 0), 1, wib(2026, 3, 25, 15, 30)),  # event on a holiday
        (wib(2026, 3, 19, 9, 0), 0, wib(2026, 3, 25, 15, 30)),  # N=0 on a holiday → next working day
        (wib(2026, 3, 13, 16, 30), 0, wib(2026, 3, 16, 15, 30)),  # N=0 after Friday's close → Monday's
        (wib(2026, 3, 17, 15, 30), 0, wib(2026, 3, 25, 15, 30)),  # N=0 at the close, before Nyepi → after
        (wib(2025, 3, 27, 11, 0), 3, wib(2025, 4, 10, 15, 30)),  # Nyepi + Idul Fitri 2025
        (wib(2025, 12, 23, 14, 0), 3, wib(2025, 12, 30, 15, 30)),  # Natal 2025
        (wib(2026, 12, 23, 14, 0), 1, wib(2026, 12, 28, 15, 30)),  # Natal 2026 with cuti bersama
    ],
)
def test_batas_waktu(mulai, n, batas):
    assert batas_waktu(mulai, n) == batas


def test_batas_waktu_memakai_tanggal_wib_bukan_utc():
    # 2026-03-10 17:30 UTC is already 11 March 00:30 in Jakarta.

    mulai = datetime(2026, 3, 10, 17, 30, tzinfo=UTC)
    assert batas_waktu(mulai, 1) == wib(2026, 3, 12, 15, 30)


def test_waktu_naive_ditolak_dengan_pesan_jelas():
    with pytest.raises(ValueError, match="aware"):
        batas_waktu(datetime(2026, 3, 13, 10, 0), 3)


def test_penutupan_kantor_menggeser_batas_waktu_tanpa_restart():
    assert batas_waktu(wib(2026, 3, 13, 10, 0), 3) == wib(2026, 3, 25, 15, 30)
    HariKantor.objects.create(tanggal=date(2026, 3, 17), jenis="tutup", keterangan="Banjir")
    assert not hari_kerja(date(2026, 3, 17))
    assert batas_waktu(wib(2026, 3, 13, 10, 0), 3) == wib(2026, 3, 26, 15, 30)


def test_cuti_bersama_dicabut_menjadi_hari_kerja():
    HariKantor.objects.create(tanggal=date(2026, 3, 24), jenis="buka", keterangan="Cuti bersama dicabut")
    assert hari_kerja(date(2026, 3, 24))
    assert batas_waktu(wib(2026, 3, 13, 10, 0), 3) == wib(2026, 3, 24, 15, 30)


def test_hapus_koreksi_mengembalikan_kalender_nasional():
    koreksi = HariKantor.objects.create(tanggal=date(2026, 3, 17), jenis="tutup", keterangan="Banjir")
    assert not hari_kerja(date(2026, 3, 17))
    koreksi.delete()
    assert hari_kerja(date(2026, 3, 17))


def test_pencarian_tidak_memicu_query_per_hari(django_assert_max_num_queries):
    from pst_layanan.kantor import kantor

    kantor()  # the office row exists in any running site
    batas_waktu(wib(2026, 1, 2, 10, 0), 1)  # warm the year cache
    with django_assert_max_num_queries(0):
        batas_waktu(wib(2026, 3, 13, 10, 0), 10)
        batas_waktu(wib(2026, 6, 1, 10, 0), 10)


@pytest.mark.parametrize(
    "tanggal, jam",
    [
        (date(2026, 3, 12), (time(8, 0), time(15, 30))),  # Thursday
        (date(2026, 3, 13), (time(8, 0), time(16, 0))),  # Friday
        (date(2026, 3, 14), None),  # Saturday
        (date(2026, 3, 19), None),  # Nyepi
    ],
)
def test_jam_layanan(tanggal, jam):
    assert kalender.jam_layanan(tanggal) == jam


@pytest.mark.parametrize(
    "waktu, buka",
    [
        (wib(2026, 3, 12, 7, 59), False),
        (wib(2026, 3, 12, 8, 0), True),
        (wib(2026, 3, 12, 15, 29), True),
        (wib(2026, 3, 12, 15, 30), False),
        (wib(2026, 3, 13, 15, 45), True),  # Friday until 16:00
        (wib(2026, 3, 13, 16, 0), False),
        (wib(2026, 3, 14, 10, 0), False),
    ],
)
def test_dalam_jam_layanan(waktu, buka):
    assert kalender.dalam_jam_layanan(waktu) is buka


@pytest.mark.parametrize(
    "waktu, berikutnya",
    [
        (wib(2026, 3, 12, 6, 0), wib(2026, 3, 12, 8, 0)),
        (wib(2026, 3, 12, 10, 0), wib(2026, 3, 13, 8, 0)),
        (wib(2026, 3, 13, 17, 0), wib(2026, 3, 16, 8, 0)),
        (wib(2026, 3, 17, 16, 0), wib(2026, 3, 25, 8, 0)),  # over Nyepi and Idul Fitri
    ],
)
def test_pembukaan_berikutnya(waktu, berikutnya):
    assert kalender.pembukaan_berikutnya(waktu) == berikutnya


@pytest.mark.parametrize(
    "mulai, sampai, terpakai",
    [
        # Complete Fri 13 Mar 2026 10:00; invoice issued Tue 17 Mar 11:00: Monday counted.
        (wib(2026, 3, 13, 10, 0), wib(2026, 3, 17, 11, 0), 1),
        # Issued after Tuesday's close (15:30): Monday and Tuesday counted.
        (wib(2026, 3, 13, 10, 0), wib(2026, 3, 17, 15, 45), 2),
        # Paused exactly at the close: the clock was no longer running then.
        (wib(2026, 3, 13, 10, 0), wib(2026, 3, 17, 15, 30), 1),
        # Paused the same day it started: nothing used.
        (wib(2026, 3, 13, 10, 0), wib(2026, 3, 13, 16, 30), 0),
        # Across Nyepi and Idul Fitri 2026: only Mon 16, Tue 17 and Wed 25 count.
        (wib(2026, 3, 13, 10, 0), wib(2026, 3, 26, 9, 0), 3),
    ],
)
def test_hari_terpakai_menurut_penutupan_layanan(mulai, sampai, terpakai):
    assert kalender.hari_terpakai(mulai, sampai) == terpakai


def test_contoh_jeda_arsitektur_dua_kasus():
    """Resume on Mon 30 Mar 2026 09:00 with the days left after each pause."""
    selesai_lengkap = wib(2026, 3, 13, 10, 0)
    lanjut = wib(2026, 3, 30, 9, 0)
    sisa = 10 - kalender.hari_terpakai(selesai_lengkap, wib(2026, 3, 17, 11, 0))
    assert batas_waktu(lanjut, sisa) == wib(2026, 4, 13, 15, 30)
    sisa = 10 - kalender.hari_terpakai(selesai_lengkap, wib(2026, 3, 17, 15, 45))
    assert batas_waktu(lanjut, sisa) == wib(2026, 4, 10, 16, 0)


@pytest.mark.parametrize(
    "mulai, waktu, hari",
    [
        (wib(2026, 4, 10, 16, 0), wib(2026, 4, 14, 10, 0), 2),  # Friday afternoon → Tuesday
        (wib(2026, 4, 10, 9, 0), wib(2026, 4, 10, 17, 0), 0),  # its own date
        (wib(2026, 4, 10, 9, 0), wib(2026, 4, 11, 10, 0), 0),  # Saturday, before day 1
        (wib(2026, 3, 17, 10, 0), wib(2026, 3, 30, 10, 0), 4),  # Nyepi and the Idul Fitri cuti bersama
        (wib(2026, 12, 23, 10, 0), wib(2027, 1, 4, 10, 0), 5),  # Christmas and New Year, over the year's end
        (datetime(2026, 4, 9, 20, 0, tzinfo=UTC), wib(2026, 4, 13, 9, 0), 1),  # Fri 10 April 03.00 WIB
    ],
)
def test_hari_kerja_ke_seperti_batas_waktu(mulai, waktu, hari):
    assert kalender.hari_kerja_ke(mulai, waktu) == hari
    if hari:  # a clock stopped on day N of a deadline of N working days stopped on its deadline's date
        assert batas_waktu(mulai, hari).date() == waktu.astimezone(WIB).date()


def test_jumlah_hari_kerja_menurut_koreksi_kantor_sendiri(kota):
    HariKantor.objects.create(kantor=kota, tanggal=date(2026, 4, 13), jenis="tutup", keterangan="HUT")
    assert kalender.jumlah_hari_kerja(date(2026, 4, 10), date(2026, 4, 14)) == 2
    assert kalender.jumlah_hari_kerja(date(2026, 4, 10), date(2026, 4, 14), kota.pk) == 1
    assert kalender.jumlah_hari_kerja(date(2026, 4, 14), date(2026, 4, 10), kota.pk) == 0


def test_jumlah_hari_kerja_sampai_tanggal_terakhir_yang_ada():
    """Year 9999's running count ends on 31 December: no day after it is
    reached for (a date cannot hold it)."""
    assert kalender.jumlah_hari_kerja(date(9999, 12, 24), date(9999, 12, 31)) == 5
    assert kalender.jumlah_hari_kerja(date(1, 1, 1), date(1, 1, 8)) == 5


def test_hitungan_setahun_membaca_versi_kalender_sekali(monkeypatch):
    """A year's running count asks the shared cache for the calendar's
    version once, not once per day: on Redis the 365 round trips made the
    first deadline board after a calendar change wait about 0.1 s per office
    and year. The count is the one that version's corrections give."""
    baca = []
    versi = kalender._versi()
    monkeypatch.setattr(kalender, "_versi", lambda: baca.append(1) or versi)
    kalender._urutan_tahun.cache_clear()
    assert kalender.jumlah_hari_kerja(date(2026, 3, 16), date(2026, 3, 31)) == 6
    assert len(baca) <= 2


def test_sekali_baca_membaca_tembolok_sekali_per_batch(monkeypatch):
    """A pause replayed day by day (over Nyepi and Idul Fitri) reads the
    calendar version and the office's hours once per batch, not every day."""
    mulai, sampai = wib(2026, 3, 13, 10, 0), wib(2026, 3, 26, 9, 0)
    assert kalender.hari_terpakai(mulai, sampai) == 3
    baca = mock.Mock(wraps=cache.get)
    monkeypatch.setattr(cache, "get", baca)
    kalender.hari_terpakai(mulai, sampai)
    tanpa_batch, baca.call_count = baca.call_count, 0
    with kalender.sekali_baca():
        assert kalender.hari_terpakai(mulai, sampai) == 3
        assert kalender.hari_terpakai(mulai, sampai) == 3
    # The version on entry; the office once (which one is the provincial, then its row).
    assert tanpa_batch > 20 and baca.call_count == 3


def test_perubahan_kalender_terlihat_sejak_batch_berikutnya():
    with kalender.sekali_baca():
        assert hari_kerja(date(2026, 3, 17))
        HariKantor.objects.create(tanggal=date(2026, 3, 17), jenis="tutup", keterangan="Banjir")
        assert hari_kerja(date(2026, 3, 17))  # the batch reads with the calendar it began with
    with kalender.sekali_baca():
        assert not hari_kerja(date(2026, 3, 17))
    assert not hari_kerja(date(2026, 3, 17))
