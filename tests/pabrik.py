"""Builders for test data that walks the real service functions."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from transaksi import selectors, services
from transaksi.models import JenisDokumen, Produk

PDF_MINIMAL = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_sebesar(n: int) -> bytes:
    """A whole PDF n bytes larger than the smallest: the padding is a comment before its end marker."""
    return PDF_MINIMAL.removesuffix(b"%%EOF\n") + b"%" * n + b"\n%%EOF\n"


def berkas_pdf(nama="dokumen.pdf", isi=PDF_MINIMAL):
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


def isi_gambar(format_="PNG", ukuran=(8, 8)) -> bytes:
    """A real, decodable image (a scan or photo as a visitor would send)."""
    from PIL import Image

    keluar = io.BytesIO()
    Image.new("RGB", ukuran, (200, 30, 30)).save(keluar, format=format_)
    return keluar.getvalue()


def produk(kode="mikrodata-tanpa-olah") -> Produk:
    return Produk.objects.get(kode=kode)


def transaksi_draf(
    pemohon, kode="mikrodata-tanpa-olah", jumlah=2_500_000, kelas_harga="berbayar", dokumen=True, kantor_id=None
):
    """A draft with one item and (optionally) every required document, at
    office `kantor_id` (the provincial office by default)."""
    keperluan = "Penelitian skripsi tentang kemiskinan di Bengkulu"
    t = services.buat_transaksi(pemohon, keperluan, kelas_harga, kantor_id=kantor_id)
    services.tambah_item(t, produk(kode), jumlah, "Susenas Maret 2025 Provinsi Bengkulu", pemohon)
    if dokumen:
        for jenis in selectors.dokumen_wajib(t):
            services.unggah_dokumen(t, jenis, berkas_pdf(f"{jenis.kode}.pdf"), pemohon)
    t.refresh_from_db()
    return t


def transaksi_diajukan(pemohon, **kwargs):
    t = transaksi_draf(pemohon, **kwargs)
    return services.ajukan(t, pemohon)


def jenis(kode) -> JenisDokumen:
    return JenisDokumen.objects.get(kode=kode)


def isian_transaksi(**lain) -> dict[str, str]:
    """The create page's form as a visitor posts it: the form side of `transaksi_draf`."""
    return {
        "keperluan": "Penelitian skripsi tentang kemiskinan di Bengkulu",
        "kelas_harga": "berbayar",
        "produk": "mikrodata-tanpa-olah",
        "uraian": "Susenas Maret 2025 Provinsi Bengkulu",
        "jumlah": "2,5",
        "ukuran": "mb",
        **lain,
    }


def biodata(nama_lengkap, telepon="081234567890", **lain) -> dict[str, str]:
    """A visitor's profile as the sign-up, guest-book and desk forms post it."""
    return {
        "nama_lengkap": nama_lengkap,
        "telepon": telepon,
        "jenis_kelamin": "P",
        "tahun_lahir": "1999",
        "pendidikan": "s1",
        "pekerjaan": "peneliti",
        "nama_instansi": "Universitas Bengkulu",
        "kategori_instansi": "pendidikan",
        "npwp": "",
        **lain,
    }


def isian_daftar(email, sandi, profil) -> dict[str, str]:
    """The sign-up form as a visitor posts it: the password typed twice, the privacy notice accepted."""
    return {"email": email, "password1": sandi, "password2": sandi, **profil, "setuju_privasi": "on"}


def dengan_awalan(awalan: str, data: dict) -> dict:
    """`data` as a form with `prefix=awalan` posts it."""
    return {f"{awalan}-{k}": v for k, v in data.items()}
