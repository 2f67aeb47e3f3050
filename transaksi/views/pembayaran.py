"""Pages of SOP step 7: invoice, proof of payment, verification, delivery,
downloads and the public document verification page.

Thin views: load the transaction with `get_transaksi_for_user` (owner or
officer, 404 for anyone else; `views/akses.py`) — the payment page and a
transfer's check with `get_transaksi_for_pembayaran`, which lets the
office's treasurer in too — call a service from
`transaksi/services/pembayaran.py` or `penyerahan.py`,
redirect after POST. The billing source is behind `transaksi.billing`.
"""

from __future__ import annotations

import re
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import FileField
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from pst_layanan import data_pribadi
from pst_layanan.berkas import BATAS_PERSYARATAN, sajikan
from pst_layanan.format import waktu_panjang
from pst_layanan.kantor import kantor
from pst_layanan.pdf import pdf_response, qr_data_uri, render_pdf
from pst_layanan.roles import BENDAHARA, PETUGAS, login_terverifikasi, peran_wajib
from pst_layanan.unggah import batas_unggah, lanjut_tanpa_diikuti
from transaksi import billing, selectors
from transaksi.alur import TransisiTidakSah
from transaksi.forms.kanal import BuktiTransferForm
from transaksi.forms.pembayaran import (
    BukaKoreksiItemForm,
    BuktiBayarForm,
    KoreksiItemForm,
    KoreksiItemPemohonForm,
    KoreksiTagihanForm,
    SerahkanForm,
    TagihanForm,
    TolakBuktiForm,
)
from transaksi.models import CaraBayar, Kuitansi, Pengembalian, SerahTerima, Status, Tagihan, Unduhan
from transaksi.services import inti, pembayaran, penyerahan
from transaksi.views.akses import (
    get_transaksi_for_owner,
    get_transaksi_for_pembayaran,
    get_transaksi_for_user,
    hanya_bendahara,
)
from transaksi.views.hasil import coba_form, daftar_asal, sudah_berubah

J = Unduhan.Jenis


def kembali_ke_pembayaran(t):
    """After a successful post: back to the transaction's payment page."""
    return redirect("transaksi:pembayaran", nomor=t.nomor)


def jalankan_form(form, langkah) -> tuple[bool, object]:
    """`coba_form` (a refusal lands on the form, field errors where they
    belong), and each file box sent a file asks for it again."""
    ok, hasil = coba_form(form, langkah)
    if not ok:
        minta_berkas_dipilih_lagi(form)
    return ok, hasil


def minta_berkas_dipilih_lagi(form) -> None:
    """A browser never puts a chosen file back into a page shown again: each
    file box that was sent a file, and has no fault of its own, says so; a
    box of several files refused for one of them says the others go too."""
    for nama, isian in form.fields.items():
        if not isinstance(isian, FileField):
            continue
        dikirim = form.files.getlist(form.add_prefix(nama))
        if dikirim and nama not in form.errors:
            form.add_error(nama, _("Pilih lagi berkas ini: berkas belum tersimpan karena isian lain ditolak."))
        elif len(dikirim) > 1:
            form.add_error(nama, _("Tidak ada berkas dari kiriman ini yang tersimpan; pilih lagi semua berkasnya."))


def data_form(request) -> tuple:
    """Form arguments: bound on POST (even an empty one), unbound otherwise."""
    return (request.POST, request.FILES) if request.method == "POST" else ()


def _pesan_galat(request, e: Exception) -> None:
    teks = e.messages if isinstance(e, ValidationError) else [str(e)]
    for m in teks:
        messages.error(request, m)


# --- the payment page (visitor and officer) ----------------------------------------


