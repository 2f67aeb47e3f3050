"""Typed text of any length prints whole, and long text costs a PDF about what
short text does: a hand-over's list of products and an invoice of many
described items. Sized from its content, WeasyPrint measured such a table one
character at a time (tens of seconds: 20× and more the short document's time).

Times are compared with the same document with short text rendered in the same
run, never with a fixed number of seconds: the machine's load moves both."""

import time

import pytest

from tests import pabrik
from tests.transaksi.test_pembayaran import KODE, NTPN, diproses
from tests.transaksi.test_pembayaran_halaman import teks_pdf, url
from transaksi import services
from transaksi.services import pembayaran, penyerahan

pytestmark = pytest.mark.django_db

# Laid out from fixed column widths, long text renders in 1–2× the short time.
KALI_PALING_BANYAK = 5


def _kode(urutan: int) -> str:
    """A billing code of its own for each document (each is unique in SIMPONI)."""
    return f"{KODE[:-2]}{urutan:02d}"


def _unduh(klien, alamat) -> tuple[str, float]:
    """The PDF's text and its best time of two downloads (the first warms caches)."""
    waktu = []
    for _ in range(2):
        mulai = time.monotonic()
        teks = teks_pdf(klien.get(alamat))
        waktu.append(time.monotonic() - mulai)
    return teks, min(waktu)


def _berita_acara(pengunjung, petugas, klien, uraian, urutan):
    t = diproses(pengunjung, petugas, kode=_kode(urutan), ntpn=f"{NTPN[:-1]}{urutan}")
    penyerahan.serahkan_produk(t, petugas, serah_terima=penyerahan.DataSerahTerima("cetak", uraian, "Andi"))
    return _unduh(klien, url("berita_acara_pdf", t, t.serah_terima.get().pk))


def test_berita_acara_dengan_uraian_panjang(pengunjung, petugas, klien_untuk):
    klien = klien_untuk(pengunjung)
    _, singkat = _berita_acara(pengunjung, petugas, klien, "Publikasi-0 Publikasi-1", 1)
    uraian = " ".join(f"Publikasi-{i}" for i in range(220)) + " AKHIR-URAIAN"
    teks, panjang = _berita_acara(pengunjung, petugas, klien, uraian, 2)
    assert "Publikasi-219" in teks and "AKHIR-URAIAN" in teks
    assert panjang < KALI_PALING_BANYAK * singkat, (panjang, singkat)


def _tagihan(pengunjung, petugas, klien, ulang):
    t = pabrik.transaksi_draf(pengunjung)
    for i in range(20):
        services.tambah_item(t, pabrik.produk(), 1_000_000, f"Item-{i} " + "tabel kemiskinan " * ulang, pengunjung)
    t = services.nyatakan_lengkap(services.ajukan(t, pengunjung), petugas)
    pembayaran.terbitkan_tagihan(t, petugas, {"kode_billing": _kode(ulang), "jumlah_billing": str(t.total)})
    teks, waktu = _unduh(klien, url("tagihan_pdf", t, t.tagihan.get().pk))
    return t, teks, waktu


def test_tagihan_dengan_banyak_item_beruraian_panjang(pengunjung, petugas, klien_untuk):
    klien = klien_untuk(pengunjung)
    _, _, singkat = _tagihan(pengunjung, petugas, klien, 1)
    t, teks, panjang = _tagihan(pengunjung, petugas, klien, 17)
    assert "Item-19" in teks and f"Rp{t.total:,}".replace(",", ".") in teks
    assert panjang < KALI_PALING_BANYAK * singkat, (panjang, singkat)
