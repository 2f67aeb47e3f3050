"""Production settings, checked the way a deploy meets them: a fresh process
started with environment variables (settings are read once, at import)."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Variables the settings read (found in settings.py, so a new one is covered);
# none may leak in from the test run's own environment.
DIBACA = set(re.findall(r'(?:env_\w+|database_config)\("([A-Z_]+)"', (ROOT / "pst_layanan/settings.py").read_text()))


def produksi(**extra):
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "pst.contoh.go.id",
        "SITE_URL": "https://pst.contoh.go.id",
        "DATABASE_URL": "postgres://pst@127.0.0.1:5432/pst",
        "EMAIL_HOST": "smtp.contoh.go.id",
        "ADMINS": "ops@contoh.go.id",
        **extra,
    }


def jalankan(args, tmp_path, **env):
    bersih = {k: v for k, v in os.environ.items() if k not in DIBACA and not k.startswith("DJANGO_")}
    bersih.update(DJANGO_SETTINGS_MODULE="pst_layanan.settings", VAR_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    bersih.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=bersih, capture_output=True, text=True, timeout=120, check=False
    )


def mulai(tmp_path, **env):
    return jalankan(["-c", "import django; django.setup()"], tmp_path, **env)


def test_pengaturan_lokal_tanpa_variabel_apa_pun_berjalan(tmp_path):
    hasil = mulai(tmp_path)
    assert hasil.returncode == 0, hasil.stderr


@pytest.mark.parametrize("url", ["filesystem://", "memory://", "redis://127.0.0.1:6379/0", "amqp://tamu@mq:5672//"])
def test_url_broker_yang_menyebut_tempatnya_diterima(tmp_path, url):
    hasil = mulai(tmp_path, CELERY_BROKER_URL=url)
    assert hasil.returncode == 0, hasil.stderr


def test_postgresql_lewat_soket_lokal_diterima(tmp_path):
    """postgres:///pst: no host, the server's local socket (peer authentication)."""
    cetak = "from django.conf import settings; d = settings.DATABASES['default']; print(d['NAME'], d['HOST'] or '-')"
    hasil = jalankan(["-c", f"import django; django.setup(); {cetak}"], tmp_path, DATABASE_URL="postgres:///pst")
    assert hasil.stdout.strip() == "pst -", hasil.stderr


@pytest.mark.parametrize(
    "env, nama",
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS"),
        ({"SITE_URL": ""}, "SITE_URL"),  # e-mail links led to 127.0.0.1
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"EMAIL_HOST": ""}, "EMAIL_HOST"),
    ],
)
def test_produksi_menolak_mulai_tanpa_variabel_wajib(tmp_path, env, nama):
    hasil = mulai(tmp_path, **produksi(**env))
    assert hasil.returncode != 0
    assert f"{nama} wajib diisi bila DEBUG=0" in hasil.stderr


def test_env_example_tanpa_smtp_menolak_mulai(tmp_path):
    """deploy/env.example filled in as the runbook says, but no SMTP server yet: start-up refuses,
    rather than e-mails (reset links included) printed into the journal and marked sent."""
    env = {}
    for baris in (ROOT / "deploy" / "env.example").read_text().splitlines():
        if baris and not baris.startswith("#"):
            nama, _, nilai = baris.partition("=")
            env[nama] = nilai.strip('"')
    for nama in ("VAR_DIR", "PRIVATE_ROOT"):
        del env[nama]
    env.update(
        SECRET_KEY=secrets.token_urlsafe(60),
        DATABASE_URL="postgres://pst:sandi-asli@127.0.0.1:5432/pst",
        EMAIL_HOST_PASSWORD="",
        PST_CADANGAN_KUNCI="kata sandi cadangan yang asli",
    )
    assert mulai(tmp_path, **env).returncode == 0  # as filled in: it starts
    hasil = mulai(tmp_path, **{**env, "EMAIL_HOST": ""})
    assert hasil.returncode != 0
    assert "EMAIL_HOST wajib diisi bila DEBUG=0" in hasil.stderr