def ringkasan_dengan_form(t, **forms) -> selectors.Ringkasan:
    """What `_pembayaran_pengunjung.html` / `_pembayaran_petugas.html` show (`bayar`)."""
    r = selectors.ringkasan(t)
    r.kantor = kantor(t.kantor_id)
    r.kanal = inti.kanal_tersedia(r.kantor)
    menunggu = r.bukti_menunggu
    r.forms = {
        "bukti": BuktiBayarForm(),
        "transfer": BuktiTransferForm(),
        "koreksi": KoreksiTagihanForm(),
        "tolak": TolakBuktiForm(initial={"bukti": menunggu.pk if menunggu else None}),
        "koreksi_item": KoreksiItemForm(t) if t.status in KoreksiItemForm.STATUS else None,
        "buka_koreksi": BukaKoreksiItemForm(),
        # The visitor's correction form, while the officer has the items open to them.
        "koreksi_item_pemohon": KoreksiItemPemohonForm(t)
        if t.status == Status.MENUNGGU_TAGIHAN and t.koreksi_item_dibuka_pada
        else None,
        **forms,
    }
    return r


def halaman_dengan_form(request, t, status=200, **forms):
    """The payment page, with `forms` (bound, with their errors) in place of the empty panel forms."""
    konteks = {
        "t": t,
        "bayar": ringkasan_dengan_form(t, **forms),
        "pemeriksa_transfer": _pemeriksa_transfer(request, t),
        # Staff on their own request pay like any visitor; the office's panel is a colleague's.
        "milik_sendiri": inti.milik_sendiri(t, request.user),
        "daftar_asal": daftar_asal(request),
    }
    return render(request, "transaksi/pembayaran/halaman.html", konteks, status=status)


def _pemeriksa_transfer(request, t) -> bool:
    """A treasurer who is not an officer, on another's transaction: here to check its transfer."""
    return hanya_bendahara(request.user) and t.pemohon_id != request.user.pk


def kirim_panel(request, t, form, nama_form: str, langkah, pesan: str, lalu=None):
    """A form of the payment panels: on valid input run `langkah`, say
    `pesan` (then `lalu(request, result)`) and go back to the page; else the
    page again with the form (`nama_form` in the panels) and its errors, 400."""
    ok, hasil = jalankan_form(form, langkah)
    if not ok:
        if sudah_berubah(request, form):
            return kembali_ke_pembayaran(t)
        respons = halaman_dengan_form(request, t, status=400, **{nama_form: form})
        if _galat_tampak(respons, form):
            return respons
        # The panel is gone from the page (its step was taken meanwhile, in another
        # tab or by a colleague): its errors would show nowhere.
        messages.error(request, PESAN_PANEL_HILANG)
    else:
        messages.success(request, pesan)
        if lalu is not None:
            lalu(request, hasil)
    return kembali_ke_pembayaran(t)


PESAN_PANEL_HILANG = gettext_lazy(
    "Formulir itu tidak berlaku lagi: keadaan transaksi ini sudah berubah sejak halamannya dibuka, "
    "mungkin dari tab lain atau oleh orang lain. Halaman ini menunjukkan keadaannya sekarang; tidak ada yang disimpan."
)


def _galat_tampak(respons, form) -> bool:
    """Whether the page shows every error of `form`: it does when the form's panel stands on it."""
    isi = respons.content.decode()
    return all(str(escape(g)) in isi for galat in form.errors.values() for g in galat)


def panel(nama_form: str, kelas_form, pesan, lalu=None, muat=get_transaksi_for_user):
    """Turn `layanan(t, user, cleaned_data)` into the POST-only view of one
    payment-panel form (a `FormPanel`, given the transaction; files
    included): `pesan` and `lalu` as in `kirim_panel`, the transaction
    loaded by `muat` (`views/akses.py`). Who may post is the caller's
    decorator."""

    def bungkus(layanan):
        @require_POST
        def view(request, nomor):
            t = muat(request, nomor)
            form = kelas_form(request.POST, request.FILES, transaksi=t)
            return kirim_panel(request, t, form, nama_form, partial(layanan, t, request.user), str(pesan), lalu)

        view.__name__ = view.__qualname__ = layanan.__name__
        return view

    return bungkus


