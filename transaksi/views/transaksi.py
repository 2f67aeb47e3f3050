"""Pages of SOP steps 4–7a: the tariff explanation and calculator, the
visitor's transactions (create, items, requirements, submit, cancel), private
document downloads, and the officer's completeness check.

Views are thin: they load through `views/akses.py`, call a service,
turn a refusal into an Indonesian message and redirect after POST.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from pst_layanan import berkas as berkas_mod
from pst_layanan import data_pribadi
from pst_layanan.format import tanggal_panjang
from pst_layanan.halaman import PaginatorTerbatas, halaman_diminta
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor_kerja, kantor_terlihat, untuk_petugas
from pst_layanan.pdf import pdf_response, render_pdf
from pst_layanan.roles import PETUGAS, login_terverifikasi, peran_wajib
from pst_layanan.unggah import batas_unggah
from transaksi import alur, nomor, selectors, services
from transaksi.alur import TransisiTidakSah
from transaksi.forms.transaksi import (
    BatalForm,
    BuatTransaksiForm,
    ItemForm,
    KalkulatorForm,
    LengkapForm,
    PerbaikanForm,
    SaringPeriksaForm,
    UkuranData,
    pesan_galat,
)
from transaksi.linimasa import linimasa
from transaksi.models import (
    JenisDokumen,
    KategoriProduk,
    KelasHarga,
    Produk,
    Satuan,
    Status,
    Transaksi,
)
from transaksi.tarif import hitung_tarif
from transaksi.views.akses import get_transaksi_for_owner, get_transaksi_for_user
from transaksi.views.hasil import coba_form, daftar_asal, ingat_daftar, lakukan, sudah_berubah, view_aksi

PER_HALAMAN = 25


def _halaman(request, qs):
    return halaman_diminta(request, qs, PER_HALAMAN, PaginatorTerbatas)


# --- SOP step 4: tariff explanation -------------------------------------------


def _hitung(form: KalkulatorForm, pada: datetime | None = None) -> dict | None:
    """The calculator's result for a valid form (the one tariff function),
    with the tariff in force at `pada` (now)."""
    if not form.is_valid():
        return None
    produk, jumlah = form.cleaned_data["produk"], form.cleaned_data["jumlah_satuan"]
    try:
        tarif = selectors.tarif_berlaku(produk, pada)
    except ValidationError as e:
        form.add_error(None, pesan_galat(e))
        return None
    rincian = hitung_tarif(tarif.sebagai_tarif(), jumlah)
    hasil = {"produk": produk, "tarif": tarif, "jumlah": jumlah, "rincian": rincian, "kena_tarif": _kena_tarif(produk)}
    return {**hasil, "pada": pada}


def _kueri_kalkulator(hasil: dict, pada: datetime) -> dict:
    """The calculator's answer as the tariff page's query: the quantity in the
    product's own unit, a whole number written without separators, which
    every reader's language reads alike (a typed "1.500" is 1.5 in English),
    and the time it was printed, whose tariff the page then uses (`_pada`)."""
    kueri = {"produk": hasil["produk"].kode, "jumlah": hasil["jumlah"]}
    if hasil["produk"].satuan == Satuan.BYTE:
        kueri["ukuran"] = UkuranData.BYTE
    return {**kueri, "pada": int(pada.timestamp())}


def _pada(teks: str | None) -> datetime | None:
    """The print time (Unix seconds) a breakdown's address carries: its
    tariff, not one changed since, checks the printed total. Not read (now)
    when unreadable, and never later than now (a tariff not yet in force is
    not told)."""
    if not (teks or "").isdigit():
        return None
    try:
        pada = datetime.fromtimestamp(int(teks), UTC)
    except (OverflowError, OSError, ValueError):  # beyond the years a datetime holds
        return None
    return min(pada, timezone.now())


def _kena_tarif(produk: Produk) -> bool:
    return produk.kelas_harga == KelasHarga.BERBAYAR


# A public page: link checkers and monitors ask with HEAD too.
@require_safe
def tarif(request):
    """Public page: types, tariffs, price classes, required documents, calculator."""
    produk = list(Produk.objects.filter(aktif=True).prefetch_related("dokumen_wajib"))
    tarif_produk = selectors.tarif_berlaku_semua()
    kategori = [
        (label, [(p, tarif_produk.get(p.pk)) for p in produk if p.kategori == nilai])
        for nilai, label in KategoriProduk.choices
    ]
    # Only the calculator's own fields ask it something: a shared link tagged
    # by a social site or a campaign (?fbclid=, ?utm_source=) opens the page
    # as it is, not with every field marked as missing.
    ditanya = any(nama in request.GET for nama in KalkulatorForm.base_fields)
    form = KalkulatorForm(request.GET if ditanya else None)
    konteks = {
        "kategori": [(label, baris) for label, baris in kategori if baris],
        "dokumen_bersyarat": JenisDokumen.objects.exclude(kondisi=JenisDokumen.Kondisi.PRODUK),
        "form": form,
        "hasil": _hitung(form, _pada(request.GET.get("pada"))) if ditanya else None,
        "satuan_produk": {p.kode: p.satuan for p in produk},
    }
    return render(request, "transaksi/tarif.html", konteks)


@require_safe
def tarif_hitung(request):
    """htmx: the calculator's result (also the running preview on item forms)."""
    form = KalkulatorForm(request.GET)
    return render(request, "transaksi/_hitung.html", {"form": form, "hasil": _hitung(form)})


