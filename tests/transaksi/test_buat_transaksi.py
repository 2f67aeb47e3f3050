"""SOP step 5 on the create and draft pages: the guest-book visit, items and
their running total, and refusals shown in Indonesian."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import pabrik
from tests.halaman import yang_hilang
from transaksi.models import Status, Transaksi

pytestmark = pytest.mark.django_db

# 120 pages of an electronic publication: Rp80.000.
ISIAN = pabrik.isian_transaksi(produk="publikasi-elektronik", uraian="Provinsi Bengkulu Dalam Angka 2026", jumlah="120")


def test_kunjungan_langsung_hari_ini_ditautkan(pengunjung, resepsionis, klien_untuk):
    from antrian.models import Kanal, Kunjungan, Layanan

    tamu = Kunjungan.objects.create(
        pengunjung=pengunjung, layanan=Layanan.objects.get(kode="B"), kanal=Kanal.LANGSUNG, dicatat_oleh=resepsionis
    )
    klien_untuk(pengunjung).post(reverse("transaksi:baru"), ISIAN)
    t = Transaksi.objects.get()
    assert t.kunjungan == tamu and Kunjungan.objects.count() == 1
    # The next request that day comes from the same visit: the guest book counts the visitor once.
    klien_untuk(pengunjung).post(reverse("transaksi:baru"), {**ISIAN, "uraian": "Kota Bengkulu Dalam Angka 2026"})
    assert Kunjungan.objects.count() == 1 and Transaksi.objects.order_by("pk").last().kunjungan == tamu


def test_formulir_baru_dikirim_dua_kali_satu_draf(pengunjung, klien_untuk):
    """A double click on "Buat" makes one draft with one number and one visit
    in the guest book: the second sending opens the first draft."""
    from antrian.models import Kunjungan

    klien = klien_untuk(pengunjung)
    pertama = klien.post(reverse("transaksi:baru"), ISIAN)
    kedua = klien.post(reverse("transaksi:baru"), ISIAN)
    t = Transaksi.objects.get()
    assert pertama.url == kedua.url == t.get_absolute_url()
    assert t.item.count() == 1 and Kunjungan.objects.count() == 1


def test_isian_salah_tidak_membuat_apa_pun(pengunjung, klien_untuk):
    from antrian.models import Kunjungan

    r = klien_untuk(pengunjung).post(reverse("transaksi:baru"), {**ISIAN, "jumlah": "0", "keperluan": ""})
    assert r.status_code == 200
    halaman = r.content.decode()
    assert "Jumlah harus minimal 1." in halaman
    assert not Transaksi.objects.exists() and not Kunjungan.objects.exists()


def test_isian_salah_disebut_di_atas_formulir_baru(pengunjung, klien_untuk):
    """On a phone the create form is two screens tall and comes back at its
    top: a product not chosen or a wrong quantity, refused below the first
    screen, left the visitor looking at the form they had just sent. Above
    the fields the page names what to correct, each a link to its field."""
    r = klien_untuk(pengunjung).post(reverse("transaksi:baru"), {**ISIAN, "produk": "", "jumlah": "abc"})
    halaman = r.content.decode()
    ringkasan = re.search(r'<div class="alert alert-danger"[^>]*id="galat-isian"[^>]*>(.*?)</div>', halaman, re.S)
    assert ringkasan and halaman.index('id="galat-isian"') < halaman.index('name="keperluan"')
    assert "Periksa kembali isian berikut:" in ringkasan.group(1)
    assert '<a href="#id_produk" class="alert-link">Produk</a>' in ringkasan.group(1)
    assert 'href="#id_jumlah"' in ringkasan.group(1) and 'href="#id_keperluan"' not in ringkasan.group(1)
    assert 'id="galat-isian"' not in klien_untuk(pengunjung).get(reverse("transaksi:baru")).content.decode()


def test_tambah_dan_hapus_item_menghitung_ulang_total(pengunjung, klien_untuk):
    klien = klien_untuk(pengunjung)
    klien.post(reverse("transaksi:baru"), ISIAN)
    t = Transaksi.objects.get()
    assert t.total == 80_000
    klien.post(
        reverse("transaksi:item_tambah", args=[t.nomor]),
        {"produk": "peta-kabkota-desa", "uraian": "Peta desa Kota Bengkulu", "jumlah": "2"},
    )
    t.refresh_from_db()
    assert t.total == 220_000
    halaman = klien.get(t.get_absolute_url()).content.decode()
    assert "Rp220.000" in halaman and "Abstraksi penggunaan data" in halaman  # the map needs it
    peta = t.item.get(produk__kode="peta-kabkota-desa")
    hapus = reverse("transaksi:item_hapus", args=[t.nomor, peta.pk])
    assert "Item dihapus." in klien.post(hapus, follow=True).content.decode()
    t.refresh_from_db()
    assert t.total == 80_000
    # Sent again (a second click, an old tab): nothing is deleted, and the page does not say it was.
    lagi = klien.post(hapus, follow=True).content.decode()
    assert "Item itu tidak ada pada transaksi ini; mungkin sudah dihapus." in lagi and "Item dihapus." not in lagi


def test_hapus_item_transaksi_lain_tidak_mengubah_apa_pun(pengunjung, klien_untuk):
    klien = klien_untuk(pengunjung)
    klien.post(reverse("transaksi:baru"), ISIAN)
    klien.post(reverse("transaksi:baru"), {**ISIAN, "uraian": "Statistik Daerah Kota Bengkulu 2025"})
    milik_a, milik_b = Transaksi.objects.order_by("pk")
    item_b = milik_b.item.get()
    halaman = klien.post(reverse("transaksi:item_hapus", args=[milik_a.nomor, item_b.pk]), follow=True)
    assert "Item itu tidak ada pada transaksi ini" in halaman.content.decode()
    assert milik_a.item.count() == 1 and milik_b.item.filter(pk=item_b.pk).exists()


def test_item_yang_sama_dikirim_dua_kali_ditagih_sekali(pengunjung, klien_untuk):
    """A second click on "Tambah" (or the form sent again) added the same
    dataset twice, and the visitor was billed for it twice."""
    klien = klien_untuk(pengunjung)
    klien.post(reverse("transaksi:baru"), ISIAN)
    t = Transaksi.objects.get()
    peta = {"produk": "peta-kabkota-desa", "uraian": "Peta desa Kota Bengkulu", "jumlah": "2"}
    klien.post(reverse("transaksi:item_tambah", args=[t.nomor]), peta)
    r = klien.post(reverse("transaksi:item_tambah", args=[t.nomor]), {**peta, "uraian": " peta desa kota bengkulu "})
    assert r.status_code == 400
    assert r.content.decode().count("Peta desa Kota Bengkulu sudah ada di transaksi ini") == 1  # said once
    t.refresh_from_db()
    assert t.item.count() == 2 and t.total == 220_000


def test_tambah_item_salah_ditampilkan(pengunjung, klien_untuk):
    t = pabrik.transaksi_draf(pengunjung)
    r = klien_untuk(pengunjung).post(
        reverse("transaksi:item_tambah", args=[t.nomor]),
        {"produk": "mikrodata-olah", "uraian": "x", "jumlah": "1,0000005", "ukuran": "mb"},
    )
    assert r.status_code == 400 and "Jumlah byte harus bilangan bulat." in r.content.decode()
    assert t.item.count() == 1


def test_ajukan_tanpa_dokumen_menjelaskan_yang_kurang(pengunjung, klien_untuk):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    r = klien_untuk(pengunjung).post(reverse("transaksi:ajukan", args=[t.nomor]), follow=True)
    assert "Dokumen belum lengkap: Abstraksi penggunaan data" in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.DRAF


def test_transaksi_saya_dan_tombol(pengunjung, klien_untuk):
    t = pabrik.transaksi_draf(pengunjung)
    halaman = klien_untuk(pengunjung).get(reverse("transaksi:saya")).content.decode()
    assert t.nomor in halaman and "menunggu Anda" in halaman
    nav = klien_untuk(pengunjung).get(reverse("beranda")).content.decode()
    assert not yang_hilang(nav, "Transaksi saya", "Buat transaksi", reverse("transaksi:tarif"))


def test_produk_yang_dinonaktifkan_di_draf_tidak_dapat_diajukan(pengunjung, klien_untuk):
    t = pabrik.transaksi_draf(pengunjung)
    produk = pabrik.produk()
    produk.aktif = False  # the supervisor stopped offering it after the draft was made
    produk.save()
    r = klien_untuk(pengunjung).post(reverse("transaksi:ajukan", args=[t.nomor]), follow=True)
    assert f"{produk.nama} tidak lagi dilayani; hapus item itu sebelum mengajukan." in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.DRAF
    # Once the visitor removes it and adds a product still offered, the request goes.
    klien_untuk(pengunjung).post(reverse("transaksi:item_hapus", args=[t.nomor, t.item.get().pk]))
    pabrik.services.tambah_item(t, pabrik.produk("mikrodata-olah"), 1_000_000, "Tabel kemiskinan 2025", pengunjung)
    assert pabrik.services.ajukan(t, pengunjung).status == Status.DIAJUKAN


def test_produk_yang_dinonaktifkan_tidak_dapat_ditambahkan(pengunjung, klien_untuk):
    """A product the supervisor stopped offering while the visitor's page
    was open (or its code sent by hand) was refused with a bare "not one of
    the available choices"; the page now says it is no longer served, beside
    the product field, and no item, draft or guest-book visit is made."""
    from antrian.models import Kunjungan

    t = pabrik.transaksi_draf(pengunjung)
    total = t.total
    peta = pabrik.produk("peta-kabkota-desa")
    peta.aktif = False
    peta.save()
    pesan = f"{peta.nama} tidak lagi dilayani; pilih produk lain."
    isian = {"produk": peta.kode, "uraian": "Peta desa Kota Bengkulu", "jumlah": "2"}
    r = klien_untuk(pengunjung).post(reverse("transaksi:item_tambah", args=[t.nomor]), isian)
    galat = re.search(r'id="id_produk_error"(.*?)</div>', r.content.decode(), re.S)
    assert r.status_code == 400 and galat and pesan in galat.group(1)
    t.refresh_from_db()
    assert t.item.count() == 1 and t.total == total
    kunjungan = Kunjungan.objects.count()
    r = klien_untuk(pengunjung).post(reverse("transaksi:baru"), {**ISIAN, **isian})
    assert pesan in r.content.decode()
    assert Transaksi.objects.count() == 1 and Kunjungan.objects.count() == kunjungan
    with pytest.raises(ValidationError, match="tidak lagi dilayani"):
        pabrik.services.tambah_item(t, peta, 2, "Peta desa Kota Bengkulu", pengunjung)
    assert t.item.count() == 1


@pytest.mark.parametrize("kolom", ["keperluan", "uraian"])
def test_isian_wajib_tak_terlihat_ditolak(kolom, pengunjung, klien_untuk):
    """A purpose or an item title of zero-width spaces or Hangul fillers (pasted
    from a chat) passed as filled: the officer's check, the invoice and its PDF
    then showed a blank where the SOP asks what the data is for and which title."""
    r = klien_untuk(pengunjung).post(reverse("transaksi:baru"), {**ISIAN, kolom: "\u200b\u3164 \u200d"})
    assert r.status_code == 200
    assert "hanya berisi spasi atau karakter tak terlihat" in r.content.decode()
    assert not Transaksi.objects.exists()
