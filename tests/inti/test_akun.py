"""Sign-up with e-mail verification, login, profile, and private-page guards."""

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pst_layanan import akun
from pst_layanan.kalender import WIB
from pst_layanan.models import Pengguna
from tests import pabrik

pytestmark = pytest.mark.django_db

BIODATA = pabrik.biodata("Siti Aminah", "0812 3456 7890")
DATA_DAFTAR = pabrik.isian_daftar("Siti@Contoh.ID", "Bengkulu-Statistik-2026", BIODATA)


def tautan_dari_surel(pesan):
    return re.search(r"http://testserver(\S+)", pesan.body).group(1)


@pytest.mark.parametrize(
    ("tahun", "diterima"), [("2026", True), ("2027", False), ("2030", False), ("1" + "0" * 30, False)]
)
def test_tahun_lahir_tidak_melewati_tahun_ini(client, tahun, diterima):
    """The SKM respondent profile groups ages by it: a year still to come is a typo."""
    with time_machine.travel(datetime(2026, 12, 31, 23, 0, tzinfo=WIB), tick=False):
        response = client.post(reverse("akun:daftar"), {**DATA_DAFTAR, "tahun_lahir": tahun})
    assert Pengguna.objects.filter(email="siti@contoh.id").exists() is diterima
    if not diterima:
        assert response.status_code == 200
        html = response.content.decode()
        # One message, not the database column's own bound beside it.
        assert "Tahun lahir tidak boleh melewati tahun ini." in html and "9223372036854775807" not in html


@pytest.mark.parametrize(
    ("ditulis", "disimpan"),
    [
        ("(0736) 349117", "0736349117"),
        ("0812.3456.7890", "081234567890"),
        ("+62 (812) 3456-7890", "+6281234567890"),
        # As business cards print it: the (0) is dialled only from inside the
        # country, so it is no digit of the number after +62.
        ("+62 (0)736 349117", "+62736349117"),
        ("+62 (0) 812 3456 7890", "+6281234567890"),
        ("62 (0)812 3456 7890", "6281234567890"),
        # Often written with the trunk 0 kept after +62, without brackets: the
        # number after the country code never starts with 0 in Indonesia.
        ("+62 0812-3456-7890", "+6281234567890"),
        ("62 0812 3456 7890", "6281234567890"),
        ("+62 (0812) 3456 7890", "+6281234567890"),
    ],
)
def test_telepon_ditulis_seperti_biasa_diterima(client, ditulis, disimpan):
    """A government office types its landline as the site prints its own, (0736) 349117."""
    response = client.post(reverse("akun:daftar"), {**DATA_DAFTAR, "telepon": ditulis})
    assert response.status_code == 302
    assert Pengguna.objects.get(email="siti@contoh.id").telepon == disimpan


