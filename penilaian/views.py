"""Rating pages (visitor, ticket QR, desk kiosk), the officers' feedback
list, the supervisor's dashboard, chart data and monthly reports. Thin:
the rules are in services.py, the numbers in ikm.py / mutu.py / grafik.py."""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from antrian.models import RiwayatTiket, StatusTiket, Tiket
from penilaian import grafik, laporan, rekap_skm, services
from penilaian.dasbor import data_dasbor
from penilaian.forms import JawabanForm, KiosForm, LaporanForm, PenilaianForm, RencanaTindakLanjutForm
from penilaian.models import LaporanBulanan, Media, Penilaian
from penilaian.provinsi import data_provinsi
from pst_layanan import berkas, kalender
from pst_layanan.bahasa import bahasa_perangkat
from pst_layanan.halaman import halaman_diminta, kembali_ke_daftar
from pst_layanan.kantor import (
    boleh_kantor,
    id_kantor_laporan,
    kantor_dipilih,
    kantor_kerja,
    kantor_laporan,
    kantor_terlihat,
    kueri_kantor,
    nama_berkas_bulan,
    untuk_petugas,
)
from pst_layanan.periode import Bulan, bulan_diminta, bulan_unduhan
from pst_layanan.roles import PENGAWAS_PROVINSI, PETUGAS, RESEPSIONIS, SUPERVISOR, login_terverifikasi, peran_wajib
from transaksi.views.akses import get_transaksi_for_owner

# --- the visitor rates a delivered transaction ----------------------------------------------


@login_terverifikasi
def nilai_transaksi(request, nomor):
    t = get_transaksi_for_owner(request, nomor)
    try:
        services.periksa_boleh_menilai(t, request.user)
    except services.PenilaianDitolak as exc:
        messages.info(request, str(exc))
        return redirect(t)
    form = PenilaianForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.beri_penilaian(t, request.user, **form.isian())
        except ValidationError as exc:
            form.tampilkan_galat(exc)
        except services.PenilaianDitolak as exc:
            messages.warning(request, str(exc))
            return redirect(t)
        else:
            messages.success(
                request, _("Terima kasih atas penilaian Anda. Transaksi {nomor} telah ditutup.").format(nomor=t.nomor)
            )
            return redirect(t)
    judul = _("Penilaian transaksi {nomor}").format(nomor=t.nomor)
    return render(request, "penilaian/nilai.html", {"form": form, "t": t, "judul": judul})


# --- a finished walk-in visit: the ticket's QR page, or the desk kiosk --------------------


def _tiket_atau_404(token: str) -> Tiket:
    tiket = services.tiket_untuk_token(token)
    if tiket is None:
        raise Http404(_("Tiket tidak ditemukan."))
    return tiket


def _nilai_kunjungan(request, tiket: Tiket, media: str, template: str, selesai_ke: str | None):
    sudah = None
    try:
        services.periksa_boleh_menilai_kunjungan(tiket)
    except services.PenilaianDitolak as exc:
        sudah = str(exc)
    form = PenilaianForm(request.POST or None)
    if sudah is None and request.method == "POST" and form.is_valid():
        try:
            services.beri_penilaian_kunjungan(tiket.token, media=media, **form.isian())
        except ValidationError as exc:
            form.tampilkan_galat(exc)
        except services.PenilaianDitolak as exc:
            sudah = str(exc)
        else:
            if selesai_ke:
                messages.success(request, _("Terima kasih atas penilaian Anda."))
                return redirect(selesai_ke)
            return render(request, template, {"tiket": tiket, "terima_kasih": True})
    judul = _("Penilaian kunjungan — tiket {kode}").format(kode=tiket.kode)
    konteks = {"form": form, "tiket": tiket, "sudah": sudah, "judul": judul}
    konteks["tanpa_umpan_balik"] = services.alasan_tanpa_umpan_balik(tiket.kunjungan.pengunjung)
    return render(request, template, konteks)


def nilai_tiket(request, token):
    """Public: whoever holds the ticket's unguessable token (its QR code)."""
    return _nilai_kunjungan(request, _tiket_atau_404(token), Media.TIKET, "penilaian/nilai_tiket.html", None)


POLA_KODE_TIKET = re.compile(r"^\s*([A-Za-z]{1,3})\s*-?\s*(\d{1,4})\s*$")


