"""Four eyes on a refund of PNBP: whoever proposed it (a supervisor may, with
an officer's rights) cannot approve it too. The approval is refused with a
message on the payment page and nothing changes; another supervisor approves."""

import pytest
from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan.roles import SUPERVISOR
from tests.transaksi.test_pembayaran import diproses
from transaksi.alur import TransisiTidakSah
from transaksi.models import Pengembalian, RiwayatTransaksi, Status
from transaksi.services.pengembalian import Rekening, setujui, usulkan

pytestmark = pytest.mark.django_db

REKENING = Rekening("Ani Pengunjung", "0123 4567 89", "Bank Rakyat Indonesia")
TOLAK = "Anda mengusulkan pengembalian ini sendiri; supervisor lain yang harus menyetujuinya."


def _jejak(t, p):
    t.refresh_from_db()
    p.refresh_from_db()
    return t.status, p.status, p.nomor, p.diputuskan_oleh_id, t.riwayat.count(), RiwayatTransaksi.objects.count()


def test_pengusul_tidak_menyetujui_usulannya_sendiri(pengunjung, petugas, supervisor, klien_untuk):
    t = diproses(pengunjung, petugas)
    p = usulkan(t, supervisor, "Data tingkat desa tidak tersedia.", REKENING)
    sebelum = _jejak(t, p)

    with pytest.raises(TransisiTidakSah, match="supervisor lain"):
        setujui(p, supervisor)
    r = klien_untuk(supervisor).post(reverse("transaksi:pengembalian_setujui", args=[t.nomor, p.pk]), follow=True)
    assert TOLAK in r.content.decode()
    assert _jejak(t, p) == sebelum and sebelum[:3] == (Status.DIPROSES, Pengembalian.Status.DIAJUKAN, "")

    # The proposer's page offers no approve button, only who decides.
    setujui_url = reverse("transaksi:pengembalian_setujui", args=[t.nomor, p.pk])
    halaman = klien_untuk(supervisor).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    assert setujui_url not in halaman and "supervisor lain yang menyetujuinya" in halaman

    lain = buat_pengguna("supervisor2@bps.go.id", SUPERVISOR)
    halaman = klien_untuk(lain).get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    assert setujui_url in halaman
    assert setujui(p, lain).status == Pengembalian.Status.DISETUJUI
