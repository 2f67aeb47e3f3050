"""Django's Redis cache, with one Redis client per connection pool, that
keeps the site up while Redis is unreachable.

Django's own backend builds a new `redis.Redis` object for every cache call;
with redis-py 8 that costs about 0.35 ms of CPU each, which was two thirds
of a waiting-room display poll (six cache reads). A client only wraps its
pool and is safe to share between threads, so one per pool is kept.

Nothing the application keeps in the cache is the only copy of anything:
office rows, the calendar version, the display's rendered HTML, rate-limit
counters and alert windows can all be lost. So while Redis cannot be reached
the cache answers as an empty one that forgets what it is given, rather than
failing every page: reads miss, writes are dropped, `add` succeeds and `incr`
finds no key. The public forms' rate limits then count nothing (they open)
until Redis is back. After a failure the cache is not asked again for
`JEDA_DETIK`, so a page does not wait out the two-second timeout on each of
its cache calls; `/readyz` (which asks through here) keeps reporting the
cache as failing meanwhile.
"""

from __future__ import annotations

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisPutus
from redis.exceptions import TimeoutError as RedisLambat

logger = logging.getLogger(__name__)

JEDA_DETIK = 5


class _KlienTetap(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._klien = {}

    def get_client(self, key=None, *, write=False):
        indeks = self._get_connection_pool_index(write)
        klien = self._klien.get(indeks)
        if klien is None:
            klien = self._klien[indeks] = self._client(connection_pool=self._get_connection_pool(write))
        return klien


def _tanpa_kunci(key, delta=1, version=None):
    raise ValueError(f"Key '{key}' not found.")


# What an empty cache that forgets every write answers, by operation (each
# takes the arguments of the backend's method of that name).
_JAWABAN_KOSONG = {
    "get": lambda key, default=None, version=None: default,
    "get_many": lambda *args, **kwargs: {},
    "has_key": lambda *args, **kwargs: False,
    "add": lambda *args, **kwargs: True,
    "set": lambda *args, **kwargs: None,
    "set_many": lambda *args, **kwargs: [],
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "delete_many": lambda *args, **kwargs: None,
    "clear": lambda *args, **kwargs: False,
    "incr": _tanpa_kunci,
}


def _atau_kosong(nama, kosong):
    asli = getattr(RedisCache, nama)

    @wraps(asli)
    def operasi(self, *args, **kwargs):
        if self.putus:
            return kosong(*args, **kwargs)
        try:
            return asli(self, *args, **kwargs)
        except (RedisPutus, RedisLambat) as exc:
            self._putus_sampai = time.monotonic() + JEDA_DETIK
            logger.warning("Redis (cache) tidak terjangkau, tembolok dilewati %s detik: %s", JEDA_DETIK, exc)
            return kosong(*args, **kwargs)

    return operasi


class TembolokRedis(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KlienTetap
        self._putus_sampai = 0.0

    @property
    def putus(self) -> bool:
        """True while the cache is skipped after failing to reach Redis."""
        return time.monotonic() < self._putus_sampai


for _nama, _kosong in _JAWABAN_KOSONG.items():
    setattr(TembolokRedis, _nama, _atau_kosong(_nama, _kosong))
