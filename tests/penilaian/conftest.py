"""Builders for the rating tests: a delivered transaction, a finished walk-in
ticket, and many ratings at once (for the IKM and compliance numbers)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from antrian import services as antrian
from antrian.models import Kanal, Kedatangan, Kunjungan, Layanan, Loket, StatusTiket, Tiket
from penilaian.models import Media, Penilaian
from penilaian.skm import KOLOM_SKOR
from pst_layanan import kalender
from pst_layanan.kalender import WIB
from tests import pabrik
from transaksi import services as transaksi
from transaksi.models import Jam, RiwayatTransaksi, Status, Transaksi

SEMUA_4 = dict.fromkeys(KOLOM_SKOR, 4)


def serahkan(t: Transaksi, oleh) -> Transaksi:
    """DIPROSES → DISERAHKAN through the transition function (the delivery
    page does this with the product files)."""
    with transaction.atomic():
        t = Transaksi.objects.select_for_update().get(pk=t.pk)
        t.diserahkan_pada = timezone.now()
        return transaksi.pindah_status(t, Status.DISERAHKAN, oleh, "Produk diserahkan.", ("diserahkan_pada",))


def transaksi_diserahkan(pemohon, petugas) -> Transaksi:
    """A Rp0 request approved and delivered: the shortest real path to DISERAHKAN."""
    t = pabrik.transaksi_diajukan(pemohon, kelas_harga="nol_rupiah")
    t = transaksi.nyatakan_lengkap(t, petugas, setujui_nol_rupiah=True)
    assert t.status == Status.DIPROSES
    return serahkan(t, petugas)


@pytest.fixture
def diserahkan(pengunjung, petugas):
    return transaksi_diserahkan(pengunjung, petugas)


def layanan_b() -> Layanan:
    return Layanan.objects.get(kode="B")


def tiket_selesai(pengunjung, petugas, pada: datetime | None = None, nomor_loket: int = 1, kantor=None):
    """A walk-in served at a counter and finished (during service hours), at
    `kantor` (default: the provincial office)."""
    import time_machine

    pada = pada or datetime(2026, 4, 7, 9, 0, tzinfo=WIB)
    di = {"kantor": kantor} if kantor else {}
    loket, _ = Loket.objects.get_or_create(nomor=nomor_loket, **di)
    loket.layanan.add(layanan_b())
    with time_machine.travel(pada, tick=False):
        tiket = antrian.kunjungan_langsung(
            petugas,
            layanan_b(),
            pengunjung=pengunjung,
            keperluan="Konsultasi data",
            kantor_id=kantor.pk if kantor else None,
        )
        antrian.panggil(tiket, loket, petugas)
        antrian.mulai_layani(tiket, loket, petugas)
        return antrian.selesai(tiket, loket, petugas, "penjelasan", "Dijelaskan tarif.")


def buat_penilaian_massal(pengguna, daftar_skor, dikirim_pada, kanal=Kanal.LANGSUNG, detik_isi=60):
    """One finished visit + rating per score list (9 ints), bulk-created."""
    layanan = layanan_b()
    kunjungan = Kunjungan.objects.bulk_create(
        [Kunjungan(pengunjung=pengguna, layanan=layanan, kanal=kanal, tiba_pada=dikirim_pada) for _ in daftar_skor]
    )
    return Penilaian.objects.bulk_create(
        [
            Penilaian(
                kunjungan=k,
                pengguna=pengguna,
                kanal=kanal,
                media=Media.KIOS,
                layanan=layanan,
                dibuka_pada=dikirim_pada - timezone.timedelta(seconds=detik_isi),
                dikirim_pada=dikirim_pada,
                **dict(zip(KOLOM_SKOR, skor, strict=True)),
            )
            for k, skor in zip(kunjungan, daftar_skor, strict=True)
        ]
    )


def skor_dengan_jumlah(n: int, total: int) -> list[list[int]]:
    """n respondents whose 9·n scores add up to `total` (spread evenly)."""
    assert 9 * n <= total <= 36 * n
    sel = [1] * (9 * n)
    sisa = total - 9 * n
    i = 0
    while sisa:
        if sel[i % len(sel)] < 4:
            sel[i % len(sel)] += 1
            sisa -= 1
        i += 1
    return [sel[r * 9 : (r + 1) * 9] for r in range(n)]


# --- a seeded April 2026 for the compliance numbers (see test_mutu.py) -----------------

J = RiwayatTransaksi.Jenis


def _w(hari, jam=9, menit=0, bulan=4):
    return datetime(2026, bulan, hari, jam, menit, tzinfo=WIB)


def _tiket(pengunjung, nomor, tiba, ambil_menit, layani_menit):
    diambil = tiba + timedelta(minutes=ambil_menit)
    dipanggil = diambil + timedelta(minutes=5)
    k = Kunjungan.objects.create(pengunjung=pengunjung, layanan=layanan_b(), kanal=Kanal.LANGSUNG, tiba_pada=tiba)
    # The arrival recorded at the desk ("Tamu datang") starts step 3.
    Kedatangan.objects.create(tanggal=tiba.date(), nomor=nomor, tiba_pada=tiba, kunjungan=k)
    return Tiket.objects.create(
        kunjungan=k,
        layanan=layanan_b(),
        tanggal=tiba.date(),
        nomor=nomor,
        status=StatusTiket.SELESAI,
        diambil_pada=diambil,
        dipanggil_pada=dipanggil,
        mulai_pada=dipanggil,
        selesai_pada=dipanggil + timedelta(minutes=layani_menit),
    )


def _jam(t, jam, mulai, hari, batas, dari=Status.DIAJUKAN, jeda_hari=None, hari_kerja_ke=None):
    """A clock's start and stop rows; a delivery clock starts at "complete" and may have paused
    (then `hari_kerja_ke` gives the working day it stopped on; else it is counted from the start)."""
    if jam == Jam.PROSES:
        Transaksi.objects.filter(pk=t.pk).update(lengkap_pada=mulai)
        dari = Status.DIPROSES
    RiwayatTransaksi.objects.create(transaksi=t, jenis=J.JAM_MULAI, jam=jam, waktu=mulai, batas_waktu=batas)
    RiwayatTransaksi.objects.create(
        transaksi=t,
        jenis=J.JAM_BERHENTI,
        jam=jam,
        dari=dari,
        waktu=mulai + timedelta(days=hari),
        batas_waktu=batas,
        jeda_detik=jeda_hari and jeda_hari * 86400,
        hari_kerja_ke=hari_kerja_ke or kalender.hari_kerja_ke(mulai, mulai + timedelta(days=hari)),
    )


@pytest.fixture
def april(pengunjung):
    # Registration (≤ 10 min) 5/10/15/25/40 min; counter (≤ 1 h) 30/45/50/70/90 min.
    for i, (daftar, layani) in enumerate([(5, 30), (10, 45), (15, 50), (25, 70), (40, 90)], start=1):
        _tiket(pengunjung, i, _w(6 + i), daftar, layani)
    _tiket(pengunjung, 1, _w(4, bulan=5), 99, 99)  # May: not counted
    # Office clocks (3 working days): durations 1, 2, 4, 10 days from Monday 6 April (1, 2, 4 and 8
    # working days), deadline 9 April 15.30;
    # one from March that stopped 2 April within its deadline; one stopping in May.
    transaksi = [Transaksi.objects.create(nomor=f"PST-UJI-{i}", pemohon=pengunjung, keperluan="uji") for i in range(9)]
    batas = _w(9, 15, 30)
    for t, hari in zip(transaksi[:4], [1, 2, 4, 10], strict=True):
        _jam(t, Jam.PERIKSA, _w(6), hari, batas)
    _jam(transaksi[4], Jam.PERIKSA, _w(30, bulan=3), 3, _w(2, 15, 30))
    _jam(transaksi[5], Jam.PERIKSA, _w(28), 5, _w(30, 15, 30))  # ends 3 May
    # An invoice wait measured by the same kind of clock before the delivery
    # clock covered it (stopped while waiting for the invoice): not a queue wait.
    _jam(transaksi[8], Jam.PERIKSA, _w(6), 9, batas, dari=Status.MENUNGGU_TAGIHAN)
    # Delivery clocks (10 working days, deadline 15 April): 8 days within (5 working days,
    # Good Friday 3 April among them); 16 days late, 10 of them paused waiting for
    # payment, stopped on its 12th working day of running time.
    _jam(transaksi[6], Jam.PROSES, _w(1), 8, _w(15, 15, 30))
    _jam(transaksi[7], Jam.PROSES, _w(1), 16, _w(15, 15, 30), jeda_hari=10, hari_kerja_ke=12)
    # Rating (≤ 5 min): 1, 2, 4, 6 minutes.
    for menit in (1, 2, 4, 6):
        buat_penilaian_massal(pengunjung, [[4] * 9], _w(20), detik_isi=menit * 60)
    return transaksi
