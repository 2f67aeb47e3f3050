"""The one way to write a CSV or XLSX export.

A spreadsheet evaluates a cell that starts with `=`, `+`, `-` or `@` (or
their full-width forms) as a formula (and a leading tab or carriage return can hide such a start), so
visitor-typed text — a name like `=HYPERLINK("http://x","y")` — would run in
the officer's spreadsheet. Following the OWASP CSV-injection advice, every
such text cell is prefixed with `'`, which makes it plain text; numbers,
dates and empty values are left as they are. In XLSX the text is also
stored as a string cell, so it is never a formula whatever it starts with;
an empty value (None or "") is a blank cell.

    tulis_csv(response, header, baris)        # into an HttpResponse or a file
    StreamingHttpResponse(aliran_csv(header, baris))  # long exports, row by row
    tulis_lembar(ws, header, baris)           # openpyxl worksheet
    label = Label(); label(Kanal, k.kanal)    # a code's label, once per list and file
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils.functional import Promise
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

AWALAN_BAHAYA = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a UTF-8 CSV as such only with a byte-order mark.
BOM = "\ufeff"


def sel_aman(nilai):
    """Text a spreadsheet could evaluate → prefixed with `'`; other values unchanged."""
    if isinstance(nilai, Promise):  # lazy translation: still text
        nilai = str(nilai)
    if isinstance(nilai, str) and _awal_rumus(nilai):
        return "'" + nilai
    return nilai


def _awal_rumus(teks: str) -> bool:
    """The text starts like a formula. Its first character is compared in its
    compatibility form: a spreadsheet in an East Asian locale reads the
    full-width "＝" (and "＋", "－", "＠", their small forms) that a phone's
    keyboard types as "=", so "＝HYPERLINK(…)" would run like "=HYPERLINK(…)"."""
    return unicodedata.normalize("NFKC", teks[:1]).startswith(AWALAN_BAHAYA)


class _Gema:
    """csv.writer target that hands each written line back instead of storing it."""

    def write(self, baris: str) -> str:
        return baris


def aliran_csv(header: Iterable, baris: Iterable[Iterable]) -> Iterator[str]:
    """The CSV line by line (BOM first), for a StreamingHttpResponse."""
    penulis = csv.writer(_Gema())
    yield BOM + penulis.writerow([sel_aman(v) for v in header])
    for b in baris:
        yield penulis.writerow([sel_aman(v) for v in b])


def tulis_csv(berkas, header: Iterable, baris: Iterable[Iterable]) -> None:
    """Write a header row and the rows (BOM first) into a text file-like object."""
    for potong in aliran_csv(header, baris):
        berkas.write(potong)


def _tanpa_kendali(nilai):
    """Text without the control characters XML cannot hold (tab and line breaks stay):
    openpyxl refuses the whole workbook for one of them in any cell, e.g. a form
    feed pasted into a rating comment. Dropped before `sel_aman` looks at the start."""
    if isinstance(nilai, Promise):
        nilai = str(nilai)
    return ILLEGAL_CHARACTERS_RE.sub("", nilai) if isinstance(nilai, str) else nilai


# Rupiah with thousands separators, in the reader's own (Excel writes them by
# its locale): in the General format an amount of twelve digits or more shows
# as 1E+12, which no treasurer can check.
FORMAT_RUPIAH = "#,##0"


class Rupiah(int):
    """An amount in rupiah in a column that also holds counts and shares (a
    report's summary): the sheet writes it as rupiah, a CSV as the plain number."""


def tulis_lembar(ws, header: Iterable, baris: Iterable[Iterable], kolom_rupiah: Iterable[int] = ()) -> None:
    """Append a header row and the rows to an openpyxl worksheet; text stays
    text, and the numbers of the columns `kolom_rupiah` (0-based), and every
    `Rupiah`, read as rupiah."""
    ws.append([_sel_lembar(ws, v) for v in header])
    kolom_rupiah = tuple(kolom_rupiah)
    for b in baris:
        sel = [_sel_lembar(ws, v) for v in b]
        for k, c in enumerate(sel):
            if isinstance(c.value, Rupiah) or (k in kolom_rupiah and isinstance(c.value, int | Decimal)):
                c.number_format = FORMAT_RUPIAH
        ws.append(sel)


def _sel_lembar(ws, nilai) -> Cell:
    """One cell, typed before it joins its row: openpyxl guesses a formula from
    "=" and an error from "#N/A", and user text is neither. Typed here, not
    found afterwards through `ws.max_row`, which scans every cell of the sheet:
    once per cell, a month of 50,000 rows would take hours. An empty text is
    no value: a blank cell, not a text cell, so a column of numbers with a
    gap (a birth year not given) still sums and filters as numbers."""
    nilai = sel_aman(_tanpa_kendali(nilai))
    sel = Cell(ws, value=None if nilai == "" else nilai)
    if isinstance(sel.value, str):
        sel.data_type = "s"
    return sel


class Label:
    """Code → label of a file's coded columns, each choices list (a choices
    class, or a model field's) translated once per file. A model's
    `get_FOO_display` hashes every lazy label of its list on each call (a
    gettext each), which over a month of 50,000 visits is most of the file's
    time."""

    def __init__(self):
        self._tabel: dict[type, dict[str, str]] = {}

    def __call__(self, pilihan, kode: str) -> str:
        tabel = self._tabel.get(pilihan)
        if tabel is None:
            tabel = self._tabel[pilihan] = {nilai: str(label) for nilai, label in pilihan.choices}
        return tabel.get(kode, kode)
