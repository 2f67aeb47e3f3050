"""Background jobs of the penilaian app: thin entry points taking ids."""

from celery import shared_task

from penilaian import laporan, mutu, tenggat
from pst_layanan.celery import HARIAN
from pst_layanan.periode import Bulan
from transaksi.tasks import kuras


@shared_task(ignore_result=True)
def susun_laporan_task(laporan_id: int) -> bool:
    return laporan.susun_laporan(laporan_id)


@shared_task(ignore_result=True, **HARIAN)
def laporan_bulanan_task() -> bool:
    """Beat, 06.00 WIB every day: last month's reports — the province's to the
    province supervisors, each office's to its supervisors — once each; a
    report whose build failed or was cut short is built and sent the next
    morning."""
    return bool(laporan.kirim_laporan_bulan_lalu())


@shared_task(ignore_result=True, **HARIAN)
def hangatkan_dasbor_task() -> None:
    """Beat, daily: store the closed months of the compliance trend, so the
    first supervisor after a month closes does not pay for counting them
    (closed months never change; see mutu.tren_kepatuhan)."""
    mutu.tren_kepatuhan(Bulan.ini())


@shared_task(bind=True, ignore_result=True)
def pengingat_penilaian_task(self, ids: list[int] | None = None) -> int:
    """Beat, every 10 minutes (migration penilaian 0007): rating reminders,
    drained batch after batch like the other deadline jobs."""
    return kuras(self, tenggat.pengingat_penilaian, ids)


@shared_task(bind=True, ignore_result=True)
def tutup_otomatis_task(self, ids: list[int] | None = None) -> int:
    """Beat, every 10 minutes: close delivered transactions not rated in time."""
    return kuras(self, tenggat.tutup_otomatis, ids)
