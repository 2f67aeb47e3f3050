"""`make run`: the Procfile's processes (web, worker, beat) for a local try-out.

Honcho runs them; this command adds what a newcomer needs around it:
- once the site answers, the demo accounts and the addresses to open are
  printed last, after the start-up lines, so they do not scroll away;
- Ctrl-C stops every process with SIGTERM and gives the worker time for its
  warm shutdown (honcho's own 5 s ends in SIGKILL), then exits 0, so make
  reports no error for a stop the user asked for.
A process that stops by itself still ends the run with its exit code.
Closing the terminal window stops them too (see `_berhenti_saat_terminal_ditutup`).
"""

from __future__ import annotations

import fcntl
import os
import signal
import socket
import sys
import threading
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from honcho import manager as honcho_manager
from honcho.environ import parse_procfile
from honcho.printer import Printer

from pst_layanan.management.commands.demo import AKUN_DEMO, baris_akun

# Long enough for the worker to finish the task in hand and for beat to save its schedule.
TUNGGU_BERHENTI_DETIK = 30
BERHENTI_DIMINTA = (130, 143)  # honcho's code after SIGINT / SIGTERM

# URL names, so an address printed is one the site answers.
HALAMAN = [
    ("Beranda", "beranda"),
    ("Masuk", "login"),
    ("Meja resepsionis", "antrian:meja"),
    ("Loket petugas", "antrian:loket_pilih"),
    ("Monitor antrian (supervisor)", "antrian:monitor"),
    ("Layar antrian (TV ruang tunggu)", "antrian:layar"),
    ("Back office", "admin:index"),
]


def nomor_port() -> int:
    """The Procfile's web process port: PORT (`make run PORT=8080`), else 8000."""
    port = os.environ.get("PORT", "").strip() or "8000"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(f"PORT={port!r} bukan nomor port (1–65535), mis. make run PORT=8080.")
    return int(port)


def alamat() -> str:
    """Where the Procfile's web process listens: 127.0.0.1 on `nomor_port()`."""
    return f"http://127.0.0.1:{nomor_port()}"


def pastikan_port_bebas() -> None:
    """Stop before anything starts when the port is taken: otherwise the
    worker and beat start, the banner announces whatever already answers
    there (often an earlier `make run` left open), and only then does the web
    process fail. SO_REUSEADDR as runserver binds, so a port a stopped run
    left in TIME_WAIT counts as free."""
    port = nomor_port()
    with socket.socket() as uji:
        uji.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            uji.bind(("127.0.0.1", port))
        except PermissionError:
            # Ports below 1024 are root's: nothing holds the port, so say what does stop it.
            raise CommandError(
                f"Port {port} tidak boleh dipakai pengguna ini (port di bawah 1024 hanya untuk root); "
                "pilih port lain, mis. make run PORT=8080."
            ) from None
        except OSError:
            raise CommandError(
                f"Port {port} sudah dipakai program lain (mungkin make run yang masih berjalan); "
                "hentikan program itu atau pilih port lain, mis. make run PORT=8080."
            ) from None


