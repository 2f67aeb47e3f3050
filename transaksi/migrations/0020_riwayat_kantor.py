import django.db.models.deletion
from django.db import migrations, models


def isi_kantor(apps, schema_editor):
    """Every history row gets its transaction's office (one statement)."""
    riwayat = apps.get_model("transaksi", "RiwayatTransaksi")._meta.db_table
    transaksi = apps.get_model("transaksi", "Transaksi")._meta.db_table
    if schema_editor.connection.vendor == "postgresql":
        # A join, not a subquery per row: years of history are millions of rows.
        schema_editor.execute(
            f"UPDATE {riwayat} SET kantor_id = t.kantor_id FROM {transaksi} t WHERE t.id = {riwayat}.transaksi_id"
        )
    else:
        schema_editor.execute(
            f"UPDATE {riwayat} SET kantor_id = (SELECT t.kantor_id FROM {transaksi} t WHERE t.id = {riwayat}.transaksi_id)"
        )


class Migration(migrations.Migration):
    # The column is made NOT NULL and a foreign key in the next migration:
    # PostgreSQL does not alter a table with checks of this update pending.

    dependencies = [
        ("pst_layanan", "0012_pengguna_bahasa"),
        ("transaksi", "0019_katalog_per_bahasa"),
    ]

    operations = [
        migrations.AddField(
            model_name="riwayattransaksi",
            name="kantor",
            # Filled before the foreign key is declared (next migration): one
            # check of the whole column then, not a deferred check per row.
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="pst_layanan.kantor",
                verbose_name="kantor",
            ),
        ),
        migrations.RunPython(isi_kantor, migrations.RunPython.noop),
    ]
