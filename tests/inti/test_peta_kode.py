"""The two maps a newcomer reads first stay true to the tree: the README's
layout table names every module of the apps (Django's own conventional files
apart) and only paths that exist, and `docs/arsitektur.md`'s "where each SOP
rule lives" names only functions and classes its files define."""

import ast
import re
from functools import cache
from pathlib import Path

AKAR = Path(__file__).resolve().parents[2]
APP = ["pst_layanan", "antrian", "transaksi", "penilaian"]
# Files every Django app or project has, which a newcomer finds without a map.
LAZIM = {
    "__init__.py", "apps.py", "admin.py", "models.py", "views.py", "urls.py", "forms.py", "translation.py",
    "signals.py", "context_processors.py", "settings.py", "settings_test.py", "asgi.py", "wsgi.py",
    "migrations", "management", "templatetags", "formats", "__pycache__",
}  # fmt: skip
JALUR = re.compile(r"[\w./-]+(\.py|\.html|\.md|\.po|\.sh|/)")


def _baris_tabel(teks: str) -> list[list[str]]:
    """The cells of a Markdown table's body rows."""
    baris = [b for b in teks.splitlines() if b.startswith("|")]
    return [[k.strip() for k in b.strip().strip("|").split("|")] for b in baris[2:]]


def _kode(teks: str) -> list[str]:
    return re.findall(r"`([^`]+)`", teks)


def _tata_letak() -> dict[str, list[str]]:
    """Folder → the paths its README layout row names."""
    bagian = (AKAR / "README.md").read_text().split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    return {_kode(folder)[0]: [n for n in _kode(isi) if JALUR.fullmatch(n)] for folder, isi in _baris_tabel(bagian)}


def test_tata_letak_readme_hanya_menyebut_jalur_yang_ada():
    hilang = [
        f"{folder}{nama}"
        for folder, nama_nama in _tata_letak().items()
        for nama in nama_nama
        if not ((AKAR / folder / nama).exists() or (AKAR / nama).exists() or list((AKAR / folder).rglob(nama)))
    ]
    assert hilang == []


def test_tata_letak_readme_menyebut_setiap_modul_app():
    tata_letak = _tata_letak()
    tak_disebut = []
    for app in APP:
        disebut = {nama.split("/")[0] for nama in tata_letak[f"{app}/"]}
        for berkas in (AKAR / app).iterdir():
            if berkas.name not in LAZIM | disebut and (berkas.suffix == ".py" or berkas.is_dir()):
                tak_disebut.append(f"{app}/{berkas.name}")
    assert tak_disebut == []


@cache
def _nama_terdefinisi(berkas: str) -> set[str]:
    """Every function, class and assigned name anywhere in `berkas`."""
    nama = set()
    for simpul in ast.walk(ast.parse((AKAR / berkas).read_text())):
        if isinstance(simpul, ast.FunctionDef | ast.ClassDef):
            nama.add(simpul.name)
        elif isinstance(simpul, ast.Assign | ast.AnnAssign):
            target = simpul.targets if isinstance(simpul, ast.Assign) else [simpul.target]
            nama.update(t.id for t in target if isinstance(t, ast.Name))
    return nama


def test_peta_aturan_sop_menunjuk_nama_yang_ada():
    bagian = (AKAR / "docs/arsitektur.md").read_text().split("## Where each SOP rule lives", 1)[1]
    salah = []
    for aturan, berkas, nama_nama in _baris_tabel(bagian):
        semua = set().union(*(_nama_terdefinisi(b) for b in _kode(berkas)))
        for nama in _kode(nama_nama):
            bagian_nama = re.sub(r"\(.*\)$", "", nama).split(".")
            salah += [f"{aturan}: {nama}" for b in bagian_nama if b != "objects" and b not in semua]
    assert salah == []
