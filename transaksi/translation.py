"""Catalogue text per language (django-modeltranslation): `nama_ind`/`nama_en`
and so on, edited side by side in the admin. Reading `nama` gives the active
language's text, the Indonesian one where the English is still empty."""

from modeltranslation.translator import TranslationOptions, register

from transaksi.models import JenisDokumen, Produk


@register(Produk)
class ProdukTerjemahan(TranslationOptions):
    fields = ("nama", "deskripsi")


@register(JenisDokumen)
class JenisDokumenTerjemahan(TranslationOptions):
    fields = ("nama", "keterangan")
