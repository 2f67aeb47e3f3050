"""Number words, money, file sizes and long dates in the active language,
used by the queue voice, the PDFs (terbilang) and every page that shows an
amount. Separators, the currency prefix and the long date patterns come from
the format modules (`pst_layanan/formats/<lang>/formats.py`); the day and
month names from Django's catalogues."""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import dateformat, formats
from django.utils.functional import lazy
from django.utils.translation import get_language, ngettext_lazy

from pst_layanan.kalender import WIB

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


def _bulat_bertanda(ucap):
    """Both languages say a negative number as "minus" and its size, so the
    spelling functions below see only whole numbers from zero up."""

    @functools.wraps(ucap)
    def ucapkan(n) -> str:
        n = int(n)
        return "minus " + ucapkan(-n) if n < 0 else ucap(n)

    return ucapkan


def _skala_terbesar(n: int, skala) -> tuple[int, str, int]:
    """(how many, scale word, the rest) for the largest scale not above n:
    1_250_000 → (1, "juta", 250_000)."""
    nilai, nama = next((nilai, nama) for nilai, nama in skala if n >= nilai)
    depan, sisa = divmod(n, nilai)
    return depan, nama, sisa


@_bulat_bertanda
def angka_kata(n: int) -> str:
    """A whole number in Indonesian words: 11 → "sebelas", 101 → "seratus satu"."""
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
    depan, nama, sisa = _skala_terbesar(n, _SKALA)
    kepala = "seribu" if nama == "ribu" and depan == 1 else f"{angka_kata(depan)} {nama}"
    return kepala + (f" {angka_kata(sisa)}" if sisa else "")


_EN_SATUAN = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_PULUHAN = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_SKALA = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand")]


@_bulat_bertanda
def angka_kata_en(n: int) -> str:
    """A whole number in English words, British style: 101 → "one hundred and one",
    1_250_000 → "one million two hundred and fifty thousand"."""
    if n < 20:
        return _EN_SATUAN[n]
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return _EN_PULUHAN[puluh - 2] + (f"-{_EN_SATUAN[sisa]}" if sisa else "")
    if n < 1000:
        ratus, sisa = divmod(n, 100)
        return f"{_EN_SATUAN[ratus]} hundred" + (f" and {angka_kata_en(sisa)}" if sisa else "")
    depan, nama, sisa = _skala_terbesar(n, _EN_SKALA)
    kepala = f"{angka_kata_en(depan)} {nama}"
    if not sisa:
        return kepala
    return kepala + (" and " if sisa < 100 else " ") + angka_kata_en(sisa)


def kata_bilangan(n: int) -> str:
    """A whole number in words in the active language (the display's voice)."""
    return angka_kata_en(n) if _inggris() else angka_kata(n)


def _inggris() -> bool:
    return (get_language() or "id").split("-")[0] == "en"


def _format(nama: str) -> str:
    """A setting of the active language's format module (`pst_layanan/formats`);
    `get_format` knows only Django's own names, so these are read directly."""
    for kode in (get_language() or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE):
        for modul in formats.iter_format_modules(kode):
            if hasattr(modul, nama):
                return getattr(modul, nama)
    raise LookupError(nama)


def terbilang(jumlah) -> str:
    """Amount in words for a receipt, in the active language:
    1250000 → "Satu juta dua ratus lima puluh ribu rupiah" /
    "One million two hundred and fifty thousand rupiah"."""
    n = int(Decimal(jumlah).to_integral_value(ROUND_HALF_UP))
    kata = kata_bilangan(n)
    return f"{kata[0].upper()}{kata[1:]} rupiah"


def pemisah_angka() -> tuple[str, str]:
    """The active language's thousands and decimal separators: (".", ",") in
    Indonesian, (",", ".") in English, as `ribuan` writes numbers and people
    type them back."""
    return _format("RIBUAN_PEMISAH"), _format("DESIMAL_PEMISAH")


def bulat(x, tempat: int = 1) -> Decimal:
    """`x` to `tempat` decimals, halves up, as the SKM/IKM figures and the
    shares round (10,25 → 10,3; 2,5 → 3), from the number as written, not its
    binary neighbour; Python's `round` takes halves to the even digit."""
    return Decimal(str(x)).quantize(Decimal(1).scaleb(-tempat), rounding=ROUND_HALF_UP)


def ribuan(n) -> str:
    """1250000 → "1.250.000" (Indonesian) or "1,250,000" (English)."""
    n = int(Decimal(n).to_integral_value(ROUND_HALF_UP))
    tanda = "-" if n < 0 else ""
    return tanda + f"{abs(n):,}".replace(",", _format("RIBUAN_PEMISAH"))


def ukuran_berkas(n) -> str:
    """A file size with one unit word throughout: 8 → "8 byte",
    2_621_440 → "2,5 MB" ("2.5 MB" in English; 1 MB = 1024 × 1024 byte, as
    the upload limits count)."""
    n = int(n or 0)
    for satuan, besar in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= besar:
            angka = f"{n / besar:.1f}".removesuffix(".0").replace(".", _format("DESIMAL_PEMISAH"))
            return f"{angka} {satuan}"
    return f"{n} byte" if not _inggris() or n == 1 else f"{n} bytes"


