"""The backup's serialisation format: Django's JSON with full-precision times.

Django's JSON encoder cuts timestamps to milliseconds, and its XML
deserializer strips leading/trailing whitespace from every value (and XML
turns a CR into a newline). This format keeps both exact: text is restored
byte for byte and a timestamp to the microsecond. The data is ordinary
Django JSON Lines (ASCII only), so `loaddata` reads it with the stock
"jsonl" format, one object at a time, however large the database.
"""

from __future__ import annotations

import datetime

from django.core.serializers import json, jsonl

Deserializer = jsonl.Deserializer


class _EncoderUtuh(json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()  # with its microseconds
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", _EncoderUtuh)
        # ASCII: no raw U+2028 or other character a line reader could split on.
        self.options.setdefault("ensure_ascii", True)
        super()._init_options()
