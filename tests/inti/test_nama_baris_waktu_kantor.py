"""A row's name in the admin (title, breadcrumbs, delete confirmation, the
change log) reads its time in office time (WIB), as every page does: a visit
at 00.30 WIB on New Year's Day is not "31-12" of the year before."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from antrian.models import JanjiTemu, Kanal, Kunjungan, Layanan, RiwayatTiket
from tests import pabrik
from transaksi.models import RiwayatTransaksi, TarifProduk

# 1 January 2027, 00.30 WIB: still 31 December 2026 in UTC, as the database hands it over.
TAHUN_BARU_WIB = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model, isi, nama",
    [
        (
            Kunjungan,
            {"pengunjung_id": 7, "kanal": Kanal.ONLINE, "tiba_pada": TAHUN_BARU_WIB},
            "7 · Online · 01-01-2027 00.30",
        ),
        (JanjiTemu, {"pengunjung_id": 7, "waktu": TAHUN_BARU_WIB}, "7 01-01-2027 00.30"),
        (
            RiwayatTiket,
            {"tiket_id": 3, "aksi": RiwayatTiket.Aksi.AMBIL, "waktu": TAHUN_BARU_WIB},
            "3 Tiket diambil 00.30.00",
        ),
        (
            RiwayatTransaksi,
            {"transaksi_id": 5, "jenis": RiwayatTransaksi.Jenis.STATUS, "waktu": TAHUN_BARU_WIB},
            "5 Perubahan status 2027-01-01 00:30",
        ),
    ],
)
def test_nama_baris_dalam_waktu_kantor(model, isi, nama):
    assert str(model(**isi)) == nama


def test_tarif_sejak_tengah_malam_wib():
    # "01/01/2027" typed into the admin is midnight WIB, 31 December 17.00 UTC.
    tarif = TarifProduk(produk=pabrik.produk(), berlaku_mulai=datetime(2026, 12, 31, 17, 0, tzinfo=UTC))
    assert str(tarif).endswith(" sejak 01-01-2027")


def test_judul_admin_kunjungan_tengah_malam_wib(pengunjung, supervisor, klien_untuk):
    layanan, _ = Layanan.objects.get_or_create(kode="B", defaults={"nama": "Produk Statistik Berbayar"})
    k = Kunjungan.objects.create(pengunjung=pengunjung, layanan=layanan, kanal=Kanal.ONLINE, tiba_pada=TAHUN_BARU_WIB)
    html = klien_untuk(supervisor).get(reverse("admin:antrian_kunjungan_change", args=[k.pk])).content.decode()
    assert f"<title>{pengunjung.pk} · Online · 01-01-2027 00.30 |" in html
