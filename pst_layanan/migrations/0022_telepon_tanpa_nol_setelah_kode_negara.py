"""Phone numbers saved as +62 0812… or +62 (0)736… before such a 0 was
dropped on input were stored as +620812… / 620736…, which reach nobody and
which the desk's search (0812…) does not find; they lose that 0 here, as new
input does. No Indonesian number after the country code starts with 0."""

import re

from django.db import migrations
from django.db.models import Q


def tanpa_nol(apps, schema_editor):
    Pengguna = apps.get_model("pst_layanan", "Pengguna")
    salah = Pengguna.objects.filter(Q(telepon__startswith="+620") | Q(telepon__startswith="620"))
    for pk, telepon in salah.values_list("pk", "telepon").iterator():
        Pengguna.objects.filter(pk=pk).update(telepon=re.sub(r"^(\+?62)0", r"\1", telepon))


class Migration(migrations.Migration):
    dependencies = [("pst_layanan", "0021_kantor_aktif")]

    operations = [migrations.RunPython(tanpa_nol, migrations.RunPython.noop, elidable=True)]
