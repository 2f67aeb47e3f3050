"""Helpers the benchmark scripts share: their own PostgreSQL database, Django
set up on it, and set-based seeding."""

import os
import time
from contextlib import contextmanager

SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


def siapkan_database(ulang: bool, nama: str) -> bool:
    """Create the database `nama` (dropped first with `ulang`); True when it is new (needs seeding)."""
    import psycopg2
    from psycopg2 import sql

    koneksi = psycopg2.connect(f"{SERVER}/postgres")
    koneksi.autocommit = True
    with koneksi.cursor() as c:
        if ulang:
            c.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(nama)))
        c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nama])
        baru = c.fetchone() is None
        if baru:
            c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(nama)))
    koneksi.close()
    return baru


def django_siap(nama_db: str) -> None:
    """Django on the benchmark's database `nama_db`, migrated."""
    os.environ["DATABASE_URL"] = f"{SERVER}/{nama_db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pst_layanan.settings")
    import django

    django.setup()
    from django.conf import settings

    # A private in-process cache: the timings never depend on (or clear) a shared cache.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def database_terisi(ulang: bool, nama: str, tanda: str, isi) -> None:
    """The database `nama` ready to time: created (dropped first with `ulang`),
    migrated, seeded by `isi()` and VACUUM ANALYZEd. A seed is one transaction:
    one that failed left the database migrated with no `tanda` row ("app.Model"),
    so it is seeded again."""
    baru = siapkan_database(ulang, nama)
    django_siap(nama)
    from django.apps import apps
    from django.db import connection

    if not baru and apps.get_model(tanda).objects.exists():
        return
    isi()
    mulai = time.perf_counter()
    with connection.cursor() as c:
        # As autovacuum leaves years-old rows: all-visible, so index-only scans skip the table.
        c.execute("VACUUM ANALYZE")
    print(f"  VACUUM ANALYZE: {time.perf_counter() - mulai:.1f} s", flush=True)


@contextmanager
def seed(judul: str):
    """A cursor to seed with, after printing `judul`: one transaction (a seed
    that fails leaves nothing half-done) that does not wait on each flush to disk."""
    from django.db import connection, transaction

    print(judul, flush=True)
    with transaction.atomic(), connection.cursor() as c:
        c.execute("SET LOCAL synchronous_commit = off")
        yield c


def waktu_berulang(fungsi, kali: int = 5) -> list[float]:
    """The seconds each of `kali` runs of `fungsi()` took."""
    hasil = []
    for _ in range(kali):
        mulai = time.perf_counter()
        fungsi()
        hasil.append(time.perf_counter() - mulai)
    return hasil


def awal_seed(bulan: int) -> tuple[object, int, str, str]:
    """What every transaction seed starts from: the benchmark visitor, the
    paid service's pk, and the SQL of the seeded span (its first instant,
    `bulan` months before this month, and its length in seconds)."""
    from antrian.models import Layanan
    from pst_layanan.models import Pengguna
    from pst_layanan.sop import KODE_LAYANAN_BERBAYAR

    pengguna, _ = Pengguna.objects.get_or_create(
        email="bench@contoh.id", defaults={"nama_lengkap": "Pengunjung Bench", "email_terverifikasi": True}
    )
    layanan = Layanan.objects.get(kode=KODE_LAYANAN_BERBAYAR).pk
    return pengguna, layanan, f"(date_trunc('month', now()) - interval '{bulan} months')", f"{bulan} * 30 * 86400"


def kunci_sesi(user) -> str:
    """A logged-in session of `user`, saved in the session store: its key."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    sesi = SessionStore()
    sesi[SESSION_KEY] = str(user.pk)
    sesi[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    sesi[HASH_SESSION_KEY] = user.get_session_auth_hash()
    sesi.save()
    return sesi.session_key


def _kolom(model, isi: dict[str, str]) -> tuple[str, str]:
    """Column list and SELECT expressions for an INSERT … SELECT of `model`:
    `isi` gives SQL per column; every other NOT NULL column gets its Django
    default (so columns other apps add later do not break the seed)."""
    from django.db import connection, models

    kolom, nilai = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key and f.column not in isi:
            continue
        if f.column in isi:
            ekspresi = isi[f.column]
        elif f.null:
            continue
        elif f.has_default() and (f.is_relation or not callable(f.default)):
            # A relation's callable default is called once for all rows (the office: the province's).
            with connection.cursor() as c:
                ekspresi = c.mogrify("%s", [f.get_db_prep_value(f.get_default(), connection)]).decode()
        elif isinstance(f, models.DateTimeField):
            ekspresi = "now()"
        elif isinstance(f, models.JSONField):
            ekspresi = "'{}'::jsonb"
        elif isinstance(f, (models.CharField, models.TextField)):
            ekspresi = "''"
        else:
            raise RuntimeError(f"{model.__name__}.{f.name}: isi untuk kolom ini belum ditentukan")
        kolom.append(f'"{f.column}"')
        nilai.append(ekspresi)
    return ", ".join(kolom), ", ".join(nilai)


def isi_sql(c, model, isi: dict[str, str], dari: str, label: str):
    """INSERT … SELECT rows of `model` (`isi` as in `_kolom`) `dari` a FROM clause; prints the count and time."""
    kolom, nilai = _kolom(model, isi)
    mulai = time.perf_counter()
    c.execute(f"INSERT INTO {model._meta.db_table} ({kolom}) SELECT {nilai} {dari}")
    print(f"  {label}: {c.rowcount:,} baris, {time.perf_counter() - mulai:.1f} s", flush=True)


def lanjutkan_urutan(c, *tabel: str) -> None:
    """Each table's id sequence set past the ids a seed wrote itself, so the
    application's next insert does not collide with them."""
    for t in tabel:
        c.execute(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT max(id) FROM {t}))")


def isi_riwayat(c, kolom: tuple[str, ...], baris: list[tuple[str, ...]], saring: str = "") -> None:
    """History rows of every transaction `t` (`saring`, a WHERE clause, keeps
    some): one per row of `baris`, SQL values for the history columns `kolom`."""
    from transaksi.models import RiwayatTransaksi

    nilai = ", ".join(f"({', '.join(b)})" for b in baris)
    dari = f"FROM transaksi_transaksi t CROSS JOIN LATERAL (VALUES {nilai}) AS r({', '.join(kolom)}) {saring}"
    isi = {"transaksi_id": "t.id", "kantor_id": "t.kantor_id", **{k: f"r.{k}" for k in kolom}}
    isi_sql(c, RiwayatTransaksi, isi, dari.rstrip(), "riwayat transaksi")
