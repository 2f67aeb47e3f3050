"""A form sent after the transaction moved on (an old tab, a colleague's
step, a double click) is refused with a message on the page shown afresh;
the form it came from may no longer be there, so the refusal never hides on
it. Nothing changes."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import pabrik
from tests.transaksi.test_kanal_bayar import REKENING, atur_kantor
from tests.transaksi.test_pembayaran import NTPN, diproses, menunggu_pembayaran
from transaksi.models import BuktiBayar, ItemTransaksi, RiwayatTransaksi
from transaksi.services import pembayaran, pengajuan

pytestmark = pytest.mark.django_db


def _dikirim_lagi(klien, url, data, t):
    """Post, follow, and return the page's text with what changed."""
    jumlah = (ItemTransaksi.objects.count(), BuktiBayar.objects.count(), RiwayatTransaksi.objects.count())
    r = klien.post(url, data, follow=True)
    assert r.redirect_chain and r.status_code == 200
    assert (ItemTransaksi.objects.count(), BuktiBayar.objects.count(), RiwayatTransaksi.objects.count()) == jumlah
    return r.content.decode()


def test_tolak_bukti_yang_sudah_diverifikasi(pengunjung, petugas, klien_untuk, berkas_privat):
    t = diproses(pengunjung, petugas)
    url = reverse("transaksi:bukti_tolak", args=[t.nomor])
    html = _dikirim_lagi(klien_untuk(petugas), url, {"alasan": "Tidak terbaca."}, t)
    # The proof is looked at before the move: what the officer needs to hear is that none waits.
    assert "Tidak ada bukti bayar yang menunggu verifikasi." in html


def test_tambah_item_setelah_dibayar(pengunjung, petugas, klien_untuk, berkas_privat):
    t = diproses(pengunjung, petugas)
    url = reverse("transaksi:item_tambah", args=[t.nomor])
    isian = {"produk": "peta-kabkota-desa", "uraian": "Peta desa Kota Bengkulu", "jumlah": "2"}
    html = _dikirim_lagi(klien_untuk(pengunjung), url, isian, t)
    assert "Transaksi berstatus “Diproses” tidak dapat diubah lagi." in html


def test_kirim_bukti_setelah_transaksi_dibatalkan(pengunjung, petugas, klien_untuk, berkas_privat):
    t = menunggu_pembayaran(pengunjung, petugas)
    pengajuan.batalkan(t, pengunjung, "Tidak jadi.")
    url = reverse("transaksi:bukti_kirim", args=[t.nomor])
    isian = {"ntpn": NTPN, "tanggal_bayar": timezone.localdate().isoformat(), "berkas": pabrik.berkas_pdf("bpn.pdf")}
    html = _dikirim_lagi(klien_untuk(pengunjung), url, isian, t)
    assert "Transaksi berstatus “Dibatalkan” tidak dapat diubah menjadi" in html


@pytest.mark.parametrize(
    "url, isian",
    [
        ("transaksi:bukti_kirim", {"ntpn": "NTPN-SALAH"}),
        ("transaksi:bukti_transfer", {"transfer-bank_pengirim": "Maybank", "transfer-nomor_referensi": "FT"}),
    ],
)
def test_bukti_salah_ketik_setelah_tagihan_dibatalkan_tetap_dijelaskan(
    pengunjung, petugas, klien_untuk, berkas_privat, url, isian
):
    """A proof sent from a page opened before the officer corrected the items
    (the invoice voided, a new one to come), with a mistyped NTPN or
    reference: the page came back (400) without the proof form, so without
    its error, and said nothing. It says why no proof can be sent now."""
    atur_kantor(**REKENING)
    t = menunggu_pembayaran(pengunjung, petugas)
    item = t.item.get()
    pembayaran.koreksi_item(t, petugas, {item.pk: item.jumlah + 1}, "Jumlah halaman salah.")
    html = _dikirim_lagi(klien_untuk(pengunjung), reverse(url, args=[t.nomor]), isian, t)
    assert "Belum ada tagihan yang berlaku untuk dibayar." in html


