"""An officer works from the deadline board, their start page: a transaction
opened from the board, and acted on, leads back to the board as they left it
(its filters and page), not to the check list."""

import re

import pytest
from django.urls import reverse

from tests import pabrik
from tests.transaksi.test_pembayaran import menunggu_pembayaran
from transaksi.models import Status

pytestmark = pytest.mark.django_db


def _jejak(html: str) -> tuple[str, str]:
    """The first link of the breadcrumb: (href, words)."""
    return re.search(r'<ol class="breadcrumb">.*?href="([^"]+)">([^<]+)<', html, re.S).groups()


def test_jejak_kembali_ke_papan_tenggat_dengan_saringannya(pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_diajukan(pengunjung)
    kantor = klien_untuk(petugas)
    kantor.get(reverse("transaksi:tenggat"), {"tanpa_petugas": "on", "status": "diajukan"})
    r = kantor.get(t.get_absolute_url(), follow=True)  # the board's link
    papan = reverse("transaksi:tenggat") + "?tanpa_petugas=on&amp;status=diajukan"
    assert _jejak(r.text) == (papan, "Tenggat")

    r = kantor.post(reverse("transaksi:periksa_lengkap", args=[t.nomor]), follow=True)
    assert r.context["t"].status == Status.MENUNGGU_TAGIHAN
    assert _jejak(r.text) == (papan, "Tenggat")

    kantor.get(reverse("transaksi:periksa"), {"milik": "saya"})  # back on the check list
    r = kantor.get(reverse("transaksi:periksa_detail", args=[t.nomor]))
    assert _jejak(r.text) == (reverse("transaksi:periksa") + "?milik=saya", "Pemeriksaan")


def test_halaman_pembayaran_petugas_langsung_kembali_ke_daftarnya(pengunjung, petugas, klien_untuk):
    """Every invoice, payment check and delivery lands the officer on the
    payment page: its breadcrumb leads straight back to their list, not
    through the transaction's check page first. The visitor's has no such link."""
    t = menunggu_pembayaran(pengunjung, petugas)
    kantor = klien_untuk(petugas)
    kantor.get(reverse("transaksi:tenggat"), {"saya": "on"})
    html = kantor.get(reverse("transaksi:pembayaran", args=[t.nomor])).text
    assert _jejak(html) == (reverse("transaksi:tenggat") + "?saya=on", "Tenggat")

    html = klien_untuk(pengunjung).get(reverse("transaksi:pembayaran", args=[t.nomor])).text
    assert _jejak(html)[0] == t.get_absolute_url()


def test_jejak_dari_daftar_transaksi_pengunjung_kembali_ke_sana(pengunjung, petugas, klien_untuk):
    """The counter opens the served visitor's transactions: a transaction
    opened there leads back to that list, not to the board or check list
    the officer last used."""
    t = pabrik.transaksi_diajukan(pengunjung)
    kantor = klien_untuk(petugas)
    kantor.get(reverse("transaksi:tenggat"))
    daftar = reverse("transaksi:pengunjung", args=[pengunjung.pk])
    kantor.get(daftar)
    r = kantor.get(reverse("transaksi:periksa_detail", args=[t.nomor]))
    assert _jejak(r.text) == (daftar, "Transaksi pengunjung")
