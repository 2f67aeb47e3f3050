"""No file the site serves can run script in its origin.

Every stored file of every model is replaced by hostile content (HTML, SVG,
JavaScript, each behind JPEG magic bytes) and every URL of the URLconf is
requested by the owner and by a supervisor. A response that carries the
hostile bytes, names a download, or is not an HTML page or JSON is a file
response and must be: of a type that is not HTML/SVG/XML/JavaScript,
`nosniff`, `Content-Security-Policy: sandbox` (no scripts), and an
attachment unless its type is on the inline allow-list (PDF, raster images).
A new model with a file, or a new file view, is walked without editing this
test; a file field with no row in the fixture fails until one is added.
"""

from __future__ import annotations

import html
import io
import random
import struct

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django.utils import translation

from pst_layanan.berkas import TAMPIL_LANGSUNG
from tests import pabrik
from tests.keamanan.akses_url import AKSES
from tests.keamanan.test_akses_url import _alamat, dunia, semua_url  # noqa: F401  (dunia is a fixture)
from tests.transaksi.test_pembayaran import NTPN, menunggu_pembayaran
from transaksi.models import BerkasProduk, BuktiBayar, Status
from transaksi.services import pembayaran, penyerahan

pytestmark = pytest.mark.django_db

PENANDA = b"PENANDA-BERKAS-JAHAT"
SKRIP = b"<script>window.jahat=1;fetch('/',{method:'POST'})</script>"
JPEG_MAGIC = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
JAHAT = {
    # stored type (as a row stored before types were checked, or tampered) → content
    "image/jpeg": JPEG_MAGIC + b"<!DOCTYPE html><html><body>" + SKRIP + PENANDA,
    "text/html": b"<html><body>" + SKRIP + PENANDA + b"</body></html>",
    "image/svg+xml": b'<svg xmlns="http://www.w3.org/2000/svg" onload="window.jahat=1">' + SKRIP + PENANDA + b"</svg>",
    "text/javascript": b"window.jahat=1;//" + PENANDA,
    "application/pdf": b"%PDF-1.4\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n" + PENANDA + b"\n%%EOF",
}
DAPAT_BERJALAN = ("html", "svg", "javascript", "ecmascript")


def dapat_berjalan(tipe: str) -> bool:
    """A type a browser renders as a document or runs: HTML, SVG, script, and
    XML (`text/xml`, `…+xml`) — not Office files, whose type merely says "openxml"."""
    return any(k in tipe for k in DAPAT_BERJALAN) or tipe.endswith(("/xml", "+xml"))


URL_BERKAS = {
    "transaksi:dokumen_unduh",
    "transaksi:bukti_bayar",
    "transaksi:contoh_data",
    "transaksi:produk",
    "penilaian:laporan_unduh",
}


def _kolom_berkas():
    """(model, file field, its stored-type columns) for every model of the site."""
    for model in apps.get_models():
        berkas = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        tipe = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField) and (f.name == "tipe" or f.name.endswith("_tipe"))
        ]
        for f in berkas:
            yield model, f, tipe


def tanam(isi: bytes, tipe: str) -> None:
    """Overwrite every stored file with `isi` and every stored type with `tipe`."""
    kosong = []
    for model, field, kolom_tipe in _kolom_berkas():
        baris = model._base_manager.exclude(**{field.name: ""})
        if not baris.exists():
            kosong.append(f"{model._meta.label}.{field.name}")
        for obj in baris:
            ff = getattr(obj, field.name)
            ff.storage.delete(ff.name)
            ff.storage.save(ff.name, ContentFile(isi))
        if kolom_tipe:
            baris.update(**dict.fromkeys(kolom_tipe, tipe))  # _base_manager: past the append-only guard
    assert not kosong, (
        f"Fixture `dunia` tidak membuat baris dengan berkas untuk: {kosong}; tambahkan agar URL-nya diuji."
    )


