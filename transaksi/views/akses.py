"""The only ways a view loads a transaction. Each answers 404 for anything
the user may not see, so a stranger learns nothing about which numbers exist.

- `get_transaksi_for_owner`: the visitor's own transaction only — the
  targets of the visitor's actions (items, documents, submit, cancel, rate),
  which an officer does not take on the visitor's behalf.
- `get_transaksi_for_user`: the owner's, and any of the officer's offices for
  an officer — the pages both see (detail, payment, downloads) and the
  officer's check.
- `get_transaksi_for_pembayaran`: as `get_transaksi_for_user`, and for a
  treasurer who is not an officer also their offices' transactions paid by
  bank transfer — the payment page, the proof's file and its verification,
  which are theirs for a transfer (`alur.PEMERIKSA_BUKTI`).
"""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404

from pst_layanan.kantor import untuk_petugas
from pst_layanan.roles import BENDAHARA, PETUGAS, punya_peran
from transaksi.models import BuktiBayar, CaraBayar, Transaksi


def _transaksi():
    return Transaksi.objects.select_related("pemohon", "petugas", "kunjungan", "kantor")


def get_transaksi_for_owner(request, nomor: str) -> Transaksi:
    return get_object_or_404(_transaksi(), nomor=nomor, pemohon=request.user)


def get_transaksi_for_user(request, nomor: str) -> Transaksi:
    qs = _transaksi()
    milik = qs.filter(pemohon=request.user)
    # To an officer, another office's transaction does not exist, but their
    # own request does at any office (as a visitor they may use any).
    qs = untuk_petugas(qs, request.user) | milik if punya_peran(request.user, PETUGAS) else milik
    return get_object_or_404(qs, nomor=nomor)


def hanya_bendahara(user) -> bool:
    """A treasurer who is not also an officer: on another's transaction, only
    a transfer's checker."""
    return punya_peran(user, BENDAHARA) and not punya_peran(user, PETUGAS)


def get_transaksi_for_pembayaran(request, nomor: str) -> Transaksi:
    user = request.user
    if not hanya_bendahara(user):
        return get_transaksi_for_user(request, nomor)
    # Another office's transfers are not this treasurer's to see.
    transfer = untuk_petugas(BuktiBayar.objects.filter(cara_bayar=CaraBayar.TRANSFER), user, "transaksi__kantor")
    qs = _transaksi().filter(Q(pemohon=user) | Q(pk__in=transfer.values("transaksi_id")))
    return get_object_or_404(qs, nomor=nomor)
