"""The SOP deadlines enforced by the beat jobs (transaksi/tenggat.py), at
fixed instants: escalation, the officers' reminder on both sides of its
boundary, the delivery clock, paused and restarted clocks, and a run-twice
test for every job."""

from datetime import date, datetime, timedelta
from functools import partial
from io import StringIO
from types import SimpleNamespace

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from conftest import buat_pengguna
from penilaian import services as penilaian_services
from penilaian import tenggat as penilaian_tenggat
from penilaian.tasks import pengingat_penilaian_task
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor
from pst_layanan.models import HariKantor, Kantor, Surel
from pst_layanan.roles import PETUGAS
from tests import pabrik
from tests.dwibahasa import id_dan_en
from transaksi import selectors, services, tenggat
from transaksi.models import Jam, RiwayatTransaksi, Status, Transaksi

pytestmark = pytest.mark.django_db

DIAJUKAN = datetime(2026, 3, 13, 10, 0, tzinfo=WIB)  # Friday, before Nyepi and Idul Fitri
BATAS = datetime(2026, 3, 25, 15, 30, tzinfo=WIB)  # 3 working days: Mon 16, Tue 17, Wed 25


def pada(waktu):
    return time_machine.travel(waktu, tick=False)


def jalankan(callbacks, job, waktu):
    """Run a job at `waktu` as beat would, e-mails sent after commit; returns the ids it acted on."""
    with pada(waktu), callbacks(execute=True):
        return job()


def penjalan(callbacks, job):
    """jalan(waktu) → the ids `job` acted on when run at `waktu` (see `jalankan`)."""
    return partial(jalankan, callbacks, job)


def riwayat(t, jenis):
    return list(t.riwayat.filter(jenis=jenis).values_list("catatan", flat=True))


@pytest.fixture
def diajukan(pengunjung, petugas, supervisor):
    with pada(DIAJUKAN):
        t = pabrik.transaksi_diajukan(pengunjung)
    assert t.batas_waktu == BATAS and t.jam == Jam.PERIKSA
    mail.outbox.clear()
    return t


@pytest.fixture
def kota(db):
    return Kantor.objects.create(kode="1771", nama="BPS Kota Bengkulu", email="pst1771@bps.go.id")


# --- escalation ---------------------------------------------------------------


def test_eskalasi_tidak_sebelum_batas_waktu(diajukan, django_capture_on_commit_callbacks):
    assert (
        jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 3, 25, 15, 29, tzinfo=WIB)) == []
    )
    diajukan.refresh_from_db()
    assert diajukan.eskalasi_pada is None and not riwayat(diajukan, RiwayatTransaksi.Jenis.ESKALASI)
    assert not [m for m in mail.outbox if "Eskalasi" in m.subject]


def test_subjek_eskalasi_satu_transaksi_dalam_bahasa_penerima(
    diajukan, petugas, supervisor, django_capture_on_commit_callbacks
):
    petugas.bahasa = "en"
    petugas.save(update_fields=["bahasa"])
    services.ambil_tugas(diajukan, petugas)
    jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 3, 25, 15, 31, tzinfo=WIB))
    assert {tuple(m.to): m.subject for m in mail.outbox} == {
        (petugas.email,): "Escalation: 1 transaction past the SOP deadline",
        (supervisor.email,): "Eskalasi: 1 transaksi melewati batas waktu SOP",
    }
    # The request to act speaks of the one transaction, not of "them".
    [inggris] = [m for m in mail.outbox if m.to == [petugas.email]]
    assert "Please act on it at once and record the reason in the transaction." in inggris.body
    assert " them " not in inggris.body


def test_eskalasi_sesudah_batas_waktu_sekali_saja(diajukan, petugas, supervisor, django_capture_on_commit_callbacks):
    services.ambil_tugas(diajukan, petugas)
    run = datetime(2026, 3, 25, 15, 31, tzinfo=WIB)
    assert jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, run) == [diajukan.pk]

    diajukan.refresh_from_db()
    assert diajukan.eskalasi_pada == run
    assert riwayat(diajukan, RiwayatTransaksi.Jenis.ESKALASI) == [
        "Batas waktu SOP terlewati; petugas dan supervisor diberi tahu."
    ]
    [surel] = mail.outbox
    assert sorted(surel.to) == [petugas.email, supervisor.email]
    assert surel.subject == "Eskalasi: 1 transaksi melewati batas waktu SOP"
    assert diajukan.nomor in surel.body and "Rabu, 25 Maret 2026 pukul 15.30 WIB" in surel.body

    # Run twice (and late): same e-mails, same history.
    assert jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 3, 26, 9, 0, tzinfo=WIB)) == []
    assert len(mail.outbox) == 1 and len(riwayat(diajukan, RiwayatTransaksi.Jenis.ESKALASI)) == 1


def test_eskalasi_terlambat_dikirim_tidak_menyebut_waktu_kirim_sebagai_waktu_pelanggaran(
    pengunjung, petugas, supervisor, django_capture_on_commit_callbacks
):
    """A run that comes late (beat down over Christmas and the cuti bersama)
    must not say the deadline passed when the e-mail went: the list gives
    each deadline, the sentence only the moment the list holds for."""
    petugas.bahasa = "en"
    petugas.save(update_fields=["bahasa"])
    with pada(datetime(2026, 12, 18, 10, 0, tzinfo=WIB)):
        t = pabrik.transaksi_diajukan(pengunjung)
        services.ambil_tugas(t, petugas)
    assert t.batas_waktu == datetime(2026, 12, 23, 15, 30, tzinfo=WIB)
    mail.outbox.clear()
    jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 12, 28, 8, 0, tzinfo=WIB))
    surel = {m.to[0]: m.body for m in mail.outbox}
    indonesia, inggris = surel[supervisor.email], surel[petugas.email]
    assert "pada Senin, 28 Desember 2026" not in indonesia
    assert "Per Senin, 28 Desember 2026 pukul 08.00 WIB, 1 transaksi" in indonesia
    assert "Batas waktu: Rabu, 23 Desember 2026 pukul 15.30 WIB" in indonesia
    assert "on Monday, 28 December 2026" not in inggris
    assert "As of Monday, 28 December 2026, 08:00 WIB, 1 transaction you are handling" in inggris
    assert "Deadline: Wednesday, 23 December 2026, 15:30 WIB" in inggris


def test_eskalasi_tanpa_petugas_ke_semua_petugas_dan_supervisor(
    diajukan, petugas, supervisor, django_capture_on_commit_callbacks
):
    jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 3, 25, 15, 31, tzinfo=WIB))
    [surel] = mail.outbox
    assert sorted(surel.to) == [petugas.email, supervisor.email]
    assert "belum ditangani petugas" in surel.body


