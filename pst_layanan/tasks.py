"""Core background jobs: sending e-mail from the outbox and sweeping it."""

from celery import shared_task

from pst_layanan import notifikasi


@shared_task(
    bind=True,
    max_retries=notifikasi.MAKS_PERCOBAAN,
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
)
def kirim_surel_task(self, surel_id: int) -> bool:
    try:
        return notifikasi.kirim_satu(surel_id)
    except Exception as exc:
        raise self.retry(exc=exc) from exc


@shared_task
def sapu_surel_task() -> int:
    """Send e-mails whose task was lost (broker down, worker killed)."""
    terkirim = 0
    for pk in notifikasi.surel_tertunda().values_list("pk", flat=True)[:500]:
        try:
            terkirim += notifikasi.kirim_satu(pk)
        except Exception:  # recorded on the row; the next sweep tries again
            continue
    return terkirim
