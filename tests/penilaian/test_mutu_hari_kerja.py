"""Durations beside a working-day standard read in working days as the SOP
counts them (day 1 = the first working day after the clock started), on the
real 2026 calendar: the dashboard, the report and its files, and the stored
day of pre-existing clock stops filled by the migration."""

import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook

from penilaian import laporan, mutu
from pst_layanan.periode import Bulan
from tests import pabrik
from tests.dwibahasa import id_dan_en
from tests.penilaian.test_halaman_supervisor import _buat_laporan
from tests.transaksi.test_jam_sop import bukti, lengkap, pada, tagihan
from transaksi import services
from transaksi.models import Jam, RiwayatTransaksi, Transaksi
from transaksi.services import pembayaran, penyerahan
from transaksi.services.pengajuan import batalkan

pytestmark = pytest.mark.django_db

R = RiwayatTransaksi.Jenis
MARET, APRIL, JUNI = Bulan(2026, 3), Bulan(2026, 4), Bulan(2026, 6)
migrasi = importlib.import_module("transaksi.migrations.0027_isi_hari_kerja")


def antrean(pengunjung, petugas, diajukan, diputuskan):
    """A submission at `diajukan` decided complete at `diputuskan` (WIB tuples)."""
    with pada(*diajukan):
        t = pabrik.transaksi_diajukan(pengunjung)
    with pada(*diputuskan):
        return services.nyatakan_lengkap(t, petugas)


def berhenti(t, jam=Jam.PERIKSA):
    return t.riwayat.get(jenis=R.JAM_BERHENTI, jam=jam)


@pytest.fixture
def april_antrean(pengunjung, petugas):
    return [
        # Friday 16.00 → Tuesday: Monday is day 1, Tuesday day 2 (4 calendar days).
        antrean(pengunjung, petugas, (2026, 4, 10, 16, 0), (2026, 4, 14, 10, 0)),
        # Thursday 2 April → Wednesday 8 April over Good Friday: day 3, within.
        antrean(pengunjung, petugas, (2026, 4, 2, 10, 0), (2026, 4, 8, 10, 0)),
        # Monday 13 April → Monday 20 April: day 5, a breach (7 calendar days).
        antrean(pengunjung, petugas, (2026, 4, 13, 9, 0), (2026, 4, 20, 10, 0)),
    ]


def test_keputusan_selasa_atas_pengajuan_jumat_sore_dua_hari_kerja(april_antrean):
    assert [berhenti(t).hari_kerja_ke for t in april_antrean] == [2, 3, 5]


def test_median_dan_p90_dalam_hari_kerja(april_antrean):
    k = mutu.kepatuhan(mutu.PER_KODE["pemeriksaan"], APRIL)
    assert (k.kasus, k.dalam) == (3, 2)
    # 2, 3 and 5 working days: the median 3, P90 3 + 0.8 × 2.
    assert k.median == pytest.approx(3) and k.p90 == pytest.approx(4.6)
    assert (k.median_tampil, k.p90_tampil) == ("3 hari kerja", "4,6 hari kerja")
    [p] = k.pelanggaran
    assert p.durasi_tampil == "5 hari kerja" and p.lewat > 0


def test_dasbor_menampilkan_hari_kerja(april_antrean, supervisor, klien_untuk):
    r = klien_untuk(supervisor).get(reverse("penilaian:dasbor"), {"bulan": "2026-04"})
    baris = r.text.split('id="kepatuhan-pemeriksaan"')[1].split("</tr>")[0]
    assert "3 hari kerja" in baris and "4,6 hari kerja" in baris and " hari<" not in baris
    pelanggaran = r.text.split('id="pelanggaran-pemeriksaan"')[1].split("</details>")[0]
    assert ">5 hari kerja<" in pelanggaran
    # A fixed-time standard keeps its minutes.
    assert "hari kerja" not in r.text.split('id="kepatuhan-penilaian"')[1].split("</tr>")[0]


