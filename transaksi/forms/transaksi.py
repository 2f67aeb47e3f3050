"""Forms of the tariff calculator, the visitor's transaction pages and the
officer's completeness check. Rules stay in `services.py`; these only read input."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from pst_layanan.format import pemisah_angka
from pst_layanan.forms import BATAS_CATATAN, KotakTeks, wajib_tampak
from transaksi.models import KelasHarga, Produk, Satuan, Status

# 1 MB as the tariff schedule counts it: 1.000.000 bytes (see migration 0002).
BYTE_PER_MB = 1_000_000


class UkuranData:
    BYTE = "byte"
    MB = "mb"
    PILIHAN = [(MB, _("MB (1 MB = 1.000.000 byte)")), (BYTE, "byte")]


class AngkaField(forms.CharField):
    """A non-negative number as people type it here: "2.500.000", "2,5" or "2.5"
    (in English "2,500,000" or "2.5")."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    maks = 10**15

    def to_python(self, value):
        teks = super().to_python(value).replace(" ", "")
        if not teks:
            return None
        # Read as the reader writes: Indonesian "2.500.000" and "2,5", English
        # "2,500,000" and "2.5" (an English "1,500" is fifteen hundred, not 1.5).
        ribu, desimal = pemisah_angka()
        ekor = r"(?:\.\d+)?" if desimal == "." else ""
        if desimal != "." and desimal in teks:
            teks = teks.replace(ribu, "").replace(desimal, ".")
        elif re.fullmatch(rf"\d{{1,3}}(?:{re.escape(ribu)}\d{{3}})+{ekor}", teks):
            teks = teks.replace(ribu, "")
        # Latin digits only: Decimal also reads "1e5", "1_000", "NaN", "٣" and "１２".
        if not re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", teks):
            raise ValidationError(gettext("Masukkan angka, mis. 120 atau 2,5."))
        angka = Decimal(teks)
        if angka < 0:
            raise ValidationError(gettext("Masukkan angka yang tidak negatif."))
        if self.maks is not None and angka > self.maks:
            raise ValidationError(gettext("Angka terlalu besar."))
        return angka


class JumlahField(AngkaField):
    """A whole quantity of at least 1 (pages, bytes, maps), typed as `AngkaField` reads it."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    maks = None  # the product's own bound (a validator) names its maximum

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # `to_python` let only Latin digits through, so no NUL is left to look for;
        # and CharField's NUL check writes the whole number out as text, which
        # Python refuses past 4,300 digits (a 500, not the product's limit).
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]

    def to_python(self, value):
        angka = super().to_python(value)
        if angka is None:
            return None
        if angka != angka.to_integral_value():
            raise ValidationError(gettext("Jumlah harus bilangan bulat."))
        if angka < 1:
            raise ValidationError(gettext("Jumlah harus minimal 1."))
        return int(angka)


class UkuranField(AngkaField):
    """A data size in MB or bytes (a unit field beside it says which), read
    as `AngkaField` reads it; `jumlah_satuan` turns it into bytes."""

    maks = None  # the product's own bound names its maximum, in the unit typed


class ProdukPesananField(forms.ModelChoiceField):
    """The products offered, as the calculator lists them; one the office
    stopped offering since the page was opened passes on to the service,
    which refuses it by name (not as a bare "invalid choice")."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            try:
                berhenti = Produk.objects.filter(kode=str(value), aktif=False).first()
            except (ValueError, TypeError):  # as Django's own look-up: a NUL byte PostgreSQL refuses
                berhenti = None
            if berhenti is None:
                raise
            return berhenti


def _pilihan_produk(kelas=forms.ModelChoiceField):
    return kelas(
        Produk.objects.filter(aktif=True), label=_("Produk"), empty_label=_("— pilih produk —"), to_field_name="kode"
    )


