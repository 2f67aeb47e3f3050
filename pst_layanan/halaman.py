"""Pagination of the list pages.

Every numbered list reads its page from `?halaman=` through
`halaman_diminta`; `PaginatorTerbatas` caps the count of a list that can
hold a hundred thousand rows.

Keyset pagination for long lists ordered newest first:

An OFFSET page makes the database walk past every earlier row, so page 1000
of two million visits is slow; here a page is found from a key — the
position (timestamp, pk) of the row next to it — through the index on the
timestamp, as fast deep in the list as on the first page. The links are
"Terbaru" (the first page), "Lebih baru" and "Lebih lama"; the page number
and the page count (a COUNT over the whole list) are not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

AWAL_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
LEBIH_LAMA, LEBIH_BARU = "sebelum", "sesudah"


class KunciTidakSah(ValueError):
    """A page key that is not one this module wrote."""


def kunci(waktu: datetime, pk: int) -> str:
    """The key of a row: microseconds since 1970 (UTC) and pk, "1773110400123456_42"."""
    selisih = waktu - AWAL_EPOCH
    return f"{(selisih.days * 86400 + selisih.seconds) * 1_000_000 + selisih.microseconds}_{pk}"


def baca_kunci(teks: str) -> tuple[datetime, int]:
    try:
        mikro, pk = (int(x) for x in teks.split("_"))
        return AWAL_EPOCH + timedelta(microseconds=mikro), pk
    except (ValueError, OverflowError) as exc:
        raise KunciTidakSah(teks) from exc


@dataclass
class HalamanKunci:
    baris: list
    lebih_baru: str | None  # key for the "newer" link (None on the first page)
    lebih_lama: str | None  # key for the "older" link (None on the last page)

    def __iter__(self):
        return iter(self.baris)

    def __len__(self):
        return len(self.baris)

    @property
    def pertama(self) -> bool:
        return self.lebih_baru is None


def halaman_kunci(qs: QuerySet, kolom: str, parameter, per_halaman: int) -> HalamanKunci:
    """The page of `qs` (newest first by `kolom`, then pk) that the GET
    `parameter` ask for: after the key `sebelum` (older rows), before the key
    `sesudah` (newer rows), or the first. Raises KunciTidakSah for a key this
    module did not write."""
    turun = qs.order_by(f"-{kolom}", "-pk")
    if parameter.get(LEBIH_BARU):
        waktu, pk = baca_kunci(parameter[LEBIH_BARU])
        # The range on `kolom` alone lets the index start at the key.
        naik = qs.filter(Q(**{f"{kolom}__gt": waktu}) | Q(**{kolom: waktu, "pk__gt": pk}), **{f"{kolom}__gte": waktu})
        baris = list(naik.order_by(kolom, "pk")[: per_halaman + 1])
        ada_lagi = len(baris) > per_halaman
        baris = baris[:per_halaman][::-1]
        return _halaman(baris, kolom, lebih_baru=ada_lagi, lebih_lama=True)
    if parameter.get(LEBIH_LAMA):
        waktu, pk = baca_kunci(parameter[LEBIH_LAMA])
        turun = turun.filter(
            Q(**{f"{kolom}__lt": waktu}) | Q(**{kolom: waktu, "pk__lt": pk}), **{f"{kolom}__lte": waktu}
        )
        baris = list(turun[: per_halaman + 1])
        return _halaman(baris[:per_halaman], kolom, lebih_baru=True, lebih_lama=len(baris) > per_halaman)
    baris = list(turun[: per_halaman + 1])
    return _halaman(baris[:per_halaman], kolom, lebih_baru=False, lebih_lama=len(baris) > per_halaman)


def _halaman(baris: list, kolom: str, *, lebih_baru: bool, lebih_lama: bool) -> HalamanKunci:
    if not baris:
        return HalamanKunci([], None, None)
    pertama, terakhir = baris[0], baris[-1]
    return HalamanKunci(
        baris,
        kunci(getattr(pertama, kolom), pertama.pk) if lebih_baru else None,
        kunci(getattr(terakhir, kolom), terakhir.pk) if lebih_lama else None,
    )


class PaginatorTerbatas(Paginator):
    """Page numbers for a list that can hold a hundred thousand rows (the open
    transactions): it counts at most BATAS + 1 rows (`COUNT` over a `LIMIT`),
    so the count reads a few thousand index entries rather than every open
    row. Past BATAS the page shows "lebih dari 10.000" and pages stop there;
    the filters narrow the list."""

    BATAS = 10_000

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.BATAS + 1].count()

    @property
    def terpotong(self) -> bool:
        return self.count > self.BATAS


def halaman_diminta(request, daftar, per_halaman: int, paginator: type[Paginator] = Paginator):
    """The page of `daftar` that `?halaman=` asks for. A number past the end
    gives the last page and anything else the first (`Paginator.get_page`),
    so a hand-edited link never ends in an error page."""
    return paginator(daftar, per_halaman).get_page(request.GET.get("halaman"))


def kembali_ke_daftar(request, nama_url: str):
    """Back to the list `nama_url` after a form on one of its rows. The form
    posts with the list's query in its action (`?{{ request.GET.urlencode }}`:
    filter, office, page), so the officer carries on where they were rather
    than on the first page of everything."""
    kueri = request.GET.urlencode()
    return redirect(f"{reverse(nama_url)}?{kueri}" if kueri else reverse(nama_url))


# A list's filters that do not validate (a mistyped date, an officer who is no
# choice): the list shows no rows and its export refuses. Dropping only the bad
# filter would still show and export more than was asked for (a bad end date:
# every later visit), and dropping them all, every row.
def galat_saringan(form) -> str:
    """Each refused filter of `form` with its reason, or "" when the filters
    hold (or none were sent)."""
    if not form.is_bound or form.is_valid():
        return ""
    return " ".join(
        f"{form[nama].label}: {' '.join(pesan)}" if nama in form.fields else " ".join(pesan)
        for nama, pesan in form.errors.items()
    )


def saringan_ditolak(request, form) -> bool:
    """Whether the list page of `form` shows nothing, its reason said above it."""
    if galat := galat_saringan(form):
        messages.error(request, _("Saringan tidak sah, jadi tidak ada yang ditampilkan. %(galat)s") % {"galat": galat})
    return bool(galat)


def ekspor_ditolak(form) -> HttpResponseBadRequest | None:
    """The 400 an export of `form`'s list answers when its filters do not hold, else None."""
    if galat := galat_saringan(form):
        return unduhan_ditolak(_("Saringan tidak sah, jadi tidak ada yang diunduh. %(galat)s") % {"galat": galat})
    return None


def unduhan_ditolak(alasan: str) -> HttpResponseBadRequest:
    """A download refused, its reason as the answer: a file has no page to
    show an error on, and a message kept for the next page would appear
    where it no longer explains anything."""
    return HttpResponseBadRequest(alasan, content_type="text/plain; charset=utf-8")
