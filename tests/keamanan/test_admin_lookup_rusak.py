"""Crafted lookups on an admin list (a date part no calendar has, a number
no database holds) are answered as Django answers any wrong lookup: back
to the list with ?e=1, never the error page."""

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from conftest import buat_pengguna

pytestmark = pytest.mark.django_db

# Years at and past the ends of the calendar, and a number no integer column holds.
NILAI_RUSAK = ["-1", "0", "1", "9999", "99999999999999999999"]


def _daftar_tanggal():
    """(changelist URL name, date field) for every registered admin and each of its date fields."""
    for model, model_admin in admin.site._registry.items():
        nama = f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        medan = {f.name for f in model._meta.get_fields() if isinstance(f, models.DateField) and f.concrete}
        if model_admin.date_hierarchy:
            medan.add(model_admin.date_hierarchy)
        for m in sorted(medan):
            yield nama, m


@pytest.mark.parametrize(("url", "medan"), list(_daftar_tanggal()))
def test_bagian_tanggal_rusak_kembali_ke_daftar(client, url, medan):
    """Every registered admin (the libraries' too), every date field and the
    date hierarchy: a year, month or day past the calendar lists or goes back
    to the list with ?e=1."""
    su = buat_pengguna("akar@bps.go.id", is_superuser=True, is_staff=True)
    client.force_login(su, backend="django.contrib.auth.backends.ModelBackend")
    alamat = reverse(url)
    for bagian in ("year", "month", "day"):
        for nilai in [*NILAI_RUSAK, "12", "31"]:
            params = {f"{medan}__{bagian}": nilai}
            if bagian != "year":
                params[f"{medan}__year"] = "9999"  # the date hierarchy's month and day run past it
            r = client.get(alamat, params)
            assert r.status_code in (200, 302), (params, r.status_code)
            if r.status_code == 302:
                assert r["Location"].endswith("?e=1"), (params, r["Location"])


def test_bagian_tanggal_sah_tetap_menyaring(klien_untuk, supervisor):
    """A real year still filters the list; only a broken one goes back with ?e=1."""
    klien = klien_untuk(supervisor)
    assert klien.get("/admin/antrian/tiket/", {"tanggal__year": "2025"}).status_code == 200
    r = klien.get("/admin/antrian/tiket/", {"tanggal__year": "-1"})
    assert (r.status_code, r["Location"]) == (302, "/admin/antrian/tiket/?e=1")


def _daftar_semua():
    for model in admin.site._registry:
        yield f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist", model._meta.pk.attname


@pytest.mark.parametrize(("url", "pk"), list(_daftar_semua()))
def test_pola_regex_rusak_kembali_ke_daftar(client, url, pk):
    """A regular expression the database cannot compile (an unclosed
    bracket), typed into any list's address, is a wrong lookup like the
    others: back to the list with ?e=1, not the error page (and no alert
    mailed to the admins)."""
    su = buat_pengguna("akar@bps.go.id", is_superuser=True, is_staff=True)
    client.force_login(su, backend="django.contrib.auth.backends.ModelBackend")
    alamat = reverse(url)
    for lookup in ("regex", "iregex"):
        r = client.get(alamat, {f"{pk}__{lookup}": "("})
        assert (r.status_code, r.get("Location")) == (302, f"{alamat}?e=1"), lookup
