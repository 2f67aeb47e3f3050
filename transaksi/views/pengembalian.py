"""Pages of the refund of PNBP: the officer's proposal and the supervisor's
decision (on the transaction's payment page), the treasurer's list of
refunds to process, and the numbered request letter (PDF).

Thin views: the rules live in `transaksi/services/pengembalian.py`.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Case, Q, Value, When
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from pst_layanan.format import rupiah
from pst_layanan.halaman import halaman_diminta, kembali_ke_daftar
from pst_layanan.kantor import untuk_petugas
from pst_layanan.roles import BENDAHARA, PETUGAS, SUPERVISOR, login_terverifikasi, peran_wajib, punya_peran
from transaksi.alur import TransisiTidakSah
from transaksi.forms.pengembalian import ProsesPengembalianForm, TolakPengembalianForm, UsulPengembalianForm
from transaksi.models import CaraBayar, Pengembalian, Tagihan, Unduhan
from transaksi.rekonsiliasi import dengan_pembayaran
from transaksi.services import pengembalian
from transaksi.views.akses import get_transaksi_for_user
from transaksi.views.pembayaran import (
    jalankan_form,
    kembali_ke_pembayaran,
    kirim_panel,
    pdf_dokumen,
)

PER_HALAMAN = 25
P = Pengembalian.Status


def _usulan(t, pk) -> Pengembalian:
    return get_object_or_404(t.pengembalian, pk=pk)


@peran_wajib(PETUGAS)
@require_POST
def usulkan(request, nomor):
    t = get_transaksi_for_user(request, nomor)
    form = UsulPengembalianForm(request.POST)
    return kirim_panel(
        request,
        t,
        form,
        "pengembalian",
        lambda d: pengembalian.usulkan(t, request.user, d["alasan"], form.rekening()),
        _("Usulan pengembalian PNBP terkirim ke supervisor untuk diputuskan."),
    )


@peran_wajib(SUPERVISOR)
@require_POST
def setujui(request, nomor, pk):
    t = get_transaksi_for_user(request, nomor)
    try:
        p = pengembalian.setujui(_usulan(t, pk), request.user)
    except TransisiTidakSah as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request,
            _("Pengembalian PNBP %(jumlah)s disetujui; surat permohonan %(nomor)s terbit dan pemohon diberi tahu.")
            % {"jumlah": rupiah(p.jumlah), "nomor": p.nomor},
        )
    return kembali_ke_pembayaran(t)


@peran_wajib(SUPERVISOR)
@require_POST
def tolak(request, nomor, pk):
    t = get_transaksi_for_user(request, nomor)
    p = _usulan(t, pk)
    return kirim_panel(
        request,
        t,
        TolakPengembalianForm(request.POST),
        "tolak_pengembalian",
        lambda d: pengembalian.tolak(p, request.user, d["alasan"]),
        _("Usulan pengembalian PNBP ditolak; petugas yang menangani transaksi ini diberi tahu."),
    )


# --- the treasurer ----------------------------------------------------------------------


def _daftar(request, status=200, form=None, gagal=None):
    saring = request.GET.get("status", "")
    qs = untuk_petugas(Pengembalian.objects, request.user, "transaksi__kantor").select_related(
        "transaksi__pemohon", "diajukan_oleh", "diputuskan_oleh", "diproses_oleh"
    )
    if saring in P.values:
        qs = qs.filter(status=saring)
    else:
        saring = ""
    konteks = {
        "halaman": halaman_diminta(request, _menunggu_dahulu(qs), PER_HALAMAN),
        "saring": saring,
        "pilihan_status": P.choices,
        "form": form or ProsesPengembalianForm(),
        "gagal": gagal,
        "parameter": f"status={saring}" if saring else "",
    }
    return render(request, "transaksi/pengembalian/daftar.html", konteks, status=status)


def _menunggu_dahulu(qs):
    """Someone's work first (a proposal for the supervisor, an approved refund
    for the treasurer), the settled ones after; the newest first within each."""
    menunggu = Case(When(status__in=[P.DIAJUKAN, P.DISETUJUI], then=Value(0)), default=Value(1))
    return qs.order_by(menunggu, "-diajukan_pada", "-pk")


@peran_wajib(BENDAHARA)
def daftar(request):
    return _daftar(request)


@peran_wajib(BENDAHARA)
@require_POST
def proses(request, pk):
    p = get_object_or_404(untuk_petugas(Pengembalian.objects, request.user, "transaksi__kantor"), pk=pk)
    form = ProsesPengembalianForm(request.POST)
    ok, p = jalankan_form(form, lambda d: pengembalian.tandai_diproses(p, request.user, d["catatan"]))
    if ok:
        messages.success(
            request,
            _("Pengembalian %(nomor)s ditandai sudah diproses; pemohon diberi tahu.") % {"nomor": p.nomor},
        )
        return kembali_ke_daftar(request, "transaksi:pengembalian_daftar")
    return _daftar(request, status=400, form=form, gagal=pk)


@require_safe
@login_terverifikasi
def surat_pdf(request, pk):
    """The request letter: for the office's staff and the payer (anyone else: 404)."""
    qs = Pengembalian.objects.select_related("transaksi__pemohon", "tagihan", "diputuskan_oleh", "diajukan_oleh")
    milik = qs.filter(transaksi__pemohon=request.user)  # the payer's own, at any office
    staf = punya_peran(request.user, PETUGAS, BENDAHARA)
    qs = untuk_petugas(qs, request.user, "transaksi__kantor") | milik if staf else milik
    p = get_object_or_404(qs.filter(Q(status=P.DISETUJUI) | Q(status=P.DIPROSES)), pk=pk)
    # How the refunded payment was made and what identifies it: the NTPN, the
    # transfer's bank and reference, or the treasurer's cash receipt number.
    bayar = dengan_pembayaran(Tagihan.objects.filter(pk=p.tagihan_id)).values("cara_bayar", "referensi").first()
    cara = bayar and bayar["cara_bayar"]
    konteks = {"cara": cara, "cara_bayar": CaraBayar(cara).label, "referensi": bayar["referensi"]} if cara else {}
    judul = _("Surat Permohonan Pengembalian PNBP")
    return pdf_dokumen(request, p.transaksi, "pdf/pengembalian.html", judul, p, Unduhan.Jenis.PENGEMBALIAN, **konteks)
