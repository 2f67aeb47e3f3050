"""The receptionist books an appointment for a visitor (found, or registered on
the spot) with the same time rules as online booking; it is confirmed at once
and the visitor receives the confirmation. Fixed instants, week of 13 April 2026."""

from datetime import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from antrian import services
from antrian.models import JanjiTemu, StatusJanji
from pst_layanan.kalender import WIB
from tests.antrian.conftest import kiriman_pertama_di_tengah_cek_email
from tests.antrian.test_meja import TAMU_BARU

pytestmark = pytest.mark.django_db

KONFIRMASI_14_APRIL = "Janji temu PST Anda pada Selasa, 14 April 2026 pukul 17.00 WIB dikonfirmasi"

TAMU_BARU_JANJI = {k: v for k, v in TAMU_BARU.items() if k.startswith("baru-")}


def pada(*args):
    return time_machine.travel(datetime(*args, tzinfo=WIB), tick=False)


def kirim(klien, layanan, waktu, **lain):
    return klien.post(
        reverse("antrian:janji_meja"), {"layanan": layanan.pk, "waktu": waktu, "keperluan": "Data IPM", **lain}
    )


def test_resepsionis_memesankan_janji_pengunjung_terdaftar_langsung_dikonfirmasi(
    klien_untuk, resepsionis, pengunjung, layanan_b, django_capture_on_commit_callbacks
):
    klien = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 12, 0), django_capture_on_commit_callbacks(execute=True):
        r = kirim(klien, layanan_b, "2026-04-14T17:00", pengunjung=pengunjung.pk)
    assert r.status_code == 302 and r.url == reverse("antrian:janji_meja")
    janji = JanjiTemu.objects.get()
    assert (janji.pengunjung, janji.status, janji.diputuskan_oleh) == (
        pengunjung,
        StatusJanji.DIKONFIRMASI,
        resepsionis,
    )
    assert janji.waktu == datetime(2026, 4, 14, 17, 0, tzinfo=WIB)
    # The visitor gets the confirmation, and only that; the office is not asked to confirm its own booking.
    assert [(m.to, m.subject) for m in mail.outbox] == [([pengunjung.email], KONFIRMASI_14_APRIL)]
    assert "Selasa, 14 April 2026" in mail.outbox[0].body


def test_pesanan_yang_dikirim_dua_kali_satu_janji_satu_surel(
    klien_untuk, resepsionis, pengunjung, layanan_b, django_capture_on_commit_callbacks
):
    klien = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 12, 0), django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):  # a double click
            assert kirim(klien, layanan_b, "2026-04-14T17:00", pengunjung=pengunjung.pk).status_code == 302
    assert JanjiTemu.objects.count() == 1 and len(mail.outbox) == 1


def test_pesanan_untuk_janji_yang_sudah_dikonfirmasi_tidak_mengaku_mengirim_surel(
    klien_untuk, resepsionis, pengunjung, petugas, layanan_b, django_capture_on_commit_callbacks
):
    """The visitor phones the desk for a slot the office confirmed earlier: the
    desk is told it stands already, not that a confirmation is on its way (none
    is sent, and the visitor would wait for it)."""
    with pada(2026, 4, 13, 9, 0):
        janji = services.ajukan_janji(pengunjung, layanan_b, datetime(2026, 4, 14, 17, 0, tzinfo=WIB), "Data IPM")
        services.konfirmasi_janji(janji, petugas)
    mail.outbox.clear()
    klien = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 12, 0), django_capture_on_commit_callbacks(execute=True):
        r = kirim(klien, layanan_b, "2026-04-14T17:00", pengunjung=pengunjung.pk)
        html = klien.get(r.url).content.decode()
    assert JanjiTemu.objects.count() == 1 and mail.outbox == []
    assert f"konfirmasinya dikirim ke {pengunjung.email}" not in html
    assert "sudah tercatat dan dikonfirmasi sebelumnya; tidak ada e-mail baru" in html


def test_pesanan_meja_untuk_permintaan_online_yang_sama_mengonfirmasinya(
    klien_untuk, resepsionis, pengunjung, layanan_b, django_capture_on_commit_callbacks
):
    """The visitor asked online, then phoned the desk for the same slot: the desk's
    booking confirms that request, as its message says, and the visitor is told."""
    with pada(2026, 4, 14, 11, 0):
        permintaan = services.ajukan_janji(pengunjung, layanan_b, datetime(2026, 4, 14, 17, 0, tzinfo=WIB), "Data IPM")
    mail.outbox.clear()
    klien = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 12, 0), django_capture_on_commit_callbacks(execute=True):
        assert kirim(klien, layanan_b, "2026-04-14T17:00", pengunjung=pengunjung.pk).status_code == 302
    permintaan.refresh_from_db()
    assert JanjiTemu.objects.count() == 1
    assert (permintaan.status, permintaan.diputuskan_oleh) == (StatusJanji.DIKONFIRMASI, resepsionis)
    assert [(m.to, m.subject) for m in mail.outbox] == [([pengunjung.email], KONFIRMASI_14_APRIL)]


