"""The rating's deadlines (SOP step 8): reminders to rate a delivered product,
and closing it unrated when the rating period is over.

They reuse the claiming of the transaction deadline jobs
(`transaksi.tenggat.klaim_baris`): a reminder is claimed and flagged in one
statement, so a run that comes twice, late, or on two workers at once sends
each reminder once, and a skipped run loses nothing.

* **Reminders** — the n-th working day after delivery has closed (n = 1,
  then 3), while the rating period (`batas_penilaian`) is still open: none
  asks for a rating until a moment already over; a late run sends only the
  latest one due.
* **Auto-close** — no rating when the office's `batas_penilaian_hari_kerja`
  working days after delivery have closed and the date promised at delivery
  has come (`Transaksi.batas_penilaian_dijanjikan`): closed as "not rated".

Working days are the transaction's office's (its calendar, hours and rating
period), the ones `penilaian.services.batas_penilaian` promises the visitor;
each is decided once per group of offices that share them
(`kalender.per_kantor`), so a run's queries do not grow with the offices.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from penilaian.services import ambang_tutup_penilaian, batas_penilaian, janji_penilaian_lewat, tutup_tanpa_penilaian
from pst_layanan import kalender
from pst_layanan.notifikasi import kirim_surel
from transaksi.models import RiwayatTransaksi, Status, Transaksi
from transaksi.tenggat import BATAS_PER_JALAN, ambang_hari_kerja_lewat, hanya, klaim_baris, satu_per_satu

log = logging.getLogger(__name__)

# Rating reminders: working days after delivery (the first, then the second).
PENGINGAT_NILAI_HARI_KERJA = (1, 3)


def perlu_pengingat_nilai(now: datetime, ke: int) -> Q:
    """Rating reminder `ke` (1 or 2) is due and neither it nor a later one went.

    Only while the rating is still open at `now`: a reminder on or after the
    period's last day (an office giving 3 working days or fewer, unless the
    date promised at delivery is later) would ask for a rating "until" a
    moment already over."""
    n = PENGINGAT_NILAI_HARI_KERJA[ke - 1]
    batas = kalender.per_kantor(partial(ambang_hari_kerja_lewat, now, n))
    q = Q(status=Status.DISERAHKAN) & kalender.sebelum_per_kantor("diserahkan_pada", batas) & ~masa_penilaian_lewat(now)
    for sesudahnya in range(ke, len(PENGINGAT_NILAI_HARI_KERJA) + 1):
        q &= Q(**{f"pengingat_nilai_{sesudahnya}_pada__isnull": True})
    return q


def masa_penilaian_lewat(now: datetime) -> Q:
    """`batas_penilaian` has passed at `now`: the rule a rating submitted at
    `now` is refused by (`masa_penilaian_berakhir`), as a query."""
    ambang = kalender.per_kantor(partial(ambang_tutup_penilaian, now), "batas_penilaian_hari_kerja")
    return kalender.sebelum_per_kantor("diserahkan_pada", ambang) & janji_penilaian_lewat(now)


def perlu_tutup_otomatis(now: datetime) -> Q:
    return Q(status=Status.DISERAHKAN) & masa_penilaian_lewat(now)


def pengingat_penilaian(ids: Iterable[int] | None = None, batas: int | None = None) -> list[int]:
    """Remind visitors to rate their delivered product (1 and 3 working days after delivery)."""
    now = timezone.now()
    dikirim, gagal = [], []
    # The later reminder first: a run that comes late sends only the latest one due.
    for ke in reversed(range(1, len(PENGINGAT_NILAI_HARI_KERJA) + 1)):
        with transaction.atomic():
            kolom = f"pengingat_nilai_{ke}_pada"
            # A row whose later reminder failed just now waits for it, not for an earlier one.
            kondisi = perlu_pengingat_nilai(now, ke) & hanya(ids) & ~Q(pk__in=gagal)
            diklaim = klaim_baris(Transaksi, kondisi, {kolom: now}, "diserahkan_pada", batas)
            for t in Transaksi.objects.filter(pk__in=diklaim).select_related("pemohon").order_by("pk"):
                if not _ingatkan_pemohon_atau_lepas(t, ke, now, kolom):
                    diklaim.remove(t.pk)
                    gagal.append(t.pk)
            dikirim += diklaim
    return sorted(dikirim)


def _ingatkan_pemohon_atau_lepas(t: Transaksi, ke: int, now: datetime, kolom: str) -> bool:
    """The reminder in a savepoint: when it cannot be written, its claim is
    released for the next run and the other visitors' reminders still go."""
    try:
        with transaction.atomic():
            _ingatkan_pemohon(t, ke, now)
    except Exception:
        log.exception("Tenggat: pengingat penilaian transaksi %s gagal; dicoba lagi nanti.", t.pk)
        Transaksi.objects.filter(pk=t.pk).update(**{kolom: None})
        return False
    return True


def _ingatkan_pemohon(t: Transaksi, ke: int, now: datetime) -> None:
    surel = kirim_surel(
        t.pemohon.email,
        format_lazy(gettext_lazy("Transaksi {nomor}: mohon beri penilaian layanan"), nomor=t.nomor),
        "email/penilaian/pengingat_penilaian.txt",
        {"t": t, "ke": ke, "batas_tutup": batas_penilaian(t)},
    )
    # The history says the reminder went: not when a closed account got none.
    if surel is None:
        return
    RiwayatTransaksi.objects.create(
        transaksi=t,
        jenis=RiwayatTransaksi.Jenis.PENGINGAT,
        waktu=now,
        catatan=f"Pengingat penilaian ke-{ke} dikirim ke pemohon.",
    )


def tutup_otomatis(ids: Iterable[int] | None = None, batas: int | None = None) -> list[int]:
    """Close delivered transactions not rated in time, as "not rated".

    The status is the flag: `tutup_tanpa_penilaian` locks each row and
    re-checks it (still delivered, still unrated), so a second run or a
    visitor rating at the same moment makes it a no-op.
    """
    calon = (
        Transaksi.objects.filter(perlu_tutup_otomatis(timezone.now()) & hanya(ids))
        .order_by("diserahkan_pada", "pk")
        .values_list("pk", flat=True)[: batas or BATAS_PER_JALAN]
    )
    return satu_per_satu(
        calon, tutup_tanpa_penilaian, "Tenggat: transaksi %s gagal ditutup otomatis; dicoba lagi nanti.", log
    )
