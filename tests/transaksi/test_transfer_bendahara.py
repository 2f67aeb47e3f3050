"""The office's treasurer, who holds the account statement, checks the
bank-transfer proofs of their own offices: a list of those waiting, the
payment page with the proof and the office's account, verify or refuse; an
NTPN stays the officer's, another office's transfer does not exist to them."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan.models import Surel
from pst_layanan.roles import BENDAHARA
from tests import pabrik
from tests.halaman import yang_hilang
from tests.transaksi.test_kanal_bayar import REKENING, kanal_kantor, kirim_transfer  # noqa: F401  (fixture)
from tests.transaksi.test_pembayaran import NTPN, menunggu_pembayaran
from transaksi import alur
from transaksi.alur import TransisiTidakSah
from transaksi.models import BuktiBayar, CaraBayar, Kuitansi, RiwayatTransaksi, Status
from transaksi.services import pembayaran, penyerahan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kanal_kantor")]

DAFTAR = reverse("transaksi:kas_transfer")


def url(nama, t, *args):
    return reverse(f"transaksi:{nama}", args=[t.nomor, *args])


def transfer_menunggu(pengunjung, petugas, kode="820260313000001", referensi="FT2603100001234"):
    t = menunggu_pembayaran(pengunjung, petugas, kode=kode)
    bukti = kirim_transfer(t, pengunjung, referensi=referensi)
    t.refresh_from_db()
    return t, bukti


def test_bendahara_menemukan_memeriksa_dan_memverifikasi_transfer(
    pengunjung, petugas, bendahara, klien_untuk, django_capture_on_commit_callbacks
):
    t, bukti = transfer_menunggu(pengunjung, petugas)
    klien = klien_untuk(bendahara)
    daftar = klien.get(DAFTAR).content.decode()
    assert f'data-bukti-transfer="{t.nomor}"' in daftar and "FT2603100001234" in daftar
    assert url("pembayaran", t) in daftar

    halaman = klien.get(url("pembayaran", t)).content.decode()
    assert not yang_hilang(
        halaman, "Maybank Malaysia", "FT2603100001234", "Rp50.000", REKENING["rekening_nomor"], "transfer.pdf"
    )
    assert url("bukti_verifikasi", t) in halaman and url("bukti_tolak", t) in halaman
    assert url("tagihan_terbitkan", t) not in halaman  # the officer's other work is not offered
    assert klien.get(url("bukti_bayar", t, bukti.pk)).status_code == 200

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = klien.post(url("bukti_verifikasi", t), follow=True)
    assert "Pembayaran terverifikasi" in r.content.decode()
    t.refresh_from_db()
    bukti.refresh_from_db()
    assert t.status == Status.DIPROSES and t.diproses_pada is not None
    assert (bukti.status, bukti.diperiksa_oleh) == (BuktiBayar.Status.DITERIMA, bendahara)
    assert bukti.diperiksa_pada is not None
    riwayat = t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.STATUS).last()
    assert (riwayat.oleh, riwayat.ke) == (bendahara, Status.DIPROSES) and "terverifikasi" in riwayat.catatan
    assert any(m.to == [pengunjung.email] and "Diproses" in m.subject for m in mail.outbox)
    assert "oleh Sari Bendahara" in r.content.decode()  # the proof's history names who checked it

    # The receipt, issued at delivery as for an officer's verification, is for the proof the treasurer accepted.
    penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas.csv", b"a,b\n1,2\n")])
    assert Kuitansi.objects.get(transaksi=t).bukti_bayar == bukti


def test_halaman_pembayaran_bendahara_kueri_terbatas(
    pengunjung, petugas, bendahara, klien_untuk, django_assert_max_num_queries
):
    t, _bukti = transfer_menunggu(pengunjung, petugas)
    klien = klien_untuk(bendahara)
    with django_assert_max_num_queries(12):
        assert klien.get(url("pembayaran", t)).status_code == 200


def test_bendahara_menolak_transfer_dengan_alasan(pengunjung, petugas, bendahara, klien_untuk):
    t, bukti = transfer_menunggu(pengunjung, petugas)
    klien = klien_untuk(bendahara)
    kosong = klien.post(url("bukti_tolak", t), {"alasan": ""})
    assert kosong.status_code == 400 and "panel-pembayaran-bendahara" in kosong.content.decode()
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI

    r = klien.post(url("bukti_tolak", t), {"alasan": "Dana belum masuk ke rekening kantor."}, follow=True)
    assert "Bukti bayar ditolak" in r.content.decode()
    t.refresh_from_db()
    bukti.refresh_from_db()
    assert t.status == Status.MENUNGGU_PEMBAYARAN
    assert (bukti.status, bukti.diperiksa_oleh, bukti.alasan_tolak) == (
        BuktiBayar.Status.DITOLAK,
        bendahara,
        "Dana belum masuk ke rekening kantor.",
    )
    assert t.riwayat.filter(jenis="status", ke=Status.MENUNGGU_PEMBAYARAN).last().oleh == bendahara


def test_bendahara_kantor_lain_tidak_melihat_transfernya(pengunjung, petugas, kota, klien_untuk):
    t, bukti = transfer_menunggu(pengunjung, petugas)
    klien = klien_untuk(buat_pengguna("bendahara-kota@bps.go.id", BENDAHARA, kantor=kota))
    assert t.nomor not in klien.get(DAFTAR).content.decode()
    assert klien.get(url("pembayaran", t)).status_code == 404
    assert klien.get(url("bukti_bayar", t, bukti.pk)).status_code == 404
    assert klien.post(url("bukti_verifikasi", t)).status_code == 404
    assert klien.post(url("bukti_tolak", t), {"alasan": "Tidak ada."}).status_code == 404
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI


def test_pengunjung_lain_tetap_tidak_bisa_memeriksa(pengunjung, pengunjung_lain, petugas, klien_untuk):
    t, _bukti = transfer_menunggu(pengunjung, petugas)
    klien = klien_untuk(pengunjung_lain)
    assert klien.get(url("pembayaran", t)).status_code == 404
    assert klien.post(url("bukti_verifikasi", t)).status_code == 403


def test_ntpn_tetap_diverifikasi_petugas(pengunjung, petugas, bendahara, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    t.refresh_from_db()
    with pytest.raises(TransisiTidakSah, match="Hanya petugas layanan"):
        pembayaran.verifikasi_pembayaran(t, bendahara)
    with pytest.raises(TransisiTidakSah, match="Hanya petugas layanan"):
        pembayaran.tolak_bukti(t, bendahara, "Tidak cocok.")
    # A transaction paid through SIMPONI only is not on the treasurer's payment pages at all.
    klien = klien_untuk(bendahara)
    assert klien.get(url("pembayaran", t)).status_code == 404
    assert klien.post(url("bukti_verifikasi", t)).status_code == 404
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI
    assert pembayaran.verifikasi_pembayaran(t, petugas).status == Status.DIPROSES


def test_ntpn_setelah_transfer_ditolak_tetap_milik_petugas(pengunjung, petugas, bendahara, klien_untuk):
    """The treasurer sees a transaction once paid by transfer; an NTPN sent after the transfer was refused is not theirs."""
    t, _bukti = transfer_menunggu(pengunjung, petugas)
    t = pembayaran.tolak_bukti(t, bendahara, "Dana belum masuk ke rekening kantor.")
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    klien = klien_untuk(bendahara)
    halaman = klien.get(url("pembayaran", t)).content.decode()
    assert "petugas layanan yang memverifikasinya" in halaman and url("bukti_verifikasi", t) not in halaman
    r = klien.post(url("bukti_verifikasi", t), follow=True)
    assert "Hanya petugas layanan" in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI


def test_petugas_dan_supervisor_tetap_memverifikasi_transfer(pengunjung, petugas, supervisor):
    t, _bukti = transfer_menunggu(pengunjung, petugas)
    assert pembayaran.verifikasi_pembayaran(t, supervisor).status == Status.DIPROSES
    t, _bukti = transfer_menunggu(pengunjung, petugas, kode="820260313000002", referensi="FT2603100009999")
    assert pembayaran.tolak_bukti(t, petugas, "Dana belum masuk.").status == Status.MENUNGGU_PEMBAYARAN


def test_pemeriksa_bukti_menurut_cara_bayar():
    """Every way a proof can wait has its checker; cash never waits."""
    assert set(alur.PEMERIKSA_BUKTI) == set(CaraBayar.values) - {CaraBayar.TUNAI}
    assert alur.PEMERIKSA_BUKTI[CaraBayar.SIMPONI] == {alur.PETUGAS}
    assert alur.BENDAHARA in alur.PEMERIKSA_BUKTI[CaraBayar.TRANSFER]
    for ke in (Status.DIPROSES, Status.MENUNGGU_PEMBAYARAN):
        assert alur.pelaku_boleh(Status.MENUNGGU_VERIFIKASI, ke) == {alur.PETUGAS, alur.BENDAHARA}


# --- the list -----------------------------------------------------------------------------------


def test_daftar_transfer_kosong(pengunjung, petugas, bendahara, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))  # an NTPN is not listed
    halaman = klien_untuk(bendahara).get(DAFTAR).content.decode()
    assert "Tidak ada bukti transfer yang menunggu pemeriksaan." in halaman and t.nomor not in halaman
    assert DAFTAR in klien_untuk(bendahara).get(reverse("transaksi:kas")).content.decode()


def test_daftar_transfer_berhalaman_dengan_kueri_terbatas(
    pengunjung, petugas, bendahara, klien_untuk, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr("transaksi.views.kanal.PER_HALAMAN", 2)
    klien = klien_untuk(bendahara)
    nomor = []
    for n in range(5):
        t, _bukti = transfer_menunggu(pengunjung, petugas, kode=f"82026031300010{n}", referensi=f"FT26031000{n}")
        nomor.append(t.nomor)
        with django_assert_max_num_queries(6):
            assert klien.get(DAFTAR).status_code == 200
    pertama = klien.get(DAFTAR).content.decode()
    assert nomor[0] in pertama and nomor[1] in pertama and nomor[2] not in pertama  # oldest first
    assert "Halaman 1 dari 3" in pertama and "?halaman=2" in pertama
    terakhir = klien.get(DAFTAR, {"halaman": 3}).content.decode()
    assert nomor[4] in terakhir and nomor[0] not in terakhir


# --- the e-mail on arrival ----------------------------------------------------------------------


def test_bendahara_kantor_diberi_tahu_saat_transfer_tiba(
    pengunjung, petugas, bendahara, kota, django_capture_on_commit_callbacks
):
    lain = buat_pengguna("bendahara-kota@bps.go.id", BENDAHARA, kantor=kota)
    t = menunggu_pembayaran(pengunjung, petugas)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        kirim_transfer(t, pengunjung)
    surel = [m for m in mail.outbox if bendahara.email in m.to]
    assert len(surel) == 1 and "Bukti transfer menunggu pemeriksaan" in surel[0].subject
    assert "FT2603100001234" in surel[0].body and "Maybank Malaysia" in surel[0].body
    assert url("pembayaran", t) in surel[0].body
    assert not any(lain.email in m.to for m in mail.outbox)
    # What happened before still does: the officer and the visitor's receipt.
    assert any(petugas.email in m.to for m in mail.outbox) and any(pengunjung.email in m.to for m in mail.outbox)
    # The same transfer sent again tells nobody again.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        kirim_transfer(t, pengunjung)
    assert mail.outbox == []


def test_subjek_surel_bendahara_berbahasa_inggris_menyebut_satu_bukti(pengunjung, petugas, bendahara):
    """The e-mail is about one proof: its English subject said "Transfer
    proofs waiting to be checked", the heading of the treasurer's list."""
    bendahara.bahasa = "en"
    bendahara.save(update_fields=["bahasa"])
    t = menunggu_pembayaran(pengunjung, petugas)
    kirim_transfer(t, pengunjung)
    [surel] = [s for s in Surel.objects.all() if s.penerima == [bendahara.email]]
    assert surel.subjek == f"[{t.nomor}] Transfer proof waiting to be checked"


def test_bendahara_yang_mentransfer_untuk_permintaannya_sendiri_tidak_diminta_memeriksanya(
    petugas, bendahara, django_capture_on_commit_callbacks
):
    """A treasurer paying for their own request may not check that transfer
    (a colleague does): the e-mail asking to check it goes to the office's
    other treasurers, not to them."""
    rekan = buat_pengguna("bendahara-dua@bps.go.id", BENDAHARA)
    t = menunggu_pembayaran(bendahara, petugas)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        kirim_transfer(t, bendahara)
    periksa = [m for m in mail.outbox if "Bukti transfer menunggu pemeriksaan" in m.subject]
    assert [m.to for m in periksa] == [[rekan.email]]
