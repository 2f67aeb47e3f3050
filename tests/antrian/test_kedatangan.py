"""SOP step 3 measured from a real arrival: the receptionist presses
"Tamu datang" when the visitor reaches the desk, then registers them.

Tue 14 April 2026 is a working day (08.00–15.30 WIB).
"""

import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from antrian import services
from antrian.models import Kedatangan, Kunjungan, Tiket
from conftest import buat_pengguna
from penilaian import mutu
from pst_layanan.kalender import WIB
from pst_layanan.periode import Bulan
from tests.antrian import ISIAN_MEJA

pytestmark = pytest.mark.django_db
APRIL = Bulan(2026, 4)


def pada(*args):
    return time_machine.travel(datetime(*args, tzinfo=WIB), tick=False)


def _registrasi():
    return mutu.kepatuhan(mutu.PER_KODE["registrasi"], APRIL)


def _datang(client):
    response = client.post(reverse("antrian:meja_datang"))
    assert response.status_code == 302
    return Kedatangan.objects.get(pk=re.search(r"kedatangan=(\d+)", response.url).group(1))


def test_tamu_datang_lalu_daftar_11_menit_kemudian_melanggar_10_menit(
    klien_untuk, resepsionis, supervisor, pengunjung, layanan_b
):
    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 10, 0):
        kedatangan = _datang(client)
        assert "Kedatangan D-001 tercatat pukul 10.00." in client.get(reverse("antrian:meja")).content.decode()
    with pada(2026, 4, 14, 10, 11):
        halaman = client.get(reverse("antrian:meja"), {"kedatangan": kedatangan.pk}).content.decode()
        assert "Mendaftarkan kedatangan <strong>D-001</strong> (tiba pukul 10.00 WIB)" in halaman
        response = client.post(
            reverse("antrian:meja"),
            {"pengunjung": pengunjung.pk, "layanan": layanan_b.pk, "kedatangan": kedatangan.pk, **ISIAN_MEJA},
        )
    assert response.status_code == 302
    tiket = Tiket.objects.select_related("kunjungan__kedatangan").get()
    assert tiket.kunjungan.kedatangan == kedatangan
    assert tiket.kunjungan.tiba_pada == datetime(2026, 4, 14, 10, 0, tzinfo=WIB)
    assert tiket.kunjungan.durasi_langkah()["tiba_tiket"].total_seconds() == 11 * 60

    k = _registrasi()
    assert (k.standar.langkah, k.standar.uraian) == ("Langkah 3", "10 menit")
    assert (k.kasus, k.dalam, k.jumlah_pelanggaran) == (1, 0, 1)
    assert k.pelanggaran[0].rujukan == "Tiket B-001 (14-04-2026)" and k.pelanggaran[0].lewat == pytest.approx(60)
    with pada(2026, 4, 20, 9, 0):
        dasbor = klien_untuk(supervisor).get(reverse("penilaian:dasbor"), {"bulan": "2026-04"}).content.decode()
    assert "Pelanggaran Langkah 3 Registrasi dan nomor antrian (1)" in dasbor and "Tiket B-001 (14-04-2026)" in dasbor


def test_daftar_tepat_10_menit_sesuai_standar(resepsionis, pengunjung, layanan_b):
    with pada(2026, 4, 14, 10, 0):
        kedatangan = services.catat_kedatangan(resepsionis)
    with pada(2026, 4, 14, 10, 10):
        services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung, kedatangan=kedatangan)
    k = _registrasi()
    assert (k.kasus, k.dalam) == (1, 1)


def test_tanpa_kedatangan_tercatat_bukan_kasus_langkah_3(resepsionis, pengunjung, layanan_b):
    """A desk visit registered without "Tamu datang" and an online guest-book
    entry have no observed arrival: not counted, rather than counted as 0 s."""
    with pada(2026, 4, 14, 10, 0):
        services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
        services.catat_kunjungan_online(pengunjung, layanan_b)
    assert _registrasi().kasus == 0


