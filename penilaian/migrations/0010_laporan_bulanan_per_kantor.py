"""Monthly reports per office. The reports built so far hold every office's
figures and feedback: they stay the province's (the new office column left
empty), shown only to whoever sees every office — except in a deployment of
one office, where the province's figures are that office's: there they
become that office's, so its supervisor keeps the reports they had.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def satu_kantor_memiliki_laporannya(apps, schema_editor):
    Kantor = apps.get_model("pst_layanan", "Kantor")
    kantor = list(Kantor.objects.values_list("pk", flat=True)[:2])
    if len(kantor) == 1:
        apps.get_model("penilaian", "LaporanBulanan").objects.update(kantor_id=kantor[0])


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
        migrations.RunPython(satu_kantor_memiliki_laporannya, migrations.RunPython.noop),
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
