"""The treasurer's monthly PNBP reconciliation: the page, and the same
figures as XLSX and PDF (read only; nothing here changes an invoice)."""

from __future__ import annotations

import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from pst_layanan import berkas
from pst_layanan.berkas import sajikan
from pst_layanan.ekspor import tulis_lembar
from pst_layanan.halaman import halaman_diminta
from pst_layanan.kantor import id_kantor_laporan, kantor, kueri_kantor, nama_berkas_bulan, nama_cakupan
from pst_layanan.pdf import pdf_response, render_pdf
from pst_layanan.periode import Bulan, bulan_diminta, bulan_unduhan
from pst_layanan.roles import BENDAHARA, peran_wajib
from transaksi import rekonsiliasi

PER_HALAMAN = 50
JENIS_UNDUH = ("xlsx", "pdf")
# The rupiah column of each list sheet (`tulis_lembar`'s `kolom_rupiah`).
KOLOM_JUMLAH = gettext_lazy("Jumlah (Rp)")
# Column headers and sheet names are in the reader's language, like the page.
KOLOM_TAGIHAN = [
    gettext_lazy("Nomor tagihan"),
    pgettext_lazy("kolom", "Transaksi"),
    gettext_lazy("Diterbitkan"),
    gettext_lazy("Berlaku sampai"),
    gettext_lazy("Kode billing"),
    KOLOM_JUMLAH,
    gettext_lazy("Status"),
    gettext_lazy("Dihitung ditagihkan"),
    gettext_lazy("Lunas pada"),
    gettext_lazy("NTPN/referensi"),
]
KOLOM_PEMBAYARAN = [
    gettext_lazy("Cara bayar"),
    gettext_lazy("Nomor tagihan"),
    pgettext_lazy("kolom", "Transaksi"),
    gettext_lazy("Lunas pada"),
    KOLOM_JUMLAH,
    gettext_lazy("NTPN/referensi/kuitansi"),
]


@peran_wajib(BENDAHARA)
def halaman(request):
    bulan = bulan_diminta(
        request, Bulan.ini(), _("Bulan yang akan datang belum dapat direkonsiliasi; ditampilkan bulan ini.")
    )
    # One paginated list at a time: the invoices issued, or the payments received (by way of paying).
    lunas = request.GET.get("daftar") == "lunas"
    k = id_kantor_laporan(request)
    daftar = rekonsiliasi.pembayaran_bulan(bulan, k) if lunas else rekonsiliasi.tagihan_bulan(bulan, k)
    konteks = {
        "r": rekonsiliasi.susun(bulan, k),
        "kantor_laporan": k,
        "halaman": halaman_diminta(request, daftar, PER_HALAMAN),
        "daftar_lunas": lunas,
        "bulan": bulan,
        **bulan.navigasi(),
        "parameter": f"bulan={bulan.kode}" + ("&daftar=lunas" if lunas else "") + kueri_kantor(request),
    }
    return render(request, "transaksi/rekonsiliasi.html", konteks)


KOLOM_PENGEMBALIAN = [
    gettext_lazy("Nomor surat"),
    pgettext_lazy("kolom", "Transaksi"),
    gettext_lazy("Tagihan"),
    gettext_lazy("Disetujui"),
    KOLOM_JUMLAH,
    gettext_lazy("Status"),
    gettext_lazy("Diproses"),
    gettext_lazy("Bank"),
    gettext_lazy("Nomor rekening"),
    gettext_lazy("Atas nama"),
]


def _waktu(nilai):
    """Local wall time for the spreadsheet (Excel has no time zones)."""
    return timezone.localtime(nilai).replace(tzinfo=None) if nilai else None


def _baris(tagihan) -> list:
    return [
        tagihan.nomor,
        tagihan.transaksi.nomor,
        _waktu(tagihan.diterbitkan_pada),
        _waktu(tagihan.kedaluwarsa_pada),
        tagihan.kode_billing,
        int(tagihan.jumlah),
        tagihan.get_status_display(),
        _("ya") if tagihan.dihitung_pk else _("tidak"),
        _waktu(tagihan.lunas_pada),
        tagihan.referensi or "",
    ]


def _baris_pembayaran(tagihan) -> list:
    return [
        tagihan.nama_kanal,
        tagihan.nomor,
        tagihan.transaksi.nomor,
        _waktu(tagihan.lunas_pada),
        int(tagihan.jumlah),
        tagihan.referensi or "",
    ]


