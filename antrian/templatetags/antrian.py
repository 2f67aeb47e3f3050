from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def durasi(selisih):
    """A timedelta as "7 mnt" / "1 j 05 mnt" / "45 dtk"; "–" when unknown."""
    if selisih is None:
        return "–"
    detik = int(selisih.total_seconds())
    # The same words as static/js/antrian/monitor.js counts up with (its catalogue: djangojs).
    if detik < 60:
        return _("%s dtk") % detik
    jam, menit = divmod(detik // 60, 60)
    if jam:
        return _("%(jam)s j %(menit)s mnt") % {"jam": jam, "menit": f"{menit:02d}"}
    return _("%s mnt") % menit


@register.filter
def durasi_sejak(sekarang, sejak):
    """{{ sekarang|durasi_sejak:mulai }}: the time elapsed, as `durasi` writes it."""
    return durasi(sekarang - sejak) if sejak else "–"
