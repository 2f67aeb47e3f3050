import django.db.models.deletion
import pst_layanan.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('antrian', '0010_kantor_antrian'),
        ('pst_layanan', '0011_kantor_kode_dan_pegawai'),
        ('transaksi', '0017_nol_rupiah_keputusan_pemohon'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='transaksi',
            name='kantor',
            field=models.ForeignKey(default=pst_layanan.models.kantor_bawaan, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='pst_layanan.kantor', verbose_name='kantor'),
        ),
        migrations.AlterField(
            model_name='transaksi',
            name='nomor',
            field=models.CharField(max_length=24, unique=True, verbose_name='nomor'),
        ),
        migrations.AddIndex(
            model_name='transaksi',
            index=models.Index(fields=['kantor', 'status', 'dibuat_pada'], name='transaksi_kantor_status'),
        ),
        migrations.AddIndex(
            model_name='transaksi',
            index=models.Index(models.F('kantor'), models.Case(models.When(status__in=['diajukan', 'diproses', 'menunggu_tagihan', 'menunggu_verifikasi'], then=models.Value(0)), models.When(models.Q(models.Q(('jam', ''), _negated=True), ('jam_dijeda_pada__isnull', False)), then=models.Value(1)), default=models.Value(2)), models.F('batas_waktu'), models.OrderBy(models.F('jam_hari_terpakai'), descending=True), models.F('diajukan_pada'), models.F('id'), condition=models.Q(('status__in', ('draf', 'selesai', 'dibatalkan', 'dikembalikan')), _negated=True), name='transaksi_kantor_giliran'),
        ),
    ]
