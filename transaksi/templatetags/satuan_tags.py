"""{{ jumlah|dengan_satuan:produk.satuan }}: a quantity with its unit, singular
or plural as the active language needs ("1 map", "2 maps")."""

from django import template

from pst_layanan.format import jumlah_satuan

register = template.Library()


@register.filter
def dengan_satuan(jumlah, satuan):
    return jumlah_satuan(jumlah, satuan)
