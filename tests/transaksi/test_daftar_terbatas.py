"""The worklist and the deadline board count at most PaginatorTerbatas.BATAS
open transactions: past it they say "lebih dari …" instead of counting
every open row on every view."""

import pytest
from django.urls import reverse

from pst_layanan.halaman import PaginatorTerbatas
from tests import pabrik

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("nama", "teks"), [("transaksi:periksa", "lebih dari 2 transaksi"), ("transaksi:tenggat", "Lebih dari 2 transaksi")]
)
def test_hitungan_berhenti_di_batas(nama, teks, pengunjung, petugas, klien_untuk, monkeypatch):
    for _ in range(3):
        pabrik.transaksi_diajukan(pengunjung)
    klien = klien_untuk(petugas)
    assert "3 transaksi" in klien.get(reverse(nama)).content.decode()
    monkeypatch.setattr(PaginatorTerbatas, "BATAS", 2)
    html = klien.get(reverse(nama)).content.decode()
    assert teks in html and "3 transaksi" not in html
