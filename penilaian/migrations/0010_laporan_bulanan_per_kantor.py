"""Monthly reports per office. The reports built so far hold every office's
figures and feedback: they stay the province's (the new office column left
empty), shown only to whoever sees every office.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('penilaian', '0009_rencana_tindak_lanjut_per_kantor'),
        ('pst_layanan', '0012_pengguna_bahasa'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='laporanbulanan',
            name='kantor',
            field=models.ForeignKey(blank=True, help_text='Kosong: laporan seluruh provinsi.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='pst_layanan.kantor', verbose_name='kantor'),
        ),
        migrations.AlterField(
            model_name='laporanbulanan',
            name='bulan',
            field=models.DateField(help_text='Tanggal 1 bulan laporan.', verbose_name='bulan'),
        ),
        migrations.AddConstraint(
            model_name='laporanbulanan',
            constraint=models.UniqueConstraint(fields=('kantor', 'bulan'), name='laporan_kantor_bulan_unik'),
        ),
        migrations.AddConstraint(
            model_name='laporanbulanan',
            constraint=models.UniqueConstraint(condition=models.Q(('kantor__isnull', True)), fields=('bulan',), name='laporan_provinsi_bulan_unik'),
        ),
    ]
