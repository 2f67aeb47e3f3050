"""The compliance figures read the clock stops of years of history from their
indexes alone: the counts of the 12-month trend and a step's month (its
cases, working days and worst breaches), with the look-up of a cancellation
before each stop, never from the history table's pages; and the tickets'
arrivals at the desk (step 3) likewise: the month's arrivals by their day,
never a scan of every arrival nor a look-up per ticket."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from penilaian import mutu
from penilaian.models import RingkasanKepatuhan
from pst_layanan.periode import Bulan
from tests import pabrik
from tests.penilaian.conftest import layanan_b

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


def _rencana(kueri: list[dict], tabel: str) -> list[str]:
    """The plan of each query that reads `tabel`, with every other way than
    an index turned off (a small test table is otherwise read whole)."""
    hasil = []
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_bitmapscan = off")
        for q in kueri:
            if tabel not in q["sql"] or not q["sql"].lstrip().startswith("SELECT"):
                continue
            cur.execute("EXPLAIN " + q["sql"])
            hasil.append("\n".join(r[0] for r in cur.fetchall()))
    return hasil


def _pindaian(kueri: list[dict], tabel: str = "transaksi_riwayattransaksi") -> list[str]:
    """How each query reads `tabel` (`_rencana`)."""
    pindaian = []
    for rencana in _rencana(kueri, tabel):
        pindaian += re.findall(rf"(Index Only Scan|Index Scan|Seq Scan) (?:using (\w+) )?on {tabel}\b", rencana)
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
    pindaian = _pindaian(q.captured_queries)
    assert pindaian and all(p.startswith("Index Only Scan") for p in pindaian), pindaian


def _tiket_dengan_kedatangan(n: int, pengunjung_id: int, layanan_id: int) -> None:
    """n walk-in tickets of March 2026, each taken 0-19 minutes after its arrival, set-based."""
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO antrian_kunjungan (kanal, keperluan, tiba_pada, hasil, catatan, pengunjung_id, layanan_id,
                catatan_koreksi, kategori_instansi, pemanfaatan, perlu_koreksi, sarana, kantor_id)
            SELECT 'langsung', 'Maret', timestamptz '2026-03-02 02:00+00' + (g %% 28) * interval '1 day', 'penjelasan',
                '', %s, %s, '', 'pendidikan', 'tugas', false, 'langsung',
                (SELECT id FROM pst_layanan_kantor WHERE kode = '1700')
            FROM generate_series(1, %s) g
            """,
            [pengunjung_id, layanan_id, n],
        )
        cur.execute(
            """
            INSERT INTO antrian_kedatangan (kantor_id, tanggal, nomor, tiba_pada, kunjungan_id)
            SELECT kantor_id, (tiba_pada AT TIME ZONE 'Asia/Jakarta')::date, id, tiba_pada, id
            FROM antrian_kunjungan WHERE keperluan = 'Maret'
            """
        )
        cur.execute(
            """
            INSERT INTO antrian_tiket (tanggal, nomor, token, status, prioritas, diambil_pada, diubah_pada,
                kunjungan_id, layanan_id, kantor_id)
            SELECT (tiba_pada AT TIME ZONE 'Asia/Jakarta')::date, id, md5(id::text), 'selesai', false,
                tiba_pada + (id % 20) * interval '1 minute', tiba_pada, id, layanan_id, kantor_id
            FROM antrian_kunjungan WHERE keperluan = 'Maret'
            """
        )
        for tabel in ("antrian_kunjungan", "antrian_kedatangan", "antrian_tiket"):
            # As autovacuum leaves rows of past months: all-visible, so an index
            # that holds every column read is read without the table.
            cur.execute(f"VACUUM ANALYZE {tabel}")


@pytest.mark.django_db(transaction=True)  # VACUUM runs outside a transaction
def test_registrasi_membaca_waktu_kedatangan_dari_indeks_saja(postgres_wajib, pengunjung):
    _tiket_dengan_kedatangan(2000, pengunjung.pk, layanan_b().pk)
    registrasi = next(s for s in mutu.STANDAR if s.kode == "registrasi")
    with CaptureQueriesContext(connection) as q:
        bulan = mutu.kepatuhan(registrasi, MARET)
    # Taken 0-19 minutes after arriving: past 10 minutes, 9 in 20 are late.
    assert bulan.kasus == 2000 and bulan.jumlah_pelanggaran == 900
    pindaian = _pindaian(q.captured_queries, "antrian_kedatangan")
    assert pindaian and all(p == "Index Only Scan kedatangan_tanggal_tiba" for p in pindaian), pindaian
    rencana = _rencana(q.captured_queries, "antrian_kedatangan")
    # A range of the month's days, not one look-up per ticket by its visit.
    assert rencana and all(re.search(r"Index Cond: \(\(tanggal >= ", r) for r in rencana), rencana
    assert not any("antrian_kunjungan" in r for r in rencana), rencana
