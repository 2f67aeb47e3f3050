"""Paying without an NTPN: a bank transfer verified by the officer, cash
counted by the treasurer with its numbered receipt; each enabled per office,
each recorded like a SIMPONI payment and ending "in process".

The helpers at the top are shared by the browser walk."""

import importlib
import subprocess
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor, lupakan_kantor
from pst_layanan.models import Kantor
from pst_layanan.roles import BENDAHARA, PETUGAS
from tests import pabrik
from tests.transaksi.conftest import berkas_di, putus_setelah_insert
from tests.transaksi.test_pembayaran import NTPN, gagal_setelah_menulis, menunggu_pembayaran, status_riwayat
from transaksi import services
from transaksi.alur import TransisiTidakSah
from transaksi.models import BuktiBayar, CaraBayar, Kuitansi, RiwayatTransaksi, Status, Tagihan
from transaksi.services import inti, kanal, pembayaran, pengembalian, penyerahan

pytestmark = pytest.mark.django_db

# The office's receiving account, with transfer switched on (off until an account is known).
REKENING = {
    "bayar_transfer": True,
    "rekening_bank": "Bank Rakyat Indonesia (BRI) Cabang Bengkulu",
    "rekening_nomor": "0011-01-000123-30-7",
    "rekening_atas_nama": "RPL 054 BPS Provinsi Bengkulu",
    "rekening_swift": "BRINIDJA",
}


def atur_kantor(**kolom):
    k = kantor()
    for nama, nilai in kolom.items():
        setattr(k, nama, nilai)
    k.save()
    lupakan_kantor()
    return k


@pytest.fixture
def kanal_kantor(db):
    """The office with its account for transfers and cash at the treasurer enabled."""
    return atur_kantor(bayar_tunai=True, **REKENING)


def kirim_transfer(t, pengunjung, referensi="FT2603100001234", bank="Maybank Malaysia"):
    return kanal.kirim_bukti_transfer(t, pengunjung, bank, referensi, pabrik.berkas_pdf("transfer.pdf"))


def teks_pdf(isi: bytes, tmp_path) -> str:
    berkas = tmp_path / "dokumen.pdf"
    berkas.write_bytes(isi)
    return subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True).stdout


# --- transfer -----------------------------------------------------------------------------------


def test_transfer_diverifikasi_lalu_diserahkan_dengan_kuitansi(
    kanal_kantor, pengunjung, petugas, klien_untuk, tmp_path
):
    t = menunggu_pembayaran(pengunjung, petugas)
    bukti = kirim_transfer(t, pengunjung, referensi="ft 2603 1000 01234")
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI
    assert (bukti.cara_bayar, bukti.nomor_referensi, bukti.ntpn) == (CaraBayar.TRANSFER, "FT2603100001234", "")
    riwayat = t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.STATUS).last()
    assert riwayat.oleh == pengunjung and "transfer Maybank Malaysia ref. FT2603100001234" in riwayat.catatan

    t = pembayaran.verifikasi_pembayaran(t, petugas)
    assert t.status == Status.DIPROSES and t.jam == "proses"
    bukti.refresh_from_db()
    assert (bukti.status, bukti.diperiksa_oleh) == (BuktiBayar.Status.DITERIMA, petugas)
    assert t.tagihan.get().status == Tagihan.Status.LUNAS
    assert "terverifikasi (transfer Maybank Malaysia ref. FT2603100001234)" in t.riwayat.get(ke=Status.DIPROSES).catatan

    penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas.csv", b"a,b\n1,2\n")])
    kuitansi = Kuitansi.objects.get(transaksi=t)
    assert kuitansi.bukti_bayar == bukti
    teks = teks_pdf(klien_untuk(pengunjung).get(reverse("transaksi:kuitansi_pdf", args=[t.nomor])).content, tmp_path)
    assert "Rp50.000" in teks and "lima puluh ribu rupiah" in teks.lower()
    assert "FT2603100001234" in teks and "Maybank Malaysia" in teks and "NTPN" not in teks


def test_transfer_dari_zona_waktu_yang_sudah_esok_hari_diterima(kanal_kantor, pengunjung, petugas):
    """A payer in Auckland who transferred at 05.30 on 17 March (23.30 WIB on
    the 16th) sends the date on their slip at once: it is not after today
    for them, so it is taken; a date no time zone has reached is still refused."""
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=WIB), tick=False):
        t = menunggu_pembayaran(pengunjung, petugas)
    with time_machine.travel(datetime(2026, 3, 16, 23, 30, tzinfo=WIB), tick=False):
        for lusa in (date(2026, 3, 18), date(2026, 3, 19)):
            with pytest.raises(ValidationError, match="Tanggal bayar tidak boleh sesudah hari ini"):
                kanal.kirim_bukti_transfer(t, pengunjung, "ANZ", "FT2603170001", pabrik.berkas_pdf(), lusa)
        bukti = kanal.kirim_bukti_transfer(t, pengunjung, "ANZ", "FT2603170001", pabrik.berkas_pdf(), date(2026, 3, 17))
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI and bukti.dibayar_pada == date(2026, 3, 17)


def test_transfer_dari_zona_waktu_yang_masih_kemarin_diterima(kanal_kantor, pengunjung, petugas):
    """An invoice issued at 10.00 WIB on 13 March reaches a payer in New York
    at 23.00 on the 12th; their transfer that night is dated the 12th, a day
    the invoice already existed for them, so it is taken. A date before the
    invoice existed anywhere is still refused."""
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = menunggu_pembayaran(pengunjung, petugas)
    with time_machine.travel(datetime(2026, 3, 13, 11, 0, tzinfo=WIB), tick=False):
        with pytest.raises(ValidationError, match="lebih awal dari tanggal tagihan diterbitkan"):
            kanal.kirim_bukti_transfer(t, pengunjung, "Chase", "FT2603120001", pabrik.berkas_pdf(), date(2026, 3, 11))
        bukti = kanal.kirim_bukti_transfer(
            t, pengunjung, "Chase", "FT2603120001", pabrik.berkas_pdf(), date(2026, 3, 12)
        )
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI and bukti.dibayar_pada == date(2026, 3, 12)


