"""The estimated wait on the public ticket page: today's median service time ×
people ahead ÷ counters open today, with a plain sentence when there is no
data yet. Fixed instants on a real working day (Tuesday 7 April 2026)."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from antrian import services
from antrian.models import Loket
from antrian.perkiraan import perkiraan_tunggu
from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.roles import PETUGAS, RESEPSIONIS

pytestmark = pytest.mark.django_db


def pada(jam, menit):
    return time_machine.travel(datetime(2026, 4, 7, jam, menit, tzinfo=WIB), tick=False)


def tamu(n, awal="tamu"):
    return [buat_pengguna(f"{awal}{i}@contoh.id") for i in range(n)]


def layani(loket, petugas, mulai, lama_menit):
    """Call the next ticket at `mulai` (h, m) and finish it `lama_menit` later."""
    with pada(*mulai):
        tiket = services.panggil_berikutnya(loket, petugas)
        services.mulai_layani(tiket, loket, petugas)
    jam, menit = divmod(mulai[0] * 60 + mulai[1] + lama_menit, 60)
    with pada(jam, menit):
        services.selesai(tiket, loket, petugas, "penjelasan")


def test_tanpa_layanan_selesai_hari_ini_belum_ada_perkiraan(tiket_untuk, loket1, client):
    with pada(8, 0):
        pertama, kedua = (tiket_untuk(t) for t in tamu(2))
        p = perkiraan_tunggu(kedua)
        html = client.get(reverse("antrian:tiket_publik", args=[kedua.token])).content.decode()
        assert perkiraan_tunggu(pertama).di_depan == 0
    assert (p.di_depan, p.menit, p.loket_buka) == (1, None, 1)
    assert "Perkiraan waktu tunggu belum tersedia: belum ada layanan yang selesai hari ini." in html


def test_median_lama_layanan_kali_orang_di_depan_dibagi_loket_buka(tiket_untuk, loket1, loket2, petugas, client):
    with pada(8, 0):
        tiket = [tiket_untuk(t) for t in tamu(8)]
    # Three served today in 4, 10 and 30 minutes: the median is 10 (the mean, 14.7, would
    # let one long consultation lengthen everyone's estimate). Only counter 1 has called.
    layani(loket1, petugas, (8, 0), 4)
    layani(loket1, petugas, (8, 5), 10)
    layani(loket1, petugas, (8, 20), 30)
    with pada(9, 0):
        p = perkiraan_tunggu(tiket[7])
        html = client.get(reverse("antrian:tiket_publik", args=[tiket[7].token])).content.decode()
    assert (p.di_depan, p.median_layanan_menit, p.loket_buka, p.menit) == (4, 10, 1, 40)
    assert "Perkiraan menunggu ± 40 menit" in html and "dihitung dari lama layanan hari ini" in html

    # A second counter opens (calls a ticket): the same queue is shared by two.
    with pada(9, 1):
        services.panggil_berikutnya(loket2, petugas)
        p = perkiraan_tunggu(tiket[7])
    assert (p.di_depan, p.loket_buka, p.menit) == (3, 2, 15)


def test_perkiraan_hanya_dari_hari_ini_dan_layanan_yang_sama(tiket_untuk, loket1, petugas, layanan_k):
    kemarin_tamu, hari_ini_tamu = tamu(2, "kemarin"), tamu(2, "hariini")
    with time_machine.travel(datetime(2026, 4, 6, 9, 0, tzinfo=WIB), tick=False):
        for t in kemarin_tamu:
            tiket_untuk(t)
    with time_machine.travel(datetime(2026, 4, 6, 9, 0, tzinfo=WIB), tick=False):
        tiket = services.panggil_berikutnya(loket1, petugas)
        services.mulai_layani(tiket, loket1, petugas)
    with time_machine.travel(datetime(2026, 4, 6, 10, 0, tzinfo=WIB), tick=False):
        services.selesai(tiket, loket1, petugas, "penjelasan")
    with pada(8, 0):
        tiket_untuk(hari_ini_tamu[0], layanan_k)
        menunggu = [tiket_untuk(t) for t in hari_ini_tamu]
        p = perkiraan_tunggu(menunggu[1])
    # Monday's 60-minute service does not count on Tuesday, nor does service K's queue.
    assert (p.di_depan, p.menit) == (1, None)


def test_tiket_yang_tidak_menunggu_tanpa_perkiraan(tiket_untuk, loket1, petugas):
    with pada(8, 0):
        [t] = [tiket_untuk(x) for x in tamu(1)]
        services.panggil_berikutnya(loket1, petugas)
    t.refresh_from_db()
    assert perkiraan_tunggu(t) is None


def test_orang_di_depan_dan_perkiraan_hanya_dari_kantor_tiket_itu(
    tiket_untuk, loket1, petugas, layanan_b, kota, client
):
    """Another office's queue of the same service neither lengthens this
    ticket's line nor lends it its pace or its counters."""
    resepsionis_kota = buat_pengguna("resepsionis1771@bps.go.id", RESEPSIONIS, kantor=kota)
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    loket_kota = [Loket.objects.create(kantor=kota, nomor=n) for n in (1, 2, 3)]
    for loket in loket_kota:
        loket.layanan.add(layanan_b)
    with pada(8, 0):
        for t in tamu(4, "kota"):
            services.kunjungan_langsung(resepsionis_kota, layanan_b, pengunjung=t, kantor_id=kota.pk)
    layani(loket_kota[0], petugas_kota, (8, 0), 30)  # the city's pace: 30 minutes a visitor
    with pada(8, 40):
        *_, ketiga = (tiket_untuk(t) for t in tamu(3, "prov"))
    layani(loket1, petugas, (8, 40), 6)
    with pada(9, 0):
        p = perkiraan_tunggu(ketiga)
        html = client.get(reverse("antrian:tiket_publik", args=[ketiga.token])).content.decode()
    # Counted across offices it would be 4 ahead, an 18-minute median and 2 counters.
    assert (p.di_depan, p.median_layanan_menit, p.loket_buka, p.menit) == (1, 6, 1, 6)
    assert "Perkiraan menunggu ± 6 menit" in html


