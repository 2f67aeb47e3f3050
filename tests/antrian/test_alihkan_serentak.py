"""A counter acts on a ticket while another click is transferring it to another
service (a double click on "Alihkan", two officers): the second click waits
for the transfer and is answered about the ticket as it now is, never told
the ticket does not exist."""

import pytest

from antrian import services
from antrian.models import Loket, StatusTiket
from tests.serentak import ditahan


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_klik_kedua_saat_tiket_dialihkan_dijawab_dengan_keadaan_tiket_postgres(
    postgres_wajib, loket1, layanan_k, petugas, tiket_untuk, pengunjung
):
    lain = Loket.objects.create(nomor=3)
    lain.layanan.add(layanan_k)
    tiket = tiket_untuk(pengunjung)
    services.panggil(tiket, loket1, petugas)
    with ditahan(lambda: services.alihkan(tiket.pk, layanan_k, petugas, loket1)):  # the first click
        with pytest.raises(services.AntrianError, match="Tiket K-001 sudah berada di layanan Konsultasi Statistik."):
            services.alihkan(tiket.pk, layanan_k, petugas, loket1)
        with pytest.raises(services.AntrianError, match="Tiket K-001 berstatus “Menunggu”, sehingga tidak dapat"):
            services.mulai_layani(tiket.pk, loket1, petugas)
    tiket.refresh_from_db()
    assert (tiket.kode, tiket.status, tiket.loket_id) == ("K-001", StatusTiket.MENUNGGU, None)
