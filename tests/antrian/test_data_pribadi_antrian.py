"""A visitor's visits are in their data download; erasure keeps the visit
for statistics but blanks what they wrote; ticket history is append-only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from antrian import services
from antrian.models import JanjiTemu, JenisLayanan, Kunjungan, Layanan, LayananKunjungan, RiwayatTiket, StatusJanji
from pst_layanan import data_pribadi
from pst_layanan.appendonly import RiwayatTidakDapatDiubah
from pst_layanan.models import AksesDataPribadi, Pengguna
from tests.antrian.test_jam_dan_janji import pada
from tests.antrian.test_janji_batal import RABU_10, _janji

pytestmark = pytest.mark.django_db


@pytest.fixture
def kunjungan(pengunjung):
    return services.catat_kunjungan_online(pengunjung, Layanan.objects.get(kode="B"), keperluan="Data IPM 2025")


CATATAN = {"catatan": "Andi, mhs UNIB, HP 0812-9999", "catatan_koreksi": "Instansi: Universitas Bengkulu"}


def test_kunjungan_ada_di_unduhan_data(pengunjung, kunjungan):
    Kunjungan.objects.filter(pk=kunjungan.pk).update(**CATATAN)
    [baris] = data_pribadi.ekspor(pengunjung)["kunjungan"]
    assert baris["keperluan"] == "Data IPM 2025"
    assert baris["layanan"] == "Produk Statistik Berbayar"
    assert {k: baris[k] for k in CATATAN} == CATATAN  # what the office noted about them too


def test_unduhan_data_menyebut_jenis_layanan_yang_dijawab_di_buku_tamu(pengunjung, kunjungan):
    """The services the visitor said they used are their guest-book answers,
    as the institution category and the use of data the download holds."""
    for kode in (JenisLayanan.KONSULTASI, JenisLayanan.PERPUSTAKAAN):
        LayananKunjungan.objects.create(kunjungan=kunjungan, kode=kode)
    [baris] = data_pribadi.ekspor(pengunjung)["kunjungan"]
    # With the paid products the visit to service B recorded, in the guest book's order.
    assert baris["jenis_layanan"] == ["Perpustakaan", "Konsultasi statistik", "Produk statistik berbayar"]


def test_penghapusan_menyimpan_kunjungan_tanpa_isian(pengunjung, kunjungan):
    Kunjungan.objects.filter(pk=kunjungan.pk).update(**CATATAN)
    data_pribadi.anonimkan(pengunjung)
    k = Kunjungan.objects.get(pk=kunjungan.pk)
    assert k.keperluan == k.catatan == k.catatan_koreksi == "" and k.pengunjung_id == pengunjung.pk
    assert Kunjungan.objects.count() == 1  # still counted in the visit statistics


def test_riwayat_tiket_tidak_dapat_diubah_atau_dihapus(tiket_untuk, pengunjung):
    riwayat = tiket_untuk(pengunjung).riwayat.get()
    riwayat.catatan = "diubah"
    with pytest.raises(RiwayatTidakDapatDiubah):
        riwayat.save()
    with pytest.raises(RiwayatTidakDapatDiubah):
        RiwayatTiket.objects.all().delete()


def test_penghapusan_membatalkan_janji_temu_yang_masih_berdiri(pengunjung, petugas, layanan_b):
    """An erased visitor will not come and cannot be written to: their
    requested and confirmed appointments leave the receptionist's queue
    and the day's expected list; a past one keeps its outcome."""
    diminta = _janji(pengunjung, layanan_b)
    dikonfirmasi = _janji(pengunjung, layanan_b, petugas, waktu=RABU_10 + timedelta(days=1))
    with pada(2026, 4, 14, 9, 0):
        data_pribadi.anonimkan(pengunjung)
    for janji in (diminta, dikonfirmasi):
        janji.refresh_from_db()
        assert janji.status == StatusJanji.DIBATALKAN and janji.dibatalkan_pada
    assert not JanjiTemu.objects.perlu_keputusan().exists()


def test_petugas_membuka_koreksi_kode_kunjungan_tercatat(pengunjung, petugas, kunjungan, klien_untuk):
    """The correction page shows one visitor's name, agency, purpose and the
    office's notes about them: opening it is a personal-data access."""
    url = reverse("antrian:koreksi_kode", args=[kunjungan.pk])
    assert klien_untuk(petugas).get(url).status_code == 200
    [log] = AksesDataPribadi.objects.all()
    assert (log.petugas, log.subjek, log.halaman) == (petugas, pengunjung, url)


def test_unduhan_data_menulis_pilihan_dengan_labelnya_dalam_bahasa_pengunjung(pengunjung, kunjungan):
    """A code the app stores ("langsung", "L") means nothing to the person
    reading their download: choices are written as the labels the site shows,
    in the reader's language, as the transactions and ratings already are."""
    Pengguna.objects.filter(pk=pengunjung.pk).update(jenis_kelamin="L")
    pengunjung.refresh_from_db()
    with translation.override("en"):
        data = data_pribadi.ekspor(pengunjung)
    [baris] = data["kunjungan"]
    assert baris["kanal"] == "Online" and baris["status_tiket"] != "menunggu"
    assert data["profil"]["jenis_kelamin"] == "Male"


def test_unduhan_data_tidak_memakai_jalur_pencarian_basis_data_sebagai_nama(pengunjung, tiket_untuk, layanan_b):
    """The visit and appointment sections named their fields as the
    database's lookups ("tiket__nomor"), unlike every other section."""
    tiket = tiket_untuk(pengunjung)
    _janji(pengunjung, layanan_b)
    data = data_pribadi.ekspor(pengunjung)
    [kunjungan_saya], [janji] = data["kunjungan"], data["janji_temu"]
    assert not [k for baris in (kunjungan_saya, janji) for k in baris if "__" in k]
    assert kunjungan_saya["nomor_tiket"] == tiket.nomor and kunjungan_saya["status_tiket"] == "Menunggu"
    assert janji["layanan"] == layanan_b.nama


def test_halaman_hapus_akun_menyebut_janji_temu_yang_dibatalkan(pengunjung, layanan_b, klien_untuk):
    """The erasure page said nothing of the appointments it cancels."""
    _janji(pengunjung, layanan_b)
    with pada(2026, 4, 14, 9, 0):
        html = klien_untuk(pengunjung).get(reverse("akun:hapus")).content.decode()
    assert "Janji temu berikut dibatalkan: Rabu, 15 April 2026 pukul 10.00 WIB." in html
    with pada(2026, 4, 16, 9, 0):  # past: it keeps its outcome, nothing to cancel
        assert "Janji temu berikut" not in klien_untuk(pengunjung).get(reverse("akun:hapus")).content.decode()


def test_unduhan_data_menulis_nama_layanan_dalam_bahasa_pengunjung(pengunjung, kunjungan, layanan_b):
    """The service a visit or an appointment was for is named as the site
    names it in the reader's language, not by its stored Indonesian name."""
    Layanan.objects.filter(pk=layanan_b.pk).update(nama_en="Paid Statistical Products")
    _janji(pengunjung, layanan_b)
    with translation.override("en"):
        data = data_pribadi.ekspor(pengunjung)
    assert [k["layanan"] for k in data["kunjungan"]] == ["Paid Statistical Products"]
    assert [j["layanan"] for j in data["janji_temu"]] == ["Paid Statistical Products"]
