"""The supervisor's dashboard, chart endpoints and monthly reports: bounded
queries, the same numbers everywhere, PDF/XLSX/CSV content, beat e-mail once."""

import io
import re
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import buat_pengguna
from penilaian import laporan
from penilaian.grafik import GRAFIK
from penilaian.models import LaporanBulanan
from pst_layanan.kalender import WIB
from pst_layanan.models import kantor_bawaan
from pst_layanan.periode import Bulan
from pst_layanan.roles import PENGAWAS_PROVINSI, PETUGAS, SUPERVISOR
from tests.penilaian.conftest import buat_penilaian_massal
from tests.penilaian.test_ikm import CONTOH, MARET

pytestmark = pytest.mark.django_db


@pytest.fixture
def maret(pengunjung):
    return buat_penilaian_massal(pengunjung, CONTOH, MARET)


def test_dasbor_hanya_supervisor(petugas, klien_untuk):
    assert klien_untuk(petugas).get(reverse("penilaian:dasbor")).status_code == 403


def test_dasbor_menampilkan_ikm_dan_kepatuhan(april, maret, supervisor, klien_untuk, django_assert_max_num_queries):
    klien = klien_untuk(supervisor)
    # The SOP steps and internal targets in 2 queries (aggregates, breaches), the
    # ratings in 1, the guest book with the visits chart in 2: the URL access test's 15.
    with django_assert_max_num_queries(15):
        r = klien.get(reverse("penilaian:dasbor"), {"bulan": "2026-03"})
    assert r.status_code == 200
    assert 'id="nilai-ikm">81,25<' in r.text and "Mutu B" in r.text
    with django_assert_max_num_queries(15):
        r = klien.get(reverse("penilaian:dasbor"), {"bulan": "2026-04"})
    assert "60,0%" in r.text and "Transaksi PST-UJI-3" in r.text and 'id="data-pnbp"' in r.text
    assert "<script>" not in r.text.replace('<script src="', "")  # CSP: data only through json_script


def test_dasbor_inggris_menyebut_satu_responden_tunggal(pengunjung, supervisor, klien_untuk):
    """An English reader's dashboard of a month with one rating says "1 respondent", as the report does."""
    buat_penilaian_massal(pengunjung, CONTOH[:1], MARET)
    supervisor.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    teks = " ".join(klien_untuk(supervisor).get(reverse("penilaian:dasbor"), {"bulan": "2026-03"}).text.split())
    assert '<span id="responden-ikm">1</span> respondent<' in teks


@pytest.mark.parametrize("nama", sorted(GRAFIK))
def test_endpoint_grafik(nama, april, maret, supervisor, klien_untuk, django_assert_max_num_queries):
    klien = klien_untuk(supervisor)
    with django_assert_max_num_queries(10):
        r = klien.get(reverse("penilaian:grafik", args=[nama]), {"bulan": "2026-04"})
    data = r.json()
    assert r.status_code == 200 and data["label"] and all(len(s["data"]) == len(data["label"]) for s in data["seri"])


def test_grafik_ikm_dan_kepatuhan_berisi_angka(april, maret, supervisor, klien_untuk):
    klien = klien_untuk(supervisor)
    ikm = klien.get(reverse("penilaian:grafik", args=["ikm"]), {"bulan": "2026-03"}).json()
    assert ikm["seri"][0]["data"][0] == 87.5  # U1: NRR 3,5 × 25
    # The caption reads "(nilai, skala 25–100)", one pair of brackets; the chart
    # takes its 25–100 axis from that unit.
    assert ikm["satuan"] == "nilai, skala 25–100"
    kep = klien.get(reverse("penilaian:grafik", args=["kepatuhan"]), {"bulan": "2026-04"}).json()
    assert kep["label"][-1] == "Apr 2026" and kep["seri"][2]["data"][-1] == 60.0
    assert klien.get(reverse("penilaian:grafik", args=["tidak-ada"])).status_code == 404


