"""The apps depend one way, in the order of the SOP: `pst_layanan` ←
`antrian` ← `transaksi` ← `penilaian`. An app never imports a later one, at
module level or inside a function, so each can be read (and changed) knowing
only the ones before it."""

import ast
import re
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


def _modul() -> dict[str, Path]:
    hasil = {}
    for app in URUTAN:
        for berkas in (AKAR / app).rglob("*.py"):
            if "migrations" in berkas.parts:
                continue
            nama = ".".join(berkas.relative_to(AKAR).with_suffix("").parts).removesuffix(".__init__")
            hasil[nama] = berkas
    return hasil


def _graf_impor(modul: dict[str, Path]) -> dict[str, set[str]]:
    """Module → the project modules it imports (at module level or inside a function)."""

    def milik_proyek(nama: str) -> str:
        while nama and nama not in modul:
            nama = nama.rpartition(".")[0]
        return nama

    graf = {}
    for nama, berkas in modul.items():
        tujuan = set()
        for simpul in ast.walk(ast.parse(berkas.read_text(), str(berkas))):
            if isinstance(simpul, ast.ImportFrom) and simpul.level == 0 and simpul.module:
                tujuan |= {
                    milik_proyek(f"{simpul.module}.{a.name}") or milik_proyek(simpul.module) for a in simpul.names
                }
            elif isinstance(simpul, ast.Import):
                tujuan |= {milik_proyek(a.name) for a in simpul.names}
        graf[nama] = tujuan - {"", nama}
    return graf


def _siklus(graf: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    indeks, rendah, tumpukan, di_tumpukan, hasil = {}, {}, [], set(), []

    def kunjungi(v):
        indeks[v] = rendah[v] = len(indeks)
        tumpukan.append(v)
        di_tumpukan.add(v)
        for w in graf[v]:
            if w not in indeks:
                kunjungi(w)
                rendah[v] = min(rendah[v], rendah[w])
            elif w in di_tumpukan:
                rendah[v] = min(rendah[v], indeks[w])
        if rendah[v] == indeks[v]:
            kelompok = set()
            while True:
                w = tumpukan.pop()
                di_tumpukan.discard(w)
                kelompok.add(w)
                if w == v:
                    break
            if len(kelompok) > 1:
                hasil.append(kelompok)

    for v in graf:
        if v not in indeks:
            kunjungi(v)
    return hasil


def test_tidak_ada_siklus_impor_selain_pasangan_task_dan_layanannya():
    """A Celery task module and the services that queue its tasks may import
    each other (the services' imports are lazy); apart from those, the import
    graph has no cycle: taking the task modules out leaves none."""
    graf = _graf_impor(_modul())
    tanpa_task = {
        m: {t for t in tujuan if not t.endswith(".tasks")} for m, tujuan in graf.items() if not m.endswith(".tasks")
    }
    assert [sorted(k) for k in _siklus(tanpa_task)] == []


# Each app's templates. The root templates (base.html and its navigation
# partials) are the site's shell that puts every app together, like the root
# URLconf, and belong to no app.
TEMPLATE_APP = {
    "pst_layanan": ["akun", "registration", "email/peringatan"],
    **{app: [app, f"email/{app}"] for app in URUTAN[1:]},
}


def _pustaka_tag(app: str) -> list[str]:
    """The template tag libraries `app` defines (`{% load <name> %}`)."""
    return sorted(b.stem for b in (AKAR / app / "templatetags").glob("*.py") if b.stem != "__init__")


def _url_app_sesudahnya(app: str, akar: Path = AKAR) -> dict[str, list[str]]:
    """The templates of `app` that name a later app's URL in a `{% url %}` tag,
    include (or extend) a later app's template, or load a later app's tags."""
    later = URUTAN[URUTAN.index(app) + 1 :]
    sesudahnya = "|".join(later)
    pustaka = "|".join(p for a in later for p in _pustaka_tag(a))
    pola = re.compile(
        r"""{%\s*(?:url\s+["'](?:""" + sesudahnya + r"):|(?:include|extends)\s+[\"'](?:email/)?(?:" + sesudahnya + ")/"
        r"|load\s[^%]*\b(?:" + pustaka + r")\b)"
    )
    berkas_app = sorted(b for f in TEMPLATE_APP[app] for b in (akar / "templates" / f).rglob("*") if b.is_file())
    hasil = {}
    for berkas in berkas_app:
        temuan = [baris.strip() for baris in berkas.read_text().splitlines() if pola.search(baris)]
        if temuan:
            hasil[str(berkas.relative_to(akar))] = temuan
    return hasil


@pytest.mark.parametrize("app", URUTAN[:-1])
def test_template_app_tidak_menyebut_url_app_sesudahnya(app):
    assert _url_app_sesudahnya(app) == {}


def test_pemeriksa_template_menangkap_url_app_sesudahnya(tmp_path):
    for folder in ["antrian", "email/antrian"]:
        (tmp_path / "templates" / folder).mkdir(parents=True)
    (tmp_path / "templates" / "antrian" / "contoh.html").write_text("<a href=\"{% url 'transaksi:tarif' %}\">x</a>\n")
    (tmp_path / "templates" / "antrian" / "baik.html").write_text(
        '<a href="{% url \'antrian:meja\' %}">x</a>{% include "_halaman.html" %}\n'
    )
    (tmp_path / "templates" / "email" / "antrian" / "sisip.txt").write_text('{% include "transaksi/_status.html" %}\n')
    (tmp_path / "templates" / "antrian" / "tag.html").write_text("{% load i18n pst empat_mata %}\n")
    assert list(_url_app_sesudahnya("antrian", tmp_path)) == [
        "templates/antrian/contoh.html",
        "templates/antrian/tag.html",
        "templates/email/antrian/sisip.txt",
    ]
