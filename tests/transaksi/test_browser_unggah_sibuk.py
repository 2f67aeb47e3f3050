"""While a visitor's file is on its way (a 10 MB scan on a phone's connection
takes a minute), the button they pressed says so and cannot be pressed again;
before, the page looked as if nothing had happened."""

import json

import pytest
from playwright.sync_api import expect

from tests import pabrik
from tests.transaksi.test_browser_transaksi import _pdf
from tests.transaksi.test_pembayaran import menunggu_pembayaran

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PONSEL = {"width": 390, "height": 844}


def _kirim(page, form) -> None:
    """Send `form` with a file. The pressed button's [disabled, text] once sent
    is kept in window.name, which outlives the page."""
    page.evaluate(
        """() => document.addEventListener('submit', e => {
             const b = e.target.querySelector('button[type=submit]');
             window.name = JSON.stringify([b.disabled, b.textContent.trim()]);
           })"""
    )
    form.locator("input[type=file]").set_input_files(_pdf("scan.pdf"))
    form.locator("button[type=submit]").click()


def _tombol_saat_menunggu(page) -> list:
    return json.loads(page.evaluate("window.name") or "null")


def test_tombol_unggah_dokumen_menunjukkan_sedang_mengunggah(halaman_baru, pengunjung):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    page = halaman_baru(pengunjung, viewport=PONSEL)
    page.goto(t.get_absolute_url())
    form = page.locator("form[action*='/dokumen/']").first
    _kirim(page, form)
    expect(page.locator(".alert-success, .alert-info").first).to_contain_text("scan.pdf")
    assert _tombol_saat_menunggu(page) == [True, "Mengunggah…"]
    assert page.galat_konsol == []


def test_tombol_bukti_bayar_menunjukkan_sedang_mengunggah(halaman_baru, pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    page = halaman_baru(pengunjung, viewport=PONSEL)
    page.goto(t.get_absolute_url())
    form = page.locator("#form-bukti")
    form.locator("input[name$=ntpn]").fill("0A1B2C3D4E5F6G7H")
    _kirim(page, form)
    expect(page.get_by_text("Bukti bayar terkirim")).to_be_visible()
    assert _tombol_saat_menunggu(page) == [True, "Mengunggah…"]
