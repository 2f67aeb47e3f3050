"""The SOP clocks as the office reads them (transaksi/jam.py): the queue
clock of step 5 from each submission to the completeness decision, the
delivery clock of step 7 from "requirements complete" to hand-over, paused
while the visitor has to pay — on the real 2026 calendar."""

import io
from datetime import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from pst_layanan.kalender import WIB
from tests import pabrik
from transaksi import services
from transaksi.models import Jam, RiwayatTransaksi, Status
from transaksi.services import pembayaran, penyerahan

pytestmark = pytest.mark.django_db

R = RiwayatTransaksi.Jenis
KODE = "820260313000001"
NTPN = "0A1B2C3D4E5F6G7H"


def pada(*args):
    return time_machine.travel(datetime(*args, tzinfo=WIB), tick=False)


def lengkap(pengunjung, petugas):
    with pada(2026, 3, 13, 10, 0):
        t = pabrik.transaksi_diajukan(pengunjung)
        return services.nyatakan_lengkap(t, petugas)


def tagihan(t, petugas, *waktu):
    with pada(*waktu):
        pembayaran.terbitkan_tagihan(t, petugas, {"kode_billing": KODE, "jumlah_billing": "50.000"})
    t.refresh_from_db()
    return t


def bukti(t, pengunjung, *waktu):
    with pada(*waktu):
        pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
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
    # ends with each move out of the delivery phase (hand-over).
    antrean = perpindahan.filter(dari=Status.DIAJUKAN).count()
    fase = [s for s, j in alur.JAM_STATUS.items() if j == Jam.PROSES]
    penyerahan_selesai = perpindahan.filter(dari__in=fase).exclude(ke__in=fase).count()
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