@peran_wajib(PETUGAS)
@require_http_methods(["GET", "POST"])
def rincian_tarif_pdf(request):
    """An officer's printed tariff breakdown for a walk-in visitor (SOP step 4).

    GET is a preview without a number; only issuing it (POST) takes the
    next document number, so viewing or re-downloading uses none."""
    data = request.POST if request.method == "POST" else request.GET
    form = KalkulatorForm(data)
    hasil = _hitung(form)
    if hasil is None:
        messages.error(request, _("Pilih produk dan isi jumlah yang benar untuk membuat rincian tarif."))
        return redirect("transaksi:tarif")
    sekarang = timezone.now().astimezone(WIB)
    k = kantor_kerja(request)  # the office serving the walk-in: its letterhead and its count
    nomor_dokumen = nomor.nomor_rincian_tarif(k.pk) if request.method == "POST" else ""
    kueri = urlencode(_kueri_kalkulator(hasil, sekarang))
    konteks = {
        **hasil,
        "judul_dokumen": _("Rincian Tarif PNBP")
        if nomor_dokumen
        else _("Pratinjau Rincian Tarif PNBP (belum bernomor)"),
        "nomor_dokumen": nomor_dokumen,
        "tanggal_dokumen": sekarang,
        "url_verifikasi": f"{settings.SITE_URL}{reverse('transaksi:tarif')}?{kueri}",
        "untuk": data.get("untuk", "").strip()[:150],
        "petugas": request.user,
        "kantor": k,
        "dokumen_bersyarat": JenisDokumen.objects.exclude(kondisi=JenisDokumen.Kondisi.PRODUK),
    }
    isi = render_pdf("pdf/rincian_tarif.html", konteks)
    # Saved under the reader's words, as the invoice and the ticket are.
    return pdf_response(isi, f"{nomor_dokumen or _('pratinjau-rincian-tarif')}.pdf")


# --- SOP step 5: the visitor's transactions -------------------------------------


@login_terverifikasi
def saya(request):
    milik = Transaksi.objects.milik(request.user)
    qs = milik.select_related("kantor").dengan_giliran().annotate(banyak_item=Count("item")).order_by("-dibuat_pada")
    # A visitor served by two offices tells their requests apart by office,
    # not by the BPS code inside each number.
    beberapa_kantor = len(milik.order_by().values("kantor").distinct()[:2]) > 1
    return render(
        request, "transaksi/saya.html", {"halaman": _halaman(request, qs), "beberapa_kantor": beberapa_kantor}
    )


