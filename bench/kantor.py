"""Benchmark: one deployment for many offices. The pages of one office, the
deadline job and the province view with 51 offices, then with 501 (a national
rollout), on the same data per office.

    make bench-kantor           # or: .venv/bin/python bench/kantor.py [--ulang]

Creates its own database `pst_bench_kantor` (BENCH_DB) on BENCH_POSTGRES_URL,
migrates it and seeds, set-based (INSERT … SELECT generate_series), 51 offices
with BENCH_PER_KANTOR transactions each (default 2,000), two visits per
transaction, and each transaction's clock history (office clock and
processing clock, start and stop); then measures; then adds 450 offices with
the same data each and measures again. What it shows: each figure's query
count does not grow with the number of offices, and its time stays near the
single-office figures, because every office-owned table has an index that
leads with the office.

Measured (warm, median of 5; queries counted once):
- the dashboard of one office (`data_dasbor(bulan, kantor)`);
- the worklist of one office's officer, first page (`daftar_kerja`);
- one escalation batch of 100 overdue clocks (`tenggat.eskalasi`, rolled back);
- the province view (`data_provinsi`), every office side by side.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))
sys.path.insert(0, str(AKAR / "bench"))
os.environ.setdefault("BENCH_DB", "pst_bench_kantor")

from _bantu import (  # noqa: E402
    awal_seed,
    django_siap,
    isi_riwayat,
    isi_sql,
    lanjutkan_urutan,
    seed,
    siapkan_database,
    waktu_berulang,
)

PER_KANTOR = int(os.environ.get("BENCH_PER_KANTOR", 2_000))
BULAN = 12
TAHAP = (51, 501)


def _kantor_baru(c, sampai: int) -> None:
    """Offices up to `sampai` in all (the provincial office is the first)."""
    from pst_layanan.models import Kantor

    c.execute("SELECT count(*) FROM pst_layanan_kantor")
    ada = c.fetchone()[0]
    if ada < sampai:
        isi_sql(
            c,
            Kantor,
            {"kode": "(2000 + g)::text", "nama": "'BPS Bench ' || g", "email": "'pst' || g || '@bps.go.id'"},
            f"FROM generate_series({ada}, {sampai - 1}) g",
            "kantor",
        )
    c.execute("DROP TABLE IF EXISTS bench_kantor")
    c.execute(
        "CREATE TEMP TABLE bench_kantor AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM pst_layanan_kantor"
    )


def isi_kantor(dari: int, sampai: int) -> None:
    """Data of offices number [dari, sampai): PER_KANTOR transactions each, 2 visits per transaction."""
    from django.db import connection

    from antrian.models import Kunjungan
    from transaksi.models import Transaksi

    pengguna, layanan, awal, detik = awal_seed(BULAN)
    g0, g1 = dari * PER_KANTOR + 1, sampai * PER_KANTOR
    kantor = f"JOIN bench_kantor bk ON bk.i = (g - 1) / {PER_KANTOR}"
    with seed(f"Mengisi kantor ke-{dari + 1}…{sampai} ({(sampai - dari) * PER_KANTOR:,} transaksi)…") as c:
        _kantor_baru(c, sampai)
        isi_sql(
            c,
            Kunjungan,
            {
                "id": "g",
                "kantor_id": "bk.id",
                "pengunjung_id": str(pengguna.pk),
                "layanan_id": str(layanan),
                "kanal": "CASE WHEN g % 5 < 3 THEN 'langsung' ELSE 'online' END",
                "tiba_pada": f"{awal} + ((g::bigint * 7919) % ({detik})) * interval '1 second'",
            },
            f"FROM generate_series({2 * g0 - 1}, {2 * g1}) g JOIN bench_kantor bk ON bk.i = (g - 1) / {2 * PER_KANTOR}",
            "kunjungan",
        )
        # 94 % closed, 5 % open with a running office clock (deadline ahead), 1 % overdue and not escalated.
        isi_sql(
            c,
            Transaksi,
            {
                "id": "g",
                "kantor_id": "bk.id",
                "nomor": "'PSTK-' || g",
                "pemohon_id": str(pengguna.pk),
                "status": "CASE WHEN g % 100 < 6 THEN 'diajukan' ELSE 'selesai' END",
                "keperluan": "'bench'",
                "total": "(g % 7) * 50000",
                "jam": "CASE WHEN g % 100 < 6 THEN 'periksa' ELSE '' END",
                "jam_mulai": "CASE WHEN g % 100 < 6 THEN now() - interval '1 day' END",
                "batas_waktu": "CASE WHEN g % 100 = 0 THEN now() - interval '2 hours' "
                "WHEN g % 100 < 6 THEN now() + (g % 5 + 1) * interval '1 day' END",
                "diajukan_pada": f"{awal} + ((g::bigint * 104729) % ({detik})) * interval '1 second'",
                "dibuat_pada": f"{awal} + ((g::bigint * 104729) % ({detik})) * interval '1 second'",
                "lengkap_pada": f"{awal} + ((g::bigint * 104729) % ({detik}) + 86400) * interval '1 second'",
            },
            f"FROM generate_series({g0}, {g1}) g {kantor}",
            "transaksi",
        )
        mulai = "t.dibuat_pada"
        baris = []
        for nama, dari_jam, acak, batas in (("periksa", "1 hour", 5, "3 days"), ("proses", "2 days", 15, "14 days")):
            pada, sampai_ = f"{mulai} + interval '{dari_jam}'", f"{mulai} + interval '{batas}'"
            baris += [
                ("'jam_mulai'", "''", f"'{nama}'", pada, sampai_),
                ("'jam_berhenti'", "'diajukan'" if nama == "periksa" else "'diproses'", f"'{nama}'",
                 f"{pada} + (t.id % {acak}) * interval '1 day'", sampai_),
            ]  # fmt: skip
        selesai = f"WHERE t.status = 'selesai' AND t.id BETWEEN {g0} AND {g1}"
        isi_riwayat(c, ("jenis", "dari", "jam", "waktu", "batas_waktu"), baris, selesai)
        lanjutkan_urutan(c, "antrian_kunjungan", "transaksi_transaksi")
    with connection.cursor() as c:
        c.execute("ANALYZE")


def _ukur(fungsi, ulang: int = 5) -> tuple[int, float]:
    """(queries of one run, warm median ms)."""
    from django.conf import settings
    from django.db import connection, reset_queries

    fungsi()  # warm
    settings.DEBUG = True
    reset_queries()
    fungsi()
    n = len(connection.queries)
    settings.DEBUG = False
    return n, statistics.median(waktu_berulang(fungsi, ulang)) * 1000


class _Batal(Exception):
    pass


def ukur() -> dict[str, tuple[int, float]]:
    from django.contrib.auth.models import Group
    from django.db import transaction

    from penilaian.dasbor import data_dasbor
    from penilaian.provinsi import data_provinsi
    from pst_layanan.models import Kantor, Pengguna, kantor_bawaan
    from pst_layanan.periode import Bulan
    from pst_layanan.roles import PETUGAS
    from transaksi import selectors, tenggat

    bulan = Bulan.ini().geser(-1)
    kantor = Kantor.objects.get(pk=kantor_bawaan())
    petugas, _ = Pengguna.objects.get_or_create(email="petugas-bench@bps.go.id", defaults={"nama_lengkap": "Bench"})
    petugas.groups.add(Group.objects.get(name=PETUGAS))
    petugas.kantor.add(kantor)
    petugas = Pengguna.objects.get(pk=petugas.pk)

    def eskalasi():
        try:
            with transaction.atomic():
                tenggat.eskalasi(batas=100)
                raise _Batal
        except _Batal:
            pass

    return {
        "dasbor satu kantor": _ukur(lambda: data_dasbor(bulan, kantor.pk)),
        "daftar kerja (hal. 1)": _ukur(lambda: list(selectors.daftar_kerja(petugas)[:25])),
        "eskalasi 100 jam": _ukur(eskalasi),
        "dasbor provinsi": _ukur(lambda: data_provinsi(bulan)),
    }


def main():
    ulang = "--ulang" in sys.argv
    baru = siapkan_database(ulang, os.environ["BENCH_DB"])
    django_siap(os.environ["BENCH_DB"])
    from django.db import connection

    hasil = {}
    dari = 0
    for jumlah in TAHAP:
        with connection.cursor() as c:
            c.execute("SELECT count(*) FROM pst_layanan_kantor")
            ada = c.fetchone()[0]
        if baru or ada < jumlah:
            isi_kantor(dari, jumlah)
        dari = jumlah
        hasil[jumlah] = ukur()
        with connection.cursor() as c:
            c.execute("SELECT (SELECT count(*) FROM transaksi_transaksi), (SELECT count(*) FROM antrian_kunjungan)")
            t, k = c.fetchone()
        print(f"\n{jumlah} kantor: {t:,} transaksi, {k:,} kunjungan")
        for nama, (q, ms) in hasil[jumlah].items():
            print(f"  {nama:<24} {q:3d} query  {ms:8.1f} ms")
    a, b = TAHAP
    sama = all(hasil[a][n][0] == hasil[b][n][0] for n in hasil[a])
    print(f"\nJumlah query {a} vs {b} kantor: {'SAMA' if sama else 'BERBEDA'}")
    print("| ukuran | " + " | ".join(f"{n} kantor" for n in TAHAP) + " |")
    print("|---|" + "---|" * len(TAHAP))
    for nama in hasil[a]:
        print(f"| {nama} | " + " | ".join(f"{hasil[j][nama][0]} q / {hasil[j][nama][1]:.0f} ms" for j in TAHAP) + " |")


if __name__ == "__main__":
    main()
