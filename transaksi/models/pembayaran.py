"""Payment and delivery (SOP step 7): invoices with a SIMPONI billing code,
proofs of payment, delivered products, hand-over records, receipts and the
download log.

Numbered documents (invoice, receipt, hand-over record) are never deleted
nor edited: only their status fields change, a correction is a new document.
Every change goes through `transaksi/services/` (`tagihan.py`, `pembayaran.py`,
`kanal.py`, `penyerahan.py`).
"""

from __future__ import annotations

import re
import secrets
from decimal import Decimal
from types import SimpleNamespace

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pst_layanan.appendonly import AppendOnlyModel, AppendOnlyQuerySet
from pst_layanan.berkas import JalurPrivat, nama_unduhan
from pst_layanan.cadangan import hapus_setelah_commit
from pst_layanan.kolom import oleh, pada
from transaksi.alur import Status as StatusTransaksi

__all__ = [
    "BerkasProduk",
    "BuktiBayar",
    "CaraBayar",
    "DokumenTidakDapatDiubah",
    "KanalBayar",
    "Kuitansi",
    "SerahTerima",
    "Tagihan",
    "Unduhan",
    "buat_token",
]

POLA_KODE_BILLING = r"^\d{15}$"
POLA_NTPN = r"^[A-Z0-9]{16}$"

validasi_kode_billing = RegexValidator(POLA_KODE_BILLING, "Kode billing SIMPONI harus tepat 15 angka.")
validasi_ntpn = RegexValidator(POLA_NTPN, "NTPN harus tepat 16 karakter berupa huruf dan/atau angka.")


def buat_token() -> str:
    """An unguessable token for the public verification page of a document."""
    return secrets.token_urlsafe(24)


def kolom_token() -> models.CharField:
    """A document's verification token, printed as the QR code on its PDF."""
    return models.CharField(_("token verifikasi"), max_length=64, unique=True, default=buat_token, editable=False)


class DokumenTidakDapatDiubah(Exception):
    """A numbered document was about to be edited or deleted."""


class _DokumenQuerySet(models.QuerySet):
    def update(self, **kwargs):
        _pastikan_kolom_boleh(self.model, kwargs)
        return super().update(**kwargs)

    def delete(self):
        raise DokumenTidakDapatDiubah(f"{self.model._meta.verbose_name} tidak boleh dihapus.")


def _pastikan_kolom_boleh(model, kolom) -> None:
    terlarang = set(kolom) - set(model.KOLOM_STATUS)
    if terlarang:
        raise DokumenTidakDapatDiubah(
            f"{model._meta.verbose_name} tidak boleh diubah (kolom {', '.join(sorted(terlarang))}); "
            "koreksi dibuat sebagai dokumen baru."
        )


class DokumenTetap(models.Model):
    """A document written once: afterwards only `KOLOM_STATUS` may change,
    and only by naming them in `save(update_fields=...)`."""

    KOLOM_STATUS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            kolom = kwargs.get("update_fields")
            if kolom is None:
                raise DokumenTidakDapatDiubah(
                    f"{self._meta.verbose_name} yang sudah tersimpan hanya boleh diubah statusnya (update_fields)."
                )
            _pastikan_kolom_boleh(type(self), kolom)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DokumenTidakDapatDiubah(f"{self._meta.verbose_name} tidak boleh dihapus.")


