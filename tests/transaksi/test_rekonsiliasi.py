"""The treasurer's PNBP reconciliation: every invoice of the month exactly
once, its billed and paid figures equal to the dashboard's to the rupiah,
for any sequence of issue / expire / replace / correct / pay (SIMPONI,
transfer or cash) / cancel / refund, with every approved refund once."""

import io
import re
import subprocess
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection, transaction
from django.db.models import QuerySet, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from penilaian import grafik
from pst_layanan.format import ribuan
from pst_layanan.kalender import WIB
from pst_layanan.periode import Bulan
from tests import pabrik
from tests.halaman import yang_hilang
from tests.transaksi.test_kanal_bayar import REKENING, atur_kantor
from tests.transaksi.test_pembayaran import isian, menunggu_tagihan
from tests.transaksi.test_pengembalian import REKENING as REKENING_PEMBAYAR
from transaksi import rekonsiliasi, services, tenggat
from transaksi.models import BuktiBayar, CaraBayar, ItemTransaksi, Kuitansi, Pengembalian, Status, Tagihan
from transaksi.services import kanal, pembayaran, pengembalian
from transaksi.views.rekonsiliasi import JENIS_UNDUH

pytestmark = pytest.mark.django_db

MARET = Bulan(2026, 3)
AWAL = datetime(2026, 3, 2, 9, 0, tzinfo=WIB)
AKSI = ("terbit", "kedaluwarsa", "ganti", "koreksi", "item", "bayar", "transfer", "tunai", "batal", "kembalikan")


class Dunia:
    """A few transactions moved by the services, with what the test expects them to have billed."""

    def __init__(self, pengunjung, petugas, jumlah, bendahara=None, supervisor=None):
        self.pengunjung, self.petugas, self.bendahara, self.supervisor = pengunjung, petugas, bendahara, supervisor
        self.now = AWAL
        self.nomor = 0
        with self.pada():
            self.t = [menunggu_tagihan(pengunjung, petugas) for _ in range(jumlah)]

    def pada(self):
        return time_machine.travel(self.now, tick=False)

    def kode(self) -> str:
        self.nomor += 1
        return f"8202603{self.nomor:08d}"

    def ntpn(self) -> str:
        return f"NTPN{self.nomor:012d}"

    def jalankan(self, i: int, aksi: str) -> None:
        t = self.t[i]
        t.refresh_from_db()
        aktif = t.tagihan.aktif().first()
        terakhir = t.tagihan.exclude(status=Tagihan.Status.BATAL).first()
        self.now += timedelta(hours=5)
        if aksi == "kedaluwarsa" and aktif and t.status == Status.MENUNGGU_PEMBAYARAN:
            self.now = max(self.now, aktif.kedaluwarsa_pada + timedelta(minutes=1))
        with self.pada():
            if aksi == "terbit" and t.status == Status.MENUNGGU_TAGIHAN:
                pembayaran.terbitkan_tagihan(t, self.petugas, isian(self.kode(), ribuan(t.total)))
            elif aksi == "kedaluwarsa" and aktif and t.status == Status.MENUNGGU_PEMBAYARAN:
                tenggat.tagihan_kedaluwarsa(ids=[aktif.pk])
            elif aksi == "ganti" and t.status == Status.MENUNGGU_PEMBAYARAN and terakhir.lewat_masa_berlaku:
                pembayaran.ganti_tagihan_kedaluwarsa(t, self.petugas, isian(self.kode(), ribuan(t.total)))
            elif aksi == "koreksi" and aktif and t.status == Status.MENUNGGU_PEMBAYARAN:
                pembayaran.minta_koreksi_tagihan(t, self.pengunjung, "Jumlah tidak sesuai.")
            elif aksi == "item" and t.status in (Status.MENUNGGU_TAGIHAN, Status.MENUNGGU_PEMBAYARAN):
                item = t.item.first()
                pembayaran.koreksi_item(t, self.petugas, {item.pk: item.jumlah + 50}, "Jumlah halaman salah.")
            elif aksi == "bayar" and aktif and aktif.boleh_dibayar and t.status == Status.MENUNGGU_PEMBAYARAN:
                self.kode()
                pembayaran.kirim_bukti_bayar(t, self.pengunjung, self.ntpn(), pabrik.berkas_pdf("bpn.pdf"))
                pembayaran.verifikasi_pembayaran(t, self.petugas)
            elif aksi == "transfer" and aktif and aktif.boleh_dibayar and t.status == Status.MENUNGGU_PEMBAYARAN:
                self.kode()
                kanal.kirim_bukti_transfer(
                    t, self.pengunjung, "Maybank Malaysia", f"FT{self.nomor:010d}", pabrik.berkas_pdf("tf.pdf")
                )
                pembayaran.verifikasi_pembayaran(t, self.petugas)
            elif (
                aksi == "tunai"
                and self.bendahara
                and aktif
                and aktif.boleh_dibayar
                and t.status == Status.MENUNGGU_PEMBAYARAN
            ):
                kanal.terima_tunai(t, self.bendahara, aktif.jumlah)
            elif aksi == "batal" and t.status in (Status.MENUNGGU_TAGIHAN, Status.MENUNGGU_PEMBAYARAN):
                services.batalkan(t, self.pengunjung)
            elif aksi == "kembalikan" and t.status == Status.DIPROSES and self.supervisor:
                usulan = pengembalian.usulkan(t, self.petugas, "Produk tidak tersedia.", REKENING_PEMBAYAR)
                pengembalian.setujui(usulan, self.supervisor)

    def harapan_ditagihkan(self) -> Decimal:
        """For each transaction billed and not withdrawn, its paid invoice
        (refunded or not: the money was received), else its latest invoice
        unless that one was voided (the transaction cancelled, its items corrected)."""
        total = Decimal(0)
        for t in self.t:
            t.refresh_from_db()
            tagihan = list(t.tagihan.order_by("-diterbitkan_pada", "-pk"))
            lunas = [x for x in tagihan if x.status == Tagihan.Status.LUNAS]
            if lunas:
                total += lunas[0].jumlah
            elif tagihan and tagihan[0].status != Tagihan.Status.BATAL and t.status != Status.DIBATALKAN:
                total += tagihan[0].jumlah
        return total


