"""The core every transaction service is built on: lock the row, check a
move against the table in `alur.py` (status and who makes it), save it,
append history, start, pause, resume or stop the SOP clock (rules in
`transaksi/jam.py`) and the office's internal target, and queue the e-mails (outbox,
sent after commit).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pst_layanan import kalender
from pst_layanan.bahasa import bahasa_kantor
from pst_layanan.format import di_tengah_kalimat
from pst_layanan.kantor import kantor, pegawai_kantor
from pst_layanan.notifikasi import kirim_surel
from pst_layanan.roles import BENDAHARA, PENGAWAS_PROVINSI, PETUGAS, SUPERVISOR, email_peran, punya_peran
from transaksi import alur, selectors
from transaksi import jam as jam_sop
from transaksi.alur import Pelaku
from transaksi.models import CaraBayar, Jam, RiwayatTransaksi, Status, Transaksi


def kunci(transaksi: Transaksi | int) -> Transaksi:
    """The transaction row, locked until the end of the database transaction."""
    pk = transaksi.pk if isinstance(transaksi, Transaksi) else transaksi
    return Transaksi.objects.select_for_update().get(pk=pk)


def catat(t: Transaksi, jenis: str, oleh=None, catatan: str = "", waktu=None, **kolom) -> RiwayatTransaksi:
    """A history row, at `waktu` (now when not given). A note may be a lazy
    translation (the e-mails of the move say it in each reader's language);
    the row keeps the office's words."""
    with bahasa_kantor():
        catatan = str(catatan)
    return RiwayatTransaksi.objects.create(
        transaksi=t, jenis=jenis, oleh=oleh, catatan=catatan, waktu=waktu or timezone.now(), **kolom
    )


def _peran_staf(user) -> frozenset[Pelaku]:
    """The office's parts `user`'s roles give, on anyone's transaction."""
    peran = ((PETUGAS, Pelaku.PETUGAS), (BENDAHARA, Pelaku.BENDAHARA), (SUPERVISOR, Pelaku.SUPERVISOR))
    return frozenset(p for nama, p in peran if punya_peran(user, nama))


def pelaku(t: Transaksi, user) -> frozenset[Pelaku]:
    """The parts `user` may play on `t`: its owner, or the office's roles they
    hold; no user is a beat job. On their own request staff are the visitor
    only: the office's decisions on it (completeness and Rp0, invoice,
    payment check, cash, delivery, refund) are a colleague's, or an officer
    could grant themselves Rp0 or verify a payment never made."""
    if user is None:
        return frozenset({Pelaku.SISTEM})
    if t.pemohon_id == user.pk:
        return frozenset({Pelaku.PEMOHON})
    return _peran_staf(user)


def _pastikan_pelaku(diizinkan: frozenset[Pelaku], t: Transaksi, user) -> None:
    """`alur.pastikan_pelaku`, saying why a staff member is refused on their own request."""
    peran = pelaku(t, user)
    if not diizinkan & peran and diizinkan & _peran_staf(user):
        pastikan_bukan_pemohon(t, user)
    alur.pastikan_pelaku(diizinkan, peran)


PESAN_MILIK_SENDIRI = gettext_lazy(
    "Ini transaksi Anda sendiri: petugas lain yang memeriksa dan memutuskan langkah kantor atasnya."
)


def milik_sendiri(t: Transaksi, user) -> bool:
    """A staff member on their own request (`pelaku`): the office's steps on
    it are a colleague's, so their working pages offer none and say why."""
    return bool(_peran_staf(user)) and pelaku(t, user) == {Pelaku.PEMOHON}


def pastikan_bukan_pemohon(t: Transaksi, user) -> None:
    """Refuse an office step `user` would take on their own request (`pelaku`)."""
    if user is not None and t.pemohon_id == user.pk:
        raise alur.TransisiTidakSah(str(PESAN_MILIK_SENDIRI))


def pastikan_boleh_aksi(t: Transaksi, user, aksi: alur.Aksi) -> None:
    _pastikan_pelaku(alur.PELAKU_AKSI[aksi], t, user)


def pastikan_boleh_periksa(t: Transaksi, user, cara_bayar: str) -> None:
    """Refuse unless `user` may verify or refuse a proof paid this way (`alur.PEMERIKSA_BUKTI`)."""
    _pastikan_pelaku(alur.PEMERIKSA_BUKTI[cara_bayar], t, user)


def kanal_tersedia(k=None) -> list[str]:
    """The ways of paying office `k` (the provincial office when None) offers
    now, in `CaraBayar` order (a transfer: `Kantor.terima_transfer`)."""
    k = k or kantor()
    aktif = {
        CaraBayar.SIMPONI: k.bayar_simponi,
        CaraBayar.TRANSFER: k.terima_transfer,
        CaraBayar.TUNAI: k.bayar_tunai,
    }
    return [c for c in CaraBayar.values if aktif[c]]


def pastikan_kanal(cara: str, t: Transaksi) -> None:
    """A payment is taken the way the transaction's own office takes payments."""
    if cara not in kanal_tersedia(kantor(t.kantor_id)):
        raise alur.TransisiTidakSah(
            _("Kantor ini tidak menerima pembayaran %(cara)s.") % {"cara": di_tengah_kalimat(CaraBayar(cara).label)}
        )


def masih_bertugas(petugas, email_kantor: list[str]):
    """`petugas` while they still work at the office whose officers'
    addresses are `email_kantor` (`email_semua_petugas`), else None: one moved
    to another office or whose account was closed cannot open its work, so
    the office's officers are told instead."""
    return petugas if petugas is not None and petugas.email in email_kantor else None


def email_petugas(t: Transaksi) -> list[str]:
    """The assigned officer while they still work at its office (`masih_bertugas`),
    else every active officer of its office, else — an office nobody works at
    yet, just brought online — the province supervisors, who work in every
    office: with nobody told, its work would wait unseen until it was late.
    Never the requester, a staff member on their own request: a colleague acts on it."""
    semua = email_semua_petugas(t.kantor_id, kecuali=t.pemohon_id)
    petugas = masih_bertugas(t.petugas if t.petugas_id else None, semua)
    return [petugas.email] if petugas else semua or email_peran(PENGAWAS_PROVINSI)


def email_semua_petugas(kantor_id: int | None = None, kecuali: int | None = None) -> list[str]:
    """Every active officer (and supervisor) — of office `kantor_id` when
    given, but the account `kecuali`: who hears of unassigned work."""
    qs = get_user_model().objects.filter(is_active=True, groups__name__in=[PETUGAS, SUPERVISOR]).exclude(pk=kecuali)
    if kantor_id is not None:
        qs = qs.filter(pegawai_kantor(kantor_id))
    return list(qs.values_list("email", flat=True).distinct())


_JENIS_PERISTIWA = {
    jam_sop.Peristiwa.MULAI: RiwayatTransaksi.Jenis.JAM_MULAI,
    jam_sop.Peristiwa.BERHENTI: RiwayatTransaksi.Jenis.JAM_BERHENTI,
    jam_sop.Peristiwa.JEDA: RiwayatTransaksi.Jenis.JAM_DIJEDA,
    jam_sop.Peristiwa.LANJUT: RiwayatTransaksi.Jenis.JAM_DILANJUTKAN,
}


def perpindahan(t: Transaksi, sejak=None) -> list[tuple]:
    """The moves `t` made, oldest first, as `(waktu, ke)` (what transaksi/jam.py replays)."""
    qs = t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.STATUS).order_by("waktu", "pk")
    if sejak is not None:
        qs = qs.filter(waktu__gte=sejak)
    return list(qs.values_list("waktu", "ke"))


