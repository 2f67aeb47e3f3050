"""A page shown to someone logged in is theirs alone: no shared proxy may
keep it, and after logging out on a shared computer (the office's kiosk, the
front desk) the browser's back button fetches it again, which then asks for a
login, instead of showing the previous person's data from its cache."""

import pytest
from django.urls import reverse

from tests import pabrik
from tests.keamanan.test_csp import klien_per_peran, url_tanpa_parameter  # noqa: F401

pytestmark = pytest.mark.django_db


def _tidak_disimpan(response) -> bool:
    arahan = {a.strip() for a in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= arahan


def test_setiap_halaman_orang_yang_masuk_tidak_disimpan(klien_per_peran, pengunjung):  # noqa: F811
    urls = sorted(set(url_tanpa_parameter()))
    t = pabrik.transaksi_diajukan(pengunjung)
    urls += [reverse("transaksi:detail", args=[t.nomor]), "/tidak-ada-halaman-ini/"]
    diperiksa = 0
    for nama, client in klien_per_peran.items():
        if nama == "anonim":
            continue
        for url in urls:
            response = client.get(url)
            diperiksa += 1
            assert _tidak_disimpan(response), f"{url} sebagai {nama}: {response.get('Cache-Control')!r}"
    assert diperiksa >= 60


def test_halaman_umum_tanpa_masuk_tetap_boleh_disimpan(client):
    assert not _tidak_disimpan(client.get("/"))
    assert not _tidak_disimpan(client.get(reverse("transaksi:tarif")))


def test_tautan_verifikasi_yang_menampilkan_email_tidak_disimpan(client):
    """The e-mailed verification link is opened without logging in (often on
    a shared or office computer) and its page names the account's address:
    like Django's own set-password link page, no cache may keep it."""
    from conftest import buat_pengguna
    from pst_layanan import akun

    baru = buat_pengguna("sari@contoh.id", email_terverifikasi=False)
    response = client.get(reverse("akun:verifikasi", args=[akun.token_verifikasi(baru)]))
    assert response.status_code == 200 and "sari@contoh.id" in response.content.decode()
    assert _tidak_disimpan(response), response.get("Cache-Control")
