"""The SOP clocks as the office reads them (transaksi/jam.py): the queue
clock of step 5 from each submission to the completeness decision, the
delivery clock of step 7 from "requirements complete" to hand-over, paused
while the visitor has to pay — on the real 2026 calendar."""

import io
from datetime import date, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.db.models import F

from pst_layanan.kalender import WIB
from pst_layanan.models import HariKantor, Kantor, Surel
from tests import pabrik
from transaksi import services, tenggat
from transaksi.models import Jam, RiwayatTransaksi, Status, Transaksi
from transaksi.services import pembayaran, penyerahan

pytestmark = pytest.mark.django_db

R = RiwayatTransaksi.Jenis


def pada(*args):
    return time_machine.travel(datetime(*args, tzinfo=WIB), tick=False)


def lengkap(pengunjung, petugas):
    with pada(2026, 3, 13, 10, 0):
        t = pabrik.transaksi_diajukan(pengunjung)
        return services.nyatakan_lengkap(t, petugas)


def tagihan(t, petugas, *waktu):
    with pada(*waktu):
        pembayaran.terbitkan_tagihan(t, petugas, {"kode_billing": f"8202603{t.pk:08d}", "jumlah_billing": "50.000"})
    t.refresh_from_db()
    return t


def bukti(t, pengunjung, *waktu):
    with pada(*waktu):
        pembayaran.kirim_bukti_bayar(t, pengunjung, f"NTPN{t.pk:012d}", pabrik.berkas_pdf("bpn.pdf"))
    t.refresh_from_db()
    return t


def test_contoh_jeda_sebelum_penutupan(pengunjung, petugas):
    t = lengkap(pengunjung, petugas)
    # Declared complete Fri 13 Mar 10.00: 10 working days, nothing paused yet.
    assert t.jam == Jam.PROSES and t.batas_waktu == datetime(2026, 4, 6, 15, 30, tzinfo=WIB)

    # Invoice issued Tue 17 Mar 11.00, before Tuesday's close: Mon 16 Mar used.
    t = tagihan(t, petugas, 2026, 3, 17, 11, 0)
    assert t.status == Status.MENUNGGU_PEMBAYARAN and t.jam == Jam.PROSES
    assert t.jam_dijeda and t.jam_hari_terpakai == 1 and t.sisa_hari_jeda == 9 and t.batas_waktu is None
    jeda = t.riwayat.get(jenis=R.JAM_DIJEDA)
    assert jeda.waktu == datetime(2026, 3, 17, 11, 0, tzinfo=WIB) and "sisa 9 hari kerja" in jeda.catatan

    # Proof sent Mon 30 Mar 09.00: resumed with 9 days left.
    t = bukti(t, pengunjung, 2026, 3, 30, 9, 0)
    assert not t.jam_dijeda and t.batas_waktu == datetime(2026, 4, 13, 15, 30, tzinfo=WIB)
    assert t.riwayat.get(jenis=R.JAM_DILANJUTKAN).batas_waktu == t.batas_waktu
    # Payment check is office time: the same clock goes on.
    with pada(2026, 3, 31, 10, 0):
        t = pembayaran.verifikasi_pembayaran(t, petugas)
    assert t.jam == Jam.PROSES and t.batas_waktu == datetime(2026, 4, 13, 15, 30, tzinfo=WIB)
    assert t.riwayat.filter(jenis=R.JAM_MULAI, jam=Jam.PROSES).count() == 1

    with pada(2026, 4, 13, 15, 0):
        t = penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("a.csv", b"x\n")])
    berhenti = t.riwayat.get(jenis=R.JAM_BERHENTI, jam=Jam.PROSES)
    assert berhenti.batas_waktu == datetime(2026, 4, 13, 15, 30, tzinfo=WIB)
    # Paused from Tue 17 Mar 11.00 to Mon 30 Mar 09.00.
    assert berhenti.jeda_detik == int((datetime(2026, 3, 30, 9) - datetime(2026, 3, 17, 11)).total_seconds())
    assert t.jam == Jam.TIDAK_ADA


def test_contoh_jeda_setelah_penutupan(pengunjung, petugas):
    t = lengkap(pengunjung, petugas)
    # Issued Tue 17 Mar 15.45, after Tuesday's close: Mon and Tue used.
    t = tagihan(t, petugas, 2026, 3, 17, 15, 45)
    assert t.jam_hari_terpakai == 2 and t.sisa_hari_jeda == 8
    t = bukti(t, pengunjung, 2026, 3, 30, 9, 0)
    assert t.batas_waktu == datetime(2026, 4, 10, 16, 0, tzinfo=WIB)


