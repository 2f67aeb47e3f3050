"""The read side of transactions: what pages, e-mails and services look up
without changing anything — tariffs in force, required documents, the
officers' worklist (one computation for the completeness-check list and the
deadline board), and the payment panels' summary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antrian.models import JanjiTemu, Kunjungan
from pst_layanan import kalender
from pst_layanan.format import lama, lama_malas, waktu_panjang_malas
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor, kantor_petugas, untuk_petugas
from pst_layanan.models import Kantor, KategoriInstansi, cocok_nama, kantor_bawaan
from pst_layanan.roles import PENGAWAS_PROVINSI, PETUGAS, peran_mencakup
from transaksi import alur
from transaksi import jam as jam_sop
from transaksi.models import (
    JAM_BERJALAN,
    STATUS_BUKAN_PAPAN,
    BerkasProduk,
    BuktiBayar,
    CaraBayar,
    DokumenPersyaratan,
    Jam,
    JenisDokumen,
    KelasHarga,
    Kuitansi,
    Pengembalian,
    Produk,
    RiwayatTransaksi,
    SerahTerima,
    Status,
    Tagihan,
    TarifProduk,
    Transaksi,
)

# --- tariffs ---------------------------------------------------------------------------


def langkah_berikutnya(t: Transaksi, status: str | None = None) -> str:
    """The visitor's next step in `status` (the transaction's own by default).
    Paying asks for an NTPN only where the office takes SIMPONI payments
    alone: elsewhere the NTPN is one way among those its payment page lists,
    or none of them."""
    status = status or t.status
    # The page and the e-mail of the move say the same: the status alone
    # would ask to pay an expired invoice, or say the officer is invoicing
    # while the items wait for the visitor's correction.
    if status == Status.MENUNGGU_TAGIHAN and menunggu_koreksi_pemohon(t):
        return alur.LANGKAH_KOREKSI_ITEM
    if status == Status.MENUNGGU_PEMBAYARAN and tagihan_kedaluwarsa_belum_diganti(t):
        return alur.LANGKAH_TAGIHAN_KEDALUWARSA
    if status == Status.MENUNGGU_PEMBAYARAN and not kantor(t.kantor_id).hanya_simponi:
        return alur.LANGKAH_BAYAR_PILIHAN
    return alur.LANGKAH_BERIKUTNYA[status]


def catatan_perbaikan(t: Transaksi) -> str:
    """The officer's note of the send-back the visitor is fixing now (empty
    in any other status). A general note (a document without an upload box,
    something to add) is written nowhere else on the visitor's page but the
    history's foot, while their next step says to fix things as it says."""
    if t.status != Status.PERLU_PERBAIKAN:
        return ""
    baris = t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.STATUS, ke=Status.PERLU_PERBAIKAN).order_by("-waktu", "-pk")
    return baris.values_list("catatan", flat=True).first() or ""


def tagihan_kedaluwarsa(t: Transaksi) -> Tagihan | None:
    """The latest invoice still standing (a voided one is none: its
    replacement may have been voided by a proof of the expired one) when it
    expired unpaid, marked by the job or past its expiry before the job's
    run: the one a new invoice replaces. None when there is none to replace."""
    terakhir = t.tagihan.exclude(status=Tagihan.Status.BATAL).order_by("-pk").first()
    if terakhir is not None and (
        terakhir.status == Tagihan.Status.KEDALUWARSA
        or (terakhir.status == Tagihan.Status.AKTIF and terakhir.lewat_masa_berlaku)
    ):
        return terakhir
    return None


def tagihan_kedaluwarsa_belum_diganti(t: Transaksi) -> bool:
    """The latest invoice expired unpaid and no new one has been issued yet."""
    return tagihan_kedaluwarsa(t) is not None


def tarif_berlaku(produk: Produk, pada: datetime | None = None) -> TarifProduk:
    """The tariff of `produk` in force at `pada` (now)."""
    tarif = TarifProduk.objects.berlaku(pada).filter(produk=produk).select_related("produk").first()
    if tarif is None:
        raise ValidationError(_("Tarif untuk %(produk)s belum ditetapkan.") % {"produk": produk})
    return tarif


