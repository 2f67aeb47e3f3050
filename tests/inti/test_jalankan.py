"""`make run` (manage.py jalankan): the demo accounts and addresses printed
last, and a Ctrl-C that stops every process and ends without an error."""

import errno
import fcntl
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from honcho.printer import Printer

from pst_layanan.management.commands.demo import AKUN_DEMO
from pst_layanan.management.commands.demo import Command as DemoCommand
from pst_layanan.management.commands.jalankan import Pengelola, sambutan
from tests.keamanan.test_pengaturan_produksi import DIBACA, ROOT, jalankan


def _port_bebas() -> int:
    with socket.socket() as uji:
        uji.bind(("127.0.0.1", 0))
        return uji.getsockname()[1]


def _mulai(tmp_path, procfile: str, keluaran=subprocess.PIPE, **popen) -> subprocess.Popen:
    (tmp_path / "Procfile").write_text(procfile)
    env = {k: v for k, v in os.environ.items() if k not in DIBACA and not k.startswith("DJANGO_")}
    # A free port: jalankan refuses one in use (8000 may be a developer's own server).
    env.update(
        DJANGO_SETTINGS_MODULE="pst_layanan.settings",
        VAR_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT),
        PORT=str(_port_bebas()),
    )
    perintah = [sys.executable, "manage.py", "jalankan", "--procfile", str(tmp_path / "Procfile")]
    return subprocess.Popen(perintah, cwd=ROOT, env=env, stdout=keluaran, stderr=subprocess.STDOUT, text=True, **popen)


def test_ctrl_c_menghentikan_semua_proses_tanpa_galat(tmp_path):
    proses = _mulai(
        tmp_path,
        "tidur: sleep 600\n"
        "rapi: trap 'echo rapi selesai; exit 0' TERM; echo rapi siap; while true; do sleep 0.1; done\n",
    )
    baris = []
    pembaca = threading.Thread(target=lambda: baris.extend(proses.stdout), daemon=True)
    pembaca.start()
    # Ctrl-C only once the trap is set: a fixed pause loses that race on a loaded machine.
    batas = time.monotonic() + 60
    while not any("rapi siap" in b for b in baris) and time.monotonic() < batas:
        time.sleep(0.1)
    proses.send_signal(signal.SIGINT)
    proses.wait(timeout=60)
    pembaca.join(timeout=10)
    keluaran = "".join(baris)
    assert proses.returncode == 0, keluaran
    assert "rapi selesai" in keluaran and "SIGKILL" not in keluaran
    assert keluaran.rstrip().endswith("PST Layanan berhenti.")