def test_demo_dasbor_langkah_5_dan_7_sama_dengan_antrean_dan_jam_penyerahan(
    db, settings, tmp_path, supervisor, klien_untuk
):
    from django.core.management import call_command
    from django.urls import reverse

    from penilaian import mutu
    from pst_layanan.periode import Bulan
    from transaksi import alur

    settings.DEBUG = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path, "base_url": None}},
    }
    call_command("demo", stdout=io.StringIO())
    perpindahan = RiwayatTransaksi.objects.filter(jenis=R.STATUS)
    # A queue wait ends with each move out of "submitted"; a delivery clock
    # ends with each move out of the delivery phase (hand-over). The demo's
    # refund, approved before its deadline, handed nothing over: no case.
    antrean = perpindahan.filter(dari=Status.DIAJUKAN).count()
    fase = [s for s, j in alur.JAM_STATUS.items() if j == Jam.PROSES]
    batal = [Status.DIBATALKAN, Status.DIKEMBALIKAN]
    penyerahan_selesai = perpindahan.filter(dari__in=fase).exclude(ke__in=[*fase, *batal]).count()
    assert perpindahan.filter(ke=Status.DIKEMBALIKAN).exists()
    # The demo has a paid transaction that paused for its payment, and its own step-5 case only.
    assert RiwayatTransaksi.objects.filter(jenis=R.JAM_DIJEDA).exists()
    assert antrean >= 6 and penyerahan_selesai >= 3

    bulan = Bulan.ini()
    angka = {k.standar.kode: k.kasus for k in mutu.semua_kepatuhan(bulan)}
    assert angka["pemeriksaan"] == antrean and angka["penyerahan"] == penyerahan_selesai
    r = klien_untuk(supervisor).get(reverse("penilaian:dasbor"), {"bulan": bulan.kode})
    baris = r.text.split('id="kepatuhan-pemeriksaan"')[1].split("</tr>")[0]
    assert f'<td class="text-end">{antrean}</td>' in baris
    baris = r.text.split('id="kepatuhan-penyerahan"')[1].split("</tr>")[0]
    assert f'<td class="text-end">{penyerahan_selesai}</td>' in baris
    assert "Target internal kantor (bukan langkah SOP)" in r.text


def test_kirim_balik_dan_ajukan_ulang_dua_antrean_satu_jam_penyerahan(pengunjung, petugas):
    from penilaian import mutu
    from pst_layanan.periode import Bulan

    with pada(2026, 5, 4, 9, 0):  # Monday
        t = pabrik.transaksi_diajukan(pengunjung)
    assert t.jam == Jam.PERIKSA and t.batas_waktu == datetime(2026, 5, 7, 15, 30, tzinfo=WIB)
    with pada(2026, 5, 5, 10, 0):
        abstraksi = t.dokumen.get(jenis__kode="abstraksi")
        t = services.minta_perbaikan(t, petugas, {abstraksi.pk: "Sebutkan variabelnya."})
    assert t.jam == Jam.TIDAK_ADA and t.batas_waktu is None
    with pada(2026, 5, 6, 9, 0):
        services.unggah_dokumen(t, pabrik.jenis("abstraksi"), pabrik.berkas_pdf("abstraksi-2.pdf"), pengunjung)
        t = services.ajukan(t, pengunjung)
    # A new wait in the queue with a fresh 3 working days: Thu 7, Fri 8, Mon 11 (14 May is a holiday later).
    assert t.jam == Jam.PERIKSA and t.batas_waktu == datetime(2026, 5, 11, 15, 30, tzinfo=WIB)
    with pada(2026, 5, 7, 11, 0):
        t = services.nyatakan_lengkap(t, petugas)
    assert t.jam == Jam.PROSES and t.target_batas == datetime(2026, 5, 8, 16, 0, tzinfo=WIB)
    t = tagihan(t, petugas, 2026, 5, 8, 10, 0)
    assert t.jam_dijeda and t.jam_hari_terpakai == 0
    t = bukti(t, pengunjung, 2026, 5, 11, 9, 0)
    assert t.target_batas == datetime(2026, 5, 12, 15, 30, tzinfo=WIB)  # payment checked within 1 working day
    with pada(2026, 5, 11, 10, 0):
        t = pembayaran.verifikasi_pembayaran(t, petugas)
    with pada(2026, 5, 12, 10, 0):
        penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("a.csv", b"x\n")])

    assert t.riwayat.filter(jenis=R.JAM_MULAI, jam=Jam.PERIKSA).count() == 2
    assert t.riwayat.filter(jenis=R.JAM_MULAI, jam=Jam.PROSES).count() == 1
    angka = {k.standar.kode: k for k in [*mutu.semua_kepatuhan(Bulan(2026, 5)), *mutu.semua_target(Bulan(2026, 5))]}
    assert (angka["pemeriksaan"].kasus, angka["pemeriksaan"].dalam) == (2, 2)
    assert (angka["penyerahan"].kasus, angka["penyerahan"].dalam) == (1, 1)
    # Running working days: from Thu 7 May 11.00, paused Fri 8 10.00 before its close (no day
    # used), resumed Mon 11 09.00, handed over Tue 12 May: its first working day since.
    assert angka["penyerahan"].median == pytest.approx(1)
    assert (angka["target_tagihan"].kasus, angka["target_tagihan"].dalam) == (1, 1)
    assert (angka["target_verifikasi"].kasus, angka["target_verifikasi"].dalam) == (1, 1)
    # Invoice issued on Friday, day 1 after Thursday; the proof checked on the day it came.
    assert (angka["target_tagihan"].median, angka["target_verifikasi"].median) == (1, 0)


