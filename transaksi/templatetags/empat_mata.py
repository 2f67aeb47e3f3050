"""Four eyes on a staff member's own request, on the office's pages:
`{% if t|milik_sendiri:user %}` (the rule is `services.inti.milik_sendiri`)
and `{% keterangan_milik_sendiri %}`, the sentence that stands in for the
office's actions there (`ringkas` in a table's cell)."""

from django import template

from transaksi.services import inti

register = template.Library()

register.filter("milik_sendiri", inti.milik_sendiri)


@register.inclusion_tag("_milik_sendiri.html")
def keterangan_milik_sendiri(ringkas=False):
    return {"pesan": inti.PESAN_MILIK_SENDIRI, "ringkas": ringkas}