def isi(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def pelanggaran(response) -> list[str]:
    tipe = response.get("Content-Type", "").split(";")[0].strip().lower()
    salah = []
    if dapat_berjalan(tipe):
        salah.append(f"tipe {tipe!r} bisa dijalankan browser")
    if response.get("X-Content-Type-Options") != "nosniff":
        salah.append("tanpa nosniff")
    csp = response.get("Content-Security-Policy", "")
    if "sandbox" not in csp or "allow-scripts" in csp:
        salah.append(f"CSP {csp!r} bukan sandbox tanpa skrip")
    if tipe not in TAMPIL_LANGSUNG and not response.get("Content-Disposition", "").startswith("attachment"):
        salah.append(f"{tipe} tidak diunduh sebagai lampiran: {response.get('Content-Disposition')!r}")
    return salah


def berkas_atau_unduhan(response, badan: bytes) -> bool:
    tipe = response.get("Content-Type", "").split(";")[0].strip()
    return (
        PENANDA in badan
        or "Content-Disposition" in response
        # The JavaScript catalogue (/jsi18n/) is the site's own script, not a stored file.
        or (response.status_code == 200 and tipe not in ("text/html", "application/json", "text/javascript"))
    )


@pytest.fixture
def dunia_lengkap(dunia):  # noqa: F811  (the imported fixture)
    """`dunia`, plus the report's other files (every file field needs a row)."""
    from penilaian.models import LaporanBulanan

    laporan = LaporanBulanan.objects.get(pk=dunia["objek"]["laporan"])
    laporan.xlsx.save("laporan.xlsx", ContentFile(b"PK\x03\x04"))
    laporan.csv.save("laporan.csv", ContentFile(b"a,b\n"))
    return dunia


def test_setiap_url_berkas_tidak_dapat_menjalankan_skrip(dunia_lengkap, client):
    tipe_awal, isi_awal = next(iter(JAHAT.items()))
    tanam(isi_awal, tipe_awal)
    urls = [u for u in semua_url() if u.nama in AKSES]
    client.raise_request_exception = False
    ditemukan, salah = {}, []
    for peran in ("pengunjung_a", "supervisor"):
        client.force_login(dunia_lengkap["peran"][peran], backend="django.contrib.auth.backends.ModelBackend")
        for u in urls:
            alamat = _alamat(u, dunia_lengkap["objek"])
            response = client.get(alamat)
            badan = isi(response)
            if berkas_atau_unduhan(response, badan):
                ditemukan.setdefault(u.nama, set()).add(peran)
                salah += [f"{peran} {alamat}: {p}" for p in pelanggaran(response)]
    kurang = URL_BERKAS - set(ditemukan)
    assert not kurang, f"URL berkas yang tidak menyajikan berkas uji: {sorted(kurang)}"
    assert not salah, "\n".join(salah)

    # The same walk for every hostile stored type, on the file URLs found above.
    for tipe, isi_jahat in JAHAT.items():
        tanam(isi_jahat, tipe)
        for nama, para_peran in ditemukan.items():
            alamat = _alamat(next(u for u in urls if u.nama == nama), dunia_lengkap["objek"])
            for peran in para_peran:
                client.force_login(dunia_lengkap["peran"][peran], backend="django.contrib.auth.backends.ModelBackend")
                for lihat in ("", "?lihat=1"):
                    response = client.get(alamat + lihat)
                    salah += [f"{tipe} {peran} {alamat}{lihat}: {p}" for p in pelanggaran(response)]
    assert not salah, "\n".join(salah)


# --- uploads: refused by content, whatever the name ---------------------------------------


def _gambar_dengan_komentar(komentar: bytes) -> bytes:
    """A real, decodable JPEG carrying `komentar` in a COM segment (valid image, hostile payload)."""
    jpeg = pabrik.isi_gambar("JPEG")
    segmen = b"\xff\xfe" + (len(komentar) + 2).to_bytes(2, "big") + komentar
    return jpeg[:2] + segmen + jpeg[2:]


def _png_dengan_teks(teks: str) -> bytes:
    """A real, decodable PNG carrying `teks` in a tEXt chunk."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", teks)
    keluar = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(keluar, "PNG", pnginfo=info)
    return keluar.getvalue()


BUKTI_JAHAT = {
    "bpn.html": b"<html><body>" + SKRIP + b"</body></html>",
    "bpn.svg": b'<svg xmlns="http://www.w3.org/2000/svg">' + SKRIP + b"</svg>",
    "bpn.js": b"window.jahat=1;",
    "bpn.jpg": JPEG_MAGIC + b"<html>" + SKRIP,  # JPEG magic bytes, HTML body
    "foto.jpg": _gambar_dengan_komentar(b"<html>" + SKRIP),  # a whole JPEG with a script in a comment
    "bpn.png": pabrik.isi_gambar("PNG") + b"<svg onload=alert(1)>",  # markup after the image's end
    "ekor.jpg": pabrik.isi_gambar("JPEG") + b"<script>alert(1)</script>",  # after the JPEG's end marker
    "teks.png": _png_dengan_teks("<svg onload=alert(1)>"),  # a whole PNG with markup in a text chunk
}


@pytest.mark.parametrize("nama", BUKTI_JAHAT)
def test_bukti_bayar_jahat_ditolak_dengan_pesan(nama, pengunjung, petugas, klien_untuk, berkas_privat):
    t = menunggu_pembayaran(pengunjung, petugas)
    berkas = SimpleUploadedFile(nama, BUKTI_JAHAT[nama], content_type="image/jpeg")
    response = klien_untuk(pengunjung).post(
        reverse("transaksi:bukti_kirim", args=[t.nomor]), {"ntpn": NTPN, "berkas": berkas}
    )
    assert response.status_code == 400
    teks = html.unescape(response.content.decode())
    assert "Isi berkas bukan PDF, JPG, PNG yang sah" in teks or "memuat kode HTML/skrip" in teks
    assert not BuktiBayar.objects.exists() and not (berkas_privat / "bukti-bayar").exists()
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN


_FOTO = pabrik.isi_gambar("JPEG", (64, 48))
_PDF_RUSAK = "Berkas PDF ini tidak utuh (terpotong atau rusak)."
_FOTO_RUSAK = "Foto JPG ini tidak utuh (terpotong atau rusak)."


@pytest.mark.parametrize(
    ("nama", "isi", "penolakan"),
    [
        ("bpn.pdf", pabrik.PDF_MINIMAL, None),
        ("bpn.pdf", pabrik.PDF_MINIMAL + b"\x00" * 600, None),  # a scanner's padding after the end marker
        ("bpn.pdf", b"%PDF-1.4\n\xff\xfe" + bytes(range(256)) * 8, _PDF_RUSAK),  # cut short: no end marker
        ("bpn.pdf", pabrik.PDF_MINIMAL[:-7], _PDF_RUSAK),
        ("bpn.jpg", _FOTO, None),
        ("bpn.jpg", _FOTO + b"\x00" * 600, None),  # padding after the end marker
        ("bpn.jpg", _FOTO[: _FOTO.find(b"\xff\xda") + 20], _FOTO_RUSAK),  # cut in the picture data
        ("bpn.jpg", _FOTO[: _FOTO.find(b"\xff\xda")] + b"\xff\xd9", _FOTO_RUSAK),  # headers only, no picture
    ],
    ids=[
        "pdf-utuh",
        "pdf-utuh-berisi-nol",
        "pdf-rusak",
        "pdf-terpotong",
        "foto-utuh",
        "foto-utuh-berisi-nol",
        "foto-terpotong",
        "foto-tanpa-gambar",
    ],
)
def test_berkas_yang_tidak_utuh_ditolak_saat_diunggah(
    nama, isi, penolakan, pengunjung, petugas, klien_untuk, berkas_privat
):
    """The officer could not open a PDF cut short, and would see a JPEG cut
    short grey below the cut (one without picture data not at all); the
    visitor hears it at once, not days later."""
    t = menunggu_pembayaran(pengunjung, petugas)
    berkas = SimpleUploadedFile(nama, isi)
    response = klien_untuk(pengunjung).post(
        reverse("transaksi:bukti_kirim", args=[t.nomor]), {"ntpn": NTPN, "berkas": berkas}
    )
    assert BuktiBayar.objects.exists() is (penolakan is None)
    if penolakan:
        assert response.status_code == 400
        assert penolakan in response.content.decode()


def _pdf_terkunci(sandi_pengguna: str) -> bytes:
    from pypdf import PdfWriter

    penulis = PdfWriter()
    penulis.add_blank_page(200, 200)
    penulis.encrypt(user_password=sandi_pengguna, owner_password="pemilik", algorithm="AES-128")
    isi = io.BytesIO()
    penulis.write(isi)
    return isi.getvalue()


@pytest.mark.parametrize(
    ("sandi_pengguna", "ditolak"),
    [("rahasia", True), ("", False)],
    ids=["perlu-sandi-untuk-dibuka", "hanya-dilindungi-dari-cetak-salin"],
)
def test_pdf_berkata_sandi_ditolak_saat_diunggah(
    sandi_pengguna, ditolak, pengunjung, petugas, klien_untuk, berkas_privat
):
    """A bank's e-statement is often locked with a password the officer does
    not have: the visitor hears it at once, not days later. A PDF protected
    only against printing or copying opens without one and is taken."""
    t = menunggu_pembayaran(pengunjung, petugas)
    berkas = SimpleUploadedFile("bpn.pdf", _pdf_terkunci(sandi_pengguna))
    response = klien_untuk(pengunjung).post(
        reverse("transaksi:bukti_kirim", args=[t.nomor]), {"ntpn": NTPN, "berkas": berkas}
    )
    assert BuktiBayar.objects.exists() is not ditolak
    if ditolak:
        assert response.status_code == 400
        assert "Berkas PDF ini dikunci dengan kata sandi" in response.content.decode()


@pytest.mark.parametrize(
    "isi, tipe, disposisi",
    [
        (pabrik.isi_gambar("PNG"), "image/png", "inline"),
        (pabrik.isi_gambar("JPEG"), "image/jpeg", "inline"),
        (JAHAT["application/pdf"], "application/pdf", "inline"),  # a PDF with JavaScript: inline, but sandboxed
    ],
)
def test_bukti_sah_disajikan_dengan_tipe_terdeteksi(
    isi, tipe, disposisi, pengunjung, petugas, klien_untuk, berkas_privat
):
    t = menunggu_pembayaran(pengunjung, petugas)
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, SimpleUploadedFile("bpn.html", isi, content_type="text/html"))
    bukti = t.bukti_bayar.get()
    assert bukti.tipe == tipe
    response = klien_untuk(petugas).get(reverse("transaksi:bukti_bayar", args=[t.nomor, bukti.pk]))
    assert response["Content-Type"] == tipe and response["Content-Disposition"].startswith(disposisi)
    assert response["Content-Disposition"].endswith(f'.{"jpg" if tipe == "image/jpeg" else tipe.split("/")[1]}"')
    assert response["Content-Security-Policy"] == "sandbox" and response["X-Content-Type-Options"] == "nosniff"


def test_produk_html_disimpan_sebagai_unduhan_biasa(pengunjung, petugas, klien_untuk, berkas_privat):
    from tests.transaksi.test_pembayaran import diproses

    t = diproses(pengunjung, petugas)
    produk = [
        SimpleUploadedFile("peta.html", JAHAT["text/html"]),
        SimpleUploadedFile("tabel.csv", b"kode,nama\n17,BENGKULU\n"),
        SimpleUploadedFile("peta.png", pabrik.isi_gambar("PNG")),
        SimpleUploadedFile("laporan.pdf.exe", b"MZ\x90\x00" + bytes(range(256))),
        SimpleUploadedFile("olah.JS", b"var a = 1;\n"),
        SimpleUploadedFile("batas.shp", b"\x00\x00\x27\x0a" + bytes(range(256))),
    ]
    penyerahan.serahkan_produk(t, petugas, produk)
    tipe = dict(BerkasProduk.objects.values_list("nama_asli", "tipe"))
    assert tipe["peta.html"] == "application/octet-stream" and tipe["tabel.csv"] == "text/plain"
    # Saved, none is a page or a program; a format the site does not know keeps its name.
    assert _nama_tersimpan(klien_untuk(pengunjung), t) == {
        "peta.html": "peta.html.bin",
        "tabel.csv": "tabel.csv",
        "peta.png": "peta.png",
        "laporan.pdf.exe": "laporan.pdf.exe.bin",
        "olah.JS": "olah.JS.txt",
        "batas.shp": "batas.shp",
    }


def _nama_tersimpan(klien, t) -> dict[str, str]:
    """Each delivered file as the visitor downloads it (an attachment of its
    stored type): its original name → the name it is saved under."""
    nama = {}
    for b in BerkasProduk.objects.all():
        response = klien.get(reverse("transaksi:produk", args=[t.nomor, b.pk]))
        assert response["Content-Type"] == b.tipe and response["Content-Disposition"].startswith("attachment")
        nama[b.nama_asli] = response["Content-Disposition"].split("filename=")[1].strip('"')
    return nama


def _zip(*nama: str) -> bytes:
    import io
    import zipfile

    isi = io.BytesIO()
    with zipfile.ZipFile(isi, "w") as arsip:
        for n in nama:
            arsip.writestr(n, "<x/>")
    return isi.getvalue()


def test_produk_berformat_zip_diunduh_dengan_nama_aslinya(pengunjung, petugas, klien_untuk, berkas_privat):
    """A map (.kmz), an OpenDocument spreadsheet (.ods) or a macro workbook (.xlsm) is a ZIP inside:
    it keeps its own extension, which its program needs (Google Earth does not open "peta.kmz.zip",
    Excel refuses an .xlsm renamed .xlsx). A name no ZIP-based format uses still gets the stored type's."""
    from tests.transaksi.test_pembayaran import diproses

    t = diproses(pengunjung, petugas)
    ooxml = _zip("[Content_Types].xml", "xl/workbook.xml")
    produk = {
        "peta.kmz": _zip("doc.kml"),
        "Tabel.ods": _zip("mimetype", "content.xml"),
        "Tabel makro.xlsm": ooxml,
        "peta.html": _zip("index.html"),
    }
    penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile(n, isi) for n, isi in produk.items()])
    assert _nama_tersimpan(klien_untuk(pengunjung), t) == {
        "peta.kmz": "peta.kmz",
        "Tabel.ods": "Tabel.ods",
        "Tabel_makro.xlsm": "Tabel_makro.xlsm",
        "peta.html": "peta.html.zip",
    }