def test_kedatangan_hanya_didaftarkan_sekali(klien_untuk, resepsionis, pengunjung, pengunjung_lain, layanan_b):
    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 10, 0):
        kedatangan = services.catat_kedatangan(resepsionis)
        data = {"layanan": layanan_b.pk, "kedatangan": kedatangan.pk, **ISIAN_MEJA}
        assert client.post(reverse("antrian:meja"), {**data, "pengunjung": pengunjung.pk}).status_code == 302
        html = client.post(reverse("antrian:meja"), {**data, "pengunjung": pengunjung_lain.pk}).content.decode()
    assert "Kedatangan D-001 sudah didaftarkan atau bukan dari hari ini." in html
    assert Kunjungan.objects.count() == 1 and Tiket.objects.count() == 1


def test_kedatangan_yang_sudah_didaftarkan_tidak_terbawa_lagi_oleh_formulir_meja(
    klien_untuk, resepsionis, pengunjung, pengunjung_lain, layanan_b
):
    """Two desks register arrival D-001; the second is refused, and its page no
    longer shows that arrival: the form sent again must not carry it (hidden)
    and be refused again and again, with no "Tanpa kedatangan" link to drop it."""
    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 10, 0):
        kedatangan = services.catat_kedatangan(resepsionis)
        data = {"layanan": layanan_b.pk, **ISIAN_MEJA}
        client.post(reverse("antrian:meja"), {**data, "kedatangan": kedatangan.pk, "pengunjung": pengunjung.pk})
        html = client.post(
            reverse("antrian:meja"), {**data, "kedatangan": kedatangan.pk, "pengunjung": pengunjung_lain.pk}
        ).content.decode()
        assert "Kedatangan D-001 sudah didaftarkan atau bukan dari hari ini." in html
        assert f'name="kedatangan" value="{kedatangan.pk}"' not in html
        # The address of the desk left open on that arrival neither carries it.
        html = client.get(reverse("antrian:meja"), {"kedatangan": kedatangan.pk}).content.decode()
        assert f'name="kedatangan" value="{kedatangan.pk}"' not in html
        # Sent again as the page now holds it: the visitor gets their ticket.
        assert client.post(reverse("antrian:meja"), {**data, "pengunjung": pengunjung_lain.pk}).status_code == 302
    assert Tiket.objects.filter(kunjungan__pengunjung=pengunjung_lain).exists()


def test_nomor_kedatangan_per_hari_dan_di_luar_jam_ditolak(resepsionis):
    with pada(2026, 4, 14, 10, 0):
        assert [services.catat_kedatangan(resepsionis).kode for _ in range(3)] == ["D-001", "D-002", "D-003"]
    with pada(2026, 4, 15, 8, 0):
        assert services.catat_kedatangan(resepsionis).kode == "D-001"
    with pada(2026, 4, 15, 7, 55), pytest.raises(services.DiLuarJamLayanan):
        services.catat_kedatangan(resepsionis)
    assert Kedatangan.objects.count() == 4


def test_kedatangan_kemarin_tidak_dapat_didaftarkan_hari_ini(resepsionis, pengunjung, layanan_b):
    with pada(2026, 4, 14, 15, 0):
        kedatangan = services.catat_kedatangan(resepsionis)
    with pada(2026, 4, 15, 9, 0), pytest.raises(services.AntrianError, match="bukan dari hari ini"):
        services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung, kedatangan=kedatangan)
    assert not Kunjungan.objects.exists()


def test_tombol_tamu_datang_di_meja_dan_hak_akses(klien_untuk, resepsionis, pengunjung, client):
    with pada(2026, 4, 14, 10, 0):
        anonim = client.post(reverse("antrian:meja_datang"))
        assert anonim.status_code == 302 and "masuk" in anonim.url
        tamu = klien_untuk(pengunjung)
        assert tamu.post(reverse("antrian:meja_datang")).status_code == 403
        meja = klien_untuk(resepsionis)
        assert meja.get(reverse("antrian:meja_datang")).status_code == 405
        html = meja.get(reverse("antrian:meja")).content.decode()
    assert 'id="tombol-datang" accesskey="d"' in html
    assert not Kedatangan.objects.exists()


