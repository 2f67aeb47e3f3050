"""SOP step 8 at the desk: the ticket token (QR page or kiosk) rates a finished visit once."""

from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from antrian.models import Kanal
from conftest import buat_pengguna
from penilaian import services
from penilaian.models import Media, Penilaian
from pst_layanan.format import tanggal_panjang
from pst_layanan.kalender import WIB
from pst_layanan.models import Kantor
from pst_layanan.roles import PETUGAS, RESEPSIONIS
from tests.penilaian.conftest import SEMUA_4, layanan_b, tiket_selesai

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiket(pengunjung, petugas):
    return tiket_selesai(pengunjung, petugas)


def test_pemegang_token_menilai_sekali(tiket, pengunjung):
    p = services.beri_penilaian_kunjungan(tiket.token, SEMUA_4, "Ruang tunggu nyaman")
    assert (p.kunjungan_id, p.pengguna, p.kanal, p.media) == (tiket.kunjungan_id, pengunjung, Kanal.LANGSUNG, "tiket")
    with pytest.raises(services.PenilaianDitolak, match="sudah dinilai"):
        services.beri_penilaian_kunjungan(tiket.token, SEMUA_4)
    assert Penilaian.objects.count() == 1


def test_token_salah_ditolak(tiket):
    with pytest.raises(services.PenilaianDitolak, match="Tiket tidak ditemukan"):
        services.beri_penilaian_kunjungan(tiket.token[:-2] + "xx", SEMUA_4)


def test_tiket_belum_selesai_ditolak(pengunjung, petugas):
    with time_machine.travel(datetime(2026, 4, 7, 9, 0, tzinfo=WIB), tick=False):
        from antrian import services as antrian

        t = antrian.kunjungan_langsung(petugas, layanan_b(), pengunjung=pengunjung)
    with pytest.raises(services.PenilaianDitolak, match="belum selesai dilayani"):
        services.beri_penilaian_kunjungan(t.token, SEMUA_4)


def test_halaman_token_publik(tiket, client, django_assert_max_num_queries):
    url = reverse("penilaian:nilai_tiket", args=[tiket.token])
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
    r = client.post(url, {k: str(v) for k, v in SEMUA_4.items()})
    assert r.status_code == 200 and "Terima kasih" in r.text
    assert client.get(url).text.count("sudah dinilai") == 1
    assert client.get(reverse("penilaian:nilai_tiket", args=["bukan-token"])).status_code == 404


def test_halaman_tiket_berterima_kasih_setelah_dinilai(tiket, client):
    """Once rated, the ticket's page no longer invites a rating that would be refused."""
    url = reverse("antrian:tiket_publik", args=[tiket.token])
    assert "Beri penilaian layanan" in client.get(url).text
    services.beri_penilaian_kunjungan(tiket.token, SEMUA_4)
    html = client.get(url).text
    assert "Beri penilaian layanan" not in html and reverse("penilaian:nilai_tiket", args=[tiket.token]) not in html
    assert "Kunjungan ini sudah dinilai. Terima kasih atas penilaian Anda." in html


def test_kios_mencari_tiket_hari_ini(tiket, resepsionis, klien_untuk, client):
    assert client.get(reverse("penilaian:kios")).status_code == 302  # an officer's session only
    klien = klien_untuk(resepsionis)
    with time_machine.travel(datetime(2026, 4, 7, 10, 0, tzinfo=WIB), tick=False):
        r = klien.post(reverse("penilaian:kios"), {"kode": "b 1"})
        assert r.status_code == 302 and r.url == reverse("penilaian:kios_nilai", args=[tiket.token])
        r = klien.post(r.url, {k: str(v) for k, v in SEMUA_4.items()})
        assert r.status_code == 302 and r.url == reverse("penilaian:kios")
        assert "tidak ditemukan" in klien.post(reverse("penilaian:kios"), {"kode": "B-099"}).text
    assert Penilaian.objects.get().media == Media.KIOS