def test_transfer_ditolak_dengan_alasan_lalu_dikirim_ulang(kanal_kantor, pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    kirim_transfer(t, pengunjung)
    t = pembayaran.tolak_bukti(t, petugas, "Dana belum masuk ke rekening kantor.")
    assert t.status == Status.MENUNGGU_PEMBAYARAN
    assert "ref. FT2603100001234 ditolak: Dana belum masuk" in t.riwayat.filter(jenis="status").last().catatan
    # The refused reference is free again (the same transfer, once the bank credits it).
    kirim_transfer(t, pengunjung)
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI
    assert list(t.bukti_bayar.values_list("status", flat=True)) == ["menunggu", "ditolak"]


def test_transfer_yang_gagal_disimpan_tidak_meninggalkan_berkas(
    kanal_kantor, pengunjung, petugas, monkeypatch, berkas_privat
):
    t = menunggu_pembayaran(pengunjung, petugas)
    sebelum = sorted(berkas_di(berkas_privat))
    putus_setelah_insert(monkeypatch, BuktiBayar)
    with pytest.raises(OperationalError):
        kirim_transfer(t, pengunjung)
    monkeypatch.undo()
    assert sorted(berkas_di(berkas_privat)) == sebelum and not BuktiBayar.objects.exists()


def test_transfer_yang_sama_dikirim_dua_kali_tidak_mengubah_apa_pun(kanal_kantor, pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    pertama = kirim_transfer(t, pengunjung)
    assert kirim_transfer(t, pengunjung) == pertama
    assert t.bukti_bayar.count() == 1 and status_riwayat(t).count(Status.MENUNGGU_VERIFIKASI) == 1


@pytest.mark.parametrize(
    "nama, kunci",
    [
        ("BCA", "bca"),
        ("Bank  BCA", "bca"),
        ("PT Bank Mandiri (Persero) Tbk", "mandiri"),
        ("Bank", "bank"),
        ("Bank Bengkulu", "bengkulu"),
    ],
)
def test_nama_bank_dibandingkan_tanpa_huruf_besar_dan_kata_pengapit(nama, kunci):
    assert kanal.kunci_bank(nama) == kunci


def test_transfer_yang_sama_dengan_nama_bank_lain_ejaan_dikenali_sebagai_kiriman_ulang(
    kanal_kantor, pengunjung, petugas
):
    t = menunggu_pembayaran(pengunjung, petugas)
    pertama = kirim_transfer(t, pengunjung, bank="BCA")
    assert kirim_transfer(t, pengunjung, bank="Bank bca") == pertama
    assert t.bukti_bayar.count() == 1


def test_referensi_transaksi_lain_dengan_ejaan_bank_lain_diperingatkan_ke_pemeriksa(
    kanal_kantor, pengunjung, pengunjung_lain, petugas, klien_untuk
):
    """One transfer claimed for two invoices by typing its bank another way
    ("BRl", a lower-case L) passes the bank-and-reference check: whoever
    checks either proof is told the reference is on another transaction's
    proof too, and by which bank, before matching it to the statement."""
    t1 = menunggu_pembayaran(pengunjung, petugas)
    kirim_transfer(t1, pengunjung, referensi="FT2603100009999", bank="BRI")
    t2 = menunggu_pembayaran(pengunjung_lain, petugas, kode="820260313000002")
    kirim_transfer(t2, pengunjung_lain, referensi="FT2603100009999", bank="BRl")
    klien = klien_untuk(petugas)
    for t, bank_lain in ((t2, "BRI"), (t1, "BRl")):
        halaman = klien.get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
        assert "Nomor referensi ini juga tercantum pada bukti transfer transaksi lain" in halaman
        assert f"bank pengirim: {bank_lain})" in halaman
    t3 = menunggu_pembayaran(pengunjung, petugas, kode="820260313000003")
    kirim_transfer(t3, pengunjung, referensi="FT2603100007777", bank="BRI")
    halaman = klien.get(reverse("transaksi:pembayaran", args=[t3.nomor])).content.decode()
    assert "juga tercantum pada bukti transfer transaksi lain" not in halaman


def test_referensi_transaksi_lain_dengan_tanda_baca_lain_diperingatkan_ke_pemeriksa(
    kanal_kantor, pengunjung, pengunjung_lain, petugas, klien_untuk
):
    """The same transfer's reference typed with a separator on one invoice
    ("FT-2603…") and without on another passes the bank-and-reference check
    as two references: whoever checks either proof is told all the same."""
    t1 = menunggu_pembayaran(pengunjung, petugas)
    kirim_transfer(t1, pengunjung, referensi="FT2603100009999", bank="BRI")
    t2 = menunggu_pembayaran(pengunjung_lain, petugas, kode="820260313000002")
    kirim_transfer(t2, pengunjung_lain, referensi="FT-2603.1000/09999", bank="BRI")
    klien = klien_untuk(petugas)
    for t in (t1, t2):
        halaman = klien.get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
        assert "Nomor referensi ini juga tercantum pada bukti transfer transaksi lain (bank pengirim: BRI)" in halaman


@pytest.mark.parametrize(
    "bank, referensi, kolom",
    [
        ("", "FT2603100001234", "bank_pengirim"),
        ("BNI", "12", "nomor_referensi"),
        ("BNI", "FT#2603", "nomor_referensi"),
        ("Maybank Malaysia", "DIPAKAI0001", "nomor_referensi"),  # held by another transaction
        ("maybank  MALAYSIA", "dipakai0001", "nomor_referensi"),  # the same transfer, typed otherwise
        ("PT Bank Maybank Malaysia.", "DIPAKAI0001", "nomor_referensi"),
    ],
)
def test_transfer_tidak_sah_ditolak_tanpa_perubahan(
    kanal_kantor, pengunjung, pengunjung_lain, petugas, bank, referensi, kolom
):
    lain = menunggu_pembayaran(pengunjung_lain, petugas, kode="820260313000009")
    kirim_transfer(lain, pengunjung_lain, referensi="DIPAKAI0001")
    t = menunggu_pembayaran(pengunjung, petugas)
    with pytest.raises(ValidationError) as galat:
        kanal.kirim_bukti_transfer(t, pengunjung, bank, referensi, pabrik.berkas_pdf("transfer.pdf"))
    assert kolom in galat.value.error_dict
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN and not t.bukti_bayar.exists()


def test_transfer_menyebut_setiap_kesalahan_sekaligus(kanal_kantor, pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    with pytest.raises(ValidationError) as galat:
        kanal.kirim_bukti_transfer(
            t, pengunjung, " ", "ab", SimpleUploadedFile("t.pdf", b"bukan pdf"), date(2099, 1, 1)
        )
    assert set(galat.value.error_dict) == {"bank_pengirim", "nomor_referensi", "tanggal_bayar", "berkas"}
    assert not t.bukti_bayar.exists()


@pytest.mark.parametrize(
    "pengaturan, cara",
    [
        ({"bayar_transfer": False}, "transfer"),
        ({"rekening_nomor": ""}, "transfer"),  # nowhere to send it
        ({"bayar_simponi": False}, "simponi"),
        ({"bayar_tunai": False}, "tunai"),
    ],
)
def test_cara_bayar_yang_dimatikan_kantor_ditolak(kanal_kantor, pengunjung, petugas, bendahara, pengaturan, cara):
    atur_kantor(**pengaturan)
    t = menunggu_pembayaran(pengunjung, petugas)
    with pytest.raises(TransisiTidakSah, match="Kantor ini tidak menerima pembayaran"):
        if cara == "transfer":
            kirim_transfer(t, pengunjung)
        elif cara == "simponi":
            pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
        else:
            kanal.terima_tunai(t, bendahara, 50_000)
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN and not t.bukti_bayar.exists()


def test_bawaan_kantor_simponi_tanpa_transfer_dan_tunai(db):
    k = kantor()
    assert (k.bayar_simponi, k.bayar_transfer, k.bayar_tunai) == (True, False, False)
    # A transfer needs the office's account first.
    assert kanal.kanal_tersedia() == ["simponi"]
    atur_kantor(**REKENING)
    assert kanal.kanal_tersedia() == ["simponi", "transfer"]


def test_pengaturan_kantor_menolak_transfer_tanpa_rekening(db):
    k = kantor()
    k.bayar_transfer = True
    with pytest.raises(ValidationError) as galat:
        k.full_clean()
    assert "rekening_nomor" in galat.value.error_dict
    for nama, nilai in REKENING.items():
        setattr(k, nama, nilai)
    k.full_clean()
    k.bayar_simponi = k.bayar_transfer = False
    with pytest.raises(ValidationError, match="minimal satu cara pembayaran"):
        k.full_clean()


# --- cash at the treasurer ------------------------------------------------------------------------


def test_tunai_dicatat_bendahara_dengan_kuitansi_bernomor(
    kanal_kantor, pengunjung, petugas, bendahara, klien_untuk, tmp_path
):
    t = menunggu_pembayaran(pengunjung, petugas)
    kuitansi = kanal.terima_tunai(t, bendahara, 50_000, "Uang pas.")
    t.refresh_from_db()
    assert t.status == Status.DIPROSES and t.jam == "proses"
    bukti = kuitansi.bukti_bayar
    assert (bukti.cara_bayar, bukti.status, bukti.dikirim_oleh, bukti.diperiksa_oleh) == (
        CaraBayar.TUNAI,
        BuktiBayar.Status.DITERIMA,
        bendahara,
        bendahara,
    )
    assert kuitansi.nomor.startswith("KW") and kuitansi.jumlah == 50_000 and kuitansi.diterbitkan_oleh == bendahara
    assert t.tagihan.get().status == Tagihan.Status.LUNAS
    riwayat = t.riwayat.filter(jenis="status").last()
    assert riwayat.oleh == bendahara and f"kuitansi {kuitansi.nomor}" in riwayat.catatan

    # The visitor has the receipt at once, before delivery; the treasurer prints the same one.
    for user, url in [
        (pengunjung, reverse("transaksi:kuitansi_pdf", args=[t.nomor])),
        (bendahara, reverse("transaksi:kas_kuitansi", args=[t.nomor])),
    ]:
        teks = teks_pdf(klien_untuk(user).get(url).content, tmp_path)
        assert kuitansi.nomor in teks and "Rp50.000" in teks and "lima puluh ribu rupiah" in teks.lower()
        assert "Bendahara Penerimaan" in teks and "tunai" in teks.lower()

    # A cash payment has no proof file to open: 404, not an error page.
    assert klien_untuk(pengunjung).get(reverse("transaksi:bukti_bayar", args=[t.nomor, bukti.pk])).status_code == 404

    # Delivery does not issue a second receipt.
    penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas.csv", b"a,b\n1,2\n")])
    assert Kuitansi.objects.filter(transaksi=t).count() == 1


@pytest.mark.parametrize(
    "siapa, jumlah, pesan",
    [
        ("bendahara", 40_000, "harus sama dengan tagihan"),
        ("petugas", 50_000, "Hanya bendahara penerimaan"),
        ("pengunjung", 50_000, "Hanya bendahara penerimaan"),
    ],
)
def test_tunai_salah_ditolak_tanpa_perubahan(kanal_kantor, pengunjung, petugas, bendahara, siapa, jumlah, pesan):
    t = menunggu_pembayaran(pengunjung, petugas)
    oleh = {"bendahara": bendahara, "petugas": petugas, "pengunjung": pengunjung}[siapa]
    with pytest.raises((ValidationError, TransisiTidakSah), match=pesan):
        kanal.terima_tunai(t, oleh, jumlah)
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN and not t.bukti_bayar.exists() and not Kuitansi.objects.exists()


def test_panel_pengunjung_menyebut_tunai_diterima_bukan_diverifikasi(
    kanal_kantor, pengunjung, petugas, bendahara, klien_untuk
):
    """Cash handed to the treasurer was received, not verified: the visitor's
    panel said "Pembayaran terverifikasi." as for a checked transfer, while
    the receipt beside it says "Diterima tunai"."""
    t = menunggu_pembayaran(pengunjung, petugas)
    kanal.terima_tunai(t, bendahara, 50_000)
    panel = klien_untuk(pengunjung).get(reverse("transaksi:detail", args=[t.nomor])).content.decode()
    assert "Pembayaran tunai diterima." in panel and "Pembayaran terverifikasi." not in panel


def test_riwayat_bukti_tunai_dalam_bahasa_pembaca(kanal_kantor, pengunjung, petugas, bendahara, klien_untuk):
    """The officer's payment panel lists the cash payment in the reader's
    language: an English reader saw "tunai di bendahara penerimaan" in an
    English page."""
    t = menunggu_pembayaran(pengunjung, petugas)
    kanal.terima_tunai(t, bendahara, 50_000)
    petugas.bahasa = "en"
    petugas.save(update_fields=["bahasa"])
    halaman = klien_untuk(petugas).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    assert "Cash at the revenue treasurer" in halaman and "tunai di bendahara penerimaan" not in halaman


def test_tunai_ditolak_setelah_masa_berlaku_kode_billing_habis(
    kanal_kantor, pengunjung, petugas, bendahara, klien_untuk
):
    """Cash is paid in with the billing code now: five minutes past its validity
    it is refused, before the expiry job has marked the invoice expired."""
    t = menunggu_pembayaran(pengunjung, petugas)
    tagihan = t.tagihan.get()
    with time_machine.travel(tagihan.kedaluwarsa_pada + timedelta(minutes=5), tick=False):
        r = klien_untuk(bendahara).post(reverse("transaksi:kas_terima", args=[t.nomor]), {"jumlah_diterima": "50000"})
    assert r.status_code == 400
    assert f"Masa berlaku kode billing tagihan {tagihan.nomor} sudah habis" in r.content.decode()
    t.refresh_from_db()
    tagihan.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN and tagihan.status == Tagihan.Status.AKTIF
    assert not t.bukti_bayar.exists() and not Kuitansi.objects.exists()


def test_kas_tidak_menawarkan_tunai_untuk_kode_billing_yang_habis(
    kanal_kantor, pengunjung, petugas, bendahara, klien_untuk
):
    """Past its billing code's validity, before the expiry job has marked it,
    an invoice is not offered for cash: the list says its code has expired
    and its page says so instead of asking the treasurer to count the
    visitor's money, only to refuse it once typed."""
    t = menunggu_pembayaran(pengunjung, petugas)
    tagihan = t.tagihan.get()
    with time_machine.travel(tagihan.kedaluwarsa_pada + timedelta(minutes=5), tick=False):
        klien = klien_untuk(bendahara)
        daftar = klien.get(reverse("transaksi:kas")).content.decode()
        halaman = klien.get(reverse("transaksi:kas_terima", args=[t.nomor])).content.decode()
    assert f'data-tagihan="{tagihan.nomor}"' in daftar and f"Terima tunai {tagihan.nomor}" not in daftar
    assert "Kode billing ini sudah kedaluwarsa dan tidak dapat dibayar lagi" in daftar
    assert f"Masa berlaku kode billing tagihan {tagihan.nomor} sudah habis" in halaman
    assert 'id="form-tunai"' not in halaman


def test_kas_menyebut_bukti_transfer_yang_menunggu(kanal_kantor, pengunjung, petugas, bendahara, klien_untuk):
    """The visitor's transfer proof waits for checking: the treasurer's cash
    page for that transaction said it had no invoice waiting for payment,
    though its invoice is exactly that; it says the proof is checked first,
    so the invoice is not paid twice, and offers no cash form."""
    t = menunggu_pembayaran(pengunjung, petugas)
    kirim_transfer(t, pengunjung)
    halaman = klien_untuk(bendahara).get(reverse("transaksi:kas_terima", args=[t.nomor])).content.decode()
    assert "Bukti transfer Maybank Malaysia ref. FT2603100001234 sedang menunggu verifikasi petugas" in halaman
    assert "tidak memiliki tagihan yang menunggu pembayaran" not in halaman and 'id="form-tunai"' not in halaman


def test_halaman_kas_bendahara(kanal_kantor, pengunjung, petugas, bendahara, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    klien = klien_untuk(bendahara)
    daftar = klien.get(reverse("transaksi:kas"), {"q": t.tagihan.get().nomor}).content.decode()
    assert f'data-tagihan="{t.tagihan.get().nomor}"' in daftar
    url = reverse("transaksi:kas_terima", args=[t.nomor])
    assert "lima puluh ribu rupiah" in klien.get(url).content.decode().lower()
    salah = klien.post(url, {"jumlah_diterima": "45000"})
    assert salah.status_code == 400 and "harus sama dengan tagihan" in salah.content.decode()
    r = klien.post(url, {"jumlah_diterima": "50000"}, follow=True)
    kuitansi = Kuitansi.objects.get(transaksi=t)
    assert f"Cetak kuitansi {kuitansi.nomor}" in r.content.decode()
    assert reverse("transaksi:kas_kuitansi", args=[t.nomor]) in r.content.decode()


@pytest.mark.parametrize(
    "ketik", ["50.000", "Rp50.000", "Rp 50.000,00", "50000", "Rp. 50.000", "rp50.000", "Rp50.000,-", "IDR 50,000"]
)
def test_uang_tunai_diketik_seperti_tertera_pada_tagihan(
    kanal_kantor, pengunjung, petugas, bendahara, klien_untuk, ketik
):
    """The treasurer types the cash counted as the invoice prints it ("Rp50.000"),
    as the officer types the billing's amount: read as fifty thousand rupiah,
    not refused as a number with three decimals. "Rp." and the ",-" of a
    handwritten kuitansi are how many people write an amount in Indonesia."""
    t = menunggu_pembayaran(pengunjung, petugas)
    r = klien_untuk(bendahara).post(reverse("transaksi:kas_terima", args=[t.nomor]), {"jumlah_diterima": ketik})
    assert r.status_code == 302
    assert Kuitansi.objects.get(transaksi=t).jumlah == 50_000


@pytest.mark.parametrize(
    ("ketik", "pesan"),
    [("45.000", "harus sama dengan tagihan"), ("-50.000", "berupa angka rupiah"), ("50.000,50", "tanpa sen")],
)
def test_uang_tunai_salah_ketik_dijelaskan(kanal_kantor, pengunjung, petugas, bendahara, klien_untuk, ketik, pesan):
    t = menunggu_pembayaran(pengunjung, petugas)
    r = klien_untuk(bendahara).post(reverse("transaksi:kas_terima", args=[t.nomor]), {"jumlah_diterima": ketik})
    assert r.status_code == 400 and pesan in r.content.decode()
    assert not Kuitansi.objects.exists()


@pytest.mark.parametrize("bahasa, pesan", [("id", "rupiah utuh, tanpa sen"), ("en", "whole rupiah, without cents")])
def test_uang_tunai_bersen_tidak_disebut_billing_simponi(
    kanal_kantor, pengunjung, petugas, bendahara, klien_untuk, bahasa, pesan
):
    """Cash with cents was refused as "a SIMPONI billing is in whole rupiah",
    though the treasurer counts cash and no billing is involved."""
    t = menunggu_pembayaran(pengunjung, petugas)
    bendahara.bahasa = bahasa
    bendahara.save(update_fields=["bahasa"])
    r = klien_untuk(bendahara).post(reverse("transaksi:kas_terima", args=[t.nomor]), {"jumlah_diterima": "50.000,50"})
    galat = r.context["form"].errors["jumlah_diterima"]
    assert r.status_code == 400 and len(galat) == 1
    assert pesan in galat[0] and "SIMPONI" not in galat[0]
    assert not Kuitansi.objects.exists()


def test_jumlah_query_halaman_kas(
    kanal_kantor, pengunjung, petugas, bendahara, klien_untuk, django_assert_max_num_queries
):
    klien = klien_untuk(bendahara)
    for n in range(4):
        t = menunggu_pembayaran(pengunjung, petugas, kode=f"82026031300010{n}")
        if n % 2:
            kanal.terima_tunai(t, bendahara, 50_000)
        with django_assert_max_num_queries(12):
            assert klien.get(reverse("transaksi:kas")).status_code == 200
        with django_assert_max_num_queries(14):
            assert klien.get(reverse("transaksi:kas_terima", args=[t.nomor])).status_code == 200


# --- the visitor's payment box ------------------------------------------------------------------


@pytest.mark.parametrize(
    "pengaturan, ada, tidak_ada",
    [
        ({}, ["form-bukti", "kanal-transfer", "kanal-tunai", REKENING["rekening_nomor"]], []),
        ({"bayar_tunai": False}, ["form-bukti", "kanal-transfer"], ["kanal-tunai"]),
        ({"bayar_transfer": False}, ["form-bukti", "kanal-tunai"], ["kanal-transfer", REKENING["rekening_nomor"]]),
        ({"bayar_simponi": False}, ["kanal-transfer"], ["form-bukti"]),
    ],
)
def test_kotak_pembayaran_hanya_menawarkan_cara_yang_aktif(
    kanal_kantor, pengunjung, petugas, klien_untuk, pengaturan, ada, tidak_ada
):
    atur_kantor(**pengaturan)
    t = menunggu_pembayaran(pengunjung, petugas)
    halaman = klien_untuk(pengunjung).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    assert all(x in halaman for x in ada) and not any(x in halaman for x in tidak_ada)


def test_transfer_lewat_halaman_dan_petugas_melihat_referensi(kanal_kantor, pengunjung, petugas, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    url = reverse("transaksi:bukti_transfer", args=[t.nomor])
    klien = klien_untuk(pengunjung)
    salah = klien.post(
        url,
        {"transfer-bank_pengirim": "DBS", "transfer-nomor_referensi": "FT#1", "transfer-berkas": pabrik.berkas_pdf()},
    )
    assert salah.status_code == 400 and "Nomor referensi terdiri atas" in salah.content.decode()
    assert not t.bukti_bayar.exists()
    # Without its file, the wrong reference and the future date are named on the same send.
    tanpa_berkas = klien.post(
        url,
        {"transfer-bank_pengirim": "DBS", "transfer-nomor_referensi": "FT#1", "transfer-tanggal_bayar": "2099-01-01"},
    ).content.decode()
    for pesan in (
        "Nomor referensi terdiri atas",
        "Tanggal bayar tidak boleh sesudah hari ini",
        "Bidang ini tidak boleh kosong",
    ):
        assert pesan in tanpa_berkas, pesan
    isian = {
        "transfer-bank_pengirim": "DBS Singapore",
        "transfer-nomor_referensi": "SG-7781-2026",
        "transfer-berkas": pabrik.berkas_pdf(),
    }
    assert klien.post(url, isian).status_code == 302
    petugas_lihat = klien_untuk(petugas).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    assert "SG-7781-2026" in petugas_lihat and "rekening koran" in petugas_lihat


def test_cara_bayar_dan_masa_berlaku_billing_ikut_kantor_transaksi(kanal_kantor, pengunjung, klien_untuk):
    """The provincial office takes cash and gives codes a week; the city office
    takes no cash and gives its codes three days. A city transaction follows
    the city's settings on the invoice form, the invoice, the payment box and
    at the treasurer's desk."""
    kota = Kantor.objects.create(
        kode="1771", nama="BPS Kota Bengkulu", bayar_tunai=False, masa_berlaku_billing_hari=3, **REKENING
    )
    petugas = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    bendahara = buat_pengguna("bendahara1771@bps.go.id", BENDAHARA, kantor=kota)
    senin = datetime(2026, 4, 6, 9, 0, tzinfo=WIB)
    with time_machine.travel(senin, tick=False):
        t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk), petugas)
        form = klien_untuk(petugas).get(reverse("transaksi:tagihan_terbitkan", args=[t.nomor])).context["form"]
        assert form["kedaluwarsa_pada"].initial == senin + timedelta(days=3)
        pembayaran.terbitkan_tagihan(t, petugas, {"kode_billing": "820260406000017", "jumlah_billing": "50.000"})
    assert t.tagihan.get().kedaluwarsa_pada == senin + timedelta(days=3)
    kotak = klien_untuk(pengunjung).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    assert "kanal-transfer" in kotak and "kanal-tunai" not in kotak
    with pytest.raises(TransisiTidakSah, match="Kantor ini tidak menerima pembayaran tunai"):
        kanal.terima_tunai(t, bendahara, 50_000)
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN and not Kuitansi.objects.exists()


def test_masa_unduh_ikut_kantor_transaksi(pengunjung):
    from transaksi.selectors import batas_unduh

    kota = Kantor.objects.create(kode="1771", nama="BPS Kota Bengkulu", masa_unduh_hari=14)
    t = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
    t.diserahkan_pada = datetime(2026, 4, 6, 9, 0, tzinfo=WIB)
    assert batas_unduh(t) == datetime(2026, 4, 20, 9, 0, tzinfo=WIB)  # not the provincial office's 30 days


def test_penolakan_tunai_dalam_bahasa_pembaca(kanal_kantor, pengunjung, petugas, bendahara):
    """A refusal is said in the reader's language, amounts in its format."""
    t = menunggu_pembayaran(pengunjung, petugas)
    nomor = t.tagihan.get().nomor
    for bahasa, pesan in [
        ("id", f"Uang yang diterima (Rp40.000) harus sama dengan tagihan {nomor} (Rp50.000)."),
        ("en", f"The cash received (IDR 40,000) must equal invoice {nomor} (IDR 50,000)."),
    ]:
        with translation.override(bahasa), pytest.raises(ValidationError) as galat:
            kanal.terima_tunai(t, bendahara, 40_000)
        assert galat.value.message_dict["jumlah_diterima"] == [pesan]


@pytest.mark.parametrize("juga_petugas", [False, True])
def test_tunai_ditolak_selama_bukti_transfer_menunggu_verifikasi(
    kanal_kantor, pengunjung, petugas, bendahara, klien_untuk, juga_petugas
):
    """A transfer proof waiting for the officer may already be money in the
    account: cash for the same invoice would pay it twice. Refused, even for a
    treasurer who is also an officer (whose role could otherwise make the move)."""
    t = menunggu_pembayaran(pengunjung, petugas)
    kirim_transfer(t, pengunjung)
    if juga_petugas:
        bendahara.groups.add(Group.objects.get(name=PETUGAS))
    pesan = "Bukti transfer Maybank Malaysia ref. FT2603100001234 sedang menunggu verifikasi"
    with pytest.raises(TransisiTidakSah, match=pesan):
        kanal.terima_tunai(t, bendahara, 50_000)
    r = klien_untuk(bendahara).post(reverse("transaksi:kas_terima", args=[t.nomor]), {"jumlah_diterima": "50000"})
    assert r.status_code == 400 and pesan in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI and t.tagihan.get().status == Tagihan.Status.AKTIF
    assert not t.bukti_bayar.filter(cara_bayar=CaraBayar.TUNAI).exists() and not Kuitansi.objects.exists()


def test_migrasi_kunci_bank_tidak_gagal_pada_data_lama(kanal_kantor, pengunjung, pengunjung_lain, petugas):
    """Transfers stored before the key: each gets its bank's key, and a pair the
    old rule (the bank as typed) let through keeps a key of its own row."""
    lain = menunggu_pembayaran(pengunjung_lain, petugas, kode="820260313000009")
    pertama = kirim_transfer(menunggu_pembayaran(pengunjung, petugas), pengunjung, bank="Bank BCA")
    kedua = kirim_transfer(lain, pengunjung_lain, referensi="FT0000000002", bank="bca")
    with connection.cursor() as c:
        c.execute(
            "UPDATE transaksi_buktibayar SET bank_kunci = 'lama' || id, nomor_referensi = %s WHERE id IN (%s, %s)",
            [pertama.nomor_referensi, pertama.pk, kedua.pk],
        )
    keadaan = MigrationExecutor(connection).loader.project_state(("transaksi", "0023_bank_kunci")).apps
    importlib.import_module("transaksi.migrations.0023_bank_kunci").isi_kunci(keadaan, None)
    kunci = dict(BuktiBayar.objects.values_list("pk", "bank_kunci"))
    assert kunci == {pertama.pk: "bca", kedua.pk: f"#{kedua.pk}"}


def test_kas_tanpa_tunai_tidak_menawarkan_terima_tunai(pengunjung, petugas, bendahara, klien_untuk):
    # The office takes no cash (the default): the list says so and offers no
    # "Terima tunai" that would only lead to the same refusal.
    t = menunggu_pembayaran(pengunjung, petugas)
    daftar = klien_untuk(bendahara).get(reverse("transaksi:kas")).content.decode()
    assert f"tidak diaktifkan untuk {kantor().nama}" in daftar and f'data-tagihan="{t.tagihan.get().nomor}"' in daftar
    assert reverse("transaksi:kas_terima", args=[t.nomor]) not in daftar
    atur_kantor(bayar_tunai=True)
    daftar = klien_untuk(bendahara).get(reverse("transaksi:kas")).content.decode()
    assert reverse("transaksi:kas_terima", args=[t.nomor]) in daftar


def test_halaman_berikutnya_kas_menjaga_kata_cari(
    kanal_kantor, pengunjung, petugas, bendahara, klien_untuk, monkeypatch
):
    # A name searched with "&" (a company's, "Tim A&B") stays whole on the next page.
    from transaksi.views import kanal as halaman_kas

    monkeypatch.setattr(halaman_kas, "PER_HALAMAN", 1)
    pengunjung.nama_lengkap = "Tim A&B"
    pengunjung.save(update_fields=["nama_lengkap"])
    menunggu_pembayaran(pengunjung, petugas, kode="820260313000001")
    menunggu_pembayaran(pengunjung, petugas, kode="820260313000002")
    daftar = klien_untuk(bendahara).get(reverse("transaksi:kas"), {"q": "A&B"}).content.decode()
    assert "?q=A%26B&amp;halaman=2" in daftar


def test_rekening_dan_alamat_pembayaran_milik_kantor_transaksinya(pengunjung, petugas, kota, klien_untuk):
    """A visitor back in a new session (served by the provincial office by
    default) pays a city-office invoice: the page gives the city office's
    account and cashier address, never the province's."""
    from tests.transaksi.test_pembayaran import KODE, isian

    atur_kantor(bayar_tunai=True, **REKENING)
    kota.bayar_transfer = kota.bayar_tunai = True
    kota.rekening_bank, kota.rekening_nomor = "Bank Kota", "9999-KOTA-0001"
    kota.rekening_atas_nama, kota.alamat = "RPL BPS Kota Bengkulu", "Jl. Kota Nomor 7"
    kota.save()
    t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk), petugas)
    pembayaran.terbitkan_tagihan(t, petugas, isian(KODE))
    halaman = klien_untuk(pengunjung).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    assert "9999-KOTA-0001" in halaman and "Jl. Kota Nomor 7" in halaman
    assert REKENING["rekening_nomor"] not in halaman


def _teks_tagihan_pdf(t, pengunjung, klien_untuk, tmp_path) -> str:
    tagihan = t.tagihan.get()
    isi = klien_untuk(pengunjung).get(reverse("transaksi:tagihan_pdf", args=[t.nomor, tagihan.pk])).content
    return " ".join(teks_pdf(isi, tmp_path).split())


def test_pdf_tagihan_menyebut_cara_bayar_yang_dibuka_kantor(kanal_kantor, pengunjung, petugas, klien_untuk, tmp_path):
    """An office that takes transfers and cash says so on the invoice it prints,
    with its account; it must not tell the visitor that no cash is taken."""
    teks = _teks_tagihan_pdf(menunggu_pembayaran(pengunjung, petugas), pengunjung, klien_untuk, tmp_path)
    assert "setoran PNBP/SIMPONI" in teks
    assert "rekening 0011-01-000123-30-7 atas nama RPL 054 BPS Provinsi Bengkulu" in teks and "BRINIDJA" in teks
    assert "Tunai: bayar di bendahara penerimaan" in teks
    assert "tidak menerima uang tunai" not in teks


def test_pdf_tagihan_kantor_hanya_simponi(pengunjung, petugas, klien_untuk, tmp_path):
    teks = _teks_tagihan_pdf(menunggu_pembayaran(pengunjung, petugas), pengunjung, klien_untuk, tmp_path)
    assert "setoran PNBP/SIMPONI" in teks and "petugas PST tidak menerima uang tunai" in teks
    assert "Transfer bank" not in teks and "Tunai:" not in teks


def test_kas_menawarkan_terima_tunai_menurut_kantor_tagihannya(pengunjung, petugas, kota, klien_untuk):
    """A treasurer of two offices sees both offices' invoices: each offers
    "Terima tunai" when its own office takes cash, whichever office the
    session is served by (the provincial office takes none, the city does)."""
    from tests.transaksi.test_pembayaran import KODE, isian

    kota.bayar_tunai = True
    kota.save()
    lupakan_kantor()
    bendahara = buat_pengguna("bendahara2@bps.go.id", BENDAHARA, kantor=kantor())
    bendahara.kantor.add(kota)
    provinsi = menunggu_pembayaran(pengunjung, petugas, kode="820260313000009")
    t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk), petugas)
    pembayaran.terbitkan_tagihan(t, petugas, isian(KODE))
    daftar = klien_untuk(bendahara).get(reverse("transaksi:kas")).content.decode()
    assert reverse("transaksi:kas_terima", args=[t.nomor]) in daftar
    assert reverse("transaksi:kas_terima", args=[provinsi.nomor]) not in daftar


