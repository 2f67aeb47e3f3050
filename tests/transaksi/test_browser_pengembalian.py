"""A refund of PNBP end to end in a real browser: a paid transaction, the
officer proposes, the supervisor approves, the visitor sees the status and
downloads the request letter (read back with pdftotext), the treasurer
marks it processed."""

import subprocess

import pytest
from django.urls import reverse

from tests.transaksi.test_pembayaran import diproses
from tests.transaksi.test_pengembalian import ALASAN, REKENING
from transaksi.models import Pengembalian, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pengembalian_dari_usulan_sampai_diproses(halaman_baru, pengunjung, petugas, supervisor, bendahara, tmp_path):
    t = diproses(pengunjung, petugas)
    pembayaran = reverse("transaksi:pembayaran", args=[t.nomor])

    page = halaman_baru(petugas)
    page.goto(pembayaran)
    page.get_by_text("Usulkan pengembalian PNBP").click()
    page.get_by_label("Alasan produk tidak dapat diberikan").fill(ALASAN)
    page.get_by_label("Nama pemilik rekening pembayar").fill(REKENING.nama)
    page.get_by_label("Nomor rekening").fill(REKENING.nomor)
    page.get_by_label("Nama bank").fill(REKENING.bank)
    page.get_by_role("button", name="Kirim usulan pengembalian").click()
    page.get_by_text("Usulan pengembalian PNBP terkirim ke supervisor").wait_for()
    assert "Menunggu keputusan supervisor" in page.locator("#panel-pengembalian").inner_text()

    # Approving cancels the transaction for good: the supervisor is asked first, and "Batal" changes nothing.
    page = halaman_baru(supervisor)
    page.goto(pembayaran)
    pertanyaan = []
    page.once("dialog", lambda d: (pertanyaan.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Setujui pengembalian dan batalkan transaksi").click()
    page.wait_for_timeout(300)
    assert pertanyaan == [
        f"Setujui pengembalian Rp50.000 dan batalkan transaksi {t.nomor}? Keputusan ini tidak dapat diubah."
    ]
    assert Pengembalian.objects.get().status == Pengembalian.Status.DIAJUKAN
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Setujui pengembalian dan batalkan transaksi").click()
    page.get_by_text("surat permohonan PPNBP/1700/2026/000001 terbit").wait_for()
    t.refresh_from_db()
    assert t.status == Status.DIKEMBALIKAN

    page = halaman_baru(pengunjung)
    page.goto(t.get_absolute_url())
    assert "Dibatalkan \u2014 PNBP dikembalikan" in page.locator(".badge-status-transaksi").first.inner_text()
    assert "PNBP yang sudah Anda bayar dikembalikan" in page.locator("#langkah").inner_text()
    page.goto(pembayaran)
    # The letter opens inline in the browser's PDF viewer: fetched with the page's own session.
    tautan = page.get_by_role("link", name="Unduh surat permohonan pengembalian PNBP")
    respons = page.request.get(tautan.get_attribute("href"))
    assert respons.ok and respons.headers["content-type"] == "application/pdf"
    berkas = tmp_path / "surat.pdf"
    berkas.write_bytes(respons.body())
    keluaran = subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True).stdout
    teks = " ".join(keluaran.split())
    assert "PPNBP/1700/2026/000001" in teks and "Rp50.000" in teks and "Lima puluh ribu rupiah" in teks
    assert page.galat_konsol == []

    page = halaman_baru(bendahara)
    page.goto(reverse("transaksi:pengembalian_daftar"))
    page.get_by_label("Catatan (mis. tanggal dan referensi transfer)").fill("SP2D 19 Maret")
    page.get_by_role("button", name=f"Tandai diproses ({t.nomor})").click()
    page.get_by_text("ditandai sudah diproses").wait_for()
    assert Pengembalian.objects.get().status == Pengembalian.Status.DIPROSES
    assert page.galat_konsol == []
