"""How a page reports the outcome of a service call: as a message, or on its
form; and the way back to the officer's list after it."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from transaksi.alur import TransisiTidakSah
from transaksi.forms.transaksi import pesan_galat


def lakukan(request, langkah, berhasil: str) -> bool:
    """Run `langkah()`: `berhasil` as a success message, or the service's
    refusal as an error message (nothing changed). True when it ran."""
    try:
        langkah()
    except (ValidationError, TransisiTidakSah) as e:
        messages.error(request, pesan_galat(e))
        return False
    messages.success(request, berhasil)
    return True


def coba_form(form, langkah) -> tuple[bool, object]:
    """Run `langkah(cleaned_data)` for a valid form: (True, its result). The
    service's refusal becomes the form's error, nothing changed: (False, None)."""
    if not form.is_valid():
        return False, None
    try:
        return True, langkah(form.cleaned_data)
    except (ValidationError, TransisiTidakSah) as e:
        galat_ke_form(form, e)
        return False, None


def galat_ke_form(form, e: ValidationError | TransisiTidakSah) -> None:
    """A service's refusal on its form: a field's error under that field, the rest above the fields."""
    if isinstance(e, ValidationError) and hasattr(e, "error_dict"):
        for nama, galat in e.error_dict.items():
            form.add_error(nama if nama in form.fields else None, galat)
    else:
        form.add_error(None, pesan_galat(e))
    if isinstance(e, TransisiTidakSah):
        form.tolakan_keadaan = pesan_galat(e)


def sudah_berubah(request, form) -> bool:
    """True when the step was refused because the transaction has moved on
    (another tab, a colleague, a deadline job); the refusal is then said as a
    message, for the page shown afresh, where the form that was sent may no
    longer be."""
    pesan = getattr(form, "tolakan_keadaan", "")
    if pesan:
        messages.error(request, pesan)
    return bool(pesan)


def view_aksi(nama: str, muat, layanan, pesan, kembali):
    """A POST-only button of a transaction page: load the transaction with
    `muat(request, nomor)` (which checks who may see it), run
    `layanan(t, user)`, report `pesan(t)` or the refusal, go to `kembali(t)`."""

    @require_POST
    def view(request, nomor):
        t = muat(request, nomor)
        lakukan(request, lambda: layanan(t, request.user), pesan(t))
        return kembali(t)

    view.__name__ = view.__qualname__ = nama
    return view


KUNCI_DAFTAR_KERJA = "transaksi_daftar_kerja"


def ingat_daftar(request) -> None:
    """The check and payment pages' way back opens the list the officer came from (the
    check list, the deadline board they start their day on, or the served
    visitor's transactions the counter opens) as they left
    it (its filter and page), after whatever they did to the transaction there."""
    jalur = request.get_full_path()[:600]
    if request.session.get(KUNCI_DAFTAR_KERJA) != jalur:
        request.session[KUNCI_DAFTAR_KERJA] = jalur


def daftar_asal(request) -> tuple[str, str]:
    """(address, words) of the way back `ingat_daftar` remembered; the check list when none."""
    jalur = request.session.get(KUNCI_DAFTAR_KERJA) or reverse("transaksi:periksa")
    try:
        nama = resolve(urlsplit(jalur).path).url_name
    except Resolver404:  # a session older than an address change
        return reverse("transaksi:periksa"), _("Pemeriksaan")
    return jalur, {"tenggat": _("Tenggat"), "pengunjung": _("Transaksi pengunjung")}.get(nama, _("Pemeriksaan"))
