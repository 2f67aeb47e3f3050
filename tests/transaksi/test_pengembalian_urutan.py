"""The refund list puts first what someone still has to do (a proposal
awaiting the supervisor, an approved refund awaiting the treasurer), however
many refunds were settled since: a proposal made last week sat below the
ones processed after it."""

import re

import pytest
from django.urls import reverse

from tests.transaksi.test_pembayaran import diproses
from tests.transaksi.test_pengembalian import ALASAN, REKENING
from transaksi.services.pengembalian import setujui, tandai_diproses, usulkan

pytestmark = pytest.mark.django_db


def test_pengembalian_yang_menunggu_di_atas(pengunjung, pengunjung_lain, petugas, supervisor, bendahara, klien_untuk):
    menunggu = usulkan(diproses(pengunjung, petugas), petugas, ALASAN, REKENING)
    lain = diproses(pengunjung_lain, petugas, kode="820260313000002", ntpn="0A1B2C3D4E5F6G7J")
    selesai = tandai_diproses(setujui(usulkan(lain, petugas, ALASAN, REKENING), supervisor), bendahara)
    html = klien_untuk(supervisor).get(reverse("transaksi:pengembalian_daftar")).text
    urutan = [int(pk) for pk in re.findall(r'data-pengembalian="(\d+)"', html)]
    assert urutan == [menunggu.pk, selesai.pk]


def test_usulan_sendiri_tidak_ditawarkan_untuk_diputuskan(pengunjung, supervisor, klien_untuk):
    """A supervisor may not approve their own proposal: the list says another
    supervisor decides it rather than sending them to decide it."""
    usulkan(diproses(pengunjung, supervisor), supervisor, ALASAN, REKENING)
    html = klien_untuk(supervisor).get(reverse("transaksi:pengembalian_daftar")).text
    assert "Putuskan usulan" not in html
    assert "Anda mengusulkan pengembalian ini; supervisor lain yang menyetujuinya." in html
