"""`ItemTransaksi.kelas_harga`: the product's price class when the item was
ordered, kept on the item like its tariff. Items already ordered take their
product's class as it stands now (the only record there is)."""

from django.db import migrations, models


def salin_kelas_produk(apps, schema_editor) -> None:
    Item = apps.get_model("transaksi", "ItemTransaksi")
    Item.objects.exclude(produk__kelas_harga="berbayar").update(kelas_harga="gratis")


class Migration(migrations.Migration):
    dependencies = [
        ("transaksi", "0029_isi_batas_penilaian_dijanjikan"),
    ]

    operations = [
        migrations.AddField(
            model_name="itemtransaksi",
            name="kelas_harga",
            field=models.CharField(
                choices=[("berbayar", "Berbayar"), ("gratis", "Gratis")],
                default="berbayar",
                max_length=12,
                verbose_name="kelas harga",
            ),
        ),
        migrations.RunPython(salin_kelas_produk, migrations.RunPython.noop),
    ]
