"""The guest book in BPS's codes: desk and online record the same coded
visit, the month's export follows BPS's column order, the visit history and
the dashboard count by code, and an officer corrects what could not be coded."""

import csv
import io
from datetime import datetime
from unittest import mock

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from antrian import bukutamu, ekspor_bukutamu, services
from antrian.models import Kunjungan, LayananKunjungan
from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.models import AksesDataPribadi
from pst_layanan.periode import Bulan
from tests import pabrik
from tests.antrian import ISIAN_MEJA
from tests.dwibahasa import id_dan_en

pytestmark = pytest.mark.django_db

# The columns of BPS's PST guest book, in its order (README, "Guest book and SKM data").
KOLOM_BPS = [
    "No",
    "Tanggal kunjungan",
    "Nama",
    "Jenis kelamin",
    "Tahun lahir",
    "Pendidikan",
    "Pekerjaan",
    "Nama instansi",
    "Kategori instansi",
    "Pemanfaatan utama",
    "Jenis layanan",
    "Sarana",
    "Keperluan / data yang dicari",
]

BIODATA_ONLINE = pabrik.biodata("Sari Perencana", nama_instansi="Bappeda Kota Bengkulu", kategori_instansi="pemda")


def _kode(k: Kunjungan) -> tuple:
    k = Kunjungan.objects.prefetch_related("layanan_digunakan").get(pk=k.pk)
    return k.kategori_instansi, k.pemanfaatan, k.jenis_layanan, k.perlu_koreksi


@pytest.fixture
def sari(db):
    return buat_pengguna("sari@bappeda.id", nama_lengkap="Sari Perencana", kategori_instansi="pemda")


