"""What officers and visitors see of the deadlines: the board, the admin, the
promised date; and what the office calendar and beat configuration do."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from conftest import buat_pengguna
from pst_layanan.celery import app as celery_app
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor
from pst_layanan.models import HariKantor, Kantor
from pst_layanan.roles import PENGAWAS_PROVINSI, PETUGAS
from tests import pabrik
from transaksi.models import Jam, RiwayatTransaksi, Status, Transaksi

pytestmark = pytest.mark.django_db

DIAJUKAN = datetime(2026, 3, 13, 10, 0, tzinfo=WIB)
BATAS = datetime(2026, 3, 25, 15, 30, tzinfo=WIB)
PAPAN = reverse("transaksi:tenggat")


def pada(waktu):
    return time_machine.travel(waktu, tick=False)


def buat_banyak(pemohon, n, mulai=0, **kolom):
    """Open transactions straight in the table (the board only reads them)."""
    data = {"status": Status.DIAJUKAN, "jam": Jam.PERIKSA, "jam_mulai": DIAJUKAN, "batas_waktu": BATAS, **kolom}
    return Transaksi.objects.bulk_create(
        Transaksi(nomor=f"PST-2026-9{mulai + i:05d}", pemohon=pemohon, keperluan="Uji", **data) for i in range(n)
    )


# --- the board ------------------------------------------------------------------------


def test_papan_urut_batas_waktu_dengan_sisa_dan_terlambat_disorot(klien_untuk, petugas, pengunjung):
    [telat] = buat_banyak(pengunjung, 1, batas_waktu=datetime(2026, 3, 24, 15, 30, tzinfo=WIB) - timedelta(days=7))
    [nanti] = buat_banyak(pengunjung, 1, mulai=1, batas_waktu=datetime(2026, 3, 30, 15, 30, tzinfo=WIB))
    [hari_ini] = buat_banyak(pengunjung, 1, mulai=2)
    [pemohon] = buat_banyak(pengunjung, 1, mulai=3, status=Status.PERLU_PERBAIKAN, jam="", batas_waktu=None)
    buat_banyak(pengunjung, 1, mulai=4, status=Status.DRAF, jam="", batas_waktu=None)
    with pada(datetime(2026, 3, 25, 9, 0, tzinfo=WIB)):
        html = klien_untuk(petugas).get(PAPAN).content.decode()
    urutan = [html.index(t.nomor) for t in (telat, hari_ini, nanti, pemohon)]
    assert urutan == sorted(urutan)
    assert "PST-2026-900004" not in html  # a draft is the visitor's own business
    assert "terlambat 1 hari kerja" in html and "sisa 6 jam 30 menit" in html and "sisa 3 hari kerja" in html
    assert "menunggu pemohon" in html
    assert html.count('class="table-danger"') == 1 and html.count('class="table-warning"') == 1


def test_papan_pada_detik_batas_waktu_belum_terlambat(klien_untuk, petugas, pengunjung):
    """At the very second of the deadline the clock is not late (escalation,
    the row's colour, the visitor's page and compliance all count a decision
    then as in time): the row says so in its words too, and is late from the
    next second."""
    [t] = buat_banyak(pengunjung, 1)
    klien = klien_untuk(petugas)

    def baris(waktu):
        with pada(waktu):
            sebelum, sesudah = klien.get(PAPAN).content.decode().split(t.nomor, 1)
        return sebelum.rsplit("<tr", 1)[1] + sesudah.split("</tr>", 1)[0]

    tepat = baris(BATAS)
    assert "sisa 1 menit" in tepat and "terlambat" not in tepat
    assert 'class="table-warning"' in tepat  # still due today, not yet overdue
    lewat = baris(BATAS + timedelta(seconds=1))
    assert "terlambat 1 menit" in lewat and 'class="table-danger"' in lewat


@pytest.mark.parametrize(
    "bahasa, kalimat",
    [
        ("id", "tagihan terbit 1 hari kerja sejak lengkap, bukti bayar diperiksa 2 hari kerja sejak dikirim"),
        ("en", "invoice issued 1 working day after completion, proof of payment checked 2 working days after it"),
        ("id", "1 transaksi."),
        ("en", "1 transaction."),
    ],
)
def test_papan_dalam_bahasa_pembaca_dengan_tunggal(klien_untuk, petugas, pengunjung, bahasa, kalimat):
    """The board's introduction states the office's own targets and its count
    of transactions, one in the singular."""
    buat_banyak(pengunjung, 1)
    k = kantor()
    k.target_tagihan_hari_kerja, k.target_verifikasi_hari_kerja = 1, 2
    k.save()
    petugas.bahasa = bahasa
    petugas.save(update_fields=["bahasa"])
    html = " ".join(klien_untuk(petugas).get(PAPAN).content.decode().split())
    assert kalimat in html


@pytest.mark.parametrize(
    "target_kota, bahasa, kalimat",
    [
        ((1, 2), "id", "tagihan terbit 1 hari kerja sejak lengkap, bukti bayar diperiksa 2 hari kerja sejak dikirim"),
        ((3, 2), "id", "Target internal (bukan langkah SOP) menurut target kantor masing-masing"),
        ((3, 2), "en", "Internal targets (not SOP steps) follow each office's own targets"),
    ],
)
def test_papan_beberapa_kantor_menyebut_target_yang_berlaku(
    klien_untuk, pengunjung, kota, target_kota, bahasa, kalimat
):
    """An officer of two offices: one sentence of targets when both offices
    set the same, else no office's figures stated as if they held for every row."""
    Kantor.objects.update(target_tagihan_hari_kerja=1, target_verifikasi_hari_kerja=2)
    Kantor.objects.filter(pk=kota.pk).update(
        target_tagihan_hari_kerja=target_kota[0], target_verifikasi_hari_kerja=target_kota[1]
    )
    petugas = buat_pengguna("petugas2@bps.go.id", PETUGAS, kantor=kota, bahasa=bahasa)
    petugas.kantor.add(kantor())
    buat_banyak(pengunjung, 1)
    html = " ".join(klien_untuk(petugas).get(PAPAN).content.decode().split())
    assert kalimat in html
    if target_kota == (3, 2):
        assert "tagihan terbit 1 hari kerja" not in html and "invoice issued 1 working day" not in html