def tarif_berlaku_semua() -> dict[int, TarifProduk]:
    """The tariff in force for every product, in one query."""
    hasil: dict[int, TarifProduk] = {}
    for tarif in TarifProduk.objects.berlaku().select_related("produk"):
        hasil.setdefault(tarif.produk_id, tarif)
    return hasil


# --- required documents ------------------------------------------------------------------


def dokumen_wajib(t: Transaksi) -> list[JenisDokumen]:
    """Kinds of document this transaction needs, in display order."""
    K = JenisDokumen.Kondisi
    jenis = {j.pk: j for j in JenisDokumen.objects.filter(produk__in=t.item.values("produk")).distinct()}
    syarat = []
    # The NPWP is the private-sector buyer's: a request of free products only buys nothing.
    if (
        t.pemohon.kategori_instansi == KategoriInstansi.SWASTA
        and t.item.filter(kelas_harga=KelasHarga.BERBAYAR).exists()
    ):
        syarat.append(K.SWASTA)
    if t.kelas_harga == KelasHarga.NOL_RUPIAH:
        syarat.append(K.NOL_RUPIAH)
    jenis.update({j.pk: j for j in JenisDokumen.objects.filter(kondisi__in=syarat)})
    return sorted(jenis.values(), key=lambda j: (j.urutan, j.nama))


def dokumen_kurang(t: Transaksi) -> list[JenisDokumen]:
    ada = set(t.dokumen.aktif().values_list("jenis_id", flat=True))
    return [j for j in dokumen_wajib(t) if j.pk not in ada]


def dokumen_perlu_diganti(dokumen: Iterable[DokumenPersyaratan], wajib: list[JenisDokumen]) -> list[JenisDokumen]:
    """Required kinds whose current file the officer sent back and the visitor has not
    replaced yet. A kind no longer required (the Rp0 request withdrawn) has no upload box
    on the page, so it cannot hold the transaction back."""
    perlu = {j.pk for j in wajib}
    return [d.jenis for d in dokumen if d.perlu_diganti and d.jenis_id in perlu]


# --- the officers' worklist ------------------------------------------------------------

# Not on the officers' lists unless asked for by status: the visitor's unsent
# drafts and closed transactions (`STATUS_BUKAN_PAPAN`, beside the index it matches).


def sudah_lewat(now: datetime) -> Q:
    """A clock past its deadline (the board's "overdue"): running, or paused
    after its deadline had passed, which keeps it (the breach stands; a
    paused clock with days left stores none)."""
    return ~Q(jam=Jam.TIDAK_ADA) & Q(batas_waktu__lt=now)


def lewat_hari_ini(now: datetime) -> Q:
    """A running clock whose deadline comes later today."""
    besok = kalender.tengah_malam(now.astimezone(WIB).date() + timedelta(days=1))
    return JAM_BERJALAN & Q(batas_waktu__gte=now, batas_waktu__lt=besok)


def petugas_tanpa_peran() -> Q:
    """A transaction whose officer no longer holds an officer's role (moved to
    the desk or the treasury: `peran_wajib(PETUGAS)` now refuses them its pages)."""
    berperan = Q(petugas__is_superuser=True) | Exists(
        Group.objects.filter(user=OuterRef("petugas"), name__in=peran_mencakup(PETUGAS))
    )
    return Q(petugas__isnull=False) & ~berperan


def petugas_pergi() -> Q:
    """A transaction whose officer no longer works at its office: their account
    was closed, they were moved to another office (assigned to it, or — at
    the provincial office — to none, `pegawai_kantor`), or their officer's
    role was taken (`petugas_tanpa_peran`). They can no longer open it, so it
    waits for a colleague to take it over (its e-mails already go to the whole
    office, `services.masih_bertugas`)."""
    penugasan = get_user_model().kantor.through.objects.filter(pengguna=OuterRef("petugas"))
    di_kantornya = Exists(penugasan.filter(kantor=OuterRef("kantor")))
    tanpa_kantor = ~Exists(penugasan) & Q(kantor=kantor_bawaan())
    # The province supervisor (and a superuser) works in every office, assigned to none.
    di_semua_kantor = Q(petugas__is_superuser=True) | Exists(
        Group.objects.filter(user=OuterRef("petugas"), name=PENGAWAS_PROVINSI)
    )
    bertugas = di_kantornya | tanpa_kantor | di_semua_kantor
    pergi = Q(petugas__isnull=False) & (Q(petugas__is_active=False) | ~bertugas)
    return pergi | petugas_tanpa_peran()


