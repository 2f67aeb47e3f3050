"""Payment and delivery (SOP step 7) through the services: the whole walk of
a paid transaction, and every invalid input refused with nothing changed.

The helpers at the top are shared by the other test_pembayaran_* modules."""

import re
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.db.models import QuerySet
from django.urls import reverse

from pst_layanan.kalender import WIB
from tests import pabrik
from tests.transaksi.conftest import berkas_di, putus_setelah_insert
from transaksi import selectors, services
from transaksi.alur import TransisiTidakSah
from transaksi.models import (
    BerkasProduk,
    BuktiBayar,
    DokumenTidakDapatDiubah,
    Jam,
    Kuitansi,
    RiwayatTransaksi,
    Status,
    Tagihan,
    Transaksi,
)
from transaksi.services import pembayaran, penyerahan

pytestmark = pytest.mark.django_db

KODE = "820260313000001"
NTPN = "0A1B2C3D4E5F6G7H"


def isian(kode=KODE, jumlah="50.000", **lain):
    return {"kode_billing": kode, "jumlah_billing": jumlah, **lain}


def menunggu_tagihan(pengunjung, petugas):
    t = pabrik.transaksi_diajukan(pengunjung)
    return services.nyatakan_lengkap(t, petugas)


def menunggu_pembayaran(pengunjung, petugas, kode=KODE):
    t = menunggu_tagihan(pengunjung, petugas)
    pembayaran.terbitkan_tagihan(t, petugas, isian(kode))
    t.refresh_from_db()
    return t


def diproses(pengunjung, petugas, kode=KODE, ntpn=NTPN):
    t = menunggu_pembayaran(pengunjung, petugas, kode)
    pembayaran.kirim_bukti_bayar(t, pengunjung, ntpn, pabrik.berkas_pdf("bpn.pdf"))
    return pembayaran.verifikasi_pembayaran(t, petugas)


def diserahkan(pengunjung, petugas, kode=KODE, ntpn=NTPN, isi=b"kode,nama\n17,BENGKULU\n"):
    t = diproses(pengunjung, petugas, kode, ntpn)
    return penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas.csv", isi)])


def status_riwayat(t):
    return list(t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.STATUS).values_list("ke", flat=True))


def penerima(outbox):
    return [(m.to, m.subject) for m in outbox]