def periksa_identitas(harapan: Decimal) -> None:
    waktu = [
        *Tagihan.objects.values_list("diterbitkan_pada", flat=True),
        *Tagihan.objects.exclude(lunas_pada=None).values_list("lunas_pada", flat=True),
        *Pengembalian.objects.exclude(diputuskan_pada=None).values_list("diputuskan_pada", flat=True),
    ]
    bulan_bulan = {Bulan.dari_tanggal(x.astimezone(WIB).date()) for x in waktu}
    total_tagih = total_bayar = total_kembali = Decimal(0)
    terlihat, terbayar, kembali = [], [], []
    for bulan in bulan_bulan:
        r = rekonsiliasi.susun(bulan)
        dasbor = grafik.pnbp_bulanan(bulan.mulai, bulan.sampai).get(bulan, (Decimal(0), Decimal(0)))
        assert (r.ditagihkan, r.diterima) == dasbor
        assert r.per_status_total == r.nilai_tagihan
        assert sum((j for _, _, j in r.per_produk), Decimal(0)) == r.ditagihkan
        assert sum((j for _, _, j in r.per_kanal), Decimal(0)) == r.diterima
        terlihat += [x.pk for x in rekonsiliasi.tagihan_bulan(bulan)]
        bayar = list(rekonsiliasi.pembayaran_bulan(bulan))
        assert {x.nama_kanal: 0 for x in bayar}.keys() == {k for k, _, _ in r.per_kanal}
        for x in bayar:  # what identifies each payment, by its way of paying
            identitas = {
                CaraBayar.SIMPONI: x.bukti_bayar.get(status="diterima").ntpn,
                CaraBayar.TRANSFER: f"Maybank Malaysia {x.bukti_bayar.get(status='diterima').nomor_referensi}",
                CaraBayar.TUNAI: getattr(Kuitansi.objects.filter(tagihan=x).first(), "nomor", None),
            }[x.cara_bayar]
            assert x.referensi == identitas
        terbayar += [x.pk for x in bayar]
        assert r.bersih == r.diterima - r.dikembalikan
        kembali += [p.pk for p in r.pengembalian]
        total_kembali += r.dikembalikan
        total_tagih += r.ditagihkan
        total_bayar += r.diterima
    # Every invoice exactly once, every paid one once among the payments; the sums equal the database's.
    assert sorted(terlihat) == sorted(Tagihan.objects.values_list("pk", flat=True))
    assert sorted(terbayar) == sorted(Tagihan.objects.filter(status="lunas").values_list("pk", flat=True))
    assert total_tagih == (Tagihan.objects.ditagihkan().aggregate(j=Sum("jumlah"))["j"] or 0) == harapan
    lunas = Tagihan.objects.filter(status=Tagihan.Status.LUNAS).aggregate(j=Sum("jumlah"))["j"] or 0
    assert total_bayar == lunas
    # Every approved refund exactly once, of a paid invoice; its transaction closed as refunded.
    disetujui = Pengembalian.objects.disetujui()
    assert sorted(kembali) == sorted(disetujui.values_list("pk", flat=True))
    assert total_kembali == (disetujui.aggregate(j=Sum("jumlah"))["j"] or 0)
    assert all(p.tagihan.status == Tagihan.Status.LUNAS for p in disetujui.select_related("tagihan"))
    assert set(disetujui.values_list("transaksi__status", flat=True)) <= {Status.DIKEMBALIKAN}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(langkah=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(AKSI)), max_size=14))
@example(langkah=[(0, "terbit"), (0, "bayar"), (0, "kembalikan"), (1, "terbit"), (1, "transfer"), (2, "terbit")])
@example(langkah=[(0, "terbit"), (0, "koreksi"), (0, "item"), (1, "terbit"), (1, "kedaluwarsa"), (1, "item")])
def test_identitas_rekonsiliasi_untuk_setiap_urutan(pengunjung, petugas, bendahara, supervisor, langkah):
    atur_kantor(bayar_tunai=True, **REKENING)
    with transaction.atomic():
        dunia = Dunia(pengunjung, petugas, 3, bendahara, supervisor)
        for i, aksi in langkah:
            dunia.jalankan(i, aksi)
        periksa_identitas(dunia.harapan_ditagihkan())
        transaction.set_rollback(True)


