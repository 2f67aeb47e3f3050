"""The transaction state machine: one table of allowed moves, whose turn it
is in each status, and which SOP clock runs there (ARCHITECTURE)."""

from __future__ import annotations

from transaksi.models import Jam, Status

S = Status

TRANSISI: dict[str, frozenset[str]] = {
    S.DRAF: frozenset({S.DIAJUKAN, S.DIBATALKAN}),
    S.DIAJUKAN: frozenset({S.PERLU_PERBAIKAN, S.MENUNGGU_TAGIHAN, S.DIPROSES, S.DIBATALKAN}),
    S.PERLU_PERBAIKAN: frozenset({S.DIAJUKAN, S.DIBATALKAN}),
    S.MENUNGGU_TAGIHAN: frozenset({S.MENUNGGU_PEMBAYARAN, S.DIBATALKAN}),
    S.MENUNGGU_PEMBAYARAN: frozenset({S.MENUNGGU_TAGIHAN, S.MENUNGGU_VERIFIKASI, S.DIBATALKAN}),
    S.MENUNGGU_VERIFIKASI: frozenset({S.MENUNGGU_PEMBAYARAN, S.DIPROSES}),
    S.DIPROSES: frozenset({S.DISERAHKAN}),
    S.DISERAHKAN: frozenset({S.SELESAI}),
    S.SELESAI: frozenset(),
    S.DIBATALKAN: frozenset(),
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
}

# The clock that starts afresh whenever a transaction enters the status:
# the office must act within 3 working days (SOP step 5) and deliver within
# 10 working days of processing starting (SOP step 7).
JAM_STATUS: dict[str, tuple[str, int]] = {
    S.DIAJUKAN: (Jam.PERIKSA, 3),
    S.MENUNGGU_TAGIHAN: (Jam.PERIKSA, 3),
    S.MENUNGGU_VERIFIKASI: (Jam.PERIKSA, 3),
    S.DIPROSES: (Jam.PROSES, 10),
}

HARI_KERJA_JAM = {Jam.PERIKSA: 3, Jam.PROSES: 10}

STATUS_GILIRAN_KANTOR = frozenset(s for s, g in GILIRAN.items() if g == KANTOR)
STATUS_TERBUKA = frozenset(s for s, g in GILIRAN.items() if g != TIDAK_ADA)
# A visitor may withdraw before paying (DOMAIN: payment is to the treasury).
STATUS_BATAL_OLEH_PENGUNJUNG = frozenset(
    {S.DRAF, S.DIAJUKAN, S.PERLU_PERBAIKAN, S.MENUNGGU_TAGIHAN, S.MENUNGGU_PEMBAYARAN}
)

LANGKAH_BERIKUTNYA: dict[str, str] = {
    S.DRAF: "Lengkapi item dan dokumen persyaratan, lalu ajukan transaksi.",
    S.DIAJUKAN: "Petugas sedang memeriksa kelengkapan persyaratan Anda.",
    S.PERLU_PERBAIKAN: "Perbaiki dokumen sesuai catatan petugas, lalu ajukan kembali.",
    S.MENUNGGU_TAGIHAN: "Persyaratan lengkap. Petugas sedang menerbitkan tagihan (kode billing SIMPONI).",
    S.MENUNGGU_PEMBAYARAN: "Bayar tagihan dengan kode billing sebelum kedaluwarsa, lalu unggah bukti bayar (NTPN).",
    S.MENUNGGU_VERIFIKASI: "Petugas sedang memverifikasi bukti pembayaran Anda.",
    S.DIPROSES: "Produk sedang disiapkan oleh petugas.",
    S.DISERAHKAN: "Unduh produk Anda, lalu beri penilaian untuk menutup transaksi.",
    S.SELESAI: "Transaksi selesai. Terima kasih.",
    S.DIBATALKAN: "Transaksi dibatalkan.",
}


class TransisiTidakSah(Exception):
    """An illegal move; the message is shown to the user as is."""


def giliran(status: str) -> str:
    return GILIRAN[status]


def boleh(dari: str, ke: str) -> bool:
    return ke in TRANSISI[dari]


def pastikan_boleh(dari: str, ke: str) -> None:
    if not boleh(dari, ke):
        raise TransisiTidakSah(
            f"Transaksi berstatus \u201c{Status(dari).label}\u201d tidak dapat diubah menjadi "
            f"\u201c{Status(ke).label}\u201d."
        )