def test_satu_kasus_jumat_ke_selasa_terbaca_dua_hari_kerja(pengunjung, petugas, supervisor, klien_untuk):
    antrean(pengunjung, petugas, (2026, 4, 10, 16, 0), (2026, 4, 14, 10, 0))
    r = klien_untuk(supervisor).get(reverse("penilaian:dasbor"), {"bulan": "2026-04"})
    baris = r.text.split('id="kepatuhan-pemeriksaan"')[1].split("</tr>")[0]
    assert ">2 hari kerja<" in baris and "4 hari" not in baris and "100,0%" in baris


def test_cuti_bersama_idul_fitri_tidak_dihitung(pengunjung, petugas):
    # Tuesday 17 March → Monday 30 March: 18–24 March are holidays and cuti
    # bersama, so 25, 26, 27 and 30 March are days 1–4: a breach of 3 working days.
    t = antrean(pengunjung, petugas, (2026, 3, 17, 10, 0), (2026, 3, 30, 10, 0))
    k = mutu.kepatuhan(mutu.PER_KODE["pemeriksaan"], MARET)
    assert (k.kasus, k.dalam, k.median_tampil) == (1, 0, "4 hari kerja")
    assert k.pelanggaran[0].durasi_tampil == "4 hari kerja" and berhenti(t).hari_kerja_ke == 4


# Queue waits of June 2026 that broke the 3-working-day standard: (submitted, decided), WIB.
JUNI_TERLAMBAT = (
    # Submitted Friday 22 May: day 3 is Friday 29 May (27–28 May are Idul Adha
    # and its cuti bersama), deadline 16.00. Decided Tuesday 2 June: 30–31 May
    # are the weekend and Vesak, Monday 1 June Hari Lahir Pancasila, so the
    # decision came on the first working day after the deadline (4,8 calendar days).
    ((2026, 5, 22, 10, 0), (2026, 6, 2, 10, 0)),
    # Submitted Monday 25 May: day 3 is Tuesday 2 June, deadline 15.30.
    # Decided Thursday 4 June at 8.00: two working days late in 1,7 calendar days.
    ((2026, 5, 25, 10, 0), (2026, 6, 4, 8, 0)),
    # Submitted Monday 1 June (a holiday: day 1 is Tuesday), deadline Thursday
    # 4 June 15.30, decided that evening: late by hours on the deadline's own day.
    ((2026, 6, 1, 10, 0), (2026, 6, 4, 17, 45)),
)


def test_keterlambatan_dalam_hari_kerja_seperti_papan_tenggat(pengunjung, petugas, supervisor, klien_untuk):
    """A breach of a working-day standard is late by working days on the
    office calendar (hours on the deadline's own day), as the deadline board
    says it, the worst first; not by calendar days."""
    for diajukan, diputuskan in JUNI_TERLAMBAT:
        antrean(pengunjung, petugas, diajukan, diputuskan)

    def lewat():
        return " | ".join(p.lewat_tampil for p in mutu.kepatuhan(mutu.PER_KODE["pemeriksaan"], JUNI).pelanggaran)

    assert id_dan_en(lewat) == (
        "2 hari kerja | 1 hari kerja | 2 jam 15 menit",
        "2 working days | 1 working day | 2 hours 15 minutes",
    )
    r = klien_untuk(supervisor).get(reverse("penilaian:dasbor"), {"bulan": "2026-06"})
    daftar = r.text.split('id="pelanggaran-pemeriksaan"')[1].split("</details>")[0]
    assert '<td class="text-end">1 hari kerja</td>' in daftar and "4,8 hari" not in daftar


@pytest.fixture
def diserahkan_berjeda(pengunjung, petugas):
    """Complete Fri 13 March; paused for payment Tue 17 March (Monday used),
    resumed Mon 30 March; handed over Mon 13 April, its 10th working day."""
    t = lengkap(pengunjung, petugas)
    t = tagihan(t, petugas, 2026, 3, 17, 11, 0)
    t = bukti(t, pengunjung, 2026, 3, 30, 9, 0)
    with pada(2026, 3, 31, 10, 0):
        t = pembayaran.verifikasi_pembayaran(t, petugas)
    with pada(2026, 4, 13, 15, 0):
        return penyerahan.serahkan_produk(t, petugas, [pabrik.berkas_pdf("hasil.pdf")])


