"""Chart data for the supervisor: each function returns ONE structure that
feeds both the Chart.js canvas (through json_script or the JSON endpoint) and
the accessible table under it. A fixed, small number of aggregate queries
each; nothing is looped over in Python except the buckets (days, months).
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, ExpressionWrapper, F, FloatField, Sum, Value
from django.db.models.functions import Coalesce, Greatest, TruncDate, TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from antrian.models import Kanal, Kunjungan, Tiket
from penilaian import ikm as ikm_mod
from penilaian import mutu
from penilaian.models import Penilaian
from penilaian.statistik import DetikAntara, Persentil, gabung, tahun_bulan
from pst_layanan.format import bulat
from pst_layanan.kantor import di_kantor
from pst_layanan.periode import Bulan, bulan_bulan
from transaksi.models import Tagihan

JUMLAH_BULAN_TREN = 12


def _grafik(judul: str, jenis: str, label: list[str], seri: list[dict], satuan: str = "", bulat: bool = False) -> dict:
    """`bulat`: the values are counts, so the axis ticks are whole numbers.
    `kosong`: not one value to draw (no rating, no case of an SOP step, no
    waiting time), so the page says so instead of an empty chart; a count
    of 0 is a value."""
    kosong = all(x is None for s in seri for x in s["data"])
    return {
        "judul": judul,
        "jenis": jenis,
        "label": label,
        "seri": seri,
        "satuan": satuan,
        "bulat": bulat,
        "kosong": kosong,
    }


def _hari_bulan(bulan: Bulan) -> list:
    return [bulan.hari_pertama.replace(day=d) for d in range(1, bulan.hari_terakhir.day + 1)]


def kunjungan_bulan(bulan: Bulan, kantor: int | None = None):
    """The month's visits (of office `kantor`, or all), with their office day (`hari`) for grouping."""
    qs = Kunjungan.objects.filter(tiba_pada__gte=bulan.mulai, tiba_pada__lt=bulan.sampai)
    return di_kantor(qs, kantor).annotate(hari=TruncDate("tiba_pada"))


def kunjungan_per_hari(bulan: Bulan, jumlah: dict | None = None, kantor: int | None = None) -> dict:
    """Visits per day and channel; `jumlah` {(day, channel): visits} when the
    caller counted them already (the dashboard, with its guest-book counts)."""
    if jumlah is None:
        baris = kunjungan_bulan(bulan, kantor).order_by().values("hari", "kanal").annotate(n=Count("pk"))
        jumlah = {(b["hari"], b["kanal"]): b["n"] for b in baris}
    hari = _hari_bulan(bulan)
    seri = [{"nama": label, "data": [jumlah.get((h, kanal), 0) for h in hari]} for kanal, label in Kanal.choices]
    return _grafik(
        _("Kunjungan per hari, %(bulan)s") % {"bulan": bulan.nama},
        "bar",
        [f"{h.day}" for h in hari],
        seri,
        # The axis counts visits: plural in English, unlike the model's name "kunjungan".
        pgettext("satuan grafik", "kunjungan"),
        bulat=True,
    )


def _detik_menunggu():
    """`Tiket.lama_menunggu` in SQL: issued → first called, less the part of an
    early-checked-in appointment's wait before it starts going first (its
    booked time minus its office's margin), never below 0."""
    margin = ExpressionWrapper(F("kantor__margin_janji_menit") * 60.0, output_field=FloatField())
    sebelum_giliran = Coalesce(
        Greatest(Value(0.0), DetikAntara(F("diambil_pada"), F("janji_pada")) - margin), Value(0.0)
    )
    return Greatest(Value(0.0), DetikAntara(F("diambil_pada"), F("dipanggil_pada")) - sebelum_giliran)


def waktu_tunggu(bulan: Bulan, kantor: int | None = None) -> dict:
    """Queue waiting time (ticket issued → first called, `Tiket.lama_menunggu`),
    minutes, per office day."""
    detik = _detik_menunggu()
    tiket = Tiket.objects.filter(
        tanggal__gte=bulan.hari_pertama, tanggal__lte=bulan.hari_terakhir, dipanggil_pada__isnull=False
    )
    baris = (
        di_kantor(tiket, kantor)
        .order_by()
        .values("tanggal")
        .annotate(median=Persentil(detik, 0.5), p90=Persentil(detik, 0.9))
    )
    per_hari = {b["tanggal"]: b for b in baris}
    hari = _hari_bulan(bulan)

    def menit(h, kunci):
        b = per_hari.get(h)
        return None if b is None or b[kunci] is None else float(bulat(b[kunci] / 60))

    seri = [
        {"nama": _("Median"), "data": [menit(h, "median") for h in hari]},
        {"nama": _("Persentil ke-90"), "data": [menit(h, "p90") for h in hari]},
    ]
    judul = _("Waktu tunggu antrean, %(bulan)s") % {"bulan": bulan.nama}
    return _grafik(judul, "line", [f"{h.day}" for h in hari], seri, _("menit"))


