"""The officer serving a visitor at the counter opens that visitor's
transactions from the counter page: a paginated list linking to the check pages."""

import pytest
from django.urls import reverse

from antrian import services as antrian
from antrian.models import Layanan, Loket
from tests import pabrik
from tests.antrian.conftest import selalu_buka  # noqa: F401

pytestmark = pytest.mark.django_db


def test_petugas_melihat_transaksi_pengunjung_yang_dilayani(
    klien_untuk,
    petugas,
    resepsionis,
    pengunjung,
    pengunjung_lain,
    selalu_buka,  # noqa: F811
    django_assert_max_num_queries,
):
    milik = pabrik.transaksi_diajukan(pengunjung)
    lain = pabrik.transaksi_diajukan(pengunjung_lain)
    layanan = Layanan.objects.get(kode="B")
    loket = Loket.objects.create(nomor=1)
    loket.layanan.add(layanan)
    tiket = antrian.kunjungan_langsung(resepsionis, layanan, pengunjung=pengunjung)
    antrian.panggil(tiket, loket, petugas)
    antrian.mulai_layani(tiket, loket, petugas)
    klien = klien_untuk(petugas)

    loket_html = klien.get(reverse("antrian:loket", args=[loket.pk])).content.decode()
    tautan = reverse("transaksi:pengunjung", args=[pengunjung.pk])
    assert f'href="{tautan}"' in loket_html and 'id="tautan-kalkulator"' in loket_html

    with django_assert_max_num_queries(12):
        html = klien.get(tautan).content.decode()
    assert milik.nomor in html and lain.nomor not in html
    assert reverse("transaksi:periksa_detail", args=[milik.nomor]) in html and "Andi Pengunjung" in html


def test_bukan_pengunjung_atau_tidak_ada_404(klien_untuk, petugas, supervisor):
    klien = klien_untuk(petugas)
    assert klien.get(reverse("transaksi:pengunjung", args=[supervisor.pk])).status_code == 404
    assert klien.get(reverse("transaksi:pengunjung", args=[999_999])).status_code == 404


def test_judul_halaman_tidak_menyebut_nama_pengunjung(klien_untuk, petugas, pengunjung):
    """The tab's title is kept in the browser's history of the office's shared
    computer, beyond the reach of the visitor's erasure: it names no one. The
    page itself still does."""
    pabrik.transaksi_diajukan(pengunjung)
    html = klien_untuk(petugas).get(reverse("transaksi:pengunjung", args=[pengunjung.pk])).content.decode()
    judul = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert pengunjung.nama_lengkap not in judul and pengunjung.nama_lengkap in html