@login_terverifikasi
def halaman(request, nomor):
    t = get_transaksi_for_pembayaran(request, nomor)
    data_pribadi.catat_akses(request.user, t.pemohon, request.path)  # an officer sees the applicant (not the owner)
    return halaman_dengan_form(request, t)


# --- visitor ---------------------------------------------------------------------------


def _peringatkan_terlambat(request, bukti) -> None:
    if bukti.terlambat:
        messages.warning(request, pembayaran.penjelasan_terlambat(bukti))


@batas_unggah(BATAS_PERSYARATAN)
@login_terverifikasi
@panel(
    "bukti",
    BuktiBayarForm,
    gettext_lazy("Bukti bayar terkirim. Petugas akan memverifikasinya."),
    _peringatkan_terlambat,
)
def kirim_bukti(t, oleh, d):
    return pembayaran.kirim_bukti_bayar(t, oleh, d["ntpn"], d["berkas"], d["tanggal_bayar"], d["kode_billing"])


@login_terverifikasi
@panel("koreksi", KoreksiTagihanForm, gettext_lazy("Permintaan koreksi tagihan terkirim ke petugas."))
def minta_koreksi(t, oleh, d):
    return pembayaran.minta_koreksi_tagihan(t, oleh, d["catatan"])


# --- officer ---------------------------------------------------------------------------


@batas_unggah(BATAS_PERSYARATAN, PETUGAS)  # the invoice's sample data
@peran_wajib(PETUGAS)
def tagihan_form(request, nomor, ganti=False):
    """Issue the invoice, or (ganti) replace an expired unpaid one."""
    t = get_transaksi_for_user(request, nomor)
    form = TagihanForm(*data_form(request), kantor_id=t.kantor_id, total=t.total)

    def terbitkan(d):
        isian = {k: d[k] for k in ("kode_billing", "jumlah_billing", "kedaluwarsa_pada", "kanal")}
        if ganti:
            return pembayaran.ganti_tagihan_kedaluwarsa(t, request.user, isian, d["catatan"], d["contoh_data"])
        return pembayaran.terbitkan_tagihan(t, request.user, isian, d["contoh_data"], d["catatan"])

    ok, tagihan = jalankan_form(form, terbitkan) if request.method == "POST" else (False, None)
    if ok:
        messages.success(request, _("Tagihan %(nomor)s diterbitkan dan dikirim ke pemohon.") % {"nomor": tagihan.nomor})
    if ok or sudah_berubah(request, form):  # a colleague issued it meanwhile: the payment page says how it stands
        return kembali_ke_pembayaran(t)
    # The page tells the officer to create a billing in SIMPONI first: it
    # offers the form only while the invoice can be issued, so no billing
    # is created there for a transaction a colleague already invoiced.
    if ganti:
        boleh = t.status == Status.MENUNGGU_PEMBAYARAN and selectors.tagihan_kedaluwarsa_belum_diganti(t)
    else:
        boleh = t.status == Status.MENUNGGU_TAGIHAN
    konteks = {
        "t": t,
        "form": form,
        "boleh": boleh,
        "ganti": ganti,
        "item": list(t.item.select_related("produk")),
        "lama": selectors.tagihan_kedaluwarsa(t) if ganti and boleh else None,
        "sumber": billing.adapter(),
        "milik_sendiri": inti.milik_sendiri(t, request.user),
    }
    return render(request, "transaksi/pembayaran/tagihan_form.html", konteks, status=400 if form.errors else 200)


