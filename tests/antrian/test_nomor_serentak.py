"""Several desks issue tickets at the same moment: numbers 1..N, no duplicate,
no gap (ARCHITECTURE "Queue numbers"; STYLE 9: one row lock per issue)."""

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
