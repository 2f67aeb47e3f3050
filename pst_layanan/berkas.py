"""Private files: validation of uploads and the one way to serve them.

Files are stored under PRIVATE_ROOT (no public URL). A view that serves one
must first load the owning object through its `_get_<thing>_for_user` helper,
then call `sajikan`.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename

MB = 1024 * 1024
BATAS_PERSYARATAN = 10 * MB


@dataclass(frozen=True)
class JenisBerkas:
    nama: str
    ekstensi: str
    mime: str
    tanda: tuple[bytes, ...]


PDF = JenisBerkas("PDF", "pdf", "application/pdf", (b"%PDF-",))
PNG = JenisBerkas("PNG", "png", "image/png", (b"\x89PNG\r\n\x1a\n",))
JPEG = JenisBerkas("JPG", "jpg", "image/jpeg", (b"\xff\xd8\xff",))
DOKUMEN = (PDF, JPEG, PNG)


def nama_aman(nama: str) -> str:
    """The file's base name only (no folders, no `..`), safe characters."""
    dasar = os.path.basename(nama.replace("\\", "/")).strip().lstrip(".")
    aman = get_valid_filename(dasar) if dasar else ""
    return aman[:120] or "berkas"


def kenali(berkas, jenis=DOKUMEN) -> JenisBerkas | None:
    """The type of an uploaded file by its first bytes (not name nor header)."""
    berkas.seek(0)
    kepala = berkas.read(16)
    berkas.seek(0)
    for j in jenis:
        if any(kepala.startswith(t) for t in j.tanda):
            return j
    return None


def validasi_dokumen(berkas, batas: int = BATAS_PERSYARATAN, jenis=DOKUMEN) -> JenisBerkas:
    """Check an uploaded requirement/proof; raise ValidationError in Indonesian."""
    if berkas is None:
        raise ValidationError("Pilih berkas untuk diunggah.", code="kosong")
    if berkas.size == 0:
        raise ValidationError("Berkas kosong (0 byte); pilih berkas yang benar.", code="kosong")
    if berkas.size > batas:
        raise ValidationError(
            "Ukuran berkas %(ukuran).1f MB melebihi batas %(batas)d MB.",
            code="terlalu_besar",
            params={"ukuran": berkas.size / MB, "batas": batas // MB},
        )
    if "/" in berkas.name or "\\" in berkas.name or ".." in berkas.name:
        # Browsers send base names only; a path here is a crafted request.
        raise ValidationError("Nama berkas tidak boleh memuat folder atau '..'.", code="nama")
    dikenali = kenali(berkas, jenis)
    if dikenali is None:
        diterima = ", ".join(j.nama for j in jenis)
        raise ValidationError(
            "Isi berkas bukan %(diterima)s yang sah (dicek dari isinya, bukan dari nama berkas).",
            code="jenis",
            params={"diterima": diterima},
        )
    return dikenali


@deconstructible
class JalurPrivat:
    """An `upload_to`: prefix/YYYY/MM/<uuid>-<safe name> (serialisable in migrations)."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename):
        from django.utils import timezone

        now = timezone.now()
        return f"{self.prefix}/{now:%Y/%m}/{uuid.uuid4().hex}-{nama_aman(filename)}"

    def __eq__(self, other):
        return isinstance(other, JalurPrivat) and other.prefix == self.prefix


def sajikan(field_file, nama_unduhan: str | None = None, lampiran: bool = True) -> FileResponse:
    """Stream a private file to an already-authorised requester."""
    nama = nama_unduhan or os.path.basename(field_file.name).split("-", 1)[-1]
    response = FileResponse(field_file.open("rb"), as_attachment=lampiran, filename=nama)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
