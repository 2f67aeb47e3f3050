"""Calendar months in office time: the month pages' previous/next links."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from pst_layanan.periode import Bulan

# 1 January 2027, 00.30 WIB: still 31 December in UTC.
TAHUN_BARU_WIB = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)


@time_machine.travel(TAHUN_BARU_WIB, tick=False)
@pytest.mark.parametrize(
    "bulan, sebelumnya, berikutnya",
    [
        (Bulan(2027, 1), Bulan(2026, 12), None),  # the office's month has just begun: nothing after it
        (Bulan(2026, 12), Bulan(2026, 11), Bulan(2027, 1)),  # December ended at midnight WIB
        (Bulan(2026, 1), Bulan(2025, 12), Bulan(2026, 2)),
        (Bulan(2027, 3), Bulan(2027, 2), None),  # a future month typed into the URL
    ],
)
def test_navigasi_bulan_dalam_waktu_kantor(bulan, sebelumnya, berikutnya):
    assert Bulan.ini() == Bulan(2027, 1)
    assert bulan.navigasi() == {"sebelumnya": sebelumnya, "berikutnya": berikutnya}


@pytest.mark.django_db
@time_machine.travel(TAHUN_BARU_WIB, tick=False)
@pytest.mark.parametrize(
    "nama_url, peran", [("penilaian:dasbor", "supervisor"), ("transaksi:rekonsiliasi", "bendahara")]
)
def test_halaman_bulan_tanpa_tautan_ke_bulan_yang_belum_ada(nama_url, peran, klien_untuk, request):
    klien = klien_untuk(request.getfixturevalue(peran))
    ini = klien.get(reverse(nama_url)).content.decode()
    assert "bulan=2026-12" in ini and "bulan=2027-02" not in ini
    lalu = klien.get(reverse(nama_url), {"bulan": "2026-12"}).content.decode()
    assert "bulan=2026-11" in lalu and "bulan=2027-01" in lalu


@pytest.mark.django_db
@time_machine.travel(TAHUN_BARU_WIB, tick=False)
@pytest.mark.parametrize(
    "nama_url, peran",
    [
        ("penilaian:dasbor", "supervisor"),
        ("penilaian:skm", "supervisor"),
        ("antrian:buku_tamu_bulanan", "petugas"),
        ("transaksi:rekonsiliasi", "bendahara"),
    ],
)
@pytest.mark.parametrize("teks", ["2026-13", "0000-01", "2026-1"])
def test_bulan_tak_dikenal_dikatakan_bukan_diganti_diam_diam(teks, nama_url, peran, klien_untuk, request):
    klien = klien_untuk(request.getfixturevalue(peran))
    r = klien.get(reverse(nama_url), {"bulan": teks})
    html = r.content.decode()
    assert r.status_code == 200 and 'value="2027-01"' in html
    assert "Bulan tidak dikenali; ditampilkan bulan ini. Gunakan format TTTT-BB." in html


@pytest.mark.django_db
@time_machine.travel(TAHUN_BARU_WIB, tick=False)
def test_bulan_pertama_yang_dikenal_tanpa_tautan_ke_bulan_sebelumnya(supervisor, klien_untuk):
    # The pages know the months of 2000 to 2100: January 2000 links to no month it would not show.
    assert Bulan(2000, 1).navigasi()["sebelumnya"] is None
    html = klien_untuk(supervisor).get(reverse("penilaian:dasbor"), {"bulan": "2000-01"}).content.decode()
    assert 'value="2000-01"' in html and "bulan=1999-12" not in html and "bulan=2000-02" in html


UNDUHAN_BULAN = [
    ("transaksi:rekonsiliasi_unduh", ["xlsx"], "bendahara"),
    ("transaksi:rekonsiliasi_unduh", ["pdf"], "bendahara"),
    ("antrian:buku_tamu_bulanan_unduh", ["csv"], "petugas"),
    ("antrian:buku_tamu_bulanan_unduh", ["xlsx"], "petugas"),
    ("penilaian:skm_xlsx", [], "supervisor"),
    ("penilaian:grafik", ["kunjungan"], "supervisor"),
]


@pytest.mark.django_db
@time_machine.travel(TAHUN_BARU_WIB, tick=False)
@pytest.mark.parametrize("nama_url, args, peran", UNDUHAN_BULAN)
@pytest.mark.parametrize("teks", ["2026-13", "abc", "9999-12", "2026-1"])
def test_unduhan_bulan_tak_dikenal_ditolak_bukan_berkas_bulan_ini(teks, nama_url, args, peran, klien_untuk, request):
    """A download has no page to say the month was not understood on: this
    month's file, named for this month, would pass for the month asked for."""
    r = klien_untuk(request.getfixturevalue(peran)).get(reverse(nama_url, args=args), {"bulan": teks})
    assert r.status_code == 400 and r["Content-Type"] == "text/plain; charset=utf-8"
    assert r.content.decode() == "Bulan tidak dikenali. Gunakan format TTTT-BB."
    assert "Content-Disposition" not in r


@pytest.mark.django_db
@time_machine.travel(TAHUN_BARU_WIB, tick=False)
def test_unduhan_bulan_ditolak_dalam_bahasa_pembaca_dan_tanpa_pesan_untuk_halaman_berikutnya(bendahara, klien_untuk):
    bendahara.bahasa = "en"
    bendahara.save(update_fields=["bahasa"])
    klien = klien_untuk(bendahara)
    r = klien.get(reverse("transaksi:rekonsiliasi_unduh", args=["xlsx"]), {"bulan": "2026-13"})
    assert r.status_code == 400 and r.content.decode() == "Month not recognised. Use the format YYYY-MM."
    # The reason was the answer; the next page the treasurer opens does not repeat it.
    assert "not recognised" not in klien.get(reverse("transaksi:rekonsiliasi")).content.decode()


@pytest.mark.django_db
@time_machine.travel(TAHUN_BARU_WIB, tick=False)
def test_unduhan_rekonsiliasi_bulan_yang_akan_datang_ditolak(bendahara, klien_untuk):
    klien = klien_untuk(bendahara)
    r = klien.get(reverse("transaksi:rekonsiliasi_unduh", args=["pdf"]), {"bulan": "2027-02"})
    assert r.status_code == 400 and "belum dapat direkonsiliasi" in r.content.decode()
    # This month and an empty month field (this month) still download.
    for bulan in ("2027-01", ""):
        assert klien.get(reverse("transaksi:rekonsiliasi_unduh", args=["xlsx"]), {"bulan": bulan}).status_code == 200


@pytest.mark.django_db
@time_machine.travel(TAHUN_BARU_WIB, tick=False)
@pytest.mark.parametrize("nama_url, args, peran", UNDUHAN_BULAN)
def test_unduhan_bulan_yang_dikenal_tetap_jalan(nama_url, args, peran, klien_untuk, request):
    r = klien_untuk(request.getfixturevalue(peran)).get(reverse(nama_url, args=args), {"bulan": "2026-12"})
    assert r.status_code == 200
