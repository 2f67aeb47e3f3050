"""Settings for PST Layanan.

Everything comes from the environment through the helpers in `env.py`. With
nothing set the site runs on SQLite and a broker that needs no server, under
`var/`, so a laptop with only Python can run it.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.http.request import split_domain_port, validate_host

from pst_layanan.env import (
    database_config,
    env_bool,
    env_choice,
    env_email_list,
    env_folder,
    env_hosts,
    env_int,
    env_list,
    env_pengirim,
    env_str,
    env_url,
    tolak_contoh,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = env_folder("VAR_DIR", str(BASE_DIR / "var"))

DEBUG = env_bool("DEBUG", True)


def _local_secret() -> str:
    """A secret generated once per checkout, kept in var/ (git-ignored)."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_hosts("ALLOWED_HOSTS")
if not DEBUG:
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY wajib diisi bila DEBUG=0.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS wajib diisi bila DEBUG=0.")
    # Without these a production start would quietly take the laptop defaults:
    # links in e-mails and QR codes to 127.0.0.1, a local SQLite file, and
    # e-mails printed to the console yet marked sent.
    if not env_str("SITE_URL"):
        raise ImproperlyConfigured("SITE_URL wajib diisi bila DEBUG=0 (tanpanya tautan di e-mail menuju 127.0.0.1).")
    if not env_str("DATABASE_URL"):
        raise ImproperlyConfigured("DATABASE_URL wajib diisi bila DEBUG=0 (tanpanya data tersimpan di SQLite lokal).")
    if not (env_str("EMAIL_HOST") or env_str("EMAIL_BACKEND")):
        raise ImproperlyConfigured(
            "EMAIL_HOST wajib diisi bila DEBUG=0 (atau EMAIL_BACKEND; tanpanya surel hanya tercetak di konsol)."
        )
    tolak_contoh("SECRET_KEY", "DATABASE_URL", "EMAIL_HOST_PASSWORD", "PST_CADANGAN_KUNCI")
    # Django's own rule for a key strong enough (check --deploy, security.W009), at start-up.
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "SECRET_KEY terlalu lemah bila DEBUG=0: minimal 50 karakter acak, mis. "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
SECRET_KEY = SECRET_KEY or _local_secret()

# Demo only (`make run` sets it): the queue is open at any hour, so a newcomer
# can try every step of the desk, counter and display in the evening. A
# production site (DEBUG=0) refuses to start with it, and every page shows a
# banner while it is on.
PST_DEMO_BUKA_SEPANJANG_WAKTU = env_bool("PST_DEMO_BUKA_SEPANJANG_WAKTU", False)
if PST_DEMO_BUKA_SEPANJANG_WAKTU and not DEBUG:
    raise ImproperlyConfigured("PST_DEMO_BUKA_SEPANJANG_WAKTU hanya untuk demo; matikan bila DEBUG=0.")
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "testserver"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_url("SITE_URL", ("http", "https"), "http://127.0.0.1:8000").rstrip("/")
if not DEBUG and not validate_host(split_domain_port(urlsplit(SITE_URL).netloc)[0], ALLOWED_HOSTS):
    # Every link in an e-mail and every QR code would open a 400 page.
    raise ImproperlyConfigured(
        f"SITE_URL={SITE_URL!r}: nama hostnya tidak ada di ALLOWED_HOSTS; tautan di e-mail dan kode QR akan ditolak."
    )

INSTALLED_APPS = [
    # Before the admin, so its translated fields show in the admin forms.
    "modeltranslation",
    "pst_layanan.situs_admin.AdminPst",  # django.contrib.admin, its admin.site a SitusAdmin
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_celery_beat",
    "axes",
    "pst_layanan",
    "antrian",
    "transaksi",
    "penilaian",
]

MIDDLEWARE = [
    # First: the request id and the one log line per request (pst_layanan/log.py).
    "pst_layanan.log.LogPermintaanMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Outside the body limit and the pages below that stand in for a view (400,
    # 405, 413), so those carry the policy and the framing ban too.
    "pst_layanan.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Inside the user, outside every page and error page drawn for them.
    "pst_layanan.middleware.HalamanPribadiMiddleware",
    # After the session and the user: a logged-in person's chosen language wins over the browser's.
    "pst_layanan.bahasa.BahasaPenggunaMiddleware",
    # Body size limit (by view and user) before anything below reads the body.
    "pst_layanan.unggah.BatasBadanMiddleware",
    "pst_layanan.middleware.TolakKarakterNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the user and messages: its page is drawn with the site's menu.
    "pst_layanan.middleware.HalamanMetodeTidakSahMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Inside htmx's: a refused page part reloads its page (request.htmx).
    "pst_layanan.middleware.BagianDitolakMiddleware",
    # Axes last, so a locked-out login answers before the view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pst_layanan.urls"
WSGI_APPLICATION = "pst_layanan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pst_layanan.context_processors.kantor",
            ],
        },
    },
]

