"""End of the office day, at fixed instants on the real 2026 calendar.

Thu 16 / Fri 17 April 2026 are working days (Mon–Thu close 15.30, Fri
16.00 WIB); Thu 14 May 2026 is Ascension Day (a national holiday).
"""

import io
from datetime import date, datetime, time

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from antrian import services
from antrian.models import HasilKunjungan, JanjiTemu, Loket, RiwayatTiket, StatusJanji, StatusTiket, Tiket
from conftest import buat_pengguna
from penilaian import mutu
from pst_layanan.kalender import WIB
from pst_layanan.models import HariKantor, Kantor
from pst_layanan.periode import Bulan

pytestmark = pytest.mark.django_db
Aksi = RiwayatTiket.Aksi


def pada(*args):
    return time_machine.travel(datetime(*args, tzinfo=WIB), tick=False)


def _tamu(i):
    return buat_pengguna(f"tamu{i}@contoh.id", nama_lengkap=f"Tamu {i}")


def _walk_in(resepsionis, layanan, i):
    return services.kunjungan_langsung(resepsionis, layanan, pengunjung=_tamu(i))


def test_tiket_dipanggil_kamis_1529_tidak_memblokir_loket_jumat_pagi(
    klien_untuk, resepsionis, petugas, layanan_b, loket1
):
    with pada(2026, 4, 16, 15, 20):
        kemarin = _walk_in(resepsionis, layanan_b, 1)
    with pada(2026, 4, 16, 15, 29):
        services.panggil_berikutnya(loket1, petugas)

    with pada(2026, 4, 17, 8, 0):  # the close-day job has not run
        client = klien_untuk(petugas)
        layar = client.get(reverse("antrian:layar_isi")).content.decode()
        assert 'data-loket="1"' in layar and "Siap melayani" in layar and kemarin.kode not in layar
        loket_html = client.get(reverse("antrian:loket", args=[loket1.pk])).content.decode()
        assert "Dipanggil" not in loket_html
        pagi = _walk_in(resepsionis, layanan_b, 2)
        response = client.post(reverse("antrian:loket_aksi", args=[loket1.pk]), {"aksi": "berikutnya"}, follow=True)
        assert f"Memanggil {pagi.kode}." in response.content.decode()
        pagi.refresh_from_db()
        assert (pagi.status, pagi.loket, pagi.tanggal.day) == (StatusTiket.DIPANGGIL, loket1, 17)
        # Yesterday's ticket cannot be moved any more: that day is over.
        with pytest.raises(services.AntrianError, match="hari layanan 16-04-2026 yang sudah berakhir"):
            services.lewati(kemarin, loket1, petugas)
        publik = client.get(reverse("antrian:tiket_publik", args=[kemarin.token])).content.decode()
        assert "Tidak hadir" in publik and "Silakan menuju" not in publik


def test_tiket_menunggu_kemarin_halaman_publik_tidak_terlayani(client, resepsionis, layanan_b):
    with pada(2026, 4, 16, 15, 25):
        tiket = _walk_in(resepsionis, layanan_b, 1)
        halaman = client.get(reverse("antrian:tiket_publik", args=[tiket.token])).content.decode()
        assert "Anda <strong>berikutnya</strong>" in halaman
    url = reverse("antrian:tiket_publik", args=[tiket.token])
    with pada(2026, 4, 17, 8, 0):
        sebelum_job = client.get(url).content.decode()
        services.tutup_hari()
        sesudah_job = client.get(url).content.decode()
    for html in (sebelum_job, sesudah_job):
        assert "Tidak terlayani" in html and "Hari layanan untuk nomor ini sudah berakhir" in html
        assert "orang di depan Anda" not in html and "berikutnya</strong>" not in html
        assert "hx-trigger" not in html  # a closed ticket stops polling
    tiket.refresh_from_db()
    assert tiket.status == StatusTiket.TIDAK_TERLAYANI
    assert tiket.kunjungan.hasil == HasilKunjungan.TIDAK_TERLAYANI
    r = tiket.riwayat.last()
    assert (r.aksi, r.dari, r.ke) == (Aksi.TUTUP_HARI, StatusTiket.MENUNGGU, StatusTiket.TIDAK_TERLAYANI)