def _baris_pengembalian(p) -> list:
    return [
        p.nomor,
        p.transaksi.nomor,
        p.tagihan.nomor,
        _waktu(p.diputuskan_pada),
        int(p.jumlah),
        p.get_status_display(),
        _waktu(p.diproses_pada),
        p.nama_bank,
        p.nomor_rekening,
        p.nama_rekening,
    ]


def _xlsx(r, daftar, pembayaran, k: int | None) -> bytes:
    from openpyxl import Workbook  # heavy; only this download needs it

    wb = Workbook()
    ringkas = wb.active
    ringkas.title = _("Ringkasan")
    pnbp = _("PNBP")
    tulis_lembar(
        ringkas,
        [_("Bagian"), _("Uraian"), pgettext("cacah", "Jumlah"), _("Nilai (Rp)")],
        [
            # Whose figures these are, and of which month: a sheet saved or printed on its own says so.
            (_("Kantor"), nama_cakupan(k), "", ""),
            (_("Bulan"), r.bulan.nama, "", ""),
            (pnbp, _("Ditagihkan"), "", int(r.ditagihkan)),
            (pnbp, _("Diterima"), "", int(r.diterima)),
            (pnbp, _("Dikembalikan"), len(r.pengembalian), int(r.dikembalikan)),
            (pnbp, _("Bersih (diterima dikurangi dikembalikan)"), "", int(r.bersih)),
            *((_("Status tagihan"), s, n, int(j)) for s, n, j in r.per_status),
            *((_("Kanal pembayaran"), k, n, int(j)) for k, n, j in r.per_kanal),
            *((_("Produk"), p, n, int(j)) for p, n, j in r.per_produk),
            *((_("Baris tarif"), f"{p} ({t})", n, int(j)) for p, t, n, j in r.per_tarif),
        ],
        kolom_rupiah=[3],
    )
    tulis_lembar(
        wb.create_sheet(pgettext("lembar", "Tagihan")),
        KOLOM_TAGIHAN,
        (_baris(x) for x in daftar),
        kolom_rupiah=[KOLOM_TAGIHAN.index(KOLOM_JUMLAH)],
    )
    tulis_lembar(
        wb.create_sheet(pgettext("lembar", "Pembayaran")),
        KOLOM_PEMBAYARAN,
        (_baris_pembayaran(x) for x in pembayaran),
        kolom_rupiah=[KOLOM_PEMBAYARAN.index(KOLOM_JUMLAH)],
    )
    tulis_lembar(
        wb.create_sheet(pgettext("lembar", "Pengembalian")),
        KOLOM_PENGEMBALIAN,
        (_baris_pengembalian(p) for p in r.pengembalian),
        kolom_rupiah=[KOLOM_PENGEMBALIAN.index(KOLOM_JUMLAH)],
    )
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


@peran_wajib(BENDAHARA)
def unduh(request, jenis):
    if jenis not in JENIS_UNDUH:
        raise Http404(_("Format unduhan tidak dikenal."))
    bulan = bulan_unduhan(request, Bulan.ini(), _("Bulan yang akan datang belum dapat direkonsiliasi."))
    if isinstance(bulan, HttpResponse):
        return bulan
    k = id_kantor_laporan(request)
    r = rekonsiliasi.susun(bulan, k)
    daftar = list(rekonsiliasi.tagihan_bulan(bulan, k))
    pembayaran = list(rekonsiliasi.pembayaran_bulan(bulan, k))
    # Named in the reader's language, as the document itself is written.
    judul = _("Rekonsiliasi PNBP")
    nama = f"{nama_berkas_bulan(judul.lower().replace(' ', '-'), bulan.kode, k)}.{jenis}"
    if jenis == "pdf":
        # Printed when: a month not yet over is reconciled with figures that will still change.
        konteks = {
            "r": r,
            "daftar": daftar,
            "pembayaran": pembayaran,
            "judul_dokumen": judul,
            "tanggal_dokumen": timezone.now(),
            "kantor_laporan": k,
        }
        if k is not None:  # one office's figures, under its letterhead (else the province's, the default)
            konteks["kantor"] = kantor(k)
        return pdf_response(render_pdf("pdf/rekonsiliasi.html", konteks), nama, lampiran=True)
    return sajikan(_xlsx(r, daftar, pembayaran, k), berkas.XLSX.mime, nama)
