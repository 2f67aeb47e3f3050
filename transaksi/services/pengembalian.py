"""The refund of PNBP (pengembalian PNBP), the only way out after payment:
the product turns out not to be deliverable.

1. An officer proposes it (`usulkan`) on a paid transaction in process, with
   the reason and the payer's bank account; the supervisors are told.
2. A supervisor approves (`setujui`): the request letter gets its number,
   the transaction ends "Dibatalkan — PNBP dikembalikan" (the clock stops as
   for a cancellation), the visitor and the treasurers are told. Or refuses
   (`tolak`) with a reason: the transaction goes on in process.
3. The treasurer marks it processed (`tandai_diproses`) once the money has
   gone back; the visitor is told.

The paid invoice stays paid: the money was received and counts as paid PNBP
in its month; the refund is counted apart, in the month it was approved
(transaksi/rekonsiliasi.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pst_layanan.bahasa import bahasa_kantor
from pst_layanan.format import rupiah
from pst_layanan.kantor import email_staf_kantor
from pst_layanan.notifikasi import kirim_surel
from pst_layanan.roles import BENDAHARA, SUPERVISOR, punya_peran
from transaksi import alur, nomor
from transaksi.alur import TransisiTidakSah
from transaksi.models import Pengembalian, RiwayatTransaksi, Status, Tagihan, Transaksi
from transaksi.services import inti

P = Pengembalian.Status


@dataclass(frozen=True)
class Rekening:
    """The payer's bank account the refund goes to."""

    nama: str
    nomor: str
    bank: str


def _surel_staf(peran: str, p: Pengembalian, pesan: str) -> None:
    """Tell the holders of `peran` at the transaction's own office (another
    office's supervisors and treasurers neither decide nor pay this refund),
    or whoever stands in for them (`email_staf_kantor`)."""
    kirim_surel(
        email_staf_kantor(peran, p.transaksi.kantor_id),
        lambda: (
            _("[%(nomor)s] Pengembalian PNBP %(jumlah)s") % {"nomor": p.transaksi.nomor, "jumlah": rupiah(p.jumlah)}
        ),
        "email/transaksi/pengembalian.txt",
        {"p": p, "t": p.transaksi, "pesan": pesan, "url": reverse("transaksi:pengembalian_daftar")},
    )


def _kunci(p: Pengembalian) -> tuple[Transaksi, Pengembalian]:
    t = inti.kunci(p.transaksi_id)
    return t, Pengembalian.objects.select_for_update().select_related("tagihan").get(pk=p.pk)


def usulkan(t: Transaksi, petugas, alasan: str, rekening: Rekening) -> Pengembalian:
    """An officer proposes refunding a paid transaction in process whose
    product cannot be delivered."""
    alasan = alasan.strip()
    rekening = Rekening(*(x.strip() for x in (rekening.nama, rekening.nomor, rekening.bank)))
    with transaction.atomic():
        t = inti.kunci(t)
        inti.pastikan_boleh_aksi(t, petugas, alur.Aksi.USUL_PENGEMBALIAN)
        if not alur.boleh(t.status, Status.DIKEMBALIKAN):
            raise TransisiTidakSah(
                _(
                    "Pengembalian PNBP hanya untuk transaksi yang sudah dibayar dan sedang diproses; "
                    "transaksi ini berstatus \u201c{status}\u201d."
                ).format(status=Status(t.status).label)
            )
        tagihan = t.tagihan.filter(status=Tagihan.Status.LUNAS).first()
        if tagihan is None:
            raise TransisiTidakSah(_("Transaksi ini tidak memiliki tagihan lunas; tidak ada PNBP yang dikembalikan."))
        if t.pengembalian.exclude(status=P.DITOLAK).exists():
            raise TransisiTidakSah(_("Pengembalian PNBP untuk transaksi ini sudah diajukan."))
        if not alasan:
            raise ValidationError({"alasan": _("Tuliskan mengapa produk tidak dapat diberikan.")})
        p = Pengembalian(
            transaksi=t,
            tagihan=tagihan,
            jumlah=tagihan.jumlah,
            alasan=alasan,
            nama_rekening=rekening.nama,
            nomor_rekening=rekening.nomor,
            nama_bank=rekening.bank,
            diajukan_oleh=petugas,
        )
        p.full_clean(exclude=["transaksi", "tagihan", "diajukan_oleh", "token"])
        try:
            with transaction.atomic():
                p.save()
        except IntegrityError:  # a proposal made at the same instant by another officer
            raise TransisiTidakSah(_("Pengembalian PNBP untuk transaksi ini sudah diajukan.")) from None
        with bahasa_kantor():
            jumlah = rupiah(p.jumlah)
        inti.catat(t, RiwayatTransaksi.Jenis.CATATAN, petugas, f"Pengembalian PNBP {jumlah} diusulkan: {alasan}")
        _surel_staf(SUPERVISOR, p, f"Petugas {petugas.nama_lengkap} mengusulkan pengembalian PNBP: {alasan}")
    return p


