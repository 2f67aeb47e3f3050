"""Benchmark of the deadline jobs on PostgreSQL — a script, not a test.

    make bench-deadline            # or: .venv/bin/python bench/tenggat.py

Creates (drops first) the database `pst_bench` on the server of
BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/pst_bench),
migrates it, and seeds transactions spread over 5 years with one
`INSERT ... SELECT ... FROM generate_series` per step: most closed or
cancelled, 1% past their deadline and not yet escalated, 1% due for a
reminder, the rest open with a later deadline, waiting for the visitor, or
delivered. At 100,000 and then 1,000,000 rows (1% due for escalation, 1% for a
reminder: 10,000 each at 1M) it drains every due escalation and reminder the
way the task chain does (runs of `tenggat.BATAS_PER_JALAN` rows, each writing
its history rows and one e-mail per officer into the outbox) and counts the
SQL queries, beside the same-run floor: one SQL statement doing the same
updates and history rows. Then, with BENCH_BROKER_URL set (a Redis URL), the
same escalations are drained again through a real Celery worker (solo pool).
Targets: drain ≤ 2× the floor, queries per run the same at 100k and 1M, the
worker within 1.5× of the in-process drain.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pst_bench")
os.environ["DATABASE_URL"] = URL
os.environ["CELERY_BROKER_URL"] = "memory://localhost/"  # e-mails stay in the outbox table; nothing is sent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pst_layanan.settings")

UKURAN = [int(x) for x in os.environ.get("BENCH_UKURAN", "100000,1000000").split(",")]
PETUGAS, SUPERVISOR, PEMOHON = 20, 3, 1000


def buat_database() -> None:
    import psycopg2

    bagian = urlsplit(URL)
    nama = bagian.path.lstrip("/")
    server = urlunsplit(bagian._replace(path="/postgres"))
    koneksi = psycopg2.connect(server)
    koneksi.autocommit = True
    with koneksi.cursor() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')  # a killed run's worker may hold it
        c.execute(f'CREATE DATABASE "{nama}"')
    koneksi.close()


def siapkan_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def buat_pengguna() -> tuple[list[int], list[int]]:
    from django.contrib.auth.models import Group

    from pst_layanan.models import Pengguna
    from pst_layanan.roles import PETUGAS as G_PETUGAS
    from pst_layanan.roles import SUPERVISOR as G_SUPERVISOR

    def banyak(awalan, n):
        return Pengguna.objects.bulk_create(
            Pengguna(email=f"{awalan}{i}@bench.pst", nama_lengkap=f"{awalan.title()} {i}", password="!")
            for i in range(n)
        )

    petugas, supervisor, pemohon = (
        banyak("petugas", PETUGAS),
        banyak("supervisor", SUPERVISOR),
        banyak("pemohon", PEMOHON),
    )
    Group.objects.get(name=G_PETUGAS).user_set.add(*petugas)
    Group.objects.get(name=G_SUPERVISOR).user_set.add(*supervisor)
    return [p.pk for p in petugas], [p.pk for p in pemohon]


def isi_transaksi(dari: int, sampai: int, petugas: list[int], pemohon: list[int], now, ambang) -> None:
    """Rows dari..sampai-1 in one INSERT ... SELECT over generate_series.

    g % 100: 0 overdue, not escalated (1%); 1 due for a reminder (1%); 2–3
    open with a later deadline; 4 overdue and already escalated; 5 the
    visitor's turn (delivery clock paused: no deadline stored, 0–9 working
    days used); 6 delivered, waiting for a rating;
    7–11 cancelled; the rest closed.
    """
    from django.db import connection

    from pst_layanan.models import kantor_bawaan
    from transaksi.models import Transaksi

    tahun5 = 5 * 365 * 86400
    ekspresi = {
        "nomor": "'BENCH-' || g",
        # One office: the staff are assigned to none, so they count for the province's.
        "kantor_id": str(kantor_bawaan()),
        "pemohon_id": f"(ARRAY{pemohon})[1 + g % {len(pemohon)}]",
        # Officers spread at random, unassigned as one more "officer".
        "petugas_id": f"(ARRAY[{','.join(map(str, petugas))},NULL]::bigint[])"
        f"[1 + abs(hashtext(g::text)) % {len(petugas) + 1}]",
        "keperluan": "'Penelitian'",
        "kelas_harga": "'berbayar'",
        "total": "50000",
        "dibuat_pada": f"CASE WHEN g % 100 < 7 THEN %(now)s - interval '1 day' * (g % 20) "
        f"ELSE %(now)s - interval '1 second' * ((g::bigint * 7919) % {tahun5}) END",
        "diubah_pada": "%(now)s",
        "status": "CASE g % 100 WHEN 0 THEN 'diajukan' WHEN 1 THEN 'diproses' WHEN 2 THEN 'diajukan' "
        "WHEN 3 THEN 'menunggu_verifikasi' WHEN 4 THEN 'diproses' WHEN 5 THEN 'menunggu_pembayaran' "
        "WHEN 6 THEN 'diserahkan' ELSE CASE WHEN g % 100 < 12 THEN 'dibatalkan' ELSE 'selesai' END END",
        "jam": "CASE WHEN g % 100 IN (0, 2) THEN 'periksa' WHEN g % 100 IN (1, 3, 4, 5) THEN 'proses' ELSE '' END",
        "jam_mulai": "CASE WHEN g % 100 < 6 THEN %(now)s - interval '14 days' END",
        "jam_hari_terpakai": "CASE WHEN g % 100 = 5 THEN g % 10 ELSE 0 END",
        "jam_dijeda_pada": "CASE WHEN g % 100 = 5 THEN %(now)s - interval '1 hour' * (1 + g % 500) END",
        "batas_waktu": "CASE g % 100 "
        "WHEN 0 THEN %(now)s - interval '1 minute' * (1 + g % 5000) "
        "WHEN 4 THEN %(now)s - interval '1 minute' * (1 + g % 5000) "
        # Reminders due 30–600 minutes ahead, spread by g / 100 (g % 600 takes only six values
        # on these rows, one of them 2 minutes: those would fall overdue during the run).
        "WHEN 1 THEN %(now)s + interval '1 minute' * (30 + (g / 100) % 571) "
        "WHEN 2 THEN %(ambang)s + interval '1 hour' * (1 + g % 200) "
        "WHEN 3 THEN %(ambang)s + interval '1 hour' * (1 + g % 200) END",
        "eskalasi_pada": "CASE WHEN g % 100 = 4 THEN %(now)s - interval '1 day' END",
        "pengingat_pada": "CASE WHEN g % 100 = 4 THEN %(now)s - interval '2 days' END",
        "diserahkan_pada": "CASE WHEN g % 100 = 6 THEN %(now)s - interval '1 hour' * (g % 48) END",
    }
    medan = [f for f in Transaksi._meta.concrete_fields if not f.primary_key]
    for f in medan:
        if f.attname not in ekspresi and not f.null:
            raise SystemExit(f"bench/tenggat.py: kolom wajib {f.attname} belum diisi")
    kolom = ", ".join(connection.ops.quote_name(f.column) for f in medan)
    nilai = ", ".join(ekspresi.get(f.attname, "NULL") for f in medan)
    sql = (
        f"INSERT INTO {Transaksi._meta.db_table} ({kolom}) "
        f"SELECT {nilai} FROM generate_series(%(dari)s, %(sampai)s) AS g"
    )
    sql = sql.replace(" % ", " %% ")  # modulo, not a parameter
    with connection.cursor() as c:
        c.execute(sql, {"now": now, "ambang": ambang, "dari": dari, "sampai": sampai - 1})
        c.execute(f"VACUUM ANALYZE {Transaksi._meta.db_table}")


def lantai_sql(nama: str, now) -> float:
    """The same-run reference: ONE SQL statement doing the drain's updates and
    history rows (no e-mail), rolled back so the drain finds the same rows."""
    from django.db import connection, transaction

    from transaksi import tenggat
    from transaksi.models import RiwayatTransaksi, Transaksi

    kondisi = tenggat.perlu_eskalasi(now) if nama == "eskalasi" else tenggat.perlu_pengingat(now)
    kolom_flag = "eskalasi_pada" if nama == "eskalasi" else "pengingat_pada"
    pilih, param = Transaksi.objects.filter(kondisi).values("pk").query.sql_with_params()
    kolom, ekspresi, param_riwayat = tenggat.kolom_riwayat_massal(
        jenis=nama, waktu=now, catatan="Batas waktu SOP terlewati."
    )
    perintah = (
        f"WITH klaim AS (UPDATE {Transaksi._meta.db_table} SET {kolom_flag} = %s WHERE id IN ({pilih}) "
        f"RETURNING id, kantor_id, jam, batas_waktu) INSERT INTO {RiwayatTransaksi._meta.db_table} ({kolom}) "
        f"SELECT {ekspresi} FROM klaim"
    )
    with transaction.atomic(), connection.cursor() as c:
        mulai = time.perf_counter()
        c.execute(perintah, [now, *param, *param_riwayat])
        detik = time.perf_counter() - mulai
        transaction.set_rollback(True)
    return detik


def kuras(fungsi) -> dict:
    """Drain everything due: run the job until a run is not full, as the task chain does."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pst_layanan.models import Surel
    from transaksi import tenggat

    surel_awal, semua, jalan = Surel.objects.count(), [], 0
    with CaptureQueriesContext(connection) as kueri:
        mulai = time.perf_counter()
        while True:
            ids = fungsi()
            semua += ids
            jalan += 1
            if len(ids) < tenggat.BATAS_PER_JALAN:
                break
        detik = time.perf_counter() - mulai
    return {
        "baris": len(semua),
        "ids": semua,
        "detik": detik,
        "jalan": jalan,
        "kueri": len(kueri.captured_queries),
        "surel": Surel.objects.count() - surel_awal,
    }