def test_batalkan_lagi_tidak_menyebut_sudah_dibayar(pengunjung, klien_untuk):
    """The second cancel of a draft (another tab) was told "a paid transaction
    cannot be cancelled"; nothing was paid."""
    t = pabrik.transaksi_draf(pengunjung)
    pengajuan.batalkan(t, pengunjung, "Tidak jadi.")
    url = reverse("transaksi:batalkan", args=[t.nomor])
    html = _dikirim_lagi(klien_untuk(pengunjung), url, {"alasan": "Tidak jadi."}, t)
    assert "Transaksi ini sudah berstatus “Dibatalkan”" in html and "sudah dibayar" not in html


def test_minta_koreksi_tagihan_lagi_tidak_menyebut_bukti_bayar(pengunjung, petugas, klien_untuk):
    """The request sent twice is not told a proof has been sent: none has."""
    t = menunggu_pembayaran(pengunjung, petugas)
    pembayaran.minta_koreksi_tagihan(t, pengunjung, "Jumlah halaman salah.")
    url = reverse("transaksi:tagihan_koreksi", args=[t.nomor])
    html = _dikirim_lagi(klien_untuk(pengunjung), url, {"catatan": "Jumlah halaman salah."}, t)
    assert "Transaksi ini sudah berstatus “Lengkap, menunggu tagihan”" in html and "bukti bayar dikirim" not in html


def test_serahkan_lagi_setelah_diserahkan(pengunjung, petugas, klien_untuk, berkas_privat):
    """A second delivery post (a resend) was told the products may only be
    delivered once payment is verified, on a transaction already delivered."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.transaksi.test_pembayaran import diserahkan

    t = diserahkan(pengunjung, petugas)
    url = reverse("transaksi:serahkan", args=[t.nomor])
    berkas = SimpleUploadedFile("susenas-2.csv", b"kode,nama\n17,BENGKULU\n")
    html = _dikirim_lagi(klien_untuk(petugas), url, {"berkas": [berkas]}, t)
    assert "sudah berstatus “Produk diserahkan" in html and "setelah pembayaran terverifikasi" not in html
    halaman = klien_untuk(petugas).get(url).content.decode()
    assert "Produk transaksi ini sudah diserahkan pada" in halaman and "setelah pembayaran terverifikasi" not in halaman
    assert t.berkas_produk.count() == 1


def test_keputusan_rp0_dikirim_lagi_menyebut_langkah_yang_sudah_diambil(pengunjung, petugas, klien_untuk):
    """Approved, then "refuse" sent from an old tab: it was told "Diproses cannot become Lengkap, menunggu
    tagihan", a status the officer never chose."""
    from transaksi.models import KelasHarga

    # Submitted as a Rp0 request, with the letter such a request requires.
    t = pabrik.transaksi_diajukan(pengunjung, kelas_harga=KelasHarga.NOL_RUPIAH)
    klien = klien_untuk(petugas)
    url = reverse("transaksi:periksa_lengkap", args=[t.nomor])
    assert klien.post(url, {"nol_rupiah": "setuju"}).status_code == 302
    html = _dikirim_lagi(klien, url, {"nol_rupiah": "tolak"}, t)
    assert "Persyaratan transaksi ini sudah dinyatakan lengkap; transaksi kini berstatus “Diproses”." in html
    t.refresh_from_db()
    assert t.kelas_harga == KelasHarga.NOL_RUPIAH and t.total == 0


def test_catatan_untuk_dokumen_yang_sudah_diganti_tidak_hilang_diam_diam(pengunjung, petugas, klien_untuk):
    """A check page opened before a send-back and the visitor's fix: its note
    on the document since replaced is refused in words, not dropped while the
    transaction goes back with the general note alone."""
    t = pabrik.transaksi_diajukan(pengunjung)
    lama = t.dokumen.aktif().select_related("jenis").first()
    pengajuan.minta_perbaikan(t, petugas, {lama.pk: "Belum ditandatangani."})
    pengajuan.unggah_dokumen(t, lama.jenis, pabrik.berkas_pdf("baru.pdf"), pengunjung)
    pengajuan.ajukan(t, pengunjung)
    url = reverse("transaksi:periksa_perbaikan", args=[t.nomor])
    r = klien_untuk(petugas).post(url, {f"dok_{lama.pk}": "Halaman 2 kosong.", "catatan": "Lengkapi juga KTP."})
    t.refresh_from_db()
    assert r.status_code == 400 and t.status == "diajukan"
    assert f"{lama.jenis.nama} sudah diganti pemohon" in r.content.decode()
