"""Beat: close the office day at 18.00 WIB (after the latest close of
service, 16.00 on Friday); and give existing appointment tickets their
booked time, which the call order now reads instead of the check-in."""

from django.db import migrations
from django.db.models import OuterRef, Subquery

from pst_layanan.jadwal import jadwal_harian


def isi_waktu_janji(apps, schema_editor):
    Tiket = apps.get_model("antrian", "Tiket")
    JanjiTemu = apps.get_model("antrian", "JanjiTemu")
    waktu = JanjiTemu.objects.filter(kunjungan_id=OuterRef("kunjungan_id")).values("waktu")[:1]
    Tiket.objects.filter(prioritas=True, janji_pada__isnull=True).update(janji_pada=Subquery(waktu))


class Migration(migrations.Migration):
    dependencies = [
        ("antrian", "0005_kedatangan_tutup_hari_janji_pada"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [
        migrations.RunPython(*jadwal_harian("Tutup hari antrian", "antrian.tasks.tutup_hari_task", jam=18)),
        migrations.RunPython(isi_waktu_janji, migrations.RunPython.noop),
    ]
