"""Beat: expired sessions are deleted every night, 03.00 WIB (pst_layanan/tasks.py)."""

from django.db import migrations

from pst_layanan.jadwal import jadwal_harian


class Migration(migrations.Migration):
    dependencies = [
        ("pst_layanan", "0019_antrean_hapus_berkas"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [
        migrations.RunPython(
            *jadwal_harian("Sesi: hapus sesi kedaluwarsa", "pst_layanan.tasks.hapus_sesi_kedaluwarsa_task", jam=3)
        )
    ]
