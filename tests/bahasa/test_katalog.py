"""The English catalogue is complete and safe to render: every msgid has its
translation (no fuzzy, no empty), and each keeps the msgid's placeholders, so a
page never raises or shows "%(nomor)s" in English."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.bahasa.pseudo import baca_po

_PENANDA = re.compile(r"%\([a-z_0-9]+\)[sd]|%[sd]|\{[a-z_0-9]*\}")


def _entri(domain):
    return [e for e in baca_po(Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES" / f"{domain}.po") if e["msgid"]]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_setiap_msgid_diterjemahkan_dengan_penanda_yang_sama(domain):
    entri = _entri(domain)
    assert entri
    kosong = [e["msgid"] for e in entri if not all(e["msgstr"]) or "fuzzy" in e["flags"]]
    assert not kosong, f"{len(kosong)} msgid belum diterjemahkan: {kosong[:10]}"
    beda = [
        (e["msgid"], s)
        for e in entri
        if "no-python-format" not in e["flags"]
        for s in e["msgstr"]
        if sorted(set(_PENANDA.findall(s))) != sorted(set(_PENANDA.findall(e["msgid"])))
    ]
    assert not beda, beda[:10]


def test_katalog_cukup_besar_untuk_seluruh_situs():
    # Pages, e-mails, PDFs, service messages: well over a thousand strings.
    assert len(_entri("django")) > 1500


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_setiap_entri_terbaca_juga_tanpa_baris_kosong(domain, tmp_path):
    """Every msgid of the catalogue is checked above: an entry written right
    under the previous one's msgstr, with no blank line between (which gettext
    reads as two entries), is read as its own entry."""
    path = Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES" / f"{domain}.po"
    assert len(baca_po(path)) == sum(baris.startswith("msgid ") for baris in path.read_text().splitlines())
    rapat = tmp_path / "rapat.po"
    rapat.write_text('msgid "Satu"\nmsgstr "One"\n#, python-format\nmsgid "Dua %(n)s"\nmsgstr "Two %(n)s"\n')
    assert [(e["msgid"], e["msgstr"], e["flags"]) for e in baca_po(rapat)] == [
        ("Satu", ["One"], ""),
        ("Dua %(n)s", ["Two %(n)s"], " python-format"),
    ]


# An amount or a number written the Indonesian way: "Rp50.000", "1.250.000", "2,5".
_ANGKA_INDONESIA = re.compile(r"\bRp ?[0-9]|\b[0-9]{1,3}(?:\.[0-9]{3})+\b|\b[0-9]+,[0-9]{1,2}\b(?!,)")


def test_angka_dalam_terjemahan_inggris_ditulis_cara_inggris():
    """The English catalogue writes its own amounts and examples as an English
    reader does and as the pages format them ("IDR 1,250,000", "2.5"), not
    the Indonesian way a translation may have copied from its msgid."""
    salah = [s for e in _entri("django") + _entri("djangojs") for s in e["msgstr"] if _ANGKA_INDONESIA.search(s)]
    assert not salah, salah
