"""Requirement uploads through the page: bad files are refused with a clear
Indonesian message and nothing is stored — no row, no file on disk."""

import html
import io
import re
from datetime import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse

from pst_layanan.berkas import MB
from pst_layanan.kalender import WIB
from tests import pabrik
from tests.transaksi.conftest import berkas_di, putus_setelah_insert
from transaksi import services
from transaksi.models import DokumenPersyaratan

pytestmark = pytest.mark.django_db

_FOTO = pabrik.isi_gambar("JPEG", (64, 48))
FOTO_TERPOTONG = _FOTO[: _FOTO.find(b"\xff\xda") + 20]  # an interrupted transfer
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def _unggah(klien, t, berkas, kode="abstraksi", **kwargs):
    return klien.post(reverse("transaksi:dokumen_unggah", args=[t.nomor]), {"jenis": kode, "berkas": berkas}, **kwargs)


@pytest.mark.parametrize(
    "berkas, status, pesan",
    [
        (SimpleUploadedFile("abstraksi.pdf", EXE, "application/pdf"), 400, "Isi berkas bukan PDF, JPG, PNG yang sah"),
        # Refused by its announced size before the body is read (the 413 page).
        (SimpleUploadedFile("besar.pdf", pabrik.PDF_MINIMAL + b"0" * (11 * MB)), 413, "melebihi batas <strong>10 MB"),
        (SimpleUploadedFile("kosong.pdf", b""), 400, "Berkas kosong"),
        # Django's multipart parser already drops literal folders from a name; an encoded one reaches us.
        (SimpleUploadedFile("..%2F..%2Fsettings.pdf", pabrik.PDF_MINIMAL), 400, "tidak boleh memuat folder atau '..'"),
        (
            SimpleUploadedFile("ktp.jpg", FOTO_TERPOTONG, "image/jpeg"),
            400,
            "Foto JPG ini tidak utuh (terpotong atau rusak)",
        ),
    ],
    ids=["exe-berganti-nama", "11-MB", "kosong", "nama-dengan-titik-dua", "foto-terpotong"],
)
def test_berkas_ditolak_dan_tidak_disimpan(berkas, status, pesan, pengunjung, klien_untuk, berkas_privat):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    r = _unggah(klien_untuk(pengunjung), t, berkas)
    assert r.status_code == status
    assert pesan in html.unescape(r.content.decode())
    assert not DokumenPersyaratan.objects.exists()
    assert berkas_di(berkas_privat) == []


def test_nama_dengan_folder_ditolak_oleh_layanan(pengunjung, berkas_privat):
    """The same rule for a caller that does not pass through Django's parser (scripts, imports)."""
    from django.core.exceptions import ValidationError

    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    berkas = ContentFile(pabrik.PDF_MINIMAL, name="../../etc/passwd.pdf")
    with pytest.raises(ValidationError, match="folder"):
        services.unggah_dokumen(t, pabrik.jenis("abstraksi"), berkas, pengunjung)
    assert not DokumenPersyaratan.objects.exists() and berkas_di(berkas_privat) == []


def test_tanpa_berkas(pengunjung, klien_untuk, berkas_privat):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    r = klien_untuk(pengunjung).post(reverse("transaksi:dokumen_unggah", args=[t.nomor]), {"jenis": "abstraksi"})
    assert r.status_code == 400 and "Pilih berkas untuk diunggah" in r.content.decode()


def test_penolakan_terhubung_ke_kotak_berkasnya(pengunjung, klien_untuk, berkas_privat):
    """The refused file's box is focused and marked invalid; a screen reader
    reads the reason with it, so the box must be described by the message."""
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    r = klien_untuk(pengunjung).post(reverse("transaksi:dokumen_unggah", args=[t.nomor]), {"jenis": "abstraksi"})
    kotak = re.search(r'<input[^>]*aria-invalid="true"[^>]*>', r.content.decode()).group(0)
    galat = re.search(r'aria-describedby="([^"]+)"', kotak).group(1)
    assert re.search(rf'id="{galat}"[^>]*>Pilih berkas untuk diunggah', r.content.decode())


def test_pdf_sah_disimpan_privat_dan_unggah_ulang_mengganti(pengunjung, klien_untuk, berkas_privat):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    klien = klien_untuk(pengunjung)
    assert _unggah(klien, t, pabrik.berkas_pdf("Abstraksi Saya.pdf")).status_code == 302
    png = SimpleUploadedFile("abstraksi-v2.png", pabrik.isi_gambar("PNG"), "image/png")
    assert _unggah(klien, t, png).status_code == 302
    lama, baru = DokumenPersyaratan.objects.order_by("pk")
    assert lama.diganti_pada is not None and baru.diganti_pada is None and baru.tipe == "image/png"
    assert len(berkas_di(berkas_privat)) == 2  # the replaced file is kept with its notes
    assert str(berkas_privat) in baru.berkas.path


