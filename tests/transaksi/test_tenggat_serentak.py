"""Two workers run the escalation at the same moment (PostgreSQL, two
connections): every overdue transaction is escalated, mailed and written to
the history exactly once."""

import threading
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection

from pst_layanan.kalender import WIB
from pst_layanan.models import Surel
from transaksi import tenggat
from transaksi.models import Jam, RiwayatTransaksi, Status, Transaksi

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BATAS = datetime(2026, 3, 25, 15, 30, tzinfo=WIB)


def test_dua_pekerja_serentak_mengeskalasi_sekali(postgres_wajib, pengunjung, petugas, supervisor):
    from conftest import buat_pengguna

    petugas_lain = buat_pengguna("petugas2@bps.go.id", "Petugas Layanan")
    Transaksi.objects.bulk_create(
        Transaksi(
            nomor=f"PST-2026-{i:06d}",
            pemohon=pengunjung,
            petugas=[petugas, petugas_lain, None][i % 3],
            keperluan="Uji serentak",
            status=Status.DIAJUKAN,
            jam=Jam.PERIKSA,
            jam_mulai=BATAS - timedelta(days=12),
            batas_waktu=BATAS - timedelta(minutes=i),
        )
        for i in range(60)
    )
    mulai = threading.Barrier(2)
    hasil, galat = [], []

    def pekerja():
        try:
            mulai.wait(timeout=10)
            while klaim := tenggat.eskalasi(batas=7):  # small batches, so the two interleave
                hasil.append(klaim)
        except Exception as e:  # pragma: no cover - reported below
            galat.append(e)
        finally:
            connection.close()

    with time_machine.travel(BATAS + timedelta(hours=1), tick=False):
        benang = [threading.Thread(target=pekerja) for _ in range(2)]
        for b in benang:
            b.start()
        for b in benang:
            b.join(timeout=60)

    assert not galat
    semua = [pk for klaim in hasil for pk in klaim]
    assert len(semua) == len(set(semua)) == 60
    assert RiwayatTransaksi.objects.filter(jenis=RiwayatTransaksi.Jenis.ESKALASI).count() == 60
    isi = " ".join(Surel.objects.filter(subjek__startswith="Eskalasi").values_list("isi", flat=True))
    for t in Transaksi.objects.all():
        assert isi.count(f"- {t.nomor} ") == 1, t.nomor
    assert not Transaksi.objects.filter(eskalasi_pada__isnull=True).exists()
