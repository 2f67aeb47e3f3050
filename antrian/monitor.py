"""The live queue monitor of supervisors (officers read it too): per service
and per counter, who waits and since when, who is served and for how long,
how many were served and how many did not come today.

Like the waiting-room display it is read from today's rows in a fixed number
of queries whatever the number of services, counters or tickets, rendered
once per queue change and shared by every open monitor (`layar.tersimpan`).
Elapsed times are rendered as timestamps the page counts up from each second,
so a copy taken from the cache never shows a stale "for how long".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from antrian import layar
from antrian.models import AKTIF_DI_LOKET, Layanan, Loket, RiwayatTiket, StatusTiket, Tiket
from pst_layanan.models import kantor_bawaan

S = StatusTiket
TIDAK_HADIR = (S.DILEWATI, S.TIDAK_HADIR)
Aksi = RiwayatTiket.Aksi
# The moves that bring a ticket to a counter: a call (the first, or after a
# transfer) and the call-back of a skipped visitor. Announcing a called number
# again leaves it at the counter it was at.
_KE_LOKET = Q(aksi=Aksi.PANGGIL) | Q(aksi=Aksi.PANGGIL_ULANG, dari=S.DILEWATI)


def _dipanggil_ke_loket() -> Subquery:
    """When the ticket's latest move to a counter was made: its first call
    (`dipanggil_pada`, kept for the day's waiting time) may be long before a
    transfer or a skip."""
    riwayat = RiwayatTiket.objects.filter(_KE_LOKET, tiket=OuterRef("pk")).order_by("-waktu", "-pk")
    return Subquery(riwayat.values("waktu")[:1])


@dataclass
class Angka:
    """The day's counts of one service, one counter, or the whole office."""

    menunggu: int = 0
    menunggu_sejak: datetime | None = None  # the oldest waiting ticket's arrival
    sedang: int = 0
    selesai: int = 0
    tidak_hadir: int = 0

    def tambah(self, status: str, n: int, tertua: datetime | None) -> None:
        if status == S.MENUNGGU:
            self.menunggu += n
            if self.menunggu_sejak is None or tertua < self.menunggu_sejak:
                self.menunggu_sejak = tertua
        elif status in AKTIF_DI_LOKET:
            self.sedang += n
        elif status == S.SELESAI:
            self.selesai += n
        elif status in TIDAK_HADIR:
            self.tidak_hadir += n


@dataclass
class BarisLayanan:
    layanan: Layanan
    angka: Angka = field(default_factory=Angka)


@dataclass
class BarisLoket:
    loket: Loket
    layanan: list[Layanan]
    tiket: Tiket | None = None
    angka: Angka = field(default_factory=Angka)

    @property
    def sejak(self) -> datetime | None:
        """Since when the counter is busy with its ticket: serving since it
        started, else called since its call to this counter."""
        if self.tiket is None:
            return None
        return self.tiket.mulai_pada if self.tiket.status == S.DILAYANI else self.tiket.dipanggil_ke_loket


def isi(sekarang: datetime | None = None, kantor_id: int | None = None, *, boleh_ubah_katalog: bool = True) -> dict:
    """Everything office `kantor_id`'s monitor shows, in five queries, to a
    reader who may (`boleh_ubah_katalog`) or may not change the services."""
    sekarang = sekarang or timezone.now()
    kantor_id = kantor_id or kantor_bawaan()
    hari = timezone.localdate(sekarang)
    layanan = {lay.pk: BarisLayanan(lay) for lay in Layanan.objects.filter(aktif=True)}
    lokets = {
        lk.pk: BarisLoket(lk, list(lk.layanan.all()))
        for lk in Loket.objects.filter(kantor=kantor_id, aktif=True).prefetch_related("layanan")
    }
    total = Angka()
    hitungan = (
        Tiket.objects.filter(kantor=kantor_id, tanggal=hari)
        .values("layanan_id", "loket_id", "status")
        .annotate(n=Count("pk"), tertua=Min("diambil_pada"))
        .order_by()
    )
    for h in hitungan:
        total.tambah(h["status"], h["n"], h["tertua"])
        if h["layanan_id"] in layanan:
            layanan[h["layanan_id"]].angka.tambah(h["status"], h["n"], h["tertua"])
        if h["loket_id"] in lokets:
            lokets[h["loket_id"]].angka.tambah(h["status"], h["n"], h["tertua"])
    aktif = Tiket.objects.filter(kantor=kantor_id, tanggal=hari, status__in=AKTIF_DI_LOKET)
    for t in aktif.select_related("layanan").annotate(dipanggil_ke_loket=_dipanggil_ke_loket()):
        if t.loket_id in lokets:
            lokets[t.loket_id].tiket = t
    keadaan = layar.keadaan(sekarang, kantor_id)
    return {
        **keadaan,
        # After the close the counters still call the numbers taken before it
        # (and appointments), as the display tells those waiting: a free
        # counter is not closed while someone waits for it.
        "masih_dipanggil": not keadaan["buka"] and bool(total.menunggu or total.sedang),
        "sekarang": sekarang,
        "total": total,
        "per_layanan": list(layanan.values()),
        "per_loket": list(lokets.values()),
        "boleh_ubah_katalog": boleh_ubah_katalog,
    }


def render(kantor_id: int | None = None, *, boleh_ubah_katalog: bool = True) -> str:
    konteks = isi(kantor_id=kantor_id, boleh_ubah_katalog=boleh_ubah_katalog)
    return render_to_string("antrian/_monitor_isi.html", konteks)


def fragmen(kantor_id: int | None = None, *, boleh_ubah_katalog: bool = True) -> str:
    # Keyed by language too: a supervisor reading English gets the English copy;
    # and by who reads it: with no service on, a regency office is told to ask the province.
    kantor_id = kantor_id or kantor_bawaan()
    kunci = f"antrian:monitor:{kantor_id}:{get_language()}:{int(boleh_ubah_katalog)}:{layar.tanda_keadaan(kantor_id)}"
    return layar.tersimpan(kunci, lambda: render(kantor_id, boleh_ubah_katalog=boleh_ubah_katalog))
