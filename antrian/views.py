"""Front-desk pages. Thin: roles by decorator, rules in `antrian.services`."""

from __future__ import annotations

import uuid
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.db.models import Case, Count, Q, When
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from antrian import bukutamu, services
from antrian import layar as layar_data
from antrian import monitor as monitor_data
from antrian.data_pribadi import catat_akses_ekspor
from antrian.forms import (
    AlihkanForm,
    BatalJanjiForm,
    BukuTamuOnlineForm,
    IsianBukuTamuForm,
    JanjiForm,
    JanjiMejaForm,
    MejaForm,
    PengumumanLayarForm,
    RiwayatFilterForm,
    SelesaiForm,
    TamuBaruForm,
    TolakJanjiForm,
)
from antrian.models import (
    AKTIF_DI_LOKET,
    JanjiTemu,
    Kedatangan,
    Kunjungan,
    Layanan,
    Loket,
    PengumumanLayar,
    RiwayatTiket,
    Sarana,
    StatusJanji,
    StatusTiket,
    Tiket,
)
from antrian.perkiraan import perkiraan_tunggu
from pst_layanan.bahasa import bahasa_perangkat
from pst_layanan.berkas import amankan
from pst_layanan.ekspor import Label, aliran_csv
from pst_layanan.format import bulat, waktu_panjang
from pst_layanan.format import jam as jam_teks
from pst_layanan.forms import BiodataForm
from pst_layanan.halaman import (
    LEBIH_BARU,
    LEBIH_LAMA,
    KunciTidakSah,
    ekspor_ditolak,
    halaman_diminta,
    halaman_kunci,
    kembali_ke_daftar,
    saringan_ditolak,
)
from pst_layanan.kantor import boleh_ubah_katalog, kantor_berkode, kantor_kerja, kantor_terlihat, untuk_petugas
from pst_layanan.kantor import kantor as satu_kantor
from pst_layanan.pdf import pdf_response, qr_data_uri, render_pdf
from pst_layanan.roles import (
    PETUGAS,
    RESEPSIONIS,
    SUPERVISOR,
    alamat_lanjut,
    login_terverifikasi,
    peran_wajib,
    punya_peran,
)

PER_HALAMAN = 50


def _htmx(request) -> bool:
    return bool(getattr(request, "htmx", False))


# --- Receptionist desk -------------------------------------------------------------------


def _pengunjung_terpilih(form, baru):
    """The visitor chosen from the search, kept when another answer of the
    form is wrong, with a blank new-visitor form: its fields were not sent
    (disabled), so it has nothing to correct. Nor has it when the one chosen
    is no longer found (an account closed meanwhile): the search says so."""
    if form.is_bound and "pengunjung" in form.errors:
        return None, TamuBaruForm(prefix="baru")
    if not form.is_bound or not form.cleaned_data.get("pengunjung"):
        return None, baru
    return form.cleaned_data["pengunjung"], TamuBaruForm(prefix="baru")


@peran_wajib(RESEPSIONIS)
def meja(request):
    awal = {
        "layanan": Layanan.objects.filter(aktif=True).first(),
        "kedatangan": _kedatangan_dipilih(request),
        "token_kirim": uuid.uuid4().hex,
    }
    kantor = kantor_kerja(request)
    form = MejaForm(request.POST or None, initial=awal, kantor_id=kantor.pk)
    baru = TamuBaruForm(request.POST or None, prefix="baru")
    isian = IsianBukuTamuForm(request.POST or None, prefix="bt")
    penolakan, penolakan_jam = None, False
    if request.method == "POST" and form.is_valid() and isian.is_valid():
        pengunjung = form.cleaned_data["pengunjung"]
        # The same form sent again for a new visitor: the first sending
        # registered the e-mail, so it is refused as "already registered";
        # looked up after that refusal (the first sending's ticket is committed
        # with the account), its ticket is shown instead. For a visitor
        # already chosen the service itself finds it.
        d = form.cleaned_data
        kedatangan = d["kedatangan"]
        tamu_sah = pengunjung or baru.is_valid()
        sudah = not tamu_sah and services.tiket_kiriman_sama(
            d["token_kirim"], d["layanan"], None, baru["email"].value() or "", kedatangan
        )
        if sudah:
            _pesan_tiket_meja(request, sudah, baru=False)
            return _cetak(sudah)
        if tamu_sah:
            try:
                tiket = services.kunjungan_langsung(
                    request.user,
                    form.cleaned_data["layanan"],
                    pengunjung=pengunjung,
                    email_baru=baru.cleaned_data.get("email", "") if not pengunjung else "",
                    biodata_baru=None if pengunjung else baru,
                    keperluan=form.cleaned_data["keperluan"],
                    token_kirim=form.cleaned_data["token_kirim"],
                    kedatangan=kedatangan,
                    isian=isian.isian(),
                    kantor_id=kantor.pk,
                )
            except services.AntrianError as exc:
                penolakan = str(exc)
                # Only a refusal for the hours points to an appointment.
                penolakan_jam = isinstance(exc, services.DiLuarJamLayanan)
            else:
                _pesan_tiket_meja(request, tiket, baru=not pengunjung)
                return _cetak(tiket)
    kedatangan = _kedatangan_terbuka_atau_none(form["kedatangan"].value(), kantor.pk)
    terpilih, baru = _pengunjung_terpilih(form, baru)
    layanan_aktif = services.layanan_aktif(kantor.pk)
    konteks = {
        "form": form,
        "baru": baru,
        "isian": isian,
        "penolakan": penolakan,
        "penolakan_jam": penolakan_jam,
        "terpilih": terpilih,
        "kedatangan": kedatangan,
        "hasil_awal": [terpilih] if terpilih else [],
        "buka": services.antrian_buka(services.waktu_cek_jam(kedatangan), kantor_id=kantor.pk),
        "jam_layanan": services.teks_jam_layanan(kantor.pk),
        # The "Tamu datang" button's own: pressed twice, one arrival (services.catat_kedatangan).
        "token_datang": uuid.uuid4().hex,
        "tanpa_layanan": not layanan_aktif,
        "boleh_ubah_katalog": boleh_ubah_katalog(request.user),
        "layanan_tanpa_loket": [lay for lay in layanan_aktif if not lay.berloket],
        # The panel keeps the arrival chosen when it refreshes (its check-in buttons take it).
        "url_antrian": reverse("antrian:meja_antrian") + (f"?kedatangan={kedatangan.pk}" if kedatangan else ""),
        **_antrian_hari_ini(kantor.pk),
    }
    return render(request, "antrian/meja.html", konteks)


