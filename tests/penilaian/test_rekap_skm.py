"""The SKM respondent profile, asked with every rating, and the month's
recapitulation in PermenPANRB 14/2017's shape — checked against a hand
computation."""

import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from antrian.models import Layanan
from conftest import buat_pengguna
from penilaian import laporan, rekap_skm, services
from penilaian.models import Penilaian, RencanaTindakLanjut
from pst_layanan.kalender import WIB
from pst_layanan.models import kantor_bawaan
from pst_layanan.periode import Bulan
from pst_layanan.roles import PENGAWAS_PROVINSI, SUPERVISOR
from tests.penilaian.conftest import SEMUA_4, buat_penilaian_massal, tiket_selesai

pytestmark = pytest.mark.django_db

MARET = Bulan(2026, 3)

# Four respondents of March 2026 (U1..U9) and their profiles; the fourth answered no profile question.
RESPONDEN = [
    (
        [4, 4, 3, 4, 3, 4, 4, 3, 3],
        {"jenis_kelamin": "L", "kelompok_umur": "u30", "pendidikan": "s1", "pekerjaan": "pns"},
    ),
    (
        [3, 3, 3, 4, 3, 3, 4, 3, 2],
        {"jenis_kelamin": "P", "kelompok_umur": "u40", "pendidikan": "s2", "pekerjaan": "swasta"},
    ),
    (
        [4, 3, 2, 4, 3, 4, 4, 3, 3],
        {"jenis_kelamin": "P", "kelompok_umur": "u20", "pendidikan": "sma", "pekerjaan": "lainnya"},
    ),
    ([3, 4, 3, 4, 4, 3, 3, 3, 3], {}),
]
# By hand: sums per element 14 14 11 16 13 14 15 12 11 over 4 respondents.
NRR = ["3.500", "3.500", "2.750", "4.000", "3.250", "3.500", "3.750", "3.000", "2.750"]
NRR_TERTIMBANG = ["0.3889", "0.3889", "0.3056", "0.4444", "0.3611", "0.3889", "0.4167", "0.3333", "0.3056"]
# Σ NRR = 30.000; index = 30 / 9 = 3.3333; IKM = 3.3333… × 25 = 83.33 → band B (76.61–88.30).
# The weighted NRRs shown add up to 3.3334: the page and the spreadsheet say the index sums the exact ones.
CATATAN = "Indeks dijumlahkan dari NRR tertimbang yang belum dibulatkan"


def _skor(daftar):
    return {f"u{i}": s for i, s in enumerate(daftar, start=1)}


@pytest.fixture
def maret_berprofil(pengunjung, petugas):
    """Four walk-ins served on working days of March 2026, each rated 30 minutes later;
    plus one April rating that must not count."""
    for hari, (skor, profil) in zip((2, 3, 4, 5), RESPONDEN, strict=True):
        pada = datetime(2026, 3, hari, 9, 0, tzinfo=WIB)
        tiket = tiket_selesai(pengunjung, petugas, pada=pada)
        with time_machine.travel(pada + timedelta(minutes=30), tick=False):
            services.beri_penilaian_kunjungan(tiket.token, _skor(skor), profil=profil)
    april = tiket_selesai(pengunjung, petugas, pada=datetime(2026, 4, 7, 9, 0, tzinfo=WIB))
    with time_machine.travel(datetime(2026, 4, 7, 9, 30, tzinfo=WIB), tick=False):
        services.beri_penilaian_kunjungan(april.token, SEMUA_4, profil={"jenis_kelamin": "L"})


