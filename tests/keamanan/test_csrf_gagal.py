"""A form whose CSRF token no longer holds (opened before logging in or out
in another tab, or with cookies blocked) is refused with the site's own error
page in the reader's language, with the way back: not Django's bare page,
which tells a visitor that "more information is available with DEBUG=True"."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def produksi(settings):
    settings.DEBUG = False


def test_form_masuk_dari_tab_lama_mendapat_halaman_galat_situs(produksi):
    klien = Client(enforce_csrf_checks=True)
    r = klien.post(reverse("login"), {"username": "andi@contoh.id", "password": "sandi-uji-123"})
    assert r.status_code == 403
    html = r.content.decode()
    assert "Formulir kedaluwarsa" in html and "Muat ulang halamannya, lalu kirim lagi." in html
    assert f'href="{reverse("beranda")}"' in html
    assert "DEBUG=True" not in html and "Verifikasi CSRF gagal" not in html


def test_halaman_galat_csrf_dalam_bahasa_pembaca(produksi, pengunjung):
    klien = Client(enforce_csrf_checks=True)
    klien.force_login(pengunjung, backend="django.contrib.auth.backends.ModelBackend")
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    r = klien.post(reverse("akun:profil"), {"nama_lengkap": "Andi"})
    assert r.status_code == 403
    html = r.content.decode()
    assert "Form expired" in html and "Reload the page, then send it again." in html
    assert "Formulir" not in html
    # The site's shell for who is logged in: their menu, with its way out,
    # which a fresh token lets them use.
    assert f'action="{reverse("logout")}"' in html and 'name="csrfmiddlewaretoken"' in html