def test_meja_menampilkan_kedatangan_belum_didaftarkan_dengan_query_terbatas(
    klien_untuk, resepsionis, layanan_b, django_assert_max_num_queries
):
    from antrian.views import KEDATANGAN_DI_MEJA

    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 10, 0):
        for _ in range(KEDATANGAN_DI_MEJA + 2):
            services.catat_kedatangan(resepsionis)
        services.kunjungan_langsung(
            resepsionis, layanan_b, pengunjung=buat_pengguna("x@contoh.id"), kedatangan=Kedatangan.objects.first()
        )
        client.get(reverse("antrian:meja"))
        with django_assert_max_num_queries(12):
            html = client.get(reverse("antrian:meja")).content.decode()
        with django_assert_max_num_queries(9):
            client.get(reverse("antrian:meja_antrian"))
    assert "Tamu datang, belum didaftarkan" in html
    assert (
        "<strong>D-001</strong>" not in html and "<strong>D-002</strong>" in html and "<strong>D-011</strong>" in html
    )
    assert "<strong>D-012</strong>" not in html  # 10 shown
    assert 'id="kedatangan-lebih"' in html  # ... and the desk is told another waits


def test_kios_saya_sudah_datang_di_lobi(klien_untuk, resepsionis, pengunjung, layanan_b, django_assert_max_num_queries):
    kios = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 9, 58):
        assert "Saya sudah datang" in kios.get(reverse("antrian:kios_datang")).content.decode()
        response = kios.post(reverse("antrian:kios_datang"))
        assert response.status_code == 302
        with django_assert_max_num_queries(6):
            html = kios.get(response.url).content.decode()
    kedatangan = Kedatangan.objects.get()
    assert "D-001" in html and "Tercatat tiba pukul 09.58 WIB" in html and pengunjung.nama_lengkap not in html
    assert kedatangan.dicatat_oleh is None  # taken at the lobby screen
    with pada(2026, 4, 14, 10, 7):  # 9 minutes: within
        services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung, kedatangan=kedatangan)
        assert "D-001" not in kios.get(response.url).content.decode()  # registered: no longer shown
    assert _registrasi().kasus == 1 and _registrasi().dalam
    with pada(2026, 4, 14, 15, 30):
        html = kios.post(reverse("antrian:kios_datang")).content.decode()
    assert "Di luar jam layanan" in html and Kedatangan.objects.count() == 1
    # After hours the button is pressed by appointments' visitors, served after hours too.
    assert "Sudah membuat janji temu? Silakan langsung menuju meja resepsionis." in html
    with pada(2026, 4, 14, 10, 0):
        assert klien_untuk(pengunjung).post(reverse("antrian:kios_datang")).status_code == 403
    assert Kedatangan.objects.count() == 1


def test_admin_kedatangan_hanya_baca(admin_client, resepsionis, pengunjung, layanan_b, django_assert_max_num_queries):
    with pada(2026, 4, 14, 10, 0):
        for _ in range(3):
            k = services.catat_kedatangan(resepsionis)
        services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung, kedatangan=k)
    with django_assert_max_num_queries(12):
        html = admin_client.get(reverse("admin:antrian_kedatangan_changelist")).content.decode()
    assert "D-001" in html and "D-003" in html
    assert admin_client.get(reverse("admin:antrian_kedatangan_add")).status_code == 403
    response = admin_client.post(reverse("admin:antrian_kedatangan_change", args=[k.pk]), {"nomor": 99})
    assert response.status_code == 403 or Kedatangan.objects.get(pk=k.pk).nomor == 3


