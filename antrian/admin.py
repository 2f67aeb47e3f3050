from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from antrian import services
from antrian.models import (
    HASIL_PETUGAS,
    JanjiTemu,
    Kedatangan,
    Kunjungan,
    Layanan,
    Loket,
    RiwayatTiket,
    StatusJanji,
    Tiket,
)
from pst_layanan.admin import AdminKantor, CatatAksesAdmin, KatalogBersama, KunciSaatSimpan, SimpanYangDiubah
from pst_layanan.appendonly import InlineHanyaBaca, TanpaTambahHapusAdmin
from pst_layanan.kantor import petugas_untuk
from pst_layanan.models import pegawai_kantor


@admin.register(Layanan)
class LayananAdmin(KatalogBersama, TranslationAdmin):
    list_display = ["kode", "nama", "aktif", "urutan"]
    list_editable = ["aktif", "urutan"]

    def get_readonly_fields(self, request, obj=None):
        # Past tickets print the code (B-001) and their history quotes it:
        # once a ticket exists, a new code would rename them all.
        tetap = super().get_readonly_fields(request, obj)
        return [*tetap, "kode"] if obj is not None and obj.tiket.exists() else tetap


@admin.register(Loket)
class LoketAdmin(AdminKantor, admin.ModelAdmin):
    # Every office numbers its counters from 1: the office tells the rows apart.
    list_display = ["nomor", "nama", "kantor", "aktif"]
    list_select_related = ["kantor"]
    filter_horizontal = ["layanan"]

    def get_readonly_fields(self, request, obj=None):
        # A counter that has called tickets holds them at its office: moved,
        # the other office's officers would open it on this office's visitor
        # and the tickets' history would name a counter of another office.
        tetap = super().get_readonly_fields(request, obj)
        return [*tetap, "kantor"] if obj is not None and obj.tiket.exists() else tetap


class RiwayatTiketInline(InlineHanyaBaca, admin.TabularInline):
    model = RiwayatTiket
    fields = ["waktu", "aksi", "kode_tiket", "dari", "ke", "loket", "oleh", "catatan"]
    readonly_fields = fields


# Each office numbers its tickets and arrivals from 1 every day ("B-001" at
# every office): the lists below name the office of each row and filter by it.


