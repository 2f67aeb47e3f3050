"""The transaction state machine: the statuses, the SOP clocks, one table of
allowed moves with who may make each, whose turn it is in each status, and
which clock runs there.

This is the vocabulary the rest of the app is written in, so it imports no
models: models, services, views and jobs import it, never the reverse.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from pst_layanan.format import lama
from pst_layanan.sop import SOP


class Status(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan, menunggu pemeriksaan")
    PERLU_PERBAIKAN = "perlu_perbaikan", _("Perlu perbaikan persyaratan")
    MENUNGGU_TAGIHAN = "menunggu_tagihan", _("Lengkap, menunggu tagihan")
    MENUNGGU_PEMBAYARAN = "menunggu_pembayaran", _("Menunggu pembayaran")
    MENUNGGU_VERIFIKASI = "menunggu_verifikasi", _("Bukti bayar menunggu verifikasi")
    # "Diproses" also names a refund the treasurer has processed: the context keeps them apart.
    DIPROSES = "diproses", pgettext_lazy("status transaksi", "Diproses")
    DISERAHKAN = "diserahkan", _("Produk diserahkan, menunggu penilaian")
    SELESAI = "selesai", _("Selesai")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")
    # Paid, then found undeliverable: cancelled with the PNBP refunded (transaksi/services/pengembalian.py).
    DIKEMBALIKAN = "dikembalikan", _("Dibatalkan — PNBP dikembalikan")


def _standar_jam(kode: str) -> str:
    """ "3 hari kerja": the standard of clock `kode`, read from `HARI_KERJA_JAM`
    (below) when a label is shown, through `lama` so one working day reads
    in the singular."""
    return lama(HARI_KERJA_JAM[kode], "hari_kerja")


_standar_jam_malas = lazy(_standar_jam, str)


class Jam(models.TextChoices):
    """Which SOP clock runs on the transaction."""

    TIDAK_ADA = "", _("Tidak berjalan")
    PERIKSA = "periksa", format_lazy(_("Antrean pemeriksaan ({lama})"), lama=_standar_jam_malas("periksa"))
    PROSES = "proses", format_lazy(_("Penyerahan produk ({lama})"), lama=_standar_jam_malas("proses"))


class Pelaku(StrEnum):
    """Who makes a move: the transaction's owner, an officer, a supervisor
    (who is also an officer), the treasurer (bendahara penerimaan: cash, and
    transfer proofs), or a beat job (no user)."""

    PEMOHON = "pemohon"
    PETUGAS = "petugas"
    SUPERVISOR = "supervisor"
    SISTEM = "sistem"
    BENDAHARA = "bendahara"


S = Status
PEMOHON, PETUGAS, SUPERVISOR, SISTEM, BENDAHARA = (
    Pelaku.PEMOHON,
    Pelaku.PETUGAS,
    Pelaku.SUPERVISOR,
    Pelaku.SISTEM,
    Pelaku.BENDAHARA,
)
_SIAPA_SAJA = frozenset({PEMOHON, PETUGAS})

# from → {to: who may make that move}.
TRANSISI: dict[str, dict[str, frozenset[Pelaku]]] = {
    S.DRAF: {S.DIAJUKAN: frozenset({PEMOHON}), S.DIBATALKAN: _SIAPA_SAJA},
    S.DIAJUKAN: {
        S.PERLU_PERBAIKAN: frozenset({PETUGAS}),
        S.MENUNGGU_TAGIHAN: frozenset({PETUGAS}),
        # Requirements complete and nothing to pay (free product, approved Rp0).
        S.DIPROSES: frozenset({PETUGAS}),
        S.DIBATALKAN: _SIAPA_SAJA,
    },
    S.PERLU_PERBAIKAN: {S.DIAJUKAN: frozenset({PEMOHON}), S.DIBATALKAN: _SIAPA_SAJA},
    S.MENUNGGU_TAGIHAN: {
        S.MENUNGGU_PEMBAYARAN: frozenset({PETUGAS}),
        # A proof for an earlier invoice paid before its expiry (payments are judged by their date).
        S.MENUNGGU_VERIFIKASI: frozenset({PEMOHON}),
        S.DIBATALKAN: _SIAPA_SAJA,
    },
    S.MENUNGGU_PEMBAYARAN: {
        # The visitor asks for a corrected invoice, or the officer corrects the
        # items. An expired invoice does not move the transaction: it stays
        # the visitor's turn (README, "Money").
        S.MENUNGGU_TAGIHAN: frozenset({PEMOHON, PETUGAS}),
        S.MENUNGGU_VERIFIKASI: frozenset({PEMOHON}),
        # Cash counted by the treasurer needs no verification: paid as recorded.
        S.DIPROSES: frozenset({BENDAHARA}),
        S.DIBATALKAN: _SIAPA_SAJA,
    },
    # Once paid, only a refused proof goes back; money paid to the treasury is
    # not refunded here, so neither side may cancel.
    # The proof is verified (in process) or refused (back to paying) by whoever
    # checks its kind of payment (`PEMERIKSA_BUKTI`).
    S.MENUNGGU_VERIFIKASI: {
        S.MENUNGGU_PEMBAYARAN: frozenset({PETUGAS, BENDAHARA}),
        S.DIPROSES: frozenset({PETUGAS, BENDAHARA}),
    },
    S.DIPROSES: {
        S.DISERAHKAN: frozenset({PETUGAS}),
        # The product cannot be delivered: an officer proposes a refund, only
        # a supervisor approves it (transaksi/services/pengembalian.py).
        S.DIKEMBALIKAN: frozenset({SUPERVISOR}),
    },
    # Rated by the visitor, or closed unrated by the beat job.
    S.DISERAHKAN: {S.SELESAI: frozenset({PEMOHON, SISTEM})},
    S.SELESAI: {},
    S.DIBATALKAN: {},
    S.DIKEMBALIKAN: {},
}

# Who checks a waiting proof, by how it was paid (`CaraBayar` values): an
# NTPN against SIMPONI, the officer's; a bank transfer against the office's
# account statement, which the treasurer holds (an officer still may, in an
# office without one). Cash is recorded accepted and never waits.
PEMERIKSA_BUKTI: dict[str, frozenset[Pelaku]] = {
    "simponi": frozenset({PETUGAS}),
    "transfer": frozenset({PETUGAS, BENDAHARA}),
}

PENGUNJUNG, KANTOR, TIDAK_ADA = "pengunjung", "kantor", ""

GILIRAN: dict[str, str] = {
    S.DRAF: PENGUNJUNG,
    S.DIAJUKAN: KANTOR,
    S.PERLU_PERBAIKAN: PENGUNJUNG,
    S.MENUNGGU_TAGIHAN: KANTOR,
    S.MENUNGGU_PEMBAYARAN: PENGUNJUNG,
    S.MENUNGGU_VERIFIKASI: KANTOR,
    S.DIPROSES: KANTOR,
    S.DISERAHKAN: PENGUNJUNG,
    S.SELESAI: TIDAK_ADA,
    S.DIBATALKAN: TIDAK_ADA,
    S.DIKEMBALIKAN: TIDAK_ADA,
}

# The SOP clock each status belongs to (the rules are applied in transaksi/jam.py):
# - PERIKSA, step 5: the wait in the queue, from each submission (a
#   resubmission is a new wait) to the officer's completeness decision;
# - PROSES, step 7: from "requirements complete" to hand-over. Issuing the
#   invoice and checking the payment are office time and count; it is
#   paused in the statuses where it is the visitor's turn (`GILIRAN`).
# A status not listed (draft, sent back, delivered, closed) stops the clock.
JAM_STATUS: dict[str, str] = {
    S.DIAJUKAN: Jam.PERIKSA,
    S.MENUNGGU_TAGIHAN: Jam.PROSES,
    S.MENUNGGU_PEMBAYARAN: Jam.PROSES,
    S.MENUNGGU_VERIFIKASI: Jam.PROSES,
    S.DIPROSES: Jam.PROSES,
}

# Working days each clock allows (SOP steps 5 and 7).
HARI_KERJA_JAM = {Jam.PERIKSA: SOP.pemeriksaan_hari_kerja, Jam.PROSES: SOP.penyerahan_hari_kerja}

# The office's internal targets (not SOP steps): the status whose stay is
# measured → the office setting (`Kantor`) holding its length in working days.
TARGET_INTERNAL: dict[str, str] = {
    S.MENUNGGU_TAGIHAN: "target_tagihan_hari_kerja",
    S.MENUNGGU_VERIFIKASI: "target_verifikasi_hari_kerja",
}
NAMA_TARGET: dict[str, str] = {
    S.MENUNGGU_TAGIHAN: _("tagihan terbit"),
    S.MENUNGGU_VERIFIKASI: _("bukti bayar diperiksa"),
}


def jam_dijeda_di(status: str) -> bool:
    """The delivery clock waits here: it is the visitor's turn."""
    return JAM_STATUS.get(status) == Jam.PROSES and GILIRAN[status] == PENGUNJUNG


