import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pst_layanan.settings")

# Exit status with which gunicorn's master stops ("Worker failed to boot")
# instead of forking the next worker into the same mistake.
GAGAL_MULAI = 3

try:
    application = get_wsgi_application()
except ImproperlyConfigured as exc:
    from pst_layanan.env import pesan_pengaturan

    # A missing or malformed variable: the one line manage.py and the Celery
    # worker and beat print, not the variable's name at the end of a worker's
    # traceback that systemd repeats at every restart of pst-web and pst-loket.
    print(pesan_pengaturan(exc), file=sys.stderr, flush=True)
    sys.exit(GAGAL_MULAI)
