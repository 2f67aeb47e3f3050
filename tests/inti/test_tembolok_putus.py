"""The site stays up while the Redis cache cannot be reached: pages answer,
forms go through, and /readyz names the cache. Nothing listens on port 1, so
this needs no Redis and runs in every suite."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from pst_layanan import peringatan, tembolok

TERTUTUP = {
    "default": {
        "BACKEND": "pst_layanan.tembolok.TembolokRedis",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}


@pytest.fixture
def redis_mati(settings):
    settings.CACHES = TERTUTUP
    yield cache


def test_tembolok_menjawab_sebagai_tembolok_kosong(redis_mati):
    assert redis_mati.get("a", "bawaan") == "bawaan"
    assert redis_mati.putus
    redis_mati.set("a", 1)
    assert redis_mati.get("a") is None and redis_mati.get_many(["a"]) == {}
    assert redis_mati.add("a", 1) is True and redis_mati.has_key("a") is False
    assert redis_mati.get_or_set("b", lambda: 7) == 7
    with pytest.raises(ValueError):
        redis_mati.incr("a")


def test_setelah_gagal_tembolok_tidak_ditanya_lagi_sampai_jeda_lewat(redis_mati, monkeypatch):
    redis_mati.get("a")
    panggilan = []
    monkeypatch.setattr(tembolok._KlienTetap, "get", lambda *a, **k: panggilan.append(a))
    assert redis_mati.get("a") is None and panggilan == []
    redis_mati._putus_sampai = time.monotonic() - 1  # the pause is over: Redis is asked again
    redis_mati.get("a")
    assert len(panggilan) == 1 and not redis_mati.putus


@pytest.mark.parametrize("nama", ["beranda", "login", "transaksi:tarif", "antrian:layar", "akun:lupa_sandi"])
def test_halaman_tetap_terbuka_saat_redis_mati(client, db, redis_mati, nama):
    assert client.get(reverse(nama)).status_code == 200


def test_formulir_publik_tetap_jalan_saat_redis_mati(client, db, redis_mati, mailoutbox):
    r = client.post(reverse("akun:lupa_sandi"), {"email": "tidak.ada@contoh.id"})
    assert r.status_code == 302


def test_readyz_menyebut_tembolok_saat_redis_mati(client, db, redis_mati):
    mulai = time.monotonic()
    data = client.get("/readyz").json()
    assert "cache" in data["gagal"] and data["bagian"]["cache"]["ok"] is False
    assert time.monotonic() - mulai < 2.5


def test_peringatan_galat_sekali_per_jendela_saat_redis_mati(redis_mati):
    assert [peringatan.pertama_di_jendela("sidik-uji-putus") for _ in range(3)] == [True, False, False]
