"""A visitor's page for officers (their contact details and transactions)
opens only for the offices that visitor has dealt with: a transaction, a
visit or an appointment there. Another office's officer gets 404, as for a
visitor who does not exist; whoever sees every office sees every visitor."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from antrian.models import JanjiTemu, Layanan
from antrian.services import catat_kunjungan_online
from conftest import buat_pengguna
from pst_layanan.models import AksesDataPribadi
from pst_layanan.roles import PENGAWAS_PROVINSI, PETUGAS
from tests import pabrik

pytestmark = pytest.mark.django_db


def _halaman(klien, user, tamu):
    klien.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return klien.get(reverse("transaksi:pengunjung", args=[tamu.pk]))


def test_petugas_kantor_lain_tidak_membuka_pengunjung_kantor_ini(client, kota, petugas, pengunjung):
    t = pabrik.transaksi_diajukan(pengunjung)
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)

    r = _halaman(client, petugas_kota, pengunjung)
    assert r.status_code == 404 and pengunjung.email not in r.content.decode()
    assert t.nomor in _halaman(client, petugas, pengunjung).content.decode()
    assert t.nomor in _halaman(client, pengawas, pengunjung).content.decode()
    # Each look at the record is in the personal-data access log; the refused one is not.
    dilihat = AksesDataPribadi.objects.filter(subjek=pengunjung).values_list("petugas__email", "halaman")
    halaman = reverse("transaksi:pengunjung", args=[pengunjung.pk])
    assert sorted(dilihat) == [(pengawas.email, halaman), (petugas.email, halaman)]


def test_kunjungan_atau_janji_di_kantornya_membuka_halaman_tanpa_transaksi_kantor_lain(
    client, kota, pengunjung, pengunjung_lain
):
    t = pabrik.transaksi_diajukan(pengunjung)
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    layanan = Layanan.objects.get(kode="B")
    catat_kunjungan_online(pengunjung, layanan, "Konsultasi", kantor_id=kota.pk)
    JanjiTemu.objects.create(
        kantor=kota, pengunjung=pengunjung_lain, layanan=layanan, waktu=timezone.now() + timedelta(days=1)
    )

    r = _halaman(client, petugas_kota, pengunjung)
    assert r.status_code == 200 and pengunjung.email in r.content.decode() and t.nomor not in r.content.decode()
    assert _halaman(client, petugas_kota, pengunjung_lain).status_code == 200
