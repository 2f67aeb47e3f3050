"""The waiting-room display fills a laptop-sized TV, a full-HD TV and a
portrait TV: every counter fully on screen, none over another or under the
header, announcement or footer, and every code on one line; closed in the
evening, it says when service opens again."""

import os
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import expect

from antrian import services
from antrian.models import Loket
from conftest import buat_pengguna
from pst_layanan.kalender import WIB

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UKURAN = [(1366, 768), (1920, 1080), (1080, 1920)]
JUMLAH_LOKET = 5
KOTAK = "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.right, r.bottom]; })"


@pytest.fixture
def lima_loket(layanan_b, loket1, supervisor):
    lokets = [loket1]
    for nomor in range(2, JUMLAH_LOKET + 1):
        lk = Loket.objects.create(nomor=nomor)
        lk.layanan.add(layanan_b)
        lokets.append(lk)
    services.atur_pengumuman_layar("Mulai 1 Januari 2027 layanan Sabtu ditiadakan. " * 3, supervisor)
    return lokets


def simpan(page, nama: str) -> None:
    """Next to the other screenshots (tests/aksesibilitas), for a person to look at."""
    folder = Path(os.environ.get("PST_TANGKAPAN_LAYAR") or settings.BASE_DIR / "var" / "tangkapan-layar")
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"layar_{JUMLAH_LOKET}_loket_{nama}.png"))


def periksa_tata_letak(page, lebar: int, tinggi: int) -> list[str]:
    """What a viewer would notice: counters cut off by the screen edge, over
    each other or under another part of the page, and codes broken over lines."""
    kotak = page.eval_on_selector_all(".kartu-loket", KOTAK)
    bagian = page.eval_on_selector_all(
        ".layar-kepala, .layar-kaki, .layar-pengumuman, .layar-tutup, .layar-samping", KOTAK
    )
    baris_kode = page.eval_on_selector_all(
        ".kartu-loket-nomor",
        """els => els.map(e => { const r = document.createRange(); r.selectNodeContents(e);
            const kotak = Array.from(r.getClientRects()).filter(k => k.width > 0);
            return [e.textContent, new Set(kotak.map(k => Math.round(k.top))).size, e.scrollWidth <= e.clientWidth]; })""",
    )
    masalah = []
    assert len(kotak) == JUMLAH_LOKET
    for i, (x, y, kanan, bawah) in enumerate(kotak):
        if x < 0 or y < 0 or kanan > lebar or bawah > tinggi:
            masalah.append(f"loket {i + 1} keluar layar: {kotak[i]}")
        for j, lain in enumerate(kotak[i + 1 :] + bagian, start=i + 1):
            if x < lain[2] and lain[0] < kanan and y < lain[3] and lain[1] < bawah:
                yang_lain = f"loket {j + 1}" if j < len(kotak) else "bagian halaman"
                masalah.append(f"loket {i + 1} menindih {yang_lain}: {lain}")
    for kode, baris, muat in baris_kode:
        if baris != 1 or not muat:
            masalah.append(f"kode {kode!r} tidak dalam satu baris utuh ({baris} baris)")
    return masalah


@pytest.mark.parametrize(("lebar", "tinggi"), UKURAN, ids=[f"{w}x{h}" for w, h in UKURAN])
def test_layar_memenuhi_tv_tanpa_tumpang_tindih(halaman_baru, tiket_untuk, lima_loket, petugas, lebar, tinggi):
    for i in range(8):
        tiket_untuk(buat_pengguna(f"tamu{i}@contoh.id"))
    for lk in lima_loket[:3]:
        services.panggil_berikutnya(lk, petugas)
    page = halaman_baru(viewport={"width": lebar, "height": tinggi})
    page.goto("/antrian/layar/")
    expect(page.locator('.kartu-loket[data-loket="3"] .kartu-loket-nomor')).to_have_text("B-003")
    simpan(page, f"{lebar}x{tinggi}")
    assert periksa_tata_letak(page, lebar, tinggi) == []
    assert page.evaluate("document.documentElement.scrollHeight") <= tinggi
    expect(page.locator(".layar-menunggu")).to_contain_text("B-004")  # what is next
    expect(page.locator(".layar-pengumuman")).to_contain_text("Sabtu ditiadakan")
    assert page.galat_konsol == []


def test_layar_malam_hari_tutup_dengan_pembukaan_berikutnya(halaman_baru, lima_loket):
    with time_machine.travel(datetime(2026, 4, 13, 20, 30, tzinfo=WIB), tick=True):
        page = halaman_baru(viewport={"width": 1366, "height": 768})
        page.goto("/antrian/layar/")
        expect(page.locator(".layar-tutup")).to_contain_text("Tutup")
        expect(page.locator(".layar-tutup")).to_contain_text(
            "Layanan buka kembali Selasa, 14 April 2026 pukul 08.00 WIB"
        )
        expect(page.locator(".kartu-loket-ket").first).to_have_text("Tutup")
        assert "Siap melayani" not in page.content()
        assert periksa_tata_letak(page, 1366, 768) == []
        simpan(page, "tutup_1366x768")
    assert page.galat_konsol == []