DATABASES = {"default": database_config("DATABASE_URL", f"sqlite:///{VAR_DIR / 'pst.sqlite3'}")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several desks and the worker write at once: wait for the lock instead of
    # failing at once, and take the write lock at BEGIN so no deadlock upgrades.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # The covering indexes (INCLUDE) are PostgreSQL's; SQLite builds them on their key
    # columns, as intended, and `migrate` (every `make run`) need not warn about it.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    # No JIT: the dashboard's statements are many small aggregates, which
    # PostgreSQL's JIT takes longer to compile than they take to run (the
    # compliance trend of a year: 0.56 s with it, 0.24 s without).
    _opsi = DATABASES["default"].setdefault("OPTIONS", {})
    _opsi["options"] = f"{_opsi.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "pst_layanan.Pengguna"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's own length, written out: the set-password e-mails and the page of a
# link past it say "3 hari".
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "beranda"

# Login throttling (django-axes): lock an e-mail+address pair, and an
# address that tries many accounts, after repeated failures within the
# cool-off. Client, e-mail and lockout page: pst_layanan/penguncian.py.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MENIT", 30, minimum=1))
# Login records name an account and its address (personal data, UU 27/2022):
# the nightly job deletes them after this many days (penguncian.hapus_catatan_lama).
RETENSI_LOG_MASUK_HARI = env_int("RETENSI_LOG_MASUK_HARI", 90, minimum=1)
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "pst_layanan.penguncian.respons_terkunci"
AXES_USERNAME_CALLABLE = "pst_layanan.penguncian.nama_pengguna"
AXES_CLIENT_IP_CALLABLE = "pst_layanan.penguncian.alamat_klien"
# A successful login clears only that account's failures from that address
# (pst_layanan/penguncian.py): axes' own reset would clear every failure from
# the address, the guesses at other accounts too.
AXES_RESET_ON_SUCCESS = False
AXES_USERNAME_FORM_FIELD = "username"
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (1 behind nginx).
JUMLAH_PROXY = env_int("JUMLAH_PROXY", 0, minimum=0)
# Public forms (sign-up, password reset, verification resend, login): POSTs
# allowed per window, per client address and per e-mail, counted in the
# cache (pst_layanan/pembatas.py). The forms that send an e-mail allow fewer
# per e-mail, so nobody can flood someone's mailbox.
BATAS_JENDELA_MENIT = env_int("BATAS_JENDELA_MENIT", 15, minimum=1)
BATAS_PER_ALAMAT = env_int("BATAS_PER_ALAMAT", 20, minimum=1)
BATAS_PER_EMAIL = env_int("BATAS_PER_EMAIL", 3, minimum=1)
BATAS_MASUK_PER_EMAIL = env_int("BATAS_MASUK_PER_EMAIL", 10, minimum=1)
# Megabytes of requirements one account may upload in 24 hours: a replaced file is
# kept with the officer's notes, so uploading again and again would fill the disk.
KUOTA_UNGGAH_MB_SEHARI = env_int("KUOTA_UNGGAH_MB_SEHARI", 100, minimum=1)

# Indonesian first; English for foreign researchers (pst_layanan/bahasa.py: who gets which).
# The names stay in their own language, as a switcher shows them.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "pst_bahasa"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates, times, numbers and rupiah per language (pst_layanan/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["pst_layanan.formats"]
# Catalogue and service names per language (translation.py in each app). The
# library names the Indonesian column `<field>_ind`, not `<field>_id`, so it never
# looks like a foreign key's column; the plain `<field>` reads the active language.
MODELTRANSLATION_DEFAULT_LANGUAGE = "id"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("id",)

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Private files (requirements, proofs, products) live outside any public URL
# and are served only through views that check the requester's right. Checked
# at start-up like VAR_DIR: a folder the unit may not write (outside its
# ReadWritePaths) would otherwise fail every upload, and only then.
PRIVATE_ROOT = env_folder("PRIVATE_ROOT", str(VAR_DIR / "berkas"))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Archives `manage.py cadangkan` keeps (newest first; 0 keeps all). Its passphrase,
# PST_CADANGAN_KUNCI, is read by the command only, never kept in settings.
PST_CADANGAN_SIMPAN = env_int("PST_CADANGAN_SIMPAN", 14, minimum=0)
# Uploads above this size go to a temporary file, never to memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler", "pst_layanan.unggah.BerkasSementara"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = str(VAR_DIR / "tmp")
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)

