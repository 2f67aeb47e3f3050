"""Forms of the payment and delivery pages. They only read the input; the
rules (billing code, NTPN, amounts, file limits) live in `transaksi/services/pembayaran.py`
and `transaksi/billing.py`, whose ValidationErrors are put back on these forms."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import BLANK_CHOICE_DASH
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pst_layanan.berkas import BATAS_PERSYARATAN, PILIH_DOKUMEN
from pst_layanan.forms import kotak_catatan
from transaksi import billing
from transaksi.alur import TransisiTidakSah
from transaksi.forms.transaksi import JumlahField, UkuranData, UkuranField, dalam_mb, jumlah_satuan
from transaksi.models import KanalBayar, Satuan, SerahTerima
from transaksi.services.pembayaran import (
    ZONA_BPN,
    ZONA_TERDEPAN,
    periksa_bukti_bayar,
    tanggal_bayar_sah,
    validasi_berkas_bukti,
    validasi_ntpn,
)

BARIS_2 = {"rows": 2}


def _isian_salinan(label, help_text, max_length, attrs, **kwargs) -> forms.CharField:
    """A value the user copies off a payment document: never autofilled, as a
    browser's remembered value would be the previous payment's."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off", **attrs}),
        **kwargs,
    )


def isian_angka(label, help_text, max_length=20, **kwargs) -> forms.CharField:
    """A number copied from SIMPONI or a BPN, on a numeric keyboard."""
    return _isian_salinan(label, help_text, max_length, {"inputmode": "numeric"}, **kwargs)


def isian_rupiah(label, help_text) -> forms.CharField:
    """A rupiah amount copied off a billing or an invoice, read by `billing.baca_rupiah`:
    room for the largest the money columns hold written in full ("Rp 9.999.999.999.999.999,00")."""
    return isian_angka(label, help_text, max_length=30)


def isian_kode(label, help_text, max_length) -> forms.CharField:
    """A reference copied off a payment slip (NTPN, transfer reference):
    letters and digits, shown in capitals."""
    return _isian_salinan(label, help_text, max_length, {"class": "text-uppercase"})


def isian_berkas_bukti(label) -> forms.FileField:
    """The scan or photo of a proof of payment."""
    return forms.FileField(
        label=label,
        help_text=_("PDF, JPG atau PNG, maksimal 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": PILIH_DOKUMEN}),
    )