def test_daftar_verifikasi_masuk_dan_ubah_biodata(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("akun:daftar"), DATA_DAFTAR)
    assert response.status_code == 302
    user = Pengguna.objects.get(email="siti@contoh.id")
    assert user.persetujuan_privasi_pada is not None
    assert user.telepon == "081234567890"
    assert not user.email_terverifikasi
    assert len(mail.outbox) == 1 and "Verifikasi" in mail.outbox[0].subject

    # Not logged in by sign-up (a taken address must answer alike); an
    # unverified visitor who logs in is sent to the verification page.
    assert response["Location"] == reverse("login") and "_auth_user_id" not in client.session
    client.post(reverse("login"), {"username": "siti@contoh.id", "password": DATA_DAFTAR["password1"]})
    response = client.get(reverse("akun:profil"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("akun:belum_verifikasi")
    assert "Verifikasi alamat e-mail" in response.content.decode()

    tautan = tautan_dari_surel(mail.outbox[0])
    assert "Verifikasi e-mail saya" in client.get(tautan).content.decode()
    client.post(tautan)
    user.refresh_from_db()
    assert user.email_terverifikasi

    client.logout()
    response = client.post(reverse("login"), {"username": "siti@contoh.id", "password": DATA_DAFTAR["password1"]})
    assert response.status_code == 302
    data = {**BIODATA, "nama_instansi": "BPS Kota Bengkulu", "kategori_instansi": "kementerian"}
    response = client.post(reverse("akun:profil"), data, follow=True)
    assert "Biodata Anda telah disimpan" in response.content.decode()
    user.refresh_from_db()
    assert user.nama_instansi == "BPS Kota Bengkulu"


def test_daftar_tanpa_persetujuan_privasi_ditolak(client):
    data = {**DATA_DAFTAR, "setuju_privasi": ""}
    response = client.post(reverse("akun:daftar"), data)
    assert response.status_code == 200
    assert "Persetujuan pemberitahuan privasi wajib dicentang" in response.content.decode()
    assert not Pengguna.objects.exists()


def test_swasta_wajib_npwp(client):
    data = {**DATA_DAFTAR, "kategori_instansi": "swasta"}
    response = client.post(reverse("akun:daftar"), data)
    assert "NPWP wajib diisi untuk instansi swasta" in response.content.decode()
    assert not Pengguna.objects.exists()


def test_isian_yang_salah_disebut_di_atas_formulir(client):
    """On a phone the sign-up form is two screens tall and the page comes back
    at its top: a refused NPWP or privacy box at the bottom left the visitor
    looking at a form that seemed to have reset. Above the fields, the page
    names what to correct, each a link to its field."""
    data = {**DATA_DAFTAR, "kategori_instansi": "swasta", "setuju_privasi": ""}
    halaman = client.post(reverse("akun:daftar"), data).content.decode()
    ringkasan = re.search(r'<div class="alert alert-danger"[^>]*id="galat-isian"[^>]*>(.*?)</div>', halaman, re.S)
    assert ringkasan and halaman.index('id="galat-isian"') < halaman.index('name="email"')
    assert '<a href="#id_npwp" class="alert-link">NPWP</a>' in ringkasan.group(1)
    assert 'href="#id_setuju_privasi"' in ringkasan.group(1)
    assert 'href="#id_email"' not in ringkasan.group(1)


def test_formulir_tanpa_galat_tanpa_ringkasan(client):
    assert 'id="galat-isian"' not in client.get(reverse("akun:daftar")).content.decode()


def test_npwp_ditulis_seperti_pada_kartu_diterima(client):
    """A 15-digit NPWP is printed 01.234.567.8-901.000 (20 characters): typed so, it is kept as digits."""
    data = {**DATA_DAFTAR, "kategori_instansi": "swasta", "npwp": "01.234.567.8-901.000"}
    halaman = client.get(reverse("akun:daftar")).content.decode()
    assert 'maxlength="16"' not in re.search(r'<input[^>]*name="npwp"[^>]*>', halaman).group(0)
    response = client.post(reverse("akun:daftar"), data)
    assert response.status_code == 302
    assert Pengguna.objects.get(email="siti@contoh.id").npwp == "012345678901000"


@pytest.mark.parametrize(
    "npwp, disimpan",
    [("01 234 567 8 901 000", "012345678901000"), ("3171 0123 4567 8901", "3171012345678901")],
)
def test_npwp_berkelompok_dengan_spasi_diterima(client, npwp, disimpan):
    """Written in groups with spaces, as a phone number may be: taken, as the
    box (20 characters) allows, not refused as not 15/16 digits or as longer
    than 16 characters."""
    data = {**DATA_DAFTAR, "kategori_instansi": "swasta", "npwp": npwp}
    response = client.post(reverse("akun:daftar"), data)
    assert response.status_code == 302
    assert Pengguna.objects.get(email="siti@contoh.id").npwp == disimpan


def test_npwp_salah_tidak_disebut_kosong(client):
    data = {**DATA_DAFTAR, "kategori_instansi": "swasta", "npwp": "01.234.567.8-901.000-0000"}
    halaman = client.post(reverse("akun:daftar"), data).content.decode()
    assert "paling banyak" in halaman and "NPWP wajib diisi" not in halaman
    assert not Pengguna.objects.exists()


@pytest.mark.parametrize("npwp", ["٠١٢٣٤٥٦٧٨٩٠١٠٠٠", "０１２３４５６７８９０１０００"])
def test_npwp_berangka_selain_latin_ditolak(client, npwp):
    """Python's \\d also takes Arabic-Indic and full-width digits: such an
    NPWP was stored and shown to officers as it was typed."""
    data = {**DATA_DAFTAR, "kategori_instansi": "swasta", "npwp": npwp}
    halaman = client.post(reverse("akun:daftar"), data).content.decode()
    assert "NPWP terdiri atas 15 atau 16 angka" in halaman
    assert not Pengguna.objects.exists()


def test_tautan_verifikasi_palsu_ditolak(client, pengunjung):
    response = client.get(reverse("akun:verifikasi", args=["bukan-token"]), follow=True)
    assert "tidak sah" in response.content.decode()


def test_tautan_verifikasi_kedaluwarsa_tanpa_sesi_menunjukkan_jalan_ke_tautan_baru(client):
    """Opened from the e-mail in a browser that is not logged in, the refusal
    lands on the login page: it must say that logging in leads to a new link
    (the resend button is behind the login), not just "ask for a new link"."""
    response = client.get(reverse("akun:verifikasi", args=["bukan-token"]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Masuk dengan e-mail dan kata sandi Anda untuk meminta tautan baru." in response.content.decode()
    client.cookies["pst_bahasa"] = "en"
    response = client.get(reverse("akun:verifikasi", args=["bukan-token"]), follow=True)
    assert "Log in with your e-mail and password to ask for a new link." in response.content.decode()


def test_tautan_verifikasi_dibuka_saat_akun_lain_masuk(client, pengunjung):
    """A colleague's link opened on a shared computer where someone else is
    logged in: their address is verified, and the page says whose it was
    instead of telling the person logged in that theirs is."""
    baru = Pengguna.objects.create_user(email="rekan@contoh.id", password="Bengkulu-2026", nama_lengkap="Rekan")
    client.force_login(pengunjung)
    response = client.post(reverse("akun:verifikasi", args=[akun.token_verifikasi(baru)]), follow=True)
    baru.refresh_from_db()
    assert baru.email_terverifikasi
    html = response.content.decode()
    assert "E-mail Anda telah terverifikasi" not in html
    assert "E-mail rekan@contoh.id telah terverifikasi. Anda sedang masuk dengan akun lain" in html


def isi_basis_data():
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in apps.get_models()}


def test_membuka_tautan_verifikasi_tidak_mengubah_apa_pun(client):
    """A mail scanner fetches every link of an e-mail: opening the
    verification link (a GET) only shows the button, and verifies nothing."""
    baru = Pengguna.objects.create_user(email="rekan@contoh.id", password="Bengkulu-2026", nama_lengkap="Rekan")
    sebelum = isi_basis_data()
    response = client.get(reverse("akun:verifikasi", args=[akun.token_verifikasi(baru)]))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<form method="post">\s*<input type="hidden" name="csrfmiddlewaretoken"', html)
    assert "<strong>rekan@contoh.id</strong> adalah alamat e-mail Anda" in html
    assert "Verifikasi e-mail saya</button>" in html
    assert isi_basis_data() == sebelum
    client.cookies["pst_bahasa"] = "en"
    html = client.get(reverse("akun:verifikasi", args=[akun.token_verifikasi(baru)])).content.decode()
    assert "Verify my e-mail</button>" in html and "<strong>rekan@contoh.id</strong> is your e-mail address" in html


def test_tombol_verifikasi_memverifikasi_sekali_dan_butuh_csrf(client):
    """The button's POST verifies the address, once: sent again it changes
    nothing and says so; a POST without the page's CSRF token does nothing."""
    baru = Pengguna.objects.create_user(email="rekan@contoh.id", password="Bengkulu-2026", nama_lengkap="Rekan")
    tautan = reverse("akun:verifikasi", args=[akun.token_verifikasi(baru)])
    assert Client(enforce_csrf_checks=True).post(tautan).status_code == 403
    baru.refresh_from_db()
    assert not baru.email_terverifikasi

    response = client.post(tautan, follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "E-mail Anda telah terverifikasi. Terima kasih." in response.content.decode()
    baru.refresh_from_db()
    assert baru.email_terverifikasi
    sesudah = isi_basis_data()
    response = client.post(tautan, follow=True)
    assert "E-mail Anda telah terverifikasi. Terima kasih." in response.content.decode()
    assert isi_basis_data() == sesudah


def test_tombol_verifikasi_dari_tautan_kedaluwarsa_ditolak(client):
    """The page and its button past the link's three days: the usual refusal, nothing verified."""
    baru = Pengguna.objects.create_user(email="rekan@contoh.id", password="Bengkulu-2026", nama_lengkap="Rekan")
    with time_machine.travel(timezone.now() - timedelta(days=3, minutes=1)):
        tautan = reverse("akun:verifikasi", args=[akun.token_verifikasi(baru)])
    sebelum = isi_basis_data()
    for kirim in (client.get, client.post):
        response = kirim(tautan, follow=True)
        assert response.redirect_chain[-1][0] == reverse("login")
        assert "Tautan verifikasi tidak sah atau sudah kedaluwarsa." in response.content.decode()
    assert isi_basis_data() == sebelum


def test_tautan_verifikasi_kedaluwarsa_saat_akun_terverifikasi_masuk(client, pengunjung):
    """An old verification e-mail's link opened while a verified account is
    logged in (its own, verified since on another device, or a colleague's on
    a shared computer): it was answered "Minta tautan baru" on the home page,
    where a verified account has no way to ask for one and needs none."""
    with time_machine.travel(timezone.now() - timedelta(days=3, minutes=1)):
        tautan = reverse("akun:verifikasi", args=[akun.token_verifikasi(pengunjung)])
    client.force_login(pengunjung)
    response = client.get(tautan, follow=True)
    html = response.content.decode()
    assert "Tautan verifikasi tidak sah atau sudah kedaluwarsa." in html
    assert "Minta tautan baru" not in html
    assert f"E-mail akun yang sedang masuk ({pengunjung.email}) sudah terverifikasi" in html


def test_tautan_atur_sandi_dibuka_saat_akun_lain_masuk(client, pengunjung):
    """A colleague sets their password from their link on a computer where
    someone else is logged in: the page says whose password was saved, not
    "Silakan masuk" above the other person's transactions."""
    rekan = Pengguna.objects.create_user(email="rekan@contoh.id", password="Bengkulu-2026", nama_lengkap="Rekan")
    client.force_login(pengunjung)
    atur = client.get(akun.tautan_atur_sandi(rekan), follow=True).redirect_chain[-1][0]
    sandi = "Rekan-Statistik-2027"
    response = client.post(atur, {"new_password1": sandi, "new_password2": sandi}, follow=True)
    rekan.refresh_from_db()
    assert rekan.check_password(sandi)
    assert response.redirect_chain[-1][0] == reverse("beranda")
    html = response.content.decode()
    assert "Kata sandi untuk rekan@contoh.id telah disimpan. Anda sedang masuk dengan akun lain" in html
    assert "Silakan masuk" not in html


def test_tautan_akun_yang_sudah_ditutup_tidak_berlaku(client, pengunjung):
    """A set-password or verification link e-mailed before a supervisor
    closed the account (unticked "aktif"): it saved the new password, or
    verified the address, and said "Silakan masuk", then the login refused
    that password as wrong. A closed account's links are refused, as no new
    one is sent to it (`tautan.tautan_rahasia`), and nothing changes."""
    atur = akun.tautan_atur_sandi(pengunjung)
    verifikasi = reverse("akun:verifikasi", args=[akun.token_verifikasi(pengunjung)])
    Pengguna.objects.filter(pk=pengunjung.pk).update(is_active=False, email_terverifikasi=False)
    sebelum = isi_basis_data()

    response = client.get(atur, follow=True)
    assert "Tautan ini tidak sah, sudah dipakai, atau sudah kedaluwarsa" in response.content.decode()
    sandi = "Sandi-Baru-Bengkulu-9"
    response = client.post(atur, {"new_password1": sandi, "new_password2": sandi})
    assert response.status_code == 200 and "Silakan masuk" not in response.content.decode()

    response = client.post(verifikasi, follow=True)
    html = response.content.decode()
    assert "Tautan verifikasi tidak sah atau sudah kedaluwarsa." in html
    assert "telah terverifikasi" not in html
    assert isi_basis_data() == sebelum


def test_tamu_diarahkan_ke_login_dengan_pesan(client):
    response = client.get(reverse("akun:profil"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "Silakan masuk terlebih dahulu" in response.content.decode()


def test_bagian_halaman_yang_menyegarkan_diri_memuat_ulang_halaman_saat_sesi_berakhir(client):
    """The queue beside the counter and the desk, the monitor and the desk's
    search refresh themselves: when the session has ended (8 hours after
    login, or logged out in another tab) the whole page goes to the login,
    never a login page, navbar and footer, inside the panel, whose e-mail box
    would take the focus from the field the receptionist is typing in."""
    response = client.get(reverse("antrian:meja_antrian"), headers={"HX-Request": "true"})
    assert response.headers.get("HX-Refresh") == "true"
    assert b"<form" not in response.content


def test_lupa_sandi_mengirim_tautan_lewat_outbox(client, pengunjung, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email})
    assert len(mail.outbox) == 1
    tautan = tautan_dari_surel(mail.outbox[0])
    response = client.get(tautan, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Sandi-Baru-Bengkulu-9", "new_password2": "Sandi-Baru-Bengkulu-9"}
    )
    assert response.status_code == 302
    pengunjung.refresh_from_db()
    assert pengunjung.check_password("Sandi-Baru-Bengkulu-9")


def test_tamu_meja_tanpa_kata_sandi_mendapat_tautan_dari_lupa_sandi(
    client, pengunjung, django_capture_on_commit_callbacks
):
    """A walk-in registered at the desk has no password until they follow the
    set-password e-mail, sent once. Lost or expired, "Lupa kata sandi" is their
    way in: it said a link was sent, yet sent nothing to an account without a
    password, so they could never log in on their own. A closed (erased)
    account still gets nothing."""
    pengunjung.set_unusable_password()
    pengunjung.save(update_fields=["password"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email})
    [surel] = mail.outbox
    atur = client.get(tautan_dari_surel(surel), follow=True)
    response = client.post(
        atur.redirect_chain[-1][0], {"new_password1": "Sandi-Baru-Bengkulu-9", "new_password2": "Sandi-Baru-Bengkulu-9"}
    )
    assert response.status_code == 302
    pengunjung.refresh_from_db()
    assert pengunjung.check_password("Sandi-Baru-Bengkulu-9")

    # Password login turned off by an administrator after the account was used; a closed account.
    pengunjung.set_unusable_password()
    pengunjung.last_login = timezone.now()
    pengunjung.save(update_fields=["password", "last_login"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email})
    Pengguna.objects.filter(pk=pengunjung.pk).update(is_active=False, last_login=None)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email})
    assert mail.outbox == []


def test_formulir_sandi_menyebut_kata_sandi_dan_e_mail_seperti_seluruh_situs(
    client, pengunjung, django_capture_on_commit_callbacks
):
    """Django's own labels ("Sandi", "Email", "Sandi baru") would differ from the rest of the site."""
    masuk = client.get(reverse("login")).content.decode()
    assert "Kata sandi<span" in masuk and " Sandi<span" not in masuk
    lupa = client.get(reverse("akun:lupa_sandi")).content.decode()
    assert "E-mail<span" in lupa and "Email<span" not in lupa
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email})
    atur = client.get(tautan_dari_surel(mail.outbox[-1]), follow=True).content.decode()
    assert "Kata sandi baru<span" in atur and "Ulangi kata sandi<span" in atur


@pytest.mark.parametrize("nama", ["beranda", "privasi", "login", "akun:daftar"])
def test_halaman_publik_terbuka(client, nama, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get(reverse(nama)).status_code == 200


def test_peran_dibuat_migrasi_dengan_izin():
    from django.contrib.auth.models import Group

    nama = set(Group.objects.values_list("name", flat=True))
    assert {"Resepsionis", "Petugas Layanan", "Supervisor"} <= nama
    assert Group.objects.get(name="Supervisor").permissions.filter(codename="change_kantor").exists()
    assert not Group.objects.get(name="Resepsionis").permissions.filter(codename="change_kantor").exists()


def test_admin_bermerek_dan_hanya_untuk_staf(klien_untuk, pengunjung, supervisor):
    assert klien_untuk(pengunjung).get("/admin/").status_code == 302
    response = klien_untuk(supervisor).get("/admin/")
    assert response.status_code == 200
    assert "PST BPS Provinsi Bengkulu" in response.content.decode()


def test_formulir_terkirim_setelah_sesi_berakhir_kembali_ke_halamannya_setelah_masuk(client, pengunjung):
    """A form sent after the session ended (a page left open overnight) cannot be sent again by a
    redirect: after logging in the visitor is back on the page the form was on, not on a blank
    "405" answer of the form's address."""
    t = pabrik.transaksi_draf(pengunjung)
    halaman = reverse("transaksi:detail", args=[t.nomor])
    r = client.post(reverse("transaksi:ajukan", args=[t.nomor]), HTTP_REFERER=f"http://testserver{halaman}")
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))

    masuk = client.post(r["Location"], {"username": pengunjung.email, "password": "sandi-uji-123"}, follow=True)
    assert masuk.status_code == 200 and masuk.redirect_chain[-1][0] == halaman


