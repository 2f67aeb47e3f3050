"""A chart of `penilaian.grafik` drawn as an SVG image, for the PDFs: the same
structure the dashboard's Chart.js canvas reads, so the report's pictures and
the dashboard show the same numbers. Stacked bars, an axis from zero with
round ticks (whole numbers for counts), a legend when there are several
series. Plain SVG written here, so the PDF needs no plotting library."""

from __future__ import annotations

import base64
import math
from xml.sax.saxutils import escape

WARNA = ["#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#dc3545", "#20c997"]
LEBAR, TINGGI = 680, 240
KIRI, KANAN, ATAS, BAWAH = 46, 10, 12, 46


def langkah_sumbu(maks: float, bulat: bool, garis: int = 5) -> float:
    """A round step (1, 2, 5 × 10ⁿ) giving about `garis` ticks up to `maks`;
    at least 1 for counts, so a count axis never shows fractions."""
    if maks <= 0:
        return 1.0
    kasar = maks / garis
    pangkat = 10 ** math.floor(math.log10(kasar))
    langkah = next(k * pangkat for k in (1, 2, 5, 10) if k * pangkat >= kasar)
    return max(langkah, 1.0) if bulat else langkah


def _angka(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _sumbu(g: dict, jumlah: list[float]) -> tuple[float, float, float]:
    """(bottom, top, step) of the value axis, as the dashboard's chart script
    (static/js/penilaian/grafik.js) sets it: a unit naming "25–100" is the
    IKM's own scale, 25 to 100; a percentage goes up to 100; anything else
    from zero to a round step above the highest stack."""
    if "25–100" in g.get("satuan", ""):
        return 25.0, 100.0, 25.0
    maks = 100 if g.get("satuan", "").startswith("%") else max(jumlah, default=0)
    langkah = langkah_sumbu(maks, g.get("bulat", False))
    return 0.0, max(langkah * math.ceil(maks / langkah), langkah), langkah


def svg(g: dict) -> str:
    """The chart `g` ({judul, label, seri: [{nama, data}], satuan, bulat}) as an SVG document."""
    label, seri = g["label"], g["seri"]
    jumlah = [sum((s["data"][i] or 0) for s in seri) for i in range(len(label))]
    bawah, puncak, langkah = _sumbu(g, jumlah)
    lebar_plot, tinggi_plot = LEBAR - KIRI - KANAN, TINGGI - ATAS - BAWAH
    y = lambda v: ATAS + tinggi_plot * (1 - (max(v, bawah) - bawah) / (puncak - bawah))  # noqa: E731
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{LEBAR}" height="{TINGGI}" viewBox="0 0 {LEBAR} {TINGGI}" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="9">'
    ]
    for i in range(int(round((puncak - bawah) / langkah)) + 1):
        v = bawah + i * langkah
        bagian.append(f'<line x1="{KIRI}" x2="{LEBAR - KANAN}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
        bagian.append(f'<text x="{KIRI - 4}" y="{y(v) + 3:.1f}" text-anchor="end">{_angka(v)}</text>')
    if g.get("satuan"):
        bagian.append(
            f'<text x="10" y="{ATAS + tinggi_plot / 2}" transform="rotate(-90 10 {ATAS + tinggi_plot / 2})" '
            f'text-anchor="middle">{escape(g["satuan"])}</text>'
        )
    kolom = lebar_plot / max(len(label), 1)
    for i, nama in enumerate(label):
        x, dasar = KIRI + i * kolom + kolom * 0.15, 0.0
        for j, s in enumerate(seri):
            v = s["data"][i] or 0
            if v:
                bagian.append(
                    f'<rect x="{x:.1f}" y="{y(dasar + v):.1f}" width="{kolom * 0.7:.1f}" '
                    f'height="{y(dasar) - y(dasar + v):.1f}" fill="{WARNA[j % len(WARNA)]}"/>'
                )
            dasar += v
        # A long category name ("U2 Persyaratan …") is shown by its code; the table names it in full.
        pendek = nama.split()[0] if len(nama) > 6 else nama
        bagian.append(
            f'<text x="{KIRI + (i + 0.5) * kolom:.1f}" y="{ATAS + tinggi_plot + 12}" text-anchor="middle">'
            f"{escape(pendek)}</text>"
        )
    if len(seri) > 1:
        for j, s in enumerate(seri):
            x = KIRI + j * 150
            bagian.append(f'<rect x="{x}" y="{TINGGI - 14}" width="10" height="10" fill="{WARNA[j % len(WARNA)]}"/>')
            bagian.append(f'<text x="{x + 14}" y="{TINGGI - 5}">{escape(s["nama"])}</text>')
    bagian.append("</svg>")
    return "".join(bagian)


def data_uri(g: dict) -> str:
    """The chart as a data: URI for an <img> in a PDF template."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(g).encode()).decode()
