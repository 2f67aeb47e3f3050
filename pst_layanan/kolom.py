"""Field builders for the columns every record keeps of who did what when.

Officers' and visitors' actions are recorded on many models as a pair: a
link to the person (kept as a plain link: the history outlives the
account's roles) and a moment. Both are optional for a step that may not
have happened yet; the author of a document is required. Declaring them
through one builder keeps their options identical everywhere; the fields
they return deconstruct exactly as the hand-written declarations did, so no
migration follows.
"""

from django.conf import settings
from django.db import models


def oleh(verbose_name=None, *, wajib=False, related_name="+", on_delete=models.PROTECT):
    """A link to the user who did something; optional unless `wajib` (the
    author of a document, known from the moment it exists)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=on_delete,
        null=not wajib,
        blank=not wajib,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def pada(verbose_name=None, **opsi):
    """An optional moment something happened."""
    return models.DateTimeField(verbose_name, null=True, blank=True, **opsi)
