"""The one way to read the office's settings (name, address, hours, ...)."""

from __future__ import annotations

from django.core.cache import cache

from pst_layanan.models import Kantor

_CACHE_KEY = "pst:kantor"


def kantor() -> Kantor:
    """The office row, created with defaults on first use, cached until saved."""
    obj = cache.get(_CACHE_KEY)
    if obj is None:
        obj = Kantor.objects.order_by("pk").first() or Kantor.objects.create()
        cache.set(_CACHE_KEY, obj, 300)
    return obj


def lupakan_kantor() -> None:
    cache.delete(_CACHE_KEY)
