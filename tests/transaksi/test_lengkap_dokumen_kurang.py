"""The officer cannot declare complete a request that lacks a required
document: one the catalogue added to its product after the visitor
submitted, or the NPWP once the visitor turns out to be a private buyer."""

import pytest

from pst_layanan.models import KategoriInstansi
from tests import pabrik
from transaksi import services
from transaksi.alur import TransisiTidakSah
from transaksi.models import JenisDokumen, Status

pytestmark = pytest.mark.django_db


def test_dokumen_wajib_baru_dari_katalog_tidak_dinyatakan_lengkap(pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_diajukan(pengunjung)
    surat = JenisDokumen.objects.create(kode="surat-pengantar", nama="Surat pengantar instansi")
    pabrik.produk().dokumen_wajib.add(surat)

    r = klien_untuk(petugas).post(f"/transaksi/periksa/{t.nomor}/lengkap/", follow=True)

    t.refresh_from_db()
    assert t.status == Status.DIAJUKAN and t.lengkap_pada is None
    assert "Surat pengantar instansi belum diunggah pemohon" in r.content.decode()


def test_npwp_pembeli_swasta_yang_belum_ada_tidak_dinyatakan_lengkap(pengunjung, petugas):
    t = pabrik.transaksi_diajukan(pengunjung)
    pengunjung.kategori_instansi = KategoriInstansi.SWASTA
    pengunjung.save(update_fields=["kategori_instansi"])

    with pytest.raises(TransisiTidakSah, match="NPWP"):
        services.nyatakan_lengkap(t, petugas)
    t.refresh_from_db()
    assert t.status == Status.DIAJUKAN