def test_eskalasi_tidak_menyebut_permohonan_petugas_sendiri_kepadanya(
    diajukan, petugas, supervisor, django_capture_on_commit_callbacks
):
    """An officer who also requested a product is not told to act on their
    own request (a colleague checks it): the escalation of the office's
    unassigned requests lists it to the others, and to them only the rest."""
    rekan = buat_pengguna("rekan.pemohon@contoh.id", PETUGAS)
    with pada(DIAJUKAN):
        sendiri = pabrik.transaksi_diajukan(rekan)
    mail.outbox.clear()
    jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 3, 25, 15, 31, tzinfo=WIB))
    surel = {tuple(sorted(m.to)): m.body for m in mail.outbox}
    assert set(surel) == {(petugas.email, supervisor.email), (rekan.email,)}
    assert (
        diajukan.nomor in surel[petugas.email, supervisor.email]
        and sendiri.nomor in surel[petugas.email, supervisor.email]
    )
    assert diajukan.nomor in surel[(rekan.email,)] and sendiri.nomor not in surel[(rekan.email,)]


def test_eskalasi_kepada_supervisor_pemohon_dikirim_sekali(
    diajukan, petugas, supervisor, django_capture_on_commit_callbacks
):
    """A supervisor is among the office's staff told of unassigned requests
    and among its supervisors copied on escalations: one with a request of
    their own among the overdue ones got the list of the others twice."""
    with pada(DIAJUKAN):
        sendiri = pabrik.transaksi_diajukan(supervisor)
    mail.outbox.clear()
    jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 3, 25, 15, 31, tzinfo=WIB))
    ke_supervisor = [m for m in mail.outbox if supervisor.email in m.to]
    assert [m.to for m in ke_supervisor] == [[supervisor.email]]
    assert diajukan.nomor in ke_supervisor[0].body and sendiri.nomor not in ke_supervisor[0].body


def test_eskalasi_kantor_tanpa_supervisor_ke_pengawas_provinsi(
    pengunjung, petugas, supervisor, kota, django_capture_on_commit_callbacks
):
    """An office with no supervisor of its own: its escalation reaches the
    province supervisors beside its officer, not the provincial office's
    supervisor, who cannot open another office's transaction."""
    pengawas = buat_pengguna("pengawas@bps.go.id", "Pengawas Provinsi")
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS)
    petugas_kota.kantor.add(kota)
    with pada(DIAJUKAN):
        di_kota = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
    services.ambil_tugas(di_kota, petugas_kota)
    mail.outbox.clear()
    run = datetime(2026, 3, 25, 15, 31, tzinfo=WIB)
    assert jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, run) == [di_kota.pk]
    [surel] = mail.outbox
    assert sorted(surel.to) == sorted([petugas_kota.email, pengawas.email])


def test_kantor_tanpa_staf_tidak_ditandai_sudah_dikabari(pengunjung, kota, django_capture_on_commit_callbacks):
    """A new office with nobody in it yet: the reminder and the escalation
    wait, and go once someone is there to tell, rather than being marked sent,
    with a history line, while no e-mail leaves and nobody ever hears."""
    jalan = partial(jalankan, django_capture_on_commit_callbacks)
    with pada(DIAJUKAN):
        t = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
    mail.outbox.clear()
    assert jalan(tenggat.pengingat, datetime(2026, 3, 24, 15, 31, tzinfo=WIB)) == []
    assert jalan(tenggat.eskalasi, datetime(2026, 3, 25, 15, 31, tzinfo=WIB)) == []
    t.refresh_from_db()
    assert (t.pengingat_pada, t.eskalasi_pada, mail.outbox) == (None, None, [])
    assert not riwayat(t, RiwayatTransaksi.Jenis.ESKALASI) and not riwayat(t, RiwayatTransaksi.Jenis.PENGINGAT)
    # The office's first officer arrives: the next run tells them, once.
    buat_pengguna("petugas1771@bps.go.id", PETUGAS).kantor.add(kota)
    assert jalan(tenggat.eskalasi, datetime(2026, 3, 25, 15, 41, tzinfo=WIB)) == [t.pk]
    assert [m.to for m in mail.outbox] == [["petugas1771@bps.go.id"]]


def test_kantor_tanpa_staf_tidak_menahan_baris_kantor_lain(
    diajukan, pengunjung, kota, django_capture_on_commit_callbacks
):
    """Rows of an office with nobody to tell were claimed first (earliest
    deadline) and released again in every run: as many of them as a run takes
    kept every other office's overdue rows from ever being escalated."""
    with pada(DIAJUKAN - timedelta(days=1)):
        sepi = [pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk) for _ in range(3)]
    assert all(t.batas_waktu < diajukan.batas_waktu for t in sepi)
    run = datetime(2026, 3, 25, 15, 31, tzinfo=WIB)
    assert jalankan(django_capture_on_commit_callbacks, partial(tenggat.eskalasi, batas=2), run) == [diajukan.pk]
    assert Transaksi.objects.filter(pk__in=[t.pk for t in sepi], eskalasi_pada__isnull=True).count() == 3


def test_libur_baru_setelah_pengingat_mengingatkan_lagi_untuk_batas_barunya(
    diajukan, petugas, django_capture_on_commit_callbacks
):
    """The reminder named Wed 25 Mar; the office then closed that day. The
    deadline moved to Thu 26 Mar, and its own reminder goes, as on a resume."""
    jalan = partial(jalankan, django_capture_on_commit_callbacks)
    services.ambil_tugas(diajukan, petugas)
    assert jalan(tenggat.pengingat, datetime(2026, 3, 24, 15, 31, tzinfo=WIB)) == [diajukan.pk]
    with pada(datetime(2026, 3, 25, 7, 0, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        HariKantor.objects.create(tanggal=date(2026, 3, 25), jenis=HariKantor.Jenis.TUTUP, keterangan="Banjir")
    diajukan.refresh_from_db()
    assert diajukan.batas_waktu == datetime(2026, 3, 26, 15, 30, tzinfo=WIB) and diajukan.pengingat_pada is None
    mail.outbox.clear()
    assert jalan(tenggat.pengingat, datetime(2026, 3, 25, 7, 10, tzinfo=WIB)) == [diajukan.pk]
    [surel] = mail.outbox
    assert "Kamis, 26 Maret 2026" in surel.body


def test_jam_dijeda_sesudah_batasnya_lewat_tetap_dieskalasi(pengunjung, petugas, django_capture_on_commit_callbacks):
    """Complete on Fri 13 Mar 2026: delivery due Mon 6 Apr 15.30 (Nyepi and
    Idul Fitri closed). The invoice issued at 15.35 paused the clock past its
    deadline; the breach was never escalated while the visitor's turn lasted."""
    from transaksi.services import pembayaran

    with pada(datetime(2026, 3, 13, 10, 0, tzinfo=WIB)):
        t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung), petugas)
    assert t.batas_waktu == datetime(2026, 4, 6, 15, 30, tzinfo=WIB)
    with pada(datetime(2026, 4, 6, 15, 35, tzinfo=WIB)):
        isian = {"kode_billing": "820260313000001", "jumlah_billing": "50.000"}
        pembayaran.terbitkan_tagihan(t, petugas, isian)
    t.refresh_from_db()
    assert t.jam_dijeda_pada is not None and t.batas_waktu == datetime(2026, 4, 6, 15, 30, tzinfo=WIB)
    jalan = partial(jalankan, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert jalan(tenggat.eskalasi, datetime(2026, 4, 6, 15, 40, tzinfo=WIB)) == [t.pk]
    assert [m.to for m in mail.outbox] == [[petugas.email]] and len(riwayat(t, RiwayatTransaksi.Jenis.ESKALASI)) == 1
    # Once: not again while paused, nor when the payment resumes the same clock.
    assert jalan(tenggat.eskalasi, datetime(2026, 4, 7, 9, 0, tzinfo=WIB)) == []


def test_jam_dijeda_sebelum_batasnya_tidak_dieskalasi(pengunjung, petugas, django_capture_on_commit_callbacks):
    from transaksi.services import pembayaran

    with pada(datetime(2026, 3, 13, 10, 0, tzinfo=WIB)):
        t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung), petugas)
        pembayaran.terbitkan_tagihan(t, petugas, {"kode_billing": "820260313000001", "jumlah_billing": "50.000"})
    jalan = partial(jalankan, django_capture_on_commit_callbacks)
    assert jalan(tenggat.eskalasi, datetime(2026, 5, 6, 15, 40, tzinfo=WIB)) == []


