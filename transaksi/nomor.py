"""Human-readable, unique, never-reused numbers (PST-2026-000123)."""

from django.db import transaction

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
