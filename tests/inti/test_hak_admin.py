"""What each office role can see and change in the admin (least privilege).

The table is the admin's own answer (`has_view/add/change/delete_permission`
of every registered model) for a member of each group: a permission change,
or a new model in the admin, fails here until the table is updated on
purpose. v = view, a = add, c = change, d = delete; models not listed: none.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from conftest import buat_pengguna
from pst_layanan.roles import BENDAHARA, PENGAWAS_PROVINSI, PETUGAS, RESEPSIONIS, SUPERVISOR

pytestmark = pytest.mark.django_db

HAK = {
    # The treasurer reads the money documents; the reconciliation is a page of the site.
    BENDAHARA: {
        "transaksi.BuktiBayar": "v",
        "transaksi.Kuitansi": "v",
        "transaksi.Pengembalian": "v",
        "transaksi.Tagihan": "v",
    },
    # The desk works through its own pages; the admin only shows the queue's frame.
    RESEPSIONIS: {
        "antrian.JanjiTemu": "v",
        "antrian.Layanan": "v",
        "antrian.Loket": "v",
        "antrian.Tiket": "v",
    },
    # Officers read; they correct a visit's outcome and confirm appointments.
    # No outbox, catalogue, tariffs, office, calendar or accounts changes.
    PETUGAS: {
        "antrian.JanjiTemu": "vc",
        "antrian.Kedatangan": "v",
        "antrian.Kunjungan": "vc",
        "antrian.Layanan": "v",
        "antrian.Loket": "v",
        "antrian.Tiket": "v",
        "penilaian.Penilaian": "v",
        "pst_layanan.HariKantor": "v",
        "pst_layanan.Pengguna": "v",
        "transaksi.BerkasProduk": "v",
        "transaksi.BuktiBayar": "v",
        "transaksi.JenisDokumen": "v",
        "transaksi.Kuitansi": "v",
        "transaksi.NomorUrut": "v",
        "transaksi.Pengembalian": "v",
        "transaksi.Produk": "v",
        "transaksi.RiwayatTransaksi": "v",
        "transaksi.SerahTerima": "v",
        "transaksi.Tagihan": "v",
        "transaksi.Transaksi": "v",
        "transaksi.Unduhan": "v",
    },
    # Records (tickets, ratings, transactions, payments, logs) stay read-only
    # even for the supervisor: "c" there is the admin's actions, no field edits.
    SUPERVISOR: {
        "antrian.JanjiTemu": "vcd",  # made on the site, with its time rules
        "antrian.Kedatangan": "vc",
        "antrian.Kunjungan": "vcd",  # made at the desk or in the guest book
        "antrian.Layanan": "vacd",
        "antrian.Loket": "vacd",
        "antrian.Tiket": "vc",
        "axes.AccessAttempt": "vd",
        "axes.AccessFailureLog": "vd",
        "axes.AccessLog": "vd",
        "django_celery_beat.ClockedSchedule": "v",
        "django_celery_beat.CrontabSchedule": "v",
        "django_celery_beat.IntervalSchedule": "v",
        "django_celery_beat.PeriodicTask": "v",
        "django_celery_beat.SolarSchedule": "v",
        "penilaian.LaporanBulanan": "vcd",
        "penilaian.Penilaian": "vc",
        "pst_layanan.AksesDataPribadi": "v",
        "pst_layanan.HariKantor": "vacd",
        "pst_layanan.Kantor": "vc",  # their office's settings; new offices are the province's
        "pst_layanan.Pengguna": "vacd",
        "pst_layanan.Surel": "vc",
        "transaksi.BerkasProduk": "v",
        "transaksi.BuktiBayar": "v",
        "transaksi.JenisDokumen": "vacd",
        "transaksi.Kuitansi": "v",
        "transaksi.NomorUrut": "v",
        "transaksi.Pengembalian": "v",
        "transaksi.Produk": "vacd",
        "transaksi.RiwayatTransaksi": "v",
        "transaksi.SerahTerima": "v",
        "transaksi.Tagihan": "v",
        "transaksi.Transaksi": "vc",
        "transaksi.Unduhan": "v",
    },
}


def hak_di_admin(user) -> dict[str, str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    hasil = {}
    for model, model_admin in admin.site._registry.items():
        cek = (
            ("v", model_admin.has_view_permission),
            ("a", model_admin.has_add_permission),
            ("c", model_admin.has_change_permission),
            ("d", model_admin.has_delete_permission),
        )
        hak = "".join(huruf for huruf, boleh in cek if boleh(request))
        if hak:
            hasil[model._meta.label] = hak
    return hasil


# The province supervisor: a supervisor's rights, adds offices, and changes
# the job schedules every office runs on.
BEAT = ("ClockedSchedule", "CrontabSchedule", "IntervalSchedule", "PeriodicTask", "SolarSchedule")
HAK[PENGAWAS_PROVINSI] = {
    **HAK[SUPERVISOR],
    "pst_layanan.Kantor": "vac",
    **{f"django_celery_beat.{model}": "vacd" for model in BEAT},
}


@pytest.mark.parametrize("peran", [RESEPSIONIS, PETUGAS, SUPERVISOR, BENDAHARA, PENGAWAS_PROVINSI])
def test_tabel_hak_admin_per_peran(peran):
    user = buat_pengguna(f"{peran.split()[0].lower()}@bps.go.id", peran)
    assert hak_di_admin(user) == HAK[peran]


def test_pengunjung_tidak_punya_hak_admin(pengunjung):
    assert hak_di_admin(pengunjung) == {}


def test_supervisor_tidak_dapat_mengubah_superuser(supervisor, klien_untuk):
    """A supervisor manages officers, but cannot set a superuser's password nor
    make anyone a superuser (that would give every right)."""
    from pst_layanan.models import Pengguna

    akar = Pengguna.objects.create_superuser("akar@bps.go.id", "sandi-akar-123", nama_lengkap="Admin TI")
    klien = klien_untuk(supervisor)
    assert klien.get(f"/admin/pst_layanan/pengguna/{akar.pk}/password/").status_code == 403
    r = klien.post(
        f"/admin/pst_layanan/pengguna/{akar.pk}/password/", {"password1": "x-Baru-123456", "password2": "x-Baru-123456"}
    )
    assert r.status_code == 403
    akar.refresh_from_db()
    assert akar.check_password("sandi-akar-123")
    halaman = klien.get(f"/admin/pst_layanan/pengguna/{supervisor.pk}/change/")
    assert halaman.status_code == 200
    assert "is_superuser" not in halaman.context["adminform"].form.fields


def test_jadwal_tugas_diubah_pengawas_provinsi_bukan_supervisor_kantor(klien_untuk):
    """A schedule runs for every office and names any task with any arguments:
    an office's supervisor reads the schedules, the province supervisor changes them."""
    tugas = PeriodicTask.objects.get(task="penilaian.tasks.laporan_bulanan_task")
    url = f"/admin/django_celery_beat/periodictask/{tugas.pk}/change/"
    supervisor = klien_untuk(buat_pengguna("sup@bps.go.id", SUPERVISOR))
    assert supervisor.get(url).status_code == 200
    assert supervisor.post(url, {"name": tugas.name, "enabled": ""}).status_code == 403
    assert supervisor.get("/admin/django_celery_beat/periodictask/add/").status_code == 403
    tugas.refresh_from_db()
    assert tugas.enabled
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    assert pengawas.get("/admin/django_celery_beat/periodictask/add/").status_code == 200