STATUS_GILIRAN_KANTOR = frozenset(s for s, g in GILIRAN.items() if g == KANTOR)
# Closed for good: rated or closed unrated, cancelled, cancelled with a refund.
STATUS_TUTUP = (S.SELESAI, S.DIBATALKAN, S.DIKEMBALIKAN)
# The moves that end a transaction without its steps' outcome: cancelled, or refunded.
STATUS_PEMBATALAN = (S.DIBATALKAN, S.DIKEMBALIKAN)
# No move left to the office's staff (delivered, the visitor's rating awaited;
# closed): nothing to take on, so no task to take.
STATUS_TANPA_TUGAS = frozenset(
    s for s, ke in TRANSISI.items() if not any(siapa & {PETUGAS, SUPERVISOR, BENDAHARA} for siapa in ke.values())
)
STATUS_TERBUKA = frozenset(s for s, g in GILIRAN.items() if g != TIDAK_ADA)
STATUS_BATAL_OLEH_PENGUNJUNG = frozenset(s for s, ke in TRANSISI.items() if PEMOHON in ke.get(S.DIBATALKAN, ()))

LANGKAH_BERIKUTNYA: dict[str, str] = {
    S.DRAF: _("Lengkapi item dan dokumen persyaratan, lalu ajukan transaksi."),
    S.DIAJUKAN: _("Petugas sedang memeriksa kelengkapan persyaratan Anda."),
    S.PERLU_PERBAIKAN: _("Perbaiki dokumen sesuai catatan petugas, lalu ajukan kembali."),
    S.MENUNGGU_TAGIHAN: _("Persyaratan lengkap. Petugas sedang menerbitkan tagihan (kode billing SIMPONI)."),
    S.MENUNGGU_PEMBAYARAN: _("Bayar tagihan dengan kode billing sebelum kedaluwarsa, lalu unggah bukti bayar (NTPN)."),
    S.MENUNGGU_VERIFIKASI: _("Petugas sedang memverifikasi bukti pembayaran Anda."),
    S.DIPROSES: _("Produk sedang disiapkan oleh petugas."),
    # True before and after the rating period ends (the rating box below says which).
    S.DISERAHKAN: _(
        "Unduh produk Anda. Transaksi ditutup dengan penilaian layanan Anda, "
        "atau otomatis bila masa penilaian berakhir."
    ),
    S.SELESAI: _("Transaksi selesai. Terima kasih."),
    S.DIBATALKAN: _("Transaksi dibatalkan."),
    S.DIKEMBALIKAN: _(
        "Transaksi dibatalkan karena produk tidak dapat diberikan. PNBP yang sudah Anda bayar "
        "dikembalikan ke rekening yang tercatat melalui bendahara penerimaan."
    ),
}

