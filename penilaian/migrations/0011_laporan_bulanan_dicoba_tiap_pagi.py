"""Beat: last month's report job every morning at 06.00 WIB, not only on the
1st. It sends each report once (`dikirim_pada`), so the later mornings do
nothing, unless the 1st's build failed or its worker was killed: then the
row remembers it and the next morning builds and sends it. A schedule an
administrator changed in the admin is left as it is."""

from django.db import migrations

from pst_layanan.jadwal import ZONA

NAMA = "Laporan bulanan ke supervisor"


def _ganti(apps, dari: str, ke: str) -> None:
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    waktu = {"minute": "0", "hour": "6", "day_of_week": "*", "month_of_year": "*", "timezone": ZONA}
    tugas = PeriodicTask.objects.filter(
        name=NAMA, crontab__day_of_month=dari, **{f"crontab__{k}": v for k, v in waktu.items()}
    )
    jadwal, _ = CrontabSchedule.objects.get_or_create(day_of_month=ke, **waktu)
    tugas.update(crontab=jadwal)


def maju(apps, schema_editor):
    _ganti(apps, "1", "*")


def mundur(apps, schema_editor):
    _ganti(apps, "*", "1")


class Migration(migrations.Migration):
    dependencies = [
        ("penilaian", "0010_laporan_bulanan_per_kantor"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(maju, mundur)]
