"""Operations: health endpoints, error alerts, structured logs, stuck-work alerts."""

import io
import json
import logging
import time
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from pst_layanan import kesehatan, log, notifikasi, peringatan
from pst_layanan.celery import app as celery_app
from pst_layanan.kalender import WIB
from pst_layanan.models import Penanda, Surel
from pst_layanan.notifikasi import kirim_satu
from pst_layanan.tasks import detak_beat_task, periksa_macet_task

SENIN_PAGI = datetime(2026, 3, 16, 9, 0, tzinfo=WIB)


@pytest.fixture
def sehat(db):
    """A fresh heartbeat and an empty outbox: everything /readyz checks holds."""
    with time_machine.travel(SENIN_PAGI, tick=False) as mesin:
        detak_beat_task.apply()
        yield mesin


def readyz(client):
    r = client.get("/readyz")
    return r.status_code, r.json()


# --- health -----------------------------------------------------------------------------


def test_healthz_tanpa_login_dan_tanpa_database(client):
    r = client.get("/healthz")  # no db fixture: a query would fail the test
    assert r.status_code == 200 and r.json() == {"status": "ok"}
    assert "no-cache" in r["Cache-Control"]


def test_readyz_sehat_murah_dan_tanpa_data_pribadi(client, sehat, django_assert_max_num_queries):
    Surel.objects.create(penerima=["andi@contoh.id"], subjek="Tagihan Andi", isi="rahasia")
    with django_assert_max_num_queries(5):
        status, data = readyz(client)
    assert status == 200 and data["status"] == "ok" and data["gagal"] == []
    assert set(data["bagian"]) == {"database", "cache", "broker", "beat", "surel"}
    assert data["bagian"]["surel"] == {"ok": True, "ms": data["bagian"]["surel"]["ms"]}
    teks = json.dumps(data)
    assert "andi@contoh.id" not in teks and "Tagihan" not in teks


def _tanpa_waktu(data: dict) -> dict:
    """The answer without each check's milliseconds, which differ from call to call."""
    return {**data, "bagian": {k: {n: v for n, v in b.items() if n != "ms"} for k, b in data["bagian"].items()}}


@pytest.mark.parametrize("sehat_atau_macet", ["sehat", "macet"])
def test_readyz_tidak_memberi_tahu_akun_mana_yang_baru_dikirimi_surel(client, sehat, pengunjung, sehat_atau_macet):
    """/readyz answers anyone: a count of unsent mail that grows by one when the
    password-reset form writes to an account, and not for an unknown address,
    tells a watcher which addresses have an account (the form's own answer
    and timing are alike for both), in a healthy outbox and in a stuck one."""
    if sehat_atau_macet == "macet":
        Surel.objects.create(penerima=["a@contoh.id"], subjek="x", isi="y")
        sehat.shift(timedelta(minutes=31))
        detak_beat_task.apply()
    client.post(reverse("akun:lupa_sandi"), {"email": "tidak-ada@contoh.id"})
    tanpa_akun = readyz(client)
    client.post(reverse("akun:lupa_sandi"), {"email": pengunjung.email})
    assert Surel.objects.filter(penerima=[pengunjung.email]).exists()  # queued, not yet sent
    assert _tanpa_waktu(readyz(client)[1]) == _tanpa_waktu(tanpa_akun[1])


def test_readyz_broker_mati_gagal_cepat_lalu_pulih(client, sehat, monkeypatch):
    conf = celery_app.conf
    asli = {k: conf.get(k) for k in ("broker_url", "broker_write_url", "broker_transport_options")}
    tertutup = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    conf.update(broker_url=tertutup, broker_write_url=None, broker_transport_options={})
    try:
        with monkeypatch.context() as m:
            m.setenv("CELERY_BROKER_URL", tertutup)  # Celery prefers the environment to its settings
            mulai = time.monotonic()
            status, data = readyz(client)
            lama = time.monotonic() - mulai
    finally:
        conf.update(asli)
    assert status == 503 and data["gagal"] == ["broker"]
    assert data["bagian"]["broker"]["ok"] is False and data["bagian"]["database"]["ok"] is True
    # The probe answers anyone: the driver's own message (host, port) stays in the log.
    assert "127.0.0.1" not in json.dumps(data) and data["bagian"]["broker"]["galat"]
    assert lama < 2.5
    assert readyz(client)[0] == 200