def test_jam_penyerahan_berjeda_hanya_hari_berjalan(diserahkan_berjeda):
    # 1 day before the pause, 9 since the resume (Good Friday not among them).
    assert berhenti(diserahkan_berjeda, Jam.PROSES).hari_kerja_ke == 10
    k = mutu.kepatuhan(mutu.PER_KODE["penyerahan"], APRIL)
    assert (k.kasus, k.dalam, k.median_tampil) == (1, 1, "10 hari kerja")


def test_target_internal_dalam_hari_kerja(diserahkan_berjeda):
    # The invoice: entered Fri 13 March, issued Tue 17 March (day 2); the
    # proof's check: sent Mon 30 March, verified Tue 31 March (day 1).
    target = dict(diserahkan_berjeda.riwayat.filter(jenis=R.TARGET_SELESAI).values_list("dari", "hari_kerja_ke"))
    assert target == {"menunggu_tagihan": 2, "menunggu_verifikasi": 1}
    [tagih, verifikasi] = mutu.semua_target(MARET)
    assert (tagih.median_tampil, verifikasi.median_tampil) == ("2 hari kerja", "1 hari kerja")


def test_laporan_dan_berkasnya_dalam_hari_kerja(
    april_antrean, supervisor, klien_untuk, django_capture_on_commit_callbacks
):
    klien = klien_untuk(supervisor)
    lap = _buat_laporan("2026-04", supervisor, klien, django_capture_on_commit_callbacks)
    halaman = klien.get(reverse("penilaian:laporan_detail", args=[lap.pk])).text
    assert ">3 hari kerja<" in halaman and ">4,6 hari kerja<" in halaman
    wb = load_workbook(io.BytesIO(b"".join(klien.get(f"/penilaian/laporan/{lap.pk}/xlsx/").streaming_content)))
    lembar = wb["Kepatuhan SOP"]
    kepala = [c.value for c in lembar[1]]
    assert kepala == laporan.KOLOM_KEPATUHAN
    baris = {r[1]: dict(zip(kepala, r, strict=True)) for r in lembar.iter_rows(min_row=2, values_only=True)}
    antre = baris["Antrean pemeriksaan persyaratan"]
    assert (antre["Median (hari kerja)"], antre["P90 (hari kerja)"], antre["Median (detik)"]) == (3, 4.6, None)
    csv = b"".join(klien.get(reverse("penilaian:laporan_unduh", args=[lap.pk, "csv"])).streaming_content)
    assert "Antrean pemeriksaan persyaratan (3 hari kerja): median,3 hari kerja" in csv.decode("utf-8-sig")


def test_migrasi_mengisi_hari_kerja_baris_lama(april_antrean, diserahkan_berjeda):
    stop = RiwayatTransaksi.objects.filter(jenis__in=(R.JAM_BERHENTI, R.TARGET_SELESAI))
    harapan = dict(stop.values_list("pk", "hari_kerja_ke"))
    assert len(harapan) == 7 and None not in harapan.values()
    # As the rows were before the column: emptied through the plain manager.
    RiwayatTransaksi._base_manager.update(hari_kerja_ke=None)
    migrasi.isi_hari_kerja(apps, None, ukuran=2)  # several chunks
    assert dict(stop.values_list("pk", "hari_kerja_ke")) == harapan