# Where SIMPONI billing codes come from (transaksi/billing.py): typed by the officer today.
PST_BILLING_ADAPTER = env_str("PST_BILLING_ADAPTER", "transaksi.billing.ManualBilling")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail -----------------------------------------------------------------
# Every variable is read (and so checked) even when unused, so a typo is
# found at deploy time, not the day SMTP is switched on.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
if EMAIL_HOST:
    EMAIL_BACKEND = "pst_layanan.notifikasi.SMTPBackend"
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Where the file-based backend (`make run`) keeps each e-mail, one file per message.
EMAIL_FILE_PATH = str(VAR_DIR / "surel")
DEFAULT_FROM_EMAIL = env_pengirim("DEFAULT_FROM_EMAIL", "PST BPS Provinsi Bengkulu <pst1700@bps.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache ------------------------------------------------------------------
REDIS_URL = env_url("REDIS_URL", ("redis", "rediss"))
if REDIS_URL:
    # A dead Redis must be noticed in seconds, not hang a request: the backend
    # then answers as an empty cache (pst_layanan/tembolok.py) and /readyz fails.
    CACHES = {
        "default": {
            "BACKEND": "pst_layanan.tembolok.TembolokRedis",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    # A file cache is shared by the web server, worker and beat processes, so
    # a calendar change made in the admin is seen by all of them at once.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Celery -----------------------------------------------------------------
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", ("redis", "rediss", "amqp", "filesystem", "memory"), "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    # The folders below are the broker; the host only keeps kombu from warning
    # "No hostname was supplied" each time a process connects.
    CELERY_BROKER_URL = "filesystem://localhost/"
    _broker_dir = VAR_DIR / "broker"
    for sub in ("in", "processed", "control"):
        (_broker_dir / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "in"),
        "data_folder_out": str(_broker_dir / "in"),
        "processed_folder": str(_broker_dir / "processed"),
        # Worker broadcast (pidbox) files: under var/, not the current folder.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
    if CELERY_BROKER_URL.startswith("redis"):
        # An unreachable Redis host fails a publish (and /readyz) in seconds.
        CELERY_BROKER_TRANSPORT_OPTIONS["socket_connect_timeout"] = 2
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
if CELERY_TASK_ALWAYS_EAGER and not DEBUG:
    # Each task would run inside the web request that sends it: a slow SMTP server
    # holds the page, and a retry comes back at once instead of after its wait.
    raise ImproperlyConfigured("CELERY_TASK_ALWAYS_EAGER hanya untuk pengujian; matikan bila DEBUG=0.")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Publishing to a dead broker must fail fast: the outbox sweep resends later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Workers keep Django's LOGGING (JSON lines, request id) instead of Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# And their stdout/stderr stay the journal's: redirected into logging, the traceback
# beat prints when it cannot start (the database down) became ~1,500 WARNING records,
# one per fragment, every restart; its CRITICAL record already carries it whole.
CELERY_WORKER_REDIRECT_STDOUTS = False

# --- Security -----------------------------------------------------------------
SESSION_ENGINE = "pst_layanan.sesi"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
if not DEBUG:
    # Production sits behind a TLS proxy that sets X-Forwarded-Proto.
    SECURE_SSL_REDIRECT = _SSL_REDIRECT
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = _HSTS_SECONDS
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_AGE = 8 * 60 * 60

# --- Operations: logs, alerts, health (pst_layanan/log.py, peringatan.py, kesehatan.py)
# LOG_FORMAT=json: one JSON line per record (default in production, DEBUG=0);
# teks: readable console lines for `make run`.
LOG_FORMAT = env_choice("LOG_FORMAT", ("JSON", "TEKS"), "TEKS" if DEBUG else "JSON").lower()
# ERROR records are mailed to ADMINS through the outbox, once per distinct
# error per window; comma-separated e-mails.
ADMINS = [(email, email) for email in env_email_list("ADMINS")]
PERINGATAN_JENDELA_MENIT = env_int("PERINGATAN_JENDELA_MENIT", 15, minimum=1)
PST_DETAK_MAKS_MENIT = env_int("PST_DETAK_MAKS_MENIT", 5, minimum=1)
PST_SUREL_ANTRE_MAKS = env_int("PST_SUREL_ANTRE_MAKS", 200, minimum=0)
PST_SUREL_UMUR_MAKS_MENIT = env_int("PST_SUREL_UMUR_MAKS_MENIT", 30, minimum=1)
# Probes may call the health endpoints over plain HTTP on the local socket.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

LOG_LEVEL = env_choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"permintaan": {"()": "pst_layanan.log.FilterPermintaan"}},
    "formatters": {
        "json": {"()": "pst_layanan.log.FormatJSON"},
        "teks": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["permintaan"]},
        "admin": {"class": "pst_layanan.peringatan.SurelAdminHandler", "level": "ERROR", "filters": ["permintaan"]},
    },
    "root": {"handlers": ["console", "admin"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own console and mail_admins handlers off: its records reach
        # the root handlers above (the outbox alert, not a direct SMTP mail).
        # Its level follows LOG_LEVEL so that `make run` (WARNING) hides runserver's line per
        # request, but never below INFO: DEBUG would print every SQL statement.
        "django": {"handlers": [], "level": "INFO" if LOG_LEVEL == "DEBUG" else LOG_LEVEL, "propagate": True},
        "axes": {"level": "WARNING"},
        # WeasyPrint's seven INFO lines per PDF ("Step 1 - Fetching and parsing HTML" …)
        # would be most of the journal; its warnings (a broken stylesheet) still come through.
        "weasyprint.progress": {"level": "WARNING"},
        # A request for a host name the site does not serve (scanners, all day) is
        # refused with 400 and logged, but it is no error of the application: no alert.
        "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
    },
}

SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    from pst_layanan.sentry import pasang_sentry

    pasang_sentry(SENTRY_DSN, env_str("SENTRY_ENVIRONMENT", "produksi"))
