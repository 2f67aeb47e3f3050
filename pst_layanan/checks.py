"""Checks `manage.py check --deploy` runs on a production server, for the
steps a deploy or an upgrade must not skip. The built files (compiled
catalogues, collected static files) are not committed; a server without
them, or with last release's, still starts and answers /readyz, so only
these checks say so before the site is reloaded."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core import checks
from django.utils.module_loading import import_string

# Enough names for the operator to see which files; the rest are counted.
CONTOH_MAKS = 5


def sumber_lebih_baru(sumber: Path, hasil: Path) -> bool:
    return not hasil.exists() or sumber.stat().st_mtime > hasil.stat().st_mtime


@checks.register(checks.Tags.translation, deploy=True)
def katalog_terkompilasi(**kwargs) -> list[checks.Error]:
    """Every catalogue (.po) has its compiled .mo, built after it: without it
    English readers get the Indonesian site (or last release's words)."""
    galat = []
    for akar in settings.LOCALE_PATHS:
        for po in sorted(Path(akar).glob("*/LC_MESSAGES/*.po")):
            mo = po.with_suffix(".mo")
            if not sumber_lebih_baru(po, mo):
                continue
            keadaan = "lebih lama dari" if mo.exists() else "belum dibuat dari"
            galat.append(
                checks.Error(
                    f"{mo} {keadaan} {po.name}: pembaca bahasa {po.parent.parent.name} tidak mendapat terjemahannya.",
                    hint='Jalankan: manage.py compilemessages --ignore ".venv/*"',
                    id="pst_layanan.E001",
                )
            )
    return galat


def _berkas_statis() -> dict[str, Path]:
    """Every static file the finders know (app folders and STATICFILES_DIRS), by its name."""
    berkas = {}
    for finder in get_finders():
        for nama, storage in finder.list(["CVS", ".*", "*~"]):
            berkas.setdefault(nama.replace("\\", "/"), Path(storage.path(nama)))
    return berkas


@checks.register(checks.Tags.staticfiles, deploy=True)
def statis_terkumpul(**kwargs) -> list[checks.Error]:
    """With the manifest storage (DEBUG=0), every static file is in the
    manifest, collected after its last change: a page naming a file the
    manifest lacks fails with a 500, and a changed file is served as it was."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    manifest = Path(settings.STATIC_ROOT) / staticfiles_storage.manifest_name
    if not manifest.exists():
        kurang = ["(belum ada manifest)"]
    else:
        terdaftar = json.loads(manifest.read_text()).get("paths", {})
        kurang = [
            nama
            for nama, sumber in sorted(_berkas_statis().items())
            if nama not in terdaftar or sumber_lebih_baru(sumber, manifest)
        ]
    if not kurang:
        return []
    contoh = ", ".join(kurang[:CONTOH_MAKS]) + (
        f" dan {len(kurang) - CONTOH_MAKS} lagi" if len(kurang) > CONTOH_MAKS else ""
    )
    return [
        checks.Error(
            f"Berkas statis di {settings.STATIC_ROOT} belum dikumpulkan atau lebih lama dari sumbernya: {contoh}. "
            "Dengan DEBUG=0 halaman yang memakainya gagal (500).",
            hint="Jalankan: manage.py collectstatic --noinput",
            id="pst_layanan.E002",
        )
    ]


# Settings that name a class by its dotted path, read from the environment file.
KELAS_DARI_ENV = ("EMAIL_BACKEND", "PST_BILLING_ADAPTER")


@checks.register()
def kelas_dapat_dimuat(**kwargs) -> list[checks.Error]:
    """A class the environment file names by its path can be imported. A typo
    is found by `check` and `migrate` at the deploy, not by the outbox failing
    every e-mail in the worker or by the first invoice answering a 500."""
    galat = []
    for nama in KELAS_DARI_ENV:
        nilai = getattr(settings, nama)
        try:
            import_string(nilai)
        except ImportError as exc:
            galat.append(
                checks.Error(
                    f"{nama}={nilai!r} tidak dapat dimuat: {exc}.",
                    hint=f"Periksa ejaan {nama} di berkas lingkungan (mis. /etc/pst-layanan/env).",
                    id="pst_layanan.E003",
                )
            )
    return galat


@checks.register(deploy=True)
def admins_terisi(**kwargs) -> list[checks.Warning]:
    """Someone hears of failures: with ADMINS empty, error alerts and a failed
    nightly backup are mailed to nobody, and the site runs on as if all were well."""
    if settings.ADMINS:
        return []
    return [
        checks.Warning(
            "ADMINS kosong: peringatan galat dan cadangan yang gagal tidak dikirim kepada siapa pun.",
            hint="Isi ADMINS di berkas lingkungan (mis. /etc/pst-layanan/env) dengan e-mail operator, dipisah koma.",
            id="pst_layanan.W001",
        )
    ]
