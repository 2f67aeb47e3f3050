"""Core background jobs: sending e-mail from the outbox and sweeping it;
deleting the private files no row names any more.

Retries are not Celery retries: a failed row records its attempt, error and
back-off on itself, and the sweep sends it when the back-off has passed. A
retry queued in the broker would be lost with the broker; the row is not.
"""

from importlib import import_module

from celery import shared_task
from django.conf import settings

from pst_layanan import cadangan, notifikasi, penguncian
from pst_layanan.celery import HARIAN, terbitkan
from pst_layanan.kesehatan import catat_detak
from pst_layanan.peringatan import periksa_macet


@shared_task(ignore_result=True)
def kirim_surel_task(surel_id: int) -> bool:
    try:
        return notifikasi.kirim_satu(surel_id)
    except Exception as exc:  # recorded on the row with its back-off; the sweep retries
        notifikasi.catat_gagal("Surel %s gagal dikirim; dicoba lagi oleh penyapuan.", surel_id, exc)
        return False


@shared_task(ignore_result=True)
def sapu_surel_task() -> int:
    """Send e-mails whose task was lost (broker down, worker killed) or whose back-off passed."""
    return notifikasi.sapu()


@shared_task(ignore_result=True)
def detak_beat_task() -> None:
    """Every minute from beat: the heartbeat /readyz reads (proves beat and a worker run)."""
    catat_detak()


@shared_task(ignore_result=True)
def periksa_macet_task() -> list[str]:
    """Every five minutes from beat: alert supervisors once per stuck-work incident."""
    return periksa_macet()


@shared_task(ignore_result=True)
def hapus_berkas_task() -> int | None:
    """After a change that stopped naming private files, at a backup's end and
    every ten minutes from beat: delete the queued files (pst_layanan/cadangan.py)."""
    hasil = cadangan.hapus_antrean()
    if hasil == cadangan.BATAS_HAPUS:
        terbitkan(hapus_berkas_task)
    return hasil


@shared_task(ignore_result=True, **HARIAN)
def hapus_sesi_kedaluwarsa_task() -> None:
    """Every night from beat: delete expired sessions and old login records.
    Neither Django nor axes does it by itself, and every sign-in would
    otherwise leave rows naming its account (and its address) for good (the
    personal-data law keeps data no longer than it serves)."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    penguncian.hapus_catatan_lama()
