"""SOP compliance (*Mutu Baku*): for each SOP step with a time standard, the
share of cases within it, the median and 90th percentile, and the breaches —
computed in the database from the timestamps and history rows already stored.

The standards are declared in `pst_layanan/sop.py`.

| step | measured from → to | standard |
|---|---|---|
| 3 registration + queue ticket | recorded arrival ("Tamu datang") → ticket issued | 10 minutes |
| 4 explanation at the counter | service started → finished (+ service before a transfer) | 1 hour |
| 5 queue wait | each queue clock (`periksa`): submission → decision | stored deadline (3 WD) |
| 7 delivery | clock `proses`: complete → hand-over, minus paused time | stored deadline (10 WD) |
| 8 rating | form opened → submitted | 5 minutes |

A clock stopped by the transaction's cancellation or refund (and an
internal target ended so) is a case only when its deadline had passed (a
breach): before it, nothing was decided or handed over, so it was not
"within" the standard either. For step 5 this holds for the visitor's own
cancellation only: an officer's cancellation of a submitted request is
their decision on it.

For the working-day standards "within" means the clock stopped at or before
the deadline in force when it stopped (`batas_waktu` of its JAM_BERHENTI
history row: the one computed at its start or latest resume,
transaksi/jam.py) — working days are never recounted here. Step 5 counts
only clocks stopped while the transaction was submitted (`dari`), so the
invoice and payment waits measured by the same kind of clock before the
delivery clock covered them are not queue waits.

Durations (median, P90, a breach's) are read in the standard's unit. Beside
a fixed time they are seconds from start to end (shown as minutes or
hours). Beside a working-day standard they are working days as the SOP
counts them, stored on the stop row when the clock stopped
(`RiwayatTransaksi.hari_kerja_ke`, `jam.hari_berhenti`, by the office's own
calendar): day 1 is the first working day after the clock started (WIB),
so a clock stopped on day N took N working days, and 0 on its own start
date. Submitted on Friday at 16:00 and decided on Tuesday is 2 working
days, not 4 calendar days. Step 7 counts only its running days: the days
used before each pause, then the days since the latest resume; no day
counts while it was paused. A breach's excess (`lewat`) stays the time past
the stored deadline, which orders the list; past a working-day deadline it
reads as the deadline board states lateness (`selectors.lama_terlambat`):
hours on the deadline's own day, then working days, so a Friday deadline
met on Tuesday after a holiday Monday is 1 working day late, not 3,8 days;
a delivery clock paused after its deadline is late by the days it ran past
its 10 (its duration minus 10), not by the weeks the visitor took to pay.

The office's internal targets (`TARGET`: invoice issued, payment checked,
lengths in the office settings, in working days) are measured the same way
from the TARGET_SELESAI rows, their day 1 the first working day after the
status was entered; they are not SOP steps and are shown apart.

A case belongs to the month in which it ended (visits: the ticket's day;
ratings: submission).

Step 3 counts only tickets whose arrival was recorded before registration
(`antrian.Kedatangan`), on the ticket's own day (the only arrival a visit
can take: the desk attaches today's arrivals to today's visits): a desk
visit registered without one, an appointment check-in without one, and an
online guest-book entry (no ticket) have no observed arrival, so they are
not cases of step 3 rather than 0-second ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import (
    BigIntegerField,
    CharField,
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, TruncMonth
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from antrian.models import AKHIR_HARI, StatusTiket, Tiket
from penilaian.models import Penilaian, RingkasanKepatuhan
from penilaian.statistik import DetikAntara, Persentil, gabung
from penilaian.templatetags.penilaian import durasi as durasi_detik
from penilaian.templatetags.penilaian import durasi_hari_kerja
from pst_layanan.format import bulat, lama, lama_malas
from pst_layanan.kantor import di_kantor, kantor
from pst_layanan.periode import Bulan, bulan_bulan
from pst_layanan.sop import LANGKAH, SOP
from transaksi import alur
from transaksi.models import Jam, RiwayatTransaksi, Status
from transaksi.selectors import hari_terlambat, lama_terlambat

JENIS = RiwayatTransaksi.Jenis
BATAS_DAFTAR_PELANGGARAN = 25


@dataclass(frozen=True)
class Standar:
    kode: str
    # Lazy translations (dashboard, report); writers of files call str() on them.
    langkah: str | Promise
    nama: str | Promise
    uraian: str | Promise  # the standard as the SOP states it
    batas: timedelta | None  # a fixed time; None = the stored working-day deadline
    # An internal target's length is an office setting: the column that holds it.
    kolom_kantor: str | None = None
    # A working-day SOP step's days: a breach is late by the days its clock ran past them.
    hari: int | None = None

    def uraian_di(self, kantor_id: int | None = None) -> str | Promise:
        """The standard as stated for office `kantor_id` (the provincial office
        when None): an internal target reads that office's own length."""
        if self.kolom_kantor is None:
            return self.uraian
        return lama(getattr(kantor(kantor_id), self.kolom_kantor), "hari_kerja")

    def baris(self, dari, sampai, durasi: bool = True, kantor: int | None = None) -> QuerySet:
        """Cases that ended in [dari, sampai), annotated `selesai`, `durasi`
        (when `durasi`: seconds, or working days for a working-day standard)
        and `lewat` (seconds past the standard, positive = breach); of office
        `kantor` only when given."""
        return di_kantor(_SUMBER[self.kode](self, dari, sampai, durasi), kantor)

    @property
    def hari_kerja(self) -> bool:
        """A working-day standard: its durations are counted in working days."""
        return self.batas is None

    def q_dalam(self) -> Q:
        if self.hari_kerja:
            return Q(waktu__lte=F("batas_waktu"))
        return Q(durasi__lte=self.batas.total_seconds())

    @property
    def urutan_terparah(self) -> tuple:
        """The order the worst breaches are fetched in, the list's own order
        (`_daftar_pelanggaran`): a working-day SOP step's are late by the days
        its clock ran past its standard, so by its working days first — the
        time past the deadline counts the weeks a paused clock waited for the
        visitor to pay, which are not the office's lateness."""
        if self.hari is None:
            return ("-lewat", "pk")
        return (F("durasi").desc(nulls_last=True), "-lewat", "pk")

    def tampil(self, durasi: float | None) -> str:
        """A duration of this standard as an officer reads it: "2 hari kerja"
        beside a working-day standard, else "12 menit", "1,5 jam"."""
        return durasi_hari_kerja(durasi) if self.hari_kerja else durasi_detik(durasi)

    def terlambat(self, b: dict) -> tuple[int, str]:
        """How far breach row `b` ended past the standard, as (working days,
        text): past a working-day deadline as the deadline board says it
        (`selectors.lama_terlambat`: hours on the deadline's own day, then
        working days on the office's calendar), else "12 menit", "1,5 jam"."""
        if not self.hari_kerja:
            return 0, durasi_detik(b["lewat"])
        batas, waktu, kantor = b["batas"], b["selesai"], b["_kantor"]
        lewat = None if self.hari is None or b["durasi"] is None else int(b["durasi"]) - self.hari
        return hari_terlambat(batas, waktu, kantor, lewat), lama_terlambat(batas, waktu, kantor, lewat)