@peran_wajib(PETUGAS, BENDAHARA)  # the treasurer, a transfer only (alur.PEMERIKSA_BUKTI)
@require_POST
def verifikasi(request, nomor):
    t = get_transaksi_for_pembayaran(request, nomor)
    # The proof the page showed (an id that is no number matches no proof).
    dikirim = request.POST.get("bukti")
    bukti_id = None if dikirim is None else int(dikirim) if re.fullmatch(r"[0-9]{1,18}", dikirim) else 0
    try:
        t = pembayaran.verifikasi_pembayaran(t, request.user, bukti_id)
    except (ValidationError, TransisiTidakSah) as e:
        _pesan_galat(request, e)
    else:
        # The delivery clock has run since "complete" (paused only while the
        # visitor had to pay): its deadline is what is left, not a fresh standard.
        if t.terlambat:  # a date already gone is no deadline to aim for
            pesan = _("Pembayaran terverifikasi; batas penyerahan produk sudah lewat sejak %(batas)s.")
        else:
            pesan = _("Pembayaran terverifikasi; produk diserahkan paling lambat %(batas)s.")
        messages.success(request, pesan % {"batas": waktu_panjang(t.batas_waktu)})
    return kembali_ke_pembayaran(t)


@peran_wajib(PETUGAS, BENDAHARA)
@panel(
    "tolak",
    TolakBuktiForm,
    gettext_lazy("Bukti bayar ditolak; pemohon diberi tahu alasannya."),
    muat=get_transaksi_for_pembayaran,
)
def tolak(t, oleh, d):
    return pembayaran.tolak_bukti(t, oleh, d["alasan"], d["bukti"])


def _koreksi_item(request, t, kelas_form, nama_form: str, pesan: str):
    form = kelas_form(t, request.POST)

    def koreksi(d):
        return pembayaran.koreksi_item(t, request.user, form.jumlah_baru(), d["catatan"])

    return kirim_panel(request, t, form, nama_form, koreksi, pesan)


@peran_wajib(PETUGAS)
@require_POST
def koreksi_item(request, nomor):
    t = get_transaksi_for_user(request, nomor)
    pesan = _("Item dikoreksi; pemohon diberi tahu. Terbitkan tagihan baru untuk total yang baru.")
    return _koreksi_item(request, t, KoreksiItemForm, "koreksi_item", pesan)


@login_terverifikasi
@require_POST
def koreksi_item_pemohon(request, nomor):
    t = get_transaksi_for_owner(request, nomor)
    pesan = _("Jumlah item diubah; petugas diberi tahu dan akan menerbitkan tagihan baru.")
    return _koreksi_item(request, t, KoreksiItemPemohonForm, "koreksi_item_pemohon", pesan)


@peran_wajib(PETUGAS)
@panel(
    "buka_koreksi",
    BukaKoreksiItemForm,
    gettext_lazy("Pemohon diminta mengoreksi jumlah item; tagihan baru diterbitkan sesudah dikoreksi."),
)
def buka_koreksi_item(t, oleh, d):
    return pembayaran.buka_koreksi_item(t, oleh, d["catatan"])


@batas_unggah(penyerahan.BATAS_PRODUK, PETUGAS)  # the only 500 MB body of the site
@lanjut_tanpa_diikuti  # sent with a progress bar
@peran_wajib(PETUGAS)
def serahkan(request, nomor):
    """Deliver: product files (streamed to a temporary file by Django's upload
    handlers above FILE_UPLOAD_MAX_MEMORY_SIZE, then moved) and/or a hand-over."""
    t = get_transaksi_for_user(request, nomor)
    form = SerahkanForm(*data_form(request))

    def serahkan_(d):
        fisik = penyerahan.DataSerahTerima(d["media"], d["uraian"], d["penerima_nama"]) if d["serah_fisik"] else None
        return penyerahan.serahkan_produk(t, request.user, d["berkas"], fisik, d["catatan"])

    ok, _hasil = jalankan_form(form, serahkan_) if request.method == "POST" else (False, None)
    if ok:
        messages.success(request, _("Produk diserahkan; pemohon diberi tahu lewat e-mail."))
    if ok or sudah_berubah(request, form):
        return kembali_ke_pembayaran(t)
    if request.method == "GET":
        form.initial.setdefault("penerima_nama", t.pemohon.nama_lengkap)
    return render(
        request,
        "transaksi/pembayaran/serahkan.html",
        {
            "t": t,
            "form": form,
            "boleh": t.status == Status.DIPROSES,
            "menunggu_pengembalian": selectors.menunggu_pengembalian(t),
            "milik_sendiri": inti.milik_sendiri(t, request.user),
            "batas_byte": penyerahan.BATAS_PRODUK,
        },
        status=400 if form.errors else 200,
    )