def test_rekap_sesuai_hitungan_tangan(maret_berprofil, django_assert_num_queries):
    with django_assert_num_queries(4):
        r = rekap_skm.susun(MARET)
    assert r.hasil.responden == 4
    assert [str(n.nrr_tampil) for n in r.hasil.unsur] == NRR
    assert [str(n.nrr_tertimbang) for n in r.hasil.unsur] == NRR_TERTIMBANG
    assert (r.indeks, r.hasil.ikm, r.hasil.mutu.huruf, r.hasil.mutu.kinerja) == (
        Decimal("3.3333"),
        Decimal("83.33"),
        "B",
        "Baik",
    )
    profil = {p.kolom: {b.kode: b.jumlah for b in p.baris} for p in r.profil}
    assert profil["jenis_kelamin"] == {"L": 1, "P": 2, "": 1}
    assert profil["kelompok_umur"] == {"u20": 1, "u30": 1, "u40": 1, "u50": 0, "u51": 0, "": 1}
    assert profil["pendidikan"] == {"sd": 0, "smp": 0, "sma": 1, "d3": 0, "s1": 1, "s2": 1, "s3": 0, "": 1}
    assert profil["pekerjaan"] == {"pns": 1, "tni": 0, "polri": 0, "swasta": 1, "wirausaha": 0, "lainnya": 1, "": 1}
    assert r.profil[0].baris[1].persen == Decimal("50.00")


def test_profil_menyebut_jenis_layanan_yang_diterima(maret_berprofil, pengunjung, supervisor, klien_untuk):
    """The questionnaire's profile records the service received beside sex, age,
    education and occupation: the recapitulation counts the respondents per
    service rated, every open service listed, a closed one only when rated."""
    konsultasi = Layanan.objects.create(kode="K", nama="Konsultasi Statistik", urutan=2)
    Layanan.objects.create(kode="X", nama="Layanan lama", aktif=False)
    [p] = buat_penilaian_massal(pengunjung, [[4] * 9], datetime(2026, 3, 6, 10, 0, tzinfo=WIB))
    Penilaian.objects.filter(pk=p.pk).update(layanan=konsultasi)
    r = rekap_skm.susun(MARET)
    [layanan] = [p for p in r.profil if p.kolom == "layanan"]
    assert layanan.judul == "Jenis layanan yang diterima"
    jumlah = {b.kode: (b.jumlah, b.persen) for b in layanan.baris}
    assert jumlah["B"] == (4, Decimal("80.00")) and jumlah["K"] == (1, Decimal("20.00"))
    assert "X" not in jumlah

    klien = klien_untuk(supervisor)
    html = klien.get(reverse("penilaian:skm"), {"bulan": "2026-03"}).text
    assert "Jenis layanan yang diterima" in html
    assert '<td>Konsultasi Statistik</td><td class="text-end">1</td><td class="text-end">20,00</td>' in html
    xlsx = klien.get(reverse("penilaian:skm_xlsx"), {"bulan": "2026-03"})
    profil = list(load_workbook(io.BytesIO(xlsx.content))["Profil responden"].iter_rows(values_only=True))
    assert ("Jenis layanan yang diterima", "Konsultasi Statistik", 1, 20.0) in profil