def _langkah_tetap(kode: str, nama: str | Promise, batas: timedelta, satuan: str) -> Standar:
    """An SOP step with a fixed time, stated in `satuan` ("menit" or "jam",
    read through `SOP.menit` / `SOP.jam`); its number is `LANGKAH.<kode>`."""
    uraian = lama_malas(getattr(SOP, satuan)(batas), satuan)
    return Standar(kode, format_lazy(_("Langkah {n}"), n=getattr(LANGKAH, kode)), nama, uraian, batas)


def _langkah_hari_kerja(kode: str, nama: str | Promise, hari: int) -> Standar:
    """An SOP step of `hari` working days, judged by its stored deadline."""
    langkah = format_lazy(_("Langkah {n}"), n=getattr(LANGKAH, kode))
    return Standar(kode, langkah, nama, lama_malas(hari, "hari_kerja"), None, hari=hari)


STANDAR: tuple[Standar, ...] = (
    _langkah_tetap("registrasi", _("Registrasi dan nomor antrian"), SOP.registrasi, "menit"),
    _langkah_tetap("penjelasan", _("Penjelasan petugas di loket"), SOP.penjelasan, "jam"),
    _langkah_hari_kerja("pemeriksaan", _("Antrean pemeriksaan persyaratan"), SOP.pemeriksaan_hari_kerja),
    _langkah_hari_kerja("penyerahan", _("Penyerahan produk"), SOP.penyerahan_hari_kerja),
    _langkah_tetap("penilaian", _("Pemberian penilaian"), SOP.penilaian, "menit"),
)


