from django import template
from django.utils.translation import gettext as _

from antrian import services

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
def durasi_tepat(selisih):
    """As `durasi`, with the seconds under an hour: beside the 10-minute standard,
    10 min 40 s is a breach (the dashboard counts it as 10,7), not "10 mnt"."""
    if selisih is not None:
        menit, detik = divmod(int(selisih.total_seconds()), 60)
        if 0 < menit < 60 and detik:
            return _("%(menit)s mnt %(detik)s dtk") % {"menit": menit, "detik": detik}
    return durasi(selisih)


@register.filter
def durasi_sejak(sekarang, sejak):
    """{{ sekarang|durasi_sejak:mulai }}: the time elapsed, as `durasi` writes it."""
    return durasi(sekarang - sejak) if sejak else "–"


# A staff member's own appointment on the office's pages: `{% if j|janji_milik_sendiri:user %}`
# (the rule is `services.janji_milik_sendiri`) and the sentence standing in for its buttons.
register.filter("janji_milik_sendiri", services.janji_milik_sendiri)


@register.inclusion_tag("_milik_sendiri.html")
def keterangan_janji_sendiri():
    return {"pesan": services.PESAN_JANJI_SENDIRI, "ringkas": True}
