"""Service names per language (django-modeltranslation), as the catalogue in
`transaksi/translation.py`: the waiting-room display and the ticket read `nama`
in the active language."""

from modeltranslation.translator import TranslationOptions, register

from antrian.models import Layanan


@register(Layanan)
class LayananTerjemahan(TranslationOptions):
    fields = ("nama",)
