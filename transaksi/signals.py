"""When the office calendar or hours change, running deadlines are recomputed
(transaksi/tenggat.py `hitung_ulang`) by a Celery task queued after commit,
or in this process when the broker cannot be reached.

pst_layanan/signals.py renews the calendar cache on the same signals; the task
runs after commit, so it sees the new calendar in every process.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from pst_layanan.celery import terbitkan
from pst_layanan.models import HariKantor, Kantor


def _antrekan(tanggal: list[str] | None, kantor: int | None = None) -> None:
    from transaksi.tasks import hitung_ulang_task

    def kirim():
        # No broker: recomputed here, so no deadline keeps the old calendar's date.
        if not terbitkan(hitung_ulang_task, tanggal, kantor=kantor):
            hitung_ulang_task(tanggal, kantor=kantor)

    transaction.on_commit(kirim)


@receiver(pre_save, sender=HariKantor)
def _ingat_tanggal_lama(sender, instance, **kwargs):
    """An edit may move a correction to another date or office: both count."""
    if instance.pk:
        lama = sender.objects.filter(pk=instance.pk).values_list("tanggal", "kantor_id").first()
        if lama:
            instance._tanggal_lama, instance._kantor_lama = lama


@receiver([post_save, post_delete], sender=HariKantor)
def _hari_kantor_berubah(sender, instance, **kwargs):
    tanggal = {instance.tanggal, getattr(instance, "_tanggal_lama", None)} - {None}
    # A correction for one office (before and after the edit) moves that office's clocks only.
    kantor = {instance.kantor_id, getattr(instance, "_kantor_lama", instance.kantor_id)}
    _antrekan(sorted({str(x) for x in tanggal}), kantor.pop() if len(kantor) == 1 else None)


@receiver(post_save, sender=Kantor)
def _jam_layanan_berubah(sender, instance, created, **kwargs):
    # Service hours are part of every deadline (the close of day N); a new
    # office row (first use) has the defaults every deadline was computed with.
    if not created:
        _antrekan(None, instance.pk)
