import django.db.models.deletion
import pst_layanan.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('antrian', '0010_kantor_antrian'),
        ('penilaian', '0007_jadwal_tenggat_penilaian'),
        ('pst_layanan', '0011_kantor_kode_dan_pegawai'),
        ('transaksi', '0018_kantor_transaksi'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='ringkasankepatuhan',
            name='ringkasan_standar_bulan_unik',
        ),
        migrations.AddField(
            model_name='penilaian',
            name='kantor',
            field=models.ForeignKey(default=pst_layanan.models.kantor_bawaan, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='pst_layanan.kantor', verbose_name='kantor'),
        ),
        migrations.AddField(
            model_name='ringkasankepatuhan',
            name='kantor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='pst_layanan.kantor'),
        ),
        migrations.AddIndex(
            model_name='penilaian',
            index=models.Index(fields=['kantor', 'dikirim_pada'], name='penilaian_kantor_dikirim'),
        ),
        migrations.AddConstraint(
            model_name='ringkasankepatuhan',
            constraint=models.UniqueConstraint(condition=models.Q(('kantor__isnull', True)), fields=('standar', 'bulan'), name='ringkasan_standar_bulan_unik'),
        ),
        migrations.AddConstraint(
            model_name='ringkasankepatuhan',
            constraint=models.UniqueConstraint(fields=('kantor', 'standar', 'bulan'), name='ringkasan_kantor_standar_bulan_unik'),
        ),
    ]