# The shared desk tablet only takes a visit that ended within this time.
KIOS_BATAS = timedelta(hours=1)


def _tiket_kios(request, kode_layanan: str, nomor: int) -> Tiket | None:
    """Today's ticket of the tablet's office numbered `kode_layanan`-`nomor`:
    by its number now, else by the number it was issued under (printed on the
    visitor's ticket; a transfer at the counter gave it a new one, and a
    number is never issued twice). Ticket numbers repeat in every office
    (each counts its own B-001): the tablet takes the tickets of the office it
    stands in."""
    hari_ini = Tiket.objects.filter(kantor=kantor_kerja(request), tanggal=timezone.localdate()).select_related(
        "layanan"
    )
    tiket = hari_ini.filter(layanan__kode=kode_layanan, nomor=nomor).first()
    if tiket is None:
        dicetak = {"riwayat__aksi": RiwayatTiket.Aksi.AMBIL, "riwayat__kode_tiket": f"{kode_layanan}-{nomor:03d}"}
        tiket = hari_ini.filter(**dicetak).first()
    return tiket


@peran_wajib(RESEPSIONIS, PETUGAS)
@bahasa_perangkat
def kios(request):
    """The desk tablet (kiosk mode, an officer's session): the visitor types
    today's ticket number and rates the visit that just finished."""
    form = KiosForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cocok = POLA_KODE_TIKET.match(form.cleaned_data["kode"])
        tiket = None
        if cocok:
            tiket = _tiket_kios(request, cocok[1].upper(), int(cocok[2]))
        if tiket is None:
            form.add_error("kode", _("Nomor antrian itu tidak ditemukan hari ini. Periksa kembali tiket Anda."))
        elif tiket.status != StatusTiket.SELESAI:
            form.add_error("kode", _("Tiket {kode} belum selesai dilayani.").format(kode=tiket.kode))
        elif tiket.selesai_pada < timezone.now() - KIOS_BATAS:
            # A ticket number is easy to read over a shoulder: the shared tablet only
            # takes the visit that just ended; later, the ticket's own QR link.
            form.add_error(
                "kode",
                _(
                    "Di tablet ini penilaian hanya untuk kunjungan yang baru selesai. Gunakan "
                    "tautan QR pada tiket Anda."
                ),
            )
        else:
            return redirect("penilaian:kios_nilai", tiket.token)
    return render(request, "penilaian/kios.html", {"form": form})


@peran_wajib(RESEPSIONIS, PETUGAS)
@bahasa_perangkat
def kios_nilai(request, token):
    tiket = _tiket_atau_404(token)
    # The kiosk is an officer's session: another office's ticket is "not found",
    # like any object of an office the officer does not work for.
    if not boleh_kantor(request.user, tiket.kantor_id):
        raise Http404(_("Tiket tidak ditemukan."))
    if tiket.tanggal != timezone.localdate():
        raise Http404(_("Tiket bukan dari hari ini."))
    return _nilai_kunjungan(request, tiket, Media.KIOS, "penilaian/kios_nilai.html", "penilaian:kios")


# --- officers: feedback that asked for follow-up -------------------------------------------


@peran_wajib(PETUGAS)
def umpan_balik(request):
    """The feedback of the user's offices, or of the one office a dashboard
    links to (`?kantor=<code>`: what its count counted)."""
    semua = request.GET.get("semua") == "1"
    qs = Penilaian.objects.exclude(umpan_balik="") if semua else Penilaian.objects.perlu_tindak_lanjut()
    qs = untuk_petugas(qs, request.user)
    kode = kantor_dipilih(request)
    if kode:
        qs = qs.filter(kantor=kantor_laporan(request))  # 404 for an office the user does not see
    qs = qs.select_related("pengguna", "transaksi", "layanan", "dijawab_oleh", "kantor").order_by("-dikirim_pada")
    halaman = halaman_diminta(request, qs, 20)
    saring = {"kantor": kode} if kode else {}
    konteks = {
        "halaman": halaman,
        "semua": semua,
        # A list of several offices' feedback says which office each speaks of.
        "beberapa_kantor": not kode and kantor_terlihat(request.user) is not None,
        "form": JawabanForm(),
        "kueri_perlu": urlencode(saring),
        "kueri_semua": urlencode({"semua": "1", **saring}),
    }
    return render(request, "penilaian/umpan_balik.html", konteks)


