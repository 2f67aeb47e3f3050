"""The invoice's life cycle: cancelling voids the active invoice and says so
(e-mail, public QR page); the expiry job and the officer's replacement are
one policy; only the moves of the table are allowed."""

from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from pst_layanan.kalender import WIB
from pst_layanan.models import Surel
from tests import pabrik
from transaksi import services, tenggat
from transaksi.alur import TransisiTidakSah
from transaksi.models import Jam, Status, Tagihan, Transaksi
from transaksi.services import pembayaran
from transaksi.services import tagihan as siklus

from .test_pembayaran import NTPN, isian, menunggu_pembayaran

pytestmark = pytest.mark.django_db

TERBIT = datetime(2026, 3, 13, 10, 0, tzinfo=WIB)  # Friday; the invoice is valid 7 days
SESUDAH_KEDALUWARSA = datetime(2026, 3, 20, 10, 5, tzinfo=WIB)


def pada(waktu):
    return time_machine.travel(waktu, tick=False)


def test_batal_membatalkan_tagihan_aktif_dan_surel_serta_qr_mengatakannya(
    pengunjung, petugas, client, django_capture_on_commit_callbacks
):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        tagihan = t.tagihan.get()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.batalkan(t, pengunjung)
    tagihan.refresh_from_db()
    assert tagihan.status == Tagihan.Status.BATAL and tagihan.dibatalkan_pada == TERBIT
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert "Dibatalkan" in surel.subject
    assert f"Tagihan {tagihan.nomor} dengan kode billing {tagihan.kode_billing} dibatalkan" in surel.body
    assert "jangan dibayar" in surel.body
    # The public page of the QR code no longer shows a code to pay.
    with pada(TERBIT):
        halaman = client.get(reverse("transaksi:verifikasi", args=[tagihan.token])).content.decode()
    assert "Tagihan ini tidak berlaku — jangan dibayar." in halaman and "Dibatalkan" in halaman
    # The expiry job leaves a void invoice alone.
    with pada(SESUDAH_KEDALUWARSA):
        assert tenggat.tagihan_kedaluwarsa() == []


@pytest.mark.parametrize("oleh", ["pemohon", "petugas"])
def test_pembatalan_menyebut_tagihan_batal_dalam_bahasa_pemohon(
    pengunjung, petugas, oleh, django_capture_on_commit_callbacks
):
    """Cancelled by the visitor, or by the office with a reason: a visitor who
    reads English reads the reason and, in English, that the voided invoice
    must not be paid; the history keeps the office's language."""
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    t = menunggu_pembayaran(pengunjung, petugas)
    tagihan = t.tagihan.get()
    mail.outbox.clear()
    alasan = "Data tidak tersedia. " if oleh == "petugas" else ""
    with django_capture_on_commit_callbacks(execute=True):
        if oleh == "petugas":
            services.batalkan(t, petugas, alasan.strip())
        else:
            services.batalkan(t, pengunjung)
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert f"{alasan}Invoice {tagihan.nomor} with billing code {tagihan.kode_billing} is void" in surel.body
    assert "do not pay it" in surel.body and "jangan dibayar" not in surel.body
    catatan = t.riwayat.get(ke=Status.DIBATALKAN).catatan
    assert catatan.endswith(
        f"{alasan}Tagihan {tagihan.nomor} dengan kode billing {tagihan.kode_billing} dibatalkan dan "
        "tidak berlaku \u2014 jangan dibayar."
    )


def test_qr_tagihan_aktif_tidak_diberi_peringatan(pengunjung, petugas, client):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        halaman = client.get(reverse("transaksi:verifikasi", args=[t.tagihan.get().token])).content.decode()
    assert "jangan dibayar" not in halaman and "Aktif" in halaman


def test_qr_tagihan_lewat_masa_berlaku_sebelum_tugas_berjalan(pengunjung, petugas, client):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
    with pada(SESUDAH_KEDALUWARSA):
        halaman = client.get(reverse("transaksi:verifikasi", args=[t.tagihan.get().token])).content.decode()
    assert "Tagihan ini tidak berlaku — jangan dibayar." in halaman