def _cetak(tiket: Tiket):
    """To the ticket's print page, which prints itself."""
    return redirect(reverse("antrian:tiket_cetak", args=[tiket.pk]) + "?cetak=1")


def _pesan_tiket_meja(request, tiket: Tiket, baru: bool) -> None:
    nama = tiket.kunjungan.pengunjung.nama_lengkap
    if getattr(tiket, "diulang", False):
        messages.info(
            request,
            _(
                "%(nama)s sudah memegang tiket %(kode)s hari ini untuk layanan ini; tiket itu ditampilkan lagi, "
                "tidak ada tiket baru."
            )
            % {"nama": nama, "kode": tiket.kode},
        )
        return
    pesan = _("Kunjungan %(nama)s tercatat, tiket %(kode)s.") % {"nama": nama, "kode": tiket.kode}
    if baru:
        pesan += " " + _("Tautan untuk mengatur kata sandi dikirim ke %(email)s.") % {
            "email": tiket.kunjungan.pengunjung.email
        }
    messages.success(request, pesan)


def _id_atau_none(nilai) -> int | None:
    """A row id typed in an address or a hidden field, or None. ASCII first:
    "²" is a digit to str.isdigit but no number to int()."""
    nilai = str(nilai or "")
    return int(nilai) if nilai.isascii() and nilai.isdigit() and len(nilai) < 19 else None


def _kedatangan_dipilih(request):
    return _id_atau_none(request.GET.get("kedatangan"))


def _kedatangan_terbuka_atau_none(nilai, kantor_id: int):
    pk = _id_atau_none(nilai)
    return None if pk is None else _kedatangan_terbuka(kantor_id).filter(pk=pk).first()


def _kedatangan_terbuka(kantor_id: int):
    """The office's arrivals of today not yet registered, oldest first."""
    return Kedatangan.objects.filter(kantor=kantor_id, tanggal=timezone.localdate(), kunjungan__isnull=True).order_by(
        "nomor"
    )


def _meja_untuk(kedatangan) -> str:
    """The desk, registering `kedatangan` when one was chosen."""
    return reverse("antrian:meja") + (f"?kedatangan={kedatangan.pk}" if kedatangan else "")


def _aksi_meja(request, langkah, pesan, lanjut, kedatangan=None):
    """A desk button: run `langkah()`; its refusal goes back to the desk as an
    error, still registering the arrival `kedatangan` it was pressed for (the
    visitor is then registered another way, from that arrival), else
    `pesan(result)` as a success and the answer `lanjut(result)`."""
    try:
        hasil = langkah()
    except services.AntrianError as exc:
        messages.error(request, str(exc))
        return redirect(_meja_untuk(kedatangan))
    messages.success(request, pesan(hasil))
    return lanjut(hasil)


@require_POST
@peran_wajib(RESEPSIONIS)
def meja_datang(request):
    """ "Tamu datang": record the arrival first, then register it."""
    return _aksi_meja(
        request,
        lambda: services.catat_kedatangan(request.user, kantor_kerja(request).pk, request.POST.get("token_kirim", "")),
        lambda k: (
            _("Kedatangan %(kode)s tercatat pukul %(jam)s. Lanjutkan pendaftaran dan tiket.")
            % {"kode": k.kode, "jam": jam_teks(k.tiba_pada)}
        ),
        lambda k: redirect(_meja_untuk(k)),
    )


def _kios_tolak(request, penolakan: str):
    return render(request, "antrian/kios_datang.html", {"penolakan": penolakan, "token_datang": uuid.uuid4().hex})


@peran_wajib(RESEPSIONIS)
@bahasa_perangkat
def kios_datang(request):
    """Lobby tablet (kiosk mode, a receptionist's session): the visitor
    presses "Saya sudah datang" at the door and gets an arrival number to show
    at the desk. The arrival is recorded without an officer (`dicatat_oleh`
    empty = taken at the lobby screen)."""
    if request.method == "POST":
        kantor_id = kantor_kerja(request).pk
        try:
            kedatangan = services.catat_kedatangan(None, kantor_id, request.POST.get("token_kirim", ""))
        except services.DiLuarJamLayanan:
            # Who presses it after hours is mostly an appointment's visitor (served
            # after hours): "make an appointment" alone would turn them away.
            penolakan = _(
                "Di luar jam layanan (%(jam)s). Sudah membuat janji temu? Silakan langsung menuju meja "
                "resepsionis. Belum? Anda dapat membuat janji temu."
            ) % {"jam": services.teks_jam_layanan(kantor_id)}
            return _kios_tolak(request, penolakan)
        except services.AntrianError as exc:
            return _kios_tolak(request, str(exc))
        return redirect(reverse("antrian:kios_datang") + f"?nomor={kedatangan.pk}")
    # Only an arrival still waiting for the desk is shown: the page carries no personal data.
    kedatangan = _kedatangan_terbuka_atau_none(request.GET.get("nomor"), kantor_kerja(request).pk)
    return render(request, "antrian/kios_datang.html", {"kedatangan": kedatangan, "token_datang": uuid.uuid4().hex})


