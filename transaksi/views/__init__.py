"""Pages of the transaksi app, by subject: `transaksi.py` (tariffs, the
visitor's transactions, the completeness check), `pembayaran.py` (invoice,
payment, delivery, downloads), `tenggat.py` (the deadline board). Every page
loads a transaction through `akses.py`."""