def test_formulir_terkirim_setelah_sesi_berakhir_mengabarkan_isian_belum_tersimpan(client, pengunjung):
    """A purpose typed into a form left open past the session's end was lost
    at the login, whose only words ("log in first to open that page") left
    the visitor thinking it had been sent; the login now says it was not saved."""
    t = pabrik.transaksi_draf(pengunjung)
    halaman = reverse("transaksi:detail", args=[t.nomor])
    isian = {"produk": "publikasi-elektronik", "uraian": "Statistik Daerah", "jumlah": "10"}
    r = client.post(reverse("transaksi:item_tambah", args=[t.nomor]), isian, HTTP_REFERER=halaman, follow=True)
    html = r.content.decode()
    assert (
        "Isian yang Anda kirim belum tersimpan karena Anda belum masuk atau sesi Anda telah berakhir. "
        "Masuk, lalu kirim ulang isian itu." in html
    )
    assert "Silakan masuk terlebih dahulu" not in html
    assert "Silakan masuk terlebih dahulu" in client.get(halaman, follow=True).content.decode()


def test_formulir_tanpa_asal_setelah_sesi_berakhir_ke_halaman_awal(client, pengunjung):
    t = pabrik.transaksi_draf(pengunjung)
    for asal in ({}, {"HTTP_REFERER": "https://jahat.example/transaksi/"}):
        client.logout()
        r = client.post(reverse("transaksi:ajukan", args=[t.nomor]), **asal)
        masuk = client.post(r["Location"], {"username": pengunjung.email, "password": "sandi-uji-123"}, follow=True)
        assert masuk.status_code == 200 and "jahat" not in masuk.redirect_chain[-1][0]


