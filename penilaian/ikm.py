"""The public-service satisfaction index (IKM, PermenPANRB 14/2017).

Per element:  NRR = sum of scores / respondents          (1–4)
Index:        IKM = Σ (NRR × 1/9) × 25                    (25–100)

Arithmetic is Decimal throughout. Rounding rule: the index is computed
exactly, from the score total in one division (not by adding NRRs already
cut to 28 digits); NRRs are shown rounded to 3 decimals, weighted NRRs to 4 (the
index's own precision on the 1–4 scale: the shown ones may still add up to a
few ten-thousandths off the index, which sums the exact values); the IKM is rounded HALF-UP to
2 decimals, and the quality band is decided on that rounded value — so the
regulation's bands, written with 2 decimals and no gaps between them
(…64,99 | 65,00…, …76,60 | 76,61…, …88,30 | 88,31…), cover every result.

One function, `hitung_ikm`, computes it for any queryset of ratings (a
period, a channel, a service) with ONE aggregate query; `ikm_per` does the
same per group (channel, service, month) with one grouped query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from penilaian.models import Penilaian
from penilaian.skm import UNSUR, Unsur
from pst_layanan.format import bulat

SEMBILAN = Decimal(len(UNSUR))
KONVERSI = Decimal(25)


@dataclass(frozen=True)
class Mutu:
    huruf: str
    kinerja: str
    bawah: Decimal  # lowest IKM (2 decimals) of the band


# Highest band first; `predikat` takes the first whose lower bound is reached.
MUTU: tuple[Mutu, ...] = (
    Mutu("A", _("Sangat Baik"), Decimal("88.31")),
    Mutu("B", _("Baik"), Decimal("76.61")),
    Mutu("C", _("Kurang Baik"), Decimal("65.00")),
    Mutu("D", _("Tidak Baik"), Decimal("25.00")),
)


def bulatkan_ikm(nilai: Decimal) -> Decimal:
    return bulat(nilai, 2)


def predikat(ikm: Decimal) -> Mutu:
    """The band of an IKM value, decided on the value rounded to 2 decimals."""
    ikm = bulatkan_ikm(Decimal(ikm))
    for mutu in MUTU:
        if ikm >= mutu.bawah:
            return mutu
    raise ValueError(f"IKM {ikm} di bawah skala 25–100")


@dataclass(frozen=True)
class NilaiUnsur:
    unsur: Unsur
    jumlah: int  # sum of scores
    nrr: Decimal  # exact

    @property
    def nrr_tampil(self) -> Decimal:
        return bulat(self.nrr, 3)

    @property
    def nrr_tertimbang(self) -> Decimal:
        return bulat(self.nrr / SEMBILAN, 4)

    @property
    def ikm_unsur(self) -> Decimal:
        """The element on the 25–100 scale (NRR × 25), for the per-element chart."""
        return bulatkan_ikm(self.nrr * KONVERSI)


@dataclass(frozen=True)
class HasilIKM:
    responden: int
    unsur: tuple[NilaiUnsur, ...] = field(default=())
    ikm_tepat: Decimal | None = None  # unrounded

    @property
    def ada(self) -> bool:
        return self.responden > 0

    @property
    def ikm(self) -> Decimal | None:
        return None if self.ikm_tepat is None else bulatkan_ikm(self.ikm_tepat)

    @property
    def mutu(self) -> Mutu | None:
        return None if self.ikm_tepat is None else predikat(self.ikm_tepat)

    def sebagai_data(self) -> dict:
        return {
            "responden": self.responden,
            "ikm": None if self.ikm is None else str(self.ikm),
            "mutu": self.mutu.huruf if self.mutu else None,
            "kinerja": str(self.mutu.kinerja) if self.mutu else None,
            "unsur": [
                {"kode": n.unsur.kode, "nama": str(n.unsur.nama), "nrr": str(n.nrr_tampil), "ikm": str(n.ikm_unsur)}
                for n in self.unsur
            ],
        }


def _agregat() -> dict:
    return {"responden": Count("pk"), **{f"jumlah_{u.kolom}": Sum(u.kolom) for u in UNSUR}}


def dari_jumlah(responden: int, jumlah: dict[str, int | None]) -> HasilIKM:
    """The index from the aggregate row: respondents and the sum per element."""
    if not responden:
        return HasilIKM(responden=0)
    n = Decimal(responden)
    nilai = tuple(
        NilaiUnsur(u, int(jumlah[f"jumlah_{u.kolom}"]), Decimal(jumlah[f"jumlah_{u.kolom}"]) / n) for u in UNSUR
    )
    # Σ (NRR × 1/9) × 25 = 25 × Σ scores / (9 × respondents), in ONE division: the
    # NRRs of, say, 24 respondents are repeating decimals, and adding nine of them
    # cut at 28 digits put an index of exactly 78.125 at 78.12499…, rounded down.
    total = sum(x.jumlah for x in nilai)
    ikm = Decimal(total) * KONVERSI / (SEMBILAN * n)
    return HasilIKM(responden=responden, unsur=nilai, ikm_tepat=ikm)


def hitung_ikm(penilaian: QuerySet | None = None, *, dari=None, sampai=None, kanal=None, layanan=None) -> HasilIKM:
    """IKM of the ratings in `penilaian` (default: all), optionally of those
    submitted in [dari, sampai), through a channel, for a service. One query."""
    qs = (Penilaian.objects.all() if penilaian is None else penilaian).periode(dari, sampai)
    if kanal:
        qs = qs.filter(kanal=kanal)
    if layanan:
        qs = qs.filter(layanan=layanan)
    baris = qs.order_by().aggregate(**_agregat())
    return dari_jumlah(baris.pop("responden"), baris)


def ikm_per(penilaian: QuerySet, kelompok: str) -> list[tuple[object, HasilIKM]]:
    """IKM per value of `kelompok` (a field or annotation, e.g. "kanal",
    "layanan__nama"), in one grouped query, ordered by the group value."""
    baris = penilaian.order_by().values(kelompok).annotate(**_agregat()).order_by(kelompok)
    return [(b.pop(kelompok), dari_jumlah(b.pop("responden"), b)) for b in baris]


def ikm_rinci(penilaian: QuerySet, *kelompok: str) -> tuple[HasilIKM, dict[str, list[tuple[object, HasilIKM]]]]:
    """The index overall and per value of each of `kelompok`, as `hitung_ikm`
    and `ikm_per` give them, from ONE query grouped by all of `kelompok`:
    respondents and score sums add up, so the coarser results are sums of
    the finer groups (the NRR and IKM are then computed from the sums)."""
    kolom = ["responden", *(f"jumlah_{u.kolom}" for u in UNSUR)]
    total = dict.fromkeys(kolom, 0)
    per: dict[str, dict] = {k: {} for k in kelompok}
    for b in penilaian.order_by().values(*kelompok).annotate(**_agregat()):
        for k in kolom:
            total[k] += b[k] or 0
        for g in kelompok:
            jumlah = per[g].setdefault(b[g], dict.fromkeys(kolom, 0))
            for k in kolom:
                jumlah[k] += b[k] or 0
    hasil = {
        g: [
            (v, dari_jumlah(j.pop("responden"), j))
            for v, j in sorted(per[g].items(), key=lambda x: (x[0] is None, x[0] if x[0] is not None else ""))
        ]
        for g in kelompok
    }
    return dari_jumlah(total.pop("responden"), total), hasil