@pytest.mark.parametrize("dengan_provinsi", [False, True])
def test_kas_pemberitahuan_tanpa_tunai_menurut_kantor_yang_tercantum(
    pengunjung, petugas, kota, klien_untuk, dengan_provinsi
):
    """A treasurer of two offices, served in the session by the provincial
    office (no cash): listing only the city's invoice (cash taken) they are
    not told cash is off; listing both, they are told which office takes none."""
    from tests.transaksi.test_pembayaran import KODE, isian

    kota.bayar_tunai = True
    kota.save()
    lupakan_kantor()
    bendahara = buat_pengguna("bendahara2@bps.go.id", BENDAHARA, kantor=kantor())
    bendahara.kantor.add(kota)
    if dengan_provinsi:
        menunggu_pembayaran(pengunjung, petugas, kode="820260313000009")
    t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk), petugas)
    pembayaran.terbitkan_tagihan(t, petugas, isian(KODE))
    daftar = " ".join(klien_untuk(bendahara).get(reverse("transaksi:kas")).content.decode().split())
    assert ("tidak diaktifkan" in daftar) is dengan_provinsi
    if dengan_provinsi:
        assert f"tidak diaktifkan untuk {kantor().nama} (pengaturan kantor)" in daftar
        assert f"untuk {kota.nama}" not in daftar


