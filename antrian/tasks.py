"""Background jobs of the front desk: thin entry points."""

from celery import shared_task

from antrian import services
from pst_layanan.celery import HARIAN


@shared_task(ignore_result=True, **HARIAN)
def tutup_hari_task() -> dict[str, int]:
    """Beat, daily after the close of service: give every ticket and
    appointment left open its end-of-day outcome (safe to run twice)."""
    return services.tutup_hari()