def _keadaan(t):
    t.refresh_from_db()
    return (
        t.status,
        t.jam,
        list(t.tagihan.order_by("pk").values_list("status", flat=True)),
        t.riwayat.filter(ke=Status.MENUNGGU_TAGIHAN).count(),
    )


def test_dua_jalan_kedaluwarsa_berakhir_sama(pengunjung, pengunjung_lain, petugas):
    """Expired by the job then replaced, or replaced by the officer first: the same end."""
    with pada(TERBIT):
        lewat_tugas = menunggu_pembayaran(pengunjung, petugas, kode="820260313000001")
        langsung = menunggu_pembayaran(pengunjung_lain, petugas, kode="820260313000002")
    with pada(SESUDAH_KEDALUWARSA):
        assert len(tenggat.tagihan_kedaluwarsa(ids=[lewat_tugas.tagihan.get().pk])) == 1
        assert _keadaan(lewat_tugas) == (Status.MENUNGGU_PEMBAYARAN, Jam.PROSES, ["kedaluwarsa"], 1)
        pembayaran.ganti_tagihan_kedaluwarsa(lewat_tugas, petugas, isian("820260320000003"))
        pembayaran.ganti_tagihan_kedaluwarsa(langsung, petugas, isian("820260320000004"))
    akhir = (Status.MENUNGGU_PEMBAYARAN, Jam.PROSES, ["kedaluwarsa", "aktif"], 1)
    assert _keadaan(lewat_tugas) == akhir and _keadaan(langsung) == akhir


def test_hanya_langkah_tabel(pengunjung, petugas):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        tagihan = t.tagihan.get()
        with pytest.raises(TransisiTidakSah, match="masih berlaku"):
            siklus.kedaluwarsakan(tagihan)
        siklus.batalkan(tagihan, "uji")
        for langkah in (siklus.lunasi, siklus.ganti, lambda x: siklus.batalkan(x, "lagi")):
            with pytest.raises(TransisiTidakSah, match="tidak dapat menjadi"):
                langkah(tagihan)
    assert Tagihan.objects.get(pk=tagihan.pk).status == Tagihan.Status.BATAL


def test_pengunjung_melihat_tagihan_kedaluwarsa_tidak_berlaku(pengunjung, petugas, klien_untuk):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
    with pada(SESUDAH_KEDALUWARSA):
        tenggat.tagihan_kedaluwarsa()
        halaman = klien_untuk(pengunjung).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
        assert "sudah kedaluwarsa dan tidak berlaku — jangan dibayar" in halaman
        halaman = klien_untuk(petugas).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
        assert reverse("transaksi:tagihan_ganti", args=[t.nomor]) in halaman


@pytest.mark.parametrize("ditandai", [True, False], ids=["ditandai-tugas", "belum-ditandai"])
def test_langkah_berikutnya_tidak_menyuruh_membayar_tagihan_kedaluwarsa(ditandai, pengunjung, petugas, klien_untuk):
    """The box on top of the visitor's page said "pay the invoice before it
    expires" over the payment panel's "it has expired — do not pay it"."""
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
    with pada(SESUDAH_KEDALUWARSA):
        if ditandai:
            tenggat.tagihan_kedaluwarsa()
        halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    langkah = halaman[halaman.index('id="langkah"') : halaman.index("</div>\n</div>", halaman.index('id="langkah"'))]
    assert "sebelum kedaluwarsa" not in langkah
    assert "Tagihan Anda kedaluwarsa sebelum dibayar" in langkah


def test_bukti_tetap_bisa_dikirim_sebelum_kedaluwarsa(pengunjung, petugas):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    with pada(SESUDAH_KEDALUWARSA):  # a proof waiting: the job does not expire the invoice
        assert tenggat.tagihan_kedaluwarsa() == []


# --- payments judged by when they were paid ---------------------------------------------

