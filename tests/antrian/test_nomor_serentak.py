"""Several desks issue tickets at the same moment: numbers 1..N, no duplicate,
no gap (one row lock per issued ticket)."""

import threading
import time

import pytest
from django.db import connection

from antrian import services
from antrian.models import Kedatangan, Kunjungan, Tiket
from conftest import buat_pengguna
from tests.serentak import serentak

JUMLAH = 24


def _terbitkan_serentak(layanan, oleh, jumlah=JUMLAH):
    pengunjung = [buat_pengguna(f"tamu{i}@contoh.id") for i in range(jumlah)]
    t0 = time.perf_counter()
    hasil, galat = serentak(
        lambda i: services.kunjungan_langsung(oleh, layanan, pengunjung=pengunjung[i]).nomor, jumlah
    )
    return hasil, galat, time.perf_counter() - t0


def _periksa(hasil, galat, layanan, detik, capsys):
    assert galat == []
    assert sorted(hasil) == list(range(1, JUMLAH + 1))
    nomor = list(Tiket.objects.filter(layanan=layanan).values_list("nomor", flat=True))
    assert sorted(nomor) == list(range(1, JUMLAH + 1))
    assert Kunjungan.objects.count() == JUMLAH
    with capsys.disabled():
        print(f"\n[{connection.vendor}] {JUMLAH} tiket serentak dalam {detik:.3f} s")


@pytest.mark.django_db(transaction=True)
def test_nomor_serentak_postgres(postgres_wajib, selalu_buka, layanan_b, resepsionis, capsys):
    hasil, galat, detik = _terbitkan_serentak(layanan_b, resepsionis)
    _periksa(hasil, galat, layanan_b, detik, capsys)


@pytest.mark.django_db(transaction=True)
def test_nomor_serentak_database_apa_pun(selalu_buka, layanan_b, resepsionis, capsys):
    """The same on SQLite, where the IMMEDIATE transactions serialize the desks."""
    hasil, galat, detik = _terbitkan_serentak(layanan_b, resepsionis)
    _periksa(hasil, galat, layanan_b, detik, capsys)


@pytest.mark.django_db(transaction=True)
def test_kunci_terlalu_lama_jadi_coba_lagi(
    postgres_wajib, selalu_buka, layanan_b, resepsionis, pengunjung, monkeypatch
):
    """Another desk holds the counter row: after the lock timeout the desk gets
    "coba lagi", not a 500, and nothing of the attempt is kept."""
    from django.db import transaction

    from antrian.models import PenghitungAntrian

    services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
    monkeypatch.setattr(services, "BATAS_TUNGGU_KUNCI_MS", 300)
    terkunci, lepas = threading.Event(), threading.Event()

    def tahan():
        try:
            with transaction.atomic():
                PenghitungAntrian.objects.select_for_update().get(layanan=layanan_b)
                terkunci.set()
                lepas.wait(10)
        finally:
            connection.close()

    lain = buat_pengguna("lain@contoh.id")  # the first visitor already holds a waiting ticket
    t = threading.Thread(target=tahan)
    t.start()
    try:
        assert terkunci.wait(5)
        t0 = time.perf_counter()
        with pytest.raises(services.AntrianSibuk, match="coba lagi"):
            services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=lain)
        assert 0.25 < time.perf_counter() - t0 < 3
    finally:
        lepas.set()
        t.join()
    assert Kunjungan.objects.count() == 1 and Tiket.objects.count() == 1
    assert services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=lain).nomor == 2


@pytest.mark.django_db(transaction=True)
def test_dua_petugas_satu_loket_dan_dua_loket_serentak(postgres_wajib, tiket_untuk, loket1, loket2, petugas):
    """Calls at the same moment: each counter gets one ticket, no ticket goes to
    two counters, and a double click at one counter is refused politely."""
    for i in range(6):
        tiket_untuk(buat_pengguna(f"serentak{i}@contoh.id"))
    loket = (loket1, loket2) * 3
    hasil, galat = serentak(lambda i: (loket[i].nomor, services.panggil_berikutnya(loket[i], petugas).pk), 6)
    assert sorted(n for n, _ in hasil) == [1, 2]
    assert len({pk for _, pk in hasil}) == 2
    assert len(galat) == 4 and all("masih menangani tiket" in str(g) for g in galat)
    assert Tiket.objects.filter(status="dipanggil").count() == 2


@pytest.mark.django_db(transaction=True)
def test_tamu_datang_serentak_semua_dapat_nomor(postgres_wajib, selalu_buka, resepsionis):
    """Every desk and the lobby screen press "Tamu datang" at once: each gets
    its arrival number, D-001 to D-012, none refused as busy."""

    jumlah = 12
    hasil, galat = serentak(lambda i: services.catat_kedatangan(resepsionis).nomor, jumlah)
    assert galat == []
    assert sorted(hasil) == list(range(1, jumlah + 1))
    assert Kedatangan.objects.count() == jumlah


@pytest.mark.django_db(transaction=True)
def test_tombol_datang_ditekan_ganda_serentak_satu_kedatangan(postgres_wajib, selalu_buka, resepsionis):
    """The lobby tablet's button tapped three times at once (one page, one
    token): one arrival, the one every tap answers with."""

    hasil, galat = serentak(lambda i: services.catat_kedatangan(None, token_kirim="a" * 32).pk, 3)
    assert galat == []
    assert len(set(hasil)) == 1 and Kedatangan.objects.count() == 1
