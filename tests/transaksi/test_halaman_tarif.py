"""SOP step 4: the public tariff page, its calculator (the one tariff
function behind it) and the officer's rincian tarif PDF."""

import io
import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor
from pst_layanan.models import Kantor
from tests.halaman import yang_hilang
from transaksi import services
from transaksi.models import Produk, TarifProduk

pytestmark = pytest.mark.django_db


def test_halaman_tarif_publik_menjelaskan_jenis_kelas_dan_dokumen(client):
    halaman = client.get(reverse("transaksi:tarif")).content.decode()
    assert not yang_hilang(
        halaman,
        "Publikasi elektronik",
        "Rp50.000 untuk 50 halaman pertama",
        "Rp20 untuk setiap 1.000 byte berikutnya",
        "Rp36.000.000 per peta",
        "Nol rupiah (Rp0)",
        "Gratis",
        "NPWP instansi/perusahaan",
        "Surat Perjanjian Penggunaan Data (SPPD)",
    )


def test_tanpa_produk_aktif_tarif_dan_transaksi_baru_berkata_belum_ada(pengunjung, klien_untuk):
    """Every product switched off: the tariff page and the visitor's
    new-transaction form say nothing can be ordered yet and whom to ask, not
    an empty table or product list."""
    klien = klien_untuk(pengunjung)
    assert 'id="tanpa-produk"' not in klien.get(reverse("transaksi:tarif")).content.decode()
    assert 'id="tanpa-produk"' not in klien.get(reverse("transaksi:baru")).content.decode()
    Produk.objects.update(aktif=False)
    pesan = "Belum ada produk yang dapat dipesan. Hubungi PST (kontak di bagian bawah halaman) untuk keterangan."
    for nama in ("transaksi:tarif", "transaksi:baru"):
        html = klien.get(reverse(nama)).content.decode()
        assert 'id="tanpa-produk"' in html and pesan in html


@pytest.mark.parametrize("kueri", [{"fbclid": "IwAR0abc"}, {"utm_source": "whatsapp", "utm_medium": "pesan"}])
def test_tautan_tarif_berbagi_tanpa_isian_kalkulator_tidak_menampilkan_galat(kueri, client):
    """The tariff page opened from a shared link, which a social site or a
    campaign tags with its own parameters, has asked the calculator nothing:
    it opens as it does without them, no field marked as missing."""
    html = client.get(reverse("transaksi:tarif"), kueri).content.decode()
    assert "Bidang ini tidak boleh kosong." not in html
    assert "is-invalid" not in html