@peran_wajib(PETUGAS)
def transaksi_pengunjung(request, pengunjung):
    """One visitor's transactions for the officer serving them (from the counter page)."""
    tamu = get_object_or_404(selectors.pengunjung_untuk_petugas(request.user), pk=pengunjung)
    data_pribadi.catat_akses(request.user, tamu, request.path)  # the page shows their contacts and agency
    ingat_daftar(request)
    qs = untuk_petugas(Transaksi.objects.milik(tamu), request.user)
    qs = qs.select_related("kantor").dengan_giliran().annotate(banyak_item=Count("item")).order_by("-dibuat_pada")
    konteks = {
        "tamu": tamu,
        "halaman": _halaman(request, qs),
        "beberapa_kantor": kantor_terlihat(request.user) is not None,
    }
    return render(request, "transaksi/pengunjung.html", konteks)


@login_terverifikasi
def baru(request):
    form = BuatTransaksiForm(request.POST or None, initial={"produk": request.GET.get("produk")})

    def mulai(d):
        kantor_id = kantor_kerja(request).pk
        return services.mulai_transaksi(
            request.user, d["keperluan"], d["kelas_harga"], d["produk"], d["jumlah_satuan"], d["uraian"], kantor_id
        )

    ok, t = coba_form(form, mulai)
    if ok:
        messages.success(
            request,
            _("Draf %(nomor)s dibuat. Tambahkan produk lain bila perlu, unggah dokumen, lalu ajukan.")
            % {"nomor": t.nomor},
        )
        return redirect(t)
    return render(request, "transaksi/baru.html", {"form": form, **_data_kalkulator()})


def _data_kalkulator() -> dict:
    return {"satuan_produk": dict(Produk.objects.filter(aktif=True).values_list("kode", "satuan"))}


def _konteks_transaksi(t: Transaksi, untuk_pengunjung: bool) -> dict:
    """What both the visitor's and the officer's page show."""
    dokumen = list(t.dokumen.select_related("jenis", "diunggah_oleh"))
    aktif = [d for d in dokumen if d.diganti_pada is None]
    per_jenis = {d.jenis_id: d for d in aktif}
    wajib = selectors.dokumen_wajib(t)
    return {
        "t": t,
        "item": list(t.item.select_related("produk", "tarif")),
        "syarat": [(j, per_jenis.get(j.pk)) for j in wajib],
        "dokumen_lain": [d for d in aktif if d.jenis_id not in {j.pk for j in wajib}],
        "dokumen_lama": [d for d in dokumen if d.diganti_pada is not None],
        "kurang": [j for j in wajib if j.pk not in per_jenis],
        # A closed transaction waits for nothing: a missing document or an
        # undecided Rp0 request is no longer a step to come.
        "terbuka": t.status not in alur.STATUS_TUTUP,
        "perlu_diganti": selectors.dokumen_perlu_diganti(aktif, wajib),
        "linimasa": linimasa(t.riwayat.select_related("oleh"), t.pemohon_id, untuk_pengunjung),
        "langkah": selectors.langkah_berikutnya(t),
        "giliran_pengunjung": t.giliran == alur.PENGUNJUNG,
        "janji": selectors.janji_pemohon(t),
    }


# On the visitor's turn, the part of the page where they act goes to the top
# (a phone shows little more than the first box): the documents to fix, or the
# payment panel (invoice and proof form; then the downloads) with the rating.
AKSI_DI_ATAS = {
    Status.PERLU_PERBAIKAN: "dokumen",
    Status.MENUNGGU_PEMBAYARAN: "pembayaran",
    Status.DISERAHKAN: "pembayaran",
}


# The officer sent the items back to the visitor: the status still reads
# "waiting for the invoice" (the office's clock runs), but only the visitor can
# move it on, so their page puts the form first (its next step says what to do,
# `selectors.langkah_berikutnya`). Once the visitor has saved a correction (the
# note `koreksi_item` writes in their name), the invoice is the officer's move again.
def _langkah_koreksi_item(langkah: str) -> dict:
    if langkah is not alur.LANGKAH_KOREKSI_ITEM:
        return {}
    return {"aksi_di_atas": "pembayaran", "giliran_pengunjung": True}


