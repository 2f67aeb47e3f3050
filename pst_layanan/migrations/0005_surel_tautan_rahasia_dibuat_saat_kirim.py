"""Account links are no longer stored in the outbox.

Rows written before this change hold working reset, set-password and
verification links: the link is replaced by the marker in every row, and an
unsent row is told which account and kind of link to make when it is sent.
"""

import re

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# Paths of the account links at the time of this migration (frozen here).
TAUTAN = re.compile(r"\S*/akun/(?P<jenis>verifikasi|sandi/atur)/\S+")
PENANDA = "[tautan rahasia disembunyikan; dibuat saat surel dikirim]"


def sembunyikan_tautan(apps, schema_editor):
    Surel = apps.get_model("pst_layanan", "Surel")
    Pengguna = apps.get_model("pst_layanan", "Pengguna")
    for surel in Surel.objects.filter(isi__contains="/akun/").iterator():
        cocok = TAUTAN.search(surel.isi)
        if not cocok:
            continue
        surel.isi = TAUTAN.sub(PENANDA, surel.isi)
        if surel.status != "terkirim" and len(surel.penerima) == 1:
            surel.tautan_rahasia = "verifikasi" if cocok["jenis"] == "verifikasi" else "atur_sandi"
            surel.pengguna = Pengguna.objects.filter(email__iexact=surel.penerima[0]).first()
        surel.save(update_fields=["isi", "tautan_rahasia", "pengguna"])


class Migration(migrations.Migration):

    dependencies = [
        ('pst_layanan', '0004_jam_kantor_sebagai_waktu'),
    ]

    operations = [
        migrations.AddField(
            model_name='surel',
            name='pengguna',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='akun tautan'),
        ),
        migrations.AddField(
            model_name='surel',
            name='tautan_rahasia',
            field=models.CharField(blank=True, choices=[('verifikasi', 'Verifikasi e-mail'), ('atur_sandi', 'Atur kata sandi')], max_length=12, verbose_name='tautan rahasia'),
        ),
        migrations.RunPython(sembunyikan_tautan, migrations.RunPython.noop),
    ]
