"""A calendar or hours change and a read at the same moment (PostgreSQL):
the supervisor's save is not yet committed while another request — the
waiting-room display polls every second — reads the calendar or the office.
After the commit every process must see the change, and running deadlines
must have been recomputed with it."""

from __future__ import annotations

import threading
from datetime import date, datetime, time

import pytest
import time_machine
from django.db import connection, transaction

from pst_layanan import kalender
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor
from pst_layanan.models import HariKantor, Kantor
from tests import pabrik

pytestmark = pytest.mark.django_db(transaction=True)

SENIN = datetime(2026, 4, 6, 10, 0, tzinfo=WIB)
RABU = date(2026, 4, 8)


def _simpan_lalu_tunggu(simpan, tersimpan: threading.Event, lanjut: threading.Event, galat: list) -> None:
    try:
        with transaction.atomic():
            simpan()
            tersimpan.set()
            lanjut.wait(10)
    except Exception as exc:  # pragma: no cover - reported by the test
        galat.append(exc)
    finally:
        connection.close()


def simpan_sambil_dibaca(simpan, baca) -> None:
    """`simpan` in another connection, `baca` here while it is uncommitted."""
    tersimpan, lanjut, galat = threading.Event(), threading.Event(), []
    th = threading.Thread(target=_simpan_lalu_tunggu, args=(simpan, tersimpan, lanjut, galat))
    with time_machine.travel(SENIN.replace(hour=11), tick=False):
        th.start()
        assert tersimpan.wait(10)
        baca()
        lanjut.set()
        th.join()
    assert not galat


def test_libur_baru_berlaku_walau_kalender_dibaca_sebelum_commit(postgres_wajib, pengunjung):
    with time_machine.travel(SENIN, tick=False):
        t = pabrik.transaksi_diajukan(pengunjung)
    assert t.batas_waktu == datetime(2026, 4, 9, 15, 30, tzinfo=WIB)  # Tue 7, Wed 8, Thu 9

    simpan_sambil_dibaca(
        lambda: HariKantor.objects.create(tanggal=RABU, jenis=HariKantor.Jenis.TUTUP, keterangan="Cuti bersama"),
        lambda: kalender.hari_kerja(date(2026, 4, 7)),
    )

    t.refresh_from_db()
    assert not kalender.hari_kerja(RABU)
    assert t.batas_waktu == datetime(2026, 4, 10, 16, 0, tzinfo=WIB)  # Thu 9, Fri 10 (closes 16.00)


def test_jam_tutup_baru_berlaku_walau_kantor_dibaca_sebelum_commit(postgres_wajib, pengunjung):
    with time_machine.travel(SENIN, tick=False):
        t = pabrik.transaksi_diajukan(pengunjung)

    def tutup_pukul_16():
        k = Kantor.objects.get(pk=t.kantor_id)
        k.jam_tutup_senin_kamis = time(16, 0)
        k.save()

    simpan_sambil_dibaca(tutup_pukul_16, lambda: kantor(t.kantor_id))

    t.refresh_from_db()
    assert kantor(t.kantor_id).jam_tutup_senin_kamis == time(16, 0)
    assert t.batas_waktu == datetime(2026, 4, 9, 16, 0, tzinfo=WIB)


@pytest.mark.postgres
def test_dua_supervisor_mencatat_hari_yang_sama_serentak_yang_kedua_diberi_tahu(postgres_wajib):
    """Two province supervisors enter the same closed day at once: the second
    is told the day is there already, not given a server error."""
    from django.test import Client

    from conftest import buat_pengguna
    from pst_layanan.models import kantor_bawaan
    from pst_layanan.roles import PENGAWAS_PROVINSI
    from tests.serentak import ditahan

    url, data = (
        "/admin/pst_layanan/harikantor/add/",
        {"kantor": kantor_bawaan(), "tanggal": "2026-12-10", "jenis": "tutup", "keterangan": "Rapat"},
    )
    klien = []
    for i in range(2):
        k = Client(raise_request_exception=False)
        k.force_login(
            buat_pengguna(f"pengawas{i}@bps.go.id", PENGAWAS_PROVINSI), "django.contrib.auth.backends.ModelBackend"
        )
        klien.append(k)
    pertama = []
    with ditahan(lambda: pertama.append(klien[0].post(url, data)), 1.0):
        kedua = klien[1].post(url, data)
    assert pertama[0].status_code == 302
    assert kedua.status_code == 200, kedua.status_code
    assert kedua.context["adminform"].form.non_field_errors()[0].endswith(" ini sudah ada.")
    assert HariKantor.objects.filter(tanggal="2026-12-10").count() == 1
