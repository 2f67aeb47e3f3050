"""The province view: every office's month side by side, and the total.

A fixed number of queries whatever the number of offices (the benchmark
`bench/kantor.py` runs it with 51 and 501): each figure is one query grouped
by office. Each office's compliance equals its own dashboard's, because both
count the same cases (`mutu.Standar.baris`), here grouped, there filtered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from antrian.models import Kunjungan
from penilaian import ikm, mutu
from penilaian.models import Penilaian
from pst_layanan.models import Kantor
from pst_layanan.periode import Bulan
from transaksi.models import Tagihan


@dataclass
class Angka:
    """(cases, within) of one step, with the share within."""

    kasus: int = 0
    dalam: int = 0

    @property
    def persen(self) -> Decimal | None:
        return mutu.persen(self.dalam, self.kasus)


@dataclass
class BarisKantor:
    kantor: Kantor | None  # None: the province's total
    kepatuhan: dict[str, Angka] = field(default_factory=dict)
    ikm: ikm.HasilIKM | None = None
    kunjungan: int = 0
    ditagihkan: Decimal = Decimal(0)
    diterima: Decimal = Decimal(0)

    def kolom_kepatuhan(self) -> list[Angka]:
        return [self.kepatuhan.get(s.kode, Angka()) for s in mutu.STANDAR]


def _per_kantor(qs, kolom: str, **agregat) -> dict[int, dict]:
    """Office id → `agregat` of `qs`, in one grouped query."""
    return {b.pop(kolom): b for b in qs.order_by().values(kolom).annotate(**agregat)}


def data_provinsi(bulan: Bulan) -> dict:
    """Office by office, and the total, for one month."""
    kantor = list(Kantor.objects.order_by("kode"))
    patuh = mutu.kepatuhan_per_kantor(mutu.STANDAR, bulan)
    total_ikm, ikm_per = ikm.ikm_rinci(Penilaian.objects.periode(bulan.mulai, bulan.sampai), "kantor")
    ikm_kantor = dict(ikm_per["kantor"])
    kunjungan = _per_kantor(
        Kunjungan.objects.filter(tiba_pada__gte=bulan.mulai, tiba_pada__lt=bulan.sampai), "kantor", n=Count("pk")
    )
    tagih = _per_kantor(
        Tagihan.objects.ditagihkan().filter(diterbitkan_pada__gte=bulan.mulai, diterbitkan_pada__lt=bulan.sampai),
        "transaksi__kantor",
        j=Sum("jumlah"),
    )
    bayar = _per_kantor(
        Tagihan.objects.filter(status=Tagihan.Status.LUNAS, lunas_pada__gte=bulan.mulai, lunas_pada__lt=bulan.sampai),
        "transaksi__kantor",
        j=Sum("jumlah"),
    )
    total = BarisKantor(None, ikm=total_ikm)
    baris = []
    for k in kantor:
        b = BarisKantor(
            k,
            kepatuhan={kode: Angka(*angka) for kode, angka in patuh.get(k.pk, {}).items()},
            ikm=ikm_kantor.get(k.pk),
            kunjungan=kunjungan.get(k.pk, {}).get("n", 0),
            ditagihkan=tagih.get(k.pk, {}).get("j") or Decimal(0),
            diterima=bayar.get(k.pk, {}).get("j") or Decimal(0),
        )
        for kode, a in b.kepatuhan.items():
            t = total.kepatuhan.setdefault(kode, Angka())
            t.kasus, t.dalam = t.kasus + a.kasus, t.dalam + a.dalam
        total.kunjungan += b.kunjungan
        total.ditagihkan += b.ditagihkan
        total.diterima += b.diterima
        baris.append(b)
    return {"bulan": bulan, "baris": baris, "total": total, "standar": mutu.STANDAR}