def test_rp0_tidak_pernah_dijeda(pengunjung, petugas):
    with pada(2026, 3, 13, 10, 0):
        t = pabrik.transaksi_diajukan(pengunjung, kelas_harga="nol_rupiah")
        t = services.nyatakan_lengkap(t, petugas, setujui_nol_rupiah=True)
    assert t.status == Status.DIPROSES and t.total == 0
    assert t.jam == Jam.PROSES and not t.jam_dijeda and t.batas_waktu == datetime(2026, 4, 6, 15, 30, tzinfo=WIB)
    assert t.target_batas is None  # no invoice to issue
    with pada(2026, 4, 6, 15, 0):
        t = penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("a.csv", b"x\n")])
    assert not t.riwayat.filter(jenis__in=[R.JAM_DIJEDA, R.JAM_DILANJUTKAN]).exists()
    assert t.riwayat.get(jenis=R.JAM_BERHENTI, jam=Jam.PROSES).jeda_detik == 0


def test_perubahan_kalender_saat_dijeda_menghitung_ulang_hari_terpakai(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    t = lengkap(pengunjung, petugas)
    t = tagihan(t, petugas, 2026, 3, 17, 11, 0)
    assert t.sisa_hari_jeda == 9
    # The office was closed on Mon 16 Mar after all: the paused clock used no day.
    with pada(2026, 3, 20, 9, 0), django_capture_on_commit_callbacks(execute=True):
        HariKantor.objects.create(tanggal="2026-03-16", jenis=HariKantor.Jenis.TUTUP, keterangan="Pemadaman listrik")
    t.refresh_from_db()
    assert t.jam_dijeda and t.jam_hari_terpakai == 0 and t.sisa_hari_jeda == 10 and t.batas_waktu is None
    ulang = t.riwayat.get(jenis=R.JAM_DIHITUNG_ULANG)
    assert "sisa 9 hari kerja" in ulang.catatan and "sisa 10 hari kerja" in ulang.catatan
    t = bukti(t, pengunjung, 2026, 3, 30, 9, 0)
    assert t.batas_waktu == datetime(2026, 4, 14, 15, 30, tzinfo=WIB)

    # Service hours change (Tuesday's close moved to 10.30): recomputed too, a day used again.
    from pst_layanan.kantor import kantor, lupakan_kantor

    t2 = tagihan(lengkap(pengunjung, petugas), petugas, 2026, 3, 17, 11, 0)
    HariKantor.objects.all().delete()
    k = kantor()
    with pada(2026, 3, 20, 9, 0), django_capture_on_commit_callbacks(execute=True):
        k.jam_tutup_senin_kamis = "10:30"
        k.save()
        lupakan_kantor()
    t2.refresh_from_db()
    assert t2.jam_hari_terpakai == 2  # Mon 16 and Tue 17 (closed 10.30, before the invoice at 11.00)


def test_perubahan_kalender_saat_broker_mati_dihitung_ulang_di_proses_ini(
    pengunjung, petugas, broker_mati, django_capture_on_commit_callbacks, caplog
):
    t = tagihan(lengkap(pengunjung, petugas), petugas, 2026, 3, 17, 11, 0)
    with pada(2026, 3, 20, 9, 0), django_capture_on_commit_callbacks(execute=True):
        HariKantor.objects.create(tanggal="2026-03-16", jenis=HariKantor.Jenis.TUTUP, keterangan="Pemadaman listrik")
    t.refresh_from_db()
    assert "Broker tidak terjangkau" in caplog.text
    assert t.jam_hari_terpakai == 0 and t.sisa_hari_jeda == 10
    assert t.riwayat.filter(jenis=R.JAM_DIHITUNG_ULANG).exists()


def test_transaksi_yang_gagal_dihitung_ulang_dicoba_lagi(
    pengunjung, petugas, monkeypatch, django_capture_on_commit_callbacks
):
    """The database drops one row's recompute after a closure was entered
    (a failover mid-run): that row is tried again, not left with the old
    calendar's deadline until some later calendar change."""
    with pada(2026, 3, 13, 10, 0):
        ts = [pabrik.transaksi_diajukan(pengunjung) for _ in range(2)]
    satu, putus = tenggat._hitung_ulang_satu, [ts[0].pk]

    def sekali_putus(pk):
        if pk in putus:
            putus.remove(pk)
            raise OperationalError("server closed the connection unexpectedly")
        return satu(pk)

    monkeypatch.setattr(tenggat, "_hitung_ulang_satu", sekali_putus)
    with pada(2026, 3, 16, 9, 0), django_capture_on_commit_callbacks(execute=True):
        HariKantor.objects.create(tanggal="2026-03-17", jenis=HariKantor.Jenis.TUTUP, keterangan="Banjir")
    for t in ts:
        t.refresh_from_db()
        assert t.batas_waktu == datetime(2026, 3, 26, 15, 30, tzinfo=WIB), t.nomor


def test_hitung_ulang_yang_menyerah_memberi_tahu_admins(
    pengunjung, petugas, monkeypatch, settings, django_capture_on_commit_callbacks
):
    """A row that fails every try was retried five times and then dropped with
    nothing said: the failures were mailed once per alert window, so the admins
    could not tell it gave up and that deadline kept the old calendar's date."""
    settings.ADMINS = [("ops@bps.go.id", "ops@bps.go.id")]
    with pada(2026, 3, 13, 10, 0):
        t = pabrik.transaksi_diajukan(pengunjung)

    def selalu_putus(pk):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(tenggat, "_hitung_ulang_satu", selalu_putus)
    with pada(2026, 3, 16, 9, 0), django_capture_on_commit_callbacks(execute=True):
        HariKantor.objects.create(tanggal="2026-03-17", jenis=HariKantor.Jenis.TUTUP, keterangan="Banjir")
    [menyerah] = Surel.objects.filter(subjek__contains="dihentikan")
    assert menyerah.penerima == ["ops@bps.go.id"]
    assert f"batas waktu transaksi {t.pk} masih menurut kalender lama" in menyerah.isi
    assert "manage.py tenggat hitung-ulang" in menyerah.isi


def test_hitung_ulang_yang_putus_sebelum_mulai_dicoba_lagi(
    pengunjung, petugas, monkeypatch, django_capture_on_commit_callbacks
):
    """The database drops the recompute's first query, the one that lists the
    clocks to look at (a failover as the task starts): the whole recompute is
    tried again, not lost with every deadline left on the old calendar until
    some later calendar change."""
    from django.db import connection

    with pada(2026, 3, 13, 10, 0):
        t = pabrik.transaksi_diajukan(pengunjung)
    putus = [True]

    def daftar_putus(execute, sql, params, many, context):
        if putus and 'FROM "transaksi_transaksi"' in sql and "ORDER BY" in sql:
            putus.clear()
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with (
        pada(2026, 3, 16, 9, 0),
        connection.execute_wrapper(daftar_putus),
        django_capture_on_commit_callbacks(execute=True),
    ):
        HariKantor.objects.create(tanggal="2026-03-17", jenis=HariKantor.Jenis.TUTUP, keterangan="Banjir")
    assert not putus  # the listing did fail once
    t.refresh_from_db()
    assert t.batas_waktu == datetime(2026, 3, 26, 15, 30, tzinfo=WIB)


def test_papan_dan_halaman_pemohon_saat_dijeda(pengunjung, petugas, klien_untuk, django_capture_on_commit_callbacks):
    from django.core import mail
    from django.urls import reverse

    t = lengkap(pengunjung, petugas)
    with pada(2026, 3, 16, 9, 0):
        berjalan = pabrik.transaksi_diajukan(pengunjung)
    t = tagihan(t, petugas, 2026, 3, 17, 11, 0)
    with pada(2026, 3, 18, 9, 0):
        halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
        papan = klien_untuk(petugas).get(reverse("transaksi:tenggat")).content.decode()
    assert "dijeda — menunggu pembayaran Anda; sisa 9 hari kerja" in halaman
    assert "dijeda — menunggu pembayaran pemohon; sisa 9 hari kerja" in papan
    # Paused clocks apart, after the running ones.
    assert papan.index(berjalan.nomor) < papan.index(t.nomor)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        t = bukti(t, pengunjung, 2026, 3, 30, 9, 0)
    janji = "paling lambat Senin, 13 April 2026 pukul 15.30 WIB, tidak termasuk waktu menunggu pembayaran Anda"
    assert any(janji in m.body for m in mail.outbox if m.to == [pengunjung.email])
    with pada(2026, 3, 30, 10, 0):
        assert janji in klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
        papan = klien_untuk(petugas).get(reverse("transaksi:tenggat")).content.decode()
    assert "target internal: bukti bayar diperiksa paling lambat Selasa, 31 Maret 2026 pukul 15.30 WIB" in papan


def test_janji_setelah_pembayaran_diverifikasi_tanpa_kecuali_menunggu_pembayaran(
    pengunjung, petugas, klien_untuk, django_capture_on_commit_callbacks
):
    """Once the payment is verified no wait for it is left: the date already
    counts the pause, so the visitor is not told it excludes one (which reads
    as a date still to be pushed back by the days they took to pay)."""
    from django.core import mail

    t = bukti(tagihan(lengkap(pengunjung, petugas), petugas, 2026, 3, 17, 11, 0), pengunjung, 2026, 3, 30, 9, 0)
    mail.outbox.clear()
    with pada(2026, 3, 30, 11, 0), django_capture_on_commit_callbacks(execute=True):
        t = pembayaran.verifikasi_pembayaran(t, petugas)
    janji = "Produk kami serahkan paling lambat Senin, 13 April 2026 pukul 15.30 WIB."
    surel = [m.body for m in mail.outbox if m.to == [pengunjung.email]]
    assert surel and janji in surel[0] and "menunggu pembayaran Anda" not in surel[0]
    with pada(2026, 3, 30, 12, 0):
        halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    assert janji in halaman and "tidak termasuk waktu menunggu pembayaran Anda" not in halaman


def test_target_hari_yang_sama_untuk_bukti_sesudah_jam_tutup_berakhir_hari_kerja_berikutnya(pengunjung, petugas):
    # The office checks a proof the same working day (0 days); one sent at 20.00 is checked by the next close.
    Kantor.objects.update(target_verifikasi_hari_kerja=0)
    t = tagihan(lengkap(pengunjung, petugas), petugas, 2026, 3, 16, 9, 0)
    t = bukti(t, pengunjung, 2026, 3, 16, 20, 0)
    assert t.status == Status.MENUNGGU_VERIFIKASI
    assert t.target_batas == datetime(2026, 3, 17, 15, 30, tzinfo=WIB)


def test_linimasa_pemohon_menyebut_batas_waktu_baru_setelah_kalender_berubah(
    pengunjung, klien_untuk, django_capture_on_commit_callbacks
):
    """The deadline the visitor reads in their timeline is the one at the top
    of the page: an office closure that moved it is told there too, without
    the officers' bookkeeping note."""
    with pada(2026, 3, 13, 10, 0):
        t = pabrik.transaksi_diajukan(pengunjung)
    with pada(2026, 3, 16, 9, 0), django_capture_on_commit_callbacks(execute=True):
        HariKantor.objects.create(tanggal="2026-03-17", jenis=HariKantor.Jenis.TUTUP, keterangan="Banjir")
    t.refresh_from_db()
    assert t.batas_waktu == datetime(2026, 3, 26, 15, 30, tzinfo=WIB)
    with pada(2026, 3, 16, 9, 5):
        halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    linimasa = " ".join(halaman[halaman.index('id="linimasa"') :].split())
    baru = "paling lambat Kamis, 26 Maret 2026 pukul 15.30 WIB"
    assert f"Kami memeriksa kelengkapan persyaratan {baru}" in halaman
    assert f"Batas waktu diperbarui: {baru}" in linimasa
    assert linimasa.rindex("Rabu, 25 Maret 2026 pukul 15.30 WIB") < linimasa.index(baru)
    assert "dihitung ulang menjadi" not in linimasa


def test_jam_tersimpan_sesaat_sesudah_perpindahannya_tidak_dilaporkan_berubah(
    pengunjung, django_capture_on_commit_callbacks
):
    """A clock stored a few milliseconds after its status row (as moves made
    before both took one instant were stored) replays to the same deadline:
    an office closure that moves no deadline writes no history."""
    with pada(2026, 3, 16, 10, 0):
        t = pabrik.transaksi_diajukan(pengunjung)
    Transaksi.objects.filter(pk=t.pk).update(jam_mulai=F("jam_mulai") + timedelta(milliseconds=5))
    with pada(2026, 3, 16, 11, 0), django_capture_on_commit_callbacks(execute=True):
        HariKantor.objects.create(tanggal=date(2026, 3, 18), jenis=HariKantor.Jenis.TUTUP, keterangan="Cuti bersama")
    t.refresh_from_db()
    assert t.batas_waktu == datetime(2026, 3, 26, 15, 30, tzinfo=WIB)
    assert not t.riwayat.filter(jenis=R.JAM_DIHITUNG_ULANG).exists()


def test_linimasa_pemohon_tidak_menjanjikan_batas_yang_sudah_lewat_setelah_libur_dihapus(
    pengunjung, klien_untuk, django_capture_on_commit_callbacks
):
    """A closure entered by mistake moved the deadline to Thu 26 Mar; deleted
    on that Thursday, it moves back to Wed 25 Mar, already gone. The timeline
    says so, as the top of the page does, instead of "at the latest" a day past."""
    with pada(2026, 3, 13, 10, 0):
        t = pabrik.transaksi_diajukan(pengunjung)
    with pada(2026, 3, 16, 9, 0), django_capture_on_commit_callbacks(execute=True):
        tutup = HariKantor.objects.create(tanggal="2026-03-17", jenis=HariKantor.Jenis.TUTUP, keterangan="Keliru")
    with pada(2026, 3, 26, 10, 0), django_capture_on_commit_callbacks(execute=True):
        tutup.delete()
    t.refresh_from_db()
    assert t.batas_waktu == datetime(2026, 3, 25, 15, 30, tzinfo=WIB)
    with pada(2026, 3, 26, 10, 5):
        halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    linimasa = " ".join(halaman[halaman.index('id="linimasa"') :].split())
    assert "sudah lewat sejak Rabu, 25 Maret 2026 pukul 15.30 WIB" in " ".join(halaman.split())
    assert "Batas waktu diperbarui; batas waktu sudah lewat sejak Rabu, 25 Maret 2026 pukul 15.30 WIB" in linimasa
    assert "Batas waktu diperbarui: paling lambat Rabu, 25 Maret 2026" not in linimasa


def test_daftar_pemeriksaan_menyebut_jam_yang_dijeda_seperti_papan(pengunjung, petugas, klien_untuk):
    """A delivery clock waiting for the visitor's payment is paused, not
    stopped: the officers' worklist says so with the days left, as the board does."""
    from django.urls import reverse

    t = tagihan(lengkap(pengunjung, petugas), petugas, 2026, 3, 17, 11, 0)
    with pada(2026, 3, 18, 9, 0):
        halaman = klien_untuk(petugas).get(reverse("transaksi:periksa")).content.decode()
    baris = halaman[halaman.index(t.nomor) : halaman.index("</tr>", halaman.index(t.nomor))]
    assert "dijeda — menunggu pembayaran pemohon; sisa 9 hari kerja" in baris
    assert "jam berhenti" not in baris


def test_hitung_ulang_membaca_kalender_sekali_per_transaksi(pengunjung, petugas, monkeypatch):
    # Each clock's replay asked the shared cache for the calendar version and
    # the office's hours at every step, some 46 round trips a transaction
    # (92,000 for 2,000 open clocks after one holiday was entered). They are
    # read once per transaction, after its row is locked: a calendar change
    # made during the run is still seen by the transactions after it.
    ts = [lengkap(pengunjung, petugas) for _ in range(3)]
    baca = mock.Mock(wraps=cache.get)
    monkeypatch.setattr(cache, "get", baca)
    satu = tenggat._hitung_ulang_satu

    def lalu_kantor_tutup(pk):
        berubah = satu(pk)
        if pk == ts[0].pk:
            HariKantor.objects.create(
                tanggal="2026-03-16", jenis=HariKantor.Jenis.TUTUP, keterangan="Pemadaman listrik"
            )
        return berubah

    monkeypatch.setattr(tenggat, "_hitung_ulang_satu", lalu_kantor_tutup)
    with pada(2026, 3, 14, 9, 0):
        assert tenggat.hitung_ulang() == [ts[1].pk, ts[2].pk]
    assert baca.call_count <= 3 * len(ts)  # the version and the office (provincial, then its row)


def test_libur_baru_menggeser_target_internal_sesudah_batas_sop_yang_sudah_lewat(
    pengunjung, petugas, klien_untuk, django_capture_on_commit_callbacks
):
    """A closure entered after the SOP deadline has passed still moves the
    internal target that falls on it: the board never names a closed day."""
    from django.urls import reverse

    with pada(2026, 12, 21, 10, 0):
        t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung), petugas)
    assert t.batas_waktu == datetime(2027, 1, 8, 16, 0, tzinfo=WIB)  # Tue 5 Jan 2027 is Isra' Mi'raj
    # Invoiced after the close of the deadline's day: all 10 days used, the breach stands while paused.
    t = tagihan(t, petugas, 2027, 1, 8, 16, 30)
    t = bukti(t, pengunjung, 2027, 1, 11, 9, 0)
    assert t.batas_waktu == datetime(2027, 1, 8, 16, 0, tzinfo=WIB)
    assert t.target_batas == datetime(2027, 1, 12, 15, 30, tzinfo=WIB)

    with pada(2027, 1, 11, 10, 0), django_capture_on_commit_callbacks(execute=True):
        HariKantor.objects.create(tanggal="2027-01-12", jenis=HariKantor.Jenis.TUTUP, keterangan="Kantor tutup")
    t.refresh_from_db()
    assert t.target_batas == datetime(2027, 1, 13, 15, 30, tzinfo=WIB)
    with pada(2027, 1, 11, 10, 5):
        papan = klien_untuk(petugas).get(reverse("transaksi:tenggat")).content.decode()
    assert "bukti bayar diperiksa paling lambat Rabu, 13 Januari 2027 pukul 15.30 WIB" in papan