def test_eskalasi_satu_surel_per_petugas_berisi_semua_transaksinya(
    pengunjung, pengunjung_lain, petugas, supervisor, django_capture_on_commit_callbacks
):
    with pada(DIAJUKAN):
        a = pabrik.transaksi_diajukan(pengunjung)
        b = pabrik.transaksi_diajukan(pengunjung_lain)
        services.ambil_tugas(a, petugas)
        services.ambil_tugas(b, petugas)
    mail.outbox.clear()
    assert jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 3, 27, 9, 0, tzinfo=WIB)) == [
        a.pk,
        b.pk,
    ]
    [surel] = mail.outbox
    assert surel.subject.startswith("Eskalasi: 2 transaksi") and a.nomor in surel.body and b.nomor in surel.body


# --- reminder -------------------------------------------------------------------


def test_aturan_pengingat_satu_hari_kerja_sebelum_hari_batas_waktu():
    # Deadline Wed 25 Mar; the working day before it is Tue 17 Mar (18–24 are Nyepi, Idul Fitri, cuti bersama).
    assert tenggat.pengingat_jatuh_tempo(BATAS) == datetime(2026, 3, 17, 15, 30, tzinfo=WIB)
    assert tenggat.ambang_pengingat(datetime(2026, 3, 17, 15, 29, tzinfo=WIB)) == datetime(2026, 3, 18, tzinfo=WIB)
    assert tenggat.ambang_pengingat(datetime(2026, 3, 17, 15, 30, tzinfo=WIB)) == datetime(2026, 3, 26, tzinfo=WIB)


def test_pengingat_di_kedua_sisi_batasnya_dan_sekali_saja(diajukan, petugas, django_capture_on_commit_callbacks):
    services.ambil_tugas(diajukan, petugas)
    mail.outbox.clear()
    sebelum = datetime(2026, 3, 17, 15, 29, tzinfo=WIB)  # still two working days left (Tue 17 and Wed 25)
    assert jalankan(django_capture_on_commit_callbacks, tenggat.pengingat, sebelum) == []
    assert mail.outbox == []

    tepat = datetime(2026, 3, 17, 15, 30, tzinfo=WIB)  # Tue closed: one working day left
    assert jalankan(django_capture_on_commit_callbacks, tenggat.pengingat, tepat) == [diajukan.pk]
    [surel] = mail.outbox
    assert surel.to == [petugas.email] and surel.subject == "Pengingat: 1 transaksi mendekati batas waktu SOP"
    assert diajukan.nomor in surel.body
    diajukan.refresh_from_db()
    assert diajukan.pengingat_pada == tepat
    assert len(riwayat(diajukan, RiwayatTransaksi.Jenis.PENGINGAT)) == 1

    # Twice, and again on the deadline's day: nothing more.
    for waktu in (tepat, datetime(2026, 3, 25, 9, 0, tzinfo=WIB)):
        assert jalankan(django_capture_on_commit_callbacks, tenggat.pengingat, waktu) == []
    assert len(mail.outbox) == 1 and len(riwayat(diajukan, RiwayatTransaksi.Jenis.PENGINGAT)) == 1


def test_pengingat_terlewat_masih_dikirim_oleh_jalan_berikutnya(diajukan, django_capture_on_commit_callbacks):
    # Beat was down from Tuesday afternoon: Wednesday morning's run still reminds.
    assert jalankan(django_capture_on_commit_callbacks, tenggat.pengingat, datetime(2026, 3, 25, 8, 0, tzinfo=WIB)) == [
        diajukan.pk
    ]


def test_pengingat_tidak_dikirim_setelah_batas_waktu_lewat(diajukan, django_capture_on_commit_callbacks):
    assert (
        jalankan(django_capture_on_commit_callbacks, tenggat.pengingat, datetime(2026, 3, 26, 8, 0, tzinfo=WIB)) == []
    )


def test_pengingat_menurut_kalender_kantor_transaksinya(
    pengunjung, pengunjung_lain, petugas, kota, django_capture_on_commit_callbacks
):
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS)
    petugas_kota.kantor.add(kota)
    # 1771 is closed on Mon 13 Apr: 3 working days after Wed 8 are Thu 9, Fri 10, Tue 14 there.
    HariKantor.objects.create(kantor=kota, tanggal=date(2026, 4, 13), jenis=HariKantor.Jenis.TUTUP, keterangan="HUT")
    with pada(datetime(2026, 4, 8, 10, 0, tzinfo=WIB)):
        prov = pabrik.transaksi_diajukan(pengunjung)
        di_kota = pabrik.transaksi_diajukan(pengunjung_lain, kantor_id=kota.pk)
    assert prov.batas_waktu == datetime(2026, 4, 13, 15, 30, tzinfo=WIB)
    assert di_kota.batas_waktu == datetime(2026, 4, 14, 15, 30, tzinfo=WIB)
    # For both, the working day before the deadline's day is Fri 10 Apr (close 16.00).
    jumat_tutup = datetime(2026, 4, 10, 16, 0, tzinfo=WIB)
    assert tenggat.pengingat_jatuh_tempo(di_kota.batas_waktu, kota.pk) == jumat_tutup
    mail.outbox.clear()
    jalan = penjalan(django_capture_on_commit_callbacks, tenggat.pengingat)
    assert jalan(datetime(2026, 4, 10, 15, 59, tzinfo=WIB)) == []
    assert jalan(datetime(2026, 4, 10, 16, 30, tzinfo=WIB)) == [prov.pk, di_kota.pk]
    [ke_kota] = [m for m in mail.outbox if m.to == [petugas_kota.email]]
    assert di_kota.nomor in ke_kota.body and prov.nomor not in ke_kota.body
    assert "Selasa, 14 April 2026 pukul 15.30 WIB" in ke_kota.body
    # The reminder is the city office's mail: its outbox, its letterhead.
    surel_kota = Surel.objects.filter(penerima=[petugas_kota.email]).latest("pk")
    assert surel_kota.kantor == kota and "BPS Kota Bengkulu" in surel_kota.isi
    # Monday, the office still closed: nothing sent twice.
    assert jalan(datetime(2026, 4, 13, 9, 0, tzinfo=WIB)) == []