@pytest.mark.parametrize(
    "produk, jumlah, ukuran, total",
    [
        ("publikasi-elektronik", "51", "", "Rp65.000"),
        ("publikasi-elektronik", "101", "", "Rp80.000"),
        ("mikrodata-tanpa-olah", "1", "mb", "Rp20.000"),
        ("mikrodata-tanpa-olah", "1000001", "byte", "Rp20.020"),
        ("mikrodata-tanpa-olah", "1.001.001", "byte", "Rp20.040"),
        ("mikrodata-olah", "2,5", "mb", "Rp55.000"),
        ("peta-kabkota-kecamatan", "3", "", "Rp90.000"),
    ],
)
def test_kalkulator_htmx(produk, jumlah, ukuran, total, client):
    r = client.get(
        reverse("transaksi:tarif_hitung"),
        {"produk": produk, "jumlah": jumlah, "ukuran": ukuran},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200 and total in r.content.decode()
    assert "<html" not in r.content.decode()  # a fragment for htmx


@pytest.mark.parametrize(
    "jumlah, pesan",
    [
        ("abc", "Masukkan angka"),
        ("-3", "tidak negatif"),
        ("1,5", "bilangan bulat"),
        ("0", "minimal 1"),
        # Forms Python's Decimal reads but nobody types for a page count.
        ("1e5", "Masukkan angka"),
        ("1_000", "Masukkan angka"),
        ("NaN", "Masukkan angka"),
        ("٣", "Masukkan angka"),
        ("１２", "Masukkan angka"),
    ],
)
def test_kalkulator_menolak_isian_salah(jumlah, pesan, client):
    r = client.get(reverse("transaksi:tarif_hitung"), {"produk": "publikasi-elektronik", "jumlah": jumlah})
    assert pesan in r.content.decode() and "Rp0" not in r.content.decode()


def test_perkiraan_tarif_menyebut_isian_yang_kurang(client):
    """The estimate beside the forms follows each change while the visitor is
    still filling them: "Bidang ini tidak boleh kosong." alone, in a box away
    from the fields (which it does not mark), named no field."""
    r = client.get(reverse("transaksi:tarif_hitung"), {"produk": "", "jumlah": "abc"})
    kotak = re.sub(r"\s+", " ", r.content.decode())
    assert "Produk: Bidang ini tidak boleh kosong." in kotak
    assert "Jumlah: Masukkan angka, mis. 120 atau 2,5." in kotak


def test_jumlah_kalkulator_dalam_bahasa_inggris_banyaknya_bukan_uang(client):
    """The quantity box was labelled "Amount" in English (the money sense of
    "Jumlah") until a product was chosen, and the refusals named "Amount"."""
    client.cookies["pst_bahasa"] = "en"
    halaman = client.get(reverse("transaksi:tarif")).content.decode()
    assert re.search(r'for="id_jumlah"[^>]*>\s*Quantity<', halaman)
    kotak = client.get(reverse("transaksi:tarif_hitung"), {"produk": "publikasi-elektronik", "jumlah": "x"})
    assert "Quantity: Enter a number" in kotak.content.decode()


def test_rincian_tarif_untuk_jumlah_nol_tidak_diterbitkan(petugas, klien_untuk):
    """Nothing asked for is no Rp0 document with a number of its own."""
    r = klien_untuk(petugas).post(reverse("transaksi:rincian_tarif"), {"produk": "publikasi-elektronik", "jumlah": "0"})
    assert r.status_code == 302 and r["Location"] == reverse("transaksi:tarif")


def test_petugas_mencetak_rincian_tarif(petugas, klien_untuk):
    klien = klien_untuk(petugas)
    hasil = klien.get(reverse("transaksi:tarif_hitung"), {"produk": "mikrodata-olah", "jumlah": "2,5", "ukuran": "mb"})
    assert "Rincian tarif (PDF)" in hasil.content.decode()
    r = klien.post(
        reverse("transaksi:rincian_tarif"),
        {"produk": "mikrodata-olah", "jumlah": "2500000", "ukuran": "byte", "untuk": "Sri Wahyuni"},
    )
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    for bagian in ("RINCIAN TARIF PNBP", "RT-", "Sri Wahyuni", "Rp55.000", "lima puluh lima ribu rupiah", "SPPD"):
        assert bagian.lower() in teks.lower(), bagian
    assert "BPS Provinsi Bengkulu".lower() in teks.lower()  # the letterhead from kantor()


def test_rincian_tarif_inggris_membedakan_banyaknya_dari_uang(petugas, klien_untuk):
    """An English reader's breakdown labels the quantity asked for "Quantity", not "Amount" (the
    word of its money column), and its price column, one tariff per line, "Tariff"."""
    petugas.bahasa = "en"
    petugas.save(update_fields=["bahasa"])
    r = klien_untuk(petugas).get(
        reverse("transaksi:rincian_tarif"), {"produk": "mikrodata-olah", "jumlah": "2500000", "ukuran": "byte"}
    )
    teks = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).split())
    assert "Quantity 2,500,000 bytes" in teks and "Amount 2,500,000" not in teks
    assert "Quantity Tariff Amount" in teks and "Tariffs" not in teks
    # The preview is saved under an English name too, as the invoice and the ticket are.
    assert r["Content-Disposition"] == 'inline; filename="tariff-breakdown-preview.pdf"'


def test_rincian_tarif_bernomor_hanya_saat_diterbitkan(petugas, klien_untuk):
    klien = klien_untuk(petugas)
    isian = {"produk": "publikasi-elektronik", "jumlah": "120", "ukuran": "byte"}
    url = reverse("transaksi:rincian_tarif")

    def teks(r):
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)

    for _ in range(3):  # previews take no number
        pratinjau = teks(klien.get(url, isian))
        assert "belum bernomor" in pratinjau.lower() and "RT-" not in pratinjau
    tahun = timezone.localdate().year
    assert f"RT-1700-{tahun}-000001" in teks(klien.post(url, isian))
    assert f"RT-1700-{tahun}-000002" in teks(klien.post(url, isian))


def test_pengunjung_tidak_melihat_tombol_pdf(pengunjung, klien_untuk):
    r = klien_untuk(pengunjung).get(
        reverse("transaksi:tarif_hitung"), {"produk": "publikasi-elektronik", "jumlah": "5"}
    )
    assert "Rincian tarif (PDF)" not in r.content.decode()


