"""The waiting-room display's data path: today's tickets only, one render per
queue change shared by every screen, and a bounded cost per render.

A hundred screens poll the fragment every second. Three things keep that from
ever reaching the desks:
- every query reads today's rows through an index (`tanggal`, `waktu`), so
  the cost does not grow with years of past tickets;
- the fragment is rendered once per queue version; when it is missing, one
  request renders it (a short cache lock) while the others serve the last
  copy rendered today (stale by at most one change) instead of all querying
  the database at once;
- the display's queries run under a PostgreSQL `statement_timeout`: a slow
  query fails the screen's poll, which shows the last copy, never holding a
  connection the desks need.
"""

from __future__ import annotations

import time as waktu_jam
from datetime import datetime, time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from antrian import services
from antrian.models import AKTIF_DI_LOKET, Layanan, Loket, PengumumanLayar, RiwayatTiket, StatusTiket, Tiket
from pst_layanan import cadangan, kalender
from pst_layanan.basisdata import pengaturan_lokal
from pst_layanan.format import jam as fmt_jam
from pst_layanan.format import waktu_panjang
from pst_layanan.models import HariKantor, Kantor, kantor_bawaan

# A safety net only: a new queue version makes a new key at once.
SIMPAN_DETIK = 60
# The last copy of the day outlives the versions so a miss always has one to show.
SIMPAN_CADANGAN_DETIK = 24 * 3600
# Long enough for one render, short enough that a crashed renderer frees it.
KUNCI_DETIK = 5
# A display query longer than this is cancelled (PostgreSQL).
BATAS_QUERY_MS = 500
# A screen that finds neither the fragment nor a copy waits this long for the renderer.
TUNGGU_DETIK = 2.0
PANGGILAN_DITAMPILKAN = 6
BERIKUTNYA_DITAMPILKAN = 3


class LayarSibuk(Exception):
    """The fragment could not be rendered in time and no copy exists yet."""


def _waktu_query_terbatas():
    """The display's queries under their own time limit (PostgreSQL)."""
    return pengaturan_lokal("statement_timeout", str(int(BATAS_QUERY_MS)))


def _panggilan_hari_ini(hari_ini, kantor_id: int) -> list[RiwayatTiket]:
    # Newest first by `waktu`: its index stops at the start of today even when
    # no call has been made yet (an id order would walk back through years).
    awal = datetime.combine(hari_ini, time.min, tzinfo=kalender.WIB)
    aksi = [RiwayatTiket.Aksi.PANGGIL, RiwayatTiket.Aksi.PANGGIL_ULANG]
    baris = RiwayatTiket.objects.filter(waktu__gte=awal, aksi__in=aksi, tiket__kantor=kantor_id).select_related("loket")
    return list(baris.order_by("-waktu", "-pk")[:PANGGILAN_DITAMPILKAN])


def _berikutnya_per_layanan(hari_ini, kantor_id: int) -> list[Layanan]:
    """Active services, each with `jumlah` waiting today and `berikutnya`, the
    codes called next in call order: one read of today's waiting tickets (a
    day's queue, through the `(tanggal, status)` index), never a query per
    service nor a join of the services with every ticket ever issued."""
    layanan = list(Layanan.objects.filter(aktif=True))
    antre: dict[int, list[int]] = {}
    menunggu = Tiket.objects.filter(kantor=kantor_id, tanggal=hari_ini, status=StatusTiket.MENUNGGU)
    menunggu = menunggu.urut_panggilan(kantor_id)
    for layanan_id, nomor in menunggu.values_list("layanan_id", "nomor"):
        antre.setdefault(layanan_id, []).append(nomor)
    for lay in layanan:
        nomor = antre.get(lay.pk, [])
        lay.jumlah = len(nomor)
        lay.berikutnya = [f"{lay.kode}-{n:03d}" for n in nomor[:BERIKUTNYA_DITAMPILKAN]]
    return layanan


def keadaan(sekarang=None, kantor_id: int | None = None) -> dict:
    """Open or closed now, and when closed the next opening (working-day
    calendar and office hours). Reads only cached settings: it is part of the
    cache key, so a screen sees "Tutup" at the close without a queue change."""
    sekarang = sekarang or timezone.now()
    if services.antrian_buka(sekarang, kantor_id):
        return {"buka": True, "pembukaan": None}
    pembukaan = kalender.pembukaan_berikutnya(sekarang, kantor_id)
    return {"buka": False, "pembukaan": pembukaan, "pembukaan_teks": waktu_panjang(pembukaan)}


def jam_hari_ini(hari, kantor_id: int | None = None) -> str:
    jam = kalender.jam_layanan(hari, kantor_id)
    if jam is None:
        # The demo switch opens the queue on a day without service too; the
        # screen must not say there is none while it calls numbers.
        if settings.PST_DEMO_BUKA_SEPANJANG_WAKTU:
            return _("Mode demo: antrian dibuka walau hari ini bukan hari layanan")
        return _("Hari ini tidak ada layanan")
    return _("Hari ini %(buka)s–%(tutup)s WIB") % {"buka": fmt_jam(jam[0]), "tutup": fmt_jam(jam[1])}


