"""An address that only takes a form, opened as a page: a page that says so,
in the reader's language, with its 405 status and Allow header, never a blank
page. Other callers (HEAD, PUT) keep Django's bare 405."""

import pytest
from django.urls import reverse

from tests.transaksi.test_pembayaran import menunggu_pembayaran

pytestmark = pytest.mark.django_db


def test_alamat_kiriman_formulir_dibuka_langsung_menjelaskan_diri(pengunjung, petugas, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    alamat = reverse("transaksi:bukti_verifikasi", args=[t.nomor])
    r = klien_untuk(petugas).get(alamat)
    assert r.status_code == 405 and r["Allow"] == "POST"
    html = r.content.decode()
    assert "Alamat ini untuk kiriman formulir" in html and "Kembali ke beranda" in html
    petugas.bahasa = "en"
    petugas.save(update_fields=["bahasa"])
    assert "This address is for sending a form" in klien_untuk(petugas).get(alamat).content.decode()


def test_metode_lain_tetap_405_tanpa_halaman(pengunjung, petugas, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    r = klien_untuk(petugas).put(reverse("transaksi:bukti_verifikasi", args=[t.nomor]))
    assert r.status_code == 405 and r.content == b""
