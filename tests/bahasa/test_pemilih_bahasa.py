"""Who reads which language: the browser's first, the profile once logged in,
the switcher for both; the display in either language, each with its own
cached fragment and its own voice."""

from __future__ import annotations

import html
import re
from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from antrian import services
from pst_layanan.kalender import WIB
from pst_layanan.models import Pengguna
from tests.inti.test_akun import DATA_DAFTAR

pytestmark = pytest.mark.django_db


def test_tanpa_akun_bahasa_peramban_lalu_pilihan(client):
    assert 'lang="id"' in client.get("/").content.decode()
    halaman = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert 'lang="en"' in halaman and "Paid Statistical Products Service" in halaman
    # The switcher names the other language in itself, and sends back to the same page.
    assert 'lang="id"' in halaman and "Bahasa Indonesia" in halaman
    r = client.post(reverse("set_language"), {"language": "id", "next": "/transaksi/tarif/"})
    assert r.status_code == 302 and r["Location"] == "/transaksi/tarif/"
    assert 'lang="id"' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_pemilih_hanya_post_dan_menolak_bahasa_asing_serta_alamat_luar(client):
    assert client.get(reverse("set_language")).status_code == 405
    r = client.post(reverse("set_language"), {"language": "fr", "next": "https://jahat.example/"})
    assert r.status_code == 302 and "jahat" not in r["Location"]
    assert "pst_bahasa" not in r.cookies


def test_profil_menang_atas_peramban_dan_pemilih_mengubah_profil(klien_untuk, pengunjung):
    pengunjung.bahasa = "id"
    pengunjung.save(update_fields=["bahasa"])
    klien = klien_untuk(pengunjung)
    assert 'lang="id"' in klien.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    klien.post(reverse("set_language"), {"language": "en", "next": "/"})
    pengunjung.refresh_from_db()
    assert pengunjung.bahasa == "en"
    assert 'lang="en"' in klien.get("/transaksi/saya/").content.decode()


def test_masuk_pertama_menyimpan_bahasa_peramban(client):
    client.post(reverse("akun:daftar"), DATA_DAFTAR, HTTP_ACCEPT_LANGUAGE="en")
    baru = Pengguna.objects.get(email__iexact=DATA_DAFTAR["email"])
    assert baru.bahasa == "en"  # the sign-up page was read in English: so are its e-mails
    lama = Pengguna.objects.create_user("lama@contoh.id", "rahasia-panjang-99", nama_lengkap="Lama", bahasa="")
    klien = Client(HTTP_ACCEPT_LANGUAGE="en-US")
    klien.post(reverse("login"), {"username": lama.email, "password": "rahasia-panjang-99"})
    lama.refresh_from_db()
    assert lama.bahasa == "en"


