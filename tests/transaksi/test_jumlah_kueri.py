"""Pages run a bounded number of SQL queries, however many transactions exist."""

import pytest
from django.urls import reverse

from tests import pabrik
from transaksi import selectors
from transaksi.models import ItemTransaksi, RiwayatTransaksi, Status, Transaksi

pytestmark = pytest.mark.django_db


def _banyak_transaksi(pemohon, contoh, n):
    """n copies of a submitted transaction (bulk, to keep the test fast)."""
    baru = Transaksi.objects.bulk_create(
        Transaksi(
            nomor=f"PST-2099-{i:06d}",
            pemohon=pemohon,
            status=Status.DIAJUKAN if i % 3 else Status.PERLU_PERBAIKAN,
            keperluan="Penelitian",
            total=contoh.total,
            jam=contoh.jam if i % 3 else "",
            batas_waktu=contoh.batas_waktu if i % 3 else None,
        )
        for i in range(n)
    )
    item = contoh.item.get()
    ItemTransaksi.objects.bulk_create(
        ItemTransaksi(transaksi=t, produk=item.produk, tarif=item.tarif, uraian="x", jumlah=1, subtotal=1) for t in baru
    )
    RiwayatTransaksi.objects.bulk_create(RiwayatTransaksi(transaksi=t, ke=t.status) for t in baru)


def test_daftar_periksa_500_transaksi(pengunjung, pengunjung_lain, petugas, klien_untuk, django_assert_max_num_queries):
    contoh = pabrik.transaksi_diajukan(pengunjung)
    _banyak_transaksi(pengunjung_lain, contoh, 500)
    klien = klien_untuk(petugas)
    klien.get(reverse("transaksi:periksa"))  # the office row is cached from here on
    for kueri in ("", "?milik=kosong", "?status=diajukan&halaman=3"):
        with django_assert_max_num_queries(8):
            r = klien.get(reverse("transaksi:periksa") + kueri)
        assert r.status_code == 200
    assert "501 transaksi" in klien.get(reverse("transaksi:periksa")).content.decode()


def test_transaksi_saya_500(pengunjung, klien_untuk, django_assert_max_num_queries):
    contoh = pabrik.transaksi_diajukan(pengunjung)
    _banyak_transaksi(pengunjung, contoh, 500)
    klien = klien_untuk(pengunjung)
    with django_assert_max_num_queries(6):
        r = klien.get(reverse("transaksi:saya") + "?halaman=2")
    assert r.status_code == 200 and "Halaman 2 dari 21" in r.content.decode()


def _lengkapi(t, pengunjung, n_item=6):
    from transaksi import services

    for i in range(n_item):
        services.tambah_item(t, pabrik.produk("peta-kabkota-desa"), i + 1, f"Peta {i}", pengunjung)


def test_halaman_detail_pengunjung(pengunjung, petugas, klien_untuk, django_assert_max_num_queries):
    from transaksi import services

    t = pabrik.transaksi_diajukan(pengunjung)
    services.minta_perbaikan(t, petugas, {t.dokumen.first().pk: "Ulangi."})
    _lengkapi(t, pengunjung)
    for jenis in selectors.dokumen_wajib(t):
        services.unggah_dokumen(t, jenis, pabrik.berkas_pdf(), pengunjung)
    klien = klien_untuk(pengunjung)
    with django_assert_max_num_queries(14):
        r = klien.get(t.get_absolute_url())
    assert r.status_code == 200 and "Ulangi." in r.content.decode()


def test_halaman_periksa_petugas(pengunjung, petugas, klien_untuk, django_assert_max_num_queries):
    from transaksi import services

    t = pabrik.transaksi_draf(pengunjung)
    _lengkapi(t, pengunjung)
    t = services.ajukan(t, pengunjung)
    klien = klien_untuk(petugas)
    with django_assert_max_num_queries(14):
        r = klien.get(reverse("transaksi:periksa_detail", args=[t.nomor]))
    assert r.status_code == 200


def test_halaman_tarif(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):  # products, documents, tariffs, the form's choices, the office row
        r = client.get(reverse("transaksi:tarif") + "?produk=publikasi-elektronik&jumlah=120")
    assert r.status_code == 200 and "Rp80.000" in r.content.decode()