def test_satu_bulan_diganti_batal_dan_lunas(pengunjung, petugas):
    dunia = Dunia(pengunjung, petugas, 3)
    for i, aksi in [(0, "terbit"), (0, "kedaluwarsa"), (0, "ganti"), (1, "terbit"), (1, "batal"), (2, "terbit")]:
        dunia.jalankan(i, aksi)
    dunia.jalankan(2, "bayar")
    r = rekonsiliasi.susun(MARET)
    assert (r.ditagihkan, r.diterima, r.jumlah_tagihan, r.nilai_tagihan) == (100_000, 50_000, 4, 200_000)
    assert {s: n for s, n, _ in r.per_status} == {
        "Aktif": 1,
        "Diganti (koreksi)": 0,
        "Kedaluwarsa": 1,
        "Lunas": 1,
        "Dibatalkan": 1,
    }
    assert r.per_kanal == [(rekonsiliasi.KANAL_SIMPONI, 1, 50_000)]
    periksa_identitas(Decimal(100_000))


@pytest.fixture
def sebulan(pengunjung, petugas):
    dunia = Dunia(pengunjung, petugas, 3)
    for i, aksi in [(0, "terbit"), (0, "kedaluwarsa"), (0, "ganti"), (1, "terbit"), (1, "batal"), (2, "terbit")]:
        dunia.jalankan(i, aksi)
    dunia.jalankan(2, "bayar")
    return dunia


def test_halaman_hanya_untuk_bendahara_dan_supervisor(sebulan, pengunjung, petugas, bendahara, klien_untuk):
    url = reverse("transaksi:rekonsiliasi") + "?bulan=2026-03"
    assert klien_untuk(petugas).get(url).status_code == 403
    assert klien_untuk(pengunjung).get(url).status_code == 403
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        halaman = klien_untuk(bendahara).get(url).content.decode()
    assert "Rekonsiliasi PNBP Maret 2026" in halaman
    assert "Rp100.000" in halaman and "Rp50.000" in halaman
    assert halaman.count("data-tagihan=") == 4


def test_bulan_salah_dijelaskan(bendahara, klien_untuk):
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        r = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi") + "?bulan=maret")
        assert "Bulan tidak dikenali" in r.content.decode() and "April 2026" in r.content.decode()
        r = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi") + "?bulan=2026-09")
        assert "belum dapat direkonsiliasi" in r.content.decode()


def test_setiap_tabel_halaman_rekonsiliasi_berkepala_kolom(sebulan, bendahara, klien_untuk):
    # A screen reader reads "Transfer bank, 1, Rp50.000" as numbers without meaning unless each column is named.
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        halaman = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi") + "?bulan=2026-03").content.decode()
    tabel = re.findall(r"<table.*?</table>", halaman, re.S)
    assert len(tabel) >= 4
    tanpa_kepala = [t[:200] for t in tabel if "<th" not in t]
    assert not tanpa_kepala, tanpa_kepala


def test_jumlah_query_halaman(sebulan, bendahara, klien_untuk, django_assert_max_num_queries):
    klien = klien_untuk(bendahara)
    url = reverse("transaksi:rekonsiliasi") + "?bulan=2026-03"
    sesudah = time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False)
    with sesudah, django_assert_max_num_queries(15):
        assert klien.get(url).status_code == 200
    # More invoices, the same number of queries.
    for n in range(3):
        with time_machine.travel(AWAL, tick=False):
            t = menunggu_tagihan(sebulan.pengunjung, sebulan.petugas)
            pembayaran.terbitkan_tagihan(t, sebulan.petugas, isian(f"82026039{n:07d}"))
    with sesudah, django_assert_max_num_queries(15):
        assert klien.get(url).status_code == 200


def test_unduh_xlsx_dan_pdf(sebulan, bendahara, klien_untuk, tmp_path):
    klien = klien_untuk(bendahara)
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        xlsx = klien.get(reverse("transaksi:rekonsiliasi_unduh", args=["xlsx"]) + "?bulan=2026-03")
        pdf = klien.get(reverse("transaksi:rekonsiliasi_unduh", args=["pdf"]) + "?bulan=2026-03")
        assert klien.get(reverse("transaksi:rekonsiliasi_unduh", args=["doc"])).status_code == 404
    # Both carry every file response's headers: never cached, never run in the site's origin.
    for unduhan in (xlsx, pdf):
        assert unduhan["Cache-Control"] == "private, no-store"
        assert unduhan["Content-Security-Policy"] == "sandbox"
        assert unduhan["X-Content-Type-Options"] == "nosniff"
        assert unduhan["Content-Disposition"].startswith("attachment")
    wb = load_workbook(io.BytesIO(xlsx.content))
    ringkas = {(b[0], b[1]): b[3] for b in wb["Ringkasan"].iter_rows(min_row=2, values_only=True)}
    assert ringkas[("PNBP", "Ditagihkan")] == 100_000 and ringkas[("PNBP", "Diterima")] == 50_000
    assert wb["Tagihan"].max_row == 5  # header + every invoice of the month once
    berkas = tmp_path / "r.pdf"
    berkas.write_bytes(pdf.content)
    teks = subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True).stdout
    assert "REKONSILIASI PNBP" in teks.upper() and "Rp100.000" in teks and "seratus ribu rupiah" in teks.lower()


