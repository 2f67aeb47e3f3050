"""Quiet public forms: sign-up tells nobody whether an address has an
account, and sign-up, password reset, verification resend and login are
rate-limited per client address and per e-mail (Indonesian 429 page)."""

import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from pst_layanan import views
from pst_layanan.models import Pengguna, Surel
from tests.inti.test_akun import DATA_DAFTAR

pytestmark = pytest.mark.django_db


def _daftar(client, email, **meta):
    r = client.post(reverse("akun:daftar"), {**DATA_DAFTAR, "email": email}, **meta)
    halaman = client.get(r["Location"]) if r.status_code == 302 else None
    return r, halaman


def _tanpa_token(html: str) -> str:
    """The page's text without its per-request CSRF tokens (form field and htmx header)."""
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "CSRF", html)


def test_daftar_dengan_email_terdaftar_dijawab_sama_persis(client, pengunjung, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        baru, halaman_baru = _daftar(client, "siti@contoh.id")
    client.cookies.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ada, halaman_ada = _daftar(client, "siti@contoh.id".replace("siti", "andi"))

    assert (baru.status_code, ada.status_code) == (302, 302)
    assert baru["Location"] == ada["Location"] == reverse("login")
    assert baru.content == ada.content
    assert sorted(baru.cookies) == sorted(ada.cookies) == ["messages"]
    assert halaman_baru.status_code == halaman_ada.status_code == 200
    teks_baru = _tanpa_token(halaman_baru.content.decode()).replace("siti@contoh.id", "EMAIL")
    teks_ada = _tanpa_token(halaman_ada.content.decode()).replace("andi@contoh.id", "EMAIL")
    assert teks_baru == teks_ada and "langkah berikutnya" in teks_baru
    assert "sudah terdaftar" not in teks_ada

    # Only the mailboxes learn what happened: the new address gets its
    # verification link, the owner of the taken one a warning.
    verifikasi, peringatan = mail.outbox
    assert verifikasi.to == ["siti@contoh.id"] and "Verifikasi" in verifikasi.subject
    assert peringatan.to == [pengunjung.email]
    assert "mencoba mendaftar" in peringatan.body and "/akun/sandi/lupa/" in peringatan.body
    pengunjung.refresh_from_db()
    assert pengunjung.nama_lengkap == "Andi Pengunjung" and pengunjung.check_password("sandi-uji-123")
    assert Pengguna.objects.count() == 2


def test_daftar_diklik_dua_kali_satu_akun_satu_surel(client, django_capture_on_commit_callbacks):
    """A double click on 'Daftar' (or the form sent again while the page
    loads) finds the account the first click made: the visitor gets its
    verification link only, not also a warning that someone tried to sign
    up with their address."""
    with django_capture_on_commit_callbacks(execute=True):
        pertama, _ = _daftar(client, "siti@contoh.id")
        kedua, _ = _daftar(client, "siti@contoh.id")
    assert pertama.status_code == kedua.status_code == 302 and pertama.content == kedua.content
    assert [m.subject for m in mail.outbox] == ["Verifikasi e-mail akun PST Layanan"]
    assert Pengguna.objects.filter(email="siti@contoh.id").count() == 1


def test_daftar_lagi_dengan_sandi_lain_tetap_memperingatkan_pemilik(client, django_capture_on_commit_callbacks):
    """Someone else signing up with an address just registered (another
    password) is not the same click: its owner is warned, as for any
    address already taken."""
    with django_capture_on_commit_callbacks(execute=True):
        _daftar(client, "siti@contoh.id")
        client.post(
            reverse("akun:daftar"), {**DATA_DAFTAR, "password1": "Sandi-Lain-999", "password2": "Sandi-Lain-999"}
        )
    verifikasi, peringatan = mail.outbox
    assert "Verifikasi" in verifikasi.subject and "mencoba mendaftar" in peringatan.body


def test_reset_untuk_alamat_ada_dan_tidak_ada_dijawab_selama_waktu_yang_sama(client, pengunjung, monkeypatch):
    """Queuing the e-mail costs time only for an account: each answer waits
    out the rest of one fixed length, so its timing names no account."""
    tidur = []
    monkeypatch.setattr(views.time, "sleep", tidur.append)
    lama = {}
    for email in (pengunjung.email, "tidak.ada@contoh.id"):
        mulai = views.time.monotonic()
        assert client.post(reverse("akun:lupa_sandi"), {"email": email}).status_code == 302
        lama[email] = views.time.monotonic() - mulai + tidur[-1]
    assert Surel.objects.count() == 1
    assert all(d >= views.WAKTU_JAWAB_LUPA_SANDI for d in lama.values())
    assert all(0 < t <= views.WAKTU_JAWAB_LUPA_SANDI for t in tidur)


def test_daftar_huruf_besar_email_terdaftar_tidak_membuat_akun_kedua(client, pengunjung):
    r, _ = _daftar(client, "  ANDI@Contoh.ID ")
    assert r.status_code == 302 and Pengguna.objects.filter(email__iexact="andi@contoh.id").count() == 1


def test_sepuluh_permintaan_reset_paling_banyak_tiga_surel_lalu_429(
    client, pengunjung, django_capture_on_commit_callbacks
):
    kode = []
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(10):
            kode.append(client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email}).status_code)
    assert kode == [302] * 3 + [429] * 7
    assert len(mail.outbox) == Surel.objects.count() == 3
    r = client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email})
    isi = r.content.decode()
    assert "Terlalu banyak permintaan" in isi and "tidak diproses" in isi and "menit" in isi
    assert 0 < int(r["Retry-After"]) <= 15 * 60


