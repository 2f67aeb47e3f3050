"""Blank forms rendered once per process.

Django's form rendering costs about 0.7 ms a field here (each field is a few
templates deep), and the desk and the tariff page show the same blank forms on
every request. `{% formulir_tetap form form.field … %}…{% endformulir_tetap %}` (in the
`pst` tag library) keeps the HTML of its body while every form named (or the
form of every field named) is unbound, keyed by everything the body may show
of them: the language, each form's class and prefix, each field's initial
value and choices (those from the database are read on each request, so a
changed service or product shows at once). Name single fields when the form
also has a per-request value rendered outside the body (a one-time token). A bound form (its values, its errors) is
always rendered. The body must show nothing but those forms and translated
text; the copy lives in the process, so a new release starts empty.
"""

from __future__ import annotations

import threading

from django import forms
from django.utils.translation import get_language

BATAS = 256  # distinct (template, language, forms) keys a process keeps

_simpanan: dict[tuple, str] = {}
_kunci_tulis = threading.Lock()


def _sidik_bidang(form: forms.BaseForm, nama: str) -> tuple:
    field = form.fields[nama]
    pilihan = getattr(field, "choices", None)
    if isinstance(field, forms.ModelChoiceField):
        # Read once: this form's own copy of the field then renders (on a
        # miss) from the same rows instead of querying them again.
        # (iter(): list() of the iterator itself would ask its length, a COUNT.)
        pilihan = field.choices = list(iter(pilihan))
    return (
        nama,
        str(field.prepare_value(form.get_initial_for_field(field, nama))),
        tuple((str(nilai), str(label)) for nilai, label in pilihan) if pilihan is not None else None,
    )


def sidik(objek: forms.BaseForm | forms.BoundField) -> tuple:
    """What a blank form's (or one field's) HTML depends on beyond its code."""
    form, nama = (objek.form, [objek.name]) if isinstance(objek, forms.BoundField) else (objek, list(objek.fields))
    return (type(form).__qualname__, form.prefix, tuple(_sidik_bidang(form, n) for n in nama))


def ambil_atau_render(tempat: tuple, daftar: list, render) -> str:
    """The body's HTML for `tempat` (template and line) while every form is blank."""
    if any((o.form if isinstance(o, forms.BoundField) else o).is_bound for o in daftar):
        return render()
    kunci = (tempat, get_language(), *(sidik(o) for o in daftar))
    html = _simpanan.get(kunci)
    if html is None:
        html = render()
        with _kunci_tulis:
            if len(_simpanan) >= BATAS:
                _simpanan.clear()
            _simpanan[kunci] = html
    return html


def lupakan() -> None:
    """Empty this process's copies (tests start each with none)."""
    with _kunci_tulis:
        _simpanan.clear()