def test_meja_dan_buku_tamu_online_menghasilkan_kode_yang_sama(
    klien_untuk, resepsionis, sari, layanan_b, selalu_buka, django_capture_on_commit_callbacks
):
    meja = klien_untuk(resepsionis)
    data_meja = {
        "pengunjung": sari.pk,
        "layanan": layanan_b.pk,
        "keperluan": "Data IPM untuk RPJMD",
        "bt-pemanfaatan": "pemerintahan",
        "bt-jenis_layanan": ["konsultasi", "berbayar"],
        "bt-sarana": "langsung",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert meja.post(reverse("antrian:meja"), data_meja).status_code == 302
    di_meja = Kunjungan.objects.get()

    online = klien_untuk(sari)
    data_online = {
        "layanan": layanan_b.pk,
        "keperluan": "Data IPM untuk RPJMD",
        "pemanfaatan": "pemerintahan",
        "jenis_layanan": ["berbayar", "konsultasi"],
        **BIODATA_ONLINE,
    }
    assert online.post(reverse("antrian:buku_tamu"), data_online).status_code == 302
    di_web = Kunjungan.objects.exclude(pk=di_meja.pk).get()

    assert _kode(di_meja) == _kode(di_web) == ("pemda", "pemerintahan", ["konsultasi", "berbayar"], False)
    assert (di_meja.sarana, di_web.sarana) == ("langsung", "online")
    # The month's export writes both the same way, apart from the facility and time.
    bulan = f"{di_meja.tiba_pada.astimezone(WIB):%Y-%m}"
    teks = klien_untuk(petugas_baru()).get(reverse("antrian:buku_tamu_bulanan_unduh", args=["csv"]), {"bulan": bulan})
    baris = list(csv.reader(io.StringIO(b"".join(teks.streaming_content).decode("utf-8-sig"))))
    assert [b[8:11] for b in baris[1:]] == [
        ["Pemerintah daerah", "Pemerintahan", "Konsultasi statistik; Produk statistik berbayar"]
    ] * 2
    assert sorted(b[11] for b in baris[1:]) == ["Datang langsung", "Online/website"]


def petugas_baru():
    return buat_pengguna("petugas.ekspor@bps.go.id", "Petugas Layanan")


def test_meja_menolak_tanpa_kode_dan_tidak_mencatat(klien_untuk, resepsionis, sari, layanan_b, selalu_buka):
    data = {"pengunjung": sari.pk, "layanan": layanan_b.pk, **ISIAN_MEJA, "bt-jenis_layanan": [], "bt-pemanfaatan": "x"}
    html = klien_untuk(resepsionis).post(reverse("antrian:meja"), data).content.decode()
    assert "Pilih satu atau lebih jenis layanan." in html and "Pilih pemanfaatan utama" not in html
    assert "Masukkan pilihan yang valid. x bukan salah satu dari pilihan yang tersedia." in html
    assert not Kunjungan.objects.exists()


def test_ekspor_bulanan_kolom_bps_aman_dan_kueri_terbatas(
    klien_untuk, petugas, layanan_b, django_assert_max_num_queries
):
    tamu = buat_pengguna(
        "andi@unib.ac.id",
        nama_lengkap='=HYPERLINK("http://jahat")',
        kategori_instansi="pendidikan",
        jenis_kelamin="L",
        tahun_lahir=2002,
        pendidikan="sma",
        pekerjaan="pelajar",
        nama_instansi="Universitas Bengkulu",
    )
    isian = bukutamu.IsianBukuTamu("tugas", ("perpustakaan", "konsultasi"), "langsung")
    with time_machine.travel(datetime(2026, 3, 10, 9, 30, tzinfo=WIB), tick=False):
        for _ in range(60):
            services.catat_kunjungan_online(tamu, layanan_b, "+Data kemiskinan", isian)
    with time_machine.travel(datetime(2026, 4, 1, 9, 0, tzinfo=WIB), tick=False):
        services.catat_kunjungan_online(tamu, layanan_b, "bulan lain", isian)
    klien = klien_untuk(petugas)
    with django_assert_max_num_queries(10):
        halaman = klien.get(reverse("antrian:buku_tamu_bulanan"), {"bulan": "2026-03"})
    html = halaman.content.decode()
    assert "60 kunjungan" in html and "Halaman 1 dari 2" in html and "Lembaga penelitian &amp; pendidikan" in html

    csv_ = klien.get(reverse("antrian:buku_tamu_bulanan_unduh", args=["csv"]), {"bulan": "2026-03"})
    assert csv_["Content-Disposition"] == 'attachment; filename="buku-tamu-pst-1700-2026-03.csv"'
    # Sent row by row: a month of tens of thousands of visits takes longer to
    # read than the proxy waits for a first byte. Still a private file.
    assert csv_.streaming and csv_["Content-Type"] == "text/csv"
    assert (csv_["X-Content-Type-Options"], csv_["Cache-Control"]) == ("nosniff", "private, no-store")
    baris = list(csv.reader(io.StringIO(b"".join(csv_.streaming_content).decode("utf-8-sig"))))
    assert baris[0] == KOLOM_BPS and len(baris) == 61
    assert baris[1] == [
        "1",
        "2026-03-10 09:30",
        '\'=HYPERLINK("http://jahat")',
        "Laki-laki",
        "2002",
        "SMA/sederajat",
        "Pelajar/Mahasiswa",
        "Universitas Bengkulu",
        "Lembaga penelitian & pendidikan",
        "Tugas sekolah/kuliah",
        "Perpustakaan; Konsultasi statistik",
        "Datang langsung",
        "'+Data kemiskinan",
    ]
    with django_assert_max_num_queries(8):
        xlsx = klien.get(reverse("antrian:buku_tamu_bulanan_unduh", args=["xlsx"]), {"bulan": "2026-03"})
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    assert ws.title == "Buku tamu 2026-03"
    nilai = [[c.value for c in r] for r in ws.iter_rows()]
    assert nilai[0] == KOLOM_BPS and len(nilai) == 61
    assert nilai[1][2] == '\'=HYPERLINK("http://jahat")' and ws.cell(row=2, column=3).data_type == "s"
    assert klien.get(reverse("antrian:buku_tamu_bulanan_unduh", args=["pdf"])).status_code == 404


def test_riwayat_dan_dasbor_menyaring_dan_mengelompokkan_menurut_kode(
    klien_untuk, petugas, supervisor, layanan_b, django_assert_max_num_queries
):
    rencana = [
        ("pendidikan", bukutamu.IsianBukuTamu("tugas", ("perpustakaan",), "online")),
        ("pendidikan", bukutamu.IsianBukuTamu("penelitian", ("konsultasi", "berbayar"), "online")),
        ("swasta", bukutamu.IsianBukuTamu("komersial", ("berbayar",), "online")),
    ]
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=WIB), tick=False):
        for i, (kategori, isian) in enumerate(rencana):
            tamu = buat_pengguna(f"tamu{i}@contoh.id", kategori_instansi=kategori)
            services.catat_kunjungan_online(tamu, layanan_b, "", isian)
    klien = klien_untuk(petugas)
    url = reverse("antrian:riwayat")
    klien.get(url)
    with django_assert_max_num_queries(12):
        html = klien.get(url, {"jenis_layanan": "berbayar"}).content.decode()
    assert "2 kunjungan" in html
    assert "1 kunjungan" in klien.get(url, {"kategori_instansi": "swasta"}).content.decode()
    assert "1 kunjungan" in klien.get(url, {"pemanfaatan": "tugas", "sarana": "online"}).content.decode()
    # Grouping: a visit with two services counts once under each.
    rekap = bukutamu.rekap_kode(Kunjungan.objects.all())
    assert [(k, n) for k, _, n in rekap["kategori"] if n] == [("pendidikan", 2), ("swasta", 1)]
    assert [(k, n) for k, _, n in rekap["layanan"] if n] == [("perpustakaan", 1), ("konsultasi", 1), ("berbayar", 2)]
    assert [(k, n) for k, _, n in rekap["pemanfaatan"] if n] == [("tugas", 1), ("komersial", 1), ("penelitian", 1)]
    assert (
        'id="rekap-layanan"' in html
        and 'data-kode="berbayar"><td class="text-break">Produk statistik berbayar</td><td class="text-end">2<' in html
    )

    dasbor = klien_untuk(supervisor).get(reverse("penilaian:dasbor"), {"bulan": "2026-03"}).content.decode()
    assert (
        'data-kode="pendidikan"><td class="text-break">Lembaga penelitian &amp; pendidikan</td><td class="text-end">2<'
        in dasbor
    )
    # The visit CSV carries the codes.
    isi = klien.get(reverse("antrian:riwayat_csv"), {"kategori_instansi": "swasta"})
    baris = list(csv.DictReader(io.StringIO(b"".join(isi.streaming_content).decode("utf-8-sig"))))
    assert [(b["kategori_instansi"], b["pemanfaatan_utama"], b["jenis_layanan"], b["sarana"]) for b in baris] == [
        ("swasta", "komersial", "berbayar", "online")
    ]


