"""An item's quantity is bounded: an absurd one (a trillion maps, 2**63
bytes) is refused in Indonesian on the form and by the services, and
nothing is saved, instead of overflowing the database columns."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import pabrik
from tests.transaksi.test_buat_transaksi import ISIAN
from tests.transaksi.test_pembayaran import menunggu_tagihan
from transaksi import services
from transaksi.models import TarifProduk, Transaksi
from transaksi.services import pembayaran

pytestmark = pytest.mark.django_db

TERLALU_BESAR = "Jumlah terlalu besar: paling banyak"


@pytest.mark.parametrize(
    "produk,jumlah,ukuran,batas",
    [
        ("peta-indonesia-desa", "1.000.000.000.000", "", "paling banyak 100.000 peta per item"),
        ("mikrodata-olah", "100000000000", "mb", "paling banyak 1.000.000 MB per item"),  # in the unit typed
        ("mikrodata-olah", "1000000000001", "byte", "paling banyak 1.000.000.000.000 byte per item"),
    ],
)
def test_form_item_menolak_jumlah_mustahil(pengunjung, klien_untuk, produk, jumlah, ukuran, batas):
    t = pabrik.transaksi_draf(pengunjung)
    r = klien_untuk(pengunjung).post(
        reverse("transaksi:item_tambah", args=[t.nomor]),
        {"produk": produk, "uraian": "Satu judul", "jumlah": jumlah, "ukuran": ukuran},
    )
    assert r.status_code == 400 and f"Jumlah terlalu besar: {batas}." in r.content.decode()
    t.refresh_from_db()
    assert t.item.count() == 1 and t.total == 20_000 + 1_500 * 20


def test_form_baru_menolak_jumlah_mustahil(pengunjung, klien_untuk):
    r = klien_untuk(pengunjung).post(reverse("transaksi:baru"), {**ISIAN, "jumlah": "100.001"})
    assert r.status_code == 200 and "paling banyak 100.000 halaman per item" in r.content.decode()
    assert not Transaksi.objects.exists()
    # The form shown again asks for its tariff estimate at once, not only after the next edit.
    assert 'hx-trigger="load, change, input delay:400ms"' in r.content.decode()
    kosong = klien_untuk(pengunjung).get(reverse("transaksi:baru")).content.decode()
    assert 'hx-trigger="change, input delay:400ms"' in kosong


def test_batas_jumlah_sendiri_masih_diterima(pengunjung):
    t = pabrik.transaksi_draf(pengunjung)
    services.tambah_item(t, pabrik.produk("publikasi-elektronik"), 100_000, "Sensus Penduduk 2020", pengunjung)
    assert t.item.count() == 2


@pytest.mark.parametrize("jumlah", [10**12 + 1, 2**63])
def test_layanan_tambah_item_menolak_jumlah_mustahil(pengunjung, jumlah):
    t = pabrik.transaksi_draf(pengunjung)
    with pytest.raises(ValidationError, match=TERLALU_BESAR):
        services.tambah_item(t, pabrik.produk("mikrodata-olah"), jumlah, "Susenas Maret 2025", pengunjung)
    assert t.item.count() == 1


def test_koreksi_item_menolak_jumlah_mustahil(pengunjung, petugas, klien_untuk):
    t = menunggu_tagihan(pengunjung, petugas)
    item = t.item.get()
    with pytest.raises(ValidationError, match=TERLALU_BESAR):
        pembayaran.koreksi_item(t, petugas, {item.pk: 2**63}, "Ukuran data salah.")
    r = klien_untuk(petugas).post(
        reverse("transaksi:koreksi_item", args=[t.nomor]),
        {f"jumlah_{item.pk}": str(2**63), "catatan": "Ukuran data salah."},
    )
    assert r.status_code == 400 and TERLALU_BESAR in r.content.decode()
    item.refresh_from_db()
    assert item.jumlah == 2_500_000


def test_koreksi_item_dengan_ribuan_angka_ditolak_bukan_galat(pengunjung, petugas, klien_untuk):
    """A quantity of 5,000 digits (pasted, or a crafted form) is refused with
    the product's limit like any too large one; Python will not turn a whole
    number that long into text, and the page answered 500."""
    t = menunggu_tagihan(pengunjung, petugas)
    item = t.item.get()
    r = klien_untuk(petugas).post(
        reverse("transaksi:koreksi_item", args=[t.nomor]),
        {f"jumlah_{item.pk}": "9" * 5000, "catatan": "Ukuran data salah."},
    )
    assert r.status_code == 400 and TERLALU_BESAR in r.content.decode()
    item.refresh_from_db()
    assert item.jumlah == 2_500_000


def test_total_di_luar_kolom_uang_ditolak(pengunjung):
    """Quantities within bounds at an (absurd) tariff can still add up past
    what the total column holds: refused, not a database error."""
    peta = pabrik.produk("peta-indonesia-desa")
    TarifProduk.objects.create(produk=peta, aturan="per_unit", harga_satuan=Decimal(10**11))
    t = pabrik.transaksi_draf(pengunjung)
    services.tambah_item(t, peta, 50_000, "Peta desa seluruh Indonesia", pengunjung)
    with pytest.raises(ValidationError, match="Total transaksi terlalu besar"):
        services.tambah_item(t, peta, 50_000, "Peta desa seluruh Indonesia lagi", pengunjung)
    t.refresh_from_db()
    assert t.item.count() == 2 and t.total == 20_000 + 1_500 * 20 + 5 * 10**15


def test_satu_item_di_luar_kolom_uang_ditolak(pengunjung, petugas, klien_untuk):
    """One item alone can cost more than the money columns hold (the most maps
    at an absurd tariff): the item form and the quantity correction refuse it
    in Indonesian, and PostgreSQL is never sent the overflowing amount (a 500)."""
    peta = pabrik.produk("peta-indonesia-desa")
    TarifProduk.objects.create(produk=peta, aturan="per_unit", harga_satuan=Decimal(10**11))
    t = pabrik.transaksi_draf(pengunjung)
    r = klien_untuk(pengunjung).post(
        reverse("transaksi:item_tambah", args=[t.nomor]),
        {"produk": peta.kode, "uraian": "Peta desa seluruh Indonesia", "jumlah": "100.000"},
    )
    assert r.status_code == 400 and "Total transaksi terlalu besar" in r.content.decode()
    assert t.item.count() == 1
    services.tambah_item(t, peta, 1, "Peta desa seluruh Indonesia", pengunjung)
    t = services.nyatakan_lengkap(services.ajukan(t, pengunjung), petugas)
    item = t.item.get(produk=peta)
    r = klien_untuk(petugas).post(
        reverse("transaksi:koreksi_item", args=[t.nomor]),
        {f"jumlah_{i.pk}": str(100_000 if i == item else i.jumlah) for i in t.item.all()} | {"catatan": "Semua desa."},
    )
    assert r.status_code == 400 and "Total transaksi terlalu besar" in r.content.decode()
    item.refresh_from_db()
    assert item.jumlah == 1


@pytest.mark.parametrize(
    ("ketik", "ukuran", "pesan", "jumlah"),
    [
        # Without a unit (a page opened before sizes were offered in MB): bytes.
        ("3.000.000", None, None, 3_000_000),  # thousands separated, as the item form takes them
        ("٣", None, "Masukkan angka, mis. 120 atau 2,5.", 2_500_000),
        ("2,5", None, "Jumlah byte harus bilangan bulat.", 2_500_000),
        ("0", None, "Jumlah harus minimal 1.", 2_500_000),
        # In MB, as the size was ordered: "3" is 3 MB, not 3 bytes.
        ("3", "mb", None, 3_000_000),
        ("2,75", "mb", None, 2_750_000),
        ("0", "mb", "Jumlah harus minimal 1.", 2_500_000),
        ("0,0000005", "mb", "Jumlah byte harus bilangan bulat.", 2_500_000),
        ("3", "byte", None, 3),
    ],
)
def test_koreksi_item_membaca_angka_seperti_form_item(ketik, ukuran, pesan, jumlah, pengunjung, petugas, klien_untuk):
    t = menunggu_tagihan(pengunjung, petugas)
    item = t.item.get()
    isian = {f"jumlah_{item.pk}": ketik, "catatan": "Ukuran data."} | ({f"ukuran_{item.pk}": ukuran} if ukuran else {})
    r = klien_untuk(petugas).post(reverse("transaksi:koreksi_item", args=[t.nomor]), isian)
    assert r.status_code == (400 if pesan else 302)
    if pesan:
        assert pesan in r.content.decode()
    item.refresh_from_db()
    assert item.jumlah == jumlah


@pytest.mark.parametrize(("bahasa", "tampil"), [("id", 'value="2,5"'), ("en", 'value="2.5"')])
def test_koreksi_ukuran_data_ditampilkan_dalam_mb(bahasa, tampil, pengunjung, petugas, klien_untuk):
    """The correction shows a 2,500,000-byte item as 2,5 MB, the way it was
    ordered and the way the reader types a decimal, with MB chosen."""
    t = menunggu_tagihan(pengunjung, petugas)
    item = t.item.get()
    petugas.bahasa = bahasa
    petugas.save(update_fields=["bahasa"])
    halaman = klien_untuk(petugas).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    isian = re.search(rf'<input[^>]*name="jumlah_{item.pk}"[^>]*>', halaman).group(0)
    assert tampil in isian
    pilihan = re.search(rf'<select[^>]*name="ukuran_{item.pk}".*?</select>', halaman, re.S).group(0)
    assert re.search(r'<option value="mb"[^>]*selected', pilihan)
