"""Beat schedules created by data migrations, written one way.

Data migrations call `jadwal_harian`/`jadwal_bulanan`/`jadwal_menit` to get a pair of
(forward, backward) functions for `migrations.RunPython`; the schedule is a
django-celery-beat row the supervisor can edit in the admin afterwards.
"""

from __future__ import annotations

ZONA = "Asia/Jakarta"


def _crontab(nama: str, task: str, **waktu):
    def buat(apps, schema_editor):
        CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
        PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
        jadwal, _ = CrontabSchedule.objects.get_or_create(month_of_year="*", day_of_week="*", timezone=ZONA, **waktu)
        PeriodicTask.objects.get_or_create(name=nama, defaults={"task": task, "crontab": jadwal})

    def hapus(apps, schema_editor):
        apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=nama).delete()

    return buat, hapus


def jadwal_harian(nama: str, task: str, jam: int, menit: int = 0):
    """Every day at jam:menit WIB."""
    return _crontab(nama, task, minute=str(menit), hour=str(jam), day_of_month="*")


def jadwal_bulanan(nama: str, task: str, tanggal: int, jam: int, menit: int = 0):
    """Every month on `tanggal` at jam:menit WIB."""
    return _crontab(nama, task, minute=str(menit), hour=str(jam), day_of_month=str(tanggal))


def jadwal_menit(nama: str, task: str, menit: int):
    """Every `menit` minutes."""

    def buat(apps, schema_editor):
        IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
        PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
        interval, _ = IntervalSchedule.objects.get_or_create(every=menit, period="minutes")
        PeriodicTask.objects.get_or_create(name=nama, defaults={"task": task, "interval": interval})

    def hapus(apps, schema_editor):
        apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=nama).delete()

    return buat, hapus