def test_kunjungan_tanpa_isian_diturunkan_dan_sisanya_ditandai(pengunjung, layanan_b):
    """A transaction opened without the guest book: service and facility are
    derived, an unclear purpose and a missing category are flagged."""
    k = services.catat_kunjungan_online(pengunjung, layanan_b, "Data untuk skripsi")
    assert _kode(k) == ("", "tugas", ["berbayar"], True)
    k.refresh_from_db()
    assert (
        k.sarana == "online"
        and k.catatan_koreksi == "Kategori instansi “(kosong)” tidak dapat dipetakan ke kategori BPS."
    )
    assert LayananKunjungan.objects.count() == 1


def test_pengawas_provinsi_mengunduh_buku_tamu_kantor_yang_dilihatnya(db, kota, klien_untuk):
    """On ?kantor=1771 the downloads and pages are the city office's, like the page."""
    import re

    from pst_layanan.roles import PENGAWAS_PROVINSI

    klien = klien_untuk(buat_pengguna("provinsi@bps.go.id", PENGAWAS_PROVINSI))
    html = klien.get(reverse("antrian:buku_tamu_bulanan") + "?bulan=2026-03&kantor=1771").content.decode()
    tautan = [t.replace("&amp;", "&") for t in re.findall(r'href="([^"]*\?bulan=[^"]*)"', html)]
    assert len(tautan) >= 3 and all("kantor=1771" in t for t in tautan), tautan
    # Each file is named with the office it holds, the province's without a code.
    for kueri, nama in (("&kantor=1771", "buku-tamu-pst-1771-2026-03"), ("", "buku-tamu-pst-2026-03")):
        for jenis in ("csv", "xlsx"):
            r = klien.get(reverse("antrian:buku_tamu_bulanan_unduh", args=[jenis]) + f"?bulan=2026-03{kueri}")
            assert r["Content-Disposition"] == f'attachment; filename="{nama}.{jenis}"'