def test_nama_dengan_baris_baru_disimpan_satu_baris(client):
    """A hand-made request can put a line break in a one-line input; the name
    would then start a line of its own in the staff's plain-text e-mails."""
    isian = {**DATA_DAFTAR, "nama_lengkap": "Siti\r\nBuka: http://jahat.example", "nama_instansi": "Univ\nX"}
    assert client.post(reverse("akun:daftar"), isian).status_code == 302
    siti = Pengguna.objects.get(email="siti@contoh.id")
    assert (siti.nama_lengkap, siti.nama_instansi) == ("Siti Buka: http://jahat.example", "Univ X")


def test_keluar_mengabarkan_sudah_keluar(client, pengunjung):
    """On a shared computer the visitor must see that the session is over: the
    home page after "Keluar" looks the same as before logging in."""
    client.force_login(pengunjung)
    r = client.post(reverse("logout"), follow=True)
    assert r.redirect_chain[-1][0] == reverse("beranda")
    assert "Anda telah keluar" in r.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("npwp", ["٠١٢٣٤٥٦٧٨٩٠١٠٠٠", "０１２３４５６７８９０１０００"])
def test_npwp_berangka_selain_latin_ditolak_di_admin(rf, supervisor, pengunjung, npwp):
    """The back office's account form checks the NPWP by the model's own
    rule, not the sign-up form's: it too takes 0-9 only."""
    from django.contrib import admin
    from django.forms.models import model_to_dict

    request = rf.get("/")
    request.user = supervisor
    form_admin = admin.site._registry[Pengguna].get_form(request, pengunjung)
    form = form_admin({**model_to_dict(pengunjung), "npwp": npwp}, instance=pengunjung)
    assert not form.is_valid()
    assert form.errors["npwp"] == ["NPWP terdiri atas 15 atau 16 angka (tanpa titik dan tanda hubung)."]


