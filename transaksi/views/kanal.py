"""Pages of paying without an NTPN: the visitor's transfer proof (verified
on the payment page like a BPN, by the office's treasurer, who finds it in
the list of transfers waiting, or an officer) and the treasurer's cash
counter with its receipt. Thin views over `transaksi/services/kanal.py`."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from pst_layanan import data_pribadi
from pst_layanan.berkas import BATAS_PERSYARATAN
from pst_layanan.halaman import halaman_diminta
from pst_layanan.kantor import kantor, kantor_kerja, untuk_petugas
from pst_layanan.models import cocok_nama
from pst_layanan.roles import BENDAHARA, login_terverifikasi, peran_wajib
from pst_layanan.unggah import batas_unggah
from transaksi.forms.kanal import BuktiTransferForm, TerimaTunaiForm
from transaksi.models import BuktiBayar, CaraBayar, Kuitansi, Status, Tagihan, Transaksi, Unduhan
from transaksi.services import inti, kanal
from transaksi.views.pembayaran import data_form, jalankan_form, panel, pdf_dokumen

PER_HALAMAN = 25


@batas_unggah(BATAS_PERSYARATAN)
@login_terverifikasi
@panel(
    "transfer",
    BuktiTransferForm,
    gettext_lazy("Bukti transfer terkirim. Petugas akan mencocokkannya dengan rekening kantor."),
)
def kirim_transfer(t, oleh, d):
    return kanal.kirim_bukti_transfer(
        t, oleh, d["bank_pengirim"], d["nomor_referensi"], d["berkas"], d["tanggal_bayar"]
    )


# --- the treasurer's cash counter -----------------------------------------------------------


@peran_wajib(BENDAHARA)
def kas(request):
    """Invoices waiting to be paid, newest first; the treasurer finds the
    visitor's by transaction or invoice number, or name."""
    cari = (request.GET.get("q") or "").strip()
    qs = (
        untuk_petugas(Tagihan.objects.aktif(), request.user, "transaksi__kantor")
        .filter(transaksi__status=Status.MENUNGGU_PEMBAYARAN)
        .select_related("transaksi__pemohon")
        .order_by("-diterbitkan_pada", "-pk")
    )
    if cari:
        qs = qs.filter(
            Q(nomor__icontains=cari)
            | Q(transaksi__nomor__icontains=cari)
            | cocok_nama("transaksi__pemohon__nama_lengkap", cari)
        )
    diterima = (
        untuk_petugas(Kuitansi.objects, request.user, "transaksi__kantor")
        .filter(bukti_bayar__cara_bayar=CaraBayar.TUNAI)
        .select_related("transaksi__pemohon")
        .order_by("-diterbitkan_pada")[:10]
    )
    halaman = halaman_diminta(request, qs, PER_HALAMAN)
    # The list holds every office the treasurer works for: each invoice
    # offers cash when its own office takes it, as `kas_terima` decides, and
    # the notice names the listed offices that take none (the working office
    # when nothing is listed).
    tercantum = {x.transaksi.kantor_id for x in halaman} or {kantor_kerja(request).pk}
    konteks = {
        "halaman": halaman,
        "cari": cari,
        "parameter": urlencode({"q": cari}) if cari else "",
        "kantor_tunai": {k for k in tercantum if _terima_tunai(k)},
        "tanpa_tunai": ", ".join(kantor(k).nama for k in sorted(tercantum) if not _terima_tunai(k)),
        "diterima": diterima,
    }
    return render(request, "transaksi/kas/daftar.html", konteks)


@peran_wajib(BENDAHARA)
def kas_transfer(request):
    """Transfer proofs of the treasurer's offices waiting for their check
    against the account statement, oldest first (the longest wait)."""
    qs = (
        untuk_petugas(BuktiBayar.objects, request.user, "transaksi__kantor")
        .filter(
            cara_bayar=CaraBayar.TRANSFER,
            status=BuktiBayar.Status.MENUNGGU,
            transaksi__status=Status.MENUNGGU_VERIFIKASI,
        )
        .select_related("transaksi__pemohon", "tagihan")
        .order_by("dikirim_pada", "pk")
    )
    halaman = halaman_diminta(request, qs, PER_HALAMAN)
    return render(request, "transaksi/kas/transfer.html", {"halaman": halaman})


def _terima_tunai(kantor_id: int) -> bool:
    return CaraBayar.TUNAI in kanal.kanal_tersedia(kantor(kantor_id))


def _transaksi_kas(request, nomor) -> Transaksi:
    return get_object_or_404(untuk_petugas(Transaksi.objects.select_related("pemohon"), request.user), nomor=nomor)


@peran_wajib(BENDAHARA)
def kas_terima(request, nomor):
    t = _transaksi_kas(request, nomor)
    data_pribadi.catat_akses(request.user, t.pemohon, request.path)  # the treasurer sees who pays
    form = TerimaTunaiForm(*data_form(request))
    ok, kuitansi = (
        jalankan_form(form, lambda d: kanal.terima_tunai(t, request.user, d["jumlah_diterima"], d["catatan"]))
        if request.method == "POST"
        else (False, None)
    )
    if ok:
        messages.success(
            request, _("Pembayaran tunai dicatat. Cetak kuitansi %(nomor)s untuk pemohon.") % {"nomor": kuitansi.nomor}
        )
        return redirect("transaksi:kas_terima", nomor=t.nomor)
    tagihan = t.tagihan.aktif().first()
    konteks = {
        "t": t,
        "form": form,
        "tagihan": tagihan,
        # Said before the money is counted, not once its amount is typed.
        "kode_habis": kanal.kode_billing_habis(tagihan) if tagihan and not tagihan.boleh_dibayar else "",
        "kuitansi": Kuitansi.objects.filter(transaksi=t, bukti_bayar__cara_bayar=CaraBayar.TUNAI).first(),
        "bukti_menunggu": kanal.bukti_menunggu_tunai(t) if t.status == Status.MENUNGGU_VERIFIKASI else "",
        "aktif": _terima_tunai(t.kantor_id),
        "milik_sendiri": inti.milik_sendiri(t, request.user),
    }
    return render(request, "transaksi/kas/terima.html", konteks, status=400 if form.errors else 200)


@require_safe
@peran_wajib(BENDAHARA)
def kas_kuitansi(request, nomor):
    """The treasurer's own receipts (cash) only; every other document is the officers'."""
    t = _transaksi_kas(request, nomor)
    kuitansi = get_object_or_404(
        Kuitansi.objects.select_related("tagihan", "bukti_bayar", "diterbitkan_oleh"),
        transaksi=t,
        bukti_bayar__cara_bayar=CaraBayar.TUNAI,
    )
    return pdf_dokumen(request, t, "pdf/kuitansi.html", _("Kuitansi"), kuitansi, Unduhan.Jenis.KUITANSI)