# --- the delivery clock ---------------------------------------------------------------


def test_jam_penyerahan_mulai_saat_lengkap_rp0_dan_eskalasi_setelah_10_hari_kerja(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    with pada(DIAJUKAN):
        t = pabrik.transaksi_diajukan(pengunjung, kelas_harga="nol_rupiah")
        t = services.nyatakan_lengkap(t, petugas, setujui_nol_rupiah=True)
    # 16, 17, 25, 26, 27, 30, 31 Mar, 1, 2 Apr (3 Apr Good Friday), 6 Apr.
    assert t.jam == Jam.PROSES and t.jam_mulai == DIAJUKAN
    assert t.batas_waktu == datetime(2026, 4, 6, 15, 30, tzinfo=WIB)
    assert tenggat.pengingat_jatuh_tempo(t.batas_waktu) == datetime(2026, 4, 2, 15, 30, tzinfo=WIB)
    mail.outbox.clear()
    assert (
        jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 4, 6, 15, 29, tzinfo=WIB)) == []
    )
    assert jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 4, 6, 15, 31, tzinfo=WIB)) == [
        t.pk
    ]
    assert mail.outbox[0].subject.startswith("Eskalasi")


def _sampai_menunggu_pembayaran(pengunjung, petugas, kedaluwarsa):
    from transaksi.services import pembayaran

    t = pabrik.transaksi_diajukan(pengunjung)
    t = services.nyatakan_lengkap(t, petugas)
    isian = {"kode_billing": "820260313000001", "jumlah_billing": "50000", "kedaluwarsa_pada": kedaluwarsa}
    pembayaran.terbitkan_tagihan(t, petugas, isian)
    t.refresh_from_db()
    return t


def test_jam_penyerahan_dijeda_selama_menunggu_pembayaran_tanpa_pengingat_dan_eskalasi(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    from transaksi.services import pembayaran

    with pada(DIAJUKAN):
        t = _sampai_menunggu_pembayaran(pengunjung, petugas, datetime(2026, 4, 30, 23, 59, tzinfo=WIB))
    # Complete and invoiced the same Friday morning: the delivery clock is paused, no day used.
    assert t.status == Status.MENUNGGU_PEMBAYARAN and t.jam == Jam.PROSES and t.jam_dijeda
    assert t.batas_waktu is None and t.sisa_hari_jeda == 10
    # Weeks later, unpaid: a paused clock neither reminds nor escalates.
    lama = datetime(2026, 4, 20, 15, 45, tzinfo=WIB)
    assert jalankan(django_capture_on_commit_callbacks, tenggat.pengingat, lama) == []
    assert jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, lama) == []
    assert not [m for m in mail.outbox if "Eskalasi" in m.subject or "Pengingat" in m.subject]

    bukti = datetime(2026, 4, 21, 9, 0, tzinfo=WIB)
    with pada(bukti):
        pembayaran.kirim_bukti_bayar(t, pengunjung, "ABCD1234EFGH5678", pabrik.berkas_pdf("bpn.pdf"))
    with pada(datetime(2026, 4, 21, 10, 0, tzinfo=WIB)):
        t = pembayaran.verifikasi_pembayaran(t, petugas)
    # Resumed on the proof with 10 days left; the payment check did not restart it.
    # 22, 23, 24, 27, 28, 29, 30 Apr, 4, 5, 6 May (1 May Labour Day).
    assert t.status == Status.DIPROSES and t.jam == Jam.PROSES and t.jam_mulai == bukti
    assert t.batas_waktu == datetime(2026, 5, 6, 15, 30, tzinfo=WIB)
    assert (
        jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 5, 6, 15, 29, tzinfo=WIB)) == []
    )
    assert jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 5, 6, 15, 31, tzinfo=WIB)) == [
        t.pk
    ]


# --- the clock pauses with the visitor and restarts fresh --------------------------------


def test_jam_berhenti_saat_perlu_perbaikan_dan_mulai_baru_saat_diajukan_ulang(
    diajukan, pengunjung, petugas, django_capture_on_commit_callbacks
):
    # Reminded, then sent back for fixing on Tuesday afternoon.
    jalankan(django_capture_on_commit_callbacks, tenggat.pengingat, datetime(2026, 3, 17, 15, 30, tzinfo=WIB))
    with pada(datetime(2026, 3, 17, 15, 45, tzinfo=WIB)):
        abstraksi = diajukan.dokumen.get(jenis__kode="abstraksi")
        t = services.minta_perbaikan(diajukan, petugas, {abstraksi.pk: "Variabel tidak sesuai."})
    assert t.jam == Jam.TIDAK_ADA and t.batas_waktu is None and t.pengingat_pada is None
    # While paused nothing is due, however long the visitor takes.
    lama = datetime(2026, 4, 1, 9, 0, tzinfo=WIB)
    assert jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, lama) == []
    assert jalankan(django_capture_on_commit_callbacks, tenggat.pengingat, lama) == []

    with pada(lama):
        services.unggah_dokumen(t, pabrik.jenis("abstraksi"), pabrik.berkas_pdf("abstraksi-v2.pdf"), pengunjung)
        t = services.ajukan(t, pengunjung)
    # A fresh 3-working-day clock from Wed 1 Apr: Thu 2, Mon 6, Tue 7 (Fri 3 is Good Friday).
    assert t.jam == Jam.PERIKSA and t.jam_mulai == lama
    assert t.batas_waktu == datetime(2026, 4, 7, 15, 30, tzinfo=WIB)
    assert t.pengingat_pada is None and t.eskalasi_pada is None
    jenis = list(t.riwayat.values_list("jenis", flat=True))
    assert jenis.count("jam_mulai") == 2 and jenis.count("jam_berhenti") == 1
    # The new clock is reminded and escalated in its turn.
    assert jalankan(
        django_capture_on_commit_callbacks, tenggat.pengingat, datetime(2026, 4, 6, 15, 30, tzinfo=WIB)
    ) == [t.pk]
    assert jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 4, 7, 15, 31, tzinfo=WIB)) == [
        t.pk
    ]


# --- invoice expiry --------------------------------------------------------------------


