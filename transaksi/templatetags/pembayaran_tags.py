"""{% ringkasan_pembayaran t as bayar %}: what the payment panels show, for
pages (like the transaction detail) whose view does not prepare it."""

from django import template

from transaksi.views.pembayaran import ringkasan_dengan_form

register = template.Library()


@register.simple_tag
def ringkasan_pembayaran(t):
    return ringkasan_dengan_form(t)
