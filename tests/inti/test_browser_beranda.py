"""The base layout works in a real browser under the Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from conftest import buat_pengguna
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
    # "within 10 working days after the requirements are complete" is wider
    # than a phone. The circle of the steps 6–7 holds both numbers.
    page = halaman_baru(viewport={"width": 375, "height": 740})
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies([{"name": "pst_bahasa", "value": "en", "domain": host, "path": "/"}])
    page.goto("/")
    assert "within 10 working days after the requirements are complete" in page.inner_text("#alur ~ ol")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate("[...document.querySelectorAll('.langkah-nomor')].every(n => n.scrollWidth <= n.clientWidth)")


def _buka_menu_di_layar_desktop(halaman_baru, user, bahasa):
    """The home page as `user` reading `bahasa`: at 1366 px the navbar is one
    row (56 px, ≤ 60), at 1024 px nothing sticks out sideways, no link's label
    is clipped. Returns the page, left at 1024 px."""
    Pengguna.objects.filter(pk=user.pk).update(bahasa=bahasa)
    page = halaman_baru(user, viewport={"width": 1366, "height": 800})
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", bahasa)
    assert page.locator("nav.navbar").bounding_box()["height"] <= 60
    page.set_viewport_size({"width": 1024, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    assert page.evaluate(
        "[...document.querySelectorAll('nav.navbar .nav-link')].every(a => a.scrollWidth <= a.clientWidth)"
    )
    return page


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_menu_pengunjung_satu_baris_di_layar_desktop(halaman_baru, pengunjung, bahasa):
    # The visitor's menu in English once wrapped its labels ("How the service
    # works" on three lines), the navbar 80 px tall at 1366 px against 56 px
    # in Indonesian; at 1024 px nothing may stick out sideways.
    _buka_menu_di_layar_desktop(halaman_baru, pengunjung, bahasa)


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_menu_bendahara_satu_baris_di_layar_desktop(halaman_baru, bahasa):
    # Four links side by side (the refunds to pay among them) wrapped the
    # treasurer's bar onto two rows at 1366 px beside a longer user name.
    _buka_menu_di_layar_desktop(halaman_baru, buat_pengguna("bendahara@bps.go.id", "Bendahara"), bahasa)


@pytest.mark.parametrize("bahasa", ["id", "en"])
@pytest.mark.parametrize("peran", ["Supervisor", "Pengawas Provinsi"])
def test_menu_supervisor_satu_baris_di_layar_desktop(halaman_baru, peran, bahasa):
    # A supervisor (and the province supervisor) holds the officer's and the
    # treasurer's menus beside its own: side by side as links they wrapped the
    # navbar onto two rows (104 px at 1366 px) and pushed the page up to 155 px
    # past a 1024 px window.
    page = _buka_menu_di_layar_desktop(halaman_baru, buat_pengguna("hendrawan@bps.go.id", peran), bahasa)
    # On a phone the collapsed menu opens, and every dropdown shows its links
    # inside the screen.
    page.set_viewport_size({"width": 390, "height": 800})
    page.click(".navbar-toggler")
    for menu in page.locator("#navUtama .dropdown").all():
        menu.locator(".dropdown-toggle").click()
        tautan = menu.locator(".dropdown-item")
        expect(tautan.last).to_be_visible()
        assert all(t.bounding_box()["x"] + t.bounding_box()["width"] <= 390 for t in tautan.all())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
