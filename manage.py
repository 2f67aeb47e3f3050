#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pst_layanan.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A missing or malformed environment variable (pst_layanan/env.py names it):
        # the operator needs the one sentence, not the import stack above it.
        if "--traceback" in sys.argv:
            raise
        sys.exit(f"Pengaturan tidak sah: {exc}")