def test_produksi_dengan_backend_surel_yang_dipilih_sendiri_tanpa_smtp(tmp_path):
    hasil = mulai(tmp_path, **produksi(EMAIL_HOST="", EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend"))
    assert hasil.returncode == 0, hasil.stderr


def test_produksi_menolak_tugas_yang_dijalankan_tanpa_worker(tmp_path):
    # Each task would run inside the web request that sends it: a slow SMTP server
    # holds the officer's page, and a retry comes back at once instead of after its wait.
    hasil = mulai(tmp_path, **produksi(CELERY_TASK_ALWAYS_EAGER="1"))
    assert hasil.returncode != 0
    assert "CELERY_TASK_ALWAYS_EAGER hanya untuk pengujian; matikan bila DEBUG=0." in hasil.stderr


@pytest.mark.parametrize("kunci", ["rahasia", "x" * 60, "django-insecure-" + secrets.token_urlsafe(50)])
def test_produksi_menolak_secret_key_lemah(tmp_path, kunci):
    hasil = mulai(tmp_path, **produksi(SECRET_KEY=kunci))
    assert hasil.returncode != 0 and "SECRET_KEY terlalu lemah bila DEBUG=0" in hasil.stderr


def test_alamat_surel_yang_sah_diterima(tmp_path):
    cetak = "from django.conf import settings as s; print(s.ADMINS, s.DEFAULT_FROM_EMAIL)"
    env = {"ADMINS": "ops@bps.go.id, ops2@bps.go.id", "DEFAULT_FROM_EMAIL": "PST BPS <pst1700@bps.go.id>"}
    hasil = jalankan(["-c", f"import django; django.setup(); {cetak}"], tmp_path, **env)
    assert hasil.stdout.strip() == (
        "[('ops@bps.go.id', 'ops@bps.go.id'), ('ops2@bps.go.id', 'ops2@bps.go.id')] PST BPS <pst1700@bps.go.id>"
    ), hasil.stderr


def test_produksi_menolak_site_url_yang_hostnya_tidak_dilayani(tmp_path):
    """Every link in e-mails and QR codes would open a 400 page: the site never serves that host."""
    hasil = mulai(tmp_path, **produksi(SITE_URL="https://pst1700.bps.go.id"))
    assert hasil.returncode != 0
    assert "SITE_URL='https://pst1700.bps.go.id': nama hostnya tidak ada di ALLOWED_HOSTS" in hasil.stderr
    assert mulai(tmp_path, **produksi(SITE_URL="https://PST.contoh.go.id:8443")).returncode == 0


def test_nama_host_yang_sah_diterima(tmp_path):
    cetak = "from django.conf import settings as s; print(s.ALLOWED_HOSTS)"
    env = {"ALLOWED_HOSTS": "pst.contoh.go.id, .bps.go.id, 10.0.0.5, [::1]"}
    hasil = jalankan(["-c", f"import django; django.setup(); {cetak}"], tmp_path, **env)
    assert hasil.stdout.strip() == "['pst.contoh.go.id', '.bps.go.id', '10.0.0.5', '[::1]']", hasil.stderr


@pytest.mark.parametrize(
    "nama, nilai",
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "mysql://pst@127.0.0.1/pst"),
        ("DATABASE_URL", "postgres://pst@127.0.0.1:abc/pst"),
        ("DATABASE_URL", "postgres://pst@127.0.0.1:5432"),
        ("DATABASE_URL", "postgres://pst:Sandi[9@127.0.0.1:5432/pst"),  # read as a broken IPv6 host
        ("CELERY_BROKER_URL", "redis://:Sandi[9@127.0.0.1:6379/0"),
        ("EMAIL_PORT", "abc"),
        ("EMAIL_USE_TLS", "kadang"),
        ("CELERY_BROKER_URL", "http://127.0.0.1:6379"),
        ("CELERY_BROKER_URL", "redis:/"),
        ("CELERY_BROKER_URL", "redis:///0"),
        ("SITE_URL", "https:///pst"),
        ("REDIS_URL", "127.0.0.1:6379"),
        # Redis's client reads a database that is not a number as database 0 (the
        # broker's in env.example) and a port that is not one only at the first use.
        ("REDIS_URL", "redis://127.0.0.1:6379/satu"),
        ("CELERY_BROKER_URL", "redis://127.0.0.1:63790a/0"),
        ("CELERY_BROKER_URL", "rediss://127.0.0.1:6379/0/1"),
        ("SITE_URL", "pst.contoh.go.id"),
        # Copied from SITE_URL: no request's host matches, every page answers 400.
        ("ALLOWED_HOSTS", "https://pst.contoh.go.id"),
        ("ALLOWED_HOSTS", "pst.contoh.go.id:443"),
        ("ALLOWED_HOSTS", "pst.contoh.go.id, pst.contoh.go.id/"),
        ("SECURE_HSTS_SECONDS", "setahun"),
        ("AXES_FAILURE_LIMIT", "lima"),
        ("LOG_LEVEL", "BERISIK"),
        # Error alerts would fail in the outbox, unseen: ADMINS are who hear of failures.
        ("ADMINS", "ops@bps.go.id;ops2@bps.go.id"),
        ("ADMINS", "ops@bps.go.id, ops bps.go.id"),
        # Every e-mail of the site would be refused.
        ("DEFAULT_FROM_EMAIL", "PST BPS <pst1700 bps.go.id>"),
    ],
)
def test_nilai_salah_menghentikan_mulai_dengan_nama_variabel(tmp_path, nama, nilai):
    hasil = mulai(tmp_path, **{nama: nilai})
    assert hasil.returncode != 0
    baris_akhir = hasil.stderr.strip().splitlines()[-1]
    assert baris_akhir.startswith("django.core.exceptions.ImproperlyConfigured:")
    assert nama in baris_akhir


