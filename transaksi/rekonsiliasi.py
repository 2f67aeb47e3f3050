"""The treasurer's monthly PNBP reconciliation (rekonsiliasi PNBP): every
invoice issued in the month exactly once with its state, the payments
settled in the month by way of paying (SIMPONI, transfer, cash) with what
identifies each (NTPN, transfer reference, cash receipt number), the refunds
approved in the month, and the totals per state, way of paying, product and
tariff line.

Its two headline figures are the dashboard's, computed by the same rules:
billed = `Tagihan.objects.ditagihkan()` issued in the month, paid = invoices
settled in the month. A refund leaves its invoice paid (the money was
received); it is counted apart, in the month it was approved, and the net
PNBP is paid minus refunded. A fixed number of queries whatever the month's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, CharField, Count, F, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Concat
from django.utils.translation import gettext as _

from pst_layanan.format import tanggal_panjang
from pst_layanan.kantor import di_kantor
from pst_layanan.periode import Bulan
from transaksi.models import (
    BuktiBayar,
    CaraBayar,
    ItemTransaksi,
    Kuitansi,
    Pengembalian,
    Produk,
    Tagihan,
)

NOL = Decimal(0)
KANAL_SIMPONI = CaraBayar.SIMPONI.label


def dengan_pembayaran(qs):
    """Annotate invoices with their accepted payment: `cara_bayar`, `ntpn` and
    `referensi` — the NTPN, the transfer's bank and reference, or the number
    of the treasurer's cash receipt (empty while unpaid)."""
    bukti = BuktiBayar.objects.filter(tagihan=OuterRef("pk"), status=BuktiBayar.Status.DITERIMA)
    transfer = bukti.annotate(r=Concat("bank_pengirim", Value(" "), "nomor_referensi", output_field=CharField()))
    return qs.annotate(
        cara_bayar=Subquery(bukti.values("cara_bayar")[:1]),
        ntpn=Subquery(bukti.values("ntpn")[:1]),
        referensi=Case(
            When(cara_bayar=CaraBayar.TRANSFER, then=Subquery(transfer.values("r")[:1])),
            When(
                cara_bayar=CaraBayar.TUNAI,
                then=Subquery(Kuitansi.objects.filter(tagihan=OuterRef("pk")).values("nomor")[:1]),
            ),
            default=F("ntpn"),
            output_field=CharField(),
        ),
    )


def _terbit(bulan: Bulan, kantor: int | None):
    """The invoices issued in `bulan` at office `kantor` (None: every office)."""
    qs = Tagihan.objects.filter(diterbitkan_pada__gte=bulan.mulai, diterbitkan_pada__lt=bulan.sampai)
    return di_kantor(qs, kantor, "transaksi__kantor")


def tagihan_bulan(bulan: Bulan, kantor: int | None = None):
    """Every invoice issued in `bulan`, oldest first, with its transaction, its
    accepted payment (`dengan_pembayaran`) and whether it counts as billed."""
    dihitung = Tagihan.objects.ditagihkan().filter(pk=OuterRef("pk")).values("pk")[:1]
    return dengan_pembayaran(
        _terbit(bulan, kantor)
        .select_related("transaksi")
        .annotate(dihitung_pk=Subquery(dihitung))
        .order_by("diterbitkan_pada", "pk")
    )


def lunas_bulan(bulan: Bulan, kantor: int | None = None):
    """The invoices settled in `bulan` (whatever month they were issued in)."""
    qs = Tagihan.objects.filter(status=Tagihan.Status.LUNAS, lunas_pada__gte=bulan.mulai, lunas_pada__lt=bulan.sampai)
    return di_kantor(qs, kantor, "transaksi__kantor")


def pembayaran_bulan(bulan: Bulan, kantor: int | None = None):
    """The invoices settled in `bulan` by way of paying, each with what identifies its payment."""
    urutan = Case(*(When(cara_bayar=c, then=Value(i)) for i, c in enumerate(CaraBayar.values)), default=Value(99))
    nama = Case(*(When(cara_bayar=c, then=Value(str(label))) for c, label in CaraBayar.choices), default=Value(""))
    return (
        dengan_pembayaran(lunas_bulan(bulan, kantor).select_related("transaksi"))
        .annotate(urutan_kanal=urutan, nama_kanal=nama)
        .order_by("urutan_kanal", "lunas_pada", "pk")
    )


def pengembalian_bulan(bulan: Bulan, kantor: int | None = None):
    """The refunds approved in `bulan` (processed by the treasurer or not), oldest first."""
    return (
        di_kantor(Pengembalian.objects.disetujui(), kantor, "transaksi__kantor")
        .filter(diputuskan_pada__gte=bulan.mulai, diputuskan_pada__lt=bulan.sampai)
        .select_related("transaksi", "tagihan")
        .order_by("diputuskan_pada", "pk")
    )


