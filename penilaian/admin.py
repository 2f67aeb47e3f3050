from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from penilaian import laporan
from penilaian.models import LaporanBulanan, Penilaian
from penilaian.skm import KOLOM_SKOR
from pst_layanan.admin import AdminKantor, CatatAksesAdmin
from pst_layanan.appendonly import TanpaTambahHapusAdmin


@admin.register(Penilaian)
class PenilaianAdmin(CatatAksesAdmin, TanpaTambahHapusAdmin, AdminKantor, admin.ModelAdmin):
    """Ratings are the visitor's words: readable, never edited by hand
    (answers to feedback go through the officers' page and its e-mail)."""

    list_display = ("dikirim_pada", "transaksi", "kunjungan", "kanal", "media", "minta_tindak_lanjut", "dijawab_pada")

    def subjek_akses(self, obj):
        return obj.pengguna  # their name, e-mail and feedback

    list_filter = ("kanal", "media", "minta_tindak_lanjut", "layanan")
    search_fields = ("transaksi__nomor", "pengguna__email", "umpan_balik")
    date_hierarchy = "dikirim_pada"
    list_select_related = ("transaksi", "kunjungan")
    fields = (
        "transaksi",
        "kunjungan",
        "pengguna",
        "kanal",
        "media",
        "layanan",
        *KOLOM_SKOR,
        "umpan_balik",
        "minta_tindak_lanjut",
        "dibuka_pada",
        "dikirim_pada",
        "jawaban",
        "dijawab_oleh",
        "dijawab_pada",
    )

    def get_readonly_fields(self, request, obj=None):
        return self.fields


_BERKAS_LAPORAN = [f.name for f in LaporanBulanan._meta.fields if isinstance(f, models.FileField)]


@admin.register(LaporanBulanan)
class LaporanBulananAdmin(AdminKantor, admin.ModelAdmin):
    """An office's reports to its staff; the province's (no office) to whoever sees every office."""

    list_display = ("bulan", "kantor", "status", "progres", "selesai_pada", "dikirim_pada")
    list_filter = ("kantor",)
    list_select_related = ("kantor",)
    # The files have no address of their own (private storage): one field links each to the site's checked download.
    exclude = _BERKAS_LAPORAN
    readonly_fields = [f.name for f in LaporanBulanan._meta.fields if f.name not in _BERKAS_LAPORAN] + ["berkas"]

    @admin.display(description=_("berkas"))
    def berkas(self, obj):
        ada = [jenis for jenis in self.exclude if getattr(obj, jenis)]
        tautan = ((reverse("penilaian:laporan_unduh", args=[obj.pk, jenis]), jenis.upper()) for jenis in ada)
        return format_html_join(", ", '<a href="{}">{}</a>', tautan) or None

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        laporan.hapus_laporan(LaporanBulanan.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        laporan.hapus_laporan(queryset)
