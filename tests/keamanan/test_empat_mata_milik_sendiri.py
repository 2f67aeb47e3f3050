"""Four eyes on a staff member's own request: an officer, supervisor or
treasurer may ask for data like any visitor, but the office's decisions on
that request (completeness and a Rp0 tariff, the invoice, the payment check,
cash, delivery) are another staff member's. Otherwise an officer could grant
themselves Rp0 or verify a proof of a payment never made. Refused with a
message saying so, nothing changed; a colleague decides as usual."""

import pytest
from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan.roles import BENDAHARA, PETUGAS, SUPERVISOR
from tests import pabrik
from tests.transaksi.test_kanal_bayar import REKENING, atur_kantor
from tests.transaksi.test_pembayaran import KODE, NTPN, diproses, isian
from transaksi import services
from transaksi.alur import TransisiTidakSah
from transaksi.models import KelasHarga, Status
from transaksi.services import kanal, pembayaran
from transaksi.services.pengembalian import Rekening, setujui, tandai_diproses, usulkan

pytestmark = pytest.mark.django_db

MILIK_SENDIRI = "transaksi Anda sendiri"


def _keadaan(t):
    t.refresh_from_db()
    return t.status, t.kelas_harga, t.nol_rupiah_disetujui_oleh_id, t.petugas_id, t.riwayat.count()


def test_petugas_tidak_menyetujui_rp0_permohonannya_sendiri(petugas, klien_untuk):
    t = pabrik.transaksi_diajukan(petugas, kelas_harga=KelasHarga.NOL_RUPIAH)
    sebelum = _keadaan(t)

    r = klien_untuk(petugas).post(
        reverse("transaksi:periksa_lengkap", args=[t.nomor]), {"nol_rupiah": "setuju"}, follow=True
    )
    assert MILIK_SENDIRI in r.content.decode()
    assert _keadaan(t) == sebelum and sebelum[0] == Status.DIAJUKAN
    with pytest.raises(TransisiTidakSah, match=MILIK_SENDIRI):
        services.ambil_tugas(t, petugas)

    rekan = buat_pengguna("petugas2@bps.go.id", PETUGAS)
    t = services.nyatakan_lengkap(t, rekan, True)
    assert t.status == Status.DIPROSES and t.nol_rupiah_disetujui_oleh == rekan


def test_petugas_tidak_memverifikasi_bukti_bayarnya_sendiri(petugas, bendahara):
    t = pabrik.transaksi_diajukan(petugas)
    rekan = buat_pengguna("petugas2@bps.go.id", PETUGAS)
    with pytest.raises(TransisiTidakSah, match=MILIK_SENDIRI):
        services.nyatakan_lengkap(t, petugas)
    t = services.nyatakan_lengkap(t, rekan)
    with pytest.raises(TransisiTidakSah, match=MILIK_SENDIRI):
        pembayaran.terbitkan_tagihan(t, petugas, isian(KODE))
    pembayaran.terbitkan_tagihan(t, rekan, isian(KODE))
    pembayaran.kirim_bukti_bayar(t, petugas, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    sebelum = _keadaan(t)

    with pytest.raises(TransisiTidakSah, match=MILIK_SENDIRI):
        pembayaran.verifikasi_pembayaran(t, petugas)
    assert _keadaan(t) == sebelum and sebelum[0] == Status.MENUNGGU_VERIFIKASI
    assert pembayaran.verifikasi_pembayaran(t, rekan).status == Status.DIPROSES


def test_bendahara_tidak_mencatat_tunai_tagihannya_sendiri(bendahara, petugas):
    atur_kantor(bayar_tunai=True, **REKENING)
    t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(bendahara), petugas)
    pembayaran.terbitkan_tagihan(t, petugas, isian(KODE, kanal=["tunai"]))
    t.refresh_from_db()
    sebelum = _keadaan(t)
    with pytest.raises(TransisiTidakSah, match=MILIK_SENDIRI):
        kanal.terima_tunai(t, bendahara, t.total, "")
    assert _keadaan(t) == sebelum and sebelum[0] == Status.MENUNGGU_PEMBAYARAN
    rekan = buat_pengguna("bendahara2@bps.go.id", BENDAHARA)
    assert kanal.terima_tunai(t, rekan, t.total, "").transaksi.status == Status.DIPROSES