def test_tamu_datang_sebelum_tutup_tetap_mendapat_tiket_sesudah_tutup(
    klien_untuk, resepsionis, pengunjung, pengunjung_lain, layanan_b
):
    """SOP step 3 gives 10 minutes from the recorded arrival: a visitor who
    reached the desk at 15.25 is registered at 15.33, after the close."""
    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 15, 25):
        kedatangan = services.catat_kedatangan(resepsionis)
    with pada(2026, 4, 14, 15, 33):
        assert "Di luar jam layanan." in client.get(reverse("antrian:meja")).content.decode()
        meja = client.get(reverse("antrian:meja") + f"?kedatangan={kedatangan.pk}").content.decode()
        assert "Di luar jam layanan." not in meja and "D-001" in meja
        data = {"layanan": layanan_b.pk, "kedatangan": kedatangan.pk, "pengunjung": pengunjung.pk, **ISIAN_MEJA}
        assert client.post(reverse("antrian:meja"), data).status_code == 302
        # Without a recorded arrival the close still holds.
        with pytest.raises(services.DiLuarJamLayanan):
            services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung_lain)
    tiket = Tiket.objects.get()
    assert (tiket.kode, tiket.kunjungan.pengunjung) == ("B-001", pengunjung)
    k = _registrasi()
    assert (k.kasus, k.dalam) == (1, 1)


def test_pesan_tamu_datang_memakai_format_jam_bahasa_petugas(klien_untuk, resepsionis, layanan_b):
    resepsionis.bahasa = "en"
    resepsionis.save(update_fields=["bahasa"])
    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 10, 5):
        _datang(client)
        html = client.get(reverse("antrian:meja")).content.decode()
    # The message reads the clock like the arrivals list beside it ("arrived 10:05").
    assert "Arrival D-001 recorded at 10:05." in html


@pytest.mark.parametrize("nomor", ["²", "١", "٣٢"])
def test_nomor_kedatangan_berangka_aneh_di_alamat_bukan_galat(nomor, klien_untuk, resepsionis, layanan_b):
    """ "²" is a digit to str.isdigit but no number to int(): the lobby page
    and the desk, given it as an arrival, answered 500."""
    klien = klien_untuk(resepsionis)
    klien.raise_request_exception = False
    with pada(2026, 4, 14, 9, 58):
        lobi = klien.get(reverse("antrian:kios_datang"), {"nomor": nomor})
        meja = klien.post(reverse("antrian:meja"), {**ISIAN_MEJA, "layanan": layanan_b.pk, "kedatangan": nomor})
    assert lobi.status_code == 200 and "Saya sudah datang" in lobi.content.decode()
    assert meja.status_code < 500


def _token_datang(html: str) -> str:
    return re.search(r'name="token_kirim" value="([0-9a-f]{32})"', html).group(1)


@pytest.mark.parametrize("halaman", ["antrian:kios_datang", "antrian:meja"])
def test_saya_sudah_datang_ditekan_dua_kali_satu_kedatangan(klien_untuk, resepsionis, halaman):
    """A double tap on the lobby tablet's button (or on the desk's 'Tamu
    datang') records one arrival, shown to both taps: the second was no new
    visitor, and would wait at the desk as one nobody registers."""
    kios = klien_untuk(resepsionis)
    url = reverse("antrian:kios_datang" if halaman == "antrian:kios_datang" else "antrian:meja_datang")
    with pada(2026, 4, 14, 9, 58):
        isian = {"token_kirim": _token_datang(kios.get(reverse(halaman)).content.decode())}
        pertama, kedua = kios.post(url, isian), kios.post(url, isian)
        berikutnya = kios.post(url, {"token_kirim": _token_datang(kios.get(reverse(halaman)).content.decode())})
    assert pertama.status_code == kedua.status_code == 302 and pertama.url == kedua.url
    assert list(Kedatangan.objects.values_list("nomor", flat=True)) == [1, 2]
    assert berikutnya.url != pertama.url


def _janji_besok_dikonfirmasi(pengunjung, petugas, layanan_b):
    """An appointment asked on Monday 13 April 2026 for 10.30 the next day, confirmed."""
    with pada(2026, 4, 13, 10, 0):
        janji = services.ajukan_janji(pengunjung, layanan_b, datetime(2026, 4, 14, 10, 30, tzinfo=WIB), "Data IPM")
        services.konfirmasi_janji(janji, petugas)
    return janji


