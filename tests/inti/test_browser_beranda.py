"""The base layout works in a real browser under the Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from pst_layanan.models import Pengguna

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_beranda_tampil_tanpa_pelanggaran_csp(halaman_baru):
    page = halaman_baru()
    page.goto("/")
    assert "Layanan Produk Statistik Berbayar" in page.inner_text("h1")
    assert "Jam layanan" in page.inner_text("footer")
    # htmx and Bootstrap loaded from static/ (no CDN) and allowed by the CSP.
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("typeof bootstrap") == "object"
    assert page.galat_konsol == []


def test_alur_layanan_inggris_tidak_keluar_layar_ponsel(halaman_baru, live_server):
    # The step durations are badges, which never wrap by themselves: in English
    # "within 10 working days after they are complete" is wider than a phone.
    page = halaman_baru(viewport={"width": 375, "height": 740})
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies([{"name": "pst_bahasa", "value": "en", "domain": host, "path": "/"}])
    page.goto("/")
    assert "within 10 working days after they are complete" in page.inner_text("#alur + ol")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_menu_pengunjung_satu_baris_di_layar_desktop(halaman_baru, pengunjung, bahasa):
    # The visitor's menu in English once wrapped its labels ("How the service
    # works" on three lines), the navbar 80 px tall at 1366 px against 56 px
    # in Indonesian; at 1024 px nothing may stick out sideways.
    Pengguna.objects.filter(pk=pengunjung.pk).update(bahasa=bahasa)
    page = halaman_baru(pengunjung, viewport={"width": 1366, "height": 800})
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", bahasa)
    assert page.locator("nav.navbar").bounding_box()["height"] <= 60
    page.set_viewport_size({"width": 1024, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    assert page.evaluate(
        "[...document.querySelectorAll('nav.navbar .nav-link')].every(a => a.scrollWidth <= a.clientWidth)"
    )