@require_POST
@peran_wajib(PETUGAS)
def jawab(request, pk):
    p = get_object_or_404(untuk_petugas(Penilaian.objects.exclude(umpan_balik=""), request.user), pk=pk)
    form = JawabanForm(request.POST)
    if form.is_valid():
        try:
            terkirim = services.jawab_umpan_balik(p, request.user, form.cleaned_data["jawaban"])
        except (ValidationError, services.PenilaianDitolak) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            if terkirim:
                messages.success(request, _("Jawaban terkirim ke {email}.").format(email=p.pengguna.email))
            else:
                messages.warning(
                    request, _("Jawaban dicatat, tetapi tidak dikirim: akun pengguna layanan ini sudah tidak aktif.")
                )
    else:
        messages.error(request, _("Tuliskan jawaban untuk pengguna layanan."))
    return kembali_ke_daftar(request, "penilaian:umpan_balik")


# --- supervisors: dashboard, chart data, reports -----------------------------------------------


@peran_wajib(SUPERVISOR)
def dasbor(request):
    bulan = bulan_diminta(request)
    kantor = kantor_laporan(request)
    konteks = data_dasbor(bulan, kantor.pk if kantor else None)
    konteks.update(bulan.navigasi(), kantor_dasbor=kantor)
    _peringatan_kalender(request, kantor.pk if kantor else None)
    return render(request, "penilaian/dasbor.html", konteks)


def _peringatan_kalender(request, kantor_id: int | None) -> None:
    """A year deadlines are counted in that has no cuti bersama yet, told on
    the dashboard a supervisor starts from (`kalender.peringatan_cuti_bersama`)."""
    for pesan in kalender.peringatan_cuti_bersama(kantor_id):
        messages.warning(request, pesan)


@peran_wajib(PENGAWAS_PROVINSI)
def provinsi(request):
    """Every office side by side, and the province's total (the province supervisor's)."""
    bulan = bulan_diminta(request)
    konteks = data_provinsi(bulan)
    konteks.update(bulan.navigasi())
    # The province supervisor starts here and alone enters the closed days of every office.
    _peringatan_kalender(request, None)
    return render(request, "penilaian/provinsi.html", konteks)


@peran_wajib(SUPERVISOR)
def grafik_json(request, nama):
    fungsi = grafik.GRAFIK.get(nama)
    if fungsi is None:
        raise Http404(_("Grafik tidak dikenal."))
    bulan = bulan_unduhan(request)
    if isinstance(bulan, HttpResponse):
        return bulan
    return JsonResponse(fungsi(bulan, kantor=id_kantor_laporan(request)))


@peran_wajib(SUPERVISOR)
def laporan_daftar(request):
    """The reports of the office the page shows (`kantor_laporan`: the
    supervisor's office; the province supervisor's the province's, or one
    office's with ?kantor=), and building one of them."""
    kantor = kantor_laporan(request)
    awal = Bulan.dari_teks(request.GET.get("bulan"), bawaan=Bulan.ini().geser(-1))
    form = LaporanForm(request.POST or None, initial={"bulan": awal.kode})
    if request.method == "POST" and form.is_valid():
        bulan = Bulan.tepat(form.cleaned_data["bulan"])
        if bulan is None:
            messages.error(request, _("Bulan tidak dikenali. Gunakan format TTTT-BB."))
        elif bulan > Bulan.ini():
            messages.error(request, _("Laporan belum dapat dibuat untuk bulan yang akan datang."))
        else:
            lap = laporan.minta_laporan(bulan, request.user, kantor.pk if kantor else None)
            return redirect("penilaian:laporan_detail", lap.pk)
    # filter(kantor=None) is the province's own rows (IS NULL), not every office's.
    halaman = halaman_diminta(request, LaporanBulanan.objects.filter(kantor=kantor).order_by("-bulan"), 24)
    konteks = {"form": form, "halaman": halaman, "kantor_laporan": kantor}
    return render(request, "penilaian/laporan_daftar.html", konteks)


def _laporan(request, pk) -> LaporanBulanan:
    """A report the user may see, else 404: an office's to who sees that
    office; the province's (no office, every office's figures and feedback)
    only to who sees every office — `untuk_petugas` leaves it out for the rest."""
    return get_object_or_404(untuk_petugas(LaporanBulanan.objects.select_related("kantor"), request.user), pk=pk)


