"""The history of a transaction told in plain Indonesian (the visitor's
timeline and the officer's log are the same rows, `RiwayatTransaksi`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pst_layanan.format import waktu_panjang
from transaksi.models import RiwayatTransaksi, Status

J = RiwayatTransaksi.Jenis

KALIMAT_STATUS = {
    Status.DRAF: "Draf transaksi dibuat",
    Status.DIAJUKAN: "Transaksi diajukan untuk diperiksa",
    Status.PERLU_PERBAIKAN: "Petugas meminta perbaikan persyaratan",
    Status.MENUNGGU_TAGIHAN: "Persyaratan dinyatakan lengkap; tagihan disiapkan",
    Status.MENUNGGU_PEMBAYARAN: "Tagihan (kode billing) diterbitkan",
    Status.MENUNGGU_VERIFIKASI: "Bukti pembayaran dikirim untuk diverifikasi",
    Status.DIPROSES: "Produk mulai disiapkan",
    Status.DISERAHKAN: "Produk diserahkan",
    Status.SELESAI: "Transaksi selesai",
    Status.DIBATALKAN: "Transaksi dibatalkan",
    Status.DIKEMBALIKAN: "Transaksi dibatalkan; PNBP dikembalikan",
}

IKON_STATUS = {
    Status.PERLU_PERBAIKAN: "bi-exclamation-circle text-warning",
    Status.DIBATALKAN: "bi-x-circle text-danger",
    Status.DIKEMBALIKAN: "bi-arrow-counterclockwise text-danger",
    Status.SELESAI: "bi-check-circle text-success",
    Status.DIPROSES: "bi-gear text-primary",
}

# Notes the services write that only repeat the sentence above.
_CATATAN_BAWAAN = {"Transaksi dibuat.", "Diajukan."}

# Internal clock bookkeeping: the officer sees it, the visitor does not.
_INTERNAL = {J.JAM_BERHENTI, J.PENGINGAT, J.ESKALASI, J.JAM_DIHITUNG_ULANG, J.TARGET_SELESAI}


@dataclass(frozen=True)
class Peristiwa:
    waktu: datetime
    judul: str
    oleh: str
    catatan: str
    ikon: str


def _pelaku(r: RiwayatTransaksi, pemohon_id: int, untuk_pengunjung: bool) -> str:
    if r.oleh_id is None:
        return "sistem"
    if r.oleh_id == pemohon_id:
        return "Anda" if untuk_pengunjung else f"pemohon ({r.oleh.nama_lengkap})"
    return f"petugas {r.oleh.nama_lengkap}"


def _judul(r: RiwayatTransaksi) -> str:
    if r.jenis == J.STATUS:
        return KALIMAT_STATUS.get(r.ke, r.get_ke_display())
    if r.jenis == J.JAM_MULAI:
        return f"Batas waktu penanganan: paling lambat {waktu_panjang(r.batas_waktu)}" if r.batas_waktu else ""
    if r.jenis == J.JAM_BERHENTI:
        return "Jam SOP berhenti"
    if r.jenis == J.JAM_DIJEDA:
        return "Batas waktu penyerahan dijeda selama menunggu pembayaran"
    if r.jenis == J.JAM_DILANJUTKAN:
        return (
            f"Batas waktu penyerahan dilanjutkan: paling lambat {waktu_panjang(r.batas_waktu)}" if r.batas_waktu else ""
        )
    if r.jenis == J.PENUGASAN:
        return "Petugas mengambil tugas"
    return r.get_jenis_display()


def linimasa(riwayat, pemohon_id: int, untuk_pengunjung: bool) -> list[Peristiwa]:
    """`riwayat`: rows with `oleh` selected; oldest first."""
    hasil = []
    for r in riwayat:
        if untuk_pengunjung and r.jenis in _INTERNAL:
            continue
        catatan = "" if r.catatan.strip() in _CATATAN_BAWAAN else r.catatan
        if r.jenis == J.PENUGASAN and untuk_pengunjung:
            catatan = ""  # "Ditangani oleh …" repeats the actor
        ikon = IKON_STATUS.get(r.ke, "bi-circle-fill text-primary") if r.jenis == J.STATUS else "bi-clock text-muted"
        # A clock starts because of the move just above it: naming its actor again says nothing.
        pelaku = (
            ""
            if r.jenis in (J.JAM_MULAI, J.JAM_BERHENTI, J.JAM_DIJEDA, J.JAM_DILANJUTKAN)
            else _pelaku(r, pemohon_id, untuk_pengunjung)
        )
        hasil.append(Peristiwa(r.waktu, _judul(r), pelaku, catatan, ikon))
    return hasil
