"""Private files: what an upload is, and the one way to answer with a file.

Files are stored under PRIVATE_ROOT (no public URL). At upload `kenali`
detects the type from the content (never from the name or the browser's
header) and the caller stores its `mime` beside the file. A view that
serves one loads the owning object through its `_get_<thing>_for_user`
helper, then calls `sajikan` with the stored type: every file response of
the site (uploads, delivered products, generated PDFs and exports) goes
through `sajikan`/`amankan`, so none can run script in the site's origin.
"""

from __future__ import annotations

import logging
import os
import re
import uuid
import zipfile
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import unquote

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from pst_layanan.foto import (
    data_gambar_jpeg,
    data_gambar_png,
    jpeg_tanpa_metadata,
    jpeg_utuh,
    png_tanpa_metadata,
)

log = logging.getLogger(__name__)

MB = 1024 * 1024
BATAS_PERSYARATAN = 10 * MB


@dataclass(frozen=True)
class JenisBerkas:
    nama: str
    ekstensi: str
    mime: str
    tanda: re.Pattern | None = None  # the first bytes (magic number)
    # Pillow's format names: the file must also decode as one of them. A JPEG that
    # carries a second picture (a phone's "Ultra HDR" gain map, a camera's preview)
    # is a multi-picture JPEG, which Pillow names MPO; browsers show it as a JPEG.
    gambar: tuple[str, ...] = ()


def _tanda(pola: bytes) -> re.Pattern:
    return re.compile(pola, re.DOTALL)


