"""The history of a transaction told in plain words, in the reader's language
(the visitor's timeline and the officer's log are the same rows,
`RiwayatTransaksi`). The notes stored with the rows are records, kept in the
words they were written in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from pst_layanan.format import waktu_panjang
from transaksi.models import RiwayatTransaksi, Status

J = RiwayatTransaksi.Jenis

KALIMAT_STATUS = {
    Status.DRAF: _("Draf transaksi dibuat"),
    Status.DIAJUKAN: _("Transaksi diajukan untuk diperiksa"),
    Status.PERLU_PERBAIKAN: _("Perbaikan persyaratan diminta"),
    Status.MENUNGGU_TAGIHAN: _("Persyaratan dinyatakan lengkap; tagihan disiapkan"),
    Status.MENUNGGU_PEMBAYARAN: _("Tagihan (kode billing) diterbitkan"),
    Status.MENUNGGU_VERIFIKASI: _("Bukti pembayaran dikirim untuk diverifikasi"),
    Status.DIPROSES: _("Produk mulai disiapkan"),
    Status.DISERAHKAN: _("Produk diserahkan"),
    Status.SELESAI: _("Transaksi selesai"),
    Status.DIBATALKAN: _("Transaksi dibatalkan"),
    Status.DIKEMBALIKAN: _("Transaksi dibatalkan; PNBP dikembalikan"),
}

# A move back is named by what happened, not by the status it returns to
# (which reads like the forward step: "invoice issued" for a refused proof).
KALIMAT_KEMBALI = {
    (Status.PERLU_PERBAIKAN, Status.DIAJUKAN): _("Transaksi diajukan kembali setelah perbaikan"),
    (Status.MENUNGGU_VERIFIKASI, Status.MENUNGGU_PEMBAYARAN): _("Bukti pembayaran ditolak; menunggu pembayaran"),
    (Status.MENUNGGU_PEMBAYARAN, Status.MENUNGGU_TAGIHAN): _("Tagihan dikembalikan untuk dikoreksi"),
}

IKON_STATUS = {
    Status.PERLU_PERBAIKAN: "bi-exclamation-circle text-warning",
    Status.DIBATALKAN: "bi-x-circle text-danger",
    Status.DIKEMBALIKAN: "bi-arrow-counterclockwise text-danger",
    Status.SELESAI: "bi-check-circle text-success",
    Status.DIPROSES: "bi-gear text-primary",
}

# Notes the services write that only repeat the sentence above.
_CATATAN_BAWAAN = {"Transaksi dibuat.", "Diajukan.", "Diajukan kembali setelah perbaikan."}

# Internal clock bookkeeping and a refund's proposal and refusal (the visitor
# hears of a refund once approved): the officer sees them, the visitor does not.
_INTERNAL = {J.JAM_BERHENTI, J.PENGINGAT, J.ESKALASI, J.TARGET_SELESAI, J.USUL_PENGEMBALIAN}


def _untuk_pengunjung(r: RiwayatTransaksi) -> bool:
    """A recompute is the visitor's business when it moved the deadline their
    page promises (the officers' note on how it was computed stays theirs);
    a paused clock's new count of days shows at the top of the page."""
    if r.jenis == J.JAM_DIHITUNG_ULANG:
        return r.batas_waktu is not None
    return r.jenis not in _INTERNAL


@dataclass(frozen=True)
class Peristiwa:
    waktu: datetime
    judul: str
    oleh: str
    catatan: str
    ikon: str


def _pelaku(r: RiwayatTransaksi, pemohon_id: int, untuk_pengunjung: bool) -> str:
    """Who acted, read after the event's title: "… oleh petugas Budi" / "… by officer Budi"."""
    if r.oleh_id is None:
        return pgettext("pelaku linimasa", "sistem")
    if r.oleh_id == pemohon_id:
        if untuk_pengunjung:
            return pgettext("pelaku linimasa", "Anda")
        return gettext("pemohon (%(nama)s)") % {"nama": r.oleh.nama_lengkap}
    return gettext("petugas %(nama)s") % {"nama": r.oleh.nama_lengkap}


def _sudah_lewat(r: RiwayatTransaksi) -> bool:
    """The deadline the row names had passed when it was written (a clock
    paused after its deadline keeps it, and resumes with it)."""
    return r.batas_waktu is not None and r.batas_waktu < r.waktu


def _judul(r: RiwayatTransaksi) -> str:
    if r.jenis == J.STATUS:
        return KALIMAT_KEMBALI.get((r.dari, r.ke)) or KALIMAT_STATUS.get(r.ke, r.get_ke_display())
    if r.jenis == J.JAM_MULAI:
        if not r.batas_waktu:
            return ""
        return gettext("Batas waktu penanganan: paling lambat %(batas)s") % {"batas": waktu_panjang(r.batas_waktu)}
    if r.jenis == J.JAM_BERHENTI:
        return gettext("Jam SOP berhenti")
    if r.jenis == J.JAM_DIHITUNG_ULANG and r.batas_waktu:
        # A day declared working after all may move a deadline back into the past: no promise then.
        if _sudah_lewat(r):
            return gettext("Batas waktu diperbarui; batas waktu sudah lewat sejak %(batas)s") % {
                "batas": waktu_panjang(r.batas_waktu)
            }
        return gettext("Batas waktu diperbarui: paling lambat %(batas)s") % {"batas": waktu_panjang(r.batas_waktu)}
    if r.jenis == J.JAM_DIJEDA:
        if _sudah_lewat(r):
            return gettext(
                "Batas waktu penyerahan dijeda selama menunggu pembayaran; batas waktu sudah lewat sejak %(batas)s"
            ) % {"batas": waktu_panjang(r.batas_waktu)}
        return gettext("Batas waktu penyerahan dijeda selama menunggu pembayaran")
    if r.jenis == J.JAM_DILANJUTKAN:
        if not r.batas_waktu:
            return ""
        if _sudah_lewat(r):
            return gettext("Batas waktu penyerahan dilanjutkan; batas waktu sudah lewat sejak %(batas)s") % {
                "batas": waktu_panjang(r.batas_waktu)
            }
        return gettext("Batas waktu penyerahan dilanjutkan: paling lambat %(batas)s") % {
            "batas": waktu_panjang(r.batas_waktu)
        }
    if r.jenis == J.PENUGASAN:
        return gettext("Tugas diambil")  # the officer follows: "… oleh petugas Budi"
    return r.get_jenis_display()


def linimasa(riwayat, pemohon_id: int, untuk_pengunjung: bool) -> list[Peristiwa]:
    """`riwayat`: rows with `oleh` selected; oldest first."""
    hasil = []
    for r in riwayat:
        if untuk_pengunjung and not _untuk_pengunjung(r):
            continue
        catatan = "" if r.catatan.strip() in _CATATAN_BAWAAN else r.catatan
        if untuk_pengunjung and r.jenis in (J.PENUGASAN, J.JAM_DIHITUNG_ULANG):
            catatan = ""  # "Ditangani oleh …" repeats the actor; how a deadline was recomputed is the officers' note
        ikon = IKON_STATUS.get(r.ke, "bi-circle-fill text-primary") if r.jenis == J.STATUS else "bi-clock text-muted"
        # A clock starts because of the move just above it: naming its actor again says nothing.
        pelaku = (
            ""
            if r.jenis in (J.JAM_MULAI, J.JAM_BERHENTI, J.JAM_DIJEDA, J.JAM_DILANJUTKAN)
            else _pelaku(r, pemohon_id, untuk_pengunjung)
        )
        hasil.append(Peristiwa(r.waktu, _judul(r), pelaku, catatan, ikon))
    return hasil
