"""Accounts in the admin, as an office's staff may see them: the account
admin of `pst_layanan` (own offices' staff), narrowed here to the visitors
this office has dealt with, or who have dealt with no office yet (a new
account a supervisor may make staff). The rule lives here because the
dealings (transactions, visits, appointments) are this app's and antrian's,
which `pst_layanan` does not import."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q

from pst_layanan.admin import PenggunaAdmin
from pst_layanan.kantor import kantor_petugas
from pst_layanan.models import Pengguna
from transaksi.selectors import pengunjung_untuk_petugas, urusan_kantor

admin.site.unregister(Pengguna)


@admin.register(Pengguna)
class PenggunaKantorAdmin(PenggunaAdmin):
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if kantor_petugas(request.user) is None:
            return qs
        pengunjung_sini = pengunjung_untuk_petugas(request.user).values("pk")
        return qs.filter(Q(is_staff=True) | Q(pk__in=pengunjung_sini) | ~urusan_kantor())