def test_migrasi_mendeteksi_ulang_berkas_lama(pengunjung, petugas, berkas_privat):
    """Rows stored before types were detected: the data migration reads their bytes."""
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migrasi = importlib.import_module("transaksi.migrations.0008_tipe_berkas_terdeteksi")
    t = menunggu_pembayaran(pengunjung, petugas)
    bukti = pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    bukti.berkas.storage.delete(bukti.berkas.name)
    bukti.berkas.storage.save(bukti.berkas.name, ContentFile(JAHAT["image/jpeg"]))  # a polyglot stored earlier
    BuktiBayar._base_manager.filter(pk=bukti.pk).update(tipe="image/jpeg")
    keadaan = MigrationExecutor(connection).loader.project_state(("transaksi", "0008_tipe_berkas_terdeteksi"))
    migrasi.deteksi_ulang(keadaan.apps, None)
    bukti.refresh_from_db()
    assert bukti.tipe == "application/octet-stream"
    assert t.dokumen.first().tipe == "application/pdf"


def test_produk_melebihi_batas_ditolak_dalam_bahasa_pembaca():
    """The product size limit is refused in the officer's language, with the limit named."""
    besar = SimpleUploadedFile("sensus.zip", b"")
    besar.size = penyerahan.BATAS_PRODUK + 1
    with translation.override("en"), pytest.raises(ValidationError) as galat:
        penyerahan.validasi_berkas_produk(besar)
    assert galat.value.messages == ["File sensus.zip is 500 MB, over the limit of 500 MB per file."]


