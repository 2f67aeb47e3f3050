"""The guest-book code tables (visit history, quality dashboard) on a
768-wide tablet and a 1024-wide laptop, read in English: each table's visit
count stands inside its box, not behind a sideways scroll of a third of the
screen."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The guest-book code tables wider than their scroll box (id → px hidden).
TERSEMBUNYI = """() => Object.fromEntries([...document.querySelectorAll('table[id^=rekap-], table[id^=dasbor-]')]
  .map(t => [t.id, t.scrollWidth - t.parentElement.clientWidth]).filter(([, lebih]) => lebih > 0))"""


# At 1024 px the three stand side by side, a third of the width each: one
# unbroken label ("Armed forces/Police/Intelligence/Prosecution") pushed the
# institution table's counts out of its box.
@pytest.mark.parametrize("lebar", [768, 1024])
@pytest.mark.parametrize(("peran", "halaman"), [("petugas", "antrian:riwayat"), ("supervisor", "penilaian:dasbor")])
def test_tabel_kode_buku_tamu_muat_di_tablet_dan_laptop(halaman_baru, request, peran, halaman, lebar):
    orang = request.getfixturevalue(peran)
    orang.bahasa = "en"
    orang.save(update_fields=["bahasa"])
    page = halaman_baru(orang, viewport={"width": lebar, "height": 1000})
    page.goto(reverse(halaman))
    assert page.locator("table[id$=-kategori] th").first.inner_text() == "By institution category"
    assert page.evaluate(TERSEMBUNYI) == {}
