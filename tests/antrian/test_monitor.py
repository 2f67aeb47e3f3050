"""The live queue monitor: what a supervisor reads per service and counter,
at a bounded cost, shared by every open monitor; officers read it only."""

import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from antrian import services
from antrian.models import Layanan, PengumumanLayar, Tiket
from conftest import buat_pengguna
from pst_layanan.kalender import WIB

pytestmark = pytest.mark.django_db


def _pada(jam, menit):
    return datetime(2026, 4, 13, jam, menit, tzinfo=WIB)  # a Monday, a working day


@pytest.fixture
def hari_senin(selalu_buka):
    with time_machine.travel(_pada(9, 0), tick=False) as waktu:
        yield waktu


def test_monitor_menampilkan_setiap_loket_dan_layanan(
    hari_senin, klien_untuk, supervisor, resepsionis, layanan_b, layanan_k, loket1, loket2, petugas
):
    tamu = [buat_pengguna(f"tamu{i}@contoh.id") for i in range(5)]
    t = [services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=p) for p in tamu[:4]]
    hari_senin.move_to(_pada(9, 5))
    services.kunjungan_langsung(resepsionis, layanan_k, pengunjung=tamu[4])  # K-001, nobody serves K
    services.panggil(t[0], loket1, petugas)
    services.mulai_layani(t[0], loket1, petugas)
    services.selesai(t[0], loket1, petugas, "penjelasan")
    services.panggil(t[1], loket1, petugas)
    services.lewati(t[1], loket1, petugas)  # a no-show
    hari_senin.move_to(_pada(9, 12))
    services.panggil(t[2], loket1, petugas)
    hari_senin.move_to(_pada(9, 20))
    html = klien_untuk(supervisor).get(reverse("antrian:monitor")).content.decode()

    loket = _baris(html, 'data-loket="1"')
    assert "B-003" in loket and "Dipanggil" in loket and ">8 mnt</time>" in loket  # called at 09.12
    assert _sel_kanan(loket) == ["1", "1"]  # served today, no-shows
    assert "Kosong" in _baris(html, 'data-loket="2"')
    b = _baris(html, 'data-layanan="B"')
    assert _sel_kanan(b) == ["1", "1", "1", "1"]  # waiting B-004, at a counter, served, no-show
    assert ">20 mnt</time>" in b  # B-004 has waited since 09.00
    k = _baris(html, 'data-layanan="K"')
    assert _sel_kanan(k) == ["1", "0", "0", "0"] and ">15 mnt</time>" in k
    assert 'id="monitor-menunggu">2<' in html


def _baris(html: str, penanda: str) -> str:
    awal = html.index(penanda)
    return html[awal : html.index("</tr>", awal)]


def _sel_kanan(baris: str) -> list[str]:
    return [s.split("<", 1)[0] for s in baris.split('<td class="text-end">')[1:]]


def test_monitor_query_tetap_dan_disimpan_sampai_antrian_berubah(
    klien_untuk, supervisor, tiket_untuk, layanan_b, layanan_k, loket1, loket2, petugas,
    django_assert_max_num_queries, django_assert_num_queries, django_capture_on_commit_callbacks,
):  # fmt: skip
    klien = klien_untuk(supervisor)
    url = reverse("antrian:monitor_isi")
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(40):
            tiket_untuk(buat_pengguna(f"tamu{i}@contoh.id"), layanan_b if i % 2 else layanan_k)
        services.panggil_berikutnya(loket1, petugas)
        services.panggil_berikutnya(loket2, petugas)
    # Five reads of today's rows whatever the numbers of tickets, services and counters,
    # plus the session, the user and their roles.
    with django_assert_max_num_queries(8):
        assert "B-" in klien.get(url).content.decode()
    with django_assert_max_num_queries(3):  # a second monitor: the copy, no read of the queue
        klien.get(url)
    with django_assert_max_num_queries(14):
        assert klien.get(reverse("antrian:monitor")).status_code == 200
    assert _sel_kanan(_baris(klien.get(url).content.decode(), 'data-loket="1"')) == ["0", "0"]
    with django_capture_on_commit_callbacks(execute=True):
        services.lewati(Tiket.objects.aktif_di_loket(loket1).get(), loket1, petugas)
    assert _sel_kanan(_baris(klien.get(url).content.decode(), 'data-loket="1"')) == ["0", "1"]  # the new copy