def test_pengunjung_baru_didaftarkan_dan_menerima_undangan_serta_konfirmasi(
    klien_untuk, resepsionis, layanan_b, django_capture_on_commit_callbacks
):
    with pada(2026, 4, 17, 14, 0), django_capture_on_commit_callbacks(execute=True):
        r = kirim(klien_untuk(resepsionis), layanan_b, "2026-04-18T10:00", **TAMU_BARU_JANJI)
    assert r.status_code == 302
    sari = get_user_model().objects.get(email="sari@contoh.id")
    assert JanjiTemu.objects.get().pengunjung == sari
    # The set-password link of the new account, and the confirmation.
    assert sorted(m.subject for m in mail.outbox if m.to == [sari.email]) == [
        "Akun PST Layanan Anda telah dibuat",
        "Janji temu PST Anda pada Sabtu, 18 April 2026 pukul 10.00 WIB dikonfirmasi",
    ]


def test_undangan_tamu_baru_dari_pesanan_janji_tidak_mengaku_mencatat_buku_tamu(
    klien_untuk, resepsionis, layanan_b, django_capture_on_commit_callbacks
):
    # Booked by phone: no visit yet, so the guest book holds nothing of them.
    with pada(2026, 4, 17, 14, 0), django_capture_on_commit_callbacks(execute=True):
        kirim(klien_untuk(resepsionis), layanan_b, "2026-04-18T10:00", **TAMU_BARU_JANJI)
    undangan = next(m for m in mail.outbox if m.subject == "Akun PST Layanan Anda telah dibuat")
    isi = " ".join(undangan.body.split())
    assert "buku tamu" not in isi
    assert "Petugas PST telah membuatkan akun PST Layanan untuk Anda." in isi
    assert "janji temu" in isi


def test_pesanan_tamu_baru_yang_dikirim_dua_kali_satu_akun_satu_janji(
    klien_untuk, resepsionis, layanan_b, django_capture_on_commit_callbacks
):
    """A double click registers the new visitor once; the second sending shows
    the booking the first made, not "e-mail already registered"."""
    klien = klien_untuk(resepsionis)
    with pada(2026, 4, 17, 14, 0), django_capture_on_commit_callbacks(execute=True):
        r = [kirim(klien, layanan_b, "2026-04-18T10:00", **TAMU_BARU_JANJI) for _ in range(2)]
    assert [x.status_code for x in r] == [302, 302] and r[1].url == reverse("antrian:janji_meja")
    pesan = klien.get(r[1].url).content.decode()
    assert "tercatat dan dikonfirmasi" in pesan and "sudah terdaftar" not in pesan
    assert JanjiTemu.objects.count() == 1
    assert sorted(m.subject for m in mail.outbox if m.to == ["sari@contoh.id"]) == [
        "Akun PST Layanan Anda telah dibuat",
        "Janji temu PST Anda pada Sabtu, 18 April 2026 pukul 10.00 WIB dikonfirmasi",
    ]


def test_pesanan_tamu_baru_yang_selesai_di_antara_dua_pemeriksaan_tetap_ditampilkan(
    klien_untuk, resepsionis, layanan_b, monkeypatch
):
    """The first sending commits while the second is checking the e-mail (two
    requests at once): the second still shows the booking, not a refusal."""
    from antrian import services

    kiriman_pertama_di_tengah_cek_email(
        monkeypatch,
        lambda biodata: services.pesan_janji_untuk(
            resepsionis,
            layanan_b,
            datetime(2026, 4, 18, 10, 0, tzinfo=WIB),
            "Data IPM",
            email_baru="sari@contoh.id",
            biodata_baru=biodata,
        ),
    )
    with pada(2026, 4, 17, 14, 0):
        r = kirim(klien_untuk(resepsionis), layanan_b, "2026-04-18T10:00", **TAMU_BARU_JANJI)
    assert r.status_code == 302 and JanjiTemu.objects.count() == 1


@pytest.mark.parametrize(
    ("saat", "waktu", "pesan"),
    [
        ((2026, 4, 14, 16, 30), "2026-04-14T17:00", "paling lambat 1 jam sebelumnya"),
        ((2026, 4, 18, 7, 0), "2026-04-18T10:00", "1 hari sebelumnya"),
        ((2026, 4, 14, 10, 0), "2026-04-14T09:00", "masa mendatang"),
    ],
)
def test_aturan_waktu_sama_dengan_online_dan_tidak_ada_yang_terdaftar(
    saat, waktu, pesan, klien_untuk, resepsionis, layanan_b, django_capture_on_commit_callbacks
):
    with pada(*saat), django_capture_on_commit_callbacks(execute=True):
        r = kirim(klien_untuk(resepsionis), layanan_b, waktu, **TAMU_BARU_JANJI)
    assert r.status_code == 200 and pesan in r.content.decode()
    assert not JanjiTemu.objects.exists() and not get_user_model().objects.filter(email="sari@contoh.id").exists()
    assert mail.outbox == []


