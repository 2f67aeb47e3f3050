"""Visit history for officers: filters, pagination, CSV, SOP step times."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from antrian import services
from antrian.models import HasilKunjungan, Kanal, Kunjungan, Tiket
from conftest import buat_pengguna
from pst_layanan.kalender import WIB

pytestmark = pytest.mark.django_db


@pytest.fixture
def dua_ratus_kunjungan(layanan_b, petugas):
    """200 visits over 10 days, half with a finished ticket, in bulk."""
    tamu = [buat_pengguna(f"tamu{i}@contoh.id", nama_instansi=f"Instansi {i}") for i in range(20)]
    awal = datetime(2026, 4, 1, 8, 30, tzinfo=WIB)
    kunjungan = Kunjungan.objects.bulk_create(
        Kunjungan(
            pengunjung=tamu[i % 20],
            layanan=layanan_b,
            kanal=Kanal.LANGSUNG if i % 2 else Kanal.ONLINE,
            tiba_pada=awal + timedelta(days=i // 20, minutes=i),
            hasil=HasilKunjungan.PENJELASAN if i % 2 else "",
            petugas=petugas if i % 2 else None,
        )
        for i in range(200)
    )
    Tiket.objects.bulk_create(
        Tiket(
            kunjungan=k,
            layanan=layanan_b,
            tanggal=k.tiba_pada.astimezone(WIB).date(),
            nomor=i + 1,
            status="selesai",
            diambil_pada=k.tiba_pada + timedelta(minutes=2),
            dipanggil_pada=k.tiba_pada + timedelta(minutes=12),
            selesai_pada=k.tiba_pada + timedelta(minutes=42),
        )
        for i, k in enumerate(kunjungan)
        if k.kanal == Kanal.LANGSUNG
    )
    return kunjungan


def test_daftar_riwayat_dengan_saringan_halaman_dan_waktu_langkah(
    klien_untuk, petugas, dua_ratus_kunjungan, django_assert_max_num_queries
):
    client = klien_untuk(petugas)
    url = reverse("antrian:riwayat")
    client.get(url)
    # +1 the services used (prefetch), +3 the visits per category, main use and service.
    with django_assert_max_num_queries(12):
        response = client.get(url)
    html = response.content.decode()
    assert "200 kunjungan" in html and "Halaman 1 dari 4" in html
    assert "2 dtk" not in html and "2 mnt" in html and "10 mnt" in html and "30 mnt" in html
    with django_assert_max_num_queries(12):
        html = client.get(
            url, {"kanal": "langsung", "dari": "2026-04-02", "sampai": "2026-04-03", "halaman": 1}
        ).content.decode()
    assert "20 kunjungan" in html
    html = client.get(
        url, {"petugas": petugas.pk, "hasil": "penjelasan", "layanan": dua_ratus_kunjungan[0].layanan_id}
    ).content.decode()
    assert "100 kunjungan" in html
    assert "100 kunjungan" in client.get(url, {"hasil": "-"}).content.decode()
    assert "Halaman 4 dari 4" in client.get(url, {"halaman": 99}).content.decode()


def test_csv_mengikuti_saringan(klien_untuk, petugas, dua_ratus_kunjungan):
    response = klien_untuk(petugas).get(
        reverse("antrian:riwayat_csv"), {"kanal": "langsung", "dari": "2026-04-01", "sampai": "2026-04-01"}
    )
    assert response["Content-Disposition"].startswith('attachment; filename="riwayat-kunjungan-')
    baris = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(baris) == 10
    assert baris[0]["kanal"] == "Datang langsung" and baris[0]["tiket"].startswith("B-")
    assert (baris[0]["menit_tiba_tiket"], baris[0]["menit_tiket_panggil"], baris[0]["menit_panggil_selesai"]) == (
        "2.0",
        "10.0",
        "30.0",
    )


def test_hanya_petugas_melihat_riwayat(klien_untuk, pengunjung, resepsionis, petugas):
    from django.test import Client

    for url in (reverse("antrian:riwayat"), reverse("antrian:riwayat_csv"), reverse("antrian:janji_petugas")):
        assert Client().get(url).status_code == 302
        assert klien_untuk(pengunjung).get(url).status_code == 403
        assert klien_untuk(resepsionis).get(url).status_code == 403
        assert klien_untuk(petugas).get(url).status_code == 200


def test_selesai_di_loket_mengisi_riwayat(klien_untuk, petugas, loket1, tiket_untuk, pengunjung):
    tiket = tiket_untuk(pengunjung)
    services.panggil_berikutnya(loket1, petugas)
    services.mulai_layani(tiket, loket1, petugas)
    services.selesai(tiket, loket1, petugas, HasilKunjungan.LAINNYA, "Menanyakan jadwal rilis")
    html = klien_untuk(petugas).get(reverse("antrian:riwayat")).content.decode()
    assert "Andi Pengunjung" in html and "Lainnya" in html and "Menanyakan jadwal rilis" in html and "B-001" in html
