"""A request for a host name the site does not serve (scanners send them all
day) is answered with the Indonesian 400 page, never a 500 — which would also
mail every such probe to the administrators as an application error."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("metode", ["get", "post"])
def test_host_asing_dijawab_400(metode, client):
    client.raise_request_exception = False
    response = getattr(client, metode)(reverse("login"), HTTP_HOST="bukan-situs-ini.example")
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.content.decode()


def test_host_asing_tidak_menjadi_peringatan_galat(client, settings, django_capture_on_commit_callbacks):
    """It is the scanners' noise, not an error of the application: no alert e-mail to ADMINS."""
    from pst_layanan.models import Surel

    settings.ADMINS = [("ops@bps.go.id", "ops@bps.go.id")]
    client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True):
        for host in ("203.0.113.7", "bukan-situs-ini.example"):
            assert client.get("/", HTTP_HOST=host).status_code == 400
    assert not Surel.objects.filter(subjek__startswith="[PST] Galat").exists()