def test_rincian_tarif_petugas_kantor_kota_berkop_kantornya(kota, klien_untuk):
    """A city-office officer prints the breakdown for their walk-in under the
    city office's letterhead, not the provincial office's."""
    from conftest import buat_pengguna

    kota.alamat = "Jl. Kota No. 1, Kota Bengkulu"
    kota.save()
    klien = klien_untuk(buat_pengguna("petugas1771@bps.go.id", "Petugas Layanan", kantor=kota))
    r = klien.get(reverse("transaksi:rincian_tarif"), {"produk": "publikasi-elektronik", "jumlah": "120"})
    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).lower()
    assert "bps kota bengkulu" in teks and "jl. kota no. 1" in teks and "provinsi" not in teks


@pytest.mark.parametrize(
    "bahasa, jumlah, ukuran, total",
    [
        ("en", "1,500", "mb", "IDR\u00a030,000,000"),  # 1,500 MB: 1.5 billion bytes, not 1.5 MB
        ("en", "1,000", "", "IDR\u00a0335,000"),  # a thousand pages, not one
        ("en", "2.5", "mb", "IDR\u00a050,000"),
        ("id", "1.500", "mb", "Rp30.000.000"),
        ("id", "2,5", "mb", "Rp50.000"),
    ],
)
def test_kalkulator_membaca_angka_menurut_bahasa_pembaca(bahasa, jumlah, ukuran, total, client):
    """An English reader writes a thousand as "1,000", an Indonesian one as "1.000"."""
    produk = "mikrodata-tanpa-olah" if ukuran else "publikasi-elektronik"
    r = client.get(
        reverse("transaksi:tarif_hitung"),
        {"produk": produk, "jumlah": jumlah, "ukuran": ukuran},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE=bahasa,
    )
    assert total in r.content.decode()


@pytest.mark.parametrize(
    "produk, jumlah, ukuran", [("publikasi-elektronik", "1.500", ""), ("mikrodata-olah", "2,5", "mb")]
)
def test_alamat_verifikasi_rincian_tarif_terbaca_sama_dalam_bahasa_lain(
    petugas, klien_untuk, client, monkeypatch, produk, jumlah, ukuran
):
    """The printed breakdown's address carries the quantity so that no reader
    reads it otherwise: an Indonesian officer's "1.500" pages or "2,5" MB,
    opened by an English reader, is what was printed, not 1.5 pages or an error."""
    from transaksi.views import transaksi as views

    dicetak = {}
    monkeypatch.setattr(views, "render_pdf", lambda template, konteks: dicetak.update(konteks) or b"%PDF-")
    isian = {"produk": produk, "jumlah": jumlah, "ukuran": ukuran}
    klien_untuk(petugas).get(reverse("transaksi:rincian_tarif"), isian)
    client.logout()
    r = client.get(dicetak["url_verifikasi"], HTTP_ACCEPT_LANGUAGE="en")
    assert r.context["hasil"] is not None and r.context["hasil"]["jumlah"] == dicetak["jumlah"]
    assert r.context["hasil"]["rincian"].total == dicetak["rincian"].total


@pytest.mark.parametrize(
    "bahasa, kalimat", [("id", "penjelasan tarif (SOP langkah 14), bukan tagihan"), ("en", "the tariff (SOP step 14);")]
)
def test_rincian_tarif_menyebut_langkah_sop(petugas, klien_untuk, langkah_diubah, bahasa, kalimat):
    """The printed breakdown names the explanation step as sop.py numbers it."""
    petugas.bahasa = bahasa
    petugas.save(update_fields=["bahasa"])
    r = klien_untuk(petugas).get(reverse("transaksi:rincian_tarif"), {"produk": "publikasi-elektronik", "jumlah": "5"})
    teks = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).split())
    assert kalimat in teks


@pytest.mark.parametrize("bahasa, nol", [("id", "Rp0"), ("en", "IDR\u00a00")])
def test_kalkulator_produk_gratis_menulis_nol_dalam_bahasa_pembaca(bahasa, nol, client):
    """A free product's total reads as every other amount on the page: "IDR 0" in English."""
    Produk.objects.filter(kode="publikasi-elektronik").update(kelas_harga="gratis")
    r = client.get(
        reverse("transaksi:tarif_hitung"),
        {"produk": "publikasi-elektronik", "jumlah": "120"},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE=bahasa,
    )
    total = re.search(r"data-total>([^<]*)<", r.content.decode()).group(1)
    assert total == nol