@pytest.mark.parametrize(
    "target_kota, bahasa, kalimat",
    [
        (
            (1, 2),
            "id",
            "Antrean pemeriksaan (SOP langkah 15): 4 hari kerja sejak diajukan; "
            "penyerahan produk (SOP langkah 17): 1 hari kerja sejak persyaratan lengkap",
        ),
        (
            (3, 2),
            "en",
            "Requirements check queue (SOP step 15): 4 working days from submission; "
            "product delivery (SOP step 17): 1 working day from complete requirements",
        ),
    ],
)
def test_papan_menyebut_standar_dan_langkah_sop(
    klien_untuk, pengunjung, kota, sop_diubah, langkah_diubah, target_kota, bahasa, kalimat
):
    """Both introductions (one office's targets, or several offices') state
    the step-5 and step-7 standards and step numbers as sop.py declares them."""
    Kantor.objects.filter(pk=kota.pk).update(
        target_tagihan_hari_kerja=target_kota[0], target_verifikasi_hari_kerja=target_kota[1]
    )
    Kantor.objects.exclude(pk=kota.pk).update(target_tagihan_hari_kerja=1, target_verifikasi_hari_kerja=2)
    petugas = buat_pengguna("petugas2@bps.go.id", PETUGAS, kantor=kota, bahasa=bahasa)
    petugas.kantor.add(kantor())
    buat_banyak(pengunjung, 1)
    html = " ".join(klien_untuk(petugas).get(PAPAN).content.decode().split())
    assert kalimat in html


