"""The SOP walk in English, in a real browser. Steps 2–3: the waiting-room
display switched to English, the receptionist registers a walk-in and an
officer calls them; the display shows and speaks the call in English. Steps
4–8: a foreign researcher (English profile) creates a microdata transaction, an officer reading English declares
it complete and issues the invoice, the researcher pays and sends the proof,
the officer verifies and delivers, the researcher downloads and rates. Every
page, the JavaScript strings and the PDFs (read with pdftotext) are English."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from antrian.models import Tiket
from pst_layanan.models import Pengguna
from tests.halaman import yang_hilang
from tests.peramban import isi
from tests.transaksi.test_browser_transaksi import _pdf, _unggah
from tests.transaksi.test_pembayaran import KODE, NTPN
from transaksi.models import Status, Transaksi

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="butuh pdftotext (poppler-utils)"),
]


def _teks_pdf(page, alamat: str) -> str:
    respons = page.request.get(alamat)
    assert respons.ok and respons.headers["content-type"] == "application/pdf"
    return subprocess.run(
        ["pdftotext", "-", "-"], input=respons.body(), capture_output=True, check=True
    ).stdout.decode()


def test_alur_sop_dalam_bahasa_inggris(halaman_baru, pengunjung, petugas):
    Pengguna.objects.filter(pk__in=[pengunjung.pk, petugas.pk]).update(bahasa="en")

    # SOP steps 4–5: the researcher's transaction, the calculator's preview in English formats.
    tamu = halaman_baru(pengunjung)
    tamu.goto("/transaksi/baru/")
    expect(tamu.locator("html")).to_have_attribute("lang", "en")
    tamu.get_by_label("Purpose of the data use").fill("PhD thesis on poverty in Sumatra")
    tamu.get_by_label("Product").select_option("mikrodata-tanpa-olah")
    tamu.get_by_label("Title/description of the data requested").fill("Susenas March 2025 Bengkulu")
    tamu.get_by_label("Data size").fill("2.5")  # the label is set by the calculator script (djangojs)
    expect(tamu.locator("#hasil-hitung")).to_contain_text("IDR 50,000")
    tamu.get_by_role("button", name="Save draft").click()
    expect(tamu.locator("h1")).to_contain_text("Transaction PST-")
    _unggah(tamu, "abstraksi", "abstract.pdf", "Upload")
    _unggah(tamu, "sppd", "agreement.pdf", "Upload")
    tamu.get_by_role("button", name="Submit transaction").click()
    expect(tamu.locator(".badge").first).to_have_text("Submitted, awaiting check")
    t = Transaksi.objects.get()

    # The officer, reading English too: complete, then the invoice.
    kantor = halaman_baru(petugas)
    kantor.goto("/transaksi/periksa/")
    kantor.get_by_role("link", name=t.nomor).click()
    kantor.get_by_role("button", name="Declare complete").click()
    expect(kantor.locator(".alert-success")).to_contain_text("declared complete")
    kantor.goto(reverse("transaksi:tagihan_terbitkan", args=[t.nomor]))
    kantor.get_by_label("SIMPONI billing code").fill(KODE)
    kantor.get_by_label("Amount on the SIMPONI billing").fill("50.000")
    kantor.get_by_role("button", name="Issue the invoice and send it to the applicant").click()
    expect(kantor.locator(".alert-success")).to_contain_text("issued and sent to the applicant")
    tagihan = t.tagihan.get()

    # Step 7: the researcher reads the invoice (page and PDF), pays and sends the proof.
    tamu.goto(reverse("transaksi:pembayaran", args=[t.nomor]))
    expect(tamu.get_by_text("IDR 50,000").first).to_be_visible()
    faktur = _teks_pdf(tamu, reverse("transaksi:tagihan_pdf", args=[t.nomor, tagihan.pk]))
    assert not yang_hilang(
        faktur, "INVOICE", "In words: Fifty thousand rupiah", "IDR 50,000", "How to pay", "Valid until", "Page 1 of 1"
    )
    assert "Terbilang" not in faktur and "Rp50.000" not in faktur
    tamu.get_by_label("NTPN").fill(NTPN)
    tamu.get_by_label("State Revenue Receipt (BPN)").set_input_files(_pdf("bpn.pdf"))
    tamu.get_by_role("button", name="Send proof of payment").click()
    tamu.get_by_text("Proof of payment sent").wait_for()

    # The officer verifies and delivers.
    kantor.goto(reverse("transaksi:pembayaran", args=[t.nomor]))
    # Verifying cannot be undone: asked first, in the officer's language.
    pertanyaan = []
    kantor.once("dialog", lambda d: (pertanyaan.append(d.message), d.accept()))
    kantor.get_by_role("button", name="Verify payment").click()
    expect(kantor.locator(".alert-success")).to_contain_text("Payment verified")
    assert pertanyaan and pertanyaan[0].startswith("Verify the payment of ")
    kantor.goto(reverse("transaksi:serahkan", args=[t.nomor]))
    kantor.get_by_label("Product files").set_input_files(
        {"name": "susenas-2025.csv", "mimeType": "text/csv", "buffer": b"kode,nama\n17,BENGKULU\n"}
    )
    kantor.get_by_role("button", name="Deliver products").click()
    expect(kantor.locator("h1")).to_contain_text("Products delivered, awaiting rating")

    # The researcher's receipt (PDF) and the rating that closes the transaction (step 8).
    kuitansi = _teks_pdf(tamu, reverse("transaksi:kuitansi_pdf", args=[t.nomor]))
    assert not yang_hilang(
        kuitansi, "RECEIPT", "Received from", "Fifty thousand rupiah", "IDR 50,000", "Payment verified"
    )
    tamu.goto(t.get_absolute_url())
    tamu.get_by_role("link", name="Give a rating").first.click()
    for kode in range(1, 10):
        tamu.locator(f"label[for='id_u{kode}_4']").click()
    tamu.get_by_role("button", name="Send rating").click()
    tamu.get_by_text("Thank you for your rating").wait_for()
    t.refresh_from_db()
    assert t.status == Status.SELESAI
    assert tamu.galat_konsol == [] and kantor.galat_konsol == []  # no CSP violation, no script error


def test_meja_loket_dan_layar_dalam_bahasa_inggris(halaman_baru, selalu_buka, layanan_b, loket1, resepsionis, petugas):
    Pengguna.objects.filter(pk__in=[resepsionis.pk, petugas.pk]).update(bahasa="en")
    layar = halaman_baru(viewport={"width": 1920, "height": 1080})
    layar.goto("/antrian/layar/")
    layar.get_by_role("button", name="English").click()  # the TV's browser keeps the choice in its cookie
    expect(layar.locator("html")).to_have_attribute("lang", "en")
    layar.click("#aktifkan-suara")
    expect(layar.locator("#aktifkan-suara")).to_contain_text("Sound on")  # a djangojs string
    expect(layar.locator("#jam-tanggal")).to_contain_text(re.compile(r"day, \d+ \w+ \d{4}"))

    meja = halaman_baru(resepsionis)
    meja.add_init_script("window.print = () => { window.__dicetak = true; };")
    meja.goto("/antrian/meja/")
    meja.fill("#cari", "john")
    meja.wait_for_selector("#hasil-cari :text('No visitor matches')")
    isi(
        meja,
        {
            "#id_baru-email": "john.smith@university.example",
            "#id_baru-nama_lengkap": "John Smith",
            "#id_baru-telepon": "+441234567890",
            "#id_baru-jenis_kelamin": "L",
            "#id_baru-tahun_lahir": "1985",
            "#id_baru-pendidikan": "s3",
            "#id_baru-pekerjaan": "peneliti",
            "#id_baru-kategori_instansi": "internasional",
            "#id_bt-pemanfaatan": "penelitian",
            "#id_bt-jenis_layanan_0": True,
            "#id_baru-bahasa": "en",
            "#id_baru-setuju_privasi": True,
        },
    )
    meja.click("#tombol-terbitkan")
    meja.wait_for_url("**/antrian/tiket/*/cetak/?cetak=1")
    # The desk recorded the language John reads: his e-mails come in English.
    assert Pengguna.objects.get(email="john.smith@university.example").bahasa == "en"
    assert meja.inner_text(".tiket-nomor") == "B-001"
    expect(meja.locator("html")).to_have_attribute("lang", "en")

    loket = halaman_baru(petugas)
    loket.goto(f"/antrian/loket/{loket1.pk}/")
    loket.click("#tombol-berikutnya")
    loket.wait_for_selector("#kode-aktif")
    layar.wait_for_function("() => document.body.dataset.pengumumanTerakhir !== undefined", timeout=5000)
    assert layar.evaluate("document.body.dataset.pengumumanTerakhir") == (
        "Queue number B zero zero one, please go to counter one"
    )
    publik = halaman_baru()
    publik.goto(f"/antrian/t/{Tiket.objects.get().token}/")
    publik.get_by_role("button", name="English").click()
    expect(publik.locator("#status-tiket")).to_contain_text("Counter 1")
    for halaman in (layar, meja, loket, publik):
        assert halaman.galat_konsol == []
