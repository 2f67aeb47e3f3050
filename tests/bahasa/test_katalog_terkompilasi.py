"""`manage.py check --deploy` stops a deploy whose English catalogues were not
compiled: the .mo files are built, not committed, so a server installed by
`git clone` + `pip install` would otherwise show every English reader the
Indonesian site without a word of warning."""

import gettext
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core import checks

ASLI = Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES"


@pytest.fixture
def lokal(settings, tmp_path):
    """A copy of the English .po files under a locale path of their own."""
    folder = tmp_path / "en/LC_MESSAGES"
    folder.mkdir(parents=True)
    for po in ASLI.glob("*.po"):
        shutil.copy(po, folder / po.name)
    settings.LOCALE_PATHS = [tmp_path]
    return folder


def galat_deploy():
    return [p for p in checks.run_checks(include_deployment_checks=True) if p.id == "pst_layanan.E001"]


def test_katalog_belum_dikompilasi_menghentikan_check_deploy(lokal):
    galat = galat_deploy()
    assert len(galat) == 2, galat
    assert all(g.level == checks.ERROR for g in galat)
    pesan = " ".join(g.msg + " " + g.hint for g in galat)
    assert "django.mo" in pesan and "djangojs.mo" in pesan
    assert "compilemessages" in pesan


def test_katalog_lebih_lama_dari_po_setelah_pembaruan_menghentikan_check_deploy(lokal):
    for po in lokal.glob("*.po"):
        mo = po.with_suffix(".mo")
        shutil.copy(ASLI / mo.name, mo)
        os.utime(mo, (po.stat().st_mtime - 60,) * 2)  # a `git pull` brought a newer .po
    assert len(galat_deploy()) == 2


def test_katalog_terkompilasi_lolos(lokal):
    for po in lokal.glob("*.po"):
        shutil.copy(ASLI / po.with_suffix(".mo").name, po.with_suffix(".mo"))
    assert galat_deploy() == []


def test_pemeriksaan_hanya_untuk_deploy(lokal):
    """A developer's `check` (and runserver) is not stopped by it."""
    assert not [p for p in checks.run_checks() if p.id == "pst_layanan.E001"]


def test_tanpa_msgfmt_katalog_tetap_dikompilasi(lokal, monkeypatch):
    """A laptop with only Python has no GNU gettext: `make run` does not stop
    at "Can't find msgfmt"; the catalogues are compiled with Babel there,
    English readers get their words, and check --deploy passes."""
    from django.core.management import call_command

    from pst_layanan.management.commands import compilemessages

    monkeypatch.setattr(compilemessages, "find_command", lambda _program: None)
    call_command("compilemessages", verbosity=0)
    with (lokal / "django.mo").open("rb") as mo:
        terjemahan = gettext.GNUTranslations(mo)
    assert terjemahan.gettext("Janji temu ini sudah Anda batalkan.") == "You have already cancelled this appointment."
    assert terjemahan.ngettext("%(n)s hari kerja", "%(n)s hari kerja", 2) == "%(n)s working days"
    assert galat_deploy() == []
