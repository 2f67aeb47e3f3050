import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("transaksi", "0020_riwayat_kantor"),
    ]

    operations = [
        migrations.AlterField(
            model_name="riwayattransaksi",
            name="kantor",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="pst_layanan.kantor",
                verbose_name="kantor",
            ),
        ),
        migrations.AddIndex(
            model_name="riwayattransaksi",
            index=models.Index(
                condition=models.Q(("batas_waktu__isnull", False), ("jenis", "jam_berhenti"), ("ke", "")),
                fields=["jam", "waktu", "batas_waktu", "dari", "kantor", "id"],
                name="riwayat_jam_berhenti",
            ),
        ),
    ]