@dataclass
class Rekonsiliasi:
    bulan: Bulan
    jumlah_tagihan: int = 0
    nilai_tagihan: Decimal = NOL  # every invoice issued, whatever became of it
    ditagihkan: Decimal = NOL
    diterima: Decimal = NOL
    dikembalikan: Decimal = NOL  # refunds approved in the month
    pengembalian: list[Pengembalian] = field(default_factory=list)
    per_status: list[tuple[str, int, Decimal]] = field(default_factory=list)
    per_kanal: list[tuple[str, int, Decimal]] = field(default_factory=list)
    per_produk: list[tuple[str, int, Decimal]] = field(default_factory=list)
    per_tarif: list[tuple[str, str, int, Decimal]] = field(default_factory=list)

    @property
    def bersih(self) -> Decimal:
        """Net PNBP of the month: received minus refunded."""
        return self.diterima - self.dikembalikan

    @property
    def per_status_total(self) -> Decimal:
        return sum((j for _, _, j in self.per_status), NOL)


def susun(bulan: Bulan, kantor: int | None = None) -> Rekonsiliasi:
    """The month's reconciliation of office `kantor` (None: the province's)."""
    r = Rekonsiliasi(bulan=bulan)
    terbit = _terbit(bulan, kantor)
    status = {
        s: (n, j or NOL) for s, n, j in terbit.order_by().values_list("status").annotate(n=Count("pk"), j=Sum("jumlah"))
    }
    r.per_status = [(str(label), *status.get(s, (0, NOL))) for s, label in Tagihan.Status.choices]
    r.jumlah_tagihan = sum(n for _, n, _ in r.per_status)
    r.nilai_tagihan = r.per_status_total
    r.ditagihkan = Tagihan.objects.ditagihkan().filter(pk__in=terbit).aggregate(j=Sum("jumlah"))["j"] or NOL
    r.diterima = lunas_bulan(bulan, kantor).aggregate(j=Sum("jumlah"))["j"] or NOL
    kanal = {
        c: (n, j)
        for c, n, j in dengan_pembayaran(lunas_bulan(bulan, kantor))
        .order_by()
        .values_list("cara_bayar")
        .annotate(n=Count("pk"), j=Sum("jumlah"))
    }
    r.per_kanal = [(str(CaraBayar(c).label), *kanal[c]) for c in CaraBayar.values if c in kanal]
    r.pengembalian = list(pengembalian_bulan(bulan, kantor))
    r.dikembalikan = sum((p.jumlah for p in r.pengembalian), NOL)
    # Items of the transactions whose standing invoice was issued this month (the billed amount, by product).
    item = ItemTransaksi.objects.dikenakan().filter(
        transaksi__in=Tagihan.objects.ditagihkan().filter(pk__in=terbit).values("transaksi"),
    )
    produk, tarif = _per_produk_dan_tarif(item, Tagihan.objects.ditagihkan().filter(pk__in=terbit))
    # The catalogue's names in the reader's language: a lookup through the
    # item would read the Indonesian column whatever the language.
    nama = {p.pk: p.nama for p in Produk.objects.filter(pk__in=produk)}
    r.per_produk = sorted(((nama[p], n, j) for p, (n, j) in produk.items()), key=lambda b: b[0])
    r.per_tarif = [
        (nama[p], _("%(dasar)s, berlaku %(mulai)s") % {"dasar": dasar, "mulai": tanggal_panjang(mulai)}, n, j)
        # sorted by product, and each product's tariffs in date order
        for (p, mulai, dasar), (n, j) in sorted(tarif.items(), key=lambda b: (nama[b[0][0]], b[0][1]))
    ]
    return r


def _per_produk_dan_tarif(item, ditagihkan) -> tuple[dict, dict]:
    """Count and amount per product and per (product, tariff start, legal
    basis) of the billed invoices' items, at the amounts each invoice billed
    (`Tagihan.item_terbit`): items corrected since their invoice was issued
    still add up to the billed figure. An invoice from before that record was
    kept counts its items' current amounts."""
    ditagih = {}
    for t_id, rekam in ditagihkan.values_list("transaksi", "item_terbit"):
        if rekam:
            ditagih[t_id] = {b["item"]: Decimal(b["subtotal"]) for b in rekam}
    produk, tarif = {}, {}
    kolom = ("pk", "transaksi", "produk", "tarif__berlaku_mulai", "tarif__dasar_hukum", "subtotal")
    for pk, t_id, p, mulai, dasar, subtotal in item.order_by().values_list(*kolom):
        jumlah = ditagih[t_id].get(pk) if t_id in ditagih else subtotal
        if jumlah is None:  # not on the invoice that counts
            continue
        for tabel, kunci in ((produk, p), (tarif, (p, mulai, dasar))):
            n, j = tabel.get(kunci, (0, NOL))
            tabel[kunci] = (n + 1, j + jumlah)
    return produk, tarif