# --- downloads (every one logged) -----------------------------------------------------


def _url_verifikasi(token: str) -> str:
    return settings.SITE_URL + reverse("transaksi:verifikasi", args=[token])


def pdf_dokumen(request, t, template: str, judul: str, dokumen, jenis: str, **konteks):
    """A payment document (invoice, receipt, record) as a PDF with its verification QR; the download is
    logged, and an officer's as an access to the applicant's personal data."""
    url = _url_verifikasi(dokumen.token)
    isi = render_pdf(
        template,
        {
            "t": t,
            "judul": judul,
            "nomor_dokumen": dokumen.nomor,
            "dokumen": dokumen,
            "qr": qr_data_uri(url),
            "url_verifikasi": url,
            # Printed after the refund was approved, the paper says so, as its QR code's page does.
            "dikembalikan": _pengembalian_atas(dokumen),
            **konteks,
        },
    )
    _catat_unduhan(request, t, jenis, dokumen.pk, dokumen.nomor)
    _catat_akses(request, t)
    return pdf_response(isi, f"{judul.lower().replace(' ', '-')}-{dokumen.nomor.replace('/', '-')}.pdf")


def _catat_unduhan(request, t, jenis, objek_id: int, nama: str) -> None:
    """Log a download; a HEAD (a download manager checking the file's size
    before fetching it) downloads nothing, so it is not counted."""
    if request.method != "HEAD":
        penyerahan.catat_unduhan(t, request.user, jenis, objek_id, nama)


def _catat_akses(request, t) -> None:
    """A payment document or proof names the applicant (payer, recipient,
    account): an officer opening it is a personal-data access. A HEAD shows none of it."""
    if request.method != "HEAD":
        data_pribadi.catat_akses(request.user, t.pemohon, request.path)


def _masa_unduh(request, t):
    """None when the user may download delivered documents, else the page that says why not."""
    try:
        penyerahan.pastikan_boleh_unduh_produk(t, request.user)
    except penyerahan.MasaUnduhBerakhir as e:
        return render(request, "transaksi/pembayaran/tidak_bisa_unduh.html", {"t": t, "pesan": str(e)}, status=410)
    return None


@require_safe
@login_terverifikasi
def tagihan_pdf(request, nomor, pk):
    t = get_transaksi_for_user(request, nomor)
    tagihan = get_object_or_404(t.tagihan, pk=pk)
    kanal = inti.kanal_tersedia(kantor(t.kantor_id))
    return pdf_dokumen(
        request, t, "pdf/tagihan.html", _("Tagihan"), tagihan, J.TAGIHAN, item=tagihan.baris_item(), kanal=kanal
    )


@require_safe
@login_terverifikasi
def contoh_data(request, nomor, pk):
    t = get_transaksi_for_user(request, nomor)
    tagihan = get_object_or_404(t.tagihan.exclude(contoh_data=""), pk=pk)
    # Opened before it is logged: a file missing from the disk answers 404 and was never downloaded.
    response = sajikan(tagihan.contoh_data, tagihan.contoh_data_tipe, tagihan.contoh_data_nama)
    _catat_unduhan(request, t, J.CONTOH_DATA, tagihan.pk, tagihan.contoh_data_nama)
    return response


@require_safe
@login_terverifikasi
def bukti_bayar(request, nomor, pk):
    t = get_transaksi_for_pembayaran(request, nomor)
    bukti = get_object_or_404(t.bukti_bayar.exclude(berkas=""), pk=pk)  # a cash payment has no file
    response = sajikan(bukti.berkas, bukti.tipe, bukti.nama_asli, lampiran=False)  # opened first, as above
    _catat_unduhan(request, t, J.BUKTI_BAYAR, bukti.pk, bukti.nama_asli)
    _catat_akses(request, t)
    return response


