"""The rating jobs moved from transaksi to penilaian (the app of SOP step 8
owns its reminders and auto-close): point their beat schedules, created by
transaksi 0003_tenggat and possibly edited by an administrator since, at the
new task names. Only the task name changes; intervals and on/off stay."""

from django.db import migrations

NAMA_BARU = {
    "transaksi.tasks.pengingat_penilaian_task": "penilaian.tasks.pengingat_penilaian_task",
    "transaksi.tasks.tutup_otomatis_task": "penilaian.tasks.tutup_otomatis_task",
}


def _ganti(apps, peta):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for lama, baru in peta.items():
        PeriodicTask.objects.filter(task=lama).update(task=baru)


def maju(apps, schema_editor):
    _ganti(apps, NAMA_BARU)


def mundur(apps, schema_editor):
    _ganti(apps, {baru: lama for lama, baru in NAMA_BARU.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("penilaian", "0006_profil_responden_dan_rencana_tindak_lanjut"),
        ("transaksi", "0003_tenggat"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(maju, mundur)]
