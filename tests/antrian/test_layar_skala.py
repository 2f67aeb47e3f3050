"""The waiting-room display at the scale of years: today's rows only, one
render per queue change even when every screen misses at once, and a slow
query that never holds the screens (or the desks) hostage."""

import threading
import time

import psycopg2
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from antrian import layar, services
from pst_layanan.models import kantor_bawaan

pytestmark = pytest.mark.django_db


def _kunci_render():
    return f"antrian:layar:{kantor_bawaan()}:id:buka:{timezone.localdate()}:{services.versi_antrian()}:kunci"


def test_layar_yang_kehabisan_salinan_saat_render_berjalan_menampilkan_salinan_terakhir(
    client, tiket_untuk, pengunjung, pengunjung_lain, loket1, petugas, django_capture_on_commit_callbacks
):
    tiket_untuk(pengunjung)
    url = reverse("antrian:layar_isi")
    with django_capture_on_commit_callbacks(execute=True):
        services.panggil_berikutnya(loket1, petugas)
    assert "B-001" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        tiket_untuk(pengunjung_lain)
    # Another screen is rendering the new version: this one serves the last
    # copy without touching the database instead of rendering it too.
    cache.add(_kunci_render(), 1, 5)
    with CaptureQueriesContext(connection) as q:
        respons = client.get(url)
    assert respons.status_code == 200 and "B-001" in respons.content.decode()
    assert len(q.captured_queries) == 0
    cache.delete(_kunci_render())
    assert "1 menunggu" in client.get(url).content.decode()  # the new copy: one visitor waiting


def test_layar_pertama_hari_ini_tanpa_salinan_menunggu_lalu_503_bukan_render_ganda(client, monkeypatch, selalu_buka):
    monkeypatch.setattr(layar, "TUNGGU_DETIK", 0.2)
    cache.add(_kunci_render(), 1, 5)
    layar.tanda_keadaan()  # the office calendar, read once per process and calendar change
    with CaptureQueriesContext(connection) as q:
        respons = client.get(reverse("antrian:layar_isi"))
    assert respons.status_code == 503 and respons["Retry-After"] == "1"
    assert len(q.captured_queries) == 0


def _tiket_lampau(n: int, pengunjung_id: int, layanan_id: int) -> None:
    """n finished tickets of earlier days (with their call rows), set-based."""
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO antrian_kunjungan (kanal, keperluan, tiba_pada, hasil, catatan, pengunjung_id, layanan_id,
                catatan_koreksi, kategori_instansi, pemanfaatan, perlu_koreksi, sarana, kantor_id)
            SELECT 'langsung', 'Riwayat', now() - (1 + g %% 400) * interval '1 day', 'penjelasan', '', %s, %s,
                '', 'pendidikan', 'tugas', false, 'langsung', (SELECT id FROM pst_layanan_kantor WHERE kode = '1700')
            FROM generate_series(1, %s) g
            """,
            [pengunjung_id, layanan_id, n],
        )
        cur.execute(
            """
            INSERT INTO antrian_tiket (tanggal, nomor, token, status, prioritas, diambil_pada, diubah_pada,
                kunjungan_id, layanan_id, kantor_id)
            SELECT (tiba_pada AT TIME ZONE 'Asia/Jakarta')::date,
                row_number() OVER (PARTITION BY (tiba_pada AT TIME ZONE 'Asia/Jakarta')::date ORDER BY id),
                md5(id::text), 'menunggu', false, tiba_pada, tiba_pada, id, layanan_id, kantor_id
            FROM antrian_kunjungan WHERE keperluan = 'Riwayat'
            """
        )
        cur.execute(
            """
            INSERT INTO antrian_riwayattiket (aksi, kode_tiket, dari, ke, waktu, catatan, tiket_id)
            SELECT 'panggil', 'B-001', 'menunggu', 'dipanggil', diambil_pada, '', id FROM antrian_tiket
            """
        )
        for tabel in ("antrian_kunjungan", "antrian_tiket", "antrian_riwayattiket"):
            cur.execute(f"ANALYZE {tabel}")


def test_layar_hanya_membaca_tiket_hari_ini_lewat_indeks(
    postgres_wajib, tiket_untuk, pengunjung, layanan_b, loket1, petugas
):
    # Past tickets left "waiting" (never closed) must neither be counted nor scanned.
    _tiket_lampau(30_000, pengunjung.pk, layanan_b.pk)
    tiket_untuk(pengunjung)
    with CaptureQueriesContext(connection) as q:
        isi = layar.isi()
    assert [lay.jumlah for lay in isi["menunggu"] if lay.kode == "B"] == [1]
    rencana = []
    with connection.cursor() as cur:
        for query in q.captured_queries:
            if "antrian_tiket" in query["sql"] or "antrian_riwayattiket" in query["sql"]:
                cur.execute("EXPLAIN " + query["sql"])
                rencana.append("\n".join(r[0] for r in cur.fetchall()))
    assert len(rencana) == 3
    for r in rencana:
        assert "Seq Scan on antrian_tiket" not in r and "Seq Scan on antrian_riwayattiket" not in r, r


@pytest.mark.django_db(transaction=True)
def test_query_layar_yang_lambat_dibatalkan_dan_layar_tetap_menampilkan_salinan(
    postgres_wajib, client, tiket_untuk, pengunjung, pengunjung_lain, django_capture_on_commit_callbacks
):
    url = reverse("antrian:layar_isi")
    with django_capture_on_commit_callbacks(execute=True):
        tiket_untuk(pengunjung)
    assert client.get(url).status_code == 200  # today's copy exists
    with django_capture_on_commit_callbacks(execute=True):
        tiket_untuk(pengunjung_lain)
    # Another session holds the display's table for 5 s (a long report, a migration).
    lain = psycopg2.connect(**{k: v for k, v in connection.get_connection_params().items() if k != "cursor_factory"})
    cur = lain.cursor()
    cur.execute("LOCK TABLE antrian_riwayattiket IN ACCESS EXCLUSIVE MODE")
    # Lets the lock go even if the display were to wait for it; cancelled once
    # the display has answered, so it never touches the closed connection.
    pengaman = threading.Timer(5, lain.rollback)
    pengaman.start()
    mulai = time.monotonic()
    respons = client.get(url)
    lama = time.monotonic() - mulai
    pengaman.cancel()
    lain.rollback()
    lain.close()
    assert respons.status_code == 200 and "1 menunggu" in respons.content.decode()  # the last copy
    assert lama < 2, f"layar menunggu {lama:.1f} s"
