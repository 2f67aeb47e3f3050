"""An officer whose account is closed while holding work: the board and the
worklist count that work as nobody's, so a colleague finds it and takes it over."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.models import kantor_bawaan
from pst_layanan.roles import PETUGAS
from transaksi.models import Jam, Status, Transaksi

pytestmark = pytest.mark.django_db


@pytest.fixture
def ditinggalkan(pengunjung):
    """One transaction held by an officer whose account is then closed, one held by an active one."""
    keluar = buat_pengguna("keluar@bps.go.id", PETUGAS, nama_lengkap="Eko Pindah")
    aktif = buat_pengguna("aktif@bps.go.id", PETUGAS, nama_lengkap="Fajar Aktif")
    batas = datetime(2026, 3, 25, 15, 30, tzinfo=WIB)
    ditinggal, dipegang = Transaksi.objects.bulk_create(
        Transaksi(
            nomor=f"PST-2026-90000{i}",
            pemohon=pengunjung,
            keperluan="Uji",
            status=Status.DIAJUKAN,
            jam=Jam.PERIKSA,
            batas_waktu=batas,
            petugas=p,
        )
        for i, p in enumerate([keluar, aktif])
    )
    keluar.is_active = False
    keluar.save(update_fields=["is_active"])
    return ditinggal, dipegang


@pytest.mark.parametrize(
    "alamat", [reverse("transaksi:tenggat") + "?tanpa_petugas=on", reverse("transaksi:periksa") + "?milik=kosong"]
)
def test_pekerjaan_petugas_nonaktif_termasuk_belum_ada_petugas(alamat, ditinggalkan, supervisor, klien_untuk):
    ditinggal, dipegang = ditinggalkan
    with time_machine.travel(datetime(2026, 3, 20, 9, 0, tzinfo=WIB), tick=False):
        html = klien_untuk(supervisor).get(alamat).content.decode()
    assert ditinggal.nomor in html and dipegang.nomor not in html
    assert "Eko Pindah <span" in html and "akun nonaktif, belum dialihkan" in html


def test_halaman_periksa_menandai_petugas_nonaktif_dan_menawarkan_ambil_alih(ditinggalkan, petugas, klien_untuk):
    ditinggal, _dipegang = ditinggalkan
    html = klien_untuk(petugas).get(reverse("transaksi:periksa_detail", args=[ditinggal.nomor])).content.decode()
    assert "Eko Pindah <span" in html and "akun nonaktif, belum dialihkan" in html and "Ambil tugas" in html


BELUM_ADA_PETUGAS = pytest.mark.parametrize(
    "alamat", [reverse("transaksi:tenggat") + "?tanpa_petugas=on", reverse("transaksi:periksa") + "?milik=kosong"]
)


def _pekerjaan_yang_ditinggal(pengunjung, klien_untuk, alamat, pengamat, pergi, tanda, kantor=None):
    """Eko holds one request and Fajar another at `kantor` (the default office
    when None); `pergi(eko)` takes Eko off officer's work there. Then
    `alamat`, read by `pengamat`, lists only Eko's request, marked `tanda`, and
    Fajar may take it over from its page."""
    from tests import pabrik
    from transaksi import services

    domain = f"{kantor.kode}@bps.go.id" if kantor else "@bps.go.id"
    antar = {"kantor": kantor} if kantor else {}
    pindah = buat_pengguna(f"pindah{domain}", PETUGAS, nama_lengkap="Eko Pindah", **antar)
    tinggal = buat_pengguna(f"tinggal{domain}", PETUGAS, nama_lengkap="Fajar Tinggal", **antar)
    dari = {"kantor_id": kantor.pk} if kantor else {}
    with time_machine.travel(datetime(2026, 3, 20, 9, 0, tzinfo=WIB), tick=False):
        ditinggal = services.ambil_tugas(pabrik.transaksi_diajukan(pengunjung, **dari), pindah)
        dipegang = services.ambil_tugas(pabrik.transaksi_diajukan(pengunjung, **dari), tinggal)
    pergi(pindah)
    with time_machine.travel(datetime(2026, 3, 20, 10, 0, tzinfo=WIB), tick=False):
        html = klien_untuk(pengamat).get(alamat).content.decode()
        detail = klien_untuk(tinggal).get(reverse("transaksi:periksa_detail", args=[ditinggal.nomor])).content.decode()
    assert ditinggal.nomor in html and dipegang.nomor not in html
    assert "Eko Pindah <span" in html and tanda in html
    assert tanda in detail and "Ambil tugas" in detail


@BELUM_ADA_PETUGAS
def test_pekerjaan_petugas_yang_pindah_kantor_termasuk_belum_ada_petugas(alamat, pengunjung, kota, klien_untuk):
    """An officer moved to another office can no longer open the work they
    held here: the city office's board listed it as theirs, with no mark, and
    'Belum ada petugas' left it out, so nobody took it over."""
    sup_kota = buat_pengguna("sup1771@bps.go.id", "Supervisor", kantor=kota)
    _pekerjaan_yang_ditinggal(
        pengunjung,
        klien_untuk,
        alamat,
        sup_kota,
        lambda eko: eko.kantor.set([kantor_bawaan()]),
        "tidak lagi bertugas di kantor ini, belum dialihkan",
        kantor=kota,
    )


def test_pengawas_provinsi_yang_memegang_pekerjaan_kantor_tetap_pemegangnya(pengunjung, kota, klien_untuk):
    """The province supervisor works in every office with no office assigned:
    work they took at the city office is still theirs, not nobody's."""
    from pst_layanan.roles import PENGAWAS_PROVINSI
    from tests import pabrik
    from transaksi import services

    pengawas = buat_pengguna("provinsi@bps.go.id", PENGAWAS_PROVINSI, nama_lengkap="Hendra Provinsi")
    with time_machine.travel(datetime(2026, 3, 20, 9, 0, tzinfo=WIB), tick=False):
        t = services.ambil_tugas(pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk), pengawas)
        klien = klien_untuk(pengawas)
        kosong = klien.get(reverse("transaksi:tenggat") + "?tanpa_petugas=on").content.decode()
        semua = klien.get(reverse("transaksi:tenggat")).content.decode()
    assert t.nomor not in kosong and t.nomor in semua and "belum dialihkan" not in semua


@BELUM_ADA_PETUGAS
def test_pekerjaan_petugas_yang_perannya_dicabut_termasuk_belum_ada_petugas(
    alamat, pengunjung, supervisor, klien_untuk
):
    """An officer moved to the desk (their Petugas Layanan role taken, the
    Resepsionis role given) stays active in the same office, but can no longer
    open the work they held: the board listed it as theirs, with no mark, and
    'Belum ada petugas' left it out, so nobody took it over."""
    from django.contrib.auth.models import Group

    from pst_layanan.roles import RESEPSIONIS

    _pekerjaan_yang_ditinggal(
        pengunjung,
        klien_untuk,
        alamat,
        supervisor,
        lambda eko: eko.groups.set([Group.objects.get(name=RESEPSIONIS)]),
        "tidak lagi bertugas sebagai petugas layanan, belum dialihkan",
    )
