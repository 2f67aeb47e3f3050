"""Saving an office or a calendar correction renews the cached office row and
calendar: once at once, and again when the change is committed. A read in
between (another request, the display's polling, a worker) would otherwise
cache the old row or calendar under the new stamp and keep it. This app's
receivers connect before transaksi's, so the second renewal runs before the
recompute of running deadlines that transaksi queues on the same commit."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pst_layanan.kalender import kalender_berubah
from pst_layanan.kantor import lupakan_kantor
from pst_layanan.models import HariKantor, Kantor


def _sekarang_dan_sesudah_commit(segarkan) -> None:
    segarkan()
    transaction.on_commit(segarkan)


@receiver([post_save, post_delete], sender=Kantor)
def _kantor_berubah(instance, **kwargs):
    def segarkan():
        lupakan_kantor(instance.pk)
        kalender_berubah()  # service hours are part of the calendar

    _sekarang_dan_sesudah_commit(segarkan)


@receiver([post_save, post_delete], sender=HariKantor)
def _hari_kantor_berubah(**kwargs):
    _sekarang_dan_sesudah_commit(kalender_berubah)
