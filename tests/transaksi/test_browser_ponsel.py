"""The visitor's pages on a 390×844 phone: no table wider than the screen (no
Subtotal or Total cut off behind a sideways scroll), the columns still named,
and what the visitor must do now within the first screen."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from pst_layanan.models import Pengguna
from tests import pabrik
from tests.pabrik import PDF_MINIMAL
from tests.transaksi.test_browser_transaksi import _pdf
from tests.transaksi.test_pembayaran import diproses, diserahkan, isian, menunggu_pembayaran
from transaksi import selectors, services
from transaksi.services import pembayaran, penyerahan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PONSEL = {"width": 390, "height": 844}

# Every element wider than its box, or reaching past the right edge of the screen.
MELEBAR = """() => {
  const lebar = document.documentElement.clientWidth;
  const keluar = [];
  if (document.documentElement.scrollWidth > lebar) keluar.push('halaman ' + document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll('.table-responsive, table, td, th')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || el.closest('.tabel-tumpuk thead')) continue;  // the header row is visually hidden
    if (el.scrollWidth > el.clientWidth + 1 || r.right > lebar + 1) {
      keluar.push(el.tagName + ' ' + (el.dataset.label || el.className) + ' ' + Math.round(r.right));
    }
  }
  return keluar;
}"""


def test_tabel_bertumpuk_tanpa_luapan_dan_aksi_di_layar_pertama(halaman_baru, pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    page = halaman_baru(pengunjung, viewport=PONSEL)
    for url in (reverse("transaksi:tarif"), reverse("transaksi:saya"), t.get_absolute_url()):
        page.goto(url)
        assert page.evaluate(MELEBAR) == [], url

    # Subtotal and Total are read on screen with their column names, and are still table cells.
    subtotal = page.locator("#item td[data-label='Subtotal']").first
    assert subtotal.is_visible() and "Rp50.000" in subtotal.inner_text()
    assert page.evaluate("getComputedStyle(document.querySelector('#item td[data-label]'), '::before').content") in (
        '"Jumlah"',
        "Jumlah",
    )
    assert page.get_by_role("columnheader", name="Subtotal").count() == 1

    # The payment box (billing code and the proof form) starts within the first screen.
    aksi = page.locator("#aksi-sekarang #panel-pembayaran")
    assert aksi.bounding_box()["y"] < PONSEL["height"]
    assert page.locator("#aksi-sekarang [data-kode-billing]").first.bounding_box()["y"] < PONSEL["height"] * 1.5
    assert page.galat_konsol == []


def test_total_nol_rupiah_tidak_terpotong_di_tengah_angka(halaman_baru, pengunjung):
    """Beside the long 'becomes Rp0 if approved' label of a zero-rupiah
    request, the total is still read on one line, never split inside its
    digits ('Rp39.' above '600')."""
    t = pabrik.transaksi_draf(pengunjung, kode="mikrodata-olah", jumlah=1_800_000, kelas_harga="nol_rupiah")
    page = halaman_baru(pengunjung, viewport=PONSEL)
    page.goto(t.get_absolute_url())
    baris = page.evaluate(
        """() => { const r = document.createRange();
        r.selectNodeContents(document.querySelector('#item [data-total]'));
        return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }"""
    )
    assert baris == 1


def test_rekonsiliasi_di_ponsel_tanpa_luapan(halaman_baru, pengunjung, petugas, bendahara):
    """The treasurer's monthly reconciliation on a phone: the table of what was
    billed per product and tariff line, as wide as its product names and
    tariff bases, scrolls inside its own box like the lists below it instead
    of pushing the whole page sideways."""
    # A product whose English name has a long unbroken word ("processing/tabulation").
    t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung, kode="mikrodata-olah"), petugas)
    pembayaran.terbitkan_tagihan(t, petugas, isian(jumlah=f"{t.total:,}".replace(",", ".")))
    Pengguna.objects.filter(pk=bendahara.pk).update(bahasa="en")  # English words run longer
    page = halaman_baru(bendahara, viewport=PONSEL)
    page.goto(reverse("transaksi:rekonsiliasi"))
    assert page.locator("td", has_text="Microdata with processing/tabulation").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]


def test_bukti_bayar_terlalu_besar_ditegur_di_layar(halaman_baru, pengunjung, petugas, monkeypatch):
    """On a phone the send button of the proof form sits a screen below the
    form's top, where the too-large warning is shown: tapping it with an
    11 MB scan seemed to do nothing. The warning is brought into view."""
    from transaksi.forms.pembayaran import BuktiForm

    monkeypatch.setattr(BuktiForm, "batas_byte", 1000)  # the limit the page is rendered with
    t = menunggu_pembayaran(pengunjung, petugas)
    page = halaman_baru(pengunjung, viewport=PONSEL)
    kiriman = []
    page.on("request", lambda r: r.method == "POST" and kiriman.append(r.url))
    page.goto(reverse("transaksi:pembayaran", args=[t.nomor]))
    page.fill("#id_ntpn", "1234567890ABCDEF")
    page.set_input_files("#id_berkas", {**_pdf("bpn.pdf"), "buffer": PDF_MINIMAL + b"0" * 1000})
    page.locator("#form-bukti button[type=submit]").click()
    peringatan = page.locator("#form-bukti [data-terlalu-besar]")
    expect(peringatan).to_contain_text("melebihi batas 1000 byte sekali kirim")
    expect(peringatan).to_be_in_viewport()
    assert kiriman == []


def test_produk_diserahkan_diunduh_dari_layar_pertama(halaman_baru, pengunjung, petugas):
    """The next step reads "download your products, then rate", but on a phone the download links sat
    below the paid invoice's whole card (billing code, validity, channels),
    two screens down. Once delivered, the products come before the paid invoice."""
    t = diserahkan(pengunjung, petugas)
    page = halaman_baru(pengunjung, viewport=PONSEL)
    page.goto(t.get_absolute_url())
    unduh = page.locator("#aksi-sekarang [data-unduh-produk]").first
    assert unduh.bounding_box()["y"] < PONSEL["height"]
    assert page.evaluate(MELEBAR) == []


def test_produk_tambahan_ditolak_ditampilkan_di_tempatnya(halaman_baru, pengunjung):
    """ "Tambah produk" sits below the items, a screen and more down on a phone:
    a refused quantity came back at the top of the page, where nothing said
    the product was not added. The page comes back at the refused form."""
    t = pabrik.transaksi_draf(pengunjung)
    page = halaman_baru(pengunjung, viewport=PONSEL)
    page.goto(t.get_absolute_url())
    page.get_by_text("Tambah produk").click()
    tambah = page.locator("details", has_text="Tambah produk")
    tambah.get_by_label("Produk").select_option("publikasi-elektronik")
    tambah.get_by_label("Judul/uraian data yang diminta").fill("Statistik Daerah Kabupaten Kaur 2025")
    tambah.locator("input[name=jumlah]").fill("0")
    tambah.get_by_role("button", name="Tambahkan").click()
    galat = tambah.locator(".invalid-feedback", has_text="minimal 1")
    expect(galat).to_be_in_viewport()
    assert t.item.count() == 1


def test_permintaan_koreksi_tagihan_ditolak_ditampilkan_di_tempatnya(halaman_baru, pengunjung, petugas):
    """The invoice correction request is folded at the bottom of the payment
    box: sent without a reason it came back at the top of the page, two
    screens above its message. It comes back at its form, opened."""
    t = menunggu_pembayaran(pengunjung, petugas)
    page = halaman_baru(pengunjung, viewport=PONSEL)
    page.goto(t.get_absolute_url())
    page.get_by_text("Tagihan tidak sesuai? Minta koreksi sebelum membayar").click()
    form = page.locator("form", has=page.get_by_role("button", name="Kirim permintaan koreksi"))
    form.get_by_role("button", name="Kirim permintaan koreksi").click()
    expect(form.locator(".invalid-feedback")).to_be_in_viewport()


NAMA_PANJANG = "Surat_Perjanjian_Penggunaan_Data_Susenas_Maret_2025_Provinsi_Bengkulu_final_revisi3.pdf"


def test_nama_berkas_panjang_tidak_melebarkan_halaman(halaman_baru, pengunjung, petugas):
    """A file keeps the name it had on the visitor's computer, often one long
    word of underscores: a requirement document or a delivered product named
    so pushed the whole page to 685 px on a 390 px phone. It wraps."""
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    for jenis in selectors.dokumen_wajib(t):
        services.unggah_dokumen(t, jenis, pabrik.berkas_pdf(NAMA_PANJANG), pengunjung)
    siap = diproses(pengunjung, petugas)
    penyerahan.serahkan_produk(siap, petugas, [SimpleUploadedFile(NAMA_PANJANG.replace(".pdf", ".csv"), b"a,b\n")])
    page = halaman_baru(pengunjung, viewport=PONSEL)
    for alamat in (t.get_absolute_url(), siap.get_absolute_url()):
        page.goto(alamat)
        assert page.locator("main", has_text=NAMA_PANJANG[:40]).count() == 1
        assert page.evaluate(MELEBAR) == [], alamat


def test_pesan_unggah_dengan_nama_panjang_tidak_melebarkan_halaman(halaman_baru, pengunjung):
    """The message confirming an upload repeats the file's name: one long word
    of underscores in it pushed the page sideways on a phone, past the
    message's own box. It wraps like the list below it."""
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    page = halaman_baru(pengunjung, viewport=PONSEL)
    page.goto(t.get_absolute_url())
    form = page.locator("form[action*='/dokumen/']").first
    form.locator("input[type=file]").set_input_files(_pdf(NAMA_PANJANG))
    form.locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text(NAMA_PANJANG)
    assert page.evaluate(MELEBAR) == []


