from django import template

register = template.Library()


@register.filter
def durasi(selisih):
    """A timedelta as "7 mnt" / "1 j 05 mnt" / "45 dtk"; "–" when unknown."""
    if selisih is None:
        return "–"
    detik = int(selisih.total_seconds())
    if detik < 60:
        return f"{detik} dtk"
    jam, menit = divmod(detik // 60, 60)
    return f"{jam} j {menit:02d} mnt" if jam else f"{menit} mnt"


@register.filter
def durasi_sejak(sekarang, sejak):
    """{{ sekarang|durasi_sejak:mulai }}: the time elapsed, as `durasi` writes it."""
    return durasi(sekarang - sejak) if sejak else "–"
