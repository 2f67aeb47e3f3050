"""Shared fixtures: the personas of the SOP and a clean cache per test."""

import os
from dataclasses import replace
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group

from pst_layanan import formulir_tetap
from pst_layanan.celery import app as celery_app
from pst_layanan.kalender import _koreksi
from pst_layanan.sop import LANGKAH, SOP

# Set by `make test-postgres` (and so by CI): PostgreSQL tests must run, not skip.
WAJIB_POSTGRES = os.environ.get("PST_WAJIB_POSTGRES") == "1"


def pytest_collection_modifyitems(items):
    """Transactional tests (threads, live server) flush the database when they
    end, which would also remove the rows data migrations seed (roles,
    catalogue, services, beat schedules). Restore them for each such test."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            pulihkan = pytest.mark.django_db(*marker.args, **marker.kwargs, serialized_rollback=True)
            item.add_marker(pulihkan, append=False)


@pytest.fixture(autouse=True)
def _cache_bersih():
    """Each test starts with empty caches: rolled-back rows must not linger."""
    from django.core.cache import cache

    cache.clear()
    _koreksi.cache_clear()
    formulir_tetap.lupakan()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _bahasa_bawaan():
    """Each test starts in the default language: a request in another activates
    it for the rest of the thread (LocaleMiddleware does not switch back)."""
    from django.utils import translation

    yield
    translation.deactivate()


def buat_pengguna(email, peran=None, kantor=None, **extra):
    """A verified account with `peran` (staff) or none (a visitor), working for
    office `kantor` when given (else, as staff, for the provincial office)."""
    from pst_layanan.models import Pengguna

    data = {"nama_lengkap": email.split("@")[0].title(), "email_terverifikasi": True, "telepon": "081234567890"}
    data.update(extra)
    user = Pengguna.objects.create_user(email=email, password="sandi-uji-123", **data)
    if peran:
        user.groups.add(Group.objects.get(name=peran))
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if kantor is not None:
        user.kantor.add(kantor)
    return user


# The personas: fixture name → (e-mail, role, full name).
PERSONA = [
    ("pengunjung", "andi@contoh.id", None, "Andi Pengunjung"),
    ("pengunjung_lain", "budi@contoh.id", None, "Budi Lain"),
    ("resepsionis", "resepsionis@bps.go.id", "Resepsionis", "Dewi Resepsionis"),
    ("petugas", "petugas@bps.go.id", "Petugas Layanan", "Budi Petugas"),
    ("supervisor", "supervisor@bps.go.id", "Supervisor", "Rina Supervisor"),
    ("bendahara", "bendahara@bps.go.id", "Bendahara", "Sari Bendahara"),
]


def _fixture_persona(nama, email, peran, nama_lengkap):
    @pytest.fixture(name=nama)
    def persona(db):
        return buat_pengguna(email, peran, nama_lengkap=nama_lengkap)

    return persona


for _nama, *_isi in PERSONA:
    globals()[_nama] = _fixture_persona(_nama, *_isi)


@pytest.fixture
def kota(db):
    """A second office beside the provincial one: BPS Kota Bengkulu (1771)."""
    from pst_layanan.models import Kantor

    return Kantor.objects.create(kode="1771", nama="BPS Kota Bengkulu", email="pst1771@bps.go.id")


@pytest.fixture
def klien_untuk(client):
    """klien_untuk(user) → a test client logged in as `user`."""

    def _masuk(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _masuk


@pytest.fixture
def postgres_wajib(db):
    """Skip off PostgreSQL on the default run; fail on the PostgreSQL run
    (CI), so concurrency tests can never pass by being skipped."""
    from django.db import connection

    if connection.vendor != "postgresql":
        if WAJIB_POSTGRES:
            pytest.fail("Uji ini wajib berjalan di PostgreSQL (PST_WAJIB_POSTGRES=1), tetapi databasenya bukan.")
        pytest.skip("Butuh PostgreSQL (jalan di CI dengan DATABASE_URL).")
    return connection


# --- Browser tests -----------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A container's /dev/shm may be small; a full one kills the whole browser.
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def _playwright():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} tidak ada; .ci/run seharusnya memasangnya (apt-get install chromium).")
        pytest.skip(f"{CHROMIUM} tidak terpasang (apt-get install chromium).")
    # Playwright's sync API runs an event loop in this thread; Django's ORM in
    # the test body is still synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    awal = {a: getattr(connections[a], "_test_serialized_contents", None) for a in connections}
    with sync_playwright() as p:
        # Playwright's dispatcher switches the context, and Django's connections
        # are per context: the new connection must still know the seeded rows
        # that serialized rollback restores after each transactional test.
        for alias, isi in awal.items():
            if isi is not None:
                connections[alias]._test_serialized_contents = isi
        yield p


@pytest.fixture(scope="module")
def _peramban_modul(_playwright):
    """One Chromium per test module: a browser that dies (out of memory, a
    crashed GPU process) takes down one module's tests, not every later one."""
    peramban = {"b": None}

    def hidup():
        if peramban["b"] is None or not peramban["b"].is_connected():
            peramban["b"] = _playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        return peramban["b"]

    yield hidup
    if peramban["b"] is not None and peramban["b"].is_connected():
        peramban["b"].close()


