"""The monthly report archive per office: each office's files hold its own
figures and visitors' feedback; an office's supervisor lists, opens,
downloads and rebuilds their office's reports only (another's answers 404,
the province's too), the province supervisor the province's and, with
?kantor=, one office's; the beat job builds and sends each once."""

import csv
import io
import re
from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from antrian.models import Kunjungan
from conftest import buat_pengguna
from penilaian import laporan
from penilaian.models import LaporanBulanan, Penilaian
from pst_layanan.kalender import WIB
from pst_layanan.models import Kantor, kantor_bawaan
from pst_layanan.periode import Bulan
from pst_layanan.roles import PENGAWAS_PROVINSI, SUPERVISOR
from tests.penilaian.conftest import buat_penilaian_massal
from tests.transaksi.conftest import berkas_di, berkas_privat  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

MARET = Bulan(2026, 3)
RAHASIA_1700 = "RAHASIA-1700: petugas loket kurang ramah"
SARAN_KOTA = "SARAN-1771: tambah kursi ruang tunggu"
JENIS = ("pdf", "xlsx", "csv")


def _isi(r) -> bytes:
    return b"".join(r.streaming_content)


@pytest.fixture
def maret(pengunjung, kota, berkas_privat):  # noqa: F811
    """March 2026: two ratings at the provincial office, one at Kota Bengkulu,
    each with feedback."""
    pada = datetime(2026, 3, 10, 9, 0, tzinfo=WIB)
    p1700 = buat_penilaian_massal(pengunjung, [[4] * 9, [3] * 9], pada)
    [pkota] = buat_penilaian_massal(pengunjung, [[2] * 9], pada)
    Penilaian.objects.filter(pk=p1700[0].pk).update(umpan_balik=RAHASIA_1700)
    Penilaian.objects.filter(pk=pkota.pk).update(umpan_balik=SARAN_KOTA, kantor=kota)
    Kunjungan.objects.filter(pk=pkota.kunjungan_id).update(kantor=kota)


@pytest.fixture
def orang(kota, supervisor):
    sup_kota = buat_pengguna("supervisor1771@bps.go.id", SUPERVISOR)
    sup_kota.kantor.add(kota)
    return {
        "pengawas": buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI),
        "sup_1700": supervisor,
        "sup_kota": sup_kota,
    }


def _tersusun(kantor_id) -> LaporanBulanan:
    lap = LaporanBulanan.objects.create(bulan=MARET.hari_pertama, kantor_id=kantor_id)
    with time_machine.travel(datetime(2026, 4, 2, 8, 0, tzinfo=WIB), tick=False):
        assert laporan.susun_laporan(lap.pk)
    lap.refresh_from_db()
    return lap