def _kirim_ntpn(t, pengunjung):
    return pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))


@pytest.mark.parametrize("kirim, rusak", [(_kirim_ntpn, "setelah_bukti"), (kirim_transfer, "_surel_bendahara")])
def test_bukti_yang_gagal_disimpan_tidak_meninggalkan_berkas(
    kirim, rusak, kanal_kantor, pengunjung, petugas, monkeypatch, berkas_privat
):
    """A proof whose sending fails after its file was written is rolled back:
    the visitor's BPN or transfer receipt must not stay on disk with no row
    naming it, out of reach of retention and erasure."""
    t = menunggu_pembayaran(pengunjung, petugas)
    modul = kanal if rusak.startswith("_") else pembayaran
    assert gagal_setelah_menulis(monkeypatch, berkas_privat, modul, rusak, lambda: kirim(t, pengunjung))
    assert not BuktiBayar.objects.exists()


def test_kuitansi_tunai_tetap_ditawarkan_setelah_pnbp_dikembalikan(
    kanal_kantor, pengunjung, petugas, bendahara, supervisor, klien_untuk
):
    """The visitor paid cash and the PNBP was refunded: the payment page still
    offers the cash receipt, the record of the money the refund returns."""
    t = menunggu_pembayaran(pengunjung, petugas)
    kanal.terima_tunai(t, bendahara, 50_000)
    t.refresh_from_db()
    rekening = pengembalian.Rekening("Andi Pengunjung", "0123 4567 89", "Bank Rakyat Indonesia")
    pengembalian.setujui(pengembalian.usulkan(t, petugas, "Data tidak tersedia.", rekening), supervisor)
    halaman = klien_untuk(pengunjung).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    assert reverse("transaksi:kuitansi_pdf", args=[t.nomor]) in halaman


