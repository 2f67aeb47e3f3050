"""SOP step 2: service hours and appointments, at fixed instants.

Week used: Mon 13 – Fri 17 April 2026 are working days; Sat 18 is not.
Mon–Thu 08.00–15.30, Fri 08.00–16.00 WIB.
"""

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from antrian import services
from antrian.models import JanjiTemu, Kunjungan, StatusJanji, Tiket
from antrian.views import PER_HALAMAN
from pst_layanan.kalender import WIB
from pst_layanan.kantor import KUNCI_SESI, kantor
from pst_layanan.sop import SOP
from tests.antrian import ISIAN_MEJA

pytestmark = pytest.mark.django_db


def pada(*args):
    return time_machine.travel(datetime(*args, tzinfo=WIB), tick=False)


# --- Walk-in tickets only during service hours ---------------------------------------


@pytest.mark.parametrize(
    ("saat", "boleh"),
    [
        ((2026, 4, 14, 7, 59), False),
        ((2026, 4, 14, 8, 0), True),
        ((2026, 4, 14, 15, 29), True),
        ((2026, 4, 14, 15, 30), False),
        ((2026, 4, 17, 15, 45), True),  # Friday closes at 16.00
        ((2026, 4, 18, 10, 0), False),  # Saturday
    ],
)
def test_tiket_datang_langsung_hanya_dalam_jam_layanan(saat, boleh, layanan_b, resepsionis, pengunjung):
    with pada(*saat):
        if boleh:
            assert services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung).kode == "B-001"
        else:
            with pytest.raises(services.DiLuarJamLayanan) as info:
                services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
            assert "Senin–Kamis 08.00–15.30 WIB, Jumat 08.00–16.00 WIB" in str(info.value)
            assert "janji temu" in str(info.value)
            assert not Tiket.objects.exists() and not Kunjungan.objects.exists()


def _kotak(html: str, kelas: str) -> str:
    """The first alert box of class `kelas` on the page."""
    return html.split(f'class="alert {kelas}"', 1)[1].split("</div>", 1)[0]


def test_meja_menolak_di_luar_jam_dengan_jam_dan_tautan_janji(klien_untuk, resepsionis, pengunjung, layanan_b):
    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 16, 0):
        halaman = client.get(reverse("antrian:meja")).content.decode()
        assert "Di luar jam layanan" in halaman
        response = client.post(
            reverse("antrian:meja"), {"pengunjung": pengunjung.pk, "layanan": layanan_b.pk, **ISIAN_MEJA}
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Di luar jam layanan. Jam layanan PST: Senin–Kamis 08.00–15.30 WIB" in html
    # The desk's own booking form for the visitor; the visitor's form would book in the receptionist's name.
    tautan = f'<a href="{reverse("antrian:janji_meja")}">'
    assert tautan in _kotak(halaman, "alert-warning") and tautan in _kotak(html, "alert-danger")
    assert reverse("antrian:janji_baru") not in html
    assert not Tiket.objects.exists()


# --- Appointment request rule ---------------------------------------------------------


def _ajukan(pengunjung, layanan, waktu):
    return services.ajukan_janji(pengunjung, layanan, waktu, "Konsultasi data kemiskinan")


@pytest.mark.parametrize(("diajukan", "boleh"), [((15, 59), True), ((16, 1), False), ((16, 0), True)])
def test_janji_di_luar_jam_pada_hari_kerja_paling_lambat_satu_jam(diajukan, boleh, pengunjung, layanan_b):
    janji_pukul = datetime(2026, 4, 14, 17, 0, tzinfo=WIB)  # Tuesday, after closing
    with pada(2026, 4, 14, *diajukan):
        if boleh:
            assert _ajukan(pengunjung, layanan_b, janji_pukul).status == StatusJanji.DIAJUKAN
        else:
            with pytest.raises(services.AntrianError, match="paling lambat 1 jam sebelumnya"):
                _ajukan(pengunjung, layanan_b, janji_pukul)
            assert not JanjiTemu.objects.exists()


def test_janji_hari_sabtu_diajukan_jumat_diterima(pengunjung, layanan_b):
    with pada(2026, 4, 17, 14, 0):
        janji = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 18, 10, 0, tzinfo=WIB))
    assert janji.status == StatusJanji.DIAJUKAN


def test_janji_hari_sabtu_diajukan_sabtu_pagi_ditolak(pengunjung, layanan_b):
    with pada(2026, 4, 18, 7, 0), pytest.raises(services.AntrianError, match="hari libur .* 1 hari sebelumnya"):
        _ajukan(pengunjung, layanan_b, datetime(2026, 4, 18, 10, 0, tzinfo=WIB))
    assert not JanjiTemu.objects.exists()


def test_janji_dalam_jam_layanan_dan_masa_lalu(pengunjung, layanan_b):
    with pada(2026, 4, 14, 10, 0):
        assert _ajukan(pengunjung, layanan_b, datetime(2026, 4, 14, 10, 30, tzinfo=WIB))
        with pytest.raises(services.AntrianError, match="masa mendatang"):
            _ajukan(pengunjung, layanan_b, datetime(2026, 4, 14, 9, 0, tzinfo=WIB))
        for terlalu_jauh in (datetime(9999, 12, 31, 10, 0, tzinfo=WIB), datetime(2027, 4, 14, 10, 1, tzinfo=WIB)):
            with pytest.raises(services.AntrianError, match="paling jauh satu tahun"):
                _ajukan(pengunjung, layanan_b, terlalu_jauh)
        assert _ajukan(pengunjung, layanan_b, datetime(2027, 4, 14, 10, 0, tzinfo=WIB))  # a year to the minute


