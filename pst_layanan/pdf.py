"""Every PDF of the application goes through `render_pdf`.

Templates extend `pdf/dasar.html` (letterhead, document number, QR code to
the public verification page); WeasyPrint turns them into bytes.
"""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from pst_layanan.berkas import PDF, sajikan
from pst_layanan.kantor import kantor_konteks
from pst_layanan.sop import LANGKAH


def qr_data_uri(teks: str) -> str:
    """An SVG QR code as a data: URI, embeddable in HTML and PDFs."""
    img = qrcode.make(teks, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buf = io.BytesIO()
    img.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


def render_pdf(template: str, konteks: dict) -> bytes:
    from weasyprint import HTML  # heavy (Pango, fonts); only a PDF needs it

    # Rendered without a request, so the step numbers pages have from the
    # context processor are given here.
    dasar = {"kantor": kantor_konteks(konteks), "site_url": settings.SITE_URL, "langkah_sop": LANGKAH}
    html = render_to_string(template, {**dasar, **konteks})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def pdf_response(isi: bytes, nama_berkas: str, lampiran: bool = False) -> HttpResponse:
    return sajikan(isi, PDF.mime, nama_berkas, lampiran)
