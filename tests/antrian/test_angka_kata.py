"""Indonesian number words and the sentence the waiting-room display speaks."""

import pytest
from django.utils import translation

from antrian import services
from antrian.models import Loket
from pst_layanan.format import angka_kata


@pytest.mark.parametrize(
    ("n", "kata"),
    [
        (0, "nol"),
        (7, "tujuh"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (100, "seratus"),
        (101, "seratus satu"),
        (999, "sembilan ratus sembilan puluh sembilan"),
    ],
)
def test_angka_kata(n, kata):
    assert angka_kata(n) == kata


def test_kalimat_panggilan_seperti_contoh_sop():
    loket = Loket(nomor=2, kantor_id=1)
    assert services.kalimat_panggilan("B-007", loket) == "Nomor antrian B nol nol tujuh, silakan menuju loket dua"


@pytest.mark.parametrize(
    ("kode", "nomor_loket", "kalimat"),
    [
        ("B-010", 1, "Nomor antrian B nol satu nol, silakan menuju loket satu"),
        ("K-119", 11, "Nomor antrian K satu satu sembilan, silakan menuju loket sebelas"),
        ("B-1000", 3, "Nomor antrian B satu nol nol nol, silakan menuju loket tiga"),
    ],
)
def test_kalimat_panggilan_dieja_per_angka(kode, nomor_loket, kalimat):
    assert services.kalimat_panggilan(kode, Loket(nomor=nomor_loket, kantor_id=1)) == kalimat


def test_loket_bernama_dipanggil_dengan_namanya_seperti_di_layar():
    """A counter named in the admin ("Ruang Konsultasi") shows that name on the
    display card and the visitor's ticket page: the voice sends them there too,
    not to a "loket tiga" no sign names."""
    loket = Loket(nomor=3, nama="Ruang Konsultasi", kantor_id=1)
    assert services.kalimat_panggilan("B-007", loket) == (
        "Nomor antrian B nol nol tujuh, silakan menuju Ruang Konsultasi"
    )
    with translation.override("en"):
        assert (
            services.kalimat_panggilan("B-007", loket)
            == "Queue number B zero zero seven, please go to Ruang Konsultasi"
        )