def test_halaman_rtl_dan_xlsx(maret_berprofil, supervisor, petugas, klien_untuk, django_assert_max_num_queries):
    klien = klien_untuk(supervisor)
    url = reverse("penilaian:skm")
    klien.get(url, {"bulan": "2026-03"})
    with django_assert_max_num_queries(9):
        html = klien.get(url, {"bulan": "2026-03"}).text
    assert "Periode survei: Maret 2026 · 4 responden" in html
    assert '<td class="text-end">3,500</td><td class="text-end">0,3889</td>' in html
    assert (
        '<td class="text-end">3,3333</td>' in html
        and f'<p class="small text-muted" id="catatan-pembulatan">{CATATAN}' in html
    )
    assert '<td class="text-end" id="nilai-ikm">83,33</td>' in html and "B (Baik)" in html
    assert '<td>Perempuan</td><td class="text-end">2</td><td class="text-end">50,00</td>' in html

    r = klien.post(f"{url}?bulan=2026-03", {"isi": "   "})
    assert r.status_code == 200 and "Tuliskan rencana tindak lanjut." in r.text
    r = klien.post(f"{url}?bulan=2026-03", {"isi": "=Perbaiki penanganan pengaduan (U9): kotak saran daring."})
    assert r.status_code == 302 and r.url == f"{url}?bulan=2026-03"
    assert klien_untuk(petugas).post(f"{url}?bulan=2026-03", {"isi": "x"}).status_code == 403

    xlsx = klien_untuk(supervisor).get(reverse("penilaian:skm_xlsx"), {"bulan": "2026-03"})
    assert xlsx["Content-Disposition"] == 'attachment; filename="rekap-skm-1700-2026-03.xlsx"'
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.sheetnames == ["Profil responden", "Rekapitulasi IKM", "Data responden"]
    rekap = [[c for c in baris if c is not None] for baris in wb["Rekapitulasi IKM"].iter_rows(values_only=True)]
    assert rekap[0] == ["Unit pelayanan", "1700 BPS Provinsi Bengkulu"]
    assert rekap[1] == ["Periode survei", "Maret 2026"] and rekap[2] == ["Jumlah responden", 4]
    assert rekap[4] == ["U1", "Persyaratan", 14, 3.5, "1/9", 0.3889]
    assert any(b[0].startswith(CATATAN) for b in rekap if len(b) == 1)
    ringkas = {b[0]: b[1] for b in rekap if len(b) == 2}
    assert ringkas["IKM unit pelayanan (konversi × 25)"] == 83.33
    assert ringkas["Mutu pelayanan"] == "B (Baik)"
    assert ringkas["Rencana tindak lanjut"] == "'=Perbaiki penanganan pengaduan (U9): kotak saran daring."
    data = list(wb["Data responden"].iter_rows(values_only=True))
    assert data[0][:2] == ("No", "U1") and [list(b[1:]) for b in data[1:]] == [s for s, _ in RESPONDEN]
    profil = list(wb["Profil responden"].iter_rows(values_only=True))
    assert ("Jenis kelamin", "Perempuan", 2, 50.0) in profil


def test_xlsx_dalam_bahasa_pembaca(maret_berprofil, supervisor, klien_untuk):
    supervisor.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    xlsx = klien_untuk(supervisor).get(reverse("penilaian:skm_xlsx"), {"bulan": "2026-03"})
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.sheetnames == ["Respondent profile", "IKM recap", "Respondent data"]
    rekap = [[c for c in baris if c is not None] for baris in wb["IKM recap"].iter_rows(values_only=True)]
    assert rekap[0][0] == "Service unit" and rekap[1][0] == "Survey period"
    assert rekap[2] == ["Number of respondents", 4]
    assert rekap[3] == ["Code", "Service element", "Total score", "NRR", "Weight", "Weighted NRR"]
    assert rekap[4] == ["U1", "Requirements", 14, 3.5, "1/9", 0.3889]
    assert [
        "The index is summed from the unrounded weighted NRRs, so it may differ slightly from the sum of the weighted NRRs shown."
    ] in rekap
    ringkas = {b[0]: b[1] for b in rekap if len(b) == 2}
    for label in ("Index (Σ weighted NRR, 1–4)", "Service unit IKM (conversion × 25)", "Service quality grade"):
        assert label in ringkas
    assert next(wb["Respondent data"].iter_rows(values_only=True))[:2] == ("No.", "U1")
    profil = list(wb["Respondent profile"].iter_rows(values_only=True))
    assert profil[0] == ("Characteristic", "Category", "Count", "Percent (%)")


