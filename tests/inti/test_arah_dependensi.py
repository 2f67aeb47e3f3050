"""The apps depend one way, in the order of the SOP: `pst_layanan` ←
`antrian` ← `transaksi` ← `penilaian`. An app never imports a later one, at
module level or inside a function, so each can be read (and changed) knowing
only the ones before it."""

import ast
from pathlib import Path

import pytest

URUTAN = ["pst_layanan", "antrian", "transaksi", "penilaian"]
AKAR = Path(__file__).resolve().parents[2]


def _impor(berkas: Path) -> set[str]:
    """The top-level packages `berkas` imports (absolute imports only; the project uses no relative ones)."""
    paket = set()
    for simpul in ast.walk(ast.parse(berkas.read_text(), str(berkas))):
        if isinstance(simpul, ast.Import):
            paket.update(nama.name.split(".")[0] for nama in simpul.names)
        elif isinstance(simpul, ast.ImportFrom) and simpul.level == 0 and simpul.module:
            paket.add(simpul.module.split(".")[0])
    return paket


@pytest.mark.parametrize("app", URUTAN)
def test_app_tidak_mengimpor_app_sesudahnya(app):
    sesudahnya = set(URUTAN[URUTAN.index(app) + 1 :])
    pelanggaran = {
        str(berkas.relative_to(AKAR)): sorted(_impor(berkas) & sesudahnya)
        for berkas in sorted((AKAR / app).rglob("*.py"))
        if _impor(berkas) & sesudahnya
    }
    assert pelanggaran == {}


def test_pemeriksa_menangkap_impor_di_dalam_fungsi(tmp_path):
    contoh = tmp_path / "contoh.py"
    contoh.write_text("def f():\n    from penilaian.services import beri_penilaian\n")
    assert _impor(contoh) == {"penilaian"}