def test_kedatangan_tamu_janji_temu_dicatat_hadir_tidak_tertinggal_di_meja(
    klien_untuk, resepsionis, petugas, pengunjung, layanan_b
):
    """An appointment's visitor who pressed "Saya sudah datang" at the lobby is
    checked in from that arrival: it leaves the desk's list of arrivals still to
    register (it does not stay there all day, as if someone were still waiting)
    and the check-in is a measured case of step 3."""
    janji = _janji_besok_dikonfirmasi(pengunjung, petugas, layanan_b)
    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 10, 0):
        kedatangan = services.catat_kedatangan(None)
    with pada(2026, 4, 14, 10, 3):
        meja = client.get(reverse("antrian:meja"), {"kedatangan": kedatangan.pk}).content.decode()
        panel = client.get(reverse("antrian:meja_antrian"), {"kedatangan": kedatangan.pk}).content.decode()
        # The desk's panel refreshes itself with the arrival chosen, so its check-in buttons keep it.
        assert f'hx-get="{reverse("antrian:meja_antrian")}?kedatangan={kedatangan.pk}"' in meja
        assert f'<input type="hidden" name="kedatangan" value="{kedatangan.pk}">' in panel
        client.post(reverse("antrian:janji_checkin", args=[janji.pk]), {"kedatangan": kedatangan.pk})
        sesudah = client.get(reverse("antrian:meja")).content.decode()
    tiket = Tiket.objects.select_related("kunjungan__kedatangan").get()
    assert tiket.prioritas and tiket.kunjungan.kedatangan == kedatangan
    assert kedatangan.kode not in sesudah
    assert (_registrasi().kasus, _registrasi().dalam) == (1, 1)


def test_checkin_yang_ditolak_tetap_mendaftarkan_kedatangan_yang_dipilih(
    klien_untuk, resepsionis, petugas, pengunjung, layanan_b
):
    """The visitor cancelled their appointment online, then came anyway and
    pressed "Saya sudah datang". The desk's check-in is refused ("already
    cancelled": register them as a walk-in); the desk is back on the arrival
    it was registering, so the walk-in ticket takes it and step 3 is measured
    rather than the arrival waiting on the desk's list all day for nobody."""
    janji = _janji_besok_dikonfirmasi(pengunjung, petugas, layanan_b)
    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 10, 0):
        kedatangan = services.catat_kedatangan(None)
        services.batalkan_janji(janji, pengunjung)
    with pada(2026, 4, 14, 10, 3):
        r = client.post(reverse("antrian:janji_checkin", args=[janji.pk]), {"kedatangan": kedatangan.pk}, follow=True)
    html = r.content.decode()
    assert "Janji temu ini sudah dibatalkan oleh pengunjung." in html
    assert r.redirect_chain[-1][0] == reverse("antrian:meja") + f"?kedatangan={kedatangan.pk}"
    assert f'name="kedatangan" value="{kedatangan.pk}"' in html and 'id="kedatangan-dipilih"' in html


def test_kedatangan_sesudah_tiketnya_bukan_kasus_langkah_3(klien_untuk, resepsionis, petugas, pengunjung, layanan_b):
    """A visitor skipped on their 09.00 ticket comes back for their 11.00
    appointment and presses "Saya sudah datang" at 10.50: the check-in takes
    that ticket and the arrival leaves the desk's list, but an arrival after
    its ticket measured no registration (not one of -110 minutes, counted as
    within the 10)."""
    from antrian.models import Loket

    loket = Loket.objects.create(nomor=1)
    loket.layanan.add(layanan_b)
    with pada(2026, 4, 13, 10, 0):
        janji = services.ajukan_janji(pengunjung, layanan_b, datetime(2026, 4, 14, 11, 0, tzinfo=WIB), "Data IPM")
        services.konfirmasi_janji(janji, petugas)
    with pada(2026, 4, 14, 9, 0):
        walkin = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
        services.panggil(walkin, loket, petugas)
        services.lewati(walkin, loket, petugas)
    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 10, 50):
        kedatangan = services.catat_kedatangan(None)
        client.post(reverse("antrian:janji_checkin", args=[janji.pk]), {"kedatangan": kedatangan.pk})
        sesudah = client.get(reverse("antrian:meja")).content.decode()
    tiket = Tiket.objects.select_related("kunjungan__kedatangan").get()
    assert tiket.pk == walkin.pk and kedatangan.kode not in sesudah
    assert tiket.kunjungan.durasi_langkah()["tiba_tiket"] is None
    assert _registrasi().kasus == 0