def test_verifikasi_kuitansi_menyebut_pnbp_dikembalikan(
    kanal_kantor, pengunjung, petugas, bendahara, supervisor, client
):
    """The public page behind a cash receipt's QR code, and its paid invoice's,
    say the PNBP is being refunded, under which letter, and once the treasurer
    has processed it that it went back, so a finance office checking the
    receipt for a reimbursement is not told Rp50.000 is paid, nor that the
    payer already has it back while the treasurer has not sent it yet."""
    t = menunggu_pembayaran(pengunjung, petugas)
    kuitansi = kanal.terima_tunai(t, bendahara, 50_000)
    halaman = client.get(reverse("transaksi:verifikasi", args=[kuitansi.token])).content.decode()
    assert "data-dikembalikan" not in halaman
    rekening = pengembalian.Rekening("Andi Pengunjung", "0123 4567 89", "Bank Rakyat Indonesia")
    p = pengembalian.usulkan(t, petugas, "Data tidak tersedia.", rekening)
    assert "data-dikembalikan" not in client.get(reverse("transaksi:verifikasi", args=[kuitansi.token])).text
    p = pengembalian.setujui(p, supervisor)
    # Approved, the money is owed to the payer; the treasurer has not sent it yet.
    for dokumen in (kuitansi, kuitansi.tagihan):
        halaman = client.get(reverse("transaksi:verifikasi", args=[dokumen.token])).content.decode()
        assert "data-dikembalikan" in halaman
        assert "PNBP sebesar Rp50.000 atas dokumen ini disetujui untuk dikembalikan kepada pembayar" in halaman
        assert "telah dikembalikan" not in halaman
        assert p.nomor in halaman
    pengembalian.tandai_diproses(p, bendahara)
    for dokumen in (kuitansi, kuitansi.tagihan):
        halaman = client.get(reverse("transaksi:verifikasi", args=[dokumen.token])).content.decode()
        assert "PNBP sebesar Rp50.000 atas dokumen ini telah dikembalikan kepada pembayar" in halaman
        assert p.nomor in halaman