def test_banjir_reset_dari_banyak_alamat_untuk_satu_email_tetap_dibatasi(
    client, pengunjung, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kode = [
            client.post(
                reverse("akun:lupa_sandi"), {"email": pengunjung.email.upper()}, REMOTE_ADDR=f"10.0.0.{i}"
            ).status_code
            for i in range(10)
        ]
    assert kode.count(302) == 3 and len(mail.outbox) == 3


def test_batas_per_alamat_untuk_banyak_email(client, settings):
    settings.BATAS_PER_ALAMAT = 5
    kode = [client.post(reverse("akun:lupa_sandi"), {"email": f"x{i}@contoh.id"}).status_code for i in range(7)]
    assert kode == [302] * 5 + [429] * 2
    # Another address is not affected; GET pages are never limited.
    assert client.post(reverse("akun:lupa_sandi"), {"email": "y@contoh.id"}, REMOTE_ADDR="10.9.9.9").status_code == 302
    assert client.get(reverse("akun:lupa_sandi")).status_code == 200


def test_batas_di_belakang_proxy_per_pengunjung(client, settings):
    """Behind the reverse proxy each visitor is counted by their own address."""
    settings.JUMLAH_PROXY, settings.BATAS_PER_ALAMAT = 1, 2
    url = reverse("akun:lupa_sandi")

    def kirim(ip, i):
        return client.post(url, {"email": f"z{i}@contoh.id"}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=ip)

    assert [kirim("203.0.113.5", i).status_code for i in range(3)] == [302, 302, 429]
    assert kirim("203.0.113.6", 9).status_code == 302


def test_daftar_dan_kirim_ulang_verifikasi_dibatasi_per_email(client, pengunjung, klien_untuk, settings):
    kode = [_daftar(client, "baru@contoh.id", REMOTE_ADDR=f"10.1.0.{i}")[0].status_code for i in range(5)]
    assert kode == [302, 302, 302, 429, 429]

    Pengguna.objects.filter(pk=pengunjung.pk).update(email_terverifikasi=False)
    klien = klien_untuk(pengunjung)
    kode = [klien.post(reverse("akun:kirim_ulang_verifikasi")).status_code for _ in range(5)]
    assert kode == [302, 302, 302, 429, 429]
    assert Surel.objects.filter(penerima=[pengunjung.email]).count() == 3


def test_masuk_dibatasi_per_email_tanpa_membocorkan_sandi(client, pengunjung, settings):
    settings.BATAS_MASUK_PER_EMAIL = 3
    data = {"username": pengunjung.email, "password": "sandi-uji-123"}
    kode = [client.post(reverse("login"), data, REMOTE_ADDR=f"10.2.0.{i}").status_code for i in range(4)]
    assert kode == [302, 302, 302, 429]
    assert client.get(reverse("login")).status_code in (200, 302)


def test_batas_jendela_berakhir(client, pengunjung):
    with time_machine.travel("2026-03-16 09:00 +0700", tick=False) as mesin:
        for _ in range(4):
            r = client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email})
        assert r.status_code == 429 and int(r["Retry-After"]) == 15 * 60
        mesin.shift(15 * 60)
        assert client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email}).status_code == 302


def test_halaman_429_menyebut_sisa_menit_dalam_bahasa_pembaca(client, pengunjung):
    """Near the end of the window one minute is left, said in the singular."""
    with time_machine.travel("2026-03-16 09:00 +0700", tick=False) as mesin:
        for _ in range(4):
            client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email})
        mesin.shift(15 * 60 - 30)
        r = client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email}, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 429 and "Please try again in <strong>1 minute</strong>." in r.content.decode()


