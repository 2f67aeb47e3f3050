"""Login lockout (django-axes): per e-mail + address and per address, the
Indonesian lockout page, officers' unlock, and password rules at sign-up."""

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from pst_layanan.kalender import WIB
from pst_layanan.models import Pengguna
from tests import pabrik
from tests.inti.test_akun import BIODATA

pytestmark = pytest.mark.django_db

SANDI = "sandi-uji-123"  # conftest.buat_pengguna
MULAI = datetime(2026, 3, 16, 9, 0, tzinfo=WIB)


def masuk(client, email, sandi, ip="10.0.0.1", **extra):
    return client.post(reverse("login"), {"username": email, "password": sandi}, REMOTE_ADDR=ip, **extra)


def gagal(client, email, kali, ip="10.0.0.1"):
    return [masuk(client, email, "salah-sandi", ip).status_code for _ in range(kali)]


def test_akun_terkunci_setelah_lima_gagal_walau_sandi_benar(client, pengunjung):
    assert gagal(client, "andi@contoh.id", 4) == [200] * 4
    response = masuk(client, "andi@contoh.id", "salah-sandi")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal" in html
    assert "30 menit" in html and "5 kali gagal" in html
    assert "Content-Security-Policy" in response.headers

    response = masuk(client, "andi@contoh.id", SANDI)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_halaman_kunci_tanpa_telepon_bila_kantor_belum_mengisinya(client, pengunjung):
    """An office seeded without its number read "hubungi petugas PST (–,
    pst1700@bps.go.id)": the phone is left out until it is known."""
    from pst_layanan.models import TELEPON_BELUM_DIKETAHUI, Kantor

    k = Kantor.objects.get(kode="1700")
    k.telepon = TELEPON_BELUM_DIKETAHUI
    k.save()
    gagal(client, "andi@contoh.id", 4)
    html = " ".join(masuk(client, "andi@contoh.id", "salah-sandi").content.decode().split())
    assert "hubungi petugas PST (pst1700@bps.go.id) untuk membuka kunci" in html
    k.telepon = "(0736) 349117"
    k.save()
    html = " ".join(masuk(client, "andi@contoh.id", "salah-sandi").content.decode().split())
    assert "hubungi petugas PST ((0736) 349117, pst1700@bps.go.id) untuk membuka kunci" in html


def test_huruf_besar_tidak_menambah_jatah_percobaan(client, pengunjung):
    gagal(client, "andi@contoh.id", 2)
    gagal(client, "ANDI@contoh.id", 2)
    assert masuk(client, " Andi@Contoh.ID", "salah-sandi").status_code == 429


def test_email_terlalu_panjang_dihitung_gagal_tanpa_galat_server(client):
    """A name longer than the login records' column (255 characters), typed
    or sent by a script to either login page, was a server error on
    PostgreSQL when the failure was written: it is one more failure, counted
    under the name cut to the column, and locks like any other."""
    from axes.models import AccessAttempt

    panjang = "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "id"
    client.raise_request_exception = False
    assert gagal(client, panjang, 2) == [200] * 2
    admin = client.post(reverse("admin:login"), {"username": panjang, "password": "salah"}, REMOTE_ADDR="10.0.0.1")
    assert admin.status_code == 200
    assert [len(n) for n in AccessAttempt.objects.values_list("username", flat=True)] == [255]
    assert gagal(client, panjang.upper(), 2) == [200, 429]


def test_kunci_akun_per_alamat_akun_sama_dari_alamat_lain_masih_bisa(client, pengunjung):
    gagal(client, "andi@contoh.id", 5, ip="10.0.0.1")
    assert masuk(client, "andi@contoh.id", SANDI, ip="10.0.0.1").status_code == 429
    assert masuk(client, "andi@contoh.id", SANDI, ip="10.9.9.9").status_code == 302