def test_laporan_dihapus_di_admin_beserta_berkasnya(
    maret,
    kota,
    orang,
    klien_untuk,
    berkas_privat,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    """Deleting a report in the admin left its files, which quote rating
    comments, on disk and named by no row: no erasure or backup reached them."""
    provinsi, lap_kota = _tersusun(None), _tersusun(kota.pk)
    assert len(berkas_di(berkas_privat)) == 6
    klien = klien_untuk(orang["pengawas"])
    with django_capture_on_commit_callbacks(execute=True):
        r = klien.post(f"/admin/penilaian/laporanbulanan/{lap_kota.pk}/delete/", {"post": "yes"})
    assert r.status_code == 302
    assert sorted(p.name.split("-", 1)[1] for p in berkas_di(berkas_privat)) == [
        f"laporan-pst-2026-03.{j}" for j in sorted(JENIS)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        klien.post(
            "/admin/penilaian/laporanbulanan/",
            {"action": "delete_selected", "_selected_action": [provinsi.pk], "post": "yes"},
        )
    assert not LaporanBulanan.objects.exists() and berkas_di(berkas_privat) == []


def test_admin_laporan_menautkan_berkas_lewat_halaman_unduhnya(maret, kota, orang, klien_untuk):
    """The back office's report page links each file to the site's checked
    download, not to its storage path ("/laporan/2026/04/<id>-laporan-pst-
    1771-2026-03.pdf"), which no page serves."""
    lap_kota = _tersusun(kota.pk)
    klien = klien_untuk(orang["sup_kota"])
    halaman = klien.get(f"/admin/penilaian/laporanbulanan/{lap_kota.pk}/change/").content.decode()
    assert lap_kota.pdf.name not in halaman
    for jenis in JENIS:
        alamat = reverse("penilaian:laporan_unduh", args=[lap_kota.pk, jenis])
        assert f'href="{alamat}"' in halaman
        assert klien.get(alamat).status_code == 200


def test_berkas_kantor_berisi_data_kantornya_saja(maret, kota, orang, klien_untuk):
    provinsi, lap_kota = _tersusun(None), _tersusun(kota.pk)
    klien = klien_untuk(orang["sup_kota"])

    xlsx = klien.get(reverse("penilaian:laporan_unduh", args=[lap_kota.pk, "xlsx"]))
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"] == 'attachment; filename="laporan-pst-1771-2026-03.xlsx"'
    wb = load_workbook(io.BytesIO(_isi(xlsx)))
    umpan = [b[2] for b in wb["Umpan balik"].iter_rows(min_row=2, values_only=True)]
    assert umpan == [SARAN_KOTA]
    assert {r[0]: r[1] for r in wb["IKM"].iter_rows(values_only=True) if r}["Responden"] == 1

    baris = list(csv.reader(io.StringIO(_isi(klien.get(f"/penilaian/laporan/{lap_kota.pk}/csv/")).decode("utf-8-sig"))))
    assert ["IKM", "Responden", "1"] in baris

    pdf = klien.get(reverse("penilaian:laporan_unduh", args=[lap_kota.pk, "pdf"]))
    teks = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(_isi(pdf))).pages).split())
    assert "LAP-PST/1771/2026/03" in teks and "1771 BPS Kota Bengkulu" in teks
    assert SARAN_KOTA in teks and "RAHASIA-1700" not in teks
    assert "Kepala BPS Kota Bengkulu," in teks  # signed by the head of the office reported on

    # The province's files hold every office's feedback, for the province supervisor.
    klien = klien_untuk(orang["pengawas"])
    wb = load_workbook(io.BytesIO(_isi(klien.get(reverse("penilaian:laporan_unduh", args=[provinsi.pk, "xlsx"])))))
    assert sorted(b[2] for b in wb["Umpan balik"].iter_rows(min_row=2, values_only=True)) == sorted(
        [RAHASIA_1700, SARAN_KOTA]
    )


def test_laporan_kantor_lain_dan_provinsi_404(maret, kota, orang, klien_untuk):
    provinsi, lap_1700, lap_kota = _tersusun(None), _tersusun(kantor_bawaan()), _tersusun(kota.pk)
    klien = klien_untuk(orang["sup_kota"])
    for lap in (provinsi, lap_1700):
        assert klien.get(reverse("penilaian:laporan_detail", args=[lap.pk])).status_code == 404
        assert klien.get(reverse("penilaian:laporan_status", args=[lap.pk])).status_code == 404
        for jenis in JENIS:
            assert klien.get(reverse("penilaian:laporan_unduh", args=[lap.pk, jenis])).status_code == 404
        assert klien.post(reverse("penilaian:laporan_ulang", args=[lap.pk])).status_code == 404
    # Nothing was queued again: the other offices' rows are as built.
    assert set(LaporanBulanan.objects.values_list("status", flat=True)) == {"siap"}

    # Their own office's report: the page, its status and its files.
    detail = klien.get(reverse("penilaian:laporan_detail", args=[lap_kota.pk]))
    assert detail.status_code == 200 and SARAN_KOTA in detail.text and "RAHASIA-1700" not in detail.text
    assert "1771 BPS Kota Bengkulu" in detail.text
    assert '<th scope="col" class="text-end">Sesuai standar</th>' in detail.text  # as the dashboard says it
    # Received counts every settled invoice, cash and transfer too; refunds are the reconciliation's.
    assert "lewat kanal bayar mana pun; pengembalian PNBP tercatat di rekonsiliasi bendahara" in detail.text
    assert klien.get(reverse("penilaian:laporan_status", args=[lap_kota.pk])).status_code == 200
    for jenis in JENIS:
        assert klien.get(reverse("penilaian:laporan_unduh", args=[lap_kota.pk, jenis])).status_code == 200

    # The provincial office's supervisor: their office's only, not the province's nor Kota Bengkulu's.
    klien = klien_untuk(orang["sup_1700"])
    assert klien.get(reverse("penilaian:laporan_unduh", args=[lap_1700.pk, "xlsx"])).status_code == 200
    for lap in (provinsi, lap_kota):
        assert klien.get(reverse("penilaian:laporan_unduh", args=[lap.pk, "xlsx"])).status_code == 404

    # The province supervisor opens every one.
    klien = klien_untuk(orang["pengawas"])
    for lap in (provinsi, lap_1700, lap_kota):
        assert klien.get(reverse("penilaian:laporan_unduh", args=[lap.pk, "csv"])).status_code == 200


