"""Exports never hand a spreadsheet a formula typed by a visitor (CSV injection)."""

import csv
import io
import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from antrian.models import Kanal, Kunjungan
from conftest import buat_pengguna
from penilaian import laporan
from penilaian.models import Penilaian
from pst_layanan.ekspor import sel_aman, tulis_csv, tulis_lembar
from pst_layanan.kalender import WIB
from pst_layanan.periode import Bulan
from tests.penilaian.conftest import buat_penilaian_massal, layanan_b
from tests.penilaian.test_ikm import CONTOH, MARET
from tests.transaksi.test_pembayaran import menunggu_pembayaran

pytestmark = pytest.mark.django_db

RUMUS = '=HYPERLINK("http://x","y")'
BAHAYA = {
    "nama_lengkap": RUMUS,
    "nama_instansi": "+1+cmd|' /C calc'!A0",
    "keperluan": "-2+3",
    "catatan": "@SUM(1+1)*cmd|' /C calc'!A0",
}


@pytest.mark.parametrize(
    ("nilai", "aman"),
    [
        (RUMUS, "'" + RUMUS),
        ("+62 812", "'+62 812"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Andi = pengunjung", "Andi = pengunjung"),
        ("＝1+1", "'＝1+1"),
        ("Ｓｉｔｉ", "Ｓｉｔｉ"),
        ("−5", "−5"),
        ("", ""),
        (42, 42),
        (-3.5, -3.5),
        (None, None),
    ],
)
def test_sel_aman(nilai, aman):
    assert sel_aman(nilai) == aman


def test_tulis_csv_dan_lembar_menjaga_teks_dan_angka():
    baris = [[RUMUS, 7, -2.5, "#N/A"], ["\rx", None, 0, "biasa"]]
    berkas = io.StringIO()
    tulis_csv(berkas, ["=judul", "n", "x", "ket"], baris)
    dibaca = list(csv.reader(io.StringIO(berkas.getvalue().removeprefix("\ufeff"), newline="")))
    assert dibaca == [["'=judul", "n", "x", "ket"], ["'" + RUMUS, "7", "-2.5", "#N/A"], ["'\rx", "", "0", "biasa"]]

    wb = Workbook()
    tulis_lembar(wb.active, ["=judul", "n", "x", "ket"], baris)
    ws = load_workbook(_simpan(wb)).active
    assert [(c.value, c.data_type) for c in ws[2]] == [("'" + RUMUS, "s"), (7, "n"), (-2.5, "n"), ("#N/A", "s")]
    assert (ws["A1"].value, ws["A1"].data_type) == ("'=judul", "s")
    # XML turns the CR into a newline when saved; the cell still starts with the quote.
    assert (ws["A3"].value[0], ws["A3"].data_type) == ("'", "s")


def test_lembar_menulis_nilai_kosong_sebagai_sel_kosong():
    """An empty value, None or empty text, is a blank cell in XLSX, not a
    text cell: a number column with gaps still sums and filters as numbers."""
    wb = Workbook()
    tulis_lembar(wb.active, ["n", "ket"], [[1, ""], ["", None], ["\x01", "x"]])
    ws = load_workbook(_simpan(wb)).active
    assert [[(c.value, c.data_type) for c in b] for b in ws.iter_rows(min_row=2)] == [
        [(1, "n"), (None, "n")],
        [(None, "n"), (None, "n")],
        [(None, "n"), ("x", "s")],
    ]


LEBAR_PENUH = {
    "nama_lengkap": '＝HYPERLINK("http://x","y")',
    "nama_instansi": "＋1+cmd|' /C calc'!A0",
    "keperluan": "﹣2+3",
    "catatan": "＠SUM(1+1)",
}


# A spreadsheet in an East Asian locale reads "＝" as "=": a name typed with a
# phone's full-width keyboard is a formula there too.
@pytest.mark.parametrize("isian", [BAHAYA, LEBAR_PENUH], ids=["ascii", "lebar-penuh"])
def test_csv_riwayat_kunjungan_menetralkan_rumus(klien_untuk, petugas, isian):
    tamu = buat_pengguna("rumus@contoh.id", nama_lengkap=isian["nama_lengkap"], nama_instansi=isian["nama_instansi"])
    Kunjungan.objects.create(
        pengunjung=tamu,
        layanan=layanan_b(),
        kanal=Kanal.LANGSUNG,
        tiba_pada=datetime(2026, 4, 1, 9, 0, tzinfo=WIB),
        keperluan=isian["keperluan"],
        catatan=isian["catatan"],
    )
    response = klien_untuk(petugas).get(reverse("antrian:riwayat_csv"))
    (baris,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    kolom = {"pengunjung": "nama_lengkap", "instansi": "nama_instansi", "keperluan": "keperluan", "catatan": "catatan"}
    assert {k: baris[k] for k in kolom} == {k: "'" + isian[v] for k, v in kolom.items()}


def test_xlsx_laporan_bulanan_menyimpan_umpan_balik_sebagai_teks(pengunjung):
    (pertama, kedua, *_) = buat_penilaian_massal(pengunjung, CONTOH, MARET)
    Penilaian.objects.filter(pk=pertama.pk).update(umpan_balik=RUMUS, jawaban="@petugas")
    Penilaian.objects.filter(pk=kedua.pk).update(umpan_balik="\t=1+1", jawaban="Terima kasih")
    data = laporan.susun(Bulan(2026, 3))

    ws = load_workbook(io.BytesIO(laporan.sebagai_xlsx(data)))["Umpan balik"]
    sel = {c.value: c.data_type for baris in ws.iter_rows(min_row=2) for c in baris if isinstance(c.value, str)}
    assert sel["'" + RUMUS] == "s" and sel["'@petugas"] == "s" and sel["'\t=1+1"] == "s"
    assert not any(v.startswith(("=", "+", "-", "@", "\t")) for v in sel), "tidak ada teks yang bisa jadi rumus"
    ikm = {
        r[0]: r[1]
        for r in load_workbook(io.BytesIO(laporan.sebagai_xlsx(data)))["IKM"].iter_rows(values_only=True)
        if r
    }
    assert ikm["IKM"] == 81.25 and ikm["Responden"] == 4, "angka tetap angka"


def test_xlsx_ringkasan_laporan_menulis_uang_dan_jumlah_sebagai_angka(pengunjung, petugas):
    """The summary sheet's money, counts and scores are number cells (a
    spreadsheet adds them up); only words stay text."""
    with time_machine.travel(MARET, tick=False):
        menunggu_pembayaran(pengunjung, petugas)  # Rp50.000 billed in March
    buat_penilaian_massal(pengunjung, CONTOH, MARET)
    ws = load_workbook(io.BytesIO(laporan.sebagai_xlsx(laporan.susun(Bulan(2026, 3)))))["Ringkasan"]
    sel = {(b[0].value, b[1].value): b[2] for b in ws.iter_rows(min_row=3)}
    produk = "Data mikro tanpa pengolahan (per dataset)"
    assert sel["Transaksi menurut produk", f"{produk}: item"].value == 1
    assert sel["Transaksi menurut produk", f"{produk}: subtotal (Rp)"].value == 50_000
    assert sel["PNBP", "Ditagihkan"].value == 50_000 and sel["IKM", "Nilai IKM"].value == 81.25
    assert sel["IKM", "NRR U1 Persyaratan"].value == 3.5
    angka_sebagai_teks = [
        (kunci, c.value)
        for kunci, c in sel.items()
        if c.data_type != "n" and re.fullmatch(r"(Rp)?[\d.,]+|.*\d+ item.*", str(c.value))
    ]
    assert angka_sebagai_teks == []


def _simpan(wb):
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_xlsx_laporan_bulanan_dengan_karakter_kendali_tetap_terbit(pengunjung):
    """A comment pasted with a control character (a form feed from a PDF, a backspace) would make
    openpyxl refuse the whole workbook: the monthly report would never be built. The character
    is dropped from that cell; the rest of the text stays."""
    (pertama, *_) = buat_penilaian_massal(pengunjung, CONTOH, MARET)
    Penilaian.objects.filter(pk=pertama.pk).update(umpan_balik="Antrean\x0clama\x08 sekali\x1b", jawaban="Maaf\x01")

    ws = load_workbook(io.BytesIO(laporan.sebagai_xlsx(laporan.susun(Bulan(2026, 3)))))["Umpan balik"]
    teks = {c.value for baris in ws.iter_rows(min_row=2) for c in baris if isinstance(c.value, str)}
    assert "Antreanlama sekali" in teks and "Maaf" in teks


def test_lembar_membuang_karakter_kendali_sebelum_memeriksa_rumus():
    wb = Workbook()
    tulis_lembar(wb.active, ["nama"], [["\x01=1+1"], ["baris\tsatu\ndua"]])
    ws = load_workbook(_simpan(wb)).active
    assert ws["A2"].value == "'=1+1" and ws["A3"].value == "baris\tsatu\ndua"


def test_produk_laporan_bulanan_dalam_bahasa_pembaca(pengunjung, petugas):
    # The report page read in English listed "Data mikro tanpa pengolahan (per
    # dataset)" under its English headings: the name came from the database
    # column, which holds the Indonesian text.
    with time_machine.travel(MARET, tick=False):
        menunggu_pembayaran(pengunjung, petugas)
    with translation.override("en"):
        (nama, n, jumlah), *_ = laporan.susun(Bulan(2026, 3)).transaksi_produk
    assert (nama, n, jumlah) == ("Microdata without processing (per dataset)", 1, 50_000)


class _SelDihitung(dict):
    """A sheet's cell table that counts the cells a scan of it reads."""

    dibaca = 0

    def __iter__(self):
        for kunci in dict.__iter__(self):
            self.dibaca += 1
            yield kunci


def _sel_dibaca_saat_menulis(jumlah_baris: int) -> int:
    """The cells read back while writing `jumlah_baris` guest-book-like rows:
    counted, not timed, so the machine's load does not move the figure."""
    baris = [[i, "Nama Pengunjung", "Laki-laki", 2001, "=Data kemiskinan"] for i in range(jumlah_baris)]
    ws = Workbook().active
    ws._cells = sel = _SelDihitung()
    tulis_lembar(ws, ["No", "Nama", "Jenis kelamin", "Tahun lahir", "Keperluan"], baris)
    dibaca = sel.dibaca
    assert ws.max_row == jumlah_baris + 1 and ws.cell(row=jumlah_baris + 1, column=5).data_type == "s"
    return dibaca


def test_lembar_ditulis_dengan_kerja_sebanding_jumlah_baris():
    """Each row costs the same however long the sheet already is: writing a
    row never reads back the cells before it (a sheet of a month's 50,000
    visits must be written within the proxy's minute, not grow quadratically)."""
    assert _sel_dibaca_saat_menulis(400) <= 4 * _sel_dibaca_saat_menulis(100)


def test_persen_kepatuhan_tanpa_kasus_adalah_sel_kosong_di_csv_dan_xlsx():
    """A step with no cases in the month has no compliance percentage: the
    CSV leaves the value empty and the XLSX summary holds a blank cell, so
    the percentage rows are numbers or blanks and never the text "–"."""
    d = laporan.susun(Bulan(2026, 3))
    assert d.kepatuhan and all(k.persen is None for k in d.kepatuhan)
    persen = [b for b in csv.reader(io.StringIO(laporan.sebagai_csv(d).decode("utf-8-sig"))) if "(%)" in b[1]]
    assert len(persen) == len(d.kepatuhan) and {b[2] for b in persen} == {""}
    ws = load_workbook(io.BytesIO(laporan.sebagai_xlsx(d)))["Ringkasan"]
    sel = [b[2] for b in ws.iter_rows(min_row=3) if "(%)" in str(b[1].value)]
    assert len(sel) == len(d.kepatuhan) and {(c.value, c.data_type) for c in sel} == {(None, "n")}


def test_median_dan_p90_tanpa_kasus_adalah_sel_kosong_di_csv_dan_xlsx():
    """Nor has a step with no cases a median or a 90th percentile: those rows
    of the CSV and the XLSX summary are blank too, not the page's "–"."""
    d = laporan.susun(Bulan(2026, 3))
    assert d.kepatuhan and all(k.median is None and k.p90 is None for k in d.kepatuhan)

    def durasi(nama):
        return nama.endswith((": median", ": persentil ke-90"))

    baris = [b for b in csv.reader(io.StringIO(laporan.sebagai_csv(d).decode("utf-8-sig"))) if durasi(b[1])]
    assert len(baris) == 2 * len(d.kepatuhan) and {b[2] for b in baris} == {""}
    ws = load_workbook(io.BytesIO(laporan.sebagai_xlsx(d)))["Ringkasan"]
    sel = [b[2] for b in ws.iter_rows(min_row=3) if durasi(str(b[1].value))]
    assert len(sel) == 2 * len(d.kepatuhan) and {c.value for c in sel} == {None}
