"""Forms of the refund of PNBP; the rules live in `transaksi/services/pengembalian.py`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from transaksi.models.pengembalian import PANJANG_REKENING
from transaksi.services.pengembalian import Rekening

BARIS_3 = {"rows": 3}


class UsulPengembalianForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan produk tidak dapat diberikan"),
        widget=forms.Textarea(attrs=BARIS_3),
        help_text=_("Dikirim kepada pemohon dan dicantumkan pada surat permohonan pengembalian PNBP."),
    )
    nama_rekening = forms.CharField(label=_("Nama pemilik rekening pembayar"), max_length=150)
    nomor_rekening = forms.CharField(
        label=_("Nomor rekening"),
        max_length=PANJANG_REKENING,
        help_text=_("Rekening di luar negeri: tulis IBAN-nya, dan kode SWIFT/BIC bank bersama nama bank."),
    )
    nama_bank = forms.CharField(label=_("Nama bank"), max_length=100)

    def rekening(self) -> Rekening:
        d = self.cleaned_data
        return Rekening(d["nama_rekening"], d["nomor_rekening"], d["nama_bank"])


class TolakPengembalianForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan penolakan"), widget=forms.Textarea(attrs={"rows": 2}))


class ProsesPengembalianForm(forms.Form):
    catatan = forms.CharField(
        label=_("Catatan (mis. tanggal dan referensi transfer)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