def setujui(p: Pengembalian, supervisor) -> Pengembalian:
    """The supervisor approves: the letter is numbered and the transaction
    ends cancelled with the PNBP refunded."""
    with transaction.atomic():
        t, p = _kunci(p)
        pindah = inti.langkah(t, Status.DIKEMBALIKAN, supervisor)
        if p.status != P.DIAJUKAN:
            raise TransisiTidakSah(
                _("Usulan ini sudah diputuskan (%(status)s).") % {"status": p.get_status_display().lower()}
            )
        # Four eyes: money leaves the state's account only on a second person's word.
        if p.diajukan_oleh_id == supervisor.pk:
            raise TransisiTidakSah(
                _("Anda mengusulkan pengembalian ini sendiri; supervisor lain yang harus menyetujuinya.")
            )
        now = timezone.now()
        p.status, p.diputuskan_oleh, p.diputuskan_pada = P.DISETUJUI, supervisor, now
        p.nomor = nomor.nomor_dokumen(Pengembalian, "PPNBP", "pengembalian", t.kantor_id)
        p.save(update_fields=["status", "nomor", "diputuskan_oleh", "diputuskan_pada"])
        t.ditutup_pada = now
        with bahasa_kantor():
            jumlah = rupiah(p.jumlah)
        pindah.jalankan(
            f"Produk tidak dapat diberikan: {p.alasan}\n"
            f"PNBP sebesar {jumlah} dikembalikan ke rekening {p.nama_bank} {p.nomor_rekening} "
            f"a.n. {p.nama_rekening} (surat permohonan {p.nomor}). Bendahara penerimaan memprosesnya; "
            "Anda akan diberi tahu setelah dana dikirim.",
            ("ditutup_pada",),
        )
        _surel_staf(BENDAHARA, p, f"Disetujui oleh {supervisor.nama_lengkap}; mohon diproses.")
    return p


def tolak(p: Pengembalian, supervisor, alasan: str) -> Pengembalian:
    """The supervisor refuses: the transaction stays in process, the
    proposing officer is told why."""
    alasan = alasan.strip()
    with transaction.atomic():
        t, p = _kunci(p)
        inti.pastikan_boleh_aksi(t, supervisor, alur.Aksi.PUTUSKAN_PENGEMBALIAN)
        if p.status != P.DIAJUKAN:
            raise TransisiTidakSah(
                _("Usulan ini sudah diputuskan (%(status)s).") % {"status": p.get_status_display().lower()}
            )
        if not alasan:
            raise ValidationError({"alasan": _("Tuliskan alasan penolakan untuk petugas.")})
        p.status, p.diputuskan_oleh, p.diputuskan_pada, p.alasan_tolak = P.DITOLAK, supervisor, timezone.now(), alasan
        p.save(update_fields=["status", "diputuskan_oleh", "diputuskan_pada", "alasan_tolak"])
        inti.catat(t, RiwayatTransaksi.Jenis.CATATAN, supervisor, f"Usulan pengembalian PNBP ditolak: {alasan}")
        kirim_surel(
            p.diajukan_oleh.email,
            format_lazy(gettext_lazy("[{nomor}] Usulan pengembalian PNBP ditolak"), nomor=t.nomor),
            "email/transaksi/pengembalian.txt",
            {"p": p, "t": t, "pesan": f"Ditolak oleh {supervisor.nama_lengkap}: {alasan}", "url": t.get_absolute_url()},
        )
    return p


def tandai_diproses(p: Pengembalian, bendahara, catatan: str = "") -> Pengembalian:
    """The treasurer has sent the money back to the payer's account."""
    if not punya_peran(bendahara, BENDAHARA):
        raise TransisiTidakSah(_("Hanya bendahara yang dapat menandai pengembalian PNBP sudah diproses."))
    with transaction.atomic():
        t, p = _kunci(p)
        inti.pastikan_bukan_pemohon(t, bendahara)
        if p.status != P.DISETUJUI:
            raise TransisiTidakSah(
                _(
                    "Hanya pengembalian yang sudah disetujui yang dapat diproses; "
                    "status usulan ini \u201c{status}\u201d."
                ).format(status=p.get_status_display())
            )
        p.status, p.diproses_oleh, p.diproses_pada = P.DIPROSES, bendahara, timezone.now()
        p.catatan_proses = catatan.strip()
        p.save(update_fields=["status", "diproses_oleh", "diproses_pada", "catatan_proses"])
        with bahasa_kantor():
            jumlah = rupiah(p.jumlah)
        teks = (
            f"Pengembalian PNBP sebesar {jumlah} telah diproses bendahara penerimaan ke rekening "
            f"{p.nama_bank} {p.nomor_rekening} a.n. {p.nama_rekening}."
        )
        inti.catat(t, RiwayatTransaksi.Jenis.CATATAN, bendahara, teks)
        inti.kabari_pemohon(t, f"{teks} {p.catatan_proses}".strip(), gettext_lazy("PNBP dikembalikan"))
    return p
