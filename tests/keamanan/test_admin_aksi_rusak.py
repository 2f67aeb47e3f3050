"""A bulk action sent with ticked ids that are no ids (a crafted form) is
answered on every admin list as Django answers none ticked: a message, back
to the list, nothing changed."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from conftest import buat_pengguna

pytestmark = pytest.mark.django_db

# A NUL sent in a multipart form (the urlencoded one is refused before the admin), words, a fraction.
ID_RUSAK = ["\x00", "abc", "1.5", "1 OR 1=1", "99999999999999999999"]


MODEL = [model._meta.label for model in admin.site._registry]


@pytest.mark.parametrize("label", MODEL)
def test_aksi_dengan_id_rusak_kembali_ke_daftar(client, label):
    """Every admin list with an action: ids that are no ids of its rows are none ticked."""
    su = buat_pengguna("akar@bps.go.id", is_superuser=True, is_staff=True)
    client.force_login(su, backend="django.contrib.auth.backends.ModelBackend")
    model = apps.get_model(label)
    permintaan = RequestFactory().get("/")
    permintaan.user = su
    aksi = list(admin.site._registry[model].get_actions(permintaan))
    if not aksi:
        pytest.skip("no action on this list")
    alamat = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    for rusak in ID_RUSAK:
        r = client.post(alamat, {"action": aksi[0], "index": "0", "_selected_action": [rusak]}, follow=True)
        assert r.redirect_chain == [(alamat, 302)], rusak
        assert [m.level_tag for m in r.context["messages"]] == ["warning"]
