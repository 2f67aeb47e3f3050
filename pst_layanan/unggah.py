"""Upload size limit enforced before the body is read.

Django only reads a multipart body when `request.POST`/`FILES` is first
touched, through its upload handlers. `BatasUnggah` is put first in that
chain: a request whose Content-Length is over the limit is refused without
reading a byte of the body, and a body that streams more file bytes than
the limit (no or a false Content-Length) is cut off at the limit. The view
then answers 413 with an Indonesian page instead of running.

    from pst_layanan.unggah import batas_unggah

    @batas_unggah(mb=10)            # instead of (not together with) @csrf_protect
    @login_terverifikasi
    def unggah_persyaratan(request, pk): ...

Per-file checks (type by magic bytes, empty file, names) stay in
`pst_layanan.berkas.validasi_dokumen`.
"""

from __future__ import annotations

from functools import wraps

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import QueryDict
from django.shortcuts import render
from django.utils.datastructures import MultiValueDict
from django.views.decorators.csrf import csrf_exempt, csrf_protect

MB = 1024 * 1024
# Room for the other form fields and multipart boundaries around the files.
KELONGGARAN = 64 * 1024


class BatasUnggah(FileUploadHandler):
    def __init__(self, request, batas: int):
        super().__init__(request)
        self.batas = batas
        self.diterima = 0

    def _tolak(self):
        self.request.unggah_terlalu_besar = self.batas

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > self.batas + KELONGGARAN:
            self._tolak()
            # Returning (POST, FILES) ends parsing here: the body is never read.
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def receive_data_chunk(self, raw_data, start):
        self.diterima += len(raw_data)
        if self.diterima > self.batas:
            self._tolak()
            raise StopUpload(connection_reset=True)  # stop reading; do not drain the rest
        return raw_data

    def file_complete(self, file_size):
        return None


def batas_unggah(mb: float):
    """Decorate a view that accepts uploads: at most `mb` megabytes of files per request.

    CSRF is still checked (csrf_protect inside): the handler has to be in
    place before the CSRF middleware would read the body, which is why the
    outer layer is csrf_exempt (Django's documented pattern)."""
    batas = int(mb * MB)

    def decorator(view):
        dilindungi = csrf_protect(view)

        @wraps(view)
        @csrf_exempt
        def wrapper(request, *args, **kwargs):
            if request.method in ("POST", "PUT", "PATCH"):
                request.upload_handlers.insert(0, BatasUnggah(request, batas))
                request.POST  # noqa: B018  (parse now, through the handler above)
                if getattr(request, "unggah_terlalu_besar", None):
                    return terlalu_besar(request, batas)
            return dilindungi(request, *args, **kwargs)

        wrapper.batas_unggah = batas
        return wrapper

    return decorator


def terlalu_besar(request, batas: int):
    konteks = {"batas_mb": f"{batas / MB:g}", "kembali": request.get_full_path()}
    return render(request, "unggah_terlalu_besar.html", konteks, status=413)