def test_aksi_jadwal_tugas_hanya_untuk_yang_boleh_mengubah(klien_untuk):
    """The schedule list's actions switch every office's jobs off or run them:
    an office's supervisor, who only reads the schedules, is not offered them
    and a crafted POST changes nothing."""
    url = "/admin/django_celery_beat/periodictask/"
    semua = list(PeriodicTask.objects.values_list("pk", flat=True))
    supervisor = klien_untuk(buat_pengguna("sup@bps.go.id", SUPERVISOR))
    assert "disable_tasks" not in supervisor.get(url).content.decode()
    for aksi in ("disable_tasks", "toggle_tasks", "run_tasks"):
        supervisor.post(url, {"action": aksi, "_selected_action": semua, "index": 0})
    assert not PeriodicTask.objects.filter(enabled=False).exists()
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    pengawas.post(url, {"action": "disable_tasks", "_selected_action": semua[:1], "index": 0})
    assert PeriodicTask.objects.filter(enabled=False).count() == 1


def test_jalankan_tugas_saat_broker_mati_memberi_pesan_bukan_halaman_galat(klien_untuk, broker_mati):
    """ "Run selected tasks" is what an operator reaches for when jobs fail; with the
    broker unreachable it says which did not run, never the error page."""
    url = "/admin/django_celery_beat/periodictask/"
    tugas = PeriodicTask.objects.get(task="pst_layanan.tasks.sapu_surel_task")
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    pengawas.raise_request_exception = False
    jawaban = pengawas.post(url, {"action": "run_tasks", "_selected_action": [tugas.pk], "index": 0}, follow=True)
    assert jawaban.status_code == 200
    [pesan] = list(jawaban.context["messages"])
    assert pesan.level_tag == "error"
    assert str(pesan) == f"Tidak dijalankan (antrean tugas tidak terjangkau atau tugas tidak dikenal): {tugas.name}."


