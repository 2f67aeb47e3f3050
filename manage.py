#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pst_layanan.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import OperationalError, ProgrammingError

    # The operator's foreseeable mistakes get the one sentence that names the cause, not the
    # stack above it (--traceback still shows it).
    try:
        execute_from_command_line(sys.argv)
    except (ImproperlyConfigured, OperationalError, ProgrammingError) as exc:
        if "--traceback" in sys.argv:
            raise
        if isinstance(exc, ImproperlyConfigured):
            from pst_layanan.env import pesan_pengaturan

            # A missing or malformed environment variable (pst_layanan/env.py names it).
            sys.exit(pesan_pengaturan(exc))
        from pst_layanan.galat import baris_pertama

        # The database server down or refusing the login, or a database not migrated yet.
        sys.exit(
            f"Database tidak dapat dipakai: {baris_pertama(exc)}\n"
            "Periksa DATABASE_URL dan server databasenya; database yang baru dibuat: jalankan "
            "manage.py migrate dulu. Rinciannya: ulangi dengan --traceback."
        )