DIBAYAR_TEPAT = datetime(2026, 3, 20, 0, 0, tzinfo=WIB).date()  # the expiry day (20 Mar 10.00)
SESUDAH_TUGAS = datetime(2026, 3, 23, 9, 0, tzinfo=WIB)  # Monday: the proof comes after the job ran


def _kedaluwarsa_dan_diganti(pengunjung, petugas):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
    with pada(SESUDAH_KEDALUWARSA):
        tenggat.tagihan_kedaluwarsa()
        pengganti = pembayaran.ganti_tagihan_kedaluwarsa(t, petugas, isian("820260320000009"))
    return t, t.tagihan.get(status=Tagihan.Status.KEDALUWARSA), pengganti


def test_bukti_tepat_waktu_sesudah_tugas_kedaluwarsa_diterima_dan_pengganti_dibatalkan(
    pengunjung, petugas, client, django_capture_on_commit_callbacks
):
    t, lama, pengganti = _kedaluwarsa_dan_diganti(pengunjung, petugas)
    with pada(SESUDAH_TUGAS):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            # Paid on the expiry day, the day the replacement came: the BPN's billing code tells which.
            bukti = pembayaran.kirim_bukti_bayar(
                t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"), DIBAYAR_TEPAT, lama.kode_billing
            )
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI and bukti.tagihan == lama and not bukti.terlambat
    pengganti.refresh_from_db()
    assert pengganti.status == Tagihan.Status.BATAL
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert f"Tagihan {pengganti.nomor} dengan kode billing 820260320000009 dibatalkan" in surel.body
    assert "jangan dibayar" in client.get(reverse("transaksi:verifikasi", args=[pengganti.token])).content.decode()
    with pada(SESUDAH_TUGAS):
        pembayaran.verifikasi_pembayaran(t, petugas)
    assert list(t.tagihan.order_by("pk").values_list("status", flat=True)) == ["lunas", "batal"]


def test_bukti_tepat_waktu_untuk_transaksi_yang_dulu_dikembalikan_ke_menunggu_tagihan(pengunjung, petugas):
    """Transactions the earlier expiry policy sent back to "waiting for the invoice" take the proof too."""
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
    with pada(SESUDAH_KEDALUWARSA):
        tenggat.tagihan_kedaluwarsa()
        Transaksi.objects.filter(pk=t.pk).update(status=Status.MENUNGGU_TAGIHAN)
    with pada(SESUDAH_TUGAS):
        pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"), DIBAYAR_TEPAT)
        t = pembayaran.verifikasi_pembayaran(t, petugas)
    assert t.status == Status.DIPROSES and t.tagihan.get().status == Tagihan.Status.LUNAS


def test_tagihan_baru_tidak_diterbitkan_selagi_bukti_menunggu_verifikasi(pengunjung, petugas):
    """The officer issues the new invoice the visitor asked for at the moment
    (or from the form opened before) the visitor sends a proof of the expired
    one, paid in time: the invoice is refused and the proof waits for its
    check, not left unchecked under a new code the visitor would pay again."""
    t, lama, _pengganti = _kedaluwarsa_dan_diganti(pengunjung, petugas)
    with pada(SESUDAH_TUGAS):
        pembayaran.minta_koreksi_tagihan(t, pengunjung, "NPWP pada tagihan salah.")
        bukti = pembayaran.kirim_bukti_bayar(
            t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"), DIBAYAR_TEPAT, lama.kode_billing
        )
        with pytest.raises(TransisiTidakSah, match=f"mengirim bukti bayar NTPN {NTPN} untuk tagihan {lama.nomor}"):
            pembayaran.terbitkan_tagihan(t, petugas, isian("820260323000003"))
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI and not t.tagihan.filter(kode_billing="820260323000003").exists()
    assert t.riwayat.filter(dari=Status.MENUNGGU_VERIFIKASI).count() == 0
    with pada(SESUDAH_TUGAS):
        pembayaran.verifikasi_pembayaran(t, petugas, bukti.pk)
    assert Transaksi.objects.get(pk=t.pk).status == Status.DIPROSES


