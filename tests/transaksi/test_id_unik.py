"""Every form field on the payment and check pages has an id of its own: two
panels whose note is named alike (`catatan`) shared `id_catatan`, so the second
label named, and a click on it focused, the first panel's box."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from tests import pabrik
from tests.transaksi.test_pembayaran import NTPN, diproses, menunggu_pembayaran, menunggu_tagihan
from transaksi.services import pembayaran

pytestmark = pytest.mark.django_db


def _bukti_dikirim(pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    return t


def id_ganda(html: str) -> list[str]:
    return [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', html)).items() if n > 1]


@pytest.mark.parametrize("keadaan", [menunggu_tagihan, menunggu_pembayaran, _bukti_dikirim, diproses])
def test_halaman_tanpa_id_ganda(keadaan, pengunjung, petugas, klien_untuk):
    t = keadaan(pengunjung, petugas)
    halaman = {
        pengunjung: [t.get_absolute_url(), reverse("transaksi:pembayaran", args=[t.nomor])],
        petugas: [
            reverse("transaksi:periksa_detail", args=[t.nomor]),
            reverse("transaksi:pembayaran", args=[t.nomor]),
        ],
    }
    for orang, urls in halaman.items():
        klien = klien_untuk(orang)
        for url in urls:
            r = klien.get(url)
            assert r.status_code == 200, url
            assert id_ganda(r.content.decode()) == [], url
