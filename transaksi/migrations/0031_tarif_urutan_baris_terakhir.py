"""Tariff rows of one product and one start: the one recorded last is in
force (a correction of a mistyped row), so `TarifProduk`'s ordering breaks
the tie by id."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("transaksi", "0030_kelas_harga_item"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="tarifproduk",
            options={
                "ordering": ["produk", "-berlaku_mulai", "-pk"],
                "verbose_name": "tarif PNBP",
                "verbose_name_plural": "tarif PNBP",
            },
        ),
    ]
