"""Years of past queue tickets, seeded set-based (a few statements, no loop).

`isi(cursor, n, pengunjung_id, layanan_id)` adds `n` finished visits, one
ticket each and one call row each, spread over the office days before today,
so the pages that show today's queue meet the size of years of service.
"""

from __future__ import annotations

# "Today" is the office's day (Jakarta), whatever the database server's time zone.
# About 800 tickets a day: 1.2M tickets reach back roughly four years.
HARI = 1500

KUNJUNGAN = """
INSERT INTO antrian_kunjungan (kanal, keperluan, tiba_pada, hasil, catatan, selesai_pada, pengunjung_id,
    layanan_id, catatan_koreksi, kategori_instansi, pemanfaatan, perlu_koreksi, sarana, kantor_id)
SELECT 'langsung', 'Riwayat', w, 'penjelasan', '', w + interval '20 minutes', %(u)s, %(l)s, '',
    'pendidikan', 'tugas', false, 'langsung', (SELECT id FROM pst_layanan_kantor WHERE kode = '1700')
FROM (SELECT g, ((now() AT TIME ZONE 'Asia/Jakarta')::date - 1 - (g %% {hari}))::timestamp AT TIME ZONE 'Asia/Jakarta'
        + interval '8 hours' + (g / {hari}) * interval '20 seconds' AS w
      FROM generate_series(1, %(n)s) g) s
"""

TIKET = """
INSERT INTO antrian_tiket (tanggal, nomor, token, status, prioritas, diambil_pada, dipanggil_pada, mulai_pada,
    selesai_pada, diubah_pada, kunjungan_id, layanan_id, loket_id, kantor_id)
SELECT (k.tiba_pada AT TIME ZONE 'Asia/Jakarta')::date,
    row_number() OVER (PARTITION BY (k.tiba_pada AT TIME ZONE 'Asia/Jakarta')::date ORDER BY k.id),
    md5(k.id::text || random()::text), 'selesai', false, k.tiba_pada, k.tiba_pada + interval '5 minutes',
    k.tiba_pada + interval '6 minutes', k.selesai_pada, k.selesai_pada, k.id, k.layanan_id, %(loket)s, k.kantor_id
FROM antrian_kunjungan k
WHERE k.keperluan = 'Riwayat' AND NOT EXISTS (SELECT 1 FROM antrian_tiket t WHERE t.kunjungan_id = k.id)
"""

RIWAYAT = """
INSERT INTO antrian_riwayattiket (aksi, kode_tiket, dari, ke, waktu, catatan, loket_id, tiket_id)
SELECT 'panggil', 'B-' || lpad(t.nomor::text, 3, '0'), 'menunggu', 'dipanggil', t.dipanggil_pada, '',
    t.loket_id, t.id
FROM antrian_tiket t WHERE t.status = 'selesai' AND t.tanggal < (now() AT TIME ZONE 'Asia/Jakarta')::date
"""


def isi(cur, n: int, pengunjung_id: int, layanan_id: int, loket_id: int | None) -> None:
    cur.execute(KUNJUNGAN.format(hari=HARI), {"n": n, "u": pengunjung_id, "l": layanan_id})
    cur.execute(TIKET, {"loket": loket_id})
    cur.execute(RIWAYAT)
    for tabel in ("antrian_kunjungan", "antrian_tiket", "antrian_riwayattiket"):
        cur.execute(f"ANALYZE {tabel}")


HARI_INI = """
WITH k AS (
    INSERT INTO antrian_kunjungan (kanal, keperluan, tiba_pada, hasil, catatan, pengunjung_id, layanan_id,
        catatan_koreksi, kategori_instansi, pemanfaatan, perlu_koreksi, sarana, kantor_id)
    SELECT 'langsung', 'Hari ini', now() - g * interval '10 seconds', '', '', %(u)s, %(l)s, '', 'pendidikan',
        'tugas', false, 'langsung', (SELECT id FROM pst_layanan_kantor WHERE kode = '1700')
    FROM generate_series(1, %(n)s) g
    RETURNING id, tiba_pada, layanan_id, kantor_id
)
INSERT INTO antrian_tiket (tanggal, nomor, token, status, prioritas, diambil_pada, diubah_pada, kunjungan_id,
    layanan_id, kantor_id)
SELECT (now() AT TIME ZONE 'Asia/Jakarta')::date, row_number() OVER (ORDER BY k.id),
    md5(k.id::text || random()::text), 'menunggu', false,
    k.tiba_pada, k.tiba_pada, k.id, k.layanan_id, k.kantor_id
FROM k
WHERE NOT EXISTS (SELECT 1 FROM antrian_tiket t WHERE t.tanggal = (now() AT TIME ZONE 'Asia/Jakarta')::date)
"""


def isi_hari_ini(cur, n: int, pengunjung_id: int, layanan_id: int) -> None:
    """Today's waiting queue (once a day: a rerun keeps the first one)."""
    cur.execute("SELECT 1 FROM antrian_tiket WHERE tanggal = (now() AT TIME ZONE 'Asia/Jakarta')::date LIMIT 1")
    if cur.fetchone() is None:
        cur.execute(HARI_INI, {"n": n, "u": pengunjung_id, "l": layanan_id})
        cur.execute("ANALYZE antrian_tiket")
