"""Every page of every role, and every PDF and spreadsheet they download, in the pseudo-locale:
no text a reader sees may have bypassed the catalogue.

The pages are those of the URL × role access table (tests/keamanan/akses_url.py)
on its world (`dunia`: visitor A's delivered and refunded transactions, ticket,
appointment, rating, report), each role reading in the pseudo-locale. Data
values (names, notes, catalogue entries typed by the office) are left out; the
Django admin is left out too, as it speaks Django's own catalogues.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import openpyxl
import pytest
import weasyprint

from pst_layanan.models import Pengguna
from tests.bahasa import pseudo
from tests.keamanan.akses_url import AKSES
from tests.keamanan.test_akses_url import _alamat, dunia, semua_url  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

TULIS_PDF = weasyprint.HTML.write_pdf


def _teks_pdf(isi: bytes) -> str | None:
    """The PDF's text, or None for a file that is not one we render (an upload)."""
    # -raw: text in the order it was drawn, so a table cell's words stay together.
    hasil = subprocess.run(["pdftotext", "-raw", "-", "-"], input=isi, capture_output=True)
    return hasil.stdout.decode() if hasil.returncode == 0 else None


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _teks_xlsx(isi: bytes) -> str:
    """Every sheet's name and every cell of a spreadsheet, one per line."""
    buku = openpyxl.load_workbook(io.BytesIO(isi), read_only=True)
    sel = (str(v) for ws in buku for baris in ws.iter_rows(values_only=True) for v in baris if v is not None)
    return "\n".join([*buku.sheetnames, *sel])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="butuh pdftotext (poppler-utils)")
def test_setiap_halaman_dan_pdf_setiap_peran_lewat_katalog(dunia, client, bahasa_pseudo, monkeypatch):  # noqa: F811
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", TULIS_PDF)  # real PDFs here: their text is read
    Pengguna.objects.update(bahasa=bahasa_pseudo)
    for user in dunia["peran"].values():
        if user is not None:
            user.bahasa = bahasa_pseudo
    data = pseudo.nilai_data()
    urls = [u for u in semua_url() if u.nama in AKSES and not u.nama.startswith("admin")]
    alamat = {u.nama: _alamat(u, dunia["objek"]) for u in urls}
    client.raise_request_exception = False
    bocor: dict[str, set[str]] = {}
    diperiksa = 0
    for _peran, user in dunia["peran"].items():
        client.logout()  # which forgets the cookies too
        client.cookies["pst_bahasa"] = bahasa_pseudo
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for u in urls:
            r = client.get(alamat[u.nama])
            jenis = r.get("Content-Type", "")
            if r.status_code in (301, 302, 405) or not (
                jenis.startswith("text/html") or jenis in ("application/pdf", XLSX)
            ):
                continue
            isi = b"".join(r.streaming_content) if r.streaming else r.content
            if jenis == "application/pdf":
                teks = _teks_pdf(isi)
                if teks is None:
                    continue
            elif jenis == XLSX:  # the guest book and SKM spreadsheets: headers and labels
                teks = _teks_xlsx(isi)
            else:
                teks = pseudo.teks_html(isi.decode())
            diperiksa += 1
            for kata in pseudo.sisa_teks(teks, data):
                bocor.setdefault(f"{u.nama} ({alamat[u.nama]})", set()).add(kata)
    assert diperiksa > 100
    laporan = "\n".join(f"  {url}: {' '.join(sorted(k))}" for url, k in sorted(bocor.items()))
    assert not bocor, f"Teks di luar katalog ({len(bocor)} halaman/PDF):\n{laporan}"


def test_alamat_verifikasi_yang_terlipat_di_pdf_bukan_teks_bocor():
    """pdftotext gives a wrapped verification address as two or three lines,
    broken after a "/" or after a hyphen of its random token."""
    teks = "⟦Píndáí ⟧\nhttp://testserver/transaksi/\nverifikasi/Ab3-HXIH_aO-\nfnY-keEfahl_sIJz/\n⟦Pétúgás⟧\nBudi"
    assert pseudo.sisa_teks(teks, ["Budi"]) == []
    assert pseudo.sisa_teks(teks + "\nTotal", ["Budi"]) == ["Total"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="butuh pdftotext (poppler-utils)")
def test_laporan_bulanan_pdf_lewat_katalog(bahasa_pseudo, pengunjung):
    """The monthly report (made by beat, not by a page) in the pseudo-locale too."""
    from datetime import date, datetime

    import time_machine
    from django.utils import translation

    from penilaian import laporan
    from penilaian.models import LaporanBulanan
    from pst_layanan.kalender import WIB
    from pst_layanan.periode import Bulan
    from tests.penilaian.conftest import buat_penilaian_massal
    from tests.penilaian.test_ikm import CONTOH, MARET

    buat_penilaian_massal(pengunjung, CONTOH, MARET)
    lap = LaporanBulanan.objects.create(bulan=date(2026, 3, 1))
    with time_machine.travel(datetime(2026, 4, 1, 7, 0, tzinfo=WIB), tick=False), translation.override(bahasa_pseudo):
        teks = _teks_pdf(laporan.sebagai_pdf(laporan.susun(Bulan(2026, 3)), lap))
    sisa = pseudo.sisa_teks(teks, pseudo.nilai_data())
    assert teks and not sisa, " ".join(sorted(set(sisa)))
