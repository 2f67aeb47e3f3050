"""Two offices at once in a real browser: the provincial office and Kota
Bengkulu each register a walk-in at their desk, each gets its own B-001,
each counter calls its own visitor; neither office's staff can open the
other's visitor, ticket or transaction (404), and a visitor picks the office
they are served by."""

from datetime import time

import pytest

from antrian.models import Loket
from conftest import buat_pengguna
from pst_layanan.models import Kantor
from pst_layanan.roles import PETUGAS, RESEPSIONIS
from tests import pabrik
from tests.peramban import daftarkan_walkin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _walkin(meja, email, nama):
    meja.goto("/antrian/meja/")
    daftarkan_walkin(meja, email, nama)
    meja.wait_for_url("**/antrian/tiket/*/cetak/?cetak=1")
    return meja.inner_text(".tiket-nomor"), meja.url.split("/antrian/tiket/")[1].split("/")[0]


def test_dua_kantor_berjalan_bersamaan_dengan_antrean_dan_nomor_sendiri(
    halaman_baru, selalu_buka, layanan_b, loket1, resepsionis, petugas, pengunjung
):
    kota = Kantor.objects.create(
        kode="1771", nama="BPS Kota Bengkulu", jam_buka=time(0), jam_tutup_senin_kamis=time(23, 59, 59)
    )
    kota.jam_tutup_jumat = time(23, 59, 59)
    kota.save()
    loket_kota = Loket.objects.create(kantor=kota, nomor=1)
    loket_kota.layanan.add(layanan_b)
    resepsionis_kota = buat_pengguna("resepsionis1771@bps.go.id", RESEPSIONIS, nama_lengkap="Nia Resepsionis Kota")
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS, nama_lengkap="Yudi Petugas Kota")
    for user in (resepsionis_kota, petugas_kota):
        user.kantor.add(kota)

    # Both desks at once: each office's first walk-in is its own B-001.
    meja_prov, meja_kota = halaman_baru(resepsionis), halaman_baru(resepsionis_kota)
    kode_prov, tiket_prov = _walkin(meja_prov, "sinta@contoh.id", "Sinta Provinsi")
    kode_kota, tiket_kota = _walkin(meja_kota, "kevin@contoh.id", "Kevin Kota")
    assert kode_prov == kode_kota == "B-001"
    meja_kota.goto("/antrian/meja/")
    assert "Kevin Kota" in meja_kota.content() and "Sinta Provinsi" not in meja_kota.content()

    # Each counter calls its own office's visitor.
    loket_prov, loket_k = halaman_baru(petugas), halaman_baru(petugas_kota)
    loket_prov.goto(f"/antrian/loket/{loket1.pk}/")
    loket_k.goto(f"/antrian/loket/{loket_kota.pk}/")
    loket_prov.click("#tombol-berikutnya")
    loket_k.click("#tombol-berikutnya")
    loket_prov.wait_for_selector("#kode-aktif")
    loket_k.wait_for_selector("#kode-aktif")
    assert "Sinta Provinsi" in loket_prov.content() and "Kevin Kota" not in loket_prov.content()
    assert "Kevin Kota" in loket_k.content() and "Sinta Provinsi" not in loket_k.content()

    # Neither office's staff open the other's counter, ticket or visit history entry.
    assert loket_k.goto(f"/antrian/loket/{loket1.pk}/").status == 404
    assert loket_k.goto(f"/antrian/tiket/{tiket_prov}/cetak/").status == 404
    assert loket_prov.goto(f"/antrian/tiket/{tiket_kota}/cetak/").status == 404
    loket_k.goto("/antrian/kunjungan/")
    assert "Kevin Kota" in loket_k.content() and "Sinta Provinsi" not in loket_k.content()

    # Transactions: numbered per office, invisible to the other office's officer.
    t_prov = pabrik.transaksi_diajukan(pengunjung)
    t_kota = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
    assert t_prov.nomor.startswith("PST-1700-") and t_kota.nomor.startswith("PST-1771-")
    assert loket_k.goto(f"/transaksi/periksa/{t_prov.nomor}/").status == 404
    assert loket_prov.goto(f"/transaksi/periksa/{t_kota.nomor}/").status == 404
    assert loket_k.goto(f"/transaksi/periksa/{t_kota.nomor}/").status == 200
    loket_k.goto("/transaksi/tenggat/")
    assert t_kota.nomor in loket_k.content() and t_prov.nomor not in loket_k.content()


def test_pengunjung_memilih_kantor_yang_melayaninya(halaman_baru, pengunjung):
    Kantor.objects.create(kode="1771", nama="BPS Kota Bengkulu")
    page = halaman_baru(pengunjung)
    page.goto("/")
    assert "BPS Provinsi Bengkulu" in page.inner_text("#kantor-aktif")
    page.click("#kantor-aktif")
    page.check("#kantor-1771")
    page.click("#tombol-pilih-kantor")
    page.wait_for_url("**/")
    assert "BPS Kota Bengkulu" in page.inner_text("#kantor-aktif")
