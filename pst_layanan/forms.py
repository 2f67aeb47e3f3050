import re
import unicodedata

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pst_layanan.models import BIODATA, KategoriInstansi, Pengguna, rapikan_telepon

# A note typed into a form (an officer's or a visitor's, kept with the history,
# shown on pages and in e-mails): at most this many characters, as long as the
# purpose of use may be.
BATAS_CATATAN = 2000


class KotakTeks(forms.CharField):
    """A multi-line box (a Textarea) whose line breaks count one character
    each, as the browser's maxlength counts them: a form sends each as CR LF,
    which CharField would count as two, so a text the box let through at its
    limit would be refused by the server. Line breaks are kept as LF."""

    widget = forms.Textarea

    def to_python(self, value):
        teks = super().to_python(value)
        return teks.replace("\r\n", "\n").replace("\r", "\n") if teks else teks


# Characters that fill a box and show nothing: format characters (zero-width
# space and joiners, BOM, word joiner, soft hyphen: category Cf), controls,
# separators, and the blank letters of Hangul and Braille.
_TAK_TERLIHAT_LAIN = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def tampak(teks: str) -> bool:
    """`teks` holds at least one character a reader can see."""
    return any(
        not (c.isspace() or c in _TAK_TERLIHAT_LAIN or unicodedata.category(c) in {"Cc", "Cf", "Zs", "Zl", "Zp"})
        for c in teks
    )


def wajib_tampak(teks: str) -> None:
    """A name that shows nothing would list a visitor as a blank line on the
    desk, in the guest book and in e-mails; Django's strip() keeps such
    characters, so the box's own 'required' never sees it as empty. So would
    a required purpose or title (a transaction's, an appointment's) on the
    officer's check, the invoice and the office's e-mail."""
    if teks and not tampak(teks):
        raise ValidationError(
            _("Isian ini hanya berisi spasi atau karakter tak terlihat; tuliskan dengan huruf yang terlihat."),
            code="tak_terlihat",
        )


def kotak_catatan(label, baris: int, **kwargs) -> KotakTeks:
    """A note someone must write (what to correct, and why): at most
    `BATAS_CATATAN` characters, and refused when it shows nothing."""
    return KotakTeks(
        label=label,
        max_length=BATAS_CATATAN,
        widget=forms.Textarea(attrs={"rows": baris}),
        validators=[wajib_tampak],
        **kwargs,
    )


class IsianNomorMixin(forms.Form):
    """The phone and NPWP boxes as people type them, stored as the digits the
    model's rules check: wherever a person's biodata is written (sign-up,
    profile, the desk, the back office's account form)."""

    # Typed as the card prints it (a 15-digit NPWP is 01.234.567.8-901.000, 20 characters),
    # or in groups with spaces; clean_npwp keeps the digits, which the model's 16 characters then hold.
    npwp = Pengguna._meta.get_field("npwp").formfield(
        max_length=20, help_text=_("Wajib bagi pembeli dari sektor swasta; 15/16 angka tanpa tanda baca.")
    )
    # Likewise a number set out as written, "+62 (0) 812 3456 7890" being 21
    # characters: clean_telepon keeps the digits, which the model's 20 then hold.
    telepon = Pengguna._meta.get_field("telepon").formfield(max_length=30, help_text=_("Contoh: 081234567890."))

    def clean_telepon(self):
        return rapikan_telepon(self.cleaned_data["telepon"])

    def clean_npwp(self):
        return re.sub(r"[\s.\-]", "", self.cleaned_data["npwp"])