def test_xlsx_rupiah_berformat_ribuan(sebulan, pengunjung, petugas, supervisor, bendahara, klien_untuk):
    """Every rupiah cell of the spreadsheet is a number shown with thousands
    separators: in Excel's General format 50000 has none, and an amount of
    twelve digits or more (Rp999.999.999.999) shows as 1E+12, a figure the
    treasurer cannot check; counts and dates keep their own format."""
    with time_machine.travel(datetime(2026, 3, 20, 9, 0, tzinfo=WIB), tick=False):
        usulan = pengembalian.usulkan(sebulan.t[2], petugas, "Produk tidak tersedia.", REKENING_PEMBAYAR)
        pengembalian.setujui(usulan, supervisor)
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        xlsx = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi_unduh", args=["xlsx"]) + "?bulan=2026-03")
    wb = load_workbook(io.BytesIO(xlsx.content))
    for lembar, kolom in (("Ringkasan", "D"), ("Tagihan", "F"), ("Pembayaran", "E"), ("Pengembalian", "E")):
        sel = [s for s in wb[lembar][kolom][1:] if s.value is not None]
        assert sel and all(isinstance(s.value, int) and s.number_format == "#,##0" for s in sel), lembar
    ringkas = wb["Ringkasan"]
    assert ringkas["C6"].value == 1 and ringkas["C6"].number_format == "General"  # one refund: a count
    assert wb["Tagihan"]["C2"].is_date


def test_pembayaran_menurut_cara_bayar_dengan_identitasnya(pengunjung, petugas, bendahara, klien_untuk):
    atur_kantor(bayar_tunai=True, **REKENING)
    dunia = Dunia(pengunjung, petugas, 3, bendahara)
    for i, aksi in [(0, "terbit"), (1, "terbit"), (2, "terbit"), (0, "bayar"), (1, "transfer"), (2, "tunai")]:
        dunia.jalankan(i, aksi)
    r = rekonsiliasi.susun(MARET)
    assert r.per_kanal == [
        ("SIMPONI (NTPN)", 1, 50_000),
        ("Transfer bank / luar negeri", 1, 50_000),
        ("Tunai di bendahara penerimaan", 1, 50_000),
    ]
    assert r.diterima == 150_000
    kuitansi = Kuitansi.objects.get()
    klien = klien_untuk(bendahara)
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        halaman = klien.get(reverse("transaksi:rekonsiliasi"), {"bulan": "2026-03", "daftar": "lunas"}).content.decode()
        xlsx = klien.get(reverse("transaksi:rekonsiliasi_unduh", args=["xlsx"]) + "?bulan=2026-03")
    assert halaman.count("data-pembayaran=") == 3
    assert not yang_hilang(halaman, "NTPN000000000004", "Maybank Malaysia FT0000000005", kuitansi.nomor)
    baris = list(load_workbook(io.BytesIO(xlsx.content))["Pembayaran"].iter_rows(min_row=2, values_only=True))
    assert [(b[0], b[4], b[5]) for b in baris] == [
        ("SIMPONI (NTPN)", 50_000, "NTPN000000000004"),
        ("Transfer bank / luar negeri", 50_000, "Maybank Malaysia FT0000000005"),
        ("Tunai di bendahara penerimaan", 50_000, kuitansi.nomor),
    ]


def test_pdf_referensi_transfer_panjang_tetap_di_dalam_halaman(pengunjung, petugas, bendahara, klien_untuk, tmp_path):
    """A visitor's transfer reference is one word of up to 40 characters: in the last column of the
    payments table it wraps, instead of running past the paper's edge where the end is cut off."""
    atur_kantor(bayar_tunai=True, **REKENING)
    dunia = Dunia(pengunjung, petugas, 2, bendahara)
    for i, aksi in [(0, "terbit"), (1, "terbit"), (0, "bayar"), (1, "transfer")]:
        dunia.jalankan(i, aksi)
    # Past the documents' guard: the longest reference and a bank named in full.
    QuerySet.update(
        BuktiBayar.objects.filter(cara_bayar="transfer"),
        nomor_referensi="A1B2C3D4E5" * 4,
        bank_pengirim="Bank Pembangunan Daerah Bengkulu",
    )
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        pdf = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi_unduh", args=["pdf"]) + "?bulan=2026-03")
    berkas = tmp_path / "r.pdf"
    berkas.write_bytes(pdf.content)
    kotak = subprocess.run(["pdftotext", "-bbox", str(berkas), "-"], capture_output=True, text=True).stdout
    (lebar,) = {float(w) for w in re.findall(r'<page width="([0-9.]+)"', kotak)}
    kanan = max(float(x) for x in re.findall(r'xMax="([0-9.]+)"', kotak))
    assert "A1B2C3D4E5" in kotak and kanan <= lebar