def _hari_penuh(resepsionis, petugas, layanan_b, loket1, loket2):
    """Thursday: one ticket in each open state, a no-show appointment and one for Friday."""
    with pada(2026, 4, 16, 9, 0):
        t = [_walk_in(resepsionis, layanan_b, i) for i in range(1, 5)]
        janji_kamis, janji_jumat = (
            JanjiTemu.objects.create(
                pengunjung=_tamu(i),
                layanan=layanan_b,
                waktu=datetime(2026, 4, hari, jam, 0, tzinfo=WIB),
                keperluan="Konsultasi",
                status=StatusJanji.DIKONFIRMASI,
            )
            for i, hari, jam in [(8, 16, 10), (9, 17, 9)]
        )
    with pada(2026, 4, 16, 14, 0):
        services.panggil(t[0], loket1, petugas)
        services.lewati(t[0], loket1, petugas)  # skipped, never came back
        services.panggil(t[1], loket1, petugas)  # called, never came
        services.panggil(t[2], loket2, petugas)
        services.mulai_layani(t[2], loket2, petugas)  # being served, never finished
    return t, janji_kamis, janji_jumat  # t[3] still waiting


def test_tutup_hari_memberi_hasil_akhir_dan_dua_kali_tidak_mengubah_apa_pun(
    resepsionis, petugas, layanan_b, loket1, loket2
):
    t, janji_kamis, janji_jumat = _hari_penuh(resepsionis, petugas, layanan_b, loket1, loket2)
    with pada(2026, 4, 16, 15, 29):  # before the close of service: the day is not over
        assert services.tutup_hari() == {"tiket": 0, "janji": 0}
    with pada(2026, 4, 16, 18, 0):
        assert services.tutup_hari() == {"tiket": 4, "janji": 1}
    status = {x.pk: x for x in Tiket.objects.select_related("kunjungan")}
    assert [status[x.pk].status for x in t] == [
        StatusTiket.TIDAK_HADIR,
        StatusTiket.TIDAK_HADIR,
        StatusTiket.SELESAI,
        StatusTiket.TIDAK_TERLAYANI,
    ]
    assert [status[x.pk].kunjungan.hasil for x in t] == [
        HasilKunjungan.TIDAK_HADIR,
        HasilKunjungan.TIDAK_HADIR,
        HasilKunjungan.LAINNYA,
        HasilKunjungan.TIDAK_TERLAYANI,
    ]
    # Being served at the close: finished at that day's close of service.
    assert status[t[2].pk].selesai_pada == datetime(2026, 4, 16, 15, 30, tzinfo=WIB)
    assert RiwayatTiket.objects.filter(aksi=Aksi.TUTUP_HARI).count() == 4
    janji_kamis.refresh_from_db()
    janji_jumat.refresh_from_db()
    assert (janji_kamis.status, janji_jumat.status) == (StatusJanji.TIDAK_HADIR, StatusJanji.DIKONFIRMASI)

    sebelum = list(Tiket.objects.order_by("pk").values_list("status", "diubah_pada"))
    riwayat = RiwayatTiket.objects.count()
    with pada(2026, 4, 16, 18, 1):
        assert services.tutup_hari() == {"tiket": 0, "janji": 0}
    with pada(2026, 4, 17, 18, 0):  # late and again, by hand
        call_command("tutup_hari", stdout=(keluar := io.StringIO()))
    assert "0 tiket, 1 janji temu ditutup" in keluar.getvalue()  # only Friday's appointment is new
    assert list(Tiket.objects.order_by("pk").values_list("status", "diubah_pada")) == sebelum
    assert RiwayatTiket.objects.count() == riwayat