@pytest.mark.parametrize(
    "perintah, env, pesan",
    [
        (["check", "--deploy"], {"SECRET_KEY": ""}, "SECRET_KEY wajib diisi bila DEBUG=0."),
        (["migrate"], {"DATABASE_URL": "mysql://pst@127.0.0.1/pst"}, "DATABASE_URL"),
        (["cadangkan"], {"DEBUG": "maybe"}, "DEBUG='maybe' bukan nilai boolean"),
    ],
)
def test_manage_py_menyebut_variabel_salah_tanpa_traceback(tmp_path, perintah, env, pesan):
    """What the operator types after editing the env file: one sentence naming the variable."""
    hasil = jalankan(["manage.py", *perintah], tmp_path, **produksi(**env))
    assert hasil.returncode == 1
    assert "Traceback" not in hasil.stderr
    assert hasil.stderr.startswith("Pengaturan tidak sah: ") and pesan in hasil.stderr, hasil.stderr


def test_folder_data_yang_tidak_dapat_dipakai_satu_baris_tanpa_traceback(tmp_path):
    """A typo in VAR_DIR (here under a file) ended start-up in an OSError's traceback."""
    (tmp_path / "berkas").write_text("x")
    var = tmp_path / "berkas" / "var"
    hasil = jalankan(["manage.py", "check"], tmp_path, VAR_DIR=str(var))
    assert hasil.returncode == 1 and "Traceback" not in hasil.stderr
    assert hasil.stderr.startswith(f"Pengaturan tidak sah: VAR_DIR='{var}': folder tidak dapat dipakai"), hasil.stderr


def test_folder_berkas_privat_yang_tidak_dapat_dipakai_menghentikan_mulai(tmp_path):
    """PRIVATE_ROOT is checked at start-up as VAR_DIR is: a folder that cannot be
    made or written stops the site in one line naming it, where the site would
    start and then answer every upload with a server error."""
    (tmp_path / "disk").write_text("x")
    folder = tmp_path / "disk" / "berkas"
    hasil = jalankan(["manage.py", "check"], tmp_path / "var", PRIVATE_ROOT=str(folder))
    assert hasil.returncode == 1 and "Traceback" not in hasil.stderr
    assert hasil.stderr.startswith(f"Pengaturan tidak sah: PRIVATE_ROOT='{folder}': folder tidak dapat dipakai"), (
        hasil.stderr
    )


@pytest.mark.parametrize("proses", ["worker", "beat"])
def test_worker_dan_beat_menyebut_variabel_salah_tanpa_traceback(tmp_path, proses):
    """pst-worker and pst-beat ended in a 40-line traceback, repeated by systemd at every restart."""
    hasil = jalankan(["-m", "celery", "-A", "pst_layanan", proses], tmp_path, **produksi(DEBUG="maybe"))
    assert hasil.returncode == 1 and "Traceback" not in hasil.stderr
    assert hasil.stderr.strip() == (
        "Pengaturan tidak sah: DEBUG='maybe' bukan nilai boolean; gunakan 1/0, true/false, yes/no atau on/off."
    ), hasil.stderr


@pytest.mark.parametrize("konfigurasi", ["gunicorn.conf.py", "gunicorn_loket.conf.py"])
def test_gunicorn_menyebut_variabel_salah_tanpa_traceback(tmp_path, konfigurasi):
    """pst-web and pst-loket buried the variable's name in a worker's traceback and
    ended on gunicorn's "Worker failed to boot", repeated by systemd at every restart."""
    hasil = jalankan(
        ["-m", "gunicorn", "-c", f"deploy/{konfigurasi}", "pst_layanan.wsgi"],
        tmp_path,
        **produksi(DEBUG="maybe"),
        GUNICORN_BIND="127.0.0.1:0",
        GUNICORN_LOKET_BIND="127.0.0.1:0",
        GUNICORN_WORKERS="1",
        GUNICORN_LOKET_WORKERS="1",
    )
    assert hasil.returncode != 0 and "Traceback" not in hasil.stderr, hasil.stderr
    assert (
        "Pengaturan tidak sah: DEBUG='maybe' bukan nilai boolean; gunakan 1/0, true/false, yes/no atau on/off."
        in hasil.stderr.splitlines()
    ), hasil.stderr


