"""Step 3 no longer counts an arrival recorded after its ticket (a visitor
back at the lobby for their appointment, checked in on the ticket they
held), which the old measure took as a registration "within 10 minutes":
stored month counts of step 3 are dropped so the trend counts those months
again under the rule the month's own dashboard and report apply."""

from django.db import migrations


def hapus(apps, schema_editor):
    apps.get_model("penilaian", "RingkasanKepatuhan").objects.filter(standar="registrasi").delete()


class Migration(migrations.Migration):
    dependencies = [("penilaian", "0014_hitung_ulang_kepatuhan_penjelasan")]
    operations = [migrations.RunPython(hapus, migrations.RunPython.noop)]