def test_readyz_beat_berhenti_lalu_pulih(client, sehat):
    sehat.shift(timedelta(minutes=5))
    assert readyz(client)[0] == 200  # five minutes is still within PST_DETAK_MAKS_MENIT
    sehat.shift(timedelta(minutes=1, seconds=1))
    status, data = readyz(client)
    assert status == 503 and data["gagal"] == ["beat"]
    assert "361 detik" in data["bagian"]["beat"]["galat"]
    detak_beat_task.apply()
    assert readyz(client)[0] == 200


def test_readyz_tanpa_detak_sama_sekali(client, db):
    Penanda.objects.all().delete()
    status, data = readyz(client)
    assert status == 503 and "beat" in data["gagal"] and "belum pernah" in data["bagian"]["beat"]["galat"]


def test_readyz_surel_macet_lalu_pulih(client, sehat, settings):
    macet = Surel.objects.create(penerima=["a@contoh.id"], subjek="x", isi="y")
    sehat.shift(timedelta(minutes=30, seconds=5))
    detak_beat_task.apply()
    status, data = readyz(client)
    assert status == 503 and data["gagal"] == ["surel"]
    assert data["bagian"]["surel"]["galat"] == "surel tertua menunggu 1805 detik"
    assert kirim_satu(macet.pk)
    assert readyz(client)[0] == 200


def test_surel_yang_berhenti_dicoba_tidak_menahan_readyz_dan_peringatan(client, sehat):
    """Given up (out of tries, or its account gone): it waits for "Kirim lagi"
    in the admin and does not keep the site "not ready" or the alert open for good."""
    Surel.objects.create(
        penerima=["a@contoh.id"], subjek="x", isi="y", status=Surel.Status.GAGAL, percobaan=notifikasi.MAKS_PERCOBAAN
    )
    sehat.shift(timedelta(minutes=31))
    detak_beat_task.apply()
    assert readyz(client)[0] == 200
    assert "surel" not in peringatan.cek_macet(timezone.now())


def test_readyz_antrean_surel_terlalu_panjang(client, sehat, settings):
    settings.PST_SUREL_ANTRE_MAKS = 3
    Surel.objects.bulk_create(Surel(penerima=["a@contoh.id"], subjek="x", isi="y") for _ in range(4))
    status, data = readyz(client)
    assert (
        status == 503
        and data["gagal"] == ["surel"]
        and data["bagian"]["surel"]["galat"] == "lebih dari 3 surel menunggu"
    )


# --- logs and error alerts ------------------------------------------------------------


@pytest.fixture
def log_json():
    """The JSON lines the console handler would write, collected."""
    aliran = io.StringIO()
    handler = logging.StreamHandler(aliran)
    handler.setFormatter(log.FormatJSON())
    handler.addFilter(log.FilterPermintaan())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(baris) for baris in aliran.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
def admin(settings):
    settings.ADMINS = [("ops@bps.go.id", "ops@bps.go.id")]


def galat(client, url, **headers):
    client.raise_request_exception = False
    return client.get(url, headers=headers)


def surel_galat():
    return Surel.objects.filter(subjek__startswith="[PST] Galat")


