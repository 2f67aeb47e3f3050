"""Waiting-room display and public ticket page: live, and no personal data."""

import pytest
from django.urls import reverse

from antrian import services
from conftest import buat_pengguna
from pst_layanan.models import Kantor

pytestmark = pytest.mark.django_db


def tidak_ada_data_pribadi(html, user):
    for nilai in (user.nama_lengkap, user.email, user.telepon, user.nama_instansi):
        if nilai:
            assert nilai not in html


def test_layar_menampilkan_panggilan_per_loket_dan_kalimat_suara(
    client, tiket_untuk, pengunjung, pengunjung_lain, loket1, loket2, petugas, django_capture_on_commit_callbacks
):
    pengunjung.nama_instansi = "Universitas Bengkulu"
    pengunjung.save()
    tiket_untuk(pengunjung)
    tiket_untuk(pengunjung_lain)
    services.panggil_berikutnya(loket2, petugas)
    html = client.get(reverse("antrian:layar")).content.decode()
    assert 'hx-trigger="every 1s"' in html and "Aktifkan suara" in html
    assert "Senin–Kamis 00.00–23.59 WIB" in html  # service hours from kantor()
    assert 'data-loket="2"' in html
    assert "Nomor antrian B nol nol satu, silakan menuju loket dua" in html
    tidak_ada_data_pribadi(html, pengunjung)

    with django_capture_on_commit_callbacks(execute=True):  # the page and the poll share one copy per change
        services.panggil_berikutnya(loket1, petugas)
    isi = client.get(reverse("antrian:layar_isi")).content.decode()
    assert "B-002" in isi and "Nomor antrian B nol nol dua, silakan menuju loket satu" in isi
    assert isi.count("<li data-id=") == 2
    tidak_ada_data_pribadi(isi, pengunjung)
    tidak_ada_data_pribadi(isi, pengunjung_lain)


def test_tiket_publik_status_posisi_tanpa_data_pribadi(
    client, tiket_untuk, pengunjung, pengunjung_lain, loket1, petugas
):
    t1 = tiket_untuk(pengunjung)
    t2 = tiket_untuk(pengunjung_lain)
    url = reverse("antrian:tiket_publik", args=[t2.token])
    html = client.get(url).content.decode()
    assert "B-002" in html and "Menunggu" in html and "<strong>1</strong> orang di depan Anda" in html
    tidak_ada_data_pribadi(html, pengunjung_lain)
    services.panggil(t2, loket1, petugas)
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Dipanggil" in html and "Silakan menuju <strong>Loket 1</strong>" in html
    assert "<html" not in html  # htmx gets the fragment only
    assert client.get(reverse("antrian:tiket_publik", args=["bukan-token"])).status_code == 404
    assert len(t1.token) >= 32 and t1.token != t2.token


def test_tiket_selesai_mengajak_menilai_layanan(client, tiket_untuk, pengunjung, loket1, petugas):
    tiket = tiket_untuk(pengunjung)
    services.panggil(tiket, loket1, petugas)
    services.mulai_layani(tiket, loket1, petugas)
    services.selesai(tiket, loket1, petugas, "penjelasan", "Dijelaskan tarif data mikro.")
    html = client.get(reverse("antrian:tiket_publik", args=[tiket.token])).content.decode()
    assert "Beri penilaian layanan" in html
    assert reverse("penilaian:nilai_tiket", args=[tiket.token]) in html


def test_tiket_selesai_tidak_lagi_berjanji_diperbarui(client, tiket_untuk, pengunjung, loket1, petugas):
    """While waiting, the page says it refreshes by itself; once served it no
    longer does, and no longer tells the visitor to keep it open while waiting."""
    tiket = tiket_untuk(pengunjung)
    url = reverse("antrian:tiket_publik", args=[tiket.token])
    html = client.get(url).content.decode()
    assert "Halaman ini diperbarui otomatis" in html and "hx-trigger" in html
    services.panggil(tiket, loket1, petugas)
    services.mulai_layani(tiket, loket1, petugas)
    services.selesai(tiket, loket1, petugas, "penjelasan", "")
    html = client.get(url).content.decode()
    assert "Halaman ini diperbarui otomatis" not in html and "hx-trigger" not in html


