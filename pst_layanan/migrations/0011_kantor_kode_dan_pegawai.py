import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def kode_unik(apps, schema_editor):
    """The existing office becomes the provincial office (1700); a second row
    made by hand before offices had codes gets a placeholder code to edit, so
    the code can be unique. A new database gets the provincial office here, so
    that the rows other apps move onto it have an office."""
    Kantor = apps.get_model("pst_layanan", "Kantor")
    baris = list(Kantor.objects.order_by("pk"))
    if not baris:
        Kantor.objects.create(kode="1700")
        return
    for i, k in enumerate(baris):
        k.kode = "1700" if i == 0 else f"9{i:03d}"
        k.save(update_fields=["kode"])


class Migration(migrations.Migration):

    dependencies = [
        ('pst_layanan', '0010_kantor_cara_bayar_dan_rekening'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='kantor',
            options={'ordering': ['kode'], 'verbose_name': 'kantor', 'verbose_name_plural': 'kantor'},
        ),
        # The satker code was the office's BPS code all along: kept, now unique.
        migrations.RenameField(model_name='kantor', old_name='kode_satker', new_name='kode'),
        migrations.RunPython(kode_unik, migrations.RunPython.noop),
        migrations.AddField(
            model_name='harikantor',
            name='kantor',
            field=models.ForeignKey(blank=True, help_text='Kosongkan bila berlaku untuk semua kantor.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='pst_layanan.kantor', verbose_name='kantor'),
        ),
        migrations.AlterField(
            model_name='kantor',
            name='kode',
            field=models.CharField(default='1700', help_text='Kode wilayah BPS: 1700 provinsi, 1701–1709 kabupaten, 1771 kota. Tercetak di setiap nomor.', max_length=4, unique=True, validators=[django.core.validators.RegexValidator('^\\d{4}$', 'Kode BPS terdiri atas 4 angka, mis. 1771.')], verbose_name='kode BPS'),
        ),
        migrations.AddField(
            model_name='pengguna',
            name='kantor',
            field=models.ManyToManyField(blank=True, related_name='pegawai', to='pst_layanan.kantor', verbose_name='kantor tempat bertugas'),
        ),
        migrations.AlterField(
            model_name='harikantor',
            name='tanggal',
            field=models.DateField(verbose_name='tanggal'),
        ),
        migrations.AddConstraint(
            model_name='harikantor',
            constraint=models.UniqueConstraint(fields=('kantor', 'tanggal'), name='harikantor_kantor_tanggal_unik'),
        ),
        migrations.AddConstraint(
            model_name='harikantor',
            constraint=models.UniqueConstraint(condition=models.Q(('kantor__isnull', True)), fields=('tanggal',), name='harikantor_semua_tanggal_unik'),
        ),
    ]
