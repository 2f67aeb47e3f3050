from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from celery import schedules
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_celery_beat.admin import CrontabScheduleAdmin, PeriodicTaskAdmin, PeriodicTaskForm
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from kombu.utils.json import loads

from pst_layanan import akun, data_pribadi, kalender, notifikasi
from pst_layanan.appendonly import AppendOnlyAdmin, TanpaTambahHapusAdmin
from pst_layanan.celery import terbitkan
from pst_layanan.format import rupiah
from pst_layanan.forms import IsianNomorMixin
from pst_layanan.kantor import boleh_ubah_katalog, kantor_petugas, untuk_petugas
from pst_layanan.models import (
    BIODATA,
    KODE_PROVINSI,
    AksesDataPribadi,
    HariKantor,
    Kantor,
    Pengguna,
    Surel,
    kantor_bawaan,
    milik_kantor,
    pegawai_kantor,
)
from pst_layanan.roles import BENDAHARA, IZIN_PERAN, PENGAWAS_PROVINSI, SUPERVISOR, punya_peran


def kolom_rupiah(model, medan: str):
    """A list column for an amount field, written as everywhere else
    ("Rp257.000"), not as a bare 257000; headed with the field's own name."""

    @admin.display(description=model._meta.get_field(medan).verbose_name, ordering=medan)
    def kolom(obj):
        return rupiah(getattr(obj, medan))

    kolom.__name__ = f"{medan}_rupiah"
    return kolom


class CatatAksesAdmin:
    """A change page showing one person's record (an account's whole biodata,
    a visit, an appointment, a rating, a transaction, a refund's account):
    each time it is opened it is logged like an officer's view of that
    person's data on the site's own pages (UU 27/2022). `subjek_akses` names
    the person the record is about."""

    def subjek_akses(self, obj):
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        respons = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and respons.status_code == 200:
            data_pribadi.catat_akses(request.user, self.subjek_akses(respons.context_data["original"]), request.path)
        return respons


class UbahPerBaris:
    """Change and delete rights narrowed row by row by `boleh_ubah`: a row the
    user may read but not change opens read-only."""

    def boleh_ubah(self, request, obj) -> bool:
        return True

    def has_change_permission(self, request, obj=None):
        return (obj is None or self.boleh_ubah(request, obj)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or self.boleh_ubah(request, obj)) and super().has_delete_permission(request, obj)


class _BawaNilaiTampil:
    """A form whose every field sends back, hidden, the value the page showed
    (what `changed_data` then compares with); set on the form's own fields, so
    a subclass an admin makes of it keeps them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # Not a disabled field: nobody changes it, and the password's would put its hash in the page.
            field.show_hidden_initial = not field.disabled


class SimpanYangDiubah:
    """A change form writes only the fields its user changed from what the
    page showed them (each field carries the shown value back, hidden): a row
    the site moved while the page was open (a counter finishing the visit, an
    account verifying its e-mail, a visitor editing their profile) keeps those
    moves instead of getting back the values of the page's older copy."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (_BawaNilaiTampil, form), {}) if obj is not None else form

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        kolom = {f.name: f for f in obj._meta.concrete_fields}
        berubah = [nama for nama in form.changed_data if nama in kolom]
        if berubah:
            obj.save(update_fields=berubah + [n for n, f in kolom.items() if getattr(f, "auto_now", False)])


class KunciSaatSimpan:
    """A change form sent locks its row before reading it (the admin saves in
    one transaction): a move the site makes at that moment (the visitor
    cancelling) waits for the save and applies to the saved row, instead of
    being written over by the copy read before it."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None or request.method != "POST":
            return obj
        list(type(obj).objects.select_for_update().filter(pk=obj.pk).values_list("pk", flat=True))
        return super().get_object(request, object_id, from_field)


class KatalogBersama:
    """Rows every office shares (services, products and their tariffs,
    document types): the province supervisor and the provincial office's
    staff change them; another office's supervisor reads them, as they read
    the calendar corrections for every office."""

    def _boleh_ubah_katalog(self, request) -> bool:
        return boleh_ubah_katalog(request.user)

    def has_add_permission(self, request, *args):
        return self._boleh_ubah_katalog(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._boleh_ubah_katalog(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._boleh_ubah_katalog(request) and super().has_delete_permission(request, obj)


class PenggunaForm(IsianNomorMixin, UserChangeForm):
    """The account form; `kantor_admin` is the offices of whoever edits it
    (None: every office), set per request by `PenggunaAdmin.get_form`. Its
    phone and NPWP are typed as on the site's own forms."""

    kantor_admin: frozenset[int] | None = None

    def clean(self):
        data = super().clean()
        ids = self.kantor_admin
        # Staff assigned to no office work at the provincial office: an
        # office's supervisor giving a role without one of their offices
        # would make someone staff of an office that is not theirs.
        if ids is not None and data.get("groups") and not data.get("kantor") and kantor_bawaan() not in ids:
            self.add_error("kantor", _("Pilih kantor tempat bertugas untuk akun yang diberi peran."))
        return data