def test_semua_4_nrr_tertimbang_empat_desimal_dan_catatan_pembulatan(pengunjung, petugas, supervisor, klien_untuk):
    """All 4s: each weighted NRR is 4/9 = 0,4444 (nine of them add up to 3,9996)
    while the index, summed from the exact values, is 4,0000 — the note says why."""
    pada = datetime(2026, 3, 2, 9, 0, tzinfo=WIB)
    tiket = tiket_selesai(pengunjung, petugas, pada=pada)
    with time_machine.travel(pada + timedelta(minutes=30), tick=False):
        services.beri_penilaian_kunjungan(tiket.token, SEMUA_4)
    r = rekap_skm.susun(MARET)
    assert {str(n.nrr_tertimbang) for n in r.hasil.unsur} == {"0.4444"} and r.indeks == Decimal("4.0000")
    html = klien_untuk(supervisor).get(reverse("penilaian:skm"), {"bulan": "2026-03"}).text
    assert html.count('<td class="text-end">0,4444</td>') == 9 and '<td class="text-end">4,0000</td>' in html
    assert CATATAN in html


def test_tanpa_selisih_pembulatan_tanpa_catatan(pengunjung, petugas, supervisor, klien_untuk):
    """0,3889 × 8 + 0,4444 = 3,5556, the index itself: nothing to explain."""
    for jam, skor in enumerate([{**dict.fromkeys(SEMUA_4, 3), "u9": 4}, SEMUA_4]):
        pada = datetime(2026, 3, 2, 9 + jam, 0, tzinfo=WIB)
        tiket = tiket_selesai(pengunjung, petugas, pada=pada)
        with time_machine.travel(pada + timedelta(minutes=30), tick=False):
            services.beri_penilaian_kunjungan(tiket.token, skor)
    r = rekap_skm.susun(MARET)
    assert sum(n.nrr_tertimbang for n in r.hasil.unsur) == r.indeks == Decimal("3.5556")
    assert r.catatan_pembulatan == ""
    assert CATATAN not in klien_untuk(supervisor).get(reverse("penilaian:skm"), {"bulan": "2026-03"}).text


