"""Visit history for officers: filters, keyset pagination, CSV, SOP step times."""

import csv
import io
import re
from datetime import datetime, timedelta
from html import unescape
from unittest import mock

import pytest
import time_machine
from django.urls import reverse

from antrian import services
from antrian.models import HasilKunjungan, Kanal, Kedatangan, Kunjungan, Tiket
from conftest import buat_pengguna
from pst_layanan.format import waktu_pendek
from pst_layanan.halaman import halaman_kunci
from pst_layanan.kalender import WIB
from pst_layanan.models import AksesDataPribadi, kantor_bawaan
from pst_layanan.roles import PENGAWAS_PROVINSI, PETUGAS

pytestmark = pytest.mark.django_db

# The fixture's visits are on 1–10 April 2026: the page opens on this month.
SESUDAHNYA = datetime(2026, 4, 11, 9, 0, tzinfo=WIB)


@pytest.fixture
def dua_ratus_kunjungan(layanan_b, petugas):
    """200 visits over 10 days, half with a finished ticket, in bulk."""
    tamu = [buat_pengguna(f"tamu{i}@contoh.id", nama_instansi=f"Instansi {i}") for i in range(20)]
    awal = datetime(2026, 4, 1, 8, 30, tzinfo=WIB)
    kunjungan = Kunjungan.objects.bulk_create(
        Kunjungan(
            pengunjung=tamu[i % 20],
            layanan=layanan_b,
            kanal=Kanal.LANGSUNG if i % 2 else Kanal.ONLINE,
            tiba_pada=awal + timedelta(days=i // 20, minutes=i),
            hasil=HasilKunjungan.PENJELASAN if i % 2 else "",
            petugas=petugas if i % 2 else None,
        )
        for i in range(200)
    )
    Tiket.objects.bulk_create(
        Tiket(
            kunjungan=k,
            layanan=layanan_b,
            tanggal=k.tiba_pada.astimezone(WIB).date(),
            nomor=i + 1,
            status="selesai",
            diambil_pada=k.tiba_pada + timedelta(minutes=2),
            dipanggil_pada=k.tiba_pada + timedelta(minutes=12),
            mulai_pada=k.tiba_pada + timedelta(minutes=12),
            selesai_pada=k.tiba_pada + timedelta(minutes=42),
        )
        for i, k in enumerate(kunjungan)
        if k.kanal == Kanal.LANGSUNG
    )
    Kedatangan.objects.bulk_create(
        Kedatangan(kunjungan=k, tanggal=k.tiba_pada.astimezone(WIB).date(), nomor=i + 1, tiba_pada=k.tiba_pada)
        for i, k in enumerate(kunjungan)
        if k.kanal == Kanal.LANGSUNG
    )
    return kunjungan


def test_daftar_riwayat_dengan_saringan_halaman_dan_waktu_langkah(
    klien_untuk, petugas, dua_ratus_kunjungan, django_assert_max_num_queries
):
    client = klien_untuk(petugas)
    url = reverse("antrian:riwayat")
    client.get(url)
    # +1 the services used (prefetch), +2 the visits per category and main use, per service.
    with django_assert_max_num_queries(12), time_machine.travel(SESUDAHNYA, tick=False):
        response = client.get(url)
    html = response.content.decode()
    assert "200 kunjungan" in html and 'value="2026-04-01"' in html
    assert "2 dtk" not in html and "2 mnt" in html and "10 mnt" in html and "30 mnt" in html
    with django_assert_max_num_queries(12):
        html = client.get(
            url, {"kanal": "langsung", "dari": "2026-04-02", "sampai": "2026-04-03", "halaman": 1}
        ).content.decode()
    assert "20 kunjungan" in html
    html = client.get(
        url, {"petugas": petugas.pk, "hasil": "penjelasan", "layanan": dua_ratus_kunjungan[0].layanan_id}
    ).content.decode()
    assert "100 kunjungan" in html
    assert "100 kunjungan" in client.get(url, {"hasil": "-"}).content.decode()
    # Dates cleared: every visit ever, not only this month's.
    assert "200 kunjungan" in client.get(url, {"dari": ""}).content.decode()


def _tiket_selesai(email: str, layanan, tiba: datetime, **waktu) -> Kunjungan:
    """A walk-in of a new visitor arrived at `tiba`, their ticket 1 served at the given times."""
    k = Kunjungan.objects.create(pengunjung=buat_pengguna(email), layanan=layanan, kanal=Kanal.LANGSUNG, tiba_pada=tiba)
    Tiket.objects.create(kunjungan=k, layanan=layanan, tanggal=tiba.date(), nomor=1, status="selesai", **waktu)
    return k


def _tiba(html: str) -> list[str]:
    return re.findall(r'<td class="text-nowrap">(\d{1,2} \w{3} \d{4} \d\d[.:]\d\d)</td>', html)


def _tautan(html: str, teks: str) -> str | None:
    cocok = re.search(rf'href="(\?[^"]*)">{teks}</a>', html)
    return unescape(cocok.group(1)) if cocok else None


def test_halaman_lebih_lama_dan_lebih_baru_menjaga_saringan(
    klien_untuk, petugas, dua_ratus_kunjungan, django_assert_max_num_queries
):
    client = klien_untuk(petugas)
    url = reverse("antrian:riwayat")
    semua = sorted(dua_ratus_kunjungan, key=lambda k: k.tiba_pada, reverse=True)
    harapan = [waktu_pendek(k.tiba_pada) for k in semua if k.kanal == Kanal.LANGSUNG]
    halaman, html = [], client.get(url, {"kanal": "langsung", "dari": "2026-04-01"}).content.decode()
    assert _tautan(html, "Lebih baru") is None and "100 kunjungan" in html
    while True:
        halaman.append(_tiba(html))
        lama = _tautan(html, "Lebih lama")
        if lama is None:
            break
        assert "kanal=langsung" in lama and "dari=2026-04-01" in lama
        with django_assert_max_num_queries(12):
            html = client.get(url + lama).content.decode()
        assert "100 kunjungan" in html  # the summary is the filter's, on every page
    assert [len(h) for h in halaman] == [50, 50] and sum(halaman, []) == harapan
    # Back from the last page: the first page again, with the link to the newest.
    baru = _tautan(html, "Lebih baru")
    html = client.get(url + baru).content.decode()
    assert _tiba(html) == halaman[0] and _tautan(html, "Lebih baru") is None and _tautan(html, "Terbaru") is None


def test_penanda_halaman_asing_menampilkan_yang_terbaru(klien_untuk, petugas, dua_ratus_kunjungan):
    r = klien_untuk(petugas).get(reverse("antrian:riwayat"), {"dari": "", "sebelum": "bukan-penanda"}, follow=True)
    html = r.content.decode()
    assert r.status_code == 200 and "Penanda halaman tidak dikenal" in html
    assert _tiba(html)[0] == waktu_pendek(max(k.tiba_pada for k in dua_ratus_kunjungan))


def test_waktu_tiba_dalam_bahasa_pembaca(klien_untuk, petugas, dua_ratus_kunjungan):
    terbaru = max(k.tiba_pada for k in dua_ratus_kunjungan).astimezone(WIB)
    for bahasa, jam in (("id", f"{terbaru:%H.%M}"), ("en", f"{terbaru:%H:%M}")):
        petugas.bahasa = bahasa
        petugas.save(update_fields=["bahasa"])
        html = klien_untuk(petugas).get(reverse("antrian:riwayat"), {"dari": ""}).content.decode()
        assert _tiba(html)[0] == f"{terbaru.day} Apr {terbaru.year} {jam}"


def test_halaman_kunci_pada_waktu_kembar(layanan_b):
    """Visits at the same instant are split across pages by pk, none lost or repeated."""
    tamu = buat_pengguna("kembar@contoh.id")
    waktu = datetime(2026, 4, 1, 9, 0, tzinfo=WIB)
    ids = [
        Kunjungan.objects.create(pengunjung=tamu, layanan=layanan_b, kanal=Kanal.ONLINE, tiba_pada=waktu).pk
        for _ in range(7)
    ]
    qs = Kunjungan.objects.all()
    pertama = halaman_kunci(qs, "tiba_pada", {}, 3)
    kedua = halaman_kunci(qs, "tiba_pada", {"sebelum": pertama.lebih_lama}, 3)
    ketiga = halaman_kunci(qs, "tiba_pada", {"sebelum": kedua.lebih_lama}, 3)
    assert [[k.pk for k in h] for h in (pertama, kedua, ketiga)] == [ids[6:3:-1], ids[3:0:-1], ids[:1]]
    assert ketiga.lebih_lama is None and pertama.lebih_baru is None
    kembali = halaman_kunci(qs, "tiba_pada", {"sesudah": ketiga.lebih_baru}, 3)
    assert [k.pk for k in kembali] == ids[3:0:-1] and kembali.lebih_baru == kedua.lebih_baru


def test_csv_mengikuti_saringan(klien_untuk, petugas, dua_ratus_kunjungan):
    response = klien_untuk(petugas).get(
        reverse("antrian:riwayat_csv"), {"kanal": "langsung", "dari": "2026-04-01", "sampai": "2026-04-01"}
    )
    assert response["Content-Disposition"].startswith('attachment; filename="riwayat-kunjungan-')
    baris = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(baris) == 10
    assert baris[0]["kanal"] == "Datang langsung" and baris[0]["tiket"].startswith("B-")
    assert (baris[0]["menit_tiba_tiket"], baris[0]["menit_tiket_panggil"], baris[0]["menit_mulai_selesai"]) == (
        "2.0",
        "10.0",
        "30.0",
    )


def test_hanya_petugas_melihat_riwayat(klien_untuk, pengunjung, resepsionis, petugas):
    from django.test import Client

    for url in (reverse("antrian:riwayat"), reverse("antrian:riwayat_csv"), reverse("antrian:janji_petugas")):
        assert Client().get(url).status_code == 302
        assert klien_untuk(pengunjung).get(url).status_code == 403
        assert klien_untuk(resepsionis).get(url).status_code == 403
        assert klien_untuk(petugas).get(url).status_code == 200


def test_selesai_di_loket_mengisi_riwayat(klien_untuk, petugas, loket1, tiket_untuk, pengunjung):
    tiket = tiket_untuk(pengunjung)
    services.panggil_berikutnya(loket1, petugas)
    services.mulai_layani(tiket, loket1, petugas)
    services.selesai(tiket, loket1, petugas, HasilKunjungan.LAINNYA, "Menanyakan jadwal rilis")
    html = klien_untuk(petugas).get(reverse("antrian:riwayat")).content.decode()
    assert "Andi Pengunjung" in html and "Lainnya" in html and "Menanyakan jadwal rilis" in html and "B-001" in html


def test_tanggal_di_kedua_ujung_kalender_bukan_500(klien_untuk, petugas, dua_ratus_kunjungan):
    client = klien_untuk(petugas)
    for url in (reverse("antrian:riwayat"), reverse("antrian:riwayat_csv")):
        assert client.get(url, {"dari": "2026-04-01", "sampai": "9999-12-31"}).status_code == 200
    for saringan in ({"sampai": "9999-12-31"}, {"dari": "0001-01-01"}):
        baris = b"".join(client.get(reverse("antrian:riwayat_csv"), saringan).streaming_content)
        assert len(baris.decode("utf-8-sig").splitlines()) == 201  # every visit, and the header
    assert client.get(reverse("antrian:riwayat"), {"dari": "0001-01-01"}).status_code == 200


def test_saringan_petugas_hanya_menyebut_petugas_kantor_sendiri(klien_untuk, petugas, kota):
    lain = buat_pengguna("petugas1771@contoh.id", PETUGAS, kota, nama_lengkap="Yudi Petugas Kota")
    html = klien_untuk(petugas).get(reverse("antrian:riwayat")).content.decode()
    assert petugas.nama_lengkap in html and "Yudi Petugas Kota" not in html
    html = klien_untuk(lain).get(reverse("antrian:riwayat")).content.decode()
    assert "Yudi Petugas Kota" in html and petugas.nama_lengkap not in html


def test_csv_mencatat_akses_data_pribadi_setiap_pengunjung_sekali(
    klien_untuk, petugas, dua_ratus_kunjungan, django_assert_max_num_queries
):
    klien = klien_untuk(petugas)
    saringan = {"dari": "2026-04-01", "sampai": "2026-04-10"}
    with django_assert_max_num_queries(7) as tercatat:  # the CSV's own 5, the visitors read, one insert
        response = klien.get(reverse("antrian:riwayat_csv"), saringan)
        baris = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(baris) == 201
    akses = list(AksesDataPribadi.objects.values_list("petugas", "subjek", "halaman"))
    tamu = {k.pengunjung_id for k in dua_ratus_kunjungan}
    assert len(akses) == len(tamu) == 20 and {s for _, s, _ in akses} == tamu  # each visitor once
    assert {(p, h) for p, _, h in akses} == {(petugas.pk, response.wsgi_request.get_full_path())}
    assert sum("INSERT" in q["sql"] for q in tercatat.captured_queries) == 1  # one bulk insert, not one per visitor

    # The page's address with its query string, cut to the log's column.
    klien.get(reverse("antrian:riwayat_csv"), {**saringan, "catatan": "x" * 300})
    panjang = {len(h) for h in AksesDataPribadi.objects.values_list("halaman", flat=True)}
    assert panjang == {len(response.wsgi_request.get_full_path()), 200}


def test_head_csv_tidak_mencatat_akses_yang_tidak_terjadi(klien_untuk, petugas, dua_ratus_kunjungan):
    """A HEAD (a download manager asking the size first) shows no visitor:
    the personal-data log names no one for it, as the download log counts
    no download; the GET that follows is logged."""
    klien = klien_untuk(petugas)
    saringan = {"dari": "2026-04-01", "sampai": "2026-04-10"}
    assert klien.head(reverse("antrian:riwayat_csv"), saringan).status_code == 200
    assert not AksesDataPribadi.objects.exists()
    klien.get(reverse("antrian:riwayat_csv"), saringan)
    assert AksesDataPribadi.objects.count() == 20


def test_csv_tanpa_kunjungan_orang_lain_tidak_mencatat_petugas_sendiri(klien_untuk, petugas, layanan_b):
    Kunjungan.objects.create(pengunjung=petugas, layanan=layanan_b, kanal=Kanal.LANGSUNG, tiba_pada=SESUDAHNYA)
    response = klien_untuk(petugas).get(reverse("antrian:riwayat_csv"))
    assert len(b"".join(response.streaming_content).decode("utf-8-sig").splitlines()) == 2
    assert not AksesDataPribadi.objects.exists()


def test_waktu_langkah_4_dari_mulai_dilayani_seperti_dasbor(klien_untuk, petugas, layanan_b):
    """SOP step 4 (1 hour) runs from the start of service, as the compliance
    dashboard measures it: a called visitor who was absent and recalled 40
    minutes later, then served 30 minutes, took 30 minutes of the officer's
    explanation on the history page and in its CSV too, not 70."""
    tiba = datetime(2026, 4, 1, 9, 0, tzinfo=WIB)
    _tiket_selesai(
        "dipanggil.ulang@contoh.id",
        layanan_b,
        tiba,
        diambil_pada=tiba + timedelta(minutes=2),
        dipanggil_pada=tiba + timedelta(minutes=5),
        mulai_pada=tiba + timedelta(minutes=45),
        selesai_pada=tiba + timedelta(minutes=75),
    )
    client = klien_untuk(petugas)
    with time_machine.travel(SESUDAHNYA, tick=False):
        html = client.get(reverse("antrian:riwayat")).content.decode()
        response = client.get(reverse("antrian:riwayat_csv"))
    baris = html[html.index("dipanggil.ulang") if "dipanggil.ulang" in html else html.index("<tbody") :]
    assert "Mulai→selesai" in html and "30 mnt" in baris and "70 mnt" not in baris
    [csv_baris] = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert csv_baris["menit_mulai_selesai"] == "30.0"


def test_hasil_kunjungan_hari_ini_menyebut_keadaan_tiketnya(
    klien_untuk, petugas, loket1, tiket_untuk, pengunjung, pengunjung_lain
):
    """Before the end-of-day close gives an outcome, a skipped visitor's row
    says where its ticket is, not "—" like one still waiting."""
    dilewati, menunggu = tiket_untuk(pengunjung), tiket_untuk(pengunjung_lain)
    services.panggil_berikutnya(loket1, petugas)
    services.lewati(dilewati, loket1, petugas)
    html = klien_untuk(petugas).get(reverse("antrian:riwayat")).content.decode()
    baris = {
        kode: re.search(rf"<tr>(?:(?!</tr>).)*>{kode}<(?:(?!</tr>).)*</tr>", html, re.S).group(0)
        for kode in ("B-001", "B-002")
    }
    assert dilewati.kode == "B-001" and "Dilewati (tidak hadir)" in baris["B-001"]
    assert menunggu.kode == "B-002" and "Menunggu" in baris["B-002"]


def test_tanpa_kedatangan_tercatat_langkah_3_kosong_seperti_di_dasbor(
    klien_untuk, petugas, resepsionis, pengunjung, layanan_b
):
    """A desk visit registered without "Tamu datang" has no observed arrival: the
    dashboard counts no step-3 case for it, and the history and its CSV show
    no time either (not 0 minutes, which a hand computation would count as met)."""
    with time_machine.travel(datetime(2026, 4, 14, 10, 0, tzinfo=WIB), tick=False):
        services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
        isi = b"".join(klien_untuk(petugas).get(reverse("antrian:riwayat_csv")).streaming_content)
    baris = list(csv.DictReader(io.StringIO(isi.decode("utf-8-sig"))))
    assert [b["menit_tiba_tiket"] for b in baris] == [""]


def test_riwayat_beberapa_kantor_menyebut_dan_menyaring_kantornya(klien_untuk, layanan_b, kota, pengunjung):
    """The province supervisor reads every office's visits in one list and one
    CSV, each office's tickets numbered from B-001: each row names its office,
    and they can pick one."""
    tiba = datetime(2026, 4, 1, 9, 0, tzinfo=WIB)
    for kantor_id in (kantor_bawaan(), kota.pk):
        k = Kunjungan.objects.create(
            pengunjung=pengunjung, layanan=layanan_b, kanal=Kanal.LANGSUNG, tiba_pada=tiba, kantor_id=kantor_id
        )
        Tiket.objects.create(kunjungan=k, kantor=k.kantor, layanan=layanan_b, tanggal=tiba.date(), nomor=1)
    klien = klien_untuk(buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI))
    saringan = {"dari": "2026-04-01"}

    html = klien.get(reverse("antrian:riwayat"), saringan).content.decode()
    tabel = html[html.rindex("<tbody") : html.rindex("</tbody>")]  # the visits, after the code summaries
    assert "BPS Kota Bengkulu" in tabel and "BPS Provinsi Bengkulu" in tabel
    berkas = b"".join(klien.get(reverse("antrian:riwayat_csv"), saringan).streaming_content).decode("utf-8-sig")
    assert sorted(b["kantor"] for b in csv.DictReader(io.StringIO(berkas))) == ["1700", "1771"]

    html = klien.get(reverse("antrian:riwayat"), {**saringan, "kantor": "1771"}).content.decode()
    tabel = html[html.rindex("<tbody") : html.rindex("</tbody>")]
    assert "BPS Kota Bengkulu" in tabel and "BPS Provinsi Bengkulu" not in tabel
    berkas = b"".join(klien.get(reverse("antrian:riwayat_csv"), {**saringan, "kantor": "1771"}).streaming_content)
    assert [b["kantor"] for b in csv.DictReader(io.StringIO(berkas.decode("utf-8-sig")))] == ["1771"]


