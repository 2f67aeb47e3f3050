"""PNBP tariff arithmetic: the one function that turns a quantity into rupiah.

Whole rupiah, `Decimal` only. Two rules (PP 13/2024):
- per unit: quantity × unit price (e.g. a map);
- block: a first block at one price, then each further block (a part counts
  as a whole block) at another, e.g. Rp50.000 for the first 50 pages and
  Rp15.000 for each further 50 pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from pst_layanan.format import SATUAN, jumlah_satuan, ribuan, rupiah


class AturanTarif:
    PER_UNIT = "per_unit"
    BLOK = "blok"


@dataclass(frozen=True)
class Tarif:
    """The tariff values that matter for arithmetic (a row's snapshot)."""

    aturan: str
    satuan: str  # the unit's label, after a block size ("1.000 halaman pertama")
    harga_satuan: Decimal = Decimal(0)
    blok_pertama: int = 0
    harga_blok_pertama: Decimal = Decimal(0)
    blok_lanjutan: int = 0
    harga_blok_lanjutan: Decimal = Decimal(0)
    kode_satuan: str = ""  # the unit's code, for a quantity (`jumlah_satuan`)


@dataclass(frozen=True)
class BarisRincian:
    keterangan: str
    banyak: int
    harga: Decimal
    subtotal: Decimal


@dataclass(frozen=True)
class Rincian:
    total: Decimal
    baris: list[BarisRincian] = field(default_factory=list)

    def sebagai_data(self) -> dict:
        """JSON-friendly form, stored on the transaction item."""
        return {
            "total": str(self.total),
            "baris": [
                {"keterangan": b.keterangan, "banyak": b.banyak, "harga": str(b.harga), "subtotal": str(b.subtotal)}
                for b in self.baris
            ],
        }


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def _banyak(tarif: Tarif, jumlah: int) -> str:
    if tarif.kode_satuan in SATUAN:
        return jumlah_satuan(jumlah, tarif.kode_satuan)
    return f"{ribuan(jumlah)} {tarif.satuan}"


def hitung_tarif(tarif: Tarif, jumlah: int) -> Rincian:
    """Tariff and its breakdown for `jumlah` units (pages, bytes, maps)."""
    if jumlah < 0:
        raise ValueError("Jumlah tidak boleh negatif.")
    if jumlah == 0:
        return Rincian(Decimal(0), [])
    if tarif.aturan == AturanTarif.PER_UNIT:
        harga = Decimal(tarif.harga_satuan)
        return Rincian(harga * jumlah, [BarisRincian(_banyak(tarif, jumlah), jumlah, harga, harga * jumlah)])
    if tarif.aturan != AturanTarif.BLOK:
        raise ValueError(f"Aturan tarif tidak dikenal: {tarif.aturan}")
    pertama = BarisRincian(
        _("%(blok)s %(satuan)s pertama") % {"blok": ribuan(tarif.blok_pertama), "satuan": tarif.satuan},
        1,
        Decimal(tarif.harga_blok_pertama),
        Decimal(tarif.harga_blok_pertama),
    )
    sisa = jumlah - tarif.blok_pertama
    if sisa <= 0:
        return Rincian(pertama.subtotal, [pertama])
    blok = _ceil_div(sisa, tarif.blok_lanjutan)
    harga = Decimal(tarif.harga_blok_lanjutan)
    # The remainder in brackets takes its unit by its own count: "(1 page", "(4,000 pages".
    if sisa % tarif.blok_lanjutan:  # the last block is only partly used and counts in full
        teks = _("%(n)s × %(blok)s %(satuan)s berikutnya (%(sisa)s, sebagian dihitung penuh) @ %(harga)s")
    else:
        teks = _("%(n)s × %(blok)s %(satuan)s berikutnya (%(sisa)s) @ %(harga)s")
    lanjutan = BarisRincian(
        teks
        % {
            "n": ribuan(blok),
            "blok": ribuan(tarif.blok_lanjutan),
            "satuan": tarif.satuan,
            "sisa": _banyak(tarif, sisa),
            "harga": rupiah(harga),
        },
        blok,
        harga,
        harga * blok,
    )
    return Rincian(pertama.subtotal + lanjutan.subtotal, [pertama, lanjutan])
