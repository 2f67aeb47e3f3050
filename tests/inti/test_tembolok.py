"""The Redis cache backend (`pst_layanan.tembolok`) on a real Redis: the suite
on PostgreSQL + Redis (`make test-postgres`) runs it; without REDIS_URL it skips."""

import pytest
from django.conf import settings
from django.core.cache import caches

from pst_layanan.tembolok import TembolokRedis

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="butuh Redis (REDIS_URL)")


@pytest.fixture
def tembolok():
    t = TembolokRedis(settings.REDIS_URL, {"KEY_PREFIX": "uji-tembolok"})
    yield t
    t.clear()


def test_satu_klien_per_pool_untuk_setiap_panggilan(tembolok):
    klien = tembolok._cache.get_client()
    assert tembolok._cache.get_client(write=True) is klien
    tembolok.set("a", {"nilai": 1}, 30)
    assert tembolok.get("a") == {"nilai": 1}
    assert tembolok.add("a", 2) is False
    assert tembolok.add("n", 0) and tembolok.incr("n") == 1
    tembolok.delete("a")
    assert tembolok.get("a") is None
    assert tembolok._cache.get_client() is klien


def test_pengaturan_memakai_backend_ini():
    assert isinstance(caches["default"], TembolokRedis)
