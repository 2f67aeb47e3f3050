import django.db.models.deletion
import pst_layanan.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('antrian', '0009_pengumuman_layar'),
        ('pst_layanan', '0011_kantor_kode_dan_pegawai'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='loket',
            options={'ordering': ['kantor', 'nomor'], 'verbose_name': 'loket', 'verbose_name_plural': 'loket'},
        ),
        migrations.RemoveConstraint(
            model_name='kedatangan',
            name='antrian_kedatangan_nomor_unik',
        ),
        migrations.RemoveConstraint(
            model_name='penghitungantrian',
            name='antrian_penghitung_unik',
        ),
        migrations.RemoveConstraint(
            model_name='tiket',
            name='antrian_tiket_nomor_unik',
        ),
        migrations.AddField(
            model_name='janjitemu',
            name='kantor',
            field=models.ForeignKey(default=pst_layanan.models.kantor_bawaan, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='pst_layanan.kantor', verbose_name='kantor'),
        ),
        migrations.AddField(
            model_name='kedatangan',
            name='kantor',
            field=models.ForeignKey(default=pst_layanan.models.kantor_bawaan, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='pst_layanan.kantor', verbose_name='kantor'),
        ),
        migrations.AddField(
            model_name='kunjungan',
            name='kantor',
            field=models.ForeignKey(default=pst_layanan.models.kantor_bawaan, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='pst_layanan.kantor', verbose_name='kantor'),
        ),
        migrations.AddField(
            model_name='loket',
            name='kantor',
            field=models.ForeignKey(default=pst_layanan.models.kantor_bawaan, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='pst_layanan.kantor', verbose_name='kantor'),
        ),
        migrations.AddField(
            model_name='penghitungantrian',
            name='kantor',
            field=models.ForeignKey(default=pst_layanan.models.kantor_bawaan, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='pst_layanan.kantor', verbose_name='kantor'),
        ),
        migrations.AddField(
            model_name='tiket',
            name='kantor',
            field=models.ForeignKey(default=pst_layanan.models.kantor_bawaan, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='pst_layanan.kantor', verbose_name='kantor'),
        ),
        migrations.AlterField(
            model_name='loket',
            name='nomor',
            field=models.PositiveSmallIntegerField(verbose_name='nomor loket'),
        ),
        migrations.AddIndex(
            model_name='janjitemu',
            index=models.Index(fields=['kantor', 'status', 'waktu'], name='janji_kantor_status_waktu'),
        ),
        migrations.AddIndex(
            model_name='kunjungan',
            index=models.Index(fields=['kantor', 'tiba_pada'], name='kunjungan_kantor_tiba'),
        ),
        migrations.AddIndex(
            model_name='tiket',
            index=models.Index(fields=['kantor', 'tanggal', 'status'], name='tiket_kantor_tanggal_status'),
        ),
        migrations.AddConstraint(
            model_name='kedatangan',
            constraint=models.UniqueConstraint(fields=('kantor', 'tanggal', 'nomor'), name='antrian_kedatangan_nomor_unik'),
        ),
        migrations.AddConstraint(
            model_name='loket',
            constraint=models.UniqueConstraint(fields=('kantor', 'nomor'), name='antrian_loket_nomor_unik'),
        ),
        migrations.AddConstraint(
            model_name='penghitungantrian',
            constraint=models.UniqueConstraint(fields=('kantor', 'tanggal', 'layanan'), name='antrian_penghitung_unik'),
        ),
        migrations.AddConstraint(
            model_name='tiket',
            constraint=models.UniqueConstraint(fields=('kantor', 'tanggal', 'layanan', 'nomor'), name='antrian_tiket_nomor_unik'),
        ),
    ]