def test_pdf_berhalaman_banyak_mengulang_kepala_tabel(pengunjung, petugas, bendahara, klien_untuk, tmp_path):
    """A busy month's lists run over pages: every page that goes on with a list of invoices
    starts with that table's column headings, so the treasurer knows what each column is."""
    dunia = Dunia(pengunjung, petugas, 14, bendahara)
    for i in range(14):
        dunia.jalankan(i, "terbit")
        dunia.jalankan(i, "bayar")
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        pdf = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi_unduh", args=["pdf"]) + "?bulan=2026-03")
    berkas = tmp_path / "r.pdf"
    berkas.write_bytes(pdf.content)
    teks = subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True).stdout
    halaman = [h for h in teks.split("\f")[1:] if "INV/" in h]
    assert halaman, "the month's lists fit on one page"
    for h in halaman:
        assert "NTPN" in h[: h.index("INV/")], h


def test_pdf_mencetak_tanggal_wib(pengunjung, petugas, bendahara, klien_untuk, tmp_path):
    """An invoice issued and paid at 05.00 WIB on 2 March (22.00 UTC on 1
    March) is dated 2 March in the PDF, as on the page: the office's day."""
    subuh = datetime(2026, 3, 2, 5, 0, tzinfo=WIB)
    with time_machine.travel(subuh, tick=False):
        t = menunggu_tagihan(pengunjung, petugas)
        pembayaran.terbitkan_tagihan(t, petugas, isian("820260302000001"))
        pembayaran.kirim_bukti_bayar(t, pengunjung, "NTPN000000000001", pabrik.berkas_pdf("bpn.pdf"))
        pembayaran.verifikasi_pembayaran(t, petugas)
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        pdf = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi_unduh", args=["pdf"]) + "?bulan=2026-03")
    berkas = tmp_path / "r.pdf"
    berkas.write_bytes(pdf.content)
    teks = " ".join(subprocess.run(["pdftotext", str(berkas), "-"], capture_output=True, text=True).stdout.split())
    assert teks.count("Senin, 2 Maret 2026") == 2  # paid, and issued
    assert "1 Maret 2026" not in teks


def test_pdf_menyebut_kapan_dicetak(bendahara, klien_untuk, tmp_path):
    """A month's reconciliation printed before the month is over holds figures that will still
    change: the PDF says when it was printed (WIB, the office's day just past midnight), so a
    copy sent upward is never taken for the closed month's."""
    with time_machine.travel(datetime(2026, 4, 1, 0, 30, tzinfo=WIB), tick=False):
        pdf = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi_unduh", args=["pdf"]) + "?bulan=2026-03")
    berkas = tmp_path / "r.pdf"
    berkas.write_bytes(pdf.content)
    teks = " ".join(subprocess.run(["pdftotext", str(berkas), "-"], capture_output=True, text=True).stdout.split())
    assert "Rabu, 1 April 2026 pukul 00.30 WIB" in teks


def test_pdf_kaki_halaman_tanpa_nomor_tetap_satu_baris(bendahara, klien_untuk, tmp_path):
    """The reconciliation has no document number: its running footer still reads
    "<office> · Rekonsiliasi PNBP" on one line beside the page number, not the
    office's first word alone over the rest."""
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        pdf = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi_unduh", args=["pdf"]) + "?bulan=2026-03")
    berkas = tmp_path / "r.pdf"
    berkas.write_bytes(pdf.content)
    teks = subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True).stdout
    kaki = [b for b in teks.splitlines() if "Halaman 1 dari" in b]
    assert kaki and "BPS Provinsi Bengkulu · Rekonsiliasi PNBP" in kaki[0], teks[-300:]


def test_nama_produk_dalam_bahasa_pembaca(sebulan):
    """The per-product and per-tariff rows name the catalogue in the reader's
    language, as the tariff page does."""
    produk = ItemTransaksi.objects.first().produk
    nama_id = produk.nama_ind
    produk.nama_en = "Electronic publication (test)"
    produk.save()
    for bahasa, nama in [("id", nama_id), ("en", "Electronic publication (test)")]:
        with translation.override(bahasa):
            r = rekonsiliasi.susun(Bulan(2026, 3))
        assert [b[0] for b in r.per_produk] == [nama]
        assert {b[0] for b in r.per_tarif} == {nama}