def test_setahun_lagi_dari_29_februari():
    assert services.setahun_lagi(datetime(2028, 2, 29, 9, 0, tzinfo=WIB)) == datetime(2029, 2, 28, 9, 0, tzinfo=WIB)


# --- Decisions, e-mails, check-in ---------------------------------------------------------------


KEPERLUAN_DUA_BARIS = "Mikrodata Susenas\nKonfirmasi melalui: https://pst-bps.example/"


def test_pengajuan_lewat_halaman_memberi_tahu_kantor(
    klien_untuk, pengunjung, layanan_b, django_capture_on_commit_callbacks
):
    client = klien_untuk(pengunjung)
    with pada(2026, 4, 14, 12, 0), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("antrian:janji_baru"),
            {"layanan": layanan_b.pk, "waktu": "2026-04-14T17:00", "keperluan": KEPERLUAN_DUA_BARIS},
        )
    assert response.status_code == 302
    janji = JanjiTemu.objects.get()
    assert janji.waktu == datetime(2026, 4, 14, 17, 0, tzinfo=WIB)
    assert [m.subject for m in mail.outbox] == ["Permintaan janji temu: Andi Pengunjung"]
    # Quoted line by line: the visitor's second line cannot pass for the e-mail's own link.
    assert "Keperluan:\n> Mikrodata Susenas\n> Konfirmasi melalui: https://pst-bps.example/" in mail.outbox[0].body
    # The same form sent again (a double click, a resend): still one appointment, one e-mail.
    with pada(2026, 4, 14, 12, 0), django_capture_on_commit_callbacks(execute=True):
        lagi = client.post(
            reverse("antrian:janji_baru"),
            {"layanan": layanan_b.pk, "waktu": "2026-04-14T17:00", "keperluan": KEPERLUAN_DUA_BARIS},
        )
    assert lagi.status_code == 302
    assert JanjiTemu.objects.get() == janji and len(mail.outbox) == 1


def test_pengajuan_untuk_janji_yang_sudah_dikonfirmasi_tidak_menjanjikan_konfirmasi(
    klien_untuk, pengunjung, layanan_b, petugas
):
    """The desk already booked (and confirmed) this slot for the visitor: asking for it
    online again says it is confirmed, not that an officer will confirm it by e-mail."""
    with pada(2026, 4, 14, 11, 0):
        services.konfirmasi_janji(_ajukan(pengunjung, layanan_b, datetime(2026, 4, 14, 17, 0, tzinfo=WIB)), petugas)
    with pada(2026, 4, 14, 12, 0):
        html = (
            klien_untuk(pengunjung)
            .post(
                reverse("antrian:janji_baru"),
                {"layanan": layanan_b.pk, "waktu": "2026-04-14T17:00", "keperluan": "Mikrodata"},
                follow=True,
            )
            .content.decode()
        )
    assert JanjiTemu.objects.count() == 1
    assert "Janji temu ini sudah dikonfirmasi" in html and "Petugas akan mengonfirmasi" not in html


def test_janji_akhir_pekan_dalam_bahasa_inggris_bukan_hari_libur_nasional(klien_untuk, pengunjung, layanan_b):
    """The Indonesian "hari libur" covers the weekend; in English a Saturday is a non-working day."""
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    client = klien_untuk(pengunjung)
    with pada(2026, 4, 18, 7, 0):
        html = client.post(
            reverse("antrian:janji_baru"),
            {"layanan": layanan_b.pk, "waktu": "2026-04-18T10:00", "keperluan": "Mikrodata"},
            HTTP_ACCEPT_LANGUAGE="en",
        ).content.decode()
    assert "An appointment on a non-working day must be made at least 1 day in advance." in html
    assert "in advance (non-working days)" in html and "in advance (public holidays)" not in html


def test_pengajuan_terlambat_ditolak_di_form(klien_untuk, pengunjung, layanan_b):
    client = klien_untuk(pengunjung)
    with pada(2026, 4, 14, 16, 30):
        response = client.post(
            reverse("antrian:janji_baru"),
            {"layanan": layanan_b.pk, "waktu": "2026-04-14T17:00", "keperluan": "Mikrodata"},
        )
    assert response.status_code == 200
    assert "paling lambat 1 jam sebelumnya" in response.content.decode()


