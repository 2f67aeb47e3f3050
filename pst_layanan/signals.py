from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pst_layanan.kalender import kalender_berubah
from pst_layanan.kantor import lupakan_kantor
from pst_layanan.models import HariKantor, Kantor


@receiver([post_save, post_delete], sender=Kantor)
def _kantor_berubah(instance, **kwargs):
    lupakan_kantor(instance.pk)
    kalender_berubah()  # service hours are part of the calendar


@receiver([post_save, post_delete], sender=HariKantor)
def _hari_kantor_berubah(**kwargs):
    kalender_berubah()
