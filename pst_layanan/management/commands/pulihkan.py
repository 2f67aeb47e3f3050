"""Restore an archive made by `manage.py cadangkan`.

    manage.py pulihkan var/cadangan/pst-20260316-090000.tar.gz

Empties the database (flush) and loads the archive's data in one
transaction — a failed load leaves the database as it was — then puts the
archive's private files in PRIVATE_ROOT; the files there before are kept
beside it as `<PRIVATE_ROOT>.sebelum-<time>`. Run `migrate` first so the
tables exist; the archive may come from SQLite or PostgreSQL.
"""

from __future__ import annotations

import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from pst_layanan.management.commands.cadangkan import DATA, FORMAT


class Command(BaseCommand):
    help = "Pulihkan database dan berkas privat dari arsip `cadangkan` (SEMUA data sekarang diganti)."

    def add_arguments(self, parser):
        parser.add_argument("arsip", help="berkas pst-YYYYMMDD-HHMMSS.tar.gz")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, arsip, interactive, **options):
        arsip = Path(arsip)
        if not arsip.is_file():
            raise CommandError(f"Arsip {arsip} tidak ditemukan.")
        if interactive:
            jawab = input(
                f"SEMUA data di database dan {settings.PRIVATE_ROOT} akan diganti isi {arsip.name}. Ketik 'ya': "
            )
            if jawab.strip().lower() != "ya":
                raise CommandError("Dibatalkan.")

        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            _buka(arsip, tmp)
            with transaction.atomic():
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(tmp / DATA), verbosity=0)
            lama = _pasang_berkas(tmp / "berkas")

        self.stdout.write(self.style.SUCCESS(f"Dipulihkan dari {arsip.name}."))
        if lama:
            self.stdout.write(f"Berkas privat sebelumnya disimpan di {lama}.")


def _buka(arsip: Path, tujuan: Path) -> None:
    """Extract safely: the "data" filter refuses absolute paths, "..", links out and devices."""
    try:
        with tarfile.open(arsip, "r:gz") as tar:
            tar.extractall(tujuan, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise CommandError(f"{arsip.name} bukan arsip cadangan yang sah: {exc}") from None
    try:
        info = json.loads((tujuan / "info.json").read_text())
    except (OSError, ValueError):
        raise CommandError(f"{arsip.name} bukan arsip dari `manage.py cadangkan` (info.json tidak ada).") from None
    if info.get("format") != FORMAT or not (tujuan / DATA).is_file():
        raise CommandError(f"Format arsip {info.get('format')!r} tidak dikenal atau {DATA} tidak ada.")


def _pasang_berkas(sumber: Path) -> Path | None:
    """Put the archive's files in PRIVATE_ROOT; return where the old ones went."""
    root = Path(settings.PRIVATE_ROOT)
    lama = None
    if root.exists() and any(root.iterdir()):
        lama = root.with_name(f"{root.name}.sebelum-{timezone.localtime():%Y%m%d-%H%M%S}")
        root.rename(lama)
    elif root.exists():
        root.rmdir()
    if sumber.is_dir():
        shutil.copytree(sumber, root)
    else:
        root.mkdir(parents=True)
    return lama