def test_perjalanan_lengkap_transaksi_berbayar(pengunjung, petugas, django_capture_on_commit_callbacks):
    jalan = django_capture_on_commit_callbacks
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = menunggu_tagihan(pengunjung, petugas)
        assert t.status == Status.MENUNGGU_TAGIHAN and t.total == 50_000

        mail.outbox.clear()
        with jalan(execute=True):
            lama = pembayaran.terbitkan_tagihan(t, petugas, isian(kanal=["teller", "atm"]))
        t.refresh_from_db()
        # The visitor's turn: the delivery clock that started at "complete" is paused.
        assert t.status == Status.MENUNGGU_PEMBAYARAN and t.jam == Jam.PROSES and t.jam_dijeda
        assert lama.nomor == "INV/1700/2026/000001" and lama.jumlah == 50_000 and lama.kode_billing == KODE
        # Default validity from the office settings (7 days).
        assert lama.kedaluwarsa_pada == datetime(2026, 3, 20, 10, 0, tzinfo=WIB)
        subjek = [m.subject for m in mail.outbox if m.to == [pengunjung.email]]
        assert f"Tagihan {lama.nomor} untuk transaksi {t.nomor}" in subjek
        surel_tagihan = next(m for m in mail.outbox if m.subject.startswith("Tagihan "))
        assert KODE in surel_tagihan.body and "Rp50.000" in surel_tagihan.body
        assert f"/transaksi/{t.nomor}/tagihan/{lama.pk}/pdf/" in surel_tagihan.body

    with time_machine.travel(datetime(2026, 3, 16, 9, 0, tzinfo=WIB), tick=False):
        mail.outbox.clear()
        with jalan(execute=True):
            pembayaran.minta_koreksi_tagihan(t, pengunjung, "Ukuran data seharusnya 1,5 MB, bukan 2,5 MB.")
        t.refresh_from_db()
        lama.refresh_from_db()
        assert t.status == Status.MENUNGGU_TAGIHAN and t.jam == Jam.PROSES and not t.jam_dijeda
        assert lama.status == Tagihan.Status.DIGANTI and "1,5 MB" in lama.catatan_koreksi
        assert any(m.to == [petugas.email] and "1,5 MB" in m.body for m in mail.outbox)

        baru = pembayaran.terbitkan_tagihan(t, petugas, isian("820260316000002"))
        assert baru.nomor == "INV/1700/2026/000002" and baru.status == Tagihan.Status.AKTIF

        mail.outbox.clear()
        with jalan(execute=True):
            pembayaran.kirim_bukti_bayar(t, pengunjung, "0a1b2c3d4e5f6g7h", pabrik.berkas_pdf("bpn.pdf"))
        t.refresh_from_db()
        assert t.status == Status.MENUNGGU_VERIFIKASI and t.jam == Jam.PROSES and not t.jam_dijeda
        assert t.bukti_bayar.get().ntpn == NTPN  # normalised to upper case
        assert any(m.to == [petugas.email] for m in mail.outbox)

        with jalan(execute=True):
            pembayaran.tolak_bukti(t, petugas, "Berkas BPN tidak terbaca.")
        t.refresh_from_db()
        assert t.status == Status.MENUNGGU_PEMBAYARAN
        assert "Berkas BPN tidak terbaca." in mail.outbox[-1].body and mail.outbox[-1].to == [pengunjung.email]

        # The same NTPN again with a readable scan: allowed on the same transaction.
        pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn-jelas.pdf"))

    with time_machine.travel(datetime(2026, 3, 17, 14, 0, tzinfo=WIB), tick=False):
        mail.outbox.clear()
        with jalan(execute=True):
            t = pembayaran.verifikasi_pembayaran(t, petugas)
        assert t.status == Status.DIPROSES and t.diproses_pada == datetime(2026, 3, 17, 14, 0, tzinfo=WIB)
        # The delivery clock goes on from the last proof (Mon 16 Mar 09.00, no day used before):
        # 17, 25, 26, 27, 30, 31 Mar, 1, 2, 6, 7 Apr (18–24 Mar off, 3 Apr Good Friday).
        assert t.jam == Jam.PROSES and t.batas_waktu == datetime(2026, 4, 7, 15, 30, tzinfo=WIB)
        baru.refresh_from_db()
        assert baru.status == Tagihan.Status.LUNAS
        assert mail.outbox[-1].to == [pengunjung.email]

    with time_machine.travel(datetime(2026, 3, 25, 10, 0, tzinfo=WIB), tick=False):
        mail.outbox.clear()
        with jalan(execute=True):
            t = penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas.csv", b"kode,nama\n17,BENGKULU\n")])
        assert t.status == Status.DISERAHKAN and t.diserahkan_pada == datetime(2026, 3, 25, 10, 0, tzinfo=WIB)
        assert t.jam == Jam.TIDAK_ADA
        kuitansi = Kuitansi.objects.get(transaksi=t)
        assert kuitansi.nomor == "KW/1700/2026/000001" and kuitansi.jumlah == 50_000 and kuitansi.tagihan == baru
        berkas = t.berkas_produk.get()
        assert berkas.nama_asli == "susenas.csv" and berkas.berkas.read() == b"kode,nama\n17,BENGKULU\n"
        siap = next(m for m in mail.outbox if "siap diunduh" in m.subject)
        assert "susenas.csv" in siap.body and kuitansi.nomor in siap.body

    assert status_riwayat(t) == [
        "draf",
        "diajukan",
        "menunggu_tagihan",
        "menunggu_pembayaran",
        "menunggu_tagihan",
        "menunggu_pembayaran",
        "menunggu_verifikasi",
        "menunggu_pembayaran",
        "menunggu_verifikasi",
        "diproses",
        "diserahkan",
    ]
    # Documents kept: both invoices, both proofs (the rejected one marked).
    assert list(t.tagihan.order_by("pk").values_list("status", flat=True)) == ["diganti", "lunas"]
    assert list(t.bukti_bayar.order_by("pk").values_list("status", "alasan_tolak")) == [
        ("ditolak", "Berkas BPN tidak terbaca."),
        ("diterima", ""),
    ]


class BillingPalsu:
    """An API-like source: the code comes from the source, not from the officer."""

    nama = "palsu"
    isian_petugas = False

    def buat(self, transaksi, jumlah, isian):
        from transaksi.billing import DataBilling, kedaluwarsa_bawaan

        return DataBilling("990000000000042", jumlah, kedaluwarsa_bawaan(), self.nama)


def test_sumber_billing_dipilih_dari_pengaturan(pengunjung, petugas, settings):
    settings.PST_BILLING_ADAPTER = "tests.transaksi.test_pembayaran.BillingPalsu"
    t = menunggu_tagihan(pengunjung, petugas)
    tagihan = pembayaran.terbitkan_tagihan(t, petugas, {})
    assert (tagihan.kode_billing, tagihan.sumber_billing, tagihan.jumlah) == ("990000000000042", "palsu", 50_000)