def isi(sekarang=None, kantor_id: int | None = None) -> dict:
    """Everything office `kantor_id`'s display shows, from its today's rows only."""
    sekarang = sekarang or timezone.now()
    kantor_id = kantor_id or kantor_bawaan()
    hari_ini = timezone.localdate(sekarang)
    status = keadaan(sekarang, kantor_id)
    with _waktu_query_terbatas():
        lokets = list(Loket.objects.filter(kantor=kantor_id, aktif=True))
        aktif = {
            t.loket_id: t
            for t in Tiket.objects.filter(kantor=kantor_id, tanggal=hari_ini, status__in=AKTIF_DI_LOKET).select_related(
                "layanan"
            )
        }
        panggilan = _panggilan_hari_ini(hari_ini, kantor_id)
        menunggu = _berikutnya_per_layanan(hari_ini, kantor_id)
        pengumuman_kantor = PengumumanLayar.berlaku(kantor_id)
    if not status["buka"]:
        libur = None if kalender.jam_layanan(hari_ini, kantor_id) else kalender.nama_libur(hari_ini, kantor_id)
        status["keterangan"] = libur or ""
        # After the close the counters still call the numbers taken before it (and
        # appointments): a plain "Tutup" would tell those still waiting to go home.
        status["masih_dipanggil"] = bool(aktif) or any(lay.jumlah for lay in menunggu)
    return {
        **status,
        "lokets": [(lk, aktif.get(lk.pk)) for lk in lokets],
        "terakhir": panggilan[:5],
        "pengumuman": [(p.pk, services.kalimat_panggilan(p.kode_tiket, p.loket)) for p in reversed(panggilan)],
        "menunggu": menunggu,
        "pengumuman_kantor": pengumuman_kantor,
        "jam_hari_ini": jam_hari_ini(hari_ini, kantor_id),
    }


def render(kantor_id: int | None = None) -> str:
    # No request: shared by every screen of the office.
    return render_to_string("antrian/_layar_isi.html", isi(kantor_id=kantor_id))


def fragmen(kantor_id: int | None = None) -> str:
    """Office `kantor_id`'s display fragment of the current queue version,
    open/closed state and language (see `tersimpan`): a screen in English never
    gets the Indonesian copy, nor its spoken sentences."""
    kantor_id = kantor_id or kantor_bawaan()
    kunci = f"antrian:layar:{kantor_id}:{get_language()}:{tanda_keadaan(kantor_id)}"
    return tersimpan(kunci, lambda: render(kantor_id))


def tanda_keadaan(kantor_id: int | None = None) -> str:
    """Open or the next opening: part of a shared fragment's cache key."""
    status = keadaan(kantor_id=kantor_id)
    return "buka" if status["buka"] else status["pembukaan"].isoformat()


def tersimpan(nama: str, render) -> str:
    """The fragment `nama` of the current queue version, rendered by one request.

    Raises LayarSibuk only when nothing has been rendered today yet and the
    render failed or took longer than a screen's poll may wait.
    """
    hari = timezone.localdate()
    kunci = f"{nama}:{hari}:{services.versi_antrian()}"
    cadangan = f"{nama}:{hari}:terakhir"
    html = cache.get(kunci)
    if html is not None:
        return html
    if cache.add(f"{kunci}:kunci", 1, KUNCI_DETIK):
        try:
            html = render()
        except DatabaseError:
            html = None
        finally:
            cache.delete(f"{kunci}:kunci")
        if html is not None:
            cache.set(kunci, html, SIMPAN_DETIK)
            cache.set(cadangan, html, SIMPAN_CADANGAN_DETIK)
            return html
    else:
        html = cache.get(cadangan) or _tunggu(kunci)
    if html is None:
        html = cache.get(cadangan)
    if html is None:
        raise LayarSibuk
    return html


@receiver(cadangan.dipulihkan)
def _antrian_dipulihkan(**kwargs) -> None:
    """The screens' copies show the queue the restore replaced: render anew."""
    services.antrian_berubah()


# What the screens show besides the tickets: the counters (name, on or off,
# their services), the services' names and the office's hours and holidays.
# Changed in the admin, they are a new version too, or every screen kept
# showing a closed counter as "Siap melayani" until the next ticket moved.
@receiver([post_save, post_delete], sender=Loket)
@receiver([post_save, post_delete], sender=Layanan)
@receiver([post_save, post_delete], sender=Kantor)
@receiver([post_save, post_delete], sender=HariKantor)
@receiver(m2m_changed, sender=Loket.layanan.through)
def _tampilan_berubah(**kwargs) -> None:
    services.antrian_berubah()


def _tunggu(kunci: str) -> str | None:
    """First render of the day, done by another request: wait for it briefly."""
    batas = waktu_jam.monotonic() + TUNGGU_DETIK
    while waktu_jam.monotonic() < batas:
        waktu_jam.sleep(0.05)
        html = cache.get(kunci)
        if html is not None:
            return html
    return None
