"""Retention of requirement documents (UU 27/2022).

The files a visitor uploaded as requirements (ID cards, letters) are kept
while the transaction is open and for its office's `retensi_dokumen_hari`
days after it closed (SELESAI or DIBATALKAN, `ditutup_pada`). Then a daily beat
job deletes the FILE; the row stays — what was sent, when, and what the
officer judged — marked `dihapus_retensi_pada`, and the download page says
the file is gone (410) instead of failing.

Each document is claimed with a compare-and-set UPDATE (`dihapus_retensi_pada
IS NULL` re-checked on the row written), so a run that comes twice, or on two
workers at once, deletes each file once; the file is deleted inside the same
database transaction, so a storage error rolls the mark back and the next run
tries again. Erasure of an account (transaksi/data_pribadi.py) marks the
rows in its own transaction and queues the files, deleted after it commits
without waiting for a running backup (`hapus_berkas_setelah_commit`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from pst_layanan import kalender
from pst_layanan.berkas import sebab_gagal
from pst_layanan.cadangan import hapus_setelah_commit, kunci_hapus_berkas
from pst_layanan.kantor import kantor
from transaksi.alur import STATUS_TUTUP
from transaksi.models import DokumenPersyaratan

log = logging.getLogger(__name__)

# Files one run deletes at most; a full run queues the next one at once (transaksi/tasks.py).
BATAS_PER_JALAN = getattr(settings, "PST_RETENSI_BATAS_PER_JALAN", 500)


def ambang(sekarang: datetime) -> dict[datetime, list[int]]:
    """Per office: transactions closed before this instant have outlived its
    retention period (instant → the offices it holds for)."""
    return kalender.per_kantor(
        lambda k: sekarang - timedelta(days=kantor(k).retensi_dokumen_hari), "retensi_dokumen_hari"
    )


def jatuh_tempo(sekarang: datetime | None = None) -> QuerySet[DokumenPersyaratan]:
    """Documents whose file must go: of a transaction closed longer ago than its office's retention period."""
    lewat = kalender.sebelum_per_kantor(
        "transaksi__ditutup_pada", ambang(sekarang or timezone.now()), kolom_kantor="transaksi__kantor"
    )
    belum = DokumenPersyaratan.objects.filter(dihapus_retensi_pada__isnull=True, transaksi__status__in=STATUS_TUTUP)
    return belum.filter(lewat)


def hapus_berkas(qs: QuerySet[DokumenPersyaratan], sekarang: datetime, batas: int | None = None) -> list[int]:
    """Delete the files of the documents in `qs` not yet purged (at most
    `batas`); keep and mark the rows. Returns the ids this call purged (a
    concurrent or repeated call gets the others).

    A file the storage refuses stays, unmarked, for the next run, and the run
    goes on past it: files that keep failing never hold up the ones after them."""
    storage = DokumenPersyaratan._meta.get_field("berkas").storage
    belum = qs.filter(dihapus_retensi_pada__isnull=True).order_by("pk")
    dihapus, terakhir = [], 0
    while batas is None or len(dihapus) < batas:
        sisa = None if batas is None else batas - len(dihapus)
        ids = list(belum.filter(pk__gt=terakhir).values_list("pk", flat=True)[:sisa])
        if not ids:
            break
        dihapus += [pk for pk in ids if _hapus_satu(storage, pk, sekarang)]
        terakhir = ids[-1]
    return dihapus


def _hapus_satu(storage, pk: int, sekarang: datetime) -> bool:
    """Mark one document purged and delete its file, in one transaction: a
    storage error rolls the mark back. True when this call purged it."""
    try:
        with kunci_hapus_berkas():  # a transaction that also waits for a running backup
            nama = DokumenPersyaratan.objects.filter(pk=pk).values_list("berkas", flat=True).first()
            diklaim = DokumenPersyaratan.objects.filter(pk=pk, dihapus_retensi_pada__isnull=True).update(
                dihapus_retensi_pada=sekarang, berkas=""
            )
            if diklaim and nama:
                storage.delete(nama)
    except OSError as exc:
        log.error("Berkas dokumen persyaratan %s gagal dihapus: %s", pk, sebab_gagal(exc))
        return False
    return bool(diklaim)


def hapus_berkas_setelah_commit(qs: QuerySet[DokumenPersyaratan], sekarang: datetime) -> int:
    """Erasure: mark every document of `qs` in the caller's transaction and delete
    the files once it commits (a failed erasure leaves every file in place)."""
    qs = qs.filter(dihapus_retensi_pada__isnull=True)
    nama = list(qs.values_list("berkas", flat=True))
    jumlah = qs.update(dihapus_retensi_pada=sekarang, berkas="")
    hapus_setelah_commit(nama)
    return jumlah


def hapus_kedaluwarsa(sekarang: datetime | None = None, batas: int | None = None) -> list[int]:
    """The daily job: purge the files past retention (at most `batas`, default BATAS_PER_JALAN)."""
    sekarang = sekarang or timezone.now()
    dihapus = hapus_berkas(jatuh_tempo(sekarang), sekarang, batas or BATAS_PER_JALAN)
    if dihapus:
        log.info("Retensi: %d berkas dokumen persyaratan dihapus", len(dihapus))
    return dihapus