def test_kios_nomor_salah_dibacakan_bersama_kotaknya(resepsionis, klien_untuk):
    """On the tablet the refused number's box is marked invalid and described
    by the reason, so a screen reader says why the number was not taken."""
    r = klien_untuk(resepsionis).post(reverse("penilaian:kios"), {"kode": "Z-999"})
    assert 'aria-invalid="true"' in r.text and 'aria-describedby="id_kode_galat"' in r.text
    assert 'id="id_kode_galat"' in r.text and "tidak ditemukan" in r.text


def test_kios_hanya_kunjungan_yang_baru_selesai(tiket, resepsionis, klien_untuk):
    klien = klien_untuk(resepsionis)
    with time_machine.travel(datetime(2026, 4, 7, 10, 1, tzinfo=WIB), tick=False):  # 61 minutes after finishing
        r = klien.post(reverse("penilaian:kios"), {"kode": "B-001"})
    assert r.status_code == 200 and "Gunakan tautan QR pada tiket Anda" in r.text
    assert not Penilaian.objects.exists()


def test_kios_hanya_tiket_kantornya(tiket, pengunjung, klien_untuk):
    """Every office calls its own B-001: the tablet of Kota Bengkulu finds its
    B-001, never the provincial office's, and cannot rate that one by token."""
    kota = Kantor.objects.create(kode="1771", nama="BPS Kota Bengkulu")
    resepsionis_kota = buat_pengguna("resepsionis1771@bps.go.id", RESEPSIONIS)
    resepsionis_kota.kantor.add(kota)
    klien = klien_untuk(resepsionis_kota)
    skor = {k: str(v) for k, v in SEMUA_4.items()}
    with time_machine.travel(datetime(2026, 4, 7, 9, 30, tzinfo=WIB), tick=False):
        r = klien.post(reverse("penilaian:kios"), {"kode": "B-1"})
        assert r.status_code == 200 and "tidak ditemukan" in r.text
        url_provinsi = reverse("penilaian:kios_nilai", args=[tiket.token])
        assert klien.get(url_provinsi).status_code == 404
        assert klien.post(url_provinsi, skor).status_code == 404
    assert not Penilaian.objects.exists()

    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS)
    petugas_kota.kantor.add(kota)
    tiket_kota = tiket_selesai(pengunjung, petugas_kota, datetime(2026, 4, 7, 9, 5, tzinfo=WIB), kantor=kota)
    assert (tiket_kota.kode, tiket.kode) == ("B-001", "B-001")
    with time_machine.travel(datetime(2026, 4, 7, 9, 30, tzinfo=WIB), tick=False):
        r = klien.post(reverse("penilaian:kios"), {"kode": "B-1"})
        assert r.status_code == 302 and r.url == reverse("penilaian:kios_nilai", args=[tiket_kota.token])
        assert klien.post(r.url, skor).status_code == 302
    assert list(Penilaian.objects.values_list("kunjungan", "kantor__kode")) == [(tiket_kota.kunjungan_id, "1771")]


def test_surel_tindak_lanjut_kunjungan_dalam_bahasa_petugas(tiket, petugas, django_capture_on_commit_callbacks):
    petugas.bahasa = "en"
    petugas.save(update_fields=["bahasa"])
    with django_capture_on_commit_callbacks(execute=True):
        services.beri_penilaian_kunjungan(tiket.token, SEMUA_4, "Antrean terlalu lama.", True)
    surel = next(m for m in mail.outbox if petugas.email in m.to)
    assert f"Feedback needs follow-up: the visit with ticket {tiket.kode}" in surel.subject
    assert "kunjungan" not in surel.subject + surel.body


def test_terima_kasih_menyebut_kantor_yang_dinilai(pengunjung, kota, client):
    """Rating a city-office visit from its QR code (no session: the provincial
    office) thanks the visitor on the city office's behalf."""
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    tiket = tiket_selesai(pengunjung, petugas_kota, kantor=kota)
    r = client.post(reverse("penilaian:nilai_tiket", args=[tiket.token]), {k: str(v) for k, v in SEMUA_4.items()})
    assert "membantu Pelayanan Statistik Terpadu (PST) BPS Kota Bengkulu memperbaiki" in r.text


