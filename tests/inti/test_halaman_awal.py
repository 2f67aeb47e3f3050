"""After login each role lands on its own work, and someone with several roles can switch."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from conftest import buat_pengguna

pytestmark = pytest.mark.django_db


def masuk(client, email, **extra):
    return client.post(reverse("login"), {"username": email, "password": "sandi-uji-123", **extra})


@pytest.mark.parametrize(
    ("email", "peran", "tujuan"),
    [
        ("andi@contoh.id", None, "transaksi:saya"),
        ("dewi@bps.go.id", "Resepsionis", "antrian:meja"),
        ("budi@bps.go.id", "Petugas Layanan", "transaksi:tenggat"),
        ("rina@bps.go.id", "Supervisor", "antrian:monitor"),
        ("sari@bps.go.id", "Bendahara", "transaksi:rekonsiliasi"),
    ],
)
def test_setelah_masuk_setiap_peran_tiba_di_halaman_kerjanya(client, email, peran, tujuan):
    buat_pengguna(email, peran)
    response = masuk(client, email)
    assert response.status_code == 302 and response["Location"] == reverse(tujuan)
    assert client.get(response["Location"]).status_code == 200


def test_sandi_salah_disebut_sekali(client):
    buat_pengguna("dewi@bps.go.id", "Resepsionis")
    response = masuk(client, "dewi@bps.go.id", password="salah-sandi")
    assert response.status_code == 200
    assert response.content.decode().count("E-mail atau kata sandi salah") == 1


def test_alamat_next_tetap_didahulukan(client):
    buat_pengguna("dewi@bps.go.id", "Resepsionis")
    response = client.post(
        reverse("login") + "?next=/antrian/layar/", {"username": "dewi@bps.go.id", "password": "sandi-uji-123"}
    )
    assert response["Location"] == "/antrian/layar/"


@pytest.mark.parametrize("lanjut", ["/akun/masuk/", "/akun/masuk/?next=/akun/masuk/"])
def test_halaman_masuk_dengan_next_ke_dirinya_mengantar_yang_sudah_masuk_ke_halaman_kerja(client, lanjut):
    # A link (an old tab, a crafted address) whose `next` is the login page
    # itself: Django refuses it with an error for someone logged in.
    client.force_login(buat_pengguna("andi@contoh.id"))
    response = client.get(reverse("login"), {"next": lanjut})
    assert response.status_code == 302 and response["Location"] == reverse("transaksi:saya")


@pytest.mark.parametrize(
    "lanjut",
    [
        "/akun/keluar/",  # the logout: a class-based view that takes only POST
        "/akun/keluar/?x=1",
        "http://testserver/akun/keluar/",
    ],
)
def test_next_ke_alamat_khusus_formulir_diganti_halaman_kerja(client, lanjut):
    """Opened after the login, an address that only takes a form is a 405
    page: the person lands on their own work instead, as for any `next` that
    cannot be followed."""
    buat_pengguna("dewi@bps.go.id", "Resepsionis")
    halaman = client.get(reverse("login"), {"next": lanjut}).content.decode()
    assert 'name="next"' not in halaman or f'value="{lanjut}"' not in halaman
    response = masuk(client, "dewi@bps.go.id", next=lanjut)
    assert response.status_code == 302 and response["Location"] == reverse("antrian:meja")
    assert client.get(response["Location"]).status_code == 200  # still logged in
    # Someone already logged in who opens such a login link is sent the same way.
    response = client.get(reverse("login"), {"next": lanjut})
    assert response.status_code == 302 and response["Location"] == reverse("antrian:meja")


def test_next_kembali_memilih_kantor_tidak_ke_alamat_khusus_formulir(client, kota):
    # The office chooser's `next` obeys the same rule (pst_layanan.roles.alamat_lanjut).
    response = client.post(reverse("pilih_kantor"), {"kantor": kota.kode, "next": "/akun/keluar/"})
    assert response.status_code == 302 and response["Location"] == reverse("beranda")
    response = client.post(reverse("pilih_kantor"), {"kantor": kota.kode, "next": "/antrian/layar/"})
    assert response["Location"] == "/antrian/layar/"


def test_pengguna_berperan_ganda_melihat_pindah_halaman_kerja(client, django_assert_max_num_queries):
    user = buat_pengguna("dewi@bps.go.id", "Resepsionis")
    user.groups.add(Group.objects.get(name="Petugas Layanan"))
    response = masuk(client, "dewi@bps.go.id")
    assert response["Location"] == reverse("transaksi:tenggat")  # the more senior role first
    # The desk's own bound (tests/antrian/test_meja.py) plus the login session and both roles' menus;
    # the switch itself reads the roles already loaded for the menu.
    with django_assert_max_num_queries(15):
        html = client.get(reverse("antrian:meja")).content.decode()
    assert "Pindah ke halaman kerja" in html
    assert f'href="{reverse("transaksi:tenggat")}">Daftar kerja dan tenggat' in html
    assert f'href="{reverse("antrian:meja")}" aria-current="page">Meja resepsionis' in html


def test_satu_peran_tanpa_pilihan_pindah(client):
    buat_pengguna("dewi@bps.go.id", "Resepsionis")
    masuk(client, "dewi@bps.go.id")
    assert "Pindah ke halaman kerja" not in client.get(reverse("antrian:meja")).content.decode()


@pytest.mark.parametrize(
    ("peran", "terlihat", "tidak_terlihat"),
    [
        (None, ["Transaksi saya", "Buat transaksi"], ["Meja resepsionis", "Pemeriksaan", "Kas tunai"]),
        ("Resepsionis", ["Meja resepsionis", "Layar antrian"], ["Transaksi saya", "Pemeriksaan", "Kas tunai"]),
        ("Petugas Layanan", ["Pemeriksaan", "Tenggat"], ["Meja resepsionis", "Kas tunai", "Laporan bulanan"]),
        # The refunds to pay were reachable only from the e-mail announcing one.
        ("Bendahara", ["Rekonsiliasi PNBP", "Kas tunai", "Pengembalian PNBP"], ["Pemeriksaan", "Transaksi saya"]),
        # A supervisor holds the officer's and the treasurer's roles too.
        ("Supervisor", ["Laporan bulanan", "Pemeriksaan", "Kas tunai"], ["Meja resepsionis", "Transaksi saya"]),
    ],
)
def test_bilah_navigasi_memuat_menu_peran_pengguna(client, peran, terlihat, tidak_terlihat):
    client.force_login(buat_pengguna("orang@bps.go.id", peran))
    nav = client.get(reverse("privasi")).content.decode().split("</nav>")[0]
    assert all(f">{teks}</a>" in nav for teks in terlihat)
    assert not any(f">{teks}</a>" in nav for teks in tidak_terlihat)


def test_tamu_tanpa_akun_hanya_melihat_alur_dan_tarif(client):
    nav = client.get(reverse("privasi")).content.decode().split("</nav>")[0]
    assert ">Jenis dan tarif</a>" in nav and ">Transaksi saya</a>" not in nav and ">Pemeriksaan</a>" not in nav


# Every link of the supervisor's menus, URL and label, as the bar listed them
# when they were side by side: grouping them in dropdowns removes none.
TAUTAN_SUPERVISOR = [
    ("antrian:loket_pilih", "Loket"),
    ("antrian:monitor", "Monitor antrian"),
    ("antrian:janji_petugas", "Janji temu"),
    ("antrian:riwayat", "Riwayat kunjungan"),
    ("transaksi:periksa", "Pemeriksaan"),
    ("transaksi:tenggat", "Tenggat"),
    ("transaksi:tarif", "Tarif"),
    ("penilaian:umpan_balik", "Umpan balik"),
    ("akun:kuncian", "Akun terkunci"),
    ("penilaian:dasbor", "Mutu layanan"),
    ("penilaian:laporan", "Laporan bulanan"),
    ("transaksi:rekonsiliasi", "Rekonsiliasi PNBP"),
    ("transaksi:kas", "Kas tunai"),
    ("transaksi:kas_transfer", "Bukti transfer"),
    ("transaksi:pengembalian_daftar", "Pengembalian PNBP"),
    ("pilih_kantor", "BPS Provinsi Bengkulu"),
    ("akun:profil", "Biodata saya"),
    ("akun:ubah_sandi", "Ubah kata sandi"),
    ("admin:index", "Administrasi"),
]


@pytest.mark.parametrize(
    ("peran", "tambahan"),
    [("Supervisor", []), ("Pengawas Provinsi", [("penilaian:provinsi", "Dasbor provinsi")])],
)
def test_menu_supervisor_memuat_setiap_tautannya(client, peran, tambahan):
    client.force_login(buat_pengguna("orang@bps.go.id", peran))
    nav = client.get(reverse("privasi")).content.decode().split("</nav>")[0]
    tautan = set(re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(?:<i [^>]*></i> )?([^<]*)</a>', nav))
    assert {(reverse(nama), label) for nama, label in TAUTAN_SUPERVISOR + tambahan} <= tautan
    assert (reverse("beranda") + "#alur", "Alur layanan") in tautan


@pytest.mark.parametrize(("peran", "terlihat"), [("Pengawas Provinsi", True), ("Supervisor", False)])
def test_dasbor_provinsi_di_bilah_hanya_untuk_pengawas_provinsi(client, peran, terlihat):
    # The province supervisor's own page was reachable only from the user
    # menu's "switch working page" list, not from the bar's role menus.
    client.force_login(buat_pengguna("orang@bps.go.id", peran))
    html = client.get(reverse("privasi")).content.decode()
    bilah = html.split('<ul class="navbar-nav me-auto">')[1].split("</ul>\n      <ul")[0]
    assert ">Pengawasan</a>" in bilah
    assert (f'href="{reverse("penilaian:provinsi")}">Dasbor provinsi</a>' in bilah) is terlihat


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hari", "teks"),
    [
        (36500, "deleted 36,500 days after their transaction is closed."),
        (1, "deleted 1 day after their transaction is closed."),
    ],
)
def test_masa_simpan_dokumen_di_pemberitahuan_privasi_dibaca_dengan_satuannya(client, hari, teks):
    """The retention an office sets is spoken as every length of time is
    (`format.lama`): thousands separated in English, and one day in the
    singular. It counts from the transaction's close (`transaksi.retensi`),
    not from the upload, and the notice says so."""
    from pst_layanan.models import Kantor, kantor_bawaan

    k = Kantor.objects.get(pk=kantor_bawaan())
    k.retensi_dokumen_hari = hari
    k.save()
    client.cookies["pst_bahasa"] = "en"
    assert teks in client.get(reverse("privasi")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bahasa", "teks"),
    [
        ("id", "kecuali rekening tujuan pengembalian PNBP (nama pemilik, nomor dan bank)"),
        ("en", "except the account a PNBP refund was paid back to (holder, number and bank)"),
    ],
)
def test_pemberitahuan_privasi_menyebut_rekening_pengembalian_yang_tetap_disimpan(client, bahasa, teks):
    """An erasure keeps a refund's account (holder, number, bank) as the treasurer's
    record, as the erasure page says; the notice's "your rights" says so too."""
    client.cookies["pst_bahasa"] = bahasa
    assert teks in " ".join(client.get(reverse("privasi")).content.decode().split())
