"""The monthly report PDF on the official document base (number, QR, signature
block), its charts drawn as images, read back as a person would (pdftotext)."""

import re
import subprocess
from datetime import date, datetime

import pytest
import time_machine
from django.utils import translation

from penilaian import grafik, grafik_svg, ikm, laporan
from penilaian.models import LaporanBulanan
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor, lupakan_kantor
from pst_layanan.periode import Bulan
from tests.penilaian.conftest import buat_penilaian_massal
from tests.penilaian.test_ikm import CONTOH, MARET

pytestmark = pytest.mark.django_db


def teks_pdf(isi: bytes, tmp_path) -> str:
    berkas = tmp_path / "laporan.pdf"
    berkas.write_bytes(isi)
    return subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True).stdout


def test_laporan_bulanan_bernomor_ber_qr_dan_bertanda_tangan(pengunjung, tmp_path, monkeypatch):
    k = kantor()
    k.kepala_nama, k.kepala_nip = "Dr. Win Rizal, S.E., M.Si.", "196804221994011001"
    k.save()
    lupakan_kantor()
    buat_penilaian_massal(pengunjung, CONTOH, MARET)
    lap = LaporanBulanan.objects.create(bulan=date(2026, 3, 1))
    gambar = []
    asli = laporan.grafik_pdf
    monkeypatch.setattr(laporan, "grafik_pdf", lambda d: gambar.extend(asli(d)) or gambar)
    with time_machine.travel(datetime(2026, 4, 1, 7, 0, tzinfo=WIB), tick=False):
        pdf = laporan.sebagai_pdf(laporan.susun(Bulan(2026, 3)), lap)
    teks = " ".join(teks_pdf(pdf, tmp_path).split())

    assert "Nomor: LAP-PST/2026/03" in teks
    assert "LAPORAN BULANAN PELAYANAN STATISTIK TERPADU MARET 2026" in teks
    # The signature block of the head of office, and the QR's address to the report page.
    assert (
        "Mengetahui," in teks
        and "Kepala BPS Provinsi Bengkulu," in teks
        and "Dr. Win Rizal, S.E., M.Si." in teks
        and "NIP 196804221994011001" in teks
    )
    assert "1 April 2026" in teks
    assert f"/penilaian/laporan/{lap.pk}/" in teks and "Pindai kode QR" in teks
    assert re.search(r"Halaman 1 dari \d", teks)
    # Two charts (visits per day, IKM per element) go in as SVG images, under their captions.
    assert [g["judul"] for g, _ in gambar] == ["Kunjungan per hari, Maret 2026", "IKM per unsur, Maret 2026"]
    assert all(uri.startswith("data:image/svg+xml;base64,") for _, uri in gambar)
    assert "Kunjungan per hari, Maret 2026 (kunjungan)" in teks and "IKM per unsur, Maret 2026" in teks


def test_kaki_halaman_pdf_menulis_nama_kantor_apa_adanya(pengunjung, tmp_path):
    """The running footer is CSS text: an office named with "&" and quotes is
    printed as typed, not as "&amp;", and cannot end the style block."""
    k = kantor()
    k.nama = 'BPS "Kota" A&B </style><h1>x'
    k.save()
    lupakan_kantor()
    buat_penilaian_massal(pengunjung, CONTOH, MARET)
    lap = LaporanBulanan.objects.create(bulan=date(2026, 3, 1))
    teks = " ".join(teks_pdf(laporan.sebagai_pdf(laporan.susun(Bulan(2026, 3)), lap), tmp_path).split())
    assert 'BPS "Kota" A&B </style><h1>x · Laporan' in teks and "&amp;" not in teks


def test_nomor_halaman_kaki_tidak_terpotong_oleh_judul_panjang(kota, tmp_path):
    """A regency office's report in English has a long running footer (office, title, number):
    the page number beside it still reads "Page 1 of 2" on one line, not "Page 1 of" over "2"."""
    kota.nama = "BPS Kabupaten Bengkulu Selatan"
    kota.save()
    lupakan_kantor()
    lap = LaporanBulanan.objects.create(bulan=date(2026, 9, 1), kantor=kota)
    with translation.override("en"):
        teks = teks_pdf(laporan.sebagai_pdf(laporan.susun(Bulan(2026, 9), kota.pk), lap), tmp_path)
    halaman = teks.split("\f")[:-1]
    assert len(halaman) > 1
    for i, isi in enumerate(halaman, start=1):
        assert f"Page {i} of {len(halaman)}" in isi, isi[-400:]


@pytest.mark.parametrize(
    ("maks", "bulat", "langkah"),
    [(0, True, 1), (3, True, 1), (4, False, 1), (2, False, 0.5), (17, True, 5), (100, False, 20), (1234, True, 500)],
)
def test_langkah_sumbu_bulat_untuk_hitungan(maks, bulat, langkah):
    assert grafik_svg.langkah_sumbu(maks, bulat) == langkah


def test_grafik_svg_sumbu_hitungan_tanpa_pecahan_dan_label_unsur_pendek():
    g = {
        "judul": "Kunjungan",
        "label": ["1", "2", "3"],
        "seri": [{"nama": "Online", "data": [1, 0, 2]}, {"nama": "Datang langsung", "data": [0, 1, 1]}],
        "satuan": "kunjungan",
        "bulat": True,
    }
    svg = grafik_svg.svg(g)
    ticks = re.findall(r'text-anchor="end">([^<]+)<', svg)
    assert ticks == ["0", "1", "2", "3"]
    assert "Datang langsung" in svg  # the legend names both series
    unsur = grafik_svg.svg(
        {**g, "label": ["U2 Sistem, mekanisme, dan prosedur"], "seri": [{"nama": "x", "data": [80]}]}
    )
    assert ">U2<" in unsur and "mekanisme" not in unsur


def test_grafik_svg_ikm_per_unsur_bersumbu_skala_25_100_seperti_dasbor():
    """The report's IKM-per-element chart is drawn on the IKM's own scale, 25 to 100, as the
    dashboard's is: not from 0 up to just above the best element, where an element at 78 filled
    the chart as if it were near the top of the scale."""
    g = grafik.ikm_per_unsur(Bulan(2026, 3), ikm.dari_jumlah(4, {f"jumlah_u{i}": 12 for i in range(1, 10)}))
    assert g["seri"][0]["data"][0] == 75.0
    svg = grafik_svg.svg(g)
    assert re.findall(r'text-anchor="end">([^<]+)<', svg) == ["25", "50", "75", "100"]
    # A bar of 75 rises two thirds of the plot: from 25 to 75 of the 25–100 axis.
    tinggi_plot = grafik_svg.TINGGI - grafik_svg.ATAS - grafik_svg.BAWAH
    batang = [float(h) for h in re.findall(r'<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"', svg)]
    assert batang and all(abs(h - tinggi_plot * 2 / 3) < 0.2 for h in batang)
