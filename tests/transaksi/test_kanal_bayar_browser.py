"""Paying without an NTPN in a real browser, with the PDFs read back:
a transfer from abroad from submission to delivery, and cash at the treasurer."""

import subprocess

import pytest
from playwright.sync_api import expect

from tests import pabrik
from tests.transaksi.test_kanal_bayar import REKENING, atur_kantor
from tests.transaksi.test_pembayaran import KODE, menunggu_pembayaran
from transaksi.models import CaraBayar, Kuitansi, Status, Transaksi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _berkas(nama, isi=pabrik.PDF_MINIMAL, mime="application/pdf"):
    return {"name": nama, "mimeType": mime, "buffer": isi}


def _teks_unduhan(page, tautan, tmp_path) -> str:
    """Follow a PDF link with the page's session (PDFs open inline, in the
    browser's viewer) and read the document back as text (pdftotext)."""
    respons = page.context.request.get(tautan.get_attribute("href"))
    assert respons.ok and respons.headers["content-type"] == "application/pdf"
    berkas = tmp_path / "unduhan.pdf"
    berkas.write_bytes(respons.body())
    return subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True).stdout


def test_transfer_luar_negeri_dari_pengajuan_sampai_penyerahan(halaman_baru, pengunjung, petugas, tmp_path):
    atur_kantor(**REKENING)
    t = pabrik.transaksi_draf(pengunjung)
    tamu = halaman_baru(pengunjung)
    tamu.goto(t.get_absolute_url())
    tamu.get_by_role("button", name="Ajukan transaksi").click()
    expect(tamu.locator(".badge").first).to_have_text(str(Status.DIAJUKAN.label))

    kantor = halaman_baru(petugas)
    kantor.goto("/transaksi/periksa/")
    kantor.get_by_role("link", name=t.nomor).click()
    kantor.get_by_role("button", name="Nyatakan lengkap").click()
    expect(kantor.locator(".alert-success")).to_contain_text("dinyatakan lengkap")
    kantor.get_by_role("link", name="Terbitkan tagihan").click()
    kantor.get_by_label("Kode billing SIMPONI").fill(KODE)
    kantor.get_by_label("Jumlah pada billing SIMPONI").fill("50.000")
    kantor.get_by_role("button", name="Terbitkan tagihan dan kirim ke pemohon").click()
    expect(kantor.locator(".alert-success")).to_contain_text("diterbitkan")

    # The visitor abroad: the office's account in the payment box, the proof of transfer sent.
    tamu.goto(f"/transaksi/{t.nomor}/pembayaran/")
    kotak = tamu.locator("#kanal-transfer")
    expect(kotak).to_contain_text(REKENING["rekening_nomor"])
    expect(kotak).to_contain_text(REKENING["rekening_swift"])
    expect(kotak).to_contain_text("Rp50.000")
    teks_tagihan = _teks_unduhan(tamu, tamu.get_by_role("link", name="Unduh tagihan (PDF)"), tmp_path)
    assert "Rp50.000" in teks_tagihan and "lima puluh ribu rupiah" in teks_tagihan.lower()
    kotak.get_by_label("Bank pengirim").fill("Maybank Berhad, Kuala Lumpur")
    kotak.get_by_label("Nomor referensi transfer").fill("MBB-2026-778899")
    kotak.get_by_label("Bukti transfer").set_input_files(_berkas("transfer.pdf"))
    kotak.get_by_role("button", name="Kirim bukti transfer").click()
    expect(tamu.locator(".alert-success")).to_contain_text("Bukti transfer terkirim")
    expect(tamu.locator("#panel-pembayaran")).to_contain_text("ref. MBB-2026-778899 terkirim")

    # The officer matches it against the account statement and verifies it.
    kantor.goto(f"/transaksi/{t.nomor}/pembayaran/")
    expect(kantor.locator("#panel-pembayaran-petugas")).to_contain_text("MBB-2026-778899")
    kantor.once("dialog", lambda d: d.accept())  # verifying cannot be undone: asked first
    kantor.get_by_role("button", name="Verifikasi pembayaran").click()
    expect(kantor.locator(".alert-success")).to_contain_text("Pembayaran terverifikasi")
    t.refresh_from_db()
    assert t.status == Status.DIPROSES

    kantor.get_by_role("link", name="Serahkan produk").click()
    kantor.get_by_label("Berkas produk").set_input_files(
        _berkas("susenas.csv", b"kode,nama\n17,BENGKULU\n", "text/csv")
    )
    kantor.get_by_role("button", name="Serahkan produk").click()
    kantor.get_by_text("Produk diserahkan").first.wait_for()
    t.refresh_from_db()
    assert t.status == Status.DISERAHKAN

    tamu.reload()
    kuitansi = Kuitansi.objects.get(transaksi=t)
    teks = _teks_unduhan(tamu, tamu.get_by_role("link", name=f"Kuitansi {kuitansi.nomor} (PDF)"), tmp_path)
    assert "Rp50.000" in teks and "lima puluh ribu rupiah" in teks.lower()
    assert "MBB-2026-778899" in teks and "Transfer bank / luar negeri" in teks
    assert tamu.galat_konsol == [] and kantor.galat_konsol == []


def test_tunai_di_bendahara_dengan_kuitansi(halaman_baru, pengunjung, petugas, bendahara, tmp_path):
    atur_kantor(bayar_tunai=True, **REKENING)
    t = menunggu_pembayaran(pengunjung, petugas)
    tagihan = t.tagihan.get()

    tamu = halaman_baru(pengunjung)
    tamu.goto(f"/transaksi/{t.nomor}/pembayaran/")
    expect(tamu.locator("#kanal-tunai")).to_contain_text(tagihan.nomor)

    kas = halaman_baru(bendahara)
    kas.goto("/transaksi/kas/")
    kas.get_by_label("Cari tagihan").fill(tagihan.nomor)
    kas.get_by_role("button", name="Cari").click()
    kas.get_by_role("link", name=f"Terima tunai {tagihan.nomor}").click()
    kas.get_by_label("Uang tunai yang diterima (Rp)").fill("50000")
    kas.get_by_role("button", name="Catat penerimaan dan terbitkan kuitansi").click()
    expect(kas.locator(".alert-success").first).to_contain_text("Pembayaran tunai dicatat")
    kuitansi = Kuitansi.objects.get(transaksi=t)
    teks = _teks_unduhan(kas, kas.get_by_role("link", name="Cetak kuitansi (PDF)"), tmp_path)
    assert kuitansi.nomor in teks and "Rp50.000" in teks and "lima puluh ribu rupiah" in teks.lower()
    assert "Bendahara Penerimaan" in teks

    t = Transaksi.objects.get(pk=t.pk)
    assert t.status == Status.DIPROSES and t.bukti_bayar.get().cara_bayar == CaraBayar.TUNAI
    tamu.reload()
    teks = _teks_unduhan(tamu, tamu.get_by_role("link", name="Unduh kuitansi pembayaran tunai (PDF)"), tmp_path)
    assert kuitansi.nomor in teks and "lima puluh ribu rupiah" in teks.lower()
    assert tamu.galat_konsol == [] and kas.galat_konsol == []