# Paying, where the office takes more than SIMPONI (or no SIMPONI at all):
# the payment page lists its ways (`selectors.langkah_berikutnya` picks it).
LANGKAH_BAYAR_PILIHAN = _("Bayar tagihan sebelum kedaluwarsa dengan salah satu cara pembayaran di halaman pembayaran.")
# The officer sent the items back: the status still reads "waiting for the invoice".
LANGKAH_KOREKSI_ITEM = _(
    "Petugas meminta Anda mengoreksi jumlah item. Ubah jumlahnya di bagian Pembayaran, lalu simpan; "
    "petugas menerbitkan tagihan baru untuk total yang baru."
)
# The invoice expired unpaid: the visitor must not pay it, and waits for a new one.
LANGKAH_TAGIHAN_KEDALUWARSA = _(
    "Tagihan Anda kedaluwarsa sebelum dibayar. Petugas akan menerbitkan tagihan baru dan mengirimkannya "
    "lewat e-mail; bila Anda sudah membayarnya tepat waktu, kirim bukti bayarnya di bagian Pembayaran."
)

# The visitor's own moves that still get an e-mail: a receipt that what they
# sent has arrived (their documents, their proof of payment). Every other move
# the visitor makes (a correction request, a cancellation, the rating) they
# already see on the page, so it sends them nothing.
TANDA_TERIMA_PEMOHON: dict[str, str] = {
    S.DIAJUKAN: _("Pengajuan Anda telah kami terima."),
    S.MENUNGGU_VERIFIKASI: _("Bukti bayar Anda telah kami terima."),
}