def test_tagihan_kedaluwarsa_sekali_dan_tetap_giliran_pengunjung(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    from transaksi.models import Tagihan

    kedaluwarsa = datetime(2026, 3, 17, 23, 59, tzinfo=WIB)
    with pada(DIAJUKAN):
        t = _sampai_menunggu_pembayaran(pengunjung, petugas, kedaluwarsa)
    mail.outbox.clear()
    assert (
        jalankan(
            django_capture_on_commit_callbacks, tenggat.tagihan_kedaluwarsa, datetime(2026, 3, 17, 23, 58, tzinfo=WIB)
        )
        == []
    )

    run = datetime(2026, 3, 18, 0, 5, tzinfo=WIB)
    [pk] = jalankan(django_capture_on_commit_callbacks, tenggat.tagihan_kedaluwarsa, run)
    tagihan = Tagihan.objects.get(pk=pk)
    t.refresh_from_db()
    assert tagihan.status == Tagihan.Status.KEDALUWARSA and tagihan.transaksi_id == t.pk
    # Still the visitor's turn: the delivery clock stays paused for a payment not made.
    assert t.status == Status.MENUNGGU_PEMBAYARAN and t.jam == Jam.PROSES and t.jam_dijeda
    kepada_pemohon = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert len(kepada_pemohon) == 1
    assert "jangan membayar" in kepada_pemohon[0].body and "tagihan baru" in kepada_pemohon[0].body
    kepada_petugas = [m for m in mail.outbox if m.to != [pengunjung.email]]
    assert len(kepada_petugas) == 1 and "terbitkan tagihan baru" in kepada_petugas[0].subject
    jumlah_surel = len(mail.outbox)

    assert jalankan(django_capture_on_commit_callbacks, tenggat.tagihan_kedaluwarsa, run) == []
    assert len(mail.outbox) == jumlah_surel
    assert t.riwayat.filter(ke=Status.MENUNGGU_TAGIHAN).count() == 1  # once when complete, none on expiry


# --- the visitor's rating: reminders and auto-close --------------------------------------

DISERAHKAN = datetime(2026, 4, 6, 10, 0, tzinfo=WIB)  # Monday


def serahkan_pada(pengunjung, petugas, **kolom) -> Transaksi:
    """A Rp0 request (of office `kantor_id=` when given) delivered at DISERAHKAN."""
    with pada(DIAJUKAN):
        t = pabrik.transaksi_diajukan(pengunjung, kelas_harga="nol_rupiah", **kolom)
        t = services.nyatakan_lengkap(t, petugas, setujui_nol_rupiah=True)
    with pada(DISERAHKAN):
        from django.db import transaction

        with transaction.atomic():
            t = Transaksi.objects.select_for_update().get(pk=t.pk)
            t.diserahkan_pada = DISERAHKAN
            services.pindah_status(t, Status.DISERAHKAN, petugas, "Produk diserahkan.", ("diserahkan_pada",))
    mail.outbox.clear()
    return t


@pytest.fixture
def diserahkan(pengunjung, petugas):
    return serahkan_pada(pengunjung, petugas)


def surel_penilaian(ke=None):
    """The rating e-mails sent (to the user `ke` alone, when given)."""
    return [m for m in mail.outbox if "beri penilaian" in m.subject and (ke is None or m.to == [ke.email])]


def test_pengingat_penilaian_hari_kerja_ke_1_dan_ke_3_masing_masing_sekali(
    diserahkan, pengunjung, django_capture_on_commit_callbacks
):
    jalan = penjalan(django_capture_on_commit_callbacks, penilaian_tenggat.pengingat_penilaian)
    assert jalan(datetime(2026, 4, 7, 15, 29, tzinfo=WIB)) == []
    assert jalan(datetime(2026, 4, 7, 15, 30, tzinfo=WIB)) == [diserahkan.pk]
    assert jalan(datetime(2026, 4, 7, 16, 0, tzinfo=WIB)) == []
    [satu] = surel_penilaian()
    assert satu.to == [pengunjung.email] and "Senin, 13 April 2026 pukul 15.30 WIB" in satu.body
    # Its link opens the rating itself, as the delivery e-mail's does, not the page before it.
    assert f"Beri penilaian: http://testserver/penilaian/transaksi/{diserahkan.nomor}/" in satu.body

    assert jalan(datetime(2026, 4, 9, 15, 29, tzinfo=WIB)) == []
    assert jalan(datetime(2026, 4, 9, 15, 31, tzinfo=WIB)) == [diserahkan.pk]
    assert jalan(datetime(2026, 4, 10, 9, 0, tzinfo=WIB)) == []
    assert len(surel_penilaian()) == 2 and "pengingat terakhir" in surel_penilaian()[1].body
    assert len(riwayat(diserahkan, RiwayatTransaksi.Jenis.PENGINGAT)) == 2


def test_pengingat_penilaian_yang_terlambat_hanya_mengirim_yang_terakhir(
    diserahkan, django_capture_on_commit_callbacks
):
    jalankan(
        django_capture_on_commit_callbacks,
        penilaian_tenggat.pengingat_penilaian,
        datetime(2026, 4, 10, 9, 0, tzinfo=WIB),
    )
    assert len(surel_penilaian()) == 1 and "pengingat terakhir" in surel_penilaian()[0].body


def test_pengingat_penilaian_yang_gagal_dibuat_tidak_menahan_yang_lain_dan_dicoba_lagi(
    pengunjung, pengunjung_lain, petugas, monkeypatch, django_capture_on_commit_callbacks
):
    """One visitor's reminder cannot be written: the others still go, and that
    one is left due for the next run."""
    rusak = serahkan_pada(pengunjung, petugas)
    baik = serahkan_pada(pengunjung_lain, petugas)
    asli = penilaian_tenggat.kirim_surel

    def kirim(penerima, *args, **kwargs):
        if penerima == pengunjung.email:
            raise RuntimeError("template rusak")
        return asli(penerima, *args, **kwargs)

    monkeypatch.setattr(penilaian_tenggat, "kirim_surel", kirim)
    jalan = penjalan(django_capture_on_commit_callbacks, penilaian_tenggat.pengingat_penilaian)
    assert jalan(datetime(2026, 4, 7, 15, 30, tzinfo=WIB)) == [baik.pk]
    assert [m.to for m in surel_penilaian()] == [[pengunjung_lain.email]]
    assert riwayat(rusak, RiwayatTransaksi.Jenis.PENGINGAT) == []
    monkeypatch.setattr(penilaian_tenggat, "kirim_surel", asli)  # fixed: the next run sends it
    assert jalan(datetime(2026, 4, 7, 15, 40, tzinfo=WIB)) == [rusak.pk]
    assert sorted(m.to[0] for m in surel_penilaian()) == sorted([pengunjung.email, pengunjung_lain.email])
    assert len(riwayat(rusak, RiwayatTransaksi.Jenis.PENGINGAT)) == 1


def test_satu_jalan_beat_mengirim_semua_pengingat_penilaian_walau_melebihi_satu_batch(
    pengunjung, petugas, monkeypatch, django_capture_on_commit_callbacks
):
    """More reminders due than one batch (a busy day's deliveries at every
    office): the beat run sends them all, batch after batch, as the other
    deadline jobs drain, not one batch per ten minutes."""

    pemohon = [pengunjung] + [buat_pengguna(f"tamu{i}@contoh.id") for i in range(4)]
    for p in pemohon:
        serahkan_pada(p, petugas)
    monkeypatch.setattr(tenggat, "BATAS_PER_JALAN", 2)
    with pada(datetime(2026, 4, 7, 15, 30, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        assert pengingat_penilaian_task.delay().get() == len(pemohon)
    assert sorted(m.to[0] for m in surel_penilaian()) == sorted(p.email for p in pemohon)


def test_tutup_otomatis_tanpa_penilaian_setelah_batas_dan_sekali(
    diserahkan, pengunjung, django_capture_on_commit_callbacks
):
    # 5 working days after Mon 6 Apr: 7, 8, 9, 10, 13 Apr → closes at 15.30 on Mon 13 Apr.
    jalan = penjalan(django_capture_on_commit_callbacks, penilaian_tenggat.tutup_otomatis)
    assert jalan(datetime(2026, 4, 13, 15, 29, tzinfo=WIB)) == []
    assert jalan(datetime(2026, 4, 13, 15, 31, tzinfo=WIB)) == [diserahkan.pk]
    diserahkan.refresh_from_db()
    assert diserahkan.status == Status.SELESAI and diserahkan.ditutup_pada is not None
    assert "tanpa penilaian" in diserahkan.riwayat.get(ke=Status.SELESAI).catatan
    jumlah = len(mail.outbox)
    assert jalan(datetime(2026, 4, 14, 9, 0, tzinfo=WIB)) == []
    assert len(mail.outbox) == jumlah and diserahkan.riwayat.filter(ke=Status.SELESAI).count() == 1
    # A closed transaction gets no rating reminder either.
    assert (
        jalankan(
            django_capture_on_commit_callbacks,
            penilaian_tenggat.pengingat_penilaian,
            datetime(2026, 4, 14, 9, 0, tzinfo=WIB),
        )
        == []
    )


@pytest.fixture
def diingatkan_di_dua_kantor(pengunjung, pengunjung_lain, petugas, kota, django_capture_on_commit_callbacks):
    """diingatkan_di_dua_kantor(hari) → office 1771 gives `hari` working days
    to rate (the provincial office 5); one transaction of each office is
    delivered at DISERAHKAN (the provincial one to `pengunjung`, 1771's to
    `pengunjung_lain`) and both get their first reminder on Tue 7 Apr, 15.30:
    (prov, di_kota, the reminder runner, 1771's reminder e-mail)."""

    def atur(hari: int):
        kota.batas_penilaian_hari_kerja = hari
        kota.save()
        prov = serahkan_pada(pengunjung, petugas)
        di_kota = serahkan_pada(pengunjung_lain, petugas, kantor_id=kota.pk)
        ingatkan = penjalan(django_capture_on_commit_callbacks, penilaian_tenggat.pengingat_penilaian)
        assert ingatkan(datetime(2026, 4, 7, 15, 30, tzinfo=WIB)) == [prov.pk, di_kota.pk]
        [ke_kota] = surel_penilaian(ke=pengunjung_lain)
        return prov, di_kota, ingatkan, ke_kota

    return atur


def test_tutup_otomatis_menurut_masa_penilaian_kantornya(diingatkan_di_dua_kantor, django_capture_on_commit_callbacks):
    # The visitor of 1771 is told Mon 20 Apr (10 working days after Mon 6 Apr; 3 Apr was Good Friday).
    prov, di_kota, _ingatkan, ke_kota = diingatkan_di_dua_kantor(10)
    assert "Senin, 20 April 2026 pukul 15.30 WIB" in ke_kota.body

    jalan = penjalan(django_capture_on_commit_callbacks, penilaian_tenggat.tutup_otomatis)
    # Mon 13 Apr after the close: the provincial office's 5 days are over, 1771's are not.
    assert jalan(datetime(2026, 4, 13, 15, 31, tzinfo=WIB)) == [prov.pk]
    assert jalan(datetime(2026, 4, 14, 9, 0, tzinfo=WIB)) == []
    assert jalan(datetime(2026, 4, 20, 15, 29, tzinfo=WIB)) == []
    di_kota.refresh_from_db()
    assert di_kota.status == Status.DISERAHKAN
    # Closed at the date it promised, once.
    assert jalan(datetime(2026, 4, 20, 15, 30, tzinfo=WIB)) == [di_kota.pk]
    assert jalan(datetime(2026, 4, 20, 15, 31, tzinfo=WIB)) == []
    di_kota.refresh_from_db()
    assert di_kota.status == Status.SELESAI
    assert "tidak dinilai dalam 10 hari kerja" in di_kota.riwayat.get(ke=Status.SELESAI).catatan


def test_pengingat_penilaian_dan_tutup_otomatis_ikut_kalender_kantornya(
    pengunjung, pengunjung_lain, petugas, kota, django_capture_on_commit_callbacks
):
    # 1771 is closed on Tue 7 Apr (a local holiday): its first working day after delivery is Wed 8.
    HariKantor.objects.create(kantor=kota, tanggal=date(2026, 4, 7), jenis=HariKantor.Jenis.TUTUP, keterangan="HUT")
    prov = serahkan_pada(pengunjung, petugas)
    di_kota = serahkan_pada(pengunjung_lain, petugas, kantor_id=kota.pk)
    ingatkan = penjalan(django_capture_on_commit_callbacks, penilaian_tenggat.pengingat_penilaian)
    assert ingatkan(datetime(2026, 4, 7, 15, 30, tzinfo=WIB)) == [prov.pk]
    assert ingatkan(datetime(2026, 4, 8, 15, 29, tzinfo=WIB)) == []
    assert ingatkan(datetime(2026, 4, 8, 15, 30, tzinfo=WIB)) == [di_kota.pk]
    [ke_kota] = surel_penilaian(ke=pengunjung_lain)
    assert "Selasa, 14 April 2026 pukul 15.30 WIB" in ke_kota.body  # 8, 9, 10, 13, 14 Apr

    tutup = penjalan(django_capture_on_commit_callbacks, penilaian_tenggat.tutup_otomatis)
    assert tutup(datetime(2026, 4, 13, 15, 31, tzinfo=WIB)) == [prov.pk]
    assert tutup(datetime(2026, 4, 14, 15, 30, tzinfo=WIB)) == [di_kota.pk]


def test_pengingat_penilaian_tidak_menyebut_batas_yang_sudah_lewat(
    diingatkan_di_dua_kantor, pengunjung_lain, django_capture_on_commit_callbacks
):
    # 1771 gives 3 working days to rate (7, 8, 9 Apr: closed at 15.30 on Thu 9 Apr), so
    # its second reminder (3rd working day) would come as the rating period ends.
    prov, di_kota, ingatkan, pertama = diingatkan_di_dua_kantor(3)
    assert "Kamis, 9 April 2026 pukul 15.30 WIB" in pertama.body
    # Thu 9 Apr after the close: the provincial visitor gets the last reminder, 1771's period is over.
    assert ingatkan(datetime(2026, 4, 9, 15, 31, tzinfo=WIB)) == [prov.pk]
    assert len(surel_penilaian(ke=pengunjung_lain)) == 1
    tutup = penjalan(django_capture_on_commit_callbacks, penilaian_tenggat.tutup_otomatis)
    assert tutup(datetime(2026, 4, 9, 15, 31, tzinfo=WIB)) == [di_kota.pk]


@pytest.mark.parametrize(
    "diserahkan, batas",
    [
        # In office hours (Mon 6 Apr, 10.00): rate by the close of the delivery day, as promised.
        (DISERAHKAN, datetime(2026, 4, 6, 15, 30, tzinfo=WIB)),
        # After the close (Mon 6 Apr, 16.00): Tuesday's close, not a moment already past.
        (datetime(2026, 4, 6, 16, 0, tzinfo=WIB), datetime(2026, 4, 7, 15, 30, tzinfo=WIB)),
    ],
)
def test_tutup_otomatis_masa_penilaian_nol_hari_kerja_pada_penutupan_berikutnya(
    diserahkan, batas, pengunjung, petugas, kota, django_capture_on_commit_callbacks
):
    kota.batas_penilaian_hari_kerja = 0
    kota.save()
    t = serahkan_pada(pengunjung, petugas, kantor_id=kota.pk)
    t.diserahkan_pada = diserahkan
    t.save(update_fields=["diserahkan_pada"])
    assert penilaian_services.batas_penilaian(t) == batas
    tutup = penjalan(django_capture_on_commit_callbacks, penilaian_tenggat.tutup_otomatis)
    assert tutup(diserahkan + timedelta(minutes=10)) == []
    assert tutup(batas - timedelta(minutes=1)) == []
    assert tutup(batas) == [t.pk]


def test_tutup_otomatis_jumlah_kueri_tidak_bergantung_pada_jumlah_kantor(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    serahkan_pada(pengunjung, petugas)
    waktu = datetime(2026, 4, 10, 9, 0, tzinfo=WIB)  # nothing due yet

    def kueri():
        with pada(waktu), CaptureQueriesContext(connection) as q:
            assert penilaian_tenggat.tutup_otomatis() == []
            penilaian_tenggat.pengingat_penilaian()
        return len(q.captured_queries)

    kueri()  # sends the reminder due; the calendar and office settings are then cached per process
    satu = kueri()
    call_command("kantor_provinsi", stdout=StringIO())  # the other ten offices of the province
    kueri()
    assert kueri() == satu


# --- by hand, and the time left shown to officers -------------------------------------------


def test_perintah_tenggat_menjalankan_job(diajukan, django_capture_on_commit_callbacks):
    from io import StringIO

    keluaran = StringIO()
    with pada(datetime(2026, 3, 25, 15, 31, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        call_command("tenggat", "semua", stdout=keluaran)
        call_command("tenggat", "eskalasi", stdout=keluaran)
    assert "eskalasi: 1 eskalasi" in keluaran.getvalue() and "eskalasi: 0 eskalasi" in keluaran.getvalue()


def test_perintah_tenggat_semua_menghitung_ulang_sebelum_mengeskalasi(
    diajukan, petugas, django_capture_on_commit_callbacks
):
    """`tenggat semua`, run by hand after a calendar change whose own recompute
    never ran, enforces the moved deadline: a day closed on Wed 25 Mar puts it
    on Thu 26 Mar, so nobody is told at 15.31 on the 25th that it has passed."""
    services.ambil_tugas(diajukan, petugas)
    with pada(datetime(2026, 3, 25, 7, 0, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=False):
        HariKantor.objects.create(tanggal=date(2026, 3, 25), jenis=HariKantor.Jenis.TUTUP, keterangan="Banjir")
    diajukan.refresh_from_db()
    assert diajukan.batas_waktu == BATAS, "the calendar's own recompute has not run"
    mail.outbox.clear()
    keluaran = StringIO()
    with pada(datetime(2026, 3, 25, 15, 31, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        call_command("tenggat", "semua", stdout=keluaran)
    diajukan.refresh_from_db()
    assert diajukan.batas_waktu == datetime(2026, 3, 26, 15, 30, tzinfo=WIB) and diajukan.eskalasi_pada is None
    assert "eskalasi: 0 eskalasi" in keluaran.getvalue()
    assert not [m for m in mail.outbox if "Eskalasi" in m.subject]


def test_tugas_celery_menjalankan_layanan_yang_sama(diajukan, django_capture_on_commit_callbacks):
    from transaksi.tasks import eskalasi_task

    with pada(datetime(2026, 3, 25, 15, 31, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        assert eskalasi_task.delay().get() == 1
        assert eskalasi_task.delay().get() == 0


@pytest.mark.parametrize(
    "now, indonesia, inggris",
    [
        (datetime(2026, 3, 13, 10, 0, tzinfo=WIB), "sisa 3 hari kerja", "3 working days left"),
        (datetime(2026, 3, 16, 9, 0, tzinfo=WIB), "sisa 2 hari kerja", "2 working days left"),
        (datetime(2026, 3, 17, 16, 0, tzinfo=WIB), "sisa 1 hari kerja", "1 working day left"),
        (datetime(2026, 3, 25, 12, 10, tzinfo=WIB), "sisa 3 jam 20 menit", "3 hours 20 minutes left"),
        (datetime(2026, 3, 25, 14, 29, tzinfo=WIB), "sisa 1 jam 1 menit", "1 hour 1 minute left"),
        (datetime(2026, 3, 25, 15, 0, tzinfo=WIB), "sisa 30 menit", "30 minutes left"),
        (datetime(2026, 3, 25, 15, 29, 30, tzinfo=WIB), "sisa 1 menit", "1 minute left"),
        (datetime(2026, 3, 25, 17, 30, tzinfo=WIB), "terlambat 2 jam", "2 hours late"),
        (datetime(2026, 3, 26, 9, 0, tzinfo=WIB), "terlambat 1 hari kerja", "1 working day late"),
        (datetime(2026, 3, 30, 9, 0, tzinfo=WIB), "terlambat 3 hari kerja", "3 working days late"),
        # Counted by date: before opening, and over the weekend, the days past so far.
        (datetime(2026, 3, 28, 10, 0, tzinfo=WIB), "terlambat 2 hari kerja", "2 working days late"),
        (datetime(2026, 3, 26, 7, 0, tzinfo=WIB), "terlambat 1 hari kerja", "1 working day late"),
    ],
)
def test_sisa_waktu_dalam_hari_kerja_dan_jam(now, indonesia, inggris):
    """The deadline board's time left, in working days or (on the day) hours
    and minutes, in the reader's language with singular and plural."""
    assert id_dan_en(lambda: selectors.sisa_waktu(BATAS, now)) == (indonesia, inggris)


@pytest.mark.parametrize(
    "sisa, indonesia, inggris",
    [
        (
            1,
            "dijeda — menunggu pembayaran pemohon; sisa 1 hari kerja",
            "paused — waiting for payment by applicant; 1 working day left",
        ),
        (
            9,
            "dijeda — menunggu pembayaran pemohon; sisa 9 hari kerja",
            "paused — waiting for payment by applicant; 9 working days left",
        ),
    ],
)
def test_keterangan_jeda_dalam_bahasa_pembaca(sisa, indonesia, inggris):
    t = SimpleNamespace(jam_dijeda=True, sisa_hari_jeda=sisa, batas_waktu=None)
    assert id_dan_en(lambda: selectors.keterangan_jeda(t, untuk_pemohon=False)) == (indonesia, inggris)


def test_keterangan_jeda_setelah_batas_waktu_lewat_menyebut_batas_yang_terlewati():
    # The invoice came after the 10 working days had run out (deadline Mon 6 Apr 2026):
    # the paused clock has no "0 working days left", its deadline has passed.
    t = SimpleNamespace(jam_dijeda=True, sisa_hari_jeda=0, batas_waktu=datetime(2026, 4, 6, 15, 30, tzinfo=WIB))
    with translation.override("id"):
        assert str(selectors.keterangan_jeda(t, untuk_pemohon=False)) == (
            "dijeda — menunggu pembayaran pemohon; batas waktu sudah lewat sejak Senin, 6 April 2026 pukul 15.30 WIB"
        )
    with translation.override("en"):
        assert str(selectors.keterangan_jeda(t, untuk_pemohon=True)) == (
            "paused — waiting for payment by you; the deadline passed on Monday, 6 April 2026, 15:30 WIB"
        )


def test_keterangan_jeda_untuk_pemohon_dalam_bahasa_inggris_di_tengah_kalimat():
    t = SimpleNamespace(jam_dijeda=True, sisa_hari_jeda=9, batas_waktu=None)
    with translation.override("en"):
        assert str(selectors.keterangan_jeda(t, untuk_pemohon=True)) == (
            "paused — waiting for payment by you; 9 working days left"
        )
    with translation.override("id"):
        assert str(selectors.keterangan_jeda(t, untuk_pemohon=True)) == (
            "dijeda — menunggu pembayaran Anda; sisa 9 hari kerja"
        )


def test_galat_satu_kelompok_tidak_menghentikan_yang_lain_dan_dicoba_lagi(
    pengunjung, pengunjung_lain, petugas, supervisor, monkeypatch, django_capture_on_commit_callbacks
):
    with pada(DIAJUKAN):
        milik_petugas = pabrik.transaksi_diajukan(pengunjung)
        services.ambil_tugas(milik_petugas, petugas)
        tanpa_petugas = pabrik.transaksi_diajukan(pengunjung_lain)
    mail.outbox.clear()
    asli = tenggat.susun_surel

    def rusak_untuk_petugas(penerima, subjek, template, konteks, **kwargs):
        if konteks["petugas"] is not None:
            raise RuntimeError("server templat rusak")
        return asli(penerima, subjek, template, konteks, **kwargs)

    run = datetime(2026, 3, 25, 15, 31, tzinfo=WIB)
    monkeypatch.setattr(tenggat, "susun_surel", rusak_untuk_petugas)
    jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, run)
    milik_petugas.refresh_from_db()
    tanpa_petugas.refresh_from_db()
    assert milik_petugas.eskalasi_pada is None and not riwayat(milik_petugas, RiwayatTransaksi.Jenis.ESKALASI)
    assert tanpa_petugas.eskalasi_pada == run and len(mail.outbox) == 1

    monkeypatch.setattr(tenggat, "susun_surel", asli)  # fixed: the next run escalates what was released
    assert jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, run) == [milik_petugas.pk]
    assert len(mail.outbox) == 2 and mail.outbox[1].to == [petugas.email, supervisor.email]


# --- set-based drains -------------------------------------------------------------------


def _transaksi_terlambat(n: int, petugas_list, awalan: str) -> list[Transaksi]:
    with pada(DIAJUKAN):
        daftar = [pabrik.transaksi_diajukan(buat_pengguna(f"{awalan}{i}@contoh.id")) for i in range(n)]
        for t, p in zip(daftar, petugas_list, strict=False):
            services.ambil_tugas(t, p)
    mail.outbox.clear()
    return daftar


def _kueri_eskalasi(django_capture_on_commit_callbacks) -> int:
    waktu = pada(datetime(2026, 3, 27, 9, 0, tzinfo=WIB))
    with waktu, CaptureQueriesContext(connection) as q, django_capture_on_commit_callbacks(execute=False):
        tenggat.eskalasi()
    return len(q.captured_queries)


def test_jumlah_kueri_eskalasi_tidak_bergantung_pada_jumlah_jatuh_tempo(
    petugas, supervisor, django_capture_on_commit_callbacks
):
    lain = [buat_pengguna(f"petugas{i}@bps.go.id", PETUGAS) for i in range(4)]
    kantor()  # the office settings are cached per process: both runs read them from memory
    _transaksi_terlambat(2, [petugas], "a")
    sedikit = _kueri_eskalasi(django_capture_on_commit_callbacks)
    # Five times as many rows over five officers (and the unassigned): the same statements.
    _transaksi_terlambat(12, [petugas, *lain, petugas, *lain], "b")
    banyak = _kueri_eskalasi(django_capture_on_commit_callbacks)
    assert Transaksi.objects.filter(eskalasi_pada__isnull=False).count() == 14
    assert RiwayatTransaksi.objects.filter(jenis=RiwayatTransaksi.Jenis.ESKALASI).count() == 14
    assert banyak == sedikit, (sedikit, banyak)


def test_surel_eskalasi_tetap_sama_isinya(diajukan, petugas, supervisor, django_capture_on_commit_callbacks):
    services.ambil_tugas(diajukan, petugas)
    mail.outbox.clear()
    jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 3, 25, 15, 31, tzinfo=WIB))
    [surel] = mail.outbox
    baris = [
        f"- {diajukan.nomor} · Diajukan, menunggu pemeriksaan · Antrean pemeriksaan (3 hari kerja)",
        f"  Pemohon: {diajukan.pemohon.nama_lengkap}",
        "  Batas waktu: Rabu, 25 Maret 2026 pukul 15.30 WIB",
        f"  {settings.SITE_URL}/transaksi/{diajukan.nomor}/",
    ]
    assert "\n".join(baris) in surel.body, surel.body


def test_tugas_menguras_batch_demi_batch_tanpa_jeda_lalu_mengantre_ulang_bila_waktunya_habis(monkeypatch):
    from transaksi import tasks

    antre, batch = [], [[1, 2], [3, 4], [5]]

    class Tugas:
        def apply_async(self, **opsi):
            antre.append(opsi)

    monkeypatch.setattr(tenggat, "BATAS_PER_JALAN", 2)
    assert tasks.kuras(Tugas(), lambda: batch.pop(0), None) == 5 and antre == []  # one task, all three batches
    monkeypatch.setattr(tasks, "KURAS_DETIK", 0)
    assert tasks.kuras(Tugas(), lambda: [6, 7], None) == 2
    assert antre == [{}]  # out of time with a full batch: queued again at once, no countdown