@pytest.mark.parametrize(
    "saring, diharapkan",
    [
        ("saya=on", {"milik-saya"}),
        ("tanpa_petugas=on", {"tanpa-petugas", "telat", "proses"}),
        ("terlambat=on", {"telat"}),
        ("hari_ini=on", {"tanpa-petugas", "milik-saya"}),
        ("status=diproses", {"proses"}),
        ("jam=proses", {"proses"}),
        ("", {"milik-saya", "tanpa-petugas", "telat", "proses"}),
        # A refused filter (a hand-made or stale link) lists nothing, not the whole board.
        ("saya=on&status=tidak-ada", set()),
    ],
)
def test_saringan_papan(saring, diharapkan, klien_untuk, petugas, pengunjung):
    nama = {}
    nama["milik-saya"] = buat_banyak(pengunjung, 1, petugas=petugas)[0]
    nama["tanpa-petugas"] = buat_banyak(pengunjung, 1, mulai=1)[0]
    nama["telat"] = buat_banyak(pengunjung, 1, mulai=2, batas_waktu=BATAS - timedelta(days=1))[0]
    nama["proses"] = buat_banyak(
        pengunjung, 1, mulai=3, status=Status.DIPROSES, jam=Jam.PROSES, batas_waktu=BATAS + timedelta(days=10)
    )[0]
    with pada(datetime(2026, 3, 25, 9, 0, tzinfo=WIB)):
        html = klien_untuk(petugas).get(f"{PAPAN}?{saring}").content.decode()
    assert {k for k, t in nama.items() if t.nomor in html} == diharapkan


def test_saringan_papan_ditolak_tampak_pada_isiannya(klien_untuk, petugas):
    """A refused filter lists nothing; its control shows the value refused,
    marked and explained under it as on the visit history, not "Semua status"
    as if every status had been asked for and none were open."""
    with pada(datetime(2026, 3, 25, 9, 0, tzinfo=WIB)):
        html = klien_untuk(petugas).get(f"{PAPAN}?saya=on&status=tidak-ada").content.decode()
    assert "Saringan tidak sah, jadi tidak ada yang ditampilkan. Status:" in html
    assert 'class="form-select form-select-sm is-invalid" name="status" id="id_status"' in html
    assert 'aria-invalid="true" aria-describedby="id_status_error"' in html
    assert '<option value="">Semua status</option>' in html and '<option value="tidak-ada" selected>' in html
    assert '<div class="text-danger small" id="id_status_error">Masukkan pilihan yang valid.' in html
    # The other controls are as asked: no error of theirs, the box still ticked.
    assert 'name="jam" id="id_jam">' in html and 'id="id_saya" value="on" checked' in html


def test_papan_berhalaman_dan_jumlah_kueri_terbatas(
    klien_untuk, petugas, pengunjung, pengunjung_lain, django_assert_max_num_queries
):
    buat_banyak(pengunjung, 60, petugas=petugas)
    buat_banyak(pengunjung_lain, 60, mulai=60)
    klien = klien_untuk(petugas)
    with pada(datetime(2026, 3, 20, 9, 0, tzinfo=WIB)):
        klien.get(PAPAN)  # warm the calendar cache
        with django_assert_max_num_queries(10):
            halaman_1 = klien.get(PAPAN).content.decode()
        halaman_3 = klien.get(f"{PAPAN}?halaman=3").content.decode()
    assert "120 transaksi" in halaman_1 and "Halaman 1 dari 3" in halaman_1
    assert halaman_1.count("sisa 1 hari kerja") == 50 and halaman_3.count("sisa 1 hari kerja") == 20


def test_papan_menghitung_sisa_hari_kerja_pada_kalender_kantor_transaksinya(klien_untuk, pengunjung):
    kota = Kantor.objects.create(kode="1771", nama="BPS Kota Bengkulu", email="pst1771@bps.go.id")
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS)
    petugas_kota.kantor.add(kota)
    HariKantor.objects.create(kantor=kota, tanggal="2026-04-13", jenis=HariKantor.Jenis.TUTUP, keterangan="HUT")
    # Due Tue 14 Apr 15.30 at 1771; from Fri 10 Apr its only working day left is that Tuesday.
    [t] = buat_banyak(pengunjung, 1, kantor=kota, batas_waktu=datetime(2026, 4, 14, 15, 30, tzinfo=WIB))
    with pada(datetime(2026, 4, 10, 9, 0, tzinfo=WIB)):
        html = klien_untuk(petugas_kota).get(PAPAN).content.decode()
    assert t.nomor in html and "sisa 1 hari kerja" in html and "sisa 2 hari kerja" not in html


