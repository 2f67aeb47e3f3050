"""In the browser: a visitor rates a delivered transaction, then the supervisor's
dashboard shows the new IKM (screenshot saved under test-artifacts/)."""

from datetime import date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from penilaian.models import LaporanBulanan, Penilaian
from pst_layanan.kalender import WIB
from pst_layanan.models import kantor_bawaan
from tests.penilaian.conftest import buat_penilaian_massal, transaksi_diserahkan
from tests.transaksi.test_browser_ponsel import PONSEL, TAUTAN

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


def test_laporan_bulanan_di_ponsel_tanpa_luapan(halaman_baru, supervisor):
    """The monthly report on a phone: its SOP compliance table (seven columns)
    scrolls inside its own box instead of pushing the whole page sideways."""
    lap = LaporanBulanan.objects.create(bulan=date(2026, 3, 1), kantor_id=kantor_bawaan(), status="siap")
    page = halaman_baru(supervisor, viewport=PONSEL)
    page.goto(reverse("penilaian:laporan_detail", args=[lap.pk]))
    assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]


def test_saran_berisi_tautan_di_laporan_bulanan_ponsel_tanpa_luapan(halaman_baru, pengunjung, supervisor):
    """A visitor's suggestion often holds a link, one long word: in the
    monthly report on a phone it wraps inside its box, as in the report's
    PDF, and never pushes the whole page sideways."""
    (p,) = buat_penilaian_massal(pengunjung, [[4] * 9], datetime(2026, 3, 10, 10, tzinfo=WIB))
    Penilaian.objects.filter(pk=p.pk).update(umpan_balik=f"Mohon tabel seperti di {TAUTAN}")
    lap = LaporanBulanan.objects.create(bulan=date(2026, 3, 1), kantor_id=kantor_bawaan(), status="siap")
    page = halaman_baru(supervisor, viewport=PONSEL)
    page.goto(reverse("penilaian:laporan_detail", args=[lap.pk]))
    assert page.locator(".umpan", has_text=TAUTAN).count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]
