"""The office's pages on a staff member's own request offer none of the
office's steps on it (the services refuse them:
test_empat_mata_milik_sendiri.py) and say why in their place; a
colleague's same page offers them as before."""

import pytest
from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan.roles import BENDAHARA, PETUGAS, SUPERVISOR
from tests import pabrik
from tests.transaksi.test_kanal_bayar import REKENING, atur_kantor, kirim_transfer
from tests.transaksi.test_pembayaran import KODE, diproses, isian, menunggu_pembayaran, menunggu_tagihan
from transaksi import services
from transaksi.services import pembayaran
from transaksi.services.pengembalian import Rekening, setujui, usulkan

pytestmark = pytest.mark.django_db

PESAN = "Ini transaksi Anda sendiri: petugas lain yang memeriksa dan memutuskan langkah kantor atasnya."


def url(nama, t, *args):
    return reverse(f"transaksi:{nama}", args=[t.nomor, *args])


def halaman(klien, alamat) -> str:
    r = klien.get(alamat)
    assert r.status_code == 200
    return r.content.decode()


@pytest.fixture
def rekan(db):
    return buat_pengguna("petugas2@bps.go.id", PETUGAS)


def test_pemeriksaan_permohonan_sendiri_tanpa_keputusan(petugas, rekan, klien_untuk):
    t = pabrik.transaksi_diajukan(petugas)
    aksi = [url(n, t) for n in ("periksa_lengkap", "periksa_perbaikan", "periksa_ambil", "periksa_batalkan")]

    sendiri = halaman(klien_untuk(petugas), url("periksa_detail", t))
    assert PESAN in sendiri and "data-milik-sendiri" in sendiri
    assert not [a for a in aksi if a in sendiri]

    lain = halaman(klien_untuk(rekan), url("periksa_detail", t))
    assert PESAN not in lain and all(a in lain for a in aksi)


def test_tagihan_permohonan_sendiri_tidak_ditawarkan(petugas, rekan, klien_untuk):
    t = menunggu_tagihan(petugas, rekan)
    klien = klien_untuk(petugas)
    for alamat in (url("periksa_detail", t), url("pembayaran", t)):
        isi = halaman(klien, alamat)
        assert PESAN in isi and url("tagihan_terbitkan", t) not in isi
    form = halaman(klien, url("tagihan_terbitkan", t))
    assert PESAN in form and 'name="kode_billing"' not in form

    klien = klien_untuk(rekan)
    assert url("tagihan_terbitkan", t) in halaman(klien, url("pembayaran", t))
    assert 'name="kode_billing"' in halaman(klien, url("tagihan_terbitkan", t))


def test_bukti_bayar_sendiri_tanpa_verifikasi_dan_koreksi(petugas, rekan, klien_untuk):
    t = menunggu_pembayaran(petugas, rekan)
    aksi = [url(n, t) for n in ("koreksi_item", "koreksi_item_buka")]
    assert not [a for a in aksi if a in halaman(klien_untuk(petugas), url("periksa_detail", t))]
    assert all(a in halaman(klien_untuk(rekan), url("periksa_detail", t)) for a in aksi)

    pembayaran.kirim_bukti_bayar(t, petugas, "0A1B2C3D4E5F6G7H", pabrik.berkas_pdf("bpn.pdf"))
    aksi = [url(n, t) for n in ("bukti_verifikasi", "bukti_tolak")]
    for alamat in (url("periksa_detail", t), url("pembayaran", t)):
        isi = halaman(klien_untuk(petugas), alamat)
        assert PESAN in isi and not [a for a in aksi if a in isi]
        assert all(a in halaman(klien_untuk(rekan), alamat) for a in aksi)


