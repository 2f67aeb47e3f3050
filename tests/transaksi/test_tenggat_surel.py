"""The deadline e-mails fill their list of rows from a template rendered once
per run (`tenggat.CetakanDaftar`): every body must be byte for byte the one
Django gives when it renders the list row by row from the transactions
themselves — names with quotes, ampersands and angle brackets (written as typed), with and without an institution,
assigned and unassigned, two deadlines."""

from datetime import datetime

import pytest
import time_machine
from django.conf import settings
from django.utils.safestring import mark_safe

from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.models import Surel
from pst_layanan.notifikasi import render_teks, susun_surel
from pst_layanan.roles import PETUGAS
from tests import pabrik
from transaksi import services, tenggat
from transaksi.models import Transaksi

pytestmark = pytest.mark.django_db

PEMOHON = [
    ("O'Brien & <Anak>", 'CV "Maju" & Rekan'),
    ("Siti Aminah", ""),
    ("Budi <b>Santoso</b>", "Dinas Kominfo"),
    ("Ni Luh Putu Ayu", ""),
]


@pytest.fixture
def tertunda(petugas, supervisor):
    """Four transactions on two deadlines: two for `petugas`, one for another officer, one unassigned."""
    lain = buat_pengguna("petugas.lain@bps.go.id", PETUGAS, nama_lengkap="D'Arcy & Co")
    penanggung = [petugas, lain, None, petugas]
    hasil = []
    for i, ((nama, instansi), p) in enumerate(zip(PEMOHON, penanggung, strict=True)):
        # Friday 13 and Monday 16 March 2026: deadlines on Wednesday 25 and Thursday 26 March.
        with time_machine.travel(datetime(2026, 3, 13 + 3 * (i % 2), 10, 0, tzinfo=WIB), tick=False):
            t = pabrik.transaksi_diajukan(
                buat_pengguna(f"pemohon{i}@contoh.id", nama_lengkap=nama, nama_instansi=instansi)
            )
            if p:
                services.ambil_tugas(t, p)
        hasil.append(t)
    return hasil


def _isi_per_baris(ids: list[int], job: str, now: datetime, surel: Surel) -> str:
    """The body as rendering `_daftar.txt` row by row from the model instances gives it."""
    daftar = list(
        Transaksi.objects.filter(pk__in=ids).select_related("petugas", "pemohon").order_by("batas_waktu", "pk")
    )
    teks = render_teks(tenggat.CetakanDaftar.TEMPLATE, {"daftar": daftar, "site_url": settings.SITE_URL})
    konteks = {
        "daftar": daftar,
        "daftar_teks": mark_safe(teks),
        "now": now,
        "petugas": daftar[0].petugas,
        "kantor": daftar[0].kantor,
    }
    return susun_surel(surel.penerima, surel.subjek, f"email/transaksi/tenggat/{job}.txt", konteks)[0].isi


@pytest.mark.parametrize(
    ("job", "waktu"),
    [
        ("eskalasi", datetime(2026, 3, 27, 9, 0, tzinfo=WIB)),
        ("pengingat", datetime(2026, 3, 17, 15, 31, tzinfo=WIB)),
    ],
)
def test_isi_surel_sama_persis_dengan_render_per_baris(job, waktu, tertunda, django_capture_on_commit_callbacks):
    awal = Surel.objects.count()
    with time_machine.travel(waktu, tick=False), django_capture_on_commit_callbacks(execute=False):
        ids = getattr(tenggat, job)()
    surel = list(Surel.objects.order_by("pk")[awal:])
    kelompok: dict = {}
    for t in Transaksi.objects.filter(pk__in=ids):
        kelompok.setdefault(t.petugas_id, []).append(t.pk)
    assert len(ids) == (4 if job == "eskalasi" else 2) and len(surel) == len(kelompok) >= 2
    for s in surel:
        [anggota] = [v for v in kelompok.values() if any(Transaksi.objects.get(pk=pk).nomor in s.isi for pk in v)]
        assert s.isi == _isi_per_baris(anggota, job, waktu, s)
    assert any('O\'Brien & <Anak> (CV "Maju" & Rekan)' in s.isi for s in surel) or job == "pengingat"
