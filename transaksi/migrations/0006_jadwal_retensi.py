"""Beat: requirement files past retention are deleted daily, 02.30 WIB (transaksi/retensi.py)."""

from django.db import migrations

from pst_layanan.jadwal import jadwal_harian


class Migration(migrations.Migration):
    dependencies = [
        ("transaksi", "0005_pembayaran"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [
        migrations.RunPython(
            *jadwal_harian(
                "Retensi: hapus berkas dokumen persyaratan", "transaksi.tasks.retensi_dokumen_task", jam=2, menit=30
            )
        )
    ]