# --- genuine photos whose picture data holds markup-like bytes by chance -------------------

# One 8×8 block of a scan's near-white margin: its coefficients are coded as
# the bytes "<svg " at a byte boundary. Picture data is random-looking bytes,
# so about one 10 MB photo in a thousand holds such five bytes somewhere.
_BLOK_SVG = bytes.fromhex(
    "fcf1ece7e5f2fdf8f5edeceae9f5fff9ece8eaebeaf4fcf5e8e6ebece8eff3ebefed"
    "f0eee6eaede5faf6f7f1e7eaf0e9fffaf8f0e6ecf6f3fef8f5ede3ecfafa"
)


def _pindaian():
    """A grey scan (noise for its content) with a white margin."""
    from PIL import Image

    lebar, tinggi = 320, 240
    gambar = Image.frombytes("L", (lebar, tinggi), random.Random(1).randbytes(lebar * tinggi))
    gambar.paste(240, (0, 0, 64, 8))
    gambar.paste(Image.frombytes("L", (8, 8), _BLOK_SVG), (64, 0))
    return gambar


def _pindaian_jpeg() -> bytes:
    """The scan as Pillow writes it."""
    keluar = io.BytesIO()
    _pindaian().save(keluar, "JPEG")
    return keluar.getvalue()


def _foto_hdr() -> bytes:
    """A phone's photo with a second picture after the first (an HDR gain map): the scan."""
    from PIL import Image

    keluar = io.BytesIO()
    Image.new("L", (320, 240), 200).save(keluar, "MPO", save_all=True, append_images=[_pindaian()])
    return keluar.getvalue()


