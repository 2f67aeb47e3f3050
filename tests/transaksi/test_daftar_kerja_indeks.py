"""The officers' worklist and deadline board read the open transactions
through their whose-turn index, never the years of closed ones."""

import re
from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pst_layanan.kantor import kantor_petugas
from transaksi import selectors
from transaksi.models import Jam, Status, Transaksi

pytestmark = pytest.mark.django_db


def _banyak_transaksi(pemohon, petugas) -> None:
    now = timezone.now()
    tutup = [
        Transaksi(nomor=f"LAMA-{i}", pemohon=pemohon, keperluan="Lama", status=Status.SELESAI, diajukan_pada=now)
        for i in range(20_000)
    ]
    buka = [
        Transaksi(
            nomor=f"BUKA-{i}",
            pemohon=pemohon,
            petugas=petugas if i % 2 else None,
            keperluan="Buka",
            status=Status.DIAJUKAN if i % 3 else Status.PERLU_PERBAIKAN,
            jam=Jam.PERIKSA if i % 3 else Jam.TIDAK_ADA,
            batas_waktu=now + timedelta(hours=i) if i % 3 else None,
            diajukan_pada=now - timedelta(minutes=i),
        )
        for i in range(300)
    ]
    Transaksi.objects.bulk_create(tutup + buka, batch_size=2000)
    with connection.cursor() as cur:
        cur.execute("ANALYZE transaksi_transaksi")


def test_halaman_dan_hitungan_daftar_kerja_lewat_indeks_giliran(postgres_wajib, pengunjung, petugas):
    _banyak_transaksi(pengunjung, petugas)
    kantor_petugas(petugas)  # the officer's offices: read with their roles, once per request, before the page
    with CaptureQueriesContext(connection) as q:
        halaman = Paginator(selectors.daftar_kerja(petugas), 25).get_page(1)
        baris = list(halaman.object_list)
    assert halaman.paginator.count == 300 and len(q.captured_queries) == 2
    # Whose turn first (the office's), then the nearest deadline.
    assert baris[0].status == Status.DIAJUKAN and baris[0].batas_waktu == min(
        t.batas_waktu for t in Transaksi.objects.filter(status=Status.DIAJUKAN)
    )
    with connection.cursor() as cur:
        for query in q.captured_queries:
            cur.execute("EXPLAIN " + query["sql"])
            rencana = "\n".join(r[0] for r in cur.fetchall())
            assert "Seq Scan on transaksi_transaksi" not in rencana, rencana
    [halaman_sql] = [x["sql"] for x in q.captured_queries if "LIMIT" in x["sql"]]
    with connection.cursor() as cur:
        cur.execute("EXPLAIN " + halaman_sql)
        # One office's worklist: the whose-turn index that leads with the office (or the all-office one).
        assert re.search(r"transaksi_(kantor_)?giliran", "\n".join(r[0] for r in cur.fetchall()))