def test_petugas_membaca_monitor_tanpa_bisa_mengubah_pengumuman(klien_untuk, petugas, selalu_buka, layanan_b, loket1):
    klien = klien_untuk(petugas)
    html = klien.get(reverse("antrian:monitor")).content.decode()
    assert "Monitor antrian hari ini" in html and "Simpan pengumuman" not in html
    assert klien.post(reverse("antrian:pengumuman_layar"), {"teks": "Tutup lebih awal"}).status_code == 403
    assert PengumumanLayar.berlaku() == ""


def test_pengumuman_supervisor_tampil_di_layar_dan_di_escape(
    klien_untuk, supervisor, client, selalu_buka, layanan_b, loket1, django_capture_on_commit_callbacks
):
    klien = klien_untuk(supervisor)
    layar = reverse("antrian:layar_isi")
    assert "layar-pengumuman" not in client.get(layar).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = klien.post(reverse("antrian:pengumuman_layar"), {"teks": "  Rabu <b>tutup</b>   pukul 12.00  "})
    assert r.status_code == 302 and r["Location"] == reverse("antrian:monitor")
    html = client.get(layar).content.decode()  # the screens render anew at once
    assert "Rabu &lt;b&gt;tutup&lt;/b&gt; pukul 12.00" in html and "<b>" not in html
    assert "Pengumuman tampil di layar antrian." in klien.get(r["Location"]).content.decode()

    r = klien.post(reverse("antrian:pengumuman_layar"), {"teks": "x" * 201})
    assert r.status_code == 400
    assert "Pengumuman paling banyak 200 karakter (sekarang 201)." in r.content.decode()
    assert PengumumanLayar.berlaku() == "Rabu <b>tutup</b> pukul 12.00"  # nothing changed

    with django_capture_on_commit_callbacks(execute=True):
        klien.post(reverse("antrian:pengumuman_layar"), {"teks": ""})
    assert "layar-pengumuman" not in client.get(layar).content.decode()


def test_monitor_malam_hari_menyebut_pembukaan_berikutnya(klien_untuk, supervisor, layanan_b, loket1):
    with time_machine.travel(datetime(2026, 4, 13, 20, 30, tzinfo=WIB), tick=False):
        html = klien_untuk(supervisor).get(reverse("antrian:monitor")).content.decode()
    assert 'id="monitor-keadaan">Tutup<' in html
    assert "Buka kembali Selasa, 14 April 2026 pukul 08.00 WIB" in html
    assert "Tutup" in _baris(html, 'data-loket="1"')


def test_monitor_setelah_jam_tutup_loket_masih_memanggil_nomor_yang_menunggu(
    klien_untuk, supervisor, resepsionis, pengunjung, layanan_b, loket1
):
    """Numbers taken before the close are still called after it (the display
    says so): the monitor showed the free counter as "Tutup" beside the
    visitors waiting for it, as if nobody would call them."""
    with time_machine.travel(_pada(15, 25), tick=False) as waktu:
        services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
        waktu.move_to(_pada(15, 35))
        html = klien_untuk(supervisor).get(reverse("antrian:monitor")).content.decode()
    assert 'id="monitor-keadaan">Tutup<' in html
    assert "Nomor yang sudah diambil tetap dipanggil. Buka kembali Selasa, 14 April 2026 pukul 08.00 WIB" in html
    assert "Kosong" in _baris(html, 'data-loket="1"') and "Tutup" not in _baris(html, 'data-loket="1"')


def test_monitor_kantor_tanpa_loket_menunjukkan_tempat_menambahkannya(klien_untuk, supervisor, layanan_b):
    """The monitor is where a supervisor lands: at a new office with no
    counter yet it said only "Belum ada loket aktif.", not where to add one."""
    html = klien_untuk(supervisor).get(reverse("antrian:monitor")).content.decode()
    assert "Belum ada loket aktif. Tambahkan loket di back office (Antrian → Loket)." in html


