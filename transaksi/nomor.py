"""Human-readable, unique, never-reused numbers (PST-2026-000123)."""

from django.db import transaction
from django.utils import timezone

from pst_layanan.kalender import WIB
from transaksi.alur import TransisiTidakSah
from transaksi.models import NomorUrut


def ambil(kunci: str) -> int:
    """The next value of counter `kunci`, under a row lock."""
    with transaction.atomic():
        NomorUrut.objects.get_or_create(kunci=kunci)
        baris = NomorUrut.objects.select_for_update().get(kunci=kunci)
        baris.nilai += 1
        baris.save(update_fields=["nilai"])
        return baris.nilai


def nomor_transaksi(tahun: int) -> str:
    return f"PST-{tahun}-{ambil(f'transaksi-{tahun}'):06d}"


def nomor_dokumen(model, awalan: str, kunci: str) -> str:
    """The next free "INV/2026/000001"-style number of `model`'s documents.

    Counters never repeat; a clash can only come from rows made by hand
    (admin, import), so a few tries skip past them."""
    tahun = timezone.now().astimezone(WIB).year
    for _ in range(5):
        n = f"{awalan}/{tahun}/{ambil(f'{kunci}-{tahun}'):06d}"
        if not model.objects.filter(nomor=n).exists():
            return n
    raise TransisiTidakSah(_("Nomor dokumen bentrok; coba lagi sebentar lagi."))
