"""The visitor's pages on a 390×844 phone: no table wider than the screen (no
Subtotal or Total cut off behind a sideways scroll), the columns still named,
and what the visitor must do now within the first screen."""

import pytest
from django.urls import reverse

from pst_layanan.models import Pengguna
from tests import pabrik
from tests.transaksi.test_pembayaran import isian, menunggu_pembayaran
from transaksi import services
from transaksi.services import pembayaran

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PONSEL = {"width": 390, "height": 844}

# Every element wider than its box, or reaching past the right edge of the screen.
MELEBAR = """() => {
  const lebar = document.documentElement.clientWidth;
  const keluar = [];
  if (document.documentElement.scrollWidth > lebar) keluar.push('halaman ' + document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll('.table-responsive, table, td, th')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || el.closest('.tabel-tumpuk thead')) continue;  // the header row is visually hidden
    if (el.scrollWidth > el.clientWidth + 1 || r.right > lebar + 1) {
      keluar.push(el.tagName + ' ' + (el.dataset.label || el.className) + ' ' + Math.round(r.right));
    }
  }
  return keluar;
}"""


def test_tabel_bertumpuk_tanpa_luapan_dan_aksi_di_layar_pertama(halaman_baru, pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    page = halaman_baru(pengunjung, viewport=PONSEL)
    for url in (reverse("transaksi:tarif"), reverse("transaksi:saya"), t.get_absolute_url()):
        page.goto(url)
        assert page.evaluate(MELEBAR) == [], url

    # Subtotal and Total are read on screen with their column names, and are still table cells.
    subtotal = page.locator("#item td[data-label='Subtotal']").first
    assert subtotal.is_visible() and "Rp50.000" in subtotal.inner_text()
    assert page.evaluate("getComputedStyle(document.querySelector('#item td[data-label]'), '::before').content") in (
        '"Jumlah"',
        "Jumlah",
    )
    assert page.get_by_role("columnheader", name="Subtotal").count() == 1

    # The payment box (billing code and the proof form) starts within the first screen.
    aksi = page.locator("#aksi-sekarang #panel-pembayaran")
    assert aksi.bounding_box()["y"] < PONSEL["height"]
    assert page.locator("#aksi-sekarang [data-kode-billing]").first.bounding_box()["y"] < PONSEL["height"] * 1.5
    assert page.galat_konsol == []


def test_rekonsiliasi_di_ponsel_tanpa_luapan(halaman_baru, pengunjung, petugas, bendahara):
    """The treasurer's monthly reconciliation on a phone: the table of what was
    billed per product and tariff line pushed the whole page sideways, as wide
    as its product names and tariff bases; it now scrolls inside its own box,
    like the lists below it."""
    # A product whose English name has a long unbroken word ("processing/tabulation").
    t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung, kode="mikrodata-olah"), petugas)
    pembayaran.terbitkan_tagihan(t, petugas, isian(jumlah=f"{t.total:,}".replace(",", ".")))
    Pengguna.objects.filter(pk=bendahara.pk).update(bahasa="en")  # English words run longer
    page = halaman_baru(bendahara, viewport=PONSEL)
    page.goto(reverse("transaksi:rekonsiliasi"))
    assert page.locator("td", has_text="Microdata with processing/tabulation").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]
