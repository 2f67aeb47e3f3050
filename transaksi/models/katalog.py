"""The catalogue: products, the kinds of required document, and PNBP tariffs
(computed by `transaksi/tarif.py`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pst_layanan.format import ribuan
from transaksi import tarif as tarif_mod

TIDAK_NEGATIF = [MinValueValidator(0)]


class KategoriProduk(models.TextChoices):
    PUBLIKASI = "publikasi", _("Publikasi elektronik")
    MIKRODATA = "mikrodata", _("Data mikro")
    PETA = "peta", _("Peta digital wilayah kerja statistik")


class Satuan(models.TextChoices):
    HALAMAN = "halaman", _("halaman")
    BYTE = "byte", _("byte")
    PETA = "peta", _("peta")
    TABEL = "tabel", _("tabel")


# The most one item may ask for: a terabyte of data, or a hundred thousand
# pages, maps or tables (Indonesia has some 84.000 villages). Far above any
# real order, and low enough that the item's price fits its money column.
JUMLAH_MAKS = {Satuan.BYTE: 10**12, Satuan.HALAMAN: 100_000, Satuan.PETA: 100_000, Satuan.TABEL: 100_000}


class SatuanPesanan(models.TextChoices):
    """What one item of a product is, when its tariff is per dataset, per
    table or per publication (the first block is charged per unit, so one
    item must not bundle several; rule in `services.pengajuan.pastikan_satu_satuan`)."""

    # One of them ("one dataset"), where `Satuan` counts many ("50 pages"): their own context.
    DATASET = "dataset", pgettext_lazy("satu item", "dataset")
    TABEL = "tabel", pgettext_lazy("satu item", "tabel")
    PUBLIKASI = "publikasi", pgettext_lazy("satu item", "publikasi")


class KelasHarga(models.TextChoices):
    """A transaction's price class. Rp0 is a decision about the applicant,
    asked for with a letter and approved or refused by an officer; a product
    is only paid or free (`KelasProduk`)."""

    BERBAYAR = "berbayar", _("Berbayar")
    NOL_RUPIAH = "nol_rupiah", _("Nol rupiah (Rp0)")
    GRATIS = "gratis", _("Gratis")


class KelasProduk(models.TextChoices):
    BERBAYAR = KelasHarga.BERBAYAR.value, _("Berbayar")
    GRATIS = KelasHarga.GRATIS.value, _("Gratis")


class JenisDokumen(models.Model):
    """A kind of required document (admin-managed)."""

    class Kondisi(models.TextChoices):
        PRODUK = "produk", _("Bila produk memintanya")
        SWASTA = "swasta", _("Bila pemohon dari sektor swasta")
        NOL_RUPIAH = "nol_rupiah", _("Bila mengajukan tarif Rp0")

    kode = models.SlugField(_("kode"), unique=True)
    nama = models.CharField(_("nama"), max_length=150)
    keterangan = models.TextField(_("keterangan untuk pemohon"), blank=True)
    kondisi = models.CharField(_("wajib"), max_length=12, choices=Kondisi.choices, default=Kondisi.PRODUK)
    urutan = models.PositiveSmallIntegerField(_("urutan tampil"), default=0)

    class Meta:
        verbose_name = _("jenis dokumen persyaratan")
        verbose_name_plural = pgettext_lazy("jamak", "jenis dokumen persyaratan")
        ordering = ["urutan", "nama"]

    def __str__(self):
        return self.nama


class Produk(models.Model):
    kode = models.SlugField(_("kode"), unique=True)
    nama = models.CharField(_("nama produk"), max_length=200)
    kategori = models.CharField(_("kategori"), max_length=12, choices=KategoriProduk.choices)
    deskripsi = models.TextField(_("deskripsi"), blank=True)
    satuan = models.CharField(_("satuan isian"), max_length=10, choices=Satuan.choices)
    kelas_harga = models.CharField(
        _("kelas harga"), max_length=12, choices=KelasProduk.choices, default=KelasProduk.BERBAYAR
    )
    satuan_pesanan = models.CharField(
        _("satu item adalah"),
        max_length=10,
        choices=SatuanPesanan.choices,
        blank=True,
        help_text=_("Isi bila tarif dihitung per dataset, per tabel atau per publikasi: satu item = satu unit itu."),
    )
    dokumen_wajib = models.ManyToManyField(JenisDokumen, blank=True, verbose_name=_("dokumen wajib"))
    aktif = models.BooleanField(_("aktif"), default=True)
    urutan = models.PositiveSmallIntegerField(_("urutan tampil"), default=0)

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("katalog produk")
        ordering = ["kategori", "urutan", "nama"]

    def __str__(self):
        return self.nama

    def clean(self):
        super().clean()
        # Its tariff rows are prices per this unit: read per another (a page's
        # price per byte) they would price every new item wrongly.
        lama = Produk.objects.filter(pk=self.pk).values_list("satuan", flat=True).first() if self.pk else None
        if lama and lama != self.satuan and self.tarif.exists():
            pesan = _("Tarif produk ini ditetapkan per %(satuan)s: satuannya tidak dapat diubah. Buat produk baru.")
            raise ValidationError({"satuan": pesan % {"satuan": Satuan(lama).label}})

    def validasi_jumlah(self, jumlah: int, satuan_isian: tuple[str, int] | None = None) -> None:
        """Refuse a quantity above what one item of this product may ask for,
        naming the limit in the unit the user typed (`satuan_isian`: its name
        and how many of the product's units it is, e.g. ("MB", 1_000_000))."""
        maks = JUMLAH_MAKS[self.satuan]
        if jumlah > maks:
            nama, per = satuan_isian or (self.get_satuan_display(), 1)
            raise ValidationError(
                _("Jumlah terlalu besar: paling banyak %(maks)s %(satuan)s per item.")
                % {"maks": ribuan(maks // per), "satuan": nama}
            )

    @property
    def keterangan_satuan(self) -> str:
        """What one item is, as the item form and the tariff page say it."""
        if not self.satuan_pesanan:
            return ""
        return _("Satu item = satu %(pesanan)s; jumlah = %(satuan)s %(pesanan)s itu saja.") % {
            "pesanan": self.get_satuan_pesanan_display(),
            "satuan": self.get_satuan_display(),
        }


# Newest start first; among rows of one start, the one recorded last: rows are
# never edited, so a mistyped tariff is corrected by a new row from its start.
URUTAN_TARIF = ("-berlaku_mulai", "-pk")


class TarifQuerySet(models.QuerySet):
    def berlaku(self, pada=None):
        return self.filter(berlaku_mulai__lte=pada or timezone.now()).order_by("produk_id", *URUTAN_TARIF)


class TarifProduk(models.Model):
    """A tariff of a product from a date on. Rows are never edited once used:
    a change is a new row, and items keep the snapshot they were priced with."""

    produk = models.ForeignKey(Produk, on_delete=models.PROTECT, related_name="tarif", verbose_name=_("produk"))
    berlaku_mulai = models.DateTimeField(_("berlaku mulai"), default=timezone.now)
    aturan = models.CharField(
        _("aturan"),
        max_length=10,
        choices=[
            (tarif_mod.AturanTarif.PER_UNIT, _("Per satuan")),
            (tarif_mod.AturanTarif.BLOK, _("Blok pertama + blok berikutnya")),
        ],
    )
    harga_satuan = models.DecimalField(
        _("harga per satuan"), max_digits=14, decimal_places=0, default=0, validators=TIDAK_NEGATIF
    )
    blok_pertama = models.PositiveBigIntegerField(_("ukuran blok pertama"), default=0)
    harga_blok_pertama = models.DecimalField(
        _("harga blok pertama"), max_digits=14, decimal_places=0, default=0, validators=TIDAK_NEGATIF
    )
    blok_lanjutan = models.PositiveBigIntegerField(_("ukuran blok berikutnya"), default=0)
    harga_blok_lanjutan = models.DecimalField(
        _("harga blok berikutnya"), max_digits=14, decimal_places=0, default=0, validators=TIDAK_NEGATIF
    )
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=100, default="PP 13/2024")

    objects = TarifQuerySet.as_manager()

    class Meta:
        verbose_name = _("tarif PNBP")
        verbose_name_plural = pgettext_lazy("jamak", "tarif PNBP")
        ordering = ["produk", *URUTAN_TARIF]
        constraints = [
            models.CheckConstraint(
                condition=Q(aturan="per_unit") | Q(blok_pertama__gt=0, blok_lanjutan__gt=0),
                name="tarif_blok_berukuran",
            ),
            # A negative price would make a paid request free (a total of 0 or less skips payment).
            models.CheckConstraint(
                condition=Q(harga_satuan__gte=0, harga_blok_pertama__gte=0, harga_blok_lanjutan__gte=0),
                name="tarif_harga_tidak_negatif",
            ),
        ]

    def __str__(self):
        # The office's date: a tariff from midnight WIB starts at 17.00 UTC the day before.
        tanggal = f"{timezone.localtime(self.berlaku_mulai):%d-%m-%Y}"
        return _("%(produk)s sejak %(tanggal)s") % {"produk": self.produk, "tanggal": tanggal}

    def clean(self):
        super().clean()
        # The constraint `tarif_blok_berukuran`, said beside the fields instead of by its name.
        if self.aturan == tarif_mod.AturanTarif.BLOK:
            kosong = {
                kolom: _("Isi ukuran blok lebih dari 0 untuk tarif per blok.")
                for kolom in ("blok_pertama", "blok_lanjutan")
                if not getattr(self, kolom)
            }
            if kosong:
                raise ValidationError(kosong)

    @staticmethod
    def kolom_harga_pokok(aturan: str) -> str:
        """The price every item of the row pays at least (per unit, or the
        first block): at Rp0 the row makes an item free."""
        return "harga_satuan" if aturan == tarif_mod.AturanTarif.PER_UNIT else "harga_blok_pertama"

    @property
    def tanpa_harga(self) -> bool:
        return not getattr(self, self.kolom_harga_pokok(self.aturan))

    def sebagai_tarif(self) -> tarif_mod.Tarif:
        return tarif_mod.Tarif(
            aturan=self.aturan,
            satuan=self.produk.get_satuan_display(),
            kode_satuan=self.produk.satuan,
            harga_satuan=self.harga_satuan,
            blok_pertama=self.blok_pertama,
            harga_blok_pertama=self.harga_blok_pertama,
            blok_lanjutan=self.blok_lanjutan,
            harga_blok_lanjutan=self.harga_blok_lanjutan,
        )


def tarif_ke_depan(baris: list[TarifProduk], pada=None) -> list[TarifProduk]:
    """Of a product's tariff rows, given in the order they were recorded, the
    ones that price its new items from `pada` (now) on: the row in force then
    and every later one; of rows with one start only the last recorded counts
    (`URUTAN_TARIF`)."""
    pada = pada or timezone.now()
    per_mulai = {tarif.berlaku_mulai: tarif for tarif in baris}
    mulai = sorted(per_mulai)
    sudah = [m for m in mulai if m <= pada][-1:]
    return [per_mulai[m] for m in sudah + [m for m in mulai if m > pada]]