def test_tidak_bisa_mengunggah_setelah_diajukan(pengunjung, klien_untuk, berkas_privat):
    t = pabrik.transaksi_diajukan(pengunjung)
    sebelum = DokumenPersyaratan.objects.count()
    r = _unggah(klien_untuk(pengunjung), t, pabrik.berkas_pdf(), follow=True)
    assert DokumenPersyaratan.objects.count() == sebelum
    assert "tidak dapat diubah lagi" in r.content.decode()


def test_foto_jpeg_berlapis_dari_ponsel_diterima_sebagai_jpeg(pengunjung, klien_untuk, berkas_privat):
    """A phone's photo that carries a second picture (an Android "Ultra HDR" gain map, a camera's
    preview: a multi-picture JPEG, which Pillow names MPO) is a JPEG every browser shows: it is
    stored and served as image/jpeg, not refused as "memuat kode HTML/skrip"."""
    from PIL import Image

    foto = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(
        foto, "MPO", save_all=True, append_images=[Image.new("RGB", (16, 16), (0, 0, 0))]
    )
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    klien = klien_untuk(pengunjung)
    r = _unggah(klien, t, SimpleUploadedFile("IMG_20261204_101500.jpg", foto.getvalue(), "image/jpeg"))
    assert r.status_code == 302
    dok = DokumenPersyaratan.objects.get()
    assert dok.tipe == "image/jpeg"
    unduh = klien.get(reverse("transaksi:dokumen_unduh", args=[t.nomor, dok.pk]), {"lihat": "1"})
    assert unduh["Content-Type"] == "image/jpeg" and unduh["Content-Disposition"].startswith("inline")


def test_dokumen_persyaratan_yang_gagal_disimpan_tidak_meninggalkan_berkas(pengunjung, monkeypatch, berkas_privat):
    """A requirement upload whose database write fails after the file went to
    disk (the row's INSERT ran, then the connection broke) is rolled back and
    leaves no file that no row names."""
    t = pabrik.transaksi_draf(pengunjung)
    sebelum = sorted(berkas_di(berkas_privat))
    putus_setelah_insert(monkeypatch, DokumenPersyaratan)
    with pytest.raises(OperationalError):
        services.unggah_dokumen(t, pabrik.jenis("abstraksi"), pabrik.berkas_pdf("abstraksi-v2.pdf"), pengunjung)
    monkeypatch.undo()
    assert sorted(berkas_di(berkas_privat)) == sebelum
    assert not t.dokumen.filter(nama_asli="abstraksi-v2.pdf").exists()


def test_kuota_unggah_harian_membatasi_unggah_ulang(pengunjung, klien_untuk, berkas_privat, settings):
    """Every replaced requirement is kept, so uploading again and again would
    fill the office's disk: over a day's quota the upload is refused next to
    its document, nothing is stored, and the next day it is taken."""
    settings.KUOTA_UNGGAH_MB_SEHARI = 1
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    setengah = pabrik.pdf_sebesar(MB // 2)
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=WIB), tick=False):
        klien = klien_untuk(pengunjung)
        assert _unggah(klien, t, pabrik.berkas_pdf("v1.pdf", setengah)).status_code == 302
        r = _unggah(klien, t, pabrik.berkas_pdf("v2.pdf", setengah))
    assert r.status_code == 400
    assert "batas unggah harian 1 MB" in html.unescape(r.content.decode())
    assert DokumenPersyaratan.objects.count() == 1 and len(berkas_di(berkas_privat)) == 1
    with time_machine.travel(datetime(2026, 12, 8, 9, 0, 1, tzinfo=WIB), tick=False):
        assert _unggah(klien_untuk(pengunjung), t, pabrik.berkas_pdf("v2.pdf", setengah)).status_code == 302
    assert DokumenPersyaratan.objects.count() == 2


def test_kuota_unggah_harian_ditulis_dengan_pemisah_desimal_pembaca(pengunjung, klien_untuk, berkas_privat, settings):
    # "1.5 MB" reads as fifteen hundred in Indonesian text: sizes use the reader's decimal mark.
    settings.KUOTA_UNGGAH_MB_SEHARI = 2
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    klien = klien_untuk(pengunjung)
    assert _unggah(klien, t, pabrik.berkas_pdf("v1.pdf", pabrik.pdf_sebesar(MB + MB // 2))).status_code == 302
    r = _unggah(klien, t, pabrik.berkas_pdf("v2.pdf", pabrik.pdf_sebesar(MB)))
    assert r.status_code == 400
    assert "Anda sudah mengunggah 1,5 MB dalam 24 jam terakhir" in html.unescape(r.content.decode())
