"""The SKM recapitulation of one month in the shape PermenPANRB 14/2017
prescribes: respondents by profile, NRR and weighted NRR (× 1/9) per element,
the index, its conversion (× 25) and quality band, the period, and the
supervisor's improvement plan. One builder (`susun`) for the page, the XLSX
and the monthly e-mail; the index itself comes from `penilaian.ikm`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from antrian.models import Layanan
from penilaian import ikm
from penilaian.models import PROFIL_RESPONDEN, Penilaian, RencanaTindakLanjut
from penilaian.skm import UNSUR
from pst_layanan.ekspor import tulis_lembar
from pst_layanan.format import bulat
from pst_layanan.kantor import di_kantor, nama_cakupan
from pst_layanan.periode import Bulan


@dataclass(frozen=True)
class BarisProfil:
    kode: str  # "" = not answered
    label: str
    jumlah: int
    persen: Decimal | None


@dataclass(frozen=True)
class Profil:
    kolom: str
    judul: str
    baris: tuple[BarisProfil, ...]


@dataclass(frozen=True)
class RekapSKM:
    bulan: Bulan
    hasil: ikm.HasilIKM
    profil: tuple[Profil, ...]
    rencana: RencanaTindakLanjut | None
    kantor: int | None = None  # the office recapitulated; None: every office

    @property
    def unit(self) -> str:
        return nama_cakupan(self.kantor)

    @property
    def indeks(self) -> Decimal | None:
        """Σ weighted NRR on the 1–4 scale (the IKM before the × 25 conversion)."""
        if self.hasil.ikm_tepat is None:
            return None
        return bulat(self.hasil.ikm_tepat / ikm.KONVERSI, 4)

    @property
    def catatan_pembulatan(self) -> str:
        """Why the index is not the sum of the weighted NRRs shown, when it is
        not (each is rounded; the index sums the exact values): a note under
        the table of the page and of the spreadsheet. Empty when they agree."""
        if self.indeks is None or sum(n.nrr_tertimbang for n in self.hasil.unsur) == self.indeks:
            return ""
        return _(
            "Indeks dijumlahkan dari NRR tertimbang yang belum dibulatkan, sehingga dapat sedikit berbeda "
            "dari jumlah NRR tertimbang yang ditampilkan."
        )


def _kunci(kolom: str, kode: str) -> str:
    return f"{kolom}__{kode or 'kosong'}"


def _hitung_profil(penilaian) -> tuple[Profil, ...]:
    """Every answered profile count in ONE aggregate query (conditional
    counts), and the service rated (the profile's "jenis layanan yang
    diterima", recorded from the visit or transaction, not asked) in one more."""
    agregat = {
        _kunci(kolom, kode): Count("pk", filter=Q(**{kolom: kode}))
        for kolom, _label, pilihan in PROFIL_RESPONDEN
        for kode in ["", *pilihan.values]
    }
    jumlah = penilaian.order_by().aggregate(
        total=Count("pk"), tanpa_layanan=Count("pk", filter=Q(layanan__isnull=True)), **agregat
    )
    total = jumlah.pop("total")

    def persen(n):
        return bulat(Decimal(100) * n / total, 2) if total else None

    hasil = []
    for kolom, label, pilihan in PROFIL_RESPONDEN:
        baris = [
            BarisProfil(k, str(lbl), jumlah[_kunci(kolom, k)], persen(jumlah[_kunci(kolom, k)]))
            for k, lbl in pilihan.choices
        ]
        kosong = jumlah[_kunci(kolom, "")]
        baris.append(BarisProfil("", str(_("Tidak menjawab")), kosong, persen(kosong)))
        hasil.append(Profil(kolom, str(label), tuple(baris)))
    # Every service a visitor can queue for, and one since closed that was rated in the period.
    dinilai = penilaian.filter(layanan=OuterRef("pk")).order_by().values("layanan").annotate(n=Count("pk"))
    layanan = Layanan.objects.annotate(n=Coalesce(Subquery(dinilai.values("n")), 0)).filter(Q(aktif=True) | Q(n__gt=0))
    baris = [BarisProfil(lay.kode, str(lay.nama), lay.n, persen(lay.n)) for lay in layanan]
    if tanpa := jumlah["tanpa_layanan"]:
        baris.append(BarisProfil("", str(_("Tidak tercatat")), tanpa, persen(tanpa)))
    hasil.append(Profil("layanan", str(_("Jenis layanan yang diterima")), tuple(baris)))
    return tuple(hasil)


def susun(bulan: Bulan, kantor: int | None = None) -> RekapSKM:
    """The month's recapitulation (ratings submitted in the month, WIB) of
    office `kantor` (None: every office), with that recapitulation's own
    improvement plan: four queries."""
    penilaian = di_kantor(Penilaian.objects.periode(bulan.mulai, bulan.sampai), kantor)
    return RekapSKM(
        bulan=bulan,
        hasil=ikm.hitung_ikm(penilaian),
        profil=_hitung_profil(penilaian),
        rencana=RencanaTindakLanjut.objects.filter(bulan=bulan.hari_pertama, kantor=kantor).first(),
        kantor=kantor,
    )


# --- the spreadsheet (the regulation's tables) -----------------------------------------


def _lembar_profil(wb, r: RekapSKM) -> None:
    ws = wb.active
    ws.title = _("Profil responden")
    tulis_lembar(ws, [_("Karakteristik"), _("Kategori"), pgettext("cacah", "Jumlah"), _("Persen (%)")], [])
    for p in r.profil:
        tulis_lembar(ws, [p.judul, "", "", ""], [[p.judul, b.label, b.jumlah, _angka(b.persen)] for b in p.baris])
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 28


def _angka(nilai: Decimal | None):
    return None if nilai is None else float(nilai)


def _lembar_rekap(wb, r: RekapSKM) -> None:
    ws = wb.create_sheet(_("Rekapitulasi IKM"))
    h = r.hasil
    # Named inside too: the file may be forwarded without its name.
    tulis_lembar(
        ws, [_("Unit pelayanan"), r.unit], [[_("Periode survei"), r.bulan.nama], [_("Jumlah responden"), h.responden]]
    )
    tulis_lembar(
        ws,
        [_("Kode"), _("Unsur pelayanan"), _("Jumlah nilai"), _("NRR"), _("Bobot"), _("NRR tertimbang")],
        [
            [n.unsur.kode, str(n.unsur.nama), n.jumlah, float(n.nrr_tampil), "1/9", float(n.nrr_tertimbang)]
            for n in h.unsur
        ],
    )
    ringkas = [
        [_("Indeks (Σ NRR tertimbang, 1–4)"), _angka(r.indeks)],
        *([[r.catatan_pembulatan]] if r.catatan_pembulatan else []),
        [_("IKM unit pelayanan (konversi × 25)"), _angka(h.ikm)],
        [_("Mutu pelayanan"), f"{h.mutu.huruf} ({h.mutu.kinerja})" if h.mutu else "–"],
        [_("Rencana tindak lanjut"), r.rencana.isi if r.rencana else ""],
    ]
    tulis_lembar(ws, ["", ""], ringkas)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 44


def _lembar_data(wb, bulan: Bulan, kantor: int | None) -> None:
    """The regulation's processing table: one row per respondent, U1–U9 (no names)."""
    ws = wb.create_sheet(_("Data responden"))
    kolom = [u.kolom for u in UNSUR]
    penilaian = di_kantor(Penilaian.objects.periode(bulan.mulai, bulan.sampai), kantor)
    baris = penilaian.order_by("dikirim_pada", "pk").values_list(*kolom)
    tulis_lembar(
        ws,
        [pgettext("nomor urut", "No"), *(u.kode for u in UNSUR)],
        ([i, *b] for i, b in enumerate(baris.iterator(), start=1)),
    )


def sebagai_xlsx(r: RekapSKM) -> bytes:
    from openpyxl import Workbook  # heavy; only the spreadsheet needs it

    wb = Workbook()
    _lembar_profil(wb, r)
    _lembar_rekap(wb, r)
    _lembar_data(wb, r.bulan, r.kantor)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
