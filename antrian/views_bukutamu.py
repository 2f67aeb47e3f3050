"""Guest-book data pages for officers: the visits whose BPS codes need an
officer's decision, and the month's guest book in BPS's column order (page,
CSV, XLSX). Thin: codes in `antrian.bukutamu`, rows in `antrian.ekspor_bukutamu`."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from antrian import bukutamu, ekspor_bukutamu
from antrian.data_pribadi import catat_akses_ekspor
from antrian.forms import KoreksiKodeForm
from antrian.models import Kunjungan
from pst_layanan import berkas, data_pribadi
from pst_layanan.halaman import halaman_diminta, kembali_ke_daftar
from pst_layanan.kantor import id_kantor_laporan, kantor_terlihat, kueri_kantor, nama_berkas_bulan, untuk_petugas
from pst_layanan.periode import bulan_diminta, bulan_unduhan
from pst_layanan.roles import PETUGAS, peran_wajib

PER_HALAMAN = 50


@peran_wajib(PETUGAS)
def perlu_koreksi(request):
    # Staff of several offices code each office's visits: each row says where it was.
    beberapa_kantor = kantor_terlihat(request.user) is not None
    qs = (
        untuk_petugas(Kunjungan.objects.perlu_koreksi(), request.user)
        .select_related("pengunjung", "layanan", *(["kantor"] if beberapa_kantor else []))
        .order_by("tiba_pada", "pk")
    )
    halaman = halaman_diminta(request, qs, PER_HALAMAN)
    return render(request, "antrian/perlu_koreksi.html", {"halaman": halaman, "beberapa_kantor": beberapa_kantor})


@peran_wajib(PETUGAS)
def koreksi(request, pk):
    k = get_object_or_404(untuk_petugas(Kunjungan.objects.select_related("pengunjung", "layanan"), request.user), pk=pk)
    data_pribadi.catat_akses(request.user, k.pengunjung, request.path)  # their name, agency, purpose and notes
    awal = {
        "kategori_instansi": k.kategori_instansi,
        "pemanfaatan": k.pemanfaatan,
        "jenis_layanan": k.jenis_layanan,
        "sarana": k.sarana,
    }
    form = KoreksiKodeForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            bukutamu.koreksi_kode(k, request.user, form.cleaned_data["kategori_instansi"], form.isian())
        except bukutamu.KodeTidakSah as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Kode buku tamu kunjungan %(nama)s disimpan.") % {"nama": k.pengunjung})
            return kembali_ke_daftar(request, "antrian:perlu_koreksi")
    return render(request, "antrian/koreksi_kode.html", {"k": k, "form": form})


@peran_wajib(PETUGAS)
def buku_tamu_bulanan(request):
    bulan = bulan_diminta(request)
    kantor = id_kantor_laporan(request)
    qs = ekspor_bukutamu.kunjungan_bulan(bulan, kantor)
    halaman = halaman_diminta(request, qs, PER_HALAMAN)
    mulai = halaman.start_index() or 1
    konteks = {
        "bulan": bulan,
        **bulan.navigasi(),
        "kantor_laporan": kantor,
        "header": ekspor_bukutamu.header(kantor),
        "baris": list(ekspor_bukutamu.baris(halaman.object_list, kantor, mulai)),
        "halaman": halaman,
        "kueri": f"bulan={bulan.kode}{kueri_kantor(request)}",
    }
    return render(request, "antrian/buku_tamu_bulanan.html", konteks)


JENIS_BERKAS = ("csv", "xlsx")


@require_safe  # logged as the officer reading every visitor of the month: a fetch only, never an OPTIONS probe
@peran_wajib(PETUGAS)
def buku_tamu_bulanan_unduh(request, jenis):
    if jenis not in JENIS_BERKAS:
        raise Http404(_("Format berkas tidak dikenal."))
    bulan = bulan_unduhan(request)
    if isinstance(bulan, HttpResponse):
        return bulan
    kantor = id_kantor_laporan(request)
    # The file names every visitor of the month, their birth year, agency and purpose.
    catat_akses_ekspor(request, ekspor_bukutamu.kunjungan_bulan(bulan, kantor))
    nama = f"{nama_berkas_bulan('buku-tamu-pst', bulan.kode, kantor)}.{jenis}"
    if jenis == "csv":  # row by row: a large month outlasts the proxy's wait for a first byte
        isi = StreamingHttpResponse(ekspor_bukutamu.aliran_csv_bulan(bulan, kantor), content_type=berkas.CSV.mime)
        return berkas.amankan(isi, nama=berkas.nama_unduhan(nama, berkas.CSV.mime))
    return berkas.sajikan(ekspor_bukutamu.sebagai_xlsx(bulan, kantor), berkas.XLSX.mime, nama)