def test_rincian_tarif_bernomor_per_kantor(petugas, kota, klien_untuk):
    """Each office counts its issued breakdowns from 1 each year, and a number
    says whose it is, like its invoices and receipts: the city office's first
    is not the province-wide counter's next one."""
    from conftest import buat_pengguna

    isian = {"produk": "publikasi-elektronik", "jumlah": "120"}
    url = reverse("transaksi:rincian_tarif")
    tahun = timezone.localdate().year

    def terbitkan(pengguna):
        r = klien_untuk(pengguna).post(url, isian)
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)

    assert f"RT-1700-{tahun}-000001" in terbitkan(petugas)
    assert f"RT-1771-{tahun}-000001" in terbitkan(
        buat_pengguna("petugas1771@bps.go.id", "Petugas Layanan", kantor=kota)
    )
    assert f"RT-1700-{tahun}-000002" in terbitkan(petugas)


def test_tarif_baru_dengan_tanggal_mulai_sama_menggantikan_yang_dicatat_lebih_dulu(pengunjung, supervisor, klien_untuk):
    """Tariff rows are never edited, so a mistyped tariff is corrected by a new
    row from the same start: that row is the one in force on the tariff page,
    in the back office and on the visitor's item, not the mistyped one."""
    peta = Produk.objects.get(kode="peta-kabkota-kecamatan")
    mulai = datetime(2026, 1, 1, tzinfo=WIB)
    for harga in (400_000, 45_000):  # the mistyped row, then its correction
        TarifProduk.objects.create(produk=peta, berlaku_mulai=mulai, aturan="per_unit", harga_satuan=harga)
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=WIB), tick=False):
        halaman = klien_untuk(pengunjung).get(reverse("transaksi:tarif")).content.decode()
        assert "Rp45.000 per peta" in halaman and "Rp400.000" not in halaman
        hitung = klien_untuk(pengunjung).get(reverse("transaksi:tarif_hitung"), {"produk": peta.kode, "jumlah": "2"})
        assert "data-total>Rp90.000<" in hitung.content.decode()
        admin = klien_untuk(supervisor).get(reverse("admin:transaksi_produk_changelist"), {"q": peta.kode})
        assert "Rp45.000 per peta" in admin.content.decode()
        t = services.buat_transaksi(pengunjung, "Penelitian tata ruang kecamatan", "berbayar")
        item = services.tambah_item(t, peta, 2, "Peta Kecamatan Gading Cempaka", pengunjung)
    assert item.subtotal == 90_000


@pytest.mark.parametrize("telepon", ["–", ""])
def test_kop_pdf_tanpa_telepon_bila_kantor_belum_mengisinya(petugas, klien_untuk, telepon):
    """An office seeded without its number (a regency office until its
    supervisor types it) printed "Telp. –" on the letterhead of every PDF:
    the phone is left out until it is known."""
    kantor_ini = Kantor.objects.get(pk=kantor().pk)
    kantor_ini.telepon = telepon
    kantor_ini.save()
    r = klien_untuk(petugas).post(reverse("transaksi:rincian_tarif"), {"produk": "mikrodata-olah", "jumlah": "1"})
    teks = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).split())
    assert f"{kantor_ini.alamat} · {kantor_ini.email}" in teks and "Telp." not in teks


def test_alamat_verifikasi_rincian_tarif_memakai_tarif_tanggal_cetaknya(petugas, klien_untuk, client, monkeypatch):
    """The printed breakdown's QR address checks "the contents of this
    document": opened after a tariff change it showed the new tariff's total,
    not the one printed, as if the office's own document were wrong."""
    from transaksi.views import transaksi as views

    dicetak = {}
    monkeypatch.setattr(views, "render_pdf", lambda template, konteks: dicetak.update(konteks) or b"%PDF-")
    isian = {"produk": "publikasi-elektronik", "jumlah": "120"}
    with time_machine.travel(datetime(2026, 12, 10, 10, 0, tzinfo=WIB), tick=False):
        klien_untuk(petugas).post(reverse("transaksi:rincian_tarif"), isian)
    assert dicetak["rincian"].total == 80_000
    TarifProduk.objects.create(
        produk=Produk.objects.get(kode="publikasi-elektronik"),
        berlaku_mulai=datetime(2027, 1, 1, tzinfo=WIB),
        aturan="blok",
        blok_pertama=50,
        harga_blok_pertama=60_000,
        blok_lanjutan=50,
        harga_blok_lanjutan=20_000,
    )
    client.logout()
    with time_machine.travel(datetime(2027, 2, 1, 10, 0, tzinfo=WIB), tick=False):
        r = client.get(dicetak["url_verifikasi"])
        assert r.context["hasil"]["rincian"].total == 80_000
        assert "tarif yang berlaku pada Kamis, 10 Desember 2026 pukul 10.00 WIB" in r.content.decode()
        # The calculator itself, and the table beside it, keep today's tariff.
        assert client.get(reverse("transaksi:tarif"), isian).context["hasil"]["rincian"].total == 100_000