def test_petugas_konfirmasi_dan_tolak_dengan_email(
    klien_untuk, petugas, pengunjung, pengunjung_lain, layanan_b, django_capture_on_commit_callbacks
):
    with pada(2026, 4, 14, 10, 0):
        a = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 17, 0, tzinfo=WIB))
        b = _ajukan(pengunjung_lain, layanan_b, datetime(2026, 4, 15, 17, 0, tzinfo=WIB))
    client = klien_untuk(petugas)
    mail.outbox.clear()
    with pada(2026, 4, 14, 11, 0), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("antrian:janji_putuskan", args=[a.pk]), {"keputusan": "konfirmasi"})
        tanpa_alasan = client.post(reverse("antrian:janji_putuskan", args=[b.pk]), {"keputusan": "tolak"}, follow=True)
        client.post(
            reverse("antrian:janji_putuskan", args=[b.pk]), {"keputusan": "tolak", "alasan": "Petugas mikrodata cuti"}
        )
    assert "Tuliskan alasan penolakan" in tanpa_alasan.content.decode()
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.status, a.diputuskan_oleh) == (StatusJanji.DIKONFIRMASI, petugas)
    assert (b.status, b.alasan_tolak) == (StatusJanji.DITOLAK, "Petugas mikrodata cuti")
    surat = {m.to[0]: m for m in mail.outbox}
    # Each subject names the appointment's time: a visitor with several tells them apart in the inbox.
    assert (
        surat["andi@contoh.id"].subject == "Janji temu PST Anda pada Rabu, 15 April 2026 pukul 17.00 WIB dikonfirmasi"
    )
    assert "Rabu, 15 April 2026 pukul 17.00 WIB" in surat["andi@contoh.id"].body
    assert (
        surat["budi@contoh.id"].subject
        == "Janji temu PST Anda pada Rabu, 15 April 2026 pukul 17.00 WIB tidak dapat dipenuhi"
    )
    assert "Petugas mikrodata cuti" in surat["budi@contoh.id"].body
    # A decided appointment cannot be confirmed again.
    with pytest.raises(services.AntrianError, match="berstatus “Ditolak”"):
        services.konfirmasi_janji(b, petugas)


def test_checkin_hanya_pada_hari_janji_dan_di_luar_jam(pengunjung, layanan_b, petugas, resepsionis, klien_untuk):
    with pada(2026, 4, 14, 10, 0):
        janji = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 17, 0, tzinfo=WIB))
        services.konfirmasi_janji(janji, petugas)
        with pytest.raises(services.AntrianError, match="bukan hari ini"):
            services.checkin_janji(janji, resepsionis)
    # Outside service hours, the appointment still gets its ticket.
    with pada(2026, 4, 15, 16, 55):
        client = klien_untuk(resepsionis)
        assert "Hadir &amp; tiket" in client.get(reverse("antrian:meja")).content.decode()
        response = client.post(reverse("antrian:janji_checkin", args=[janji.pk]))
    tiket = Tiket.objects.get()
    assert response.status_code == 302 and response.url.startswith(reverse("antrian:tiket_cetak", args=[tiket.pk]))
    assert tiket.prioritas and tiket.kode == "B-001"
    janji.refresh_from_db()
    assert janji.status == StatusJanji.HADIR and janji.kunjungan == tiket.kunjungan
    with pytest.raises(services.AntrianError, match="berstatus “Sudah hadir”"):
        services.checkin_janji(janji, resepsionis)


def test_checkin_hanya_untuk_janji_kantor_meja_ini(pengunjung, layanan_b, resepsionis, kota, klien_untuk):
    """A receptionist of two offices, at the provincial office's desk, cannot
    check in the appointment booked at the city office: its ticket would be
    issued at the office the visitor did not book."""
    resepsionis.kantor.add(kota, kantor().pk)
    with pada(2026, 4, 15, 9, 0):
        janji = JanjiTemu.objects.create(
            kantor=kota,
            pengunjung=pengunjung,
            layanan=layanan_b,
            waktu=datetime(2026, 4, 15, 10, 0, tzinfo=WIB),
            keperluan="Konsultasi",
            status=StatusJanji.DIKONFIRMASI,
        )
        client = klien_untuk(resepsionis)
        sesi = client.session
        sesi[KUNCI_SESI] = kantor().pk
        sesi.save()
        halaman = client.post(reverse("antrian:janji_checkin", args=[janji.pk]), follow=True).content.decode()
        assert "BPS Kota Bengkulu" in halaman and "pilih kantor itu" in halaman
        assert not Tiket.objects.exists()
        janji.refresh_from_db()
        assert janji.status == StatusJanji.DIKONFIRMASI
        # Working for the city office, the same button checks them in there.
        sesi[KUNCI_SESI] = kota.pk
        sesi.save()
        client.post(reverse("antrian:janji_checkin", args=[janji.pk]))
    assert Tiket.objects.get().kantor_id == kota.pk


def test_alasan_tolak_terlalu_panjang_atau_nul_ditolak_dengan_pesan(klien_untuk, petugas, pengunjung, layanan_b):
    with pada(2026, 4, 14, 10, 0):
        janji = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 17, 0, tzinfo=WIB))
    client = klien_untuk(petugas)
    for alasan in ("a" * 301, "ada\x00nul"):  # the test client posts multipart, which carries a NUL past the middleware
        salah = client.post(
            reverse("antrian:janji_putuskan", args=[janji.pk]), {"keputusan": "tolak", "alasan": alasan}, follow=True
        )
        assert "Alasan penolakan:" in salah.content.decode()
        janji.refresh_from_db()
        assert janji.status == StatusJanji.DIAJUKAN