PESAN_HANYA = {
    PETUGAS: _("Hanya petugas layanan yang dapat melakukan langkah ini."),
    SUPERVISOR: _("Hanya supervisor yang dapat melakukan langkah ini."),
    PEMOHON: _("Hanya pemohon transaksi ini yang dapat melakukan langkah ini."),
    SISTEM: _("Langkah ini dijalankan otomatis oleh sistem."),
    BENDAHARA: _("Hanya bendahara penerimaan yang dapat melakukan langkah ini."),
}


class TransisiTidakSah(Exception):
    """An illegal move; the message is shown to the user as is."""


def giliran(status: str) -> str:
    return GILIRAN[status]


def boleh(dari: str, ke: str) -> bool:
    return ke in TRANSISI[dari]


def pelaku_boleh(dari: str, ke: str) -> frozenset[Pelaku]:
    """Who may move a transaction from `dari` to `ke` (empty: nobody)."""
    return TRANSISI[dari].get(ke, frozenset())


def pastikan_pelaku(diizinkan: frozenset[Pelaku] | set[Pelaku], pelaku: frozenset[Pelaku] | set[Pelaku]) -> None:
    """Refuse unless one of the roles `pelaku` holds is among `diizinkan`.

    When the owner may act, the refusal names the owner: an officer who may
    also act does not need to be told, a stranger does."""
    if diizinkan & pelaku:
        return
    for siapa in (PEMOHON, PETUGAS, SUPERVISOR, BENDAHARA, SISTEM):
        if siapa in diizinkan:
            raise TransisiTidakSah(PESAN_HANYA[siapa])


def pastikan_boleh(dari: str, ke: str, pelaku: frozenset[Pelaku] | set[Pelaku]) -> None:
    """Refuse a move the table does not list, or one `pelaku` may not make."""
    if dari == ke:  # a second tab, a repeated click, or someone else got there first
        raise TransisiTidakSah(
            gettext(
                "Transaksi ini sudah berstatus \u201c%(status)s\u201d; langkah itu sudah dijalankan, "
                "mungkin dari tab lain atau oleh orang lain. Muat ulang halaman untuk melihat keadaannya sekarang."
            )
            % {"status": Status(dari).label}
        )
    if not boleh(dari, ke):
        raise TransisiTidakSah(
            gettext("Transaksi berstatus \u201c%(dari)s\u201d tidak dapat diubah menjadi \u201c%(ke)s\u201d.")
            % {"dari": Status(dari).label, "ke": Status(ke).label}
        )
    pastikan_pelaku(pelaku_boleh(dari, ke), pelaku)


class Aksi(StrEnum):
    """Changes to a transaction that are not a move of its status."""

    UBAH_DRAF = "ubah_draf"  # items and requirement documents
    AMBIL_TUGAS = "ambil_tugas"
    GANTI_TAGIHAN = "ganti_tagihan"  # a new billing code for an expired invoice
    KOREKSI_ITEM = "koreksi_item"  # quantities corrected before payment
    BUKA_KOREKSI_ITEM = "buka_koreksi_item"  # the items sent back to the visitor to correct
    USUL_PENGEMBALIAN = "usul_pengembalian"  # a refund of PNBP proposed
    PUTUSKAN_PENGEMBALIAN = "putuskan_pengembalian"  # ... and approved or refused


PELAKU_AKSI: dict[Aksi, frozenset[Pelaku]] = {
    Aksi.UBAH_DRAF: frozenset({PEMOHON}),
    Aksi.AMBIL_TUGAS: frozenset({PETUGAS}),
    Aksi.GANTI_TAGIHAN: frozenset({PETUGAS}),
    # The visitor only while the officer has the items open to them (services/pembayaran.py).
    Aksi.KOREKSI_ITEM: frozenset({PETUGAS, PEMOHON}),
    Aksi.BUKA_KOREKSI_ITEM: frozenset({PETUGAS}),
    Aksi.USUL_PENGEMBALIAN: frozenset({PETUGAS}),
    Aksi.PUTUSKAN_PENGEMBALIAN: frozenset({SUPERVISOR}),
}
