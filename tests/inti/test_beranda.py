"""The home page leads a newcomer to what they came for."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_beranda_menautkan_tarif_dan_persyaratan_dari_isi_halaman(client):
    """On a phone the menu is folded away: the product cards themselves must
    lead to the tariffs and required documents, not only the menu."""
    isi = client.get(reverse("beranda")).content.decode().split('<main id="konten"', 1)[1]
    assert f'href="{reverse("transaksi:tarif")}"' in isi
    assert "Lihat tarif dan dokumen persyaratan" in isi


def test_tautan_tarif_beranda_berbahasa_inggris(client):
    client.cookies["pst_bahasa"] = "en"
    assert "See tariffs and required documents" in client.get(reverse("beranda")).content.decode()
