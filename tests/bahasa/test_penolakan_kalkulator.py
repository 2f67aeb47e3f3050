"""The tariff calculator's refusals (an htmx fragment a visitor gets while
typing) go through the catalogue like the pages around them: a unit named in
a refusal is the reader's word for it, not the office's code."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.bahasa import pseudo

pytestmark = pytest.mark.django_db

PENOLAKAN = [
    ("mikrodata-tanpa-olah", "2.5", "byte"),
    ("mikrodata-olah", "0.0000005", "mb"),
    ("publikasi-elektronik", "1.5", ""),
    ("peta-kabkota-desa", "2.5", ""),
    ("publikasi-elektronik", "0", ""),
    ("publikasi-elektronik", "abc", ""),
    ("publikasi-elektronik", "-3", ""),
    ("mikrodata-tanpa-olah", "2000000", "mb"),
]


def _tolak(client, produk, jumlah, ukuran, **header) -> str:
    r = client.get(
        reverse("transaksi:tarif_hitung"),
        {"produk": produk, "jumlah": jumlah, "ukuran": ukuran},
        HTTP_HX_REQUEST="true",
        **header,
    )
    return r.content.decode()


def test_jumlah_data_pecahan_ditolak_dengan_satuan_inggris(client):
    teks = _tolak(client, "mikrodata-tanpa-olah", "2.5", "byte", HTTP_ACCEPT_LANGUAGE="en")
    assert "The quantity must be a whole number of bytes." in teks
    teks = _tolak(client, "peta-kabkota-desa", "2.5", "", HTTP_ACCEPT_LANGUAGE="en")
    assert "The quantity must be a whole number of maps." in teks


@pytest.mark.parametrize(("produk", "jumlah", "ukuran"), PENOLAKAN)
def test_setiap_penolakan_kalkulator_lewat_katalog(produk, jumlah, ukuran, client, bahasa_pseudo, monkeypatch):
    # Here a unit is the catalogue's word too (elsewhere "byte" may stand for the
    # unit's own code, which reads the same in both languages).
    monkeypatch.setattr(pseudo, "TETAP", pseudo.TETAP - {"byte", "bytes"})
    client.cookies["pst_bahasa"] = bahasa_pseudo
    teks = pseudo.teks_html(_tolak(client, produk, jumlah, ukuran))
    assert pseudo.BUKA in teks
    assert not pseudo.sisa_teks(teks, pseudo.nilai_data()), teks
