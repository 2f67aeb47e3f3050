"""Beat: requirement files past retention are deleted daily, 02.30 WIB (transaksi/retensi.py)."""

from django.db import migrations

NAMA = "Retensi: hapus berkas dokumen persyaratan"


def buat(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    jadwal, _ = CrontabSchedule.objects.get_or_create(
        minute="30", hour="2", day_of_month="*", month_of_year="*", day_of_week="*", timezone="Asia/Jakarta"
    )
    PeriodicTask.objects.get_or_create(
        name=NAMA, defaults={"task": "transaksi.tasks.retensi_dokumen_task", "crontab": jadwal}
    )


def hapus(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAMA).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("transaksi", "0005_pembayaran"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(buat, hapus)]