class PembayarTercatat(models.Model):
    """The payer a numbered financial document names, written when it is
    issued: reprinted after the visitor edits their profile it still reads as
    it was issued. Erasure replaces them (`transaksi.data_pribadi`)."""

    nama_pembayar = models.CharField(_("nama pembayar"), max_length=150, blank=True)
    instansi_pembayar = models.CharField(_("instansi pembayar"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding and not self.nama_pembayar:
            pemohon = self.transaksi.pemohon
            self.nama_pembayar, self.instansi_pembayar = pemohon.nama_lengkap, pemohon.nama_instansi
        super().save(*args, **kwargs)

    @classmethod
    def hapus_pembayar(cls, pemohon, pengganti: str) -> int:
        """Erasure of the visitor's personal data only (UU 27/2022): the one
        write past a written document's guard, and to the payer alone."""
        return models.QuerySet.update(
            cls.objects.filter(transaksi__pemohon=pemohon), nama_pembayar=pengganti, instansi_pembayar=""
        )


class KanalBayar(models.TextChoices):
    TELLER = "teller", _("Teller bank atau kantor pos")
    ATM = "atm", _("ATM")
    INTERNET = "internet", _("Internet banking / mobile banking")
    EDC = "edc", _("Mesin EDC")


class CaraBayar(models.TextChoices):
    """How an invoice was paid. SIMPONI gives an NTPN; a transfer (payers
    abroad, or anyone without access to SIMPONI) and cash at the treasurer
    (bendahara penerimaan) do not. Each office enables its own (`Kantor`)."""

    SIMPONI = "simponi", _("SIMPONI (NTPN)")
    TRANSFER = "transfer", _("Transfer bank / luar negeri")
    TUNAI = "tunai", _("Tunai di bendahara penerimaan")


class TagihanQuerySet(_DokumenQuerySet):
    def ganti_catatan(self, catatan: str) -> int:
        """Erasure of the visitor's personal data only (UU 27/2022): the one
        write past the invoice's guard to the officer's note, which may
        address the visitor by name or contact."""
        return models.QuerySet.update(self, catatan=catatan)

    def aktif(self):
        return self.filter(status=Tagihan.Status.AKTIF)

    def ditagihkan(self):
        """The invoices whose amount counts as billed PNBP, one per transaction
        at most: the paid one; else the latest, unless it is void or its
        transaction was cancelled. An expired-and-replaced or corrected
        invoice is superseded by its successor, so nothing is counted twice;
        the dashboard, the monthly report and the reconciliation all use this."""
        sama = Tagihan.objects.filter(transaksi=OuterRef("transaksi"))
        terakhir = sama.order_by("-diterbitkan_pada", "-pk").values("pk")[:1]
        berdiri = (
            Q(pk=Subquery(terakhir))
            & ~Q(status=Tagihan.Status.BATAL)
            & ~Q(transaksi__status=StatusTransaksi.DIBATALKAN)
            & ~Exists(sama.filter(status=Tagihan.Status.LUNAS))
        )
        return self.filter(Q(status=Tagihan.Status.LUNAS) | berdiri)


class Tagihan(PembayarTercatat, DokumenTetap):
    """An invoice with its SIMPONI billing code. The amount is the items'
    total at issue; a correction or an expired code gives a new invoice and
    this one is kept, marked."""

    class Status(models.TextChoices):
        AKTIF = "aktif", _("Aktif")
        DIGANTI = "diganti", _("Diganti (koreksi)")
        KEDALUWARSA = "kedaluwarsa", _("Kedaluwarsa")
        LUNAS = "lunas", _("Lunas")
        BATAL = "batal", _("Dibatalkan")

    KOLOM_STATUS = ("status", "diganti_pada", "catatan_koreksi", "lunas_pada", "dibatalkan_pada", "alasan_batal")

    transaksi = models.ForeignKey(
        "transaksi.Transaksi", on_delete=models.PROTECT, related_name="tagihan", verbose_name=_("transaksi")
    )
    nomor = models.CharField(_("nomor tagihan"), max_length=30, unique=True)
    jumlah = models.DecimalField(_("jumlah"), max_digits=16, decimal_places=0)
    kode_billing = models.CharField(_("kode billing SIMPONI"), max_length=15, validators=[validasi_kode_billing])
    sumber_billing = models.CharField(_("sumber kode billing"), max_length=30, default="manual")
    diterbitkan_pada = models.DateTimeField(_("diterbitkan pada"), default=timezone.now)
    kedaluwarsa_pada = models.DateTimeField(_("berlaku sampai"))
    kanal = models.JSONField(_("kanal pembayaran"), default=list)
    # The items as invoiced ({"item", "jumlah", "subtotal"} each): a later
    # correction changes the items, never what this invoice printed.
    item_terbit = models.JSONField(_("item saat diterbitkan"), default=list, editable=False)
    catatan = models.TextField(_("catatan petugas"), blank=True)
    contoh_data = models.FileField(_("contoh data"), upload_to=JalurPrivat("contoh-data"), max_length=300, blank=True)
    contoh_data_nama = models.CharField(_("nama berkas contoh data"), max_length=200, blank=True)
    # Detected from the content at upload (pst_layanan.berkas.kenali); the download carries it.
    contoh_data_tipe = models.CharField(_("tipe isi contoh data"), max_length=100, blank=True)
    diterbitkan_oleh = oleh(_("diterbitkan oleh"), wajib=True)
    token = kolom_token()

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.AKTIF)
    diganti_pada = pada(_("diganti pada"))
    catatan_koreksi = models.TextField(_("permintaan koreksi pemohon"), blank=True)
    lunas_pada = pada(_("lunas pada"))
    dibatalkan_pada = pada(_("dibatalkan pada"))
    alasan_batal = models.TextField(_("alasan pembatalan"), blank=True)

    objects = TagihanQuerySet.as_manager()

    class Meta:
        verbose_name = _("tagihan")
        verbose_name_plural = pgettext_lazy("jamak", "tagihan")
        ordering = ["-diterbitkan_pada", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kode_billing"], name="tagihan_kode_billing_unik"),
            models.CheckConstraint(condition=Q(kode_billing__regex=POLA_KODE_BILLING), name="tagihan_kode_15_angka"),
            # One invoice to pay at a time per transaction.
            models.UniqueConstraint(fields=["transaksi"], condition=Q(status="aktif"), name="tagihan_satu_aktif"),
        ]
        # The expiry job (transaksi/tenggat.py) asks for active invoices past their expiry.
        indexes = [
            models.Index(fields=["kedaluwarsa_pada"], name="tagihan_aktif_kedaluwarsa", condition=Q(status="aktif"))
        ]

    def __str__(self):
        return self.nomor

    def get_kanal_display(self) -> list[str]:
        return [KanalBayar(k).label for k in self.kanal if k in KanalBayar.values]

    def baris_item(self) -> list:
        """The items this invoice billed, with the quantities and subtotals of
        its issue. An invoice from before the record was kept shows the
        current items only while they still add up to its amount."""
        item = {i.pk: i for i in self.transaksi.item.select_related("produk")}
        if not self.item_terbit:
            return list(item.values()) if sum(i.subtotal for i in item.values()) == self.jumlah else []
        return [
            SimpleNamespace(
                produk=item[b["item"]].produk,
                uraian=item[b["item"]].uraian,
                jumlah=b["jumlah"],
                subtotal=Decimal(b["subtotal"]),
            )
            for b in self.item_terbit
            if b["item"] in item
        ]

    @property
    def lewat_masa_berlaku(self) -> bool:
        return self.kedaluwarsa_pada < timezone.now()

    @property
    def boleh_dibayar(self) -> bool:
        """Its billing code may still be paid: active and not past its expiry."""
        return self.status == self.Status.AKTIF and not self.lewat_masa_berlaku

    @property
    def tidak_berlaku(self) -> bool:
        """Its code must not be paid (expired, replaced or void), as its PDF
        and verification page say; a paid invoice is settled, not void."""
        return self.status != self.Status.LUNAS and not self.boleh_dibayar


# Words a sender writes around a bank's name: "PT Bank Mandiri (Persero) Tbk" is Mandiri.
_BUKAN_NAMA_BANK = frozenset({"bank", "pt", "persero", "tbk"})


def kunci_bank(nama: str) -> str:
    """The bank a sender typed, as compared: case, punctuation, spacing and
    the words around a bank's name do not count."""
    kata = re.findall(r"\w+", nama.casefold())
    return "".join(k for k in kata if k not in _BUKAN_NAMA_BANK)[:120] or "".join(kata)[:120]


class BuktiBayarQuerySet(_DokumenQuerySet):  # status columns only, never deleted (like the invoice)
    def berlaku(self):
        """Proofs that hold their NTPN: waiting or accepted (a rejected one frees it)."""
        return self.exclude(status=BuktiBayar.Status.DITOLAK)

    def ganti_nama_berkas(self, tertulis: list) -> dict[int, str]:
        """Erasure of the visitor's personal data only (UU 27/2022): the one
        write past the record's guard, and to the file's name alone. The name
        the visitor gave the file may name them ("Bukti transfer Andi.pdf");
        the file stays, shown as its invoice's proof in its stored type
        ("bukti-bayar-INV-1771-2026-000001.pdf"), and its bytes are stored
        again under that name: the stored name was made from the visitor's.
        Each copy is added to `tertulis` (`hapus_bila_gagal`); the old files
        are deleted after the commit. Returns each proof's new name."""
        baru, lama = {}, []
        for bukti in self.exclude(berkas="").select_related("tagihan").only("berkas", "tipe", "tagihan__nomor"):
            baru[bukti.pk] = nama_unduhan(f"bukti-bayar-{bukti.tagihan.nomor.replace('/', '-')}", bukti.tipe)
            kolom = {"nama_asli": baru[bukti.pk]}
            try:
                with bukti.berkas.storage.open(bukti.berkas.name, "rb") as isi:
                    lama.append(bukti.berkas.name)
                    bukti.berkas.save(baru[bukti.pk], isi, save=False)
                tertulis.append(bukti.berkas)
                kolom["berkas"] = bukti.berkas.name
            except FileNotFoundError:  # nothing on disk to store again; the name shown changes all the same
                pass
            models.QuerySet.update(self.filter(pk=bukti.pk), **kolom)
        hapus_setelah_commit(lama)
        return baru


class BuktiBayar(DokumenTetap):
    """A payment of an invoice as recorded for verification, by its way of
    paying (`cara_bayar`): the visitor's Bukti Penerimaan Negara with its
    NTPN; the visitor's proof of a bank transfer with the sender's bank and
    the transfer's reference; or cash counted by the treasurer (no file,
    accepted as it is recorded)."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu verifikasi")
        DITERIMA = "diterima", _("Terverifikasi")
        DITOLAK = "ditolak", _("Ditolak")

    KOLOM_STATUS = ("status", "alasan_tolak", "diperiksa_oleh", "diperiksa_pada")

    transaksi = models.ForeignKey(
        "transaksi.Transaksi", on_delete=models.PROTECT, related_name="bukti_bayar", verbose_name=_("transaksi")
    )
    tagihan = models.ForeignKey(
        Tagihan, on_delete=models.PROTECT, related_name="bukti_bayar", verbose_name=_("tagihan")
    )
    cara_bayar = models.CharField(_("cara bayar"), max_length=10, choices=CaraBayar.choices, default=CaraBayar.SIMPONI)
    ntpn = models.CharField(_("NTPN"), max_length=16, blank=True, validators=[validasi_ntpn])
    # A transfer: the bank the money came from and the transfer's reference
    # (as printed on the sender's receipt), matched against the office's account statement.
    bank_pengirim = models.CharField(_("bank pengirim"), max_length=120, blank=True)
    # The bank as the reference's uniqueness compares it (`kunci_bank`): "BCA",
    # "bca" and "Bank BCA" are one bank, so one transfer cannot pay twice.
    bank_kunci = models.CharField(_("bank pengirim (kunci pembanding)"), max_length=120, blank=True, editable=False)
    nomor_referensi = models.CharField(_("nomor referensi transfer"), max_length=40, blank=True)
    berkas = models.FileField(_("bukti pembayaran"), upload_to=JalurPrivat("bukti-bayar"), max_length=300, blank=True)
    nama_asli = models.CharField(_("nama berkas"), max_length=200)
    ukuran = models.PositiveBigIntegerField(_("ukuran (byte)"))
    tipe = models.CharField(_("tipe isi"), max_length=50)
    dikirim_oleh = oleh(_("dikirim oleh"), wajib=True)
    dikirim_pada = models.DateTimeField(_("dikirim pada"), default=timezone.now)
    # The payment date printed on the BPN, as the visitor read it; the officer
    # checks it. Payments are judged by this date, not by when the proof came.
    dibayar_pada = models.DateField(_("tanggal bayar (pada BPN)"), null=True, blank=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    alasan_tolak = models.TextField(_("alasan penolakan"), blank=True)
    diperiksa_oleh = oleh(_("diperiksa oleh"))
    diperiksa_pada = pada(_("diperiksa pada"))

    objects = BuktiBayarQuerySet.as_manager()

    class Meta:
        verbose_name = _("bukti bayar")
        verbose_name_plural = pgettext_lazy("jamak", "bukti bayar")
        ordering = ["-dikirim_pada", "-pk"]
        constraints = [
            # An NTPN pays one transaction: unique among proofs not rejected.
            models.UniqueConstraint(
                fields=["ntpn"], condition=~Q(status="ditolak") & Q(cara_bayar="simponi"), name="bukti_bayar_ntpn_unik"
            ),
            models.CheckConstraint(
                condition=~Q(cara_bayar="simponi") | Q(ntpn__regex=POLA_NTPN), name="bukti_bayar_ntpn_16"
            ),
            # A transfer's reference at its bank pays one transaction too.
            models.UniqueConstraint(
                fields=["bank_kunci", "nomor_referensi"],
                condition=~Q(status="ditolak") & Q(cara_bayar="transfer"),
                name="bukti_bayar_referensi_unik",
            ),
            models.CheckConstraint(
                condition=~Q(cara_bayar="transfer") | (~Q(nomor_referensi="") & ~Q(bank_pengirim="")),
                name="bukti_bayar_transfer_lengkap",
            ),
            # Only cash comes without a file.
            models.CheckConstraint(condition=Q(cara_bayar="tunai") | ~Q(berkas=""), name="bukti_bayar_ada_berkas"),
        ]

    def __str__(self):
        return self.referensi

    @property
    def referensi(self) -> str:
        """What identifies the payment, as the history, the pages and the reconciliation name it."""
        if self.cara_bayar == CaraBayar.TRANSFER:
            return f"transfer {self.bank_pengirim} ref. {self.nomor_referensi}"
        if self.cara_bayar == CaraBayar.TUNAI:
            # Shown on the payment panels in the reader's language; cash is never
            # checked, so no history sentence (the office's words) names it.
            return str(CaraBayar.TUNAI.label)
        return f"NTPN {self.ntpn}"

    @property
    def terlambat(self) -> bool:
        """Paid (by the BPN's date) after its invoice's expiry day."""
        return bool(self.dibayar_pada) and self.dibayar_pada > timezone.localdate(self.tagihan.kedaluwarsa_pada)


class BerkasProduk(AppendOnlyModel):
    """A delivered product file (any type, up to 500 MB), stored privately."""

    transaksi = models.ForeignKey(
        "transaksi.Transaksi", on_delete=models.PROTECT, related_name="berkas_produk", verbose_name=_("transaksi")
    )
    berkas = models.FileField(_("berkas"), upload_to=JalurPrivat("produk"), max_length=300)
    nama_asli = models.CharField(_("nama berkas"), max_length=200)
    ukuran = models.PositiveBigIntegerField(_("ukuran (byte)"))
    # Detected from the content at upload (pst_layanan.berkas.kenali); the download carries it.
    tipe = models.CharField(_("tipe isi"), max_length=100, default="application/octet-stream")
    diunggah_oleh = oleh(_("diunggah oleh"), wajib=True)
    diunggah_pada = models.DateTimeField(_("diunggah pada"), default=timezone.now)

    class Meta:
        verbose_name = _("berkas produk")
        verbose_name_plural = pgettext_lazy("jamak", "berkas produk")
        ordering = ["pk"]

    def __str__(self):
        return self.nama_asli


class SerahTerimaQuerySet(AppendOnlyQuerySet):
    def hapus_nama_penerima(self, pengganti: str) -> int:
        """Erasure of the visitor's personal data only (UU 27/2022): the one
        write past the record's guard, and to the recipient's name alone."""
        return models.QuerySet.update(self, penerima_nama=pengganti)


class SerahTerima(AppendOnlyModel):
    """A physical hand-over (CD, print) and its numbered record (berita acara).
    Written once; erasure may blank the recipient's name when it is the
    visitor's own (`SerahTerimaQuerySet.hapus_nama_penerima`)."""

    class Media(models.TextChoices):
        CD = "cd", _("CD/DVD")
        FLASHDISK = "flashdisk", _("Flashdisk milik pemohon")
        CETAK = "cetak", _("Cetakan (hardcopy)")

    transaksi = models.ForeignKey(
        "transaksi.Transaksi", on_delete=models.PROTECT, related_name="serah_terima", verbose_name=_("transaksi")
    )
    nomor = models.CharField(_("nomor berita acara"), max_length=30, unique=True)
    media = models.CharField(_("media"), max_length=10, choices=Media.choices)
    uraian = models.TextField(_("uraian produk yang diserahkan"))
    penerima_nama = models.CharField(_("nama penerima"), max_length=150)
    diserahkan_oleh = oleh(_("diserahkan oleh"), wajib=True)
    diserahkan_pada = models.DateTimeField(_("diserahkan pada"), default=timezone.now)
    token = kolom_token()

    objects = SerahTerimaQuerySet.as_manager()

    class Meta:
        verbose_name = _("berita acara serah terima")
        verbose_name_plural = pgettext_lazy("jamak", "berita acara serah terima")
        ordering = ["pk"]

    def __str__(self):
        return self.nomor


class Kuitansi(PembayarTercatat, AppendOnlyModel):
    """The receipt of a paid transaction, issued at delivery."""

    transaksi = models.OneToOneField(
        "transaksi.Transaksi", on_delete=models.PROTECT, related_name="kuitansi", verbose_name=_("transaksi")
    )
    tagihan = models.OneToOneField(
        Tagihan, on_delete=models.PROTECT, related_name="kuitansi", verbose_name=_("tagihan")
    )
    bukti_bayar = models.OneToOneField(
        BuktiBayar, on_delete=models.PROTECT, related_name="kuitansi", verbose_name=_("bukti bayar")
    )
    nomor = models.CharField(_("nomor kuitansi"), max_length=30, unique=True)
    jumlah = models.DecimalField(_("jumlah"), max_digits=16, decimal_places=0)
    diterbitkan_pada = models.DateTimeField(_("diterbitkan pada"), default=timezone.now)
    diterbitkan_oleh = oleh(_("diterbitkan oleh"), wajib=True)
    token = kolom_token()

    class Meta:
        verbose_name = _("kuitansi")
        verbose_name_plural = pgettext_lazy("jamak", "kuitansi")
        ordering = ["-diterbitkan_pada"]

    def __str__(self):
        return self.nomor


class UnduhanQuerySet(AppendOnlyQuerySet):
    def ganti_nama(self, nama: str) -> int:
        """Erasure of the visitor's personal data only (UU 27/2022): the one
        write past the log's guard, and to the document's name alone."""
        return models.QuerySet.update(self, nama=nama)


class Unduhan(AppendOnlyModel):
    """Who downloaded which document or file of a transaction, and when."""

    class Jenis(models.TextChoices):
        TAGIHAN = "tagihan", _("Tagihan")
        CONTOH_DATA = "contoh_data", _("Contoh data")
        BUKTI_BAYAR = "bukti_bayar", _("Bukti bayar")
        PRODUK = "produk", _("Berkas produk")
        KUITANSI = "kuitansi", _("Kuitansi")
        BERITA_ACARA = "berita_acara", _("Berita acara serah terima")
        PENGEMBALIAN = "pengembalian", _("Surat permohonan pengembalian PNBP")

    transaksi = models.ForeignKey(
        "transaksi.Transaksi", on_delete=models.PROTECT, related_name="unduhan", verbose_name=_("transaksi")
    )
    jenis = models.CharField(_("jenis"), max_length=15, choices=Jenis.choices)
    objek_id = models.PositiveBigIntegerField(_("id dokumen"))
    nama = models.CharField(_("nama dokumen"), max_length=200)
    oleh = oleh(_("diunduh oleh"), wajib=True)
    waktu = models.DateTimeField(_("waktu"), default=timezone.now)

    objects = UnduhanQuerySet.as_manager()

    class Meta:
        verbose_name = _("log unduhan")
        verbose_name_plural = _("log unduhan")
        ordering = ["-waktu", "-pk"]
        indexes = [models.Index(fields=["transaksi", "waktu"], name="unduhan_transaksi_waktu")]

    def __str__(self):
        return f"{self.oleh_id} {self.get_jenis_display()} {self.nama}"
