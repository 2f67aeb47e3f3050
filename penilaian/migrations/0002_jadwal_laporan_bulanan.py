"""Beat: last month's report to the supervisors, 06.00 WIB on the 1st."""

from django.db import migrations

NAMA = "Laporan bulanan ke supervisor"


def buat(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    jadwal, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_month="1", month_of_year="*", day_of_week="*", timezone="Asia/Jakarta"
    )
    PeriodicTask.objects.get_or_create(
        name=NAMA, defaults={"task": "penilaian.tasks.laporan_bulanan_task", "crontab": jadwal}
    )


def hapus(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAMA).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("penilaian", "0001_awal"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(buat, hapus)]