@peran_wajib(SUPERVISOR)
def laporan_detail(request, pk):
    """One office's report of a month (the province's when it has no office),
    its figures and its archived files (PDF, XLSX, CSV). `?kantor=<code>`
    opens the same month's report of that office, or its report list when it
    has not been built."""
    lap = _laporan(request, pk)
    if request.GET.get("kantor"):
        pilihan = kantor_laporan(request)  # 404 for an office the user does not see
        if pilihan.pk != lap.kantor_id:
            lain = LaporanBulanan.objects.filter(bulan=lap.bulan, kantor=pilihan).first()
            if lain is not None:
                return redirect("penilaian:laporan_detail", lain.pk)
            bulan = Bulan.dari_tanggal(lap.bulan)
            messages.info(
                request,
                _("Laporan {bulan} untuk {kantor} belum disusun.").format(bulan=bulan.nama, kantor=pilihan.nama),
            )
            return redirect(f"{reverse('penilaian:laporan')}?kantor={pilihan.kode}&bulan={bulan.kode}")
    data = laporan.susun(Bulan.dari_tanggal(lap.bulan), lap.kantor_id)
    return render(request, "penilaian/laporan_detail.html", {"lap": lap, "d": data, "kantor_laporan": lap.kantor})


@peran_wajib(SUPERVISOR)
def laporan_status(request, pk):
    """htmx polling target: the status row, polling itself until the report is done."""
    return render(request, "penilaian/_laporan_status.html", {"lap": _laporan(request, pk)})


@require_POST
@peran_wajib(SUPERVISOR)
def laporan_ulang(request, pk):
    lama = _laporan(request, pk)
    lap = laporan.minta_laporan(Bulan.dari_tanggal(lama.bulan), request.user, lama.kantor_id)
    return redirect("penilaian:laporan_detail", lap.pk)


@peran_wajib(SUPERVISOR)
def laporan_unduh(request, pk, jenis):
    lap = _laporan(request, pk)
    # A row names only files of a build that succeeded: while it is rebuilt,
    # or after a rebuild failed, its previous report is still served.
    if jenis not in ("pdf", "xlsx", "csv") or not getattr(lap, jenis):
        raise Http404(_("Berkas laporan belum tersedia."))
    # The application wrote these files itself: their type follows from the kind.
    tipe = {"pdf": berkas.PDF, "xlsx": berkas.XLSX, "csv": berkas.CSV}[jenis].mime
    return berkas.sajikan(getattr(lap, jenis), tipe, f"{laporan.nama_berkas(lap)}.{jenis}", lampiran=jenis != "pdf")


# --- supervisors: the SKM recapitulation in the regulation's shape ------------------------


@peran_wajib(SUPERVISOR)
def skm(request):
    bulan = bulan_diminta(
        request, Bulan.ini(), _("Survei bulan yang akan datang belum berjalan; ditampilkan bulan ini.")
    )
    # The plan is read and written for the recapitulation on the page: the
    # supervisor's office, or the province's (or one office's with ?kantor=).
    kantor = kantor_laporan(request)
    kantor_id = kantor.pk if kantor else None
    kueri = kueri_kantor(request)
    r = rekap_skm.susun(bulan, kantor_id)
    form = RencanaTindakLanjutForm(request.POST or None, initial={"isi": r.rencana.isi if r.rencana else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_rencana_tindak_lanjut(bulan, request.user, form.cleaned_data["isi"], kantor_id)
        except (ValidationError, services.PenilaianDitolak) as exc:
            form.add_error("isi", " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Rencana tindak lanjut {bulan} disimpan.").format(bulan=bulan.nama))
            return redirect(f"{request.path}?bulan={bulan.kode}{kueri}")
    konteks = {
        "r": r,
        "form": form,
        **bulan.navigasi(),
    }
    return render(request, "penilaian/skm.html", konteks)


@peran_wajib(SUPERVISOR)
def skm_xlsx(request):
    bulan = bulan_unduhan(request, Bulan.ini(), _("Survei bulan yang akan datang belum berjalan."))
    if isinstance(bulan, HttpResponse):
        return bulan
    kantor_id = id_kantor_laporan(request)
    isi = rekap_skm.sebagai_xlsx(rekap_skm.susun(bulan, kantor_id))
    return berkas.sajikan(isi, berkas.XLSX.mime, f"{nama_berkas_bulan('rekap-skm', bulan.kode, kantor_id)}.xlsx")
