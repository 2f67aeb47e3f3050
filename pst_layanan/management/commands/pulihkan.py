"""Restore an archive made by `manage.py cadangkan`.

    manage.py pulihkan var/cadangan/pst-20260316-090000.tar.gz
    PST_CADANGAN_KUNCI=... manage.py pulihkan var/cadangan/pst-20260316-090000.tar.gz.enc

Checks the whole archive first (passphrase, integrity, member names, every
file's bytes) — a refused archive changes nothing. Then empties the
database (flush) and loads the archive's data in one transaction — a failed
load leaves the database as it was — then puts the archive's private files
in PRIVATE_ROOT; the files there before are kept beside it as
`<PRIVATE_ROOT>.sebelum-<time>`. Run `migrate` first so the tables exist;
the archive may come from SQLite or PostgreSQL.
"""

from __future__ import annotations

import os
import pwd
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pst_layanan import cadangan


class Command(BaseCommand):
    help = "Pulihkan database dan berkas privat dari arsip `cadangkan` (SEMUA data sekarang diganti)."

    def add_arguments(self, parser):
        parser.add_argument("arsip", help="berkas pst-YYYYMMDD-HHMMSS.tar.gz (atau .tar.gz.enc)")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="jangan minta konfirmasi 'ya' (untuk skrip; arsip tetap diperiksa dulu)",
        )

    def handle(self, *args, arsip, interactive, **options):
        arsip = Path(arsip)
        if arsip.is_dir():
            raise CommandError(f"{arsip} adalah folder; sebutkan berkas arsipnya, mis. {arsip}/pst-….tar.gz.enc.")
        if not arsip.is_file():
            raise CommandError(f"Arsip {arsip} tidak ditemukan.")
        _pastikan_pemilik_berkas()
        kunci = os.environ.get(cadangan.ENV_KUNCI) or None
        with tempfile.TemporaryDirectory() as tmp:
            try:
                info = cadangan.buka_arsip(arsip, Path(tmp), kunci)
                cadangan.periksa_skema(info, arsip)
            except cadangan.CadanganGagal as exc:
                raise CommandError(str(exc)) from None
            if interactive:
                try:
                    jawab = input(
                        f"SEMUA data di database dan {settings.PRIVATE_ROOT} akan diganti isi {arsip.name} "
                        f"(dibuat {info.get('dibuat')}). Ketik 'ya': "
                    )
                except (EOFError, KeyboardInterrupt):
                    # No terminal to answer (a script, cron, Ctrl-D) or Ctrl-C: nothing was changed.
                    raise CommandError("Dibatalkan; tanpa terminal untuk menjawab, pakai --noinput.") from None
                if jawab.strip().lower() != "ya":
                    raise CommandError("Dibatalkan.")
            isi = Path(tmp) / "isi"
            try:
                cadangan.periksa_ruang_berkas(isi / cadangan.BERKAS, arsip)
                cadangan.periksa_folder_berkas()
                cadangan.pulihkan_data(isi, info)
            except cadangan.CadanganGagal as exc:
                raise CommandError(str(exc)) from None
            # What the message says of the previous files: still in place until moved aside.
            sebelumnya = f"Berkas sebelumnya tetap di {settings.PRIVATE_ROOT}"
            try:
                lama = cadangan.sisihkan_berkas()
                sebelumnya = f"Berkas sebelumnya tersimpan di {lama}" if lama else "Tidak ada berkas sebelumnya"
                cadangan.pasang_berkas(isi / cadangan.BERKAS)
            except OSError as exc:  # e.g. a full disk: the data is back, the files are not all there
                raise CommandError(
                    f"Database sudah dipulihkan dari {arsip.name}, tetapi berkas privat tidak dapat dipasang di "
                    f"{settings.PRIVATE_ROOT}: {exc.strerror or exc}. {sebelumnya}; atasi penyebabnya lalu "
                    "jalankan pulihkan lagi."
                ) from None

        self.stdout.write(self.style.SUCCESS(f"Dipulihkan dari {arsip.name}."))
        self.stdout.write("Salinan di tembolok (kantor, kalender, layar dan monitor antrian) sudah diperbarui.")
        if lama:
            self.stdout.write(f"Berkas privat sebelumnya disimpan di {lama}.")


def _pastikan_pemilik_berkas() -> None:
    """Refuse to run as another user than the owner of the private files'
    folder: files restored by root could not be read by the site's user, and
    every download would fail only after the restore had replaced everything."""
    folder = cadangan.folder_terdekat(Path(settings.PRIVATE_ROOT))
    pemilik = folder.stat().st_uid
    if os.geteuid() != pemilik:
        nama = _nama_pengguna(pemilik)
        raise CommandError(
            f"{folder} dimiliki pengguna {nama}: jalankan pulihkan sebagai pengguna itu "
            f"(sudo -E -u {nama} .venv/bin/python manage.py pulihkan ...), agar berkas yang "
            "dipulihkan dapat dibaca situs. Tidak ada yang diubah."
        )


def _nama_pengguna(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)
