"""E-mail through the outbox: the one way the application sends mail.

`kirim_surel` writes a `Surel` row in the caller's database transaction and
asks Celery to send it after commit. If the transaction rolls back, no mail
exists; if the broker is down, the row waits for the sweep
(`kirim_surel_tertunda`). `kirim_satu` claims a row with a compare-and-set
update, so two workers never send the same row twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from pst_layanan.models import Surel

log = logging.getLogger(__name__)

MASA_KLAIM = timedelta(minutes=5)
MAKS_PERCOBAAN = 8


def kirim_surel(penerima, subjek: str, template: str, konteks: dict | None = None) -> Surel | None:
    """Queue an e-mail rendered from `template` (a .txt template).

    `penerima` is an address or a list of them; empty addresses are dropped
    and nothing is queued when none remain.
    """
    if isinstance(penerima, str):
        penerima = [penerima]
    alamat = sorted({p for p in penerima if p})
    if not alamat:
        return None
    from pst_layanan.kantor import kantor

    isi = render_to_string(template, {"kantor": kantor(), "site_url": settings.SITE_URL, **(konteks or {})})
    surel = Surel.objects.create(penerima=alamat, subjek=subjek.strip(), isi=isi)
    transaction.on_commit(lambda: _antrekan(surel.pk))
    return surel


def _antrekan(pk: int) -> None:
    from pst_layanan.tasks import kirim_surel_task

    try:
        kirim_surel_task.delay(pk)
    except Exception:  # broker down: the row stays queued for the sweep
        log.warning("Broker tidak terjangkau; surel %s menunggu penyapuan.", pk, exc_info=True)


def kirim_satu(pk: int) -> bool:
    """Send one queued e-mail. True when sent now; raises on a send failure."""
    now = timezone.now()
    claimed = (
        Surel.objects.filter(pk=pk)
        .exclude(status=Surel.Status.TERKIRIM)
        .filter(Q(dikunci_sampai__isnull=True) | Q(dikunci_sampai__lt=now))
        .update(dikunci_sampai=now + MASA_KLAIM)
    )
    if not claimed:
        return False  # sent already, or another worker holds it
    surel = Surel.objects.get(pk=pk)
    try:
        EmailMessage(surel.subjek, surel.isi, settings.DEFAULT_FROM_EMAIL, surel.penerima).send()
    except Exception as exc:
        Surel.objects.filter(pk=pk).update(
            status=Surel.Status.GAGAL,
            percobaan=surel.percobaan + 1,
            galat_terakhir=f"{type(exc).__name__}: {exc}"[:2000],
            dikunci_sampai=None,
        )
        raise
    Surel.objects.filter(pk=pk).update(
        status=Surel.Status.TERKIRIM,
        terkirim_pada=timezone.now(),
        percobaan=surel.percobaan + 1,
        galat_terakhir="",
        dikunci_sampai=None,
    )
    return True


def surel_tertunda(umur: timedelta = timedelta(minutes=2)):
    """Rows still unsent `umur` after creation: their task was lost or failed."""
    batas = timezone.now() - umur
    return Surel.objects.filter(
        status__in=[Surel.Status.ANTRE, Surel.Status.GAGAL],
        dibuat_pada__lt=batas,
        percobaan__lt=MAKS_PERCOBAAN,
    ).filter(Q(dikunci_sampai__isnull=True) | Q(dikunci_sampai__lt=timezone.now()))