# The length of an internal target is read when shown (`uraian_di`): each
# office sets it in its settings.
TARGET: tuple[Standar, ...] = (
    Standar(
        "target_tagihan",
        _("Target internal"),
        _("Tagihan terbit sejak persyaratan lengkap"),
        "",
        None,
        alur.TARGET_INTERNAL[Status.MENUNGGU_TAGIHAN],
    ),
    Standar(
        "target_verifikasi",
        _("Target internal"),
        _("Bukti bayar diperiksa sejak dikirim"),
        "",
        None,
        alur.TARGET_INTERNAL[Status.MENUNGGU_VERIFIKASI],
    ),
)
PER_KODE = {s.kode: s for s in (*STANDAR, *TARGET)}


# --- where each step's cases come from ---------------------------------------------


def _hari(waktu):
    """The office day of a month's bound (an instant or already a day)."""
    return waktu.date() if hasattr(waktu, "date") else waktu


def _tiket(s: Standar, dari, sampai, mulai: str, selesai: str, tambahan=None, **saring) -> QuerySet:
    """The month's tickets with both times, `durasi` the seconds between them
    (plus the expression `tambahan`, seconds measured before)."""
    # Tickets are indexed by (day, status); a month is a range of office days.
    qs = Tiket.objects.filter(tanggal__gte=_hari(dari), tanggal__lt=_hari(sampai), **saring).filter(
        **{f"{mulai}__isnull": False, f"{selesai}__isnull": False}
    )
    durasi = DetikAntara(F(mulai), F(selesai))
    return qs.annotate(
        bulan=TruncMonth("tanggal"),
        mulai=F(mulai),
        selesai=F(selesai),
        durasi=durasi if tambahan is None else durasi + tambahan,
        lewat=F("durasi") - s.batas.total_seconds(),
    )


def _registrasi(s, dari, sampai, durasi):
    # Every issued ticket ended its registration, whatever happened next; an
    # arrival recorded after its ticket (the visitor back for their appointment,
    # checked in on the ticket they held) started none. An arrival is of its
    # ticket's day (`Tiket.kedatangan`), so the month's arrivals are read by
    # their day too: one range of their index, not a look-up per ticket.
    return _tiket(
        s,
        dari,
        sampai,
        "kedatangan__tiba_pada",
        "diambil_pada",
        kedatangan__tanggal=F("tanggal"),
        kedatangan__tanggal__gte=_hari(dari),
        kedatangan__tanggal__lt=_hari(sampai),
        kedatangan__tiba_pada__lte=F("diambil_pada"),
    )


def _penjelasan(s, dari, sampai, durasi):
    # The officer's explanation runs from the start of service, so a skipped
    # visitor's absence or a transfer's second wait is not counted as the officer's;
    # the service given before a transfer is (`Tiket.lama_dilayani`).
    sebelumnya = F("detik_dilayani_sebelumnya")
    return _tiket(s, dari, sampai, "mulai_pada", "selesai_pada", sebelumnya, status=StatusTiket.SELESAI)


# The working day a clock or target ended on, stored with its end (transaksi/jam.py
# `hari_berhenti`): a float like the seconds of the other steps, so every branch of
# a UNION agrees on the column's type.
_HARI_KERJA = Cast(F("hari_kerja_ke"), FloatField())


def _tanpa_batal_tepat_waktu(qs: QuerySet, oleh_pemohon: bool = False) -> QuerySet:
    """Clock stops (and internal targets' ends) of `qs` without those a
    cancellation or a refund caused before their deadline (`oleh_pemohon`:
    only the visitor's own cancellation). Such a stop brought no decision,
    invoice or hand-over: before its deadline it is no case (nothing was done
    in time); after it, it stays a breach (the wait was already past the
    standard). The move's status row comes just before the stop row it
    causes, and nothing follows a cancellation."""
    dibatalkan = RiwayatTransaksi.objects.filter(
        transaksi=OuterRef("transaksi"), jenis=JENIS.STATUS, ke__in=alur.STATUS_PEMBATALAN, pk__lt=OuterRef("pk")
    )
    if oleh_pemohon:
        dibatalkan = dibatalkan.filter(oleh=F("transaksi__pemohon"))
    return qs.exclude(Q(waktu__lte=F("batas_waktu")) & Exists(dibatalkan))


