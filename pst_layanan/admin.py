from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from pst_layanan import notifikasi
from pst_layanan.appendonly import AppendOnlyAdmin, TanpaTambahHapusAdmin
from pst_layanan.kantor import kantor_petugas, untuk_petugas
from pst_layanan.models import BIODATA, AksesDataPribadi, HariKantor, Kantor, Pengguna, Surel


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    ordering = ["nama_lengkap"]
    list_display = ["nama_lengkap", "email", "telepon", "kategori_instansi", "email_terverifikasi", "is_staff"]
    list_filter = ["is_staff", "email_terverifikasi", "kategori_instansi", "groups"]
    search_fields = ["nama_lengkap", "email", "telepon", "nama_instansi"]
    readonly_fields = ["tanggal_daftar", "last_login", "persetujuan_privasi_pada", "dianonimkan_pada"]
    fieldsets = [
        (None, {"fields": ["email", "password", "bahasa"]}),
        (
            "Biodata",
            {"fields": list(BIODATA)},
        ),
        (
            "Status",
            {
                "fields": [
                    "email_terverifikasi",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "persetujuan_privasi_pada",
                    "tanggal_daftar",
                    "last_login",
                    "dianonimkan_pada",
                ]
            },
        ),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "nama_lengkap", "password1", "password2"]})]
    filter_horizontal = ["groups"]

    # A supervisor manages officers but cannot make a superuser nor change one
    # (e.g. set its password): only a superuser can.
    def get_readonly_fields(self, request, obj=None):
        tetap = list(super().get_readonly_fields(request, obj))
        return tetap if request.user.is_superuser else [*tetap, "is_superuser"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Kantor)
class KantorAdmin(admin.ModelAdmin):
    """An office supervisor edits their own office's settings; new offices
    are the province supervisor's (or `manage.py kantor_provinsi`)."""

    list_display = ["kode", "nama", "jam_buka", "jam_tutup_senin_kamis", "jam_tutup_jumat"]

    def get_queryset(self, request):
        ids = kantor_petugas(request.user)
        qs = super().get_queryset(request)
        return qs if ids is None else qs.filter(pk__in=ids)

    def has_add_permission(self, request):
        return kantor_petugas(request.user) is None and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HariKantor)
class HariKantorAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "kantor", "jenis", "keterangan"]
    list_filter = ["jenis", "kantor"]
    list_select_related = ["kantor"]
    date_hierarchy = "tanggal"


@admin.register(Surel)
class SurelAdmin(TanpaTambahHapusAdmin, admin.ModelAdmin):
    """Only supervisors see the outbox. Account e-mails show the marker where
    their link goes: the link itself is never stored (notifikasi.py)."""

    list_display = ["subjek", "status", "tautan_rahasia", "dibuat_pada", "terkirim_pada", "percobaan", "dicoba_lagi"]
    list_filter = ["status", "tautan_rahasia"]
    search_fields = ["subjek"]
    readonly_fields = [f.name for f in Surel._meta.fields]
    actions = ["kirim_lagi"]

    @admin.display(description="dicoba lagi")
    def dicoba_lagi(self, obj):
        if obj.status == Surel.Status.TERKIRIM:
            return "–"
        if obj.percobaan >= notifikasi.MAKS_PERCOBAAN:
            return 'berhenti; gunakan "Kirim lagi"'
        return obj.dikunci_sampai or "segera"

    @admin.action(description="Kirim lagi surel yang dipilih")
    def kirim_lagi(self, request, queryset):
        n = notifikasi.kirim_lagi(queryset)
        self.message_user(request, f"{n} surel dijadwalkan untuk dikirim lagi (surel yang sudah terkirim dilewati).")


@admin.register(AksesDataPribadi)
class AksesDataPribadiAdmin(AppendOnlyAdmin, admin.ModelAdmin):
    list_display = ["waktu", "petugas", "subjek", "halaman"]
    list_select_related = ["petugas", "subjek"]
    list_filter = ["waktu"]
    search_fields = ["petugas__nama_lengkap", "subjek__nama_lengkap", "halaman"]
    readonly_fields = ["waktu", "petugas", "subjek", "halaman"]

    def has_add_permission(self, request):
        return False


class AdminKantor:
    """Admin pages of an office-owned model: a staff member's offices only
    (`untuk_petugas`), like the site's pages; another office's row is not
    found. `kolom_kantor` is the path to the row's office."""

    kolom_kantor = "kantor"

    def get_queryset(self, request):
        return untuk_petugas(super().get_queryset(request), request.user, self.kolom_kantor)
