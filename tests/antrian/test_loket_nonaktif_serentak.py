"""A supervisor switches a counter off while its officer calls the next
visitor: either the call is refused (the counter is closed) or the switch-off
is (the counter holds that ticket); never a ticket called to a closed counter,
whose page is gone and whose visitor would wait the day out."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from antrian import services, views
from antrian.models import Loket, StatusTiket, Tiket
from pst_layanan.models import Kantor
from tests.serentak import ditahan


def _tutup_diam_diam(loket):
    """The supervisor's switch-off, committed after the counter's page loaded `loket`."""
    Loket.objects.filter(pk=loket.pk).update(aktif=False)


def test_panggilan_ke_loket_yang_baru_dinonaktifkan_ditolak(loket1, petugas, tiket_untuk, pengunjung):
    tiket = tiket_untuk(pengunjung)
    _tutup_diam_diam(loket1)
    with pytest.raises(services.LoketNonaktif, match="Loket 1 sudah dinonaktifkan; pilih loket lain."):
        services.panggil_berikutnya(loket1, petugas)
    with pytest.raises(services.LoketNonaktif):
        services.panggil(tiket, loket1, petugas)
    tiket.refresh_from_db()
    assert tiket.status == StatusTiket.MENUNGGU and tiket.loket_id is None


def test_petugas_loket_yang_baru_dinonaktifkan_diarahkan_memilih_loket(
    klien_untuk, loket1, petugas, tiket_untuk, pengunjung, monkeypatch
):
    """The counter's page is gone: the refusal is shown on the list of counters, not a 404."""
    tiket_untuk(pengunjung)
    terbuka = Loket.objects.get(pk=loket1.pk)  # as the page loaded it, still active
    monkeypatch.setattr(views, "_loket", lambda request, pk: terbuka)
    _tutup_diam_diam(loket1)
    r = klien_untuk(petugas).post(reverse("antrian:loket_aksi", args=[loket1.pk]), {"aksi": "berikutnya"})
    assert r.status_code == 302 and r.url == reverse("antrian:loket_pilih")
    halaman = klien_untuk(petugas).get(r.url)
    assert halaman.status_code == 200 and "Loket 1 sudah dinonaktifkan; pilih loket lain." in halaman.content.decode()
    assert not Tiket.objects.filter(status=StatusTiket.DIPANGGIL).exists()


def test_loket_yang_sudah_dinonaktifkan_mengarahkan_petugas_memilih_loket(
    klien_untuk, loket1, petugas, tiket_untuk, pengunjung
):
    """The counter was switched off minutes ago while its page stayed open:
    the officer's next click, or a reload of the page, lands on the list of
    counters with the reason, never on a bare 404."""
    tiket_untuk(pengunjung)
    _tutup_diam_diam(loket1)
    klien = klien_untuk(petugas)
    r = klien.post(reverse("antrian:loket_aksi", args=[loket1.pk]), {"aksi": "berikutnya"})
    assert r.status_code == 302 and r.url == reverse("antrian:loket_pilih")
    assert "Loket 1 sudah dinonaktifkan; pilih loket lain." in klien.get(r.url).content.decode()
    r = klien.get(reverse("antrian:loket", args=[loket1.pk]))
    assert r.status_code == 302 and r.url == reverse("antrian:loket_pilih")
    # The open page's panel, refreshing, takes the whole page to the list.
    r = klien.get(reverse("antrian:loket_antrian", args=[loket1.pk]), headers={"HX-Request": "true"})
    assert r.status_code == 200 and r.headers["HX-Redirect"] == reverse("antrian:loket_pilih")
    assert not Tiket.objects.filter(status=StatusTiket.DIPANGGIL).exists()


def test_loket_kantor_lain_tetap_tidak_ditemukan(klien_untuk, petugas, layanan_b):
    """Only the officer's own office's closed counter is named: another office's stays a 404."""
    lain = Loket.objects.create(nomor=9, aktif=False, kantor=Kantor.objects.create(kode="1709", nama="BPS Lain"))
    klien = klien_untuk(petugas)
    assert klien.post(reverse("antrian:loket_aksi", args=[lain.pk]), {"aksi": "berikutnya"}).status_code == 404
    assert klien.get(reverse("antrian:loket", args=[lain.pk])).status_code == 404
    assert klien.get(reverse("antrian:loket_antrian", args=[lain.pk])).status_code == 404


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_penonaktifan_menunggu_panggilan_yang_sedang_berjalan_postgres(
    postgres_wajib, loket1, petugas, tiket_untuk, pengunjung
):
    """The switch-off is checked while a call at that counter is not yet
    committed: it waits for the call and refuses, naming the ticket."""
    tiket = tiket_untuk(pengunjung)
    loket = Loket.objects.get(pk=loket1.pk)
    with ditahan(lambda: services.panggil_berikutnya(Loket.objects.get(pk=loket1.pk), petugas)):
        loket.aktif = False
        with pytest.raises(ValidationError, match="masih menangani tiket B-001"), transaction.atomic():
            loket.full_clean()
    tiket.refresh_from_db()
    assert tiket.status == StatusTiket.DIPANGGIL and tiket.loket_id == loket1.pk
    assert Loket.objects.get(pk=loket1.pk).aktif
