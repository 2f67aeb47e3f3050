"""Benchmark: the long pages at the scale of years, beside a static page.

    make bench-pages            # or: .venv/bin/python bench/halaman.py [--ulang]

Uses the database of `bench/dashboard.py` (`pst_bench_dashboard`: 1,000,000
transactions with 9 history rows each, 2,000,000 visits over 36 months,
seeded set-based once; `--ulang` reseeds) and requests, through the whole
Django stack in this process (middleware, session, templates), each page
`BENCH_KALI` times (default 30, after 3 unmeasured): the officer worklist,
the deadline board, the visit history (opened as it opens, and a page
50,000 visits deep — page 1000 at 50 a page — of the last full month of
visits, by key), and the supervisor dashboard (warm; cold once: no closed
month stored, empty cache, in a process that has served one page already).
The reference in the same run is `/healthz`, a page without the database.
Targets: p95 < 150 ms for the lists, dashboard warm < 500 ms and cold < 1 s,
every page within 15 queries.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dashboard  # noqa: E402 - the shared seeding of the scale database

KALI = int(os.environ.get("BENCH_KALI", 30))
DALAM = 50_000  # visits before the deep page: page 1000 at 50 a page


def pengguna(email: str, peran: str):
    from django.contrib.auth.models import Group

    from pst_layanan.models import Pengguna

    p, _ = Pengguna.objects.get_or_create(
        email=email,
        defaults={"nama_lengkap": email.split("@")[0].title(), "email_terverifikasi": True, "is_staff": True},
    )
    p.groups.add(Group.objects.get(name=peran))
    return p


def ukur(klien, url: str, kali: int = KALI) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        assert klien.get(url).status_code == 200, url
    waktu = []
    for _ in range(kali):
        with CaptureQueriesContext(connection) as q:
            mulai = time.perf_counter()
            r = klien.get(url)
            waktu.append((time.perf_counter() - mulai) * 1000)
        assert r.status_code == 200, url
    waktu.sort()
    return {
        "p50": statistics.median(waktu),
        "p95": waktu[max(0, round(0.95 * len(waktu)) - 1)],
        "kueri": len(q.captured_queries),
    }


def kunci_dalam(bulan) -> str:
    """The key of the visit DALAM rows into the month's history, newest first (not timed)."""
    from antrian.models import Kunjungan
    from pst_layanan.halaman import kunci

    k = (
        Kunjungan.objects.filter(tiba_pada__gte=bulan.mulai, tiba_pada__lt=bulan.sampai)
        .order_by("-tiba_pada", "-pk")
        .values("tiba_pada", "pk")[DALAM - 1]
    )
    return kunci(k["tiba_pada"], k["pk"])


def main() -> None:
    dashboard.siapkan("--ulang" in sys.argv)
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from penilaian.models import RingkasanKepatuhan
    from pst_layanan.periode import Bulan
    from pst_layanan.roles import PETUGAS, SUPERVISOR

    petugas, supervisor = Client(), Client()
    petugas.force_login(pengguna("petugas.bench@bps.go.id", PETUGAS))
    supervisor.force_login(pengguna("supervisor.bench@bps.go.id", SUPERVISOR))
    bulan = Bulan.ini().geser(-1)
    # The seed spreads visits over 1080 days back from this month's start: the
    # month before last is the latest one with a full month of visits.
    penuh = bulan.geser(-1)
    rentang = f"dari={penuh.hari_pertama.isoformat()}&sampai={penuh.hari_terakhir.isoformat()}"
    dasbor = f"{reverse('penilaian:dasbor')}?bulan={bulan.kode}"

    # A running server has its URLconf and templates loaded: one dashboard of a
    # month whose 12-month trend shares no month with the measured one first.
    assert supervisor.get(f"{reverse('penilaian:dasbor')}?bulan={bulan.geser(-12).kode}").status_code == 200
    RingkasanKepatuhan.objects.all().delete()
    cache.clear()
    mulai = time.perf_counter()
    assert supervisor.get(dasbor).status_code == 200
    dingin = (time.perf_counter() - mulai) * 1000

    halaman = {
        "static page /healthz (reference)": (petugas, reverse("healthz")),
        "officer worklist": (petugas, reverse("transaksi:periksa")),
        "deadline board": (petugas, reverse("transaksi:tenggat")),
        "visit history, as opened (this month)": (petugas, reverse("antrian:riwayat")),
        f"visit history, {penuh.nama}, page 1": (petugas, f"{reverse('antrian:riwayat')}?{rentang}"),
        f"visit history, {penuh.nama}, {DALAM:,} deep": (
            petugas,
            f"{reverse('antrian:riwayat')}?{rentang}&sebelum={kunci_dalam(penuh)}",
        ),
        "supervisor dashboard (warm)": (supervisor, dasbor),
    }
    hasil = {nama: ukur(klien, url) for nama, (klien, url) in halaman.items()}
    acuan = hasil["static page /healthz (reference)"]["p95"]
    print(f"\nLoad: {os.getloadavg()[0]:.1f} (1 min). {KALI} requests per page, in process.")
    print("| page | p50 | p95 | p95 ÷ static page | SQL queries |")
    print("|---|---:|---:|---:|---:|")
    for nama, h in hasil.items():
        print(f"| {nama} | {h['p50']:.1f} ms | {h['p95']:.1f} ms | {h['p95'] / acuan:.1f}× | {h['kueri']} |")
    print(f"| supervisor dashboard (cold, once) | {dingin:.0f} ms | | | |")


if __name__ == "__main__":
    main()