def test_tindak_lanjut_kunjungan_ke_kantor_bila_petugasnya_sudah_pindah(
    pengunjung, kota, django_capture_on_commit_callbacks
):
    """The officer who served the visit has moved to another office, where
    this office's feedback is not theirs to answer: the office is told."""
    from pst_layanan.models import kantor_bawaan

    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    tiket = tiket_selesai(pengunjung, petugas_kota, kantor=kota)
    petugas_kota.kantor.set([kantor_bawaan()])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.beri_penilaian_kunjungan(tiket.token, SEMUA_4, "Antrean terlalu lama.", True)
    [surel] = [m for m in mail.outbox if "tindak" in m.subject]
    assert surel.to == [kota.email]


def test_saran_pengunjung_dikutip_di_surel_petugas(tiket, petugas, django_capture_on_commit_callbacks):
    """Whoever holds a ticket writes the feedback mailed to the officers: a line
    of it shaped like the e-mail's own ("Jawab melalui: <link>") could pass
    for the office's link. Each of its lines is quoted, so only the e-mail's
    own lines start bare."""
    saran = "Antrean lama.\n\nJawab melalui: https://pst-bps.example/masuk\nTerima kasih."
    with django_capture_on_commit_callbacks(execute=True):
        services.beri_penilaian_kunjungan(tiket.token, SEMUA_4, saran, True)
    surel = next(m for m in mail.outbox if petugas.email in m.to)
    assert "> Antrean lama.\n>\n> Jawab melalui: https://pst-bps.example/masuk\n> Terima kasih." in surel.body
    [jawab] = [b for b in surel.body.splitlines() if b.startswith("Jawab melalui:")]
    assert jawab.startswith("Jawab melalui: http://testserver/")


def test_jawaban_atas_saran_kunjungan_menyebut_tanggalnya_di_subjek(
    tiket, pengunjung, petugas, django_capture_on_commit_callbacks
):
    """The answer to a visit's feedback came under the same subject as every
    other answer the visitor had: it names the day the feedback was given."""
    with django_capture_on_commit_callbacks(execute=True):
        p = services.beri_penilaian_kunjungan(tiket.token, SEMUA_4, "Antrean terlalu lama.", True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.jawab_umpan_balik(p, petugas, "Loket kami tambah.")
    [surel] = mail.outbox
    assert surel.subject == f"Tanggapan atas saran dan masukan Anda pada {tanggal_panjang(p.dikirim_pada)}"


def test_kios_menemukan_tiket_yang_dialihkan_dengan_nomor_cetakannya(pengunjung, petugas, resepsionis, klien_untuk):
    """Transferred at the counter, B-001 was finished as K-001; the visitor's
    printed ticket still reads B-001, and the tablet takes either number."""
    from antrian import services as antrian
    from antrian.models import Layanan, Loket

    konsultasi = Layanan.objects.create(kode="K", nama="Konsultasi Statistik", urutan=2)
    loket_b, loket_k = Loket.objects.create(nomor=1), Loket.objects.create(nomor=2)
    loket_b.layanan.add(layanan_b())
    loket_k.layanan.add(konsultasi)
    with time_machine.travel(datetime(2026, 4, 7, 9, 0, tzinfo=WIB), tick=False):
        tiket = antrian.kunjungan_langsung(petugas, layanan_b(), pengunjung=pengunjung)
        antrian.panggil(tiket, loket_b, petugas)
        antrian.alihkan(tiket, konsultasi, petugas, loket_b)
        antrian.panggil(tiket, loket_k, petugas)
        antrian.mulai_layani(tiket, loket_k, petugas)
        tiket = antrian.selesai(tiket, loket_k, petugas, "penjelasan")
    assert tiket.kode == "K-001"
    klien = klien_untuk(resepsionis)
    with time_machine.travel(datetime(2026, 4, 7, 9, 10, tzinfo=WIB), tick=False):
        for kode in ("B-001", "K-001"):
            r = klien.post(reverse("penilaian:kios"), {"kode": kode})
            assert r.status_code == 302 and r.url == reverse("penilaian:kios_nilai", args=[tiket.token]), kode
        assert "tidak ditemukan" in klien.post(reverse("penilaian:kios"), {"kode": "B-002"}).text
