"""An officer's step that cannot be taken back asks first, in a real
browser: "Batal" on the question changes nothing."""

import pytest
from django.urls import reverse

from conftest import buat_pengguna
from tests import pabrik
from tests.transaksi.test_pembayaran import NTPN, menunggu_pembayaran
from transaksi import services
from transaksi.models import Status
from transaksi.services import pembayaran

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _klik_dan_tolak(page, tombol) -> list[str]:
    """Click `tombol`, answer "Batal" to the question; the questions asked."""
    pertanyaan = []
    page.once("dialog", lambda d: (pertanyaan.append(d.message), d.dismiss()))
    tombol.click()
    page.wait_for_timeout(300)
    return pertanyaan


def test_verifikasi_pembayaran_ditanyakan_dahulu(halaman_baru, pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    page = halaman_baru(petugas)
    page.goto(reverse("transaksi:pembayaran", args=[t.nomor]))
    tombol = page.get_by_role("button", name="Verifikasi pembayaran")

    assert _klik_dan_tolak(page, tombol) == [
        f"Verifikasi pembayaran Rp50.000 (NTPN {NTPN}) untuk transaksi {t.nomor}? Keputusan ini tidak dapat diubah."
    ]
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI

    page.once("dialog", lambda d: d.accept())
    tombol.click()
    page.get_by_text("Pembayaran terverifikasi").wait_for()
    t.refresh_from_db()
    assert t.status == Status.DIPROSES


def test_mengambil_tugas_rekan_ditanyakan_dahulu(halaman_baru, pengunjung, petugas):
    rekan = buat_pengguna("eko@bps.go.id", "Petugas Layanan", nama_lengkap="Eko Rekan")
    t = services.ambil_tugas(pabrik.transaksi_diajukan(pengunjung), rekan)
    page = halaman_baru(petugas)
    page.goto(reverse("transaksi:periksa_detail", args=[t.nomor]))
    tombol = page.get_by_role("button", name="Ambil tugas")

    assert _klik_dan_tolak(page, tombol) == [f"Transaksi {t.nomor} sedang ditangani Eko Rekan. Ambil alih tugas ini?"]
    t.refresh_from_db()
    assert t.petugas == rekan

    page.once("dialog", lambda d: d.accept())
    tombol.click()
    page.get_by_text("kini Anda tangani").wait_for()
    t.refresh_from_db()
    assert t.petugas == petugas
