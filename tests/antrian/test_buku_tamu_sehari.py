"""The guest book counts a visitor online once a day, as BPS's monthly guest
book and the dashboards read it: another online entry the same day (another
purpose, another service) updates that day's visit instead of adding one,
and every draft request of the day comes from the visitor's visit of the
day. The next day is a new visit."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from antrian.models import Kanal, Kunjungan
from pst_layanan.kalender import WIB
from tests import pabrik
from transaksi.models import Transaksi

pytestmark = pytest.mark.django_db

PAGI = datetime(2026, 3, 10, 9, 0, tzinfo=WIB)
SORE = datetime(2026, 3, 10, 15, 30, tzinfo=WIB)
BESOK = datetime(2026, 3, 11, 9, 0, tzinfo=WIB)

TERCATAT = "Terima kasih, kunjungan online Anda tercatat di buku tamu PST."
DIPERBARUI = (
    "Kunjungan online Anda hari ini sudah tercatat di buku tamu PST; isian ini memperbaruinya. "
    "Buku tamu mencatat satu kunjungan online per hari."
)


def isi_buku_tamu(klien, layanan, **ubah) -> str:
    data = {
        "layanan": layanan.pk,
        "keperluan": "Mikrodata Sakernas",
        **pabrik.biodata("Andi Pengunjung", jenis_kelamin="L", tahun_lahir="2000", pekerjaan="pelajar"),
        "pemanfaatan": "penelitian",
        "jenis_layanan": ["berbayar"],
        **ubah,
    }
    r = klien.post(reverse("antrian:buku_tamu"), data, follow=True)
    assert r.status_code == 200
    return r.content.decode()


def test_buku_tamu_online_satu_kunjungan_sehari(klien_untuk, pengunjung, layanan_b, layanan_k):
    klien = klien_untuk(pengunjung)
    with time_machine.travel(PAGI, tick=False):
        assert TERCATAT in isi_buku_tamu(klien, layanan_b)
    with time_machine.travel(SORE, tick=False):
        html = isi_buku_tamu(
            klien, layanan_k, keperluan="Konsultasi IPM", pemanfaatan="pemerintahan", jenis_layanan=["konsultasi"]
        )
    assert DIPERBARUI in html and TERCATAT not in html

    k = Kunjungan.objects.get()
    assert k.tiba_pada == PAGI and k.kanal == Kanal.ONLINE
    # The latest answers; the services used are the day's, each counted once.
    assert (k.layanan, k.pemanfaatan) == (layanan_k, "pemerintahan")
    assert k.jenis_layanan == ["konsultasi", "berbayar"]
    assert k.keperluan == "Mikrodata Sakernas; Konsultasi IPM"

    with time_machine.travel(BESOK, tick=False):
        assert TERCATAT in isi_buku_tamu(klien, layanan_b)
    assert Kunjungan.objects.count() == 2


def test_draf_hari_itu_memakai_kunjungan_hari_itu(klien_untuk, pengunjung, layanan_b):
    klien = klien_untuk(pengunjung)
    isian = pabrik.isian_transaksi(produk="publikasi-elektronik", uraian="Bengkulu Dalam Angka 2026", jumlah="120")
    with time_machine.travel(PAGI, tick=False):
        klien.post(reverse("transaksi:baru"), isian)
        klien.post(reverse("transaksi:baru"), {**isian, "keperluan": "Tesis", "uraian": "Kota Bengkulu 2026"})
    pertama, kedua = Transaksi.objects.order_by("pk")
    assert pertama.kunjungan_id == kedua.kunjungan_id and Kunjungan.objects.count() == 1

    # The guest book filled later that day answers that visit's questions.
    with time_machine.travel(SORE, tick=False):
        assert DIPERBARUI in isi_buku_tamu(klien, layanan_b, pemanfaatan="tugas")
    k = Kunjungan.objects.get()
    assert (k.pemanfaatan, k.perlu_koreksi, k.jenis_layanan) == ("tugas", False, ["berbayar"])

    with time_machine.travel(BESOK, tick=False):
        klien.post(reverse("transaksi:baru"), {**isian, "uraian": "Kabupaten Kaur 2026"})
    assert Kunjungan.objects.count() == 2 and Transaksi.objects.order_by("pk").last().kunjungan.tiba_pada == BESOK


def test_draf_sesudah_kunjungan_ke_meja_memakai_kunjungan_itu(klien_untuk, pengunjung, resepsionis, layanan_b):
    """A walk-in registered at the desk who asks for two products that day:
    both requests come from the one visit to the desk."""
    klien = klien_untuk(pengunjung)
    isian = pabrik.isian_transaksi(produk="publikasi-elektronik", uraian="Bengkulu Dalam Angka 2026", jumlah="120")
    with time_machine.travel(PAGI, tick=False):
        meja = Kunjungan.objects.create(
            pengunjung=pengunjung, layanan=layanan_b, kanal=Kanal.LANGSUNG, dicatat_oleh=resepsionis
        )
        klien.post(reverse("transaksi:baru"), isian)
        klien.post(reverse("transaksi:baru"), {**isian, "uraian": "Kota Bengkulu 2026"})
    assert list(Transaksi.objects.values_list("kunjungan", flat=True)) == [meja.pk, meja.pk]
    assert Kunjungan.objects.count() == 1