def test_xlsx_dalam_bahasa_pembaca(sebulan, bendahara, klien_untuk):
    bendahara.bahasa = "en"
    bendahara.save(update_fields=["bahasa"])
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        xlsx = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi_unduh", args=["xlsx"]) + "?bulan=2026-03")
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.sheetnames == ["Summary", "Invoices", "Payments", "Refunds"]
    ringkas = list(wb["Summary"].iter_rows(values_only=True))
    assert ringkas[0] == ("Section", "Description", "Count", "Value (IDR)")
    angka = {(b[0], b[1]): b[3] for b in ringkas[1:]}
    assert angka[("PNBP", "Billed")] == 100_000 and angka[("PNBP", "Received")] == 50_000
    assert ("PNBP", "Net (received minus refunded)") in angka
    tagihan = list(wb["Invoices"].iter_rows(values_only=True))
    assert tagihan[0][:2] == ("Invoice number", "Transaction") and tagihan[0][7] == "Counted as billed"
    assert {b[7] for b in tagihan[1:]} <= {"yes", "no"}
    assert next(wb["Payments"].iter_rows(values_only=True))[-1] == "NTPN/reference/receipt"
    assert next(wb["Refunds"].iter_rows(values_only=True))[6] == "Processed"


@pytest.mark.parametrize(
    "bahasa, nama", [("id", "rekonsiliasi-pnbp-1700-2026-03"), ("en", "pnbp-reconciliation-1700-2026-03")]
)
def test_nama_berkas_unduhan_dalam_bahasa_pembaca(bahasa, nama, sebulan, bendahara, klien_untuk):
    """The reconciliation downloads are written in the treasurer's language, and
    so are the names of the files they are saved as."""
    bendahara.bahasa = bahasa
    bendahara.save(update_fields=["bahasa"])
    klien = klien_untuk(bendahara)
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        for jenis in ("pdf", "xlsx"):
            r = klien.get(reverse("transaksi:rekonsiliasi_unduh", args=[jenis]) + "?bulan=2026-03")
            assert f'filename="{nama}.{jenis}"' in r["Content-Disposition"]


def test_bulan_tanpa_tagihan_setiap_tabel_menjelaskan_kosongnya(bendahara, klien_untuk):
    """A month with nothing billed: the per-product table says so, like the
    tables beside it, instead of showing headers over nothing."""
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        halaman = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi") + "?bulan=2026-03").content.decode()
    produk = halaman[halaman.index("Ditagihkan menurut produk dan baris tarif") :]
    produk = produk[: produk.index("</table>")]
    assert "Tidak ada yang ditagihkan bulan ini." in produk


def test_pengawas_provinsi_melihat_satu_kantor_unduhan_dan_tautan_tetap_kantor_itu(sebulan, kota, klien_untuk):
    """The province supervisor looking at one office (?kantor=1771): the
    downloads, tabs, month links and pages show that office, not the province."""
    import re

    from conftest import buat_pengguna
    from pst_layanan.roles import PENGAWAS_PROVINSI

    klien = klien_untuk(buat_pengguna("provinsi@bps.go.id", PENGAWAS_PROVINSI))
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        html = klien.get(reverse("transaksi:rekonsiliasi") + "?bulan=2026-03&kantor=1771").content.decode()
        tautan = [t.replace("&amp;", "&") for t in re.findall(r'href="([^"]*\?bulan=[^"]*)"', html)]
        assert len(tautan) >= 5 and all("kantor=1771" in t for t in tautan), tautan
        assert 'name="kantor" value="1771"' in html  # the month picker keeps the office
        xlsx = klien.get(next(t for t in tautan if "xlsx" in t))
    ringkas = {
        (b[0], b[1]): b[3] for b in load_workbook(io.BytesIO(xlsx.content))["Ringkasan"].iter_rows(values_only=True)
    }
    assert ringkas[("PNBP", "Ditagihkan")] == 0  # the city office billed nothing; the province billed Rp100.000


def test_unduhan_rekonsiliasi_menyebut_kantornya(sebulan, kota, klien_untuk):
    """The province supervisor downloading each office's month got files all
    named rekonsiliasi-pnbp-2026-03.xlsx, and a spreadsheet that named no
    office: saved side by side, one office's PNBP passed for another's. The
    file's name carries the office's code and its summary names the office."""
    from conftest import buat_pengguna
    from pst_layanan.roles import PENGAWAS_PROVINSI

    klien = klien_untuk(buat_pengguna("provinsi@bps.go.id", PENGAWAS_PROVINSI))
    url = reverse("transaksi:rekonsiliasi_unduh", args=["xlsx"])
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        kota_xlsx = klien.get(url + "?bulan=2026-03&kantor=1771")
        semua = klien.get(url + "?bulan=2026-03")
        pdf = klien.get(reverse("transaksi:rekonsiliasi_unduh", args=["pdf"]) + "?bulan=2026-03&kantor=1771")
    assert 'filename="rekonsiliasi-pnbp-1771-2026-03.xlsx"' in kota_xlsx["Content-Disposition"]
    assert 'filename="rekonsiliasi-pnbp-1771-2026-03.pdf"' in pdf["Content-Disposition"]
    assert 'filename="rekonsiliasi-pnbp-2026-03.xlsx"' in semua["Content-Disposition"]

    def kantor_di(r):
        baris = load_workbook(io.BytesIO(r.content))["Ringkasan"].iter_rows(values_only=True)
        return next(b[1] for b in baris if b[0] == "Kantor")

    assert kantor_di(kota_xlsx) == "1771 BPS Kota Bengkulu", "named as the SKM recapitulation and report name it"
    assert kantor_di(semua) == "Seluruh kantor se-provinsi"


