"""Indonesian number words and money formatting, used by the queue voice,
the PDFs (terbilang) and every page that shows an amount."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

_SATUAN = [
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]
_SKALA = [(10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu")]

HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def angka_kata(n: int) -> str:
    """A whole number in Indonesian words: 11 → "sebelas", 101 → "seratus satu"."""
    n = int(n)
    if n < 0:
        return "minus " + angka_kata(-n)
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_SATUAN[puluh]} puluh" + (f" {_SATUAN[sisa]}" if sisa else "")
    if n < 1000:
        ratus, sisa = divmod(n, 100)
        kepala = "seratus" if ratus == 1 else f"{_SATUAN[ratus]} ratus"
        return kepala + (f" {angka_kata(sisa)}" if sisa else "")
    for nilai, nama in _SKALA:
        if n >= nilai:
            depan, sisa = divmod(n, nilai)
            kepala = "seribu" if nilai == 1000 and depan == 1 else f"{angka_kata(depan)} {nama}"
            return kepala + (f" {angka_kata(sisa)}" if sisa else "")
    raise AssertionError("unreachable")


def terbilang(jumlah) -> str:
    """Amount in words for a receipt: 1250000 → "Satu juta dua ratus lima puluh ribu rupiah"."""
    kata = angka_kata(int(Decimal(jumlah).to_integral_value(ROUND_HALF_UP)))
    return f"{kata[0].upper()}{kata[1:]} rupiah"


def ribuan(n) -> str:
    """1250000 → "1.250.000" (Indonesian thousands separator)."""
    n = int(Decimal(n).to_integral_value(ROUND_HALF_UP))
    tanda = "-" if n < 0 else ""
    return tanda + f"{abs(n):,}".replace(",", ".")


def ukuran_berkas(n) -> str:
    """A file size the Indonesian way, one unit word throughout: 8 → "8 byte",
    2_621_440 → "2,5 MB" (1 MB = 1024 × 1024 byte, as the upload limits count)."""
    n = int(n or 0)
    for satuan, besar in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= besar:
            angka = f"{n / besar:.1f}".removesuffix(".0").replace(".", ",")
            return f"{angka} {satuan}"
    return f"{n} byte"


def rupiah(n) -> str:
    """1250000 → "Rp1.250.000"."""
    return f"Rp{ribuan(n)}"


def tanggal_panjang(nilai: date | datetime) -> str:
    """ "Rabu, 25 Maret 2026" (a datetime is read in its own time zone)."""
    return f"{HARI[nilai.weekday()]}, {nilai.day} {BULAN[nilai.month - 1]} {nilai.year}"


def waktu_panjang(nilai: datetime) -> str:
    """ "Rabu, 25 Maret 2026 pukul 15.30 WIB" (converted to Asia/Jakarta)."""
    from pst_layanan.kalender import WIB

    nilai = nilai.astimezone(WIB)
    return f"{tanggal_panjang(nilai)} pukul {nilai:%H.%M} WIB"
