"""A ticket keeps the service it was given before a transfer
(`Tiket.detik_dilayani_sebelumnya`): the next counter's start replaces
`mulai_pada`, and SOP step 4 lost that time. Tickets transferred while being
served before this migration get theirs from their history: each transfer out
of "being served" after the latest start before it."""

from django.db import migrations, models


def isi_dari_riwayat(apps, schema_editor):
    Tiket = apps.get_model("antrian", "Tiket")
    RiwayatTiket = apps.get_model("antrian", "RiwayatTiket")
    # Few rows: transfers out of a counter's service are rare beside the day's calls.
    pindah = RiwayatTiket.objects.filter(aksi="alihkan", dari="dilayani").order_by("tiket_id", "waktu", "pk")
    detik: dict[int, float] = {}
    for baris in pindah.iterator():
        mulai = (
            # Append-only: the start written last before the transfer is its start.
            RiwayatTiket.objects.filter(tiket_id=baris.tiket_id, aksi="mulai", pk__lt=baris.pk)
            .order_by("-pk")
            .values_list("waktu", flat=True)
            .first()
        )
        if mulai is not None:
            detik[baris.tiket_id] = detik.get(baris.tiket_id, 0) + (baris.waktu - mulai).total_seconds()
    for tiket_id, n in detik.items():
        Tiket.objects.filter(pk=tiket_id).update(detik_dilayani_sebelumnya=n)


class Migration(migrations.Migration):
    dependencies = [
        ("antrian", "0018_kedatangan_dibaca_per_hari"),
    ]

    operations = [
        migrations.AddField(
            model_name="tiket",
            name="detik_dilayani_sebelumnya",
            field=models.FloatField(
                db_default=0, default=0, editable=False, verbose_name="lama dilayani sebelum dialihkan (detik)"
            ),
        ),
        migrations.RunPython(isi_dari_riwayat, migrations.RunPython.noop),
    ]