@require_safe
@login_terverifikasi
def kuitansi_pdf(request, nomor):
    t = get_transaksi_for_user(request, nomor)
    kuitansi = get_object_or_404(
        Kuitansi.objects.select_related("tagihan", "bukti_bayar", "diterbitkan_oleh"), transaksi=t
    )
    # A cash receipt is the visitor's from the moment the treasurer gives it, not only after delivery.
    tolak = None if kuitansi.bukti_bayar.cara_bayar == CaraBayar.TUNAI else _masa_unduh(request, t)
    return tolak or pdf_dokumen(request, t, "pdf/kuitansi.html", _("Kuitansi"), kuitansi, J.KUITANSI)


@require_safe
@login_terverifikasi
def berita_acara_pdf(request, nomor, pk):
    t = get_transaksi_for_user(request, nomor)
    ba = get_object_or_404(SerahTerima.objects.select_related("diserahkan_oleh"), transaksi=t, pk=pk)
    return _masa_unduh(request, t) or pdf_dokumen(
        request, t, "pdf/berita_acara.html", _("Berita Acara Serah Terima"), ba, J.BERITA_ACARA
    )


@require_safe
@login_terverifikasi
def produk(request, nomor, pk):
    t = get_transaksi_for_user(request, nomor)
    berkas = get_object_or_404(t.berkas_produk, pk=pk)
    tolak = _masa_unduh(request, t)
    if tolak:
        return tolak
    response = sajikan(berkas.berkas, berkas.tipe, berkas.nama_asli)  # opened first, as above
    _catat_unduhan(request, t, J.PRODUK, berkas.pk, berkas.nama_asli)
    return response


# --- public verification (from the QR code) ---------------------------------------------


def verifikasi_dokumen(request, token):
    """Confirms a document exists: kind, number, amount, date. No personal data."""
    dokumen = None
    # A refund proposal has a letter (a number) only once approved.
    for qs in (Tagihan.objects, Kuitansi.objects, SerahTerima.objects, Pengembalian.objects.exclude(nomor="")):
        dokumen = qs.filter(token=token).first()
        if dokumen is not None:
            break
    if dokumen is None:
        raise Http404(_("Dokumen tidak ditemukan."))
    konteks = {
        # Only the first letter raised: `str.capitalize` would print "Pengembalian pnbp".
        "jenis": capfirst(dokumen._meta.verbose_name),
        "nomor": dokumen.nomor,
        "jumlah": getattr(dokumen, "jumlah", None),
        "tanggal": getattr(dokumen, "diterbitkan_pada", None) or dokumen.diserahkan_pada,
        "status": dokumen.get_status_display() if isinstance(dokumen, Tagihan | Pengembalian) else "",
        # The office that issued it, not the one the reader's session is served by.
        "kantor_dokumen": kantor(dokumen.transaksi.kantor_id),
        # An invoice whose code must not be paid (expired, replaced, void) says so first.
        "tidak_berlaku": isinstance(dokumen, Tagihan) and dokumen.tidak_berlaku,
        "dikembalikan": _pengembalian_atas(dokumen),
    }
    return render(request, "transaksi/pembayaran/verifikasi.html", konteks)


def _pengembalian_atas(dokumen) -> Pengembalian | None:
    """The approved refund of the money a paid invoice or a receipt records:
    whoever checks the document (a payer's finance office) must not take it
    for money still paid."""
    if isinstance(dokumen, Kuitansi):
        tagihan_id = dokumen.tagihan_id
    elif isinstance(dokumen, Tagihan):
        tagihan_id = dokumen.pk
    else:
        return None
    return Pengembalian.objects.disetujui().filter(tagihan_id=tagihan_id).first()
