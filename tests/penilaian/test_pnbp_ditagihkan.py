""" "PNBP ditagihkan" counts each transaction's standing invoice once: an
expired-and-replaced invoice, a corrected one and the invoice of a cancelled
transaction never add up a second time."""

from datetime import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Sum

from penilaian import grafik, laporan
from pst_layanan.kalender import WIB
from pst_layanan.periode import Bulan
from tests import pabrik
from tests.transaksi.test_pembayaran import isian, menunggu_pembayaran
from transaksi import services, tenggat
from transaksi.models import Tagihan
from transaksi.services import pembayaran

pytestmark = pytest.mark.django_db

MARET = Bulan(2026, 3)


def pada(waktu):
    return time_machine.travel(waktu, tick=False)


def test_satu_tagihan_nyata_dihitung_sekali(pengunjung, petugas):
    with pada(datetime(2026, 3, 13, 10, 0, tzinfo=WIB)):
        diganti = menunggu_pembayaran(pengunjung, petugas, kode="820260313000001")
        batal = menunggu_pembayaran(pengunjung, petugas, kode="820260313000002")
        services.batalkan(batal, pengunjung)
        dikoreksi = menunggu_pembayaran(pengunjung, petugas, kode="820260313000003")
        pembayaran.minta_koreksi_tagihan(dikoreksi, pengunjung, "Jumlah halaman salah.")
        pembayaran.terbitkan_tagihan(dikoreksi, petugas, isian("820260313000004"))
        pembayaran.kirim_bukti_bayar(dikoreksi, pengunjung, "0A1B2C3D4E5F6G7H", pabrik.berkas_pdf("bpn.pdf"))
        pembayaran.verifikasi_pembayaran(dikoreksi, petugas)
    with pada(datetime(2026, 3, 20, 10, 5, tzinfo=WIB)):
        tenggat.tagihan_kedaluwarsa()
        pembayaran.ganti_tagihan_kedaluwarsa(diganti, petugas, isian("820260320000005"))
    assert Tagihan.objects.count() == 5  # Rp250.000 of invoices in the database, Rp100.000 really billed

    tagih, bayar = grafik.pnbp_bulanan(MARET.mulai, MARET.sampai)[MARET]
    assert (tagih, bayar) == (Decimal(100_000), Decimal(50_000))
    with pada(datetime(2026, 4, 1, 8, 0, tzinfo=WIB)):
        data = laporan.susun(MARET)
    assert (data.pnbp_ditagihkan, data.pnbp_diterima) == (Decimal(100_000), Decimal(50_000))
    assert Tagihan.objects.ditagihkan().aggregate(j=Sum("jumlah"))["j"] == Decimal(100_000)
    assert sorted(Tagihan.objects.ditagihkan().values_list("kode_billing", flat=True)) == [
        "820260313000004",
        "820260320000005",
    ]


def test_tagihan_kedaluwarsa_yang_belum_diganti_tetap_ditagihkan(pengunjung, petugas):
    with pada(datetime(2026, 3, 13, 10, 0, tzinfo=WIB)):
        menunggu_pembayaran(pengunjung, petugas)
    with pada(datetime(2026, 3, 20, 10, 5, tzinfo=WIB)):
        tenggat.tagihan_kedaluwarsa()
    assert grafik.pnbp_bulanan(MARET.mulai, MARET.sampai)[MARET] == (Decimal(50_000), Decimal(0))
