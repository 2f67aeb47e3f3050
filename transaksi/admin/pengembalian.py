"""Back office, read-only: refunds of PNBP (changed only through
`transaksi/services/pengembalian.py`)."""

from __future__ import annotations

from django.contrib import admin

from pst_layanan.admin import CatatAksesAdmin, kolom_rupiah
from transaksi.admin.pembayaran import HanyaBacaAdmin
from transaksi.models import Pengembalian


@admin.register(Pengembalian)
class PengembalianAdmin(CatatAksesAdmin, HanyaBacaAdmin):
    def subjek_akses(self, obj):
        return obj.transaksi.pemohon  # the account the refund goes to

    list_display = [
        "nomor",
        "transaksi",
        kolom_rupiah(Pengembalian, "jumlah"),
        "status",
        "diajukan_pada",
        "diputuskan_pada",
        "diproses_pada",
    ]
    list_filter = ["status"]
    search_fields = ["nomor", "transaksi__nomor", "nomor_rekening"]
    fields = [
        "nomor",
        "transaksi",
        "tagihan",
        "jumlah",
        "alasan",
        "nama_rekening",
        "nomor_rekening",
        "nama_bank",
        "status",
        "diajukan_oleh",
        "diajukan_pada",
        *Pengembalian.KOLOM_KEPUTUSAN,
    ]