@pytest.mark.urls("tests.inti.urls_galat")
def test_galat_view_satu_baris_json_dan_satu_surel(client, db, admin, log_json, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = galat(client, "/uji/bagi-nol/", **{"X-Request-ID": "lb-1234567890abcdef"})
    assert r.status_code == 500 and r["X-Request-ID"] == "lb-1234567890abcdef"

    baris = log_json()
    error = [b for b in baris if b["level"] == "ERROR"]
    assert len(error) == 1
    assert error[0]["request_id"] == "lb-1234567890abcdef" and "ZeroDivisionError" in error[0]["exc"]
    akses = [b for b in baris if b["logger"] == "pst.permintaan"]
    assert len(akses) == 1
    assert akses[0]["request_id"] == "lb-1234567890abcdef"
    assert (akses[0]["route"], akses[0]["status"], akses[0]["user_id"]) == ("uji_bagi_nol", 500, None)
    assert akses[0]["duration_ms"] >= 0

    assert surel_galat().count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ops@bps.go.id"]
    isi = mail.outbox[0].body
    assert "lb-1234567890abcdef" in isi and "ZeroDivisionError" in isi


@pytest.mark.urls("tests.inti.urls_galat")
def test_banjir_galat_sama_satu_peringatan_per_jendela(client, db, admin):
    with time_machine.travel(SENIN_PAGI, tick=False) as mesin:
        for _ in range(50):
            assert galat(client, "/uji/bagi-nol/").status_code == 500
        assert surel_galat().count() == 1
        galat(client, "/uji/kunci-hilang/")  # another error: its own alert
        assert surel_galat().count() == 2
        mesin.shift(timedelta(minutes=15, seconds=1))  # PERINGATAN_JENDELA_MENIT passed
        galat(client, "/uji/bagi-nol/")
        assert surel_galat().count() == 3


def test_peringatan_yang_tidak_dapat_diantrekan_satu_baris_log(admin, log_json, capsys, monkeypatch):
    """The database down: the alert cannot be queued. The journal gets one JSON line saying so,
    not logging's "--- Logging error ---" with two stacks on stderr."""
    from django.db import OperationalError

    def database_mati(record):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')

    monkeypatch.setattr(peringatan, "_kirim_galat", database_mati)
    try:
        raise OperationalError("database mati")
    except OperationalError:
        logging.getLogger("django.request").exception("Internal Server Error: /uji-antre/")
    assert "Logging error" not in capsys.readouterr().err
    baris = [b for b in log_json() if b["logger"] == "pst_layanan.peringatan"]
    assert [(b["level"], b["message"]) for b in baris] == [
        ("WARNING", "Peringatan galat untuk ADMINS tidak dapat diantrekan (OperationalError).")
    ]


@pytest.mark.urls("tests.inti.urls_galat")
def test_tanpa_admins_tidak_ada_surel(client, db, settings):
    settings.ADMINS = []
    galat(client, "/uji/bagi-nol/")
    assert not surel_galat().exists()


def test_id_permintaan_masuk_dipakai_bila_wajar(client, db, log_json, petugas):
    client.force_login(petugas, backend="django.contrib.auth.backends.ModelBackend")
    r = client.get("/", headers={"X-Request-ID": "abc"})  # too short: replaced
    assert len(r["X-Request-ID"]) == 32 and r["X-Request-ID"] != "abc"
    r = client.get("/", headers={"X-Request-ID": 'x"}\n{"palsu": 1'})
    assert r["X-Request-ID"].isalnum()
    baris = [b for b in log_json() if b["logger"] == "pst.permintaan"]
    assert [b["user_id"] for b in baris] == [petugas.pk, petugas.pk]
    assert baris[-1]["route"] == "beranda" and baris[-1]["request_id"] == r["X-Request-ID"]


@pytest.mark.parametrize("jalur, status", [("/tidak-ada/", 404), ("/transaksi/tenggat/", 403)])
def test_baris_django_untuk_jawaban_4xx_membawa_id_permintaan(client, db, log_json, pengunjung, jalur, status):
    """Django's own "Not Found"/"Forbidden" line is found by the request id like the rest."""
    client.force_login(pengunjung, backend="django.contrib.auth.backends.ModelBackend")
    r = client.get(jalur, headers={"X-Request-ID": "lb-4xx-1234567890ab"})
    assert r.status_code == status
    baris = [b for b in log_json() if b["logger"] == "django.request"]
    assert baris and {b["request_id"] for b in baris} == {"lb-4xx-1234567890ab"}


def test_tugas_celery_membawa_id_permintaan(db, log_json):
    headers = {}
    token = log.ID_PERMINTAAN.set("req-aaaabbbbcccc")
    try:
        log.tempel_ke_tugas(headers=headers)
    finally:
        log.ID_PERMINTAAN.reset(token)
    assert headers == {"request_id": "req-aaaabbbbcccc"}

    kesehatan_log = logging.getLogger("pst_layanan.notifikasi")
    hasil = celery_app.tasks["pst_layanan.tasks.kirim_surel_task"].apply(args=[999_999], headers=headers)
    assert hasil.result is False
    kesehatan_log.warning("di luar tugas")
    baris = log_json()
    dalam = [b for b in baris if b["logger"] == "celery.app.trace"]
    assert dalam and all(b["request_id"] == "req-aaaabbbbcccc" for b in dalam)
    assert baris[-1]["request_id"] is None or baris[-1]["request_id"] == "-"


@pytest.mark.parametrize("tingkat", ["WARNING", "INFO"])
def test_worker_dan_beat_memakai_log_level(tmp_path, tingkat):
    """The systemd units start worker and beat with `--loglevel INFO`; Celery set the root
    logger to it after Django had, so LOG_LEVEL=WARNING left them logging every task."""
    from tests.keamanan.test_pengaturan_produksi import jalankan

    siapkan = "from pst_layanan.celery import app; app.log.setup_logging_subsystem(loglevel='INFO')"
    cetak = "import logging; print(logging.getLevelName(logging.getLogger().level))"
    hasil = jalankan(["-c", f"import django; django.setup(); {siapkan}; {cetak}"], tmp_path, LOG_LEVEL=tingkat)
    assert hasil.stdout.strip() == tingkat, hasil.stderr


def test_beat_tanpa_database_satu_catatan_bukan_ribuan(tmp_path):
    """Beat cannot start while the database is down and systemd restarts it every 5 s:
    its traceback, written to a stderr Celery had redirected into logging, came out as
    ~1,500 WARNING records (one per fragment) each time. The CRITICAL record holds it whole."""
    from tests.keamanan.test_pengaturan_produksi import jalankan

    hasil = jalankan(
        ["-m", "celery", "-A", "pst_layanan", "beat", "--pidfile="],
        tmp_path,
        LOG_FORMAT="json",
        DATABASE_URL=f"sqlite:///{tmp_path / 'tidak-ada' / 'pst.sqlite3'}",
    )
    assert hasil.returncode == 1
    catatan = [json.loads(b) for b in (hasil.stdout + hasil.stderr).splitlines() if b.startswith("{")]
    assert not [c for c in catatan if c["logger"] == "celery.redirected"]
    [kritis] = [c for c in catatan if c["level"] == "CRITICAL"]
    assert "OperationalError" in kritis["exc"]


# --- stuck work -----------------------------------------------------------------------


def test_pekerjaan_macet_diperingatkan_sekali_per_kejadian(db, supervisor, admin, django_capture_on_commit_callbacks):
    def peringatan_macet():
        return [m for m in mail.outbox if m.subject.startswith("[PST] Pekerjaan macet")]

    with time_machine.travel(SENIN_PAGI, tick=False) as mesin:
        detak_beat_task.apply()
        assert periksa_macet_task.apply().result == []
        macet = Surel.objects.create(penerima=["a@contoh.id"], subjek="x", isi="y")
        mesin.shift(timedelta(minutes=31))
        detak_beat_task.apply()
        with django_capture_on_commit_callbacks(execute=True):
            assert periksa_macet_task.apply().result == ["surel"]
        assert len(peringatan_macet()) == 1
        pesan = peringatan_macet()[0]
        assert sorted(pesan.to) == ["ops@bps.go.id", "supervisor@bps.go.id"]
        assert "1 surel belum terkirim lebih dari 30 menit" in pesan.body

        # Still stuck five minutes later: no second alert for the same incident.
        mesin.shift(timedelta(minutes=5))
        detak_beat_task.apply()
        assert periksa_macet_task.apply().result == []
        assert len(peringatan_macet()) == 1

        # Cleared, then stuck again: a new incident, a new alert. The heartbeat
        # stopped too: an incident once a second check in a row finds it late.
        kirim_satu(macet.pk)
        assert periksa_macet_task.apply().result == []
        Surel.objects.create(penerima=["a@contoh.id"], subjek="x", isi="y")
        mesin.shift(timedelta(minutes=31))
        with django_capture_on_commit_callbacks(execute=True):
            assert periksa_macet_task.apply().result == ["surel"]
            mesin.shift(timedelta(minutes=5))
            assert periksa_macet_task.apply().result == ["beat"]
        assert len(peringatan_macet()) == 3
        assert "Detak beat tidak ada atau terlambat" in peringatan_macet()[-1].body


def test_peringatan_macet_yang_gagal_diantrekan_dicoba_lagi(
    db, supervisor, monkeypatch, django_capture_on_commit_callbacks
):
    """The alert's outbox row cannot be written (the database drops as the
    check ends): the incident is not recorded as told, so the next check
    alerts it, instead of the supervisors never hearing of it."""
    from django.db import OperationalError

    asli = notifikasi.simpan_surel

    def putus(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    with time_machine.travel(SENIN_PAGI, tick=False) as mesin:
        detak_beat_task.apply()
        Surel.objects.create(penerima=["a@contoh.id"], subjek="x", isi="y")
        mesin.shift(timedelta(minutes=31))
        detak_beat_task.apply()
        monkeypatch.setattr(notifikasi, "simpan_surel", putus)
        with pytest.raises(OperationalError):
            peringatan.periksa_macet()
        monkeypatch.setattr(notifikasi, "simpan_surel", asli)
        mesin.shift(timedelta(minutes=5))
        detak_beat_task.apply()
        with django_capture_on_commit_callbacks(execute=True):
            assert peringatan.periksa_macet() == ["surel"]
    assert [m for m in mail.outbox if m.subject.startswith("[PST] Pekerjaan macet")]


def test_beat_yang_baru_mulai_lagi_tidak_dilaporkan_macet(db, supervisor, django_capture_on_commit_callbacks):
    """Beat sends the check and the heartbeat at the same moment when it starts
    again after a pause (a reboot, a restore): the first check may run before
    the first heartbeat lands. It was sent by that beat, so beat runs: no
    "scheduled jobs are not running" mail to the supervisors."""
    with time_machine.travel(SENIN_PAGI, tick=False) as mesin:
        detak_beat_task.apply()
        assert periksa_macet_task.apply().result == []
        mesin.shift(timedelta(hours=2))  # beat stopped, then started again
        with django_capture_on_commit_callbacks(execute=True):
            assert periksa_macet_task.apply().result == []
            detak_beat_task.apply()
            mesin.shift(timedelta(minutes=5))
            assert periksa_macet_task.apply().result == []
    assert not [m for m in mail.outbox if m.subject.startswith("[PST] Pekerjaan macet")]


def test_detak_yang_tak_kunjung_datang_dilaporkan_pada_pemeriksaan_berikutnya(
    db, supervisor, django_capture_on_commit_callbacks
):
    """Beat runs the checks but the heartbeat task never lands (disabled in
    the admin, failing): the second check in a row that finds it late reports it."""
    with time_machine.travel(SENIN_PAGI, tick=False) as mesin:
        detak_beat_task.apply()
        mesin.shift(timedelta(minutes=10))
        with django_capture_on_commit_callbacks(execute=True):
            assert periksa_macet_task.apply().result == []
            mesin.shift(timedelta(minutes=5))
            assert periksa_macet_task.apply().result == ["beat"]
    [pesan] = [m for m in mail.outbox if m.subject.startswith("[PST] Pekerjaan macet")]
    assert "Detak beat tidak ada atau terlambat" in pesan.body


def test_peringatan_macet_dalam_bahasa_penerimanya(db, supervisor, django_capture_on_commit_callbacks):
    """Each finding reads in the recipient's language, like the lines around it."""
    supervisor.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    with time_machine.travel(SENIN_PAGI, tick=False) as mesin:
        periksa_macet_task.apply()  # no heartbeat ever: late at the next check too
        Surel.objects.create(penerima=["a@contoh.id"], subjek="x", isi="y")
        mesin.shift(timedelta(minutes=31))
        with django_capture_on_commit_callbacks(execute=True):
            assert sorted(periksa_macet_task.apply().result) == ["beat", "surel"]
    [pesan] = [m for m in mail.outbox if m.to == [supervisor.email]]
    assert "The PST Layanan operations check found stuck work" in pesan.body
    assert "1 e-mail unsent for more than 30 minutes." in pesan.body
    assert "Beat heartbeat missing or late: scheduled jobs are not running." in pesan.body
    assert "belum terkirim" not in pesan.body and "Detak beat" not in pesan.body
    # The subject names the kinds in the reader's language too, not by their internal keys.
    assert pesan.subject == "[PST] Stuck work: e-mail, beat heartbeat"


def test_peringatan_macet_dikirim_langsung_ke_penerima_setiap_bahasa(db, supervisor, admin):
    """The outbox is what is stuck (no queued row is sent): the alert is sent
    from the check itself to every recipient, not only to those who read the
    first language: an English-reading supervisor hears of it as the
    Indonesian-reading operators do."""
    supervisor.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    with time_machine.travel(SENIN_PAGI, tick=False) as mesin:
        detak_beat_task.apply()
        Surel.objects.create(penerima=["a@contoh.id"], subjek="x", isi="y")
        mesin.shift(timedelta(minutes=31))
        detak_beat_task.apply()
        assert periksa_macet_task.apply().result == ["surel"]
    assert sorted(a for m in mail.outbox for a in m.to) == ["ops@bps.go.id", supervisor.email]


def test_eskalasi_yang_tidak_terkirim_termasuk_pekerjaan_macet(pengunjung, petugas):
    from tests import pabrik
    from transaksi import tenggat

    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        t = pabrik.transaksi_diajukan(pengunjung)  # deadline Wed 25 March 15.30 WIB
    for menit, macet in ((29, False), (31, True)):
        now = t.batas_waktu + timedelta(minutes=menit)
        with time_machine.travel(now, tick=False):
            kesehatan.catat_detak()
            assert ("eskalasi" in peringatan.cek_macet(now)) is macet
    with time_machine.travel(now, tick=False):
        tenggat.eskalasi()  # the job ran: nothing stuck any more
        assert "eskalasi" not in peringatan.cek_macet(now)


def test_sentry_tanpa_paket_menghentikan_start_dengan_pesan_jelas(monkeypatch):
    import sys

    from django.core.exceptions import ImproperlyConfigured

    from pst_layanan.sentry import pasang_sentry

    monkeypatch.setitem(sys.modules, "sentry_sdk", None)  # as if not installed
    with pytest.raises(ImproperlyConfigured, match="pip install sentry-sdk"):
        pasang_sentry("https://kunci@sentry.example/1", "produksi")


def test_token_di_alamat_tidak_masuk_log(client, db, log_json):
    """A ticket's or an account link's token opens that page: the log line keeps the route, not the key."""
    for url in ("/antrian/t/RahasiaTiket123/", "/akun/verifikasi/RahasiaAkun456/", "/penilaian/tiket/RahasiaNilai789/"):
        client.get(url)
    semua = log_json()
    baris = [b for b in semua if b["logger"] == "pst.permintaan"]
    assert [b["path"] for b in baris] == ["/antrian/t/***/", "/akun/verifikasi/***/", "/penilaian/tiket/***/"]
    assert "Not Found: /antrian/t/***/" in [b["message"] for b in semua if b["logger"] == "django.request"]
    assert not any("Rahasia" in b["message"] for b in semua)


def test_penolakan_dicatat_satu_baris_tanpa_jejak(client, db, log_json, pengunjung):
    """A visitor opening an officer's page is refused 403 all day long: one
    warning line each, not a traceback of the same refusal every time."""
    client.force_login(pengunjung)
    assert client.get(reverse("transaksi:periksa")).status_code == 403
    [tolak] = [b for b in log_json() if b["logger"] == "django.request"]
    assert tolak["level"] == "WARNING" and "Forbidden" in tolak["message"] and "exc" not in tolak


def test_pdf_tidak_menulis_langkah_weasyprint_ke_log(caplog):
    """Every invoice, receipt and report PDF would write WeasyPrint's seven
    progress lines at INFO, the production level: the log keeps its warnings only."""
    from weasyprint import HTML

    caplog.set_level(logging.INFO)
    HTML(string="<p>Kuitansi</p>").write_pdf()
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]


@pytest.mark.urls("tests.inti.urls_galat")
@pytest.mark.parametrize(
    "bahasa, belum_tersimpan, janji_palsu",
    [
        ("id", "kirimannya mungkin belum tersimpan", "tidak hilang"),
        ("en", "it may not have been saved", "not lost"),
    ],
)
def test_halaman_500_tidak_menjanjikan_kiriman_tersimpan(client, db, bahasa, belum_tersimpan, janji_palsu):
    """A form sent while the database was down is not saved: the 500 page told the
    visitor their input was not lost, so they would not check and send it again."""
    client.raise_request_exception = False
    r = client.post("/uji/bagi-nol/", {"nama": "Ani"}, headers={"Accept-Language": bahasa})
    teks = " ".join(r.content.decode().split())
    assert r.status_code == 500
    assert belum_tersimpan in teks and janji_palsu not in teks
