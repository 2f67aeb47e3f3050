"""An improvement plan per month and recapitulation (office, or the province).

The month's one plan was written on the SKM page, which shows the
recapitulation of the author's working office, or the province's for whoever
sees every office (`pst_layanan.kantor.kantor_laporan`). Each existing plan
goes where its author was writing it: the province's (no office) when the
author is a superuser or a province supervisor, else the author's first
office (the one the page opens on), else — staff assigned to no office — the
provincial office. The page shows it again to the same people.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


PENGAWAS_PROVINSI = "Pengawas Provinsi"  # pst_layanan.roles, as named when this ran
KODE_PROVINSI = "1700"


def pindahkan_ke_kantor_penulis(apps, schema_editor):
    Rencana = apps.get_model("penilaian", "RencanaTindakLanjut")
    Kantor = apps.get_model("pst_layanan", "Kantor")
    provinsi = None
    for rencana in Rencana.objects.select_related("diubah_oleh"):
        penulis = rencana.diubah_oleh
        if penulis.is_superuser or penulis.groups.filter(name=PENGAWAS_PROVINSI).exists():
            continue  # the province's
        kantor_id = penulis.kantor.order_by("pk").values_list("pk", flat=True).first()
        if kantor_id is None:
            provinsi = provinsi or Kantor.objects.get_or_create(kode=KODE_PROVINSI)[0]
            kantor_id = provinsi.pk
        Rencana.objects.filter(pk=rencana.pk).update(kantor_id=kantor_id)


class Migration(migrations.Migration):

    dependencies = [
        ('penilaian', '0008_kantor_penilaian'),
        ('pst_layanan', '0012_pengguna_bahasa'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='rencanatindaklanjut',
            name='kantor',
            field=models.ForeignKey(blank=True, help_text='Kosong: rekapitulasi seluruh provinsi.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='pst_layanan.kantor', verbose_name='kantor'),
        ),
        migrations.RunPython(pindahkan_ke_kantor_penulis, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='rencanatindaklanjut',
            name='bulan',
            field=models.DateField(help_text='Tanggal 1 bulan survei.', verbose_name='bulan'),
        ),
        migrations.AddConstraint(
            model_name='rencanatindaklanjut',
            constraint=models.UniqueConstraint(fields=('kantor', 'bulan'), name='rtl_kantor_bulan_unik'),
        ),
        migrations.AddConstraint(
            model_name='rencanatindaklanjut',
            constraint=models.UniqueConstraint(condition=models.Q(('kantor__isnull', True)), fields=('bulan',), name='rtl_provinsi_bulan_unik'),
        ),
    ]
