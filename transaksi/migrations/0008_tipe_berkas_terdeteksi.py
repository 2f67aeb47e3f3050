"""Every private file keeps the type detected from its content at upload.

Rows stored before get it now, detected from their stored bytes with the
same check as new uploads; proofs and requirements are checked again, so an
older file that only looked like an image (a polyglot) is served as a
download (application/octet-stream), never as that image.
"""

from django.db import migrations, models


def deteksi_ulang(apps, schema_editor):
    from pst_layanan.berkas import kenali_tersimpan

    sasaran = [
        ("BerkasProduk", "berkas", "tipe"),
        ("BuktiBayar", "berkas", "tipe"),
        ("DokumenPersyaratan", "berkas", "tipe"),
        ("Tagihan", "contoh_data", "contoh_data_tipe"),
    ]
    for nama_model, kolom_berkas, kolom_tipe in sasaran:
        model = apps.get_model("transaksi", nama_model)
        for baris in model.objects.exclude(**{kolom_berkas: ""}).only("pk", kolom_berkas).iterator():
            tipe = kenali_tersimpan(getattr(baris, kolom_berkas))
            model.objects.filter(pk=baris.pk).update(**{kolom_tipe: tipe})


class Migration(migrations.Migration):
    dependencies = [
        ("transaksi", "0007_indeks_riwayat_jam"),
    ]

    operations = [
        migrations.AddField(
            model_name="berkasproduk",
            name="tipe",
            field=models.CharField(default="application/octet-stream", max_length=100, verbose_name="tipe isi"),
        ),
        migrations.AddField(
            model_name="tagihan",
            name="contoh_data_tipe",
            field=models.CharField(blank=True, max_length=100, verbose_name="tipe isi contoh data"),
        ),
        migrations.RunPython(deteksi_ulang, migrations.RunPython.noop, elidable=True),
    ]
