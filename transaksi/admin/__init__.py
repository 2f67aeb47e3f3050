"""Admin of the transaksi app, by subject: catalogue and transactions
(`transaksi.py`), payment documents and history, read-only (`pembayaran.py`),
the deadline overview (`tenggat.py`)."""

from transaksi.admin import pembayaran, tenggat, transaksi

__all__ = ["pembayaran", "tenggat", "transaksi"]
