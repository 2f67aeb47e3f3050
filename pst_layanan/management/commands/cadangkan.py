"""Back up the whole database and the private files it names into one dated archive.

    manage.py cadangkan                 # → var/cadangan/pst-YYYYMMDD-HHMMSS.tar.gz
    manage.py cadangkan --ke /mnt/nas   # another folder
    manage.py cadangkan --simpan 30     # keep the newest 30 archives (default PST_CADANGAN_SIMPAN)
    manage.py cadangkan --salin-ke nas@10.0.0.5:/pst   # then copy the folder's archives off the machine

With PST_CADANGAN_KUNCI set the archive is encrypted (…tar.gz.enc). The
database is read in one snapshot and exactly the files it names are
archived; see pst_layanan/cadangan.py. Restore with `manage.py pulihkan`.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pst_layanan import cadangan
from pst_layanan.env import tanpa_sandi

log = logging.getLogger(__name__)
# A copy off the machine not finished in this time has failed (a far side that hangs).
BATAS_SALIN_DETIK = 3 * 60 * 60


def gagal(pesan: str, untuk_log: str | None = None) -> CommandError:
    """The command's failure, also logged as an ERROR: the daily timer runs it
    unattended and no one reads its journal, so ADMINS hear of it through the
    outbox (pst_layanan/peringatan.py). `untuk_log` stands in for a message that
    names stored files, whose names may be an uploader's own."""
    log.error("Cadangan gagal: %s", untuk_log or pesan)
    return CommandError(pesan)


class Command(BaseCommand):
    help = "Cadangkan database dan berkas privat ke satu arsip bertanggal (var/cadangan/pst-YYYYMMDD-HHMMSS.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("--ke", default=str(settings.VAR_DIR / "cadangan"), help="folder tujuan arsip")
        parser.add_argument(
            "--simpan",
            type=int,
            default=settings.PST_CADANGAN_SIMPAN,
            help="jumlah arsip terbaru yang disimpan; yang lebih lama dihapus (0: simpan semua)",
        )
        parser.add_argument(
            "--salin-ke",
            default="",
            help="lalu salin arsip folder itu ke luar mesin: rclone:<remote>:<path>, atau tujuan rsync "
            "(user@host:/path atau folder terpasang); hanya menambah berkas",
        )
        parser.add_argument(
            "--wajib-terenkripsi",
            action="store_true",
            help=f"gagal bila {cadangan.ENV_KUNCI} kosong, alih-alih membuat arsip tanpa enkripsi (timer harian)",
        )

    def handle(self, *args, ke, simpan, salin_ke, wajib_terenkripsi=False, **options):
        if simpan < 0:
            raise CommandError("--simpan tidak boleh negatif.")
        kunci = os.environ.get(cadangan.ENV_KUNCI) or None
        if wajib_terenkripsi and not kunci:
            # A failure like any other, mailed: the site runs without the passphrase,
            # so nothing else would tell that no archive is made any more.
            raise gagal(f"{cadangan.ENV_KUNCI} (kata sandi enkripsi arsip) belum diisi; arsip tidak dibuat.")
        try:
            hasil = cadangan.buat_cadangan(Path(ke), simpan, kunci)
        except cadangan.CadanganGagal as exc:
            raise gagal(str(exc)) from None
        ukuran = hasil.arsip.stat().st_size / 1024 / 1024
        baris = sum(hasil.jumlah.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Cadangan tersimpan: {hasil.arsip} ({ukuran:.1f} MB; {baris} baris, {len(hasil.berkas)} berkas)."
            )
        )
        if not hasil.terenkripsi:
            self.stdout.write(f"Arsip tidak terenkripsi: isi {cadangan.ENV_KUNCI} agar terenkripsi.")
        for lama in hasil.dihapus:
            self.stdout.write(f"Arsip lama dihapus: {lama.name}")
        if hasil.hilang:
            ringkas = (
                f"{len(hasil.hilang)} berkas yang disebut database tidak ada di {settings.PRIVATE_ROOT} "
                "(tercatat di info.json arsip; arsip lama tidak dihapus)"
            )
            raise gagal(f"{ringkas}: {', '.join(hasil.hilang[:5])}", f"{ringkas}: {hasil.arsip.name}")
        if salin_ke:
            salin_ke_luar(Path(ke), salin_ke, hasil.arsip)
            self.stdout.write(f"Arsip disalin ke {tanpa_sandi(salin_ke)}.")


def salin_ke_luar(folder: Path, tujuan: str, arsip: Path) -> None:
    """Copy the folder's archives off the machine (only adding files). Done
    here, not by the timer's script, so a copy that fails (the far side full,
    its key refused, a mounted folder the unit may not write) is an ERROR
    mailed to ADMINS like a failed backup: otherwise the off-site copies
    could stop for months while every nightly archive looked fine."""
    if tujuan.startswith("rclone:"):
        perintah = ["rclone", "copy", "--include", "pst-*", str(folder), tujuan.removeprefix("rclone:")]
    else:
        perintah = ["rsync", "-a", "--include", "pst-*", "--exclude", "*", f"{folder}/", f"{tujuan}/"]
    try:
        hasil = subprocess.run(perintah, capture_output=True, text=True, timeout=BATAS_SALIN_DETIK)
        # rsync's first line names the cause ("ssh: … Connection refused"), its last only a code.
        sebab = (hasil.stderr.strip().splitlines() or [f"kode keluar {hasil.returncode}"])[0]
    except (OSError, subprocess.TimeoutExpired) as exc:  # the program not installed, or hanging
        hasil, sebab = None, f"{perintah[0]}: {getattr(exc, 'strerror', None) or type(exc).__name__}"
    if hasil is None or hasil.returncode != 0:
        raise gagal(
            f"Arsip {arsip.name} tersimpan, tetapi salinan ke luar mesin ({tanpa_sandi(tujuan)}) gagal: {sebab}"
        )
