"""A NUL character anywhere in a request is refused with 400 and an
Indonesian page, never a 500 from the database (PostgreSQL cannot hold it)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pencarian_meja_dengan_nul_ditolak(klien_untuk, resepsionis):
    response = klien_untuk(resepsionis).get(reverse("antrian:meja_cari"), {"q": "siti\x00"})
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.content.decode()


def test_nomor_transaksi_dengan_nul_di_alamat_ditolak(klien_untuk, pengunjung):
    assert klien_untuk(pengunjung).get("/transaksi/PST-2026%00/").status_code == 400


def test_isian_form_dengan_nul_ditolak_tanpa_menyimpan(client):
    from urllib.parse import urlencode

    from pst_layanan.models import Pengguna

    data = {"email": "a@b.id", "nama_lengkap": "Sit\x00i"}
    biasa = client.post(reverse("akun:daftar"), urlencode(data), content_type="application/x-www-form-urlencoded")
    assert biasa.status_code == 400
    # A multipart body is left to the form, whose fields refuse NUL themselves.
    multipart = client.post(reverse("akun:daftar"), data)
    assert multipart.status_code == 200 and "Karakter null tidak diizinkan" in multipart.content.decode()
    assert not Pengguna.objects.exists()


def test_halaman_404_berbahasa_indonesia(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_kuki_sesi_dengan_nul_dianggap_tanpa_sesi(client):
    """A session cookie holding NUL (a quoted value's octal escape) is no
    session at all, never a key sent to the database: PostgreSQL refuses it,
    and every page would answer 500 to that browser."""
    from importlib import import_module

    from django.conf import settings

    kunci = "abcdefgh\x00ijklmnop"
    assert import_module(settings.SESSION_ENGINE).SessionStore(kunci).session_key is None
    response = client.get(reverse("beranda"), HTTP_COOKIE=f'{settings.SESSION_COOKIE_NAME}="abcdefgh\\000ijklmnop"')
    assert response.status_code == 200
