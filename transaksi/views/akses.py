"""The only two ways a view loads a transaction. Both answer 404 for anything
the user may not see, so a stranger learns nothing about which numbers exist.

- `get_transaksi_for_owner`: the visitor's own transaction only — the
  targets of the visitor's actions (items, documents, submit, cancel, rate),
  which an officer does not take on the visitor's behalf.
- `get_transaksi_for_user`: the owner's, or any of the officer's offices for
  an officer — the pages both see (detail, payment, downloads) and the
  officer's check.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from pst_layanan.kantor import untuk_petugas
from pst_layanan.roles import PETUGAS, punya_peran
from transaksi.models import Transaksi


def get_transaksi_for_owner(request, nomor: str) -> Transaksi:
    qs = Transaksi.objects.select_related("pemohon", "petugas", "kunjungan")
    return get_object_or_404(qs, nomor=nomor, pemohon=request.user)


def get_transaksi_for_user(request, nomor: str) -> Transaksi:
    qs = Transaksi.objects.select_related("pemohon", "petugas", "kunjungan")
    # To an officer, another office's transaction does not exist.
    qs = untuk_petugas(qs, request.user) if punya_peran(request.user, PETUGAS) else qs.filter(pemohon=request.user)
    return get_object_or_404(qs, nomor=nomor)