def _berhenti(jenis: str, awal, akhir, oleh_pemohon: bool = False, **saring) -> QuerySet:
    # ke="" with the waktu range uses the (ke, waktu) index of the history.
    qs = RiwayatTransaksi.objects.filter(
        ke="", jenis=jenis, waktu__gte=awal, waktu__lt=akhir, batas_waktu__isnull=False, **saring
    )
    return _tanpa_batal_tepat_waktu(qs, oleh_pemohon).annotate(
        bulan=TruncMonth("waktu"), selesai=F("waktu"), lewat=DetikAntara(F("batas_waktu"), F("waktu"))
    )


def _mulai_terakhir(jenis: str, **saring) -> Subquery:
    """The latest history row of `jenis` before the case's end: its start."""
    return Subquery(
        RiwayatTransaksi.objects.filter(
            transaksi=OuterRef("transaksi"), jenis=jenis, waktu__lte=OuterRef("waktu"), **saring
        )
        .order_by("-waktu", "-pk")
        .values("waktu")[:1]
    )


def _antrean(s, dari, sampai, durasi):
    # A queue wait ends with the completeness decision, taken while submitted:
    # an officer's cancellation too (the request does not match its abstract),
    # not the visitor's own.
    qs = _berhenti(JENIS.JAM_BERHENTI, dari, sampai, oleh_pemohon=True, jam=Jam.PERIKSA, dari=Status.DIAJUKAN)
    if durasi:
        qs = qs.annotate(mulai=_mulai_terakhir(JENIS.JAM_MULAI, jam=Jam.PERIKSA), durasi=_HARI_KERJA)
    return qs


def _penyerahan(s, dari, sampai, durasi):
    qs = _berhenti(JENIS.JAM_BERHENTI, dari, sampai, jam=Jam.PROSES)
    if durasi:
        # The clock starts when the requirements are declared complete; the
        # days it spent paused are not among its working days.
        qs = qs.annotate(mulai=F("transaksi__lengkap_pada"), durasi=_HARI_KERJA)
    return qs


def _target(status: str):
    def sumber(s, dari, sampai, durasi):
        qs = RiwayatTransaksi.objects.filter(
            jenis=JENIS.TARGET_SELESAI, dari=status, waktu__gte=dari, waktu__lt=sampai, batas_waktu__isnull=False
        )
        qs = _tanpa_batal_tepat_waktu(qs).annotate(
            bulan=TruncMonth("waktu"), selesai=F("waktu"), lewat=DetikAntara(F("batas_waktu"), F("waktu"))
        )
        if durasi:
            qs = qs.annotate(mulai=_mulai_terakhir(JENIS.STATUS, ke=status), durasi=_HARI_KERJA)
        return qs

    return sumber


def _penilaian(s, dari, sampai, durasi):
    return Penilaian.objects.filter(dikirim_pada__gte=dari, dikirim_pada__lt=sampai).annotate(
        bulan=TruncMonth("dikirim_pada"),
        mulai=F("dibuka_pada"),
        selesai=F("dikirim_pada"),
        durasi=DetikAntara(F("dibuka_pada"), F("dikirim_pada")),
        lewat=F("durasi") - s.batas.total_seconds(),
    )


_SUMBER = {
    "registrasi": _registrasi,
    "penjelasan": _penjelasan,
    "pemeriksaan": _antrean,
    "penyerahan": _penyerahan,
    "target_tagihan": _target(Status.MENUNGGU_TAGIHAN),
    "target_verifikasi": _target(Status.MENUNGGU_VERIFIKASI),
    "penilaian": _penilaian,
}


# --- results ------------------------------------------------------------------------------


# The closest shares to "all" and "none" that one decimal can show.
HAMPIR_SEMUA, HAMPIR_TIDAK_ADA = Decimal("99.9"), Decimal("0.1")


def persen(bagian: int, total: int) -> Decimal | None:
    """The share within, to one decimal, halves up. It reads 100 % only when
    every case met the standard and 0 % only when none did: rounded plainly,
    1,999 of 2,000 read "100,0%" beside its one breach."""
    if not total:
        return None
    nilai = bulat(Decimal(bagian) * 100 / Decimal(total))
    if bagian < total:
        nilai = min(nilai, HAMPIR_SEMUA)
    if bagian > 0:
        nilai = max(nilai, HAMPIR_TIDAK_ADA)
    return nilai