def test_koreksi_kode_tidak_menulis_keperluan_pengunjung_ke_log(pengunjung, petugas, layanan_b, caplog):
    """The correction logged the flag's note, which quotes the visitor's own
    words about their visit: the log kept them after an erasure blanked the row."""
    k = services.catat_kunjungan_online(pengunjung, layanan_b, "Urusan Andi NIM 2021-0042 soal stunting")
    assert "NIM 2021-0042" in Kunjungan.objects.get(pk=k.pk).catatan_koreksi
    caplog.set_level("INFO", logger="antrian.bukutamu")
    bukutamu.koreksi_kode(k, petugas, "pendidikan", bukutamu.IsianBukuTamu("tugas", ("berbayar",), "online"))
    assert f"Kode kunjungan {k.pk} dikoreksi oleh {petugas.pk}" in caplog.text
    assert "NIM" not in caplog.text and "stunting" not in caplog.text


def test_lembar_buku_tamu_dinamai_dalam_bahasa_pembaca():
    def judul():
        return load_workbook(io.BytesIO(ekspor_bukutamu.sebagai_xlsx(Bulan(2026, 3)))).active.title

    assert id_dan_en(judul) == ("Buku tamu 2026-03", "Guest book 2026-03")


def test_unduhan_buku_tamu_bulanan_tercatat_di_jejak_akses_data_pribadi(klien_untuk, petugas, layanan_b):
    """The month's file names each visitor, their birth year, agency and
    purpose: every download logs each visitor of the month once, as the
    visit history's CSV does, so the access trail shows who took them."""
    isian = bukutamu.IsianBukuTamu("tugas", ("perpustakaan",), "online")
    tamu = [buat_pengguna(f"tamu{i}@contoh.id", nama_lengkap=f"Tamu {i}") for i in range(3)]
    with time_machine.travel(datetime(2026, 3, 10, 9, 30, tzinfo=WIB), tick=False):
        for t in (*tamu, tamu[0]):
            services.catat_kunjungan_online(t, layanan_b, "Data IPM", isian)
    with time_machine.travel(datetime(2026, 4, 1, 9, 0, tzinfo=WIB), tick=False):
        services.catat_kunjungan_online(buat_pengguna("april@contoh.id"), layanan_b, "bulan lain", isian)
    klien = klien_untuk(petugas)
    for jenis in ("csv", "xlsx"):
        r = klien.get(reverse("antrian:buku_tamu_bulanan_unduh", args=[jenis]), {"bulan": "2026-03"})
        assert r.status_code == 200
        akses = AksesDataPribadi.objects.filter(halaman=r.wsgi_request.get_full_path())
        assert sorted(akses.values_list("petugas", "subjek")) == [(petugas.pk, t.pk) for t in tamu]  # each once
    assert AksesDataPribadi.objects.count() == 6


def _terjemahan_saat_menyusun(bulan: Bulan) -> int:
    """How many gettext calls building the month's CSV makes."""
    from django.utils import translation

    translation.gettext("Nama")  # the catalogue's function is looked up once, then patched below
    asli = translation._trans.gettext
    with mock.patch.object(translation._trans, "gettext", side_effect=asli) as dipanggil:
        ekspor_bukutamu.sebagai_csv(bulan)
    return dipanggil.call_count


def test_label_kode_buku_tamu_diterjemahkan_sekali_per_berkas_bukan_per_kunjungan(pengunjung, layanan_b):
    """The month's file translates each coded list once, whatever the number
    of visits: a label looked up per visit through the model's display
    method translates the whole list each time, which made a month of tens
    of thousands of visits outlast the proxy's timeout."""
    isian = bukutamu.IsianBukuTamu("tugas", ("perpustakaan", "konsultasi"), "langsung")
    pengunjung.jenis_kelamin, pengunjung.pendidikan, pengunjung.pekerjaan = "P", "s1", "pelajar"
    pengunjung.save()
    with time_machine.travel(datetime(2026, 3, 10, 9, 30, tzinfo=WIB), tick=False):
        services.catat_kunjungan_online(pengunjung, layanan_b, "a", isian)
    sedikit = _terjemahan_saat_menyusun(Bulan(2026, 3))
    with time_machine.travel(datetime(2026, 3, 11, 9, 30, tzinfo=WIB), tick=False):
        for _ in range(20):
            services.catat_kunjungan_online(pengunjung, layanan_b, "b", isian)
    assert _terjemahan_saat_menyusun(Bulan(2026, 3)) == sedikit
    isi = ekspor_bukutamu.sebagai_csv(Bulan(2026, 3)).decode("utf-8-sig").splitlines()
    assert len(isi) == 22
    assert isi[1].split(",")[3:7] == ["Perempuan", "", "D4/S1", "Pelajar/Mahasiswa"]


