"""Beat: warm the dashboard's compliance trend every day at 05.30 WIB."""

from django.db import migrations

from pst_layanan.jadwal import jadwal_harian


class Migration(migrations.Migration):
    dependencies = [
        ("penilaian", "0002_jadwal_laporan_bulanan"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [
        migrations.RunPython(
            *jadwal_harian("Hangatkan tren kepatuhan dasbor", "penilaian.tasks.hangatkan_dasbor_task", jam=5, menit=30)
        )
    ]