def test_tagihan_tidak_dapat_diubah_atau_dihapus(pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    tagihan = t.tagihan.get()
    tagihan.jumlah = 1
    with pytest.raises(DokumenTidakDapatDiubah):
        tagihan.save()
    with pytest.raises(DokumenTidakDapatDiubah):
        tagihan.save(update_fields=["jumlah"])
    with pytest.raises(DokumenTidakDapatDiubah):
        Tagihan.objects.filter(pk=tagihan.pk).update(kode_billing="999999999999999")
    with pytest.raises(DokumenTidakDapatDiubah):
        tagihan.delete()
    with pytest.raises(DokumenTidakDapatDiubah):
        Tagihan.objects.all().delete()
    tagihan.refresh_from_db()
    assert tagihan.jumlah == 50_000 and tagihan.kode_billing == KODE


# --- validation: refused with a clear message, nothing changed ------------------------


def _tidak_berubah(t, status, jumlah_riwayat, jumlah_tagihan):
    t.refresh_from_db()
    assert t.status == status and t.riwayat.count() == jumlah_riwayat and t.tagihan.count() == jumlah_tagihan


KODE_SALAH = "Kode billing SIMPONI harus tepat 15 angka (tanpa huruf); periksa kembali."


def _jumlah_salah(rupiah):
    return (
        f"Jumlah pada billing ({rupiah}) tidak sama dengan total item transaksi (Rp50.000). "
        "Buat ulang billing di SIMPONI dengan jumlah yang benar."
    )


@pytest.mark.parametrize(
    "ubah, medan, pesan",
    [
        ({"kode": "82026031300000"}, "kode_billing", KODE_SALAH),
        ({"kode": "8202603130000012"}, "kode_billing", KODE_SALAH),
        ({"kode": "82026031300000A"}, "kode_billing", KODE_SALAH),
        ({"kode": "ABCDEFGHIJKLMNO"}, "kode_billing", KODE_SALAH),
        ({"kode": ""}, "kode_billing", KODE_SALAH),
        ({"jumlah": "49.999"}, "jumlah_billing", _jumlah_salah("Rp49.999")),
        ({"jumlah": "50.001"}, "jumlah_billing", _jumlah_salah("Rp50.001")),
        ({"jumlah": "0"}, "jumlah_billing", _jumlah_salah("Rp0")),
    ],
    ids=["kode-14-angka", "kode-16-angka", "kode-ada-huruf", "kode-huruf", "kode-kosong", "kurang", "lebih", "nol"],
)
def test_isian_tagihan_salah_ditolak(ubah, medan, pesan, pengunjung, petugas):
    t = menunggu_tagihan(pengunjung, petugas)
    sebelum = t.riwayat.count()
    with pytest.raises(ValidationError) as e:
        pembayaran.terbitkan_tagihan(t, petugas, isian(**ubah))
    assert e.value.message_dict[medan] == [pesan]
    _tidak_berubah(t, Status.MENUNGGU_TAGIHAN, sebelum, 0)


@pytest.mark.parametrize("jumlah", ["NaN", "sNaN", "Infinity", "-50.000", "5e4", "50.000 rupiah"])
def test_jumlah_billing_yang_bukan_rupiah_ditolak(jumlah, pengunjung, petugas, klien_untuk):
    """Only digits (and separators) are a SIMPONI amount: "NaN" or "Infinity"
    parsed as numbers that no rupiah format can print, and gave a 500."""
    t = menunggu_tagihan(pengunjung, petugas)
    sebelum = t.riwayat.count()
    with pytest.raises(ValidationError) as e:
        pembayaran.terbitkan_tagihan(t, petugas, isian(jumlah=jumlah))
    assert e.value.message_dict["jumlah_billing"] == ["Jumlah harus berupa angka rupiah, mis. 1.250.000."]
    data = {**isian(jumlah=jumlah), "kedaluwarsa_pada": "2099-01-01T15:00", "kanal": ["atm"]}
    r = klien_untuk(petugas).post(reverse("transaksi:tagihan_terbitkan", args=[t.nomor]), data)
    assert r.status_code == 400 and "Jumlah harus berupa angka rupiah" in r.content.decode()
    _tidak_berubah(t, Status.MENUNGGU_TAGIHAN, sebelum, 0)


@pytest.mark.parametrize("jumlah", ["50.000,00", "50,000.00", "Rp50.000,0", "50000.00"])
def test_jumlah_billing_bersen_nol_dibaca_sebagai_rupiahnya(jumlah, pengunjung, petugas):
    """An amount copied from a slip with its zero cents is that amount, not a hundred times it."""
    t = menunggu_tagihan(pengunjung, petugas)
    pembayaran.terbitkan_tagihan(t, petugas, isian(jumlah=jumlah))
    assert t.tagihan.get().jumlah == 50_000


BERSEN = "Billing SIMPONI berisi rupiah utuh, tanpa sen; periksa kembali jumlahnya."


@pytest.mark.parametrize(
    ("jumlah", "pesan"), [("500,00", _jumlah_salah("Rp500")), ("50.000,50", BERSEN), ("49.999,9", BERSEN)]
)
def test_jumlah_billing_bersen_ditolak_tanpa_menerbitkan(jumlah, pesan, pengunjung, petugas):
    """ "500,00" was read as Rp50.000 and matched a Rp50.000 total; a non-zero
    cent was read as more thousands. Neither issues an invoice."""
    t = menunggu_tagihan(pengunjung, petugas)
    sebelum = t.riwayat.count()
    with pytest.raises(ValidationError) as e:
        pembayaran.terbitkan_tagihan(t, petugas, isian(jumlah=jumlah))
    assert e.value.message_dict["jumlah_billing"] == [pesan]
    _tidak_berubah(t, Status.MENUNGGU_TAGIHAN, sebelum, 0)


@pytest.mark.parametrize("kode", ["٨٢٠٢٦٠٣١٣٠٠٠٠٠١", "８２０２６０３１３０００００１", "82026031300000٣"])
def test_kode_billing_berangka_selain_latin_ditolak_di_halaman(kode, pengunjung, petugas, klien_untuk):
    """Python reads Arabic-Indic and full-width digits as digits, PostgreSQL's
    check on the column does not: such a code was stored on SQLite and ended
    in a 500 on PostgreSQL. SIMPONI prints 0-9, so only those are a code."""
    t = menunggu_tagihan(pengunjung, petugas)
    sebelum = t.riwayat.count()
    data = {**isian(kode=kode), "kedaluwarsa_pada": "2099-01-01T15:00", "kanal": ["atm"]}
    r = klien_untuk(petugas).post(reverse("transaksi:tagihan_terbitkan", args=[t.nomor]), data)
    assert r.status_code == 400 and KODE_SALAH in r.content.decode()
    _tidak_berubah(t, Status.MENUNGGU_TAGIHAN, sebelum, 0)


def test_kode_billing_dipakai_dua_kali_ditolak(pengunjung, pengunjung_lain, petugas):
    menunggu_pembayaran(pengunjung, petugas)
    t2 = menunggu_tagihan(pengunjung_lain, petugas)
    with pytest.raises(ValidationError, match="sudah dipakai"):
        pembayaran.terbitkan_tagihan(t2, petugas, isian())
    _tidak_berubah(t2, Status.MENUNGGU_TAGIHAN, t2.riwayat.count(), 0)


@pytest.mark.parametrize(
    "ntpn",
    ["0A1B2C3D4E5F6G7", "0A1B2C3D4E5F6G7H8", "0A1B2C3D4E5F6G7!", "0A1B2C3D4E5F6G7Ä", ""],
    ids=["15", "17", "tanda-baca", "huruf-asing", "kosong"],
)
def test_ntpn_salah_ditolak(ntpn, pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    sebelum = t.riwayat.count()
    with pytest.raises(ValidationError) as e:
        pembayaran.kirim_bukti_bayar(t, pengunjung, ntpn, pabrik.berkas_pdf())
    assert "NTPN harus tepat 16 karakter" in e.value.message_dict["ntpn"][0]
    _tidak_berubah(t, Status.MENUNGGU_PEMBAYARAN, sebelum, 1)
    assert not BuktiBayar.objects.exists()


def test_ntpn_ganda_antar_transaksi_ditolak(pengunjung, pengunjung_lain, petugas):
    t1 = menunggu_pembayaran(pengunjung, petugas)
    pembayaran.kirim_bukti_bayar(t1, pengunjung, NTPN, pabrik.berkas_pdf())
    t2 = menunggu_pembayaran(pengunjung_lain, petugas, kode="820260313000009")
    sebelum = t2.riwayat.count()
    with pytest.raises(ValidationError) as e:
        pembayaran.kirim_bukti_bayar(t2, pengunjung_lain, NTPN.lower(), pabrik.berkas_pdf())
    assert e.value.message_dict["ntpn"] == [pembayaran.PESAN_NTPN_GANDA]
    _tidak_berubah(t2, Status.MENUNGGU_PEMBAYARAN, sebelum, 1)
    assert BuktiBayar.objects.count() == 1


def test_kirim_bukti_ulang_di_transaksi_sama_tidak_berefek(pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    pertama = pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf())
    sebelum = t.riwayat.count()
    kedua = pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf())
    assert kedua == pertama and BuktiBayar.objects.count() == 1
    _tidak_berubah(t, Status.MENUNGGU_VERIFIKASI, sebelum, 1)


def test_bukti_bayar_berkas_salah_ditolak(pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    exe = SimpleUploadedFile("bpn.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError) as e:
        pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, exe)
    assert "bukan PDF, JPG, PNG" in e.value.message_dict["berkas"][0]
    _tidak_berubah(t, Status.MENUNGGU_PEMBAYARAN, t.riwayat.count(), 1)


def test_ntpn_dari_bukti_ditolak_boleh_dipakai_transaksi_lain(pengunjung, pengunjung_lain, petugas):
    """A rejected proof frees its NTPN (e.g. it was typed on the wrong transaction)."""
    t1 = menunggu_pembayaran(pengunjung, petugas)
    pembayaran.kirim_bukti_bayar(t1, pengunjung, NTPN, pabrik.berkas_pdf())
    pembayaran.tolak_bukti(t1, petugas, "NTPN milik transaksi lain.")
    t2 = menunggu_pembayaran(pengunjung_lain, petugas, kode="820260313000009")
    pembayaran.kirim_bukti_bayar(t2, pengunjung_lain, NTPN, pabrik.berkas_pdf())
    t2.refresh_from_db()
    assert t2.status == Status.MENUNGGU_VERIFIKASI


def test_tolak_wajib_alasan_dan_hanya_petugas(pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf())
    with pytest.raises(ValidationError, match="alasan"):
        pembayaran.tolak_bukti(t, petugas, "  ")
    with pytest.raises(TransisiTidakSah, match="petugas"):
        pembayaran.verifikasi_pembayaran(t, pengunjung)
    with pytest.raises(TransisiTidakSah, match="petugas"):
        pembayaran.terbitkan_tagihan(t, pengunjung, isian())
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI


def test_koreksi_hanya_pemohon_dan_sebelum_bayar(pengunjung, pengunjung_lain, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    with pytest.raises(TransisiTidakSah):
        pembayaran.minta_koreksi_tagihan(t, pengunjung_lain, "Salah")
    with pytest.raises(ValidationError):
        pembayaran.minta_koreksi_tagihan(t, pengunjung, "")
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf())
    with pytest.raises(TransisiTidakSah, match="sebelum bukti bayar"):
        pembayaran.minta_koreksi_tagihan(t, pengunjung, "Salah jumlah")
    assert t.tagihan.get().status == Tagihan.Status.AKTIF


def test_ganti_tagihan_kedaluwarsa(pengunjung, petugas, django_capture_on_commit_callbacks):
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = menunggu_pembayaran(pengunjung, petugas)
        with pytest.raises(TransisiTidakSah, match="belum kedaluwarsa"):
            pembayaran.ganti_tagihan_kedaluwarsa(t, petugas, isian("820260313000002"))
    with time_machine.travel(datetime(2026, 3, 20, 10, 1, tzinfo=WIB), tick=False):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            baru = pembayaran.ganti_tagihan_kedaluwarsa(t, petugas, isian("820260320000003"))
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN
    assert list(t.tagihan.order_by("pk").values_list("status", flat=True)) == ["kedaluwarsa", "aktif"]
    assert baru.kedaluwarsa_pada == datetime(2026, 3, 27, 10, 1, tzinfo=WIB)
    assert mail.outbox[0].to == [pengunjung.email] and "820260320000003" in mail.outbox[0].body
    assert "kedaluwarsa" in t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.CATATAN).get().catatan


def test_contoh_data_untuk_mikrodata(pengunjung, petugas):
    t = menunggu_tagihan(pengunjung, petugas)
    contoh = SimpleUploadedFile("contoh susenas.xlsx", b"PK\x03\x04contoh")
    tagihan = pembayaran.terbitkan_tagihan(t, petugas, isian(), contoh_data=contoh)
    assert tagihan.contoh_data_nama == "contoh_susenas.xlsx" and tagihan.contoh_data.read() == b"PK\x03\x04contoh"
    # A corrected invoice keeps the sample already sent.
    pembayaran.minta_koreksi_tagihan(t, pengunjung, "Variabel pendapatan tidak ada di contoh.")
    baru = pembayaran.terbitkan_tagihan(t, petugas, isian("820260313000002"))
    assert baru.contoh_data.name == tagihan.contoh_data.name and baru.contoh_data_nama == "contoh_susenas.xlsx"


def test_serahkan_tanpa_berkas_atau_serah_terima_ditolak(pengunjung, petugas):
    t = diproses(pengunjung, petugas)
    with pytest.raises(ValidationError, match="Unggah berkas produk atau catat serah terima"):
        penyerahan.serahkan_produk(t, petugas)
    with pytest.raises(ValidationError, match="kosong"):
        penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("kosong.csv", b"")])
    t.refresh_from_db()
    assert t.status == Status.DIPROSES and not BerkasProduk.objects.exists() and not Kuitansi.objects.exists()


