"""Seed the service the SOP is about: B — Produk Statistik Berbayar."""

from django.db import migrations


def isi(apps, schema_editor):
    Layanan = apps.get_model("antrian", "Layanan")
    Layanan.objects.get_or_create(kode="B", defaults={"nama": "Produk Statistik Berbayar", "urutan": 1})


class Migration(migrations.Migration):
    dependencies = [("antrian", "0001_awal")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
