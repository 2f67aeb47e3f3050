"""The rating form: nine radio groups from the SKM table, feedback, and a
signed "form opened at" stamp (SOP step 8 measures the time to answer).

The form only collects; `penilaian.services.validasi_skor` judges the
answers, so the rules and their Indonesian messages live in one place.
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from penilaian.models import PROFIL_RESPONDEN
from penilaian.skm import UNSUR
from pst_layanan.forms import KotakTeks

GARAM_DIBUKA = "penilaian.dibuka"
UMUR_CAP_DIBUKA = 24 * 3600  # an older stamp counts as opened now


def cap_dibuka(waktu: datetime | None = None) -> str:
    return signing.dumps((waktu or timezone.now()).timestamp(), salt=GARAM_DIBUKA)


def baca_cap_dibuka(cap: str) -> datetime | None:
    try:
        detik = signing.loads(cap, salt=GARAM_DIBUKA, max_age=UMUR_CAP_DIBUKA)
    except (signing.BadSignature, TypeError):
        return None
    return datetime.fromtimestamp(float(detik), tz=timezone.get_current_timezone())


class PenilaianForm(forms.Form):
    umpan_balik = KotakTeks(
        label=_("Saran dan masukan (boleh dikosongkan)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )
    minta_tindak_lanjut = forms.BooleanField(
        label=_("Saya ingin saran/keluhan ini ditindaklanjuti dan dijawab petugas melalui e-mail"), required=False
    )
    dibuka = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for u in UNSUR:
            self.fields[u.kolom] = forms.CharField(
                label=f"{u.kode}. {u.pertanyaan}",
                required=False,
                widget=forms.RadioSelect(choices=u.pilihan),
                help_text=u.nama,
            )
        # The respondent profile: optional answers ("tidak menjawab" is blank).
        for kolom, label, pilihan in PROFIL_RESPONDEN:
            self.fields[kolom] = forms.ChoiceField(
                label=label, required=False, choices=[("", _("Tidak ingin menjawab")), *pilihan.choices]
            )
        if not self.is_bound:
            self.initial["dibuka"] = cap_dibuka()

    @property
    def profil(self):
        """The profile's bound fields for the template."""
        return [self[kolom] for kolom, _label, _pilihan in PROFIL_RESPONDEN]

    @property
    def unsur(self):
        """(element, bound field) pairs for the template."""
        return [(u, self[u.kolom]) for u in UNSUR]

    def isian(self) -> dict:
        """Keyword arguments for the rating services (call after is_valid())."""
        d = self.cleaned_data
        return {
            "skor": {u.kolom: d.get(u.kolom) for u in UNSUR},
            "umpan_balik": d.get("umpan_balik", ""),
            "minta_tindak_lanjut": d.get("minta_tindak_lanjut", False),
            "dibuka_pada": baca_cap_dibuka(d.get("dibuka") or ""),
            "profil": {kolom: d.get(kolom, "") for kolom, _label, _pilihan in PROFIL_RESPONDEN},
        }

    def tampilkan_galat(self, galat) -> None:
        """Put a service ValidationError onto the fields it names."""
        if hasattr(galat, "error_dict"):
            for kolom, daftar in galat.error_dict.items():
                self.add_error(kolom if kolom in self.fields else None, daftar)
        else:
            self.add_error(None, galat)


class JawabanForm(forms.Form):
    jawaban = forms.CharField(label=_("Jawaban untuk pengguna layanan"), widget=forms.Textarea(attrs={"rows": 3}))


class KiosForm(forms.Form):
    kode = forms.CharField(
        label=_("Nomor antrian Anda hari ini"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"placeholder": _("mis. B-007"), "autocomplete": "off", "class": "form-control-lg"}
        ),
    )


class LaporanForm(forms.Form):
    bulan = forms.CharField(label=_("Bulan"), widget=forms.TextInput(attrs={"type": "month"}))


class RencanaTindakLanjutForm(forms.Form):
    isi = KotakTeks(
        label=_("Rencana tindak lanjut"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tuliskan rencana tindak lanjut.")},
    )
