"""Deadline jobs against other work at the same moment (PostgreSQL, one
connection each): two workers escalate every overdue transaction, mail it and
write its history exactly once; the expiry job waits for a visitor's proof
being sent instead of deadlocking with it."""

import threading
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection

from pst_layanan.kalender import WIB
from pst_layanan.models import Surel
from tests import pabrik
from tests.transaksi.test_pembayaran import NTPN, menunggu_pembayaran
from transaksi import tenggat
from transaksi.models import Jam, RiwayatTransaksi, Status, Transaksi
from transaksi.services import pembayaran

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


TERBIT = datetime(2026, 3, 13, 10, 0, tzinfo=WIB)
SESUDAH_KEDALUWARSA = datetime(2026, 3, 20, 10, 5, tzinfo=WIB)
DIBAYAR_TEPAT = TERBIT.date() + timedelta(days=6)


def test_kedaluwarsa_menunggu_bukti_yang_sedang_dikirim(
    postgres_wajib, pengunjung, petugas, berkas_privat, monkeypatch
):
    """The visitor's request holds the transaction (its proof stored, not yet
    committed) when the expiry job runs: the job leaves that invoice alone,
    no deadlock, and the visitor gets no "expired without proof" notice."""
    with time_machine.travel(TERBIT, tick=False):
        t = menunggu_pembayaran(pengunjung, petugas)
    di_dalam, lanjut = threading.Event(), threading.Event()
    asli = pembayaran.setelah_bukti

    def tahan(tr, bukti):
        di_dalam.set()
        lanjut.wait(10)
        return asli(tr, bukti)

    monkeypatch.setattr(pembayaran, "setelah_bukti", tahan)
    galat, diklaim = [], []

    def pengunjung_mengirim():
        try:
            pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"), DIBAYAR_TEPAT)
        except Exception as e:  # noqa: BLE001 - reported by the assertion below
            galat.append(e)
        finally:
            connection.close()

    def tugas():
        try:
            diklaim.extend(tenggat.tagihan_kedaluwarsa())
        except Exception as e:  # noqa: BLE001
            galat.append(e)
        finally:
            connection.close()

    with time_machine.travel(SESUDAH_KEDALUWARSA, tick=False):
        kirim = threading.Thread(target=pengunjung_mengirim)
        kirim.start()
        assert di_dalam.wait(10)
        pekerja = threading.Thread(target=tugas)
        pekerja.start()
        pekerja.join(5)
        lanjut.set()
        kirim.join(15)
        pekerja.join(15)
    assert galat == [] and diklaim == []
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI and t.tagihan.get().status == "aktif"
    assert not Surel.objects.filter(subjek__contains="kedaluwarsa").exists()
