"""Typed text of any length prints whole and in bounded time: a hand-over's
list of products and an invoice of many described items."""

import time

import pytest

from tests import pabrik
from tests.transaksi.test_pembayaran import KODE, diproses
from tests.transaksi.test_pembayaran_halaman import teks_pdf, url
from transaksi import services
from transaksi.services import pembayaran, penyerahan

pytestmark = pytest.mark.django_db

# Rendered in well under a second each; sized from its content the table took tens of seconds.
DETIK_PALING_LAMA = 10


def _unduh(klien, alamat) -> tuple[str, float]:
    mulai = time.monotonic()
    teks = teks_pdf(klien.get(alamat))
    return teks, time.monotonic() - mulai


def test_berita_acara_dengan_uraian_panjang(pengunjung, petugas, klien_untuk):
    t = diproses(pengunjung, petugas)
    uraian = " ".join(f"Publikasi-{i}" for i in range(220)) + " AKHIR-URAIAN"
    penyerahan.serahkan_produk(t, petugas, serah_terima=penyerahan.DataSerahTerima("cetak", uraian, "Andi"))
    teks, lama = _unduh(klien_untuk(pengunjung), url("berita_acara_pdf", t, t.serah_terima.get().pk))
    assert "Publikasi-219" in teks and "AKHIR-URAIAN" in teks
    assert lama < DETIK_PALING_LAMA


def test_tagihan_dengan_banyak_item_beruraian_panjang(pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_draf(pengunjung)
    for i in range(20):
        services.tambah_item(t, pabrik.produk(), 1_000_000, f"Item-{i} " + "tabel kemiskinan " * 17, pengunjung)
    t = services.nyatakan_lengkap(services.ajukan(t, pengunjung), petugas)
    pembayaran.terbitkan_tagihan(t, petugas, {"kode_billing": KODE, "jumlah_billing": str(t.total)})
    teks, lama = _unduh(klien_untuk(pengunjung), url("tagihan_pdf", t, t.tagihan.get().pk))
    assert "Item-19" in teks and f"Rp{t.total:,}".replace(",", ".") in teks
    assert lama < DETIK_PALING_LAMA
