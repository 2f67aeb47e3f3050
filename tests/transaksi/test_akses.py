"""Who may see what: a visitor only their own transactions and files (404
for anyone else's, no hint it exists); officer pages are for officers."""

import pytest
from django.urls import reverse

from tests import pabrik
from transaksi.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def milik_andi(pengunjung):
    return pabrik.transaksi_diajukan(pengunjung)


def _url_pengunjung(t):
    dok = t.dokumen.first()
    return [
        reverse("transaksi:detail", args=[t.nomor]),
        reverse("transaksi:dokumen_unduh", args=[t.nomor, dok.pk]),
        reverse("transaksi:dokumen_unduh", args=[t.nomor, dok.pk]) + "?lihat=1",
    ]


def test_pengunjung_lain_mendapat_404(milik_andi, pengunjung_lain, klien_untuk):
    klien = klien_untuk(pengunjung_lain)
    for url in _url_pengunjung(milik_andi):
        assert klien.get(url).status_code == 404, url
    for nama in ("ajukan", "batalkan", "dokumen_unggah", "item_tambah"):
        assert klien.post(reverse(f"transaksi:{nama}", args=[milik_andi.nomor])).status_code == 404, nama
    milik_andi.refresh_from_db()
    assert milik_andi.status == Status.DIAJUKAN


def test_riwayat_orang_lain_tidak_tampil(milik_andi, pengunjung_lain, klien_untuk):
    halaman = klien_untuk(pengunjung_lain).get(reverse("transaksi:saya")).content.decode()
    assert milik_andi.nomor not in halaman


def test_pemilik_dapat_melihat_dan_mengunduh(milik_andi, pengunjung, klien_untuk):
    klien = klien_untuk(pengunjung)
    detail, unduh, lihat = _url_pengunjung(milik_andi)
    assert klien.get(detail).status_code == 200
    r = klien.get(unduh)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("attachment") and r["Cache-Control"] == "private, no-store"
    assert b"".join(r.streaming_content).startswith(b"%PDF-")
    assert klien.get(lihat)["Content-Disposition"].startswith("inline")


def test_dokumen_transaksi_lain_lewat_nomor_sendiri_404(milik_andi, pengunjung, pengunjung_lain, klien_untuk):
    """A document id of another transaction under one's own number is still 404."""
    punya_budi = pabrik.transaksi_draf(pengunjung_lain)
    url = reverse("transaksi:dokumen_unduh", args=[milik_andi.nomor, punya_budi.dokumen.first().pk])
    assert klien_untuk(pengunjung).get(url).status_code == 404


def test_belum_masuk_diarahkan_ke_login(milik_andi, client):
    r = client.get(reverse("transaksi:detail", args=[milik_andi.nomor]))
    assert r.status_code == 302 and reverse("login") in r["Location"]


@pytest.mark.parametrize("nama", ["periksa", "periksa_detail", "rincian_tarif"])
def test_pengunjung_dan_resepsionis_tidak_bisa_membuka_halaman_petugas(
    nama, milik_andi, pengunjung, resepsionis, klien_untuk
):
    url = reverse(f"transaksi:{nama}", args=[milik_andi.nomor] if nama == "periksa_detail" else [])
    for user in (pengunjung, resepsionis):
        assert klien_untuk(user).get(url).status_code == 403


@pytest.mark.parametrize("nama", ["periksa_ambil", "periksa_lengkap", "periksa_perbaikan", "periksa_batalkan"])
def test_pengunjung_tidak_bisa_memutuskan(nama, milik_andi, pengunjung, klien_untuk):
    r = klien_untuk(pengunjung).post(reverse(f"transaksi:{nama}", args=[milik_andi.nomor]), {"alasan": "x"})
    assert r.status_code == 403
    milik_andi.refresh_from_db()
    assert milik_andi.status == Status.DIAJUKAN and milik_andi.petugas is None


def test_resepsionis_tidak_melihat_dokumen_pemohon(milik_andi, resepsionis, klien_untuk):
    for url in _url_pengunjung(milik_andi):
        assert klien_untuk(resepsionis).get(url).status_code == 404


@pytest.mark.parametrize("peran", ["petugas", "supervisor"])
def test_petugas_dan_supervisor_bisa(peran, milik_andi, klien_untuk, request):
    klien = klien_untuk(request.getfixturevalue(peran))
    assert klien.get(reverse("transaksi:periksa")).status_code == 200
    r = klien.get(reverse("transaksi:periksa_detail", args=[milik_andi.nomor]))
    assert r.status_code == 200 and "Keputusan pemeriksaan" in r.content.decode()
    _, unduh, _ = _url_pengunjung(milik_andi)
    assert klien.get(unduh).status_code == 200
    # The visitor's URL (from the officer's e-mail) leads to the officer's page.
    r = klien.get(reverse("transaksi:detail", args=[milik_andi.nomor]))
    assert r.status_code == 302 and r["Location"] == reverse("transaksi:periksa_detail", args=[milik_andi.nomor])