def test_pekerja_kedua_dengan_data_basi_tidak_mengubah_apa_pun(resepsionis, layanan_b):
    """Two workers read the same open ticket; the compare-and-set lets one close it."""
    with pada(2026, 4, 16, 10, 0):
        tiket = _walk_in(resepsionis, layanan_b, 1)
    basi = Tiket.objects.select_related("layanan").get(pk=tiket.pk)
    with pada(2026, 4, 16, 18, 0):
        assert services.tutup_hari()["tiket"] == 1
        assert services._tutup_tiket(basi, datetime(2026, 4, 16, 18, 0, tzinfo=WIB)) is False
    assert tiket.riwayat.filter(aksi=Aksi.TUTUP_HARI).count() == 1


@pytest.mark.parametrize(("jam", "menit", "ditutup"), [(15, 59, 0), (16, 0, 1)])
def test_jumat_tutup_pukul_16(jam, menit, ditutup, resepsionis, layanan_b):
    with pada(2026, 4, 17, 15, 45):
        tiket = _walk_in(resepsionis, layanan_b, 1)
    with pada(2026, 4, 17, jam, menit):
        assert services.tutup_hari()["tiket"] == ditutup
    tiket.refresh_from_db()
    assert tiket.status == (StatusTiket.TIDAK_TERLAYANI if ditutup else StatusTiket.MENUNGGU)


def test_hari_libur_menutup_hari_kerja_sebelumnya(client, resepsionis, layanan_b):
    with pada(2026, 5, 13, 15, 0):  # Wednesday
        tiket = _walk_in(resepsionis, layanan_b, 1)
    with pada(2026, 5, 14, 10, 0):  # Ascension Day: no service, yesterday is over
        assert services.hari_tutup_terakhir() == datetime(2026, 5, 14).date()
        assert "Tidak terlayani" in client.get(reverse("antrian:tiket_publik", args=[tiket.token])).content.decode()
        assert services.tutup_hari()["tiket"] == 1
    tiket.refresh_from_db()
    assert tiket.status == StatusTiket.TIDAK_TERLAYANI


# --- another office: its own calendar and hours ----------------------------------------------


@pytest.fixture
def kota(db):
    """Office 1771, which opens on Saturday 11 April 2026 (every other office is closed)."""
    kota = Kantor.objects.create(kode="1771", nama="BPS Kota Bengkulu", email="pst1771@bps.go.id")
    HariKantor.objects.create(
        kantor=kota, tanggal=date(2026, 4, 11), jenis=HariKantor.Jenis.BUKA, keterangan="Pelayanan Sabtu"
    )
    return kota


def test_hari_kantor_lain_yang_buka_tidak_ditutup_sebelum_jam_tutupnya(resepsionis, layanan_b, kota):
    with pada(2026, 4, 10, 15, 0):  # Friday at the provincial office, never served
        jumat = _walk_in(resepsionis, layanan_b, 1)
    with pada(2026, 4, 11, 9, 0):
        sabtu = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=_tamu(2), kantor_id=kota.pk)
        janji = JanjiTemu.objects.create(
            pengunjung=_tamu(3),
            layanan=layanan_b,
            kantor=kota,
            waktu=datetime(2026, 4, 11, 9, 0, tzinfo=WIB),
            keperluan="Konsultasi",
            status=StatusJanji.DIKONFIRMASI,
        )
    # Saturday 10.00 (`manage.py tutup_hari` by hand): the provincial office's Friday is over, 1771's Saturday is not.
    with pada(2026, 4, 11, 10, 0):
        assert services.tutup_hari() == {"tiket": 1, "janji": 0}
    jumat.refresh_from_db()
    sabtu.refresh_from_db()
    janji.refresh_from_db()
    assert jumat.status == StatusTiket.TIDAK_TERLAYANI
    assert (sabtu.status, janji.status) == (StatusTiket.MENUNGGU, StatusJanji.DIKONFIRMASI)
    # After 1771's close of service (15.30) its day is over too.
    with pada(2026, 4, 11, 15, 30):
        assert services.tutup_hari() == {"tiket": 1, "janji": 1}
    sabtu.refresh_from_db()
    janji.refresh_from_db()
    assert (sabtu.status, janji.status) == (StatusTiket.TIDAK_TERLAYANI, StatusJanji.TIDAK_HADIR)


