"""Deadlines in the transaction admin: a column with the time left, list
filters (overdue, due today, escalated) and actions that call the same
services as beat (transaksi/tenggat.py). Mixed into `TransaksiAdmin`, so the
admin module itself only names the mixin."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from transaksi import jam as jam_sop
from transaksi import selectors, tenggat


class TerlambatFilter(admin.SimpleListFilter):
    title = _("tenggat SOP")
    parameter_name = "tenggat"

    def lookups(self, request, model_admin):
        return [
            ("terlambat", _("Terlambat")),
            ("hari_ini", _("Jatuh tempo hari ini")),
            ("berjalan", _("Jam berjalan, belum terlambat")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "terlambat":
            return queryset.filter(selectors.sudah_lewat(now))
        if self.value() == "hari_ini":
            return queryset.filter(selectors.lewat_hari_ini(now))
        if self.value() == "berjalan":
            return queryset.filter(tenggat.JAM_BERJALAN, batas_waktu__gte=now)
        return queryset


class DieskalasiFilter(admin.SimpleListFilter):
    title = _("eskalasi")
    parameter_name = "dieskalasi"

    def lookups(self, request, model_admin):
        return [("ya", _("Sudah dieskalasi")), ("tidak", _("Belum dieskalasi"))]

    def queryset(self, request, queryset):
        if self.value() in ("ya", "tidak"):
            return queryset.filter(eskalasi_pada__isnull=self.value() == "tidak")
        return queryset


def _aksi_tenggat(tugas, keterangan, hasil):
    """An admin action running the deadline job `tugas` (the one beat runs)
    on the selected rows; `hasil` says how many it changed."""

    @admin.action(description=keterangan)
    def aksi(modeladmin, request, queryset):
        ids = tugas(ids=list(queryset.values_list("pk", flat=True)))
        modeladmin.message_user(request, hasil % {"n": len(ids)}, messages.SUCCESS if ids else messages.INFO)

    return aksi


class TenggatAdmin:
    """Mix into the Transaksi ModelAdmin (before `admin.ModelAdmin`)."""

    AKSI_TENGGAT = ("tenggat_hitung_ulang", "tenggat_pengingat", "tenggat_eskalasi")

    def get_list_display(self, request):
        return [*super().get_list_display(request), "sisa_tenggat"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), TerlambatFilter, DieskalasiFilter]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_view_permission(request) and actions is not None and "_popup" not in request.GET:
            for nama in self.AKSI_TENGGAT:
                actions[nama] = self.get_action(nama)
        return actions

    @admin.display(description=_("sisa waktu SOP"), ordering="batas_waktu")
    def sisa_tenggat(self, obj):
        if obj.jam_dijeda:
            return selectors.keterangan_jeda(obj, untuk_pemohon=False)
        if not (obj.jam and obj.batas_waktu):
            return "—"
        teks = selectors.sisa_waktu(obj.batas_waktu, kantor=obj.kantor_id, jam=jam_sop.dari_baris(obj))
        if obj.eskalasi_pada:
            teks = gettext("%(sisa)s (dieskalasi)") % {"sisa": teks}
        return f"⚠ {teks}" if obj.terlambat else teks

    tenggat_hitung_ulang = _aksi_tenggat(
        tenggat.hitung_ulang,
        _("Hitung ulang batas waktu dari kalender kantor"),
        ngettext_lazy("%(n)s transaksi batas waktunya berubah.", "%(n)s transaksi batas waktunya berubah.", "n"),
    )
    tenggat_pengingat = _aksi_tenggat(
        tenggat.pengingat,
        _("Kirim pengingat batas waktu yang sudah jatuh tempo"),
        ngettext_lazy(
            "%(n)s transaksi diingatkan (yang lain belum jatuh tempo atau sudah diingatkan).",
            "%(n)s transaksi diingatkan (yang lain belum jatuh tempo atau sudah diingatkan).",
            "n",
        ),
    )
    tenggat_eskalasi = _aksi_tenggat(
        tenggat.eskalasi,
        _("Eskalasi yang sudah melewati batas waktu"),
        ngettext_lazy(
            "%(n)s transaksi dieskalasi (yang lain belum terlambat atau sudah dieskalasi).",
            "%(n)s transaksi dieskalasi (yang lain belum terlambat atau sudah dieskalasi).",
            "n",
        ),
    )
