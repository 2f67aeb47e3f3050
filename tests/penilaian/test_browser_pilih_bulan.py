"""The monthly pages on a 375-pixel phone: with a past month chosen the month
picker shows both arrows, and nothing (the next month, the downloads, the
dashboard's guest-book code tables) runs off the right edge of the screen."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PONSEL = {"width": 375, "height": 740}


def test_pemilih_bulan_tidak_keluar_layar_ponsel(halaman_baru, supervisor):
    # In English the guest-book code tables carry labels such as
    # "Armed forces/Police/Intelligence/Prosecution", wider than the screen.
    supervisor.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    page = halaman_baru(supervisor, viewport=PONSEL)
    page.goto(reverse("penilaian:dasbor"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]
    for nama in ("penilaian:dasbor", "penilaian:skm", "transaksi:rekonsiliasi", "antrian:buku_tamu_bulanan"):
        page.goto(f"{reverse(nama)}?bulan=2026-01")
        berikutnya = page.locator("form:has(input[name=bulan]) a").last
        assert "Feb" in berikutnya.inner_text(), nama
        lebar = page.evaluate("document.documentElement.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= lebar, nama
        assert berikutnya.bounding_box()["x"] + berikutnya.bounding_box()["width"] <= lebar, nama
    assert page.galat_konsol == []
