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
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pst_layanan.format import kutip, rupiah
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


def _surel_staf(peran: str, p: Pengembalian, pesan: str, bukan: set[str]) -> None:
    """Tell the holders of `peran` at the transaction's own office (another
    office's supervisors and treasurers neither decide nor pay this refund)
    but those in `bukan`, who may not act on it (the proposer, the requester
    on their own request): with none left, whoever stands in for them
    (`email_staf_kantor`), or the refund would wait for nobody."""
    kirim_surel(
        email_staf_kantor(peran, p.transaksi.kantor_id, kecuali=bukan),
        lambda: (
            _("[%(nomor)s] Pengembalian PNBP %(jumlah)s") % {"nomor": p.transaksi.nomor, "jumlah": rupiah(p.jumlah)}
        ),
        "email/transaksi/pengembalian.txt",
        {"p": p, "t": p.transaksi, "pesan": pesan, "url": reverse("transaksi:pengembalian_daftar")},
    )


# The sentences below are written while one person acts and read by others:
# each is passed lazily, so the history keeps it in the office's words
# (`inti.catat`) and every e-mail says it, amount included, in its reader's.


def _diusulkan(p: Pengembalian) -> str:
    return _("Pengembalian PNBP %(jumlah)s diusulkan: %(alasan)s") % {"jumlah": rupiah(p.jumlah), "alasan": p.alasan}


def _usulan_petugas(p: Pengembalian) -> str:
    return _("Petugas %(nama)s mengusulkan pengembalian PNBP: %(alasan)s") % {
        "nama": p.diajukan_oleh.nama_lengkap,
        "alasan": p.alasan,
    }


def _disetujui_untuk_pemohon(p: Pengembalian) -> str:
    return _(
        "Produk tidak dapat diberikan: %(alasan)s\n"
        "PNBP sebesar %(jumlah)s dikembalikan ke rekening %(bank)s %(rekening)s a.n. %(nama)s "
        "(surat permohonan %(nomor)s). Bendahara penerimaan memprosesnya; Anda akan diberi tahu setelah dana dikirim."
    ) % {
        "alasan": p.alasan,
        "jumlah": rupiah(p.jumlah),
        "bank": p.nama_bank,
        "rekening": p.nomor_rekening,
        "nama": p.nama_rekening,
        "nomor": p.nomor,
    }


def _disetujui_untuk_bendahara(p: Pengembalian) -> str:
    return _("Disetujui oleh %(nama)s; mohon diproses.") % {"nama": p.diputuskan_oleh.nama_lengkap}


def _disetujui_untuk_petugas(p: Pengembalian) -> str:
    return _(
        "Disetujui oleh %(nama)s; transaksi ditutup dan produknya tidak perlu diserahkan. "
        "Bendahara penerimaan mengembalikan PNBP kepada pemohon."
    ) % {"nama": p.diputuskan_oleh.nama_lengkap}


def _ditolak(p: Pengembalian) -> str:
    return _("Usulan pengembalian PNBP ditolak: %(alasan)s") % {"alasan": p.alasan_tolak}


def _ditolak_untuk_petugas(p: Pengembalian) -> str:
    return _("Ditolak oleh %(nama)s: %(alasan)s") % {"nama": p.diputuskan_oleh.nama_lengkap, "alasan": p.alasan_tolak}


def _diproses(p: Pengembalian) -> str:
    return _(
        "Pengembalian PNBP sebesar %(jumlah)s telah diproses bendahara penerimaan ke rekening "
        "%(bank)s %(rekening)s a.n. %(nama)s."
    ) % {"jumlah": rupiah(p.jumlah), "bank": p.nama_bank, "rekening": p.nomor_rekening, "nama": p.nama_rekening}


def _diproses_untuk_pemohon(p: Pengembalian) -> str:
    """The office's sentence, then the treasurer's note under its own label,
    quoted as typed: run on, it would read as the office's own words."""
    if not p.catatan_proses:
        return _diproses(p)
    return f"{_diproses(p)}\n{_('Catatan bendahara:')}\n{kutip(p.catatan_proses)}"


def _malas(kalimat, p: Pengembalian):
    return lazy(kalimat, str)(p)


def _kunci(p: Pengembalian) -> tuple[Transaksi, Pengembalian]:
    t = inti.kunci(p.transaksi_id)
    return t, Pengembalian.objects.select_for_update().select_related("tagihan").get(pk=p.pk)


def usulkan(t: Transaksi, petugas, alasan: str, rekening: Rekening) -> Pengembalian:
    """An officer proposes refunding a paid transaction in process whose
    product cannot be delivered."""
    alasan = alasan.strip()
    # An IBAN is kept in capitals, as banks print it (an account in Indonesia has digits only).
    rekening = Rekening(rekening.nama.strip(), rekening.nomor.strip().upper(), rekening.bank.strip())
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
        inti.catat(t, RiwayatTransaksi.Jenis.USUL_PENGEMBALIAN, petugas, _malas(_diusulkan, p))
        _surel_staf(SUPERVISOR, p, _malas(_usulan_petugas, p), {petugas.email, t.pemohon.email})
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
        pindah.jalankan(_malas(_disetujui_untuk_pemohon, p), ("ditutup_pada",))
        _surel_staf(BENDAHARA, p, _malas(_disetujui_untuk_bendahara, p), {t.pemohon.email})
        _kabari_pengusul(t, p, gettext_lazy("[{nomor}] Usulan pengembalian PNBP disetujui"), _disetujui_untuk_petugas)
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
        inti.catat(t, RiwayatTransaksi.Jenis.USUL_PENGEMBALIAN, supervisor, _malas(_ditolak, p))
        _kabari_pengusul(t, p, gettext_lazy("[{nomor}] Usulan pengembalian PNBP ditolak"), _ditolak_untuk_petugas)
    return p


def _kabari_pengusul(t: Transaksi, p: Pengembalian, subjek, kalimat) -> None:
    """Tell the proposing officer of the decision: refused, the product must
    now be delivered after all; approved, it must no longer be prepared."""
    kirim_surel(
        _penerima_putusan(t, p),
        format_lazy(subjek, nomor=t.nomor),
        "email/transaksi/pengembalian.txt",
        {"p": p, "t": t, "pesan": _malas(kalimat, p), "url": t.get_absolute_url()},
    )


def _penerima_putusan(t: Transaksi, p: Pengembalian) -> list[str]:
    """The proposing officer while they still work at the office; else the
    transaction's officers (`email_petugas`): a closed account would hear of
    the decision alone. Never the supervisor who decided (who may have
    proposed it): they know."""
    pengusul = inti.masih_bertugas(p.diajukan_oleh, inti.email_semua_petugas(t.kantor_id))
    penerima = [pengusul.email] if pengusul else inti.email_petugas(t)
    return [e for e in penerima if e != p.diputuskan_oleh.email]


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
        inti.catat(t, RiwayatTransaksi.Jenis.CATATAN, bendahara, _malas(_diproses, p))
        inti.kabari_pemohon(t, _malas(_diproses_untuk_pemohon, p), gettext_lazy("PNBP dikembalikan"))
    return p