def test_batas_yang_sudah_lewat_tidak_dijanjikan_lagi_kepada_pemohon(
    pengunjung, petugas, klien_untuk, django_capture_on_commit_callbacks
):
    """Past its deadline the visitor is told it has passed, not promised a
    date already gone: on the page, in the payment panel and in the e-mails."""
    from django.core import mail

    with pada(2026, 12, 23, 10, 0):
        diajukan = pabrik.transaksi_diajukan(pengunjung)
    assert diajukan.batas_waktu == datetime(2026, 12, 30, 15, 30, tzinfo=WIB)
    with pada(2027, 1, 4, 9, 0):
        halaman = klien_untuk(pengunjung).get(diajukan.get_absolute_url()).text
    assert "Batas waktu pemeriksaan kelengkapan persyaratan sudah lewat sejak Rabu, 30 Desember 2026" in halaman
    assert "paling lambat Rabu, 30 Desember 2026" not in halaman.split('id="linimasa"')[0]

    with pada(2026, 12, 21, 10, 0):
        t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung), petugas)
    t = tagihan(t, petugas, 2027, 1, 12, 11, 0)  # invoiced after the deadline of Fri 8 Jan 2027
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        t = bukti(t, pengunjung, 2027, 2, 1, 9, 0)
        with pada(2027, 2, 1, 10, 0):
            t = pembayaran.verifikasi_pembayaran(t, petugas)
    lewat = "Batas waktu penyerahan produk sudah lewat sejak Jumat, 8 Januari 2027 pukul 16.00 WIB."
    surel = [m.body for m in mail.outbox if m.to == [pengunjung.email]]
    assert len(surel) == 2 and all(lewat in s and "paling lambat Jumat, 8 Januari" not in s for s in surel)
    with pada(2027, 2, 1, 10, 5):
        halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).text
    assert lewat in halaman and "paling lambat Jumat, 8 Januari" not in halaman.split('id="linimasa"')[0]