class TagihanForm(forms.Form):
    # What the view's `batas_unggah` takes for the sample; the page tells the browser.
    batas_byte = BATAS_PERSYARATAN

    kode_billing = isian_angka(_("Kode billing SIMPONI"), _("15 angka, disalin dari SIMPONI."))
    jumlah_billing = isian_rupiah(
        _("Jumlah pada billing SIMPONI"),
        _("Ketik jumlah seperti tertera pada billing SIMPONI; harus sama dengan total item transaksi."),
    )
    kedaluwarsa_pada = forms.DateTimeField(
        label=_("Berlaku sampai"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Masa berlaku kode billing seperti tertera di SIMPONI."),
    )
    kanal = forms.MultipleChoiceField(
        label=_("Kanal pembayaran"),
        choices=KanalBayar.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=KanalBayar.values,
    )
    contoh_data = forms.FileField(
        label=_("Contoh data (opsional)"),
        required=False,
        help_text=_("Untuk data mikro: contoh data agar pemohon memeriksanya sebelum membayar. Maksimal 10 MB."),
    )
    catatan = forms.CharField(
        label=_("Catatan untuk pemohon (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kantor_id: int | None = None, total: Decimal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kantor_id, self.total = kantor_id, total
        awal = billing.kedaluwarsa_bawaan(kantor_id=kantor_id)
        self.fields["kedaluwarsa_pada"].initial = timezone.localtime(awal).replace(second=0, microsecond=0)

    def clean(self):
        data = super().clean()
        # A box refused here (left empty, no channel ticked) keeps the service
        # from running, and with it the check of the values copied from
        # SIMPONI: it runs here then, so the officer meets every mistake on
        # this send (and chooses the sample file once). A box already refused
        # keeps its own message; the service checks everything again.
        if self.errors and self.total is not None and billing.adapter().isian_petugas:
            try:
                billing.baca_salinan_simponi(data, self.total, self.kantor_id)
            except ValidationError as e:
                for medan, pesan in e.message_dict.items():
                    if medan not in self.errors:
                        self.add_error(medan, pesan)
        return data


class FormPanel(forms.Form):
    """A form of the payment page's panels, given the transaction it is sent
    for (`transaksi`; None while it is only shown), so it can check values
    against it."""

    def __init__(self, *args, transaksi=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.transaksi = transaksi


class KoreksiTagihanForm(FormPanel):
    catatan = kotak_catatan(
        _("Apa yang perlu dikoreksi?"),
        baris=3,
        help_text=_("Mis. jumlah halaman/ukuran data tidak sesuai, atau contoh data tidak sesuai kebutuhan."),
    )


class KoreksiItemForm(forms.Form):
    """The officer's correction of the items' quantities before payment: one field per item."""

    STATUS = ("menunggu_tagihan", "menunggu_pembayaran")

    catatan = forms.CharField(label=_("Alasan koreksi (dikirim ke pemohon)"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, t, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(t.item.select_related("produk").order_by("pk"))
        for item in self.items:
            label = f"{item.produk.nama} — {item.uraian}"
            if item.produk.satuan == Satuan.BYTE:
                # A size, ordered in MB by default: corrected the same way, so a
                # "3" meant as 3 MB is not read as 3 bytes.
                self.fields[f"jumlah_{item.pk}"] = UkuranField(label=label, initial=dalam_mb(item.jumlah))
                self.fields[f"ukuran_{item.pk}"] = forms.ChoiceField(
                    label=_("Satuan ukuran"), choices=UkuranData.PILIHAN, initial=UkuranData.MB, required=False
                )
            else:
                self.fields[f"jumlah_{item.pk}"] = JumlahField(
                    label=label,
                    validators=[item.produk.validasi_jumlah],
                    initial=item.jumlah,
                    help_text=item.produk.get_satuan_display(),
                )
            # The quantity this page showed, sent back with it (below).
            self.fields[f"awal_{item.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=item.jumlah
            )
        self.order_fields([*(f"{f}_{i.pk}" for i in self.items for f in ("jumlah", "ukuran")), "catatan"])

    def clean(self):
        data = super().clean()
        for item in self.items:
            nama = f"jumlah_{item.pk}"
            if item.produk.satuan != Satuan.BYTE or data.get(nama) is None:
                continue
            # Sent without its unit (a page opened before sizes were offered in
            # MB), the size is in bytes, the product's own unit.
            ukuran = data.get(f"ukuran_{item.pk}") or UkuranData.BYTE
            try:
                data[nama] = jumlah_satuan(item.produk, data[nama], ukuran)
            except ValidationError as e:
                self.add_error(nama, e)
        return data

    def jumlah_baru(self) -> dict[int, int]:
        """The quantities changed on this page, and only those: a page opened
        before someone else corrected another item does not set it back."""
        d = self.cleaned_data
        return {i.pk: d[f"jumlah_{i.pk}"] for i in self.items if d[f"jumlah_{i.pk}"] != d.get(f"awal_{i.pk}")}


class KoreksiItemPemohonForm(KoreksiItemForm):
    """The visitor's own correction, while the officer has the items open to them."""

    catatan = kotak_catatan(_("Keterangan untuk petugas"), baris=2)


class BukaKoreksiItemForm(FormPanel):
    catatan = forms.CharField(
        label=_("Apa yang perlu dikoreksi pemohon?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mis. jumlah tabel atau halaman belum sesuai dengan satuan tarif."),
    )

    def __init__(self, *args, **kwargs):
        # Shown beside KoreksiItemForm, whose note is also `catatan`: ids of its own.
        kwargs.setdefault("auto_id", "id_buka_koreksi_%s")
        super().__init__(*args, **kwargs)


def isian_tanggal_bayar(label, petunjuk) -> forms.DateField:
    """The payment date of a proof: optional (today when left empty), shown
    as a date picker."""
    return forms.DateField(
        label=label,
        required=False,
        help_text=petunjuk,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def aturan_layanan(aturan, nilai):
    """Check a field by the service's own rule, so a mistake in it is named
    with the others (a missing file, say) on the first send; the service
    checks it again. The refusal, under whatever field the rule named, lands
    on the field being cleaned."""
    try:
        return aturan(nilai)
    except ValidationError as e:
        raise ValidationError(e.messages) from None


class BuktiForm(FormPanel):
    """A proof of payment: its date defaults to today in the form. What the
    proof must agree with on the transaction (`periksa`: the invoice paid, a
    payment no other transaction holds) is checked with the fields, so every
    mistake is named on the first send; the service checks it again."""

    # What `validasi_berkas_bukti` and the views' `batas_unggah` take; the page tells the browser.
    batas_byte = BATAS_PERSYARATAN
    # The first time zone that reaches a proof's date (`tanggal_bayar_sah`): a transfer's, anywhere.
    zona_tanggal = ZONA_TERDEPAN

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tanggal_bayar"].initial = timezone.localdate()

    def clean_tanggal_bayar(self):
        tanggal = self.cleaned_data.get("tanggal_bayar")
        aturan_layanan(partial(tanggal_bayar_sah, zona=self.zona_tanggal), tanggal)
        return tanggal  # left empty: the service takes today

    def clean_berkas(self):
        berkas = self.cleaned_data.get("berkas")
        if berkas:
            aturan_layanan(validasi_berkas_bukti, berkas)
        return berkas

    def clean(self):
        data = super().clean()
        if self.transaksi is not None:
            # The date the service takes (today when left empty); None when refused.
            tanggal = tanggal_bayar_sah(data["tanggal_bayar"], self.zona_tanggal) if "tanggal_bayar" in data else None
            try:
                self.periksa(self.transaksi, data, tanggal)
            except ValidationError as e:
                self.add_error(None, e)
            except TransisiTidakSah as e:
                # Nothing to pay (the transaction moved on since the page was
                # opened): said as the page's message (`sudah_berubah`), since
                # the page shown afresh may no longer hold this form and its
                # field errors; a valid form hears it from the service.
                self.tolakan_keadaan = str(e)
        return data

    def periksa(self, t, data: dict, tanggal) -> None:
        """The service's checks against `t` of the values in `data` (those the fields took)."""
        raise NotImplementedError


class BuktiBayarForm(BuktiForm):
    zona_tanggal = ZONA_BPN
    ntpn = isian_kode(
        _("NTPN"),
        _("Nomor Transaksi Penerimaan Negara: 16 huruf/angka pada Bukti Penerimaan Negara (BPN)."),
        max_length=30,
    )
    tanggal_bayar = isian_tanggal_bayar(
        _("Tanggal bayar"), _("Tanggal pembayaran seperti tertera pada BPN; petugas mencocokkannya.")
    )
    kode_billing = isian_angka(
        _("Kode billing yang dibayar (opsional)"),
        _("Seperti tertera pada BPN; isi bila Anda membayar kode billing tagihan sebelumnya."),
        required=False,
    )
    berkas = isian_berkas_bukti(_("Bukti Penerimaan Negara (BPN)"))

    def clean_ntpn(self):
        return aturan_layanan(validasi_ntpn, self.cleaned_data.get("ntpn"))

    def periksa(self, t, data: dict, tanggal) -> None:
        periksa_bukti_bayar(t, data.get("ntpn"), tanggal, data.get("kode_billing", ""))


class TolakBuktiForm(FormPanel):
    alasan = forms.CharField(label=_("Alasan penolakan"), widget=forms.Textarea(attrs={"rows": 2}))
    # The proof the page showed: only that one is refused (`pembayaran.tolak_bukti`).
    bukti = forms.IntegerField(required=False, widget=forms.HiddenInput)


class BanyakBerkasInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BanyakBerkasField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", BanyakBerkasInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        """Each file is checked on its own, and a refused one is named: one
        empty file among twenty says which."""
        semua = list(data) if isinstance(data, list | tuple) else [data] if data else []
        if not semua:
            super().clean(None, initial)  # a required field says so
            return []
        bersih, galat = [], []
        for berkas in semua:
            try:
                bersih.append(super().clean(berkas, initial))
            except ValidationError as e:
                galat += [f"{getattr(berkas, 'name', '')}: {pesan}" for pesan in e.messages]
        if galat:
            raise ValidationError(galat)
        return bersih


class SerahkanForm(forms.Form):
    berkas = BanyakBerkasField(
        label=_("Berkas produk"),
        required=False,
        help_text=_("Boleh beberapa berkas sekaligus (PDF, XLSX, CSV, ZIP, SHP, …), maksimal 500 MB sekali kirim."),
    )
    serah_fisik = forms.BooleanField(label=_("Ada serah terima fisik (CD/cetakan)"), required=False)
    # Starts empty: the medium is printed on the signed hand-over report, so it is
    # chosen, never left at the first option (clean() asks for it).
    media = forms.ChoiceField(label=_("Media"), choices=BLANK_CHOICE_DASH + SerahTerima.Media.choices, required=False)
    uraian = forms.CharField(
        label=_("Uraian produk yang diserahkan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    penerima_nama = forms.CharField(label=_("Nama penerima"), max_length=150, required=False)
    catatan = forms.CharField(
        label=_("Catatan untuk pemohon (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("serah_fisik") and not data.get("media"):
            raise ValidationError({"media": gettext("Pilih media serah terima.")})
        return data
