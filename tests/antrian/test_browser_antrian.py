"""The whole front desk in a real browser: desk → counter → display → public page."""

import time

import pytest

from antrian.models import Tiket
from tests.peramban import daftarkan_walkin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_walkin_dipanggil_tampil_di_layar_dalam_2_detik(
    halaman_baru, selalu_buka, layanan_b, loket1, loket2, resepsionis, petugas
):
    layar = halaman_baru(viewport={"width": 1920, "height": 1080})
    layar.goto("/antrian/layar/")
    layar.click("#aktifkan-suara")
    assert "Suara aktif" in layar.inner_text("#aktifkan-suara")

    # Receptionist: a new walk-in, registered and given a ticket with one button.
    meja = halaman_baru(resepsionis)
    meja.add_init_script("window.print = () => { window.__dicetak = true; };")
    meja.goto("/antrian/meja/")
    daftarkan_walkin(meja, "rahmat@contoh.id", "Rahmat Walk-in")
    meja.wait_for_url("**/antrian/tiket/*/cetak/?cetak=1")
    assert meja.inner_text(".tiket-nomor") == "B-001"
    meja.wait_for_function("window.__dicetak === true")
    token = Tiket.objects.get().token

    # Officer at counter 2 calls the next ticket.
    loket = halaman_baru(petugas)
    loket.goto(f"/antrian/loket/{loket2.pk}/")
    loket.click("#tombol-berikutnya")
    loket.wait_for_selector("#kode-aktif")
    dipanggil = time.monotonic()

    # The display, open all along, shows it at counter 2 within 2 seconds.
    layar.wait_for_function(
        """() => document.querySelector('.kartu-loket[data-loket="2"] .kartu-loket-nomor').textContent.trim() === 'B-001'""",
        timeout=2000,
    )
    jeda = time.monotonic() - dipanggil
    assert jeda < 2.0
    layar.wait_for_function("document.body.dataset.pengumumanTerakhir !== undefined", timeout=2000)
    assert layar.evaluate("document.body.dataset.pengumumanTerakhir") == (
        "Nomor antrian B nol nol satu, silakan menuju loket dua"
    )

    # The public page behind the ticket's QR code.
    publik = halaman_baru()
    publik.goto(f"/antrian/t/{token}/")
    assert "dipanggil" in publik.inner_text("#label-status").lower()
    assert "Loket 2" in publik.inner_text("#status-tiket")
    assert "Rahmat" not in publik.content()

    for halaman in (layar, meja, loket, publik):
        assert halaman.galat_konsol == []
    print(f"\n[browser] layar menampilkan B-001 {jeda:.2f} s setelah dipanggil")