def test_serah_terima_fisik_dengan_berita_acara(pengunjung, petugas, django_capture_on_commit_callbacks):
    t = diproses(pengunjung, petugas)
    fisik = penyerahan.DataSerahTerima("cd", "Peta wilkerstat Kota Bengkulu per desa (12 peta)", "Andi Pengunjung")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        t = penyerahan.serahkan_produk(t, petugas, serah_terima=fisik)
    ba = t.serah_terima.get()
    assert t.status == Status.DISERAHKAN and ba.nomor.startswith("BAST/") and ba.media == "cd"
    assert Kuitansi.objects.filter(transaksi=t).exists()
    # Handed over on a CD, with no file to download: the subject does not send the visitor looking for one.
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert surel.subject == f"Produk transaksi {t.nomor} telah diserahkan"


def test_media_serah_terima_fisik_harus_dipilih(pengunjung, petugas, klien_untuk):
    """The medium of a physical hand-over is printed on the signed hand-over
    report: the list starts empty, so an officer who forgets to choose is told
    to, instead of the report silently saying CD/DVD for a printed copy."""
    t = diproses(pengunjung, petugas)
    klien = klien_untuk(petugas)
    halaman = klien.get(reverse("transaksi:serahkan", args=[t.nomor])).content.decode()
    pilihan = re.search(r'<select name="media".*?</select>', halaman, re.S).group(0)
    assert re.findall(r'<option value="([^"]*)"', pilihan)[0] == ""
    data = {"serah_fisik": "on", "media": "", "uraian": "Tabel dicetak", "penerima_nama": ""}
    r = klien.post(reverse("transaksi:serahkan", args=[t.nomor]), data)
    assert r.status_code == 400 and "Pilih media serah terima." in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.DIPROSES