def test_janji_yang_waktunya_lewat_tidak_dapat_dikonfirmasi(pengunjung, layanan_b, petugas):
    with pada(2026, 4, 14, 10, 0):
        janji = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 10, 0, tzinfo=WIB))
    mail.outbox.clear()
    with pada(2026, 4, 16, 9, 0), pytest.raises(services.AntrianError, match="sudah lewat; tolak permintaan ini"):
        services.konfirmasi_janji(janji, petugas)
    janji.refresh_from_db()
    assert janji.status == StatusJanji.DIAJUKAN and mail.outbox == []


def test_aksi_konfirmasi_admin_melaporkan_janji_yang_lewat(
    pengunjung, pengunjung_lain, layanan_b, petugas, klien_untuk
):
    """The admin's bulk confirmation reports a request whose time has passed
    and confirms the rest, instead of ending in a server error at it."""
    with pada(2026, 4, 14, 10, 0):
        lewat = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 10, 0, tzinfo=WIB))
        nanti = _ajukan(pengunjung_lain, layanan_b, datetime(2026, 4, 17, 10, 0, tzinfo=WIB))
    with pada(2026, 4, 16, 9, 0):
        r = klien_untuk(petugas).post(
            "/admin/antrian/janjitemu/",
            {"action": "konfirmasi", "_selected_action": [lewat.pk, nanti.pk]},
            follow=True,
        )
    assert r.status_code == 200
    pesan = [str(m) for m in r.context["messages"]]
    assert any(m.startswith(f"{pengunjung.nama_lengkap}, ") and "sudah lewat" in m for m in pesan)
    assert "1 janji temu dikonfirmasi." in pesan
    lewat.refresh_from_db()
    nanti.refresh_from_db()
    assert (lewat.status, nanti.status) == (StatusJanji.DIAJUKAN, StatusJanji.DIKONFIRMASI)


def test_aksi_konfirmasi_admin_tanpa_janji_yang_dikonfirmasi_tidak_disebut_berhasil(
    pengunjung, pengunjung_lain, layanan_b, petugas, klien_untuk
):
    """Bulk confirmation of appointments none of which awaited it (one already
    confirmed, one whose time had passed) said, in green, "0 janji temu
    dikonfirmasi." beside the refusal: nothing was done, and it says so."""
    with pada(2026, 4, 14, 10, 0):
        lewat = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 10, 0, tzinfo=WIB))
        sudah = _ajukan(pengunjung_lain, layanan_b, datetime(2026, 4, 17, 10, 0, tzinfo=WIB))
        services.konfirmasi_janji(sudah, petugas)
    with pada(2026, 4, 16, 9, 0):
        r = klien_untuk(petugas).post(
            "/admin/antrian/janjitemu/",
            {"action": "konfirmasi", "_selected_action": [lewat.pk, sudah.pk]},
            follow=True,
        )
    pesan = {str(m): m.level_tag for m in r.context["messages"]}
    assert not any("dikonfirmasi." in m and tingkat == "success" for m, tingkat in pesan.items())
    assert pesan["1 janji temu yang dipilih tidak menunggu konfirmasi dan dilewati."] == "warning"
    assert any(m.startswith(f"{pengunjung.nama_lengkap}, ") and "sudah lewat" in m for m in pesan)


def test_janji_dipindah_di_admin_memakai_aturan_waktu(pengunjung, layanan_b, petugas, klien_untuk):
    """Moving an appointment in the admin took any time, a past one included;
    it keeps the booking's rules, and the same time is still saved as it was."""
    with pada(2026, 4, 14, 10, 0):
        janji = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 16, 10, 0, tzinfo=WIB))
    url = f"/admin/antrian/janjitemu/{janji.pk}/change/"
    isian = {"kantor": janji.kantor_id, "layanan": layanan_b.pk, "keperluan": janji.keperluan}
    klien = klien_untuk(petugas)
    with pada(2026, 4, 15, 9, 0):
        lalu = klien.post(url, {**isian, "waktu_0": "13/04/2026", "waktu_1": "10:00:00"})
        baru = klien.post(url, {**isian, "waktu_0": "17/04/2026", "waktu_1": "11:00:00"})
    with pada(2026, 4, 20, 9, 0):  # its time has passed: another field is still corrected
        sama = klien.post(url, {**isian, "keperluan": "Data BRS", "waktu_0": "17/04/2026", "waktu_1": "11:00:00"})
    assert lalu.status_code == 200
    assert lalu.context["adminform"].form.errors["waktu"] == ["Waktu janji temu harus di masa mendatang."]
    assert (baru.status_code, sama.status_code) == (302, 302)
    janji.refresh_from_db()
    assert (janji.waktu, janji.keperluan) == (datetime(2026, 4, 17, 11, 0, tzinfo=WIB), "Data BRS")


