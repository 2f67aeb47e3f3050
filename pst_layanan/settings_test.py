"""Test settings: the normal settings, with work that only slows tests removed.

The database still comes from DATABASE_URL, so the same suite runs on SQLite
and on PostgreSQL.
"""

from pst_layanan.settings import *  # noqa: F403
from pst_layanan.settings import VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PRIVATE_ROOT = VAR_DIR / "test-berkas"
STORAGES["default"]["OPTIONS"]["location"] = PRIVATE_ROOT  # noqa: F405
SITE_URL = "http://testserver"
AXES_ENABLED = True
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
