"""Today's guest-book values moved onto BPS's codes: nothing lost, the
undecidable ones flagged and listed for an officer to fix."""

import re

import pytest
from django.apps import apps
from django.urls import reverse

from antrian.models import Kanal, Kunjungan, Layanan
from antrian.pemetaan import migrasikan, petakan_pemanfaatan
from conftest import buat_pengguna
from pst_layanan.models import Pengguna

pytestmark = pytest.mark.django_db


def _lama(email, kategori):
    """A visitor as stored before the codes (the old category values)."""
    user = buat_pengguna(email)
    Pengguna.objects.filter(pk=user.pk).update(kategori_instansi=kategori)
    return user


def _kunjungan_lama(pengunjung, layanan, kanal, keperluan):
    k = Kunjungan.objects.create(pengunjung=pengunjung, layanan=layanan, kanal=kanal, keperluan=keperluan)
    return k.pk


@pytest.fixture
def data_lama(layanan_b):
    konsultasi = Layanan.objects.create(kode="K", nama="Konsultasi Statistik")
    ruang_baca = Layanan.objects.create(kode="R", nama="Ruang baca umum")
    dinas = _lama("dinas@bengkulukota.go.id", "pemerintah")
    mhs = _lama("mhs@unib.ac.id", "pendidikan")
    warga = _lama("warga@contoh.id", "perorangan")
    pt = _lama("pt@data.co.id", "swasta")
    kosong = _lama("baru@contoh.id", "")
    return {
        "dinas": _kunjungan_lama(dinas, layanan_b, Kanal.LANGSUNG, "Data IPM untuk penyusunan RPJMD"),
        "skripsi": _kunjungan_lama(mhs, layanan_b, Kanal.ONLINE, "Data kemiskinan untuk skripsi"),
        "dua_arti": _kunjungan_lama(mhs, konsultasi, Kanal.LANGSUNG, "Penelitian skripsi tentang inflasi"),
        "warga": _kunjungan_lama(warga, ruang_baca, Kanal.LANGSUNG, "Lihat-lihat publikasi"),
        "pt": _kunjungan_lama(pt, layanan_b, Kanal.ONLINE, "Studi kelayakan usaha perkebunan"),
        "kosong": _kunjungan_lama(kosong, konsultasi, Kanal.ONLINE, ""),
    }


def _kode(pk):
    k = Kunjungan.objects.prefetch_related("layanan_digunakan").get(pk=pk)
    return k.kategori_instansi, k.pemanfaatan, k.jenis_layanan, k.sarana, k.perlu_koreksi


def test_migrasi_memetakan_nilai_lama_tanpa_kehilangan(data_lama):
    keperluan = dict(Kunjungan.objects.values_list("pk", "keperluan"))
    assert migrasikan(apps) == 4
    assert _kode(data_lama["dinas"]) == ("", "pemerintahan", ["berbayar"], "langsung", True)
    assert _kode(data_lama["skripsi"]) == ("pendidikan", "tugas", ["berbayar"], "online", False)
    assert _kode(data_lama["dua_arti"]) == ("pendidikan", "", ["konsultasi"], "langsung", True)
    assert _kode(data_lama["warga"]) == ("lainnya", "", [], "langsung", True)
    assert _kode(data_lama["pt"]) == ("swasta", "komersial", ["berbayar"], "online", False)
    assert _kode(data_lama["kosong"])[4] is True
    # Nothing lost: every visit and its free text is still there; old values are quoted.
    assert dict(Kunjungan.objects.values_list("pk", "keperluan")) == keperluan
    catatan = Kunjungan.objects.get(pk=data_lama["dinas"]).catatan_koreksi
    assert catatan == "Kategori instansi “pemerintah” tidak dapat dipetakan ke kategori BPS."
    assert "“Ruang baca umum”" in Kunjungan.objects.get(pk=data_lama["warga"]).catatan_koreksi
    kategori = dict(Pengguna.objects.filter(is_staff=False).values_list("email", "kategori_instansi"))
    assert kategori == {
        "dinas@bengkulukota.go.id": "",
        "mhs@unib.ac.id": "pendidikan",
        "warga@contoh.id": "lainnya",
        "pt@data.co.id": "swasta",
        "baru@contoh.id": "",
    }
    # Running it again changes nothing more.
    assert migrasikan(apps) == 4


