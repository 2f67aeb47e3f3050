"""`manage.py check --deploy` stops a production deploy whose static files
were not collected, or not collected again after an upgrade: with DEBUG=0
every page names its CSS and scripts through the manifest, so a file missing
from it is a 500 on every page, while /readyz still answers 200."""

import os
import shutil

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core import checks
from django.core.management import call_command
from django.utils.functional import empty

MANIFEST = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


@pytest.fixture
def statis(settings, tmp_path):
    """The production static storage (manifest), collecting a copy of the
    project's static folder into a folder of its own."""
    sumber = tmp_path / "static"
    shutil.copytree(settings.BASE_DIR / "static", sumber)
    settings.STATICFILES_DIRS = [sumber]
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    staticfiles_storage._wrapped = empty
    yield sumber
    staticfiles_storage._wrapped = empty


def galat():
    return [p for p in checks.run_checks(include_deployment_checks=True) if p.id == "pst_layanan.E002"]


def test_tanpa_collectstatic_check_deploy_berhenti(statis):
    [g] = galat()
    assert g.level == checks.ERROR
    assert "collectstatic" in g.hint


def test_setelah_collectstatic_lolos(statis):
    call_command("collectstatic", interactive=False, verbosity=0)
    assert galat() == []


def test_berkas_statis_baru_atau_berubah_setelah_collectstatic_check_deploy_berhenti(statis):
    """An upgrade brought a new file and a newer script: pages naming the new
    file fail, and the old script would still be served."""
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    lama = manifest.stat().st_mtime - 60
    for path in statis.rglob("*"):
        os.utime(path, (lama, lama))
    (statis / "js/baru.js").write_text("// baru\n")
    [g] = galat()
    assert "js/baru.js" in g.msg and "layar.js" not in g.msg
    os.utime(statis / "js/antrian/layar.js")  # now
    [g] = galat()
    assert "js/antrian/layar.js" in g.msg


def test_pengembangan_tanpa_manifest_tidak_diperiksa(db):
    """DEBUG=1 serves the source files as they are: nothing to collect."""
    assert galat() == []


@pytest.mark.parametrize(
    "nama, nilai",
    [
        ("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackendd"),
        ("PST_BILLING_ADAPTER", "transaksi.billing.ManualBiling"),
        ("PST_BILLING_ADAPTER", "transaksi.bling.ManualBilling"),
    ],
)
def test_kelas_dari_env_yang_salah_eja_dihentikan_check(settings, nama, nilai):
    """A class named in the environment file that cannot be imported stops
    `check` (and so `migrate`) naming the variable, before the worker fails
    every e-mail or the first invoice fails with a 500."""
    setattr(settings, nama, nilai)
    [g] = [p for p in checks.run_checks() if p.id == "pst_layanan.E003"]
    assert g.level == checks.ERROR and g.msg.startswith(f"{nama}={nilai!r} tidak dapat dimuat")


def test_kelas_bawaan_dapat_dimuat():
    assert not [p for p in checks.run_checks() if p.id == "pst_layanan.E003"]


def test_admins_kosong_diperingatkan_check_deploy(settings):
    """Error alerts and a failed nightly backup go to ADMINS: a production site
    without them hears of no failure, so the deploy check says so."""
    settings.ADMINS = []
    [w] = [p for p in checks.run_checks(include_deployment_checks=True) if p.id == "pst_layanan.W001"]
    assert w.level == checks.WARNING and "ADMINS" in w.msg
    settings.ADMINS = [("ops@bps.go.id", "ops@bps.go.id")]
    assert [p for p in checks.run_checks(include_deployment_checks=True) if p.id == "pst_layanan.W001"] == []