def _halaman_pengunjung(request, t: Transaksi, item_form=None, galat_unggah=None, status=200, batal_form=None):
    bisa_diubah = t.status in services.STATUS_BISA_DIUBAH and t.pemohon_id == request.user.pk
    bersama = _konteks_transaksi(t, untuk_pengunjung=True)
    konteks = {
        "aksi_di_atas": AKSI_DI_ATAS.get(t.status, ""),
        **bersama,
        **_langkah_koreksi_item(bersama["langkah"]),
        "bisa_diubah": bisa_diubah,
        "bisa_dibatalkan": t.status in alur.STATUS_BATAL_OLEH_PENGUNJUNG,
        "catatan_perbaikan": selectors.catatan_perbaikan(t),
        "item_form": item_form or (ItemForm() if bisa_diubah else None),
        "galat_unggah": galat_unggah or {},
        "batal_form": batal_form,
        "batas_byte": berkas_mod.BATAS_PERSYARATAN,  # as `dokumen_unggah` takes, for the browser's check
        **(_data_kalkulator() if bisa_diubah else {}),
    }
    return render(request, "transaksi/detail.html", konteks, status=status)


@login_terverifikasi
def detail(request, nomor):
    t = get_transaksi_for_user(request, nomor)
    if t.pemohon_id != request.user.pk:  # an officer following a link
        return redirect("transaksi:periksa_detail", nomor=t.nomor)
    return _halaman_pengunjung(request, t)


@login_terverifikasi
@require_POST
def item_tambah(request, nomor):
    t = get_transaksi_for_owner(request, nomor)
    form = ItemForm(request.POST)
    ok, _item = coba_form(
        form, lambda d: services.tambah_item(t, d["produk"], d["jumlah_satuan"], d["uraian"], request.user)
    )
    if ok:
        messages.success(request, _("%(produk)s ditambahkan.") % {"produk": form.cleaned_data["produk"].nama})
        return redirect(f"{t.get_absolute_url()}#item")  # else the form's #tambah-produk, below the new row
    if sudah_berubah(request, form):
        return redirect(t)
    t.refresh_from_db()
    return _halaman_pengunjung(request, t, item_form=form, status=400)


@login_terverifikasi
@require_POST
def item_hapus(request, nomor, pk):
    t = get_transaksi_for_owner(request, nomor)
    lakukan(request, lambda: services.hapus_item(t, pk, request.user), _("Item dihapus."))
    return redirect(t)


@batas_unggah(berkas_mod.BATAS_PERSYARATAN)
@login_terverifikasi
@require_POST
def dokumen_unggah(request, nomor):
    t = get_transaksi_for_owner(request, nomor)
    kode = request.POST.get("jenis", "")
    # A kind is a slug; anything else (e.g. a NUL byte, which PostgreSQL refuses in a query) is no kind.
    jenis = get_object_or_404(JenisDokumen, kode=kode if slug_re.fullmatch(kode) else "")
    try:
        dok = services.unggah_dokumen(t, jenis, request.FILES.get("berkas"), request.user)
    except TransisiTidakSah as e:
        messages.error(request, pesan_galat(e))
        return redirect(t)
    except ValidationError as e:  # shown next to the document it is about
        return _halaman_pengunjung(request, t, galat_unggah={jenis.pk: pesan_galat(e)}, status=400)
    messages.success(request, _("%(jenis)s diunggah (%(berkas)s).") % {"jenis": jenis.nama, "berkas": dok.nama_asli})
    return redirect(f"{t.get_absolute_url()}#dokumen")


ajukan = login_terverifikasi(
    view_aksi(
        "ajukan",
        get_transaksi_for_owner,
        services.ajukan,
        lambda t: _("Transaksi diajukan. Petugas akan memeriksa kelengkapan persyaratan Anda."),
        redirect,
    )
)


@login_terverifikasi
@require_POST
def batalkan(request, nomor):
    t = get_transaksi_for_owner(request, nomor)
    ditolak = _batalkan(request, t, _("Transaksi %(nomor)s dibatalkan.") % {"nomor": t.nomor})
    if ditolak:
        return _halaman_pengunjung(request, t, batal_form=ditolak, status=400)
    return redirect(t)


@login_terverifikasi
@require_POST
def nol_rupiah(request, nomor):
    """The visitor asks for the Rp0 class (minta=1) or withdraws the request (minta=0)."""
    t = get_transaksi_for_owner(request, nomor)
    minta = request.POST.get("minta") == "1"
    if minta:
        pesan = _("Permohonan tarif Rp0 dicatat. Unggah surat permohonan; petugas memutuskannya saat memeriksa.")
    else:
        pesan = _("Permohonan tarif Rp0 ditarik; transaksi dikenakan tarif PNBP.")
    lakukan(request, lambda: services.minta_nol_rupiah(t, request.user, minta), pesan)
    return redirect(t)


