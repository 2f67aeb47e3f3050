"""The visitor cancels their own appointment before its time; the office
stops expecting them. Week of Mon 13 – Fri 17 April 2026 (WIB)."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from antrian import services
from antrian.models import JanjiTemu, StatusJanji, Tiket
from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.roles import PENGAWAS_PROVINSI
from tests.antrian.test_jam_dan_janji import pada
from tests.halaman import formulir_tanpa_novalidate

pytestmark = pytest.mark.django_db

RABU_10 = datetime(2026, 4, 15, 10, 0, tzinfo=WIB)


def _janji(pengunjung, layanan, petugas=None, waktu=RABU_10):
    with pada(2026, 4, 13, 9, 0):
        janji = services.ajukan_janji(pengunjung, layanan, waktu, "Data kemiskinan")
        if petugas is not None:
            services.konfirmasi_janji(janji, petugas)
    mail.outbox.clear()
    return janji


def _batal(klien, janji, **data):
    return klien.post(reverse("antrian:janji_batal", args=[janji.pk]), data, follow=True)


def test_pengunjung_membatalkan_janji_sendiri_dan_kantor_diberi_tahu(
    klien_untuk, pengunjung, petugas, layanan_b, django_capture_on_commit_callbacks
):
    janji = _janji(pengunjung, layanan_b, petugas)
    klien = klien_untuk(pengunjung)
    with pada(2026, 4, 14, 9, 0):
        html = klien.get(reverse("antrian:janji_saya")).content.decode()
        assert "Batalkan janji temu ini" in html and reverse("antrian:janji_batal", args=[janji.pk]) in html
        with django_capture_on_commit_callbacks(execute=True):
            html = _batal(klien, janji, alasan="  Jadwal dinas luar kota  ").content.decode()
            # A double click, or the page still open in another tab: nothing changes twice.
            lagi = _batal(klien, janji).content.decode()
    assert "Janji temu dibatalkan; petugas PST sudah diberi tahu." in html
    assert "Dibatalkan oleh pengunjung" in html and "Alasan: Jadwal dinas luar kota" in html
    assert "Batalkan janji temu ini" not in html
    assert "Janji temu ini sudah Anda batalkan." in lagi
    janji.refresh_from_db()
    assert (janji.status, janji.alasan_batal) == (StatusJanji.DIBATALKAN, "Jadwal dinas luar kota")
    assert janji.dibatalkan_pada == datetime(2026, 4, 14, 9, 0, tzinfo=WIB)
    assert janji.diputuskan_oleh == petugas  # who confirmed it stays on record
    [surel] = mail.outbox
    assert surel.subject == "Janji temu dibatalkan: Andi Pengunjung" and surel.to != [pengunjung.email]
    assert "Rabu, 15 April 2026 pukul 10.00 WIB" in surel.body and "Jadwal dinas luar kota" in surel.body


def test_permintaan_yang_belum_diputuskan_juga_dapat_dibatalkan(klien_untuk, pengunjung, layanan_b):
    janji = _janji(pengunjung, layanan_b)
    with pada(2026, 4, 14, 9, 0):
        _batal(klien_untuk(pengunjung), janji)
    janji.refresh_from_db()
    assert janji.status == StatusJanji.DIBATALKAN and janji.alasan_batal == ""


def test_janji_orang_lain_tidak_ditemukan(klien_untuk, pengunjung, pengunjung_lain, petugas, layanan_b):
    janji = _janji(pengunjung, layanan_b, petugas)
    with pada(2026, 4, 14, 9, 0):
        assert _batal(klien_untuk(pengunjung_lain), janji).status_code == 404
        with pytest.raises(services.AntrianError, match="tidak ditemukan"):
            services.batalkan_janji(janji, pengunjung_lain)
    janji.refresh_from_db()
    assert janji.status == StatusJanji.DIKONFIRMASI and mail.outbox == []


def test_janji_yang_waktunya_tiba_tidak_dapat_dibatalkan(klien_untuk, pengunjung, petugas, layanan_b):
    janji = _janji(pengunjung, layanan_b, petugas)
    klien = klien_untuk(pengunjung)
    with pada(2026, 4, 15, 10, 0):
        assert "Batalkan janji temu ini" not in klien.get(reverse("antrian:janji_saya")).content.decode()
        html = _batal(klien, janji).content.decode()
    assert "Waktu janji temu ini sudah tiba; janji tidak dapat dibatalkan lagi." in html
    janji.refresh_from_db()
    assert janji.status == StatusJanji.DIKONFIRMASI and mail.outbox == []


@pytest.mark.parametrize(
    ("status", "label"),
    [(StatusJanji.DITOLAK, "Ditolak"), (StatusJanji.HADIR, "Sudah hadir"), (StatusJanji.TIDAK_HADIR, "Tidak hadir")],
)
def test_janji_yang_sudah_diputuskan_tidak_dapat_dibatalkan(klien_untuk, pengunjung, layanan_b, status, label):
    janji = _janji(pengunjung, layanan_b)
    JanjiTemu.objects.filter(pk=janji.pk).update(status=status)
    klien = klien_untuk(pengunjung)
    with pada(2026, 4, 14, 9, 0):
        assert "Batalkan janji temu ini" not in klien.get(reverse("antrian:janji_saya")).content.decode()
        html = _batal(klien, janji).content.decode()
    assert f"Janji temu ini berstatus “{label}”; tindakan itu tidak dapat dilakukan." in html
    assert JanjiTemu.objects.get().status == status


def test_alasan_terlalu_panjang_ditolak_dengan_pesan(klien_untuk, pengunjung, layanan_b):
    janji = _janji(pengunjung, layanan_b)
    with pada(2026, 4, 14, 9, 0):
        html = _batal(klien_untuk(pengunjung), janji, alasan="a" * 301).content.decode()
    assert "Alasan pembatalan:" in html
    assert JanjiTemu.objects.get().status == StatusJanji.DIAJUKAN


def test_kantor_tidak_lagi_menunggu_janji_yang_dibatalkan(
    klien_untuk, pengunjung, pengunjung_lain, petugas, resepsionis, layanan_b
):
    batal = _janji(pengunjung, layanan_b, petugas)
    tetap = _janji(pengunjung_lain, layanan_b, petugas)
    with pada(2026, 4, 14, 9, 0):
        services.batalkan_janji(batal, pengunjung, "Sakit")
    petugas_klien, meja = Client(), Client()
    petugas_klien.force_login(petugas, backend="django.contrib.auth.backends.ModelBackend")
    meja.force_login(resepsionis, backend="django.contrib.auth.backends.ModelBackend")
    with pada(2026, 4, 15, 9, 0):
        daftar = petugas_klien.get(reverse("antrian:janji_petugas")).content.decode()
        di_meja = meja.get(reverse("antrian:meja")).content.decode()
        checkin = meja.post(reverse("antrian:janji_checkin", args=[batal.pk]), follow=True).content.decode()
        for tindakan in ({"keputusan": "konfirmasi"}, {"keputusan": "tolak", "alasan": "Penuh"}):
            putus = petugas_klien.post(reverse("antrian:janji_putuskan", args=[batal.pk]), tindakan, follow=True)
            assert "Janji temu ini sudah dibatalkan oleh pengunjung." in putus.content.decode()
    # The officer's list: still to be served first, the cancellation last, with no buttons.
    assert daftar.index(tetap.pengunjung.nama_lengkap) < daftar.index(pengunjung.nama_lengkap)
    baris_batal = daftar[daftar.index(pengunjung.nama_lengkap) :].split("</tr>")[0]
    assert "Dibatalkan oleh pengunjung" in baris_batal and "Alasan: Sakit" in baris_batal
    assert "<button" not in baris_batal
    # The desk: only the appointment still expected can be checked in.
    assert reverse("antrian:janji_checkin", args=[tetap.pk]) in di_meja
    assert reverse("antrian:janji_checkin", args=[batal.pk]) not in di_meja
    assert "Janji temu ini sudah dibatalkan oleh pengunjung." in checkin and not Tiket.objects.exists()
    # The end of the day: only the one expected and not come is "tidak hadir".
    with pada(2026, 4, 15, 18, 0):
        assert services.tutup_hari()["janji"] == 1
    batal.refresh_from_db(), tetap.refresh_from_db()
    assert (batal.status, tetap.status) == (StatusJanji.DIBATALKAN, StatusJanji.TIDAK_HADIR)


def test_daftar_janji_petugas_kueri_terbatas(
    klien_untuk, pengunjung, pengunjung_lain, petugas, layanan_b, django_assert_max_num_queries
):
    for i in range(6):
        tamu = pengunjung if i % 2 else pengunjung_lain
        janji = _janji(tamu, layanan_b, petugas if i % 3 else None, RABU_10 + timedelta(hours=i))
        if i < 2:
            with pada(2026, 4, 14, 8, 0):
                services.batalkan_janji(janji, tamu)
    klien = klien_untuk(petugas)
    with pada(2026, 4, 14, 9, 0), django_assert_max_num_queries(10):
        html = klien.get(reverse("antrian:janji_petugas")).content.decode()
    assert html.count("Dibatalkan oleh pengunjung") == 2
    # A refusal without its reason gets the server's message, not the browser's popup.
    assert "isian-alasan" in html and formulir_tanpa_novalidate(html) == []


def test_janji_saya_dalam_bahasa_inggris(klien_untuk, pengunjung, layanan_b):
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    _janji(pengunjung, layanan_b)
    with pada(2026, 4, 14, 9, 0):
        html = klien_untuk(pengunjung).get(reverse("antrian:janji_saya"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Cancel this appointment" in html and "Yes, cancel the appointment" in html


def test_waktu_yang_dibatalkan_dapat_dipesan_lagi(pengunjung, layanan_b):
    """The same visitor, service and time again after a cancellation is a new request, not the cancelled one."""
    janji = _janji(pengunjung, layanan_b)
    with pada(2026, 4, 14, 9, 0):
        services.batalkan_janji(janji, pengunjung)
        baru = services.ajukan_janji(pengunjung, layanan_b, RABU_10, "Data kemiskinan")
    assert baru.pk != janji.pk and baru.status == StatusJanji.DIAJUKAN


def test_janji_saya_menyebut_kantor_tiap_janji(klien_untuk, pengunjung, layanan_b, kota, django_assert_max_num_queries):
    """A visitor with appointments at two offices sees where each one is, so they do not go to the wrong office."""
    with pada(2026, 4, 13, 9, 0):
        services.ajukan_janji(pengunjung, layanan_b, RABU_10, "Data kemiskinan")
        services.ajukan_janji(pengunjung, layanan_b, RABU_10 + timedelta(days=1), "Data inflasi", kantor_id=kota.pk)
        klien = klien_untuk(pengunjung)
        with django_assert_max_num_queries(8):
            html = klien.get(reverse("antrian:janji_saya")).content.decode()
    assert f"{layanan_b.nama} · BPS Kota Bengkulu" in html and f"{layanan_b.nama} · BPS Provinsi Bengkulu" in html


def test_daftar_janji_petugas_beberapa_kantor_menyebut_kantor_tiap_janji(
    klien_untuk, pengunjung, pengunjung_lain, layanan_b, kota, django_assert_max_num_queries
):
    """The province supervisor confirms appointments of every office from one
    list: each names the office the visitor will come to."""
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    with pada(2026, 4, 13, 9, 0):
        services.ajukan_janji(pengunjung, layanan_b, RABU_10, "Data kemiskinan")
        services.ajukan_janji(pengunjung_lain, layanan_b, RABU_10, "Data inflasi", kantor_id=kota.pk)
        klien = klien_untuk(pengawas)
        with django_assert_max_num_queries(10):
            html = klien.get(reverse("antrian:janji_petugas")).content.decode()
    tabel = html[html.index("<tbody") : html.index("</tbody>")]
    assert "BPS Kota Bengkulu" in tabel and "BPS Provinsi Bengkulu" in tabel


def test_alasan_berbaris_dikutip_dalam_surel_kantor(
    klien_untuk, pengunjung, petugas, layanan_b, django_capture_on_commit_callbacks
):
    # What the visitor typed cannot pass for the e-mail's own lines (its link to the list).
    janji = _janji(pengunjung, layanan_b, petugas)
    alasan = "Sakit\n\nDaftar janji temu:\nhttps://palsu.example/masuk"
    with pada(2026, 4, 14, 9, 0), django_capture_on_commit_callbacks(execute=True):
        _batal(klien_untuk(pengunjung), janji, alasan=alasan)
    [surel] = mail.outbox
    assert "> Sakit\n>\n> Daftar janji temu:\n> https://palsu.example/masuk" in surel.body
    assert "\nhttps://palsu.example" not in surel.body
