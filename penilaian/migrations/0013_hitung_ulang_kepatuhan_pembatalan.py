"""A clock stopped by a cancellation or a refund before its deadline is no
longer a case of steps 5 and 7: stored month counts of those steps are
dropped so the trend counts those months again."""

from django.db import migrations


def hapus(apps, schema_editor):
    apps.get_model("penilaian", "RingkasanKepatuhan").objects.filter(
        standar__in=["pemeriksaan", "penyerahan"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("penilaian", "0012_nama_kolom_terjemahan")]
    operations = [migrations.RunPython(hapus, migrations.RunPython.noop)]