def _batalkan(request, t, pesan_berhasil: str) -> BatalForm | None:
    """Cancel through the service (which checks who may, and why); the outcome
    as a message. A reason the form refuses (over the box's limit, sent past
    the browser's) cancels nothing: the form, with what was typed, is
    returned to be shown again."""
    form = BatalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Alasan pembatalan: %(galat)s") % {"galat": form.errors["alasan"][0]})
        return form
    lakukan(request, lambda: services.batalkan(t, request.user, form.cleaned_data["alasan"]), pesan_berhasil)
    return None


@login_terverifikasi
@require_safe  # a download manager asks HEAD first, as for every other file
def dokumen_unduh(request, nomor, pk):
    """A requirement file, to its owner or an officer only (404 otherwise)."""
    t = get_transaksi_for_user(request, nomor)
    dok = get_object_or_404(t.dokumen.select_related("jenis"), pk=pk)
    if dok.dihapus_retensi_pada or not dok.berkas:
        return _berkas_dihapus(request, t, dok)
    # Opened before the access is logged: a file missing from the disk answers 404 and showed no one.
    response = berkas_mod.sajikan(
        dok.berkas, dok.tipe, f"{t.nomor}-{dok.jenis.kode}", lampiran=not request.GET.get("lihat")
    )
    if request.method != "HEAD":  # a HEAD shows none of it
        data_pribadi.catat_akses(request.user, t.pemohon, request.path)  # an ID card or a letter naming them
    return response


def _berkas_dihapus(request, t: Transaksi, dok):
    """410: the file went with the retention period (or the owner's erasure); the record stays."""
    if dok.dihapus_retensi_pada:
        pesan = _(
            "Berkas %(jenis)s sudah dihapus pada %(tanggal)s "
            "karena masa simpan dokumen persyaratan telah berakhir (atau atas permintaan penghapusan data pribadi). "
            "Catatan transaksinya tetap tersimpan."
        ) % {"jenis": dok.jenis.nama, "tanggal": tanggal_panjang(dok.dihapus_retensi_pada.astimezone(WIB))}
    else:
        pesan = _("Berkas %(jenis)s tidak tersedia lagi.") % {"jenis": dok.jenis.nama}
    return render(request, "transaksi/pembayaran/tidak_bisa_unduh.html", {"t": t, "pesan": pesan}, status=410)


# --- SOP step 7: the officer's completeness check --------------------------------


@peran_wajib(PETUGAS)
@require_GET
def periksa_daftar(request):
    saring = SaringPeriksaForm(request.GET)
    ingat_daftar(request)
    qs = selectors.daftar_kerja(request.user, **saring.saringan())
    halaman = _halaman(request, qs)
    # A clock waiting for the visitor's payment is paused, not stopped: the board's words.
    halaman.object_list = list(halaman.object_list)
    for t in halaman.object_list:
        t.jeda = selectors.keterangan_jeda(t, untuk_pemohon=False)
    konteks = {"saring": saring, "halaman": halaman, "kueri": _kueri_tanpa_halaman(request)}
    return render(request, "transaksi/periksa_daftar.html", konteks)


def _kueri_tanpa_halaman(request) -> str:
    kueri = request.GET.copy()
    kueri.pop("halaman", None)
    return kueri.urlencode()


@peran_wajib(PETUGAS)
@require_GET
def periksa_detail(request, nomor):
    t = get_transaksi_for_user(request, nomor)
    data_pribadi.catat_akses(request.user, t.pemohon, request.path)  # the applicant's full record
    return _halaman_periksa(request, t)


