"""Benchmark: the supervisor dashboard on 1,000,000 transactions (with their
history rows) and 2,000,000 visits in PostgreSQL.

    make bench-dashboard        # or: .venv/bin/python bench/dashboard.py [--ulang]

Creates (once) its own database `pst_bench_dashboard` on the server of
BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432), migrates it,
seeds it with set-based SQL (generate_series; a few minutes), VACUUM ANALYZEs, then
times `penilaian.dasbor.data_dasbor` — everything the dashboard computes on the
server — for the last full month: one cold run and five warm runs, with each
part timed separately, beside the same-run floor: three raw SQL statements
that read the month's rows the dashboard reads, once each (the clock stops
grouped by clock with count, within deadline, median and p90; the ratings'
nine element averages; the visits counted). Target: < 1 s. `--ulang` drops
and reseeds.

Data shape: 36 months; visits 60 % walk-in (an arrival at the desk and a finished ticket), 40 %
online; transactions with 9 history rows each (5 status rows, an office clock
and a processing clock, start + stop), 10 % of clocks late; half rated.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from _bantu import awal_seed, database_terisi, isi_riwayat, isi_sql, lanjutkan_urutan, seed, waktu_berulang

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

NAMA_DB = os.environ.get("BENCH_DB", "pst_bench_dashboard")
TRANSAKSI = int(os.environ.get("BENCH_TRANSAKSI", 1_000_000))
KUNJUNGAN = int(os.environ.get("BENCH_KUNJUNGAN", 2_000_000))
BULAN = 36


def siapkan(ulang: bool) -> None:
    """This scale database ready to time (bench/halaman.py times its pages on it too)."""
    database_terisi(ulang, NAMA_DB, "transaksi.Transaksi", isi_data)


def isi_data():

    from antrian.models import Kedatangan, Kunjungan, Tiket
    from penilaian.models import Penilaian
    from transaksi.models import Transaksi

    pengguna, layanan, awal, detik = awal_seed(BULAN)
    with seed("Mengisi data (SQL berbasis himpunan)…") as c:
        # Visits spread over 36 months; 60 % walk-in with a finished ticket.
        isi_sql(
            c,
            Kunjungan,
            {
                "id": "g",
                "pengunjung_id": str(pengguna.pk),
                "layanan_id": str(layanan),
                "kanal": "CASE WHEN g % 5 < 3 THEN 'langsung' ELSE 'online' END",
                "tiba_pada": f"{awal} + ((g::bigint * 7919) % ({detik})) * interval '1 second'",
                "selesai_pada": f"{awal} + ((g::bigint * 7919) % ({detik}) + 3600) * interval '1 second'",
            },
            f"FROM generate_series(1, {KUNJUNGAN}) g",
            "kunjungan",
        )
        isi_sql(
            c,
            Tiket,
            {
                "kunjungan_id": "k.id",
                "layanan_id": str(layanan),
                "tanggal": "(k.tiba_pada AT TIME ZONE 'Asia/Jakarta')::date",
                "nomor": "k.id",
                "token": "md5(k.id::text)",
                "status": "'selesai'",
                "diambil_pada": "k.tiba_pada + (k.id % 25) * interval '1 minute'",
                "dipanggil_pada": "k.tiba_pada + (k.id % 25 + 5 + k.id % 40) * interval '1 minute'",
                "mulai_pada": "k.tiba_pada + (k.id % 25 + 6 + k.id % 40) * interval '1 minute'",
                "selesai_pada": "k.tiba_pada + (k.id % 25 + 6 + k.id % 40 + 10 + k.id % 70) * interval '1 minute'",
            },
            "FROM antrian_kunjungan k WHERE k.kanal = 'langsung'",
            "tiket",
        )
        # Each walk-in's arrival at the desk, where SOP step 3 (registration, 10 minutes) starts:
        # its ticket is taken 0-24 minutes later.
        isi_sql(
            c,
            Kedatangan,
            {
                "kantor_id": "k.kantor_id",
                "tanggal": "(k.tiba_pada AT TIME ZONE 'Asia/Jakarta')::date",
                "nomor": "k.id",
                "tiba_pada": "k.tiba_pada",
                "kunjungan_id": "k.id",
            },
            "FROM antrian_kunjungan k WHERE k.kanal = 'langsung'",
            "kedatangan",
        )
        isi_sql(
            c,
            Transaksi,
            {
                "id": "g",
                "nomor": "'PSTB-' || g",
                "pemohon_id": str(pengguna.pk),
                "status": "CASE WHEN g % 10 = 0 THEN 'diproses' ELSE 'selesai' END",
                "keperluan": "'bench'",
                "total": "(g % 7) * 50000",
                "dibuat_pada": f"{awal} + ((g::bigint * 104729) % ({detik})) * interval '1 second'",
                "lengkap_pada": f"{awal} + ((g::bigint * 104729) % ({detik}) + 86400) * interval '1 second'",
                "diproses_pada": f"{awal} + ((g::bigint * 104729) % ({detik}) + 2 * 86400) * interval '1 second'",
            },
            f"FROM generate_series(1, {TRANSAKSI}) g",
            "transaksi",
        )
        # History: 5 status rows + office clock (start/stop) + processing clock (start/stop).
        # Clock i stops after (g % 5) days (periksa, deadline 3 days) or (g % 15) days (proses, 10 days);
        # its working day of stopping is taken as that many days (the aggregate reads the column alone).
        mulai = "t.dibuat_pada"

        def jam(nama, status, dari, acak_hari, batas):
            """A clock's start and stop rows; it stops (t.id % acak_hari) days after it
            started, while the transaction was in `status` (the queue wait of step 5 is
            the stop of a submitted request's clock)."""
            pada, sampai = f"{mulai} + interval '{dari}'", f"{mulai} + interval '{batas}'"
            berhenti = f"{pada} + (t.id % {acak_hari}) * interval '1 day'"
            return [
                ("'jam_mulai'", "''", "''", f"'{nama}'", pada, sampai, "NULL"),
                ("'jam_berhenti'", f"'{status}'", "''", f"'{nama}'", berhenti, sampai, f"t.id % {acak_hari}"),
            ]

        baris = [
            ("'status'", "''", "'draf'", "''", f"{mulai}", "NULL", "NULL"),
            ("'status'", "'draf'", "'diajukan'", "''", f"{mulai} + interval '1 hour'", "NULL", "NULL"),
            *jam("periksa", "diajukan", "1 hour", 5, "3 days"),
            ("'status'", "'diajukan'", "'diproses'", "''", f"{mulai} + interval '2 hours'", "NULL", "NULL"),
            *jam("proses", "diproses", "2 days", 15, "14 days"),
            ("'status'", "'diproses'", "'diserahkan'", "''", f"{mulai} + interval '3 days'", "NULL", "NULL"),
            ("'status'", "'diserahkan'", "'selesai'", "''", f"{mulai} + interval '4 days'", "NULL", "NULL"),
        ]
        isi_riwayat(c, ("jenis", "dari", "ke", "jam", "waktu", "batas_waktu", "hari_kerja_ke"), baris)
        skor = {f"u{i}": f"1 + (t.id * {i + 3}) % 4" if i != 7 else "3 + t.id % 2" for i in range(1, 10)}
        isi_sql(
            c,
            Penilaian,
            {
                "transaksi_id": "t.id",
                "pengguna_id": str(pengguna.pk),
                "kanal": "'online'",
                "media": "'aplikasi'",
                "layanan_id": str(layanan),
                "umpan_balik": "CASE WHEN t.id % 50 = 0 THEN 'Saran ' || t.id ELSE '' END",
                "minta_tindak_lanjut": "t.id % 500 = 0",
                "dibuka_pada": "t.dibuat_pada + interval '4 days'",
                "dikirim_pada": "t.dibuat_pada + interval '4 days' + (t.id % 420) * interval '1 second'",
                **skor,
            },
            "FROM transaksi_transaksi t WHERE t.id % 2 = 0 AND t.status = 'selesai'",
            "penilaian",
        )
        lanjutkan_urutan(c, "antrian_kunjungan", "transaksi_transaksi", "penilaian_penilaian")


def ukur():
    from django.db import connection, reset_queries

    from penilaian import grafik, ikm, mutu
    from penilaian.dasbor import data_dasbor
    from penilaian.models import Penilaian
    from pst_layanan.periode import Bulan

    bulan = Bulan.ini().geser(-1)
    with connection.cursor() as c:
        c.execute(
            "SELECT (SELECT count(*) FROM transaksi_transaksi), (SELECT count(*) FROM antrian_kunjungan), "
            "(SELECT count(*) FROM transaksi_riwayattransaksi), (SELECT count(*) FROM penilaian_penilaian)"
        )
        t, k, r, p = c.fetchone()
    print(f"\nData: {t:,} transaksi, {r:,} riwayat, {k:,} kunjungan, {p:,} penilaian. Bulan diukur: {bulan.nama}")

    from django.conf import settings
    from django.core.cache import cache

    from penilaian.models import RingkasanKepatuhan

    settings.DEBUG = True  # count queries
    # Cold: no closed month stored yet, empty cache (the first view ever, before the daily beat job ran).
    RingkasanKepatuhan.objects.all().delete()
    cache.clear()
    reset_queries()
    mulai = time.perf_counter()
    data = data_dasbor(bulan)
    dingin = time.perf_counter() - mulai
    jumlah_query = len(connection.queries)
    settings.DEBUG = False
    hangat = waktu_berulang(lambda: data_dasbor(bulan))

    bagian = {
        **{f"kepatuhan {s.kode}": (lambda s=s: mutu.kepatuhan(s, bulan)) for s in mutu.STANDAR},
        "IKM": lambda: ikm.hitung_ikm(Penilaian.objects.periode(bulan.mulai, bulan.sampai)),
        **{f"grafik {n}": (lambda f=f: f(bulan)) for n, f in grafik.GRAFIK.items()},
    }
    print("\n(dingin = belum ada bulan tertutup tersimpan; hangat = bulan tertutup tren kepatuhan sudah tersimpan)")
    print(
        f"\ndata_dasbor(): dingin {dingin * 1000:.0f} ms, hangat median {statistics.median(hangat) * 1000:.0f} ms "
        f"(min {min(hangat) * 1000:.0f}, maks {max(hangat) * 1000:.0f}); {jumlah_query} query"
    )
    print("Per bagian (hangat):")
    for nama, fungsi in bagian.items():
        mulai = time.perf_counter()
        fungsi()
        print(f"  {nama:<24} {(time.perf_counter() - mulai) * 1000:7.0f} ms")
    k = data["kepatuhan"]
    print(
        "\nAngka: IKM",
        data["ikm"].ikm,
        data["ikm"].mutu.huruf if data["ikm"].mutu else "-",
        "|",
        "; ".join(f"{x.standar.kode} {x.persen}% (n={x.kasus})" for x in k),
    )
    floor = waktu_berulang(lambda: lantai(bulan))
    print(
        f"\nRujukan, lantai SQL (3 pernyataan atas baris bulan itu): median {statistics.median(floor) * 1000:.0f} ms; "
        f"data_dasbor() hangat = {statistics.median(hangat) / statistics.median(floor):.1f}× lantai"
    )
    status = "OK" if statistics.median(hangat) < 1 else "DI ATAS TARGET"
    print(f"Target < 1 s: {status}")


def lantai(bulan) -> None:
    """The floor: each of the month's rows the dashboard aggregates read once by
    hand-written SQL, with no breach list, chart series or cache around it."""
    from django.db import connection

    antara = [bulan.mulai, bulan.sampai]
    with connection.cursor() as c:
        c.execute(
            "SELECT jam, count(*), count(*) FILTER (WHERE waktu <= batas_waktu), "
            "percentile_cont(0.5) WITHIN GROUP (ORDER BY waktu - batas_waktu), "
            "percentile_cont(0.9) WITHIN GROUP (ORDER BY waktu - batas_waktu) "
            "FROM transaksi_riwayattransaksi WHERE jenis = 'jam_berhenti' AND waktu >= %s AND waktu < %s "
            "GROUP BY jam",
            antara,
        )
        c.fetchall()
        rata = ", ".join(f"avg(u{i})" for i in range(1, 10))
        c.execute(
            f"SELECT count(*), {rata} FROM penilaian_penilaian WHERE dikirim_pada >= %s AND dikirim_pada < %s", antara
        )
        c.fetchall()
        c.execute(
            "SELECT kanal, count(*) FROM antrian_kunjungan WHERE tiba_pada >= %s AND tiba_pada < %s GROUP BY kanal",
            antara,
        )
        c.fetchall()


if __name__ == "__main__":
    siapkan("--ulang" in sys.argv)
    ukur()
