"""Background jobs of the penilaian app: thin entry points taking ids."""

from celery import shared_task

from penilaian import laporan


@shared_task(ignore_result=True)
def susun_laporan_task(laporan_id: int) -> bool:
    return laporan.susun_laporan(laporan_id)


@shared_task(ignore_result=True)
def laporan_bulanan_task() -> bool:
    """Beat, 06.00 WIB on the 1st: last month's report to the supervisors."""
    return laporan.kirim_laporan_bulan_lalu() is not None


@shared_task(ignore_result=True)
def hangatkan_dasbor_task() -> None:
    """Beat, daily: store the closed months of the compliance trend, so the
    first supervisor after a month closes does not pay for counting them
    (closed months never change; see mutu.tren_kepatuhan)."""
    from penilaian import mutu
    from penilaian.periode import Bulan

    mutu.tren_kepatuhan(Bulan.ini())