def test_papan_pengawas_provinsi_menyebut_kantor_dan_menampilkan_satu_kantor(klien_untuk, pengunjung, kota):
    """The province supervisor's board mixes every office: each row names its
    office, and `?kantor=<code>` shows one, as on their report pages."""
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    [provinsi] = buat_banyak(pengunjung, 1)
    [di_kota] = buat_banyak(pengunjung, 1, mulai=1, kantor=kota)
    klien = klien_untuk(pengawas)
    with pada(datetime(2026, 3, 20, 9, 0, tzinfo=WIB)):
        semua = klien.get(PAPAN).content.decode()
        satu = klien.get(f"{PAPAN}?kantor=1771").content.decode()
    assert provinsi.nomor in semua and di_kota.nomor in semua and "BPS Kota Bengkulu</td>" in semua
    assert di_kota.nomor in satu and provinsi.nomor not in satu and "1 transaksi." in satu
    # An office not known: not every office's board as if none were asked for.
    with pada(datetime(2026, 3, 20, 9, 0, tzinfo=WIB)):
        salah = klien.get(f"{PAPAN}?kantor=9999").content.decode()
    assert provinsi.nomor not in salah and di_kota.nomor not in salah
    assert "Saringan tidak sah, jadi tidak ada yang ditampilkan. Kantor:" in salah
    assert '<option value="9999" selected>9999</option>' in salah and 'id="id_kantor_error"' in salah


def test_papan_hanya_untuk_petugas(client, klien_untuk, pengunjung, resepsionis, supervisor):
    assert client.get(PAPAN).status_code == 302
    assert klien_untuk(pengunjung).get(PAPAN).status_code == 403
    assert klien_untuk(resepsionis).get(PAPAN).status_code == 403
    assert klien_untuk(supervisor).get(PAPAN).status_code == 200


def test_halaman_pemohon_menjanjikan_tanggal(klien_untuk, pengunjung):
    with pada(DIAJUKAN):
        t = pabrik.transaksi_diajukan(pengunjung)
        html = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    assert "paling lambat Rabu, 25 Maret 2026 pukul 15.30 WIB" in html


# --- the office calendar moves open deadlines --------------------------------------------


def test_penutupan_kantor_lewat_admin_menggeser_batas_waktu_satu_hari_kerja(
    klien_untuk, supervisor, pengunjung, django_capture_on_commit_callbacks
):
    with pada(DIAJUKAN):
        t = pabrik.transaksi_diajukan(pengunjung)
        [berhenti] = buat_banyak(pengunjung, 1, status=Status.PERLU_PERBAIKAN, jam="", jam_mulai=None, batas_waktu=None)
        klien = klien_untuk(supervisor)
        tambah = reverse("admin:pst_layanan_harikantor_add")
        # The supervisor's own office, which the form offers already chosen.
        kantor = klien.get(tambah).context["adminform"].form["kantor"].initial
        data = {
            "kantor": kantor,
            "tanggal": "2026-03-16",
            "jenis": HariKantor.Jenis.TUTUP,
            "keterangan": "Kantor tutup: pemadaman listrik",
        }
        with django_capture_on_commit_callbacks(execute=True):
            response = klien.post(tambah, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    t.refresh_from_db()
    # Mon 16 closed: Tue 17, Wed 25, Thu 26.
    assert t.batas_waktu == datetime(2026, 3, 26, 15, 30, tzinfo=WIB)
    ulang = t.riwayat.get(jenis=RiwayatTransaksi.Jenis.JAM_DIHITUNG_ULANG)
    assert ulang.batas_waktu == t.batas_waktu
    assert "Kalender kantor berubah" in ulang.catatan and "Kamis, 26 Maret 2026 pukul 15.30 WIB" in ulang.catatan
    berhenti.refresh_from_db()
    assert berhenti.batas_waktu is None and not berhenti.riwayat.exists()

    # Revoking the closure puts the deadline back.
    hari = HariKantor.objects.get(tanggal="2026-03-16")
    with pada(DIAJUKAN), django_capture_on_commit_callbacks(execute=True):
        response = klien.post(reverse("admin:pst_layanan_harikantor_delete", args=[hari.pk]), {"post": "yes"})
        assert response.status_code == 302
    t.refresh_from_db()
    assert t.batas_waktu == BATAS
    assert t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.JAM_DIHITUNG_ULANG).count() == 2