def test_linimasa_jeda_dan_lanjut_sesudah_batas_lewat(pengunjung, petugas, klien_untuk):
    """A clock paused after its deadline had passed: the timeline says the
    deadline had passed, not "sisa 0 hari kerja" nor a resume "paling lambat"
    a date three weeks gone."""
    with pada(2026, 12, 21, 10, 0):
        t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung), petugas)
    t = tagihan(t, petugas, 2027, 1, 12, 11, 0)
    t = bukti(t, pengunjung, 2027, 2, 1, 9, 0)
    with pada(2027, 2, 1, 9, 5):
        halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).text
    linimasa = " ".join(halaman[halaman.index('id="linimasa"') :].split())
    lewat = "batas waktu sudah lewat sejak Jumat, 8 Januari 2027 pukul 16.00 WIB"
    assert f"Batas waktu penyerahan dijeda selama menunggu pembayaran; {lewat}" in linimasa
    assert f"Batas waktu penyerahan dilanjutkan; {lewat}" in linimasa
    assert "sisa 0 hari kerja" not in linimasa and "dilanjutkan: paling lambat" not in linimasa
    assert t.riwayat.get(jenis=R.JAM_DIJEDA).catatan == "Menunggu pemohon; batas waktu sudah lewat."


def test_jam_dijeda_sesudah_batas_lewat_terlambat_di_papan_seperti_di_daftar(pengunjung, petugas, klien_untuk):
    """Paused after its deadline the breach stands: the deadline board marks
    the row overdue and its "Terlambat" filter finds it, as the worklist and
    the transaction page already say it is late."""
    from django.urls import reverse

    with pada(2026, 12, 21, 10, 0):
        t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung), petugas)
    t = tagihan(t, petugas, 2027, 1, 12, 11, 0)  # deadline Fri 8 Jan 2027 16.00
    with pada(2027, 1, 13, 9, 0):
        klien = klien_untuk(petugas)
        daftar = klien.get(reverse("transaksi:periksa")).text
        papan = klien.get(reverse("transaksi:tenggat")).text
        terlambat = klien.get(reverse("transaksi:tenggat"), {"terlambat": "on"}).text

    def baris(html):
        awal = html.rindex("<tr", 0, html.index(t.nomor))
        return html[awal : html.index("</tr>", awal)]

    assert 'class="table-danger"' in baris(daftar)
    assert "table-danger" in baris(papan) and "batas waktu sudah lewat sejak Jumat, 8 Januari 2027" in baris(papan)
    assert t.nomor in terlambat


