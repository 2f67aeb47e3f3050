"""Beat: last month's report to the supervisors, 06.00 WIB on the 1st."""

from django.db import migrations

from pst_layanan.jadwal import jadwal_bulanan


class Migration(migrations.Migration):
    dependencies = [
        ("penilaian", "0001_awal"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [
        migrations.RunPython(
            *jadwal_bulanan("Laporan bulanan ke supervisor", "penilaian.tasks.laporan_bulanan_task", tanggal=1, jam=6)
        )
    ]