@admin.register(Tiket)
class TiketAdmin(TanpaTambahHapusAdmin, AdminKantor, admin.ModelAdmin):
    """Read-only: tickets change only through the counter page (services)."""

    list_display = ["__str__", "kantor", "tanggal", "status", "loket", "prioritas", "diambil_pada", "selesai_pada"]
    # The offices and counters of the tickets listed: another office's are not offered.
    list_filter = [
        ("kantor", admin.RelatedOnlyFieldListFilter),
        "tanggal",
        "status",
        "layanan",
        ("loket", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["kantor", "layanan", "loket"]
    inlines = [RiwayatTiketInline]
    # The stored fields (not the arrival's join, shown on the visit's page).
    readonly_fields = [f.name for f in Tiket._meta.concrete_fields]


class KunjunganForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The officer the visit is already credited to stays a choice after
        # they left the office's officers (moved to the desk or another office,
        # `petugas_untuk`): correcting another field must not re-credit it.
        medan, petugas_id = self.fields.get("petugas"), self.instance.petugas_id
        if medan is not None and petugas_id is not None:
            medan.queryset = medan.queryset.model.objects.filter(
                Q(pk__in=medan.queryset.values("pk")) | Q(pk=petugas_id)
            )

    def clean(self):
        data = super().clean()
        # Whoever sees several offices is offered all their officers: the one
        # credited with a visit works for the visit's office (the one already
        # credited stays, as above).
        petugas, kantor = data.get("petugas"), data.get("kantor")
        kantor_id = kantor.pk if kantor else self.instance.kantor_id
        baru = petugas and petugas.pk != self.instance.petugas_id and kantor_id is not None
        if baru and not type(petugas).objects.filter(pegawai_kantor(kantor_id), pk=petugas.pk).exists():
            self.add_error("petugas", _("Petugas ini tidak bertugas di kantor kunjungan ini."))
        return data

    def clean_hasil(self):
        hasil = self.cleaned_data.get("hasil")
        # "Not served" and "absent when called" are the end-of-day close's
        # record of what the queue saw, as at the counter; an earlier one stays as it is.
        if hasil and hasil != self.instance.hasil and hasil not in dict(HASIL_PETUGAS):
            raise ValidationError(_("Hasil ini hanya diberikan saat hari layanan ditutup."))
        return hasil


@admin.register(Kunjungan)
class KunjunganAdmin(CatatAksesAdmin, SimpanYangDiubah, AdminKantor, admin.ModelAdmin):
    form = KunjunganForm

    def subjek_akses(self, obj):
        return obj.pengunjung  # their name, e-mail, purpose and the officer's notes

    list_display = ["tiba_pada", "kantor", "pengunjung", "kanal", "layanan", "hasil", "petugas"]
    list_filter = [
        ("kantor", admin.RelatedOnlyFieldListFilter),
        "kanal",
        "layanan",
        "hasil",
        "kategori_instansi",
        "pemanfaatan",
        "sarana",
        "perlu_koreksi",
        "tiba_pada",
    ]
    list_select_related = ["kantor", "pengunjung", "layanan", "petugas"]
    search_fields = ["pengunjung__nama_lengkap", "pengunjung__email", "keperluan"]
    # The guest-book codes change only on the officer's correction page (antrian.bukutamu.koreksi_kode).
    # The office is where the visitor came: its ticket, arrival and numbers stay there.
    readonly_fields = [
        "kantor",
        "pengunjung",
        "kanal",
        "tiba_pada",
        "dicatat_oleh",
        "selesai_pada",
        "kategori_instansi",
        "pemanfaatan",
        "sarana",
        "perlu_koreksi",
        "catatan_koreksi",
    ]

    def has_add_permission(self, request):
        # A visit starts at the desk or the online guest book (antrian.services),
        # which set its visitor and codes; the admin's form would have none.
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A list of the office's officers, not the account search, which also offered
        # visitors the form then refused; the form accepts no one else.
        if db_field.name == "petugas":
            kwargs["queryset"] = petugas_untuk(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Kedatangan)
class KedatanganAdmin(TanpaTambahHapusAdmin, AdminKantor, admin.ModelAdmin):
    """Read-only: an arrival is a recorded fact (start of SOP step 3)."""

    list_display = ["kode", "kantor", "tanggal", "tiba_pada", "dicatat_oleh", "kunjungan"]
    list_filter = [("kantor", admin.RelatedOnlyFieldListFilter), "tanggal"]
    list_select_related = ["kantor", "dicatat_oleh", "kunjungan__pengunjung"]
    readonly_fields = [f.name for f in Kedatangan._meta.fields]

    @admin.display(description=_("nomor kedatangan"), ordering="nomor")
    def kode(self, obj):
        return obj.kode


class JanjiTemuForm(forms.ModelForm):
    pengguna = None  # the officer saving it, set by JanjiTemuAdmin.get_form

    def clean(self):
        data = super().clean()
        waktu, kantor, layanan = data.get("waktu"), data.get("kantor"), data.get("layanan")
        kantor_id = kantor.pk if kantor else None
        tempat_waktu = waktu and (waktu, kantor_id) != (self.instance.waktu, self.instance.kantor_id)
        if tempat_waktu or (layanan and layanan.pk != self.instance.layanan_id):
            try:
                services.periksa_janji_dipindah(self.instance, self.pengguna)
            except services.AntrianError as e:
                raise ValidationError(str(e)) from e
        # A move to another time or office keeps the booking's time rules
        # (not in the past, notice outside service hours, at most a year ahead).
        if tempat_waktu:
            try:
                services.periksa_waktu_janji(waktu, kantor_id=kantor_id)
            except services.AntrianError as e:
                raise ValidationError({"waktu": str(e)}) from e
        return data


@admin.register(JanjiTemu)
class JanjiTemuAdmin(CatatAksesAdmin, KunciSaatSimpan, AdminKantor, admin.ModelAdmin):
    form = JanjiTemuForm

    def subjek_akses(self, obj):
        return obj.pengunjung  # their name, e-mail and request

    list_display = ["waktu", "kantor", "pengunjung", "layanan", "status", "diputuskan_oleh"]
    list_filter = [("kantor", admin.RelatedOnlyFieldListFilter), "status", "layanan"]
    list_select_related = ["kantor", "pengunjung", "layanan", "diputuskan_oleh"]
    # Appointments are made on the site (the visitor's or the desk's form, with
    # their time rules); here an officer confirms one or moves it to another
    # time, service or office: nothing else is edited, the visitor least of all.
    readonly_fields = [
        f.name for f in JanjiTemu._meta.fields if f.name not in ("id", "kantor", "layanan", "waktu", "keperluan")
    ]
    actions = ["konfirmasi"]

    def has_add_permission(self, request):
        return False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"pengguna": request.user})

    TEMPAT_WAKTU = ("waktu", "kantor_id", "layanan_id")

    def save_model(self, request, obj, form, change):
        lama = JanjiTemu.objects.filter(pk=obj.pk).values_list(*self.TEMPAT_WAKTU).first() if change else None
        super().save_model(request, obj, form, change)
        if lama is not None and lama != tuple(getattr(obj, k) for k in self.TEMPAT_WAKTU):
            services.kabari_janji_dipindah(obj)

    @admin.action(description=_("Konfirmasi janji temu terpilih (e-mail ke pengunjung)"), permissions=["change"])
    def konfirmasi(self, request, queryset):
        n = 0
        diajukan = list(queryset.filter(status=StatusJanji.DIAJUKAN).select_related("pengunjung"))
        # Confirmed, refused, cancelled or attended already: nothing to confirm, and said so.
        if dilewati := queryset.count() - len(diajukan):
            pesan = ngettext(
                "%(n)s janji temu yang dipilih tidak menunggu konfirmasi dan dilewati.",
                "%(n)s janji temu yang dipilih tidak menunggu konfirmasi dan dilewati.",
                dilewati,
            )
            self.message_user(request, pesan % {"n": dilewati}, messages.WARNING)
        for janji in diajukan:
            try:
                services.konfirmasi_janji(janji, request.user)
            except services.AntrianError as e:  # e.g. its time has passed: reported, the others still confirmed
                waktu = date_format(timezone.localtime(janji.waktu), "SHORT_DATETIME_FORMAT")
                self.message_user(request, f"{janji.pengunjung.nama_lengkap}, {waktu}: {e}", messages.ERROR)
            else:
                n += 1
        if n:  # no green "0 confirmed" beside a refusal
            self.message_user(
                request,
                ngettext("%(n)s janji temu dikonfirmasi.", "%(n)s janji temu dikonfirmasi.", n) % {"n": n},
                messages.SUCCESS,
            )