def test_tiket_dilayani_di_kantor_lain_selesai_pada_jam_tutup_kantornya(resepsionis, petugas, layanan_b, kota):
    loket = Loket.objects.create(nomor=1, kantor=kota)
    loket.layanan.add(layanan_b)
    with pada(2026, 4, 11, 10, 0):
        tiket = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=_tamu(1), kantor_id=kota.pk)
        services.panggil(tiket, loket, petugas)
        services.mulai_layani(tiket, loket, petugas)
    with pada(2026, 4, 11, 18, 0):  # the beat job
        assert services.tutup_hari()["tiket"] == 1
    tiket.refresh_from_db()
    assert tiket.status == StatusTiket.SELESAI
    assert tiket.selesai_pada == tiket.kunjungan.selesai_pada == datetime(2026, 4, 11, 15, 30, tzinfo=WIB)


def test_jadwal_beat_tutup_hari_ada():
    from django_celery_beat.models import PeriodicTask

    tugas = PeriodicTask.objects.select_related("crontab").get(task="antrian.tasks.tutup_hari_task")
    assert (tugas.crontab.hour, tugas.crontab.minute, str(tugas.crontab.timezone)) == ("18", "0", "Asia/Jakarta")


def test_task_tutup_hari(resepsionis, layanan_b):
    from antrian.tasks import tutup_hari_task

    with pada(2026, 4, 16, 10, 0):
        _walk_in(resepsionis, layanan_b, 1)
    with pada(2026, 4, 17, 7, 0):
        assert tutup_hari_task() == {"tiket": 1, "janji": 0}


def test_tutup_hari_yang_digagalkan_database_dicoba_lagi(resepsionis, layanan_b, monkeypatch):
    """A database error in the 18.00 run (a restart, a failover) is tried
    again shortly after, so the day's tickets are closed and undecided
    requests answered that evening, not the next."""
    from django.db import OperationalError

    from antrian.tasks import tutup_hari_task

    with pada(2026, 4, 16, 10, 0):
        tiket = _walk_in(resepsionis, layanan_b, 1)
    asli, putus = services.tutup_hari, [True]

    def sekali_putus(*args, **kwargs):
        if putus:
            putus.clear()
            raise OperationalError("server closed the connection unexpectedly")
        return asli(*args, **kwargs)

    monkeypatch.setattr(services, "tutup_hari", sekali_putus)
    with pada(2026, 4, 16, 18, 0):
        tutup_hari_task.delay()  # eager in the tests: the retry runs at once
    assert not putus
    tiket.refresh_from_db()
    assert tiket.status == StatusTiket.TIDAK_TERLAYANI