def _halaman_periksa(request, t: Transaksi, perbaikan_form=None, status=200, batal_form=None):
    selectors.tandai_petugas_pergi(t)
    konteks = _konteks_transaksi(t, untuk_pengunjung=False)
    dokumen_aktif = [d for _jenis, d in konteks["syarat"] if d] + konteks["dokumen_lain"]
    # On their own request an officer is the visitor: the page says so in place of the office's steps.
    sendiri = services.milik_sendiri(t, request.user)
    bisa_periksa = alur.boleh(t.status, Status.PERLU_PERBAIKAN) and not sendiri
    konteks.update(
        {
            "milik_sendiri": sendiri,
            "bisa_periksa": bisa_periksa,
            "bisa_batal": alur.boleh(t.status, Status.DIBATALKAN) and not sendiri,
            "bisa_ambil": t.status not in alur.STATUS_TANPA_TUGAS and t.petugas_id != request.user.pk and not sendiri,
            "perbaikan_form": perbaikan_form or PerbaikanForm(dokumen=dokumen_aktif),
            "lengkap_form": LengkapForm(minta_nol_rupiah=t.kelas_harga == KelasHarga.NOL_RUPIAH),
            "batal_form": batal_form or BatalForm(),
            "jeda": selectors.keterangan_jeda(t, untuk_pemohon=False),
            "target": selectors.keterangan_target(t),
            "daftar_asal": daftar_asal(request),
        }
    )
    return render(request, "transaksi/periksa_detail.html", konteks, status=status)


def _kembali_ke_periksa(t: Transaksi):
    return redirect("transaksi:periksa_detail", nomor=t.nomor)


@peran_wajib(PETUGAS)
@require_POST
def periksa_ambil(request, nomor):
    t = get_transaksi_for_user(request, nomor)
    # Who the page showed handling it: the "take over?" it asked, or did not ask.
    terlihat = request.POST.get("pemegang_terlihat")
    lakukan(
        request,
        lambda: services.ambil_tugas(t, request.user, terlihat),
        _("Transaksi %(nomor)s kini Anda tangani.") % {"nomor": t.nomor},
    )
    return _kembali_ke_periksa(t)


@peran_wajib(PETUGAS)
@require_POST
def periksa_lengkap(request, nomor):
    t = get_transaksi_for_user(request, nomor)
    form = LengkapForm(request.POST, minta_nol_rupiah=t.kelas_harga == KelasHarga.NOL_RUPIAH)
    form.is_valid()
    try:
        t = services.nyatakan_lengkap(t, request.user, form.keputusan_nol_rupiah())
    except (ValidationError, TransisiTidakSah) as e:
        messages.error(request, pesan_galat(e))
        return _kembali_ke_periksa(t)
    lanjut = _("menunggu tagihan") if t.status == Status.MENUNGGU_TAGIHAN else _("langsung diproses")
    messages.success(
        request,
        _("Persyaratan %(nomor)s dinyatakan lengkap; transaksi %(lanjut)s.") % {"nomor": t.nomor, "lanjut": lanjut},
    )
    return _kembali_ke_periksa(t)


@peran_wajib(PETUGAS)
@require_POST
def periksa_perbaikan(request, nomor):
    t = get_transaksi_for_user(request, nomor)
    form = PerbaikanForm(
        request.POST, dokumen=t.dokumen.aktif().select_related("jenis"), semua_dokumen=t.dokumen.select_related("jenis")
    )
    ok, _riwayat = coba_form(
        form, lambda d: services.minta_perbaikan(t, request.user, form.catatan_dokumen(), d["catatan"])
    )
    if ok:
        messages.success(
            request, _("Transaksi %(nomor)s dikembalikan ke pemohon untuk diperbaiki.") % {"nomor": t.nomor}
        )
        return _kembali_ke_periksa(t)
    # Each refusal once: the form's own (a move no longer allowed) up here, a
    # note's under that note.
    messages.error(request, " ".join(form.non_field_errors()) or _("Periksa kembali isian catatan."))
    return _halaman_periksa(request, t, perbaikan_form=form, status=400)


@peran_wajib(PETUGAS)
@require_POST
def periksa_batalkan(request, nomor):
    t = get_transaksi_for_user(request, nomor)
    pesan = _("Transaksi %(nomor)s dibatalkan; pemohon diberi tahu alasannya.") % {"nomor": t.nomor}
    ditolak = _batalkan(request, t, pesan)
    if ditolak:
        return _halaman_periksa(request, t, batal_form=ditolak, status=400)
    return _kembali_ke_periksa(t)