def test_pdf_kuitansi_dan_tagihan_menyebut_pnbp_dikembalikan(
    kanal_kantor, pengunjung, petugas, bendahara, supervisor, klien_untuk, tmp_path
):
    """A cash receipt, or its paid invoice, printed after the refund was approved says the PNBP
    is being refunded to the payer, as its QR code's page does: the paper alone is not taken for
    Rp50.000 still paid (a finance office reimbursing it)."""
    t = menunggu_pembayaran(pengunjung, petugas)
    kanal.terima_tunai(t, bendahara, 50_000)
    klien = klien_untuk(pengunjung)
    url_kuitansi = reverse("transaksi:kuitansi_pdf", args=[t.nomor])
    url_tagihan = reverse("transaksi:tagihan_pdf", args=[t.nomor, t.tagihan.get().pk])
    kalimat = "PNBP sebesar Rp50.000 atas dokumen ini disetujui untuk dikembalikan kepada pembayar dan sedang diproses bendahara"
    assert kalimat not in " ".join(teks_pdf(klien.get(url_kuitansi).content, tmp_path).split())
    rekening = pengembalian.Rekening("Andi Pengunjung", "0123 4567 89", "Bank Rakyat Indonesia")
    p = pengembalian.setujui(pengembalian.usulkan(t, petugas, "Data tidak tersedia.", rekening), supervisor)
    for url in (url_kuitansi, url_tagihan):
        teks = " ".join(teks_pdf(klien.get(url).content, tmp_path).split())
        assert f"{kalimat} (surat permohonan pengembalian PNBP {p.nomor})" in teks