def kutip(teks) -> str:
    """Typed text in a plain-text e-mail (a visitor's words to staff, a staff
    member's note to a visitor), each line quoted ("> "), so none of it can
    pass for one of the e-mail's own lines, such as its "Buka:" link."""
    return "\n".join(f"> {baris}".rstrip() for baris in str(teks).splitlines())


def rupiah(n) -> str:
    """1250000 → "Rp1.250.000" / "IDR 1,250,000"; a negative amount (a month's
    net after refunds) carries its sign before the currency: "-Rp24.000"."""
    angka = ribuan(n)
    tanda, angka = ("-", angka[1:]) if angka.startswith("-") else ("", angka)
    return f"{tanda}{_format('RUPIAH_AWALAN')}{angka}"


def tanggal_panjang(nilai: date | datetime) -> str:
    """ "Rabu, 25 Maret 2026" / "Wednesday, 25 March 2026": an aware datetime
    is dated in Asia/Jakarta, the office's day (the database hands it over in
    UTC, seven hours behind)."""
    if isinstance(nilai, datetime) and nilai.tzinfo is not None:
        nilai = nilai.astimezone(WIB)
    return dateformat.format(nilai, _format("TANGGAL_PANJANG_FORMAT"))


def waktu_panjang(nilai: datetime) -> str:
    """ "Rabu, 25 Maret 2026 pukul 15.30 WIB" / "Wednesday, 25 March 2026,
    15:30 WIB" (converted to Asia/Jakarta)."""
    return dateformat.format(nilai.astimezone(WIB), _format("WAKTU_PANJANG_FORMAT"))


def waktu_pendek(nilai: datetime) -> str:
    """ "25 Mar 2026 15.30" / "25 Mar 2026 15:30" (converted to Asia/Jakarta)."""
    return dateformat.format(nilai.astimezone(WIB), _format("WAKTU_PENDEK_FORMAT"))


def jam(nilai, detik: bool = False) -> str:
    """A clock time in the active language: "08.00" / "08:00" (with
    `detik`, "15.30.05" / "15:30:05"). Takes a time, a datetime (an aware one
    read in Asia/Jakarta) or the "08:00" a fresh office row still holds."""
    if isinstance(nilai, str):
        nilai = time.fromisoformat(nilai)
    elif isinstance(nilai, datetime) and nilai.tzinfo is not None:
        nilai = nilai.astimezone(WIB)
    return dateformat.time_format(nilai, _format("JAM_DETIK_FORMAT" if detik else "JAM_FORMAT"))


# For text composed now and read later in another language (an e-mail to a
# visitor written while an officer acts): formatted when it is rendered.
waktu_panjang_malas = lazy(waktu_panjang, str)


# Every unit the product counts in: the SOP's time standards and the time
# left on a deadline, then the catalog's units (the values of
# `transaksi.models.katalog.Satuan`). English says "1 hour" but "3 hours",
# "1 map" but "2 maps", so a count never takes a fixed plural label.
SATUAN = {
    "hari_kerja": ngettext_lazy("%(n)s hari kerja", "%(n)s hari kerja", "jumlah"),
    "hari": ngettext_lazy("%(n)s hari", "%(n)s hari", "jumlah"),
    "jam": ngettext_lazy("%(n)s jam", "%(n)s jam", "jumlah"),
    "menit": ngettext_lazy("%(n)s menit", "%(n)s menit", "jumlah"),
    "halaman": ngettext_lazy("%(n)s halaman", "%(n)s halaman", "jumlah"),
    "byte": ngettext_lazy("%(n)s byte", "%(n)s byte", "jumlah"),
    "peta": ngettext_lazy("%(n)s peta", "%(n)s peta", "jumlah"),
    "tabel": ngettext_lazy("%(n)s tabel", "%(n)s tabel", "jumlah"),
}


def jumlah_satuan(jumlah: int, satuan: str) -> str:
    """A count with its unit in the active language, thousands separated:
    "1.250 halaman", "3 hari kerja"; in English "1,250 pages", "1 working
    day". The SOP's standards, the office's targets, the time left on a
    deadline and an item's quantity are all spoken through here, because
    English needs the singular for one and an office may set a target of one
    working day."""
    return SATUAN[satuan] % {"jumlah": jumlah, "n": ribuan(jumlah)}


# A length of time ("3 hari kerja") reads as what it is where it is used.
lama = jumlah_satuan
lama_malas = lazy(lama, str)


def lama_tetap(durasi: timedelta) -> str:
    """A fixed time of the SOP in its largest whole unit: "1 jam", "10 menit"."""
    menit = int(durasi.total_seconds() // 60)
    if menit and menit % 60 == 0:
        return lama(menit // 60, "jam")
    return lama(menit, "menit")


def di_tengah_kalimat(label: str) -> str:
    """`label` ("Transfer bank", "SIMPONI (NTPN)") put inside a sentence: its
    first letter in lower case, unless its first word is a name written in
    capitals, which keeps them ("SIMPONI", not "sIMPONI" or "simponi")."""
    kata = label.split(" ", 1)[0]
    return label if kata.isupper() and len(kata) > 1 else label[:1].lower() + label[1:]


def kalimat_utuh(teks: str) -> str:
    """A person's own words (an officer's note, typed without a full stop more
    often than with one) followed by another sentence: ended with a full stop
    unless they already end their sentence, so the two do not run together."""
    teks = teks.strip()
    return teks if not teks or teks[-1] in ".!?…\"'”’)" else f"{teks}."
