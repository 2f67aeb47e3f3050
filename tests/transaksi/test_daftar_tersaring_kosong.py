"""A list narrowed by a search or a filter that leaves nothing says that
nothing matches: the treasurer's cash list said there were no invoices waiting
for payment at all, and the refund list that there had never been a refund,
while both held some."""

import pytest
from django.urls import reverse

from tests.transaksi.test_pembayaran import diproses, menunggu_pembayaran
from tests.transaksi.test_pengembalian import ALASAN, REKENING
from transaksi.services.pengembalian import setujui, usulkan

pytestmark = pytest.mark.django_db


def test_cari_kas_tanpa_hasil(pengunjung, petugas, bendahara, klien_untuk):
    menunggu_pembayaran(pengunjung, petugas)
    klien = klien_untuk(bendahara)
    assert "Tidak ada tagihan yang menunggu pembayaran." not in klien.get(reverse("transaksi:kas")).text
    html = klien.get(reverse("transaksi:kas"), {"q": "tidak-ada"}).text
    assert "Tidak ada tagihan yang menunggu pembayaran." not in html
    assert "Tidak ada tagihan yang cocok dengan “tidak-ada”." in html


def test_saring_pengembalian_tanpa_hasil(pengunjung, petugas, supervisor, klien_untuk):
    setujui(usulkan(diproses(pengunjung, petugas), petugas, ALASAN, REKENING), supervisor)
    html = klien_untuk(supervisor).get(reverse("transaksi:pengembalian_daftar"), {"status": "ditolak"}).text
    assert "Belum ada pengembalian PNBP." not in html
    assert "Tidak ada pengembalian PNBP dengan status ini." in html