def test_xlsx_rekonsiliasi_menyebut_bulannya(sebulan, bendahara, klien_untuk):
    """The workbook named its office but not its month: a summary printed or
    copied on its own, away from the file's name, could pass for another
    month's PNBP. Its summary names the month as the PDF and the monthly report do."""
    klien = klien_untuk(bendahara)
    url = reverse("transaksi:rekonsiliasi_unduh", args=["xlsx"]) + "?bulan=2026-03"
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        xlsx = klien.get(url)
        bendahara.bahasa = "en"
        bendahara.save(update_fields=["bahasa"])
        xlsx_en = klien.get(url)

    def bulan_di(r, label):
        baris = load_workbook(io.BytesIO(r.content)).worksheets[0].iter_rows(values_only=True)
        return next((b[1] for b in baris if b[0] == label), None)

    assert bulan_di(xlsx, "Bulan") == "Maret 2026"
    assert bulan_di(xlsx_en, "Month") == "March 2026"


def test_pdf_rekonsiliasi_kantor_berkop_kantor_itu(kota, klien_untuk, tmp_path):
    """The city office's treasurer prints the city office's reconciliation
    under its own letterhead, not the provincial office's."""
    from conftest import buat_pengguna

    bendahara_kota = buat_pengguna("bendahara1771@bps.go.id", "Bendahara", kantor=kota)
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        pdf = klien_untuk(bendahara_kota).get(reverse("transaksi:rekonsiliasi_unduh", args=["pdf"]) + "?bulan=2026-03")
    berkas = tmp_path / "r.pdf"
    berkas.write_bytes(pdf.content)
    teks = subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True).stdout
    assert "BPS KOTA BENGKULU" in teks.upper() and "PROVINSI" not in teks.upper()


def test_produk_dijadikan_gratis_tidak_mengubah_yang_sudah_dipesan(pengunjung, petugas, bendahara, klien_untuk):
    """An item keeps the price class it was ordered at, as it keeps its
    tariff: a product later made free in the catalogue neither drops out of
    a paid month's reconciliation by product nor shows Rp0 beside a total
    that still charges it."""
    peta = pabrik.produk("peta-kabkota-desa")
    with time_machine.travel(AWAL, tick=False):
        t = pabrik.transaksi_draf(pengunjung)
        services.tambah_item(t, peta, 2, "Peta desa Kota Bengkulu", pengunjung)
        t = services.nyatakan_lengkap(services.ajukan(t, pengunjung), petugas)
        pembayaran.terbitkan_tagihan(t, petugas, isian(jumlah="190.000"))
        pembayaran.kirim_bukti_bayar(t, pengunjung, "NTPN0000000000A1", pabrik.berkas_pdf("bpn.pdf"))
        pembayaran.verifikasi_pembayaran(t, petugas)
    peta.kelas_harga = "gratis"
    peta.save()

    r = rekonsiliasi.susun(MARET)
    assert r.ditagihkan == r.diterima == 190_000
    assert {nama: j for nama, _, j in r.per_produk}.get(peta.nama) == 140_000
    assert sum((j for _, _, j in r.per_produk), Decimal(0)) == r.ditagihkan
    halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    subtotal = re.findall(r'data-label="Subtotal">([^<]+)<', halaman)
    assert subtotal == ["Rp50.000", "Rp140.000"]


def test_pdf_ntpn_dan_nomor_tagihan_tidak_terpotong(sebulan, bendahara, klien_untuk, tmp_path):
    """The treasurer matches each NTPN against the bank's statement: in the PDF's
    tables an NTPN (16 characters) and an invoice number stay whole on one
    line, not broken over two or three lines of a squeezed column."""
    ntpn = BuktiBayar.objects.get(cara_bayar=CaraBayar.SIMPONI).ntpn
    nomor = list(Tagihan.objects.values_list("nomor", flat=True))
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        pdf = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi_unduh", args=["pdf"]) + "?bulan=2026-03")
    berkas = tmp_path / "r.pdf"
    berkas.write_bytes(pdf.content)
    baris = subprocess.run(["pdftotext", str(berkas), "-"], capture_output=True, text=True).stdout.splitlines()
    kata = {k for b in baris for k in b.split()}
    assert ntpn in kata
    assert set(nomor) <= kata