def test_daftar_menampilkan_laporan_kantor_yang_dilihat(kota, orang, klien_untuk):
    for bulan, kantor_id in ((1, None), (2, kantor_bawaan()), (3, kota.pk)):
        LaporanBulanan.objects.create(bulan=date(2026, bulan, 1), kantor_id=kantor_id, status="siap")
    url = reverse("penilaian:laporan")

    def bulan_tampil(user, kueri=""):
        html = klien_untuk(user).get(url + kueri).text
        return [b for b in ("Januari 2026", "Februari 2026", "Maret 2026") if b in html]

    assert bulan_tampil(orang["pengawas"]) == ["Januari 2026"]
    assert bulan_tampil(orang["pengawas"], "?kantor=1771") == ["Maret 2026"]
    assert bulan_tampil(orang["sup_1700"]) == ["Februari 2026"]
    assert bulan_tampil(orang["sup_kota"]) == ["Maret 2026"]
    assert klien_untuk(orang["sup_kota"]).get(url + "?kantor=1700").status_code == 404


def test_kembali_dari_laporan_kantor_ke_daftar_kantor_itu(kota, orang, klien_untuk):
    """The way back from an office's report leads to that office's reports,
    also for the province supervisor, whose list without ?kantor= is the
    province's; from the province's report, to the province's."""
    provinsi = LaporanBulanan.objects.create(bulan=date(2026, 1, 1), status="siap")
    lap_kota = LaporanBulanan.objects.create(bulan=date(2026, 3, 1), kantor=kota, status="siap")
    daftar = reverse("penilaian:laporan")

    def kembali(user, lap):
        html = klien_untuk(user).get(reverse("penilaian:laporan_detail", args=[lap.pk])).text
        [tautan] = re.findall(r'<a href="([^"]*)">&larr; Semua laporan</a>', html)
        return tautan

    assert kembali(orang["pengawas"], lap_kota) == f"{daftar}?kantor=1771"
    assert kembali(orang["sup_kota"], lap_kota) == f"{daftar}?kantor=1771"
    assert kembali(orang["pengawas"], provinsi) == daftar


