"""`RiwayatTransaksi.hari_kerja_ke` of the rows written before the column:
filled from the history they follow: a clock's start row (`jam_mulai` of the
same clock) and, for the delivery clock, its pauses and resumes, replayed
with the functions the live moves use (`transaksi/jam.py` `jeda`, `lanjut`,
`hari_berhenti`); an internal target from the entry into its status. A stop
whose start is not in the history stays empty.

Years of history (millions of rows) take minutes, so this migration is not
one transaction: each chunk (a span of primary keys) is committed on its own
(one read of the stops, one of their transactions' starts and pauses, one
update per working-day count), and the history stays writable meanwhile. It
fills only empty rows, so after an interruption it goes on where it stopped.
"""

from collections import defaultdict
from dataclasses import replace

from django.core.cache import cache
from django.db import migrations, transaction
from django.db.models import Max, Min

from pst_layanan import kalender
from pst_layanan.kantor import _CACHE_KEY
from transaksi import jam as jam_sop

UKURAN = 10_000  # primary keys per chunk: about 2,500 rows to fill
JEDA, LANJUT = "jam_jeda", "jam_lanjut"
# Per kind of row filled: the kind of its start row and the start's column
# that must equal the row's own (the same clock; the status the target measured).
AWAL = {"jam_berhenti": ("jam_mulai", "jam", "jam"), "target": ("status", "ke", "dari")}


def _riwayat_per_transaksi(R, jenis: str, baris: list) -> dict:
    """Transaction → its (pk, jenis, key, waktu) rows a stop of `jenis` is
    replayed from (starts; the delivery clock's pauses and resumes), oldest first."""
    awal, kolom, _ = AWAL[jenis]
    jenis_dibaca = (awal, JEDA, LANJUT) if jenis == "jam_berhenti" else (awal,)
    hasil = defaultdict(list)
    for t, *r in (
        R._base_manager.filter(transaksi__in={b.transaksi_id for b in baris}, jenis__in=jenis_dibaca)
        .order_by("pk")
        .values_list("transaksi", "pk", "jenis", kolom, "waktu")
    ):
        hasil[t].append(r)
    return hasil


def _hari(b, riwayat: list) -> int | None:
    """The working day the clock (or target) of stop row `b` ended on; None
    without its start: the latest earlier start row whose key matches."""
    awal_jenis, _, kolom = AWAL[b.jenis]
    sebelum = [r for r in riwayat if r[0] < b.pk]
    awal = next((r for r in reversed(sebelum) if r[1] == awal_jenis and r[2] == getattr(b, kolom)), None)
    if awal is None:
        return None
    if b.jenis == "target":
        return kalender.hari_kerja_ke(awal[3], b.waktu, b.kantor_id)
    k = jam_sop.KeadaanJam(b.jam, awal[3])
    for pk, jenis, _, waktu in sebelum:
        if pk > awal[0]:
            if jenis == JEDA and not k.dijeda_pada:
                k = jam_sop.jeda(k, waktu, b.kantor_id)
            elif jenis == LANJUT and k.dijeda_pada:
                # The resume as `jam.lanjut` makes it, without its new deadline: not needed here.
                k = replace(k, mulai=waktu, dijeda_pada=None)
    return jam_sop.hari_berhenti(k, b.waktu, b.kantor_id)


def _isi_potongan(R, baris: list) -> None:
    riwayat = _riwayat_per_transaksi(R, baris[0].jenis, baris)
    # One UPDATE per working-day count of the chunk (a few dozen), not one CASE per row.
    per_hari = defaultdict(list)
    with kalender.sekali_baca():
        for b in baris:
            per_hari[_hari(b, riwayat[b.transaksi_id])].append(b.pk)
    per_hari.pop(None, None)
    with transaction.atomic():
        for hari, pk in per_hari.items():
            R._base_manager.filter(pk__in=pk).update(hari_kerja_ke=hari)


def _isi_jenis(R, jenis: str, kantor: dict, ukuran: int) -> None:
    kosong = R._base_manager.filter(jenis=jenis, hari_kerja_ke__isnull=True)
    dari = kosong.aggregate(awal=Min("pk"))["awal"]
    while dari is not None:
        # To the last empty row, read again when there: the history stays
        # writable, and a site still running the code from before the column
        # writes empty rows meanwhile.
        akhir = kosong.aggregate(akhir=Max("pk"))["akhir"]
        if akhir is None or akhir < dari:
            return
        # Chunks by a span of primary keys, not the next `ukuran` empty rows:
        # the planner read every empty row after the chunk again for each of
        # those (time growing with the square of the history).
        for awal in range(dari, akhir + 1, ukuran):
            baris = list(
                kosong.filter(pk__gte=awal, pk__lt=awal + ukuran)
                .only("pk", "transaksi", "kantor", "jenis", "jam", "dari", "waktu")
                .order_by("pk")
            )
            if baris:
                # The calendar reads each office's service hours through
                # kantor(): give it this migration's rows (so a later column of
                # the office settings cannot break the query), again for each
                # chunk, however long the whole runs.
                cache.set_many(kantor, 3600)
                _isi_potongan(R, baris)
        dari = akhir + 1


def isi_hari_kerja(apps, schema_editor, ukuran: int = UKURAN) -> None:
    R = apps.get_model("transaksi", "RiwayatTransaksi")
    K = apps.get_model("pst_layanan", "Kantor")
    kantor = {_CACHE_KEY.format(k.pk): k for k in K.objects.all()}
    try:
        for jenis in AWAL:
            _isi_jenis(R, jenis, kantor, ukuran)
    finally:
        cache.delete_many(list(kantor))


class Migration(migrations.Migration):
    # Committed chunk by chunk (see above), not in one transaction holding the history.
    atomic = False

    dependencies = [("transaksi", "0026_hari_kerja_berhenti")]

    operations = [migrations.RunPython(isi_hari_kerja, migrations.RunPython.noop)]
