"""A role taken away, or an office changed, while its pages are open.

The counter's queue, the desk's queue and the monitor refresh themselves
every few seconds with htmx, which swaps in only a page part that was
answered; a refusal (403, or 404 for a counter of an office the officer no
longer works for) is not swapped in. The part would stand still showing the
queue as it last was, with no sign anything had changed, and each click on
it would fail. Instead the whole page is loaded again and says why.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from pst_layanan.roles import PETUGAS, RESEPSIONIS, SUPERVISOR

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def _muat_ulang(response) -> bool:
    return response.headers.get("HX-Refresh") == "true"


@pytest.mark.parametrize(
    ("persona", "peran", "nama_url"),
    [
        ("petugas", PETUGAS, "antrian:monitor_isi"),
        ("resepsionis", RESEPSIONIS, "antrian:meja_antrian"),
        ("supervisor", SUPERVISOR, "antrian:monitor_isi"),
    ],
)
def test_bagian_halaman_dimuat_ulang_setelah_peran_dicabut(request, klien_untuk, persona, peran, nama_url):
    user = request.getfixturevalue(persona)
    klien = klien_untuk(user)
    assert klien.get(reverse(nama_url), headers=HTMX).status_code == 200
    user.groups.remove(Group.objects.get(name=peran))
    response = klien.get(reverse(nama_url), headers=HTMX)
    assert _muat_ulang(response)
    # The page itself, loaded again, says why.
    halaman = klien.get(reverse(nama_url.replace("_isi", "").replace("meja_antrian", "meja")))
    assert halaman.status_code == 403
    assert "pastikan peran Anda sudah diatur oleh supervisor" in halaman.content.decode()


def test_antrean_loket_dimuat_ulang_setelah_pindah_kantor(klien_untuk, petugas, loket1, kota):
    klien = klien_untuk(petugas)
    url = reverse("antrian:loket_antrian", args=[loket1.pk])
    assert klien.get(url, headers=HTMX).status_code == 200
    petugas.kantor.set([kota])  # moved to the Kota Bengkulu office
    assert _muat_ulang(klien.get(url, headers=HTMX))
    assert klien.get(reverse("antrian:loket", args=[loket1.pk])).status_code == 404


def test_permintaan_biasa_tetap_ditolak_dengan_halamannya(klien_untuk, petugas):
    """Only a page part reloads its page; a page asked for itself answers its refusal."""
    petugas.groups.clear()
    response = klien_untuk(petugas).get(reverse("antrian:monitor_isi"))
    assert response.status_code == 403 and not _muat_ulang(response)
