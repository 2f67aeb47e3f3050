"""Pages of the transaksi app, by subject: `transaksi.py` (tariffs, the
visitor's transactions, the completeness check), `pembayaran.py` (invoice,
payment, delivery, downloads), `tenggat.py` (the deadline board)."""

from transaksi.views.transaksi import _get_transaksi_for_user

__all__ = ["_get_transaksi_for_user"]
