"""Back office, read-only: the payment documents and the transaction history.

Invoices, proofs, receipts, hand-over records, delivered files, the download
log and the status history are the audit trail of state revenue (PNBP): the
admin shows them and never adds, changes or deletes one (every change goes
through `transaksi.services`; a correction is a new document). Files are
not linked here: they are served only by the site's checked download views.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pst_layanan.admin import AdminKantor, CatatAksesAdmin, kolom_rupiah
from pst_layanan.appendonly import AppendOnlyAdmin
from transaksi.models import BerkasProduk, BuktiBayar, Kuitansi, RiwayatTransaksi, SerahTerima, Tagihan, Unduhan


class HanyaBacaAdmin(AdminKantor, AppendOnlyAdmin, admin.ModelAdmin):
    """Listed and viewable (view permission), nothing else; every shown field read-only."""

    list_select_related = ["transaksi"]
    search_fields = ["transaksi__nomor"]
    kolom_kantor = "transaksi__kantor"

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields or [f.name for f in self.model._meta.fields]


@admin.register(Tagihan)
class TagihanAdmin(HanyaBacaAdmin):
    list_display = [
        "nomor",
        "transaksi",
        kolom_rupiah(Tagihan, "jumlah"),
        "kode_billing",
        "kanal_bayar",
        "status",
        "diterbitkan_pada",
        "kedaluwarsa_pada",
    ]
    list_filter = ["status"]
    search_fields = ["nomor", "kode_billing", "transaksi__nomor"]
    fields = [
        "nomor",
        "transaksi",
        "jumlah",
        "kode_billing",
        "sumber_billing",
        "diterbitkan_pada",
        "kedaluwarsa_pada",
        "kanal_bayar",
        "catatan",
        "contoh_data_nama",
        "diterbitkan_oleh",
        "status",
        "diganti_pada",
        "catatan_koreksi",
        "lunas_pada",
        "dibatalkan_pada",
        "alasan_batal",
    ]

    @admin.display(description=_("kanal pembayaran"))
    def kanal_bayar(self, obj):
        # The channels as the issuing form names them (and the invoice prints
        # them), not the stored codes.
        return "; ".join(str(label) for label in obj.get_kanal_display())


@admin.register(BuktiBayar)
class BuktiBayarAdmin(CatatAksesAdmin, HanyaBacaAdmin):
    def subjek_akses(self, obj):
        return obj.transaksi.pemohon  # who paid, from which bank and account

    list_display = ["__str__", "cara_bayar", "transaksi", "tagihan", "status", "dikirim_pada", "diperiksa_oleh"]
    list_select_related = ["transaksi", "tagihan", "diperiksa_oleh"]
    list_filter = ["status", "cara_bayar"]
    search_fields = ["ntpn", "nomor_referensi", "transaksi__nomor"]
    fields = [
        "transaksi",
        "tagihan",
        "cara_bayar",
        "ntpn",
        "bank_pengirim",
        "nomor_referensi",
        "dibayar_pada",
        "nama_asli",
        "ukuran",
        "tipe",
        "dikirim_oleh",
        "dikirim_pada",
        "status",
        "alasan_tolak",
        "diperiksa_oleh",
        "diperiksa_pada",
    ]


@admin.register(Kuitansi)
class KuitansiAdmin(HanyaBacaAdmin):
    list_display = ["nomor", "transaksi", kolom_rupiah(Kuitansi, "jumlah"), "diterbitkan_pada", "diterbitkan_oleh"]
    list_select_related = ["transaksi", "diterbitkan_oleh"]
    search_fields = ["nomor", "transaksi__nomor"]
    fields = ["nomor", "transaksi", "tagihan", "bukti_bayar", "jumlah", "diterbitkan_pada", "diterbitkan_oleh"]


@admin.register(SerahTerima)
class SerahTerimaAdmin(HanyaBacaAdmin):
    list_display = ["nomor", "transaksi", "media", "penerima_nama", "diserahkan_pada"]
    search_fields = ["nomor", "transaksi__nomor"]
    fields = ["nomor", "transaksi", "media", "uraian", "penerima_nama", "diserahkan_oleh", "diserahkan_pada"]


@admin.register(BerkasProduk)
class BerkasProdukAdmin(HanyaBacaAdmin):
    list_display = ["nama_asli", "transaksi", "ukuran", "diunggah_pada", "diunggah_oleh"]
    list_select_related = ["transaksi", "diunggah_oleh"]
    fields = ["transaksi", "nama_asli", "ukuran", "diunggah_oleh", "diunggah_pada"]


@admin.register(Unduhan)
class UnduhanAdmin(HanyaBacaAdmin):
    list_display = ["waktu", "transaksi", "jenis", "nama", "oleh"]
    list_select_related = ["transaksi", "oleh"]
    list_filter = ["jenis"]
    fields = ["transaksi", "jenis", "objek_id", "nama", "oleh", "waktu"]


@admin.register(RiwayatTransaksi)
class RiwayatTransaksiAdmin(HanyaBacaAdmin):
    list_display = ["waktu", "transaksi", "jenis", "dari", "ke", "oleh"]
    list_select_related = ["transaksi", "oleh"]
    list_filter = ["jenis", "ke"]
    fields = ["transaksi", "waktu", "jenis", "dari", "ke", "jam", "batas_waktu", "oleh", "catatan"]
