"""Restore drill: restore a backup archive into a scratch database and a
scratch private-files folder, then check that nothing was lost.

    make restore-drill DRILL_DATABASE_URL=postgres://postgres@127.0.0.1:5432/pst_latihan \
                       DRILL_PRIVATE_ROOT=/var/tmp/pst-latihan-berkas [ARSIP=var/cadangan/pst-....tar.gz]

Without ARSIP the newest archive in PST_CADANGAN_DIR (default
VAR_DIR/cadangan) is used. Steps:
0. the archive is opened and checked as `pulihkan` does (passphrase from
   PST_CADANGAN_KUNCI); one that cannot be opened fails the drill with that
   message, before anything is emptied;
1. the scratch database is dropped and created again (PostgreSQL: through
   the `postgres` maintenance database; SQLite: the file is removed), and the
   scratch folder emptied — both must differ from the live DATABASE_URL and
   PRIVATE_ROOT, and the folder must be new, empty or a previous drill's;
2. `manage.py migrate` up to the migrations the archive was made at, and
   `manage.py pulihkan --noinput`, run against them, exactly as a real
   restore would;
3. every table's row count in the scratch database is compared with the
   number of rows of that model in the archive, and every file's SHA-256 in
   the scratch folder with the file in the archive;
4. `manage.py migrate` brings the restored data to this code's schema, as
   after a restore of an archive made before an upgrade.
Prints one line per table and a summary; exit status 1 on any difference.
The live database and files are only read (the archive path), never written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
PENANDA = ".latihan-pulih"  # marks a folder this drill may empty next time
# Beat's "schedules changed" stamp: rewritten whenever a schedule row is saved,
# loading the archive included, so its count says nothing about the backup.
TIDAK_DIBANDINGKAN = {"django_celery_beat.periodictasks"}


def arsip_terbaru() -> Path:
    var = Path(os.environ.get("VAR_DIR") or BASE / "var")
    folder = Path(os.environ.get("PST_CADANGAN_DIR") or var / "cadangan")
    from pst_layanan.cadangan import urut_arsip  # main() puts the project on sys.path first

    arsip = urut_arsip(folder) if folder.is_dir() else []
    if not arsip:
        raise SystemExit(f"Tidak ada arsip pst-* di {folder}; beri ARSIP=<berkas>.")
    return arsip[-1]


def tolak_bila_produksi(url: str, root: Path) -> None:
    """The drill empties its targets: they must not be the live ones."""
    from pst_layanan.env import database_config

    langsung = os.environ.get("DATABASE_URL")
    if langsung and database_config("X", url)["NAME"] == database_config("X", langsung)["NAME"]:
        raise SystemExit("Database latihan sama dengan DATABASE_URL yang dipakai situs: ditolak.")
    live = Path(os.environ.get("PRIVATE_ROOT") or Path(os.environ.get("VAR_DIR") or BASE / "var") / "berkas")
    if root.resolve() == live.resolve():
        raise SystemExit("Folder latihan sama dengan PRIVATE_ROOT situs: ditolak.")
    if root.exists() and any(root.iterdir()) and not (root / PENANDA).exists():
        raise SystemExit(f"{root} berisi berkas lain (bukan folder latihan sebelumnya): ditolak.")


def siapkan_database(url: str) -> None:
    from pst_layanan.env import database_config

    cfg = database_config("DRILL_DATABASE_URL", url)
    if cfg["ENGINE"].endswith("sqlite3"):
        Path(cfg["NAME"]).unlink(missing_ok=True)
        return
    import psycopg2
    from psycopg2 import sql

    conn = psycopg2.connect(
        dbname="postgres", user=cfg["USER"], password=cfg["PASSWORD"], host=cfg["HOST"], port=cfg["PORT"] or None
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        nama = sql.Identifier(cfg["NAME"])
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(nama))
        cur.execute(sql.SQL("CREATE DATABASE {}").format(nama))
    conn.close()


def siapkan_folder(root: Path) -> None:
    import shutil

    if root.exists():
        shutil.rmtree(root)
    # pulihkan puts the archive's files here; the marker is added back after it.


def migrasi_ke_skema_arsip(info: dict) -> None:
    """The scratch database at the migrations the archive was made at (every
    migration for an archive that did not record them): `pulihkan` refuses
    data older or newer than the database's schema."""
    from django.core.management import call_command

    from pst_layanan.cadangan import sasaran_migrasi

    sasaran = sasaran_migrasi(info)
    if sasaran is None:
        call_command("migrate", interactive=False, verbosity=0)
        return
    for app, nama in sorted(sasaran.items()):
        if nama != "zero":
            call_command("migrate", app, nama, interactive=False, verbosity=0)


def sidik_berkas(root: Path) -> dict[str, str]:
    """The SHA-256 of every restored file, by its path under `root`, as the archive's manifest lists them."""
    from pst_layanan.cadangan import sha256_berkas

    if not root.is_dir():
        return {}
    berkas = sorted(p for p in root.rglob("*") if p.is_file() and p.name != PENANDA)
    return {path.relative_to(root).as_posix(): sha256_berkas(path) for path in berkas}


