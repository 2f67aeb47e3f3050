"""The display keeps its voice choice across reloads, so a restarted TV speaks again by itself."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pilihan_suara_bertahan_setelah_muat_ulang(halaman_baru, selalu_buka, layanan_b, loket1):
    layar = halaman_baru(viewport={"width": 1920, "height": 1080})
    layar.goto("/antrian/layar/")
    tombol = layar.locator("#aktifkan-suara")
    assert tombol.get_attribute("aria-pressed") == "false"
    tombol.click()
    layar.reload()
    assert "Suara aktif" in tombol.inner_text() and tombol.get_attribute("aria-pressed") == "true"
    tombol.click()  # switched off again: also remembered
    layar.reload()
    assert "Aktifkan suara" in tombol.inner_text() and tombol.get_attribute("aria-pressed") == "false"
    assert layar.galat_konsol == []
