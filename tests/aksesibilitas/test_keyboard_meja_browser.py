"""The front desk with the keyboard alone: search, pick the visitor, choose the
service, issue and print the ticket, and be back in the search box for the next one."""

import pytest

from antrian.models import Tiket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fokus(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.tagName")


def tab_ke(page, selektor: str, maks: int = 60) -> int:
    """Press Tab until `selektor` has focus; the number of presses (fails if never reached)."""
    for n in range(1, maks + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selektor):
            return n
    raise AssertionError(f"{selektor} tidak tercapai dengan Tab ({maks}×); fokus terakhir: {fokus(page)}")


def pilih(page, selektor: str, nilai: str) -> None:
    """Move a focused <select> with the arrow keys until it shows `nilai`."""
    for _ in range(20):
        if page.eval_on_selector(selektor, "e => e.value") == nilai:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{selektor}: {nilai} tidak terpilih dengan panah")


def test_meja_dari_cari_sampai_tiket_tercetak_hanya_dengan_keyboard(
    halaman_baru, selalu_buka, layanan_b, loket1, resepsionis, pengunjung
):
    page = halaman_baru(resepsionis)
    page.add_init_script("window.print = () => { window.__dicetak = true; };")
    page.goto("/antrian/meja/")
    assert fokus(page) == "cari"

    page.keyboard.type("andi")
    page.wait_for_selector(f'#hasil-cari input[value="{pengunjung.pk}"]')
    page.keyboard.press("Enter")  # picks the first match, focus on it
    assert page.evaluate("document.activeElement.value") == str(pengunjung.pk)
    assert page.eval_on_selector("#biodata-baru", "e => e.disabled")  # so Tab skips the new-visitor fields

    tab_ke(page, "#id_layanan")
    pilih(page, "#id_layanan", str(layanan_b.pk))
    tab_ke(page, "#id_keperluan")
    page.keyboard.type("Data kemiskinan kabupaten")
    tab_ke(page, "#id_bt-pemanfaatan")
    pilih(page, "#id_bt-pemanfaatan", "penelitian")
    tab_ke(page, "#id_bt-sarana")
    pilih(page, "#id_bt-sarana", "langsung")
    tab_ke(page, "#id_bt-jenis_layanan_0")
    page.keyboard.press("Space")
    tab_ke(page, "#tombol-terbitkan")
    page.keyboard.press("Enter")

    page.wait_for_url("**/antrian/tiket/*/cetak/?cetak=1")
    page.wait_for_function("window.__dicetak === true")
    tiket = Tiket.objects.select_related("kunjungan").get()
    assert tiket.kunjungan.pengunjung_id == pengunjung.pk and tiket.kunjungan.keperluan == "Data kemiskinan kabupaten"
    assert page.inner_text(".tiket-nomor") == tiket.kode
    # Focus is not lost after printing: Enter goes back to the desk, ready for the next visitor.
    assert fokus(page) == "kembali-meja"
    page.keyboard.press("Enter")
    page.wait_for_url("**/antrian/meja/")
    assert fokus(page) == "cari"
    assert page.galat_konsol == []


def test_penyegaran_panel_antrian_tidak_mencuri_fokus(halaman_baru, selalu_buka, tiket_untuk, resepsionis, pengunjung):
    tiket = tiket_untuk(pengunjung)
    page = halaman_baru(resepsionis)
    page.goto("/antrian/meja/")
    tombol = page.get_by_role("link", name=f"Cetak ulang tiket {tiket.kode}")
    tombol.focus()
    page.wait_for_timeout(6_000)  # longer than the panel's 5-second refresh
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"/antrian/tiket/{tiket.pk}/cetak/"


def test_penyegaran_antrean_loket_tidak_mencuri_fokus(halaman_baru, tiket_untuk, loket1, pengunjung, petugas):
    """At the counter the waiting list refreshes every 5 seconds too: an
    officer who tabbed to "Panggil" for one ticket found focus thrown to the
    page's top, the next Tab landing in the footer. It waits as the desk's does."""
    tiket = tiket_untuk(pengunjung)
    page = halaman_baru(petugas)
    page.goto(f"/antrian/loket/{loket1.pk}/")
    tombol = page.locator("#antrian-loket button", has_text=tiket.kode)
    tombol.focus()
    page.wait_for_timeout(6_000)  # longer than the panel's 5-second refresh
    assert page.evaluate("document.activeElement.closest('#antrian-loket button')?.innerText") == tombol.inner_text()