def test_tanpa_pengunjung_dipilih_dan_biodata_kosong_ditolak(klien_untuk, resepsionis, layanan_b):
    with pada(2026, 4, 14, 10, 0):
        r = kirim(klien_untuk(resepsionis), layanan_b, "2026-04-14T11:00")
    assert r.status_code == 200 and not JanjiTemu.objects.exists()
    assert "is-invalid" in r.content.decode()


def test_halaman_janji_meja_jumlah_kueri(klien_untuk, resepsionis, layanan_b, django_assert_max_num_queries):
    klien = klien_untuk(resepsionis)
    with django_assert_max_num_queries(8):
        r = klien.get(reverse("antrian:janji_meja"))
    assert r.status_code == 200 and "data-pilih-pengunjung" in r.content.decode()


def test_pengunjung_terpilih_tetap_terpilih_saat_waktu_kosong(klien_untuk, resepsionis, pengunjung, layanan_b):
    html = kirim(klien_untuk(resepsionis), layanan_b, "", pengunjung=pengunjung.pk).content.decode()
    assert f'value="{pengunjung.pk}" checked' in html and 'id="pengunjung-baru" checked' not in html
    biodata = html[html.index('id="biodata-baru"') :]
    assert "is-invalid" not in biodata[: biodata.index("</fieldset>")]


@pytest.mark.parametrize("waktu", ["0001-01-01T00:00", "0001-01-01T06:59"])
def test_waktu_sebelum_tahun_satu_utc_ditolak_sebagai_tanggal_tidak_sah(klien_untuk, resepsionis, layanan_b, waktu):
    """Midnight of 1 January, year 1, in WIB is still year 0 in UTC: a time no
    database holds. The desk's booking of a new visitor looked it up and answered 500."""
    klien = klien_untuk(resepsionis)
    r = kirim(klien, layanan_b, waktu, **TAMU_BARU_JANJI)
    assert r.status_code == 200
    assert r.context["form"].errors["waktu"] == ["Masukkan tanggal/waktu yang valid."]
    assert JanjiTemu.objects.count() == 0


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_formulir_janji_pengunjung_memberi_tahu_resepsionis_halaman_meja(klien_untuk, resepsionis, pengunjung, bahasa):
    """The visitor's own form and the receptionist's menu both say "Buat janji
    temu": a receptionist who reached the visitor's form (from the guest book,
    a bookmark) is told it books in their own name and where to book for a
    visitor. Staff keep the form (they may ask for data themselves); a
    visitor is told nothing of the desk."""
    resepsionis.bahasa = bahasa
    resepsionis.save(update_fields=["bahasa"])
    html = " ".join(klien_untuk(resepsionis).get(reverse("antrian:janji_baru")).content.decode().split())
    kalimat = {
        "id": "Janji temu di halaman ini dibuat atas nama Anda sendiri. Untuk pengunjung, buat di halaman",
        "en": "An appointment on this page is booked in your own name. For a visitor, make it on the page",
    }[bahasa]
    assert kalimat in html
    assert f'href="{reverse("antrian:janji_meja")}"' in html
    tamu = klien_untuk(pengunjung).get(reverse("antrian:janji_baru")).content.decode()
    assert reverse("antrian:janji_meja") not in tamu


@pytest.mark.parametrize(
    "nama_url, waktu, pesan",
    [
        ("antrian:janji_baru", "2026-04-14T10:00", "Waktu janji temu harus di masa mendatang."),
        ("antrian:janji_meja", "2027-04-15T10:00", "Janji temu dapat dibuat paling jauh satu tahun ke depan."),
    ],
)
def test_waktu_janji_yang_ditolak_disebut_bersama_keperluan_yang_kosong(
    nama_url, waktu, pesan, klien_untuk, pengunjung, resepsionis, layanan_b
):
    """A time the rules refuse is named on the same send as an empty purpose,
    not on the send after it is filled in."""
    klien = klien_untuk(resepsionis if nama_url == "antrian:janji_meja" else pengunjung)
    with pada(2026, 4, 14, 12, 0):
        r = klien.post(
            reverse(nama_url), {"layanan": layanan_b.pk, "waktu": waktu, "keperluan": "", "pengunjung": pengunjung.pk}
        )
    html = r.content.decode()
    assert pesan in html and "Bidang ini tidak boleh kosong." in html
    assert not JanjiTemu.objects.exists()
