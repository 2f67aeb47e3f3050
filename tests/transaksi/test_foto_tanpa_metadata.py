"""A visitor's photo or scan is stored without the blocks that say where and
when it was taken and with which phone: the office needs the picture, not the
visitor's home coordinates. The picture itself, its orientation and its
colour profile are kept as sent."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pst_layanan.berkas import PNG, kenali
from tests import pabrik
from tests.transaksi.test_pembayaran import NTPN, menunggu_pembayaran
from transaksi import selectors, services
from transaksi.services import pembayaran

pytestmark = pytest.mark.django_db

GPS = 0x8825
ORIENTASI = 0x0112
XMP = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>3,47.5S</exif:GPSLatitude></x:xmpmeta>"


def _gambar() -> Image.Image:
    gambar = Image.new("RGB", (32, 16))
    gambar.putdata([(x * 8, y * 16, 90) for y in range(16) for x in range(32)])
    return gambar


def foto_ponsel(orientasi=6) -> bytes:
    """A JPEG as a phone sends it: EXIF with GPS and orientation, and XMP."""
    exif = Image.Exif()
    exif[ORIENTASI] = orientasi
    exif[0x010F] = "PonselMerek"  # Make
    exif.get_ifd(GPS)[2] = (3.0, 47.0, 30.0)  # GPSLatitude
    keluar = io.BytesIO()
    _gambar().save(keluar, "JPEG", exif=exif, quality=90, icc_profile=b"\0" * 128)
    isi = keluar.getvalue()
    app1_xmp = b"\xff\xe1" + struct.pack(">H", len(XMP) + 2) + XMP
    return isi[:2] + app1_xmp + isi[2:]


def _chunk(jenis: bytes, isi: bytes) -> bytes:
    return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi))


def png_bermetadata() -> bytes:
    keluar = io.BytesIO()
    _gambar().save(keluar, "PNG")
    isi = keluar.getvalue()
    tambahan = _chunk(b"tEXt", b"Author\0Andi Pratama") + _chunk(b"eXIf", Image.Exif().tobytes()[6:])
    return isi[:33] + tambahan + isi[33:]  # after the 8-byte signature and the IHDR chunk


def _disimpan(field_file) -> bytes:
    with field_file.open("rb") as f:
        return f.read()


def _unggah(pengunjung, isi, nama, tipe):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    jenis = selectors.dokumen_wajib(t)[0]
    return services.unggah_dokumen(t, jenis, SimpleUploadedFile(nama, isi, content_type=tipe), pengunjung)


def test_foto_persyaratan_disimpan_tanpa_gps_dengan_orientasinya(pengunjung, berkas_privat):
    asli = foto_ponsel()
    dokumen = _unggah(pengunjung, asli, "ktm.jpg", "image/jpeg")
    simpan = _disimpan(dokumen.berkas)
    with Image.open(io.BytesIO(simpan)) as foto, Image.open(io.BytesIO(asli)) as kiriman:
        exif = foto.getexif()
        assert GPS not in exif and 0x010F not in exif
        assert exif[ORIENTASI] == 6, "a photo taken upright still shows upright"
        assert foto.info.get("icc_profile") == kiriman.info["icc_profile"]
        assert foto.tobytes() == kiriman.tobytes(), "the picture itself is not re-encoded"
    assert b"GPSLatitude" not in simpan and b"PonselMerek" not in simpan
    assert dokumen.ukuran == len(simpan) < len(asli) and dokumen.tipe == "image/jpeg"


def test_foto_tegak_disimpan_tanpa_exif_sama_sekali(pengunjung, berkas_privat):
    dokumen = _unggah(pengunjung, foto_ponsel(orientasi=1), "ktm.jpg", "image/jpeg")
    with Image.open(io.BytesIO(_disimpan(dokumen.berkas))) as foto:
        assert not foto.getexif()


def test_png_disimpan_tanpa_teks_dan_exif(pengunjung, berkas_privat):
    asli = png_bermetadata()
    simpan = _disimpan(_unggah(pengunjung, asli, "pindaian.png", "image/png").berkas)
    assert b"tEXt" not in simpan and b"eXIf" not in simpan and b"Andi Pratama" not in simpan
    with Image.open(io.BytesIO(simpan)) as foto, Image.open(io.BytesIO(asli)) as kiriman:
        assert foto.tobytes() == kiriman.tobytes()


def test_pdf_disimpan_seperti_dikirim(pengunjung, berkas_privat):
    dokumen = _unggah(pengunjung, pabrik.PDF_MINIMAL, "ktm.pdf", "application/pdf")
    assert _disimpan(dokumen.berkas) == pabrik.PDF_MINIMAL


def test_foto_bukti_bayar_disimpan_tanpa_gps(pengunjung, petugas, berkas_privat):
    t = menunggu_pembayaran(pengunjung, petugas)
    berkas = SimpleUploadedFile("bpn.jpg", foto_ponsel(), content_type="image/jpeg")
    bukti = pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, berkas)
    simpan = _disimpan(bukti.berkas)
    with Image.open(io.BytesIO(simpan)) as foto:
        assert GPS not in foto.getexif() and foto.getexif()[ORIENTASI] == 6
    assert bukti.ukuran == len(simpan) and bukti.nama_asli == "bpn.jpg"


def test_foto_berganda_disimpan_sebagai_gambar_pertamanya_saja(pengunjung, berkas_privat):
    """A multi-picture JPEG (MPO, as some phones send) keeps its first picture,
    the one every viewer shows; the others carry their own EXIF."""
    exif = Image.Exif()
    exif.get_ifd(GPS)[2] = (3.0, 47.0, 30.0)
    keluar = io.BytesIO()
    _gambar().save(keluar, "MPO", save_all=True, append_images=[Image.new("RGB", (32, 16))], exif=exif)
    asli = keluar.getvalue()
    simpan = _disimpan(_unggah(pengunjung, asli, "ktm.jpg", "image/jpeg").berkas)
    assert b"Exif" not in simpan
    with Image.open(io.BytesIO(simpan)) as foto, Image.open(io.BytesIO(asli)) as kiriman:
        assert foto.format == "JPEG" and foto.tobytes() == kiriman.tobytes()


def _exif_satu_tag(tag: int, tipe: int, jumlah: int, nilai: bytes) -> bytes:
    """An APP1 EXIF segment whose only entry is written by hand, of any TIFF type."""
    tiff = b"II*\0" + struct.pack("<IH", 8, 1) + struct.pack("<HHI", tag, tipe, jumlah) + nilai.ljust(4, b"\0")
    isi = b"Exif\0\0" + tiff + struct.pack("<I", 0) + b"\0" * 16
    return b"\xff\xe1" + struct.pack(">H", len(isi) + 2) + isi


@pytest.mark.parametrize(
    ("tipe", "jumlah", "nilai"),
    [(2, 2, b"6\0"), (5, 1, struct.pack("<I", 30)), (7, 1, b"\x06"), (12, 1, struct.pack("<I", 30))],
    ids=["teks", "pecahan", "tak-bertipe", "double"],
)
def test_foto_dengan_orientasi_bukan_angka_tetap_tersimpan(pengunjung, berkas_privat, tipe, jumlah, nilai):
    """An orientation written as text, a fraction or raw bytes (as a broken
    editor writes it) rotates nothing in a viewer: the photo is stored, upright
    as it shows, without that EXIF, never a server error."""
    jpeg = io.BytesIO()
    _gambar().save(jpeg, "JPEG")
    asli = jpeg.getvalue()[:2] + _exif_satu_tag(ORIENTASI, tipe, jumlah, nilai) + jpeg.getvalue()[2:]
    dokumen = _unggah(pengunjung, asli, "ktm.jpg", "image/jpeg")
    simpan = _disimpan(dokumen.berkas)
    with Image.open(io.BytesIO(simpan)) as foto, Image.open(io.BytesIO(asli)) as kiriman:
        assert not foto.getexif()
        assert foto.tobytes() == kiriman.tobytes()
    assert dokumen.tipe == "image/jpeg" and dokumen.ukuran == len(simpan)


def foto_ponsel_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTASI] = 6
    exif[0x010F] = "PonselMerek"
    return exif


@pytest.mark.parametrize(
    "sisipan",
    [b"\xff\xe5\x00\x00", b"\xff\xe5\x00\x01", b"\xff\x00\x00\x10", b"\xff\xd0"],
    ids=["panjang-0", "panjang-1", "ff00", "tanpa-panjang"],
)
def test_penanda_janggal_sebelum_gambar_tidak_merusak_foto(pengunjung, berkas_privat, sisipan):
    """Bytes between a JPEG's segments that decoders step over (a segment
    length of 0 or 1, an escaped FF 00, a marker without a length) are read
    the way decoders read them, so the stored photo shows the same picture."""
    jpeg = io.BytesIO()
    _gambar().save(jpeg, "JPEG", exif=foto_ponsel_exif())
    asli = jpeg.getvalue()[:2] + sisipan + jpeg.getvalue()[2:]
    simpan = _disimpan(_unggah(pengunjung, asli, "ktm.jpg", "image/jpeg").berkas)
    assert b"PonselMerek" not in simpan
    with Image.open(io.BytesIO(simpan)) as foto, Image.open(io.BytesIO(asli)) as kiriman:
        assert foto.tobytes() == kiriman.tobytes()
        assert foto.getexif()[ORIENTASI] == 6


def test_hanya_exif_pertama_yang_menentukan_arah_foto(pengunjung, berkas_privat):
    """Viewers turn a photo by its first EXIF block: a second one further on
    (an editor's addition) does not turn the stored photo either."""
    tegak, miring = Image.Exif(), Image.Exif()
    tegak[ORIENTASI], miring[ORIENTASI] = 1, 6
    blok = b"".join(b"\xff\xe1" + struct.pack(">H", len(e.tobytes()) + 2) + e.tobytes() for e in (tegak, miring))
    jpeg = io.BytesIO()
    _gambar().save(jpeg, "JPEG")
    asli = jpeg.getvalue()[:2] + blok + jpeg.getvalue()[2:]
    simpan = _disimpan(_unggah(pengunjung, asli, "ktm.jpg", "image/jpeg").berkas)
    with Image.open(io.BytesIO(simpan)) as foto, Image.open(io.BytesIO(asli)) as kiriman:
        assert kiriman.getexif().get(ORIENTASI) == 1
        assert foto.getexif().get(ORIENTASI) is None, "shown upright, as sent"
        assert foto.tobytes() == kiriman.tobytes()


@pytest.mark.parametrize("orientasi", [3, 6, 8])
def test_png_menyimpan_orientasinya_saja(pengunjung, berkas_privat, orientasi):
    """A PNG carrying EXIF is stored with its orientation and nothing else of
    it: viewers turn a PNG by it as they turn a JPEG."""
    exif = Image.Exif()
    exif[ORIENTASI] = orientasi
    exif[0x010F] = "PonselMerek"
    keluar = io.BytesIO()
    _gambar().save(keluar, "PNG", exif=exif)
    asli = keluar.getvalue()
    simpan = _disimpan(_unggah(pengunjung, asli, "pindaian.png", "image/png").berkas)
    assert b"PonselMerek" not in simpan
    with Image.open(io.BytesIO(simpan)) as foto, Image.open(io.BytesIO(asli)) as kiriman:
        assert dict(foto.getexif()) == {ORIENTASI: orientasi}
        assert foto.tobytes() == kiriman.tobytes()
    assert kenali(io.BytesIO(simpan)) is PNG, "a whole PNG: every chunk's checksum holds"