def test_xlsx_buku_tamu_menyimpan_tanggal_kunjungan_sebagai_tanggal_menurut_wib(pengunjung, layanan_b):
    """The XLSX holds the visit's date as a date cell (office time, to the
    minute), so the sheet sorts and filters by it; the CSV and the page keep
    the text 2026-03-31 23:30. A visit belongs to the month of its WIB date:
    23:30 WIB on 31 March (16:30 UTC) is March's, 00:30 WIB on 1 April
    (17:30 UTC on 31 March) April's."""
    isian = bukutamu.IsianBukuTamu("tugas", ("perpustakaan",), "langsung")
    for waktu in (datetime(2026, 3, 31, 23, 30, 41, tzinfo=WIB), datetime(2026, 4, 1, 0, 30, tzinfo=WIB)):
        with time_machine.travel(waktu, tick=False):
            services.catat_kunjungan_online(pengunjung, layanan_b, "data", isian)
    ws = load_workbook(io.BytesIO(ekspor_bukutamu.sebagai_xlsx(Bulan(2026, 3)))).active
    assert ws.max_row == 2
    sel = ws.cell(row=2, column=2)
    assert sel.is_date and sel.value == datetime(2026, 3, 31, 23, 30)
    isi = ekspor_bukutamu.sebagai_csv(Bulan(2026, 3)).decode("utf-8-sig").splitlines()
    assert len(isi) == 2 and isi[1].split(",")[1] == "2026-03-31 23:30"
    april = load_workbook(io.BytesIO(ekspor_bukutamu.sebagai_xlsx(Bulan(2026, 4)))).active
    assert april.max_row == 2 and april.cell(row=2, column=2).value == datetime(2026, 4, 1, 0, 30)


def test_csv_buku_tamu_bertahap_tetap_dalam_bahasa_pemintanya(klien_untuk, petugas, pengunjung, layanan_b):
    """The streamed CSV is written in the language of the officer who asked
    for it, even when the server reads its rows after another language is
    active in that thread."""
    from django.utils import translation

    isian = bukutamu.IsianBukuTamu("tugas", ("perpustakaan",), "langsung")
    with time_machine.travel(datetime(2026, 3, 10, 9, 30, tzinfo=WIB), tick=False):
        services.catat_kunjungan_online(pengunjung, layanan_b, "data", isian)
    with translation.override("en"):
        aliran = ekspor_bukutamu.aliran_csv_bulan(Bulan(2026, 3))
    with translation.override("id"):
        baris = list(csv.reader(io.StringIO("".join(aliran).removeprefix("\ufeff"))))
    assert baris[0][:3] == ["No.", "Visit date", "Name"] and "Library" in baris[1]


def test_xlsx_buku_tamu_tahun_lahir_kosong_adalah_sel_kosong(pengunjung, layanan_b):
    """The XLSX's birth-year column holds numbers and blank cells only: a
    visitor who gave no year is a blank cell, not an empty text cell, so the
    sheet sums, averages and filters the column as numbers."""
    isian = bukutamu.IsianBukuTamu("tugas", ("perpustakaan",), "langsung")
    tamu = buat_pengguna("tahun@contoh.id", tahun_lahir=1990)
    with time_machine.travel(datetime(2026, 3, 10, 9, 30, tzinfo=WIB), tick=False):
        services.catat_kunjungan_online(pengunjung, layanan_b, "tanpa tahun", isian)
        services.catat_kunjungan_online(tamu, layanan_b, "dengan tahun", isian)
    ws = load_workbook(io.BytesIO(ekspor_bukutamu.sebagai_xlsx(Bulan(2026, 3)))).active
    kolom = KOLOM_BPS.index("Tahun lahir") + 1
    assert [(ws.cell(row=r, column=kolom).value, ws.cell(row=r, column=kolom).data_type) for r in (2, 3)] == [
        (None, "n"),
        (1990, "n"),
    ]


