"""The province view: each office's step-5 and step-7 compliance beside the
others and in total, equal to that office's own dashboard, for the province
supervisor only, in the same number of queries for 2 offices or 12."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import buat_pengguna
from penilaian import laporan
from penilaian.dasbor import data_dasbor
from penilaian.models import LaporanBulanan
from penilaian.provinsi import data_provinsi
from pst_layanan.kalender import WIB
from pst_layanan.kantor import isi_kantor_provinsi, lupakan_kantor
from pst_layanan.models import Kantor, kantor_bawaan
from pst_layanan.periode import Bulan
from pst_layanan.roles import PENGAWAS_PROVINSI
from tests import pabrik
from tests.transaksi.test_pembayaran import isian
from transaksi import services
from transaksi.services import pembayaran, penyerahan

pytestmark = pytest.mark.django_db

MARET = Bulan(2026, 3)
DIAJUKAN = datetime(2026, 3, 13, 10, 0, tzinfo=WIB)  # Friday; step 5 due Wed 25 March 15.30


def pada(waktu):
    return time_machine.travel(waktu, tick=False)


def diserahkan(kantor_id, pengunjung, petugas, lengkap_pada, n: int):
    """A paid transaction of office `kantor_id`: submitted on DIAJUKAN, declared
    complete at `lengkap_pada`, paid and delivered an hour later."""
    with pada(DIAJUKAN):
        t = pabrik.transaksi_diajukan(pengunjung, kantor_id=kantor_id)
    with pada(lengkap_pada):
        t = services.nyatakan_lengkap(t, petugas)
        pembayaran.terbitkan_tagihan(t, petugas, isian(f"82026031300000{n}"))
        t.refresh_from_db()
        pembayaran.kirim_bukti_bayar(t, pengunjung, f"0A1B2C3D4E5F6G7{n}", pabrik.berkas_pdf("bpn.pdf"))
        t = pembayaran.verifikasi_pembayaran(t, petugas)
    with pada(lengkap_pada.replace(hour=lengkap_pada.hour + 1)):
        return penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas.csv", b"a,b\n1,2\n")])


@pytest.fixture
def dua_kantor(pengunjung, petugas):
    """The provincial office within both standards; Kota Bengkulu late at step 5."""
    kota = Kantor.objects.create(kode="1771", nama="BPS Kota Bengkulu")
    diserahkan(kantor_bawaan(), pengunjung, petugas, datetime(2026, 3, 16, 9, 0, tzinfo=WIB), 1)
    diserahkan(kota.pk, pengunjung, petugas, datetime(2026, 3, 26, 9, 0, tzinfo=WIB), 2)
    return kota


def _angka(kepatuhan, kode):
    [k] = [k for k in kepatuhan if k.standar.kode == kode]
    return k.kasus, k.dalam


def test_kepatuhan_langkah_5_dan_7_per_kantor_sama_dengan_dasbor_kantor_itu(dua_kantor):
    with pada(datetime(2026, 4, 2, 9, 0, tzinfo=WIB)):
        prov = data_provinsi(MARET)
        per_kantor = {b.kantor.kode: b for b in prov["baris"]}
        for kode, k in (("1700", kantor_bawaan()), ("1771", dua_kantor.pk)):
            sendiri = data_dasbor(MARET, k)["kepatuhan"]
            for langkah in ("pemeriksaan", "penyerahan"):
                a = per_kantor[kode].kepatuhan[langkah]
                assert (a.kasus, a.dalam) == _angka(sendiri, langkah), (kode, langkah)
    assert [(per_kantor[k].kepatuhan["pemeriksaan"].persen) for k in ("1700", "1771")] == [100, 0]
    assert per_kantor["1771"].kepatuhan["penyerahan"].persen == 100
    total = prov["total"].kepatuhan["pemeriksaan"]
    assert (total.kasus, total.dalam, total.persen) == (2, 1, 50)
    assert prov["total"].ditagihkan == per_kantor["1700"].ditagihkan + per_kantor["1771"].ditagihkan > 0


def test_halaman_provinsi_untuk_pengawas_provinsi_saja(dua_kantor, supervisor, klien_untuk):
    url = reverse("penilaian:provinsi") + "?bulan=2026-03"
    assert klien_untuk(supervisor).get(url).status_code == 403
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    with pada(datetime(2026, 4, 2, 9, 0, tzinfo=WIB)):
        r = klien_untuk(pengawas).get(url)
    html = r.content.decode()
    assert r.status_code == 200 and "BPS Kota Bengkulu" in html and "Total provinsi" in html
    assert 'data-kantor="1771"' in html and "0/1" in html  # Kota Bengkulu: step 5, none of one on time


def test_pengawas_provinsi_membuka_dasbor_satu_kantor(dua_kantor, supervisor, klien_untuk):
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    with pada(datetime(2026, 4, 2, 9, 0, tzinfo=WIB)):
        r = klien_untuk(pengawas).get(reverse("penilaian:dasbor") + "?bulan=2026-03&kantor=1771")
        assert r.status_code == 200 and "1771 BPS Kota Bengkulu" in r.content.decode()
        # An office supervisor cannot open another office's dashboard.
        assert klien_untuk(supervisor).get(reverse("penilaian:dasbor") + "?kantor=1771").status_code == 404


def test_target_internal_dasbor_kantor_membaca_pengaturan_kantor_itu(dua_kantor, klien_untuk):
    """Each office sets its own internal targets: its dashboard states its own
    lengths, not the provincial office's."""
    for pk, tagihan, verifikasi in ((dua_kantor.pk, 4, 3), (kantor_bawaan(), 1, 2)):
        Kantor.objects.filter(pk=pk).update(target_tagihan_hari_kerja=tagihan, target_verifikasi_hari_kerja=verifikasi)
        lupakan_kantor(pk)  # the fixture's transactions cached the rows; .update() sends no signal
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    klien = klien_untuk(pengawas)

    def standar(kode_kantor):
        r = klien.get(reverse("penilaian:dasbor"), {"bulan": "2026-03", "kantor": kode_kantor})
        baris = [r.text.split(f'id="kepatuhan-target_{k}"')[1] for k in ("tagihan", "verifikasi")]
        return [b.split("</td>")[0].rsplit(">", 1)[1] for b in baris]

    with pada(datetime(2026, 4, 2, 9, 0, tzinfo=WIB)):
        assert standar("1771") == ["4 hari kerja", "3 hari kerja"]
        assert standar("1700") == ["1 hari kerja", "2 hari kerja"]