def test_penutupan_di_luar_rentang_jam_tidak_mengubah_apa_pun(pengunjung, django_capture_on_commit_callbacks):
    with pada(DIAJUKAN):
        t = pabrik.transaksi_diajukan(pengunjung)
        with django_capture_on_commit_callbacks(execute=True):
            HariKantor.objects.create(tanggal="2026-03-27", jenis=HariKantor.Jenis.TUTUP, keterangan="Sesudah batas")
    t.refresh_from_db()
    assert t.batas_waktu == BATAS and not t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.JAM_DIHITUNG_ULANG).exists()


def test_batas_waktu_mundur_menghapus_tanda_eskalasi(pengunjung, django_capture_on_commit_callbacks):
    from transaksi import tenggat

    with pada(DIAJUKAN):
        t = pabrik.transaksi_diajukan(pengunjung)
    with pada(datetime(2026, 3, 25, 15, 31, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        tenggat.eskalasi()
        # The office declares Wed 25 closed after all: the deadline moves to Thu 26, no longer overdue.
        HariKantor.objects.create(tanggal="2026-03-25", jenis=HariKantor.Jenis.TUTUP, keterangan="Banjir")
    t.refresh_from_db()
    assert t.batas_waktu == datetime(2026, 3, 26, 15, 30, tzinfo=WIB) and t.eskalasi_pada is None


# --- beat configuration -------------------------------------------------------------------


def test_jadwal_beat_ada_setelah_migrate_dan_tugasnya_terdaftar():
    jadwal = PeriodicTask.objects.filter(name__startswith="Tenggat:").select_related("interval")
    assert {p.task for p in jadwal} == {
        "transaksi.tasks.pengingat_task",
        "transaksi.tasks.eskalasi_task",
        "transaksi.tasks.tagihan_kedaluwarsa_task",
        "penilaian.tasks.pengingat_penilaian_task",
        "penilaian.tasks.tutup_otomatis_task",
    }
    assert all(p.enabled and (p.interval.every, p.interval.period) == (10, "minutes") for p in jadwal)
    celery_app.loader.import_default_modules()
    assert {p.task for p in jadwal} <= set(celery_app.tasks)


# --- admin ----------------------------------------------------------------------------------


def test_admin_transaksi_menampilkan_dan_menyaring_tenggat(klien_untuk, supervisor, pengunjung):
    [telat] = buat_banyak(pengunjung, 1, batas_waktu=BATAS - timedelta(days=1))
    [aman] = buat_banyak(pengunjung, 1, mulai=1, batas_waktu=BATAS + timedelta(days=5))
    daftar = reverse("admin:transaksi_transaksi_changelist")
    klien = klien_untuk(supervisor)
    with pada(datetime(2026, 3, 25, 9, 0, tzinfo=WIB)):
        html = klien.get(f"{daftar}?tenggat=terlambat").content.decode()
    assert telat.nomor in html and aman.nomor not in html and "⚠ terlambat 1 hari kerja" in html


def test_aksi_admin_eskalasi_lewat_layanan_yang_sama(
    klien_untuk, supervisor, pengunjung, django_capture_on_commit_callbacks
):
    from django.core import mail

    [telat] = buat_banyak(pengunjung, 1, batas_waktu=BATAS - timedelta(days=1))
    [aman] = buat_banyak(pengunjung, 1, mulai=1, batas_waktu=BATAS + timedelta(days=5))
    daftar = reverse("admin:transaksi_transaksi_changelist")
    klien = klien_untuk(supervisor)
    data = {"action": "tenggat_eskalasi", "_selected_action": [telat.pk, aman.pk]}
    with pada(datetime(2026, 3, 25, 9, 0, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        pertama = klien.post(daftar, data, follow=True).content.decode()
        kedua = klien.post(daftar, data, follow=True).content.decode()  # twice: nothing more
    assert "1 transaksi dieskalasi (yang lain belum terlambat" in pertama
    assert "0 transaksi dieskalasi" in kedua
    telat.refresh_from_db()
    aman.refresh_from_db()
    assert telat.eskalasi_pada is not None and aman.eskalasi_pada is None
    assert len([m for m in mail.outbox if m.subject.startswith("Eskalasi")]) == 1


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 5, 30, 10, 0, tzinfo=WIB),  # Saturday
        datetime(2026, 6, 1, 8, 30, tzinfo=WIB),  # Monday, Hari Lahir Pancasila
        datetime(2026, 6, 2, 9, 0, tzinfo=WIB),  # Tuesday, the first working day after
    ],
)
def test_papan_menyatakan_keterlambatan_lewat_akhir_pekan_dalam_hari_kerja(
    klien_untuk, petugas, pengunjung, django_assert_max_num_queries, now
):
    """A deadline that closed on Friday 29 May 2026 at 16.00, read over the
    weekend and the Monday holiday: the officer reads the lateness in working
    days, as the deadline is set (the first working day after it is already
    late), not "terlambat 18 jam" or "terlambat 88 jam" of wall-clock time."""
    [t] = buat_banyak(pengunjung, 1, batas_waktu=datetime(2026, 5, 29, 16, 0, tzinfo=WIB))
    klien = klien_untuk(petugas)
    with pada(now):
        klien.get(PAPAN)  # warm the calendar cache
        with django_assert_max_num_queries(10):
            html = klien.get(PAPAN).content.decode()
    assert t.nomor in html and "terlambat 1 hari kerja" in html and " jam" not in html.split(t.nomor, 1)[1]


@pytest.mark.parametrize(
    "aksi, keterangan, hasil",
    [
        (
            "tenggat_hitung_ulang",
            "Hitung ulang batas waktu dari kalender kantor",
            "1 transaksi batas waktunya berubah.",  # its made-up deadline is not the calendar's
        ),
        (
            "tenggat_pengingat",
            "Kirim pengingat batas waktu yang sudah jatuh tempo",
            "0 transaksi diingatkan (yang lain belum jatuh tempo atau sudah diingatkan).",
        ),
        (
            "tenggat_eskalasi",
            "Eskalasi yang sudah melewati batas waktu",
            "0 transaksi dieskalasi (yang lain belum terlambat atau sudah dieskalasi).",
        ),
    ],
)
def test_aksi_admin_tenggat_bernama_dan_melapor(aksi, keterangan, hasil, klien_untuk, supervisor, pengunjung):
    """Each deadline action of the admin list: its name, its label in the
    actions menu and what it reports after a run on one transaction not yet due."""
    [aman] = buat_banyak(pengunjung, 1, batas_waktu=BATAS + timedelta(days=5))
    daftar = reverse("admin:transaksi_transaksi_changelist")
    klien = klien_untuk(supervisor)
    with pada(datetime(2026, 3, 25, 9, 0, tzinfo=WIB)):
        assert f'<option value="{aksi}">{keterangan}</option>' in klien.get(daftar).content.decode()
        r = klien.post(daftar, {"action": aksi, "_selected_action": [aman.pk]}, follow=True)
    assert [str(m) for m in r.context["messages"]] == [hasil]
