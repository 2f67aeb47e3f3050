"""Forms of the transaksi pages, by subject: `transaksi.py` (catalogue,
draft, completeness check) and `pembayaran.py` (invoice, payment, delivery)."""

from transaksi.forms.transaksi import (
    BatalForm,
    BuatTransaksiForm,
    ItemForm,
    KalkulatorForm,
    LengkapForm,
    PerbaikanForm,
    SaringPeriksaForm,
    pesan_galat,
)

__all__ = [
    "BatalForm",
    "BuatTransaksiForm",
    "ItemForm",
    "KalkulatorForm",
    "LengkapForm",
    "PerbaikanForm",
    "SaringPeriksaForm",
    "pesan_galat",
]