def test_migrasi_terputus_dilanjutkan_dari_baris_yang_masih_kosong(april_antrean, diserahkan_berjeda, monkeypatch):
    stop = RiwayatTransaksi.objects.filter(jenis__in=(R.JAM_BERHENTI, R.TARGET_SELESAI))
    harapan = dict(stop.values_list("pk", "hari_kerja_ke"))
    RiwayatTransaksi._base_manager.update(hari_kerja_ke=None)
    asli, panggilan = migrasi._isi_potongan, []

    def putus_di_potongan_kedua(R, baris):
        panggilan.append(len(baris))
        if len(panggilan) == 2:
            raise RuntimeError("koneksi terputus")
        asli(R, baris)

    monkeypatch.setattr(migrasi, "_isi_potongan", putus_di_potongan_kedua)
    with pytest.raises(RuntimeError):
        migrasi.isi_hari_kerja(apps, None, ukuran=2)
    terisi = {pk for pk, hari in stop.values_list("pk", "hari_kerja_ke") if hari is not None}
    assert 0 < len(terisi) < len(harapan)
    # Each chunk commits on its own (not one transaction over the history); a rerun fills the rest.
    assert migrasi.Migration.atomic is False
    monkeypatch.setattr(migrasi, "_isi_potongan", asli)
    migrasi.isi_hari_kerja(apps, None, ukuran=2)
    assert dict(stop.values_list("pk", "hari_kerja_ke")) == harapan


def test_migrasi_mengisi_baris_yang_ditulis_selama_berjalan(april_antrean, monkeypatch):
    """The history stays writable during the fill: a stop the site (still the
    code from before the column) writes meanwhile is filled too."""
    RiwayatTransaksi._base_manager.update(hari_kerja_ke=None)
    contoh = berhenti(april_antrean[0])
    asli, baru = migrasi._isi_potongan, []

    def situs_menulis_saat_potongan_pertama(model, baris):
        if not baru:
            kolom = {"jenis": R.JAM_BERHENTI, "jam": contoh.jam, "waktu": contoh.waktu, "kantor": contoh.kantor}
            baru.append(RiwayatTransaksi._base_manager.create(transaksi=contoh.transaksi, **kolom))
        asli(model, baris)

    monkeypatch.setattr(migrasi, "_isi_potongan", situs_menulis_saat_potongan_pertama)
    migrasi.isi_hari_kerja(apps, None, ukuran=2)
    baru[0].refresh_from_db()
    assert (berhenti(april_antrean[1]).hari_kerja_ke, baru[0].hari_kerja_ke) == (3, 2)


def test_keterlambatan_jam_penyerahan_tidak_termasuk_waktu_menunggu_pembayaran(
    pengunjung, petugas, supervisor, klien_untuk
):
    """A delivery clock paused after its deadline had passed is no later for
    the weeks the visitor took to pay: the board and the dashboard state the
    working days the clock ran past its 10, as its duration reads."""
    with pada(2026, 12, 21, 10, 0):
        t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung), petugas)
    # Deadline Fri 8 Jan 2027 16.00 (Tue 5 Jan is Isra' Mi'raj); invoiced late on
    # Tue 12 Jan 11.00: 11 days used (Mon 11 Jan past the deadline), then paused.
    t = tagihan(t, petugas, 2027, 1, 12, 11, 0)
    assert t.jam_hari_terpakai == 11
    t = bukti(t, pengunjung, 2027, 2, 1, 9, 0)
    with pada(2027, 2, 3, 10, 0):
        papan = klien_untuk(petugas).get(reverse("transaksi:tenggat")).text
    # Ran past its deadline on Mon 11 Jan, then on Tue 2 and Wed 3 Feb since the resume.
    assert "terlambat 3 hari kerja" in papan
    with pada(2027, 2, 3, 10, 0):
        t = pembayaran.verifikasi_pembayaran(t, petugas)
        penyerahan.serahkan_produk(t, petugas, [pabrik.berkas_pdf("hasil.pdf")])
    [p] = mutu.kepatuhan(mutu.PER_KODE["penyerahan"], Bulan(2027, 2)).pelanggaran
    assert (p.durasi_tampil, p.lewat_tampil) == ("13 hari kerja", "3 hari kerja")


