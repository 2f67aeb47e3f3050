"""One browser walk of SOP steps 5–7: a visitor creates a microdata
transaction and uploads the documents; an officer sends it back with a note;
the visitor sees the note, re-uploads and resubmits; the officer declares it
complete."""

import re

import pytest
from playwright.sync_api import expect

from tests import pabrik
from tests.pabrik import PDF_MINIMAL
from transaksi.models import Status, Transaksi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pdf(nama):
    return {"name": nama, "mimeType": "application/pdf", "buffer": PDF_MINIMAL}


def _unggah(page, kode, nama, tombol="Unggah"):
    baris = page.locator(f"#syarat-{kode}")
    baris.locator("input[type=file]").set_input_files(_pdf(nama))
    baris.get_by_role("button", name=re.compile(tombol)).click()
    expect(page.locator(f"#syarat-{kode}")).to_contain_text(nama)


def test_buat_perbaiki_lengkap(halaman_baru, pengunjung, petugas):
    tamu = halaman_baru(pengunjung)
    tamu.goto("/transaksi/baru/")
    tamu.get_by_label("Keperluan penggunaan data").fill("Penelitian tesis tentang kemiskinan")
    tamu.get_by_label("Produk").select_option("mikrodata-tanpa-olah")
    tamu.get_by_label("Judul/uraian data yang diminta").fill("Susenas Maret 2025 Provinsi Bengkulu")
    tamu.get_by_label("Ukuran data").fill("2,5")
    expect(tamu.locator("#hasil-hitung")).to_contain_text("Rp50.000")  # the htmx preview
    tamu.get_by_role("button", name="Simpan draf").click()
    expect(tamu.locator("h1")).to_contain_text("Transaksi PST-")
    _unggah(tamu, "abstraksi", "abstraksi.pdf")
    _unggah(tamu, "sppd", "sppd.pdf")
    tamu.get_by_role("button", name="Ajukan transaksi").click()
    expect(tamu.locator(".badge").first).to_have_text(str(Status.DIAJUKAN.label))
    t = Transaksi.objects.get()

    kantor = halaman_baru(petugas)
    kantor.goto("/transaksi/periksa/")
    kantor.get_by_role("link", name=t.nomor).click()
    kantor.get_by_label("Catatan untuk Abstraksi penggunaan data").fill("Cantumkan variabel yang dibutuhkan.")
    kantor.get_by_role("button", name="Kembalikan ke pemohon").click()
    expect(kantor.locator(".alert-success")).to_contain_text("dikembalikan ke pemohon")

    tamu.reload()
    expect(tamu.locator("[data-catatan-petugas]")).to_contain_text("Cantumkan variabel yang dibutuhkan.")
    _unggah(tamu, "abstraksi", "abstraksi-revisi.pdf")
    tamu.get_by_role("button", name="Ajukan kembali").click()
    expect(tamu.locator(".alert-success")).to_contain_text("Transaksi diajukan")

    kantor.reload()
    kantor.get_by_role("button", name="Nyatakan lengkap").click()
    expect(kantor.locator(".alert-success")).to_contain_text("dinyatakan lengkap")
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_TAGIHAN and t.total == 50_000
    assert tamu.galat_konsol == [] and kantor.galat_konsol == []  # no CSP violations


def test_hapus_item_ditanya_dulu(halaman_baru, pengunjung):
    """Removing a product from a draft asks first; "Batal" keeps it."""
    t = pabrik.transaksi_draf(pengunjung)
    item = t.item.get()
    page = halaman_baru(pengunjung)
    page.goto(t.get_absolute_url())
    tombol = page.locator("#item button.btn-outline-danger")
    pertanyaan = []

    def jawab(dialog, setuju):
        pertanyaan.append(dialog.message)
        dialog.accept() if setuju else dialog.dismiss()

    page.once("dialog", lambda d: jawab(d, False))
    tombol.click()
    page.wait_for_timeout(300)
    assert pertanyaan == [f"Hapus {item.produk.nama} ({item.uraian}) dari permintaan?"]
    assert t.item.count() == 1
    page.once("dialog", lambda d: jawab(d, True))
    tombol.click()
    expect(page.locator("#item")).to_contain_text("Belum ada produk.")
    assert t.item.count() == 0


