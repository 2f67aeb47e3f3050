"""`Transaksi.batas_penilaian_dijanjikan` of the transactions delivered and
waiting for their rating when the column came: the end of their rating
period on the calendar as it stands now (`selectors.batas_penilaian_kalender`'s
rule), so a later calendar change cannot bring it earlier.

Only those rows: a transaction rated or closed has no rating period left, and
an empty promise is read as none. They are read through their partial index
(`transaksi_menunggu_nilai`, delivered only): a few hundred rows however many
transactions the table holds, written with one UPDATE per promised date.
"""

from collections import defaultdict

from django.core.cache import cache
from django.db import migrations

from pst_layanan import kalender
from pst_layanan.kantor import _CACHE_KEY


def isi_batas_penilaian(apps, schema_editor) -> None:
    T = apps.get_model("transaksi", "Transaksi")
    K = apps.get_model("pst_layanan", "Kantor")
    kantor = {k.pk: k for k in K.objects.all()}
    # The calendar reads each office's service hours through kantor(): give it
    # this migration's rows, so a later column of the office settings cannot
    # break the query.
    tembolok = {_CACHE_KEY.format(pk): k for pk, k in kantor.items()}
    cache.set_many(tembolok, 3600)
    try:
        menunggu = T._base_manager.filter(
            status="diserahkan", diserahkan_pada__isnull=False, batas_penilaian_dijanjikan__isnull=True
        )
        per_batas = defaultdict(list)
        with kalender.sekali_baca():
            for pk, kantor_id, diserahkan in menunggu.values_list("pk", "kantor", "diserahkan_pada").iterator():
                hari = kantor[kantor_id].batas_penilaian_hari_kerja
                per_batas[kalender.batas_waktu(diserahkan, hari, kantor_id)].append(pk)
        for batas, pk in per_batas.items():
            T._base_manager.filter(pk__in=pk).update(batas_penilaian_dijanjikan=batas)
    finally:
        cache.delete_many(list(tembolok))


class Migration(migrations.Migration):
    dependencies = [("transaksi", "0028_batas_penilaian_dijanjikan")]

    operations = [migrations.RunPython(isi_batas_penilaian, migrations.RunPython.noop)]
