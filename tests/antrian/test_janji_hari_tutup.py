"""A supervisor closes a day on which appointments stand: they are told how
many, in the admin, on saving the correction. The appointments stay (the SOP
serves visitors by appointment outside working days too) and nobody is
e-mailed, so saving the day again sends nothing twice. Week of Mon 13 – Fri
17 April 2026 (WIB)."""

from datetime import date, datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail

from antrian import services
from antrian.models import StatusJanji
from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.models import HariKantor, kantor_bawaan
from pst_layanan.roles import PENGAWAS_PROVINSI, SUPERVISOR
from tests.antrian.test_jam_dan_janji import pada

pytestmark = pytest.mark.django_db

RABU = date(2026, 4, 15)
TAMBAH = "/admin/pst_layanan/harikantor/add/"


def _janji(pengunjung, layanan, petugas=None, jam=10, kantor_id=None):
    with pada(2026, 4, 13, 9, 0):
        janji = services.ajukan_janji(
            pengunjung, layanan, datetime(2026, 4, 15, jam, 0, tzinfo=WIB), "Data kemiskinan", kantor_id=kantor_id
        )
        if petugas is not None:
            services.konfirmasi_janji(janji, petugas)
    mail.outbox.clear()
    return janji


def _pesan(r) -> list[str]:
    return [str(m) for m in get_messages(r.wsgi_request)]


def test_supervisor_diberi_tahu_janji_di_hari_yang_ditutup(
    klien_untuk, pengunjung, pengunjung_lain, petugas, layanan_b, django_capture_on_commit_callbacks
):
    dikonfirmasi = _janji(pengunjung, layanan_b, petugas)
    diajukan = _janji(pengunjung_lain, layanan_b, jam=11)
    sup = klien_untuk(buat_pengguna("sup@bps.go.id", SUPERVISOR, kantor=kantor_bawaan()))
    data = {"kantor": kantor_bawaan(), "tanggal": "2026-04-15", "jenis": "tutup", "keterangan": "Rapat kerja"}
    with pada(2026, 4, 14, 9, 0), django_capture_on_commit_callbacks(execute=True):
        r = sup.post(TAMBAH, data, follow=True)
        koreksi = HariKantor.objects.get()
        lagi = sup.post(f"/admin/pst_layanan/harikantor/{koreksi.pk}/change/", data, follow=True)
    peringatan = (
        "2 janji temu yang masih berlaku jatuh pada Rabu, 15 April 2026, hari kantor tutup. Janji temu tetap "
        "dilayani di luar hari kerja: siapkan petugas, atau tolak atau pindahkan janji temu itu agar "
        "pengunjungnya dikabari lewat e-mail."
    )
    assert peringatan in _pesan(r) and peringatan in _pesan(lagi)
    # They stand, and nobody was e-mailed, however often the day is saved.
    for janji, status in ((dikonfirmasi, StatusJanji.DIKONFIRMASI), (diajukan, StatusJanji.DIAJUKAN)):
        janji.refresh_from_db()
        assert janji.status == status
    assert mail.outbox == []


def test_hanya_janji_yang_berlaku_di_kantor_yang_tutup_dihitung(
    kota, pengunjung, pengunjung_lain, petugas, layanan_b, klien_untuk
):
    _janji(pengunjung, layanan_b, petugas)  # the provincial office
    batal = _janji(pengunjung_lain, layanan_b, jam=11)
    _janji(pengunjung_lain, layanan_b, jam=13, kantor_id=kota.pk)
    with pada(2026, 4, 14, 9, 0):
        services.batalkan_janji(batal, pengunjung_lain)
    # Closed for every office, but the city office keeps that day open.
    HariKantor.objects.create(tanggal=RABU, jenis="tutup", keterangan="Cuti bersama")
    HariKantor.objects.create(kantor=kota, tanggal=RABU, jenis="buka", keterangan="Tetap buka")
    with pada(2026, 4, 14, 9, 0):
        assert services.janji_berlaku_di_hari_tutup(RABU, None) == 1
        assert services.janji_berlaku_di_hari_tutup(RABU, kota.pk) == 0
    # On the day, one whose time has passed no longer counts.
    with pada(2026, 4, 15, 10, 30):
        assert services.janji_berlaku_di_hari_tutup(RABU, None) == 0
    # Removing the city's opening closes its day again; removing the closure
    # of every office leaves a working day, of which nothing is said.
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    pesan = []
    for koreksi in (HariKantor.objects.get(kantor=kota), HariKantor.objects.get(kantor__isnull=True)):
        with pada(2026, 4, 14, 9, 0):
            r = pengawas.post(f"/admin/pst_layanan/harikantor/{koreksi.pk}/delete/", {"post": "yes"}, follow=True)
        pesan.append([p for p in _pesan(r) if "janji temu yang masih berlaku" in p])
    assert not HariKantor.objects.exists()
    assert [len(p) for p in pesan] == [1, 0] and pesan[0][0].startswith("1 janji temu yang masih berlaku")


def test_memindah_hari_buka_memperingatkan_hari_yang_tutup_lagi(kota, pengunjung, layanan_b, klien_untuk):
    """An opening moved to another date closes its old date again, as
    removing it does: the appointments standing on the old date are named."""
    _janji(pengunjung, layanan_b, jam=13, kantor_id=kota.pk)
    HariKantor.objects.create(tanggal=RABU, jenis="tutup", keterangan="Cuti bersama")
    buka = HariKantor.objects.create(kantor=kota, tanggal=RABU, jenis="buka", keterangan="Tetap buka")
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    data = {"kantor": kota.pk, "tanggal": "2026-04-16", "jenis": "buka", "keterangan": "Tetap buka"}
    with pada(2026, 4, 14, 9, 0):
        r = pengawas.post(f"/admin/pst_layanan/harikantor/{buka.pk}/change/", data, follow=True)
    buka.refresh_from_db()
    assert buka.tanggal == date(2026, 4, 16)
    pesan = [p for p in _pesan(r) if "janji temu yang masih berlaku" in p]
    assert len(pesan) == 1 and pesan[0].startswith("1 janji temu yang masih berlaku jatuh pada Rabu, 15 April 2026")


def test_hari_terakhir_kalender_dapat_ditutup(klien_untuk, django_capture_on_commit_callbacks):
    """31 December 9999, the last day a date field holds (a year mistyped in
    the form), is saved like any other: counting its appointments looked for
    the next day, which no calendar has, and gave the error page."""
    sup = klien_untuk(buat_pengguna("sup@bps.go.id", SUPERVISOR, kantor=kantor_bawaan()))
    data = {"kantor": kantor_bawaan(), "tanggal": "9999-12-31", "jenis": "tutup", "keterangan": "Salah ketik"}
    with pada(2026, 4, 14, 9, 0), django_capture_on_commit_callbacks(execute=True):
        r = sup.post(TAMBAH, data)
    assert (r.status_code, r["Location"]) == (302, "/admin/pst_layanan/harikantor/")
    assert HariKantor.objects.get().tanggal == date.max
