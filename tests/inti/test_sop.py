"""The SOP's time standards are declared once (`pst_layanan/sop.py`): the
clocks, the compliance dashboard and the labels all state the same numbers."""

import pytest
from django.utils import translation

from penilaian.mutu import PER_KODE
from pst_layanan.sop import SOP
from transaksi import alur
from transaksi.alur import Jam


def test_jam_transaksi_membaca_standar_sop():
    assert {Jam.PERIKSA: SOP.pemeriksaan_hari_kerja, Jam.PROSES: SOP.penyerahan_hari_kerja} == alur.HARI_KERJA_JAM
    assert str(Jam.PERIKSA.label) == f"Antrean pemeriksaan ({SOP.pemeriksaan_hari_kerja} hari kerja)"
    assert str(Jam.PROSES.label) == f"Penyerahan produk ({SOP.penyerahan_hari_kerja} hari kerja)"


@pytest.mark.django_db  # the internal targets are read from the office's settings row
@pytest.mark.parametrize(
    "bahasa, uraian",
    [
        ("id", ["10 menit", "1 jam", "3 hari kerja", "10 hari kerja", "5 menit", "1 hari kerja", "1 hari kerja"]),
        (
            "en",
            [
                "10 minutes",
                "1 hour",
                "3 working days",
                "10 working days",
                "5 minutes",
                "1 working day",
                "1 working day",
            ],
        ),
    ],
)
def test_dasbor_kepatuhan_membaca_standar_sop(bahasa, uraian):
    """Each standard states its length in the reader's language, one hour and
    one working day in the singular."""
    assert PER_KODE["registrasi"].batas == SOP.registrasi
    assert PER_KODE["penjelasan"].batas == SOP.penjelasan
    assert PER_KODE["penilaian"].batas == SOP.penilaian
    kode = ("registrasi", "penjelasan", "pemeriksaan", "penyerahan", "penilaian", "target_tagihan", "target_verifikasi")
    with translation.override(bahasa):
        assert [str(PER_KODE[k].uraian_di()) for k in kode] == uraian