def _catat_jam(t: Transaksi, peristiwa: jam_sop.Peristiwa, lama: jam_sop.KeadaanJam, oleh, waktu, dari) -> None:
    """The history row of one clock event: the deadline in force after it
    (on a stop: the status it stopped in, the deadline it is judged by, and
    the seconds it spent paused)."""
    if peristiwa == jam_sop.Peristiwa.BERHENTI:
        jeda = None
        if lama.jam == Jam.PROSES:
            jeda = jam_sop.detik_dijeda(perpindahan(t, t.lengkap_pada), waktu, bebas=not t.berbayar)
        hari = jam_sop.hari_berhenti(lama, waktu, t.kantor_id)
        catat(
            t,
            _JENIS_PERISTIWA[peristiwa],
            oleh,
            waktu=waktu,
            dari=dari,
            jam=lama.jam,
            batas_waktu=lama.batas,
            jeda_detik=jeda,
            hari_kerja_ke=hari,
        )
    elif peristiwa == jam_sop.Peristiwa.JEDA:
        k = jam_sop.dari_baris(t)
        # Paused after its deadline, the clock keeps it: no days are left to resume with.
        if k.batas:
            catatan = "Menunggu pemohon; batas waktu sudah lewat."
        else:
            catatan = f"Menunggu pemohon; sisa {k.sisa_hari()} hari kerja saat dilanjutkan."
        catat(t, _JENIS_PERISTIWA[peristiwa], oleh, catatan, waktu, jam=t.jam, batas_waktu=lama.batas)
    else:
        catat(t, _JENIS_PERISTIWA[peristiwa], oleh, waktu=waktu, jam=t.jam, batas_waktu=t.batas_waktu)


