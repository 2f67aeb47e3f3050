from django import template

register = template.Library()


def _angka(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".").replace(".", ",")


@register.filter
def durasi(detik) -> str:
    """Seconds as an officer reads them: "45 detik", "12 menit", "3,5 jam", "2,1 hari"."""
    if detik is None or detik == "":
        return "–"
    detik = float(detik)
    tanda = "−" if detik < 0 else ""
    detik = abs(detik)
    if detik < 60:
        return f"{tanda}{round(detik)} detik"
    if detik < 3600:
        return f"{tanda}{_angka(detik / 60)} menit"
    if detik < 86400:
        return f"{tanda}{_angka(detik / 3600)} jam"
    return f"{tanda}{_angka(detik / 86400)} hari"


@register.filter
def koma(nilai) -> str:
    """A Decimal with a decimal comma (Indonesian): 88.31 → "88,31"."""
    return "–" if nilai is None else str(nilai).replace(".", ",")


@register.filter
def tabel_grafik(g: dict) -> list[tuple[str, list]]:
    """A chart's numbers row by row (label, value per series) for its accessible table."""
    return [(label, [s["data"][i] for s in g["seri"]]) for i, label in enumerate(g["label"])]