@pytest.mark.django_db(transaction=True)
def test_dua_pekerja_serentak_menutup_setiap_tiket_sekali(postgres_wajib, resepsionis, layanan_b):
    import threading

    from django.db import connection

    with pada(2026, 4, 16, 10, 0):
        for i in range(20):
            _walk_in(resepsionis, layanan_b, i)
    mulai, hasil, galat = threading.Barrier(2), [], []

    def pekerja():
        try:
            mulai.wait()
            hasil.append(services.tutup_hari()["tiket"])
        except Exception as exc:  # collected and asserted below
            galat.append(exc)
        finally:
            connection.close()

    with pada(2026, 4, 16, 18, 0):
        threads = [threading.Thread(target=pekerja) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert galat == [] and sum(hasil) == 20
    assert RiwayatTiket.objects.filter(aksi=Aksi.TUTUP_HARI).count() == 20
    assert set(Tiket.objects.values_list("status", flat=True)) == {StatusTiket.TIDAK_TERLAYANI}


def test_perintah_tutup_hari_menyebut_hari_tiap_kantor(kota):
    """An office that closes later has not finished today yet: the operator
    reads which day each office's service was closed up to."""
    Kantor.objects.filter(pk=kota.pk).update(jam_tutup_senin_kamis=time(17, 0))
    with pada(2026, 4, 16, 16, 0):  # Thursday: the province closed at 15.30, Kota Bengkulu at 17.00
        call_command("tutup_hari", stdout=(keluar := io.StringIO()))
    assert "Hari layanan sampai 15-04-2026 (1771); 16-04-2026 (1700) ditutup" in keluar.getvalue()
    with pada(2026, 4, 16, 17, 0):
        call_command("tutup_hari", stdout=(keluar := io.StringIO()))
    assert "Hari layanan sampai 16-04-2026 ditutup" in keluar.getvalue()


def _janji_sore(resepsionis, petugas, layanan_b, loket1):
    """Thursday 17.30: an appointment after the close, checked in and being served."""
    janji = JanjiTemu.objects.create(
        pengunjung=_tamu(1),
        layanan=layanan_b,
        waktu=datetime(2026, 4, 16, 17, 30, tzinfo=WIB),
        keperluan="Konsultasi di luar jam layanan",
        status=StatusJanji.DIKONFIRMASI,
    )
    with pada(2026, 4, 16, 17, 25):
        tiket = services.checkin_janji(janji, resepsionis)
    with pada(2026, 4, 16, 17, 30):
        services.panggil(tiket, loket1, petugas)
        services.mulai_layani(tiket, loket1, petugas)
    return tiket


def test_janji_di_luar_jam_yang_sedang_dilayani_tidak_ditutup_job_sore(resepsionis, petugas, layanan_b, loket1):
    tiket = _janji_sore(resepsionis, petugas, layanan_b, loket1)
    with pada(2026, 4, 16, 18, 0):  # the beat job, mid-visit
        assert services.tutup_hari() == {"tiket": 0, "janji": 0}
    with pada(2026, 4, 16, 18, 20):
        services.selesai(tiket, loket1, petugas, "penjelasan")
    tiket.refresh_from_db()
    assert tiket.status == StatusTiket.SELESAI
    assert tiket.selesai_pada == datetime(2026, 4, 16, 18, 20, tzinfo=WIB)
    with pada(2026, 4, 17, 18, 0):
        assert services.tutup_hari() == {"tiket": 0, "janji": 0}


def test_janji_di_luar_jam_yang_tidak_diselesaikan_ditutup_hari_berikutnya(resepsionis, petugas, layanan_b, loket1):
    tiket = _janji_sore(resepsionis, petugas, layanan_b, loket1)
    with pada(2026, 4, 17, 18, 0):
        assert services.tutup_hari() == {"tiket": 1, "janji": 0}
    tiket.refresh_from_db()
    # Started after the close: taken to have ended when it started.
    assert (tiket.status, tiket.selesai_pada) == (StatusTiket.SELESAI, datetime(2026, 4, 16, 17, 30, tzinfo=WIB))


def test_langkah_4_diukur_dari_mulai_dilayani_bukan_panggilan_pertama(resepsionis, petugas, layanan_b, loket1):
    """Called 09.05, skipped 09.08, recalled and served 14.00–14.20: the
    officer's explanation took 20 minutes, not the visitor's absence."""
    with pada(2026, 4, 16, 9, 0):
        tiket = _walk_in(resepsionis, layanan_b, 1)
    with pada(2026, 4, 16, 9, 5):
        services.panggil(tiket, loket1, petugas)
    with pada(2026, 4, 16, 9, 8):
        services.lewati(tiket, loket1, petugas)
    with pada(2026, 4, 16, 14, 0):
        services.panggil_ulang(tiket, loket1, petugas)
        services.mulai_layani(tiket, loket1, petugas)
    with pada(2026, 4, 16, 14, 20):
        services.selesai(tiket, loket1, petugas, "penjelasan")
    k = mutu.kepatuhan(mutu.PER_KODE["penjelasan"], Bulan(2026, 4))
    assert (k.kasus, k.dalam, k.jumlah_pelanggaran) == (1, 1, 0)
    assert k.median == 20 * 60


def test_permintaan_janji_yang_tak_diputuskan_ditolak_dan_pengunjung_diberi_tahu(
    pengunjung, layanan_b, django_capture_on_commit_callbacks
):
    """Nobody confirmed it before its time: the visitor is not left "waiting for confirmation" for good."""
    with pada(2026, 4, 15, 10, 0):
        janji = services.ajukan_janji(pengunjung, layanan_b, datetime(2026, 4, 16, 10, 0, tzinfo=WIB), "Data IPM")
    mail.outbox.clear()
    with pada(2026, 4, 16, 18, 0), django_capture_on_commit_callbacks(execute=True):
        assert services.tutup_hari() == {"tiket": 0, "janji": 1}
        assert services.tutup_hari() == {"tiket": 0, "janji": 0}
    janji.refresh_from_db()
    assert janji.status == StatusJanji.DITOLAK and janji.alasan_tolak == services.ALASAN_TIDAK_DIPUTUSKAN
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert "tidak dapat dipenuhi" in surel.subject and "belum dikonfirmasi petugas" in surel.body


def test_perintah_tutup_hari_tidak_menyebut_permintaan_yang_ditolak_sebagai_tidak_hadir(pengunjung, layanan_b):
    """The request nobody decided was refused, not missed: the operator's line does not call it a no-show."""
    with pada(2026, 4, 15, 10, 0):
        services.ajukan_janji(pengunjung, layanan_b, datetime(2026, 4, 16, 10, 0, tzinfo=WIB), "Data IPM")
    with pada(2026, 4, 16, 18, 0):
        call_command("tutup_hari", stdout=(keluar := io.StringIO()))
    assert "tidak hadir" not in keluar.getvalue().split(":")[-1].split("(")[0]
    assert "0 tiket, 1 janji temu ditutup" in keluar.getvalue()


def test_alasan_permintaan_janji_tak_diputuskan_dalam_bahasa_pengunjung(
    pengunjung, layanan_b, klien_untuk, django_capture_on_commit_callbacks
):
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    with pada(2026, 4, 15, 10, 0):
        services.ajukan_janji(pengunjung, layanan_b, datetime(2026, 4, 16, 10, 0, tzinfo=WIB), "Data IPM")
    mail.outbox.clear()
    with pada(2026, 4, 16, 18, 0), django_capture_on_commit_callbacks(execute=True):
        services.tutup_hari()
        halaman = klien_untuk(pengunjung).get(reverse("antrian:janji_saya")).content.decode()
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    inggris = "The request was not confirmed by an officer before its time passed. Please request a new appointment."
    assert inggris in surel.body and "belum dikonfirmasi petugas" not in surel.body
    assert inggris in halaman and "belum dikonfirmasi petugas" not in halaman


@pytest.mark.django_db(transaction=True)
def test_dua_pekerja_serentak_menolak_setiap_permintaan_janji_sekali(
    postgres_wajib, layanan_b, django_capture_on_commit_callbacks
):
    """Both workers list the same undecided requests: each is refused and its
    visitor e-mailed once, and neither worker fails on the ones the other took."""
    from tests.serentak import serentak

    with pada(2026, 4, 15, 10, 0):
        for i in range(10):
            services.ajukan_janji(_tamu(i), layanan_b, datetime(2026, 4, 16, 10, 0, tzinfo=WIB), "Data IPM")
    mail.outbox.clear()
    with pada(2026, 4, 16, 18, 0), django_capture_on_commit_callbacks(execute=True):
        hasil, galat = serentak(lambda i: services.tutup_hari()["janji"], 2)
    assert galat == [] and sum(hasil) == 10
    assert set(JanjiTemu.objects.values_list("status", flat=True)) == {StatusJanji.DITOLAK}
    assert sorted(m.to[0] for m in mail.outbox if "tidak dapat dipenuhi" in m.subject) == sorted(
        f"tamu{i}@contoh.id" for i in range(10)
    )