def tidak_dipegang() -> Q:
    """Work nobody holds: no officer yet, or one gone from its office (`petugas_pergi`)."""
    return Q(petugas__isnull=True) | petugas_pergi()


def _tanda_petugas(qs: QuerySet[Transaksi]) -> QuerySet[Transaksi]:
    """`petugas_pergi` and `petugas_tanpa_peran` on each row (the mark beside the officer's name)."""
    return qs.annotate(
        petugas_pergi=ExpressionWrapper(petugas_pergi(), output_field=BooleanField()),
        petugas_tanpa_peran=ExpressionWrapper(petugas_tanpa_peran(), output_field=BooleanField()),
    )


def tandai_petugas_pergi(t: Transaksi) -> Transaksi:
    """`t` with `petugas_pergi` and `petugas_tanpa_peran` set, as `daftar_kerja`
    marks its rows (a page of one transaction)."""
    t.petugas_pergi = t.petugas_tanpa_peran = False
    if t.petugas_id:
        tanda = _tanda_petugas(Transaksi.objects.filter(pk=t.pk)).values_list("petugas_pergi", "petugas_tanpa_peran")
        t.petugas_pergi, t.petugas_tanpa_peran = tanda.get()
    return t


def daftar_kerja(
    user,
    *,
    saya: bool = False,
    tanpa_petugas: bool = False,
    terlambat: bool = False,
    hari_ini: bool = False,
    status: str = "",
    jam: str | None = None,
    cari: str = "",
    now: datetime | None = None,
) -> QuerySet[Transaksi]:
    """What is on the plate of `user`'s offices, in their order: the office's turn
    first, then the nearest deadline, then the oldest submission.

    Without `status`, every submitted transaction still open; `jam=""` asks
    for those without a running clock (the visitor's turn); `cari`, a piece
    of the number or of the visitor's name (what a visitor reads out on the
    phone), among closed transactions too."""
    now = now or timezone.now()
    qs = untuk_petugas(Transaksi.objects.select_related("pemohon", "petugas").dengan_giliran(), user)
    if status:
        qs = qs.filter(status=status)
    elif cari.strip():  # a number read out on the phone may be of a closed one
        qs = qs.exclude(status=Status.DRAF)
    else:
        qs = qs.exclude(status__in=STATUS_BUKAN_PAPAN)
    if saya:
        qs = qs.filter(petugas=user)
    qs = _tanda_petugas(qs)
    if tanpa_petugas:
        qs = qs.filter(tidak_dipegang())
    if terlambat:
        qs = qs.filter(sudah_lewat(now))
    if hari_ini:
        qs = qs.filter(lewat_hari_ini(now))
    if jam is not None:
        qs = qs.filter(jam=jam)
    if cari := cari.strip():
        # A number read out on the phone is typed as heard, with spaces for its
        # dashes ("PST 1700 2026 000001"): the same number.
        nomor = re.sub(r"[\s-]+", "-", cari)
        qs = qs.filter(Q(nomor__icontains=nomor) | cocok_nama("pemohon__nama_lengkap", cari))
    return qs.urut_giliran()


def pengunjung_untuk_petugas(user) -> QuerySet:
    """The visitors `user`'s offices have dealt with: a transaction, a visit
    (a ticket is always its visit's office's) or an appointment there. A
    visitor known only to another office is none of this officer's business."""
    qs = get_user_model().objects.filter(is_staff=False)
    if kantor_petugas(user) is None:
        return qs
    return qs.filter(urusan_kantor(lambda urusan: untuk_petugas(urusan, user)))


def urusan_kantor(saring=lambda urusan: urusan) -> Q:
    """Visitors with a transaction, a visit or an appointment that `saring`
    keeps (every office's, unless it narrows them)."""

    def ada(model, kolom):
        return Exists(saring(model.objects.filter(**{kolom: OuterRef("pk")})))

    return ada(Transaksi, "pemohon") | ada(Kunjungan, "pengunjung") | ada(JanjiTemu, "pengunjung")