def _surel_tagihan(pengunjung, petugas, django_capture_on_commit_callbacks) -> str:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        menunggu_pembayaran(pengunjung, petugas)
    return next(m.body for m in mail.outbox if m.to == [pengunjung.email] and m.subject.startswith("Tagihan "))


def test_surel_tagihan_kantor_tanpa_simponi_tidak_meminta_ntpn(pengunjung, petugas, django_capture_on_commit_callbacks):
    """An office that takes transfers and cash but no SIMPONI payment: the
    invoice e-mail tells the visitor those two ways, as the invoice PDF and the
    payment page do, not to pay at a teller and send an NTPN it would refuse."""
    atur_kantor(bayar_simponi=False, bayar_tunai=True, **REKENING)
    isi = _surel_tagihan(pengunjung, petugas, django_capture_on_commit_callbacks)
    assert "NTPN" not in isi and "Teller" not in isi
    assert "rekening 0011-01-000123-30-7 atas nama RPL 054 BPS Provinsi Bengkulu" in isi and "BRINIDJA" in isi
    assert "Tunai: bayar di bendahara penerimaan" in isi


def test_surel_tagihan_kantor_hanya_simponi(pengunjung, petugas, django_capture_on_commit_callbacks):
    isi = _surel_tagihan(pengunjung, petugas, django_capture_on_commit_callbacks)
    assert "masukkan NTPN" in isi and "Teller" in isi
    assert "Transfer bank" not in isi and "Tunai:" not in isi


