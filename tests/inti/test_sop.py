"""The SOP's time standards are declared once (`pst_layanan/sop.py`): the
clocks, the compliance dashboard and the labels all state the same numbers."""

from penilaian.mutu import PER_KODE
from pst_layanan.sop import SOP
from transaksi import alur
from transaksi.alur import Jam


def test_jam_transaksi_membaca_standar_sop():
    assert {Jam.PERIKSA: SOP.pemeriksaan_hari_kerja, Jam.PROSES: SOP.penyerahan_hari_kerja} == alur.HARI_KERJA_JAM
    assert str(Jam.PERIKSA.label) == f"Antrean pemeriksaan ({SOP.pemeriksaan_hari_kerja} hari kerja)"
    assert str(Jam.PROSES.label) == f"Penyerahan produk ({SOP.penyerahan_hari_kerja} hari kerja)"


def test_dasbor_kepatuhan_membaca_standar_sop():
    assert PER_KODE["registrasi"].batas == SOP.registrasi
    assert PER_KODE["penjelasan"].batas == SOP.penjelasan
    assert PER_KODE["penilaian"].batas == SOP.penilaian
    assert [
        str(PER_KODE[k].uraian) for k in ("registrasi", "penjelasan", "pemeriksaan", "penyerahan", "penilaian")
    ] == [
        "10 menit",
        "1 jam",
        "3 hari kerja",
        "10 hari kerja",
        "5 menit",
    ]