@pytest.mark.parametrize("status", [StatusJanji.TIDAK_HADIR, StatusJanji.DITOLAK, StatusJanji.DIBATALKAN])
def test_janji_yang_sudah_berakhir_tidak_dipindah_di_admin(
    status, pengunjung, layanan_b, layanan_k, petugas, klien_untuk, django_capture_on_commit_callbacks
):
    """A missed, refused or cancelled appointment moved in the admin kept its
    status: the visitor was told nothing and the desk never listed it for
    check-in. The move is refused; a new appointment is made instead."""
    with pada(2026, 4, 14, 10, 0):
        janji = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 10, 0, tzinfo=WIB))
    JanjiTemu.objects.filter(pk=janji.pk).update(status=status)
    url = f"/admin/antrian/janjitemu/{janji.pk}/change/"
    isian = {"kantor": janji.kantor_id, "layanan": layanan_b.pk, "keperluan": janji.keperluan}
    klien = klien_untuk(petugas)
    mail.outbox.clear()
    with pada(2026, 4, 16, 9, 0), django_capture_on_commit_callbacks(execute=True):
        waktu = klien.post(url, {**isian, "waktu_0": "17/04/2026", "waktu_1": "11:00:00"})
        layanan = klien.post(url, {**isian, "layanan": layanan_k.pk, "waktu_0": "15/04/2026", "waktu_1": "10:00:00"})
        # Its record is still corrected.
        catatan = klien.post(url, {**isian, "keperluan": "Data BRS", "waktu_0": "15/04/2026", "waktu_1": "10:00:00"})
    for r in (waktu, layanan):
        assert r.status_code == 200
        assert "tidak dapat dipindah; buat janji temu baru bersama pengunjung" in str(
            r.context["adminform"].form.errors
        )
    assert catatan.status_code == 302
    janji.refresh_from_db()
    assert (janji.waktu, janji.layanan, janji.status) == (datetime(2026, 4, 15, 10, 0, tzinfo=WIB), layanan_b, status)
    assert janji.keperluan == "Data BRS" and mail.outbox == []


def test_janji_terkonfirmasi_dipindah_di_admin_dikabarkan_ke_pengunjung(
    pengunjung, layanan_b, petugas, klien_untuk, django_capture_on_commit_callbacks
):
    """A confirmed appointment moved in the admin sends the visitor the
    confirmation again: saved silently, they would come at the old time. It
    came under the first confirmation's very subject, so an inbox showed (or
    threaded it as) a copy of the e-mail already read: its subject says the
    appointment moved, and to when."""
    with pada(2026, 4, 14, 10, 0):
        janji = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 16, 10, 0, tzinfo=WIB))
        services.konfirmasi_janji(janji, petugas)
    url = f"/admin/antrian/janjitemu/{janji.pk}/change/"
    isian = {"kantor": janji.kantor_id, "layanan": layanan_b.pk, "keperluan": janji.keperluan}
    klien = klien_untuk(petugas)
    mail.outbox.clear()
    with pada(2026, 4, 15, 9, 0), django_capture_on_commit_callbacks(execute=True):
        tetap = {**isian, "keperluan": "Data BRS", "waktu_0": "16/04/2026", "waktu_1": "10:00:00"}
        assert klien.post(url, tetap).status_code == 302
        assert mail.outbox == []  # only the purpose corrected
        assert klien.post(url, {**isian, "waktu_0": "17/04/2026", "waktu_1": "11:00:00"}).status_code == 302
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert surel.subject == "Janji temu PST Anda dipindah ke Jumat, 17 April 2026 pukul 11.00 WIB"
    assert "Jumat, 17 April 2026 pukul 11.00" in surel.body


def test_konfirmasi_dalam_bahasa_pengunjung(pengunjung, layanan_b, petugas, django_capture_on_commit_callbacks):
    """The officer clicks in Indonesian; the visitor reads English."""
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    with pada(2026, 4, 14, 10, 0):
        janji = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 17, 0, tzinfo=WIB))
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.konfirmasi_janji(janji, petugas)
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert surel.subject == "Your PST appointment on Wednesday, 15 April 2026, 17:00 WIB is confirmed"
    # A visitor who cannot come is told where to cancel, so the officer does not wait.
    assert "Unable to come? Cancel the appointment so the officer does not wait for you:" in surel.body
    assert f"http://testserver{reverse('antrian:janji_saya')}" in surel.body


def test_checkin_memakai_tiket_terbuka_pengunjung(pengunjung, layanan_b, petugas, resepsionis):
    """A visitor who took a walk-in ticket before their appointment keeps one open ticket, now a priority one."""
    with pada(2026, 4, 14, 10, 0):
        janji = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 11, 0, tzinfo=WIB))
        services.konfirmasi_janji(janji, petugas)
    with pada(2026, 4, 15, 9, 0):
        walkin = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
        tiket = services.checkin_janji(janji, resepsionis)
    assert tiket.pk == walkin.pk and Tiket.objects.count() == 1
    tiket.refresh_from_db()
    assert tiket.prioritas and tiket.janji_pada == datetime(2026, 4, 15, 11, 0, tzinfo=WIB)
    janji.refresh_from_db()
    assert janji.status == StatusJanji.HADIR and janji.kunjungan_id == tiket.kunjungan_id