@pytest.fixture
def _playwright_browser(_peramban_modul):
    """The module's browser, launched again if the previous test left it dead."""
    return _peramban_modul()


@pytest.fixture
def halaman_baru(_playwright_browser, live_server):
    """halaman_baru(user=None) → a Playwright page on the live server, logged
    in as `user` through a session cookie when given. Pages record console
    errors (e.g. CSP violations) in `page.galat_konsol`."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    contexts = []

    def _buat(user=None, viewport=None):
        context = _playwright_browser.new_context(
            base_url=live_server.url, locale="id-ID", viewport=viewport or {"width": 1280, "height": 900}
        )
        contexts.append(context)
        if user is not None:
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.save()
            host = live_server.url.split("//")[1].split(":")[0]
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "domain": host, "path": "/"}]
            )
        page = context.new_page()
        page.galat_konsol = []
        page.on("console", lambda m: m.type == "error" and page.galat_konsol.append(m.text))
        page.set_default_timeout(10_000)
        return page

    yield _buat
    for context in contexts:
        context.close()


@pytest.fixture
def broker_mati(monkeypatch):
    """Celery really publishing (not eager) to a Redis port nobody listens on.
    Celery prefers the CELERY_BROKER_URL environment variable (set on the CI's
    Redis run) over its configuration, so both are pointed at the dead port."""
    conf = celery_app.conf
    # Read before the variable is set: Celery would return the dead port as
    # the configured URL, and restoring it would leave the broker dead for
    # every later test (readiness then reports the broker down).
    lama = conf.task_always_eager, conf.broker_url
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    conf.task_always_eager, conf.broker_url = False, "redis://127.0.0.1:1/0"
    _lupakan_koneksi_broker(celery_app)
    yield
    conf.task_always_eager, conf.broker_url = lama
    _lupakan_koneksi_broker(celery_app)


def _lupakan_koneksi_broker(celery_app):
    """Drop pooled broker connections so the next publish uses the current broker_url."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def sop_diubah(monkeypatch):
    """A procedure whose standards changed: every page must follow sop.py."""
    from pst_layanan import context_processors

    sop = replace(
        SOP,
        media_layanan=timedelta(minutes=12),
        registrasi=timedelta(minutes=15),
        penjelasan=timedelta(hours=2),
        pemeriksaan_hari_kerja=4,
        penyerahan_hari_kerja=1,
        penilaian=timedelta(minutes=7),
        janji_di_luar_jam=timedelta(hours=2),
    )
    monkeypatch.setattr(context_processors, "SOP", sop)
    return sop


@pytest.fixture
def sop_sehari(monkeypatch, sop_diubah):
    """Step-5 and step-7 standards of one working day, which English says in
    the singular: pages and e-mails state them."""
    from pst_layanan import context_processors, notifikasi

    sop = replace(sop_diubah, pemeriksaan_hari_kerja=1, penyerahan_hari_kerja=1)
    for modul in (context_processors, notifikasi):
        monkeypatch.setattr(modul, "SOP", sop)
    return sop


@pytest.fixture
def langkah_diubah(monkeypatch):
    """A procedure whose steps were renumbered: every page must name a step
    as sop.py numbers it."""
    from pst_layanan import context_processors, pdf

    langkah = replace(
        LANGKAH,
        media_layanan=12,
        registrasi=13,
        penjelasan=14,
        pemeriksaan=15,
        pembayaran=16,
        penyerahan=17,
        penilaian=18,
    )
    monkeypatch.setattr(context_processors, "LANGKAH", langkah)
    monkeypatch.setattr(pdf, "LANGKAH", langkah)
    return langkah