def _hidup(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_menutup_terminal_menghentikan_semua_proses(tmp_path):
    """Closing the terminal window: the hang-up reaches make and jalankan, not the processes
    (each runs in its own session), which would run on holding the port, so that the next
    make run is refused with "Port 8000 sudah dipakai"."""
    terminal, layar = os.openpty()
    tanda = tmp_path / "pid"
    tidur = f"tidur: echo $$ > {tanda}.baru; mv {tanda}.baru {tanda}; exec sleep 600\n"
    # Its own process group, as a shell runs make and everything it starts.
    proses = _mulai(tmp_path, tidur, layar, start_new_session=True)
    os.close(layar)
    batas = time.monotonic() + 60
    while not tanda.exists() and time.monotonic() < batas:
        time.sleep(0.1)
    pid = int(tanda.read_text())
    try:
        os.close(terminal)  # the window is gone: a line written to it now fails
        os.killpg(proses.pid, signal.SIGHUP)
        proses.wait(timeout=60)
        assert not _hidup(pid)
        assert proses.returncode == 0
    finally:
        if _hidup(pid):
            os.kill(pid, signal.SIGKILL)


def test_ctrl_c_sebelum_proses_berjalan_tetap_menghentikan_semuanya():
    """Ctrl-C in the instant between the start of the processes and their start being noted
    (a moment after make run starts them): it stopped with a KeyError traceback, the processes
    not yet noted ran on, and make run hung waiting for them, deaf to a second Ctrl-C."""
    keluaran = io.StringIO()
    pengelola = Pengelola(Printer(keluaran))
    pengelola.add_process("tidur", "exec sleep 600")
    pengelola.terminate()  # asked before anything has started
    pengelola.loop()
    pid = int(re.search(r"tidur started \(pid=(\d+)\)", keluaran.getvalue()).group(1))
    try:
        assert not _hidup(pid)
        assert re.search(r"tidur stopped \(rc=-15\)", keluaran.getvalue())
    finally:
        if _hidup(pid):
            os.kill(pid, signal.SIGKILL)


def test_proses_yang_berhenti_sendiri_mengakhiri_dengan_kodenya(tmp_path):
    proses = _mulai(tmp_path, "gagal: sleep 1; exit 3\ntidur: sleep 600\n")
    keluaran, _ = proses.communicate(timeout=60)
    assert proses.returncode == 3, keluaran


@pytest.mark.parametrize("demo", [True, False])
def test_sambutan_memuat_akun_demo_dan_alamat(demo):
    with override_settings(PST_DEMO_BUKA_SEPANJANG_WAKTU=demo):
        teks = sambutan()
    for email, _nama, _peran, sandi in AKUN_DEMO:
        assert f"{email:<24} kata sandi: {sandi}" in teks
    assert "http://127.0.0.1:8000/antrian/monitor/" in teks and "http://127.0.0.1:8000/antrian/layar/" in teks
    assert ("Mode demo: antrian dibuka sepanjang waktu" in teks) is demo
    assert teks.rstrip().endswith("=" * 72)


def test_port_dipilih_lewat_port(monkeypatch):
    """8000 may be someone else's: `make run PORT=8613` serves there and says so."""
    monkeypatch.setenv("PORT", "8613")
    teks = sambutan()
    assert "http://127.0.0.1:8613/akun/masuk/" in teks and ":8000" not in teks
    web = next(baris for baris in (ROOT / "Procfile").read_text().splitlines() if baris.startswith("web:"))
    assert web.endswith("runserver 127.0.0.1:${PORT:-8000}")
    makefile = (ROOT / "Makefile").read_text()
    assert "run: export PORT ?= 8000" in makefile and "run: export SITE_URL ?= http://127.0.0.1:$(PORT)" in makefile


def test_port_yang_bukan_nomor_dijelaskan(monkeypatch, tmp_path, settings):
    settings.DEBUG = True  # as under make run (the test runner sets it off)
    monkeypatch.setenv("PORT", "delapan")
    (tmp_path / "Procfile").write_text("sebentar: sleep 1\n")
    with pytest.raises(CommandError, match="PORT='delapan' bukan nomor port"):
        call_command("jalankan", procfile=str(tmp_path / "Procfile"))


def test_port_yang_sudah_dipakai_dijelaskan_sebelum_apa_pun_berjalan(monkeypatch, tmp_path, settings):
    """An earlier `make run` still open on the port: nothing starts, rather than a banner
    announcing that one's site and a worker and beat left running beside a failed web process."""
    settings.DEBUG = True
    tanda = tmp_path / "berjalan"
    (tmp_path / "Procfile").write_text(f"web: touch {tanda}\n")
    with socket.socket() as lain:
        lain.bind(("127.0.0.1", 0))
        lain.listen()
        monkeypatch.setenv("PORT", str(lain.getsockname()[1]))
        with pytest.raises(CommandError, match=f"Port {lain.getsockname()[1]} sudah dipakai program lain"):
            call_command("jalankan", procfile=str(tmp_path / "Procfile"))
    assert not tanda.exists()


def test_port_yang_tidak_boleh_dipakai_dijelaskan(monkeypatch, tmp_path, settings):
    """`make run PORT=80` as an ordinary user: the system keeps ports below 1024 for root, and
    no program holds the port, so "already in use by another program" would send them looking
    for one that does not exist."""
    settings.DEBUG = True
    monkeypatch.setenv("PORT", "80")

    def ditolak_sistem(self, alamat):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(socket.socket, "bind", ditolak_sistem)
    (tmp_path / "Procfile").write_text("sebentar: sleep 1\n")
    with pytest.raises(CommandError) as galat:
        call_command("jalankan", procfile=str(tmp_path / "Procfile"))
    assert "Port 80 tidak boleh dipakai pengguna ini" in str(galat.value)
    assert "sudah dipakai program lain" not in str(galat.value)


def test_make_run_kedua_untuk_folder_yang_sama_ditolak(monkeypatch, tmp_path, settings):
    """An earlier `make run` of this checkout still open (say in another terminal): a second one
    on another port, as the port message suggests, would start a second beat, and every
    scheduled job (reminders, escalations, e-mails) would run twice. It is refused, saying so."""
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("PORT", str(_port_bebas()))
    tanda = tmp_path / "berjalan"
    (tmp_path / "Procfile").write_text(f"web: touch {tanda}\n")
    with (tmp_path / "jalankan.pid").open("a") as lain:
        fcntl.flock(lain, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(CommandError, match="make run lain masih berjalan untuk folder ini"):
            call_command("jalankan", procfile=str(tmp_path / "Procfile"))
    assert not tanda.exists()


@pytest.mark.django_db
def test_setiap_alamat_di_sambutan_dijawab_situs(client):
    """The framed list is what a newcomer clicks first: no address in it is a 404."""
    alamat = re.findall(r"http://127\.0\.0\.1:8000(/\S*)", sambutan())
    assert "/akun/masuk/" in alamat
    for jalur in alamat:
        assert client.get(jalur).status_code in (200, 302), jalur


def test_ditolak_dengan_debug_0(settings, tmp_path):
    """The production environment loaded: no second beat, no development server."""
    settings.DEBUG = False
    (tmp_path / "Procfile").write_text("sebentar: sleep 1\n")
    with pytest.raises(CommandError, match=r"jalankan hanya untuk mencoba secara lokal \(DEBUG=1\)"):
        call_command("jalankan", procfile=str(tmp_path / "Procfile"))


def test_procfile_yang_tidak_ada_dijelaskan(tmp_path, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="Procfile .* tidak dapat dibaca"):
        call_command("jalankan", procfile=str(tmp_path / "tidak-ada"))


def test_broker_bawaan_tidak_memperingatkan_apa_pun(tmp_path):
    """`make run` keeps WARNING lines for what needs attention: the laptop's folder broker
    connects (every process that sends a task does) without kombu's "No hostname" warning."""
    sambung = "from pst_layanan.celery import app; app.connection_for_write().clone()"
    hasil = jalankan(["-c", f"import django; django.setup(); {sambung}"], tmp_path, LOG_LEVEL="WARNING")
    assert hasil.returncode == 0, hasil.stderr
    assert "WARNING" not in hasil.stdout + hasil.stderr


def test_migrate_di_sqlite_tidak_memperingatkan_indeks_penutup(tmp_path):
    """`make run` migrates the laptop's SQLite file first: its output must not open with
    "System check identified some issues: WARNINGS" about the covering indexes, which are
    PostgreSQL's and which SQLite builds without their extra columns, as designed."""
    hasil = jalankan(["manage.py", "check", "--database", "default"], tmp_path)
    assert hasil.returncode == 0, hasil.stderr
    assert "W040" not in hasil.stdout + hasil.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make tidak terpasang")
def test_venv_setengah_jadi_dibuat_ulang(tmp_path):
    """On Debian/Ubuntu without python3-venv the first `make run` stops at `python3 -m venv`,
    which leaves .venv behind without pip; once the package is installed, the next run makes
    the virtualenv again instead of failing on "No module named pip"."""
    shutil.copy(ROOT / "Makefile", tmp_path)
    for nama in ("requirements.txt", "requirements-dev.txt"):
        (tmp_path / nama).write_text("")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", tmp_path / ".venv"], check=True)
    # No package index: pip is already the newest it can find, and nothing else is asked for.
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    hasil = subprocess.run(
        ["make", "install", f"PYTHON={sys.executable}"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert (tmp_path / ".venv" / ".terpasang").exists()


def _lingkungan_make_run() -> dict[str, str]:
    """The variables `make run` exports, as the Makefile sets them (those naming other make variables aside)."""
    baris = re.findall(r"^run: export (\w+) \?= (.*)$", (ROOT / "Makefile").read_text(), re.M)
    return {nama: nilai for nama, nilai in baris if "$(" not in nilai}


@pytest.mark.django_db
def test_mencoba_akun_demo_bergantian_tidak_ditolak(client, settings, tmp_path):
    """A newcomer tries every demo account twice, then walks desk → counter → monitor a few
    times, all from 127.0.0.1 within a quarter of an hour: none of it is refused with "Terlalu
    banyak permintaan" (a public site's limit per address would stop them at the 21st login)."""
    baca = "import django; django.setup(); from django.conf import settings; print(settings.BATAS_PER_ALAMAT)"
    hasil = jalankan(["-c", baca], tmp_path, **_lingkungan_make_run())
    assert hasil.returncode == 0, hasil.stderr
    settings.BATAS_PER_ALAMAT = int(hasil.stdout)
    for akun in AKUN_DEMO:
        DemoCommand()._akun(*akun)
    sandi = {email: kata for email, _n, _p, kata in AKUN_DEMO}
    jalan = ["resepsionis@demo.pst", "petugas@demo.pst", "supervisor@demo.pst"]
    urutan = [email for email, *_ in AKUN_DEMO] * 2 + jalan * 5
    with time_machine.travel("2026-03-16 09:00 +0700", tick=False):
        for email in urutan:
            jawaban = client.post(reverse("login"), {"username": email, "password": sandi[email]})
            assert jawaban.status_code == 302, email
            client.logout()