def test_catatan_penyerahan_sampai_di_surel_pemohon(pengunjung, petugas, django_capture_on_commit_callbacks):
    """The delivery e-mail is the visitor's one message about it: the officer's
    "note for the applicant" typed on the delivery form must be in it."""
    t = diproses(pengunjung, petugas)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        penyerahan.serahkan_produk(
            t, petugas, [SimpleUploadedFile("data.csv", b"a,b\n")], catatan="Sandi berkas ZIP: bps1700."
        )
    siap = next(m for m in mail.outbox if "siap diunduh" in m.subject)
    assert "Catatan petugas: Sandi berkas ZIP: bps1700." in siap.body


def test_transaksi_nol_rupiah_diserahkan_tanpa_kuitansi(pengunjung, petugas):
    t = pabrik.transaksi_diajukan(pengunjung, kelas_harga="nol_rupiah")
    t = services.nyatakan_lengkap(t, petugas, setujui_nol_rupiah=True)
    assert t.status == Status.DIPROSES
    t = penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("data.csv", b"a,b\n")])
    assert t.status == Status.DISERAHKAN and not Kuitansi.objects.exists()


def test_batas_unduh_dari_pengaturan_kantor(pengunjung, petugas):
    with time_machine.travel(datetime(2026, 3, 25, 10, 0, tzinfo=WIB), tick=False):
        t = diserahkan(pengunjung, petugas)
    assert selectors.batas_unduh(t) == datetime(2026, 3, 25, 10, 0, tzinfo=WIB) + timedelta(days=30)


