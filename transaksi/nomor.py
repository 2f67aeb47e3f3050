"""Human-readable, unique, never-reused numbers, per office and year, with
the office's BPS code in them (PST-1771-2026-000123, INV/1771/2026/000001):
each office counts from 1 every year, and a number says whose it is."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor
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


def kunci_kantor(kode_kantor: str) -> Q:
    """The counters of office `kode_kantor`: each key names it between dashes
    ("transaksi-1771-2026", "tagihan-1771-2026"); a shared counter names none."""
    return Q(kunci__contains=f"-{kode_kantor}-")


def nomor_transaksi(tahun: int, kode_kantor: str) -> str:
    return f"PST-{kode_kantor}-{tahun}-{ambil(f'transaksi-{kode_kantor}-{tahun}'):06d}"


def nomor_rincian_tarif(kantor_id: int) -> str:
    """The next number of office `kantor_id`'s issued tariff breakdown
    (RT-1771-2026-000001). The PDF is printed, not stored, so no row can
    clash with its counter."""
    tahun = timezone.now().astimezone(WIB).year
    kode = kantor(kantor_id).kode
    return f"RT-{kode}-{tahun}-{ambil(f'rincian-tarif-{kode}-{tahun}'):06d}"


def nomor_dokumen(model, awalan: str, kunci: str, kantor_id: int) -> str:
    """The next free "INV/1771/2026/000001"-style number of `model`'s
    documents of office `kantor_id`.

    Counters never repeat; a clash can only come from rows made by hand
    (admin, import), so a few tries skip past them."""
    tahun = timezone.now().astimezone(WIB).year
    kode = kantor(kantor_id).kode
    for _coba in range(5):
        n = f"{awalan}/{kode}/{tahun}/{ambil(f'{kunci}-{kode}-{tahun}'):06d}"
        if not model.objects.filter(nomor=n).exists():
            return n
    raise TransisiTidakSah(_("Nomor dokumen bentrok; coba lagi sebentar lagi."))