def test_surel_bulanan_memakai_rekap_yang_sama(maret_berprofil, supervisor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert laporan.kirim_laporan_bulan_lalu(date(2026, 4, 1)) is not None
    isi = next(m.body for m in mail.outbox if "Maret 2026" in m.subject)
    assert "- U3 Waktu penyelesaian: NRR 2,750, tertimbang 0,3056" in isi
    assert f"Indeks 3,3333, konversi IKM 83,33, mutu B. {CATATAN}" in isi
    assert "/penilaian/skm/xlsx/?bulan=2026-03" in isi and "Buku tamu PST Maret 2026 (format BPS): 4 kunjungan." in isi


def test_profil_ditanya_di_halaman_tiket_dan_disimpan_apa_adanya(pengunjung, petugas, client):
    tiket = tiket_selesai(pengunjung, petugas)
    url = reverse("penilaian:nilai_tiket", args=[tiket.token])
    html = client.get(url).text
    assert "Profil responden (boleh tidak dijawab)" in html and 'name="kelompok_umur"' in html
    skor = {k: str(v) for k, v in SEMUA_4.items()}
    r = client.post(url, {**skor, "pekerjaan": "astronot"})
    assert "Masukkan pilihan yang valid." in r.text and not Penilaian.objects.exists()
    client.post(url, {**skor, "jenis_kelamin": "P", "pekerjaan": "wirausaha"})
    p = Penilaian.objects.get()
    assert (p.jenis_kelamin, p.kelompok_umur, p.pendidikan, p.pekerjaan) == ("P", "", "", "wirausaha")
    # The answer, not the account: the visitor's profile says something else.
    assert pengunjung.jenis_kelamin != "P"


def test_profil_pada_penilaian_transaksi(diserahkan, pengunjung, klien_untuk):
    url = reverse("penilaian:nilai_transaksi", args=[diserahkan.nomor])
    klien = klien_untuk(pengunjung)
    assert 'name="pendidikan"' in klien.get(url).text
    skor = {k: str(v) for k, v in SEMUA_4.items()}
    assert klien.post(url, {**skor, "pendidikan": "s3", "kelompok_umur": "u51"}).status_code == 302
    p = Penilaian.objects.get(transaksi=diserahkan)
    assert (p.pendidikan, p.kelompok_umur, p.jenis_kelamin) == ("s3", "u51", "")


def test_layanan_menolak_kode_profil_asing(pengunjung, petugas):
    from django.core.exceptions import ValidationError

    tiket = tiket_selesai(pengunjung, petugas)
    with pytest.raises(ValidationError) as galat:
        services.beri_penilaian_kunjungan(tiket.token, SEMUA_4, profil={"kelompok_umur": "u99"})
    assert galat.value.message_dict == {"kelompok_umur": ["Pilih jawaban umur dari daftar."]}
    assert not Penilaian.objects.exists()


def test_rtl_per_kantor_tidak_saling_menimpa(maret_berprofil, kota, supervisor, klien_untuk):
    """Each recapitulation has its own plan: the province's (province supervisor),
    the provincial office's and Kota Bengkulu's; none overwrites another."""
    url = reverse("penilaian:skm")
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    sup_kota = buat_pengguna("supervisor1771@bps.go.id", SUPERVISOR)
    sup_kota.kantor.add(kota)
    for user, isi in ((pengawas, "Rencana provinsi"), (supervisor, "Rencana kantor 1700"), (sup_kota, "Rencana kota")):
        r = klien_untuk(user).post(f"{url}?bulan=2026-03", {"isi": isi})
        assert r.status_code == 302 and r.url == f"{url}?bulan=2026-03"
    rencana = dict(RencanaTindakLanjut.objects.values_list("kantor__kode", "isi"))
    assert rencana == {None: "Rencana provinsi", "1700": "Rencana kantor 1700", "1771": "Rencana kota"}

    def tampil(user, kueri=""):
        html = klien_untuk(user).get(f"{url}?bulan=2026-03{kueri}").text
        return [isi for isi in rencana.values() if isi in html]

    assert tampil(pengawas) == ["Rencana provinsi"]
    assert tampil(supervisor) == ["Rencana kantor 1700"]
    assert tampil(sup_kota) == ["Rencana kota"]
    assert tampil(pengawas, "&kantor=1771") == ["Rencana kota"]
    # The province supervisor writes one office's plan through ?kantor=, and comes back to it.
    r = klien_untuk(pengawas).post(f"{url}?bulan=2026-03&kantor=1771", {"isi": "Rencana kota, diperbaiki"})
    assert r.url == f"{url}?bulan=2026-03&kantor=1771"
    assert RencanaTindakLanjut.objects.get(kantor=kota).isi == "Rencana kota, diperbaiki"
    assert RencanaTindakLanjut.objects.get(kantor=None).isi == "Rencana provinsi"
    # An office supervisor reaches neither another office's plan nor the province's.
    assert klien_untuk(sup_kota).post(f"{url}?bulan=2026-03&kantor=1700", {"isi": "x"}).status_code == 404
    assert RencanaTindakLanjut.objects.get(kantor__kode="1700").isi == "Rencana kantor 1700"
    # The spreadsheet carries the plan of the recapitulation it holds.
    xlsx = klien_untuk(sup_kota).get(reverse("penilaian:skm_xlsx"), {"bulan": "2026-03"})
    baris = load_workbook(io.BytesIO(xlsx.content))["Rekapitulasi IKM"].iter_rows(values_only=True)
    assert ("Rencana tindak lanjut", "Rencana kota, diperbaiki") in [b[:2] for b in baris]


def test_rtl_hanya_untuk_kantor_sendiri(kota, supervisor):
    with pytest.raises(services.PenilaianDitolak, match="bukan untuk kantor Anda"):
        services.simpan_rencana_tindak_lanjut(MARET, supervisor, "Rencana", kota.pk)
    with pytest.raises(services.PenilaianDitolak, match="bukan untuk kantor Anda"):
        services.simpan_rencana_tindak_lanjut(MARET, supervisor, "Rencana", None)
    rencana = services.simpan_rencana_tindak_lanjut(MARET, supervisor, "Rencana", kantor_bawaan())
    assert rencana.kantor_id == kantor_bawaan()


def test_migrasi_rtl_ke_kantor_penulisnya(kota, supervisor):
    """A month's one plan stays where its author's SKM page showed it."""
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migrasi = importlib.import_module("penilaian.migrations.0009_rencana_tindak_lanjut_per_kantor")
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    sup_kota = buat_pengguna("supervisor1771@bps.go.id", SUPERVISOR)
    sup_kota.kantor.add(kota)
    for bulan, penulis in ((1, pengawas), (2, supervisor), (3, sup_kota)):
        RencanaTindakLanjut.objects.create(bulan=date(2026, bulan, 1), isi="Rencana", diubah_oleh=penulis)
    keadaan = MigrationExecutor(connection).loader.project_state(("penilaian", "0009_rencana_tindak_lanjut_per_kantor"))
    migrasi.pindahkan_ke_kantor_penulis(keadaan.apps, None)
    hasil = dict(RencanaTindakLanjut.objects.values_list("bulan__month", "kantor__kode"))
    assert hasil == {1: None, 2: "1700", 3: "1771"}


def test_xlsx_menyebut_kantornya_di_nama_dan_isinya(maret_berprofil, kota, klien_untuk):
    """The province supervisor downloads each office's recapitulation and the
    province's: each file's name carries its office's BPS code (as the monthly
    reports' do) and its sheet names the service unit, so files saved or
    forwarded together are not mixed up."""
    klien = klien_untuk(buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI))
    for kueri, nama, unit, responden in (
        ({"kantor": "1771"}, "rekap-skm-1771-2026-03.xlsx", "1771 BPS Kota Bengkulu", 0),
        ({"kantor": "1700"}, "rekap-skm-1700-2026-03.xlsx", "1700 BPS Provinsi Bengkulu", 4),
        ({}, "rekap-skm-2026-03.xlsx", "Seluruh kantor se-provinsi", 4),
    ):
        xlsx = klien.get(reverse("penilaian:skm_xlsx"), {"bulan": "2026-03", **kueri})
        assert xlsx["Content-Disposition"] == f'attachment; filename="{nama}"'
        rekap = list(load_workbook(io.BytesIO(xlsx.content))["Rekapitulasi IKM"].iter_rows(values_only=True))
        assert rekap[0][:2] == ("Unit pelayanan", unit) and rekap[2][:2] == ("Jumlah responden", responden)