def test_ganti_tagihan_dengan_contoh_data_baru(pengunjung, petugas, klien_untuk):
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = menunggu_tagihan(pengunjung, petugas)
        pembayaran.terbitkan_tagihan(t, petugas, isian(), contoh_data=SimpleUploadedFile("lama.csv", b"a\n1\n"))
    with time_machine.travel(datetime(2026, 3, 20, 10, 1, tzinfo=WIB), tick=False):
        data = {**isian("820260320000003"), "kanal": ["atm"], "catatan": ""}
        data["kedaluwarsa_pada"] = "2026-03-27T10:00"
        data["contoh_data"] = SimpleUploadedFile("baru.csv", b"a,b\n1,2\n")
        response = klien_untuk(petugas).post(reverse("transaksi:tagihan_ganti", args=[t.nomor]), data)
    assert response.status_code == 302
    baru = t.tagihan.get(status=Tagihan.Status.AKTIF)
    assert baru.contoh_data_nama == "baru.csv" and baru.contoh_data.read() == b"a,b\n1,2\n"


def test_bukti_yang_ditolak_basis_data_tidak_meninggalkan_berkas(pengunjung, petugas, monkeypatch, settings):
    """Two transactions sending the same NTPN at one moment: the row the
    database refuses leaves no file on disk that no row points at."""
    t = menunggu_pembayaran(pengunjung, petugas)
    lain = menunggu_pembayaran(pengunjung, petugas, kode="820260313000009")
    pembayaran.kirim_bukti_bayar(lain, pengunjung, NTPN, pabrik.berkas_pdf())
    monkeypatch.setattr(pembayaran, "pastikan_ntpn_baru", lambda *a: None)  # both passed the check
    sebelum = sorted(p.name for p in Path(settings.PRIVATE_ROOT).rglob("*") if p.is_file())
    with pytest.raises(ValidationError):
        pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf())
    assert sorted(p.name for p in Path(settings.PRIVATE_ROOT).rglob("*") if p.is_file()) == sebelum


def test_bukti_yang_gagal_disimpan_tidak_meninggalkan_berkas(pengunjung, petugas, monkeypatch, berkas_privat):
    """A proof of payment whose row cannot be written (the INSERT ran, then
    the connection broke) leaves neither the row nor its file on disk."""
    t = menunggu_pembayaran(pengunjung, petugas)
    sebelum = sorted(berkas_di(berkas_privat))
    putus_setelah_insert(monkeypatch, BuktiBayar)
    with pytest.raises(OperationalError):
        pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf())
    monkeypatch.undo()
    assert sorted(berkas_di(berkas_privat)) == sebelum
    assert not BuktiBayar.objects.exists() and Transaksi.objects.get(pk=t.pk).status == Status.MENUNGGU_PEMBAYARAN


