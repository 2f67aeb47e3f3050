"""Request body size limits, enforced before the body is read.

Every request gets a body limit before anything reads it (`BatasBadanMiddleware`,
right after authentication): `BATAS_BAWAAN` for ordinary forms and for
everyone not logged in; a view that takes uploads raises it for the users it
names with `@batas_unggah`:

    @batas_unggah(BATAS_PERSYARATAN)                      # any logged-in user
    @batas_unggah(BATAS_PRODUK, PETUGAS)                  # officers (and supervisors) only

- an announced length (Content-Length) over the limit is refused at once,
  without reading a byte of the body;
- a body of unknown length (chunked, the server sets `wsgi.input_terminated`)
  is read into a spooled temporary file only up to the limit and refused
  past it, so no more than the limit ever reaches the disk;
- file parts are counted while parsing (`BatasUnggah`, the first upload
  handler): past the limit reading stops.

A refused request gets the Indonesian 413 page and no view runs. Per-file
checks (type by content, empty file, names) stay in `pst_layanan.berkas`.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, StopUpload, TemporaryFileUploadHandler
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.shortcuts import render
from django.urls import Resolver404, resolve

from pst_layanan.berkas import MB, potong_nama
from pst_layanan.format import pemisah_angka
from pst_layanan.roles import halaman_kembali, punya_peran

# Django's own default for form data (DATA_UPLOAD_MAX_MEMORY_SIZE): ordinary forms, anonymous requests.
BATAS_BAWAAN = int(2.5 * MB)
# Room for the other form fields and multipart boundaries around the files.
KELONGGARAN = 64 * 1024
_POTONGAN = 64 * 1024


@dataclass(frozen=True)
class IzinUnggah:
    batas: int
    peran: tuple[str, ...]  # who gets the larger limit (none named: any logged-in user)

    def berlaku(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return not self.peran or punya_peran(user, *self.peran)


def batas_unggah(batas: int, *peran: str):
    """Mark a view as taking request bodies of at most `batas` bytes (plus form fields), for users with `peran`."""
    izin = IzinUnggah(batas, peran)

    def decorator(view):
        view.izin_unggah = izin
        return view

    return decorator


# Sent by the upload-progress script (static/js/transaksi/unggah_progres.js).
KEPALA_PROGRES = "X-Unggah-Progres"


def lanjut_tanpa_diikuti(view):
    """For a form the upload-progress script sends: a redirect becomes 204 with
    the address in `X-Lanjut`, which the script then opens. XMLHttpRequest
    follows a redirect by itself, and that hidden page view would use up the
    success message before the officer's browser shows the page."""

    @wraps(view)
    def _view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.headers.get(KEPALA_PROGRES) and response.status_code in (301, 302, 303, 307, 308):
            lanjut = HttpResponse(status=204)
            lanjut["X-Lanjut"] = response["Location"]
            return lanjut
        return response

    return _view


def _izin(request) -> IzinUnggah | None:
    try:
        return getattr(resolve(request.path_info).func, "izin_unggah", None)
    except Resolver404:
        return None


def batas_untuk(request) -> int:
    """The body limit of this request: the view's, if it grants one to this user, else the default."""
    izin = _izin(request)
    if izin is None or (izin.batas > BATAS_BAWAAN and not izin.berlaku(request.user)):
        return BATAS_BAWAAN
    return izin.batas


def _tolak_ukuran(request, batas: int):
    """The answer to a body over `batas`. On a page that takes a larger upload
    once logged in, sent by no one logged in (the session ended, or they
    logged out in another tab), the size is not the reason unless it is over
    that larger limit too: the login is, as the view itself would say."""
    izin = _izin(request)
    if izin is None or izin.batas <= batas or request.user.is_authenticated:
        return terlalu_besar(request, batas)
    panjang = _panjang_diumumkan(request)
    if panjang is not None and panjang > izin.batas + KELONGGARAN:
        return terlalu_besar(request, izin.batas)
    return sesi_berakhir(request)


class BatasUnggah(FileUploadHandler):
    """First upload handler: counts file bytes and stops the parse past the limit."""

    def __init__(self, request, batas: int):
        super().__init__(request)
        self.batas = batas
        self.diterima = 0

    def receive_data_chunk(self, raw_data, start):
        self.diterima += len(raw_data)
        if self.diterima > self.batas:
            self.request.unggah_terlalu_besar = True
            raise StopUpload(connection_reset=True)  # stop reading; do not drain the rest
        return raw_data

    def file_complete(self, file_size):
        return None


class BerkasSementara(TemporaryFileUploadHandler):
    """Django's temporary-file handler (uploads above FILE_UPLOAD_MAX_MEMORY_SIZE)
    with the sent name cut to what a file system holds: the temporary file
    takes its suffix from that name, and a 250-character extension stopped the
    parse with "File name too long" (a 500 on any form, before any login)."""

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, potong_nama(file_name, 200), *args, **kwargs)


