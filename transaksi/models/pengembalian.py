"""The refund of PNBP (pengembalian PNBP): a paid transaction whose product
cannot be delivered. An officer proposes it, a supervisor approves or
refuses, the treasurer marks it processed:

    diajukan → disetujui → diproses
    diajukan → ditolak

Like an invoice, the record is never deleted and, once written, only its
decision and processing columns change. Every change goes through
`transaksi/services/pengembalian.py`.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pst_layanan.kolom import oleh, pada
from transaksi.models.pembayaran import DokumenTetap, PembayarTercatat, _DokumenQuerySet, kolom_token

__all__ = ["Pengembalian"]

# An account at a bank in Indonesia: digits, grouped as the bank prints them.
POLA_REKENING = re.compile(r"[0-9][0-9 .-]{4,28}[0-9]")
# A payer abroad (who paid by transfer) is refunded to an IBAN (ISO 13616):
# a country code, two check digits and up to 30 letters and digits.
POLA_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")
# The longest IBAN (34 characters) printed in groups of four.
PANJANG_REKENING = 42


def validasi_nomor_rekening(nilai: str) -> None:
    if POLA_REKENING.fullmatch(nilai):
        return
    iban = nilai.replace(" ", "").upper()
    if not POLA_IBAN.fullmatch(iban):
        raise ValidationError(
            _(
                "Nomor rekening berisi angka (boleh dipisah spasi, titik atau tanda hubung), "
                "atau IBAN untuk rekening di luar negeri."
            )
        )
    if not iban_sah(iban):
        # A mistyped IBAN would send the state's money to nobody, or to someone else.
        raise ValidationError(
            _("IBAN %(iban)s tidak sah: angka pemeriksanya tidak cocok. Salin lagi dari dokumen bank pembayar."),
            params={"iban": nilai},
        )


def iban_sah(iban: str) -> bool:
    """ISO 13616's check: the first four characters moved to the end, each
    letter read as its number (A = 10 … Z = 35), the whole modulo 97 is 1."""
    return int("".join(str(int(c, 36)) for c in iban[4:] + iban[:4])) % 97 == 1


class PengembalianQuerySet(_DokumenQuerySet):
    def disetujui(self):
        """Refunds owed to the payer: approved, processed or not."""
        return self.filter(status__in=(Pengembalian.Status.DISETUJUI, Pengembalian.Status.DIPROSES))


class Pengembalian(PembayarTercatat, DokumenTetap):
    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan, menunggu persetujuan supervisor")
        DISETUJUI = "disetujui", _("Disetujui, menunggu diproses bendahara")
        DITOLAK = "ditolak", _("Ditolak supervisor")
        DIPROSES = "diproses", _("Diproses bendahara")

    # Who decided and who processed the refund, and how: filled in after the proposal.
    KOLOM_KEPUTUSAN = (
        "diputuskan_oleh",
        "diputuskan_pada",
        "alasan_tolak",
        "diproses_oleh",
        "diproses_pada",
        "catatan_proses",
    )
    KOLOM_STATUS = ("status", "nomor", *KOLOM_KEPUTUSAN)

    transaksi = models.ForeignKey(
        "transaksi.Transaksi", on_delete=models.PROTECT, related_name="pengembalian", verbose_name=_("transaksi")
    )
    tagihan = models.ForeignKey(
        "transaksi.Tagihan", on_delete=models.PROTECT, related_name="pengembalian", verbose_name=_("tagihan")
    )
    jumlah = models.DecimalField(_("jumlah dikembalikan"), max_digits=16, decimal_places=0)
    alasan = models.TextField(_("alasan produk tidak dapat diberikan"))
    nama_rekening = models.CharField(_("nama pemilik rekening"), max_length=150)
    nomor_rekening = models.CharField(
        _("nomor rekening"), max_length=PANJANG_REKENING, validators=[validasi_nomor_rekening]
    )
    nama_bank = models.CharField(_("nama bank"), max_length=100)
    diajukan_oleh = oleh(_("diajukan oleh"), wajib=True)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), default=timezone.now)
    token = kolom_token()

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DIAJUKAN)
    # The request letter's number, given at approval (a refused proposal has no letter).
    nomor = models.CharField(_("nomor surat permohonan"), max_length=30, blank=True)
    diputuskan_oleh = oleh(_("diputuskan oleh"))
    diputuskan_pada = pada(_("diputuskan pada"))
    alasan_tolak = models.TextField(_("alasan penolakan"), blank=True)
    diproses_oleh = oleh(_("diproses oleh"))
    diproses_pada = pada(_("diproses pada"))
    catatan_proses = models.TextField(_("catatan bendahara"), blank=True)

    objects = PengembalianQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengembalian PNBP")
        verbose_name_plural = pgettext_lazy("jamak", "pengembalian PNBP")
        ordering = ["-diajukan_pada", "-pk"]
        constraints = [
            # One refund per transaction at a time; a refused proposal may be followed by another.
            models.UniqueConstraint(
                fields=["transaksi"], condition=~Q(status="ditolak"), name="pengembalian_satu_per_transaksi"
            ),
            models.UniqueConstraint(fields=["nomor"], condition=~Q(nomor=""), name="pengembalian_nomor_unik"),
            models.CheckConstraint(condition=Q(jumlah__gt=0), name="pengembalian_jumlah_positif"),
        ]

    def __str__(self):
        # A proposal has no letter number yet: the transaction's number names it, not its database id.
        return self.nomor or _("Usulan pengembalian %(transaksi)s") % {"transaksi": self.transaksi.nomor}

    @property
    def diterbitkan_pada(self):
        """The letter's date (the approval), for the public verification page."""
        return self.diputuskan_pada

    @property
    def uang_kembali(self) -> bool:
        """The treasurer has sent the money back (processed); approved only, it is still owed."""
        return self.status == self.Status.DIPROSES