def test_ganti_sesudah_bukti_tepat_waktu_ditolak_menyebut_tagihan_yang_kedaluwarsa(pengunjung, petugas, klien_untuk):
    """A proof of the expired invoice, said to be paid in time, voids its
    replacement; refused (the NTPN is not in SIMPONI), the officer replaces
    the expired invoice again. The replacement form named the voided
    replacement as the invoice that expired, with a code the visitor must
    not pay and an expiry still to come, instead of the expired one."""
    t, lama, pengganti = _kedaluwarsa_dan_diganti(pengunjung, petugas)
    with pada(SESUDAH_TUGAS):
        pembayaran.kirim_bukti_bayar(
            t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"), DIBAYAR_TEPAT, lama.kode_billing
        )
        pembayaran.tolak_bukti(t, petugas, "NTPN tidak ditemukan di SIMPONI.")
        r = klien_untuk(petugas).get(reverse("transaksi:tagihan_ganti", args=[t.nomor]))
    peringatan = r.context["lama"]
    assert peringatan == lama and r.status_code == 200
    isi = r.content.decode()
    assert f"Tagihan {lama.nomor} (kode billing {lama.kode_billing}) kedaluwarsa" in isi
    assert pengganti.kode_billing not in isi


def test_bukti_tepat_waktu_ditolak_alasannya_di_halaman_pembayaran_pemohon(pengunjung, petugas, klien_untuk):
    """A refused proof is explained where the visitor sends the next one:
    with an invoice to pay the payment page said why, but a refused proof of
    the expired invoice (its replacement voided by it) left the page offering
    to send a proof again without the officer's reason."""
    t, lama, _pengganti = _kedaluwarsa_dan_diganti(pengunjung, petugas)
    with pada(SESUDAH_TUGAS):
        pembayaran.kirim_bukti_bayar(
            t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"), DIBAYAR_TEPAT, lama.kode_billing
        )
        pembayaran.tolak_bukti(t, petugas, "NTPN tidak ditemukan di SIMPONI.")
        isi = klien_untuk(pengunjung).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    assert "data-tagihan-kedaluwarsa" in isi
    assert f"Bukti bayar NTPN {NTPN} ditolak petugas: NTPN tidak ditemukan di SIMPONI." in isi


def test_bayar_sesudah_kedaluwarsa_dijelaskan_dan_petugas_memutuskan(pengunjung, petugas, klien_untuk):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
    with pada(SESUDAH_KEDALUWARSA):
        tenggat.tagihan_kedaluwarsa()
    with pada(SESUDAH_TUGAS):
        klien = klien_untuk(pengunjung)
        r = klien.post(
            reverse("transaksi:bukti_kirim", args=[t.nomor]),
            {"ntpn": NTPN, "tanggal_bayar": "2026-03-21", "berkas": pabrik.berkas_pdf("bpn.pdf")},
            follow=True,
        )
        halaman = r.content.decode()
        assert "sesudah tagihan" in halaman and "petugas akan memeriksa NTPN Anda di SIMPONI" in halaman
        t.refresh_from_db()
        assert t.status == Status.MENUNGGU_VERIFIKASI
        petugas_lihat = klien_untuk(petugas).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
        assert "data-bukti-terlambat" in petugas_lihat
        pembayaran.tolak_bukti(t, petugas, "NTPN tidak tercatat di SIMPONI.")
        t.refresh_from_db()
        assert t.status == Status.MENUNGGU_PEMBAYARAN
        # The officer's next step is a new invoice.
        pembayaran.ganti_tagihan_kedaluwarsa(t, petugas, isian("820260323000001"))
    assert list(t.tagihan.order_by("pk").values_list("status", flat=True)) == ["kedaluwarsa", "aktif"]