def test_tanpa_loket_buka_untuk_layanannya_tidak_ada_perkiraan_menit(tiket_untuk, loket1, petugas, client):
    """The only counter of the service is closed mid-day: the visitors still
    waiting are not promised minutes nobody will call them in."""
    with pada(8, 0):
        tiket = [tiket_untuk(t) for t in tamu(4)]
    layani(loket1, petugas, (8, 0), 10)
    with pada(9, 0):
        loket1.aktif = False
        loket1.full_clean()
        loket1.save()
        p = perkiraan_tunggu(tiket[3])
        html = client.get(reverse("antrian:tiket_publik", args=[tiket[3].token])).content.decode()
        berikutnya = client.get(reverse("antrian:tiket_publik", args=[tiket[1].token])).content.decode()
    assert (p.di_depan, p.loket_buka, p.menit) == (2, 0, None)
    assert "Perkiraan menunggu" not in html
    pesan = "Saat ini belum ada loket yang buka untuk layanan ini; perkiraan waktu tunggu belum tersedia."
    assert pesan in html and pesan in berikutnya


def test_loket_bersama_dua_layanan_menghitung_antrean_layanan_lain_di_depan(tiket_untuk, loket1, layanan_k, client):
    """Loket 1 is the only counter and calls B and K alike in arrival order:
    the K visitor who came after two B visitors has two people ahead, not
    "you are next"."""
    loket1.layanan.add(layanan_k)
    with pada(8, 0):
        tiket_untuk(tamu(1, "b1")[0])
        tiket_untuk(tamu(1, "b2")[0])
        k = tiket_untuk(tamu(1, "k")[0], layanan_k)
        tiket_untuk(tamu(1, "b3")[0])  # came after: not ahead
        html = client.get(reverse("antrian:tiket_publik", args=[k.token])).content.decode()
        assert services.orang_di_depan(k) == 2
    assert "<strong>2</strong> orang di depan Anda" in html


def test_loket_yang_mengalihkan_satu_satunya_panggilannya_tetap_terhitung_buka(
    tiket_untuk, loket1, loket2, layanan_k, petugas
):
    """Counter 2 called its first visitor today and sent them on to another
    service: it is staffed all the same, so the queue is still shared by two
    counters; the estimate doubled when the transferred ticket, no longer
    the counter's, took its call with it."""
    loket_k = Loket.objects.create(nomor=3)
    loket_k.layanan.add(layanan_k)
    with pada(8, 0):
        tiket = [tiket_untuk(t) for t in tamu(8)]
    layani(loket1, petugas, (8, 0), 10)
    with pada(8, 11):
        dipanggil = services.panggil_berikutnya(loket2, petugas)
        services.alihkan(dipanggil, layanan_k, petugas, loket2)
    with pada(9, 0):
        p = perkiraan_tunggu(tiket[7])
    assert (p.di_depan, p.loket_buka, p.menit) == (5, 2, 25)