def test_ubah_sandi_mengabarkan_berhasil(client, pengunjung):
    """Back on the profile form after changing the password, the visitor reads that it worked."""
    client.force_login(pengunjung)
    sandi = "Bengkulu-Statistik-2027"
    isian = {"old_password": "sandi-uji-123", "new_password1": sandi, "new_password2": sandi}
    response = client.post(reverse("akun:ubah_sandi"), isian, follow=True)
    assert response.redirect_chain[-1][0] == reverse("akun:profil")
    assert "Kata sandi Anda telah diubah." in response.content.decode()
    pengunjung.refresh_from_db()
    assert pengunjung.check_password(sandi)


def test_sandi_baru_lemah_ditolak_di_kotak_sandi_baru(client, pengunjung):
    """A too common new password is refused where it was typed, as at sign-up,
    and the summary names that box, not its repeat; the page says "kata sandi"."""
    client.force_login(pengunjung)
    isian = {"old_password": "sandi-uji-123", "new_password1": "password", "new_password2": "password"}
    response = client.post(reverse("akun:ubah_sandi"), isian)
    form = response.context["form"]
    assert form.errors["new_password1"] == ["Kata sandi ini terlalu umum."]
    assert "new_password2" not in form.errors
    html = response.content.decode()
    assert 'href="#id_new_password1" class="alert-link">Kata sandi baru</a></div>' in html
    assert "Kata sandi lama" in html and "Sandi lama" not in html

    isian = {"old_password": "salah-sama-sekali", "new_password1": "Bengkulu-2027", "new_password2": "Bengkulu-2026"}
    form = client.post(reverse("akun:ubah_sandi"), isian).context["form"]
    assert form.errors["old_password"] == ["Kata sandi lama salah. Masukkan sekali lagi."]
    assert form.errors["new_password2"] and "new_password1" not in form.errors


