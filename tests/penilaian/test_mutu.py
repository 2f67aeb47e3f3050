"""SOP compliance on a seeded April 2026 whose shares, medians, P90 and breaches are known."""

from decimal import Decimal

import pytest

from penilaian import mutu
from pst_layanan.periode import Bulan

pytestmark = pytest.mark.django_db
APRIL = Bulan(2026, 4)


def _k(kode):
    return mutu.kepatuhan(mutu.PER_KODE[kode], APRIL)


def test_registrasi_dan_penjelasan(april):
    k = _k("registrasi")
    assert (k.kasus, k.dalam, k.persen) == (5, 2, Decimal("40.0"))
    assert k.median == pytest.approx(15 * 60) and k.p90 == pytest.approx(34 * 60)
    assert [p.rujukan for p in k.pelanggaran] == [
        "Tiket B-005 (11-04-2026)",
        "Tiket B-004 (10-04-2026)",
        "Tiket B-003 (09-04-2026)",
    ]
    assert k.pelanggaran[0].lewat == pytest.approx(30 * 60)
    k = _k("penjelasan")
    assert (k.kasus, k.dalam, k.jumlah_pelanggaran) == (5, 3, 2)
    assert k.median == pytest.approx(50 * 60) and k.p90 == pytest.approx(82 * 60)


def test_antrean_transaksi_dari_riwayat(april):
    k = _k("pemeriksaan")
    assert (k.kasus, k.dalam, k.persen) == (5, 3, Decimal("60.0"))
    # In working days: 1, 2, 3, 4 and 8.
    assert k.median == pytest.approx(3) and k.p90 == pytest.approx(6.4)
    assert [p.rujukan for p in k.pelanggaran] == ["Transaksi PST-UJI-3", "Transaksi PST-UJI-2"]
    assert k.pelanggaran[0].tautan == "/transaksi/PST-UJI-3/"


def test_penyerahan_dan_penilaian(april):
    k = _k("penyerahan")
    assert (k.kasus, k.dalam, k.persen) == (2, 1, Decimal("50.0"))
    assert [p.rujukan for p in k.pelanggaran] == ["Transaksi PST-UJI-7"]
    # Working days of running time: 5 (8 calendar days), and 12.
    assert k.median == pytest.approx(8.5) and k.pelanggaran[0].durasi == pytest.approx(12)
    assert k.pelanggaran[0].durasi_tampil == "12 hari kerja"
    k = _k("penilaian")
    assert (k.kasus, k.dalam, k.persen) == (4, 3, Decimal("75.0"))
    assert k.median == pytest.approx(180) and k.p90 == pytest.approx(5.4 * 60)


def test_tren_per_bulan(april):
    tren = mutu.tren_kepatuhan(Bulan(2026, 5), 3)
    assert tren["pemeriksaan"] == [None, Decimal("60.0"), Decimal("0.0")]
    assert tren["registrasi"] == [None, Decimal("40.0"), Decimal("0.0")]
    assert tren["penilaian"] == [None, Decimal("75.0"), None]


def test_bulan_kosong():
    k = _k("penyerahan")
    assert (k.kasus, k.persen, k.median, k.pelanggaran) == (0, None, None, ())


@pytest.mark.parametrize(
    ("dalam", "kasus", "persen"),
    [(1999, 2000, "99.9"), (1, 2001, "0.1"), (2000, 2000, "100.0"), (0, 2000, "0.0"), (2, 3, "66.7")],
)
def test_persen_tidak_dibulatkan_menjadi_semua_atau_tidak_satu_pun(dalam, kasus, persen):
    """A busy month with one breach among 2,000 cases is not "100,0%" beside
    "1 pelanggaran", nor is one case met among 2,001 "0,0%": a share rounds
    onto 100 % or 0 % only when every case, or none, met the standard."""
    assert mutu.persen(dalam, kasus) == Decimal(persen)


def test_tren_bulan_tertutup_disimpan(april, django_assert_num_queries):
    from django.core.cache import cache

    from penilaian.models import RingkasanKepatuhan

    pertama = mutu.tren_kepatuhan(Bulan(2026, 5), 3)
    assert RingkasanKepatuhan.objects.get(standar="pemeriksaan", bulan="2026-04").kasus > 0
    cache.clear()  # the stored months do not depend on the cache
    with django_assert_num_queries(1):  # closed months: one read of the stored rows
        assert mutu.tren_kepatuhan(Bulan(2026, 5), 3) == pertama


def test_bulan_dengan_tiket_terbuka_belum_disimpan(april):
    """An appointment served after the close on 30 April: its ticket is closed
    by the next day's end-of-day job, after the 1st's trend run stored April
    without it, so the trend kept a count the dashboard no longer shows."""
    from antrian.models import StatusTiket, Tiket
    from penilaian.models import RingkasanKepatuhan

    terbuka = Tiket.objects.order_by("pk").last()
    Tiket.objects.filter(pk=terbuka.pk).update(tanggal=APRIL.hari_terakhir, status=StatusTiket.DILAYANI)
    mutu.tren_kepatuhan(Bulan(2026, 5), 3)
    assert not RingkasanKepatuhan.objects.filter(bulan="2026-04").exists()
    assert RingkasanKepatuhan.objects.filter(bulan="2026-03").count() == len(mutu.STANDAR)
    Tiket.objects.filter(pk=terbuka.pk).update(status=StatusTiket.SELESAI)
    mutu.tren_kepatuhan(Bulan(2026, 5), 3)
    assert RingkasanKepatuhan.objects.filter(bulan="2026-04").count() == len(mutu.STANDAR)


def test_ringkasan_langkah_3_lama_dihitung_ulang_setelah_aturan_kedatangan():
    """A closed month's step-3 count stored while an arrival recorded after its
    ticket (a visitor back for their appointment) still counted as a case
    "within 10 minutes" is dropped, so the trend counts that month again by
    today's rule and agrees with the month's own dashboard; other steps' stored
    counts stay."""
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from penilaian.models import RingkasanKepatuhan

    nama = "0015_hitung_ulang_kepatuhan_registrasi_kedatangan"
    migrasi = importlib.import_module(f"penilaian.migrations.{nama}")
    RingkasanKepatuhan.objects.create(standar="registrasi", bulan="2026-04", kasus=1, dalam=1)
    RingkasanKepatuhan.objects.create(standar="penjelasan", bulan="2026-04", kasus=2, dalam=2)
    keadaan = MigrationExecutor(connection).loader.project_state(("penilaian", nama))
    migrasi.hapus(keadaan.apps, None)
    assert list(RingkasanKepatuhan.objects.values_list("standar", flat=True)) == ["penjelasan"]
    assert mutu.tren_kepatuhan(Bulan(2026, 5), 2)["registrasi"][0] is None  # recounted: no case
