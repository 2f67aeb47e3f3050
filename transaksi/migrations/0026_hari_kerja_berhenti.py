"""The working day each clock stop and internal target's end fell on
(`RiwayatTransaksi.hari_kerja_ke`), so the compliance dashboard reports
durations in working days beside a working-day standard.

Rows written before are filled from the history they follow: a clock's
start row (`jam_mulai` of the same clock) and, for the delivery clock, its
pauses and resumes, replayed with the functions the live moves use
(`transaksi/jam.py` `jeda`, `lanjut`, `hari_berhenti`); an internal target
from the entry into its status. Rows in chunks by primary key, each chunk
one read of the stops with their starts, one of the delivery clocks' pauses
and one update per working-day count; a stop whose start is not in the
history stays empty.
"""

from collections import defaultdict
from dataclasses import replace

from django.core.cache import cache
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

from pst_layanan import kalender
from pst_layanan.kantor import _CACHE_KEY
from transaksi import jam as jam_sop

UKURAN = 2000
JEDA, LANJUT = "jam_jeda", "jam_lanjut"


def _awal(R, jenis: str, **sama) -> dict:
    """The start of each row's clock: the latest earlier row of `jenis`
    of the same transaction whose columns match the row's (`sama`)."""
    qs = R._base_manager.filter(
        transaksi=OuterRef("transaksi"), jenis=jenis, pk__lt=OuterRef("pk"), **{k: OuterRef(v) for k, v in sama.items()}
    ).order_by("-pk")
    return {"awal": Subquery(qs.values("waktu")[:1]), "awal_pk": Subquery(qs.values("pk")[:1])}


def _jeda_per_transaksi(R, baris: list) -> dict:
    ids = {b.transaksi_id for b in baris if b.jam == "proses"}
    hasil = defaultdict(list)
    if ids:
        for t, pk, jenis, waktu in (
            R._base_manager.filter(transaksi__in=ids, jenis__in=(JEDA, LANJUT))
            .order_by("pk")
            .values_list("transaksi", "pk", "jenis", "waktu")
        ):
            hasil[t].append((pk, jenis, waktu))
    return hasil


def _hari(b, jeda: list) -> int:
    """The working day the clock (or target) of stop row `b` ended on."""
    if b.jenis == "target":
        return kalender.hari_kerja_ke(b.awal, b.waktu, b.kantor_id)
    k = jam_sop.KeadaanJam(b.jam, b.awal)
    for pk, jenis, waktu in jeda:
        if b.awal_pk < pk < b.pk:
            if jenis == JEDA and not k.dijeda_pada:
                k = jam_sop.jeda(k, waktu, b.kantor_id)
            elif jenis == LANJUT and k.dijeda_pada:
                # The resume as `jam.lanjut` makes it, without its new deadline: not needed here.
                k = replace(k, mulai=waktu, dijeda_pada=None)
    return jam_sop.hari_berhenti(k, b.waktu, b.kantor_id)


def _isi_jenis(R, jenis: str, awal: dict, ukuran: int) -> None:
    terakhir = 0
    while True:
        baris = list(
            R._base_manager.filter(jenis=jenis, hari_kerja_ke__isnull=True, pk__gt=terakhir)
            .annotate(**awal)
            .order_by("pk")[:ukuran]
        )
        if not baris:
            return
        terakhir = baris[-1].pk
        jeda = _jeda_per_transaksi(R, baris) if jenis == "jam_berhenti" else {}
        # One UPDATE per working-day count of the chunk (a few dozen), not one CASE per row.
        per_hari = defaultdict(list)
        for b in baris:
            if b.awal is not None:
                per_hari[_hari(b, jeda.get(b.transaksi_id, []))].append(b.pk)
        for hari, pk in per_hari.items():
            R._base_manager.filter(pk__in=pk).update(hari_kerja_ke=hari)


def isi_hari_kerja(apps, schema_editor, ukuran: int = UKURAN) -> None:
    R = apps.get_model("transaksi", "RiwayatTransaksi")
    K = apps.get_model("pst_layanan", "Kantor")
    # The calendar reads each office's service hours through kantor(): give it
    # this migration's rows, so a later column of the office settings cannot
    # break the query.
    kunci = []
    for k in K.objects.all():
        kunci.append(_CACHE_KEY.format(k.pk))
        cache.set(kunci[-1], k, 3600)
    try:
        _isi_jenis(R, "jam_berhenti", _awal(R, "jam_mulai", jam="jam"), ukuran)
        _isi_jenis(R, "target", _awal(R, "status", ke="dari"), ukuran)
    finally:
        cache.delete_many(kunci)


class Migration(migrations.Migration):
    dependencies = [
        ("transaksi", "0025_nama_kolom_terjemahan"),
        ("pst_layanan", "0015_nama_kolom_terjemahan"),
    ]

    operations = [
        migrations.AddField(
            model_name="riwayattransaksi",
            name="hari_kerja_ke",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="hari kerja ke-"),
        ),
        migrations.RunPython(isi_hari_kerja, migrations.RunPython.noop),
    ]
