"""In the browser: a visitor rates a delivered transaction, then the supervisor's
dashboard shows the new IKM (screenshot saved under test-artifacts/)."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.penilaian.conftest import transaksi_diserahkan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pengunjung_menilai_lalu_dasbor_menampilkan_ikm(halaman_baru, pengunjung, petugas, supervisor):
    t = transaksi_diserahkan(pengunjung, petugas)

    page = halaman_baru(pengunjung)
    page.goto(t.get_absolute_url())
    page.get_by_role("link", name="Beri penilaian").click()
    for kode in range(1, 10):
        skor = 3 if kode == 3 else 4  # U3 "Cepat", the rest the best answer
        page.locator(f"label[for='id_u{kode}_{skor}']").click()
    page.locator("#id_umpan_balik").fill("Petugas sangat membantu.")
    page.get_by_role("button", name="Kirim penilaian").click()
    page.get_by_text("Terima kasih atas penilaian Anda").wait_for()
    assert page.galat_konsol == []

    dasbor = halaman_baru(supervisor, viewport={"width": 1280, "height": 1800})
    dasbor.goto("/penilaian/dasbor/")
    # (8 × 4 + 3) / 9 × 25 = 97,22 → A
    assert dasbor.locator("#nilai-ikm").inner_text() == "97,22"
    assert "Mutu A" in dasbor.locator("#mutu-ikm").inner_text()
    dasbor.locator("canvas[data-grafik='data-ikm']").wait_for()
    sumbu = "(n, s) => Chart.getChart(document.querySelector(`canvas[data-grafik='${n}']`)).scales[s].ticks"
    # Visit counts: whole-number ticks only. The nine elements: each named on the axis by its code.
    kunjungan = dasbor.evaluate(f"({sumbu})('data-kunjungan', 'y').map(t => t.value)")
    assert kunjungan and all(float(v).is_integer() for v in kunjungan)
    assert dasbor.evaluate(f"({sumbu})('data-ikm', 'x').map(t => t.label)") == [f"U{i}" for i in range(1, 10)]
    assert dasbor.galat_konsol == []
    folder = Path(settings.BASE_DIR) / "test-artifacts"
    folder.mkdir(exist_ok=True)
    dasbor.screenshot(path=str(folder / "penilaian-dasbor.png"), full_page=True)
