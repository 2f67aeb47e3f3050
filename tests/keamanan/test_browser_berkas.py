"""A hostile proof of payment in a real browser: the visitor cannot upload
one, and an officer who opens one stored earlier (or that fooled detection)
runs none of its script — the flag it would set stays unset and nothing is posted."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from playwright.sync_api import expect

from tests import pabrik
from tests.keamanan.test_berkas_jahat import JPEG_MAGIC
from tests.transaksi.test_pembayaran import NTPN, menunggu_pembayaran
from transaksi.models import BuktiBayar, Status
from transaksi.services import pembayaran, penyerahan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _timpa(field_file, isi: bytes) -> None:
    field_file.storage.delete(field_file.name)
    field_file.storage.save(field_file.name, ContentFile(isi))


def test_pengunjung_tidak_dapat_mengunggah_bukti_html(halaman_baru, pengunjung, petugas, berkas_privat):
    t = menunggu_pembayaran(pengunjung, petugas)
    page = halaman_baru(pengunjung)
    page.goto(reverse("transaksi:pembayaran", args=[t.nomor]))
    page.get_by_label("NTPN").fill(NTPN)
    page.get_by_label("Bukti Penerimaan Negara (BPN)").set_input_files(
        {"name": "bpn.jpg", "mimeType": "image/jpeg", "buffer": JPEG_MAGIC + b"<html><script>window.jahat=1</script>"}
    )
    page.get_by_role("button", name="Kirim bukti bayar").click()
    pesan = page.get_by_text("memuat kode HTML/skrip")
    pesan.wait_for()
    assert not BuktiBayar.objects.exists()
    # The refused form is scrolled to, not left below the fold.
    assert page.url.endswith("#form-bukti")
    expect(pesan).to_be_in_viewport()


def test_dokumen_ditolak_ditampilkan_di_tempatnya(halaman_baru, pengunjung):
    t = pabrik.transaksi_draf(pengunjung)
    page = halaman_baru(pengunjung)
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto(t.get_absolute_url())
    baris = page.locator("li[id^=syarat-]").last
    baris.locator("input[type=file]").set_input_files(
        {"name": "catatan.txt", "mimeType": "text/plain", "buffer": b"bukan dokumen"}
    )
    baris.locator("button[type=submit]").click()
    pesan = page.locator("li[id^=syarat-] [role=alert]:visible")  # not the hidden too-large note
    pesan.wait_for()
    assert "#syarat-" in page.url
    expect(pesan).to_be_in_viewport()


def test_petugas_membuka_bukti_jahat_tidak_menjalankan_skrip(halaman_baru, pengunjung, petugas, berkas_privat):
    t = menunggu_pembayaran(pengunjung, petugas)
    bukti = pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    # The worst case: a stored proof that is HTML behind JPEG magic, recorded as a JPEG, loading as
    # script a requirement file of the same transaction recorded as JavaScript (same origin, so the
    # page CSP would allow it). Both posted the "verify payment" form with the officer's session.
    dokumen = t.dokumen.first()
    url_verifikasi = reverse("transaksi:bukti_verifikasi", args=[t.nomor])
    _timpa(dokumen.berkas, f"window.jahat=1;fetch('{url_verifikasi}',{{method:'POST'}});".encode())
    url_skrip = reverse("transaksi:dokumen_unduh", args=[t.nomor, dokumen.pk]) + "?lihat=1"
    _timpa(bukti.berkas, JPEG_MAGIC + f'<html><body><script src="{url_skrip}"></script>bpn</body></html>'.encode())
    BuktiBayar._base_manager.filter(pk=bukti.pk).update(tipe="image/jpeg", nama_asli="bpn.html")
    type(dokumen)._base_manager.filter(pk=dokumen.pk).update(tipe="text/javascript")

    page = halaman_baru(petugas)
    kiriman = []
    page.context.on("request", lambda r: r.method == "POST" and kiriman.append(r.url))
    page.goto(reverse("transaksi:pembayaran", args=[t.nomor]))
    with page.context.expect_page() as tab_baru:
        page.get_by_role("link", name="bpn.html").first.click()
    bpn = tab_baru.value
    bpn.wait_for_load_state()
    bpn.wait_for_timeout(1000)  # time for a script, had one run, to set its flag and post
    assert bpn.evaluate("window.jahat") is None
    assert kiriman == []
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI


def test_petugas_diberi_tahu_sebelum_mengirim_berkas_melebihi_batas(
    halaman_baru, pengunjung, petugas, berkas_privat, monkeypatch
):
    """The server would refuse the body unread; the page says so before sending anything."""
    from tests.transaksi.test_pembayaran import diproses

    monkeypatch.setattr(penyerahan, "BATAS_PRODUK", 1000)  # the limit the page is rendered with
    t = diproses(pengunjung, petugas)
    page = halaman_baru(petugas)
    kiriman = []
    page.on("request", lambda r: r.method == "POST" and kiriman.append(r.url))
    page.goto(reverse("transaksi:serahkan", args=[t.nomor]))
    masukan = page.locator("#form-serahkan input[type=file]")
    masukan.set_input_files([{"name": "besar.csv", "mimeType": "text/csv", "buffer": b"a," * 1000}])
    page.get_by_role("button", name="Serahkan produk").click()
    page.get_by_text("melebihi batas 1000").wait_for()
    assert kiriman == []

    masukan.set_input_files([{"name": "kecil.csv", "mimeType": "text/csv", "buffer": b"kode,nama\n17,BENGKULU\n"}])
    page.get_by_role("button", name="Serahkan produk").click()
    expect(page.locator(".alert-success")).to_contain_text("Produk diserahkan; pemohon diberi tahu lewat e-mail.")
    t.refresh_from_db()
    assert t.status == Status.DISERAHKAN and t.berkas_produk.get().nama_asli == "kecil.csv"