def _jam_menit(selisih: timedelta) -> str:
    menit = max(int(selisih.total_seconds() // 60), 1)
    jam, menit = divmod(menit, 60)
    bagian = [lama(jam, "jam")] if jam else []
    if menit or not jam:
        bagian.append(lama(menit, "menit"))
    return " ".join(bagian)


def sisa_waktu(
    batas: datetime, now: datetime | None = None, kantor: int | None = None, jam: jam_sop.KeadaanJam | None = None
) -> str:
    """ "sisa 2 hari kerja", "sisa 3 jam 20 menit" (due today), "terlambat 1 hari kerja",
    in the active language.

    Working days are counted between the calendar dates on office `kantor`'s
    calendar (the transaction's: its deadline was set on it): a deadline
    tomorrow is "sisa 1 hari kerja" whatever the hour now; only on the
    deadline's own day are hours and minutes shown. Lateness follows
    `lama_terlambat`, the one rule wherever a missed deadline is stated,
    with the days the running clock `jam` ran past its standard when given.
    """
    now = now or timezone.now()
    # The deadline's own second is still in time, as escalation and compliance count it.
    if batas >= now:
        n = kalender.jumlah_hari_kerja(now.astimezone(WIB).date(), batas.astimezone(WIB).date(), kantor)
        return _("sisa %(waktu)s") % {"waktu": lama(n, "hari_kerja") if n else _jam_menit(batas - now)}
    lewat = jam_sop.hari_lewat(jam, now, kantor) if jam else None
    return _("terlambat %(waktu)s") % {"waktu": lama_terlambat(batas, now, kantor, lewat)}


def hari_terlambat(batas: datetime, waktu: datetime, kantor: int | None = None, lewat: int | None = None) -> int:
    """Working days `waktu` is past the deadline `batas`: 0 on the deadline's
    own day (WIB), after it the working days since that date on office
    `kantor`'s calendar, at least 1 (the weekend or holiday right after a
    Friday deadline is already late). `lewat`, when known, is the working
    days the clock itself ran past its standard (`jam.hari_lewat`): a
    delivery clock paused after its deadline is not later by the days the
    visitor took to pay, which the SOP's step 7 leaves out."""
    hari_batas, hari = batas.astimezone(WIB).date(), waktu.astimezone(WIB).date()
    if hari <= hari_batas:
        return 0
    n = kalender.jumlah_hari_kerja(hari_batas, hari, kantor)
    return max(n if lewat is None else min(n, lewat), 1)


def lama_terlambat(batas: datetime, waktu: datetime, kantor: int | None = None, lewat: int | None = None) -> str:
    """How late `waktu` is for the deadline `batas`, in the active language:
    "2 jam 15 menit" on the deadline's own day, "1 hari kerja" after it
    (`hari_terlambat`) — the hours of the closed days are no working time lost."""
    n = hari_terlambat(batas, waktu, kantor, lewat)
    return lama(n, "hari_kerja") if n else _jam_menit(waktu - batas)


def jatuh_tempo_hari_ini(batas: datetime, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return batas >= now and batas.astimezone(WIB).date() == now.astimezone(WIB).date()


def keterangan_jeda(t: Transaksi, untuk_pemohon: bool) -> str:
    """ "dijeda — menunggu pembayaran Anda; sisa 9 hari kerja" (the visitor's
    words; officers read "pemohon"), or "" when the clock is not paused.
    A clock paused after its deadline passed keeps that deadline (the breach
    stands) and names it instead of "0 working days left"."""
    if not t.jam_dijeda:
        return ""
    # Mid-sentence: the English "you" is lower case here, unlike a sentence's first word.
    siapa = pgettext_lazy("menunggu pembayaran", "Anda") if untuk_pemohon else _("pemohon")
    if t.batas_waktu:
        return format_lazy(
            _("dijeda — menunggu pembayaran {siapa}; batas waktu sudah lewat sejak {batas}"),
            siapa=siapa,
            batas=waktu_panjang_malas(t.batas_waktu),
        )
    return format_lazy(
        _("dijeda — menunggu pembayaran {siapa}; sisa {hari}"),
        siapa=siapa,
        hari=lama_malas(t.sisa_hari_jeda, "hari_kerja"),
    )


def keterangan_target(t: Transaksi) -> str:
    """ "target internal: tagihan terbit paling lambat …" of the current status, or ""."""
    if not t.target_batas or t.status not in alur.NAMA_TARGET:
        return ""
    return format_lazy(
        _("target internal: {apa} paling lambat {batas}"),
        apa=alur.NAMA_TARGET[t.status],
        batas=waktu_panjang_malas(t.target_batas),
    )


def janji_pemohon(t: Transaksi) -> str:
    """What the visitor is promised, on the transaction page and in e-mails:
    the step-7 hand-over deadline once the requirements are complete (the
    step-5 check before), or the paused clock's days left; past the
    deadline, that it has passed and since when."""
    if t.jam_dijeda:
        return format_lazy(_("Batas waktu penyerahan produk {jeda}."), jeda=keterangan_jeda(t, untuk_pemohon=True))
    if not (t.jam and t.batas_waktu):
        return ""
    batas = waktu_panjang_malas(t.batas_waktu)
    if t.terlambat:  # a date already gone is no promise: the visitor is told it passed
        if t.jam == Jam.PERIKSA:
            return format_lazy(
                _("Batas waktu pemeriksaan kelengkapan persyaratan sudah lewat sejak {batas}."), batas=batas
            )
        return format_lazy(_("Batas waktu penyerahan produk sudah lewat sejak {batas}."), batas=batas)
    if t.jam == Jam.PERIKSA:
        return format_lazy(_("Kami memeriksa kelengkapan persyaratan paling lambat {batas}."), batas=batas)
    # Until the payment is verified a wait for it may still come (a refused
    # proof pauses the clock again); once in process the date already counts it.
    if t.berbayar and t.status != Status.DIPROSES:
        return format_lazy(
            _("Produk kami serahkan paling lambat {batas}, tidak termasuk waktu menunggu pembayaran Anda."),
            batas=batas,
        )
    return format_lazy(_("Produk kami serahkan paling lambat {batas}."), batas=batas)


def menunggu_koreksi_pemohon(t: Transaksi) -> bool:
    """The officer sent the items back and the visitor has not saved a
    correction since: until they do, the next move is theirs."""
    return t.koreksi_pemohon_menunggu()


def batas_langkah_pemohon(t: Transaksi) -> str:
    """The deadline of the visitor's next step, said in the e-mail of the move
    that makes it their turn ("" when it is the office's turn: `janji_pemohon`
    then says by when the office acts)."""
    if t.status == Status.PERLU_PERBAIKAN:
        return format_lazy(
            _(
                "Perbaikan tidak dibatasi waktu; setelah Anda mengajukan kembali, kami memeriksanya paling lambat "
                "{lama}."
            ),
            lama=lama_malas(alur.HARI_KERJA_JAM[Jam.PERIKSA], "hari_kerja"),
        )
    if t.status == Status.MENUNGGU_PEMBAYARAN:
        aktif = t.tagihan.filter(status=Tagihan.Status.AKTIF).order_by("-pk").first()
        # Past its expiry (a proof refused after it) it may no longer be paid: no deadline to give.
        if aktif is not None and aktif.boleh_dibayar:
            return format_lazy(
                _("Bayar tagihan {nomor} sebelum {batas}."),
                nomor=aktif.nomor,
                batas=waktu_panjang_malas(aktif.kedaluwarsa_pada),
            )
    if t.status == Status.DISERAHKAN and t.diserahkan_pada:
        return format_lazy(_("Unduh produk sampai {batas}."), batas=waktu_panjang_malas(batas_unduh(t)))
    return ""


def target_bersama(user) -> Kantor | None:
    """An office whose internal targets hold for every row of `user`'s board:
    theirs when they work for one office, or when all their offices set the
    same targets; None when the offices differ (each row states its own)."""
    ids = kantor_petugas(user)
    if ids is not None and len(ids) == 1:
        return kantor(next(iter(ids)))
    qs = Kantor.objects.all() if ids is None else Kantor.objects.filter(pk__in=ids)
    target = {
        (t, v): pk for pk, t, v in qs.values_list("pk", "target_tagihan_hari_kerja", "target_verifikasi_hari_kerja")
    }
    return kantor(next(iter(target.values()))) if len(target) == 1 else None


def tandai_baris(daftar: Iterable[Transaksi], now: datetime | None = None) -> list[Transaksi]:
    """Attach what the board shows per row: time left (or paused), overdue,
    due today, whose turn, the internal target."""
    now = now or timezone.now()
    daftar = list(daftar)
    for t in daftar:
        berjalan = bool(t.jam and t.batas_waktu) and not t.jam_dijeda
        t.sisa = (
            sisa_waktu(t.batas_waktu, now, t.kantor_id, jam_sop.dari_baris(t))
            if berjalan
            else keterangan_jeda(t, untuk_pemohon=False)
        )
        t.lewat = bool(t.jam and t.batas_waktu) and t.batas_waktu < now  # paused after its deadline too
        t.hari_ini = berjalan and jatuh_tempo_hari_ini(t.batas_waktu, now)
        t.target = keterangan_target(t)
        t.target_lewat = bool(t.target_batas and t.target_batas < now)
        t.giliran_label = {alur.KANTOR: _("Kantor"), alur.PENGUNJUNG: _("Pemohon")}.get(t.giliran, "—")
    return daftar


# --- payment and delivery panels ---------------------------------------------------------


def batas_penilaian_kalender(t: Transaksi) -> datetime | None:
    """`Kantor.batas_penilaian_hari_kerja` working days after delivery, on the
    office's calendar as it stands now: the promise made at delivery
    (`batas_penilaian_dijanjikan`); read it through
    `penilaian.services.batas_penilaian`, which keeps that promise."""
    if t.diserahkan_pada is None:
        return None
    return kalender.batas_waktu(t.diserahkan_pada, kantor(t.kantor_id).batas_penilaian_hari_kerja, t.kantor_id)


def batas_unduh_kantor(t: Transaksi) -> datetime | None:
    """`Kantor.masa_unduh_hari` days after delivery, as the office's setting
    stands now: the promise made at delivery (`batas_unduh_dijanjikan`)."""
    if t.diserahkan_pada is None:
        return None
    return t.diserahkan_pada + timedelta(days=kantor(t.kantor_id).masa_unduh_hari)


def batas_unduh(t: Transaksi) -> datetime | None:
    """Until when the visitor may download: never before the date told at
    delivery, later when the office has since lengthened its period."""
    batas = batas_unduh_kantor(t)
    if batas is None or t.batas_unduh_dijanjikan is None:
        return batas
    return max(batas, t.batas_unduh_dijanjikan)


def _terbaru(daftar: str, status: str) -> property:
    """A panel property: the newest row of that list in that status, or None
    (the lists are read newest first)."""
    return property(lambda self: next((x for x in getattr(self, daftar) if x.status == status), None))


@dataclass
class Ringkasan:
    """Everything the payment panels of one transaction show, in a few queries."""

    tagihan: list[Tagihan] = field(default_factory=list)
    bukti: list[BuktiBayar] = field(default_factory=list)
    berkas: list[BerkasProduk] = field(default_factory=list)
    serah_terima: list[SerahTerima] = field(default_factory=list)
    kuitansi: Kuitansi | None = None
    batas_unduh: datetime | None = None
    masa_unduh_berakhir: bool = False
    forms: dict = field(default_factory=dict)
    kanal: list[str] = field(default_factory=list)  # the ways of paying the office offers (CaraBayar)
    # The transaction's office: whose account and cashier the visitor pays (not the session's office).
    kantor: Kantor | None = None
    menunggu_pengembalian: bool = False  # in process with a refund proposal undecided: nothing to deliver yet
    tampil: bool = True  # False before the payment stage: the panels show nothing

    tagihan_aktif = _terbaru("tagihan", Tagihan.Status.AKTIF)
    tagihan_lunas = _terbaru("tagihan", Tagihan.Status.LUNAS)
    bukti_diterima = _terbaru("bukti", BuktiBayar.Status.DITERIMA)
    bukti_menunggu = _terbaru("bukti", BuktiBayar.Status.MENUNGGU)

    @property
    def tagihan_lama(self) -> list[Tagihan]:
        return [x for x in self.tagihan if x.status not in (Tagihan.Status.AKTIF, Tagihan.Status.LUNAS)]

    @property
    def tagihan_kedaluwarsa(self) -> Tagihan | None:
        """The latest invoice when it expired unpaid (marked by the job, or not yet): a new one is due."""
        terakhir = next((x for x in self.tagihan if x.status != Tagihan.Status.BATAL), None)
        if terakhir is not None and (
            terakhir.status == Tagihan.Status.KEDALUWARSA
            or (terakhir.status == Tagihan.Status.AKTIF and terakhir.lewat_masa_berlaku)
        ):
            return terakhir
        return None

    @property
    def bank_referensi_sama(self) -> list[str]:
        """The waiting transfer's reference held by other transactions'
        proofs too (`bank_referensi_sama`)."""
        bukti = self.bukti_menunggu
        return bank_referensi_sama(bukti) if bukti and bukti.cara_bayar == CaraBayar.TRANSFER else []

    @property
    def bukti_ditolak_terakhir(self) -> BuktiBayar | None:
        return self.bukti[0] if self.bukti and self.bukti[0].status == BuktiBayar.Status.DITOLAK else None


# Before the requirements are complete there is nothing to pay or deliver yet.
STATUS_SEBELUM_PEMBAYARAN = (Status.DRAF, Status.DIAJUKAN, Status.PERLU_PERBAIKAN)


# The separators a transfer reference may hold (transaksi/services/kanal.py `referensi_sah`).
PEMISAH_REFERENSI = "-/."


def _tanpa_pemisah(kolom: str):
    for tanda in PEMISAH_REFERENSI:
        kolom = Replace(kolom, Value(tanda), Value(""))
    return kolom


def bank_referensi_sama(bukti: BuktiBayar) -> list[str]:
    """The sender banks of other transactions' standing transfer proofs with
    `bukti`'s reference. Only bank and reference together are refused at
    sending, since references repeat across banks; but a bank typed another
    way ("BRl") would let one transfer be claimed twice, so the checker is
    told before matching it to the account statement; so too when the
    reference's separators differ ("FT-2603…" and "FT2603…"). No numbers: the
    other transaction may be another office's."""
    inti = bukti.nomor_referensi.translate(str.maketrans("", "", PEMISAH_REFERENSI))
    lain = (
        BuktiBayar.objects.berlaku()
        .filter(cara_bayar=CaraBayar.TRANSFER)
        .annotate(inti=_tanpa_pemisah("nomor_referensi"))
        .filter(inti=inti)
    )
    return sorted(set(lain.exclude(transaksi_id=bukti.transaksi_id).values_list("bank_pengirim", flat=True)))


def menunggu_pengembalian(t: Transaksi) -> bool:
    """A refund proposal awaits the supervisor's decision: the product is not
    delivered meanwhile (`services.penyerahan`), so no page offers it."""
    return t.pengembalian.filter(status=Pengembalian.Status.DIAJUKAN).exists()


def ringkasan(t: Transaksi) -> Ringkasan:
    if t.status in STATUS_SEBELUM_PEMBAYARAN:
        return Ringkasan(tampil=False)
    r = Ringkasan(
        tagihan=list(t.tagihan.all()),
        bukti=list(t.bukti_bayar.select_related("diperiksa_oleh")),
        berkas=list(t.berkas_produk.all()),
        serah_terima=list(t.serah_terima.all()),
    )
    r.menunggu_pengembalian = t.status == Status.DIPROSES and menunggu_pengembalian(t)
    if t.diserahkan_pada:
        r.kuitansi = Kuitansi.objects.filter(transaksi=t).first()
        r.batas_unduh = batas_unduh(t)
        r.masa_unduh_berakhir = timezone.now() > r.batas_unduh
    # Cancelled before anything was billed or handed over: the panel would be an empty heading.
    r.tampil = t.status != Status.DIBATALKAN or any((r.tagihan, r.bukti, r.berkas, r.serah_terima))
    return r