class BiodataForm(IsianNomorMixin, forms.ModelForm):
    """The guest-book biodata, shared by sign-up, profile and the front desk."""

    class Meta:
        model = Pengguna
        fields = list(BIODATA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nama in ("telepon", "jenis_kelamin", "tahun_lahir", "pendidikan", "pekerjaan", "kategori_instansi"):
            self.fields[nama].required = True
        for nama in ("nama_lengkap", "nama_instansi"):
            self.fields[nama].validators.append(wajib_tampak)

    def clean(self):
        data = super().clean()
        # An NPWP typed but refused already has its message: it is not missing.
        if (
            data.get("kategori_instansi") == KategoriInstansi.SWASTA
            and not data.get("npwp")
            and "npwp" not in self.errors
        ):
            self.add_error("npwp", _("NPWP wajib diisi untuk instansi swasta."))
        return data


class PersetujuanMixin(forms.Form):
    setuju_privasi = forms.BooleanField(
        label=_("Saya telah membaca dan menyetujui pemberitahuan privasi (UU 27/2022)."),
        error_messages={"required": _("Persetujuan pemberitahuan privasi wajib dicentang.")},
    )


# What the browser may fill in for someone signing up for themselves (WCAG 1.3.5);
# not on the desk's form, where it would offer the receptionist's own details.
ISI_OTOMATIS_DAFTAR = {
    "email": "email",
    "password1": "new-password",
    "password2": "new-password",
    "nama_lengkap": "name",
    "telepon": "tel",
    "nama_instansi": "organization",
}


class DaftarForm(PersetujuanMixin, BiodataForm):
    email = forms.EmailField(label=_("E-mail aktif"))
    password1 = forms.CharField(label=_("Kata sandi"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Ulangi kata sandi"), widget=forms.PasswordInput, strip=False)

    class Meta(BiodataForm.Meta):
        fields = ["email", *BIODATA]

    field_order = ["email", "password1", "password2", *BIODATA, "setuju_privasi"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nama, isi in ISI_OTOMATIS_DAFTAR.items():
            self.fields[nama].widget.attrs["autocomplete"] = isi
        # The rules before the first try, as the password pages list them: a
        # refused password has to be typed in both boxes again.
        self.fields["password1"].help_text = password_validators_help_text_html()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        """A taken address is not a form error (that would tell anyone which
        addresses have an account): `akun.daftar` answers it by e-mail."""

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif p1:
            user = Pengguna(email=data.get("email", ""), nama_lengkap=data.get("nama_lengkap", ""))
            try:
                validate_password(p1, user)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        user.catat_persetujuan()
        if commit:
            user.save()
        return user


# Django's own auth forms say "Sandi"/"Email"; the site says "kata sandi" and "e-mail" everywhere.
class MasukForm(AuthenticationForm):
    username = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autofocus": True}))
    password = forms.CharField(
        label=_("Kata sandi"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": _("E-mail atau kata sandi salah. Perhatikan huruf besar/kecil pada kata sandi."),
        "inactive": _("Akun ini tidak aktif. Hubungi petugas PST."),
    }


class LupaSandiForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email):
        """Django's accounts (active, with a password), and a walk-in
        registered at the desk who has not set one yet (never logged in):
        this form is their way in when the set-password e-mail is lost or
        expired, and Django leaves accounts without a password out. A closed
        account (inactive), or one whose password login an administrator
        turned off after use, still gets nothing."""
        for user in Pengguna.objects.filter(email__iexact=email, is_active=True):
            if user.has_usable_password() or user.last_login is None:
                yield user


class SandiBaruMixin:
    """A new password typed twice, as at sign-up: labelled "kata sandi", two
    that differ said in sign-up's words (not Django's "Dua bidang sandi tidak
    cocok"), and a too weak one refused under the box it was typed in, not
    under its repeat (Django's place), which the error summary would then name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi")
        self.error_messages = {**self.error_messages, "password_mismatch": _("Kedua kata sandi tidak sama.")}

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        # Two boxes that differ have their own message; a weak password is judged once they agree.
        if password_field_name in self.cleaned_data:
            super().validate_password_for_user(user, "new_password1")


class AturSandiForm(SandiBaruMixin, SetPasswordForm):
    """Setting a password through the e-mailed link also proves the address."""

    def save(self, commit=True):
        self.user.email_terverifikasi = True
        return super().save(commit)


class UbahSandiForm(SandiBaruMixin, PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": _("Kata sandi lama salah. Masukkan sekali lagi."),
        }


class HapusAkunForm(forms.Form):
    """Erasure is final: the owner confirms with their password and a tick."""

    password = forms.CharField(label=_("Kata sandi Anda"), widget=forms.PasswordInput, strip=False)
    yakin = forms.BooleanField(
        label=_("Saya mengerti bahwa data pribadi saya dihapus permanen dan akun ini tidak dapat dipakai lagi."),
        error_messages={"required": _("Centang pernyataan ini untuk melanjutkan.")},
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Kata sandi salah."))
        return password
