"""The backup's serialisation format: Django's JSON with full-precision times.

Django's JSON encoder cuts timestamps to milliseconds, and its XML
deserializer strips leading/trailing whitespace from every value (and XML
turns a CR into a newline). This format keeps both exact: text is restored
byte for byte and a timestamp to the microsecond. The data is ordinary
Django JSON, so `loaddata` reads it with the stock "json" format.
"""

from __future__ import annotations

import datetime

from django.core.serializers import json

Deserializer = json.Deserializer


class _EncoderUtuh(json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()  # with its microseconds
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", _EncoderUtuh)
        super()._init_options()