class _PenguraiNama(MultiPartParser):
    """Django's parser, noting a file whose sent name it cleans to nothing
    ("..", a NUL, only characters that do not print). Django drops such a
    file, and the form would then say no file was chosen."""

    nama_ditolak = False

    def sanitize_file_name(self, file_name):
        bersih = super().sanitize_file_name(file_name)
        # Called only for a name sent non-empty: a browser with no file chosen sends "".
        self.nama_ditolak = self.nama_ditolak or not bersih
        return bersih


def _urai_dengan_nama(request):
    """`request.parse_file_upload` through `_PenguraiNama`, keeping Django's own
    handling of a body it cannot parse; sets `request.nama_berkas_ditolak`."""

    def urai(META, post_data):
        pengurai = _PenguraiNama(META, post_data, request.upload_handlers, request.encoding)
        hasil = pengurai.parse()
        request.nama_berkas_ditolak = pengurai.nama_ditolak
        return hasil

    return urai


def _panjang_diumumkan(request) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def _tampung_tanpa_panjang(request, batas: int) -> bool:
    """A body of unknown length: read at most the limit into a spooled file
    that then stands in for the body. False (nothing kept) when it is longer."""
    masuk = request.environ["wsgi.input"]
    tampung = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (it becomes the body; closed with the response)
        max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE, dir=settings.FILE_UPLOAD_TEMP_DIR
    )
    sisa = batas + KELONGGARAN
    while potong := masuk.read(min(_POTONGAN, sisa + 1)):
        if len(potong) > sisa:
            tampung.close()
            return False
        tampung.write(potong)
        sisa -= len(potong)
    request.META["CONTENT_LENGTH"] = str(tampung.tell())
    tampung.seek(0)
    request._stream = tampung
    request.berkas_tampung = tampung
    return True


def _badan_bisa_diterima(request, batas: int) -> bool:
    panjang = _panjang_diumumkan(request)
    if panjang is None and request.environ.get("wsgi.input_terminated"):
        return _tampung_tanpa_panjang(request, batas)
    if panjang is not None and panjang > batas + KELONGGARAN:
        return False
    if request.content_type == "multipart/form-data":
        request.upload_handlers.insert(0, BatasUnggah(request, batas))
        request.parse_file_upload = _urai_dengan_nama(request)
        request.POST  # noqa: B018  (parse now, through the handler above, before any view work)
        return not getattr(request, "unggah_terlalu_besar", False)
    return True


class BatasBadanMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            batas = batas_untuk(request)
            try:
                diterima = _badan_bisa_diterima(request, batas)
            except MultiPartParserError:
                return render(request, "400.html", status=400)
            except TooManyFilesSent:  # more files than Django takes in one request: the sender's to fix, no alert
                return terlalu_banyak_berkas(request)
            if not diterima:
                return _tolak_ukuran(request, batas)
            if getattr(request, "nama_berkas_ditolak", False):
                return nama_berkas_tidak_sah(request)
        response = self.get_response(request)
        tampung = getattr(request, "berkas_tampung", None)
        if tampung is not None:
            response._resource_closers.append(tampung.close)
        return response


def terlalu_banyak_berkas(request):
    """More files in one send than DATA_UPLOAD_MAX_NUMBER_FILES: said so, with the way out."""
    konteks = {"jumlah": settings.DATA_UPLOAD_MAX_NUMBER_FILES, "kembali": halaman_kembali(request) or "/"}
    return render(request, "unggah_terlalu_besar.html", konteks, status=400)


def nama_berkas_tidak_sah(request):
    """A file whose name is nothing once cleaned: said so, not "no file chosen"."""
    konteks = {"nama_tidak_sah": True, "kembali": halaman_kembali(request) or "/"}
    return render(request, "unggah_terlalu_besar.html", konteks, status=400)


def sesi_berakhir(request):
    """An upload within the page's limit refused only because no one is logged
    in: said so, with the login that leads back to the form (the messages of
    `login_terverifikasi` are not set up yet at this point)."""
    masuk = redirect_to_login(halaman_kembali(request) or "/")["Location"]
    return render(request, "unggah_terlalu_besar.html", {"sesi_berakhir": True, "masuk": masuk}, status=403)


def terlalu_besar(request, batas: int):
    # Back to the page the form was on: the address it posts to may answer only POST.
    kembali = halaman_kembali(request) or "/"
    # "2,5 MB" to an Indonesian reader, "2.5 MB" to an English one.
    konteks = {"batas_mb": f"{batas / MB:g}".replace(".", pemisah_angka()[1]), "kembali": kembali}
    # The unread rest of the body is the server's to discard (gunicorn drains
    # it, the development server ignores it); nginx has already cut anything
    # above its own limit. No "Connection" header: a WSGI application may not
    # send hop-by-hop headers, and the development server fails on one.
    return render(request, "unggah_terlalu_besar.html", konteks, status=413)
