"""Forms of the transaksi pages, by subject: `transaksi.py` (catalogue,
draft, completeness check) and `pembayaran.py` (invoice, payment, delivery)."""