def test_bendahara_tidak_memproses_pengembalian_pnbp_miliknya_sendiri(bendahara, petugas, supervisor):
    t = diproses(bendahara, petugas)
    p = usulkan(t, petugas, "Data tingkat desa tidak tersedia.", Rekening("Sari", "0123 4567 89", "BRI"))
    p = setujui(p, supervisor)
    with pytest.raises(TransisiTidakSah, match=MILIK_SENDIRI):
        tandai_diproses(p, bendahara, "Transfer ke rekening saya")
    p.refresh_from_db()
    assert p.status == p.Status.DISETUJUI and p.diproses_oleh is None
    rekan = buat_pengguna("bendahara2@bps.go.id", BENDAHARA)
    assert tandai_diproses(p, rekan).status == p.Status.DIPROSES
    # The supervisor's own request is decided by another supervisor too.
    t = diproses(supervisor, petugas, kode="820260313000002", ntpn="0A1B2C3D4E5F6G7J")
    p = usulkan(t, petugas, "Data tingkat desa tidak tersedia.", Rekening("Rina", "0123 4567 89", "BRI"))
    with pytest.raises(TransisiTidakSah, match=MILIK_SENDIRI):
        setujui(p, supervisor)
    assert setujui(p, buat_pengguna("supervisor2@bps.go.id", SUPERVISOR)).status == p.Status.DISETUJUI


def test_petugas_membuka_dan_membayar_permohonannya_di_kantor_lain(petugas, kota, klien_untuk):
    """As a visitor a staff member is served by any office: their own request
    at another office is theirs to open, pay and download, like anyone's."""
    t = pabrik.transaksi_diajukan(petugas, kantor_id=kota.pk)
    rekan = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    t = services.nyatakan_lengkap(t, rekan)
    pembayaran.terbitkan_tagihan(t, rekan, isian(KODE))
    klien = klien_untuk(petugas)
    assert klien.get(t.get_absolute_url()).status_code == 200
    assert klien.get(reverse("transaksi:pembayaran", args=[t.nomor])).status_code == 200
    tagihan = t.tagihan.get()
    assert klien.get(reverse("transaksi:tagihan_pdf", args=[t.nomor, tagihan.pk])).status_code == 200
    r = klien.post(
        reverse("transaksi:bukti_kirim", args=[t.nomor]),
        {"ntpn": NTPN, "berkas": pabrik.berkas_pdf("bpn.pdf")},
    )
    assert r.status_code == 302
    t.refresh_from_db()
    assert t.status == Status.MENUNGGU_VERIFIKASI
    # That office's other requests stay out of their sight.
    lain = pabrik.transaksi_diajukan(buat_pengguna("tamu@contoh.id"), kantor_id=kota.pk)
    assert klien.get(reverse("transaksi:periksa_detail", args=[lain.nomor])).status_code == 404


def test_bendahara_mengunduh_surat_pengembalian_permohonannya_di_kantor_lain(bendahara, kota, klien_untuk):
    rekan = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    t = pabrik.transaksi_diajukan(bendahara, kantor_id=kota.pk)
    t = services.nyatakan_lengkap(t, rekan)
    pembayaran.terbitkan_tagihan(t, rekan, isian(KODE))
    pembayaran.kirim_bukti_bayar(t, bendahara, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    pembayaran.verifikasi_pembayaran(t, rekan)
    p = usulkan(t, rekan, "Data tingkat desa tidak tersedia.", Rekening("Sari", "0123 4567 89", "BRI"))
    setujui(p, buat_pengguna("supervisor1771@bps.go.id", SUPERVISOR, kantor=kota))
    r = klien_untuk(bendahara).get(reverse("transaksi:pengembalian_surat", args=[p.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"


def test_petugas_tidak_diminta_menindaklanjuti_permintaannya_sendiri(petugas, django_capture_on_commit_callbacks):
    """An officer's own request waits for a colleague: the office's e-mail
    ("waiting for the office to act") goes to the other officers, and the
    officer gets only their receipt as its visitor."""
    from django.core import mail

    rekan = buat_pengguna("petugas-dua@bps.go.id", PETUGAS)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        t = pabrik.transaksi_diajukan(petugas)
    kantor = [m for m in mail.outbox if m.subject.startswith(f"[{t.nomor}]")]
    assert [m.to for m in kantor] == [[rekan.email]]
    assert [m.subject for m in mail.outbox if petugas.email in m.to] == [
        f"Transaksi {t.nomor}: Diajukan, menunggu pemeriksaan"
    ]