def kunci_folder():
    """One run per data folder: a second `make run` of the same checkout (on
    another port, as the port message suggests) would start a second beat,
    and every scheduled job (reminders, escalations, e-mails) would run
    twice. The lock lasts as long as the returned file stays open, and the
    system drops it when the run ends, however it ends."""
    berkas = (Path(settings.VAR_DIR) / "jalankan.pid").open("a+")
    try:
        fcntl.flock(berkas, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        berkas.seek(0)
        pid = berkas.read().strip()
        berkas.close()
        raise CommandError(
            f"make run lain masih berjalan untuk folder ini{f' (pid {pid})' if pid else ''}; hentikan dulu "
            "dengan Ctrl-C di terminalnya: dua make run berarti dua beat, dan setiap tugas terjadwal berjalan dua kali."
        ) from None
    berkas.truncate(0)
    berkas.write(f"{os.getpid()}\n")
    berkas.flush()
    return berkas


def sambutan() -> str:
    """The block printed once the site answers."""
    garis = "=" * 72
    situs = alamat()
    baris = [
        "",
        garis,
        f"  PST Layanan berjalan di {situs}/",
        "",
        "  Akun demo:",
        *(f"    {baris_akun(email, peran, sandi)}" for email, _n, peran, sandi in AKUN_DEMO),
        "",
        "  Halaman:",
        *(f"    {nama:<33} {situs}{reverse(url)}" for nama, url in HALAMAN),
        "",
    ]
    if settings.PST_DEMO_BUKA_SEPANJANG_WAKTU:
        baris.append("  Mode demo: antrian dibuka sepanjang waktu (PST_DEMO_BUKA_SEPANJANG_WAKTU=1).")
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        baris.append(f"  E-mail demo disimpan sebagai berkas di {settings.EMAIL_FILE_PATH}/")
    baris += ["  Hentikan dengan Ctrl-C.", garis, ""]
    return "\n".join(baris)


class Pengelola(honcho_manager.Manager):
    """honcho's manager, with a stop asked for before every process has
    started (Ctrl-C in the instant after they are launched) held until they
    have: honcho signals each by the pid its start reports, and a process
    without one yet failed the stop (KeyError), ran on, and left the run
    waiting for it. `_all_started` is asked on every turn of the loop."""

    _berhenti_tertunda = False

    def terminate(self):
        if not super()._all_started():
            self._berhenti_tertunda = True
            return
        super().terminate()

    def _all_started(self):
        semua = super()._all_started()
        if semua and self._berhenti_tertunda:
            self._berhenti_tertunda = False
            super().terminate()
        return semua


def _tunggu_situs(batas_detik: float = 120) -> bool:
    batas = time.monotonic() + batas_detik
    while time.monotonic() < batas:
        try:
            with urllib.request.urlopen(f"{alamat()}/healthz", timeout=2) as jawaban:
                if jawaban.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def _berhenti_saat_terminal_ditutup() -> None:
    """Closing the terminal window hangs up make and this command, not the
    processes, which honcho starts in sessions of their own: left alone they
    would run on, holding the port, and the next `make run` would be refused.
    On a hang-up, stop them as Ctrl-C does (SIGTERM goes through honcho's
    handler). `nohup make run` ignores hang-ups on purpose and keeps that."""
    if signal.getsignal(signal.SIGHUP) is not signal.SIG_DFL:
        return
    utama = os.getpid()

    def tutup(signum, frame):
        if os.getpid() != utama:
            return  # honcho's reader processes, forked with this handler: each ends with its process
        # The terminal is gone: the next line written to it would fail and end the loop
        # before the processes are stopped.
        kosong = os.open(os.devnull, os.O_WRONLY)
        os.dup2(kosong, sys.stdout.fileno())
        os.dup2(kosong, sys.stderr.fileno())
        signal.raise_signal(signal.SIGTERM)

    signal.signal(signal.SIGHUP, tutup)


class Command(BaseCommand):
    help = "Jalankan web, worker dan beat dari Procfile untuk mencoba PST Layanan secara lokal."

    def add_arguments(self, parser):
        parser.add_argument(
            "--procfile",
            default=str(Path(settings.BASE_DIR) / "Procfile"),
            help="Procfile yang dijalankan (bawaan: Procfile di folder proyek)",
        )

    def handle(self, *args, procfile, **options):
        if not settings.DEBUG:
            # With the production environment loaded this would start a second beat (every
            # scheduled job twice: reminders, escalations, e-mails) and a development server.
            raise CommandError(
                "jalankan hanya untuk mencoba secara lokal (DEBUG=1); produksi berjalan lewat unit "
                "systemd di deploy/ (README, Production)."
            )
        pastikan_port_bebas()  # a PORT that is no port, or is taken, stops here, not in runserver's words
        honcho_manager.KILL_WAIT = TUNGGU_BERHENTI_DETIK
        pengelola = Pengelola(Printer(sys.stdout))
        try:
            isi = Path(procfile).read_text()
        except OSError as exc:
            raise CommandError(f"Procfile {procfile} tidak dapat dibaca: {exc.strerror or exc}.") from None
        self.kunci = kunci_folder()  # held while the run lasts
        for nama, perintah in parse_procfile(isi).processes.items():
            pengelola.add_process(nama, perintah, cwd=str(settings.BASE_DIR))

        def umumkan():
            if _tunggu_situs():
                sys.stdout.write(sambutan() + "\n")
                sys.stdout.flush()

        threading.Thread(target=umumkan, daemon=True).start()
        _berhenti_saat_terminal_ditutup()
        pengelola.loop()
        if pengelola.returncode in BERHENTI_DIMINTA:
            self.stdout.write("PST Layanan berhenti.")
            return
        sys.exit(pengelola.returncode or 0)