def test_katalog_javascript_per_bahasa(client):
    assert "Turn on sound" in client.get(reverse("javascript-catalog"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Turn on sound" not in client.get(reverse("javascript-catalog")).content.decode()


def test_layar_per_bahasa_dengan_salinan_dan_suaranya_sendiri(
    client, tiket_untuk, pengunjung, loket1, petugas, django_capture_on_commit_callbacks, django_assert_num_queries
):
    tiket = tiket_untuk(pengunjung)
    with django_capture_on_commit_callbacks(execute=True):
        services.panggil(tiket, loket1, petugas)
    url = reverse("antrian:layar_isi")
    indonesia = client.get(url).content.decode()
    inggris = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Nomor antrian B nol nol satu, silakan menuju loket satu" in indonesia
    assert "Queue number B zero zero one, please go to counter one" in inggris
    with django_assert_num_queries(0):  # each language's copy is cached; screens poll for free
        assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode() == inggris
        assert client.get(url).content.decode() == indonesia
    layar = client.get(reverse("antrian:layar"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # The page's language picks the voice (static/js/antrian/layar.js: en-US / id-ID).
    assert '<html lang="en">' in layar and "Turn on sound" in layar


def test_jam_layar_sebelum_skrip_berjalan_per_bahasa(client):
    """The display's clock as first painted (before its script ticks) is written
    as the screen's language writes a clock."""
    with time_machine.travel(datetime(2026, 4, 14, 8, 5, tzinfo=WIB), tick=False):
        indonesia = client.get(reverse("antrian:layar")).content.decode()
        inggris = client.get(reverse("antrian:layar"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<div id="jam-waktu">08.05</div>' in indonesia
    assert '<div id="jam-waktu">08:05</div>' in inggris


def test_tautan_administrasi_dalam_bahasa_pembaca(supervisor, klien_untuk):
    tautan = f'href="{reverse("admin:index")}">'
    klien = klien_untuk(supervisor)
    assert f"{tautan}Administrasi</a>" in klien.get("/").content.decode()
    supervisor.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    assert f"{tautan}Back office</a>" in klien.get("/").content.decode()


def test_ganti_bahasa_di_halaman_hasil_formulir_kembali_ke_halaman_formulir(klien_untuk, pengunjung):
    """A refused form is shown again at the form's own address (POST only). Switching language
    there returns to the page the form was on, in the new language, not to a blank 405."""
    from tests import pabrik

    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    klien = klien_untuk(pengunjung)
    halaman = reverse("transaksi:detail", args=[t.nomor])
    ditolak = klien.post(
        reverse("transaksi:dokumen_unggah", args=[t.nomor]),
        {"jenis": "abstraksi"},
        HTTP_REFERER=f"http://testserver{halaman}",
    )
    assert ditolak.status_code == 400
    [nilai_next] = re.findall(r'name="next" value="([^"]*)"', ditolak.content.decode())
    r = klien.post(
        reverse("set_language"),
        {"language": "en", "next": html.unescape(nilai_next)},
        HTTP_REFERER=f"http://testserver{reverse('transaksi:dokumen_unggah', args=[t.nomor])}",
        follow=True,
    )
    assert r.status_code == 200 and r.redirect_chain[-1][0] == halaman and 'lang="en"' in r.content.decode()


def test_layar_bersama_berbahasa_pilihannya_sendiri_tanpa_mengubah_profil_petugas(klien_untuk, resepsionis):
    """A visitor presses "English" on the desk's rating tablet, logged in as
    the receptionist: the shared screen keeps the choice to itself, and the
    receptionist's profile, desk and e-mails stay in their language."""
    resepsionis.bahasa = "id"
    resepsionis.save(update_fields=["bahasa"])
    klien = klien_untuk(resepsionis)
    kios = klien.get(reverse("penilaian:kios")).content.decode()
    assert 'name="perangkat"' in kios
    klien.post(reverse("set_language"), {"language": "en", "perangkat": "1", "next": reverse("penilaian:kios")})
    resepsionis.refresh_from_db()
    assert resepsionis.bahasa == "id"
    for layar in ("penilaian:kios", "antrian:kios_datang", "antrian:layar"):
        assert 'lang="en"' in klien.get(reverse(layar)).content.decode(), layar
    assert 'lang="id"' in klien.get(reverse("antrian:meja")).content.decode()


@pytest.mark.parametrize(
    ("profil", "peramban", "pesan", "lain"),
    [
        ("en", "id", "You have logged out.", "Anda telah keluar."),
        ("id", "en", "Anda telah keluar.", "You have logged out."),
    ],
)
def test_halaman_setelah_keluar_tetap_berbahasa_yang_dibaca(profil, peramban, pesan, lain):
    """A researcher reading English from their profile, on a computer whose
    browser asks for Indonesian (the office's, a campus's): the page after
    logging out, and the notice on it that the session is over, stay in the
    language they were reading, not the browser's."""
    Pengguna.objects.create_user("tamu@contoh.id", "rahasia-panjang-99", nama_lengkap="Tamu", bahasa=profil)
    klien = Client(HTTP_ACCEPT_LANGUAGE=peramban)
    klien.post(reverse("login"), {"username": "tamu@contoh.id", "password": "rahasia-panjang-99"})
    assert f'<html lang="{profil}">' in klien.get("/").content.decode()
    halaman = klien.post(reverse("logout"), follow=True).content.decode()
    assert f'<html lang="{profil}">' in halaman and pesan in halaman and lain not in halaman
    assert f'<html lang="{profil}">' in klien.get(reverse("login")).content.decode()


@pytest.mark.parametrize(
    ("bahasa", "subjek"),
    [("en", "Your PST Layanan account has been created"), ("id", "Akun PST Layanan Anda telah dibuat")],
)
def test_tamu_asing_didaftarkan_di_meja_menerima_surel_dalam_bahasanya(
    bahasa, subjek, klien_untuk, resepsionis, layanan_b, selalu_buka, django_capture_on_commit_callbacks
):
    """A foreign researcher walks in and the receptionist registers them: the
    desk records the language they read, so the e-mail setting their password
    (and every later one) is one they can read, before they ever log in."""
    from django.core import mail

    from tests.antrian.test_meja import TAMU_BARU

    klien = klien_untuk(resepsionis)
    halaman = klien.get(reverse("antrian:meja")).content.decode()
    assert 'name="baru-bahasa"' in halaman
    with django_capture_on_commit_callbacks(execute=True):
        r = klien.post(
            reverse("antrian:meja"), {"pengunjung": "", "layanan": layanan_b.pk, **TAMU_BARU, "baru-bahasa": bahasa}
        )
    assert r.status_code == 302
    assert Pengguna.objects.get(email="sari@contoh.id").bahasa == bahasa
    assert [m.subject for m in mail.outbox] == [subjek]


def _tautan_surel(pesan) -> str:
    return re.search(r"http://testserver(\S+)", pesan.body).group(1)


def test_tautan_atur_sandi_dibuka_dalam_bahasa_akun_bukan_peramban(django_capture_on_commit_callbacks):
    """A researcher reading English asks for a new password and opens the
    English e-mail's link on a computer whose browser asks for Indonesian:
    the page, and the login page after it, were in Indonesian. They are now
    in the account's language once the link proves valid; a forged link
    names no account's language, and the page's own switcher still works."""
    from django.core import mail

    from pst_layanan import akun

    tamu = Pengguna.objects.create_user("tamu@contoh.id", "rahasia-panjang-99", nama_lengkap="Tamu", bahasa="en")
    with django_capture_on_commit_callbacks(execute=True):
        akun.kirim_reset_sandi(tamu)
    [surel] = mail.outbox
    assert surel.subject == "Reset your PST Layanan password"
    tautan = _tautan_surel(surel)

    palsu = Client(HTTP_ACCEPT_LANGUAGE="id").get(tautan[:-8] + "xxxxxxx/", follow=True).content.decode()
    assert '<html lang="id">' in palsu

    klien = Client(HTTP_ACCEPT_LANGUAGE="id")
    atur = klien.get(tautan, follow=True)
    assert '<html lang="en">' in atur.content.decode() and "Set password" in atur.content.decode()
    halaman = atur.redirect_chain[-1][0]
    sandi = {"new_password1": "Sandi-Baru-Bengkulu-9", "new_password2": "Sandi-Baru-Bengkulu-9"}
    masuk = klien.post(halaman, sandi, HTTP_REFERER=f"http://testserver{halaman}", follow=True).content.decode()
    assert '<html lang="en">' in masuk and "The password has been saved. Please log in." in masuk

    # Switching language on the page itself is the person's choice.
    klien = Client(HTTP_ACCEPT_LANGUAGE="id")
    with django_capture_on_commit_callbacks(execute=True):
        akun.kirim_reset_sandi(tamu)
    halaman = klien.get(_tautan_surel(mail.outbox[-1]), follow=True).redirect_chain[-1][0]
    r = klien.post(
        reverse("set_language"), {"language": "id", "next": halaman}, HTTP_REFERER=f"http://testserver{halaman}"
    )
    assert r["Location"] == halaman
    kembali = klien.get(halaman, HTTP_REFERER=f"http://testserver{halaman}").content.decode()
    assert '<html lang="id">' in kembali and "Atur kata sandi" in kembali


def test_tautan_verifikasi_dibuka_dalam_bahasa_akun_bukan_peramban():
    """The verification link of an English e-mail opened where the browser
    asks for Indonesian: its page and the login page after it are in the
    account's language; a forged token shows the browser's."""
    from pst_layanan import akun

    baru = Pengguna.objects.create_user("baru@contoh.id", "rahasia-panjang-99", nama_lengkap="Baru", bahasa="en")
    tautan = reverse("akun:verifikasi", args=[akun.token_verifikasi(baru)])
    palsu = Client(HTTP_ACCEPT_LANGUAGE="id").get(tautan[:-3] + "xyz/", follow=True).content.decode()
    assert '<html lang="id">' in palsu

    klien = Client(HTTP_ACCEPT_LANGUAGE="id")
    halaman = klien.get(tautan).content.decode()
    assert '<html lang="en">' in halaman and "Verify my e-mail</button>" in halaman
    masuk = klien.post(tautan, HTTP_REFERER=f"http://testserver{tautan}", follow=True).content.decode()
    assert '<html lang="en">' in masuk and "Your e-mail has been verified. Thank you." in masuk
    baru.refresh_from_db()
    assert baru.email_terverifikasi


@pytest.mark.parametrize(
    ("tersimpan", "disimpan", "subjek"),
    [
        ("", "", "Reset your PST Layanan password"),
        ("id", "id", "Atur ulang kata sandi PST Layanan"),
    ],
)
def test_lupa_sandi_dari_halaman_inggris_ditulis_dalam_bahasa_halaman(
    tersimpan, disimpan, subjek, django_capture_on_commit_callbacks
):
    """A walk-in registered at the desk before it recorded a language, or a
    member of staff created in the back office, has none stored: asking for a
    new password from an English page got an Indonesian e-mail. It is now
    written in the page's language; nothing is stored, since anyone may ask
    for it, and a language the person chose decides."""
    from django.core import mail

    tamu = Pengguna.objects.create_user("tamu@contoh.id", nama_lengkap="Tamu", bahasa=tersimpan)
    with django_capture_on_commit_callbacks(execute=True):
        Client(HTTP_ACCEPT_LANGUAGE="en").post(reverse("akun:lupa_sandi"), {"email": "tamu@contoh.id"})
    tamu.refresh_from_db()
    assert tamu.bahasa == disimpan
    assert [m.subject for m in mail.outbox] == [subjek]
