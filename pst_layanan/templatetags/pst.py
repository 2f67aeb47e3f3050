from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from pst_layanan import data_pribadi
from pst_layanan import format as fmt
from pst_layanan import formulir_tetap as formulir_tetap_
from pst_layanan import sisipan as sisipan_
from pst_layanan.berkas import NAMA_JENIS, PILIH_DOKUMEN
from pst_layanan.kantor import nama_cakupan
from pst_layanan.pdf import qr_data_uri
from pst_layanan.roles import punya_peran

register = template.Library()


@register.filter(needs_autoescape=True)
def rupiah(value, autoescape=True):
    """On a page (HTML, escaped) "IDR 50,000" keeps its prefix and digits on
    one line, as "Rp50.000" does: a narrow money column must not show "IDR"
    above "50,000". A plain-text e-mail (not escaped) keeps an ordinary space."""
    if value in (None, ""):
        return ""
    teks = fmt.rupiah(value)
    return teks.replace(" ", "\u00a0") if autoescape else teks


@register.filter
def nomor_utuh(nomor):
    """{{ t.nomor|nomor_utuh }} in a PDF's sentence: a document number is matched
    as one code, so it is never broken at its "/" or "-" over two lines."""
    return format_html('<span class="kode">{}</span>', nomor)


@register.filter
def cakupan(kantor):
    """{{ kantor_laporan|cakupan }} → "1771 BPS Kota Bengkulu", or every office of the province."""
    return nama_cakupan(kantor)


@register.filter
def kutip(teks):
    """{{ saran|kutip }}: see `format.kutip`."""
    return fmt.kutip(teks)


@register.filter
def ribuan(value):
    return "" if value in (None, "") else fmt.ribuan(value)


@register.filter
def terbilang(value):
    return fmt.terbilang(value)


@register.filter
def ukuran_berkas(value):
    """{{ berkas.ukuran|ukuran_berkas }} → "2,5 MB"."""
    return fmt.ukuran_berkas(value)


@register.filter
def jenis_berkas(mime):
    """{{ dokumen.tipe|jenis_berkas }}: "application/pdf" → "PDF", the name a person knows."""
    return NAMA_JENIS.get(mime, mime)


@register.filter
def isian_salah(form):
    """The visible fields `form` refused, in the order the page shows them."""
    return [medan for medan in form.visible_fields() if medan.errors]


@register.inclusion_tag("_galat_isian.html")
def ringkasan_galat(*forms):
    """Above a long form (or the forms one button sends), which page comes
    back at its top on a phone: the refused fields named, each a link to its
    place, so a refusal below the first screen is not taken for a form that
    reset itself."""
    return {"salah": [medan for form in forms if form is not None for medan in isian_salah(form)]}


@register.filter
def lama(value, satuan):
    """{{ kantor.target_verifikasi_hari_kerja|lama:"hari_kerja" }} → "1 hari kerja" ("1 working day")."""
    return fmt.lama(value, satuan)


@register.filter
def lama_tetap(value):
    """{{ sop.penjelasan|lama_tetap }} → "1 jam" ("1 hour")."""
    return fmt.lama_tetap(value)


@register.filter
def waktu_panjang(value):
    return fmt.waktu_panjang(value) if value else ""


@register.filter
def waktu_pendek(value):
    """ "25 Mar 2026 15.30" / "25 Mar 2026 15:30": a moment in the reader's language."""
    return fmt.waktu_pendek(value) if value else ""


@register.filter
def jam(value):
    """ "08.00" / "08:00": a clock time in the reader's language."""
    return fmt.jam(value) if value else ""


@register.simple_tag
def jam_kini(detik=True):
    """The time now, with seconds unless told not to, in the reader's language: "15.30.05" / "15:30:05"."""
    return fmt.jam(timezone.now(), detik=detik)


@register.simple_tag
def pilih_dokumen():
    """The file picker's filter for requirement documents and proofs (`berkas.PILIH_DOKUMEN`)."""
    return PILIH_DOKUMEN


@register.filter
def teks_css(value):
    """Text inside a quoted CSS string in a <style> block (a PDF's running
    footer): HTML escaping would print "A &amp; B" there, and a quote or "<"
    could end the string or the block, so every character but letters, digits
    and plain punctuation is written as a CSS escape ("\\26 " is "&")."""
    aman = " .,-_/()·:"
    return mark_safe("".join(c if c.isalnum() or c in aman else f"\\{ord(c):x} " for c in str(value)))


@register.filter
def tanggal_panjang(value):
    return fmt.tanggal_panjang(value) if value else ""


@register.filter
def berperan(user, nama):
    """{% if user|berperan:"Petugas Layanan" %}"""
    return punya_peran(user, nama)


# {{ p.email|samar_email }}, {{ p.telepon|samar_telepon }}: contacts half hidden.
register.filter("samar_email", data_pribadi.samar_email)
register.filter("samar_telepon", data_pribadi.samar_telepon)


@register.filter
def qr(teks):
    """{{ url_verifikasi|qr }} → an SVG QR code as a data: URI (PDFs)."""
    return qr_data_uri(str(teks)) if teks else ""


@register.simple_tag(takes_context=True)
def sisipan(context, tempat):
    """What later apps registered for slot `tempat` (`pst_layanan.sisipan`), rendered with this page's context."""
    mesin = context.template.engine
    return mark_safe("".join(mesin.get_template(nama).render(context) for nama in sisipan_.untuk(tempat)))


class _FormulirTetapNode(template.Node):
    def __init__(self, nodelist, daftar, tempat):
        self.nodelist, self.daftar, self.tempat = nodelist, daftar, tempat

    def render(self, context):
        daftar = [f.resolve(context) for f in self.daftar]
        return formulir_tetap_.ambil_atau_render(self.tempat, daftar, lambda: self.nodelist.render(context))


@register.tag
def formulir_tetap(parser, token):
    """{% formulir_tetap form [form.field …] %}…{% endformulir_tetap %}: the body's
    HTML kept while the forms are blank (`pst_layanan.formulir_tetap`)."""
    bagian = token.split_contents()[1:]
    if not bagian:
        raise template.TemplateSyntaxError("formulir_tetap butuh minimal satu formulir")
    nodelist = parser.parse(("endformulir_tetap",))
    parser.delete_first_token()
    tempat = (parser.origin.name if parser.origin else "", token.lineno, token.contents)
    return _FormulirTetapNode(nodelist, [parser.compile_filter(b) for b in bagian], tempat)
