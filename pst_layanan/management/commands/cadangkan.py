"""Back up the whole database and the private files into one dated archive.

    manage.py cadangkan                 # → var/cadangan/pst-YYYYMMDD-HHMMSS.tar.gz
    manage.py cadangkan --ke /mnt/nas   # another folder

The archive holds `data.xml` (dumpdata with natural keys, without the
tables Django rebuilds itself: content types, permissions, sessions; XML
because Django's JSON keeps only milliseconds of a timestamp) and
`berkas/` (PRIVATE_ROOT: requirements, payment proofs, products). It holds
personal data and password hashes: it is written readable by its owner only.
Restore with `manage.py pulihkan <archive>`.
"""

from __future__ import annotations

import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

DIKECUALIKAN = ["contenttypes", "auth.permission", "sessions"]
FORMAT = 1
DATA = "data.xml"


class Command(BaseCommand):
    help = "Cadangkan database dan berkas privat ke satu arsip bertanggal (var/cadangan/pst-YYYYMMDD-HHMMSS.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("--ke", default=str(settings.VAR_DIR / "cadangan"), help="folder tujuan arsip")

    def handle(self, *args, ke, **options):
        folder = Path(ke)
        folder.mkdir(parents=True, exist_ok=True)
        waktu = timezone.localtime()
        arsip = folder / f"pst-{waktu:%Y%m%d-%H%M%S}.tar.gz"
        berkas = Path(settings.PRIVATE_ROOT)

        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / DATA
            call_command(
                "dumpdata",
                format="xml",
                natural_foreign=True,
                natural_primary=True,
                exclude=DIKECUALIKAN,
                output=str(data),
                verbosity=0,
            )
            info = Path(tmp) / "info.json"
            info.write_text(json.dumps({"format": FORMAT, "dibuat": waktu.isoformat(), "database": _mesin()}))
            # Written under a temporary name and renamed: a half-written archive never looks complete.
            sementara = arsip.with_suffix(".sebagian")
            fd = os.open(sementara, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as keluaran, tarfile.open(fileobj=keluaran, mode="w:gz") as tar:
                tar.add(info, arcname="info.json")
                tar.add(data, arcname=DATA)
                if berkas.is_dir():
                    tar.add(berkas, arcname="berkas")
            os.replace(sementara, arsip)

        ukuran = arsip.stat().st_size / 1024 / 1024
        self.stdout.write(self.style.SUCCESS(f"Cadangan tersimpan: {arsip} ({ukuran:.1f} MB)"))


def _mesin() -> str:
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
