from datetime import UTC, date, timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antrian import services
from antrian.bukutamu import IsianBukuTamu
from antrian.models import (
    HASIL_PETUGAS,
    POLA_TOKEN_KIRIM,
    HasilKunjungan,
    JenisLayanan,
    Kanal,
    Kedatangan,
    Kunjungan,
    Layanan,
    LayananKunjungan,
    PemanfaatanUtama,
    Sarana,
)
from pst_layanan import kalender
from pst_layanan.forms import BATAS_CATATAN, BiodataForm, KotakTeks, PersetujuanMixin, wajib_tampak
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor_petugas, kantor_terlihat, petugas_untuk
from pst_layanan.models import Kantor, KategoriInstansi, milik_kantor


def _pilihan_layanan():
    return Layanan.objects.filter(aktif=True)


class LayananField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Layanan"))
        kwargs.setdefault("empty_label", None)
        super().__init__(queryset=_pilihan_layanan(), **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.nama} ({obj.kode})"


class MejaForm(forms.Form):
    """The desk's one form: a chosen visitor (or none: a new one), the service."""

    pengunjung = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_staff=False, is_active=True),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Pengunjung yang dipilih tidak ditemukan; cari ulang.")},
    )
    layanan = LayananField()
    keperluan = forms.CharField(label=_("Keperluan (opsional)"), max_length=300, required=False)
    # One per rendered form: sending it twice issues one ticket (services.kunjungan_langsung).
    token_kirim = forms.CharField(
        widget=forms.HiddenInput,
        required=False,
        max_length=64,
        validators=[RegexValidator(rf"^{POLA_TOKEN_KIRIM}\Z")],  # not run on an empty value
        error_messages={"invalid": _("Formulir tidak sah; muat ulang halaman meja.")},
    )
    # The "Tamu datang" record this registration completes (none: arrival not recorded).
    kedatangan = forms.ModelChoiceField(
        queryset=Kedatangan.objects.all(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Kedatangan yang dipilih tidak ditemukan; pilih ulang dari daftar.")},
    )

    def __init__(self, *args, kantor_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        # Another office's arrival is refused like one that does not exist:
        # a desk cannot tell which ids other offices hold.
        self.fields["kedatangan"].queryset = Kedatangan.objects.filter(kantor=kantor_id)


class TamuBaruForm(PersetujuanMixin, BiodataForm):
    """A walk-in registered at the desk: e-mail, biodata and consent."""

    email = forms.EmailField(label=_("E-mail aktif"))
    # A walk-in has no browser of their own here to tell their language, and
    # reads their e-mails (the set-password link first) before any login would.
    bahasa = forms.ChoiceField(
        label=_("Bahasa e-mail"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        required=False,
        help_text=_("Bahasa yang dibaca pengunjung: e-mail akun dan transaksinya ditulis dalam bahasa ini."),
    )

    class Meta(BiodataForm.Meta):
        fields = [*BiodataForm.Meta.fields, "bahasa"]

    field_order = ["email", "nama_lengkap", "telepon"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        akun = get_user_model().objects.filter(email__iexact=email).values_list("is_staff", "is_active").first()
        if akun == (False, True):
            raise ValidationError(_("E-mail ini sudah terdaftar: cari pengunjung itu di kolom pencarian."))
        if akun is not None:
            # The search lists active visitors only: "search for them" would be a dead end.
            raise ValidationError(
                _(
                    "E-mail ini milik akun petugas atau akun yang sudah dinonaktifkan: tidak dapat dipilih sebagai "
                    "pengunjung di meja ini. Gunakan e-mail lain atau minta admin memeriksa akun itu."
                )
            )
        return email


class IsianBukuTamuForm(forms.Form):
    """What BPS's guest book asks per visit — the same fields at the desk and
    online, so both record the same codes. `sarana_tetap` fixes the facility
    (the online guest book is always "online")."""

    pemanfaatan = forms.ChoiceField(
        label=_("Pemanfaatan utama data"),
        choices=[("", "—"), *PemanfaatanUtama.choices],
        error_messages={"required": _("Pilih pemanfaatan utama data.")},
    )
    jenis_layanan = forms.MultipleChoiceField(
        label=_("Jenis layanan yang digunakan (boleh lebih dari satu)"),
        choices=JenisLayanan.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih satu atau lebih jenis layanan.")},
    )
    sarana = forms.ChoiceField(
        label=_("Sarana yang digunakan"),
        choices=Sarana.choices,
        initial=Sarana.LANGSUNG,
        error_messages={"required": _("Pilih sarana yang digunakan.")},
    )

    def __init__(self, *args, sarana_tetap: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sarana_tetap = sarana_tetap
        if sarana_tetap:
            del self.fields["sarana"]

    def isian(self) -> IsianBukuTamu:
        d = self.cleaned_data
        return IsianBukuTamu(d["pemanfaatan"], tuple(d["jenis_layanan"]), self.sarana_tetap or d["sarana"])


class KoreksiKodeForm(IsianBukuTamuForm):
    """An officer's correction of one visit's codes (with its category)."""

    kategori_instansi = forms.ChoiceField(
        label=_("Kategori instansi"),
        choices=[("", "—"), *KategoriInstansi.choices],
        error_messages={"required": _("Pilih kategori instansi.")},
    )
    field_order = ["kategori_instansi", "pemanfaatan", "jenis_layanan", "sarana"]


class SelesaiForm(forms.Form):
    hasil = forms.ChoiceField(label=_("Hasil kunjungan"), choices=HASIL_PETUGAS, widget=forms.RadioSelect)
    catatan = KotakTeks(
        label=_("Catatan"), max_length=BATAS_CATATAN, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AlihkanForm(forms.Form):
    layanan = LayananField(label=_("Alihkan ke layanan"))

    def __init__(self, *args, asal: int | None = None, tujuan=None, **kwargs):
        """`asal`: the ticket's own service, not offered (a transfer there is
        refused); `tujuan`: the services offered (`services.layanan_berloket`)."""
        super().__init__(*args, **kwargs)
        if tujuan is not None:
            self.fields["layanan"].queryset = tujuan
        if asal is not None:
            self.fields["layanan"].queryset = self.fields["layanan"].queryset.exclude(pk=asal)


class BukuTamuOnlineForm(forms.Form):
    layanan = LayananField(label=_("Layanan yang dibutuhkan"))
    keperluan = forms.CharField(label=_("Keperluan"), max_length=300, required=False)


class JanjiForm(forms.Form):
    layanan = LayananField()
    waktu = forms.DateTimeField(
        label=_("Tanggal dan jam (WIB)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    keperluan = KotakTeks(
        label=_("Keperluan"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}), validators=[wajib_tampak]
    )

    def __init__(self, *args, kantor_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kantor_id = kantor_id

    def clean_waktu(self):
        waktu = self.cleaned_data["waktu"]
        if not waktu:
            return waktu
        waktu = timezone.make_aware(waktu.replace(tzinfo=None), WIB)
        try:
            # 1 January of year 1 in WIB is still year 0 in UTC: no database holds it.
            waktu.astimezone(UTC)
        except OverflowError:
            raise ValidationError(self.fields["waktu"].error_messages["invalid"], code="invalid") from None
        # The service's time rules, so a refused time is named on the same send
        # as the form's own refusals (an empty purpose); the service checks again.
        try:
            services.periksa_waktu_janji(waktu, kantor_id=self.kantor_id)
        except services.AntrianError as exc:
            raise ValidationError(str(exc)) from None
        return waktu


class JanjiMejaForm(JanjiForm):
    """The receptionist's booking: a visitor chosen from the search (or none: a new one) and the slot."""

    pengunjung = MejaForm.base_fields["pengunjung"]
    field_order = ["pengunjung", "layanan", "waktu", "keperluan"]


class TolakJanjiForm(forms.Form):
    # Not required here: the service's own message asks for a missing reason.
    alasan = forms.CharField(label=_("Alasan penolakan"), max_length=300, required=False)


class BatalJanjiForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan pembatalan (tidak wajib)"), max_length=300, required=False)


class PengumumanLayarForm(forms.Form):
    teks = forms.CharField(
        label=_("Pengumuman di layar antrian"),
        max_length=200,
        required=False,
        help_text=_("Satu baris, paling banyak 200 karakter. Kosongkan untuk menghapus pengumuman."),
        error_messages={
            "max_length": _("Pengumuman paling banyak %(limit_value)d karakter (sekarang %(show_value)d).")
        },
    )


def _petugas_riwayat(user):
    """The officers the visit history filters by (`petugas_untuk`), and the
    staff of `user`'s offices who have been credited with a visit. Only the
    office's own staff are looked up in the visits, each by the index on the
    visit's officer, so the filter costs the same however many visits there are."""
    pengguna = get_user_model()
    ids = kantor_petugas(user)
    staf = pengguna.objects.filter(is_staff=True)
    if ids is not None:
        staf = staf.filter(milik_kantor(ids))
    melayani = staf.filter(Exists(Kunjungan.objects.filter(petugas=OuterRef("pk")))).values("pk")
    return pengguna.objects.filter(Q(pk__in=petugas_untuk(user).values("pk")) | Q(pk__in=melayani))


class RiwayatFilterForm(forms.Form):
    dari = forms.DateField(label=_("Dari"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label=_("Sampai"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kanal = forms.ChoiceField(label=_("Kanal"), required=False, choices=[("", _("Semua")), *Kanal.choices])
    layanan = forms.ModelChoiceField(
        label=_("Layanan"), required=False, queryset=Layanan.objects.all(), empty_label=_("Semua")
    )
    petugas = forms.ModelChoiceField(
        label=_("Petugas"), required=False, empty_label=_("Semua"), queryset=get_user_model().objects.none()
    )
    hasil = forms.ChoiceField(
        label=_("Hasil"), required=False, choices=[("", _("Semua")), ("-", _("Belum diisi")), *HasilKunjungan.choices]
    )
    kategori_instansi = forms.ChoiceField(
        label=_("Kategori instansi"), required=False, choices=[("", _("Semua")), *KategoriInstansi.choices]
    )
    pemanfaatan = forms.ChoiceField(
        label=_("Pemanfaatan utama"), required=False, choices=[("", _("Semua")), *PemanfaatanUtama.choices]
    )
    jenis_layanan = forms.ChoiceField(
        label=_("Jenis layanan"), required=False, choices=[("", _("Semua")), *JenisLayanan.choices]
    )
    sarana = forms.ChoiceField(label=_("Sarana"), required=False, choices=[("", _("Semua")), *Sarana.choices])
    # By BPS code (?kantor=1771), as the report pages pick an office.
    kantor = forms.ModelChoiceField(
        label=_("Kantor"), required=False, empty_label=_("Semua"), queryset=Kantor.objects.none(), to_field_name="kode"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # An office's history names its own officers, not every office's, and
        # its staff who served visits before their officer's role was taken
        # (moved to the desk or the treasury): those visits are still theirs.
        self.fields["petugas"].queryset = _petugas_riwayat(user)
        # Whoever sees several offices picks one; others have only their own.
        kantor = kantor_terlihat(user)
        if kantor is None:
            del self.fields["kantor"]
        else:
            self.fields["kantor"].queryset = kantor
        # Bootstrap's classes make each control fill its grid cell under its label.
        for field in self.fields.values():
            pilihan = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select form-select-sm" if pilihan else "form-control form-control-sm"

    def clean_sampai(self):
        # Swapped dates hold no day: the list and the CSV would read as a range without visits.
        dari, sampai = self.cleaned_data.get("dari"), self.cleaned_data["sampai"]
        if dari and sampai and sampai < dari:
            raise ValidationError(_("Tanggal ini lebih awal dari tanggal “Dari”."))
        return sampai

    def saring(self, qs):
        """Apply the filters to a Kunjungan queryset: all of it when none was
        sent, none of it when one is refused (`halaman.galat_saringan`)."""
        if not self.is_bound:
            return qs
        if not self.is_valid():
            return qs.none()
        d = self.cleaned_data
        # A range on `tiba_pada` itself (its index), not on its date in Jakarta's
        # time, which PostgreSQL can only compute row by row over years of visits.
        if d["dari"] and d["dari"] > date.min:  # from the first day there is: no lower bound
            qs = qs.filter(tiba_pada__gte=kalender.tengah_malam(d["dari"]))
        if d["sampai"] and d["sampai"] < date.max:  # up to the last day there is: no upper bound
            qs = qs.filter(tiba_pada__lt=kalender.tengah_malam(d["sampai"] + timedelta(days=1)))
        if d["kanal"]:
            qs = qs.filter(kanal=d["kanal"])
        if d["layanan"]:
            qs = qs.filter(layanan=d["layanan"])
        if d["petugas"]:
            qs = qs.filter(petugas=d["petugas"])
        if d["hasil"]:
            qs = qs.filter(hasil="" if d["hasil"] == "-" else d["hasil"])
        for kolom in ("kategori_instansi", "pemanfaatan", "sarana"):
            if d[kolom]:
                qs = qs.filter(**{kolom: d[kolom]})
        if d.get("kantor"):
            qs = qs.filter(kantor=d["kantor"])
        if d["jenis_layanan"]:
            # A subquery, not a join: a visit with several services stays one row.
            qs = qs.filter(pk__in=LayananKunjungan.objects.filter(kode=d["jenis_layanan"]).values("kunjungan_id"))
        return qs
