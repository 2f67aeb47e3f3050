"""Reading what a page (or a PDF's text) shows."""

import re


def yang_hilang(halaman: str, *teks: str) -> list[str]:
    """The `teks` that `halaman` does not contain, in order: a failed
    `assert not yang_hilang(...)` names every missing text at once."""
    return [t for t in teks if t not in halaman]


def formulir_tanpa_novalidate(halaman: str) -> list[str]:
    """The opening tags of the forms in `halaman` with a `required` control but
    no `novalidate`: an empty one would get the browser's own popup, in the
    browser's language, instead of the page's message from the server."""
    return [
        m.group(1)
        for m in re.finditer(r"(<form\b[^>]*>)(.*?)</form>", halaman, re.S)
        if re.search(r"\srequired[\s>]", m.group(2)) and "novalidate" not in m.group(1)
    ]
