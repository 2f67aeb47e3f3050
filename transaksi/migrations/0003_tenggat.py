"""Deadline jobs: sent-flags of the rating reminders, the index the
rating jobs use, and the beat schedules (every 10 minutes, editable in the
admin under "Periodic tasks")."""

from django.db import migrations, models

JADWAL = {
    "Tenggat: pengingat batas waktu": "transaksi.tasks.pengingat_task",
    "Tenggat: eskalasi keterlambatan": "transaksi.tasks.eskalasi_task",
    "Tenggat: tagihan kedaluwarsa": "transaksi.tasks.tagihan_kedaluwarsa_task",
    "Tenggat: pengingat penilaian": "transaksi.tasks.pengingat_penilaian_task",
    "Tenggat: tutup otomatis tanpa penilaian": "transaksi.tasks.tutup_otomatis_task",
}


def buat_jadwal(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    tiap_10_menit, _ = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
    for nama, task in JADWAL.items():
        PeriodicTask.objects.get_or_create(name=nama, defaults={"task": task, "interval": tiap_10_menit})


def hapus_jadwal(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=JADWAL).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("transaksi", "0002_katalog_pp_13_2024"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="transaksi",
            name="pengingat_nilai_1_pada",
            field=models.DateTimeField(blank=True, null=True, verbose_name="pengingat penilaian ke-1 pada"),
        ),
        migrations.AddField(
            model_name="transaksi",
            name="pengingat_nilai_2_pada",
            field=models.DateTimeField(blank=True, null=True, verbose_name="pengingat penilaian ke-2 pada"),
        ),
        migrations.AddIndex(
            model_name="transaksi",
            index=models.Index(
                condition=models.Q(("status", "diserahkan")),
                fields=["diserahkan_pada"],
                name="transaksi_menunggu_nilai",
            ),
        ),
        migrations.RunPython(buat_jadwal, hapus_jadwal),
    ]