def test_sumbu_grafik_kunjungan_berbahasa_inggris_jamak(april, supervisor, klien_untuk):
    """The visits chart's axis counts visits: "visits" in English, as the
    waiting-time chart's says "minutes" (not the model's singular "visit")."""
    supervisor.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    data = klien_untuk(supervisor).get(reverse("penilaian:grafik", args=["kunjungan"]), {"bulan": "2026-04"}).json()
    assert data["satuan"] == "visits"


def test_grafik_tanpa_data_berkata_belum_ada(supervisor, klien_untuk):
    """A new office's first month: no rating, no SOP case, no waiting time. Those
    charts say there is no data rather than draw empty axes (IKM 25–100 with no
    bar, waiting time 0–1 minute) over an empty table. Counts of 0 (visits,
    PNBP) are values and stay drawn."""
    klien = klien_untuk(supervisor)
    r = klien.get(reverse("penilaian:dasbor"), {"bulan": "2026-03"})
    assert r.status_code == 200
    for nama in ("ikm", "kepatuhan", "tunggu"):
        kartu = re.search(rf'id="judul-{nama}".*?</figure>', r.text, re.S).group(0)
        assert "Belum ada data pada periode ini." in kartu and "<canvas" not in kartu
    for nama in ("kunjungan", "pnbp"):
        kartu = re.search(rf'id="judul-{nama}".*?</figure>', r.text, re.S).group(0)
        assert "<canvas" in kartu and "Belum ada data" not in kartu
    assert klien.get(reverse("penilaian:grafik", args=["ikm"]), {"bulan": "2026-03"}).json()["kosong"] is True
    assert klien.get(reverse("penilaian:grafik", args=["pnbp"]), {"bulan": "2026-03"}).json()["kosong"] is False