PDF = JenisBerkas("PDF", "pdf", "application/pdf", _tanda(rb"%PDF-"))
PNG = JenisBerkas("PNG", "png", "image/png", _tanda(rb"\x89PNG\r\n\x1a\n"), ("PNG",))
JPEG = JenisBerkas("JPG", "jpg", "image/jpeg", _tanda(rb"\xff\xd8\xff"), ("JPEG", "MPO"))
GIF = JenisBerkas("GIF", "gif", "image/gif", _tanda(rb"GIF8[79]a"), ("GIF",))
WEBP = JenisBerkas("WebP", "webp", "image/webp", _tanda(rb"RIFF....WEBP"), ("WEBP",))
ZIP = JenisBerkas("ZIP", "zip", "application/zip", _tanda(rb"PK\x03\x04"))
GZIP = JenisBerkas("GZIP", "gz", "application/gzip", _tanda(rb"\x1f\x8b"))
XLSX = JenisBerkas("XLSX", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
DOCX = JenisBerkas("DOCX", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
PPTX = JenisBerkas("PPTX", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")
CSV = JenisBerkas("CSV", "csv", "text/csv")  # only for files the application writes itself
TEKS = JenisBerkas("teks", "", "text/plain")
LAIN = JenisBerkas("berkas lain", "", "application/octet-stream")
# Starts like an image but is not a whole, clean one (a polyglot): never served as that image.
GAMBAR_PALSU = JenisBerkas("gambar tidak sah", "", "application/octet-stream")
# An image of more pixels than Pillow opens (a decompression bomb's size, or a very high-resolution scan).
GAMBAR_RAKSASA = JenisBerkas("gambar terlalu besar", "", "application/octet-stream")

DOKUMEN = (PDF, JPEG, PNG)  # requirements and proof of payment
# The file picker's filter for those (the browser's `accept`; the server still checks the content).
PILIH_DOKUMEN = ",".join([".pdf", ".jpg", ".jpeg", ".png", *(j.mime for j in DOKUMEN)])
_BERTANDA = (PDF, PNG, JPEG, GIF, WEBP, ZIP, GZIP)
# The photo types a phone writes its metadata into, each with the reader that
# leaves it out (foto.py); other documents (PDF) are stored as sent.
_TANPA_METADATA = {JPEG: jpeg_tanpa_metadata, PNG: png_tanpa_metadata}
# Where the compressed picture data of a type lies (foto.py): random-looking
# bytes that by chance hold "<svg " or "<html" in about one 10 MB photo in a
# thousand, so they are not read for markup. Headers, metadata, comments and
# whatever follows the picture's end are.
_DATA_GAMBAR = {JPEG: data_gambar_jpeg, PNG: data_gambar_png}
_OOXML = {"xl/": XLSX, "word/": DOCX, "ppt/": PPTX}

# The name a person knows a type by ("PDF", "XLSX"), for pages that list files.
NAMA_JENIS = {j.mime: j.nama for j in (PDF, PNG, JPEG, GIF, WEBP, ZIP, GZIP, XLSX, DOCX, PPTX, CSV, TEKS, LAIN)}

# A browser shows these itself without running script from them (PDF viewer,
# raster image): the only types ever answered `inline`. Never SVG or HTML.
TAMPIL_LANGSUNG = frozenset(j.mime for j in (PDF, PNG, JPEG, GIF, WEBP))
# Every type a file response may carry; anything else (a tampered row) goes out as octet-stream.
TIPE_AMAN = TAMPIL_LANGSUNG | {j.mime for j in (ZIP, GZIP, XLSX, DOCX, PPTX, CSV, TEKS, LAIN)}
EKSTENSI = {j.mime: j.ekstensi for j in (PDF, PNG, JPEG, GIF, WEBP, ZIP, GZIP, XLSX, DOCX, PPTX, CSV)}
# Other names files of a type go by, kept in a download name: formats packed as
# ZIP or Office Open XML need their own extension to open in their program
# (Google Earth a .kmz, Excel an .xlsm it would refuse renamed .xlsx); none is
# a page or a program the computer would run.
EKSTENSI_LAIN = {
    JPEG.mime: ("jpeg",),
    ZIP.mime: ("kmz", "ods", "odt", "odp", "odg", "epub"),
    GZIP.mime: ("tgz",),
    XLSX.mime: ("xlsm", "xlsb", "xltx", "xltm"),
    DOCX.mime: ("docm", "dotx", "dotm"),
    PPTX.mime: ("pptm", "ppsx", "potx"),
}

# Names a saved file would run by, or open in a browser as a page by: a file
# whose content matched no checked type keeps its own name (a .shp, a .sav),
# but never one of these, so a download is never a page or a program.
_EKSTENSI_JALAN = frozenset(
    # pages (a .chm is HTML that Windows' help viewer shows with its script run)
    ("htm", "html", "xht", "xhtml", "shtml", "mht", "mhtml", "svg", "svgz", "xsl", "xslt", "hta", "chm")
    # scripts
    + ("js", "mjs", "jse", "vb", "vbs", "vbe", "wsf", "wsh", "wsc", "sct", "ps1", "psm1", "bat", "cmd", "sh", "reg")
    # programs, and the files Windows runs one by on a double click (.jnlp, .application, .scf)
    + ("exe", "com", "scr", "pif", "cpl", "msi", "msp", "msc", "dll", "jar", "jnlp", "lnk", "url", "scf", "app")
    + ("application", "appref-ms", "desktop")
)

# Markup a browser could run or render if it ever took the bytes for HTML/SVG/XML.
_MARKUP = re.compile(
    rb"<(?:script|html|body|iframe|object|embed|svg[\s/>]|!doctype|\?xml|meta[\s/])|javascript:", re.IGNORECASE
)
_POTONGAN = MB
_EKSTENSI_MAKS = 16  # bytes of an extension kept when a name is cut


@contextmanager
def hapus_bila_gagal():
    """Around a database transaction that writes private files: each file
    (a FieldFile) added to the yielded list is removed when the block fails.
    The rolled-back rows no longer name it, and retention, erasure and
    backups find files only through rows. Put `transaction.atomic()` inside
    this block, so the rollback has happened when the files go."""
    tertulis: list = []
    try:
        yield tertulis
    except BaseException:
        for berkas in tertulis:
            berkas.delete(save=False)
        raise


def tulis_dulu(berkas, tertulis: list) -> None:
    """Write now the upload held by an unsaved row's file field (a FieldFile),
    and add it to `tertulis` (`hapus_bila_gagal`). Left to the row's INSERT,
    the file would reach the disk before the statement runs, so an INSERT
    that fails or is refused would leave it behind unlisted. A file already
    stored (a name another row holds) is neither written nor listed."""
    if berkas and not berkas._committed:
        berkas.save(berkas.name, berkas.file, save=False)
        tertulis.append(berkas)


def nama_aman(nama: str) -> str:
    """The file's base name only (no folders, no `..`), safe characters, no
    dot at either end: Windows drops trailing dots when it saves a file, so
    "setup.exe." would be saved as setup.exe."""
    dasar = os.path.basename(nama.replace("\\", "/")).strip().lstrip(".")
    try:
        aman = get_valid_filename(dasar).strip(".") if dasar else ""
    except SuspiciousFileOperation:  # nothing left of a name of symbols only, e.g. "★★★"
        aman = ""
    return potong_nama(aman, 120) or "berkas"


def potong_nama(nama: str, batas: int) -> str:
    """`nama` in at most `batas` UTF-8 bytes, keeping a short extension: a
    file system counts a name's bytes, and 120 "ü" are 240 of them."""
    if len(nama.encode()) <= batas:
        return nama
    dasar, ekstensi = os.path.splitext(nama)
    if len(ekstensi.encode()) > _EKSTENSI_MAKS:
        dasar, ekstensi = nama, ""
    return dasar.encode()[: batas - len(ekstensi.encode())].decode("utf-8", "ignore") + ekstensi


def _baca_kepala(berkas, n: int = 64) -> bytes:
    berkas.seek(0)
    kepala = berkas.read(n)
    berkas.seek(0)
    return kepala


def ada_markup(berkas, kecuali: Iterable[tuple[int, int]] = ()) -> bool:
    """True when HTML/SVG/script markup occurs anywhere in the file (read in
    chunks) outside the byte ranges `kecuali` ((start, end), in order)."""
    try:
        awal = 0
        for mulai, akhir in [*kecuali, (None, None)]:
            if _ada_markup_antara(berkas, awal, mulai):
                return True
            awal = akhir
        return False
    finally:
        berkas.seek(0)


def _ada_markup_antara(berkas, awal: int, akhir: int | None) -> bool:
    """Markup from offset `awal` to `akhir` (None: the end of the file)."""
    berkas.seek(awal)
    ekor = b""
    while potong := berkas.read(_POTONGAN if akhir is None else min(_POTONGAN, max(akhir - awal, 0))):
        if _MARKUP.search(ekor + potong):
            return True
        ekor = potong[-32:]  # a marker split across two chunks
        awal += len(potong)
    return False


def _gambar_utuh(berkas, jenis: JenisBerkas) -> JenisBerkas:
    """`jenis` when the file decodes as that image format and carries no
    markup outside its picture data (in a header, a comment or text, a
    trailer); else GAMBAR_PALSU, or GAMBAR_RAKSASA past Pillow's pixel limit."""
    from PIL import Image

    berkas.seek(0)
    try:
        with Image.open(berkas) as img:
            if img.format not in jenis.gambar:
                return GAMBAR_PALSU
            img.verify()
    except Image.DecompressionBombError:
        return GAMBAR_RAKSASA
    except Exception:  # any other decoder complaint means: not a whole image of that type
        return GAMBAR_PALSU
    finally:
        berkas.seek(0)
    data_gambar = _DATA_GAMBAR.get(jenis)
    return GAMBAR_PALSU if ada_markup(berkas, data_gambar(berkas) if data_gambar else []) else jenis


def _ukuran_gambar(berkas) -> tuple[int, int]:
    """An image's width and height as its header gives them, read by its
    format's own reader: `Image.open` refuses one past the pixel limit."""
    from PIL import Image

    Image.init()
    kepala = _baca_kepala(berkas)
    jenis = next(j for j in _BERTANDA if j.gambar and j.tanda.match(kepala))
    try:
        with Image.OPEN[jenis.gambar[0]][0](berkas) as img:
            return img.size
    finally:
        berkas.seek(0)


def _jenis_zip(berkas) -> JenisBerkas:
    """An Office Open XML file is a ZIP with a known top folder."""
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as arsip:
            nama = arsip.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return LAIN
    finally:
        berkas.seek(0)
    if "[Content_Types].xml" in nama:
        for awalan, jenis in _OOXML.items():
            if any(n.startswith(awalan) for n in nama):
                return jenis
    return ZIP


def _teks(kepala: bytes) -> bool:
    if b"\x00" in kepala or _MARKUP.search(kepala):
        return False
    try:
        kepala.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start >= len(kepala) - 3  # a character cut at the end of the sample
    return True


def kenali(berkas) -> JenisBerkas:
    """The type of a file by its content alone.

    An image type is given only when the magic bytes match, the whole file
    decodes as that image and no HTML/SVG/script markup is inside (outside
    its compressed picture data, `_DATA_GAMBAR`): a
    JPEG/PNG-looking polyglot is GAMBAR_PALSU, never image/jpeg; one of more
    pixels than Pillow opens is GAMBAR_RAKSASA. Unknown
    content is LAIN (application/octet-stream, always downloaded).
    """
    kepala = _baca_kepala(berkas, 8192)
    for jenis in _BERTANDA:
        if jenis.tanda.match(kepala):
            if jenis.gambar:
                return _gambar_utuh(berkas, jenis)
            return _jenis_zip(berkas) if jenis is ZIP else jenis
    return TEKS if kepala and _teks(kepala) else LAIN


def kenali_tersimpan(field_file) -> str:
    """The detected type of a stored file (for rows stored before types were kept)."""
    try:
        with field_file.open("rb") as f:
            return kenali(f).mime
    except (FileNotFoundError, ValueError, OSError):
        return LAIN.mime


def validasi_dokumen(berkas, batas: int = BATAS_PERSYARATAN, jenis=DOKUMEN) -> JenisBerkas:
    """Check an uploaded requirement/proof; raise ValidationError in Indonesian."""
    if berkas is None:
        raise ValidationError(_("Pilih berkas untuk diunggah."), code="kosong")
    if berkas.size == 0:
        raise ValidationError(_("Berkas kosong (0 byte); pilih berkas yang benar."), code="kosong")
    if berkas.size > batas:
        raise ValidationError(
            _("Ukuran berkas %(ukuran).1f MB melebihi batas %(batas)d MB."),
            code="terlalu_besar",
            params={"ukuran": berkas.size / MB, "batas": batas // MB},
        )
    terurai = unquote(berkas.name)  # "..%2Fsettings.pdf": a folder spelled encoded is one too
    if "/" in terurai or "\\" in terurai or terurai.strip(".") == "":
        # Browsers send base names only; a path here is a crafted request.
        raise ValidationError(_("Nama berkas tidak boleh memuat folder atau '..'."), code="nama")
    dikenali = kenali(berkas)
    if dikenali is GAMBAR_PALSU:
        raise ValidationError(
            _(
                "Berkas ini berawalan seperti gambar, tetapi isinya bukan gambar yang utuh "
                "atau memuat kode HTML/skrip. Unggah hasil pindaian atau foto asli, atau PDF."
            ),
            code="jenis",
        )
    if dikenali is GAMBAR_RAKSASA:
        raise _gambar_terlalu_besar(berkas)
    if dikenali not in jenis:
        raise ValidationError(
            _("Isi berkas bukan %(diterima)s yang sah (dicek dari isinya, bukan dari nama berkas)."),
            code="jenis",
            params={"diterima": ", ".join(j.nama for j in jenis)},
        )
    if dikenali is PDF and not _pdf_utuh(berkas):
        raise ValidationError(
            _("Berkas PDF ini tidak utuh (terpotong atau rusak). Simpan atau pindai ulang, lalu unggah lagi."),
            code="rusak",
        )
    if dikenali is PDF and _pdf_berkata_sandi(berkas):
        raise ValidationError(
            _(
                "Berkas PDF ini dikunci dengan kata sandi, sehingga petugas tidak dapat membukanya. "
                "Simpan atau cetak ulang sebagai PDF tanpa kata sandi, lalu unggah lagi."
            ),
            code="sandi",
        )
    if dikenali is JPEG and not _jpeg_utuh(berkas):
        raise ValidationError(
            _("Foto JPG ini tidak utuh (terpotong atau rusak). Simpan atau foto ulang, lalu unggah lagi."),
            code="rusak",
        )
    return dikenali


def _gambar_terlalu_besar(berkas) -> ValidationError:
    from PIL import Image

    lebar, tinggi = _ukuran_gambar(berkas)
    return ValidationError(
        _(
            "Gambar ini %(lebar)d × %(tinggi)d piksel (%(juta)d juta piksel), melebihi batas %(batas)d juta "
            "piksel. Pindai ulang dengan resolusi lebih rendah (300 dpi sudah cukup) atau simpan sebagai PDF, "
            "lalu unggah lagi."
        ),
        code="terlalu_besar",
        # Pillow refuses an image of more than twice MAX_IMAGE_PIXELS.
        params={
            "lebar": lebar,
            "tinggi": tinggi,
            "juta": round(lebar * tinggi / 1e6),
            "batas": round(2 * Image.MAX_IMAGE_PIXELS / 1e6),
        },
    )


def tanpa_metadata(berkas, jenis: JenisBerkas):
    """The upload to store: `berkas` itself, or a copy without its photo
    metadata (`jenis`: what `validasi_dokumen` found)."""
    pembersih = _TANPA_METADATA.get(jenis)
    if pembersih is None:
        return berkas
    berkas.seek(0)
    asli = berkas.read()
    berkas.seek(0)
    bersih = pembersih(asli)
    if bersih is None or bersih == asli:  # nothing to drop, or a layout the reader does not follow
        return berkas
    return ContentFile(bersih, name=berkas.name)


def _jpeg_utuh(berkas) -> bool:
    """A JPEG decodes even cut short (Pillow's check reads only its header),
    but the officer would see it grey below the cut."""
    berkas.seek(0)
    try:
        return jpeg_utuh(berkas.read())
    finally:
        berkas.seek(0)


def _pdf_utuh(berkas) -> bool:
    """A whole PDF ends with %%EOF within its last 1 KB (where readers look
    for it); one cut short by an interrupted download or copy does not, and
    the officer could not open it."""
    berkas.seek(max(0, berkas.size - 1024))
    ekor = berkas.read()
    berkas.seek(0)
    return b"%%EOF" in ekor


def _pdf_berkata_sandi(berkas) -> bool:
    """A PDF that opens only with a password (a bank's e-statement, a
    protected scan): the officer has no password to open it. One protected
    only against printing or copying (an owner password) opens without one
    and passes; a PDF the reader cannot parse is left to the other checks."""
    from pypdf import PasswordType, PdfReader

    berkas.seek(0)
    try:
        pdf = PdfReader(berkas)
        return pdf.is_encrypted and pdf.decrypt("") == PasswordType.NOT_DECRYPTED
    except Exception:  # any reader complaint: not this check's to judge
        return False
    finally:
        berkas.seek(0)


def sebab_gagal(exc: OSError) -> str:
    """Why a file could not be deleted, for the log: the error's own text (and
    so its traceback) quotes the whole path, the uploader's file name included."""
    return exc.strerror or type(exc).__name__


_NAMA_SETELAH_UUID = re.compile(r"^(.*/[0-9a-f]{32})-.*$", re.S)


def jalur_tanpa_nama(jalur: str) -> str:
    """A stored file's path for a log line: up to its unique id, without the
    uploader's own file name (often a person's name, "KTP Andi.pdf")."""
    return _NAMA_SETELAH_UUID.sub(r"\1", jalur)


@deconstructible
class JalurPrivat:
    """An `upload_to`: prefix/YYYY/MM/<uuid>-<safe name> (serialisable in migrations)."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename):
        now = timezone.now()
        return f"{self.prefix}/{now:%Y/%m}/{uuid.uuid4().hex}-{nama_aman(filename)}"

    def __eq__(self, other):
        return isinstance(other, JalurPrivat) and other.prefix == self.prefix


def tipe_aman(tipe: str) -> str:
    """The stored type if it is one a file response may carry, else octet-stream."""
    return tipe if tipe in TIPE_AMAN else LAIN.mime


def nama_unduhan(nama: str, tipe: str) -> str:
    """The download name ends in the stored type's extension (`bpn.html` stored as PDF → `bpn.html.pdf`),
    so a saved file opens as what it was checked to be. Content of no checked type keeps its
    name unless the name would run it (`index.html` → `index.html.txt`, `setup.exe` → `setup.exe.bin`)."""
    nama = nama_aman(nama)
    ekstensi = EKSTENSI.get(tipe)
    if not ekstensi:
        jalan = nama.rpartition(".")[2].lower() in _EKSTENSI_JALAN
        return f"{nama}.{'txt' if tipe == TEKS.mime else 'bin'}" if jalan else nama
    boleh = tuple(f".{e}" for e in (ekstensi, *EKSTENSI_LAIN.get(tipe, ())))
    return nama if nama.lower().endswith(boleh) else f"{nama}.{ekstensi}"


def amankan(response, lampiran: bool = True, nama: str | None = None):
    """The headers every file response carries: the stored type is final
    (nosniff), the file can never run script in the site's origin (CSP
    sandbox, which also replaces the page CSP), never cached, downloaded
    unless its type is on the inline allow-list."""
    tipe = response.headers.get("Content-Type", "").split(";")[0].strip()
    tampil = not lampiran and tipe in TAMPIL_LANGSUNG
    if nama is not None:
        response.headers["Content-Disposition"] = content_disposition_header(not tampil, nama)
    elif not tampil:  # a response that named its file itself (an export): never inline
        _jenis, pisah, sisa = response.headers.get("Content-Disposition", "").partition(";")
        response.headers["Content-Disposition"] = "attachment" + pisah + sisa
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def sajikan(isi, tipe: str, nama: str, lampiran: bool = True):
    """Answer with a private file (a FieldFile) or generated bytes, typed as stored.

    `tipe` is the type detected and stored at upload (or the type of a
    document the application generated); it is never guessed from `nama`.
    `lampiran=False` asks for inline display, granted only to PDFs and raster images.
    """
    tipe = tipe_aman(tipe)
    if isinstance(isi, bytes):
        response = HttpResponse(isi, content_type=tipe)
    else:
        response = FileResponse(_buka_tersimpan(isi), content_type=tipe)
    return amankan(response, lampiran, nama_unduhan(nama, tipe))


def _buka_tersimpan(isi):
    """A stored file, open. One the database names and the disk lacks (a
    PRIVATE_ROOT changed at a server move, a restore whose files were not all
    put back) answers 404 and is logged as an ERROR, so mailed to ADMINS:
    the error's own text, and so its traceback, quotes the uploader's file name."""
    try:
        return isi.open("rb")
    except FileNotFoundError:
        log.error("Berkas privat %s tidak ada di disk (PRIVATE_ROOT).", jalur_tanpa_nama(isi.name))
        raise Http404 from None