def test_batas_per_alamat_ipv6_dihitung_per_jaringan_64(client, settings):
    """An IPv6 client holds a whole /64 and picks any address in it for each
    request: the limit counts the network, or it would never be reached."""
    settings.BATAS_PER_ALAMAT = 2
    url = reverse("akun:lupa_sandi")

    def kirim(ip, i):
        return client.post(url, {"email": f"v{i}@contoh.id"}, REMOTE_ADDR=ip).status_code

    assert [kirim(f"2001:db8:1:2::{i:x}", i) for i in range(1, 4)] == [302, 302, 429]
    assert kirim("2001:db8:1:2:ffff:1:2:3", 4) == 429
    # Another /64 is another client; an IPv4 address is still counted alone.
    assert kirim("2001:db8:1:3::1", 5) == 302
    assert [kirim("::ffff:203.0.113.7", 6), kirim("203.0.113.8", 7)] == [302, 302]


def test_login_back_office_dibatasi_bersama_login_situs(client, supervisor, settings):
    """The back office's login checks the same passwords: a guesser who moves
    there from the site's login, or spreads the guesses over many addresses
    (an IPv6 client's /64), meets the same per-e-mail and per-address limits."""
    settings.BATAS_MASUK_PER_EMAIL, settings.BATAS_PER_ALAMAT = 3, 2
    data = {"username": supervisor.email, "password": "tebakan-salah"}
    kode = [client.post(reverse("admin:login"), data, REMOTE_ADDR=f"10.4.0.{i}").status_code for i in range(2)]
    kode += [client.post(reverse("login"), data, REMOTE_ADDR=f"10.4.1.{i}").status_code for i in range(2)]
    assert kode == [200, 200, 200, 429]

    def tebak(ip, i):
        return client.post(reverse("admin:login"), {"username": f"p{i}@contoh.id", "password": "x"}, REMOTE_ADDR=ip)

    assert [tebak(f"2001:db8:5:6::{i:x}", i).status_code for i in range(1, 4)] == [200, 200, 429]


# Spellings of andi@contoh.id that Django's e-mail field accepts and
# PostgreSQL's case-insensitive match (UPPER() on both sides, which maps the
# dotless ı onto I, as it maps the long ſ onto S) finds the account by.
EJAAN_LAIN = ["andı@contoh.id", "andi@contoh.ıd", "ANDı@contoh.ıd", "andı@contoh.ıd"]


def test_ejaan_lain_email_yang_sama_dihitung_dalam_satu_batas(client, pengunjung, django_capture_on_commit_callbacks):
    """A flood of resets for one account, its address spelt with letters the
    database takes for i, still sends at most BATAS_PER_EMAIL e-mails."""
    with django_capture_on_commit_callbacks(execute=True):
        kode = [
            client.post(reverse("akun:lupa_sandi"), {"email": e}, REMOTE_ADDR=f"10.5.0.{i}").status_code
            for i, e in enumerate([pengunjung.email, *EJAAN_LAIN])
        ]
    assert kode == [302, 302, 302, 429, 429]
    assert len(mail.outbox) <= 3


def test_ejaan_lain_email_dihitung_dalam_satu_batas_masuk(client, pengunjung, settings):
    settings.BATAS_MASUK_PER_EMAIL = 2
    data = [{"username": e, "password": "tebakan-salah"} for e in [pengunjung.email, *EJAAN_LAIN[:2]]]
    kode = [client.post(reverse("login"), d, REMOTE_ADDR=f"10.6.0.{i}").status_code for i, d in enumerate(data)]
    assert kode == [200, 200, 429]


def test_masuk_yang_berhasil_tidak_menghabiskan_batas_alamat_kantor(client, settings):
    """Officers behind one office address sign in at the start of the day:
    their good logins are not guesses, so the 21st colleague is not refused;
    wrong passwords from that address still meet the limit."""
    from django.test import Client

    from conftest import buat_pengguna

    settings.BATAS_PER_ALAMAT = 2
    staf = [buat_pengguna(f"staf{i}@bps.go.id", "Petugas Layanan") for i in range(4)]
    kode = [
        Client().post(reverse("login"), {"username": s.email, "password": "sandi-uji-123"}, REMOTE_ADDR="10.7.0.1")
        for s in staf
    ]
    assert [r.status_code for r in kode] == [302, 302, 302, 302]
    tebak = {"username": "siapa@contoh.id", "password": "salah"}
    assert [client.post(reverse("login"), tebak, REMOTE_ADDR="10.7.0.1").status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]
