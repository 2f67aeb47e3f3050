"""Every admin list a supervisor opens reads a page of rows in a fixed number
of queries: a column of a related row without `list_select_related` costs a
query per row, which no test of one row shows."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from antrian import services as antrian
from conftest import buat_pengguna
from penilaian import services as penilaian
from pst_layanan import kalender
from tests.penilaian.conftest import SEMUA_4, layanan_b, tiket_selesai, transaksi_diserahkan
from tests.transaksi.test_kanal_bayar import REKENING, atur_kantor, kirim_transfer
from tests.transaksi.test_pembayaran import diproses, menunggu_pembayaran
from transaksi.services import pengembalian

pytestmark = pytest.mark.django_db


def _waktu_janji(i: int):
    """10.00 on a working day next week, `i` minutes later."""
    hari = timezone.localdate() + timedelta(days=7)
    while not kalender.hari_kerja(hari):
        hari += timedelta(days=1)
    return timezone.make_aware(timezone.datetime(hari.year, hari.month, hari.day, 10, i), kalender.WIB)


def _sebaris_tiap_daftar(i: int, petugas) -> None:
    """A visitor with a row in each list: a transfer to check, a rated Rp0
    transaction, a refund of a paid one, a visit and an appointment (the
    receipt and delivery lists have their own test in test_admin_dan_demo)."""
    v = buat_pengguna(f"tamu{i}@contoh.id")
    kirim_transfer(menunggu_pembayaran(v, petugas, kode=f"82026032{i:07d}"), v, referensi=f"FT26031000{i:05d}")
    penilaian.beri_penilaian(transaksi_diserahkan(v, petugas), v, SEMUA_4, "Lambat.", minta_tindak_lanjut=True)
    t = diproses(v, petugas, kode=f"82026033{i:07d}", ntpn=f"0A1B2C3D4E6F{i:04d}")
    pengembalian.usulkan(t, petugas, "Data tidak tersedia.", pengembalian.Rekening(v.nama_lengkap, "1234567890", "BRI"))
    tiket_selesai(v, petugas)
    antrian.ajukan_janji(v, layanan_b(), _waktu_janji(i), "Konsultasi")


def _kueri_tiap_daftar(klien) -> dict[str, int]:
    hasil = {}
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        with CaptureQueriesContext(connection) as kueri:
            status = klien.get(url).status_code
        if status == 200:
            hasil[url] = len(kueri)
    return hasil


def test_daftar_admin_tidak_bertambah_kueri_per_baris(supervisor, petugas, klien_untuk):
    atur_kantor(bayar_tunai=True, **REKENING)
    klien = klien_untuk(supervisor)
    _sebaris_tiap_daftar(0, petugas)
    _kueri_tiap_daftar(klien)  # the office row and the calendar cached from here on
    sebaris = _kueri_tiap_daftar(klien)
    _sebaris_tiap_daftar(1, petugas)
    assert len(sebaris) > 20
    assert _kueri_tiap_daftar(klien) == sebaris