def test_pdf_nomor_kuitansi_tunai_dan_surat_pengembalian_tidak_terpotong(
    pengunjung, petugas, bendahara, supervisor, klien_untuk, tmp_path
):
    """A cash receipt's number (the payment's identity in the payments and
    invoices tables) and a refund's letter and invoice numbers stay whole on
    one line too: broken after "KW/" or "PPNBP/", a search of the PDF for the
    number the treasurer holds found nothing. And every code kept whole stays
    inside the page's margins: the invoice list's NTPN column ran past the
    right margin to the paper's edge, where a receipt number lost its last digit."""
    atur_kantor(bayar_tunai=True, **REKENING)
    dunia = Dunia(pengunjung, petugas, 2, bendahara, supervisor)
    for i, aksi in [(0, "terbit"), (1, "terbit"), (0, "tunai"), (1, "bayar"), (1, "kembalikan")]:
        dunia.jalankan(i, aksi)
    # Past the documents' guard: an NTPN of the widest letters.
    QuerySet.update(BuktiBayar.objects.filter(cara_bayar="simponi"), ntpn="MWMWMWMWMWMWMWMW")
    p = Pengembalian.objects.get()
    dicari = {Kuitansi.objects.get().nomor, p.nomor, p.tagihan.nomor, "MWMWMWMWMWMWMWMW"}
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        pdf = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi_unduh", args=["pdf"]) + "?bulan=2026-03")
    berkas = tmp_path / "r.pdf"
    berkas.write_bytes(pdf.content)
    baris = subprocess.run(["pdftotext", str(berkas), "-"], capture_output=True, text=True).stdout.splitlines()
    assert dicari <= {k for b in baris for k in b.split()}
    kotak = subprocess.run(["pdftotext", "-bbox", str(berkas), "-"], capture_output=True, text=True).stdout
    (lebar,) = {float(w) for w in re.findall(r'<page width="([0-9.]+)"', kotak)}
    kanan = max(float(x) for x in re.findall(r'xMax="([0-9.]+)"', kotak))
    assert kanan <= lebar - 16 / 25.4 * 72 + 0.5  # the 16 mm right margin, to half a point


def _query_unduhan(klien) -> dict[str, int]:
    """How many queries each download of March makes."""
    hitung = {}
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        for jenis in JENIS_UNDUH:
            with CaptureQueriesContext(connection) as tercatat:
                assert (
                    klien.get(reverse("transaksi:rekonsiliasi_unduh", args=[jenis]) + "?bulan=2026-03").status_code
                    == 200
                )
            hitung[jenis] = len(tercatat)
    return hitung


def test_unduhan_rekonsiliasi_tanpa_query_per_tagihan(sebulan, bendahara, klien_untuk):
    """The XLSX and the PDF read the month in the same number of queries
    however many invoices it holds: none per invoice."""
    klien = klien_untuk(bendahara)
    _query_unduhan(klien)  # the session's first reads
    sedikit = _query_unduhan(klien)
    for n in range(3):
        with time_machine.travel(AWAL, tick=False):
            t = menunggu_tagihan(sebulan.pengunjung, sebulan.petugas)
            pembayaran.terbitkan_tagihan(t, sebulan.petugas, isian(f"82026039{n:07d}"))
    assert _query_unduhan(klien) == sedikit


def test_rekonsiliasi_seluruh_provinsi_tidak_tampak_milik_kantor_provinsi(sebulan, kota, klien_untuk, tmp_path):
    """The province supervisor's reconciliation of every office (page and PDF)
    printed the eleven offices' PNBP under the provincial office's letterhead
    with nothing saying it was not that office's own: passed on, it read as
    BPS Provinsi Bengkulu's. Both now name what they cover, as the XLSX does."""
    from conftest import buat_pengguna
    from pst_layanan.roles import PENGAWAS_PROVINSI

    klien = klien_untuk(buat_pengguna("provinsi@bps.go.id", PENGAWAS_PROVINSI))
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        semua = klien.get(reverse("transaksi:rekonsiliasi") + "?bulan=2026-03").content.decode()
        kota_html = klien.get(reverse("transaksi:rekonsiliasi") + "?bulan=2026-03&kantor=1771").content.decode()
        pdf = klien.get(reverse("transaksi:rekonsiliasi_unduh", args=["pdf"]) + "?bulan=2026-03")
    assert "Seluruh kantor se-provinsi" in semua and "1771 BPS Kota Bengkulu" in kota_html
    berkas = tmp_path / "r.pdf"
    berkas.write_bytes(pdf.content)
    teks = " ".join(subprocess.run(["pdftotext", str(berkas), "-"], capture_output=True, text=True).stdout.split())
    assert "Seluruh kantor se-provinsi" in teks


@pytest.mark.parametrize("kode", ["17001", "1771x", "1700 "])
def test_kode_kantor_salah_ketik_tidak_menjadi_kantor_lain(kode, sebulan, kota, klien_untuk):
    """A mistyped office code (one digit too many) is no office: the page and
    its download answer 404, not the figures of the office whose code it begins with."""
    from conftest import buat_pengguna
    from pst_layanan.roles import PENGAWAS_PROVINSI

    klien = klien_untuk(buat_pengguna("provinsi@bps.go.id", PENGAWAS_PROVINSI))
    unduh = reverse("transaksi:rekonsiliasi_unduh", args=["xlsx"])
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=WIB), tick=False):
        for alamat in (reverse("transaksi:rekonsiliasi"), unduh):
            assert klien.get(alamat, {"bulan": "2026-03", "kantor": kode}).status_code == 404, alamat
        assert klien.get(unduh, {"bulan": "2026-03", "kantor": "1771"}).status_code == 200