def test_berkas_persyaratan_melebihi_batas_tidak_dikirim(halaman_baru, pengunjung, monkeypatch):
    """On a phone an 11 MB scan would be sent in full before the server refuses it: the page says so first."""
    from pst_layanan import berkas

    monkeypatch.setattr(berkas, "BATAS_PERSYARATAN", 1000)  # the limit the page is rendered with
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    tamu = halaman_baru(pengunjung)
    kiriman = []
    tamu.on("request", lambda r: r.method == "POST" and kiriman.append(r.url))
    tamu.goto(t.get_absolute_url())
    baris = tamu.locator("#syarat-abstraksi")
    baris.locator("input[type=file]").set_input_files({**_pdf("besar.pdf"), "buffer": PDF_MINIMAL + b"0" * 1000})
    baris.get_by_role("button", name=re.compile("Unggah")).click()
    expect(baris.get_by_role("alert")).to_contain_text("melebihi batas 1000 byte sekali kirim")
    assert kiriman == [] and tamu.url.endswith(t.get_absolute_url())
    _unggah(tamu, "abstraksi", "abstraksi.pdf")  # a file within the limit is sent as before


def test_teguran_berkas_lama_hilang_saat_berkas_baru_terlalu_besar(halaman_baru, pengunjung, monkeypatch):
    """A refused text file left "Isi berkas bukan PDF…" under the field; then an
    over-limit scan showed the size warning above it while that message, about
    the earlier file, stayed: the visitor read that their scan was refused on
    both counts. Only the warning about the file now chosen remains."""
    from pst_layanan import berkas

    monkeypatch.setattr(berkas, "BATAS_PERSYARATAN", 1000)
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    tamu = halaman_baru(pengunjung)
    tamu.goto(t.get_absolute_url())
    baris = tamu.locator("#syarat-abstraksi")
    baris.locator("input[type=file]").set_input_files({"name": "catatan.txt", "mimeType": "text/plain", "buffer": b"x"})
    baris.get_by_role("button", name=re.compile("Unggah")).click()
    expect(tamu.locator("#syarat-abstraksi")).to_contain_text("Isi berkas bukan PDF")
    baris = tamu.locator("#syarat-abstraksi")
    baris.locator("input[type=file]").set_input_files({**_pdf("besar.pdf"), "buffer": PDF_MINIMAL + b"0" * 1000})
    baris.get_by_role("button", name=re.compile("Unggah")).click()
    expect(baris.get_by_role("alert")).to_have_text(re.compile("melebihi batas 1000 byte"))
    expect(baris).not_to_contain_text("Isi berkas bukan PDF")
    expect(baris.locator("input[type=file]")).not_to_have_class(re.compile("is-invalid"))


def test_ajukan_diklik_lagi_saat_halaman_memuat_dikirim_sekali(halaman_baru, pengunjung):
    """On a phone's slow connection nothing seems to happen after "Ajukan
    transaksi", and the visitor taps it again: the browser posted twice and
    showed the answer to the second post, "already submitted, perhaps from
    another tab or by someone else", instead of "submitted". The form is sent
    once; the second tap waits for the first answer."""
    t = pabrik.transaksi_draf(pengunjung)
    tamu = halaman_baru(pengunjung)
    kiriman = []
    tamu.on("request", lambda r: r.method == "POST" and kiriman.append(r.url))
    tamu.goto(t.get_absolute_url())
    tombol = tamu.get_by_role("button", name="Ajukan transaksi")
    tombol.scroll_into_view_if_needed()
    kotak = tombol.bounding_box()
    cdp = tamu.context.new_cdp_session(tamu)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 800, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    for _ in range(2):
        tamu.mouse.click(kotak["x"] + kotak["width"] / 2, kotak["y"] + kotak["height"] / 2)
        tamu.wait_for_timeout(200)
    expect(tamu.locator(".alert-success")).to_contain_text("Transaksi diajukan")
    assert len(kiriman) == 1
    expect(tamu.locator(".alert-warning, .alert-danger")).to_have_count(0)