@dataclass(frozen=True)
class Pelanggaran:
    rujukan: str
    tautan: str
    mulai: object
    selesai: object
    durasi: float | None  # in the standard's unit (`Standar.tampil`)
    lewat: float  # seconds past the standard
    durasi_tampil: str = ""
    lewat_tampil: str = ""  # in the standard's unit (`Standar.terlambat`)


@dataclass(frozen=True)
class Kepatuhan:
    standar: Standar
    kasus: int
    dalam: int
    # In the standard's unit: seconds, or working days beside a working-day standard.
    median: float | None
    p90: float | None
    pelanggaran: tuple[Pelanggaran, ...] = ()
    kantor: int | None = None  # whose numbers: one office, or every office when None

    @property
    def uraian(self) -> str | Promise:
        return self.standar.uraian_di(self.kantor)

    @property
    def persen(self) -> Decimal | None:
        return persen(self.dalam, self.kasus)

    @property
    def median_tampil(self) -> str:
        return self.standar.tampil(self.median)

    @property
    def p90_tampil(self) -> str:
        return self.standar.tampil(self.p90)

    @property
    def jumlah_pelanggaran(self) -> int:
        return self.kasus - self.dalam


def _kosong(field) -> Cast:
    # A typed NULL: the branches of a UNION must agree on each column's type.
    return Cast(Value(None), field)


def _rujukan(s: Standar, qs: QuerySet) -> QuerySet:
    """What a breach links to, in the same columns for every step (`_KOLOM_PELANGGARAN`)."""
    if s.kode in ("registrasi", "penjelasan"):
        kolom = {
            "_kode": F("layanan__kode"),
            "_nomor": Cast("nomor", CharField()),
            "_kunjungan": F("kunjungan_id"),
            "_tanggal": F("tanggal"),
        }
    else:
        kolom = {
            "_kode": _kosong(CharField()),
            "_nomor": F("transaksi__nomor"),
            "_kunjungan": F("kunjungan_id") if s.kode == "penilaian" else _kosong(BigIntegerField()),
            "_tanggal": _kosong(DateField()),
        }
    # The deadline a working-day breach missed, to state its lateness in working days.
    batas = F("batas_waktu") if s.hari_kerja else _kosong(DateTimeField())
    return qs.annotate(_s=Value(s.kode, CharField()), _pk=F("pk"), batas=batas, _kantor=F("kantor"), **kolom)


_KOLOM_ANGKA = ["_s", "kasus", "dalam", "median", "p90"]
_KOLOM_PELANGGARAN = [
    *("_s", "_pk", "mulai", "selesai", "durasi", "lewat", "batas", "_kantor"),
    *("_nomor", "_kode", "_kunjungan", "_tanggal"),
]


def _daftar_pelanggaran(s: Standar, baris: list[dict]) -> tuple[Pelanggaran, ...]:
    """The breaches worst first as they read: the most working days late
    (beside a working-day standard), then the most time past the standard."""
    terlambat = {b["_pk"]: s.terlambat(b) for b in baris}
    urut = sorted(baris, key=lambda b: (-terlambat[b["_pk"]][0], -b["lewat"], b["_pk"]))
    return tuple(_sebagai_pelanggaran(s, b, terlambat[b["_pk"]][1]) for b in urut)


def _sebagai_pelanggaran(s: Standar, b: dict, lewat_tampil: str) -> Pelanggaran:
    if s.kode in ("registrasi", "penjelasan"):
        rujukan = gettext("Tiket {kode} ({tanggal})").format(
            kode=f"{b['_kode']}-{int(b['_nomor']):03d}", tanggal=f"{b['_tanggal']:%d-%m-%Y}"
        )
        tautan = reverse("admin:antrian_kunjungan_change", args=[b["_kunjungan"]])
    elif s.kode == "penilaian":
        if b["_nomor"]:
            rujukan = gettext("Transaksi {nomor}").format(nomor=b["_nomor"])
        else:
            rujukan = gettext("Kunjungan #{nomor}").format(nomor=b["_kunjungan"])
        tautan = reverse("admin:penilaian_penilaian_change", args=[b["_pk"]])
    else:
        rujukan = gettext("Transaksi {nomor}").format(nomor=b["_nomor"])
        tautan = reverse("transaksi:detail", args=[b["_nomor"]])
    return Pelanggaran(
        rujukan, tautan, b["mulai"], b["selesai"], b["durasi"], b["lewat"], s.tampil(b["durasi"]), lewat_tampil
    )