def _buat_laporan(bulan_kode, supervisor, klien, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = klien.post(reverse("penilaian:laporan"), {"bulan": bulan_kode})
    assert r.status_code == 302
    return LaporanBulanan.objects.get(bulan=date(*map(int, bulan_kode.split("-")), 1))


def test_laporan_pdf_xlsx_csv(
    april, maret, supervisor, klien_untuk, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    klien = klien_untuk(supervisor)
    lap = _buat_laporan("2026-03", supervisor, klien, django_capture_on_commit_callbacks)
    assert lap.status == "siap" and lap.progres == 100
    with django_assert_max_num_queries(15):
        halaman = klien.get(reverse("penilaian:laporan_detail", args=[lap.pk])).text
    assert "IKM <strong>81,25</strong>" in halaman and "hx-get" not in halaman  # finished: no polling

    pdf = klien.get(reverse("penilaian:laporan_unduh", args=[lap.pk, "pdf"]))
    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages)
    for isi in ("Laporan Bulanan Pelayanan Statistik Terpadu", "Maret 2026", "81,25", "Baik", "Kepatuhan waktu SOP"):
        assert isi in teks

    xlsx = klien.get(reverse("penilaian:laporan_unduh", args=[lap.pk, "xlsx"]))
    wb = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    ikm = {r[0]: r[1] for r in wb["IKM"].iter_rows(values_only=True) if r}
    assert ikm["IKM"] == 81.25 and ikm["Responden"] == 4
    nrr = [r[3] for r in wb["IKM"].iter_rows(min_row=2, max_row=10, values_only=True)]
    assert nrr == [3.5, 3.5, 2.75, 3.25, 3.25, 3.5, 3.75, 3.25, 2.5]
    for n in nrr:  # the page shows the same NRR
        assert f">{n:.3f}<".replace(".", ",") in halaman

    csv = b"".join(klien.get(reverse("penilaian:laporan_unduh", args=[lap.pk, "csv"])).streaming_content)
    assert "IKM,Nilai IKM,81.25" in csv.decode("utf-8-sig")


def test_halaman_laporan_menyebut_angkanya_dari_data_saat_ini(
    maret, pengunjung, supervisor, klien_untuk, django_capture_on_commit_callbacks
):
    """A rating sent after the report was built: the page, counted again on
    each view, read 5 respondents under "Laporan siap" while the PDF, XLSX and
    CSV beside it held 4, with nothing saying which figures were the report's."""
    klien = klien_untuk(supervisor)
    lap = _buat_laporan("2026-03", supervisor, klien, django_capture_on_commit_callbacks)
    buat_penilaian_massal(pengunjung, [[4] * 9], MARET)
    halaman = klien.get(reverse("penilaian:laporan_detail", args=[lap.pk])).text
    assert "5 responden" in halaman
    assert "Angka di halaman ini dihitung dari data saat ini" in halaman


def test_laporan_kepatuhan_sama_dengan_halaman(april, supervisor, klien_untuk, django_capture_on_commit_callbacks):
    klien = klien_untuk(supervisor)
    lap = _buat_laporan("2026-04", supervisor, klien, django_capture_on_commit_callbacks)
    halaman = klien.get(reverse("penilaian:laporan_detail", args=[lap.pk])).text
    wb = load_workbook(io.BytesIO(b"".join(klien.get(f"/penilaian/laporan/{lap.pk}/xlsx/").streaming_content)))
    lembar = wb["Kepatuhan SOP"]
    # Each header says what its column holds, in the page's words: the step's
    # name was headed "Standar" and its time limit "Batas", while the page's
    # "Standar" column holds the time limit.
    assert [c.value for c in lembar[1]][:3] == ["Langkah", "Langkah SOP", "Standar"]
    for langkah, nama, standar, kasus, _dalam, persen, *_ in lembar.iter_rows(min_row=2, values_only=True):
        assert f"<td>{langkah} {nama}</td><td>{standar}</td>" in halaman
        assert f'<td class="text-end">{kasus}</td>' in halaman
        if persen is not None:
            assert f"{persen:.1f}%".replace(".", ",") in halaman


def test_status_laporan_dipoll_selama_disusun(supervisor, klien_untuk, django_assert_max_num_queries):
    lap = LaporanBulanan.objects.create(
        bulan=date(2026, 3, 1), kantor_id=kantor_bawaan(), status="proses", progres=50, tahap="Menyusun PDF"
    )
    klien = klien_untuk(supervisor)
    with django_assert_max_num_queries(8):
        r = klien.get(reverse("penilaian:laporan_status", args=[lap.pk]))
    assert 'hx-trigger="every 1s"' in r.text and "Menyusun PDF" in r.text and 'value="50"' in r.text


def test_tahap_laporan_dalam_bahasa_pembaca(supervisor, klien_untuk):
    """The stage is stored in Indonesian and shown in the reader's language."""
    lap = LaporanBulanan.objects.create(
        bulan=date(2026, 3, 1), kantor_id=kantor_bawaan(), status="proses", progres=80, tahap=laporan.TAHAP[2][1]
    )
    supervisor.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    r = klien_untuk(supervisor).get(reverse("penilaian:laporan_status", args=[lap.pk]))
    assert "Building the XLSX and CSV" in r.text and "Menyusun" not in r.text


def test_daftar_laporan(supervisor, klien_untuk, django_assert_max_num_queries):
    for bulan in range(1, 4):
        LaporanBulanan.objects.create(bulan=date(2026, bulan, 1), kantor_id=kantor_bawaan(), status="siap")
    klien = klien_untuk(supervisor)
    with django_assert_max_num_queries(8):
        r = klien.get(reverse("penilaian:laporan"))
    assert r.status_code == 200 and "Maret 2026" in r.text


def test_beat_mengirim_laporan_bulan_lalu_sekali(maret, supervisor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [provinsi, kantor_ini] = laporan.kirim_laporan_bulan_lalu(date(2026, 4, 1))
        assert laporan.kirim_laporan_bulan_lalu(date(2026, 4, 1)) == []
    # The province's is built too; the provincial office's goes to its supervisor.
    assert (provinsi.kantor_id, kantor_ini.kantor_id) == (None, kantor_bawaan())
    surel = [m for m in mail.outbox if "Laporan bulanan PST Maret 2026" in m.subject]
    assert len(surel) == 1 and surel[0].to == [supervisor.email]
    assert "IKM 81,25 (mutu B, Baik)" in surel[0].body and f"/penilaian/laporan/{kantor_ini.pk}/" in surel[0].body


def test_laporan_yang_pekerjanya_mati_disusun_lagi(maret, supervisor, klien_untuk, django_capture_on_commit_callbacks):
    """A worker killed mid-build leaves the row "in process": after the longest
    build it is claimed again, by the beat job and by the page's button."""
    kantor = LaporanBulanan.objects.create(bulan=date(2026, 3, 1), kantor_id=kantor_bawaan())
    mati = timezone.now() - LaporanBulanan.MASA_SUSUN_MAKS - timedelta(minutes=1)
    LaporanBulanan.objects.filter(pk=kantor.pk).update(status=LaporanBulanan.Status.PROSES, diminta_pada=mati)
    baru = LaporanBulanan.objects.create(bulan=date(2026, 2, 1), kantor_id=kantor_bawaan())
    LaporanBulanan.objects.filter(pk=baru.pk).update(status=LaporanBulanan.Status.PROSES)
    with django_capture_on_commit_callbacks(execute=True):
        [_, dikirim] = laporan.kirim_laporan_bulan_lalu(date(2026, 4, 1))
    kantor.refresh_from_db()
    assert dikirim.pk == kantor.pk and kantor.status == LaporanBulanan.Status.SIAP and kantor.dikirim_pada
    # Still within a build's time: a second click does not start another one.
    assert laporan.minta_laporan(Bulan(2026, 2), supervisor, kantor_bawaan()).status == LaporanBulanan.Status.PROSES
    LaporanBulanan.objects.filter(pk=baru.pk).update(diminta_pada=mati)
    with django_capture_on_commit_callbacks(execute=True):
        laporan.minta_laporan(Bulan(2026, 2), supervisor, kantor_bawaan())
    baru.refresh_from_db()
    assert baru.status == LaporanBulanan.Status.SIAP


def test_laporan_yang_tugasnya_hilang_dapat_disusun_lagi(
    maret, supervisor, klien_untuk, django_capture_on_commit_callbacks
):
    """A queued build whose task never ran (the database gone as the worker took
    it, the broker's queue lost) stayed "waiting" for good: its page polled a bar
    at 0% with no button, and asking for the month again returned the same row."""
    lap = laporan.minta_laporan(Bulan(2026, 2), supervisor, kantor_bawaan())  # its task never runs
    klien = klien_untuk(supervisor)
    r = klien.get(reverse("penilaian:laporan_status", args=[lap.pk]))
    assert 'hx-trigger="every 1s"' in r.text, "baru diminta: masih ditunggu"
    hilang = timezone.now() - LaporanBulanan.MASA_SUSUN_MAKS - timedelta(minutes=1)
    LaporanBulanan.objects.filter(pk=lap.pk).update(diminta_pada=hilang)
    r = klien.get(reverse("penilaian:laporan_status", args=[lap.pk]))
    assert "hx-trigger" not in r.text and reverse("penilaian:laporan_ulang", args=[lap.pk]) in r.text
    with django_capture_on_commit_callbacks(execute=True):
        klien.post(reverse("penilaian:laporan_ulang", args=[lap.pk]))
    lap.refresh_from_db()
    assert lap.status == LaporanBulanan.Status.SIAP


def test_laporan_bulan_lalu_yang_terhenti_dikirim_oleh_beat(maret, supervisor, django_capture_on_commit_callbacks):
    """A month whose build stopped (not failed) on its last morning run is tried again."""
    lap = LaporanBulanan.objects.create(bulan=date(2026, 2, 1), kantor_id=kantor_bawaan())
    hilang = timezone.now() - LaporanBulanan.MASA_SUSUN_MAKS - timedelta(minutes=1)
    LaporanBulanan.objects.filter(pk=lap.pk).update(diminta_pada=hilang)
    with django_capture_on_commit_callbacks(execute=True):
        dikirim = laporan.kirim_laporan_bulan_lalu(date(2026, 4, 1))
    assert lap.pk in [x.pk for x in dikirim]


def test_jadwal_beat_ada():
    from django_celery_beat.models import PeriodicTask

    tugas = PeriodicTask.objects.get(task="penilaian.tasks.laporan_bulanan_task")
    assert (tugas.crontab.day_of_month, tugas.crontab.hour, str(tugas.crontab.timezone)) == ("*", "6", "Asia/Jakarta")


@pytest.fixture
def pulihkan_pdf(monkeypatch):
    """The report's PDF fails (a full disk) until the test calls this fixture's value."""
    asli = laporan.sebagai_pdf

    def rusak(*args, **kwargs):
        raise OSError("disk penuh")

    monkeypatch.setattr(laporan, "sebagai_pdf", rusak)
    return lambda: monkeypatch.setattr(laporan, "sebagai_pdf", asli)


def test_laporan_yang_gagal_pada_tanggal_1_dikirim_pada_jalan_beat_berikutnya(
    maret, supervisor, pulihkan_pdf, django_capture_on_commit_callbacks
):
    """The 1st's build fails (or its worker is killed): the row remembers it,
    and beat's next morning builds and sends it, once."""
    from django_celery_beat.models import PeriodicTask

    with django_capture_on_commit_callbacks(execute=True):
        assert laporan.kirim_laporan_bulan_lalu(date(2026, 4, 1)) == []
    assert set(LaporanBulanan.objects.values_list("status", flat=True)) == {LaporanBulanan.Status.GAGAL}
    pulihkan_pdf()

    jadwal = PeriodicTask.objects.get(task="penilaian.tasks.laporan_bulanan_task").crontab.schedule
    assert 2 in jadwal.day_of_month and jadwal.hour == {6}  # beat runs the job again on the 2nd, 06.00
    with django_capture_on_commit_callbacks(execute=True):
        assert len(laporan.kirim_laporan_bulan_lalu(date(2026, 4, 2))) == 2
        assert laporan.kirim_laporan_bulan_lalu(date(2026, 4, 3)) == []
    surel = [m for m in mail.outbox if "Laporan bulanan PST Maret 2026" in m.subject]
    assert len(surel) == 1 and surel[0].to == [supervisor.email]


def test_laporan_yang_gagal_sebulan_penuh_dikirim_sesudah_bulannya_lewat(
    maret, supervisor, pulihkan_pdf, django_capture_on_commit_callbacks
):
    """March's report failed every morning of April (a full disk); from 1 May
    the job built April's only, and March's was never built or sent."""
    with django_capture_on_commit_callbacks(execute=True):
        assert laporan.kirim_laporan_bulan_lalu(date(2026, 4, 30)) == []
    pulihkan_pdf()
    with django_capture_on_commit_callbacks(execute=True):
        terkirim = laporan.kirim_laporan_bulan_lalu(date(2026, 5, 1))
        assert laporan.kirim_laporan_bulan_lalu(date(2026, 5, 2)) == []
    assert sorted({f"{x.bulan:%Y-%m}" for x in terkirim}) == ["2026-03", "2026-04"]
    for nama in ("Maret 2026", "April 2026"):
        [surel] = [m for m in mail.outbox if f"Laporan bulanan PST {nama}" in m.subject]
        assert surel.to == [supervisor.email]


def test_migrasi_jadwal_harian_membiarkan_jadwal_yang_diubah_admin():
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    migrasi = importlib.import_module("penilaian.migrations.0011_laporan_bulanan_dicoba_tiap_pagi")
    apps = (
        MigrationExecutor(connection).loader.project_state(("penilaian", "0011_laporan_bulanan_dicoba_tiap_pagi")).apps
    )
    tugas = PeriodicTask.objects.get(task="penilaian.tasks.laporan_bulanan_task")
    migrasi.mundur(apps, None)
    tugas.refresh_from_db()
    assert (tugas.crontab.day_of_month, tugas.crontab.hour) == ("1", "6")
    diubah, _ = CrontabSchedule.objects.get_or_create(minute="30", hour="7", day_of_month="2", timezone="Asia/Jakarta")
    PeriodicTask.objects.filter(pk=tugas.pk).update(crontab=diubah)
    migrasi.maju(apps, None)
    tugas.refresh_from_db()
    assert (tugas.crontab.day_of_month, tugas.crontab.hour, tugas.crontab.minute) == ("2", "7", "30")


@pytest.mark.parametrize(
    "bahasa, kalimat",
    [
        (
            "id",
            [
                "Langkah 15: setiap antrean pemeriksaan",
                "Langkah 17: dari persyaratan lengkap",
                "jam penyerahan langkah 17;",
            ],
        ),
        (
            "en",
            [
                "Step 15: each requirements check queue",
                "Step 17: from complete requirements",
                "the step 17 delivery clock;",
            ],
        ),
    ],
)
def test_keterangan_dasbor_menyebut_langkah_sop(supervisor, klien_untuk, langkah_diubah, bahasa, kalimat):
    """The notes under the compliance tables name the steps as sop.py numbers them."""
    supervisor.bahasa = bahasa
    supervisor.save(update_fields=["bahasa"])
    html = " ".join(klien_untuk(supervisor).get(reverse("penilaian:dasbor")).content.decode().split())
    for k in kalimat:
        assert k in html


@pytest.mark.parametrize("teks", ["2026-13", "2026-00", "0000-01", "2026-1", "bulan lalu"])
def test_laporan_bulan_tak_dikenal_tidak_disusun_untuk_bulan_lain(
    teks, supervisor, klien_untuk, django_capture_on_commit_callbacks
):
    # 1 January 2027, 00.30 WIB: a month typed wrong builds nothing, not this month's report.
    with time_machine.travel(datetime(2027, 1, 1, 0, 30, tzinfo=WIB), tick=False):
        klien = klien_untuk(supervisor)
        with django_capture_on_commit_callbacks(execute=True):
            r = klien.post(reverse("penilaian:laporan"), {"bulan": teks})
    assert r.status_code == 200 and "Bulan tidak dikenali. Gunakan format TTTT-BB." in r.text
    assert not LaporanBulanan.objects.exists()


def test_laporan_bulan_kosong_menampilkan_galat_terkait_kotaknya(supervisor, klien_untuk):
    # Spaces only: the box is refused; the officer must read why, and a screen reader must hear it on the box.
    r = klien_untuk(supervisor).post(reverse("penilaian:laporan"), {"bulan": "   "})
    assert r.status_code == 200 and not LaporanBulanan.objects.exists()
    kotak = re.search(r'<input[^>]*id="id_bulan"[^>]*>', r.text).group(0)
    assert 'aria-invalid="true"' in kotak and 'aria-describedby="id_bulan_error"' in kotak
    galat = re.search(r'<div[^>]*id="id_bulan_error"[^>]*>(.*?)</div>', r.text, re.S)
    assert galat and galat.group(1).strip()


def test_laporan_desember_tersusun_selepas_tengah_malam_tahun_baru(
    supervisor, klien_untuk, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime(2027, 1, 1, 0, 30, tzinfo=WIB), tick=False):
        klien = klien_untuk(supervisor)
        with django_capture_on_commit_callbacks(execute=True):
            assert klien.post(reverse("penilaian:laporan"), {"bulan": "2026-12"}).status_code == 302
            r = klien.post(reverse("penilaian:laporan"), {"bulan": "2027-02"})
    assert "Laporan belum dapat dibuat untuk bulan yang akan datang." in r.text
    assert list(LaporanBulanan.objects.values_list("bulan", flat=True)) == [date(2026, 12, 1)]


def test_dasbor_tanpa_id_ganda(april, maret, supervisor, klien_untuk):
    """The IKM chart was named, for a screen reader, by the IKM card's heading
    above it: both took the id `judul-ikm` (and the compliance chart's table
    took the compliance table's `tabel-kepatuhan`)."""
    html = klien_untuk(supervisor).get(reverse("penilaian:dasbor"), {"bulan": "2026-04"}).text
    assert [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', html)).items() if n > 1] == []


def test_laporan_bulan_dengan_tiket_terbuka_menunggu_tiket_ditutup(
    april, supervisor, django_capture_on_commit_callbacks
):
    """An appointment served after the close on Thursday 30 April: its ticket
    is closed by the end-of-day job of 1 May, after the 06.00 report run. The
    report is sent the next morning with that explanation counted, not on the
    1st without it (the dashboard would count it from that evening on)."""
    from antrian.models import StatusTiket, Tiket

    terbuka = Tiket.objects.order_by("pk").last()  # the May ticket, moved to 30 April
    Tiket.objects.filter(pk=terbuka.pk).update(tanggal=date(2026, 4, 30), status=StatusTiket.DILAYANI)
    with django_capture_on_commit_callbacks(execute=True):
        assert laporan.kirim_laporan_bulan_lalu(date(2026, 5, 1)) == []
        assert not [m for m in mail.outbox if "April 2026" in m.subject]
        Tiket.objects.filter(pk=terbuka.pk).update(status=StatusTiket.SELESAI)
        terkirim = laporan.kirim_laporan_bulan_lalu(date(2026, 5, 2))
    kantor_ini = next(x for x in terkirim if x.kantor_id == kantor_bawaan())
    csv = kantor_ini.csv.read().decode()
    assert "Langkah 4 Penjelasan petugas di loket (1 jam): kasus,6" in csv
    assert len([m for m in mail.outbox if "Laporan bulanan PST April 2026" in m.subject]) == 1


def test_laporan_disusun_sebelum_tiket_bulannya_ditutup_disusun_ulang_sebelum_dikirim(
    april, supervisor, django_capture_on_commit_callbacks
):
    """The supervisor built April's report on 1 May, after the month had
    ended but before the end-of-day job closed its last ticket (an
    appointment served after the close on 30 April). The next morning's run
    e-mailed that build, without the explanation the closing added to April."""
    from antrian.models import StatusTiket, Tiket
    from antrian.services import tutup_hari

    terbuka = Tiket.objects.order_by("pk").last()
    Tiket.objects.filter(pk=terbuka.pk).update(
        tanggal=date(2026, 4, 30), status=StatusTiket.DILAYANI, selesai_pada=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert laporan.kirim_laporan_bulan_lalu(date(2026, 5, 1)) == []
        with time_machine.travel(datetime(2026, 5, 1, 8, 0, tzinfo=WIB), tick=False):
            assert laporan.susun_laporan(laporan.minta_laporan(Bulan(2026, 4), supervisor, kantor_bawaan()).pk)
        with time_machine.travel(datetime(2026, 5, 1, 20, 0, tzinfo=WIB), tick=False):
            assert tutup_hari()["tiket"] == 1
        with time_machine.travel(datetime(2026, 5, 2, 6, 0, tzinfo=WIB), tick=False):
            terkirim = laporan.kirim_laporan_bulan_lalu()
    kantor_ini = next(x for x in terkirim if x.kantor_id == kantor_bawaan())
    assert "Langkah 4 Penjelasan petugas di loket (1 jam): kasus,6" in kantor_ini.csv.read().decode()


@pytest.mark.parametrize(
    ("nama", "peran"),
    [
        ("penilaian:dasbor", SUPERVISOR),
        ("penilaian:provinsi", PENGAWAS_PROVINSI),
        ("antrian:buku_tamu_bulanan", PETUGAS),
    ],
)
def test_bulan_yang_akan_datang_tidak_tampil_sebagai_bulan_kosong(nama, peran, klien_untuk):
    """A month to come asked in the address (?bulan=2027-02 on 6 December
    2026) showed a dashboard, province view or guest book of zeros titled
    February 2027, as if nothing had happened then; as the SKM and
    reconciliation pages do, it shows this month and says why."""
    with time_machine.travel(datetime(2026, 12, 6, 10, 0, tzinfo=WIB), tick=False):
        r = klien_untuk(buat_pengguna("staf@bps.go.id", peran)).get(reverse(nama), {"bulan": "2027-02"})
    assert r.status_code == 200 and "Bulan yang akan datang belum berjalan; ditampilkan bulan ini." in r.text
    assert "Februari 2027" not in r.text and "Desember 2026" in r.text


def test_data_grafik_bulan_yang_akan_datang_ditolak(supervisor, klien_untuk):
    with time_machine.travel(datetime(2026, 12, 6, 10, 0, tzinfo=WIB), tick=False):
        r = klien_untuk(supervisor).get(reverse("penilaian:grafik", args=["kunjungan"]), {"bulan": "2027-02"})
    assert r.status_code == 400
