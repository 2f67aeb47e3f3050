"""The transaction state machine: walks through the SOP, and every illegal
move refused (generated from the transition table)."""

from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from pst_layanan.kalender import WIB
from tests import pabrik
from transaksi import alur, selectors, services
from transaksi.alur import TransisiTidakSah
from transaksi.models import Jam, Produk, RiwayatTransaksi, Status, Transaksi

pytestmark = pytest.mark.django_db


def riwayat_status(t):
    return list(t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.STATUS).values_list("ke", flat=True))


def test_nomor_transaksi_urut_per_tahun(pengunjung):
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        a = services.buat_transaksi(pengunjung, "Skripsi")
        b = services.buat_transaksi(pengunjung, "Skripsi")
    assert (a.nomor, b.nomor) == ("PST-1700-2026-000001", "PST-1700-2026-000002")


def test_transaksi_berbayar_ajukan_perbaikan_ajukan_ulang_lengkap(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = pabrik.transaksi_draf(pengunjung)
        assert t.total == 50_000  # 2,5 MB: Rp20.000 + 1.500 × Rp20
        with django_capture_on_commit_callbacks(execute=True):
            t = services.ajukan(t, pengunjung)
        assert t.status == Status.DIAJUKAN and t.jam == Jam.PERIKSA
        assert t.batas_waktu == datetime(2026, 3, 25, 15, 30, tzinfo=WIB)
        assert {m.to[0] for m in mail.outbox} == {pengunjung.email, petugas.email}

    with time_machine.travel(datetime(2026, 3, 16, 9, 0, tzinfo=WIB), tick=False):
        abstraksi = t.dokumen.get(jenis__kode="abstraksi")
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            t = services.minta_perbaikan(t, petugas, {abstraksi.pk: "Abstraksi tidak sesuai variabel yang diminta."})
        assert t.status == Status.PERLU_PERBAIKAN and t.jam == Jam.TIDAK_ADA and t.batas_waktu is None
        assert "Abstraksi tidak sesuai" in mail.outbox[0].body and mail.outbox[0].to == [pengunjung.email]

        services.unggah_dokumen(t, pabrik.jenis("abstraksi"), pabrik.berkas_pdf("abstraksi-v2.pdf"), pengunjung)
        t = services.ajukan(t, pengunjung)
        # A fresh 3-working-day clock from the resubmission: Tue 17, Wed 25, Thu 26 Mar.
        assert t.batas_waktu == datetime(2026, 3, 26, 15, 30, tzinfo=WIB)
        assert t.dokumen.count() == 3 and t.dokumen.aktif().count() == 2  # the old abstract is kept

    with time_machine.travel(datetime(2026, 3, 17, 9, 0, tzinfo=WIB), tick=False):
        t = services.nyatakan_lengkap(t, petugas)
    assert t.status == Status.MENUNGGU_TAGIHAN and t.petugas == petugas
    assert riwayat_status(t) == ["draf", "diajukan", "perlu_perbaikan", "diajukan", "menunggu_tagihan"]
    jenis = list(t.riwayat.values_list("jenis", flat=True))
    assert jenis.count("jam_mulai") == 3 and jenis.count("jam_berhenti") == 2


def test_transaksi_nol_rupiah_langsung_diproses(pengunjung, petugas):
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = pabrik.transaksi_draf(pengunjung, kelas_harga="nol_rupiah")
        assert "surat-nol-rupiah" in {j.kode for j in selectors.dokumen_wajib(t)}
        t = services.ajukan(t, pengunjung)
        surat = t.dokumen.get(jenis__kode="surat-nol-rupiah")
        t = services.minta_perbaikan(t, petugas, {surat.pk: "Surat belum ditandatangani."})
        services.unggah_dokumen(t, surat.jenis, pabrik.berkas_pdf("surat-ttd.pdf"), pengunjung)
        t = services.ajukan(t, pengunjung)
        with pytest.raises(ValidationError):
            services.nyatakan_lengkap(t, petugas)  # the Rp0 decision is required
        t = services.nyatakan_lengkap(t, petugas, setujui_nol_rupiah=True)
    assert t.status == Status.DIPROSES and t.total == 0
    assert t.nol_rupiah_disetujui_oleh == petugas
    # 10 working days from Fri 13 Mar: 16, 17, 25, 26, 27, 30, 31 Mar, 1, 2 Apr (3 Apr Good Friday), 6 Apr.
    assert t.jam == Jam.PROSES and t.batas_waktu == datetime(2026, 4, 6, 15, 30, tzinfo=WIB)
    assert riwayat_status(t) == ["draf", "diajukan", "perlu_perbaikan", "diajukan", "diproses"]


def test_nol_rupiah_ditolak_menjadi_berbayar(pengunjung, petugas):
    t = pabrik.transaksi_diajukan(pengunjung, kelas_harga="nol_rupiah")
    t = services.nyatakan_lengkap(t, petugas, setujui_nol_rupiah=False)
    assert t.status == Status.MENUNGGU_TAGIHAN and t.kelas_harga == "berbayar" and t.total == 50_000


def test_ajukan_tanpa_dokumen_ditolak_dan_tidak_berubah(pengunjung):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    with pytest.raises(TransisiTidakSah, match="Dokumen belum lengkap: Abstraksi"):
        services.ajukan(t, pengunjung)
    t.refresh_from_db()
    assert t.status == Status.DRAF and t.riwayat.count() == 1


def test_swasta_wajib_npwp(db):
    from conftest import buat_pengguna

    swasta = buat_pengguna("pt@contoh.id", kategori_instansi="swasta", npwp="012345678901234")
    t = pabrik.transaksi_draf(swasta, kode="publikasi-elektronik", jumlah=10, dokumen=False)
    assert [j.kode for j in selectors.dokumen_kurang(t)] == ["npwp"]


def test_swasta_yang_hanya_meminta_produk_gratis_tidak_wajib_npwp(db):
    """The NPWP is asked of private-sector buyers: a company asking only for
    a free product pays nothing and is not held back by a missing NPWP; a
    paid item added to the same request asks for it again."""
    from conftest import buat_pengguna

    Produk.objects.filter(kode="publikasi-elektronik").update(kelas_harga="gratis")
    swasta = buat_pengguna("pt@contoh.id", kategori_instansi="swasta", npwp="012345678901234")
    t = pabrik.transaksi_draf(swasta, kode="publikasi-elektronik", jumlah=10, dokumen=False)
    assert selectors.dokumen_kurang(t) == []
    services.tambah_item(t, pabrik.produk("peta-kabkota-desa"), 1, "Peta desa Kota Bengkulu", swasta)
    assert "npwp" in [j.kode for j in selectors.dokumen_kurang(t)]


def test_pengunjung_lain_tidak_bisa_mengubah(pengunjung, pengunjung_lain):
    t = pabrik.transaksi_draf(pengunjung)
    with pytest.raises(TransisiTidakSah):
        services.ajukan(t, pengunjung_lain)
    with pytest.raises(TransisiTidakSah):
        services.batalkan(t, pengunjung_lain)


def test_pengunjung_tidak_bisa_memeriksa(pengunjung):
    t = pabrik.transaksi_diajukan(pengunjung)
    with pytest.raises(TransisiTidakSah, match="petugas"):
        services.nyatakan_lengkap(t, pengunjung)


def test_pembatalan_petugas_wajib_alasan(pengunjung, petugas):
    t = pabrik.transaksi_diajukan(pengunjung)
    with pytest.raises(ValidationError):
        services.batalkan(t, petugas, "")
    t = services.batalkan(t, petugas, "Abstraksi tidak sesuai dengan permintaan data.")
    assert t.status == Status.DIBATALKAN and t.jam == Jam.TIDAK_ADA


def _ke_status(status, pengunjung) -> Transaksi:
    """A transaction forced into `status` (for the table-driven test)."""
    t = services.buat_transaksi(pengunjung, "Skripsi")
    Transaksi.objects.filter(pk=t.pk).update(status=status)
    t.refresh_from_db()
    return t


SEMUA_LANGKAH = [(dari, ke, siapa) for dari in Status.values for ke in Status.values for siapa in alur.Pelaku]


@pytest.mark.parametrize("dari, ke, siapa", SEMUA_LANGKAH)
def test_setiap_langkah_diizinkan_atau_ditolak_menurut_tabel(
    dari, ke, siapa, pengunjung, petugas, supervisor, bendahara
):
    """Every (from, to, who) triple: the table's moves happen, the rest are
    refused with nothing changed — the owner, an officer, a supervisor (who
    is an officer too), the treasurer, a beat job (no user)."""
    from django.db import transaction

    oleh = {
        alur.PEMOHON: pengunjung,
        alur.PETUGAS: petugas,
        alur.SUPERVISOR: supervisor,
        alur.BENDAHARA: bendahara,
        alur.SISTEM: None,
    }[siapa]
    t = _ke_status(dari, pengunjung)
    sebelum = t.riwayat.count()
    if alur.pelaku_boleh(dari, ke) & services.pelaku(t, oleh):
        with transaction.atomic():
            services.pindah_status(Transaksi.objects.select_for_update().get(pk=t.pk), ke, oleh)
        t.refresh_from_db()
        assert t.status == ke and t.riwayat.filter(jenis="status", dari=dari, ke=ke, oleh=oleh).exists()
        return
    pesan = "^Hanya " if alur.boleh(dari, ke) else "tidak dapat diubah menjadi"
    if dari == ke:  # a step already taken (another tab)
        pesan = "sudah berstatus"
    with pytest.raises(TransisiTidakSah, match=pesan), transaction.atomic():
        services.pindah_status(Transaksi.objects.select_for_update().get(pk=t.pk), ke, oleh)
    t.refresh_from_db()
    assert t.status == dari and t.riwayat.count() == sebelum


def test_perpindahan_terlarang_dalam_bahasa_pembaca():
    with translation.override("id"), pytest.raises(TransisiTidakSah) as galat:
        alur.pastikan_boleh(Status.SELESAI, Status.DRAF, {alur.SUPERVISOR})
    assert str(galat.value) == "Transaksi berstatus “Selesai” tidak dapat diubah menjadi “Draf”."
    with translation.override("en"), pytest.raises(TransisiTidakSah) as galat:
        alur.pastikan_boleh(Status.SELESAI, Status.DRAF, {alur.SUPERVISOR})
    assert str(galat.value) == "A transaction that is “Done” cannot be changed to “Draft”."


def test_langkah_yang_sudah_dijalankan_dari_tab_lain_dijelaskan(pengunjung, petugas, klien_untuk):
    """The officer's second tab sends "complete" again: it says the step is done, not "X cannot become X"."""
    t = services.nyatakan_lengkap(pabrik.transaksi_diajukan(pengunjung), petugas)
    r = klien_untuk(petugas).post(reverse("transaksi:periksa_lengkap", args=[t.nomor]), follow=True)
    halaman = r.content.decode()
    assert "Transaksi ini sudah berstatus “Lengkap, menunggu tagihan”; langkah itu sudah dijalankan" in halaman
    assert t.riwayat.filter(ke=Status.MENUNGGU_TAGIHAN).count() == 1


def test_petugas_tidak_bisa_mengajukan_atas_nama_pemohon(pengunjung, petugas):
    t = pabrik.transaksi_draf(pengunjung)
    with pytest.raises(TransisiTidakSah, match="Hanya pemohon transaksi ini"):
        services.ajukan(t, petugas)
    t.refresh_from_db()
    assert t.status == Status.DRAF


def test_tabel_transisi_lengkap():
    assert set(alur.TRANSISI) == set(Status.values)
    assert set(alur.GILIRAN) == set(Status.values)
    assert all(ke in Status.values for tujuan in alur.TRANSISI.values() for ke in tujuan)
    # Every move has at least one actor.
    assert all(siapa for tujuan in alur.TRANSISI.values() for siapa in tujuan.values())