def test_monitor_tanpa_layanan_aktif_menunjukkan_tempat_menambahkannya(klien_untuk, supervisor, layanan_b):
    """Every service switched off: the monitor's per-service table says there
    is none and where a supervisor adds or switches one on, not a header over
    no row."""
    Layanan.objects.update(aktif=False)
    html = klien_untuk(supervisor).get(reverse("antrian:monitor")).content.decode()
    tabel = html.split('id="monitor-layanan"', 1)[1].split("</table>", 1)[0]
    assert (
        "Belum ada layanan aktif. Supervisor mengaktifkan atau menambahkan layanan di back office (Antrian → Layanan)."
        in tabel
    )


def test_monitor_kantor_kabupaten_tanpa_layanan_menyuruh_bertanya_ke_provinsi(klien_untuk, supervisor, kota, layanan_b):
    """Services are shared by every office and only the provincial office
    changes them: a regency supervisor's monitor, page and polled fragment,
    names the province as the one to ask, and the province's monitor still
    says where its supervisor switches one on (one cached copy per reader kind)."""
    Layanan.objects.update(aktif=False)
    klien_kota = klien_untuk(buat_pengguna("supervisor1771@bps.go.id", "Supervisor", kantor=kota))
    for nama in ("antrian:monitor", "antrian:monitor_isi"):
        tabel = klien_kota.get(reverse(nama)).content.decode().split('id="monitor-layanan"', 1)[1]
        tabel = " ".join(tabel.split("</table>", 1)[0].split())
        assert "mintalah supervisor BPS Provinsi" in tabel and "Antrian → Layanan" not in tabel
    provinsi = klien_untuk(supervisor).get(reverse("antrian:monitor_isi")).content.decode()
    assert "Antrian → Layanan" in provinsi and "mintalah" not in provinsi


def test_sejak_loket_dihitung_dari_panggilan_di_loket_itu(
    hari_senin, klien_untuk, supervisor, resepsionis, layanan_b, layanan_k, loket1, loket2, petugas
):
    """A ticket transferred to another service, or skipped and called back
    later, is at its counter since that call, not since its first call of the
    day: the monitor must not show a counter stuck for three quarters of an hour."""
    loket2.layanan.set([layanan_k])
    ditransfer, dilewati = (
        services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=buat_pengguna(f"tamu{i}@contoh.id"))
        for i in range(2)
    )
    services.panggil(ditransfer, loket1, petugas)
    services.mulai_layani(ditransfer, loket1, petugas)
    hari_senin.move_to(_pada(9, 40))
    services.alihkan(ditransfer, layanan_k, petugas, loket1)
    services.panggil(dilewati, loket1, petugas)
    services.lewati(dilewati, loket1, petugas)
    hari_senin.move_to(_pada(9, 45))
    services.panggil_berikutnya(loket2, petugas)  # the transferred visitor, now K-001
    services.panggil_ulang(dilewati, loket1, petugas)  # the skipped visitor turned up
    hari_senin.move_to(_pada(9, 48))
    services.panggil_ulang(dilewati, loket1, petugas)  # announced once more: still at the counter since 09.45
    hari_senin.move_to(_pada(9, 50))
    html = klien_untuk(supervisor).get(reverse("antrian:monitor")).content.decode()
    for nomor, kode in ((1, "B-002"), (2, "K-001")):
        baris = _baris(html, f'data-loket="{nomor}"')
        assert kode in baris and "Dipanggil" in baris and ">5 mnt</time>" in baris


def test_pengumuman_yang_ditolak_ditautkan_ke_kotaknya(klien_untuk, supervisor, selalu_buka, layanan_b, loket1):
    """An announcement refused (too long) is read out with its box: the box is
    marked invalid and its aria-describedby names the message as well as the hint."""
    r = klien_untuk(supervisor).post(reverse("antrian:pengumuman_layar"), {"teks": "x" * 201})
    html = r.content.decode()
    kotak = re.search(r'<input[^>]*name="teks"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in kotak
    rujukan = re.search(r'aria-describedby="([^"]+)"', kotak).group(1).split()
    assert "bantuan-pengumuman" in rujukan
    assert any(re.search(rf'id="{i}"[^>]*>Pengumuman paling banyak 200 karakter', html) for i in rujukan)
