"""axe-core (vendored in tests/vendor/axe, no network) on every page each role
can open, on a phone and on a laptop, and on the HTML every PDF is made from.

The pages come from the expected-access table (tests/keamanan/akses_url.py):
every URL a role gets a 200 for, filled with the real objects of visitor A,
so a new page is checked without being listed here. Serious and critical
violations fail the test; the counts per page are printed either way.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from penilaian import laporan
from pst_layanan.periode import Bulan
from tests.keamanan.akses_url import AKSES, PERAN
from tests.keamanan.test_akses_url import _alamat, semua_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe" / "axe.min.js"
DIUJI = ("anonim", "pengunjung_a", "resepsionis", "petugas", "supervisor")
UKURAN = {"ponsel": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}
GAGAL = ("serious", "critical")
# Moderate and minor rules the site keeps at zero too: every page has its h1, no header cell is empty.
ATURAN_WAJIB = ("page-has-heading-one", "empty-table-header", "landmark-one-main")


def jalankan_axe(page) -> list[dict]:
    """axe's violations on the page as loaded: id, impact and the first offending elements."""
    hasil = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                contoh: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return hasil


def halaman_per_peran(dunia, hanya_html=True) -> dict[str, list[str]]:
    """role → every URL that role gets a 200 for: whole HTML pages only (files, exports and
    htmx fragments are checked inside the page that shows them), or everything."""
    alamat = {u.nama: _alamat(u, dunia["objek"]) for u in semua_url() if u.nama in AKSES}
    hasil = {}
    for peran in DIUJI:
        klien = Client()
        if dunia["peran"][peran] is not None:
            klien.force_login(dunia["peran"][peran], backend="django.contrib.auth.backends.ModelBackend")
        urls = [alamat[n] for n in AKSES if n in alamat and AKSES[n][PERAN.index(peran)] == 200]
        hasil[peran] = [u for u in urls if not hanya_html or _halaman_utuh(klien.get(u))]
    return hasil


def _halaman_utuh(jawaban) -> bool:
    isi = b"".join(jawaban.streaming_content) if jawaban.streaming else jawaban.content
    return jawaban.get("Content-Type", "").startswith("text/html") and b"<html" in isi[:300].lower()


def _ringkas(pelanggaran: list[dict]) -> str:
    return ", ".join(f"{v['id']}({v['impact']})" for v in pelanggaran) or "-"


def test_axe_nol_pelanggaran_serius_di_setiap_halaman(dunia, halaman_baru, capsys):
    pelanggaran_serius, laporan_baris, diperiksa = [], [], 0
    for peran, urls in halaman_per_peran(dunia).items():
        for nama_ukuran, ukuran in UKURAN.items():
            page = halaman_baru(dunia["peran"][peran], viewport=ukuran)
            page.context.add_init_script(path=str(AXE))
            for url in urls:
                page.goto(url)
                hasil = jalankan_axe(page)
                diperiksa += 1
                hitung = Counter(v["impact"] for v in hasil)
                laporan_baris.append(
                    f"{peran:13} {nama_ukuran:6} {url:55} serius={hitung['serious']} kritis={hitung['critical']} "
                    f"sedang={hitung['moderate']} ringan={hitung['minor']}  {_ringkas(hasil)}"
                )
                pelanggaran_serius += [
                    f"{peran} {nama_ukuran} {url}: {v['id']} ({v['impact']}) {v['contoh']}"
                    for v in hasil
                    if v["impact"] in GAGAL or v["id"] in ATURAN_WAJIB
                ]
    with capsys.disabled():
        print("\naxe-core per halaman:\n" + "\n".join(laporan_baris))
    assert diperiksa >= 40, f"hanya {diperiksa} halaman HTML yang diperiksa"
    assert not pelanggaran_serius, "Pelanggaran serius/kritis axe-core:\n" + "\n".join(pelanggaran_serius)


def _html_pdf(dunia, monkeypatch) -> dict[str, str]:
    """The HTML each PDF of the site is made from (the same templates and context render_pdf gets)."""
    tertangkap: dict[str, str] = {}
    asli = __import__("pst_layanan.pdf", fromlist=["render_to_string"]).render_to_string

    def rekam(template, konteks):
        tertangkap[template] = html = asli(template, konteks)
        return html

    monkeypatch.setattr("pst_layanan.pdf.render_to_string", rekam)
    klien = Client()
    for peran in ("petugas", "pengunjung_a"):
        klien.force_login(dunia["peran"][peran], backend="django.contrib.auth.backends.ModelBackend")
        for url in halaman_per_peran(dunia, hanya_html=False)[peran]:
            if url.endswith(".pdf") or "/pdf" in url:
                klien.get(url)
    klien.force_login(dunia["peran"]["petugas"], backend="django.contrib.auth.backends.ModelBackend")
    klien.get(reverse("transaksi:rincian_tarif"), {"produk": "mikrodata-olah", "jumlah": "2500000", "ukuran": "byte"})
    laporan.sebagai_pdf(laporan.susun(Bulan.ini()))
    return tertangkap


def test_axe_pada_html_sumber_pdf(dunia, halaman_baru, monkeypatch, capsys):
    sumber = _html_pdf(dunia, monkeypatch)
    semua = {"antrian/tiket_pdf.html", "pdf/tagihan.html", "pdf/kuitansi.html", "pdf/berita_acara.html"}
    assert semua | {"pdf/rincian_tarif.html", "penilaian/pdf/laporan.html"} <= set(sumber), sorted(sumber)
    page = halaman_baru()  # about:blank: no CSP, as WeasyPrint reads the HTML
    serius, baris = [], []
    for template, html in sorted(sumber.items()):
        page.set_content(html)
        page.add_script_tag(path=str(AXE))
        hasil = jalankan_axe(page)
        hitung = Counter(v["impact"] for v in hasil)
        baris.append(f"{template:32} serius={hitung['serious']} kritis={hitung['critical']}  {_ringkas(hasil)}")
        serius += [f"{template}: {json.dumps(v)}" for v in hasil if v["impact"] in GAGAL]
    with capsys.disabled():
        print("\naxe-core per PDF (HTML sumber):\n" + "\n".join(baris))
    assert not serius, "\n".join(serius)
