"""Back office: the catalogue (products, tariff history, document kinds) and
transactions. Transactions are read-only here: every change goes through
`transaksi.services`, also from admin actions."""

from __future__ import annotations

from datetime import UTC

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from pst_layanan.admin import AdminKantor, CatatAksesAdmin, KatalogBersama, kolom_rupiah
from pst_layanan.appendonly import AppendOnlyAdmin, InlineHanyaBaca, TanpaTambahHapusAdmin
from pst_layanan.kantor import kantor_petugas
from pst_layanan.models import Kantor
from transaksi import nomor, services
from transaksi.admin.tenggat import TenggatAdmin
from transaksi.alur import TransisiTidakSah
from transaksi.billing import baca_rupiah
from transaksi.forms.transaksi import pesan_galat
from transaksi.models import (
    DokumenPersyaratan,
    ItemTransaksi,
    JenisDokumen,
    KelasProduk,
    NomorUrut,
    Produk,
    RiwayatTransaksi,
    TarifProduk,
    Transaksi,
    tarif_ke_depan,
)

# --- catalogue -------------------------------------------------------------------

KOLOM_TARIF = [
    "berlaku_mulai",
    "aturan",
    "harga_satuan",
    "blok_pertama",
    "harga_blok_pertama",
    "blok_lanjutan",
    "harga_blok_lanjutan",
    "dasar_hukum",
]


class RiwayatTarifInline(InlineHanyaBaca, admin.TabularInline):
    """Tariffs already recorded: never edited (items keep the row they were priced with)."""

    model = TarifProduk
    verbose_name_plural = _("Riwayat tarif (tidak dapat diubah; perubahan tarif = baris baru)")
    fields = readonly_fields = KOLOM_TARIF


KOLOM_HARGA = ("harga_satuan", "harga_blok_pertama", "harga_blok_lanjutan")


class IsianTarif(forms.DecimalField):
    """A price as the regulation and every invoice write it ("Rp75.000"), read
    by the rule that reads a billing's amount: a plain number field took the
    dot for a decimal point and refused "75.000" for its decimals."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def to_python(self, value):
        return baca_rupiah(value, pesan_sen=_("Tarif PNBP ditetapkan dalam rupiah utuh, tanpa sen."))


class TarifBaruForm(forms.ModelForm):
    def clean_berlaku_mulai(self):
        mulai = self.cleaned_data["berlaku_mulai"]
        try:
            # 1 January of year 1 in WIB is still year 0 in UTC: no database holds it.
            mulai.astimezone(UTC)
        except OverflowError:
            raise ValidationError(self.fields["berlaku_mulai"].error_messages["invalid_date"], code="invalid") from None
        return mulai

    def clean(self):
        data = super().clean()
        # The price boxes start at 0 and a total of 0 skips payment: a price
        # left unfilled would make a paid product free from the row's date on.
        kolom = TarifProduk.kolom_harga_pokok(data.get("aturan"))
        if data.get(kolom) == 0 and self.instance.produk.kelas_harga == KelasProduk.BERBAYAR:
            self.add_error(
                kolom, _("Produk berbayar bertarif lebih dari Rp0; produk tanpa biaya berkelas harga Gratis.")
            )
        return data


class TarifBaruFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # A free product made paid keeps the Rp0 row it was priced with: every
        # new item would cost Rp0 and its request skip payment. The product's
        # rows from now on, with those added in this same save, must charge.
        produk = self.instance
        if produk.kelas_harga != KelasProduk.BERBAYAR or any(f.errors for f in self.forms):
            return
        baru = [f.instance for f in self.forms if f.has_changed() and not self._should_delete_form(f)]
        lama = list(TarifProduk.objects.filter(produk=produk).order_by("pk")) if produk.pk else []
        nol = next((t for t in tarif_ke_depan(lama + baru) if t.tanpa_harga), None)
        if nol is not None:
            raise ValidationError(
                _(
                    "Produk berbayar memerlukan tarif lebih dari Rp0, tetapi tarif yang berlaku sejak %(tanggal)s "
                    "bertarif Rp0. Tambahkan tarif baru atau biarkan kelas harganya Gratis."
                ),
                params={"tanggal": f"{timezone.localtime(nol.berlaku_mulai):%d-%m-%Y}"},
            )


class TarifBaruInline(admin.StackedInline):
    """A tariff change: a new row from a date on."""

    model = TarifProduk
    form = TarifBaruForm
    formset = TarifBaruFormSet
    verbose_name = _("tarif baru")
    verbose_name_plural = _("Tambah tarif baru (berlaku mulai tanggal yang diisi)")
    fields = KOLOM_TARIF
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in KOLOM_HARGA:
            kwargs["form_class"] = IsianTarif
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Produk)
class ProdukAdmin(KatalogBersama, TranslationAdmin):
    list_display = ["nama", "kategori", "satuan", "satuan_pesanan", "kelas_harga", "tarif_berlaku", "aktif", "urutan"]
    list_filter = ["kategori", "kelas_harga", "aktif"]
    list_editable = ["aktif", "urutan"]
    search_fields = ["nama", "kode"]
    filter_horizontal = ["dokumen_wajib"]
    inlines = [RiwayatTarifInline, TarifBaruInline]
    prepopulated_fields = {"kode": ["nama"]}

    @admin.display(description=_("tarif berlaku"))
    def tarif_berlaku(self, obj):
        tarif = next((t for t in obj.tarif.all() if t.berlaku_mulai <= timezone.now()), None)
        if tarif is None:
            return "—"
        tarif.produk = obj  # the row being listed: no query for its unit
        # The tariff page's own wording, so the back office states it the same way.
        return render_to_string("transaksi/_tarif_uraian.html", {"tr": tarif})

    def get_queryset(self, request):
        # TarifProduk's ordering (`URUTAN_TARIF`) puts the row in force first among the past ones.
        return super().get_queryset(request).prefetch_related("tarif")


@admin.register(JenisDokumen)
class JenisDokumenAdmin(KatalogBersama, TranslationAdmin):
    list_display = ["nama", "kode", "kondisi", "urutan"]
    list_editable = ["urutan"]
    list_filter = ["kondisi"]
    search_fields = ["nama", "kode"]
    prepopulated_fields = {"kode": ["nama"]}


@admin.register(NomorUrut)
class NomorUrutAdmin(TanpaTambahHapusAdmin, AppendOnlyAdmin, admin.ModelAdmin):
    """Counters are taken under a lock by `transaksi.nomor`; shown, never edited."""

    list_display = ["kunci", "nilai"]
    readonly_fields = ["kunci", "nilai"]

    def get_queryset(self, request):
        """Another office's counters say how many transactions, invoices,
        receipts and refunds it numbered this year: that office's business."""
        qs = super().get_queryset(request)
        ids = kantor_petugas(request.user)
        if ids is None:
            return qs
        for kode in Kantor.objects.exclude(pk__in=ids).values_list("kode", flat=True):
            qs = qs.exclude(nomor.kunci_kantor(kode))
        return qs