def test_penjelasan_bayar_terlambat_dalam_bahasa_pemohon_riwayat_dalam_bahasa_kantor(pengunjung, petugas, klien_untuk):
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
    with pada(SESUDAH_KEDALUWARSA):
        tenggat.tagihan_kedaluwarsa()
    with pada(SESUDAH_TUGAS):
        r = klien_untuk(pengunjung).post(
            reverse("transaksi:bukti_kirim", args=[t.nomor]),
            {"ntpn": NTPN, "tanggal_bayar": "2026-03-21", "berkas": pabrik.berkas_pdf("bpn.pdf")},
            follow=True,
        )
    halaman = r.content.decode()
    assert "The payment date on the BPN (Saturday, 21 March 2026) is after invoice" in halaman
    assert "sesudah tagihan" not in halaman
    catatan = t.riwayat.filter(ke=Status.MENUNGGU_VERIFIKASI).latest("pk").catatan
    assert "Tanggal bayar pada BPN (Sabtu, 21 Maret 2026) sesudah tagihan" in catatan


def test_surel_tagihan_dalam_bahasa_pemohon(pengunjung, petugas):
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
    lama = t.tagihan.get()
    with pada(SESUDAH_KEDALUWARSA):
        tenggat.tagihan_kedaluwarsa()
        pembayaran.ganti_tagihan_kedaluwarsa(t, petugas, isian("820260320000009"))
    isi = " ".join(
        Surel.objects.filter(penerima=[pengunjung.email], subjek__startswith="Invoice").values_list("isi", flat=True)
    )
    assert "The invoice for your transaction has been issued." in isi
    assert f"The billing code on invoice {lama.nomor} has expired; here is a new invoice." in isi
    assert "telah diterbitkan" not in isi and "berikut tagihan baru" not in isi
    assert f"Transaction: {t.nomor}" in isi and "Transactions" not in isi


def test_tanggal_bayar_salah_ditolak_tanpa_perubahan(pengunjung, petugas):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        for tanggal, pesan in (
            (datetime(2026, 3, 12).date(), "lebih awal"),
            (datetime(2026, 3, 14).date(), "hari ini"),
        ):
            with pytest.raises(ValidationError, match=pesan):
                pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"), tanggal)
        with pytest.raises(ValidationError, match="bukan tagihan transaksi Anda"):
            pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf(), TERBIT.date(), "820269999999999")
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN and not t.bukti_bayar.exists()


# --- corrections before payment -----------------------------------------------------------


