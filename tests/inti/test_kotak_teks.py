"""A multi-line box with a limit counts a line break as one character, as
the browser's maxlength does: a text typed on several lines up to the limit
(sent with each line break as CR LF) is accepted whole, with LF line breaks."""

import importlib
import pkgutil

import pytest
from django import forms

from pst_layanan.forms import KotakTeks

MODUL_FORMULIR = ["pst_layanan.forms", "antrian.forms", "penilaian.forms", "transaksi.forms"]


def _kelas_formulir():
    for nama in MODUL_FORMULIR:
        modul = importlib.import_module(nama)
        for info in pkgutil.iter_modules(getattr(modul, "__path__", [])):
            importlib.import_module(f"{nama}.{info.name}")
    daftar, antre = [], [forms.BaseForm]
    while antre:
        for sub in antre.pop().__subclasses__():
            antre.append(sub)
            if sub.__module__.split(".")[0] in {"pst_layanan", "antrian", "penilaian", "transaksi"}:
                daftar.append(sub)
    return daftar


def _batas(field) -> int | None:
    return field.max_length or (int(field.widget.attrs["maxlength"]) if "maxlength" in field.widget.attrs else None)


def _kotak_berbatas():
    hasil = []
    for kelas in _kelas_formulir():
        for nama, field in getattr(kelas, "base_fields", {}).items():
            if isinstance(field.widget, forms.Textarea) and _batas(field):
                hasil.append(pytest.param(field, id=f"{kelas.__name__}.{nama}"))
    return hasil


KOTAK = _kotak_berbatas()


def test_kotak_berbatas_ditemukan():
    nama = {p.id for p in KOTAK}
    assert {
        "BatalForm.alasan",
        "KoreksiTagihanForm.catatan",
        "PenilaianForm.umpan_balik",
        "SelesaiForm.catatan",
    } <= nama


@pytest.mark.parametrize("field", KOTAK)
def test_baris_baru_dihitung_satu_karakter(field):
    batas = _batas(field)
    diketik = "baris\n" * 20
    diketik += "x" * (batas - len(diketik))
    assert field.clean(diketik.replace("\n", "\r\n")) == diketik


@pytest.mark.parametrize("field", KOTAK)
def test_kotak_berbatas_memakai_aturan_yang_sama(field):
    """One rule for every such box, so a new one cannot forget it."""
    assert isinstance(field, KotakTeks)


def test_kotak_dinamis_lembar_perbaikan():
    """The completeness check adds a box per document when it is built."""
    from transaksi.forms.transaksi import PerbaikanForm

    class Dok:
        pk = 7
        jenis = type("J", (), {"nama": "KTP"})

    field = PerbaikanForm(dokumen=[Dok()]).fields["dok_7"]
    assert isinstance(field, KotakTeks)
