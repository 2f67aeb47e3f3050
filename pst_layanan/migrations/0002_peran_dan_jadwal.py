"""Create the SOP's roles as groups and the outbox sweep schedule.

Permissions are given to the groups by `roles.sinkron_izin_peran` after every
migrate (new models' permissions do not exist yet at this point).
"""

from django.db import migrations

PERAN = ("Resepsionis", "Petugas Layanan", "Supervisor")


def buat(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for nama in PERAN:
        Group.objects.get_or_create(name=nama)
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    tiap_menit, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Sapu surel tertunda",
        defaults={"task": "pst_layanan.tasks.sapu_surel_task", "interval": tiap_menit},
    )


def hapus(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=PERAN).delete()
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name="Sapu surel tertunda").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pst_layanan", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(buat, hapus)]
