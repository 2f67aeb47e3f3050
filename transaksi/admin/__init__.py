"""Admin of the transaksi app, by subject: catalogue and transactions
(`transaksi.py`), payment documents and history, read-only (`pembayaran.py`),
refunds of PNBP, read-only (`pengembalian.py`), the deadline overview (`tenggat.py`),
and the accounts an office's staff may see (`pengguna.py`)."""

from transaksi.admin import pembayaran, pengembalian, pengguna, tenggat, transaksi

__all__ = ["pembayaran", "pengembalian", "pengguna", "tenggat", "transaksi"]