class KalkulatorForm(forms.Form):
    """Product and quantity; a size can be entered in bytes or MB."""

    produk = _pilihan_produk()
    jumlah = AngkaField(
        label=pgettext_lazy("banyaknya", "Jumlah"), help_text=_("Halaman, ukuran data, atau banyaknya peta.")
    )
    ukuran = forms.ChoiceField(
        label=_("Satuan ukuran"), choices=UkuranData.PILIHAN, initial=UkuranData.MB, required=False,
        help_text=_("Hanya untuk data mikro."),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        produk, jumlah = data.get("produk"), data.get("jumlah")
        if produk is None or jumlah is None:
            return data
        try:
            data["jumlah_satuan"] = jumlah_satuan(produk, jumlah, data.get("ukuran"))
        except ValidationError as e:
            self.add_error("jumlah", e)
        return data


def jumlah_satuan(produk: Produk, jumlah: Decimal, ukuran: str | None) -> int:
    """The quantity in the product's own unit (bytes, for data typed in MB):
    whole, at least 1 (nothing asked for has no tariff: no Rp0 estimate,
    breakdown or item), and no more than one item may ask for."""
    dalam_mb = produk.satuan == Satuan.BYTE and ukuran != UkuranData.BYTE
    if dalam_mb:
        jumlah = jumlah * BYTE_PER_MB
    try:
        utuh = jumlah.to_integral_value()
    except InvalidOperation:
        utuh = None
    if utuh is None or utuh != jumlah:
        # The unit's name in the reader's language ("bytes"), even when MB were typed.
        satuan = produk.get_satuan_display()
        raise ValidationError(gettext("Jumlah %(satuan)s harus bilangan bulat.") % {"satuan": satuan})
    if utuh < 1:
        raise ValidationError(gettext("Jumlah harus minimal 1."))
    produk.validasi_jumlah(utuh, ("MB", BYTE_PER_MB) if dalam_mb else None)
    return int(utuh)


def dalam_mb(byte: int) -> str:
    """A size in bytes as MB, written as the reader types it back ("2,5" in
    Indonesian, "2.5" in English): what a size field shows to be corrected."""
    mb = (Decimal(byte) / BYTE_PER_MB).normalize()
    return format(mb, "f").replace(".", pemisah_angka()[1])


class ItemForm(KalkulatorForm):
    """One product of a transaction: what is asked for, and how much."""

    uraian = forms.CharField(
        label=_("Judul/uraian data yang diminta"),
        max_length=300,
        validators=[wajib_tampak],
        help_text=_(
            "Satu item = satu dataset (data mikro tanpa pengolahan), satu tabel (data mikro dengan pengolahan) "
            "atau satu publikasi: tulis satu judul saja, mis. “Susenas Maret 2025 Provinsi Bengkulu”. "
            "Jumlah halaman atau ukuran data adalah milik judul itu. Untuk beberapa judul, tambahkan item terpisah."
        ),
    )

    produk = _pilihan_produk(ProdukPesananField)

    field_order = ["produk", "uraian", "jumlah", "ukuran"]


class BuatTransaksiForm(ItemForm):
    """The create page: purpose, price class and the first item."""

    keperluan = KotakTeks(
        label=_("Keperluan penggunaan data"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        validators=[wajib_tampak],
        help_text=_("Untuk apa data akan digunakan (mis. skripsi, penelitian, perencanaan daerah)."),
    )
    kelas_harga = forms.ChoiceField(
        label=_("Kelas harga yang diajukan"),
        choices=[
            (KelasHarga.BERBAYAR, _("Berbayar (tarif PNBP)")),
            (KelasHarga.NOL_RUPIAH, _("Nol rupiah (Rp0) — instansi pemerintah, pendidikan/penelitian non-komersial")),
        ],
        initial=KelasHarga.BERBAYAR,
        widget=forms.RadioSelect,
        help_text=_("Tarif Rp0 memerlukan surat permohonan dan persetujuan petugas."),
    )

    field_order = ["keperluan", "kelas_harga", "produk", "uraian", "jumlah", "ukuran"]


class BatalForm(forms.Form):
    alasan = KotakTeks(
        label=_("Alasan pembatalan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False
    )


class LengkapForm(forms.Form):
    """Declare complete; a Rp0 request needs the officer's decision."""

    nol_rupiah = forms.ChoiceField(
        label=_("Permohonan tarif Rp0"),
        choices=[("setuju", _("Setujui tarif Rp0")), ("tolak", _("Tolak — kenakan tarif PNBP"))],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, minta_nol_rupiah: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not minta_nol_rupiah:
            del self.fields["nol_rupiah"]

    def keputusan_nol_rupiah(self) -> bool | None:
        nilai = self.cleaned_data.get("nol_rupiah")
        return {"setuju": True, "tolak": False}.get(nilai)


class PerbaikanForm(forms.Form):
    """A note per document (blank = fine) and a general note for what is missing."""

    catatan = KotakTeks(
        label=_("Catatan umum / dokumen yang belum ada"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
        max_length=BATAS_CATATAN,
        required=False,
    )

    def __init__(self, *args, dokumen=(), semua_dokumen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.dokumen = list(dokumen)
        # Every document of the transaction, replaced ones too (read only
        # when a note names one no longer active).
        self.semua_dokumen = semua_dokumen
        for d in self.dokumen:
            self.fields[f"dok_{d.pk}"] = KotakTeks(
                label=gettext("Catatan untuk %(jenis)s") % {"jenis": d.jenis.nama},
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
                max_length=1000,
                required=False,
            )

    def clean(self):
        data = super().clean()
        # A page opened before the visitor replaced a document (after an
        # earlier send-back) names the old one: its note would be dropped.
        aktif = {f"dok_{d.pk}" for d in self.dokumen}
        basi = [
            int(k[4:])
            for k, v in self.data.items()
            if k.startswith("dok_") and k[4:].isdigit() and k not in aktif and str(v).strip()
        ]
        if basi and self.semua_dokumen is not None:
            for d in self.semua_dokumen.filter(pk__in=basi):
                self.add_error(
                    None,
                    gettext(
                        "%(jenis)s sudah diganti pemohon sejak halaman ini dibuka; "
                        "periksa berkas barunya, lalu tulis catatannya lagi."
                    )
                    % {"jenis": d.jenis.nama},
                )
        return data

    def baris(self):
        """(document, its bound field) pairs for the template."""
        return [(d, self[f"dok_{d.pk}"]) for d in self.dokumen]

    def catatan_dokumen(self) -> dict[int, str]:
        return {d.pk: self.cleaned_data.get(f"dok_{d.pk}", "") for d in self.dokumen}


# The longest search text the check list reads (a number, or a name).
PANJANG_CARI = 100


class SaringPeriksaForm(forms.Form):
    """Worklist filters."""

    milik = forms.ChoiceField(
        label=_("Petugas"),
        choices=[("", _("Semua")), ("saya", _("Tugas saya")), ("kosong", _("Belum ada petugas"))],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua yang terbuka"))] + list(Status.choices),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    q = forms.CharField(
        label=_("Cari"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "type": "search",
                "maxlength": PANJANG_CARI,
                "placeholder": _("Nomor transaksi atau nama pemohon"),
            }
        ),
    )

    def clean_q(self) -> str:
        # Cut, not refused: a refused search would drop the other filters with it.
        return self.cleaned_data["q"][:PANJANG_CARI]

    def saringan(self) -> dict:
        """The filters for `selectors.daftar_kerja`; an invalid one (a hand-made
        link) is left out, the others kept."""
        self.is_valid()
        data = self.cleaned_data
        milik = data.get("milik", "")
        return {
            "saya": milik == "saya",
            "tanpa_petugas": milik == "kosong",
            "status": data.get("status", ""),
            "cari": data.get("q", ""),
        }


def pesan_galat(e: ValidationError | Exception) -> str:
    """One readable Indonesian sentence from a refusal."""
    if isinstance(e, ValidationError):
        return " ".join(e.messages)
    return str(e)