def kepatuhan_per_bulan(akhir: Bulan, kantor: int | None = None) -> dict:
    daftar = bulan_bulan(akhir, JUMLAH_BULAN_TREN)
    tren = mutu.tren_kepatuhan(akhir, JUMLAH_BULAN_TREN, kantor)
    seri = [
        {"nama": f"{s.langkah} {s.nama}", "data": [None if x is None else float(x) for x in tren[s.kode]]}
        for s in mutu.STANDAR
    ]
    # The chart script reads a unit starting with "%" as a percentage (axis to 100).
    # xgettext:no-python-format
    satuan = _("% sesuai standar")
    return _grafik(_("Kepatuhan SOP per bulan"), "line", [b.nama_pendek for b in daftar], seri, satuan)


def ikm_per_unsur(bulan: Bulan, hasil: ikm_mod.HasilIKM | None = None, kantor: int | None = None) -> dict:
    hasil = hasil or ikm_mod.hitung_ikm(
        di_kantor(Penilaian.objects.all(), kantor), dari=bulan.mulai, sampai=bulan.sampai
    )
    label = [f"{n.unsur.kode} {n.unsur.nama}" for n in hasil.unsur]
    seri = [{"nama": _("Nilai unsur (25–100)"), "data": [float(n.ikm_unsur) for n in hasil.unsur]}]
    # "25–100" in the unit sets the chart's axis to the IKM scale.
    judul = _("IKM per unsur, %(bulan)s") % {"bulan": bulan.nama}
    return _grafik(judul, "bar", label, seri, _("nilai, skala 25–100"))


def pnbp_bulanan(dari, sampai, kantor: int | None = None) -> dict:
    """PNBP billed and paid per month in [dari, sampai) as {month: (billed, paid)}.

    From the invoices: billed = the invoices that stand
    (`Tagihan.objects.ditagihkan`: one per transaction, never a void,
    replaced or cancelled one) by issue month, paid = invoices settled, by
    settlement month.
    """
    tagih = Tagihan.objects.ditagihkan().filter(diterbitkan_pada__gte=dari, diterbitkan_pada__lt=sampai)
    bayar = Tagihan.objects.filter(status=Tagihan.Status.LUNAS, lunas_pada__gte=dari, lunas_pada__lt=sampai)
    tagih, bayar = di_kantor(tagih, kantor, "transaksi__kantor"), di_kantor(bayar, kantor, "transaksi__kantor")
    baris = gabung(
        [
            tahun_bulan(qs.order_by().annotate(bulan=TruncMonth(kolom)))
            .annotate(_i=Value(indeks))
            .values("_i", "_tahun", "_bulan")
            .annotate(j=Sum("jumlah"))
            for indeks, (qs, kolom) in enumerate(((tagih, "diterbitkan_pada"), (bayar, "lunas_pada")))
        ],
        ["_i", "_tahun", "_bulan", "j"],
    )
    hasil: dict[Bulan, list[Decimal]] = {}
    for b in baris:
        hasil.setdefault(Bulan(b["_tahun"], b["_bulan"]), [Decimal(0), Decimal(0)])[b["_i"]] = b["j"] or Decimal(0)
    return {k: tuple(v) for k, v in hasil.items()}


def pnbp_per_bulan(akhir: Bulan, kantor: int | None = None) -> dict:
    daftar = bulan_bulan(akhir, JUMLAH_BULAN_TREN)
    angka = pnbp_bulanan(daftar[0].mulai, akhir.sampai, kantor)
    nol = (Decimal(0), Decimal(0))
    seri = [
        {"nama": _("Ditagihkan"), "data": [int(angka.get(b, nol)[0]) for b in daftar]},
        {"nama": _("Diterima"), "data": [int(angka.get(b, nol)[1]) for b in daftar]},
    ]
    return _grafik(_("PNBP per bulan"), "bar", [b.nama_pendek for b in daftar], seri, _("rupiah"))


GRAFIK = {
    "kunjungan": kunjungan_per_hari,
    "tunggu": waktu_tunggu,
    "kepatuhan": kepatuhan_per_bulan,
    "ikm": ikm_per_unsur,
    "pnbp": pnbp_per_bulan,
}
