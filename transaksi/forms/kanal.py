"""Forms of paying without an NTPN: the visitor's transfer proof and the
treasurer's cash record. They only read the input; the rules live in
`transaksi/services/kanal.py`."""

from __future__ import annotations

from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from transaksi.billing import baca_rupiah
from transaksi.forms.pembayaran import (
    BuktiForm,
    aturan_layanan,
    isian_berkas_bukti,
    isian_kode,
    isian_rupiah,
    isian_tanggal_bayar,
)
from transaksi.services.kanal import periksa_bukti_transfer, referensi_sah


class BuktiTransferForm(BuktiForm):
    prefix = "transfer"  # shown beside the SIMPONI proof form, whose fields share names
    bank_pengirim = forms.CharField(
        label=_("Bank pengirim"),
        max_length=120,
        help_text=_("Nama bank (dan negara, bila dari luar negeri) asal transfer."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    nomor_referensi = isian_kode(
        _("Nomor referensi transfer"),
        _("Nomor referensi/transaksi seperti tertera pada bukti transfer dari bank."),
        max_length=60,
    )
    tanggal_bayar = isian_tanggal_bayar(
        _("Tanggal transfer"),
        _("Tanggal seperti tertera pada bukti transfer; petugas mencocokkannya dengan rekening koran."),
    )
    berkas = isian_berkas_bukti(_("Bukti transfer"))

    def clean_nomor_referensi(self):
        return aturan_layanan(referensi_sah, self.cleaned_data.get("nomor_referensi"))

    def periksa(self, t, data: dict, tanggal) -> None:
        periksa_bukti_transfer(t, data.get("bank_pengirim"), data.get("nomor_referensi"), tanggal)


# Cash is counted in whole rupiah, as the invoice asks: no SIMPONI billing is involved.
TUNAI_TANPA_SEN = _("Tagihan dibayar dalam rupiah utuh, tanpa sen; periksa kembali jumlah uang yang diterima.")


class TerimaTunaiForm(forms.Form):
    # Typed as the invoice prints it ("Rp50.000"), read like the billing's amount.
    jumlah_diterima = isian_rupiah(
        _("Uang tunai yang diterima (Rp)"),
        _("Hitung uangnya, lalu ketik jumlahnya; harus sama dengan jumlah tagihan."),
    )
    catatan = forms.CharField(label=_("Catatan (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_jumlah_diterima(self):
        return aturan_layanan(partial(baca_rupiah, pesan_sen=TUNAI_TANPA_SEN), self.cleaned_data.get("jumlah_diterima"))