def kepatuhan(
    s: Standar, bulan: Bulan, batas_daftar: int = BATAS_DAFTAR_PELANGGARAN, kantor: int | None = None
) -> Kepatuhan:
    """One step's numbers for one month (of office `kantor`, or all)."""
    [hasil] = kepatuhan_banyak([s], bulan, batas_daftar, kantor)
    return hasil


def kepatuhan_banyak(
    daftar: list[Standar] | tuple[Standar, ...],
    bulan: Bulan,
    batas_daftar: int = BATAS_DAFTAR_PELANGGARAN,
    kantor: int | None = None,
) -> list[Kepatuhan]:
    """The numbers of several steps for one month in 2 queries whatever
    their number: every step's aggregate in one UNION ALL, then the worst
    breaches of the steps that have any in another (`statistik.gabung`).
    Of office `kantor` only when given, else of every office."""
    qs = {s.kode: s.baris(bulan.mulai, bulan.sampai, kantor=kantor) for s in daftar}
    angka = {
        b["_s"]: b
        for b in gabung(
            [
                qs[s.kode]
                .order_by()
                .annotate(_s=Value(s.kode, CharField()))
                .values("_s")
                .annotate(
                    kasus=Count("pk"),
                    dalam=Count("pk", filter=s.q_dalam()),
                    median=Persentil("durasi", 0.5),
                    p90=Persentil("durasi", 0.9),
                )
                for s in daftar
            ],
            _KOLOM_ANGKA,
        )
    }
    dilanggar = [s for s in daftar if angka[s.kode]["kasus"] > angka[s.kode]["dalam"]] if batas_daftar else []
    pelanggaran: dict[str, list[dict]] = {s.kode: [] for s in daftar}
    for b in gabung(
        [
            _rujukan(s, qs[s.kode].exclude(s.q_dalam()))
            .order_by(*s.urutan_terparah)
            .values(*_KOLOM_PELANGGARAN)[:batas_daftar]
            for s in dilanggar
        ],
        _KOLOM_PELANGGARAN,
    ):
        pelanggaran[b["_s"]].append(b)
    hasil = []
    for s in daftar:
        a = angka[s.kode]
        hasil.append(
            Kepatuhan(
                s,
                a["kasus"],
                a["dalam"],
                a["median"],
                a["p90"],
                _daftar_pelanggaran(s, pelanggaran[s.kode]),
                kantor,
            )
        )
    return hasil


def semua_kepatuhan(
    bulan: Bulan, batas_daftar: int = BATAS_DAFTAR_PELANGGARAN, kantor: int | None = None
) -> list[Kepatuhan]:
    return kepatuhan_banyak(STANDAR, bulan, batas_daftar, kantor)


def semua_target(
    bulan: Bulan, batas_daftar: int = BATAS_DAFTAR_PELANGGARAN, kantor: int | None = None
) -> list[Kepatuhan]:
    """The office's internal targets (not SOP steps), measured like the steps."""
    return kepatuhan_banyak(TARGET, bulan, batas_daftar, kantor)


def kepatuhan_per_kantor(
    daftar: list[Standar] | tuple[Standar, ...], bulan: Bulan
) -> dict[int, dict[str, tuple[int, int]]]:
    """Office id → step → (cases, within) for one month, every office and
    step in ONE grouped UNION query: the province view's columns, equal to
    each office's own dashboard (`kepatuhan_banyak(..., kantor=id)`)."""
    baris = gabung(
        [
            s.baris(bulan.mulai, bulan.sampai, durasi=False)
            .order_by()
            .annotate(_s=Value(s.kode, CharField()), _k=F("kantor"))
            .values("_s", "_k")
            .annotate(kasus=Count("pk"), dalam=Count("pk", filter=s.q_dalam()))
            for s in daftar
        ],
        ["_s", "_k", "kasus", "dalam"],
    )
    hasil: dict[int, dict[str, tuple[int, int]]] = {}
    for b in baris:
        hasil.setdefault(b["_k"], {})[b["_s"]] = (b["kasus"], b["dalam"])
    return hasil


