from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import ngettext

from penilaian import services
from pst_layanan.format import bulat, ribuan

register = template.Library()


@register.filter
def batas_penilaian(t):
    """Until when the delivered transaction `t` may be rated (`services.batas_penilaian`)."""
    return services.batas_penilaian(t)


@register.filter
def masa_penilaian_berakhir(t) -> bool:
    """Whether a rating of `t` sent now would be refused as late, by the rule
    the refusal itself applies: the page then stops inviting one."""
    return services.masa_penilaian_berakhir(t, timezone.now())


@register.filter
def kunjungan_sudah_dinilai(tiket) -> bool:
    """Whether the visit of `tiket` is rated, by the rule that refuses a second rating."""
    return services.kunjungan_sudah_dinilai(tiket)


def _angka(x: float | Decimal) -> str:
    return f"{bulat(x):f}".rstrip("0").rstrip(".").replace(".", get_format("DECIMAL_SEPARATOR"))


@register.filter
def durasi(detik) -> str:
    """Seconds as an officer reads them: "45 detik", "12 menit", "3,5 jam", "2,1 hari"."""
    if detik is None or detik == "":
        return "–"
    detik = float(detik)
    tanda = "−" if detik < 0 else ""
    detik = abs(detik)
    # Each unit is chosen by the value as shown, so 59,7 seconds reads "1 menit", not "60 detik".
    if bulat(detik, 0) < 60:
        nilai = str(bulat(detik, 0))
        return tanda + ngettext("%s detik", "%s detik", _banyak(nilai)) % nilai
    if bulat(detik / 60) < 60:
        nilai = _angka(detik / 60)
        return tanda + ngettext("%s menit", "%s menit", _banyak(nilai)) % nilai
    if bulat(detik / 3600) < 24:
        nilai = _angka(detik / 3600)
        return tanda + ngettext("%s jam", "%s jam", _banyak(nilai)) % nilai
    nilai = _angka(detik / 86400)
    return tanda + ngettext("%s hari", "%s hari", _banyak(nilai)) % nilai


@register.filter
def durasi_hari_kerja(hari) -> str:
    """Working days as the SOP counts them: "2 hari kerja", a median "2,5 hari kerja"."""
    if hari is None or hari == "":
        return "–"
    nilai = _angka(float(hari))
    return ngettext("%s hari kerja", "%s hari kerja", _banyak(nilai)) % nilai


def _banyak(nilai: str) -> int:
    """The count a shown number is said with: English reads "1 hour" but
    "1.5 hours" and "0 seconds", so only a value shown as exactly one is singular."""
    return 1 if nilai == "1" else 2


@register.filter
def koma(nilai) -> str:
    """A Decimal with the language's decimal mark: 88.31 → "88,31" (Indonesian), "88.31" (English)."""
    return "–" if nilai is None else str(nilai).replace(".", get_format("DECIMAL_SEPARATOR"))


@register.filter
def tabel_grafik(g: dict) -> list[tuple[str, list]]:
    """A chart's numbers row by row (label, value per series) for its accessible
    table. Whole numbers (rupiah, counts) are written with the language's
    thousands separator, as the chart's tooltip writes them."""

    def tulis(x):
        return ribuan(x) if isinstance(x, int) else x

    return [(label, [tulis(s["data"][i]) for s in g["seri"]]) for i, label in enumerate(g["label"])]