def _kotak_langkah(halaman: str) -> str:
    awal = halaman.index('id="langkah"')
    return halaman[awal : halaman.index("</div>\n</div>", awal)]


def test_halaman_kantor_tanpa_simponi_tidak_meminta_ntpn(
    pengunjung, petugas, klien_untuk, django_capture_on_commit_callbacks
):
    """An office that takes transfers and cash but no SIMPONI payment: the
    visitor's next step, the invoice card and the e-mail after a refused
    transfer proof point to the ways its payment page lists, not to an NTPN
    and the SIMPONI channels (teller, ATM) the office refuses."""
    atur_kantor(bayar_simponi=False, bayar_tunai=True, **REKENING)
    t = menunggu_pembayaran(pengunjung, petugas)
    halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    langkah = _kotak_langkah(halaman)
    assert "NTPN" not in langkah and "salah satu cara pembayaran di halaman pembayaran" in langkah
    assert "Teller bank" not in halaman and "Tunai di bendahara penerimaan" in halaman

    kirim_transfer(t, pengunjung)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pembayaran.tolak_bukti(t, petugas, "Referensi tidak ada di rekening koran.")
    isi = next(m.body for m in mail.outbox if m.to == [pengunjung.email])
    assert "NTPN" not in isi and "salah satu cara pembayaran di halaman pembayaran" in isi


def test_langkah_kantor_hanya_simponi_tetap_meminta_ntpn(pengunjung, petugas, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    assert "unggah bukti bayar (NTPN)" in _kotak_langkah(halaman) and "Teller bank" in halaman


def test_penolakan_cara_bayar_menulis_nama_simponi_dengan_huruf_besar(kanal_kantor, pengunjung, petugas):
    """A label put mid-sentence loses its capital, not a proper name's: the
    refusal said "pembayaran simponi (ntpn)"."""
    atur_kantor(bayar_simponi=False)
    t = menunggu_pembayaran(pengunjung, petugas)
    with pytest.raises(TransisiTidakSah) as galat:
        inti.pastikan_kanal("simponi", t)
    assert str(galat.value.args[0]) == "Kantor ini tidak menerima pembayaran SIMPONI (NTPN)."
    atur_kantor(bayar_transfer=False)
    with translation.override("en"), pytest.raises(TransisiTidakSah) as galat:
        inti.pastikan_kanal("transfer", t)
    assert str(galat.value.args[0]) == "This office does not take payment by bank / international transfer."
