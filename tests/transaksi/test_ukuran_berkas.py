"""File sizes and types as a person reads them: "PDF, 2,5 MB", one unit word, no MIME types."""

import re

import pytest
from django.urls import reverse

from pst_layanan.format import ukuran_berkas
from tests import pabrik


@pytest.mark.parametrize(
    ("byte", "teks"),
    [(0, "0 byte"), (8, "8 byte"), (1023, "1023 byte"), (1024, "1 KB"), (2_621_440, "2,5 MB"), (10 * 1024**2, "10 MB")],
)
def test_ukuran_berkas_cara_indonesia(byte, teks):
    assert ukuran_berkas(byte) == teks


@pytest.mark.django_db
def test_halaman_periksa_menyebut_jenis_dan_ukuran_yang_dikenal_orang(klien_untuk, petugas, pengunjung):
    t = pabrik.transaksi_diajukan(pengunjung)
    dokumen = t.dokumen.first()
    dokumen.ukuran = 2_621_440
    dokumen.save(update_fields=["ukuran"])
    html = klien_untuk(petugas).get(reverse("transaksi:periksa_detail", args=[t.nomor])).content.decode()
    assert '<span class="jenis-ukuran">PDF, 2,5 MB</span>' in html
    assert "application/pdf" not in html and not re.search(r"\d bita\b", html)
