"""Several desks issue tickets at the same moment: numbers 1..N, no duplicate,
no gap (one row lock per issued ticket)."""

import threading
import time

import pytest
from django.db import connection

from antrian import services
from antrian.models import Kunjungan, Tiket
from conftest import buat_pengguna

JUMLAH = 24


def _terbitkan_serentak(layanan, oleh, jumlah=JUMLAH):
    """Each thread its own DB connection; all start on one barrier."""
    pengunjung = [buat_pengguna(f"tamu{i}@contoh.id") for i in range(jumlah)]
    mulai = threading.Barrier(jumlah)
    hasil, galat = [], []

    def kerja(user):
        try:
            mulai.wait()
            hasil.append(services.kunjungan_langsung(oleh, layanan, pengunjung=user).nomor)
        except Exception as exc:  # collected and asserted below
            galat.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=kerja, args=(u,)) for u in pengunjung]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
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
    mulai = threading.Barrier(6)
    hasil, galat = [], []

    def panggil(loket):
        try:
            mulai.wait()
            hasil.append((loket.nomor, services.panggil_berikutnya(loket, petugas).pk))
        except services.AntrianError as exc:
            galat.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=panggil, args=(lk,)) for lk in (loket1, loket2) * 3]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(n for n, _ in hasil) == [1, 2]
    assert len({pk for _, pk in hasil}) == 2
    assert len(galat) == 4 and all("masih menangani tiket" in g for g in galat)
    assert Tiket.objects.filter(status="dipanggil").count() == 2