def test_produk_yang_gagal_disimpan_tidak_meninggalkan_berkas(pengunjung, petugas, monkeypatch, berkas_privat):
    """A delivery whose product row cannot be written (the INSERT ran, then
    the connection broke) leaves neither the row nor the product file on disk."""
    t = diproses(pengunjung, petugas)
    sebelum = sorted(berkas_di(berkas_privat))
    putus_setelah_insert(monkeypatch, BerkasProduk)
    with pytest.raises(OperationalError):
        penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas.csv", b"kode,nama\n17,BENGKULU\n")])
    monkeypatch.undo()
    assert sorted(berkas_di(berkas_privat)) == sebelum
    assert not BerkasProduk.objects.exists() and Transaksi.objects.get(pk=t.pk).status == Status.DIPROSES


def gagal_setelah_menulis(monkeypatch, berkas_privat, modul, nama, kerja) -> bool:
    """Run `kerja()` with `modul.nama` (called after the files are written)
    raising: the work fails, and True when no file it wrote stayed on disk."""
    sebelum = sorted(berkas_di(berkas_privat))

    def rusak(*args, **kwargs):
        raise RuntimeError("gangguan di tengah langkah")

    monkeypatch.setattr(modul, nama, rusak)
    with pytest.raises(RuntimeError):
        kerja()
    return sorted(berkas_di(berkas_privat)) == sebelum


def test_tagihan_yang_gagal_tidak_meninggalkan_contoh_data(pengunjung, petugas, monkeypatch, berkas_privat):
    """An invoice whose issue fails after its sample file was written (the
    e-mail, at the end) must not leave the sample on disk with no row naming it."""
    t = menunggu_tagihan(pengunjung, petugas)
    contoh = SimpleUploadedFile("contoh.csv", b"a\n1\n")
    kerja = partial(pembayaran.terbitkan_tagihan, t, petugas, isian(), contoh_data=contoh)
    assert gagal_setelah_menulis(monkeypatch, berkas_privat, pembayaran, "_surel_tagihan", kerja)
    assert not Tagihan.objects.exists()


def test_tagihan_yang_kode_billingnya_ditolak_basis_data_tidak_meninggalkan_contoh_data(
    pengunjung, pengunjung_lain, petugas, monkeypatch, berkas_privat
):
    """Two invoices given one billing code at one moment: the one the database
    refuses is told so, and its sample file does not stay on disk."""
    menunggu_pembayaran(pengunjung, petugas)
    t = menunggu_tagihan(pengunjung_lain, petugas)
    sebelum = sorted(berkas_di(berkas_privat))
    ada = QuerySet.exists
    # Both passed the check before either was written.
    monkeypatch.setattr(QuerySet, "exists", lambda qs: False if qs.model is Tagihan else ada(qs))
    contoh = SimpleUploadedFile("contoh.csv", b"a\n1\n")
    with pytest.raises(ValidationError, match="sudah dipakai"):
        pembayaran.terbitkan_tagihan(t, petugas, isian(), contoh_data=contoh)
    monkeypatch.undo()
    assert sorted(berkas_di(berkas_privat)) == sebelum
    assert Transaksi.objects.get(pk=t.pk).status == Status.MENUNGGU_TAGIHAN


def test_tagihan_pengganti_yang_ditolak_tidak_menghapus_contoh_data_yang_dipertahankan(
    pengunjung, petugas, monkeypatch, berkas_privat
):
    """A replacement invoice keeps the sample already sent; when the database
    refuses the replacement, that sample (the old invoice's file) stays."""
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = menunggu_tagihan(pengunjung, petugas)
        lama = pembayaran.terbitkan_tagihan(t, petugas, isian(), contoh_data=SimpleUploadedFile("c.csv", b"a\n1\n"))
    sebelum = sorted(berkas_di(berkas_privat))
    ada = QuerySet.exists
    monkeypatch.setattr(QuerySet, "exists", lambda qs: False if qs.model is Tagihan else ada(qs))
    ditolak = pytest.raises(ValidationError, match="sudah dipakai")
    with time_machine.travel(datetime(2026, 3, 20, 10, 1, tzinfo=WIB), tick=False), ditolak:
        pembayaran.ganti_tagihan_kedaluwarsa(t, petugas, isian())
    monkeypatch.undo()
    assert sorted(berkas_di(berkas_privat)) == sebelum
    assert Tagihan.objects.get(pk=lama.pk).contoh_data.read() == b"a\n1\n"


def test_penyerahan_yang_gagal_tidak_meninggalkan_berkas_produk(pengunjung, petugas, monkeypatch, berkas_privat):
    """A delivery that fails after its files were written (here the e-mail,
    at the end) is rolled back: its product files must not stay on disk with
    no row pointing at them, out of reach of retention and backups."""
    t = diproses(pengunjung, petugas)
    produk = SimpleUploadedFile("susenas.csv", b"kode\n17\n")
    kerja = partial(penyerahan.serahkan_produk, t, petugas, [produk])
    assert gagal_setelah_menulis(monkeypatch, berkas_privat, penyerahan, "kirim_surel", kerja)
    assert not BerkasProduk.objects.exists() and Transaksi.objects.get(pk=t.pk).status == Status.DIPROSES


