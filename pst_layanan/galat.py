"""Every mistake of a form at once: the checks of several fields run side by
side and their refusals come back together, so a person corrects them in one
go instead of meeting them one submit at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError


def kumpulkan(**periksa: Callable[[], Any]) -> dict[str, Any]:
    """Run each check (a field name → a callable); their results by name, or
    one ValidationError holding every refusal (under the field its check
    named, else under the check's own name)."""
    hasil: dict[str, Any] = {}
    galat: dict[str, list] = {}
    for nama, fungsi in periksa.items():
        try:
            hasil[nama] = fungsi()
        except ValidationError as exc:
            bagian = exc.message_dict if hasattr(exc, "error_dict") else {nama: exc.messages}
            for medan, pesan in bagian.items():
                galat.setdefault(medan, []).extend(pesan)
    if galat:
        raise ValidationError(galat)
    return hasil


def lolos(validator: Callable[[Any], None], nilai: Any) -> bool:
    """Whether `nilai` passes Django `validator` (which answers by raising)."""
    try:
        validator(nilai)
    except ValidationError:
        return False
    return True


def baris_pertama(exc: BaseException) -> str:
    """An error's first line, for an operator's one-line message (a database
    driver's message runs on with details), else its class name."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