def test_jumlah_query_tidak_bergantung_pada_jumlah_kantor(dua_kantor, klien_untuk, django_assert_num_queries):
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    klien = klien_untuk(pengawas)
    url = reverse("penilaian:provinsi") + "?bulan=2026-03"
    klien.get(url)
    with CaptureQueriesContext(connection) as dua:
        assert klien.get(url).status_code == 200
    n = len(dua.captured_queries)
    assert n <= 10
    isi_kantor_provinsi()  # 11 offices + the test's own
    klien.get(url)  # the office settings' cache was emptied by the new rows
    with django_assert_num_queries(n):
        assert klien.get(url).status_code == 200


def test_laporan_bulanan_per_kantor_dan_untuk_provinsi(dua_kantor, supervisor, klien_untuk):
    with pada(datetime(2026, 4, 2, 9, 0, tzinfo=WIB)):
        provinsi = laporan.susun(MARET)
        kota = laporan.susun(MARET, dua_kantor.pk)
        kantor_provinsi = laporan.susun(MARET, kantor_bawaan())
        assert provinsi.transaksi_total == 2 and kota.transaksi_total == kantor_provinsi.transaksi_total == 1
        assert provinsi.pnbp_ditagihkan == kota.pnbp_ditagihkan + kantor_provinsi.pnbp_ditagihkan > 0
        [periksa] = [k for k in kota.kepatuhan if k.standar.kode == "pemeriksaan"]
        assert (periksa.kasus, periksa.dalam) == (1, 0)

        siap = LaporanBulanan.Status.SIAP
        lap = LaporanBulanan.objects.create(bulan=date(2026, 3, 1), status=siap)  # the province's
        lap_kota = LaporanBulanan.objects.create(bulan=date(2026, 3, 1), kantor=dua_kantor, status=siap)
        url = reverse("penilaian:laporan_detail", args=[lap.pk])
        url_kota = reverse("penilaian:laporan_detail", args=[lap_kota.pk])
        pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
        assert "Seluruh kantor se-provinsi" in klien_untuk(pengawas).get(url).content.decode()
        # ?kantor= opens that office's report of the same month, or its list when none was built.
        r = klien_untuk(pengawas).get(url + "?kantor=1771")
        assert r.status_code == 302 and r.url == url_kota
        assert "1771 BPS Kota Bengkulu" in klien_untuk(pengawas).get(url_kota).content.decode()
        r = klien_untuk(pengawas).get(url + "?kantor=1700")
        assert r.status_code == 302 and r.url == reverse("penilaian:laporan") + "?kantor=1700&bulan=2026-03"
        # The provincial office's supervisor opens neither the province's report nor Kota Bengkulu's.
        for alamat in (url, url_kota, url_kota + "?kantor=1700", url + "?kantor=1771"):
            assert klien_untuk(supervisor).get(alamat).status_code == 404


def test_halaman_daftar_laporan_satu_kantor_tetap_di_kantor_itu(dua_kantor, klien_untuk):
    """The overseer paging through one office's reports stays on that office's list."""
    for i in range(30):
        LaporanBulanan.objects.create(bulan=date(2020 + i // 12, i % 12 + 1, 1), kantor=dua_kantor, status="siap")
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    html = klien_untuk(pengawas).get(reverse("penilaian:laporan") + "?kantor=1771").content.decode()
    assert 'href="?kantor=1771&amp;halaman=2"' in html


def test_umpan_balik_dari_dasbor_satu_kantor_hanya_kantor_itu(pengunjung, kota, supervisor, klien_untuk):
    """The office's dashboard counts its own feedback waiting for an answer;
    its link lists those, not every office's."""
    from penilaian.models import Penilaian
    from tests.penilaian.conftest import buat_penilaian_massal

    sekarang = timezone.now()
    di_prov, di_kota = buat_penilaian_massal(pengunjung, [[4] * 9, [4] * 9], sekarang)
    Penilaian.objects.filter(pk=di_kota.pk).update(kantor=kota, umpan_balik="Saran kota", minta_tindak_lanjut=True)
    Penilaian.objects.filter(pk=di_prov.pk).update(umpan_balik="Saran provinsi", minta_tindak_lanjut=True)
    klien = klien_untuk(buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI))

    html = klien.get(reverse("penilaian:dasbor") + "?kantor=1771").content.decode()
    assert "1 umpan balik menunggu jawaban" in html
    tautan = reverse("penilaian:umpan_balik") + "?kantor=1771"
    assert f'href="{tautan}"' in html
    daftar = klien.get(tautan).content.decode()
    assert "Saran kota" in daftar and "Saran provinsi" not in daftar
    semua = klien.get(tautan + "&semua=1").content.decode()
    assert "Saran kota" in semua and "Saran provinsi" not in semua
    assert 'href="?semua=1&amp;kantor=1771"' in daftar
    # An office the user does not see is not found.
    assert klien_untuk(supervisor).get(tautan).status_code == 404