def test_jam_dihentikan_pembatalan_bukan_kasus_kecuali_sudah_lewat_batas(pengunjung, petugas, supervisor, klien_untuk):
    """A clock stopped by a cancellation brought no completeness decision
    and no hand-over: before its deadline it is no case of step 5 or 7 (it
    was not "within" them); after its deadline the wait stays a breach. An
    officer cancelling a submitted request decided on it: a step-5 case."""
    # Complete Fri 13 March (its queue wait decided at once), cancelled by the
    # visitor on Mon 16 March while the invoice was awaited: nothing handed over.
    t = lengkap(pengunjung, petugas)
    with pada(2026, 3, 16, 10, 0):
        batalkan(t, pengunjung)
    # Submitted Mon 16 March, cancelled by the visitor the next morning.
    with pada(2026, 3, 16, 10, 0):
        ditarik = pabrik.transaksi_diajukan(pengunjung)
    with pada(2026, 3, 17, 9, 0):
        batalkan(ditarik, pengunjung)
    # Submitted Mon 2 March (deadline Thu 5 March 15.30), still unchecked when
    # the officer cancelled it on Mon 9 March: the visitor waited past 3 working days.
    with pada(2026, 3, 2, 10, 0):
        lama = pabrik.transaksi_diajukan(pengunjung)
    with pada(2026, 3, 9, 10, 0):
        batalkan(lama, petugas, "Pemohon menarik permintaannya lewat telepon.")
    # Submitted Tue 10 March, cancelled by the officer the next day because the
    # request does not match its abstract: their decision, within 3 working days.
    with pada(2026, 3, 10, 10, 0):
        ditolak = pabrik.transaksi_diajukan(pengunjung)
    with pada(2026, 3, 11, 10, 0):
        batalkan(ditolak, petugas, "Abstraksi penggunaan data tidak sesuai dengan permintaan.")

    antre, serah = mutu.kepatuhan_banyak([mutu.PER_KODE["pemeriksaan"], mutu.PER_KODE["penyerahan"]], MARET)
    assert (antre.kasus, antre.dalam, serah.kasus, serah.dalam) == (3, 2, 0, 0)
    assert [p.rujukan for p in antre.pelanggaran] == [f"Transaksi {lama.nomor}"]
    assert mutu.kepatuhan_per_kantor(mutu.STANDAR, MARET)[lama.kantor_id]["pemeriksaan"] == (3, 2)
    # Nor was an invoice issued within the office's target.
    assert mutu.kepatuhan(mutu.PER_KODE["target_tagihan"], MARET).kasus == 0
    r = klien_untuk(supervisor).get(reverse("penilaian:dasbor"), {"bulan": "2026-03"})
    assert "66,7%" in r.text.split('id="kepatuhan-pemeriksaan"')[1].split("</tr>")[0]
    assert "100,0%" not in r.text.split('id="kepatuhan-penyerahan"')[1].split("</tr>")[0]


def test_daftar_terparah_memuat_yang_paling_lama_terlambat_dalam_hari_kerja(pengunjung):
    """When a step has more breaches than the list shows, the ones shown are
    the latest in working days, as the list is ordered: a delivery clock 5
    working days past its 10 is shown before one paused after its deadline
    whose visitor took weeks to pay (1 working day past its 10)."""
    from tests.penilaian.conftest import _jam, _w

    parah, berjeda = (
        Transaksi.objects.create(nomor=f"PST-UJI-{i}", pemohon=pengunjung, keperluan="uji") for i in (1, 2)
    )
    batas = _w(16, 15, 30)  # Thu 16 April, the 10th working day after Wed 1 April (Good Friday closed)
    # Handed over Thu 23 April, its 15th working day: 5 working days late, 7 calendar days.
    _jam(parah, Jam.PROSES, _w(1), 22, batas)
    # Paused on its deadline's day, paid weeks later, handed over on its 11th working day, Wed 29 April.
    _jam(berjeda, Jam.PROSES, _w(1), 28, batas, jeda_hari=13, hari_kerja_ke=11)
    k = mutu.kepatuhan(mutu.PER_KODE["penyerahan"], APRIL, batas_daftar=1)
    assert k.jumlah_pelanggaran == 2
    assert [(p.rujukan, p.lewat_tampil) for p in k.pelanggaran] == [("Transaksi PST-UJI-1", "5 hari kerja")]