def test_checkin_memakai_tiket_pengunjung_yang_dilewati(
    pengunjung, layanan_b, loket1, petugas, resepsionis, klien_untuk
):
    """A visitor skipped on their morning walk-in ticket comes back for their
    appointment: the check-in takes that ticket, which the counter calls back,
    rather than a second ticket that counts the visit twice, once as a no-show."""
    with pada(2026, 4, 14, 10, 0):
        janji = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 11, 0, tzinfo=WIB))
        services.konfirmasi_janji(janji, petugas)
    with pada(2026, 4, 15, 9, 0):
        walkin = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
        services.panggil(walkin, loket1, petugas)
        services.lewati(walkin, loket1, petugas)
    with pada(2026, 4, 15, 10, 50):
        halaman = klien_untuk(resepsionis).post(reverse("antrian:janji_checkin", args=[janji.pk]), follow=True)
    assert Tiket.objects.count() == 1
    assert "tiket B-001 sudah dilewati; minta petugas loket memanggilnya ulang (Panggil ulang)." in (
        halaman.content.decode()
    )
    tiket = Tiket.objects.get()
    assert tiket.prioritas and tiket.janji_pada == datetime(2026, 4, 15, 11, 0, tzinfo=WIB)
    janji.refresh_from_db()
    assert janji.status == StatusJanji.HADIR and janji.kunjungan_id == walkin.kunjungan_id
    with pada(2026, 4, 15, 10, 51):
        assert services.panggil_ulang(tiket, loket1, petugas).status == "dipanggil"


def test_janji_saya_berhalaman_dengan_kueri_terbatas(pengunjung, layanan_b, klien_untuk, django_assert_max_num_queries):
    """Years of appointments: every one reachable page by page, each page a few queries."""
    JanjiTemu.objects.bulk_create(
        JanjiTemu(pengunjung=pengunjung, layanan=layanan_b, waktu=datetime(2024, 1, 1, 9, 0, tzinfo=WIB), keperluan="x")
        for _ in range(PER_HALAMAN + 1)
    )
    klien = klien_untuk(pengunjung)
    with django_assert_max_num_queries(8):
        pertama = klien.get(reverse("antrian:janji_saya")).content.decode()
    assert pertama.count('class="list-group-item"') == PER_HALAMAN and "halaman=2" in pertama
    kedua = klien.get(reverse("antrian:janji_saya") + "?halaman=2").content.decode()
    assert kedua.count('class="list-group-item"') == 1


def test_permintaan_janji_dibatasi_per_pengunjung_sehari(
    klien_untuk, pengunjung, pengunjung_lain, layanan_b, django_capture_on_commit_callbacks
):
    """Every request e-mails the office, and a cancelled one may be asked for
    again: without a bound one account (a script asking, cancelling, asking
    again) filled the office's inbox and its list of requests. A visitor asks
    at most BATAS_JANJI_SEHARI times in 24 hours; the next request is refused
    on the form, nothing is written, nobody is e-mailed."""
    client = klien_untuk(pengunjung)
    batas = services.BATAS_JANJI_SEHARI
    with pada(2026, 4, 14, 12, 0), django_capture_on_commit_callbacks(execute=True):
        for i in range(batas):
            janji = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 8 + i, 0, tzinfo=WIB))
            services.batalkan_janji(janji, pengunjung)
    mail.outbox.clear()
    with pada(2026, 4, 14, 12, 0), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("antrian:janji_baru"),
            {"layanan": layanan_b.pk, "waktu": "2026-04-16T10:00", "keperluan": "Mikrodata Susenas"},
        )
    assert response.status_code == 200
    assert f"Anda sudah mengajukan {batas} permintaan janji temu dalam 24 jam terakhir" in response.content.decode()
    assert JanjiTemu.objects.filter(pengunjung=pengunjung).count() == batas and mail.outbox == []
    # Another visitor is not held back, and the same visitor may ask again a day later.
    with pada(2026, 4, 14, 12, 0):
        _ajukan(pengunjung_lain, layanan_b, datetime(2026, 4, 16, 10, 0, tzinfo=WIB))
    with pada(2026, 4, 15, 12, 1):
        _ajukan(pengunjung, layanan_b, datetime(2026, 4, 16, 10, 0, tzinfo=WIB))


def test_janji_dari_meja_tidak_dihitung_dalam_batas_permintaan_pengunjung(
    klien_untuk, pengunjung, resepsionis, layanan_b, django_capture_on_commit_callbacks
):
    """The bound is against a visitor flooding the office with requests: what
    the desk books for them (on the phone, at the desk) is not theirs, and a
    visitor the desk booked five times may still ask for an appointment. Their
    own request the desk then confirms stays theirs and counts."""
    batas = services.BATAS_JANJI_SEHARI
    with pada(2026, 4, 14, 12, 0):
        for i in range(batas):
            services.pesan_janji_untuk(
                resepsionis, layanan_b, datetime(2026, 4, 15, 8 + i, 0, tzinfo=WIB), "Data IPM", pengunjung=pengunjung
            )
        sendiri = [
            _ajukan(pengunjung, layanan_b, datetime(2026, 4, 16, 8 + i, 0, tzinfo=WIB)) for i in range(batas - 1)
        ]
        services.pesan_janji_untuk(resepsionis, layanan_b, sendiri[0].waktu, "Data IPM", pengunjung=pengunjung)
    with pada(2026, 4, 14, 12, 0), django_capture_on_commit_callbacks(execute=True):
        response = klien_untuk(pengunjung).post(
            reverse("antrian:janji_baru"),
            {"layanan": layanan_b.pk, "waktu": "2026-04-17T10:00", "keperluan": "Mikrodata Susenas"},
        )
    assert response.status_code == 302
    assert JanjiTemu.objects.filter(pengunjung=pengunjung, status=StatusJanji.DIAJUKAN).count() == batas - 1
    with pada(2026, 4, 14, 12, 0), pytest.raises(services.AntrianError, match="Anda sudah mengajukan"):
        _ajukan(pengunjung, layanan_b, datetime(2026, 4, 17, 11, 0, tzinfo=WIB))