def _atur_jam(t: Transaksi, dari: str, ke: str, oleh, now) -> list[str]:
    """Apply the SOP clock rules (transaksi/jam.py) to a move from `dari` to
    `ke` made at `now`, the instant its status row records: a recompute
    replays those rows, so a clock started a moment later would read as
    changed by every calendar or office edit."""
    lama = jam_sop.dari_baris(t)
    baru, peristiwa = jam_sop.setelah(lama, ke, now, bebas=not t.berbayar, kantor=t.kantor_id)
    kolom = jam_sop.ke_baris(t, baru) + _atur_target(t, dari, ke, now, oleh)
    if {jam_sop.Peristiwa.MULAI, jam_sop.Peristiwa.BERHENTI} & set(peristiwa):  # a fresh clock: afresh
        t.pengingat_pada = t.eskalasi_pada = None
        kolom += ["pengingat_pada", "eskalasi_pada"]
    elif jam_sop.Peristiwa.LANJUT in peristiwa and t.batas_waktu and t.batas_waktu > now:
        t.pengingat_pada = None  # a new deadline: one day before it is a new reminder
        kolom.append("pengingat_pada")
    for p in peristiwa:
        _catat_jam(t, p, lama, oleh, now, dari)
    return kolom


def hari_target(kantor_id: int | None = None) -> dict[str, int]:
    """Status → working days of its internal target, from the office's settings."""
    k = kantor(kantor_id)
    return {status: getattr(k, kolom) for status, kolom in alur.TARGET_INTERNAL.items()}


def _masuk_terakhir(t: Transaksi, status: str):
    """When `t` last entered `status`: the start of its internal target."""
    qs = t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.STATUS, ke=status).order_by("-waktu", "-pk")
    return qs.values_list("waktu", flat=True).first()


def _atur_target(t: Transaksi, dari: str, ke: str, now, oleh) -> list[str]:
    """The office's internal target: recorded when its status is left, set on entering one."""
    if dari == ke:
        return []
    if t.target_batas:
        masuk = _masuk_terakhir(t, dari)
        hari = kalender.hari_kerja_ke(masuk, now, t.kantor_id) if masuk else None
        catat(t, RiwayatTransaksi.Jenis.TARGET_SELESAI, oleh, dari=dari, batas_waktu=t.target_batas, hari_kerja_ke=hari)
    t.target_batas = jam_sop.target_internal([(now, ke)], hari_target(t.kantor_id), t.kantor_id)
    return ["target_batas"]


@dataclass(frozen=True)
class Langkah:
    """A move of a LOCKED transaction, checked against the table (status and
    who makes it) before the caller's own work; `jalankan` makes it."""

    t: Transaksi
    ke: str
    oleh: object

    def jalankan(
        self, catatan: str = "", kolom: tuple[str, ...] = (), surel_pemohon: bool = True, kabar: str = ""
    ) -> Transaksi:
        """Save the move, its history row and clock, queue the e-mails.

        `kolom` names extra fields the caller already changed on the row;
        `surel_pemohon=False` when the caller sends the visitor's e-mail of this
        move itself (the invoice, the delivery), so one move is one e-mail;
        `kabar` is what a move the visitor makes themselves caused and they
        must be told (an invoice voided by it), never their own words."""
        t, dari = self.t, self.t.status
        t.status = self.ke
        # The move's row before the clock rows it causes: the history reads in that order.
        pindah = catat(t, RiwayatTransaksi.Jenis.STATUS, self.oleh, catatan, dari=dari, ke=self.ke)
        berubah = {"status", "diubah_pada", *kolom, *_atur_jam(t, dari, self.ke, self.oleh, pindah.waktu)}
        t.save(update_fields=sorted(berubah))
        _beri_tahu(t, self.ke, catatan, self.oleh, surel_pemohon, kabar, dari)
        return t


def langkah(t: Transaksi, ke: str, oleh) -> Langkah:
    """Refuse (TransisiTidakSah) unless `oleh` may move LOCKED `t` to `ke` now."""
    if t.status != ke and alur.boleh(t.status, ke):  # else pastikan_boleh names what is wrong with the move
        _pastikan_pelaku(alur.pelaku_boleh(t.status, ke), t, oleh)
    alur.pastikan_boleh(t.status, ke, pelaku(t, oleh))
    return Langkah(t, ke, oleh)