def test_cetak_dan_pdf_tiket(klien_untuk, resepsionis, tiket_untuk, pengunjung, client):
    from io import BytesIO

    from pypdf import PdfReader

    tiket = tiket_untuk(pengunjung)
    r = klien_untuk(resepsionis).get(reverse("antrian:tiket_pdf", args=[tiket.pk]))
    assert r["Content-Type"] == "application/pdf"
    teks = PdfReader(BytesIO(r.content)).pages[0].extract_text()
    assert "B-001" in teks and "Produk Statistik Berbayar" in teks and "BPS Provinsi Bengkulu" in teks
    assert "Anda berikutnya" in teks
    client.logout()
    assert client.get(reverse("antrian:tiket_cetak", args=[tiket.pk])).status_code == 302


def test_tiket_yang_sudah_dipanggil_dicetak_ulang_tanpa_ajakan_menunggu(
    klien_untuk, resepsionis, tiket_untuk, pengunjung, loket1, petugas
):
    """A ticket printed again from today's queue after its number was called
    (or served) said "Status: Dipanggil" above "Mohon menunggu hingga nomor
    Anda dipanggil": only a waiting ticket asks the visitor to wait."""
    from io import BytesIO

    from pypdf import PdfReader

    tunggu = "Mohon menunggu hingga nomor Anda dipanggil."
    tiket = tiket_untuk(pengunjung)
    klien = klien_untuk(resepsionis)

    def cetakan():
        html = klien.get(reverse("antrian:tiket_cetak", args=[tiket.pk])).content.decode()
        pdf = klien.get(reverse("antrian:tiket_pdf", args=[tiket.pk])).content
        return html, PdfReader(BytesIO(pdf)).pages[0].extract_text().replace("\n", " ")

    assert all(tunggu in isi for isi in cetakan())
    services.panggil(tiket, loket1, petugas)
    assert all(tunggu not in isi and "Status: Dipanggil" in isi for isi in cetakan())
    services.mulai_layani(tiket, loket1, petugas)
    services.selesai(tiket, loket1, petugas, "penjelasan", "")
    assert all(tunggu not in isi and "Status: Selesai" in isi for isi in cetakan())


@pytest.mark.parametrize("bahasa, nama", [("id", "tiket-B-001.pdf"), ("en", "ticket-B-001.pdf")])
def test_nama_berkas_pdf_tiket_dalam_bahasa_pembaca(bahasa, nama, klien_untuk, resepsionis, tiket_untuk, pengunjung):
    """The ticket PDF is written in the receptionist's language, and so is the
    name of the file it is saved as, like the office's other documents."""
    resepsionis.bahasa = bahasa
    resepsionis.save(update_fields=["bahasa"])
    tiket = tiket_untuk(pengunjung)
    r = klien_untuk(resepsionis).get(reverse("antrian:tiket_pdf", args=[tiket.pk]))
    assert f'filename="{nama}"' in r["Content-Disposition"]


def test_jumlah_query_layar(client, tiket_untuk, loket1, loket2, petugas, django_assert_max_num_queries):
    for i in range(40):
        tiket_untuk(buat_pengguna(f"tamu{i}@contoh.id"))
    services.panggil_berikutnya(loket1, petugas)
    services.panggil_berikutnya(loket2, petugas)
    client.get(reverse("antrian:layar"))
    # Six reads of today's rows and settings; on PostgreSQL up to four more set and put back their time limit.
    with django_assert_max_num_queries(10):
        client.get(reverse("antrian:layar"))
    with django_assert_max_num_queries(10):
        client.get(reverse("antrian:layar_isi"))
    tiket = services.antrian_untuk_loket(loket1).last()
    # The ticket, the people ahead, today's service times and the open counters (the estimate).
    with django_assert_max_num_queries(4):
        client.get(reverse("antrian:tiket_publik", args=[tiket.token]))