def test_atur_ulang_sandi_membuka_kunci_akun_itu(client, pengunjung, pengunjung_lain):
    """The lockout page offers resetting the password as a way out ("coba lagi
    setelah 30 menit, atur ulang kata sandi Anda, atau hubungi petugas"): the
    new password, set from the e-mailed link, was still refused for the rest
    of the lock. Following the link proves the mailbox, as an officer's
    unlock would: that account's failures go; the address's failures against
    other accounts stay."""
    from pst_layanan import akun

    gagal(client, "budi@contoh.id", 2, ip="10.0.0.1")
    gagal(client, "andi@contoh.id", 3, ip="10.0.0.1")
    assert masuk(client, "andi@contoh.id", SANDI, ip="10.0.0.1").status_code == 429
    atur = client.get(akun.tautan_atur_sandi(pengunjung), follow=True).redirect_chain[-1][0]
    baru = "Sandi-Baru-Bengkulu-9"
    assert client.post(atur, {"new_password1": baru, "new_password2": baru}, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert masuk(client, "andi@contoh.id", baru, ip="10.0.0.1").status_code == 302
    client.logout()
    assert gagal(client, "budi@contoh.id", 3, ip="10.0.0.1") == [200, 200, 429]


def test_alamat_terkunci_setelah_lima_gagal_ke_berbagai_akun(client, pengunjung, pengunjung_lain):
    for i in range(4):
        assert masuk(client, f"tebakan{i}@contoh.id", "salah", ip="10.0.0.7").status_code == 200
    assert masuk(client, "budi@contoh.id", "salah", ip="10.0.0.7").status_code == 429
    # Any account, even with the right password, from that address.
    assert masuk(client, "andi@contoh.id", SANDI, ip="10.0.0.7").status_code == 429
    assert masuk(client, "andi@contoh.id", SANDI, ip="10.0.0.8").status_code == 302


def test_kunci_terbuka_sendiri_setelah_masa_kunci(client, pengunjung):
    with time_machine.travel(MULAI, tick=False):
        gagal(client, "andi@contoh.id", 5)
        assert masuk(client, "andi@contoh.id", SANDI).status_code == 429
    with time_machine.travel(MULAI + timedelta(minutes=31), tick=False):
        assert masuk(client, "andi@contoh.id", SANDI).status_code == 302


def test_berhasil_masuk_mengatur_ulang_hitungan(client, pengunjung):
    gagal(client, "andi@contoh.id", 4)
    assert masuk(client, "andi@contoh.id", SANDI).status_code == 302
    client.logout()
    assert gagal(client, "andi@contoh.id", 4) == [200] * 4


def test_alamat_di_belakang_proxy_dari_x_forwarded_for(client, pengunjung, settings):
    """Behind one TLS proxy every request comes from 127.0.0.1: the client is the
    address the proxy appended, so one attacker does not lock out everybody."""
    settings.JUMLAH_PROXY = 1
    for _ in range(5):
        masuk(client, "x@contoh.id", "salah", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    assert masuk(client, "andi@contoh.id", SANDI, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302
    client.logout()
    # The forged left part is ignored: still the same (locked) client.
    forged = masuk(client, "andi@contoh.id", SANDI, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5")
    assert forged.status_code == 429


def test_petugas_melihat_dan_membuka_kunci_akun(
    client, pengunjung, petugas, klien_untuk, django_assert_max_num_queries
):
    gagal(client, "andi@contoh.id", 5)
    assert masuk(client, "andi@contoh.id", SANDI).status_code == 429

    from django.test import Client

    meja = Client()
    meja.force_login(petugas, backend="django.contrib.auth.backends.ModelBackend")
    with django_assert_max_num_queries(10):
        response = meja.get(reverse("akun:kuncian"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "andi@contoh.id" in html and "10.0.0.1" in html and "Buka kunci" in html

    response = meja.post(reverse("akun:buka_kunci"), {"username": "andi@contoh.id"}, follow=True)
    assert "Kunci masuk untuk andi@contoh.id telah dibuka" in response.content.decode()
    assert "Tidak ada akun atau alamat yang sedang terkunci" in response.content.decode()
    assert masuk(client, "andi@contoh.id", SANDI).status_code == 302


def test_petugas_membuka_kunci_alamat(client, pengunjung, supervisor):
    for i in range(5):
        masuk(client, f"tebakan{i}@contoh.id", "salah", ip="10.0.0.7")
    from django.test import Client

    meja = Client()
    meja.force_login(supervisor, backend="django.contrib.auth.backends.ModelBackend")
    html = meja.get(reverse("akun:kuncian")).content.decode()
    assert "(semua akun dari alamat ini)" in html
    # A crafted form (not an address, a NUL) lifts nothing and is no database error on PostgreSQL.
    for isian in ({"ip_address": "bukan-ip"}, {"ip_address": "10.0.0.7\x00"}, {"username": "a\x00b"}):
        html = meja.post(reverse("akun:buka_kunci"), isian, follow=True).content.decode()
        assert "Tidak ada kunci aktif untuk data itu." in html
    meja.post(reverse("akun:buka_kunci"), {"ip_address": "10.0.0.7"})
    assert masuk(client, "andi@contoh.id", SANDI, ip="10.0.0.7").status_code == 302


def test_daftar_kunci_berhalaman(klien_untuk, petugas, settings):
    """A password-spraying night can lock hundreds of addresses: the list pages
    by 50 and the second page holds the rest, each address once."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.bulk_create(
        AccessAttempt(ip_address=f"10.1.0.{i}", user_agent="uji", failures_since_start=settings.AXES_FAILURE_LIMIT)
        for i in range(51)
    )
    meja = klien_untuk(petugas)
    halaman = [meja.get(reverse("akun:kuncian"), {"halaman": n}).content.decode() for n in (1, 2)]
    alamat = [re.findall(r"<td>(10\.1\.0\.\d+)</td>", html) for html in halaman]
    assert [len(a) for a in alamat] == [50, 1]
    assert sorted(alamat[0] + alamat[1]) == sorted(f"10.1.0.{i}" for i in range(51))
    assert "Halaman 1 dari 2" in halaman[0] and "Halaman 2 dari 2" in halaman[1]


def test_halaman_kunci_hanya_untuk_petugas(pengunjung, resepsionis, klien_untuk, client):
    assert client.get(reverse("akun:kuncian")).status_code == 302
    assert klien_untuk(pengunjung).get(reverse("akun:kuncian")).status_code == 403
    assert klien_untuk(resepsionis).post(reverse("akun:buka_kunci"), {"username": "a@b.id"}).status_code == 403


@pytest.mark.parametrize(
    "sandi, pesan",
    [
        ("12345678", "Kata sandi ini terlalu umum"),
        ("83920174623", "Kata sandi ini seluruhnya terdiri dari angka"),
        ("Ab-1", "Kata sandi terlalu pendek. Harus mengandung setidaknya 8 karakter"),
        ("siti.aminah", "Kata sandi terlalu mirip"),
    ],
)
def test_sandi_lemah_ditolak_saat_daftar_dengan_pesan_indonesia(client, sandi, pesan):
    data = pabrik.isian_daftar("siti.aminah@contoh.id", sandi, BIODATA)
    response = client.post(reverse("akun:daftar"), data)
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not Pengguna.objects.exists()


def test_petugas_kantor_lain_tidak_melihat_atau_membuka_kunci_akun_sini(
    client, kota, supervisor, pengunjung, klien_untuk
):
    """The lock page names the account and the address it came from: an
    office's officer sees and lifts the locks of the people their account
    list finds, not of the provincial office's staff or visitors."""
    from django.test import Client

    from conftest import buat_pengguna
    from pst_layanan.roles import PENGAWAS_PROVINSI, PETUGAS
    from tests import pabrik

    pabrik.transaksi_draf(pengunjung)  # the provincial office's visitor
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    for i, email in enumerate((supervisor.email, pengunjung.email, petugas_kota.email)):
        gagal(client, email, 5, ip=f"10.0.0.{i}")
    kota_meja = klien_untuk(petugas_kota)

    html = kota_meja.get(reverse("akun:kuncian")).content.decode()
    assert petugas_kota.email in html
    assert supervisor.email not in html and pengunjung.email not in html
    html = kota_meja.post(reverse("akun:buka_kunci"), {"username": supervisor.email}, follow=True).content.decode()
    assert f"Tidak ada kunci aktif untuk {supervisor.email}." in html
    assert masuk(Client(), supervisor.email, SANDI, ip="10.0.0.0").status_code == 429

    html = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI)).get(reverse("akun:kuncian")).content
    assert supervisor.email in html.decode() and pengunjung.email in html.decode()


def test_masuk_ke_akun_sendiri_tidak_menghapus_percobaan_ke_akun_lain(client, pengunjung, pengunjung_lain):
    """A guesser with an account of their own signs into it between guesses:
    that clears their own failures only, not those against the account they
    are guessing, which is still locked at the fifth wrong password."""
    assert gagal(client, "andi@contoh.id", 4) == [200] * 4
    assert masuk(client, pengunjung_lain.email, SANDI).status_code == 302
    client.logout()
    assert gagal(client, "andi@contoh.id", 1) == [429]
    assert masuk(client, "andi@contoh.id", SANDI).status_code == 429


def test_membuka_kunci_alamat_tidak_membuka_akun_kantor_lain_dari_alamat_itu(client, kota, supervisor, klien_untuk):
    """An office's officer lifting an address lock (guesses at unknown
    e-mails) cleared every failure from it, freeing the provincial
    supervisor's account that the same address was guessing: a lock of an
    account they cannot see stays."""
    from django.test import Client

    from conftest import buat_pengguna
    from pst_layanan.roles import PETUGAS

    gagal(client, supervisor.email, 5, ip="10.0.0.9")
    for i in range(5):
        masuk(client, f"tebakan{i}@contoh.id", "salah", ip="10.0.0.9")
    kota_meja = klien_untuk(buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota))
    assert "(semua akun dari alamat ini)" in kota_meja.get(reverse("akun:kuncian")).content.decode()
    kota_meja.post(reverse("akun:buka_kunci"), {"ip_address": "10.0.0.9"})
    assert masuk(Client(), supervisor.email, SANDI, ip="10.0.0.9").status_code == 429
