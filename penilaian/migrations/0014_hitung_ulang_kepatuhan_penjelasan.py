"""Step 4 now adds the service a ticket was given before a transfer
(`antrian 0019` fills it for past tickets): stored month counts of step 4 are
dropped so the trend counts those months again."""

from django.db import migrations


def hapus(apps, schema_editor):
    apps.get_model("penilaian", "RingkasanKepatuhan").objects.filter(standar="penjelasan").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("penilaian", "0013_hitung_ulang_kepatuhan_pembatalan"),
        ("antrian", "0019_tiket_dilayani_sebelum_dialihkan"),
    ]
    operations = [migrations.RunPython(hapus, migrations.RunPython.noop)]
