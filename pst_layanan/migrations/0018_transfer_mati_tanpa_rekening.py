from django.db import migrations, models


def maju(apps, schema_editor):
    """An office with transfer on and no receiving account never offered it
    (`transaksi.services.inti.kanal_tersedia`), yet its settings form refused
    every save: switched off, what visitors see is unchanged."""
    apps.get_model("pst_layanan", "Kantor").objects.filter(bayar_transfer=True, rekening_nomor="").update(
        bayar_transfer=False
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pst_layanan", "0017_kode_kantor_angka_latin"),
    ]

    operations = [
        migrations.AlterField(
            model_name="kantor",
            name="bayar_transfer",
            field=models.BooleanField(
                default=False,
                help_text="Untuk pemohon tanpa akses SIMPONI (mis. dari luar negeri). Isi rekening penerimaan di bawah.",
                verbose_name="terima transfer bank / luar negeri",
            ),
        ),
        migrations.RunPython(maju, migrations.RunPython.noop),
    ]
