"""Benchmark: today's queue read beside 1,200,000 past tickets in PostgreSQL.

    make bench-queue            # or: .venv/bin/python bench/antrian.py [--ulang]

Creates (once) its own database `pst_bench_antrian` (BENCH_DB) on the server
of BENCH_POSTGRES_URL, migrates it, seeds 1.2M finished tickets of earlier
days with their visits and call rows (set-based, `bench/_tiket_lampau.py`)
and 200 tickets today, then times, 50 runs each, what the front desk and the
waiting-room screens read:
- the display's and the live monitor's fragment renders (`antrian.layar`,
  `antrian.monitor`, cache bypassed),
- the desk's queue panel, a counter's queue, "people ahead" of a ticket,
beside the same-run reference: the raw SQL floor (one count of today's
waiting tickets by its index). Every query is EXPLAINed: a sequential scan
of the ticket or call tables is reported as a failure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))
sys.path.insert(0, str(AKAR / "bench"))

from _bantu import django_siap, siapkan_database  # noqa: E402

NAMA_DB = os.environ.get("BENCH_DB", "pst_bench_antrian")
TIKET_LAMPAU = int(os.environ.get("BENCH_TIKET", 1_200_000))
TIKET_HARI_INI = 200
ULANG = 50


def isi_data() -> None:
    """Past tickets once (minutes), today's queue afresh on every run."""
    import _tiket_lampau
    from django.db import connection

    from antrian.models import Layanan, Loket, Tiket
    from pst_layanan.models import Pengguna
    from pst_layanan.sop import KODE_LAYANAN_BERBAYAR

    pengunjung, _ = Pengguna.objects.get_or_create(email="riwayat@bench.test", defaults={"nama_lengkap": "Riwayat"})
    layanan = Layanan.objects.get(kode=KODE_LAYANAN_BERBAYAR)
    loket, _ = Loket.objects.get_or_create(nomor=1)
    loket.layanan.add(layanan)
    ada = Tiket.objects.count()
    with connection.cursor() as cur:
        if ada < TIKET_LAMPAU:
            mulai = time.perf_counter()
            _tiket_lampau.isi(cur, TIKET_LAMPAU - ada, pengunjung.pk, layanan.pk, loket.pk)
            print(f"seeded {TIKET_LAMPAU - ada} past tickets in {time.perf_counter() - mulai:.0f} s")
        _tiket_lampau.isi_hari_ini(cur, TIKET_HARI_INI, pengunjung.pk, layanan.pk)


def ukur(nama: str, kerja, rujukan_ms: float | None = None) -> float:
    from django.db import connection, reset_queries

    kerja()  # warm
    waktu = []
    for _ in range(ULANG):
        reset_queries()
        mulai = time.perf_counter()
        kerja()
        waktu.append((time.perf_counter() - mulai) * 1000)
    n = len(connection.queries)
    p50, p95 = statistics.median(waktu), statistics.quantiles(waktu, n=20)[18]
    rasio = f"  ({p50 / rujukan_ms:.1f}× floor)" if rujukan_ms else ""
    print(f"{nama:<34} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {n:2d} queries{rasio}")
    return p50


def periksa_rencana(kerja) -> list[str]:
    """EXPLAIN every query `kerja` runs; the plans that scan a big table."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q:
        kerja()
    buruk = []
    with connection.cursor() as cur:
        for query in q.captured_queries:
            teks = query["sql"]
            if not teks.lstrip().upper().startswith("SELECT"):
                continue
            cur.execute("EXPLAIN " + teks)
            rencana = "\n".join(r[0] for r in cur.fetchall())
            for tabel in ("antrian_tiket", "antrian_riwayattiket", "antrian_kunjungan"):
                if f"Seq Scan on {tabel}" in rencana:
                    buruk.append(f"{tabel}: {teks[:160]}")
    return buruk


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ulang", action="store_true", help="drop and reseed the database")
    args = parser.parse_args()
    siapkan_database(args.ulang, NAMA_DB)
    django_siap(NAMA_DB)
    from django.conf import settings

    settings.DEBUG = True  # count queries
    isi_data()

    from django.db import connection

    from antrian import layar, monitor, services, views
    from antrian.models import Loket, StatusTiket, Tiket

    loket = Loket.objects.get(nomor=1)
    terakhir = Tiket.objects.hari_ini().filter(status=StatusTiket.MENUNGGU).order_by("-pk").first()

    def lantai():
        with connection.cursor() as cur:
            cur.execute(
                "SELECT count(*) FROM antrian_tiket"
                " WHERE tanggal = (now() AT TIME ZONE 'Asia/Jakarta')::date AND status = 'menunggu'"
            )
            cur.fetchone()

    kerja = {
        "display fragment render": lambda: layar.render(loket.kantor_id),
        "monitor fragment render": lambda: monitor.render(loket.kantor_id),
        "desk: today's queue panel": lambda: views._antrian_hari_ini(loket.kantor_id),
        "counter: its queue (first 25)": lambda: list(services.antrian_untuk_loket(loket)[:25]),
        "public ticket: people ahead": lambda: services.orang_di_depan(terakhir),
    }
    print(f"tickets in the database: {Tiket.objects.count()}, today: {Tiket.objects.hari_ini().count()}")
    rujukan = ukur("reference: raw SQL floor", lantai)
    gagal = 0
    for nama, fungsi in kerja.items():
        ukur(nama, fungsi, rujukan)
        for baris in periksa_rencana(fungsi):
            gagal += 1
            print(f"  SEQUENTIAL SCAN {baris}")
    print("plans: every query by an index" if not gagal else f"plans: {gagal} sequential scans")
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