@peran_wajib(RESEPSIONIS)
def meja_cari(request):
    q = request.GET.get("q", "")
    # One more than shown tells that others match: the one sought may be among
    # them, and without a word the desk would register them again as new.
    hasil = services.cari_pengunjung(q, services.BATAS_CARI + 1)
    konteks = {"hasil": hasil[: services.BATAS_CARI], "lebih": len(hasil) > services.BATAS_CARI, "q": q.strip()}
    return render(request, "antrian/_hasil_cari.html", konteks)


# The desk refreshes every few seconds: it shows the head of the queue and the
# most recent other tickets, with counts for the rest, so a long day or a long
# queue does not make it slow.
MENUNGGU_DI_MEJA = 25
TIKET_LALU_DI_MEJA = 10
KEDATANGAN_DI_MEJA = 10


# What the panel shows of a ticket: the rows join the visit and the person,
# whose other columns (dozens, the password hash among them) it never reads.
KOLOM_PANEL_MEJA = (
    *("status", "nomor", "prioritas", "diambil_pada", "layanan__kode", "loket__nomor", "loket__nama"),
    "kunjungan__pengunjung__nama_lengkap",
)


def _antrian_hari_ini(kantor_id: int) -> dict:
    """The office's queue of today, as the desk shows it."""
    hari_ini = (
        Tiket.objects.hari_ini()
        .filter(kantor=kantor_id)
        .select_related("layanan", "loket", "kunjungan__pengunjung")
        .only(*KOLOM_PANEL_MEJA)
    )
    di_loket = list(hari_ini.filter(status__in=AKTIF_DI_LOKET).order_by("loket__nomor", "pk"))
    q_menunggu, q_lalu = Q(status=StatusTiket.MENUNGGU), ~Q(status__in=[StatusTiket.MENUNGGU, *AKTIF_DI_LOKET])
    menunggu = hari_ini.filter(q_menunggu).urut_panggilan(kantor_id)
    lalu = hari_ini.filter(q_lalu).order_by("-diambil_pada", "-pk")
    jumlah = hari_ini.aggregate(m=Count("pk", filter=q_menunggu), lalu=Count("pk", filter=q_lalu))
    jumlah_menunggu, jumlah_lalu = jumlah["m"], jumlah["lalu"]
    janji = JanjiTemu.objects.siap_hadir_hari_ini().filter(kantor=kantor_id).select_related("pengunjung", "layanan")
    # One more than shown: the desk is told that others wait behind them.
    kedatangan = list(_kedatangan_terbuka(kantor_id)[: KEDATANGAN_DI_MEJA + 1])
    return {
        "tiket_hari_ini": [*di_loket, *menunggu[:MENUNGGU_DI_MEJA], *lalu[:TIKET_LALU_DI_MEJA]],
        "jumlah_menunggu": jumlah_menunggu,
        "menunggu_tersembunyi": max(jumlah_menunggu - MENUNGGU_DI_MEJA, 0),
        "jumlah_lalu": jumlah_lalu,
        "tiket_lalu_ditampilkan": TIKET_LALU_DI_MEJA,
        "janji_hari_ini": janji,
        "kedatangan_terbuka": kedatangan[:KEDATANGAN_DI_MEJA],
        "kedatangan_lebih": len(kedatangan) > KEDATANGAN_DI_MEJA,
    }


@peran_wajib(RESEPSIONIS)
def meja_antrian(request):
    kantor_id = kantor_kerja(request).pk
    kedatangan = _kedatangan_terbuka_atau_none(_kedatangan_dipilih(request), kantor_id)
    return render(request, "antrian/_antrian_hari_ini.html", {**_antrian_hari_ini(kantor_id), "kedatangan": kedatangan})


@require_POST
@peran_wajib(RESEPSIONIS)
def janji_checkin(request, pk):
    janji = get_object_or_404(untuk_petugas(JanjiTemu.objects, request.user), pk=pk)
    kantor_id = kantor_kerja(request).pk
    # The arrival the desk was registering (the visitor's "Saya sudah datang").
    kedatangan = _kedatangan_terbuka_atau_none(request.POST.get("kedatangan"), kantor_id)
    return _aksi_meja(
        request,
        lambda: services.checkin_janji(janji, request.user, kantor_id, kedatangan),
        lambda tiket: _pesan_checkin(janji, tiket),
        _cetak,
        kedatangan,
    )


def _pesan_checkin(janji: JanjiTemu, tiket: Tiket) -> str:
    """What the desk tells the visitor: checked in early, the ticket goes
    before the walk-ins only from its time (as its printed ticket says)."""
    isi = {"nama": janji.pengunjung.nama_lengkap, "kode": tiket.kode}
    if tiket.status == StatusTiket.DILEWATI:
        # "Panggil berikutnya" never reaches a skipped ticket: only a call-back does.
        return (
            _(
                "Janji temu %(nama)s hadir: tiket %(kode)s sudah dilewati; minta petugas loket memanggilnya ulang "
                "(Panggil ulang)."
            )
            % isi
        )
    if tiket.didahulukan_sejak > timezone.now():
        return _("Janji temu %(nama)s hadir: tiket %(kode)s (dipanggil lebih dulu mulai pukul %(jam)s).") % {
            **isi,
            "jam": jam_teks(tiket.didahulukan_sejak),
        }
    return _("Janji temu %(nama)s hadir: tiket %(kode)s (dipanggil lebih dulu).") % isi


# --- The ticket: print, PDF, public live page ------------------------------------------------