def test_isi_layar_disimpan_sampai_antrian_berubah(
    client, tiket_untuk, pengunjung, loket1, petugas, django_capture_on_commit_callbacks, django_assert_num_queries
):
    tiket = tiket_untuk(pengunjung)
    url = reverse("antrian:layar_isi")
    assert "Nomor antrian B nol nol satu" not in client.get(url).content.decode()
    with django_assert_num_queries(0):  # a hundred screens polling cost no query
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        services.panggil(tiket, loket1, petugas)
    assert "Nomor antrian B nol nol satu, silakan menuju loket satu" in client.get(url).content.decode()


def test_tiket_publik_inggris_satu_orang_di_depan_tunggal(client, tiket_untuk, pengunjung, pengunjung_lain, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    tiket_untuk(pengunjung)
    t2 = tiket_untuk(pengunjung_lain)
    html = client.get(reverse("antrian:tiket_publik", args=[t2.token])).content.decode()
    assert "<strong>1</strong> person ahead of you" in html


def test_tiket_cetak_inggris_satu_orang_di_depan_tunggal(
    klien_untuk, resepsionis, tiket_untuk, pengunjung, pengunjung_lain
):
    resepsionis.bahasa = "en"
    resepsionis.save(update_fields=["bahasa"])
    tiket_untuk(pengunjung)
    t2 = tiket_untuk(pengunjung_lain)
    html = klien_untuk(resepsionis).get(reverse("antrian:tiket_cetak", args=[t2.pk])).content.decode()
    assert "1 person ahead of you" in html


def test_tiket_cetak_berkop_kantor_tiketnya(klien_untuk, selalu_buka, resepsionis, layanan_b, pengunjung, kota):
    """Staff working for several offices print a city-office ticket from a
    session at the provincial office: the ticket names the city office."""
    from datetime import time

    kota.jam_buka, kota.jam_tutup_senin_kamis, kota.jam_tutup_jumat = time(0, 0), time(23, 59, 59), time(23, 59, 59)
    kota.save()
    resepsionis.kantor.add(kota, Kantor.objects.get(kode="1700"))
    tiket = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung, kantor_id=kota.pk)
    html = klien_untuk(resepsionis).get(reverse("antrian:tiket_cetak", args=[tiket.pk])).content.decode()
    assert "<strong>BPS Kota Bengkulu</strong>" in html


def test_tiket_publik_halaman_dan_kartunya_dibedakan_untuk_peramban(client, tiket_untuk, pengunjung):
    """The page and the card its htmx refresh fetches share one address: the
    answers say they differ by HX-Request, or a browser going Back to the
    page shows the last card it fetched, without the page or its refresh."""
    url = reverse("antrian:tiket_publik", args=[tiket_untuk(pengunjung).token])
    for kepala in ({}, {"HTTP_HX_REQUEST": "true"}):
        vary = [v.strip().lower() for v in client.get(url, **kepala)["Vary"].split(",")]
        assert "hx-request" in vary


def test_tiket_publik_yang_dialihkan_menyebut_nomor_barunya_di_judul(
    client, tiket_untuk, pengunjung, layanan_k, loket1, petugas
):
    """Transferred at the counter, B-001 becomes K-001: the visitor's page, which
    refreshes its card on its own, no longer keeps "Nomor antrian B-001" as its
    heading above the new number."""
    loket1.layanan.add(layanan_k)
    tiket = tiket_untuk(pengunjung)
    url = reverse("antrian:tiket_publik", args=[tiket.token])
    assert "Nomor antrian B-001</h1>" in client.get(url).content.decode()
    services.panggil(tiket, loket1, petugas)
    services.alihkan(tiket, layanan_k, petugas, loket1)
    kartu = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Nomor antrian K-001</h1>" in kartu and "B-001" not in kartu