def test_penyerahan_dan_usul_pengembalian_sendiri_tidak_ditawarkan(petugas, rekan, klien_untuk):
    t = diproses(petugas, rekan)
    aksi = [url(n, t) for n in ("serahkan", "pengembalian_usulkan")]
    sendiri = halaman(klien_untuk(petugas), url("pembayaran", t))
    assert PESAN in sendiri and not [a for a in aksi if a in sendiri]
    form = halaman(klien_untuk(petugas), url("serahkan", t))
    assert PESAN in form and 'id="form-serahkan"' not in form

    assert all(a in halaman(klien_untuk(rekan), url("pembayaran", t)) for a in aksi)
    assert 'id="form-serahkan"' in halaman(klien_untuk(rekan), url("serahkan", t))


def test_kas_tagihan_bendahara_sendiri_tanpa_terima_tunai(bendahara, petugas, klien_untuk):
    atur_kantor(bayar_tunai=True, **REKENING)
    t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(bendahara), petugas)
    pembayaran.terbitkan_tagihan(t, petugas, isian(KODE, kanal=["tunai"]))
    klien = klien_untuk(bendahara)
    daftar = halaman(klien, reverse("transaksi:kas"))
    assert PESAN in daftar and url("kas_terima", t) not in daftar
    terima = halaman(klien, url("kas_terima", t))
    assert PESAN in terima and 'id="form-tunai"' not in terima

    klien = klien_untuk(buat_pengguna("bendahara2@bps.go.id", BENDAHARA))
    daftar = halaman(klien, reverse("transaksi:kas"))
    assert PESAN not in daftar and url("kas_terima", t) in daftar
    assert 'id="form-tunai"' in halaman(klien, url("kas_terima", t))


def test_transfer_bendahara_sendiri_tidak_ditawarkan_diperiksa(bendahara, petugas, klien_untuk):
    atur_kantor(**REKENING)
    t = menunggu_pembayaran(bendahara, petugas)
    kirim_transfer(t, bendahara)
    klien = klien_untuk(bendahara)
    daftar = halaman(klien, reverse("transaksi:kas_transfer"))
    assert PESAN in daftar and url("pembayaran", t) not in daftar
    isi = halaman(klien, url("pembayaran", t))
    assert PESAN in isi and url("bukti_verifikasi", t) not in isi

    klien = klien_untuk(buat_pengguna("bendahara2@bps.go.id", BENDAHARA))
    assert url("pembayaran", t) in halaman(klien, reverse("transaksi:kas_transfer"))
    assert url("bukti_verifikasi", t) in halaman(klien, url("pembayaran", t))


def test_pengembalian_sendiri_tanpa_keputusan_dan_proses(bendahara, supervisor, petugas, klien_untuk):
    # The supervisor's own refund: a colleague supervisor decides it.
    t = diproses(supervisor, petugas)
    p = usulkan(t, petugas, "Data tingkat desa tidak tersedia.", Rekening("Rina", "0123 4567 89", "BRI"))
    sendiri = halaman(klien_untuk(supervisor), url("pembayaran", t))
    assert PESAN in sendiri and url("pengembalian_setujui", t, p.pk) not in sendiri
    daftar = halaman(klien_untuk(supervisor), reverse("transaksi:pengembalian_daftar"))
    assert f'data-pengembalian="{p.pk}"' in daftar and PESAN in daftar and "Putuskan usulan" not in daftar
    rekan = buat_pengguna("supervisor2@bps.go.id", SUPERVISOR)
    assert url("pengembalian_setujui", t, p.pk) in halaman(klien_untuk(rekan), url("pembayaran", t))

    # The treasurer's own approved refund: a colleague treasurer processes it.
    t = diproses(bendahara, petugas, kode="820260313000002", ntpn="0A1B2C3D4E5F6G7J")
    p = setujui(usulkan(t, petugas, "Tidak tersedia.", Rekening("Sari", "0123 4567 89", "BRI")), supervisor)
    proses = reverse("transaksi:pengembalian_proses", args=[p.pk])
    daftar = halaman(klien_untuk(bendahara), reverse("transaksi:pengembalian_daftar"))
    assert PESAN in daftar and proses not in daftar
    rekan = buat_pengguna("bendahara2@bps.go.id", BENDAHARA)
    assert proses in halaman(klien_untuk(rekan), reverse("transaksi:pengembalian_daftar"))