def pindah_status(t: Transaksi, ke: str, oleh=None, catatan: str = "", kolom: tuple[str, ...] = ()) -> Transaksi:
    """Check and make a move of a LOCKED transaction (call inside `transaction.atomic`);
    `oleh=None` is a beat job."""
    return langkah(t, ke, oleh).jalankan(catatan, kolom)


def _konteks_surel(t: Transaksi, status: str, catatan: str) -> dict:
    return {
        "t": t,
        "status": Status(status).label,
        "catatan": catatan,
        "langkah": selectors.langkah_berikutnya(t, status),
        # A closed transaction's sentence closes it; it is no next step.
        "tutup": status in alur.STATUS_TUTUP,
        "janji": selectors.janji_pemohon(t),
        "target": selectors.keterangan_target(t),
    }


def _surel_pemohon(t: Transaksi, subjek: str, konteks: dict, oleh, tanda_terima: str = "") -> None:
    """The visitor's status e-mail: what changed, who said so (an officer's
    note, or the system's), the next step and its deadline."""
    konteks = konteks | {
        "tanda_terima": tanda_terima,
        "dari_petugas": oleh is not None,
        "batas": selectors.batas_langkah_pemohon(t),
    }
    kirim_surel(
        t.pemohon.email,
        format_lazy(gettext_lazy("Transaksi {nomor}: {subjek}"), nomor=t.nomor, subjek=subjek),
        "email/transaksi/status.txt",
        konteks,
    )


def kabari_pemohon(t: Transaksi, catatan: str, subjek: str = "", oleh=None) -> None:
    """The status e-mail for a change that is not a move (the status stays)."""
    _surel_pemohon(t, subjek or Status(t.status).label, _konteks_surel(t, t.status, catatan), oleh)


def kabari_petugas(t: Transaksi, catatan: str) -> None:
    """The officers' e-mail for a change by the visitor that is not a move."""
    konteks = _konteks_surel(t, t.status, catatan)
    kirim_surel(
        email_petugas(t),
        format_lazy("[{}] {}", t.nomor, Status(t.status).label),
        "email/transaksi/petugas.txt",
        konteks,
    )


def oleh_pemohon(t: Transaksi, oleh) -> bool:
    """The move is the visitor's own doing (an officer's own request included)."""
    return oleh is not None and oleh.pk == t.pemohon_id


def _beri_tahu(
    t: Transaksi, ke: str, catatan: str, oleh, surel_pemohon: bool = True, kabar: str = "", dari: str = ""
) -> None:
    """The officers' e-mail when the move makes it the office's turn, or when
    the visitor closes what was the office's turn (`dari`), and at most
    one e-mail to the visitor: none for their own move unless it deserves a
    receipt (`alur.TANDA_TERIMA_PEMOHON`) or caused something they must know
    (`kabar`); a receipt never echoes their own words back as an officer's note."""
    konteks = _konteks_surel(t, ke, catatan)
    # Items sent back for the visitor's correction wait for the visitor, though
    # the status is the office's: the officers hear when the correction comes.
    giliran_kantor = alur.giliran(ke) == alur.KANTOR and konteks["langkah"] is not alur.LANGKAH_KOREKSI_ITEM
    # A request the office was checking or invoicing, cancelled by its visitor:
    # told, the officer stops (no billing code made in SIMPONI for nothing).
    ditarik = ke in alur.STATUS_TUTUP and dari and alur.giliran(dari) == alur.KANTOR and oleh_pemohon(t, oleh)
    if giliran_kantor or ditarik:
        kirim_surel(
            email_petugas(t), format_lazy("[{}] {}", t.nomor, Status(ke).label), "email/transaksi/petugas.txt", konteks
        )
    if not surel_pemohon:
        return
    if not oleh_pemohon(t, oleh):
        _surel_pemohon(t, Status(ke).label, konteks, oleh)
    elif ke in alur.TANDA_TERIMA_PEMOHON or kabar:
        _surel_pemohon(t, Status(ke).label, konteks | {"catatan": kabar}, None, alur.TANDA_TERIMA_PEMOHON.get(ke, ""))


def pastikan_muat(jumlah: Decimal) -> None:
    """An amount (an item's subtotal, a total) the money columns hold, else
    refused in words before the database is sent it."""
    if jumlah >= 10 ** Transaksi._meta.get_field("total").max_digits:
        raise ValidationError(_("Total transaksi terlalu besar untuk dicatat; kurangi jumlah atau banyaknya item."))


def hitung_total(t: Transaksi) -> None:
    """Total from the items; zero for a free product or an approved Rp0."""
    t.total = sum((i.subtotal_dikenakan for i in t.item.select_related("produk")), Decimal(0))
    pastikan_muat(t.total)
    t.save(update_fields=["total", "diubah_pada"])