def test_kedatangan_tamu_yang_sudah_memegang_tiket_tidak_tertinggal_di_meja(
    klien_untuk, resepsionis, pengunjung, layanan_b
):
    """The desk records the arrival of a visitor back from a break and registers
    it: the visitor already holds B-001, which is shown again, and the arrival
    leaves the list of arrivals still to register instead of waiting there all
    day for nobody."""
    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 9, 0):
        services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
    with pada(2026, 4, 14, 10, 0):
        kedatangan = _datang(client)
        halaman = client.post(
            reverse("antrian:meja"),
            {"pengunjung": pengunjung.pk, "layanan": layanan_b.pk, "kedatangan": kedatangan.pk, **ISIAN_MEJA},
            follow=True,
        ).content.decode()
        sesudah = client.get(reverse("antrian:meja")).content.decode()
    assert "sudah memegang tiket B-001 hari ini untuk layanan ini" in halaman
    assert Tiket.objects.count() == 1
    assert kedatangan.kode not in sesudah
    assert _registrasi().kasus == 0


def test_kedatangan_tamu_yang_tiketnya_dilewati_tidak_tertinggal_di_meja(
    klien_untuk, resepsionis, petugas, pengunjung, layanan_b
):
    """A visitor skipped on B-001 comes back, as their ticket page tells them:
    the desk records the arrival and registers it, and is told to have the
    counter call B-001 back (no second ticket). The arrival is that visitor's
    all the same: it leaves the list of arrivals still to register instead of
    waiting there all day for nobody."""
    from antrian.models import Loket

    loket = Loket.objects.create(nomor=1)
    loket.layanan.add(layanan_b)
    client = klien_untuk(resepsionis)
    with pada(2026, 4, 14, 9, 0):
        tiket = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
        services.panggil(tiket, loket, petugas)
        services.lewati(tiket, loket, petugas)
    with pada(2026, 4, 14, 10, 0):
        kedatangan = _datang(client)
        halaman = client.post(
            reverse("antrian:meja"),
            {"pengunjung": pengunjung.pk, "layanan": layanan_b.pk, "kedatangan": kedatangan.pk, **ISIAN_MEJA},
        ).content.decode()
        sesudah = client.get(reverse("antrian:meja")).content.decode()
    assert "Tiket B-001 milik" in halaman and "dilewati karena tidak hadir saat dipanggil" in halaman
    assert Tiket.objects.count() == 1
    kedatangan.refresh_from_db()
    assert kedatangan.kunjungan_id == tiket.kunjungan_id
    assert kedatangan.kode not in sesudah
    assert _registrasi().kasus == 0


def test_kedatangan_kantor_lain_ditolak_seperti_yang_tidak_ada(klien_untuk, resepsionis, pengunjung, layanan_b, kota):
    """Another office's desk given an arrival's id answered 404, and a form
    error for an id that does not exist: the ids of other offices' arrivals
    could be told apart. Both are now the same form error."""
    from pst_layanan.roles import RESEPSIONIS

    resepsionis_kota = buat_pengguna("resepsionis1771@bps.go.id", RESEPSIONIS, kantor=kota)
    klien = klien_untuk(resepsionis_kota)
    with pada(2026, 4, 14, 10, 0):
        milik_provinsi = services.catat_kedatangan(resepsionis)
        data = {**ISIAN_MEJA, "pengunjung": pengunjung.pk, "layanan": layanan_b.pk}
        ada = klien.post(reverse("antrian:meja"), {**data, "kedatangan": milik_provinsi.pk})
        tidak_ada = klien.post(reverse("antrian:meja"), {**data, "kedatangan": milik_provinsi.pk + 1000})
    assert ada.status_code == tidak_ada.status_code == 200
    pesan = "Kedatangan yang dipilih tidak ditemukan; pilih ulang dari daftar."
    assert pesan in ada.content.decode() and pesan in tidak_ada.content.decode()
    assert not Kunjungan.objects.exists()
