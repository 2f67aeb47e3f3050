"""Operations markers (beat heartbeat, open incidents) and the two beat
schedules that write and read them: the heartbeat every minute and the
stuck-work check every five minutes (editable in the admin)."""

from django.db import migrations, models

from pst_layanan.jadwal import jadwal_menit

DETAK = jadwal_menit("Operasi: detak beat", "pst_layanan.tasks.detak_beat_task", 1)
MACET = jadwal_menit("Operasi: periksa pekerjaan macet", "pst_layanan.tasks.periksa_macet_task", 5)


class Migration(migrations.Migration):
    dependencies = [
        ("pst_layanan", "0007_kategori_instansi_bps"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.CreateModel(
            name="Penanda",
            fields=[
                ("nama", models.CharField(max_length=60, primary_key=True, serialize=False, verbose_name="nama")),
                ("pada", models.DateTimeField(verbose_name="pada")),
            ],
            options={
                "verbose_name": "penanda operasi",
                "verbose_name_plural": "penanda operasi",
            },
        ),
        migrations.RunPython(*DETAK),
        migrations.RunPython(*MACET),
    ]