def test_kantor_tutup_hari_ini_menggeser_target_hari_yang_sama_yang_mulai_hari_ini(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    """An office invoicing the same working day (0 days): complete on Monday
    09.00, the invoice is due by Monday's close. The office closes at 11.00
    (power cut) and enters the closure: the target moves to Tuesday's close.
    The recompute looked only at clocks started before the closed day, so this
    one kept a target on a closed day and was counted late."""
    Kantor.objects.update(target_tagihan_hari_kerja=0)
    with pada(2026, 3, 13, 10, 0):
        t = pabrik.transaksi_diajukan(pengunjung)
    with pada(2026, 3, 16, 9, 0):
        t = services.nyatakan_lengkap(t, petugas)
    assert t.target_batas == datetime(2026, 3, 16, 15, 30, tzinfo=WIB)
    with pada(2026, 3, 16, 11, 0), django_capture_on_commit_callbacks(execute=True):
        HariKantor.objects.create(tanggal="2026-03-16", jenis=HariKantor.Jenis.TUTUP, keterangan="Listrik padam")
    t.refresh_from_db()
    assert t.target_batas == datetime(2026, 3, 17, 15, 30, tzinfo=WIB)


def test_kalender_yang_tidak_menggeser_batas_tidak_menulis_batas_diperbarui(
    pengunjung, petugas, client, django_capture_on_commit_callbacks
):
    """Time runs as in production (each step a few microseconds after the
    last): one transaction submitted and one paused for its payment on Mon
    16 Mar 2026, then the supervisor enters Nyepi's cuti bersama (Wed 18
    Mar), which the national calendar already closes. No deadline moved, so
    neither the visitor's timeline nor the officers' history says it did."""
    with time_machine.travel(datetime(2026, 3, 16, 10, 0, tzinfo=WIB), tick=True):
        diajukan = pabrik.transaksi_diajukan(pengunjung)
        dijeda = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung), petugas)
        pembayaran.terbitkan_tagihan(
            dijeda, petugas, {"kode_billing": f"8202603{dijeda.pk:08d}", "jumlah_billing": "50.000"}
        )
        with django_capture_on_commit_callbacks(execute=True):
            HariKantor.objects.create(
                tanggal=date(2026, 3, 18), jenis=HariKantor.Jenis.TUTUP, keterangan="Cuti bersama Nyepi"
            )
        client.force_login(pengunjung)
        halaman = client.get(diajukan.get_absolute_url()).content.decode()
    assert not RiwayatTransaksi.objects.filter(jenis=R.JAM_DIHITUNG_ULANG).exists()
    assert "Batas waktu diperbarui" not in halaman
    diajukan.refresh_from_db()
    assert diajukan.batas_waktu == datetime(2026, 3, 26, 15, 30, tzinfo=WIB)


