"""Open transactions stored under the earlier clocks (a 3-working-day office
clock for the check, the invoice and the payment check; the delivery clock
from payment verified) are recomputed from their history by the data
migration `transaksi/0010`."""

import importlib
from datetime import datetime

import pytest
import time_machine
from django.apps import apps

from pst_layanan import kalender
from pst_layanan.kalender import WIB
from tests import pabrik
from transaksi.models import Jam, RiwayatTransaksi, Status, Transaksi

pytestmark = pytest.mark.django_db

R = RiwayatTransaksi.Jenis
migrasi = importlib.import_module("transaksi.migrations.0012_jam_sop_dihitung_ulang")
# The clocks as they were: the office's 3 working days on every office turn, delivery after payment.
JAM_LAMA = {
    Status.DIAJUKAN: Jam.PERIKSA,
    Status.MENUNGGU_TAGIHAN: Jam.PERIKSA,
    Status.MENUNGGU_VERIFIKASI: Jam.PERIKSA,
    Status.DIPROSES: Jam.PROSES,
}


def w(*args):
    return datetime(*args, tzinfo=WIB)


def transaksi_lama(pemohon, nomor, perpindahan, total=50_000):
    """A transaction whose history and row are what the earlier code wrote for `perpindahan`."""
    with time_machine.travel(perpindahan[0][0], tick=False):
        t = pabrik.transaksi_draf(pemohon)
    baris, jam, mulai, batas, dari = [], "", None, None, Status.DRAF
    for waktu, ke in perpindahan:
        if jam:  # the earlier code stopped the clock without naming the status
            baris.append(RiwayatTransaksi(transaksi=t, jenis=R.JAM_BERHENTI, jam=jam, waktu=waktu, batas_waktu=batas))
            jam, mulai, batas = "", None, None
        if ke in JAM_LAMA:
            jam, mulai = JAM_LAMA[ke], waktu
            batas = kalender.batas_waktu(waktu, 3 if jam == Jam.PERIKSA else 10)
            baris.append(RiwayatTransaksi(transaksi=t, jenis=R.JAM_MULAI, jam=jam, waktu=waktu, batas_waktu=batas))
        baris.append(RiwayatTransaksi(transaksi=t, jenis=R.STATUS, dari=dari, ke=ke, waktu=waktu))
        dari = ke
    RiwayatTransaksi.objects.bulk_create(baris)
    lengkap = next((w for w, ke in perpindahan if ke in (Status.MENUNGGU_TAGIHAN, Status.DIPROSES)), None)
    Transaksi.objects.filter(pk=t.pk).update(
        nomor=nomor, status=dari, total=total, lengkap_pada=lengkap, jam=jam, jam_mulai=mulai, batas_waktu=batas
    )
    return Transaksi.objects.get(pk=t.pk)


@pytest.fixture
def lama(pengunjung):
    diajukan = (w(2026, 3, 12, 9, 0), Status.DIAJUKAN)
    lengkap = (w(2026, 3, 13, 10, 0), Status.MENUNGGU_TAGIHAN)
    tagihan = (w(2026, 3, 17, 11, 0), Status.MENUNGGU_PEMBAYARAN)
    bukti = (w(2026, 3, 30, 9, 0), Status.MENUNGGU_VERIFIKASI)
    return {
        "menunggu_bayar": transaksi_lama(pengunjung, "LAMA-1", [diajukan, lengkap, tagihan]),
        "verifikasi": transaksi_lama(pengunjung, "LAMA-2", [diajukan, lengkap, tagihan, bukti]),
        "diproses": transaksi_lama(
            pengunjung, "LAMA-3", [diajukan, lengkap, tagihan, bukti, (w(2026, 3, 31, 10, 0), Status.DIPROSES)]
        ),
        "diajukan": transaksi_lama(pengunjung, "LAMA-4", [(w(2026, 4, 1, 9, 0), Status.DIAJUKAN)]),
        "rp0": transaksi_lama(pengunjung, "LAMA-5", [diajukan, (w(2026, 3, 13, 10, 0), Status.DIPROSES)], total=0),
        "selesai": transaksi_lama(
            pengunjung, "LAMA-6", [diajukan, lengkap, tagihan, (w(2026, 3, 17, 12, 0), Status.DIBATALKAN)]
        ),
    }


def test_migrasi_menghitung_ulang_jam_transaksi_terbuka(lama):
    # Stored under the earlier rules: the visitor's turn had no clock, the payment check its own 3 days.
    assert lama["menunggu_bayar"].jam == Jam.TIDAK_ADA
    assert lama["verifikasi"].batas_waktu == w(2026, 4, 2, 15, 30)

    with time_machine.travel(w(2026, 4, 1, 12, 0), tick=False):
        migrasi.maju(apps, None)

    def baru(kunci):
        return Transaksi.objects.get(pk=lama[kunci].pk)

    t = baru("menunggu_bayar")  # the worked example, still waiting for payment
    assert t.jam == Jam.PROSES and t.jam_dijeda_pada == w(2026, 3, 17, 11, 0)
    assert t.jam_hari_terpakai == 1 and t.batas_waktu is None
    ulang = t.riwayat.get(jenis=R.JAM_DIHITUNG_ULANG)
    assert "dijeda — menunggu pemohon; sisa 9 hari kerja" in ulang.catatan
    # Proof sent Mon 30 Mar 09.00: the delivery clock resumed then, not a fresh 3 days.
    for kunci in ("verifikasi", "diproses"):
        t = baru(kunci)
        assert t.jam == Jam.PROSES and not t.jam_dijeda_pada and t.jam_mulai == w(2026, 3, 30, 9, 0)
        assert t.batas_waktu == w(2026, 4, 13, 15, 30) and t.jam_hari_terpakai == 1
    assert baru("verifikasi").target_batas == w(2026, 3, 31, 15, 30)  # payment checked within 1 working day
    # Already right under the new rules, or closed: untouched, no history row.
    for kunci in ("diajukan", "rp0", "selesai"):
        assert not baru(kunci).riwayat.filter(jenis=R.JAM_DIHITUNG_ULANG).exists()
    assert baru("rp0").batas_waktu == w(2026, 4, 6, 15, 30)

    # The earlier clock stops now name the status they stopped in: the queue
    # wait (submitted) apart from the invoice and payment waits.
    berhenti = RiwayatTransaksi.objects.filter(transaksi=lama["diproses"], jenis=R.JAM_BERHENTI)
    assert list(berhenti.order_by("waktu").values_list("dari", flat=True)) == [
        Status.DIAJUKAN,
        Status.MENUNGGU_TAGIHAN,
        Status.MENUNGGU_VERIFIKASI,
    ]

    # Running it again changes nothing.
    jumlah = RiwayatTransaksi.objects.count()
    with time_machine.travel(w(2026, 4, 1, 13, 0), tick=False):
        migrasi.maju(apps, None)
    assert RiwayatTransaksi.objects.count() == jumlah