def test_sandi_baru_berbeda_disebut_seperti_saat_daftar(client, pengunjung):
    """Two new passwords that differ are refused in sign-up's words, "kata
    sandi", not Django's "Dua bidang sandi tidak cocok"."""
    client.force_login(pengunjung)
    isian = {"old_password": "sandi-uji-123", "new_password1": "Bengkulu-2027", "new_password2": "Bengkulu-2026"}
    form = client.post(reverse("akun:ubah_sandi"), isian).context["form"]
    assert form.errors == {"new_password2": ["Kedua kata sandi tidak sama."]}


def test_formulir_daftar_memberi_tahu_peramban_isi_tiap_kotak(client):
    """The browser can fill the sign-up in and offer to save a new password
    rather than paste a saved one into it (WCAG 1.3.5)."""
    html = client.get(reverse("akun:daftar")).content.decode()
    for nama, isi in [
        ("email", "email"),
        ("password1", "new-password"),
        ("password2", "new-password"),
        ("nama_lengkap", "name"),
        ("telepon", "tel"),
        ("nama_instansi", "organization"),
    ]:
        assert re.search(rf'<input [^>]*name="{nama}"[^>]*autocomplete="{isi}"', html) or re.search(
            rf'<input [^>]*autocomplete="{isi}"[^>]*name="{nama}"', html
        ), nama


