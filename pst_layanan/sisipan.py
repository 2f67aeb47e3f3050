"""Slots on an earlier app's pages where a later app shows a piece of its own.

An app never names a later app, not even in a template. Its page marks a slot
with `{% sisipan "<app>/<place>" %}` (tag library `pst`); the later app
registers the template it shows there from its `AppConfig.ready()`. The
template renders with the page's whole context.
"""

_SISIPAN: dict[str, list[str]] = {}


def daftarkan(tempat: str, template: str) -> None:
    daftar = _SISIPAN.setdefault(tempat, [])
    if template not in daftar:
        daftar.append(template)


def untuk(tempat: str) -> list[str]:
    """The templates registered for `tempat`, in the order they registered."""
    return list(_SISIPAN.get(tempat, []))
