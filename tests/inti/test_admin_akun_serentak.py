"""A supervisor's admin page of an account stays open while its owner acts on
it (verifies the e-mail, edits the profile): saving the page writes what the
supervisor changed and keeps the owner's changes."""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan.models import Pengguna
from pst_layanan.roles import PETUGAS
from pst_layanan.tautan import token_verifikasi
from tests.antrian.test_admin_simpan_serentak import isian_halaman


def test_peran_diberikan_di_admin_tidak_membatalkan_verifikasi_email_yang_baru_dilakukan(klien_untuk, supervisor):
    baru = buat_pengguna("sari@bps.go.id", email_terverifikasi=False)
    url = reverse("admin:pst_layanan_pengguna_change", args=[baru.pk])
    admin = klien_untuk(supervisor)
    halaman = admin.get(url).content.decode()
    assert baru.password not in halaman  # the hash is never part of the page
    isian = isian_halaman(halaman)
    assert isian["email_terverifikasi"] is None

    Client().post(reverse("akun:verifikasi", args=[token_verifikasi(baru)]))  # the new officer's link
    Pengguna.objects.filter(pk=baru.pk).update(telepon="085200001111")  # and their profile

    isian.update(groups=[Group.objects.get(name=PETUGAS).pk], is_staff="on")
    r = admin.post(url, {k: v for k, v in isian.items() if v is not None})
    assert r.status_code == 302, r.content.decode()[:3000]
    baru.refresh_from_db()
    assert baru.email_terverifikasi and baru.telepon == "085200001111"
    assert baru.is_staff and list(baru.groups.values_list("name", flat=True)) == [PETUGAS]


def test_halaman_admin_yang_dibuka_sebelum_penghapusan_tidak_mengembalikan_data_pengunjung(
    klien_untuk, supervisor, pengunjung
):
    """A supervisor's page of a visitor's account stays open while the visitor
    erases their data: saving it must not write their details back onto the
    erased account."""
    from pst_layanan import data_pribadi

    Pengguna.objects.filter(pk=pengunjung.pk).update(nama_instansi="Universitas Bengkulu")
    url = reverse("admin:pst_layanan_pengguna_change", args=[pengunjung.pk])
    admin = klien_untuk(supervisor)
    isian = isian_halaman(admin.get(url).content.decode())

    data_pribadi.anonimkan(Pengguna.objects.get(pk=pengunjung.pk))

    isian.update(nama_instansi="Universitas Bengkulu (UNIB)", telepon="085200001111")
    r = admin.post(url, {k: v for k, v in isian.items() if v is not None})
    assert r.status_code == 403
    akun = Pengguna.objects.get(pk=pengunjung.pk)
    assert (akun.nama_instansi, akun.telepon) == ("", "")
    assert akun.nama_lengkap == f"Pengguna terhapus #{akun.pk}"