@pytest.mark.parametrize(
    "keperluan, kode",
    [
        ("Tugas kuliah statistik dasar", "tugas"),
        ("Riset pasar? bukan — riset akademik", ""),  # research and commercial: ambiguous
        ("Bahan kebijakan Bappeda", "pemerintahan"),
        ("Jurnal internasional", "penelitian"),
        ("Minta data", ""),
        ("", ""),
    ],
)
def test_pemanfaatan_dari_kata_kunci_hanya_bila_jelas(keperluan, kode):
    assert petakan_pemanfaatan(keperluan) == kode


def test_petugas_melihat_dan_mengoreksi_yang_ditandai(
    data_lama, klien_untuk, petugas, pengunjung, django_assert_max_num_queries
):
    migrasikan(apps)
    klien = klien_untuk(petugas)
    url = reverse("antrian:perlu_koreksi")
    klien.get(url)
    with django_assert_max_num_queries(8):
        html = klien.get(url).content.decode()
    assert "4 kunjungan belum dapat dipetakan" in html
    assert "Kategori instansi “pemerintah” tidak dapat dipetakan" in html and "Ruang baca umum" in html
    assert klien_untuk(pengunjung).get(url).status_code == 403

    klien = klien_untuk(petugas)
    koreksi = reverse("antrian:koreksi_kode", args=[data_lama["dinas"]])
    salah = {"kategori_instansi": "pemerintah", "pemanfaatan": "pemerintahan", "jenis_layanan": ["berbayar"]}
    html = klien.post(koreksi, {**salah, "sarana": "langsung"}).content.decode()
    assert "Masukkan pilihan yang valid. pemerintah bukan salah satu dari pilihan yang tersedia." in html
    assert _kode(data_lama["dinas"])[4] is True  # unchanged
    benar = {**salah, "kategori_instansi": "pemda", "jenis_layanan": ["konsultasi", "berbayar"], "sarana": "langsung"}
    assert klien.post(koreksi, benar).status_code == 302
    assert _kode(data_lama["dinas"]) == ("pemda", "pemerintahan", ["konsultasi", "berbayar"], "langsung", False)
    assert "3 kunjungan belum dapat dipetakan" in klien.get(url).content.decode()


def test_daftar_koreksi_berhalaman(klien_untuk, petugas, pengunjung, layanan_b, django_assert_max_num_queries):
    from antrian import services

    for _ in range(55):
        services.catat_kunjungan_online(pengunjung, layanan_b, "Minta data")
    klien = klien_untuk(petugas)
    url = reverse("antrian:perlu_koreksi")
    klien.get(url)
    with django_assert_max_num_queries(8):
        html = klien.get(url, {"halaman": 2}).content.decode()
    assert "55 kunjungan" in html and "Halaman 2 dari 2" in html


def test_koreksi_dari_halaman_kedua_kembali_ke_halaman_itu(klien_untuk, petugas, pengunjung, layanan_b):
    """An officer correcting a visit from a later page of the list goes back,
    saved or by 'Kembali', to that page, not to the first one."""
    from antrian import services

    for _ in range(55):
        services.catat_kunjungan_online(pengunjung, layanan_b, "Minta data")
    klien = klien_untuk(petugas)
    html = klien.get(reverse("antrian:perlu_koreksi"), {"halaman": 2}).content.decode()
    koreksi = re.search(r'href="([^"]+)">Koreksi<', html).group(1)
    k = Kunjungan.objects.get(pk=int(re.search(r"/kunjungan/(\d+)/", koreksi).group(1)))
    assert koreksi == reverse("antrian:koreksi_kode", args=[k.pk]) + "?halaman=2"
    daftar = reverse("antrian:perlu_koreksi") + "?halaman=2"
    assert f'href="{daftar}">Kembali<' in klien.get(koreksi).content.decode()
    benar = {"kategori_instansi": "pemda", "pemanfaatan": "pemerintahan", "jenis_layanan": ["berbayar"]}
    r = klien.post(koreksi, {**benar, "sarana": "online"})
    assert r.status_code == 302 and r.url == daftar
    k.refresh_from_db()
    assert not k.perlu_koreksi
