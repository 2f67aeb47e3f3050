"""Django's Redis cache, with one Redis client per connection pool.

Django's own backend builds a new `redis.Redis` object for every cache call;
with redis-py 8 that costs about 0.35 ms of CPU each, which was two thirds
of a waiting-room display poll (six cache reads). A client only wraps its
pool and is safe to share between threads, so one per pool is kept.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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


class TembolokRedis(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KlienTetap