def test_menyusun_laporan_kantornya_dan_klik_ganda_satu_tugas(
    maret, kota, orang, klien_untuk, django_capture_on_commit_callbacks
):
    url = reverse("penilaian:laporan")
    klien = klien_untuk(orang["sup_kota"])
    with django_capture_on_commit_callbacks(execute=False) as tugas:
        r1 = klien.post(url, {"bulan": "2026-03"})
        r2 = klien.post(url, {"bulan": "2026-03"})
    lap = LaporanBulanan.objects.get()
    assert (lap.kantor_id, lap.status) == (kota.pk, "antre") and r1.url == r2.url
    assert len(tugas) == 1  # the second click found it queued
    for t in tugas:
        t()
    lap.refresh_from_db()
    assert lap.status == "siap"
    wb = load_workbook(io.BytesIO(_isi(klien.get(reverse("penilaian:laporan_unduh", args=[lap.pk, "xlsx"])))))
    assert [b[2] for b in wb["Umpan balik"].iter_rows(min_row=2, values_only=True)] == [SARAN_KOTA]

    # The province supervisor builds the province's, and rebuilds Kota Bengkulu's through ?kantor=.
    klien = klien_untuk(orang["pengawas"])
    with django_capture_on_commit_callbacks(execute=True):
        klien.post(url, {"bulan": "2026-03"})
        klien.post(url + "?kantor=1771", {"bulan": "2026-03"})
    assert sorted(LaporanBulanan.objects.values_list("kantor__kode", "status"), key=str) == [
        ("1771", "siap"),
        (None, "siap"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        r = klien.post(reverse("penilaian:laporan_ulang", args=[lap.pk]))
    assert r.url == reverse("penilaian:laporan_detail", args=[lap.pk])
    assert LaporanBulanan.objects.count() == 2


def test_broker_mati_laporan_ditandai_gagal_dan_bisa_disusun_lagi(
    maret, kota, orang, klien_untuk, broker_mati, django_capture_on_commit_callbacks
):
    klien = klien_untuk(orang["sup_kota"])
    with django_capture_on_commit_callbacks(execute=True):
        r = klien.post(reverse("penilaian:laporan"), {"bulan": "2026-03"})
    lap = LaporanBulanan.objects.get()
    assert r.status_code == 302 and lap.status == "gagal"
    html = klien.get(r.url).text
    assert "Laporan gagal disusun: Antrean tugas tidak terjangkau; coba susun lagi sebentar lagi." in html
    assert reverse("penilaian:laporan_ulang", args=[lap.pk]) in html


def test_beat_mengirim_laporan_setiap_kantor_sekali(maret, kota, orang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        terkirim = laporan.kirim_laporan_bulan_lalu(date(2026, 4, 1))
        assert laporan.kirim_laporan_bulan_lalu(date(2026, 4, 1)) == []
    lap = {x.kantor_id: x for x in terkirim}
    assert set(lap) == {None, kantor_bawaan(), kota.pk}
    assert all(x.status == "siap" for x in terkirim)

    def surel_untuk(user):
        [m] = [m for m in mail.outbox if user.email in m.to and "Maret 2026" in m.subject]
        return m

    provinsi = surel_untuk(orang["pengawas"])
    assert provinsi.subject.endswith("Laporan bulanan PST Maret 2026")
    assert f"/penilaian/laporan/{lap[None].pk}/" in provinsi.body and "3 responden" in provinsi.body
    kota_surel = surel_untuk(orang["sup_kota"])
    assert kota_surel.subject.endswith("Laporan bulanan PST Maret 2026, BPS Kota Bengkulu")
    assert f"/penilaian/laporan/{lap[kota.pk].pk}/" in kota_surel.body and "1 responden" in kota_surel.body
    assert "/penilaian/skm/xlsx/?bulan=2026-03&kantor=1771" in kota_surel.body
    assert f"/penilaian/laporan/{lap[kantor_bawaan()].pk}/" in surel_untuk(orang["sup_1700"]).body
    # No one reads another office's report.
    assert orang["sup_kota"].email not in provinsi.to


def test_beat_satu_laporan_gagal_dikirim_tidak_menahan_kantor_lain(
    maret, kota, orang, monkeypatch, django_capture_on_commit_callbacks
):
    """Sending the province's report fails (the database drops the SKM
    summary its e-mail quotes): every office's report still goes that
    morning, and the province's the next morning."""
    susun = laporan.rekap_skm.susun

    def putus_provinsi(bulan, kantor_id=None):
        if kantor_id is None:
            raise OperationalError("server closed the connection unexpectedly")
        return susun(bulan, kantor_id)

    monkeypatch.setattr(laporan.rekap_skm, "susun", putus_provinsi)
    with django_capture_on_commit_callbacks(execute=True):
        terkirim = laporan.kirim_laporan_bulan_lalu(date(2026, 4, 1))
    assert sorted(x.kantor_id for x in terkirim) == sorted([kantor_bawaan(), kota.pk])
    monkeypatch.setattr(laporan.rekap_skm, "susun", susun)
    with django_capture_on_commit_callbacks(execute=True):
        [provinsi] = laporan.kirim_laporan_bulan_lalu(date(2026, 4, 2))
    assert provinsi.kantor_id is None


def test_beat_menyusun_ulang_laporan_yang_disusun_sebelum_bulannya_berakhir(
    maret, kota, orang, django_capture_on_commit_callbacks
):
    """A supervisor built March's report on 20 March to see how the month
    goes: the report the beat sends after the month is built again, with the
    whole month, not the one that stops on the 20th."""
    with time_machine.travel(datetime(2026, 3, 20, 10, 0, tzinfo=WIB), tick=False):
        dini = laporan.minta_laporan(MARET, orang["pengawas"])
        assert laporan.susun_laporan(dini.pk)
    with django_capture_on_commit_callbacks(execute=True):
        terkirim = laporan.kirim_laporan_bulan_lalu(date(2026, 4, 1))
    [provinsi] = [x for x in terkirim if x.kantor_id is None]
    assert provinsi.pk == dini.pk and provinsi.status == LaporanBulanan.Status.SIAP
    assert provinsi.selesai_pada >= MARET.sampai


def test_beat_tidak_menyusun_untuk_kantor_tanpa_supervisor(maret, kota, supervisor):
    terkirim = laporan.kirim_laporan_bulan_lalu(date(2026, 4, 1))
    assert sorted(x.kantor_id or 0 for x in terkirim) == [0, kantor_bawaan()]
    assert not LaporanBulanan.objects.filter(kantor=kota).exists()


@pytest.mark.parametrize(("kantor_lain", "milik"), [(False, "1700"), (True, None)])
def test_migrasi_laporan_lama(db, kantor_lain, milik):
    """Reports built before offices had their own: in a one-office deployment
    they become that office's, so its supervisor keeps them; with several
    offices they hold everyone's figures and stay the province's."""
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migrasi = importlib.import_module("penilaian.migrations.0010_laporan_bulanan_per_kantor")
    kantor_bawaan()  # the provincial office, which every deployment has
    if kantor_lain:
        Kantor.objects.create(kode="1771", nama="BPS Kota Bengkulu")
    LaporanBulanan.objects.create(bulan=date(2026, 2, 1))
    keadaan = MigrationExecutor(connection).loader.project_state(("penilaian", "0010_laporan_bulanan_per_kantor"))
    migrasi.satu_kantor_memiliki_laporannya(keadaan.apps, None)
    assert LaporanBulanan.objects.values_list("kantor__kode", flat=True).get() == milik


def _unduh(klien, lap, jenis) -> tuple[int, str, bytes]:
    r = klien.get(reverse("penilaian:laporan_unduh", args=[lap.pk, jenis]))
    return r.status_code, r.headers.get("Content-Type", ""), _isi(r) if r.status_code == 200 else b""


def _gagal_simpan_baris(monkeypatch):
    def putus(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(LaporanBulanan, "save", putus)


def _gagal_tulis_berkas_kedua(monkeypatch):
    tulis, hitung = FileSystemStorage._save, []

    def penuh(self, name, content):
        hitung.append(name)
        if len(hitung) == 2:
            raise OSError(28, "No space left on device")
        return tulis(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", penuh)


@pytest.mark.parametrize("rusak", [_gagal_simpan_baris, _gagal_tulis_berkas_kedua])
def test_susun_ulang_gagal_laporan_lama_tetap_diunduh_tanpa_berkas_baru(
    rusak,
    maret,
    kota,
    orang,
    klien_untuk,
    berkas_privat,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    """A rebuild that failed had deleted the previous files first: the row,
    marked failed, still named them (the download answered 404/500), and
    the new files, quoting rating comments, stayed on disk named by no row."""
    klien = klien_untuk(orang["sup_kota"])
    with django_capture_on_commit_callbacks(execute=True):
        lap = _tersusun(kota.pk)
    lama = sorted(berkas_di(berkas_privat))
    unduhan_lama = {j: _unduh(klien, lap, j) for j in JENIS}
    assert [u[:2] for u in unduhan_lama.values()] == [
        (200, "application/pdf"),
        (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (200, "text/csv"),
    ]

    LaporanBulanan.objects.filter(pk=lap.pk).update(status=LaporanBulanan.Status.ANTRE)
    with monkeypatch.context() as m, django_capture_on_commit_callbacks(execute=True):
        rusak(m)
        assert not laporan.susun_laporan(lap.pk)
    lap.refresh_from_db()
    assert lap.status == LaporanBulanan.Status.GAGAL
    assert sorted(berkas_di(berkas_privat)) == lama
    assert {j: _unduh(klien, lap, j) for j in JENIS} == unduhan_lama
    html = klien.get(reverse("penilaian:laporan_detail", args=[lap.pk])).text
    assert "Laporan gagal disusun" in html and "Laporan sebelumnya:" in html
    assert reverse("penilaian:laporan_unduh", args=[lap.pk, "pdf"]) in html

    # Built again (the page's "try again"): one set of files, the new one.
    with django_capture_on_commit_callbacks(execute=True):
        laporan.minta_laporan(MARET, orang["sup_kota"], kota.pk)
    lap.refresh_from_db()
    baru = berkas_di(berkas_privat)
    assert lap.status == LaporanBulanan.Status.SIAP and len(baru) == 3 and not set(baru) & set(lama)
    assert sorted(str(p.relative_to(berkas_privat)) for p in baru) == sorted(
        [lap.pdf.name, lap.xlsx.name, lap.csv.name]
    )
    assert [_unduh(klien, lap, j)[0] for j in JENIS] == [200, 200, 200]


@pytest.mark.usefixtures("maret", "berkas_privat")
@pytest.mark.parametrize("status", [LaporanBulanan.Status.ANTRE, LaporanBulanan.Status.PROSES])
def test_susun_ulang_berjalan_laporan_sebelumnya_tetap_ditautkan(
    status, kota, orang, klien_untuk, django_capture_on_commit_callbacks
):
    """While a rebuild waits or runs, the previous files (still served) are linked, as after a failed one."""
    klien = klien_untuk(orang["sup_kota"])
    with django_capture_on_commit_callbacks(execute=True):
        lap = _tersusun(kota.pk)
    LaporanBulanan.objects.filter(pk=lap.pk).update(status=status, progres=5)
    for alamat in ("penilaian:laporan_detail", "penilaian:laporan_status"):
        html = klien.get(reverse(alamat, args=[lap.pk])).text
        assert "Laporan sebelumnya:" in html
        for jenis in JENIS:
            assert reverse("penilaian:laporan_unduh", args=[lap.pk, jenis]) in html
            assert _unduh(klien, lap, jenis)[0] == 200


def test_berkas_laporan_menyebut_kantor_dan_bulannya_di_dalam(maret, kota):
    """The spreadsheet and the CSV name the office (or the whole province) and the month inside,
    as the PDF does: a file forwarded or saved under another name still says whose figures it holds."""
    for kantor_id, unit in ((kota.pk, "1771 BPS Kota Bengkulu"), (None, "Seluruh kantor se-provinsi")):
        d = laporan.susun(MARET, kantor_id)
        baris = list(csv.reader(io.StringIO(laporan.sebagai_csv(d).decode("utf-8-sig"))))
        assert ["Laporan", "Unit pelayanan", unit] in baris and ["Laporan", "Bulan", "Maret 2026"] in baris
        ringkas = load_workbook(io.BytesIO(laporan.sebagai_xlsx(d)))["Ringkasan"]
        assert ("Laporan", "Unit pelayanan", unit) in list(ringkas.iter_rows(values_only=True))


def test_laporan_menyebut_umpan_balik_yang_tidak_dimuat(maret, pengunjung, orang, klien_untuk, monkeypatch):
    """The report holds the month's first feedback only: past that limit the
    page, the PDF and the spreadsheet say how many more there are and where,
    rather than passing the first ones off as the whole month's."""
    monkeypatch.setattr(laporan, "BATAS_UMPAN_BALIK", 1)
    Penilaian.objects.filter(kantor=kantor_bawaan(), umpan_balik="").update(umpan_balik="antrean lama")
    lap = _tersusun(kantor_bawaan())  # two ratings with feedback at the provincial office
    catatan = "1 saran dan masukan lain bulan ini tidak dimuat di laporan (hanya 1 yang pertama)"

    d = laporan.susun(MARET, kantor_bawaan())
    assert (len(d.umpan_balik), d.umpan_balik_total) == (1, 2)
    assert d.catatan_umpan_balik.startswith(catatan)
    wb = load_workbook(io.BytesIO(laporan.sebagai_xlsx(d)))
    assert [b[0] for b in wb["Umpan balik"].iter_rows(min_row=3, values_only=True)][0].startswith(catatan)
    teks = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(laporan.sebagai_pdf(d))).pages).split())
    assert catatan in teks

    html = klien_untuk(orang["sup_1700"]).get(reverse("penilaian:laporan_detail", args=[lap.pk])).content.decode()
    assert catatan in html

    Penilaian.objects.filter(umpan_balik="antrean lama").update(umpan_balik="")
    assert laporan.susun(MARET, kantor_bawaan()).catatan_umpan_balik == ""  # all of them in it: no note


def test_umpan_balik_beberapa_kantor_menyebut_kantor_kunjungannya(maret, orang, klien_untuk):
    """A counter visit's feedback in every office's list names its office, not
    "kunjungan #12" only, so the province supervisor answering it can tell
    which office the visitor spoke of."""
    html = klien_untuk(orang["pengawas"]).get(reverse("penilaian:umpan_balik"), {"semua": "1"}).content.decode()
    kartu = {b.split("</div>", 1)[0] for b in html.split('class="small text-muted">')[1:]}
    assert any("BPS Kota Bengkulu" in k for k in kartu) and any("BPS Provinsi Bengkulu" in k for k in kartu)


PESAN_GALAT_SISTEM = (
    "Laporan gagal disusun: Terjadi kesalahan pada sistem; rinciannya dicatat untuk admin aplikasi. "
    "Coba lagi; bila tetap gagal, hubungi admin aplikasi."
)


def test_laporan_gagal_dijelaskan_kepada_supervisor_galat_mentah_untuk_admin(
    maret, kota, orang, klien_untuk, monkeypatch
):
    """A build that failed on an error of the system tells the supervisor,
    in their language, what happened and what to do; the exception's own
    text (technical, in English) stays on the row, read by the admins."""

    def rusak(*args, **kwargs):
        raise ZeroDivisionError("float division by zero")

    lap = LaporanBulanan.objects.create(bulan=MARET.hari_pertama, kantor_id=kota.pk)
    with monkeypatch.context() as m:
        m.setattr(laporan, "susun", rusak)
        assert not laporan.susun_laporan(lap.pk)
    lap.refresh_from_db()
    assert lap.status == LaporanBulanan.Status.GAGAL and "float division by zero" in lap.galat
    sup = orang["sup_kota"]
    url = reverse("penilaian:laporan_detail", args=[lap.pk])
    html = klien_untuk(sup).get(url).text
    assert PESAN_GALAT_SISTEM in html and "division" not in html
    sup.bahasa = "en"
    sup.save(update_fields=["bahasa"])
    html = klien_untuk(sup).get(url).text
    assert "The report could not be compiled: A system error occurred;" in html and "division" not in html


def test_antrean_tak_terjangkau_dijelaskan_dalam_bahasa_yang_membaca(
    maret, kota, orang, klien_untuk, broker_mati, django_capture_on_commit_callbacks
):
    """The reason a queued report failed is told in the language of whoever
    reads the page, not of the supervisor who asked for it."""
    sup = orang["sup_kota"]
    sup.bahasa = "en"
    sup.save(update_fields=["bahasa"])
    with django_capture_on_commit_callbacks(execute=True):
        klien_untuk(sup).post(reverse("penilaian:laporan"), {"bulan": "2026-03"})
    lap = LaporanBulanan.objects.get()
    html = klien_untuk(orang["pengawas"]).get(reverse("penilaian:laporan_detail", args=[lap.pk])).text
    assert "Laporan gagal disusun: Antrean tugas tidak terjangkau; coba susun lagi sebentar lagi." in html


def test_laporan_provinsi_menyebut_kantor_tiap_umpan_balik(maret, orang, klien_untuk):
    """The province's report listed a counter visit's feedback as "kunjungan
    #12" only, so its reader could not tell which office the visitor spoke
    of; in a report of every office each feedback names its office (page,
    PDF and spreadsheet)."""
    provinsi = _tersusun(None)
    klien = klien_untuk(orang["pengawas"])

    html = klien.get(reverse("penilaian:laporan_detail", args=[provinsi.pk])).content.decode()
    umpan = {b.split("</div>", 1)[0] for b in html.split('<div class="umpan')[1:]}
    assert any("1771 BPS Kota Bengkulu" in u and SARAN_KOTA in u for u in umpan)
    assert any("1700 BPS Provinsi Bengkulu" in u and RAHASIA_1700 in u for u in umpan)

    pdf = klien.get(reverse("penilaian:laporan_unduh", args=[provinsi.pk, "pdf"]))
    teks = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(_isi(pdf))).pages).split())
    assert "1771 BPS Kota Bengkulu · kunjungan #" in teks

    wb = load_workbook(io.BytesIO(_isi(klien.get(reverse("penilaian:laporan_unduh", args=[provinsi.pk, "xlsx"])))))
    rujukan = {b[2]: b[1] for b in wb["Umpan balik"].iter_rows(min_row=2, values_only=True)}
    assert rujukan[SARAN_KOTA].startswith("1771 BPS Kota Bengkulu · Kunjungan #")
    assert rujukan[RAHASIA_1700].startswith("1700 BPS Provinsi Bengkulu · Kunjungan #")


def test_laporan_disusun_dalam_permintaan_pembaca_inggris_tetap_berbahasa_indonesia(maret, kota):
    """Built inline in the request of someone reading English (the broker
    down while a visitor erases their data), the report — one file for every
    supervisor — is the office's Indonesian, as the worker builds it."""
    from django.utils import translation

    lap = LaporanBulanan.objects.create(bulan=MARET.hari_pertama, kantor_id=kota.pk)
    with time_machine.travel(datetime(2026, 4, 2, 8, 0, tzinfo=WIB), tick=False), translation.override("en"):
        assert laporan.susun_laporan(lap.pk)
    lap.refresh_from_db()
    with lap.csv.open("rb") as f:
        baris = list(csv.reader(io.StringIO(f.read().decode("utf-8-sig"))))
    assert ["Laporan", "Bulan", "Maret 2026"] in baris


def test_ringkasan_xlsx_menulis_rupiah_dengan_pemisah_ribuan(maret):
    """The summary sheet's one value column holds counts, shares and rupiah: the rupiah
    rows read with thousands separators (not 50000, nor 1E+12 for twelve digits), the
    shares keep their decimals, and the CSV keeps the plain number."""
    d = laporan.susun(MARET, None)
    ringkas = load_workbook(io.BytesIO(laporan.sebagai_xlsx(d)))["Ringkasan"]
    format_nilai = {(b[0].value, b[1].value): b[2].number_format for b in ringkas.iter_rows(min_row=3)}
    assert format_nilai[("PNBP", "Ditagihkan")] == format_nilai[("PNBP", "Diterima")] == "#,##0"
    assert format_nilai[("IKM", "Responden")] == "General"
    assert {f for (bagian, _u), f in format_nilai.items() if bagian == "Kepatuhan SOP"} == {"General"}
    baris = list(csv.reader(io.StringIO(laporan.sebagai_csv(d).decode("utf-8-sig"))))
    assert ["PNBP", "Ditagihkan", str(int(d.pnbp_ditagihkan))] in baris