def test_petugas_mengoreksi_jumlah_tagihan_dibatalkan_dan_tagihan_baru(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        lama = t.tagihan.get()
        item = t.item.get()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            pembayaran.koreksi_item(t, petugas, {item.pk: item.jumlah + 60}, "Publikasi 110 halaman, bukan 50.")
        t.refresh_from_db()
        lama.refresh_from_db()
        assert t.status == Status.MENUNGGU_TAGIHAN and lama.status == Tagihan.Status.BATAL
        assert t.total > lama.jumlah
        [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
        assert "Item dikoreksi petugas" in surel.body and "jangan dibayar" in surel.body
        baru = pembayaran.terbitkan_tagihan(
            t, petugas, isian("820260313000077", jumlah=f"{int(t.total):,}".replace(",", "."))
        )
    assert baru.jumlah == t.total and baru.status == Tagihan.Status.AKTIF


def test_koreksi_item_ditolak_tanpa_perubahan(pengunjung, petugas):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        item = t.item.get()
        for jumlah, catatan, pesan in (
            ({item.pk: 0}, "x", "minimal 1"),
            ({item.pk: item.jumlah}, "x", "Tidak ada jumlah"),
            ({item.pk: 9}, " ", "alasan koreksi"),
        ):
            with pytest.raises(ValidationError, match=pesan):
                pembayaran.koreksi_item(t, petugas, jumlah, catatan)
        with pytest.raises(TransisiTidakSah):
            pembayaran.koreksi_item(t, pengunjung, {item.pk: 9}, "Saya ubah sendiri.")
        pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
        with pytest.raises(TransisiTidakSah, match="sebelum bukti bayar"):
            pembayaran.koreksi_item(t, petugas, {item.pk: 9}, "Terlambat.")
    assert t.tagihan.get().status == Tagihan.Status.AKTIF and t.item.get().jumlah == item.jumlah


def test_koreksi_item_lewat_halaman(pengunjung, petugas, klien_untuk):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        item = t.item.get()
        klien = klien_untuk(petugas)
        url = reverse("transaksi:koreksi_item", args=[t.nomor])
        salah = klien.post(url, {f"jumlah_{item.pk}": "nol", "catatan": "x"})
        assert salah.status_code == 400 and "form-koreksi-item" in salah.content.decode()
        assert t.item.get().jumlah == item.jumlah
        r = klien.post(url, {f"jumlah_{item.pk}": item.jumlah + 60, "catatan": "Halaman salah hitung."})
        assert r.status_code == 302
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_TAGIHAN and t.item.get().jumlah == item.jumlah + 60


def _koreksi_setelah_kedaluwarsa(pengunjung, petugas, catatan, capture):
    """An invoice issued, expired by the job, then its item corrected by the
    officer (+60 pages) with the outbox emptied before: (t, expired invoice, item)."""
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        lama, item = t.tagihan.get(), t.item.get()
    with pada(SESUDAH_KEDALUWARSA):
        tenggat.tagihan_kedaluwarsa()
        mail.outbox.clear()
        with capture(execute=True):
            pembayaran.koreksi_item(t, petugas, {item.pk: item.jumlah + 60}, catatan)
    return t, lama, item


def test_koreksi_item_membatalkan_tagihan_kedaluwarsa(pengunjung, petugas, django_capture_on_commit_callbacks):
    """After an item correction the expired invoice's amount is not the price any
    more: no proof is taken for it, and the visitor is told in the correction's e-mail."""
    t, lama, item = _koreksi_setelah_kedaluwarsa(
        pengunjung, petugas, "Publikasi 110 halaman, bukan 50.", django_capture_on_commit_callbacks
    )
    lama.refresh_from_db()
    assert lama.status == Tagihan.Status.BATAL
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert f"Tagihan kedaluwarsa {lama.nomor} ({lama.kode_billing}) dibatalkan" in surel.body
    with pada(SESUDAH_TUGAS), pytest.raises(TransisiTidakSah, match="Belum ada tagihan yang berlaku"):
        pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"), DIBAYAR_TEPAT)
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_TAGIHAN and not t.bukti_bayar.exists()


def test_surel_tagihan_kedaluwarsa_berjudul_dalam_bahasa_penerima(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    """The expiry job's e-mails are titled in each reader's language: an
    English visitor's subject does not read "Tagihan … kedaluwarsa"."""
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        tagihan = t.tagihan.get()
    mail.outbox.clear()
    with pada(SESUDAH_KEDALUWARSA), django_capture_on_commit_callbacks(execute=True):
        tenggat.tagihan_kedaluwarsa()
    [tamu] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert tamu.subject == f"Transaction {t.nomor}: Invoice {tagihan.nomor} expired"
    [kantor] = [m for m in mail.outbox if m.to == [petugas.email]]
    assert kantor.subject == f"[{t.nomor}] Tagihan {tagihan.nomor} kedaluwarsa: terbitkan tagihan baru"
    # The officers are told what expired and what to do, not the visitor's own
    # instructions ("do not pay with that code", "if you paid, upload the BPN").
    assert f"Kode billing {tagihan.kode_billing} pada tagihan {tagihan.nomor} kedaluwarsa pada" in kantor.body
    assert "Jika Anda sudah membayar" not in kantor.body and "jangan membayar" not in kantor.body


def test_bukti_tepat_waktu_dikabarkan_dalam_bahasa_pemohon_riwayat_dalam_bahasa_kantor(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    """The receipt of a proof paid before the expiry tells an English visitor,
    in English, that the replacement invoice is void and must not be paid."""
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    t, lama, pengganti = _kedaluwarsa_dan_diganti(pengunjung, petugas)
    with pada(SESUDAH_TUGAS):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            pembayaran.kirim_bukti_bayar(
                t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"), DIBAYAR_TEPAT, lama.kode_billing
            )
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert f"Paid on Friday, 20 March 2026, before {lama.nomor} expired." in surel.body
    assert f"Invoice {pengganti.nomor} with billing code 820260320000009" in surel.body
    assert "Dibayar" not in surel.body and "jangan dibayar" not in surel.body
    catatan = t.riwayat.filter(ke=Status.MENUNGGU_VERIFIKASI).latest("pk").catatan
    assert catatan == (
        f"Bukti bayar {lama.nomor} dikirim, NTPN {NTPN}. Dibayar Jumat, 20 Maret 2026, sebelum {lama.nomor} "
        f"kedaluwarsa. Tagihan {pengganti.nomor} dengan kode billing 820260320000009 dibatalkan dan tidak berlaku "
        "\u2014 jangan dibayar."
    )


def test_koreksi_item_oleh_petugas_dikabarkan_dalam_bahasa_pemohon(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    """The officer corrects the quantities of an invoiced and of an expired
    invoice: the English visitor reads what changed, the new total and which
    invoices are void in English; the history keeps the office's words."""
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    t, lama, item = _koreksi_setelah_kedaluwarsa(
        pengunjung, petugas, "Publikasi 110 halaman.", django_capture_on_commit_callbacks
    )
    t.refresh_from_db()
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    total = f"IDR {int(t.total):,}"
    assert "Items corrected by the officer: Microdata without processing (per dataset)" in surel.body
    assert f"New total {total}. Publikasi 110 halaman." in surel.body
    assert f"Expired invoice {lama.nomor} ({lama.kode_billing}) is void" in surel.body
    assert "Item dikoreksi" not in surel.body and "Total baru" not in surel.body
    catatan = t.riwayat.exclude(catatan="").latest("pk").catatan
    assert catatan.startswith("Item dikoreksi petugas:") and f"Tagihan kedaluwarsa {lama.nomor}" in catatan

    t = menunggu_pembayaran(pengunjung, petugas, "820260313000088")
    tagihan, item = t.tagihan.get(), t.item.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pembayaran.koreksi_item(t, petugas, {item.pk: item.jumlah + 1}, "Salah hitung.")
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert f"Invoice {tagihan.nomor} with billing code 820260313000088 is void" in surel.body
    assert "A new invoice will be issued." in surel.body and "Tagihan baru" not in surel.body


def test_koreksi_item_menyebut_produk_dan_jumlah_dengan_satuannya_dalam_bahasa_pembaca(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    """What a correction changed is read as every quantity on the invoice is:
    the product in the reader's language, which item it is, and the quantity
    with its unit and thousands separated; not "2500000 \u2192 2500060" under the
    Indonesian product name in an English e-mail."""
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    t, _lama, _item = _koreksi_setelah_kedaluwarsa(
        pengunjung, petugas, "Ukuran data salah.", django_capture_on_commit_callbacks
    )
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert (
        "Items corrected by the officer: Microdata without processing (per dataset) "
        "\u201cSusenas Maret 2025 Provinsi Bengkulu\u201d 2,500,000 bytes \u2192 2,500,060 bytes. New total IDR 50,020."
    ) in " ".join(surel.body.split())
    catatan = t.riwayat.exclude(catatan="").latest("pk").catatan
    assert catatan.startswith(
        "Item dikoreksi petugas: Data mikro tanpa pengolahan (per dataset) "
        "\u201cSusenas Maret 2025 Provinsi Bengkulu\u201d 2.500.000 byte \u2192 2.500.060 byte. Total baru Rp50.020."
    )


def _langkah_surel(surel) -> str:
    return next(baris for baris in surel.body.splitlines() if baris.startswith("Langkah berikutnya:"))


def test_surel_kedaluwarsa_tidak_menyuruh_membayar_tagihan_itu(pengunjung, petugas, django_capture_on_commit_callbacks):
    """The expiry e-mail said "do not pay that code, a new invoice follows"
    and, as its next step, "pay the invoice with the billing code before it
    expires": the page's next step, not the one for an unexpired invoice."""
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
    mail.outbox.clear()
    with pada(SESUDAH_KEDALUWARSA), django_capture_on_commit_callbacks(execute=True):
        tenggat.tagihan_kedaluwarsa()
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert "jangan membayar dengan kode tersebut" in surel.body
    langkah = _langkah_surel(surel)
    assert "sebelum kedaluwarsa" not in langkah
    assert "Tagihan Anda kedaluwarsa sebelum dibayar" in langkah
    # Once a new invoice is issued, its e-mail asks to pay again.
    mail.outbox.clear()
    with pada(SESUDAH_KEDALUWARSA), django_capture_on_commit_callbacks(execute=True):
        pembayaran.ganti_tagihan_kedaluwarsa(t, petugas, isian("820260320000009"))
    assert all(
        "Tagihan Anda kedaluwarsa sebelum dibayar" not in m.body for m in mail.outbox if m.to == [pengunjung.email]
    )


def test_surel_bukti_ditolak_sesudah_kedaluwarsa_tidak_memberi_batas_yang_lewat(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    """A proof sent in time and refused after the invoice's expiry: the
    e-mail asked the visitor to pay the invoice "before" a moment already
    gone; it now says the invoice expired, and gives no deadline to pay it."""
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    mail.outbox.clear()
    with pada(SESUDAH_KEDALUWARSA), django_capture_on_commit_callbacks(execute=True):
        pembayaran.tolak_bukti(t, petugas, "NTPN tidak ditemukan di SIMPONI.")
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert "Tagihan Anda kedaluwarsa sebelum dibayar" in _langkah_surel(surel)
    assert "Batas waktu:" not in surel.body


def test_tagihan_kedaluwarsa_tidak_menawarkan_ntpn_bila_kantor_menutup_simponi(pengunjung, petugas, klien_untuk):
    """The office stopped taking SIMPONI payments after the invoice was
    issued: the payment page of its expired invoice offered the NTPN form,
    which the service then refused ("Kantor ini tidak menerima pembayaran
    SIMPONI"); it is offered only while the office takes them."""
    from tests.transaksi.test_kanal_bayar import REKENING, atur_kantor

    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
    url = reverse("transaksi:pembayaran", args=[t.nomor])
    with pada(SESUDAH_KEDALUWARSA):
        tenggat.tagihan_kedaluwarsa()
        assert 'id="form-bukti"' in klien_untuk(pengunjung).get(url).content.decode()
        atur_kantor(bayar_simponi=False, **REKENING)
        halaman = klien_untuk(pengunjung).get(url).content.decode()
    assert "sudah kedaluwarsa dan tidak berlaku — jangan dibayar" in halaman
    assert 'id="form-bukti"' not in halaman


def test_tagihan_kedaluwarsa_menerima_bukti_transfer_di_halaman(pengunjung, petugas, klien_untuk):
    """A transfer made before the invoice expired is judged by its date, like
    a BPN, but the expired invoice's page offered only the NTPN form: the
    visitor who paid by transfer had nowhere to send the receipt."""
    from tests.transaksi.test_kanal_bayar import REKENING, atur_kantor

    atur_kantor(**REKENING)
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    with pada(SESUDAH_KEDALUWARSA):
        tenggat.tagihan_kedaluwarsa()
        halaman = klien.get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
        assert 'id="form-transfer"' in halaman and REKENING["rekening_nomor"] not in halaman
        isian = {
            "transfer-bank_pengirim": "DBS Singapore",
            "transfer-nomor_referensi": "SG-7781-2026",
            "transfer-tanggal_bayar": "2026-03-19",
            "transfer-berkas": pabrik.berkas_pdf(),
        }
        assert klien.post(reverse("transaksi:bukti_transfer", args=[t.nomor]), isian).status_code == 302
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI and t.bukti_bayar.get().tagihan.status == Tagihan.Status.KEDALUWARSA