def test_catatan_verifikasi_dalam_bahasa_pembaca_surel(pengunjung, petugas, django_capture_on_commit_callbacks):
    """A visitor reading English is not told "Officer's note: Pembayaran … terverifikasi
    (NTPN …). Produk mulai disiapkan.", a sentence the system writes: the
    e-mail says it in English, the history keeps it in Indonesian."""
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    t = menunggu_pembayaran(pengunjung, petugas)
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        t = pembayaran.verifikasi_pembayaran(t, petugas)
    nomor = t.tagihan.get().nomor
    catatan = t.riwayat.get(jenis=RiwayatTransaksi.Jenis.STATUS, ke=Status.DIPROSES).catatan
    assert catatan == f"Pembayaran {nomor} terverifikasi (NTPN {NTPN}). Produk mulai disiapkan."
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert f"Payment {nomor} verified (NTPN {NTPN}). The products are being prepared.\n" in surel.body
    assert "terverifikasi" not in surel.body


def test_tagihan_pengganti_koreksi_menyebut_tagihan_yang_tidak_berlaku(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    """The invoice issued after the visitor asked for a correction read like a
    first invoice: the e-mail did not say which invoice it replaces, while the
    replaced one's billing code, already in the visitor's hands, must not be paid."""
    t = menunggu_pembayaran(pengunjung, petugas)
    lama = t.tagihan.get()
    pembayaran.minta_koreksi_tagihan(t, pengunjung, "Jumlah halaman seharusnya 40.")
    t.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        baru = pembayaran.terbitkan_tagihan(t, petugas, isian("820260313000002"))
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert baru.nomor in surel.subject
    assert (
        f"menggantikan tagihan {lama.nomor} (kode billing {lama.kode_billing}) yang tidak berlaku lagi; "
        "jangan membayar dengan kode billing itu." in surel.body
    )


def test_tagihan_pertama_tidak_menyebut_tagihan_lain(pengunjung, petugas, django_capture_on_commit_callbacks):
    t = menunggu_tagihan(pengunjung, petugas)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pembayaran.terbitkan_tagihan(t, petugas, isian())
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert "Tagihan untuk transaksi Anda telah diterbitkan." in surel.body and "menggantikan" not in surel.body


def test_bpn_bertanggal_esok_hari_di_indonesia_ditolak(pengunjung, petugas, klien_untuk):
    """A BPN is printed in Indonesia: at 21.00 WIB on 16 March no Indonesian
    zone has reached the 17th (WIT is at 23.00), so a BPN dated the 17th is a
    typing slip and refused, on the page as by the service; from 22.00 WIB it
    is already the 17th in Papua. A transfer from abroad keeps its own rule."""
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=WIB), tick=False):
        t = menunggu_pembayaran(pengunjung, petugas)
    esok = datetime(2026, 3, 17).date()
    with time_machine.travel(datetime(2026, 3, 16, 21, 0, tzinfo=WIB), tick=False):
        with pytest.raises(ValidationError, match="Tanggal bayar tidak boleh sesudah hari ini"):
            pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf(), esok)
        data = {"ntpn": NTPN, "tanggal_bayar": "2026-03-17", "berkas": pabrik.berkas_pdf()}
        r = klien_untuk(pengunjung).post(reverse("transaksi:bukti_kirim", args=[t.nomor]), data)
        assert r.status_code == 400 and "Tanggal bayar tidak boleh sesudah hari ini" in r.content.decode()
        assert not t.bukti_bayar.exists()
    with time_machine.travel(datetime(2026, 3, 16, 22, 30, tzinfo=WIB), tick=False):
        bukti = pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf(), esok)
    assert bukti.dibayar_pada == esok


def test_dua_berkas_produk_bernama_sama_dibedakan(pengunjung, petugas, klien_untuk, berkas_privat):
    """Two product files picked from two folders under one name were both
    listed, and downloaded, as "data.xlsx": the visitor could not tell them
    apart. The second is named "data-2.xlsx" (whatever the case of the first),
    in the list and in its download."""
    t = diproses(pengunjung, petugas)
    berkas = [SimpleUploadedFile(n, b"a,b\n") for n in ("data.csv", "DATA.csv", "lain.csv", "data.csv")]
    t = penyerahan.serahkan_produk(t, petugas, berkas)
    nama = list(t.berkas_produk.order_by("pk").values_list("nama_asli", flat=True))
    assert nama == ["data.csv", "DATA-2.csv", "lain.csv", "data-3.csv"]
    kedua = t.berkas_produk.get(nama_asli="DATA-2.csv")
    respons = klien_untuk(pengunjung).get(reverse("transaksi:produk", args=[t.nomor, kedua.pk]))
    assert "DATA-2.csv" in respons["Content-Disposition"]
