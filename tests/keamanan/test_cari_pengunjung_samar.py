"""The desk's visitor search spans every office's visitors (an account is the
province's; a walk-in may come to this office for the first time), so its
results show who someone is, not how to reach them: the e-mail and phone
number half hidden. A full e-mail or number typed still finds the visitor; a
fragment of one finds nobody, or a search would spell it out."""

import pytest
from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan.data_pribadi import samar_email, samar_telepon
from pst_layanan.roles import RESEPSIONIS

pytestmark = pytest.mark.django_db


def test_hasil_cari_meja_kantor_lain_menyamarkan_kontak(client, kota):
    tamu = buat_pengguna("maya@unib.ac.id", nama_lengkap="Maya Peneliti", telepon="081399990000")
    resepsionis = buat_pengguna("resepsionis1771@bps.go.id", RESEPSIONIS, kantor=kota)
    client.force_login(resepsionis, backend="django.contrib.auth.backends.ModelBackend")

    for q in ("maya", "0813 9999 0000", "+6281399990000", "MAYA@unib.ac.id"):
        html = client.get(reverse("antrian:meja_cari"), {"q": q}, HTTP_HX_REQUEST="true").content.decode()
        assert f'value="{tamu.pk}"' in html and "Maya Peneliti" in html, q
        assert "m***@unib.ac.id" in html and "***0000" in html, q
        assert "maya@unib" not in html and "0813 9999" not in html and "081399990000" not in html, q


def test_potongan_kontak_tidak_mengeja_kontak_pengunjung(client, kota):
    """A receptionist of another office rebuilt a visitor's address from
    whether they appeared for "aya@unib", then "maya@unib", and so on."""
    buat_pengguna("maya@unib.ac.id", nama_lengkap="Maya Peneliti", telepon="081399990000")
    resepsionis = buat_pengguna("resepsionis1771@bps.go.id", RESEPSIONIS, kantor=kota)
    client.force_login(resepsionis, backend="django.contrib.auth.backends.ModelBackend")
    for q in ("aya@unib", "maya@unib.ac", "unib.ac.id", "0813 9999", "99990000"):
        html = client.get(reverse("antrian:meja_cari"), {"q": q}, HTTP_HX_REQUEST="true").content.decode()
        assert "Maya Peneliti" not in html, q


@pytest.mark.parametrize(
    ("nilai", "samar"),
    [("maya@unib.ac.id", "m***@unib.ac.id"), ("@x.id", "***@x.id"), ("bukan-email", "***"), ("", "***")],
)
def test_samar_email(nilai, samar):
    assert samar_email(nilai) == samar


@pytest.mark.parametrize(
    ("nilai", "samar"), [("0813 9999 0000", "***0000"), ("+62-813-1234", "***1234"), ("0813", "***"), ("", "")]
)
def test_samar_telepon(nilai, samar):
    assert samar_telepon(nilai) == samar


@pytest.mark.parametrize("tersimpan", ["6281399990000", "081399990000", "+6281399990000"])
@pytest.mark.parametrize("diketik", ["62 813 9999 0000", "0813 9999 0000", "+62 813-9999-0000"])
def test_nomor_dengan_62_tanpa_plus_satu_nomor_dengan_0_dan_plus_62(tersimpan, diketik):
    """A visitor copying their number from WhatsApp writes 62813…, without
    the plus: the desk typing the same number whole as 0813… (or the other
    way round) has to find them, or it registers them a second time."""
    from antrian.services import cari_pengunjung

    tamu = buat_pengguna("maya@unib.ac.id", nama_lengkap="Maya Peneliti", telepon=tersimpan)
    assert cari_pengunjung(diketik) == [tamu]
