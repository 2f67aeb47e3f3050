"""Benchmark: the treasurer's monthly PNBP reconciliation on 1,000,000 paid
transactions (each with its item and its invoice) in PostgreSQL.

    make bench-reconciliation     # or: .venv/bin/python bench/rekonsiliasi.py [--ulang]

Creates (once) its own database `pst_bench_rekonsiliasi`, seeds it with
set-based SQL over 36 months (about 28,000 invoices a month), VACUUM
ANALYZEs, then times `transaksi.rekonsiliasi.susun` for the last full month:
one cold run and five warm runs, beside the same-run floor (one raw SQL sum
of the month's invoices) and the per-product part alone (the amounts each
invoice billed, `Tagihan.item_terbit`, summed in Python). `--ulang` drops
and reseeds.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from _bantu import awal_seed, database_terisi, isi_sql, lanjutkan_urutan, seed, waktu_berulang

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

NAMA_DB = os.environ.get("BENCH_DB", "pst_bench_rekonsiliasi")
TRANSAKSI = int(os.environ.get("BENCH_TRANSAKSI", 1_000_000))
BULAN = 36


def isi_data() -> None:

    from transaksi.models import ItemTransaksi, Produk, Tagihan, Transaksi

    pengguna, _, awal, detik = awal_seed(BULAN)
    produk = Produk.objects.get(kode="publikasi-elektronik")
    tarif = produk.tarif.get().pk
    waktu = f"{awal} + ((g::bigint * 104729) % ({detik})) * interval '1 second'"
    with seed("Mengisi data (SQL berbasis himpunan)…") as c:
        isi_sql(
            c,
            Transaksi,
            {
                "id": "g",
                "nomor": "'PSTR-' || g",
                "pemohon_id": str(pengguna.pk),
                "status": "'selesai'",
                "keperluan": "'bench'",
                "total": "50000 + (g % 3) * 15000",
                "dibuat_pada": waktu,
            },
            f"FROM generate_series(1, {TRANSAKSI}) g",
            "transaksi",
        )
        isi_sql(
            c,
            ItemTransaksi,
            {
                "id": "g",
                "transaksi_id": "g",
                "produk_id": str(produk.pk),
                "tarif_id": str(tarif),
                "uraian": "'Publikasi bench'",
                "jumlah": "50 + (g % 3) * 50",
                "subtotal": "50000 + (g % 3) * 15000",
                "rincian": "'{}'::jsonb",
            },
            f"FROM generate_series(1, {TRANSAKSI}) g",
            "item",
        )
        isi_sql(
            c,
            Tagihan,
            {
                "id": "g",
                "transaksi_id": "g",
                "nomor": "'INVB/' || g",
                "jumlah": "50000 + (g % 3) * 15000",
                "kode_billing": "'8' || lpad(g::text, 14, '0')",
                "diterbitkan_pada": waktu,
                "kedaluwarsa_pada": f"{waktu} + interval '7 days'",
                "kanal": "'[]'::jsonb",
                "item_terbit": (
                    "jsonb_build_array(jsonb_build_object('item', g, 'jumlah', 50 + (g % 3) * 50, "
                    "'subtotal', (50000 + (g % 3) * 15000)::text))"
                ),
                "diterbitkan_oleh_id": str(pengguna.pk),
                "token": "md5('t' || g)",
                "status": "'lunas'",
                "lunas_pada": f"{waktu} + interval '1 day'",
                "contoh_data": "''",
            },
            f"FROM generate_series(1, {TRANSAKSI}) g",
            "tagihan",
        )
        lanjutkan_urutan(c, "transaksi_transaksi", "transaksi_itemtransaksi", "transaksi_tagihan")


def ukur() -> None:
    from django.conf import settings
    from django.db import connection, reset_queries

    from pst_layanan.periode import Bulan
    from transaksi import rekonsiliasi
    from transaksi.models import ItemTransaksi, Tagihan

    bulan = Bulan.ini().geser(-1)
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM transaksi_tagihan")
        (jumlah,) = c.fetchone()

    def lantai():
        with connection.cursor() as c:
            c.execute(
                "SELECT count(*), sum(jumlah) FROM transaksi_tagihan WHERE diterbitkan_pada >= %s "
                "AND diterbitkan_pada < %s",
                [bulan.mulai, bulan.sampai],
            )
            return c.fetchone()

    n_bulan, _ = lantai()
    print(f"\nData: {jumlah:,} tagihan lunas (dan transaksi, item). Bulan diukur: {bulan.nama}, {n_bulan:,} tagihan")
    settings.DEBUG = True
    reset_queries()
    mulai = time.perf_counter()
    r = rekonsiliasi.susun(bulan)
    dingin = time.perf_counter() - mulai
    jumlah_query = len(connection.queries)
    settings.DEBUG = False
    hangat = waktu_berulang(lambda: rekonsiliasi.susun(bulan))
    terbit = Tagihan.objects.filter(diterbitkan_pada__gte=bulan.mulai, diterbitkan_pada__lt=bulan.sampai)
    item = ItemTransaksi.objects.dikenakan().filter(transaksi__in=terbit.values("transaksi"))
    per_produk = waktu_berulang(
        lambda: rekonsiliasi._per_produk_dan_tarif(item, Tagihan.objects.ditagihkan().filter(pk__in=terbit))
    )
    floor = waktu_berulang(lantai)

    def ms(x):
        return f"{statistics.median(x) * 1000:.0f} ms"

    print(f"susun(): dingin {dingin * 1000:.0f} ms, hangat median {ms(hangat)} ({jumlah_query} query)")
    print(f"  bagian per produk/tarif (item_terbit, Python): median {ms(per_produk)}")
    print(f"  rujukan, lantai SQL (count+sum tagihan bulan itu): median {ms(floor)}")
    assert sum(j for _, _, j in r.per_produk) == r.ditagihkan, "per produk harus sama dengan ditagihkan"
    print(f"Angka: ditagihkan {r.ditagihkan:,}, diterima {r.diterima:,}; per produk sama dengan ditagihkan")


if __name__ == "__main__":
    database_terisi("--ulang" in sys.argv, NAMA_DB, "transaksi.Tagihan", isi_data)
    ukur()
