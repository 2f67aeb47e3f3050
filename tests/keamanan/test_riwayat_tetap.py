"""History and document records cannot be edited or deleted through the ORM
helpers or the admin; the review fields and retention marks still change."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from antrian.models import Loket, RiwayatTiket
from conftest import buat_pengguna
from pst_layanan.appendonly import AppendOnlyModel, RiwayatTidakDapatDiubah
from pst_layanan.roles import PETUGAS
from tests import pabrik
from tests.tetap import pastikan_tetap
from tests.transaksi.test_pembayaran import diserahkan
from transaksi import selectors, services
from transaksi.models import (
    BerkasProduk,
    BuktiBayar,
    DokumenPersyaratan,
    DokumenTidakDapatDiubah,
    Kuitansi,
    RiwayatTransaksi,
    Tagihan,
    Transaksi,
)

pytestmark = pytest.mark.django_db

# Every append-only table the back office shows, of every app, and the
# numbered payment documents whose amounts are kept by their own guard.
DIJAGA = [m for m in apps.get_models() if issubclass(m, AppendOnlyModel) and admin.site.is_registered(m)]
DIJAGA += [Tagihan, BuktiBayar]


@pytest.fixture
def t(pengunjung, berkas_privat):
    return pabrik.transaksi_diajukan(pengunjung)


def test_riwayat_transaksi_tidak_dapat_diubah_atau_dihapus(t):
    riwayat = t.riwayat.first()
    pastikan_tetap(riwayat, catatan="diubah")
    with pytest.raises(RiwayatTidakDapatDiubah):
        RiwayatTransaksi.objects.filter(transaksi=t).update(catatan="diubah")
    with pytest.raises(RiwayatTidakDapatDiubah):
        RiwayatTransaksi.objects.update_or_create(pk=riwayat.pk, defaults={"catatan": "x"})
    assert not RiwayatTransaksi.objects.filter(catatan="diubah").exists()


def test_riwayat_bertambah_lewat_layanan(t, petugas):
    sebelum = t.riwayat.count()
    services.minta_perbaikan(t, petugas, {t.dokumen.first().pk: "Tidak terbaca."})
    assert t.riwayat.count() > sebelum


def test_dokumen_persyaratan_tidak_dapat_dihapus_tetapi_penilaian_tetap_bisa(t, petugas):
    dok = t.dokumen.first()
    with pytest.raises(RiwayatTidakDapatDiubah):
        dok.delete()
    with pytest.raises(RiwayatTidakDapatDiubah):
        DokumenPersyaratan.objects.filter(pk=dok.pk).delete()
    with pytest.raises(RiwayatTidakDapatDiubah), transaction.atomic():  # a cascade from the transaction
        Transaksi.objects.get(pk=t.pk).delete()
    services.minta_perbaikan(t, petugas, {dok.pk: "Scan buram, unggah ulang."})
    dok.refresh_from_db()
    assert dok.penilaian == DokumenPersyaratan.Penilaian.PERLU_PERBAIKAN
    assert DokumenPersyaratan.objects.filter(pk=dok.pk).exists()


def test_dokumen_pembayaran_bernomor_hanya_status_yang_berubah(pengunjung, petugas, berkas_privat):
    t = diserahkan(pengunjung, petugas)
    tagihan = Tagihan.objects.get(transaksi=t)
    tagihan.jumlah = 1
    with pytest.raises(DokumenTidakDapatDiubah):
        tagihan.save(update_fields=["jumlah"])
    with pytest.raises(DokumenTidakDapatDiubah):
        tagihan.save()
    with pytest.raises(DokumenTidakDapatDiubah):
        BuktiBayar.objects.filter(transaksi=t).update(ntpn="ZZZZZZZZZZZZZZZZ")
    with pytest.raises(DokumenTidakDapatDiubah):
        Tagihan.objects.filter(transaksi=t).delete()
    for model in (Kuitansi, BerkasProduk):
        with pytest.raises(RiwayatTidakDapatDiubah):
            model.objects.filter(transaksi=t).update(transaksi=t)
        with pytest.raises(RiwayatTidakDapatDiubah):
            model.objects.filter(transaksi=t).delete()
    with pytest.raises(DokumenTidakDapatDiubah):
        BuktiBayar.objects.filter(transaksi=t).delete()
    # The status columns still change (the services do it this way).
    assert Tagihan.objects.filter(pk=tagihan.pk).update(catatan_koreksi="") == 1
    assert BuktiBayar.objects.filter(transaksi=t).update(alasan_tolak="") == 1


@pytest.mark.parametrize("model", DIJAGA, ids=lambda m: m.__name__)
def test_admin_hanya_bisa_melihat(model, supervisor):
    request = RequestFactory().get("/admin/")
    request.user = supervisor
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)


def test_admin_halaman_riwayat_tanpa_simpan_dan_hapus_ditolak(t, klien_untuk, supervisor):
    riwayat = t.riwayat.first()
    klien = klien_untuk(supervisor)
    ubah = reverse("admin:transaksi_riwayattransaksi_change", args=[riwayat.pk])
    response = klien.get(ubah)
    assert response.status_code == 200 and 'name="_save"' not in response.content.decode()
    assert klien.post(ubah, {"catatan": "diubah"}).status_code == 403
    assert (
        klien.post(reverse("admin:transaksi_riwayattransaksi_delete", args=[riwayat.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert klien.get(reverse("admin:transaksi_riwayattransaksi_changelist")).status_code == 200
    assert RiwayatTransaksi.objects.filter(pk=riwayat.pk, catatan=riwayat.catatan).exists()


def _baris_transaksi(t, i):
    """One more item, document and history row on `t`, each naming another product, kind or officer."""
    services.tambah_item(t, pabrik.produk("peta-kabkota-desa"), 1, f"Peta kecamatan {i}", t.pemohon)
    jenis = selectors.dokumen_wajib(t)[i % len(selectors.dokumen_wajib(t))]
    services.unggah_dokumen(t, jenis, pabrik.berkas_pdf(), t.pemohon)
    oleh = buat_pengguna(f"petugas{i}@bps.go.id", PETUGAS)
    RiwayatTransaksi.objects.create(transaksi=t, jenis=RiwayatTransaksi.Jenis.CATATAN, oleh=oleh, catatan=str(i))


def _baris_tiket(tiket, i):
    """One more history row of `tiket`, at another counter by another officer."""
    loket = Loket.objects.create(nomor=10 + i)
    oleh = buat_pengguna(f"petugas{i}@bps.go.id", PETUGAS)
    RiwayatTiket.objects.create(
        tiket=tiket, aksi=RiwayatTiket.Aksi.PANGGIL, kode_tiket=tiket.kode, ke=tiket.status, loket=loket, oleh=oleh
    )


@pytest.mark.parametrize(
    "halaman,induk,tambah",
    [
        ("admin:transaksi_transaksi_change", lambda p, tiket_untuk: pabrik.transaksi_draf(p), _baris_transaksi),
        ("admin:antrian_tiket_change", lambda p, tiket_untuk: tiket_untuk(p), _baris_tiket),
    ],
    ids=["transaksi", "tiket"],
)
def test_baris_di_bawah_induknya_di_admin_tanpa_kueri_per_baris(
    halaman, induk, tambah, pengunjung, supervisor, klien_untuk, berkas_privat, tiket_untuk
):
    """The items, documents and history shown read-only under a transaction
    or a ticket read each row's product, tariff, kind, counter and officer
    with a query of its own: a transaction of a hundred history rows made a
    hundred queries more."""
    obj = induk(pengunjung, tiket_untuk)
    klien = klien_untuk(supervisor)
    url = reverse(halaman, args=[obj.pk])
    klien.get(url)  # the office row is cached from here on
    jumlah = []
    for ke in (range(1), range(1, 5)):
        for i in ke:
            tambah(obj, i)
        with CaptureQueriesContext(connection) as kueri:
            assert klien.get(url).status_code == 200
        jumlah.append(len(kueri))
    assert jumlah[0] == jumlah[1]
