"""Step 3 is now measured from the recorded arrival ("Tamu datang") to the
ticket with a 10-minute standard: stored month counts of the old measure are
dropped so the trend counts those months again under the new one."""

from django.db import migrations


def hapus(apps, schema_editor):
    apps.get_model("penilaian", "RingkasanKepatuhan").objects.filter(standar="registrasi").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("penilaian", "0004_ringkasan_kepatuhan"),
        ("antrian", "0005_kedatangan_tutup_hari_janji_pada"),
    ]
    operations = [migrations.RunPython(hapus, migrations.RunPython.noop)]