def _foto_png() -> bytes:
    """A colour photo (noise) as Pillow writes it, five of its pixel bytes being "<svg "."""
    from PIL import Image

    lebar, tinggi = 320, 240
    piksel = bytearray(random.Random(1).randbytes(lebar * tinggi * 3))
    piksel[100:105] = b"<svg "  # row 0, which is stored unfiltered
    keluar = io.BytesIO()
    Image.frombytes("RGB", (lebar, tinggi), bytes(piksel)).save(keluar, "PNG")
    return keluar.getvalue()


def _data_gambar(isi: bytes) -> bytes:
    """The compressed picture data: a JPEG's scan, a PNG's IDAT chunks."""
    if isi.startswith(b"\x89PNG"):
        data, i = b"", 8
        while i < len(isi):
            panjang, jenis = struct.unpack(">I4s", isi[i : i + 8])
            data += isi[i + 8 : i + 8 + panjang] if jenis == b"IDAT" else b""
            i += 12 + panjang
        return data
    return isi[isi.find(b"\xff\xda") : isi.rfind(b"\xff\xd9")]


@pytest.mark.parametrize(
    "nama, isi", [("ktp.jpg", _pindaian_jpeg()), ("foto-hdr.jpg", _foto_hdr()), ("bukti.png", _foto_png())]
)
def test_foto_asli_yang_data_gambarnya_kebetulan_mirip_markup_diterima(
    nama, isi, pengunjung, petugas, klien_untuk, berkas_privat
):
    """A visitor's genuine scan or photo is accepted, whatever bytes its compressed
    picture happens to hold; markup in its metadata or after its end stays refused."""
    from PIL import Image

    assert b"<svg " in _data_gambar(isi), "the picture data holds the bytes by chance"
    with Image.open(io.BytesIO(isi)) as gambar:
        gambar.load()  # a whole image that decodes to its last pixel
    t = menunggu_pembayaran(pengunjung, petugas)
    response = klien_untuk(pengunjung).post(
        reverse("transaksi:bukti_kirim", args=[t.nomor]), {"ntpn": NTPN, "berkas": SimpleUploadedFile(nama, isi)}
    )
    assert "memuat kode HTML/skrip" not in html.unescape(response.content.decode())
    assert response.status_code == 302
    assert t.bukti_bayar.get().tipe == ("image/png" if nama.endswith(".png") else "image/jpeg")


