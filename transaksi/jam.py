"""The SOP clocks of a transaction, as the office reads the SOP — the one
place their arithmetic lives. Pure functions: the live moves
(`services/inti.py`), the recompute after a calendar change (`tenggat.py`)
and the data migration that moved old rows to these rules all call them.

* **Queue clock** (`Jam.PERIKSA`, SOP step 5, 3 working days): from each
  submission until the officer's completeness decision (sent back or
  declared complete). A resubmission is a new wait with a fresh deadline.
* **Delivery clock** (`Jam.PROSES`, SOP step 7, 10 working days): from
  "requirements complete" until hand-over. It pauses while it is the
  visitor's turn (`alur.jam_dijeda_di`: waiting for payment) and resumes
  when the turn comes back; a free or Rp0 transaction never pauses.

Pause rule, in whole working days as the SOP counts them: a working day has
been used when the clock was running at that day's close of service and the
day is after the day the clock started or resumed
(`kalender.hari_terpakai`). On resume at instant r with k days used, the
deadline is `batas_waktu(r, 10 - k)`; when k had reached 10 before the pause
the deadline had already passed and stays the one that passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from pst_layanan import kalender
from pst_layanan.format import waktu_panjang
from transaksi import alur
from transaksi.alur import Jam


class Peristiwa(StrEnum):
    """What happened to the clock on a move (each becomes a history row)."""

    MULAI = "mulai"
    BERHENTI = "berhenti"
    JEDA = "jeda"
    LANJUT = "lanjut"


@dataclass(frozen=True)
class KeadaanJam:
    """A clock as stored on the transaction row."""

    jam: str = Jam.TIDAK_ADA
    mulai: datetime | None = None  # start, or the latest resume
    hari_terpakai: int = 0  # working days used before `mulai`
    dijeda_pada: datetime | None = None
    batas: datetime | None = None  # None while paused with days left

    @property
    def hari(self) -> int:
        return alur.HARI_KERJA_JAM[self.jam]

    def sisa_hari(self) -> int:
        """Working days left to a paused clock."""
        return max(self.hari - self.hari_terpakai, 0)


def mulai(jam: str, waktu: datetime, kantor: int | None = None) -> KeadaanJam:
    return KeadaanJam(jam, waktu, 0, None, kalender.batas_waktu(waktu, alur.HARI_KERJA_JAM[jam], kantor))


def jeda(k: KeadaanJam, waktu: datetime, kantor: int | None = None) -> KeadaanJam:
    terpakai = k.hari_terpakai + kalender.hari_terpakai(k.mulai, waktu, kantor)
    # A deadline already passed stays on the row: the breach is not undone by waiting.
    batas = k.batas if terpakai >= k.hari else None
    return replace(k, hari_terpakai=terpakai, dijeda_pada=waktu, batas=batas)


def lanjut(k: KeadaanJam, waktu: datetime, kantor: int | None = None) -> KeadaanJam:
    batas = (
        kalender.batas_waktu(waktu, k.hari - k.hari_terpakai, kantor) if k.hari_terpakai < k.hari else k.batas or waktu
    )
    return replace(k, mulai=waktu, dijeda_pada=None, batas=batas)


def setelah(
    k: KeadaanJam, ke: str, waktu: datetime, bebas: bool, kantor: int | None = None
) -> tuple[KeadaanJam, list[Peristiwa]]:
    """The clock after a move into status `ke` at `waktu`, and what happened.

    `bebas`: nothing to pay (free product or approved Rp0), never paused.
    `kantor`: the transaction's office, whose calendar the clock runs on."""
    jam_ke = alur.JAM_STATUS.get(ke, Jam.TIDAK_ADA)
    dijeda = alur.jam_dijeda_di(ke) and not bebas
    if k.jam == Jam.PROSES and jam_ke == Jam.PROSES:  # the same delivery clock goes on
        if dijeda and not k.dijeda_pada:
            return jeda(k, waktu, kantor), [Peristiwa.JEDA]
        if not dijeda and k.dijeda_pada:
            return lanjut(k, waktu, kantor), [Peristiwa.LANJUT]
        return k, []
    peristiwa = [Peristiwa.BERHENTI] if k.jam else []
    if not jam_ke:
        return KeadaanJam(), peristiwa
    return mulai(jam_ke, waktu, kantor), [*peristiwa, Peristiwa.MULAI]


