"""Reading what a page (or a PDF's text) shows."""


def yang_hilang(halaman: str, *teks: str) -> list[str]:
    """The `teks` that `halaman` does not contain, in order: a failed
    `assert not yang_hilang(...)` names every missing text at once."""
    return [t for t in teks if t not in halaman]