@pytest.mark.django_db(transaction=True)
def test_migrasi_menandai_janji_yang_dipesan_meja(pengunjung, resepsionis, petugas, layanan_b):
    """Appointments made before the desk's bookings were marked: one confirmed
    the instant it was made is the desk's, a request decided later is the visitor's."""
    sebelum, sesudah = ("antrian", "0016_petunjuk_nama_loket"), ("antrian", "0017_janji_dipesan_oleh")
    diajukan = datetime(2026, 4, 14, 12, 0, tzinfo=WIB)
    try:
        call_command("migrate", *sebelum, verbosity=0)
        lama = MigrationExecutor(connection).loader.project_state(sebelum).apps.get_model("antrian", "JanjiTemu")
        baris = {
            "pengunjung_id": pengunjung.pk,
            "layanan_id": layanan_b.pk,
            "keperluan": "x",
            "diajukan_pada": diajukan,
        }
        meja = lama.objects.create(
            **baris,
            waktu=diajukan + timedelta(days=1),
            status=StatusJanji.DIKONFIRMASI,
            diputuskan_oleh_id=resepsionis.pk,
            diputuskan_pada=diajukan - timedelta(microseconds=40),
        )
        dikonfirmasi = lama.objects.create(
            **baris,
            waktu=diajukan + timedelta(days=2),
            status=StatusJanji.DIKONFIRMASI,
            diputuskan_oleh_id=petugas.pk,
            diputuskan_pada=diajukan + timedelta(minutes=20),
        )
        diajukan_saja = lama.objects.create(**baris, waktu=diajukan + timedelta(days=3))
        call_command("migrate", *sesudah, verbosity=0)
    finally:
        call_command("migrate", verbosity=0)
    dipesan = dict(JanjiTemu.objects.values_list("pk", "dipesan_oleh"))
    assert dipesan == {meja.pk: resepsionis.pk, dikonfirmasi.pk: None, diajukan_saja.pk: None}


def test_batas_janji_di_luar_jam_mengikuti_sop(pengunjung, layanan_b, monkeypatch):
    """The appointment lead outside service hours is the one sop.py declares,
    and the refusal says it."""
    monkeypatch.setattr(services, "SOP", replace(SOP, janji_di_luar_jam=timedelta(hours=2)))
    janji_pukul = datetime(2026, 4, 14, 17, 0, tzinfo=WIB)
    with pada(2026, 4, 14, 15, 30), pytest.raises(services.AntrianError, match="paling lambat 2 jam sebelumnya"):
        _ajukan(pengunjung, layanan_b, janji_pukul)
    with pada(2026, 4, 14, 15, 0):
        assert _ajukan(pengunjung, layanan_b, janji_pukul).status == StatusJanji.DIAJUKAN


@pytest.mark.parametrize(
    "bahasa, kalimat",
    [
        ("id", "paling lambat <strong>2 jam</strong> sebelumnya (hari kerja)"),
        ("en", "at least <strong>2 hours</strong> in advance (working days)"),
    ],
)
@pytest.mark.parametrize(
    "peran, halaman", [("pengunjung", "antrian:janji_baru"), ("resepsionis", "antrian:janji_meja")]
)
def test_halaman_janji_menyebut_batas_dari_sop(request, klien_untuk, sop_diubah, peran, halaman, bahasa, kalimat):
    """The visitor's and the receptionist's appointment pages state the lead
    time the SOP sets for an appointment outside service hours."""
    orang = request.getfixturevalue(peran)
    orang.bahasa = bahasa
    orang.save(update_fields=["bahasa"])
    html = " ".join(klien_untuk(orang).get(reverse(halaman)).content.decode().split())
    assert kalimat in html


def test_daftar_janji_tidak_menawarkan_konfirmasi_yang_waktunya_lewat(pengunjung, layanan_b, petugas, klien_untuk):
    """A request whose time passed today can only be refused: the list says
    so instead of offering "Konfirmasi", which would only be refused."""
    with pada(2026, 4, 14, 10, 0):
        lewat = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 9, 0, tzinfo=WIB))
        nanti = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 14, 0, tzinfo=WIB))
    with pada(2026, 4, 15, 10, 0):
        r = klien_untuk(petugas).get(reverse("antrian:janji_petugas"))
    html = r.content.decode()
    assert html.count('value="konfirmasi"') == 1 and "Waktunya sudah lewat tanpa konfirmasi" in html
    assert [j.bisa_dikonfirmasi for j in r.context["halaman"]] == [False, True]
    assert [j.pk for j in r.context["halaman"]] == [lewat.pk, nanti.pk]


