"""The time standards of the PST service procedure and the numbers of its
steps, declared once.

Every rule, label and report that states one of these numbers reads it from
here: the transaction clocks (`transaksi/alur.py`), the compliance dashboard
(`penilaian/mutu.py`), the officers' pages, the home page and the e-mails
(`sop` in every template's context). Changing the procedure is changing one
line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class StandarSOP:
    # Step 2: the visitor chooses online or walk-in and reaches the
    # receptionist. It happens before anything is recorded, so it is stated,
    # not measured.
    media_layanan: timedelta = timedelta(minutes=10)
    # Step 2, outside service hours: an appointment on a working day is made
    # at least this long before it (on a non-working day, on an earlier day).
    janji_di_luar_jam: timedelta = timedelta(hours=1)
    # Step 3: registration and queue number, from the recorded arrival
    # ("Tamu datang") to the ticket.
    registrasi: timedelta = timedelta(minutes=10)
    # Step 4: the officer's explanation at the counter (service started → finished).
    penjelasan: timedelta = timedelta(hours=1)
    # Step 5: the longest wait in the queue, from each submission to the
    # officer's completeness decision (send back, or declare complete).
    pemeriksaan_hari_kerja: int = 3
    # Step 7: delivery, from "requirements complete" to hand-over; paused
    # while it is the visitor's turn (see transaksi/jam.py).
    penyerahan_hari_kerja: int = 10
    # Step 8: giving the rating.
    penilaian: timedelta = timedelta(minutes=5)

    @staticmethod
    def menit(lama: timedelta) -> int:
        return int(lama.total_seconds() // 60)

    @staticmethod
    def jam(lama: timedelta) -> int:
        return int(lama.total_seconds() // 3600)


SOP = StandarSOP()


@dataclass(frozen=True)
class LangkahSOP:
    """The SOP's own number of each step a page names, so the home page and
    the compliance dashboard call a step alike ("Langkah 3" is registration
    on both)."""

    media_layanan: int = 2
    registrasi: int = 3
    penjelasan: int = 4
    pemeriksaan: int = 5
    # Invoice and payment; the delivery clock of step 7 runs through it.
    pembayaran: int = 6
    penyerahan: int = 7
    penilaian: int = 8


LANGKAH = LangkahSOP()


@dataclass(frozen=True)
class TargetInternal:
    """The office's own targets inside the step-7 clock — not SOP steps, so
    they never split or replace it. These are the defaults of the office
    settings (`Kantor`), where each office sets its own lengths."""

    # Invoice issued within N working days of "requirements complete".
    tagihan_hari_kerja: int = 1
    # Proof of payment checked within N working days of its arrival.
    verifikasi_hari_kerja: int = 1


TARGET_INTERNAL = TargetInternal()

# The queue service of paid statistical products, the one transactions belong
# to (seeded by the antrian migrations; the desk and the demo use the same code).
KODE_LAYANAN_BERBAYAR = "B"
