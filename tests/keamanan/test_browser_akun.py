"""Login and sign-up work in a real browser under the strict CSP, without a
single console error (Chromium reports every CSP violation there)."""

import pytest

from pst_layanan.models import Pengguna
from tests.peramban import isi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_masuk_lewat_browser_tanpa_galat_csp(halaman_baru, pengunjung):
    page = halaman_baru()
    page.goto("/akun/masuk/")
    page.fill("#id_username", "andi@contoh.id")
    page.fill("#id_password", "salah-sandi")
    page.click("form button[type=submit]")
    assert page.inner_text("main").count("E-mail atau kata sandi salah") == 1

    page.fill("#id_username", "andi@contoh.id")
    page.fill("#id_password", "sandi-uji-123")
    page.click("form button[type=submit]")
    page.wait_for_url("**/")
    # The account menu (a Bootstrap dropdown: scripts allowed by the CSP) opens.
    page.click("text=Andi")
    assert page.is_visible("text=Biodata saya")
    assert page.galat_konsol == []


def test_daftar_lewat_browser_tanpa_galat_csp(halaman_baru):
    page = halaman_baru()
    page.goto("/akun/daftar/")
    isi(
        page,
        {
            "#id_email": "siti@contoh.id",
            "#id_password1": "Bengkulu-Statistik-2026",
            "#id_password2": "Bengkulu-Statistik-2026",
            "#id_nama_lengkap": "Siti Aminah",
            "#id_telepon": "081234567890",
            "#id_jenis_kelamin": "P",
            "#id_tahun_lahir": "1999",
            "#id_pendidikan": "s1",
            "#id_pekerjaan": "peneliti",
            "#id_nama_instansi": "Universitas Bengkulu",
            "#id_kategori_instansi": "pendidikan",
            "#id_setuju_privasi": True,
        },
    )
    page.click("form button[type=submit]")
    page.wait_for_url("**/akun/masuk/")
    assert "Kami mengirim e-mail ke siti@contoh.id berisi langkah berikutnya" in page.inner_text("main")
    assert Pengguna.objects.filter(email="siti@contoh.id").exists()
    # Not verified yet: after logging in, the verification page.
    isi(page, {"#id_username": "siti@contoh.id", "#id_password": "Bengkulu-Statistik-2026"})
    page.click("form button[type=submit]")
    page.goto("/akun/profil/")
    page.wait_for_url("**/akun/belum-verifikasi/")
    assert "Verifikasi e-mail Anda" in page.inner_text("main")
    assert page.galat_konsol == []


def test_pelanggaran_csp_memang_tercatat_di_konsol(halaman_baru):
    """The console check above can fail: an injected inline script is refused and reported."""
    page = halaman_baru()
    page.goto("/akun/masuk/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.append(s); }"
    )
    page.wait_for_timeout(100)
    assert page.evaluate("typeof window.x") == "undefined"
    assert any("Content Security Policy" in g for g in page.galat_konsol)