def tren_kepatuhan(akhir: Bulan, jumlah: int = 12, kantor: int | None = None) -> dict[str, list[Decimal | None]]:
    """Share within the standard per month, per step.

    A closed month never changes (cases belong to the month they ended in,
    history is append-only), so its (cases, within) pair is stored once in
    `RingkasanKepatuhan`; only the current month — and closed months not seen
    before — are counted, every step in one grouped UNION query. Per office
    when `kantor` is given; the rows with no office are every office's.
    """
    daftar = bulan_bulan(akhir, jumlah)
    ini = Bulan.ini()
    tersimpan = {
        (r.standar, r.bulan): (r.kasus, r.dalam)
        for r in RingkasanKepatuhan.objects.filter(
            bulan__in=[b.kode for b in daftar if b < ini],
            **({"kantor": kantor} if kantor else {"kantor__isnull": True}),
        )
    }
    kurang = {s: [b for b in daftar if (s.kode, b.kode) not in tersimpan] for s in STANDAR}
    dihitung = _hitung_per_bulan({s: b for s, b in kurang.items() if b}, kantor)
    masih_berubah = bulan_tiket_terbuka({b for bs in kurang.values() for b in bs if b < ini}, kantor)
    hasil, baru = {}, []
    for s in STANDAR:
        angka = {b: tersimpan.get((s.kode, b.kode)) or dihitung.get((s.kode, b), (0, 0)) for b in daftar}
        baru += [
            RingkasanKepatuhan(kantor_id=kantor, standar=s.kode, bulan=b.kode, kasus=angka[b][0], dalam=angka[b][1])
            for b in kurang[s]
            if b < ini and b not in masih_berubah
        ]
        hasil[s.kode] = [persen(angka[b][1], angka[b][0]) for b in daftar]
    RingkasanKepatuhan.objects.bulk_create(baru, ignore_conflicts=True)  # two viewers at once: same numbers
    return hasil


def bulan_tiket_terbuka(bulan: set[Bulan], kantor: int | None) -> set[Bulan]:
    """The months among `bulan` with a ticket still open, not stored yet: an
    appointment served after the close on a month's last day is closed by the
    next day's end-of-day job, after the 1st's trend run, and its counter
    times then join that month."""
    if not bulan:
        return set()
    terbuka = Tiket.objects.filter(
        status__in=list(AKHIR_HARI),
        tanggal__gte=min(bulan).hari_pertama,
        tanggal__lt=max(bulan).geser(1).hari_pertama,
        **({"kantor": kantor} if kantor else {}),
    )
    return {Bulan.dari_tanggal(d) for d in terbuka.values_list("tanggal", flat=True).distinct()} & bulan


def tiket_berubah_sejak(bulan: Bulan, kantor: int | None, waktu: datetime) -> bool:
    """A ticket of `bulan` (of office `kantor`, or any) moved at or after
    `waktu`: figures read before then miss it, such as the counter times an
    end-of-day job's closing adds to the month after the month has ended."""
    tiket = Tiket.objects.filter(
        tanggal__gte=bulan.hari_pertama, tanggal__lte=bulan.hari_terakhir, diubah_pada__gte=waktu
    )
    return di_kantor(tiket, kantor).exists()


def _hitung_per_bulan(
    kurang: dict[Standar, list[Bulan]], kantor: int | None = None
) -> dict[tuple[str, Bulan], tuple[int, int]]:
    """(cases, within) per step and month, for the months each step lacks: one
    query, a branch per step and month. Each branch is the month's own range
    (as `kepatuhan` reads one month), so no row pays for a time-zone
    conversion to find its month: at a year of history that conversion is
    most of the query's time."""
    bulan_dari = {b.kode: b for daftar in kurang.values() for b in daftar}
    baris = gabung(
        [
            s.baris(b.mulai, b.sampai, durasi=False, kantor=kantor)
            .order_by()
            .annotate(_s=Value(s.kode, CharField()), _b=Value(b.kode, CharField()))
            .values("_s", "_b")
            .annotate(kasus=Count("pk"), dalam=Count("pk", filter=s.q_dalam()))
            for s, daftar in kurang.items()
            for b in daftar
        ],
        ["_s", "_b", "kasus", "dalam"],
    )
    return {(r["_s"], bulan_dari[r["_b"]]): (r["kasus"], r["dalam"]) for r in baris}