# Django's Indonesian catalogue words the password rules "Sandi anda ...", with
# "sandi umum digunakan" and "untuk verifikasi": the rest of the site says
# "kata sandi" and "Anda".
ATURAN_SANDI = [
    "Kata sandi Anda tidak boleh terlalu mirip dengan data pribadi Anda.",
    "Kata sandi Anda harus memuat setidaknya 8 karakter.",
    "Kata sandi Anda tidak boleh kata sandi yang umum dipakai.",
    "Kata sandi Anda tidak boleh hanya berisi angka.",
]


def test_aturan_kata_sandi_ditulis_seperti_seluruh_situs(client, pengunjung):
    client.force_login(pengunjung)
    html = client.get(reverse("akun:ubah_sandi")).content.decode()
    assert all(aturan in html for aturan in ATURAN_SANDI)
    assert "Masukkan kata sandi yang sama sekali lagi." in html
    assert "Sandi anda" not in html and "untuk verifikasi" not in html


def test_aturan_kata_sandi_tampil_sebelum_mendaftar(client):
    """A first-time visitor read the rules only once a password was refused,
    and then typed both boxes again: the sign-up names them under the box."""
    html = client.get(reverse("akun:daftar")).content.decode()
    kotak = html.index('name="password1"')
    assert all(kotak < html.index(aturan) < html.index('name="password2"') for aturan in ATURAN_SANDI)