# --- transactions (read-only; actions go through services) ----------------------


class ItemInline(InlineHanyaBaca, admin.TabularInline):
    model = ItemTransaksi
    fields = readonly_fields = ["produk", "uraian", "jumlah", "subtotal", "tarif"]
    list_select_related = ("tarif__produk",)


class DokumenInline(InlineHanyaBaca, admin.TabularInline):
    model = DokumenPersyaratan
    fields = readonly_fields = [
        "jenis",
        "nama_asli",
        "ukuran",
        "tipe",
        "diunggah_pada",
        "penilaian",
        "catatan_petugas",
        "diganti_pada",
    ]


class RiwayatInline(InlineHanyaBaca, admin.TabularInline):
    model = RiwayatTransaksi
    fields = readonly_fields = ["waktu", "jenis", "dari", "ke", "oleh", "batas_waktu", "catatan"]


@admin.register(Transaksi)
class TransaksiAdmin(
    CatatAksesAdmin, TanpaTambahHapusAdmin, AdminKantor, TenggatAdmin, admin.ModelAdmin
):  # deadline column, filters, actions
    def subjek_akses(self, obj):
        return obj.pemohon  # the applicant's record

    list_display = [
        "nomor",
        "status",
        "pemohon",
        "petugas",
        kolom_rupiah(Transaksi, "total"),
        "jam",
        "batas_waktu",
        "dibuat_pada",
    ]
    list_filter = ["status", "jam", "kelas_harga", ("petugas", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["pemohon", "petugas"]
    search_fields = ["nomor", "pemohon__nama_lengkap", "pemohon__email", "pemohon__nama_instansi"]
    date_hierarchy = "dibuat_pada"
    ordering = ["-dibuat_pada"]
    inlines = [ItemInline, DokumenInline, RiwayatInline]
    actions = ["ambil_tugas"]
    fieldsets = [
        (None, {"fields": ["nomor", "status", "pemohon", "petugas", "kunjungan", "keperluan"]}),
        (_("Tarif"), {"fields": ["kelas_harga", "total", "nol_rupiah_disetujui_oleh", "nol_rupiah_disetujui_pada"]}),
        (
            _("Jam SOP"),
            {
                "fields": [
                    "jam",
                    "jam_mulai",
                    "jam_hari_terpakai",
                    "jam_dijeda_pada",
                    "batas_waktu",
                    "target_batas",
                    "pengingat_pada",
                    "eskalasi_pada",
                ]
            },
        ),
        (
            _("Waktu"),
            {
                "fields": [
                    "dibuat_pada",
                    "diajukan_pada",
                    "lengkap_pada",
                    "diproses_pada",
                    "diserahkan_pada",
                    "ditutup_pada",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [f for _, opsi in self.fieldsets for f in opsi["fields"]]

    def jalankan(self, request, queryset, layanan, berhasil) -> None:
        """Run a service per selected transaction; report refusals, change nothing for them.
        `berhasil(n)` is the success message for n transactions."""
        jumlah = 0
        for t in queryset:
            try:
                layanan(t)
            except (TransisiTidakSah, ValidationError) as e:
                self.message_user(request, f"{t.nomor}: {pesan_galat(e)}", messages.ERROR)
            else:
                jumlah += 1
        if jumlah:
            self.message_user(request, berhasil(jumlah), messages.SUCCESS)

    @admin.action(description=_("Ambil tugas (tangani sendiri)"), permissions=["view"])
    def ambil_tugas(self, request, queryset):
        self.jalankan(
            request,
            queryset,
            lambda t: services.ambil_tugas(t, request.user),
            lambda n: (
                ngettext("%(n)s transaksi kini Anda tangani.", "%(n)s transaksi kini Anda tangani.", n) % {"n": n}
            ),
        )
