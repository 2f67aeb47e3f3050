# The guest-book visit a transaction came from (a walk-in or online visit linked to its transaction).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("antrian", "0002_layanan_b"),
        ("transaksi", "0003_tenggat"),
    ]

    operations = [
        migrations.AddField(
            model_name="transaksi",
            name="kunjungan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="transaksi",
                to="antrian.kunjungan",
                verbose_name="kunjungan (buku tamu)",
            ),
        ),
    ]
