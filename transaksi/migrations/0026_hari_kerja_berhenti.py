"""The working day each clock stop and internal target's end fell on
(`RiwayatTransaksi.hari_kerja_ke`), so the compliance dashboard reports
durations in working days beside a working-day standard.

Only the column: a nullable column is added without rewriting the table, so
the lock it takes on the history lasts an instant. The rows written before
are filled by the next migration, in chunks each committed on its own.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("transaksi", "0025_nama_kolom_terjemahan"),
        ("pst_layanan", "0015_nama_kolom_terjemahan"),
    ]

    operations = [
        migrations.AddField(
            model_name="riwayattransaksi",
            name="hari_kerja_ke",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="hari kerja ke-"),
        ),
    ]