def test_buku_tamu_seluruh_provinsi_menyebut_kantor_setiap_kunjungan(db, kota, pengunjung, layanan_b, klien_untuk):
    """The province supervisor's guest book of every office (page, CSV, XLSX)
    listed the visits of the eleven offices with nothing saying where each
    was made; each row now names its office after BPS's columns, and one
    office's guest book keeps BPS's columns only."""
    from pst_layanan.roles import PENGAWAS_PROVINSI

    isian = bukutamu.IsianBukuTamu("tugas", ("perpustakaan",), "langsung")
    with time_machine.travel(datetime(2026, 3, 10, 9, 30, tzinfo=WIB), tick=False):
        services.catat_kunjungan_online(pengunjung, layanan_b, "di provinsi", isian)
    with time_machine.travel(datetime(2026, 3, 11, 9, 30, tzinfo=WIB), tick=False):
        services.catat_kunjungan_online(pengunjung, layanan_b, "di kota", isian, kantor_id=kota.pk)
    klien = klien_untuk(buat_pengguna("provinsi@bps.go.id", PENGAWAS_PROVINSI))
    url = reverse("antrian:buku_tamu_bulanan_unduh", args=["csv"])
    isi = klien.get(url, {"bulan": "2026-03"})
    baris = list(csv.reader(io.StringIO(b"".join(isi.streaming_content).decode("utf-8-sig"))))
    assert baris[0] == [*KOLOM_BPS, "Kantor"]
    assert [b[-1] for b in baris[1:]] == ["1700 BPS Provinsi Bengkulu", "1771 BPS Kota Bengkulu"]
    xlsx = klien.get(reverse("antrian:buku_tamu_bulanan_unduh", args=["xlsx"]), {"bulan": "2026-03"})
    nilai = [[c.value for c in r] for r in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows()]
    assert nilai[0][-1] == "Kantor" and nilai[2][-1] == "1771 BPS Kota Bengkulu"
    html = klien.get(reverse("antrian:buku_tamu_bulanan"), {"bulan": "2026-03"}).content.decode()
    assert "1771 BPS Kota Bengkulu" in html and "Seluruh kantor se-provinsi" in html
    satu = klien.get(url, {"bulan": "2026-03", "kantor": "1771"})
    baris = list(csv.reader(io.StringIO(b"".join(satu.streaming_content).decode("utf-8-sig"))))
    assert baris[0] == KOLOM_BPS and len(baris) == 2


def test_daftar_perlu_koreksi_menyebut_kantor_bagi_yang_melihat_beberapa_kantor(
    kota, sari, layanan_b, klien_untuk, django_assert_max_num_queries
):
    """Every other list of several offices' rows names each row's office; the
    codes to correct did not, so staff of two offices (or the province
    supervisor) could not tell where the visit they were about to code was."""
    from pst_layanan.kantor import kantor
    from pst_layanan.models import kantor_bawaan
    from pst_layanan.roles import PETUGAS

    for kantor_id in (kantor_bawaan(), kota.pk):
        Kunjungan.objects.create(
            pengunjung=sari, layanan=layanan_b, kanal="langsung", kantor_id=kantor_id, perlu_koreksi=True
        )
    dua_kantor = buat_pengguna("dua@bps.go.id", PETUGAS, kantor=kota)
    dua_kantor.kantor.add(kantor_bawaan())
    satu_kantor = buat_pengguna("satu@bps.go.id", PETUGAS, kantor=kota)
    klien = klien_untuk(dua_kantor)
    klien.get(reverse("antrian:perlu_koreksi"))
    with django_assert_max_num_queries(5):  # the office's name read with its row, not per row
        html = klien.get(reverse("antrian:perlu_koreksi")).content.decode()
    assert html.count(kota.nama) == 1 and html.count(kantor().nama) >= 2  # its row, and the footer
    sendiri = klien_untuk(satu_kantor).get(reverse("antrian:perlu_koreksi")).content.decode()
    assert "<th>Kantor</th>" not in sendiri and "<th>Kantor</th>" in html


def test_rekap_layanan_menyebut_kunjungan_tanpa_kode_layanan(pengunjung, layanan_b):
    """A visit whose service could not be coded (flagged for an officer) was
    left out of the per-service table while the category and main-use tables
    listed it under "Belum dikode": the service counts hid the visits still to
    correct. Now the service table names them too."""
    services.catat_kunjungan_online(pengunjung, layanan_b, "Data untuk skripsi")
    tanpa = services.catat_kunjungan_online(pengunjung, layanan_b, "Data untuk skripsi")
    LayananKunjungan.objects.filter(kunjungan=tanpa).delete()
    rekap = bukutamu.rekap_kode(Kunjungan.objects.all())
    assert [(k, n) for k, _, n in rekap["layanan"] if n] == [("berbayar", 1), ("", 1)]
    assert [(k, n) for k, _, n in rekap["kategori"] if n] == [("", 2)]