def test_pesan_keputusan_janji_menyebut_janji_yang_mana(klien_untuk, petugas, pengunjung, layanan_b):
    """The list holds many appointments and the decided one moves or leaves:
    the message names whose, and when."""
    with pada(2026, 4, 14, 10, 0):
        a = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 17, 0, tzinfo=WIB))
        b = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 16, 17, 0, tzinfo=WIB))
    client = klien_untuk(petugas)
    with pada(2026, 4, 14, 11, 0):
        ya = client.post(reverse("antrian:janji_putuskan", args=[a.pk]), {"keputusan": "konfirmasi"}, follow=True)
        tidak = client.post(
            reverse("antrian:janji_putuskan", args=[b.pk]), {"keputusan": "tolak", "alasan": "Cuti"}, follow=True
        )
    assert "Janji temu Andi Pengunjung, Rabu, 15 April 2026 pukul 17.00 WIB, dikonfirmasi" in ya.content.decode()
    assert "Janji temu Andi Pengunjung, Kamis, 16 April 2026 pukul 17.00 WIB, ditolak" in tidak.content.decode()


def test_keputusan_janji_akun_nonaktif_tidak_mengaku_terkirim(
    klien_untuk, petugas, pengunjung, layanan_b, django_capture_on_commit_callbacks
):
    """A visitor's account deactivated after their request receives no more
    mail: the decision is recorded, and the officer is not told the visitor
    was e-mailed."""
    with pada(2026, 4, 14, 10, 0):
        a = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 15, 17, 0, tzinfo=WIB))
        b = _ajukan(pengunjung, layanan_b, datetime(2026, 4, 16, 17, 0, tzinfo=WIB))
    pengunjung.is_active = False
    pengunjung.save(update_fields=["is_active"])
    client = klien_untuk(petugas)
    mail.outbox.clear()
    with pada(2026, 4, 14, 11, 0), django_capture_on_commit_callbacks(execute=True):
        ya = client.post(reverse("antrian:janji_putuskan", args=[a.pk]), {"keputusan": "konfirmasi"}, follow=True)
        tidak = client.post(
            reverse("antrian:janji_putuskan", args=[b.pk]), {"keputusan": "tolak", "alasan": "Cuti"}, follow=True
        )
    ya, tidak = ya.content.decode(), tidak.content.decode()
    assert "pengunjung diberi tahu lewat e-mail" not in ya and "alasan dikirim ke pengunjung" not in tidak
    tanpa_surel = "tidak ada e-mail ke pengunjung: akunnya sudah tidak aktif."
    assert "Janji temu Andi Pengunjung, Rabu, 15 April 2026 pukul 17.00 WIB, dikonfirmasi, tetapi " + tanpa_surel in ya
    assert "Janji temu Andi Pengunjung, Kamis, 16 April 2026 pukul 17.00 WIB, ditolak, tetapi " + tanpa_surel in tidak
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (StatusJanji.DIKONFIRMASI, StatusJanji.DITOLAK) and mail.outbox == []


def test_memutuskan_janji_di_halaman_kedua_kembali_ke_halaman_itu(klien_untuk, petugas, pengunjung, layanan_b):
    with pada(2026, 4, 14, 10, 0):
        for i in range(PER_HALAMAN + 1):
            JanjiTemu.objects.create(
                pengunjung=pengunjung,
                layanan=layanan_b,
                waktu=datetime(2026, 4, 20, 9, 0, tzinfo=WIB),
                keperluan=f"{i}",
            )
        terakhir = JanjiTemu.objects.order_by("pk").last()
        client = klien_untuk(petugas)
        html = client.get(reverse("antrian:janji_petugas") + "?halaman=2").content.decode()
        aksi = reverse("antrian:janji_putuskan", args=[terakhir.pk]) + "?halaman=2"
        assert f'action="{aksi}"' in html
        r = client.post(aksi, {"keputusan": "konfirmasi"})
    assert r.url == reverse("antrian:janji_petugas") + "?halaman=2"


def test_checkin_oleh_resepsionis_berbahasa_inggris_memberi_kode_layanan_yang_sama(pengunjung, petugas, resepsionis):
    """An appointment checked in without the guest book takes its BPS service
    code from the queue service's name: the Indonesian one, whatever language
    the receptionist reads, or the visit lands on the list to correct."""
    from django.utils import translation

    from antrian.models import Layanan

    konsultasi = Layanan.objects.create(
        kode="K", nama_ind="Konsultasi Statistik", nama_en="Statistical consultation", urutan=2
    )
    with pada(2026, 4, 14, 10, 0):
        janji = _ajukan(pengunjung, konsultasi, datetime(2026, 4, 15, 11, 0, tzinfo=WIB))
        services.konfirmasi_janji(janji, petugas)
    with pada(2026, 4, 15, 9, 0), translation.override("en"):
        tiket = services.checkin_janji(janji, resepsionis)
    kunjungan = Kunjungan.objects.get(pk=tiket.kunjungan_id)
    assert kunjungan.jenis_layanan == ["konsultasi"]
    assert "Jenis layanan" not in kunjungan.catatan_koreksi


def test_keperluan_janji_tak_terlihat_ditolak(klien_untuk, pengunjung, layanan_b):
    """A purpose of zero-width spaces passed as filled: the office was e-mailed
    an appointment request whose purpose was blank."""
    with pada(2026, 4, 14, 11, 0):
        response = klien_untuk(pengunjung).post(
            reverse("antrian:janji_baru"),
            {"layanan": layanan_b.pk, "waktu": "2026-04-14T17:00", "keperluan": "\u200b\u200b \u3164"},
        )
    assert response.status_code == 200
    assert "hanya berisi spasi atau karakter tak terlihat" in response.content.decode()
    assert not JanjiTemu.objects.exists() and mail.outbox == []
