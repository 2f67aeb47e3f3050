"""The counter's skip in a real browser: the first click only asks."""

import pytest

from antrian import services
from antrian.models import StatusTiket, Tiket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lewati_bertanya_dulu(halaman_baru, tiket_untuk, loket1, petugas, pengunjung):
    tiket = tiket_untuk(pengunjung)
    services.panggil(tiket.pk, loket1, petugas)
    loket = halaman_baru(petugas)
    loket.goto(f"/antrian/loket/{loket1.pk}/")
    assert not loket.is_visible("#tombol-lewati")

    loket.get_by_text("Lewati (tidak hadir)").click()  # a mis-click: only the question opens
    assert loket.is_visible("#tombol-lewati")
    assert "B-001 keluar dari antrean sebagai tidak hadir." in loket.inner_text(".konfirmasi-lewati")
    assert Tiket.objects.get().status == StatusTiket.DIPANGGIL

    loket.click("#tombol-lewati")
    loket.wait_for_selector("text=B-001 dilewati (tidak hadir).")
    assert Tiket.objects.get().status == StatusTiket.DILEWATI
    assert loket.galat_konsol == []
