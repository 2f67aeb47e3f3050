"""A `next` address (after choosing an office, after the online guest book)
leads only to a page of this site, and on the HTTPS site only over HTTPS: an
http:// link back to the same host would drop the visitor to plain HTTP."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from pst_layanan.kantor import kantor
from pst_layanan.roles import halaman_kembali
from tests import pabrik

pytestmark = pytest.mark.django_db

TURUN = "http://testserver/transaksi/"


def test_pilih_kantor_di_https_menolak_next_http(client):
    url = reverse("pilih_kantor")
    kode = kantor().kode
    response = client.post(url, {"kantor": kode, "next": TURUN}, secure=True)
    assert response.status_code == 302 and response.url == reverse("beranda")
    response = client.post(url, {"kantor": kode, "next": "https://testserver/transaksi/"}, secure=True)
    assert response.url == "https://testserver/transaksi/"
    assert client.post(url, {"kantor": kode, "next": TURUN}).url == TURUN  # a plain-HTTP site (development)


def test_buku_tamu_di_https_menolak_next_http(klien_untuk, pengunjung, layanan_b):
    data = {
        "layanan": layanan_b.pk,
        "keperluan": "Mikrodata Sakernas",
        **pabrik.biodata("Andi Pengunjung", jenis_kelamin="L", tahun_lahir="2000", pekerjaan="pelajar"),
        "next": TURUN,
        "pemanfaatan": "penelitian",
        "jenis_layanan": ["berbayar"],
    }
    response = klien_untuk(pengunjung).post(reverse("antrian:buku_tamu"), data, secure=True)
    assert response.status_code == 302 and response.url == reverse("antrian:buku_tamu")


def test_halaman_kembali_di_https_menolak_asal_http():
    request = RequestFactory().post("/akun/bahasa/", secure=True, HTTP_REFERER=TURUN)
    assert halaman_kembali(request) == ""
    request = RequestFactory().post("/akun/bahasa/", secure=True, HTTP_REFERER="https://testserver/transaksi/")
    assert halaman_kembali(request) == "/transaksi/"


@pytest.mark.parametrize("lanjut", ["-1", "x", "akun:hapus", "beranda"])
def test_next_bukan_alamat_kembali_ke_bawaan(client, klien_untuk, pengunjung, layanan_b, lanjut):
    """A `next` that is a bare word, not a path: Django's redirect() looked it
    up as a URL name, so "-1" answered 500 (and a URL name led to that page).
    It leads to the page's own default instead."""
    response = client.post(reverse("pilih_kantor"), {"kantor": kantor().kode, "next": lanjut})
    assert response.status_code == 302 and response.url == reverse("beranda")
    data = {
        "layanan": layanan_b.pk,
        **pabrik.biodata("Andi Pengunjung", jenis_kelamin="L", tahun_lahir="2000", pekerjaan="pelajar"),
        "next": lanjut,
        "pemanfaatan": "penelitian",
        "jenis_layanan": ["berbayar"],
    }
    response = klien_untuk(pengunjung).post(reverse("antrian:buku_tamu"), data)
    assert response.status_code == 302 and response.url == reverse("antrian:buku_tamu")


@pytest.mark.parametrize("asal", ["http://testserver//evil.example/x", "http://testserver/\\evil.example/x?a=1"])
def test_halaman_kembali_dari_asal_berjalur_situs_lain_kosong(asal):
    """A Referer of this host whose path starts "//" (or "/\\", which browsers
    read alike) names another site once cut down to its path: the way back
    (the 413 page's "back" link, the language switcher's `next`) is then
    none, as for such a path in a GET; this site's own pages stay."""
    request = RequestFactory().post("/bahasa/", HTTP_REFERER=asal)
    assert halaman_kembali(request) == ""
    request = RequestFactory().post("/bahasa/", HTTP_REFERER="http://testserver/transaksi/?halaman=2")
    assert halaman_kembali(request) == "/transaksi/?halaman=2"