def _alamat_lain(lama: str | None, baru: str) -> bool:
    """Another mailbox, not the same address written again (a form may report
    an unchanged address among its changed fields)."""
    return bool(lama) and lama.strip().lower() != baru.strip().lower()


@admin.register(Pengguna)
class PenggunaAdmin(CatatAksesAdmin, UbahPerBaris, SimpanYangDiubah, UserAdmin):
    ordering = ["nama_lengkap"]
    list_display = ["nama_lengkap", "email", "telepon", "kategori_instansi", "email_terverifikasi", "is_staff"]
    list_filter = ["is_staff", "email_terverifikasi", "kategori_instansi", "groups"]
    search_fields = ["nama_lengkap", "email", "telepon", "nama_instansi"]
    readonly_fields = ["tanggal_daftar", "last_login", "persetujuan_privasi_pada", "dianonimkan_pada"]
    fieldsets = [
        (None, {"fields": ["email", "password", "bahasa"]}),
        (
            _("Biodata"),
            {"fields": list(BIODATA)},
        ),
        (
            _("Status"),
            {
                "fields": [
                    "email_terverifikasi",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "kantor",
                    "persetujuan_privasi_pada",
                    "tanggal_daftar",
                    "last_login",
                    "dianonimkan_pada",
                ]
            },
        ),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "nama_lengkap", "password1", "password2"]})]

    filter_horizontal = ["groups", "kantor"]
    form = PenggunaForm

    def save_model(self, request, obj, form, change):
        alamat_lama = form.initial.get("email")
        super().save_model(request, obj, form, change)
        # Its first sign-in says a verification link was sent: it is, now.
        if not change and not obj.email_terverifikasi:
            akun.kirim_verifikasi(obj, akun.SebabVerifikasi.DIBUAT)
        elif change and _alamat_lain(alamat_lama, obj.email) and "email_terverifikasi" not in form.changed_data:
            akun.email_diganti_petugas(obj, alamat_lama)

    # A supervisor manages officers but cannot make a superuser nor change one
    # (e.g. set its password): only a superuser can.
    def get_readonly_fields(self, request, obj=None):
        tetap = list(super().get_readonly_fields(request, obj))
        return tetap if request.user.is_superuser else [*tetap, "is_superuser"]

    def get_queryset(self, request):
        """An office's supervisor finds visitors and their own offices' staff:
        another office's staff are not found, as on every officer page
        (transaksi/admin/pengguna.py narrows the visitors to their office's)."""
        qs = super().get_queryset(request)
        ids = kantor_petugas(request.user)
        if ids is None:
            return qs
        luar = Q(kantor__in=Kantor.objects.exclude(pk__in=ids))
        if kantor_bawaan() not in ids:
            luar |= Q(kantor__isnull=True)
        staf_luar = Pengguna.objects.filter(luar, groups__isnull=False, is_superuser=False).values("pk")
        return qs.exclude(pk__in=staf_luar)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"kantor_admin": kantor_petugas(request.user)}) if obj else form

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # An office's supervisor gives the roles of their offices, in their
        # offices: never the province supervisor's, who sees every office.
        ids = kantor_petugas(request.user)
        if ids is not None and db_field.name == "groups":
            kwargs["queryset"] = Group.objects.exclude(name=PENGAWAS_PROVINSI)
        if ids is not None and db_field.name == "kantor":
            kwargs["queryset"] = Kantor.objects.filter(pk__in=ids)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # An account's pages are titled by its number, not by the person ("Andi
    # <andi@…> | Ubah pengguna"): the tab's title stays in the history of the
    # office's shared computers, beyond the reach of the person's erasure.
    def render_change_form(self, request, context, *args, **kwargs):
        if context.get("original") is not None:
            context["subtitle"] = _("Akun #%(pk)s") % {"pk": context["original"].pk}
        return super().render_change_form(request, context, *args, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        return _judul_akun(super().history_view(request, object_id, extra_context), _("Riwayat perubahan akun #%(pk)s"))

    def user_change_password(self, request, id, form_url=""):
        return _judul_akun(super().user_change_password(request, id, form_url), _("Kata sandi akun #%(pk)s"))

    def boleh_ubah(self, request, obj) -> bool:
        """A superuser's account is a superuser's to change; a province
        supervisor's, a province-wide user's (e.g. its password). An erased
        account is no one's to change: a page opened before the erasure would
        write the visitor's details back onto it."""
        if obj.dianonimkan_pada:
            return False
        if request.user.is_superuser:
            return True
        if obj.is_superuser:
            return False
        return kantor_petugas(request.user) is None or not punya_peran(obj, PENGAWAS_PROVINSI)


def _judul_akun(respons, judul):
    """`respons` (an account's history or password page, before it is
    rendered) titled `judul` by the account's number; a redirect as it is."""
    konteks = getattr(respons, "context_data", None) or {}
    akun_ini = konteks.get("original") or konteks.get("object")
    if akun_ini is not None:
        konteks["title"] = judul % {"pk": akun_ini.pk}
    return respons


class LogMasukAkunTerlihat:
    """Axes' login records (successes, failures, lockout counters) name an
    account by its e-mail, with the address and browser it came from: an
    office's supervisor reads and deletes those of the accounts their account
    list finds (the registered account admin, whose rule the apps narrow) and
    of addresses no account has, not another office's staff's or visitors'."""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        tersembunyi = email_akun_tersembunyi(request)
        return qs if tersembunyi is None else qs.exclude(username__in=tersembunyi)


def email_akun_tersembunyi(request):
    """The e-mails of the accounts the user's account list does not find (the
    registered account admin, whose rule the apps narrow), as a subquery; None
    for whoever sees every office. A login record or lock under one of them is
    another office's business (`LogMasukAkunTerlihat`, the officers' lock page)."""
    if kantor_petugas(request.user) is None:
        return None
    ditemukan = admin.site._registry[Pengguna].get_queryset(request).values("pk")
    # axes stores the e-mail lower-cased (penguncian.nama_pengguna), as accounts are.
    return Pengguna.objects.exclude(pk__in=ditemukan).values("email")


for _model, _admin_axes in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    admin.site.unregister(_model)
    admin.site.register(_model, type(_admin_axes.__name__, (LogMasukAkunTerlihat, _admin_axes), {}))


class JadwalTugasForm(PeriodicTaskForm):
    def clean(self):
        # A task name its own field refused (past 200 characters) is not in the
        # data django_celery_beat's check reads, which then gave the error
        # page: that field's refusal is the answer.
        if "task" not in self.cleaned_data and not self.cleaned_data.get("regtask"):
            return self.cleaned_data
        return super().clean()


class JadwalTugasAdmin(PeriodicTaskAdmin):
    """django_celery_beat's actions switch schedules on and off and run their
    tasks, yet ask only to see the list: an office's supervisor, who reads the
    schedules, could stop every office's deadline, e-mail and end-of-day jobs.
    They are offered to whoever may change a schedule (roles.IZIN_PERAN)."""

    form = JadwalTugasForm

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_change_permission(request):
            for nama in PeriodicTaskAdmin.actions:
                actions.pop(nama, None)
        return actions

    @admin.action(description=PeriodicTaskAdmin.run_tasks.short_description)
    def run_tasks(self, request, queryset):
        """Run the chosen schedules' tasks now. django_celery_beat's own action
        answered a broker that cannot be reached, when an operator most needs
        it, with the error page: each task is published through `terbitkan`,
        and those the broker did not take are named."""
        self.celery_app.loader.import_default_modules()
        jalan, gagal = 0, []
        for jadwal in queryset:
            task = self.celery_app.tasks.get(jadwal.task)
            if task is not None and terbitkan(task, *loads(jadwal.args), **loads(jadwal.kwargs)):
                jalan += 1
            else:
                gagal.append(jadwal.name)
        if jalan:
            pesan = ngettext(
                "%(n)s tugas diantrekan untuk dijalankan.", "%(n)s tugas diantrekan untuk dijalankan.", jalan
            )
            self.message_user(request, pesan % {"n": jalan})
        if gagal:
            self.message_user(
                request,
                gettext("Tidak dijalankan (antrean tugas tidak terjangkau atau tugas tidak dikenal): %(nama)s.")
                % {"nama": ", ".join(gagal)},
                messages.ERROR,
            )


class GrupAdmin(UbahPerBaris, GroupAdmin):
    """The roles are groups the code finds by name and whose rights every
    migrate sets again (`roles.sinkron_izin_peran`): deleted, the role left
    every staff member holding it; renamed, they kept a group that gives
    nothing. They are read here; other groups stay the administrator's."""

    def boleh_ubah(self, request, obj) -> bool:
        return obj.name not in IZIN_PERAN


admin.site.unregister(Group)
admin.site.register(Group, GrupAdmin)


admin.site.unregister(PeriodicTask)
admin.site.register(PeriodicTask, JadwalTugasAdmin)


def _terbaca_penjadwal(medan: str):
    """A crontab field's check by the parser of the task scheduler itself:
    django_celery_beat's own check passed "-1", which the scheduler refuses,
    and naming the saved schedule (its "human readable" text) then gave the
    error page."""

    def periksa(self):
        nilai = self.cleaned_data[medan]
        try:
            schedules.crontab(**{medan: nilai})
        except (schedules.ParseException, ValueError):
            raise ValidationError(_("Penjadwal tugas tidak dapat membaca nilai ini."), code="invalid") from None
        return nilai

    return periksa


class JadwalCronForm(forms.ModelForm):
    clean_minute = _terbaca_penjadwal("minute")
    clean_hour = _terbaca_penjadwal("hour")
    clean_day_of_month = _terbaca_penjadwal("day_of_month")
    clean_month_of_year = _terbaca_penjadwal("month_of_year")
    clean_day_of_week = _terbaca_penjadwal("day_of_week")


admin.site.unregister(CrontabSchedule)
admin.site.register(
    CrontabSchedule, type(CrontabScheduleAdmin.__name__, (CrontabScheduleAdmin,), {"form": JadwalCronForm})
)


@admin.register(Kantor)
class KantorAdmin(SimpanYangDiubah, admin.ModelAdmin):
    """An office supervisor edits their own office's settings; new offices
    are the province supervisor's (or `manage.py kantor_provinsi`). The
    province's supervisor may have the same page open: each save writes only
    what its page changed."""

    list_display = ["kode", "nama", "aktif", "jam_buka", "jam_tutup_senin_kamis", "jam_tutup_jumat"]
    list_filter = ["aktif"]
    # The model's defaults are the provincial office's own identity (its first
    # row is seeded from them): a new office starts with these blank, so the
    # province's address, e-mail and head are never printed on its papers.
    IDENTITAS = ("kode", "nama", "alamat", "telepon", "email", "kepala_nama")

    def get_changeform_initial_data(self, request):
        return {**dict.fromkeys(self.IDENTITAS, ""), **super().get_changeform_initial_data(request)}

    def get_readonly_fields(self, request, obj=None):
        """An office's code is the province's to set, and the provincial
        office's never changes: rows with no office are found by it
        (`kantor_bawaan`), which would otherwise make a new, empty office
        1700 and leave every such row and staff member with it. Whether an
        office serves PST at all is the province's decision too."""
        tetap = list(super().get_readonly_fields(request, obj))
        if obj is not None and (obj.kode == KODE_PROVINSI or kantor_petugas(request.user) is not None):
            tetap.append("kode")
        if kantor_petugas(request.user) is not None:
            tetap.append("aktif")
        return tetap

    def get_queryset(self, request):
        ids = kantor_petugas(request.user)
        qs = super().get_queryset(request)
        return qs if ids is None else qs.filter(pk__in=ids)

    def has_add_permission(self, request):
        return kantor_petugas(request.user) is None and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Cash is recorded by a treasurer, or a supervisor, of the office where
        # it is paid: without one, visitors told to pay there find nobody who can.
        if obj.bayar_tunai and not _pencatat_tunai(obj.pk).exists():
            messages.warning(
                request,
                gettext(
                    "Pembayaran tunai aktif, tetapi belum ada akun bendahara atau supervisor aktif di %(kantor)s: "
                    "uang tunai pemohon hanya dapat dicatat pengawas provinsi. Beri peran Bendahara kepada "
                    "pegawai kantor ini."
                )
                % {"kantor": obj.nama},
            )


def _pencatat_tunai(kantor_id: int):
    """The active accounts of office `kantor_id` that may record a cash payment there."""
    return Pengguna.objects.filter(pegawai_kantor(kantor_id), is_active=True, groups__name__in=[BENDAHARA, SUPERVISOR])


class PilihKantorSendiri:
    """A row an office's staff member writes in the admin is for one of their
    offices: the office list offers only those, and one must be chosen."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        ids = kantor_petugas(request.user)
        if db_field.name == "kantor" and ids is not None:
            kwargs["queryset"] = Kantor.objects.filter(pk__in=ids)
            kwargs["required"] = True
            # The field's help says what an empty choice means (every office,
            # the whole province): they have no empty choice to make.
            kwargs["help_text"] = ""
            if len(ids) == 1:
                kwargs["initial"] = next(iter(ids))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class HariKantorForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        # Two supervisors entering the same day at once: the office's row
        # (the provincial office's for a correction of every office) is
        # locked until the save commits, so the second one's check that the
        # day is not there yet waits and sees the first one's day, and says
        # so, instead of failing on the unique constraint with a server error.
        # Not a key lock: the office's tickets and visits keep referencing it.
        kantor = data.get("kantor")
        kunci = Kantor.objects.select_for_update(no_key=True).filter(pk=kantor.pk if kantor else kantor_bawaan())
        list(kunci.values_list("pk", flat=True))
        return data

    def _post_clean(self):
        super()._post_clean()
        # A day repeated for every office breaks a conditional constraint,
        # whose own message names the constraint: said as for one office.
        galat = self._errors.get(NON_FIELD_ERRORS) if self._errors else None
        if not galat:
            return
        semua = next(c for c in HariKantor._meta.constraints if c.condition is not None)
        sudah_ada = self.instance.unique_error_message(HariKantor, ("kantor", "tanggal")).messages[0]
        ganti = [sudah_ada if m == semua.get_violation_error_message() else m for m in galat]
        self._errors[NON_FIELD_ERRORS] = self.error_class(ganti, renderer=self.renderer)


@admin.register(HariKantor)
class HariKantorAdmin(UbahPerBaris, PilihKantorSendiri, admin.ModelAdmin):
    """An office's supervisor corrects their own office's calendar and reads
    the corrections for every office, which are the province's to change."""

    form = HariKantorForm

    list_display = ["tanggal", "kantor", "jenis", "keterangan"]
    list_filter = ["jenis", "kantor"]
    list_select_related = ["kantor"]
    date_hierarchy = "tanggal"

    def get_queryset(self, request):
        ids = kantor_petugas(request.user)
        qs = super().get_queryset(request)
        return qs if ids is None else qs.filter(Q(kantor__in=ids) | Q(kantor__isnull=True))

    def boleh_ubah(self, request, obj) -> bool:
        return obj.kantor_id is not None or kantor_petugas(request.user) is None

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        koreksi = [obj]
        # Moved to another date or office, it left its old day as removing it
        # would (an opening moved away closes that day again): both are said.
        lama = (form.initial.get("tanggal"), form.initial.get("kantor"))
        if change and lama != (obj.tanggal, obj.kantor_id):
            koreksi.insert(0, HariKantor(tanggal=lama[0], kantor_id=lama[1]))
        self._hari_dikoreksi(request, koreksi)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._hari_dikoreksi(request, [obj])

    def delete_queryset(self, request, queryset):
        dihapus = list(queryset)
        super().delete_queryset(request, queryset)
        self._hari_dikoreksi(request, dihapus)

    def _hari_dikoreksi(self, request, koreksi) -> None:
        """The day is closed or open now (removing an opening closes it
        again): what falls on it elsewhere is said to whoever changed it."""
        for k in koreksi:
            for _penerima, pesan in kalender.hari_dikoreksi.send(
                sender=HariKantor, tanggal=k.tanggal, kantor=k.kantor_id, oleh=request.user
            ):
                if pesan:
                    self.message_user(request, pesan, messages.WARNING)

    def changelist_view(self, request, extra_context=None):
        # A person of one office reads that office's calendar; else the corrections for every office.
        ids = kantor_petugas(request.user)
        for pesan in kalender.peringatan_cuti_bersama(next(iter(ids)) if ids and len(ids) == 1 else None):
            messages.warning(request, pesan)
        # The days already counted closed: what a correction is checked against.
        libur = [(tahun, kalender.libur_nasional(tahun)) for tahun in kalender.tahun_dihitung()]
        return super().changelist_view(request, {**(extra_context or {}), "libur_nasional": libur})


@admin.register(Surel)
class SurelAdmin(TanpaTambahHapusAdmin, admin.ModelAdmin):
    """Only supervisors see the outbox. Account e-mails show the marker where
    their link goes: the link itself is never stored (notifikasi.py)."""

    list_display = [
        "subjek",
        "kantor",
        "status",
        "tautan_rahasia",
        "dibuat_pada",
        "terkirim_pada",
        "percobaan",
        "dicoba_lagi",
    ]
    list_select_related = ["kantor"]
    list_filter = ["status", "tautan_rahasia", "kantor"]
    search_fields = ["subjek"]
    readonly_fields = [f.name for f in Surel._meta.fields]
    actions = ["kirim_lagi"]

    def get_queryset(self, request):
        """An office's supervisor reads that office's mail (it holds visitors'
        names, orders and invoices); account mail, of no one office, is the
        provincial office's, as are staff without an office."""
        qs = super().get_queryset(request)
        ids = kantor_petugas(request.user)
        if ids is None:
            return qs
        return qs.filter(milik_kantor(ids))

    @admin.display(description=_("dicoba lagi"))
    def dicoba_lagi(self, obj):
        if obj.status == Surel.Status.TERKIRIM:
            return "–"
        if obj.percobaan >= notifikasi.MAKS_PERCOBAAN:
            return gettext('berhenti; gunakan "Kirim lagi"')
        return obj.dikunci_sampai or gettext("segera")

    @admin.action(description=_("Kirim lagi surel yang dipilih"))
    def kirim_lagi(self, request, queryset):
        n = notifikasi.kirim_lagi(queryset)
        self.message_user(
            request,
            ngettext(
                "%(n)s surel dijadwalkan untuk dikirim lagi (surel yang sudah terkirim dilewati).",
                "%(n)s surel dijadwalkan untuk dikirim lagi (surel yang sudah terkirim dilewati).",
                n,
            )
            % {"n": n},
        )


@admin.register(AksesDataPribadi)
class AksesDataPribadiAdmin(AppendOnlyAdmin, admin.ModelAdmin):
    list_display = ["waktu", "petugas", "subjek", "halaman"]
    list_select_related = ["petugas", "subjek"]
    list_filter = ["waktu"]
    search_fields = ["petugas__nama_lengkap", "subjek__nama_lengkap", "halaman"]
    readonly_fields = ["waktu", "petugas", "subjek", "halaman"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        """An office's supervisor answers for what their office's staff looked at."""
        qs = super().get_queryset(request)
        ids = kantor_petugas(request.user)
        if ids is None:
            return qs
        return qs.filter(petugas__in=Pengguna.objects.filter(milik_kantor(ids)).values("pk"))


class AdminKantor(PilihKantorSendiri):
    """Admin pages of an office-owned model: a staff member's offices only
    (`untuk_petugas`), like the site's pages; another office's row is not
    found, and a row is written for one's own offices. `kolom_kantor` is the
    path to the row's office."""

    kolom_kantor = "kantor"

    def get_queryset(self, request):
        return untuk_petugas(super().get_queryset(request), request.user, self.kolom_kantor)


def lihat_di_situs(request, content_type_id: int, object_id: str):
    """The admin's "view on site" address (/admin/r/<type>/<id>/), for a row
    the user's admin would show. Django's own answers any staff member for any
    row, so stepping through ids would tell one office another office's
    transaction numbers; here another office's row is not found."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        model_admin = admin.site._registry.get(model)
        ada = (
            model_admin is not None
            and model_admin.has_view_permission(request)
            and model_admin.get_queryset(request).filter(pk=object_id).exists()
        )
    except (ContentType.DoesNotExist, ValueError, ValidationError):
        ada = False
    if not ada:
        raise Http404
    return shortcut(request, content_type_id, object_id)