def test_tiket_publik_yang_dialihkan_menyebut_nomor_barunya_di_tab_peramban(
    client, tiket_untuk, pengunjung, layanan_k, loket1, petugas
):
    """The browser tab names the new number too: htmx takes the title from a
    top-level <title> of the refreshed card; the full page keeps one title."""
    loket1.layanan.add(layanan_k)
    tiket = tiket_untuk(pengunjung)
    url = reverse("antrian:tiket_publik", args=[tiket.token])
    assert client.get(url).content.decode().count("<title>") == 1
    services.panggil(tiket, loket1, petugas)
    services.alihkan(tiket, layanan_k, petugas, loket1)
    kartu = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    judul, _, sisa = kartu.strip().partition("</title>")
    assert judul.startswith("<title>Tiket K-001 · ") and sisa.strip().startswith('<div id="status-tiket"')


def test_tiket_hari_sebelumnya_dicetak_ulang_dengan_status_akhirnya(
    klien_untuk, resepsionis, layanan_b, pengunjung, janji_kemarin_hadir
):
    """An appointment's ticket stays open until the next day's end-of-day run:
    printed again that morning (from the visit history), it must not tell the
    visitor "Anda berikutnya" for a day that is over, but the outcome the
    close gives it, as the public page does."""
    from datetime import datetime
    from io import BytesIO

    import time_machine
    from pypdf import PdfReader

    from pst_layanan.kalender import WIB

    tiket = janji_kemarin_hadir
    klien = klien_untuk(resepsionis)
    with time_machine.travel(datetime(2026, 4, 15, 8, 30, tzinfo=WIB), tick=False):
        html = klien.get(reverse("antrian:tiket_cetak", args=[tiket.pk])).content.decode()
        pdf = klien.get(reverse("antrian:tiket_pdf", args=[tiket.pk])).content
    teks = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    for isi in (html, teks):
        assert "Anda berikutnya" not in isi
        assert "Status: Tidak terlayani" in isi


@pytest.fixture
def janji_kemarin_hadir(resepsionis, layanan_b, pengunjung):
    """A ticket checked in for an appointment at 16.30 WIB on Tuesday 14 April
    2026 (after the close), never called."""
    from datetime import datetime

    import time_machine

    from antrian.models import JanjiTemu, StatusJanji
    from pst_layanan.kalender import WIB

    with time_machine.travel(datetime(2026, 4, 14, 16, 25, tzinfo=WIB), tick=False):
        janji = JanjiTemu.objects.create(
            pengunjung=pengunjung,
            layanan=layanan_b,
            waktu=datetime(2026, 4, 14, 16, 30, tzinfo=WIB),
            keperluan="Data inflasi",
            status=StatusJanji.DIKONFIRMASI,
        )
        return services.checkin_janji(janji, resepsionis)


def test_loket_ditutup_atau_dinamai_ulang_langsung_tampil_di_layar_dan_monitor(
    klien_untuk, client, supervisor, tiket_untuk, pengunjung, loket1, loket2, django_capture_on_commit_callbacks
):
    """The screens share one copy per queue change: a counter switched off or
    renamed in the admin is such a change, or every screen keeps showing the
    closed counter "Siap melayani" (and the monitor its row) until the next
    ticket moves or the copy's minute runs out."""
    tiket_untuk(pengunjung)
    layar, monitor = reverse("antrian:layar_isi"), reverse("antrian:monitor_isi")
    pengawas = klien_untuk(supervisor)
    assert 'data-loket="2"' in client.get(layar).content.decode()
    assert "Loket 2" in pengawas.get(monitor).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        loket2.aktif = False
        loket2.save()
    assert 'data-loket="2"' not in client.get(layar).content.decode()
    assert "Loket 2" not in pengawas.get(monitor).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        loket1.nama = "Loket Konsultasi"
        loket1.save()
    assert "Loket Konsultasi" in client.get(layar).content.decode()
