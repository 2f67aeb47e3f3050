from datetime import timedelta

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# A desk booking was confirmed the moment it was made (its decision and its
# request are the same instant, a few microseconds apart), a visitor's request
# only later, by an officer who read it.
SERENTAK = timedelta(seconds=1)


def tandai_pesanan_meja(apps, schema_editor):
    JanjiTemu = apps.get_model("antrian", "JanjiTemu")
    JanjiTemu.objects.filter(
        diputuskan_oleh__isnull=False,
        diputuskan_pada__gte=models.F("diajukan_pada") - SERENTAK,
        diputuskan_pada__lte=models.F("diajukan_pada") + SERENTAK,
    ).update(dipesan_oleh=models.F("diputuskan_oleh"))


class Migration(migrations.Migration):
    dependencies = [
        ("antrian", "0016_petunjuk_nama_loket"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="janjitemu",
            name="dipesan_oleh",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="dipesan oleh",
            ),
        ),
        migrations.RunPython(tandai_pesanan_meja, migrations.RunPython.noop),
    ]
