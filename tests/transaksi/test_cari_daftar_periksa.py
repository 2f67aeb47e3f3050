"""With hundreds of transactions open, an officer asked on the phone about
one finds it on the check list by its number (or the part they were read)
or by the visitor's name, and the filters stay as they were set."""

import pytest
from django.urls import reverse

from tests import pabrik
from transaksi import services

pytestmark = pytest.mark.django_db


def _baris(html: str, t) -> bool:
    return reverse("transaksi:periksa_detail", args=[t.nomor]) in html


def test_cari_menurut_nomor_dan_nama(pengunjung, pengunjung_lain, petugas, klien_untuk, django_assert_max_num_queries):
    milik_a = pabrik.transaksi_diajukan(pengunjung)
    milik_b = pabrik.transaksi_diajukan(pengunjung_lain)
    klien = klien_untuk(petugas)
    url = reverse("transaksi:periksa")
    klien.get(url)  # the office row is cached from here on

    with django_assert_max_num_queries(8):
        html = klien.get(url, {"q": milik_b.nomor[-6:]}).text
    assert _baris(html, milik_b) and not _baris(html, milik_a)
    assert f'value="{milik_b.nomor[-6:]}"' in html  # the box keeps what was typed

    html = klien.get(url, {"q": "budi lain", "status": "diajukan"}).text
    assert _baris(html, milik_b) and not _baris(html, milik_a)


def test_nomor_yang_dibacakan_diketik_dengan_spasi_ditemukan(pengunjung, pengunjung_lain, petugas, klien_untuk):
    """A visitor reads their number out on the phone; the officer types it as
    heard, with spaces where the dashes are, whole or its end."""
    milik_a = pabrik.transaksi_diajukan(pengunjung)
    milik_b = pabrik.transaksi_diajukan(pengunjung_lain)
    klien = klien_untuk(petugas)
    for dicari in (milik_b.nomor.replace("-", " "), "2026  " + milik_b.nomor[-6:]):
        html = klien.get(reverse("transaksi:periksa"), {"q": dicari}).text
        assert _baris(html, milik_b) and not _baris(html, milik_a), dicari


def test_cari_tanpa_hasil_mengatakannya(pengunjung, petugas, klien_untuk):
    pabrik.transaksi_diajukan(pengunjung)
    html = klien_untuk(petugas).get(reverse("transaksi:periksa"), {"q": "tidak-ada"}).text
    assert "Tidak ada transaksi yang cocok dengan “tidak-ada”." in html


def test_cari_menemukan_transaksi_yang_sudah_ditutup(pengunjung, petugas, klien_untuk):
    """A visitor on the phone about a finished or cancelled transaction reads
    out its number too; a draft they never sent is still none of the office's list."""
    ditutup = services.batalkan(pabrik.transaksi_diajukan(pengunjung), pengunjung, "Tidak jadi.")
    draf = pabrik.transaksi_draf(pengunjung)
    klien = klien_untuk(petugas)
    html = klien.get(reverse("transaksi:periksa"), {"q": ditutup.nomor}).text
    assert _baris(html, ditutup)
    assert not _baris(klien.get(reverse("transaksi:periksa"), {"q": draf.nomor}).text, draf)
    assert not _baris(klien.get(reverse("transaksi:periksa")).text, ditutup)  # the list itself: open ones only


@pytest.mark.parametrize(("tersimpan", "dicari"), [("Siti Ni’mah", "ni'mah"), ("Ma'ruf Hidayat", "Ma’ruf")])
def test_nama_berapostrof_ditemukan_dengan_apostrof_mana_pun(tersimpan, dicari, petugas, resepsionis, klien_untuk):
    """Ni'mah, Ma'ruf, Syafi'i: a phone's keyboard writes the apostrophe as ’,
    a desk computer's as ': a name is found whichever of them was typed, on
    the desk's search as on the officers' lists."""
    from antrian.services import cari_pengunjung
    from conftest import buat_pengguna

    tamu = buat_pengguna("nimah@contoh.id", nama_lengkap=tersimpan)
    t = pabrik.transaksi_diajukan(tamu)
    assert cari_pengunjung(dicari) == [tamu]
    html = klien_untuk(petugas).get(reverse("transaksi:periksa"), {"q": dicari}).text
    assert _baris(html, t)


@pytest.mark.parametrize("dicari", ["Budi  Lain", "budi\u00a0lain", " Budi \t Lain "])
def test_nama_ditemukan_apa_pun_spasi_yang_diketik(dicari, pengunjung_lain, petugas, klien_untuk):
    """A name is stored with single spaces: typed with two, or pasted from a
    chat or an e-mail with a no-break space, it is found all the same, on the
    officers' list as on the desk's search."""
    from antrian.services import cari_pengunjung

    t = pabrik.transaksi_diajukan(pengunjung_lain)
    html = klien_untuk(petugas).get(reverse("transaksi:periksa"), {"q": dicari}).text
    assert _baris(html, t)
    assert cari_pengunjung(dicari) == [pengunjung_lain]