@time_machine.travel(datetime(2026, 4, 15, 10, 0, tzinfo=WIB), tick=False)
def test_bulan_yang_akan_datang_tidak_direkap_dan_tidak_diberi_rencana(supervisor, klien_untuk):
    """A month to come has no survey yet: the page shows this month and says so,
    its spreadsheet is refused, and no improvement plan is written for it."""
    klien = klien_untuk(supervisor)
    url = reverse("penilaian:skm")
    r = klien.get(url, {"bulan": "2030-01"})
    assert r.status_code == 200
    assert "Survei bulan yang akan datang belum berjalan; ditampilkan bulan ini." in r.text
    assert "April 2026" in r.text and "Januari 2030" not in r.text
    r = klien.post(f"{url}?bulan=2030-01", {"isi": "Rencana untuk 2030"})
    assert not RencanaTindakLanjut.objects.filter(bulan=date(2030, 1, 1)).exists()
    xlsx = klien.get(reverse("penilaian:skm_xlsx"), {"bulan": "2026-05"})
    assert xlsx.status_code == 400
    assert "Survei bulan yang akan datang belum berjalan." in xlsx.text
    with pytest.raises(services.PenilaianDitolak, match="bulan yang akan datang"):
        services.simpan_rencana_tindak_lanjut(Bulan(2026, 5), supervisor, "Rencana", kantor_bawaan())
    # This month's own plan is still written.
    assert services.simpan_rencana_tindak_lanjut(Bulan(2026, 4), supervisor, "Rencana", kantor_bawaan()).isi
