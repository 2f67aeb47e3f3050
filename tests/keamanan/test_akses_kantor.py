"""URL × role × office: staff of one office never reach another office's
objects. Every URL that loads an office's object (transaction and its
documents, ticket, visit, counter, appointment, rating, refund) is asked by
the staff of a second office, role by role: where the first office's staff of
that role get the page (tests/keamanan/akses_url.py), they get 404 — the same
answer as for a number that does not exist. The lists they open do not show
the first office's visitor or transaction either.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan.models import Kantor
from pst_layanan.roles import BENDAHARA, PENGAWAS_PROVINSI, PETUGAS, RESEPSIONIS, SUPERVISOR
from tests.keamanan import test_akses_url as akses_url_uji
from tests.keamanan.akses_url import AKSES, PERAN
from tests.keamanan.test_akses_url import _alamat, kelas_jawaban, semua_url

pytestmark = pytest.mark.django_db

# The same objects as the access table's test, all the provincial office's.
dunia = akses_url_uji.dunia

# URL parameters that name an object belonging to one office.
OBJEK_KANTOR = {
    "nomor",
    "item",
    "dokumen",
    "tagihan",
    "bukti",
    "serah_terima",
    "berkas_produk",
    "pengembalian",
    "tiket",
    "kunjungan",
    "loket",
    "janji",
    "penilaian",
    "laporan",
    "pengunjung",
}
PERAN_STAF = {"resepsionis": RESEPSIONIS, "petugas": PETUGAS, "supervisor": SUPERVISOR, "bendahara": BENDAHARA}
# Officers' lists that would show the other office's visitor or transaction.
DAFTAR = (
    "transaksi:tenggat",
    "transaksi:periksa",
    "transaksi:kas",
    "transaksi:pengembalian_daftar",
    "antrian:meja",
    "antrian:riwayat",
    "antrian:janji_petugas",
    "antrian:perlu_koreksi",
    "penilaian:umpan_balik",
    "antrian:buku_tamu_bulanan",
    "transaksi:rekonsiliasi",
)


@pytest.fixture
def staf_kota(kota):
    """One of each staff role, working at the Kota Bengkulu office only."""
    hasil = {}
    for nama, peran in PERAN_STAF.items():
        user = buat_pengguna(f"{nama}1771@bps.go.id", peran)
        user.kantor.add(kota)
        hasil[nama] = user
    return hasil


def _url_objek_kantor():
    return [u for u in semua_url() if u.nama in AKSES and OBJEK_KANTOR & set(u.parameter)]


def test_staf_kantor_lain_mendapat_404_untuk_objek_kantor_ini(dunia, staf_kota, client):
    urls = _url_objek_kantor()
    assert len(urls) > 25  # the transaction pages, the desk's and the counter's, appointments, ratings
    client.raise_request_exception = False
    salah, diperiksa = [], 0
    for nama, user in staf_kota.items():
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        kolom = PERAN.index(nama)
        for u in urls:
            if AKSES[u.nama][kolom] != 200:
                continue  # this role never gets the page, whatever the office
            diperiksa += 1
            kelas = kelas_jawaban(client.get(_alamat(u, dunia["objek"])))
            if kelas != 404:
                salah.append(f"{nama:12} {u.nama:40} → {kelas!r}, harus 404")
    assert diperiksa > 20
    assert not salah, "Objek kantor lain terbuka:\n  " + "\n  ".join(salah)


def test_daftar_petugas_kantor_lain_tidak_memuat_pengunjung_atau_transaksi(dunia, staf_kota, client):
    nomor = dunia["objek"]["nomor"]
    pengunjung = dunia["peran"]["pengunjung_a"]
    salah = []
    for nama, user in staf_kota.items():
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for url in DAFTAR:
            r = client.get(reverse(url))
            html = r.content.decode()
            if r.status_code == 200 and (nomor in html or pengunjung.email in html or pengunjung.nama_lengkap in html):
                salah.append(f"{nama} {url}")
    assert not salah, f"Daftar memuat data kantor lain: {salah}"
    # The provincial office's supervisor does see them there (the check above can fail).
    client.force_login(dunia["peran"]["supervisor"], backend="django.contrib.auth.backends.ModelBackend")
    assert nomor in client.get(reverse("transaksi:rekonsiliasi")).content.decode()
    assert pengunjung.nama_lengkap in client.get(reverse("antrian:buku_tamu_bulanan")).content.decode()


def test_staf_kantor_ini_tetap_melihat_dan_pengawas_provinsi_melihat_semua(dunia, staf_kota, client):
    nomor = dunia["objek"]["nomor"]
    detail = reverse("transaksi:periksa_detail", args=[nomor])
    client.force_login(dunia["peran"]["petugas"], backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(detail).status_code == 200
    pengawas = dunia["peran"]["pengawas_provinsi"]
    client.force_login(pengawas, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(detail).status_code == 200
    assert client.get(reverse("antrian:tiket_cetak", args=[dunia["objek"]["tiket"]])).status_code == 200
    # A member of two offices sees both.
    kota_petugas = staf_kota["petugas"]
    kota_petugas.kantor.add(Kantor.objects.get(kode="1700"))
    client.force_login(kota_petugas, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(detail).status_code == 200


def test_pengawas_provinsi_adalah_grup_dengan_hak_supervisor(db):
    grup = Group.objects.get(name=PENGAWAS_PROVINSI)
    assert grup.permissions.filter(codename="change_kantor").exists()


def test_admin_hanya_menampilkan_baris_kantor_sendiri(dunia, staf_kota, client):
    from transaksi.models import Transaksi

    nomor = dunia["objek"]["nomor"]
    t = Transaksi.objects.get(nomor=nomor)
    client.force_login(staf_kota["supervisor"], backend="django.contrib.auth.backends.ModelBackend")
    daftar = client.get(reverse("admin:transaksi_transaksi_changelist"))
    assert daftar.status_code == 200 and nomor not in daftar.content.decode()
    assert "Andi Pengunjung" not in client.get(reverse("admin:antrian_kunjungan_changelist")).content.decode()
    # Another office's row is "not found": the admin sends the user back to its index.
    ubah = client.get(reverse("admin:transaksi_transaksi_change", args=[t.pk]))
    assert ubah.status_code == 302 and ubah.url == reverse("admin:index")
    client.force_login(dunia["peran"]["supervisor"], backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("admin:transaksi_transaksi_change", args=[t.pk])).status_code == 200


@pytest.mark.django_db
def test_pilihan_kantor_yang_ditolak_tetap_kembali_ke_halaman_asal(client):
    """A refused choice (no office ticked, or one not offered) keeps where the
    chooser came from, so the corrected choice still goes back there."""
    r = client.post(reverse("pilih_kantor"), {"kantor": "9999", "next": "/antrian/janji/"})
    assert r.status_code == 400
    assert '<input type="hidden" name="next" value="/antrian/janji/">' in r.content.decode()


def test_saringan_admin_tiket_tidak_menyebut_loket_kantor_lain(dunia, staf_kota, client):
    """The ticket list's counter filter offers the user's own counters only."""
    from antrian.models import Loket

    Loket.objects.create(nomor=9, nama="Loket Lantai Dua Provinsi", kantor=Kantor.objects.get(kode="1700"))
    client.force_login(staf_kota["supervisor"], backend="django.contrib.auth.backends.ModelBackend")
    r = client.get(reverse("admin:antrian_tiket_changelist"))
    assert r.status_code == 200 and "Loket Lantai Dua Provinsi" not in r.content.decode()