def hari_berhenti(k: KeadaanJam, waktu: datetime, kantor: int | None = None) -> int:
    """The working day of clock `k` on which it stops at `waktu`, as the SOP
    counts its days: the days used before its latest resume, plus the day
    `waktu` falls on counted from that resume (`kalender.hari_kerja_ke`: 0
    on its own date). A clock stopped while paused used no day since the pause.
    Stopped on the day its deadline falls on, a clock has used all its days."""
    if k.dijeda_pada or k.mulai is None:
        return k.hari_terpakai
    return k.hari_terpakai + kalender.hari_kerja_ke(k.mulai, waktu, kantor)


def hari_lewat(k: KeadaanJam, waktu: datetime, kantor: int | None = None) -> int:
    """Working days clock `k` has run past its standard when it stops (or is
    read) at `waktu`: `hari_berhenti` minus its days. A clock paused after
    its deadline had passed grows no later while it waits for the visitor."""
    return hari_berhenti(k, waktu, kantor) - k.hari


def putar_ulang(perpindahan: Iterable[tuple[datetime, str]], bebas: bool, kantor: int | None = None) -> KeadaanJam:
    """The clock today from the moves a transaction made, oldest first:
    `(waktu, ke)` pairs of its status history."""
    k = KeadaanJam()
    for waktu, ke in perpindahan:
        k, _ = setelah(k, ke, waktu, bebas, kantor)
    return k


def target_internal(
    perpindahan: list[tuple[datetime, str]], hari_target: dict[str, int], kantor: int | None = None
) -> datetime | None:
    """The internal target of the status the moves ended in (`hari_target`:
    status → working days, from the office settings), from its entry."""
    if not perpindahan or perpindahan[-1][1] not in hari_target:
        return None
    waktu, ke = perpindahan[-1]
    return kalender.batas_waktu(waktu, hari_target[ke], kantor)


def keterangan(k: KeadaanJam) -> str:
    """How a recomputed clock reads in the history."""
    if not k.jam:
        return "tidak ada jam SOP yang berjalan"
    if k.dijeda_pada and k.batas is None:
        return f"dijeda — menunggu pemohon; sisa {k.sisa_hari()} hari kerja"
    return f"batas waktu {waktu_panjang(k.batas)}"


def detik_dijeda(perpindahan: Iterable[tuple[datetime, str]], sampai: datetime, bebas: bool) -> int:
    """Seconds the delivery clock spent paused until `sampai`, from the moves
    made since it started (`(waktu, ke)`, oldest first)."""
    if bebas:
        return 0
    detik, sejak = 0.0, None
    for waktu, ke in perpindahan:
        if sejak is not None:
            detik, sejak = detik + (waktu - sejak).total_seconds(), None
        if alur.jam_dijeda_di(ke):
            sejak = waktu
    if sejak is not None:
        detik += (sampai - sejak).total_seconds()
    return int(detik)


def dari_baris(t) -> KeadaanJam:
    """The clock stored on a transaction row."""
    return KeadaanJam(t.jam, t.jam_mulai, t.jam_hari_terpakai, t.jam_dijeda_pada, t.batas_waktu)


def ke_baris(t, k: KeadaanJam) -> list[str]:
    """Store `k` on the row; return the fields written."""
    t.jam, t.jam_mulai, t.jam_hari_terpakai, t.jam_dijeda_pada, t.batas_waktu = (
        k.jam,
        k.mulai,
        k.hari_terpakai,
        k.dijeda_pada,
        k.batas,
    )
    return ["jam", "jam_mulai", "jam_hari_terpakai", "jam_dijeda_pada", "batas_waktu"]
