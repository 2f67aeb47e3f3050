"""The visitor's side of payment in a real browser: sees the invoice with its
billing code, sends the proof of payment, later downloads the product."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import pabrik
from tests.transaksi.test_pembayaran import KODE, NTPN, menunggu_pembayaran
from transaksi.models import Status, Unduhan
from transaksi.services import pembayaran, penyerahan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pengunjung_melihat_tagihan_mengirim_bukti_lalu_mengunduh_produk(halaman_baru, pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    page = halaman_baru(pengunjung)
    page.goto(reverse("transaksi:pembayaran", args=[t.nomor]))
    assert page.locator("[data-kode-billing]").first.inner_text() == KODE
    assert page.get_by_text("Rp50.000").first.is_visible()

    page.get_by_label("NTPN").fill(NTPN.lower())
    page.get_by_label("Bukti Penerimaan Negara (BPN)").set_input_files(
        {"name": "bpn.pdf", "mimeType": "application/pdf", "buffer": pabrik.PDF_MINIMAL}
    )
    page.get_by_role("button", name="Kirim bukti bayar").click()
    page.get_by_text("Bukti bayar terkirim").wait_for()
    assert f"NTPN {NTPN} terkirim" in page.locator("#panel-pembayaran").inner_text()
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI

    pembayaran.verifikasi_pembayaran(t, petugas)
    penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas-2025.csv", b"kode,nama\n17,BENGKULU\n")])

    page.reload()
    with page.expect_download() as unduh:
        page.get_by_role("link", name="susenas-2025.csv").click()
    assert unduh.value.suggested_filename == "susenas-2025.csv"
    assert Path(unduh.value.path()).read_bytes() == b"kode,nama\n17,BENGKULU\n"
    assert Unduhan.objects.filter(oleh=pengunjung, jenis="produk").count() == 1
    assert page.galat_konsol == []


def test_progres_unggah_produk_memakai_angka_indonesia(halaman_baru, pengunjung, petugas):
    """The delivery form's progress reads "2,9 dari 2,9 MB" on an Indonesian
    page: "2.9" would read as two thousand nine hundred."""
    from tests.transaksi.test_pembayaran import diproses

    t = diproses(pengunjung, petugas)
    page = halaman_baru(petugas)
    # The page is left for the next one when the upload ends: keep every progress text.
    page.add_init_script(
        "new MutationObserver(() => { const e = document.querySelector('[data-progres-teks]');"
        " if (e) sessionStorage.setItem('progres', e.textContent); })"
        ".observe(document, {subtree: true, childList: true, characterData: true});"
    )
    page.goto(reverse("transaksi:serahkan", args=[t.nomor]))
    page.set_input_files("#id_berkas", {"name": "peta.zip", "mimeType": "application/zip", "buffer": b"0" * 3_000_000})
    page.get_by_role("button", name="Serahkan produk").click()
    page.get_by_text("Produk diserahkan").first.wait_for()
    assert page.evaluate("sessionStorage.getItem('progres')") == "100% (2,9 dari 2,9 MB)"
