"""Every change to a transaction goes through these services, by step:
`inti.py` (lock, check and make a move, history, clocks, who may act),
`pengajuan.py` (draft, submission, completeness check), `pembayaran.py`
(invoice, proof of payment), `penyerahan.py` (delivery, receipt, downloads).
The core and the submission step are importable from here as
`transaksi.services.<name>`."""

from transaksi.alur import TransisiTidakSah
from transaksi.services.inti import (
    Langkah,
    catat,
    email_petugas,
    email_semua_petugas,
    hitung_total,
    kunci,
    langkah,
    masih_bertugas,
    milik_sendiri,
    pastikan_boleh_aksi,
    pelaku,
    pindah_status,
)
from transaksi.services.pengajuan import (
    STATUS_BISA_DIUBAH,
    ajukan,
    ambil_tugas,
    batalkan,
    buat_transaksi,
    hapus_item,
    kunjungan_untuk_transaksi,
    minta_nol_rupiah,
    minta_perbaikan,
    mulai_transaksi,
    nyatakan_lengkap,
    tambah_item,
    unggah_dokumen,
)

__all__ = [
    "STATUS_BISA_DIUBAH",
    "Langkah",
    "TransisiTidakSah",
    "ajukan",
    "ambil_tugas",
    "batalkan",
    "buat_transaksi",
    "catat",
    "email_petugas",
    "email_semua_petugas",
    "hapus_item",
    "hitung_total",
    "kunci",
    "masih_bertugas",
    "kunjungan_untuk_transaksi",
    "langkah",
    "milik_sendiri",
    "minta_nol_rupiah",
    "minta_perbaikan",
    "mulai_transaksi",
    "nyatakan_lengkap",
    "pastikan_boleh_aksi",
    "pelaku",
    "pindah_status",
    "tambah_item",
    "unggah_dokumen",
]