TAUTAN = "https://drive.google.com/drive/folders/1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ?usp=sharing"
EMAIL_PANJANG = "bidang.statistik.sektoral.diskominfotik@bengkuluprov.go.id"
INSTANSI_PANJANG = "DinasKomunikasiInformatikaStatistikdanPersandianProvinsiBengkulu"


def test_tautan_panjang_dalam_keperluan_dan_catatan_tidak_melebarkan_halaman(halaman_baru, pengunjung, petugas):
    """Free text typed by a visitor or an officer (the purpose, a note on a
    document, the note in the history) often holds a link, one long word, as
    a visitor's e-mail address or agency name can be: on a 390 px phone it
    wraps inside its box, on the visitor's page and on the officer's check
    page, and never pushes the whole page sideways."""
    Pengguna.objects.filter(pk=pengunjung.pk).update(email=EMAIL_PANJANG, nama_instansi=INSTANSI_PANJANG)
    t = pabrik.transaksi_diajukan(pengunjung)
    t.keperluan = f"Rancangan penelitian di {TAUTAN}"
    t.save(update_fields=["keperluan"])
    dokumen = t.dokumen.aktif().first()
    services.minta_perbaikan(t, petugas, {dokumen.pk: f"Unggah ulang dari {TAUTAN}"}, f"Lihat contoh {TAUTAN}")
    for orang, alamat in (
        (pengunjung, t.get_absolute_url()),
        (petugas, reverse("transaksi:periksa_detail", args=[t.nomor])),
    ):
        page = halaman_baru(orang, viewport=PONSEL)
        page.goto(alamat)
        assert page.locator("main", has_text=TAUTAN).count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"], alamat
    assert page.locator("main", has_text=INSTANSI_PANJANG).locator("dd", has_text=EMAIL_PANJANG).count() == 1
