"""The visitor's phone learns of the call: announced to screen readers, vibrating, within one refresh."""

import pytest
from playwright.sync_api import expect

from antrian import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_halaman_tiket_mengumumkan_panggilan(halaman_baru, tiket_untuk, loket1, pengunjung, petugas):
    tiket = tiket_untuk(pengunjung)
    ponsel = halaman_baru(viewport={"width": 390, "height": 844})
    ponsel.add_init_script("navigator.vibrate = (pola) => { window.__getar = pola; return true; };")
    ponsel.goto(f"/antrian/t/{tiket.token}/")
    assert ponsel.inner_text("h1") == f"Nomor antrian {tiket.kode}"
    assert ponsel.inner_text("#pengumuman-tiket") == ""  # nothing said while waiting

    services.panggil_berikutnya(loket1, petugas)
    ponsel.wait_for_function(
        "() => document.getElementById('pengumuman-tiket').textContent.includes('Silakan menuju Loket 1')",
        timeout=8000,
    )
    assert ponsel.get_attribute("#pengumuman-tiket", "aria-live") == "assertive"
    assert ponsel.evaluate("window.__getar") == [400, 200, 400]
    assert ponsel.galat_konsol == []


def test_tiket_dilewati_tetap_dipantau_sampai_dipanggil_ulang(halaman_baru, tiket_untuk, loket1, pengunjung, petugas):
    """A skipped visitor is told to ask the desk to be called again: the page
    keeps watching, so the call back reaches the phone like the first call."""
    tiket = tiket_untuk(pengunjung)
    services.panggil(tiket.pk, loket1, petugas)
    services.lewati(tiket.pk, loket1, petugas)
    ponsel = halaman_baru(viewport={"width": 390, "height": 844})
    ponsel.goto(f"/antrian/t/{tiket.token}/")
    assert "Hubungi resepsionis untuk dipanggil ulang" in ponsel.inner_text("#status-tiket")

    services.panggil_ulang(tiket.pk, loket1, petugas)
    ponsel.wait_for_function(
        "() => document.getElementById('pengumuman-tiket').textContent.includes('Silakan menuju Loket 1')",
        timeout=8000,
    )
    assert ponsel.get_attribute("#status-tiket", "data-status") == "dipanggil"
    assert ponsel.galat_konsol == []


def test_tiket_selesai_tidak_lagi_mengaku_diperbarui(halaman_baru, tiket_untuk, loket1, pengunjung, petugas):
    """The phone's ticket page stops refreshing once the visit is done, but
    still told the visitor it updates by itself and to keep it open while
    waiting: the note goes with the last refresh."""
    tiket = tiket_untuk(pengunjung)
    services.panggil(tiket.pk, loket1, petugas)
    services.mulai_layani(tiket.pk, loket1, petugas)
    ponsel = halaman_baru(viewport={"width": 390, "height": 844})
    ponsel.goto(f"/antrian/t/{tiket.token}/")
    catatan = ponsel.get_by_text("Halaman ini diperbarui otomatis.")
    expect(catatan).to_be_visible()

    services.selesai(tiket.pk, loket1, petugas, "penjelasan")
    expect(ponsel.locator("#status-tiket")).to_contain_text("Terima kasih atas kunjungan Anda.", timeout=8000)
    expect(catatan).to_have_count(0)
