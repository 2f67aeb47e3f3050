"""Hostile input never breaks a form: random and malicious values posted to
every form give no 500, and a refused form stores nothing.

To cover your app's form, append a `Formulir` to FORMULIR (below) with:
the URL, the persona fixture that may post it, a valid example of each field
(the other fields keep these while one is attacked, so the attack reaches
the deeper checks), and `potret` — a function returning what must stay the
same when the form is refused (e.g. a row count, the object's fields).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pst_layanan.models import Pengguna, Surel
from tests.inti.test_akun import BIODATA, DATA_DAFTAR

pytestmark = pytest.mark.django_db

# Values that have broken web forms somewhere.
SERANGAN = [
    "",
    " ",
    "\x00",
    "a\x00b@contoh.id",
    "' OR '1'='1' --",
    "1; DROP TABLE pst_layanan_pengguna; --",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "../../../../etc/passwd",
    "%00%0d%0a",
    "\r\nBcc: korban@contoh.id",
    "\u202egnp.exe",  # right-to-left override
    "😀" * 50,
    "Z̴̡̪͈̝a̶l̸g̵o̷",
    "０８１２３４５６７８９０",  # full-width digits
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic digits
    "-1",
    "0",
    "1e309",
    "NaN",
    "9" * 5000,
    "2100.5",
    "true",
    "null",
    "[]",
    "{}",
    "a" * 300 + "@" + "b" * 300 + ".id",
    "x@y",
    "ANDI@CONTOH.ID",
]


def teks_jahat() -> st.SearchStrategy[str]:
    """Hostile strings: known attacks, random unicode, very long text, numbers as text."""
    return st.one_of(
        st.sampled_from(SERANGAN),
        st.text(max_size=200),
        st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40).map(lambda s: s * 300),
        st.integers().map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
    )


@dataclass
class Formulir:
    nama: str
    url: str | Callable[[Any, Any], str]  # a path, or fn(client, user) -> path
    contoh: dict[str, str]  # a valid value for every field
    potret: Callable[[Any], Any]  # fn(user) -> what a refused form must leave unchanged
    pengguna: str | None = None  # persona fixture that posts it (None: anonymous)
    bidang: dict[str, st.SearchStrategy] = field(default_factory=dict)  # special strategies per field


def _pengguna_baris(user):
    return list(Pengguna.objects.order_by("pk").values())


def _tautan_atur_sandi(client, user):
    """Django moves the reset token into the session on the first GET."""
    from pst_layanan.akun import tautan_atur_sandi

    response = client.get(tautan_atur_sandi(user))
    assert response.status_code == 302 and response.url.endswith("/set-password/")
    return response.url


FORMULIR = [
    Formulir(
        "daftar",
        "/akun/daftar/",
        {**DATA_DAFTAR, "email": "baru@contoh.id"},
        lambda user: (Pengguna.objects.count(), Surel.objects.count()),
    ),
    Formulir(
        "masuk",
        "/akun/masuk/",
        {"username": "andi@contoh.id", "password": "sandi-uji-123"},
        lambda user: list(Pengguna.objects.values_list("pk", "last_login")),
        pengguna=None,
    ),
    Formulir("biodata", "/akun/profil/", BIODATA, _pengguna_baris, pengguna="pengunjung"),
    Formulir("lupa sandi", "/akun/sandi/lupa/", {"email": "andi@contoh.id"}, lambda user: Surel.objects.count()),
    Formulir(
        "ubah sandi",
        "/akun/sandi/ubah/",
        {"old_password": "sandi-uji-123", "new_password1": "Bengkulu-Baru-2026", "new_password2": "Bengkulu-Baru-2026"},
        _pengguna_baris,
        pengguna="pengunjung",
    ),
    Formulir(
        "atur sandi",
        _tautan_atur_sandi,
        {"new_password1": "Bengkulu-Baru-2026", "new_password2": "Bengkulu-Baru-2026"},
        _pengguna_baris,
        pengguna="pengunjung",
    ),
    Formulir(
        "hapus akun",
        "/akun/hapus/",
        {"password": "sandi-uji-123", "yakin": "on"},
        _pengguna_baris,
        pengguna="pengunjung",
    ),
]


def isian(formulir: Formulir) -> st.SearchStrategy[dict[str, str]]:
    """Each field: its valid example, a hostile value, or left out."""
    per_bidang = {
        nama: st.one_of(st.just(contoh), formulir.bidang.get(nama, teks_jahat()), st.none())
        for nama, contoh in formulir.contoh.items()
    }
    return st.fixed_dictionaries(per_bidang).map(lambda d: {k: v for k, v in d.items() if v is not None})


# Hypothesis settings of the random-input tests: a test client and fixtures
# per example (function-scoped by design), slow pages, no example database.
PENGATURAN_ACAK = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@pytest.mark.parametrize("formulir", FORMULIR, ids=lambda f: f.nama)
@settings(max_examples=25, **PENGATURAN_ACAK)
@given(data=st.data())
def test_isian_acak_tidak_pernah_500_dan_tidak_menyimpan_bila_ditolak(formulir, data, request, client, pengunjung):
    user = request.getfixturevalue(formulir.pengguna) if formulir.pengguna else None
    nilai = data.draw(isian(formulir), label="isian")
    client.raise_request_exception = False
    # Each example is rolled back: one that succeeds (e.g. erases the account)
    # does not change the ground the next one stands on.
    with transaction.atomic():
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        url = formulir.url(client, user) if callable(formulir.url) else formulir.url
        sebelum = formulir.potret(user)
        response = client.post(url, nilai)
        sesudah = formulir.potret(user)
        transaction.set_rollback(True)

    assert response.status_code < 500, f"{formulir.nama}: {response.status_code} untuk {nilai!r}"
    if response.status_code == 200:  # the form came back with its errors: nothing may be stored
        assert sesudah == sebelum, f"{formulir.nama} menyimpan isian yang ditolak: {nilai!r}"


@pytest.mark.parametrize("formulir", FORMULIR, ids=lambda f: f.nama)
@pytest.mark.parametrize("serangan", ["a\x00b@contoh.id", "9" * 5000, "' OR '1'='1' --", "😀" * 3000])
def test_serangan_tetap_di_semua_bidang(formulir, serangan, request, client, pengunjung):
    """The worst values in every field at once, every run (not left to chance).
    Some are legal (an emoji password is a fine password); none may break the page."""
    user = request.getfixturevalue(formulir.pengguna) if formulir.pengguna else None
    client.raise_request_exception = False
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = formulir.url(client, user) if callable(formulir.url) else formulir.url
    sebelum = formulir.potret(user)
    response = client.post(url, dict.fromkeys(formulir.contoh, serangan))
    assert response.status_code < 500
    if response.status_code == 200:
        assert formulir.potret(user) == sebelum
