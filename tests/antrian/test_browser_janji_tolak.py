"""The officer's appointment list on a 1280-wide laptop, a 768-wide tablet
and a 390-wide phone: the reason box beside Refuse shows its whole
placeholder, in English too, and it, Confirm and Refuse stand on screen."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.antrian.test_janji_batal import _janji

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# How much of each reason box's placeholder does not fit inside it (in px).
PLACEHOLDER_TERPOTONG = """() => [...document.querySelectorAll('input[name=alasan]')].map(el => {
  const cs = getComputedStyle(el);
  const ukur = document.createElement('canvas').getContext('2d');
  ukur.font = cs.font;
  const muat = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  return Math.max(0, Math.ceil(ukur.measureText(el.placeholder).width - muat));
})"""


@pytest.mark.parametrize("lebar", [1280, 768, 390])
def test_kotak_alasan_tolak_memuat_placeholder(halaman_baru, petugas, pengunjung, layanan_b, lebar):
    janji = _janji(pengunjung, layanan_b)
    janji.keperluan = "Konsultasi data kemiskinan kabupaten/kota 2020–2025 untuk skripsi"
    janji.waktu = timezone.now() + timedelta(days=7)  # still to come in the browser's present: confirmable
    janji.save(update_fields=["keperluan", "waktu"])
    pengunjung.email = "andi.pratama.statistika@universitas.ac.id"
    pengunjung.save(update_fields=["email"])
    petugas.bahasa = "en"
    petugas.save(update_fields=["bahasa"])
    page = halaman_baru(petugas, viewport={"width": lebar, "height": 800})
    page.goto(reverse("antrian:janji_petugas"))
    assert page.get_attribute("input[name=alasan]", "placeholder") == "Reason for refusal"
    assert page.evaluate(PLACEHOLDER_TERPOTONG) == [0]
    # ... and the box and Refuse stand on screen, not behind a sideways scroll.
    tombol = [page.get_by_role("button", name=nama) for nama in ("Confirm", "Refuse")]
    for bagian in (page.locator("input[name=alasan]"), *tombol):
        kotak = bagian.bounding_box()
        assert kotak["x"] + kotak["width"] <= lebar
    assert page.evaluate("document.querySelector('.table-responsive').scrollWidth") <= lebar