def _konteks_tiket(tiket: Tiket) -> dict:
    tautan = settings.SITE_URL + reverse("antrian:tiket_publik", args=[tiket.token])
    return {"tiket": tiket, "di_depan": services.orang_di_depan(tiket), "qr": qr_data_uri(tautan), "tautan": tautan}


def _tiket_petugas(request, pk) -> Tiket:
    return get_object_or_404(untuk_petugas(Tiket.objects.select_related("layanan", "loket"), request.user), pk=pk)


@peran_wajib(RESEPSIONIS, PETUGAS)
def tiket_cetak(request, pk):
    tiket = _tiket_petugas(request, pk)
    konteks = _konteks_tiket(tiket)
    konteks["cetak_otomatis"] = request.GET.get("cetak") == "1"
    konteks["kantor"] = satu_kantor(tiket.kantor_id)  # the ticket's office, not the session's
    return render(request, "antrian/tiket_cetak.html", konteks)


@peran_wajib(RESEPSIONIS, PETUGAS)
def tiket_pdf(request, pk):
    tiket = _tiket_petugas(request, pk)
    return pdf_response(render_pdf("antrian/tiket_pdf.html", _konteks_tiket(tiket)), f"{_('tiket')}-{tiket.kode}.pdf")


def _tiket_publik(token) -> Tiket:
    return get_object_or_404(Tiket.objects.select_related("layanan", "loket"), token=token)


# One address answers the page and its card refreshed by htmx: told apart, so a
# browser going Back to the page never shows the last card, bare and frozen.
@vary_on_headers("HX-Request")
def tiket_publik(request, token):
    """Public (QR) page: state and position only, never who the visitor is."""
    tiket = _tiket_publik(token)
    perkiraan = perkiraan_tunggu(tiket)
    konteks = {
        "tiket": tiket,
        "di_depan": perkiraan.di_depan if perkiraan else 0,
        "perkiraan": perkiraan,
        "kantor": satu_kantor(tiket.kantor_id),  # the ticket's office, not the viewer's
    }
    template = "antrian/_tiket_status.html" if _htmx(request) else "antrian/tiket_publik.html"
    return render(request, template, konteks)


# --- Officer counter ---------------------------------------------------------------------------


def _lokets(request):
    """The active counters of the offices the officer works for."""
    return untuk_petugas(Loket.objects.filter(aktif=True), request.user)


class _LoketTutup(Exception):
    """The counter asked for is one of the officer's offices' but switched off."""


def _loket(request, pk) -> Loket:
    """The officer's active counter `pk`. One of their offices' switched off
    since its page was opened raises `_LoketTutup` (the page sends the officer
    to choose another, saying why); any other is a 404."""
    loket = get_object_or_404(untuk_petugas(Loket.objects.all(), request.user), pk=pk)
    if not loket.aktif:
        raise _LoketTutup(loket)
    return loket


def _pilih_loket_lain(request, loket: Loket):
    messages.error(request, str(services.LoketNonaktif(loket)))
    if _htmx(request):
        # The open page's panel refresh takes the whole page there, not the panel alone.
        return HttpResponse(headers={"HX-Redirect": reverse("antrian:loket_pilih")})
    return redirect("antrian:loket_pilih")


