"""Where a SIMPONI billing code comes from: one replaceable adapter.

Today the officer creates the billing in SIMPONI by hand and types the code
and its expiry (`ManualBilling`); an API client later implements the same
interface and is chosen by the `PST_BILLING_ADAPTER` setting. Views and
services never talk to SIMPONI details directly: they call `adapter()`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from pst_layanan.format import rupiah
from pst_layanan.galat import kumpulkan
from pst_layanan.kantor import kantor
from pst_layanan.models import BERLAKU_BILLING_TERLAMA_HARI
from transaksi.models import POLA_KODE_BILLING

BAWAAN = "transaksi.billing.ManualBilling"


@dataclass(frozen=True)
class DataBilling:
    """A billing as the source issued it."""

    kode_billing: str
    jumlah: Decimal
    kedaluwarsa_pada: datetime
    sumber: str


class SumberBilling(Protocol):
    nama: str
    # True when the officer types the code from SIMPONI (the form asks for it).
    isian_petugas: bool

    def buat(self, transaksi, jumlah: Decimal, isian: dict) -> DataBilling:
        """Create (or record) the billing for `jumlah`; ValidationError in Indonesian."""
        ...


def kedaluwarsa_bawaan(dari: datetime | None = None, kantor_id: int | None = None) -> datetime:
    """Office `kantor_id`'s default validity of a billing code from `dari` (now)."""
    return (dari or timezone.now()) + timedelta(days=kantor(kantor_id).masa_berlaku_billing_hari)


class ManualBilling:
    """The officer created the billing in SIMPONI and copies it here."""

    nama = "manual"
    isian_petugas = True

    def buat(self, transaksi, jumlah: Decimal, isian: dict) -> DataBilling:
        d = baca_salinan_simponi(isian, jumlah, transaksi.kantor_id)
        return DataBilling(d["kode_billing"], d["jumlah_billing"], d["kedaluwarsa_pada"], self.nama)


def baca_salinan_simponi(isian: dict, jumlah: Decimal, kantor_id: int) -> dict:
    """The three values the officer copies from SIMPONI for a billing of
    `jumlah`, read; every mistake is named at once (ValidationError by field)."""
    return kumpulkan(
        kode_billing=lambda: baca_kode_billing(isian.get("kode_billing")),
        jumlah_billing=lambda: _jumlah_billing(isian.get("jumlah_billing"), jumlah),
        kedaluwarsa_pada=lambda: _kedaluwarsa(isian.get("kedaluwarsa_pada"), kantor_id),
    )


def baca_kode_billing(nilai) -> str:
    """A SIMPONI billing code as copied off SIMPONI or a BPN, by the officer
    or the visitor ("8202 6031 3000 001", grouped with dots or dashes too):
    its 15 digits, else the refusal on its field."""
    kode = re.sub(r"[\s.-]", "", str(nilai or ""))
    # ASCII: Python's \d also takes Arabic-Indic or full-width digits, which
    # the column's check on PostgreSQL refuses (and SIMPONI never prints).
    if not re.fullmatch(POLA_KODE_BILLING, kode, re.ASCII):
        raise ValidationError(
            {"kode_billing": _("Kode billing SIMPONI harus tepat 15 angka (tanpa huruf); periksa kembali.")}
        )
    return kode


def _jumlah_billing(nilai, total: Decimal) -> Decimal:
    jumlah = baca_rupiah(nilai)
    if jumlah is None:
        raise ValidationError(_("Isikan jumlah yang tertera pada billing SIMPONI."))
    # Checked here too so a typed mismatch is named with the other mistakes;
    # the service checks every source's amount again (`_buat_tagihan`).
    pastikan_jumlah_sama(jumlah, total)
    return jumlah


def _kedaluwarsa(nilai, kantor_id: int) -> datetime:
    kedaluwarsa = nilai or kedaluwarsa_bawaan(kantor_id=kantor_id)
    sekarang = timezone.now()
    if kedaluwarsa <= sekarang:
        raise ValidationError(_("Masa berlaku kode billing harus sesudah saat ini."))
    if kedaluwarsa > sekarang + timedelta(days=BERLAKU_BILLING_TERLAMA_HARI):
        raise ValidationError(
            _(
                "Masa berlaku kode billing paling lama satu tahun dari sekarang; periksa tahun yang disalin dari "
                "SIMPONI."
            )
        )
    return kedaluwarsa


def baca_rupiah(nilai, pesan_sen=None) -> Decimal | None:
    """A whole-rupiah amount as people copy it off a billing, an invoice or a
    slip ("Rp 1.250.000", "Rp. 1.250.000,-", "1.250.000,00", "1250000"); None
    when empty. The billing's amount and the treasurer's cash are read by
    this one rule; `pesan_sen` says what holds no cents (a SIMPONI billing
    when not given)."""
    if nilai in (None, ""):
        return None
    # The currency as people write it, in any case: "Rp", "Rp." or "IDR"; and
    # the ",-" a kuitansi closes an amount with ("Rp50.000,-": no cents).
    teks = re.sub(r"rp\.?|idr", "", str(nilai), flags=re.IGNORECASE).strip().removesuffix(",-").strip()
    # A dot or a comma (English) separates thousands, but an amount copied from
    # a slip may end in cents ("65.000,00", "65,000.00"): a last separator with
    # one or two digits after it starts them, never a group of thousands.
    utuh, sen = re.fullmatch(r"(.*?)(?:[.,]([0-9]{1,2}))?", teks).group(1, 2)
    utuh = utuh.replace(".", "").replace(",", "")
    # Digits only: Decimal also reads "NaN", "Infinity", "-5" and "5e4", amounts no billing has.
    if not re.fullmatch(r"[0-9]+", utuh):
        raise ValidationError(_("Jumlah harus berupa angka rupiah, mis. 1.250.000."))
    if (sen or "").strip("0"):
        raise ValidationError(
            pesan_sen or _("Billing SIMPONI berisi rupiah utuh, tanpa sen; periksa kembali jumlahnya.")
        )
    return Decimal(utuh)


def pastikan_jumlah_sama(jumlah_billing: Decimal, total: Decimal) -> None:
    """The billing must ask exactly what the items cost (whatever the source)."""
    if jumlah_billing != total:
        raise ValidationError(
            {
                "jumlah_billing": _(
                    "Jumlah pada billing ({billing}) tidak sama dengan total item transaksi ({total}). Buat ulang "
                    "billing di SIMPONI dengan jumlah yang benar."
                ).format(billing=rupiah(jumlah_billing), total=rupiah(total))
            }
        )


@cache
def _kelas(path: str):
    return import_string(path)


def adapter() -> SumberBilling:
    """The configured billing source (`PST_BILLING_ADAPTER`, manual by default)."""
    return _kelas(getattr(settings, "PST_BILLING_ADAPTER", BAWAAN))()
