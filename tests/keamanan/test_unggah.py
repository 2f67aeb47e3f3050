"""Upload size limit: refused before the body is read, with a clear 413 page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.test.client import encode_multipart

from pst_layanan.unggah import KELONGGARAN, MB
from tests.keamanan.urls_unggah import unggah

pytestmark = [pytest.mark.urls("tests.keamanan.urls_unggah"), pytest.mark.django_db]


def berkas(ukuran):
    return SimpleUploadedFile("data.pdf", b"%PDF" + b"x" * (ukuran - 4), content_type="application/pdf")


def test_berkas_di_bawah_batas_diterima(client):
    response = client.post("/unggah/", {"berkas": berkas(MB - 1000), "catatan": "ok"})
    assert response.status_code == 200
    assert response.content.decode() == f"diterima {MB - 1000} ok"


def test_berkas_di_atas_batas_ditolak_413_dengan_pesan(client):
    response = client.post("/unggah/", {"berkas": berkas(MB + KELONGGARAN + 1)})
    assert response.status_code == 413
    html = response.content.decode()
    assert "Berkas terlalu besar" in html and "1 MB" in html
    assert response["Content-Security-Policy"]


class AliranPenjaga(io.BytesIO):
    """A request body that counts what the application reads of it."""

    dibaca = 0

    def read(self, size=-1):
        data = super().read(size)
        self.dibaca += len(data)
        return data

    def readline(self, size=-1):
        data = super().readline(size)
        self.dibaca += len(data)
        return data


def _permintaan(badan: bytes, content_length: int):
    boundary = "BATAS"
    request = RequestFactory().post("/unggah/", data=badan, content_type=f"multipart/form-data; boundary={boundary}")
    aliran = AliranPenjaga(badan)
    request._stream = aliran
    request.META["CONTENT_LENGTH"] = str(content_length)
    return request, aliran


def test_content_length_besar_ditolak_tanpa_membaca_badan():
    badan = encode_multipart("BATAS", {"berkas": berkas(3 * MB)})
    request, aliran = _permintaan(badan, len(badan))
    response = unggah(request)
    assert response.status_code == 413
    assert aliran.dibaca == 0


def test_badan_melebihi_batas_dihentikan_saat_dibaca(monkeypatch):
    """When the declared length passes the first check (a proxy rewrote it, or
    chunked transfer), the streamed file bytes are counted and reading stops."""
    from pst_layanan import unggah as modul

    monkeypatch.setattr(modul, "KELONGGARAN", 10 * MB)
    badan = encode_multipart("BATAS", {"berkas": berkas(3 * MB)})
    request, aliran = _permintaan(badan, len(badan))
    response = unggah(request)
    assert response.status_code == 413
    assert aliran.dibaca < 1.5 * MB, "pembacaan berhenti dekat batas, tidak menghabiskan 3 MB"


def test_csrf_tetap_diperiksa():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/unggah/", {"berkas": berkas(100)})
    assert response.status_code == 403


def test_get_tidak_terpengaruh(client):
    assert client.get("/unggah/").content == b"formulir"