@pytest.mark.parametrize(
    "nama, nilai, minimum",
    [
        ("BATAS_JENDELA_MENIT", "0", 1),  # divided by at every login POST: a server error
        ("JUMLAH_PROXY", "-1", 0),  # read X-Forwarded-For from the wrong end: a server error at login
        ("AXES_COOLOFF_MENIT", "0", 1),
        ("BATAS_PER_ALAMAT", "0", 1),
        ("PERINGATAN_JENDELA_MENIT", "-5", 1),
        ("PST_CADANGAN_SIMPAN", "-1", 0),
    ],
)
def test_angka_di_bawah_batas_menghentikan_mulai(tmp_path, nama, nilai, minimum):
    """Such a value started the site and failed only at the first request that read it."""
    hasil = mulai(tmp_path, **{nama: nilai})
    assert hasil.returncode != 0
    baris_akhir = hasil.stderr.strip().splitlines()[-1]
    assert baris_akhir == (
        f"django.core.exceptions.ImproperlyConfigured: {nama}='{nilai}' harus berupa bilangan bulat {minimum} atau lebih."
    )


@pytest.mark.parametrize(
    "nama, nilai",
    [
        ("SECRET_KEY", "ganti-dengan-64-karakter-acak"),
        ("DATABASE_URL", "postgres://pst:ganti-sandi-database@127.0.0.1:5432/pst"),
        ("PST_CADANGAN_KUNCI", "ganti-kata-sandi-cadangan-panjang"),
    ],
)
def test_produksi_menolak_rahasia_contoh_dari_env_example(tmp_path, nama, nilai):
    hasil = mulai(tmp_path, **produksi(**{nama: nilai}))
    assert hasil.returncode != 0
    assert f"{nama} masih berisi contoh dari deploy/env.example" in hasil.stderr
    assert "ganti-sandi-database" not in hasil.stderr


@pytest.mark.parametrize(
    "nama, nilai",
    [
        ("DATABASE_URL", "postgres://pst:SandiRahasia9@127.0.0.1:5432"),
        ("CELERY_BROKER_URL", "http://:SandiRahasia9@127.0.0.1:6379/0"),
        ("REDIS_URL", "mysql://pst:SandiRahasia9@127.0.0.1/0"),
    ],
)
def test_galat_mulai_tidak_mencetak_sandi_dalam_url(tmp_path, nama, nilai):
    hasil = mulai(tmp_path, **{nama: nilai})
    assert hasil.returncode != 0 and nama in hasil.stderr
    assert "SandiRahasia9" not in hasil.stderr and ":***@127.0.0.1" in hasil.stderr


@pytest.mark.parametrize("kueri, detik", [("", "3"), ("?connect_timeout=9", "9")])
def test_postgresql_menyerah_dalam_hitungan_detik_bila_server_tak_terjangkau(tmp_path, kueri, detik):
    cetak = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['connect_timeout'])"
    url = "postgres://pst@127.0.0.1:5432/pst" + kueri
    hasil = jalankan(["-c", f"import django; django.setup(); {cetak}"], tmp_path, DATABASE_URL=url)
    assert hasil.stdout.strip() == detik, hasil.stderr


def test_check_deploy_bersih_dengan_pengaturan_produksi(tmp_path):
    # As the runbook does: static files collected first (check --deploy refuses a site without them).
    kumpul = jalankan(["manage.py", "collectstatic", "--noinput", "-v", "0"], tmp_path, **produksi())
    assert kumpul.returncode == 0, kumpul.stderr
    hasil = jalankan(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **produksi())
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "System check identified no issues" in hasil.stdout


PERIKSA = """
import json, django
django.setup()
from django.conf import settings as s
from django.test import Client
c = Client(SERVER_NAME="pst.contoh.go.id")
http = c.get("/akun/data-saya/")
https = c.get("/akun/data-saya/", headers={"x-forwarded-proto": "https"})
print(json.dumps({
    "pengaturan": [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT,
                   s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.X_FRAME_OPTIONS, s.DEBUG],
    "http": [http.status_code, http.get("Location")],
    "https": [https.status_code, https.get("Strict-Transport-Security"), https.get("Content-Security-Policy") is not None],
}))
"""


def test_produksi_memakai_cookie_aman_hsts_dan_pengalihan_ssl(tmp_path):
    hasil = jalankan(["-c", PERIKSA], tmp_path, **produksi())
    assert hasil.returncode == 0, hasil.stderr
    data = json.loads(hasil.stdout.strip().splitlines()[-1])
    assert data["pengaturan"] == [True, True, True, True, 31536000, True, "DENY", False]
    assert data["http"] == [301, "https://pst.contoh.go.id/akun/data-saya/"]
    status, hsts, csp = data["https"]
    assert status == 302  # to the login page, over HTTPS
    assert hsts == "max-age=31536000; includeSubDomains; preload" and csp
