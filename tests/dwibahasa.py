"""Text as each reader of the site sees it: Indonesian, then English."""

from django.utils import translation


def id_dan_en(teks) -> tuple[str, str]:
    """What `teks()` gives with Indonesian active and then with English, to
    compare with the pair a reader of each language should see."""
    hasil = []
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            hasil.append(str(teks()))
    return hasil[0], hasil[1]
