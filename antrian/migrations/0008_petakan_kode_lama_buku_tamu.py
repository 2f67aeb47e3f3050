"""Existing visits and visitors get BPS's guest-book codes; what cannot be
mapped is flagged for an officer (see antrian/pemetaan.py)."""

from django.db import migrations


def maju(apps, schema_editor):
    from antrian.pemetaan import migrasikan

    migrasikan(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("antrian", "0007_kode_buku_tamu_bps"),
        ("pst_layanan", "0007_kategori_instansi_bps"),
    ]

    operations = [migrations.RunPython(maju, migrations.RunPython.noop)]