def test_tautan_atur_sandi_kedaluwarsa_disebut_kedaluwarsa(client, pengunjung, django_capture_on_commit_callbacks):
    """A walk-in's invitation or a reset link opened after three days said
    only "not valid or already used" of a link never used, and the e-mails
    said nothing of how long it lasts."""
    pagi = datetime(2026, 3, 16, 8, 0, tzinfo=WIB)
    with time_machine.travel(pagi, tick=False), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email})
        akun.kirim_undangan(pengunjung)
    reset, undangan = mail.outbox
    for pesan in (reset, undangan):
        assert "Tautan ini berlaku 3 hari dan hanya dapat dipakai sekali." in pesan.body
    with time_machine.travel(pagi + timedelta(days=3, minutes=1), tick=False):
        html = client.get(tautan_dari_surel(undangan), follow=True).content.decode()
    assert "Tautan ini tidak sah, sudah dipakai, atau sudah kedaluwarsa (tautan berlaku 3 hari)." in html
    assert reverse("akun:lupa_sandi") in html


def test_verifikasi_kembali_ke_halaman_yang_tertahan(client, django_capture_on_commit_callbacks):
    """A new visitor who went from the tariff page to "Buat transaksi" before
    verifying was held at the verification page; once verified they landed
    on their biodata and had to find the product again. They now go back to
    the page they were held from."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("akun:daftar"), DATA_DAFTAR)
    client.post(reverse("login"), {"username": "siti@contoh.id", "password": DATA_DAFTAR["password1"]})
    tertahan = f"{reverse('transaksi:baru')}?produk=publikasi-elektronik"
    assert client.get(tertahan)["Location"] == reverse("akun:belum_verifikasi")
    response = client.post(tautan_dari_surel(mail.outbox[0]))
    assert response["Location"] == tertahan
    assert client.get(tertahan).status_code == 200


def test_telepon_dan_npwp_di_admin_ditulis_seperti_di_situs(rf, supervisor, pengunjung):
    """A visitor who phones in a new number has it typed by an officer in the
    back office's account form as it is read out, in groups, and an NPWP as
    the card prints it: the form takes them as sign-up and the profile do."""
    from django.contrib import admin
    from django.forms.models import model_to_dict

    request = rf.get("/")
    request.user = supervisor
    form_admin = admin.site._registry[Pengguna].get_form(request, pengunjung)
    isian = {**model_to_dict(pengunjung), "telepon": "+62 (0) 813 9999 0000", "npwp": "01.234.567.8-901.000"}
    form = form_admin(isian, instance=pengunjung)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["telepon"], form.cleaned_data["npwp"]) == ("+6281399990000", "012345678901000")


@pytest.mark.django_db(transaction=True)
def test_migrasi_membuang_nol_setelah_kode_negara_pada_telepon_lama():
    """Numbers stored before the 0 after +62 was dropped on input reach nobody and the
    desk's search misses them: the migration writes them as new input is written."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    sebelum, sesudah = (
        ("pst_layanan", "0021_kantor_aktif"),
        ("pst_layanan", "0022_telepon_tanpa_nol_setelah_kode_negara"),
    )
    lama = {"a@contoh.id": "+620736349117", "b@contoh.id": "6208123456789", "c@contoh.id": "0812345678"}
    lama["d@contoh.id"] = "+4401234567"  # another country's number keeps its digits
    try:
        call_command("migrate", *sebelum, verbosity=0)
        Lama = MigrationExecutor(connection).loader.project_state(sebelum).apps.get_model("pst_layanan", "Pengguna")
        for email, telepon in lama.items():
            Lama.objects.create(email=email, telepon=telepon)
        call_command("migrate", *sesudah, verbosity=0)
    finally:
        call_command("migrate", verbosity=0)
    simpan = dict(Pengguna.objects.filter(email__in=lama).values_list("email", "telepon"))
    assert simpan == {
        "a@contoh.id": "+62736349117",
        "b@contoh.id": "628123456789",
        "c@contoh.id": "0812345678",
        "d@contoh.id": "+4401234567",
    }