def _loket_terbuka(view):
    """A counter page whose counter was switched off: to the list of counters
    with the reason, not a 404 (nor a panel refreshing into nothing)."""

    @wraps(view)
    def dibungkus(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _LoketTutup as exc:
            return _pilih_loket_lain(request, exc.args[0])

    return dibungkus


@peran_wajib(PETUGAS)
def loket_pilih(request):
    """The counters of the office the officer works at now (`kantor_kerja`,
    switched at /kantor/): an officer of two offices is not offered two
    "Loket 1", nor sent back to the other office's counter after a switch."""
    di_sini = _lokets(request).filter(kantor=kantor_kerja(request))
    terakhir = request.session.get("antrian_loket")
    if terakhir and request.GET.get("ganti") is None and di_sini.filter(pk=terakhir).exists():
        return redirect("antrian:loket", terakhir)
    lokets = di_sini.select_related("kantor").prefetch_related("layanan")
    return render(request, "antrian/loket_pilih.html", {"lokets": lokets})


# Waiting tickets a counter lists; one more is read to tell "20+" from exactly 20.
MENUNGGU_DI_LOKET = 20


def _antrian_loket(loket: Loket, sibuk: bool | None = None) -> dict:
    """The counter's side panel. While the counter has its own ticket (`sibuk`)
    no other can be called there (`services._periksa_loket_kosong`): the
    panel's call buttons are shown disabled rather than answering an error."""
    if sibuk is None:
        sibuk = Tiket.objects.aktif_di_loket(loket).exists()
    layanan = list(loket.layanan.all())
    ids = [lay.pk for lay in layanan]
    menunggu = list(services.antrian_untuk_loket(loket, ids).select_related("layanan")[: MENUNGGU_DI_LOKET + 1])
    dilewati = list(
        Tiket.objects.hari_ini()
        .filter(kantor=loket.kantor_id, status=StatusTiket.DILEWATI, layanan_id__in=ids)
        .select_related("layanan")
    )
    return {
        "loket": loket,
        "layanan_loket": layanan,
        "menunggu": menunggu[:MENUNGGU_DI_LOKET],
        "menunggu_lebih": len(menunggu) > MENUNGGU_DI_LOKET,
        "dilewati": dilewati,
        "sibuk": sibuk,
    }


@peran_wajib(PETUGAS)
@_loket_terbuka
def loket(request, pk):
    loket = _loket(request, pk)
    if request.session.get("antrian_loket") != loket.pk:
        request.session["antrian_loket"] = loket.pk
    aktif = Tiket.objects.aktif_di_loket(loket).select_related("layanan", "kunjungan__pengunjung").first()
    konteks = {
        **_antrian_loket(loket, sibuk=aktif is not None),
        "aktif": aktif,
        "selesai_form": SelesaiForm(),
        "alihkan_form": AlihkanForm(
            asal=aktif.layanan_id if aktif else None, tujuan=services.layanan_berloket(loket.kantor_id)
        ),
        **_isian_tertolak(request, aktif),
    }
    return render(request, "antrian/loket.html", konteks)


# A refused counter form comes back through a redirect to the counter's own
# address (a reload must not post it again), so what the officer typed waits
# in the session for that one page, for the ticket it was typed for.
ISIAN_LOKET = "antrian_loket_isian"
FORM_LOKET = {
    "selesai_form": lambda data, aktif: SelesaiForm(data),
    "alihkan_form": lambda data, aktif: AlihkanForm(
        data, asal=aktif.layanan_id, tujuan=services.layanan_berloket(aktif.kantor_id)
    ),
}


class _IsianSalah(services.AntrianError):
    """A counter form sent incomplete: the page is shown again with what was typed."""

    def __init__(self, pesan, nama: str, form):
        super().__init__(pesan)
        self.nama, self.form = nama, form

    def simpan(self, request, tiket: int | None) -> None:
        data = {bidang: self.form.data.get(bidang, "") for bidang in self.form.fields}
        request.session[ISIAN_LOKET] = {"nama": self.nama, "tiket": tiket, "data": data}


def _isian_tertolak(request, aktif) -> dict:
    """The refused form to show again, bound to what was typed (its errors with it)."""
    isian = request.session.pop(ISIAN_LOKET, None)
    if not isian or aktif is None or isian["tiket"] != aktif.pk:
        return {}
    return {isian["nama"]: FORM_LOKET[isian["nama"]](isian["data"], aktif)}


@peran_wajib(PETUGAS)
@_loket_terbuka
def loket_antrian(request, pk):
    return render(request, "antrian/_loket_antrian.html", _antrian_loket(_loket(request, pk)))


@require_POST
@peran_wajib(PETUGAS)
@_loket_terbuka
def loket_aksi(request, pk):
    loket = _loket(request, pk)
    # Not a ticket id (hostile or garbled): None, and the services answer "not found".
    aksi, tiket = request.POST.get("aksi"), _id_atau_none(request.POST.get("tiket"))
    try:
        hasil = _jalankan_aksi(request, loket, aksi, tiket)
    except _IsianSalah as exc:
        messages.error(request, str(exc))
        exc.simpan(request, tiket)
    except services.LoketNonaktif:
        # Its page is gone: the officer chooses another counter.
        return _pilih_loket_lain(request, loket)
    except services.AntrianError as exc:
        messages.error(request, str(exc))
    except Tiket.DoesNotExist:
        messages.error(request, _("Tiket tidak ditemukan."))
    else:
        if hasil:
            messages.success(request, hasil)
    return redirect("antrian:loket", loket.pk)


# The counter's buttons post an `Aksi` value of the ticket history, or
# BERIKUTNYA: call whoever is next in line (a PANGGIL without a chosen ticket).
BERIKUTNYA = "berikutnya"
A = RiwayatTiket.Aksi


def _berikutnya(request, loket, tiket_pk) -> str:
    return _("Memanggil %(kode)s.") % {"kode": services.panggil_berikutnya(loket, request.user).kode}


def _panggil(request, loket, tiket_pk) -> str:
    return _("Memanggil %(kode)s.") % {"kode": services.panggil(tiket_pk, loket, request.user).kode}


def _panggil_ulang(request, loket, tiket_pk) -> str:
    return _("Memanggil ulang %(kode)s.") % {"kode": services.panggil_ulang(tiket_pk, loket, request.user).kode}


def _lewati(request, loket, tiket_pk) -> str:
    return _("%(kode)s dilewati (tidak hadir).") % {"kode": services.lewati(tiket_pk, loket, request.user).kode}


def _mulai(request, loket, tiket_pk) -> str:
    return _("Melayani %(kode)s.") % {"kode": services.mulai_layani(tiket_pk, loket, request.user).kode}


def _selesai(request, loket, tiket_pk) -> str:
    form = SelesaiForm(request.POST)
    if not form.is_valid():
        # The note's own error (its length) shows under it; the message says which part to fix.
        pesan = _("Pilih hasil kunjungan sebelum menyelesaikan.")
        if "hasil" not in form.errors:
            pesan = _("Periksa kembali isian catatan.")
        raise _IsianSalah(pesan, "selesai_form", form)
    d = form.cleaned_data
    t = services.selesai(tiket_pk, loket, request.user, d["hasil"], d["catatan"])
    return _("%(kode)s selesai dilayani. Riwayat kunjungan tersimpan.") % {"kode": t.kode}


def _alihkan(request, loket, tiket_pk) -> str:
    form = AlihkanForm(request.POST)
    if not form.is_valid():
        raise _IsianSalah(_("Pilih layanan tujuan."), "alihkan_form", form)
    t = services.alihkan(tiket_pk, form.cleaned_data["layanan"], request.user, loket)
    return _("Tiket dialihkan menjadi %(kode)s.") % {"kode": t.kode}


AKSI_LOKET = {
    BERIKUTNYA: _berikutnya,
    A.PANGGIL: _panggil,
    A.PANGGIL_ULANG: _panggil_ulang,
    A.LEWATI: _lewati,
    A.MULAI: _mulai,
    A.SELESAI: _selesai,
    A.ALIHKAN: _alihkan,
}


def _jalankan_aksi(request, loket, aksi, tiket_pk) -> str:
    jalankan = AKSI_LOKET.get(aksi)
    if jalankan is None:
        raise services.AntrianError(_("Tindakan tidak dikenal."))
    return jalankan(request, loket, int(tiket_pk or 0))


# --- Waiting-room display -------------------------------------------------------------------------


def _kantor_layar(request):
    """A screen shows one office: `?kantor=<BPS code>` (the TV's bookmark),
    else the session's office; an unknown code is a 404."""
    kode = request.GET.get("kantor")
    if kode:
        k = kantor_berkode(kode)
        if k is None:
            raise Http404("Kantor tidak dikenal.")
        return k
    return kantor_kerja(request)


@bahasa_perangkat
def layar(request):
    """Full-screen TV page: public, numbers only, no personal data."""
    k = _kantor_layar(request)
    konteks = {
        "jam_layanan": services.teks_jam_layanan(k.pk),
        "hari_ini": timezone.localdate(),
        "isi": _isi_layar(k.pk),
        "kantor_layar": k,
        "kantor": k,  # the office shown, not the viewer's (a TV has no session)
    }
    return render(request, "antrian/layar.html", konteks)


def _isi_layar(kantor_id: int) -> str:
    try:
        return layar_data.fragmen(kantor_id)
    except layar_data.LayarSibuk:
        return layar_data.render(kantor_id)


def _fragmen_bersama(buat, kantor_id: int) -> HttpResponse:
    """A fragment polled by many screens at once, rendered once per change of
    the queue and served from the cache (`layar.tersimpan`)."""
    try:
        return HttpResponse(buat(kantor_id))
    except layar_data.LayarSibuk:
        # The screen keeps what it shows and polls again.
        respons = HttpResponse(_("Layar sedang diperbarui."), status=503)
        respons["Retry-After"] = "1"
        return respons


@bahasa_perangkat
def layar_isi(request):
    """Polled every second by every waiting-room screen."""
    return _fragmen_bersama(layar_data.fragmen, _kantor_layar(request).pk)


# --- Live queue monitor -------------------------------------------------------------------------


def _halaman_monitor(request, form=None, status=200):
    k = kantor_kerja(request)
    pengumuman_kantor = PengumumanLayar.berlaku(k.pk)
    konteks = {
        "isi": _isi_monitor(k.pk, boleh_ubah_katalog(request.user)),
        "kantor_monitor": k,
        "pengumuman_kantor": pengumuman_kantor,
        "form": form or PengumumanLayarForm(initial={"teks": pengumuman_kantor}),
        "boleh_ubah": punya_peran(request.user, SUPERVISOR),
    }
    return render(request, "antrian/monitor.html", konteks, status=status)


def _isi_monitor(kantor_id: int, katalog: bool) -> str:
    try:
        return monitor_data.fragmen(kantor_id, boleh_ubah_katalog=katalog)
    except layar_data.LayarSibuk:
        return monitor_data.render(kantor_id, boleh_ubah_katalog=katalog)


@peran_wajib(PETUGAS)
def monitor(request):
    """Supervisors watch the queue live; officers read it too."""
    return _halaman_monitor(request)


@peran_wajib(PETUGAS)
def monitor_isi(request):
    """Polled every second by every open monitor, like the display."""
    katalog = boleh_ubah_katalog(request.user)
    return _fragmen_bersama(lambda k: monitor_data.fragmen(k, boleh_ubah_katalog=katalog), kantor_kerja(request).pk)


@require_POST
@peran_wajib(SUPERVISOR)
def pengumuman_layar(request):
    form = PengumumanLayarForm(request.POST)
    if not form.is_valid():
        return _halaman_monitor(request, form, status=400)
    # The office the supervisor works in now (a province supervisor: the one
    # chosen at /kantor/), the same one the monitor page showed them.
    services.atur_pengumuman_layar(form.cleaned_data["teks"], request.user, kantor_kerja(request).pk)
    if form.cleaned_data["teks"]:
        messages.success(request, _("Pengumuman tampil di layar antrian."))
    else:
        messages.success(request, _("Pengumuman dihapus dari layar antrian."))
    return redirect("antrian:monitor")


# --- Visit history -----------------------------------------------------------------------------------


def _riwayat(request, bawaan: dict | None = None):
    form = RiwayatFilterForm(request.GET or bawaan, user=request.user)
    return form, form.saring(untuk_petugas(Kunjungan.objects.untuk_riwayat(), request.user))


@peran_wajib(PETUGAS)
def riwayat(request):
    # Opened without a filter: this month's visits, so the summary counts a
    # month rather than every visit ever; clearing the dates shows them all.
    bawaan = None if request.GET else {"dari": timezone.localdate().replace(day=1).isoformat()}
    form, qs = _riwayat(request, bawaan)
    saringan_ditolak(request, form)  # and `saring` lists nothing
    try:
        halaman = halaman_kunci(qs, "tiba_pada", request.GET, PER_HALAMAN)
    except KunciTidakSah:
        messages.warning(request, _("Penanda halaman tidak dikenal; yang tampil kunjungan terbaru."))
        halaman = halaman_kunci(qs, "tiba_pada", {}, PER_HALAMAN)
    query = request.GET.copy()
    query.update(bawaan or {})
    for kunci in ("halaman", LEBIH_LAMA, LEBIH_BARU):
        query.pop(kunci, None)
    konteks = {"form": form, "halaman": halaman, "query": query.urlencode(), "rekap": bukutamu.rekap_kode(qs)}
    return render(request, "antrian/riwayat.html", konteks)


def _menit(selisih) -> float | str:
    # A number, not text: the export keeps numbers as numbers (a "-0.5" string would be neutralised).
    # Halves up (`bulat`), as every other figure: `round` took 0.25 minutes to 0.2.
    return "" if selisih is None else float(bulat(selisih.total_seconds() / 60))


@require_safe
@peran_wajib(PETUGAS)
def riwayat_csv(request):
    form, qs = _riwayat(request)
    if tolak := ekspor_ditolak(form):
        return tolak
    catat_akses_ekspor(request, qs)  # the file names, e-mails and notes every visitor in it
    # The office's code: each office numbers its tickets from B-001, so a file
    # of several offices' visits, or files of two offices, tell them apart by it.
    judul = [
        "kantor", "tiba", "kanal", "layanan", "tiket", "pengunjung", "email", "instansi", "kategori_instansi",
        "pemanfaatan_utama", "jenis_layanan", "sarana", "keperluan", "petugas",
        "hasil", "catatan", "menit_tiba_tiket", "menit_tiket_panggil", "menit_mulai_selesai",
    ]  # fmt: skip

    def baris():
        label = Label()
        for k in qs.iterator(chunk_size=500):
            d, t = k.durasi_langkah(), k.tiket_atau_none
            yield [
                k.kantor.kode,
                timezone.localtime(k.tiba_pada).strftime("%Y-%m-%d %H:%M"),
                label(Kunjungan.kanal.field, k.kanal),
                k.layanan.nama,
                t.kode if t else "",
                k.pengunjung.nama_lengkap,
                k.pengunjung.email,
                k.pengunjung.nama_instansi,
                k.kategori_instansi,
                k.pemanfaatan,
                " ".join(k.jenis_layanan),
                k.sarana,
                k.keperluan,
                k.petugas.nama_lengkap if k.petugas else "",
                label(Kunjungan.hasil.field, k.hasil),
                k.catatan,
                _menit(d["tiba_tiket"]),
                _menit(d["tiket_panggil"]),
                _menit(d["mulai_selesai"]),
            ]

    response = StreamingHttpResponse(aliran_csv(judul, baris()), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="riwayat-kunjungan-{timezone.localdate()}.csv"'
    return amankan(response)


# --- Appointments ------------------------------------------------------------------------------------


@peran_wajib(PETUGAS)
def janji_petugas(request):
    # Requests to decide first, then who is expected; cancellations of today
    # and later stay listed last, so the office sees who will not come.
    qs = (
        untuk_petugas(JanjiTemu.objects, request.user)
        .filter(
            Q(status=StatusJanji.DIAJUKAN)
            | Q(status__in=[StatusJanji.DIKONFIRMASI, StatusJanji.DIBATALKAN], waktu__date__gte=timezone.localdate())
        )
        .select_related("pengunjung", "layanan", "kantor")
    )
    urutan = Case(When(status=StatusJanji.DIAJUKAN, then=0), When(status=StatusJanji.DIKONFIRMASI, then=1), default=2)
    halaman = halaman_diminta(request, qs.order_by(urutan, "waktu", "pk"), PER_HALAMAN)
    sekarang = timezone.now()
    for j in halaman:
        j.bisa_dikonfirmasi = services.bisa_dikonfirmasi(j, sekarang)
    konteks = {
        "halaman": halaman,
        "tolak_form": TolakJanjiForm(),
        # Staff of several offices confirm each office's visitors: each row says where they will come.
        "beberapa_kantor": kantor_terlihat(request.user) is not None,
    }
    return render(request, "antrian/janji_petugas.html", konteks)


@require_POST
@peran_wajib(PETUGAS)
def janji_putuskan(request, pk):
    janji = get_object_or_404(untuk_petugas(JanjiTemu.objects.select_related("pengunjung"), request.user), pk=pk)
    # Which appointment: the list holds many, and the decided one changes place or leaves it.
    siapa = {"nama": janji.pengunjung.nama_lengkap, "waktu": waktu_panjang(janji.waktu)}
    try:
        # A visitor whose account was deactivated after asking receives no more
        # mail: the decision is recorded, and the officer is not told it reached them.
        if request.POST.get("keputusan") == "konfirmasi":
            dikabari = services.konfirmasi_janji(janji, request.user).dikabari
            pesan = (
                _("Janji temu %(nama)s, %(waktu)s, dikonfirmasi; pengunjung diberi tahu lewat e-mail.")
                if dikabari
                else _(
                    "Janji temu %(nama)s, %(waktu)s, dikonfirmasi, tetapi tidak ada e-mail ke pengunjung: "
                    "akunnya sudah tidak aktif."
                )
            )
        else:
            form = TolakJanjiForm(request.POST)
            if not form.is_valid():  # too long, or a NUL a multipart body carries past the middleware
                raise services.AntrianError(_("Alasan penolakan: %(galat)s") % {"galat": form.errors["alasan"][0]})
            dikabari = services.tolak_janji(janji, request.user, form.cleaned_data["alasan"]).dikabari
            pesan = (
                _("Janji temu %(nama)s, %(waktu)s, ditolak; alasan dikirim ke pengunjung lewat e-mail.")
                if dikabari
                else _(
                    "Janji temu %(nama)s, %(waktu)s, ditolak, tetapi tidak ada e-mail ke pengunjung: "
                    "akunnya sudah tidak aktif."
                )
            )
    except services.AntrianError as exc:
        messages.error(request, str(exc))
    else:
        (messages.success if dikabari else messages.warning)(request, pesan % siapa)
    return kembali_ke_daftar(request, "antrian:janji_petugas")


@login_terverifikasi
def janji_baru(request):
    kantor = kantor_kerja(request)
    form = JanjiForm(request.POST or None, kantor_id=kantor.pk)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            janji = services.ajukan_janji(request.user, d["layanan"], d["waktu"], d["keperluan"], kantor_id=kantor.pk)
        except services.AntrianError as exc:
            form.add_error("waktu", str(exc))
        else:
            # The same slot already booked and confirmed (by the desk, or an
            # earlier request): no officer will confirm it again.
            if janji.status == StatusJanji.DIKONFIRMASI:
                messages.success(request, _("Janji temu ini sudah dikonfirmasi; sampai jumpa pada waktunya."))
            else:
                messages.success(request, _("Permintaan janji temu terkirim. Petugas akan mengonfirmasi lewat e-mail."))
            return redirect("antrian:janji_saya")
    return render(
        request, "antrian/janji_baru.html", {"form": form, "jam_layanan": services.teks_jam_layanan(kantor.pk)}
    )


@peran_wajib(RESEPSIONIS)
def janji_meja(request):
    """The receptionist books an appointment for a visitor: search or register them, pick the slot."""
    kantor = kantor_kerja(request)
    form = JanjiMejaForm(request.POST or None, kantor_id=kantor.pk)
    baru = TamuBaruForm(request.POST or None, prefix="baru")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        tamu_sah = d["pengunjung"] or baru.is_valid()
        # The same form sent again for a new visitor: the first sending
        # registered the e-mail, so it is refused as "already registered";
        # looked up after that refusal, the first sending's booking is
        # committed with the account and is shown instead.
        sama = not tamu_sah and services.janji_tamu_baru_sama(
            request.user, kantor.pk, baru["email"].value() or "", d["layanan"], d["waktu"]
        )
        if sama:
            return _janji_meja_tercatat(request, sama)
        if tamu_sah:
            try:
                janji = services.pesan_janji_untuk(
                    request.user,
                    d["layanan"],
                    d["waktu"],
                    d["keperluan"],
                    pengunjung=d["pengunjung"],
                    email_baru="" if d["pengunjung"] else baru.cleaned_data["email"],
                    biodata_baru=None if d["pengunjung"] else baru,
                    kantor_id=kantor.pk,
                )
            except services.AntrianError as exc:
                form.add_error("waktu", str(exc))
            else:
                return _janji_meja_tercatat(request, janji)
    terpilih, baru = _pengunjung_terpilih(form, baru)
    konteks = {
        "form": form,
        "baru": baru,
        "terpilih": terpilih,
        "hasil_awal": [terpilih] if terpilih else [],
        "jam_layanan": services.teks_jam_layanan(kantor.pk),
    }
    return render(request, "antrian/janji_meja.html", konteks)


def _janji_meja_tercatat(request, janji: JanjiTemu):
    # Already confirmed before (the visitor's slot, or the same form sent twice): nothing is sent now.
    pesan = (
        _(
            "Janji temu %(nama)s pada waktu dan layanan itu sudah tercatat dan dikonfirmasi sebelumnya; "
            "tidak ada e-mail baru ke %(email)s."
        )
        if getattr(janji, "sudah_tercatat", False)
        else _("Janji temu %(nama)s tercatat dan dikonfirmasi; konfirmasinya dikirim ke %(email)s.")
    )
    messages.success(request, pesan % {"nama": janji.pengunjung.nama_lengkap, "email": janji.pengunjung.email})
    return redirect("antrian:janji_meja")


@login_terverifikasi
def janji_saya(request):
    janji = (
        JanjiTemu.objects.filter(pengunjung=request.user).select_related("layanan", "kantor").order_by("-waktu", "-pk")
    )
    halaman = halaman_diminta(request, janji, PER_HALAMAN)
    sekarang = timezone.now()
    for j in halaman:
        j.bisa_dibatalkan = services.bisa_dibatalkan(j, sekarang)
    return render(request, "antrian/janji_saya.html", {"halaman": halaman})


@require_POST
@login_terverifikasi
def janji_batal(request, pk):
    """The visitor cancels their own appointment (someone else's is not found)."""
    janji = get_object_or_404(JanjiTemu.objects.filter(pengunjung=request.user), pk=pk)
    form = BatalJanjiForm(request.POST)
    try:
        if not form.is_valid():  # too long, or a NUL a multipart body carries past the middleware
            raise services.AntrianError(_("Alasan pembatalan: %(galat)s") % {"galat": form.errors["alasan"][0]})
        services.batalkan_janji(janji, request.user, form.cleaned_data["alasan"])
    except services.AntrianError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Janji temu dibatalkan; petugas PST sudah diberi tahu."))
    return redirect("antrian:janji_saya")


# --- Online guest book ----------------------------------------------------------------------------------


@login_terverifikasi
def buku_tamu(request):
    """A logged-in visitor's online guest-book entry, prefilled from the profile."""
    biodata = BiodataForm(request.POST or None, instance=request.user)
    form = BukuTamuOnlineForm(request.POST or None)
    isian = IsianBukuTamuForm(request.POST or None, sarana_tetap=Sarana.ONLINE)
    lanjut = alamat_lanjut(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.method == "POST" and all([form.is_valid(), isian.is_valid(), biodata.is_valid()]):
        biodata.save()
        d = form.cleaned_data
        k = services.isi_buku_tamu_online(
            request.user, d["layanan"], d["keperluan"], isian.isian(), kantor_id=kantor_kerja(request).pk
        )
        if getattr(k, "diulang", False):
            pesan = _(
                "Kunjungan online Anda hari ini sudah tercatat di buku tamu PST; isian ini memperbaruinya. "
                "Buku tamu mencatat satu kunjungan online per hari."
            )
        else:
            pesan = _("Terima kasih, kunjungan online Anda tercatat di buku tamu PST.")
        messages.success(request, pesan)
        return redirect(lanjut or "antrian:buku_tamu")
    kunjungan = Kunjungan.objects.filter(pengunjung=request.user).select_related("layanan")[:10]
    return render(
        request,
        "antrian/buku_tamu.html",
        {"form": form, "isian": isian, "biodata": biodata, "lanjut": lanjut, "kunjungan": kunjungan},
    )