def test_riwayat_satu_kantor_tanpa_pilihan_kantor(klien_untuk, petugas):
    form = klien_untuk(petugas).get(reverse("antrian:riwayat")).context["form"]
    assert "kantor" not in form.fields


def test_saringan_yang_salah_ditautkan_ke_kotaknya(klien_untuk, petugas):
    """A filter refused (a date that is none) is read out with its box: the
    box's aria-describedby names the message under it."""
    html = klien_untuk(petugas).get(reverse("antrian:riwayat"), {"dari": "kemarin"}).content.decode()
    kotak = re.search(r'<input[^>]*name="dari"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in kotak
    galat = re.search(r'aria-describedby="([^"]+)"', kotak).group(1)
    assert re.search(rf'id="{galat}"[^>]*>[^<]*Masukkan tanggal yang valid', html)


def _terjemahan_csv_riwayat(klien) -> tuple[int, list[dict]]:
    """How many gettext calls the visit-history CSV makes, and its rows."""
    from django.utils import translation

    translation.gettext("Nama")  # the catalogue's function is looked up once, then patched below
    asli = translation._trans.gettext
    with mock.patch.object(translation._trans, "gettext", side_effect=asli) as dipanggil:
        isi = b"".join(klien.get(reverse("antrian:riwayat_csv"), {"dari": "2026-04-01"}).streaming_content)
    return dipanggil.call_count, list(csv.DictReader(io.StringIO(isi.decode("utf-8-sig"))))


def test_label_csv_riwayat_diterjemahkan_sekali_per_berkas_bukan_per_kunjungan(
    klien_untuk, petugas, pengunjung, layanan_b
):
    """The visit-history CSV translates the channel's and the outcome's lists
    once per file, whatever the number of visits: a label looked up per
    visit through the model's display method translates the whole list each
    time, most of a long history's file time."""
    klien = klien_untuk(petugas)

    def kunjungan(n):
        Kunjungan.objects.bulk_create(
            Kunjungan(
                pengunjung=pengunjung,
                layanan=layanan_b,
                kanal=Kanal.LANGSUNG,
                tiba_pada=datetime(2026, 4, 1, 9, i, tzinfo=WIB),
                hasil=HasilKunjungan.PENJELASAN,
            )
            for i in range(n)
        )

    kunjungan(1)
    sedikit, _baris = _terjemahan_csv_riwayat(klien)
    kunjungan(20)
    banyak, baris = _terjemahan_csv_riwayat(klien)
    assert banyak == sedikit
    assert len(baris) == 21 and {(b["kanal"], b["hasil"]) for b in baris} == {("Datang langsung", "Penjelasan saja")}


def test_saringan_petugas_menyebut_petugas_yang_perannya_dicabut(
    klien_untuk, petugas, supervisor, resepsionis, dua_ratus_kunjungan, django_assert_max_num_queries
):
    """The officer who served a month's visits, moved to the desk since (their
    officer's role taken), vanished from the officer filter: their visits could
    no longer be listed, and a link naming them showed an error and every
    visit. Who served a visit of the office stays a choice; another office's
    officers still do not."""
    from django.contrib.auth.models import Group

    from pst_layanan.roles import RESEPSIONIS

    petugas.groups.set([Group.objects.get(name=RESEPSIONIS)])
    klien = klien_untuk(supervisor)
    url = reverse("antrian:riwayat") + f"?dari=2026-04-01&petugas={petugas.pk}"
    with time_machine.travel(SESUDAHNYA, tick=False):
        klien.get(url)
        with django_assert_max_num_queries(10):
            r = klien.get(url)
    assert not r.context["form"].errors
    assert r.context["rekap"]["jumlah"] == 100  # the odd visits are theirs
    assert r.context["form"]["petugas"].value() == str(petugas.pk)
    assert f'value="{petugas.pk}" selected' in r.content.decode()
    assert resepsionis not in r.context["form"].fields["petugas"].queryset  # served no visit


@pytest.mark.parametrize(
    "saringan",
    [
        {"dari": "2026-04-01", "sampai": "2026-02-30"},  # a date that is none
        # Dates swapped: a range that holds no day read as "no visits", with no word why.
        {"dari": "2026-04-10", "sampai": "2026-04-01"},
        {"dari": "2026-04-01", "petugas": "999999"},  # an officer who is no choice
    ],
)
def test_saringan_tidak_sah_tidak_menampilkan_atau_mengunduh_semua(dua_ratus_kunjungan, klien_untuk, petugas, saringan):
    """One refused filter dropped every filter: the page listed, and the CSV
    exported, every visit. Now the page lists none and says why, and the
    export refuses with the reason (400) and records no access."""
    klien = klien_untuk(petugas)
    with time_machine.travel(SESUDAHNYA, tick=False):
        r = klien.get(reverse("antrian:riwayat"), saringan)
        csv_ = klien.get(reverse("antrian:riwayat_csv"), saringan)
    assert r.status_code == 200 and r.context["form"].errors
    assert r.context["rekap"]["jumlah"] == 0 and not list(r.context["halaman"])
    assert "Saringan tidak sah, jadi tidak ada yang ditampilkan." in unescape(r.content.decode())
    assert csv_.status_code == 400 and not csv_.streaming
    teks = csv_.content.decode()
    assert teks.startswith("Saringan tidak sah, jadi tidak ada yang diunduh.")
    assert ("Sampai:" in teks) if "sampai" in saringan else ("Petugas:" in teks)
    assert not AksesDataPribadi.objects.filter(halaman__contains="csv").exists()


def test_menit_csv_dibulatkan_setengah_ke_atas(klien_untuk, petugas, layanan_b):
    """The CSV's minutes round halves up, as every figure of the dashboard and
    reports does (`format.bulat`): 15 seconds is 0.3 minutes and 2 minutes 15
    seconds 2.3, not 0.2 and 2.2 as Python's round-half-to-even made them."""
    tiba = datetime(2026, 4, 1, 9, 0, tzinfo=WIB)
    diambil = tiba + timedelta(seconds=15)
    k = _tiket_selesai(
        "setengah@contoh.id",
        layanan_b,
        tiba,
        diambil_pada=diambil,
        dipanggil_pada=diambil + timedelta(minutes=2, seconds=15),
        mulai_pada=diambil + timedelta(minutes=3),
        selesai_pada=diambil + timedelta(minutes=3, seconds=45),
    )
    Kedatangan.objects.create(kunjungan=k, tanggal=tiba.date(), nomor=1, tiba_pada=tiba)
    with time_machine.travel(SESUDAHNYA, tick=False):
        response = klien_untuk(petugas).get(reverse("antrian:riwayat_csv"))
    [b] = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert (b["menit_tiba_tiket"], b["menit_tiket_panggil"], b["menit_mulai_selesai"]) == ("0.3", "2.3", "0.8")


def test_langkah_lewat_beberapa_detik_dari_standar_tampak_dengan_detiknya(klien_untuk, petugas, layanan_b):
    """A wait of 10 min 40 s is more than 10 minutes (the dashboard counts it
    as 10,7): the history shows the seconds, not "10 mnt" that reads as
    within a 10-minute standard; past an hour it stays hours and minutes."""
    tiba = datetime(2026, 4, 1, 9, 0, tzinfo=WIB)
    # Minutes and seconds after arrival: taken, called, started, finished.
    sejak_tiba = {"diambil_pada": (2, 0), "dipanggil_pada": (12, 40), "mulai_pada": (13, 0), "selesai_pada": (118, 5)}
    _tiket_selesai(
        "lewat.detik@contoh.id",
        layanan_b,
        tiba,
        **{kolom: tiba + timedelta(minutes=m, seconds=d) for kolom, (m, d) in sejak_tiba.items()},
    )
    with time_machine.travel(SESUDAHNYA, tick=False):
        html = klien_untuk(petugas).get(reverse("antrian:riwayat")).content.decode()
    baris = html[html.index("Mulai→selesai") :]
    assert "<td>10 mnt 40 dtk</td>" in baris and "<td>1 j 45 mnt</td>" in baris


def test_tunggu_janji_temu_dihitung_sejak_didahulukan_bukan_sejak_check_in(layanan_b, petugas):
    """A visitor checked in at 08.00 for a 14.00 appointment is called first from
    13.45 (the office's 15-minute margin): called at 13.50, they waited 5 minutes
    of queue, not six hours, in the visit history and on the dashboard's chart."""
    from penilaian import grafik
    from pst_layanan.periode import Bulan

    tamu = buat_pengguna("janji@contoh.id")
    tiba = datetime(2026, 4, 7, 8, 0, tzinfo=WIB)
    k = Kunjungan.objects.create(pengunjung=tamu, layanan=layanan_b, kanal=Kanal.LANGSUNG, tiba_pada=tiba)
    Tiket.objects.create(
        kunjungan=k,
        layanan=layanan_b,
        tanggal=tiba.date(),
        nomor=1,
        status="selesai",
        prioritas=True,
        janji_pada=datetime(2026, 4, 7, 14, 0, tzinfo=WIB),
        diambil_pada=tiba,
        dipanggil_pada=datetime(2026, 4, 7, 13, 50, tzinfo=WIB),
        mulai_pada=datetime(2026, 4, 7, 13, 50, tzinfo=WIB),
        selesai_pada=datetime(2026, 4, 7, 14, 10, tzinfo=WIB),
    )
    assert Kunjungan.objects.get(pk=k.pk).durasi_langkah()["tiket_panggil"] == timedelta(minutes=5)
    median = grafik.waktu_tunggu(Bulan(2026, 4))["seri"][0]["data"]
    assert median[6] == 5.0