def test_halaman_serahkan_menandai_batas_penyerahan_yang_sudah_lewat(pengunjung, petugas, klien_untuk):
    """The delivery form stated a passed step-7 deadline as a plain date, while
    the transaction page beside it shows the same date red and "(terlambat)"."""
    from django.urls import reverse

    t = bukti(tagihan(lengkap(pengunjung, petugas), petugas, 2026, 3, 17, 11, 0), pengunjung, 2026, 3, 30, 9, 0)
    with pada(2026, 3, 31, 10, 0):
        pembayaran.verifikasi_pembayaran(t, petugas)
    url = reverse("transaksi:serahkan", args=[t.nomor])
    klien = klien_untuk(petugas)

    def batas(*waktu):
        with pada(*waktu):
            html = klien.get(url).text
        return html[html.index("Batas waktu penyerahan (SOP)") :].split("</p>", 1)[0]

    assert "(terlambat)" not in batas(2026, 4, 13, 15, 30)
    lewat = batas(2026, 4, 14, 9, 0)
    assert 'class="text-danger"' in lewat and "Senin, 13 April 2026 pukul 15.30 WIB</strong> (terlambat)." in lewat


def test_surel_petugas_menandai_batas_sop_yang_sudah_lewat(pengunjung, petugas, django_capture_on_commit_callbacks):
    """The officers' e-mail gave a passed SOP deadline as a plain date, while
    every page shows it overdue."""
    from django.core import mail

    from transaksi.services import inti

    t = bukti(tagihan(lengkap(pengunjung, petugas), petugas, 2026, 3, 17, 11, 0), pengunjung, 2026, 3, 30, 9, 0)
    with pada(2026, 3, 31, 10, 0):
        pembayaran.verifikasi_pembayaran(t, petugas)
    t.refresh_from_db()
    badan = {}
    for nama, waktu in (("tepat", (2026, 4, 13, 15, 30)), ("lewat", (2026, 4, 14, 9, 0))):
        mail.outbox.clear()
        with pada(*waktu), django_capture_on_commit_callbacks(execute=True):
            inti.kabari_petugas(t, "Pemohon mengunggah dokumen.")
        badan[nama] = mail.outbox[0].body
    assert "Batas waktu SOP: Senin, 13 April 2026 pukul 15.30 WIB\n" in badan["tepat"]
    assert "Batas waktu SOP: Senin, 13 April 2026 pukul 15.30 WIB (sudah lewat)\n" in badan["lewat"]
