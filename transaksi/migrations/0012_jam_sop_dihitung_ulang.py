"""Open transactions' clocks recomputed from their status history under the
SOP's clocks (transaksi/jam.py): the queue clock only while submitted, one
delivery clock from "requirements complete" to hand-over that paused while
the visitor had to pay, and the internal target of the current status.
Each row whose clock changed gets a "Batas waktu dihitung ulang" history row.

Clock stops written before carry no status: it is filled from the status
move written with them, so the compliance dashboard tells a queue wait
(stopped while submitted) from the invoice and payment waits measured
before by the same kind of clock.
"""

from django.core.cache import cache
from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from pst_layanan.kantor import _CACHE_KEY
from transaksi import alur
from transaksi import jam as jam_sop

TUTUP = ("draf", "selesai", "dibatalkan")


def _isi_status_berhenti(R) -> None:
    status_berikut = R.objects.filter(transaksi=OuterRef("transaksi"), jenis="status", pk__gt=OuterRef("pk"))
    # The base manager: a plain one, also when called with the app registry (tests).
    R._base_manager.filter(jenis="jam_berhenti", dari="").update(
        dari=Subquery(status_berikut.order_by("pk").values("dari")[:1])
    )


def _hitung_ulang(t, R, hari_target, now) -> None:
    perpindahan = list(
        R.objects.filter(transaksi=t, jenis="status").order_by("waktu", "pk").values_list("waktu", "ke")
    )
    k = jam_sop.putar_ulang(perpindahan, bebas=t.total <= 0)
    target = jam_sop.target_internal(perpindahan, hari_target)
    lama = jam_sop.dari_baris(t)
    if k == lama and target == t.target_batas:
        return
    jam_sop.ke_baris(t, k)
    t.target_batas = target
    if k != lama and (k.batas is None or k.batas > now):
        t.pengingat_pada = t.eskalasi_pada = None
    t.save()
    R.objects.create(
        transaksi=t,
        jenis="jam_ulang",
        jam=k.jam,
        batas_waktu=k.batas,
        waktu=now,
        catatan=f"Jam SOP dihitung ulang menurut aturan SOP langkah 5 dan 7: {jam_sop.keterangan(k)}.",
    )


def maju(apps, schema_editor):
    T = apps.get_model("transaksi", "Transaksi")
    R = apps.get_model("transaksi", "RiwayatTransaksi")
    K = apps.get_model("pst_layanan", "Kantor")
    _isi_status_berhenti(R)
    kantor = K.objects.order_by("pk").first() or K.objects.create()
    # The calendar reads the service hours through kantor(); give it this
    # migration's row, so a later column added to the office settings
    # cannot break the query.
    cache.set(_CACHE_KEY, kantor, 300)
    try:
        hari_target = {s: getattr(kantor, kolom) for s, kolom in alur.TARGET_INTERNAL.items()}
        now = timezone.now()
        for t in T.objects.exclude(status__in=TUTUP).order_by("pk").iterator(chunk_size=500):
            _hitung_ulang(t, R, hari_target, now)
    finally:
        cache.delete(_CACHE_KEY)


class Migration(migrations.Migration):
    dependencies = [
        ("transaksi", "0011_jam_sop_jeda_dan_target"),
        ("pst_layanan", "0009_kantor_target_internal"),
    ]

    operations = [migrations.RunPython(maju, migrations.RunPython.noop)]
