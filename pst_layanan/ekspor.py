"""Spreadsheet safety for every export: a cell a user typed must never run
as a formula when the file is opened in Excel or LibreOffice (CSV/formula
injection). Exports write through these three functions only."""

from __future__ import annotations

import csv

# A cell starting with one of these is read as a formula (or a DDE call).
AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def sel_aman(nilai):
    """A string that a spreadsheet would read as a formula gets a leading "'";
    every other value is returned unchanged."""
    if isinstance(nilai, str) and nilai.startswith(AWALAN_RUMUS):
        return "'" + nilai
    return nilai


def tulis_csv(berkas, header, baris) -> None:
    """Header and rows to a text file-like object, every cell made safe."""
    penulis = csv.writer(berkas)
    penulis.writerow([sel_aman(x) for x in header])
    for b in baris:
        penulis.writerow([sel_aman(x) for x in b])


def tulis_lembar(ws, header, baris) -> None:
    """Header and rows to an openpyxl worksheet; user text is stored as a
    string cell (never a formula)."""
    kosong = ws.max_row == 1 and ws.cell(row=1, column=1).value is None
    for nomor, b in enumerate([header, *baris], start=1 if kosong else ws.max_row + 1):
        for kolom, nilai in enumerate(b, start=1):
            sel = ws.cell(row=nomor, column=kolom)
            if isinstance(nilai, str):
                sel.value = sel_aman(nilai)
                sel.data_type = "s"
            else:
                sel.value = nilai