def bandingkan_tabel(harapan: dict[str, int]) -> list[str]:
    """Every table the archive counted in its snapshot against the restored database."""
    from django.apps import apps

    selisih = []
    for label in sorted(k for k in harapan if k.lower() not in TIDAK_DIBANDINGKAN):
        try:
            model = apps.get_model(label)
        except LookupError:
            selisih.append(f"{label}: ada di arsip, tidak ada di kode ini")
            continue
        ada = model._base_manager.count()
        if ada == harapan[label] == 0:
            continue
        tanda = "OK" if ada == harapan[label] else "BEDA"
        print(f"  {tanda:4} {label:45} arsip {harapan[label]:>8}  dipulihkan {ada:>8}")
        if ada != harapan[label]:
            selisih.append(f"{label}: arsip {harapan[label]}, dipulihkan {ada}")
    return selisih


def bandingkan_berkas(harapan: dict[str, str], ada: dict[str, str]) -> list[str]:
    selisih = [f"berkas hilang: {p}" for p in sorted(set(harapan) - set(ada))]
    selisih += [f"berkas tak dikenal: {p}" for p in sorted(set(ada) - set(harapan))]
    selisih += [f"isi berbeda: {p}" for p in sorted(set(harapan) & set(ada)) if harapan[p] != ada[p]]
    return selisih


def main() -> int:
    ap = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    ap.add_argument("arsip", nargs="?", help="arsip cadangan (bawaan: yang terbaru)")
    ap.add_argument("--database-url", required=True, help="database latihan (dikosongkan!)")
    ap.add_argument("--private-root", required=True, help="folder berkas latihan (dikosongkan!)")
    args = ap.parse_args()
    sys.path.insert(0, str(BASE))
    root = Path(args.private_root)
    # Compared with the live DATABASE_URL and PRIVATE_ROOT, so before they are replaced below.
    tolak_bila_produksi(args.database_url, root)
    # Settings read the scratch targets; nothing connects before the database is made again.
    os.environ.update(DATABASE_URL=args.database_url, PRIVATE_ROOT=args.private_root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pst_layanan.settings")
    import django

    django.setup()  # pst_layanan.cadangan, which lists the archives, imports models
    arsip = Path(args.arsip) if args.arsip else arsip_terbaru()
    if not arsip.is_file():
        raise SystemExit(f"Arsip {arsip} tidak ditemukan; tidak ada yang diubah.")

    print(f"Latihan pemulihan dari {arsip} ke {args.database_url.rsplit('@', 1)[-1]} dan {root}")
    from django.core.management import CommandError, call_command

    from pst_layanan import cadangan

    # An archive that cannot be opened (a lost passphrase, a damaged copy) is
    # what the drill exists to find: said in its words, before the scratch
    # targets are emptied. The manifest holds the snapshot's counts and file hashes.
    try:
        with tempfile.TemporaryDirectory() as tmp:
            info = cadangan.buka_arsip(arsip, Path(tmp), os.environ.get(cadangan.ENV_KUNCI) or None)
    except cadangan.CadanganGagal as exc:
        print(f"LATIHAN PEMULIHAN GAGAL: {exc}")
        return 1
    siapkan_database(args.database_url)
    siapkan_folder(root)
    migrasi_ke_skema_arsip(info)
    try:
        call_command("pulihkan", str(arsip), interactive=False)
    except CommandError as exc:
        print(f"LATIHAN PEMULIHAN GAGAL: {exc}")
        return 1
    (root / PENANDA).touch()

    selisih = bandingkan_tabel(info["jumlah"])
    harapan = {nama: berkas["sha256"] for nama, berkas in info["berkas"].items()}
    selisih += bandingkan_berkas(harapan, sidik_berkas(root))
    print(f"  berkas: {len(harapan)} di arsip, SHA-256 dibandingkan satu per satu")
    if selisih:
        print("LATIHAN PEMULIHAN GAGAL:\n  " + "\n  ".join(selisih))
        return 1
    call_command("migrate", interactive=False, verbosity=0)
    print("  migrate: data yang dipulihkan sampai skema versi ini")
    print("LATIHAN PEMULIHAN OK: semua tabel dan berkas sama dengan arsip.")
    return 0


def jalankan() -> int:
    """main(), with the operator's foreseeable mistakes told in one line: a scratch
    DATABASE_URL mistyped, its server down or refusing the login."""
    try:
        return main()
    except Exception as exc:
        import psycopg2
        from django.core.exceptions import ImproperlyConfigured
        from django.db import DatabaseError

        from pst_layanan.galat import baris_pertama

        if not isinstance(exc, (ImproperlyConfigured, DatabaseError, psycopg2.Error)):
            raise
        print(f"LATIHAN PEMULIHAN GAGAL: {baris_pertama(exc)}")
        return 1


if __name__ == "__main__":
    sys.exit(jalankan())
