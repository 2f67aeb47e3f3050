"""The deadline board of officers and supervisors (SOP steps 5 and 7)."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pst_layanan.halaman import PaginatorTerbatas, halaman_diminta, saringan_ditolak
from pst_layanan.kantor import kantor_terlihat
from pst_layanan.models import Kantor
from pst_layanan.roles import PETUGAS, peran_wajib
from transaksi import selectors
from transaksi.models import Jam, Status
from transaksi.views.hasil import ingat_daftar

PER_HALAMAN = 50


class SaringPapan(forms.Form):
    saya = forms.BooleanField(label=_("Tugas saya"), required=False)
    tanpa_petugas = forms.BooleanField(label=_("Belum ada petugas"), required=False)
    terlambat = forms.BooleanField(label=_("Terlambat"), required=False)
    hari_ini = forms.BooleanField(label=_("Jatuh tempo hari ini"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status"))]
        + [(s.value, s.label) for s in Status if s not in selectors.STATUS_BUKAN_PAPAN],
    )
    jam = forms.ChoiceField(
        label=_("Jam SOP"),
        required=False,
        choices=[("", _("Semua jam")), *[(j.value or "tanpa", j.label) for j in Jam]],
    )
    # By BPS code (?kantor=1771), as the report pages pick an office.
    kantor = forms.ModelChoiceField(
        label=_("Kantor"), required=False, empty_label=_("Semua"), queryset=Kantor.objects.none(), to_field_name="kode"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Whoever sees several offices picks one; others have only their own.
        kantor = kantor_terlihat(user)
        if kantor is None:
            del self.fields["kantor"]
        else:
            self.fields["kantor"].queryset = kantor

    def kantor_dipilih(self) -> Kantor | None:
        return self.cleaned_data.get("kantor") if self.is_bound and self.is_valid() else None

    def beberapa_kantor(self) -> bool:
        """The rows mix offices, so each names its own."""
        return "kantor" in self.fields and self.kantor_dipilih() is None

    def saringan(self) -> dict:
        if not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        data.pop("kantor", None)
        jam = data.pop("jam")
        data["jam"] = None if not jam else ("" if jam == "tanpa" else jam)
        return data


@peran_wajib(PETUGAS)
def papan(request):
    saring = SaringPapan(request.GET or None, user=request.user)
    ingat_daftar(request)
    now = timezone.now()
    qs = selectors.daftar_kerja(request.user, now=now, **saring.saringan())
    if saringan_ditolak(request, saring):
        qs = qs.none()
    dipilih = saring.kantor_dipilih()
    if dipilih is not None:
        qs = qs.filter(kantor=dipilih)
    elif saring.beberapa_kantor():
        qs = qs.select_related("kantor")
    halaman = halaman_diminta(request, qs, PER_HALAMAN, PaginatorTerbatas)
    parameter = request.GET.copy()
    parameter.pop("halaman", None)
    konteks = {
        "saring": saring,
        "halaman": halaman,
        "baris": selectors.tandai_baris(halaman.object_list, now),
        "parameter": parameter.urlencode(),
        "now": now,
        # One office chosen: its internal targets hold for every row.
        "target": dipilih or selectors.target_bersama(request.user),
        "beberapa_kantor": saring.beberapa_kantor(),
    }
    return render(request, "transaksi/tenggat/papan.html", konteks)