class _BacaanDihitung(io.BytesIO):
    """A file that counts its reads, as an uploaded temporary file costs a system call each."""

    bacaan = 0

    def read(self, *args):
        self.bacaan += 1
        return super().read(*args)


def test_jpeg_dengan_jutaan_bita_isian_dibaca_tanpa_berjalan_per_bita():
    """JPEG allows any run of 0xFF fill bytes before a marker, and Pillow
    decodes such a file: 5 MB of them made the picture-data walk read the
    upload byte by byte, five million reads, seconds of a worker per upload."""
    from PIL import Image

    from pst_layanan import foto

    keluar = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(keluar, "JPEG")
    asli = keluar.getvalue()
    sos = asli.index(b"\xff\xda")
    isi = asli[:sos] + b"\xff" * (5 * 1024 * 1024) + asli[sos:]
    with Image.open(io.BytesIO(isi)) as gambar:
        gambar.load()  # still a whole image
    berkas = _BacaanDihitung(isi)
    ((awal, akhir),) = foto.data_gambar_jpeg(berkas)
    assert awal > isi.index(b"\xff\xda") and isi[akhir : akhir + 2] == b"\xff\xd9"  # the scan, after the fill
    assert berkas.bacaan < 100


def _png_raksasa(lebar: int, tinggi: int) -> bytes:
    """A whole, white black-and-white PNG of that size (a high-resolution scan): a few KB."""
    import zlib

    def chunk(jenis: bytes, isi: bytes) -> bytes:
        return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi))

    pemampat, baris = zlib.compressobj(9), b"\x00" + b"\xff" * ((lebar + 7) // 8)
    idat = b"".join(pemampat.compress(baris) for _ in range(tinggi)) + pemampat.flush()
    ihdr = struct.pack(">IIBBBBB", lebar, tinggi, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    "bahasa, pesan",
    [
        ("id", "Gambar ini 20000 × 10000 piksel (200 juta piksel), melebihi batas 179 juta piksel."),
        ("en", "This image is 20000 × 10000 pixels (200 million pixels), over the limit of 179 million pixels."),
    ],
)
def test_gambar_melebihi_batas_piksel_ditolak_karena_ukurannya(bahasa, pesan):
    """A scan too large for the image checks (a bomb's size) is refused for its size,
    not as a broken image or one carrying HTML/script."""
    from pst_layanan.berkas import validasi_dokumen

    berkas = SimpleUploadedFile("pindaian-a0.png", _png_raksasa(20000, 10000))
    with translation.override(bahasa), pytest.raises(ValidationError) as galat:
        validasi_dokumen(berkas)
    assert pesan in galat.value.messages[0]
    assert "HTML" not in galat.value.messages[0]
