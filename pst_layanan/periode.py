"""Calendar months in office time (WIB): the reporting unit of the dashboard and reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from pst_layanan.halaman import unduhan_ditolak
from pst_layanan.kalender import WIB

# The years a month may be asked for in a page's address.
TAHUN_PERTAMA, TAHUN_TERAKHIR = 2000, 2100


@dataclass(frozen=True, order=True)
class Bulan:
    tahun: int
    bulan: int

    @classmethod
    def dari_tanggal(cls, d: date) -> Bulan:
        return cls(d.year, d.month)

    @classmethod
    def ini(cls) -> Bulan:
        return cls.dari_tanggal(timezone.localdate())

    @classmethod
    def dari_teks(cls, teks: str | None, bawaan: Bulan | None = None) -> Bulan:
        """ "2026-03" → Bulan(2026, 3); anything malformed → `bawaan` (this month)."""
        try:
            tahun, bulan = (int(x) for x in (teks or "").split("-"))
            if TAHUN_PERTAMA <= tahun <= TAHUN_TERAKHIR and 1 <= bulan <= 12:
                return cls(tahun, bulan)
        except ValueError:
            pass
        return bawaan or cls.ini()

    @classmethod
    def tepat(cls, teks: str | None) -> Bulan | None:
        """ "2026-03" written exactly so, as a month field sends it → Bulan(2026, 3);
        anything else (2026-13, 2026-3, 0000-01) → None: a page that acts on
        the month says it was not understood rather than act on another one."""
        bulan = cls.dari_teks(teks)
        return bulan if bulan.kode == teks else None

    def geser(self, n: int) -> Bulan:
        indeks = self.tahun * 12 + self.bulan - 1 + n
        return Bulan(indeks // 12, indeks % 12 + 1)

    def navigasi(self) -> dict[str, Bulan | None]:
        """The links of a month's page: the month before unless this is the
        first month the pages know, and the month after unless this one has
        not ended yet (a future month has no data)."""
        sebelumnya = self.geser(-1)
        return {
            "sebelumnya": sebelumnya if sebelumnya.tahun >= TAHUN_PERTAMA else None,
            "berikutnya": self.geser(1) if self < Bulan.ini() else None,
        }

    @property
    def hari_pertama(self) -> date:
        return date(self.tahun, self.bulan, 1)

    @property
    def hari_terakhir(self) -> date:
        return date.fromordinal(self.geser(1).hari_pertama.toordinal() - 1)

    @property
    def mulai(self) -> datetime:
        return datetime.combine(self.hari_pertama, time.min, tzinfo=WIB)

    @property
    def sampai(self) -> datetime:
        """Exclusive end: the first instant of the next month."""
        return self.geser(1).mulai

    @property
    def kode(self) -> str:
        return f"{self.tahun:04d}-{self.bulan:02d}"

    @property
    def nama(self) -> str:
        return dateformat.format(self.hari_pertama, "F Y")

    @property
    def nama_pendek(self) -> str:
        return dateformat.format(self.hari_pertama, "M Y")

    def __str__(self):
        return self.nama


def bulan_bulan(akhir: Bulan, jumlah: int) -> list[Bulan]:
    """`jumlah` months ending with `akhir`, oldest first."""
    return [akhir.geser(i) for i in range(1 - jumlah, 1)]


def _bulan_kueri(request) -> Bulan | None:
    """?bulan=YYYY-MM written exactly so; this month when none was; None when not understood."""
    teks = request.GET.get("bulan")
    return Bulan.tepat(teks) if teks else Bulan.ini()


def bulan_diminta(request, terakhir: Bulan | None = None, lewat: str = "") -> Bulan:
    """The month a monthly page was asked for (?bulan=YYYY-MM); this month
    when none was. A month not understood (2026-13, 0000-01), or one after
    `terakhir` (this month unless given; with the reason `lewat`), shows this
    month and says so, rather than let the page pass for the month asked for:
    every monthly page reports what has happened, and a month to come would
    read as one where nothing did."""
    bulan = _bulan_kueri(request)
    if bulan is None:
        messages.error(request, _("Bulan tidak dikenali; ditampilkan bulan ini. Gunakan format TTTT-BB."))
        return Bulan.ini()
    if bulan > (terakhir or Bulan.ini()):
        messages.error(request, lewat or _("Bulan yang akan datang belum berjalan; ditampilkan bulan ini."))
        return Bulan.ini()
    return bulan


def bulan_unduhan(request, terakhir: Bulan | None = None, lewat: str = "") -> Bulan | HttpResponseBadRequest:
    """The month a download (a file, chart data) was asked for, as
    `bulan_diminta`, or the 400 that refuses it: a month not understood, or
    one after `terakhir` (this month unless given; with the reason `lewat`). A file has no page to say
    it holds this month instead, and its figures would pass for the month asked for."""
    bulan = _bulan_kueri(request)
    if bulan is None:
        return unduhan_ditolak(_("Bulan tidak dikenali. Gunakan format TTTT-BB."))
    if bulan > (terakhir or Bulan.ini()):
        return unduhan_ditolak(lewat or _("Bulan yang akan datang belum berjalan."))
    return bulan
