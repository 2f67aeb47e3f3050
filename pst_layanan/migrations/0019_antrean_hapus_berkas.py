"""Private files waiting to be deleted (pst_layanan/cadangan.py), and the beat
schedule of the file job that deletes them every ten minutes (editable in the admin)."""

from django.db import migrations, models

from pst_layanan.jadwal import jadwal_menit

HAPUS = jadwal_menit("Berkas: hapus berkas yang tidak disebut lagi", "pst_layanan.tasks.hapus_berkas_task", 10)


class Migration(migrations.Migration):
    dependencies = [
        ("pst_layanan", "0018_transfer_mati_tanpa_rekening"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.CreateModel(
            name="BerkasDihapus",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("nama", models.CharField(max_length=300, verbose_name="berkas")),
                ("dibuat_pada", models.DateTimeField(auto_now_add=True, verbose_name="dibuat pada")),
            ],
            options={
                "verbose_name": "berkas menunggu dihapus",
                "verbose_name_plural": "berkas menunggu dihapus",
            },
        ),
        migrations.RunPython(*HAPUS),
    ]
