"""`Transaksi.batas_unduh_dijanjikan` of the transactions delivered before the
column came: their office's download period as it stands now after delivery,
the date their delivery e-mail and page told them, so a later shorter period
cannot end it sooner. One UPDATE per office, whatever the table holds.
"""

from datetime import timedelta

from django.db import migrations
from django.db.models import F


def isi_batas_unduh(apps, schema_editor) -> None:
    T = apps.get_model("transaksi", "Transaksi")
    K = apps.get_model("pst_layanan", "Kantor")
    for kantor_id, hari in K.objects.values_list("pk", "masa_unduh_hari"):
        T._base_manager.filter(
            kantor_id=kantor_id, diserahkan_pada__isnull=False, batas_unduh_dijanjikan__isnull=True
        ).update(batas_unduh_dijanjikan=F("diserahkan_pada") + timedelta(days=hari))


class Migration(migrations.Migration):
    dependencies = [("transaksi", "0036_batas_unduh_dijanjikan")]

    operations = [migrations.RunPython(isi_batas_unduh, migrations.RunPython.noop)]
