"""The compliance figures read the clock stops of years of history from their
indexes alone: the counts of the 12-month trend and a step's month (its
cases, working days and worst breaches), with the look-up of a cancellation
before each stop, never from the history table's pages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from penilaian import mutu
from penilaian.models import RingkasanKepatuhan
from pst_layanan.periode import Bulan
from tests import pabrik

pytestmark = pytest.mark.django_db

MARET = Bulan(2026, 3)


def _jam_berhenti(t, n: int) -> None:
    """n processing-clock stops of March 2026 (a tenth past their deadline) and
    as many status rows, set-based."""
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO transaksi_riwayattransaksi
                (transaksi_id, kantor_id, jenis, dari, ke, jam, batas_waktu, hari_kerja_ke, waktu, catatan)
            SELECT %(t)s, %(k)s, j.jenis, 'diproses', CASE j.jenis WHEN 'status' THEN 'diserahkan' ELSE '' END,
                'proses', w + CASE WHEN g %% 10 = 0 THEN -interval '1 day' ELSE interval '1 day' END, g %% 12, w, ''
            FROM generate_series(1, %(n)s) g,
                LATERAL (SELECT timestamptz '2026-03-02 02:00+00' + (g %% 28) * interval '1 day' AS w) s,
                (VALUES ('jam_berhenti'), ('status')) j(jenis)
            """,
            {"t": t.pk, "k": t.kantor_id, "n": n},
        )
        cur.execute("ANALYZE transaksi_riwayattransaksi")


def _pindaian_riwayat(kueri: list[dict]) -> list[str]:
    """How each query reads the history table, with every other way than an
    index turned off (a small test table is otherwise read whole)."""
    pindaian = []
    with connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_bitmapscan = off")
        for q in kueri:
            if "transaksi_riwayattransaksi" not in q["sql"] or not q["sql"].lstrip().startswith("SELECT"):
                continue
            cur.execute("EXPLAIN " + q["sql"])
            rencana = "\n".join(r[0] for r in cur.fetchall())
            pindaian += re.findall(
                r"(Index Only Scan|Index Scan|Seq Scan) (?:using (\w+) )?on transaksi_riwayattransaksi", rencana
            )
    return [" ".join(p).strip() for p in pindaian]


def test_tren_dan_bulan_penyerahan_dibaca_dari_indeks_saja(postgres_wajib, pengunjung):
    _jam_berhenti(pabrik.transaksi_diajukan(pengunjung), 3000)
    penyerahan = next(s for s in mutu.STANDAR if s.kode == "penyerahan")
    RingkasanKepatuhan.objects.all().delete()
    with CaptureQueriesContext(connection) as q:
        tren = mutu.tren_kepatuhan(Bulan(2026, 4))
        bulan = mutu.kepatuhan(penyerahan, MARET)
    assert bulan.kasus == 3000 and bulan.jumlah_pelanggaran == 300
    assert tren["penyerahan"][-2] == bulan.persen
    pindaian = _pindaian_riwayat(q.captured_queries)
    assert pindaian and all(p.startswith("Index Only Scan") for p in pindaian), pindaian