def kuras_lewat_worker(ids: list[int], now) -> float | None:
    """The same escalations drained by a real Celery worker (Redis broker
    BENCH_BROKER_URL): flags reset, one task sent, timed until none is due."""
    import subprocess

    from transaksi import tenggat
    from transaksi.models import Transaksi

    broker = os.environ.get("BENCH_BROKER_URL")
    if not broker:
        print("BENCH_BROKER_URL not set: the Celery drain is skipped.")
        return None
    Transaksi.objects.filter(pk__in=ids).update(eskalasi_pada=None)
    env = {**os.environ, "CELERY_BROKER_URL": broker, "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    worker = subprocess.Popen(
        # --purge: tasks another run left on the broker (a calendar recompute
        # of the load test) would run first, against this database.
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "pst_layanan",
            "worker",
            "--pool",
            "solo",
            "--purge",
            "--loglevel",
            "WARNING",
        ],
        cwd=AKAR,
        env=env,
        start_new_session=True,
    )
    try:
        time.sleep(8)  # the worker is up and idle before the clock starts
        from pst_layanan.celery import app
        from transaksi.tasks import eskalasi_task

        mulai = time.perf_counter()
        with app.connection_for_write(broker) as koneksi:
            eskalasi_task.apply_async(connection=koneksi)
        while Transaksi.objects.filter(tenggat.perlu_eskalasi(now)).exists():
            time.sleep(0.05)
            if time.perf_counter() - mulai > 300:
                raise SystemExit("worker did not drain in 300 s")
        return time.perf_counter() - mulai
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def main() -> None:
    from django.db import connection
    from django.utils import timezone

    buat_database()
    siapkan_django()
    from transaksi import tenggat
    from transaksi.models import Transaksi

    connection.ensure_connection()
    # A worker is a long-lived process: its URLconf and e-mail templates are
    # loaded once, before the first run, not inside a drain's time.
    from django.template.loader import get_template
    from django.urls import reverse

    reverse("transaksi:detail", args=["X"])
    for nama in ("eskalasi", "pengingat", "_daftar"):
        get_template(f"email/transaksi/tenggat/{nama}.txt")
    now = timezone.now()
    ambang = tenggat.ambang_pengingat(now)
    petugas, pemohon = buat_pengguna()
    hasil, terisi, terakhir = [], 0, None
    for n in UKURAN:
        mulai = time.perf_counter()
        isi_transaksi(terisi, n, petugas, pemohon, now, ambang)
        terisi = n
        print(f"seed {n:>9,} rows: {time.perf_counter() - mulai:6.1f} s", flush=True)
        for nama, fungsi in (("eskalasi", tenggat.eskalasi), ("pengingat", tenggat.pengingat)):
            kondisi = tenggat.perlu_eskalasi(now) if nama == "eskalasi" else tenggat.perlu_pengingat(now)
            jatuh_tempo = Transaksi.objects.filter(kondisi).count()
            lantai = lantai_sql(nama, now)
            # The floor's rolled-back update left a dead copy of every due row:
            # vacuumed away, as autovacuum would, so the drain does not pay for them.
            with connection.cursor() as c:
                c.execute(f"VACUUM {Transaksi._meta.db_table}")
            baris = kuras(fungsi)
            baris.update(job=nama, total=n, jatuh_tempo=jatuh_tempo, lantai=lantai)
            hasil.append(baris)
            if nama == "eskalasi":
                terakhir = baris

    print()
    print(f"Load: {os.getloadavg()[0]:.1f} (1 min). One run claims at most {tenggat.BATAS_PER_JALAN} rows.")
    print("| transactions | job | due | drained | runs | time | SQL floor | ratio | SQL queries | per run | e-mails |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for b in hasil:
        print(
            f"| {b['total']:,} | {b['job']} | {b['jatuh_tempo']:,} | {b['baris']:,} | {b['jalan']} | "
            f"{b['detik']:.2f} s | {b['lantai']:.2f} s | {b['detik'] / b['lantai']:.2f}× | {b['kueri']} | "
            f"{b['kueri'] / b['jalan']:.0f} | {b['surel']} |"
        )
    detik = kuras_lewat_worker(terakhir["ids"], now)
    if detik is not None:
        print(
            f"Celery worker drain of the same {terakhir['baris']:,} escalations: {detik:.2f} s "
            f"({detik / terakhir['detik']:.2f}× the in-process drain of {terakhir['detik']:.2f} s)"
        )


if __name__ == "__main__":
    main()
