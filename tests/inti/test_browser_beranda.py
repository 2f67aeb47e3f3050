"""The base layout works in a real browser under the Content-Security-Policy."""

import pytest

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
