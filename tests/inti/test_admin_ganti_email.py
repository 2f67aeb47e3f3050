"""An address set in the back office is verified by its owner, as a signed-up
one is: the verification e-mail says why it came, and the old address hears
of the change (an account taken over by a changed address is noticed)."""

from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan import akun
from pst_layanan.models import Pengguna, Surel
from tests.antrian.test_admin_simpan_serentak import isian_halaman

TERIMA_KASIH_DAFTAR = "Terima kasih telah mendaftar"


def _ubah_di_admin(klien, akun, **isian_baru):
    url = reverse("admin:pst_layanan_pengguna_change", args=[akun.pk])
    isian = isian_halaman(klien.get(url).content.decode())
    isian.update(isian_baru)
    return klien.post(url, {k: v for k, v in isian.items() if v is not None})


def _surel_ke(alamat):
    return [s for s in Surel.objects.all() if alamat in s.penerima]


def test_email_diganti_petugas_diverifikasi_lagi_oleh_pemiliknya(klien_untuk, supervisor, pengunjung):
    lama = pengunjung.email
    assert pengunjung.email_terverifikasi
    r = _ubah_di_admin(klien_untuk(supervisor), pengunjung, email="alamat.baru@contoh.id")
    assert r.status_code == 302, r.content.decode()[:2000]

    akun = Pengguna.objects.get(pk=pengunjung.pk)
    assert akun.email == "alamat.baru@contoh.id" and not akun.email_terverifikasi
    (verifikasi,) = _surel_ke("alamat.baru@contoh.id")
    assert verifikasi.subjek == "Verifikasi e-mail akun PST Layanan"
    assert "mengubah alamat e-mail" in verifikasi.isi and TERIMA_KASIH_DAFTAR not in verifikasi.isi
    (pemberitahuan,) = _surel_ke(lama)
    assert "alamat.baru@contoh.id" in pemberitahuan.isi and "tidak pernah meminta" in pemberitahuan.isi


def test_perubahan_lain_di_admin_tidak_membatalkan_verifikasi(klien_untuk, supervisor, pengunjung):
    r = _ubah_di_admin(klien_untuk(supervisor), pengunjung, telepon="085200001111")
    assert r.status_code == 302
    assert Pengguna.objects.get(pk=pengunjung.pk).email_terverifikasi
    assert not Surel.objects.exists()


def test_akun_petugas_dibuat_di_admin_tidak_disambut_sebagai_pendaftar(klien_untuk, supervisor):
    r = klien_untuk(supervisor).post(
        reverse("admin:pst_layanan_pengguna_add"),
        {
            "email": "petugas.baru@bps.go.id",
            "nama_lengkap": "Rina Petugas",
            "password1": "Sandi-Awal-2026!",
            "password2": "Sandi-Awal-2026!",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    (verifikasi,) = _surel_ke("petugas.baru@bps.go.id")
    assert "membuatkan akun" in verifikasi.isi and TERIMA_KASIH_DAFTAR not in verifikasi.isi


def test_email_pendaftar_tetap_berterima_kasih(db):
    akun.kirim_verifikasi(buat_pengguna("daftar@contoh.id", email_terverifikasi=False))
    (verifikasi,) = _surel_ke("daftar@contoh.id")
    assert TERIMA_KASIH_DAFTAR in verifikasi.isi
