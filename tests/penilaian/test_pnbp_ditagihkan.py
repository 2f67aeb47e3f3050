""" "PNBP ditagihkan" counts each transaction's standing invoice once: an
expired-and-replaced invoice, a corrected one and the invoice of a cancelled
transaction never add up a second time."""

import re
from datetime import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Sum
from django.urls import reverse

from penilaian import grafik, laporan
from pst_layanan.kalender import WIB
from pst_layanan.periode import Bulan
from tests import pabrik
from tests.transaksi.test_pembayaran import diproses, isian, menunggu_pembayaran
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


def test_item_rp0_disetujui_tanpa_nilai_rupiah_di_laporan(pengunjung, petugas):
    """An approved Rp0 transaction totals Rp0: its items are counted by
    product, but add no rupiah to the report, as in the reconciliation."""
    with pada(datetime(2026, 3, 13, 10, 0, tzinfo=WIB)):
        menunggu_pembayaran(pengunjung, petugas)
        rp0 = pabrik.transaksi_draf(pengunjung, kelas_harga="nol_rupiah")
        rp0 = services.nyatakan_lengkap(services.ajukan(rp0, pengunjung), petugas, setujui_nol_rupiah=True)
    assert rp0.total == 0
    with pada(datetime(2026, 4, 1, 8, 0, tzinfo=WIB)):
        data = laporan.susun(MARET)
    nama = pabrik.produk().nama  # both transactions order it; only the paid one's Rp50.000 counts
    assert data.transaksi_produk == [(nama, 2, Decimal(50_000))]
    assert ("Transaksi menurut produk", f"{nama}: subtotal (Rp)", 50_000) in laporan.baris_tabel(data)


@pytest.mark.parametrize("bahasa, angka", [("id", "50.000"), ("en", "50,000")])
def test_tabel_grafik_pnbp_menulis_rupiah_seperti_halaman_lain(
    bahasa, angka, pengunjung, petugas, supervisor, klien_untuk
):
    """The dashboard's table under the PNBP chart writes the month's amounts
    with thousands separated, as the chart, the reconciliation and the
    province page do, not as a bare "50000"."""
    with pada(datetime(2026, 3, 13, 10, 0, tzinfo=WIB)):
        diproses(pengunjung, petugas)
    supervisor.bahasa = bahasa
    supervisor.save(update_fields=["bahasa"])
    halaman = klien_untuk(supervisor).get(reverse("penilaian:dasbor"), {"bulan": "2026-03"}).content.decode()
    tabel = halaman[halaman.index('id="tabel-pnbp"') :]
    baris = re.search(r"<tr><th scope=\"row\">Mar 2026</th>(.*?)</tr>", tabel).group(1)
    assert re.findall(r"<td>([^<]*)</td>", baris) == [angka, angka]