def test_jalankan_tugas_mengantrekan_dan_berkata_dalam_bahasa_indonesia(klien_untuk):
    url = "/admin/django_celery_beat/periodictask/"
    tugas = PeriodicTask.objects.get(task="pst_layanan.tasks.sapu_surel_task")
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    jawaban = pengawas.post(url, {"action": "run_tasks", "_selected_action": [tugas.pk], "index": 0}, follow=True)
    assert [str(p) for p in jawaban.context["messages"]] == ["1 tugas diantrekan untuk dijalankan."]


@pytest.mark.parametrize("medan", ["minute", "hour", "day_of_month", "month_of_year", "day_of_week"])
def test_jadwal_cron_yang_tidak_terbaca_penjadwal_ditolak_di_formulir(medan, klien_untuk):
    """ "-1" passes the schedule's own field check but not the parser of the
    task scheduler, which the list and the saved message use to name the
    schedule: saving it gave the error page. It is refused on the form."""
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    jumlah = CrontabSchedule.objects.count()
    data = dict.fromkeys(["minute", "hour", "day_of_month", "month_of_year", "day_of_week"], "*")
    data.update({medan: "-1", "timezone": "Asia/Jakarta"})
    data.update({"periodictask_set-TOTAL_FORMS": "0", "periodictask_set-INITIAL_FORMS": "0"})
    r = pengawas.post("/admin/django_celery_beat/crontabschedule/add/", data)
    assert r.status_code == 200
    assert r.context["adminform"].form.errors == {medan: ["Penjadwal tugas tidak dapat membaca nilai ini."]}
    assert CrontabSchedule.objects.count() == jumlah
    data[medan] = "1-3"
    assert pengawas.post("/admin/django_celery_beat/crontabschedule/add/", data).status_code == 302
    assert CrontabSchedule.objects.count() == jumlah + 1


def test_nama_tugas_terlalu_panjang_ditolak_di_formulir(klien_untuk):
    """A task name past its 200 characters is refused by its own field; the
    schedule form's check then read the name that field had refused and gave
    the error page."""
    tugas = PeriodicTask.objects.get(task="pst_layanan.tasks.sapu_surel_task")
    url = f"/admin/django_celery_beat/periodictask/{tugas.pk}/change/"
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    data = {"name": tugas.name, "task": "a" * 201, "interval": tugas.interval_id, "args": "[]", "kwargs": "{}"}
    r = pengawas.post(url, data)
    assert r.status_code == 200
    assert list(r.context["adminform"].form.errors) == ["task"]
    tugas.refresh_from_db()
    assert tugas.task == "pst_layanan.tasks.sapu_surel_task"


def test_grup_peran_tidak_dapat_dihapus_atau_diganti_nama(klien_untuk):
    """The roles are groups the code finds by name and fills after every
    migrate: deleting one in the admin took the role from every staff member
    holding it, and renaming it left them without its rights. An
    administrator reads them; other groups stay theirs to manage."""
    from django.contrib.auth.models import Group

    from pst_layanan.roles import IZIN_PERAN

    akar = buat_pengguna("akar@bps.go.id", None, is_superuser=True, is_staff=True)
    sup = buat_pengguna("sup@bps.go.id", SUPERVISOR)
    klien = klien_untuk(akar)
    grup = Group.objects.get(name=SUPERVISOR)
    url = f"/admin/auth/group/{grup.pk}/"
    assert klien.get(url + "change/").status_code == 200
    assert klien.post(url + "change/", {"name": "Kepala"}).status_code == 403
    assert klien.post(url + "delete/", {"post": "yes"}).status_code == 403
    r = klien.post("/admin/auth/group/", {"action": "delete_selected", "_selected_action": [grup.pk], "post": "yes"})
    assert r.status_code == 403
    assert Group.objects.filter(name__in=IZIN_PERAN).count() == len(IZIN_PERAN)
    assert set(sup.groups.values_list("name", flat=True)) == {SUPERVISOR}
    lain = Group.objects.create(name="Tim TI")
    assert klien.post(f"/admin/auth/group/{lain.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Group.objects.filter(pk=lain.pk).exists()
