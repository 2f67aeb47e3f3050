"""Roles of the SOP as Django groups, and the one way views require them.

Visitors (*pengguna layanan*) belong to no group. A Supervisor may do all a
Petugas Layanan may do. Group permissions are kept in `IZIN_PERAN` and synced
after every migrate, so a new model's permissions reach the roles without a
hand edit in the admin.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import DisallowedHost, PermissionDenied
from django.db.models import CharField, F, IntegerField, Value
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_htmx.http import HttpResponseClientRefresh

from pst_layanan.models import Kantor

RESEPSIONIS = "Resepsionis"
PETUGAS = "Petugas Layanan"
SUPERVISOR = "Supervisor"
# The treasurer (bendahara penerimaan): reconciles the PNBP billed, paid,
# voided and refunded; reads invoices and proofs, serves no visitor.
BENDAHARA = "Bendahara"
# The province supervisor: a supervisor of every office at once (the province
# view and each office's pages); other roles see only their offices.
PENGAWAS_PROVINSI = "Pengawas Provinsi"
SEMUA_PERAN = (RESEPSIONIS, PETUGAS, SUPERVISOR, BENDAHARA, PENGAWAS_PROVINSI)
# The roles that serve visitors at the desk and online.
PERAN_LAYANAN = (RESEPSIONIS, PETUGAS, SUPERVISOR)

# Roles that include another role's rights.
_TERMASUK = {SUPERVISOR: {PETUGAS, BENDAHARA}, PENGAWAS_PROVINSI: {SUPERVISOR, PETUGAS, BENDAHARA}}

# Model permissions per role, as "app_label.codename" patterns: "app.*" means
# every permission of the app, "app.view_*" every view permission.
#
# Least privilege: receptionists and officers work through the site's pages
# (which check roles, not model permissions); the admin gives them reading,
# plus the few corrections their job needs. Services, counters, the
# catalogue and tariffs, the office, the calendar, accounts and the outbox
# (which holds other people's mail) are the supervisor's. The table of what
# each role can see and change in the admin is tests/inti/test_hak_admin.py.
IZIN_PERAN = {
    RESEPSIONIS: ["antrian.view_layanan", "antrian.view_loket", "antrian.view_tiket", "antrian.view_janjitemu"],
    PETUGAS: [
        "antrian.view_*",
        "antrian.change_kunjungan",
        "antrian.change_janjitemu",
        "transaksi.view_*",
        "penilaian.view_penilaian",
        "pst_layanan.view_pengguna",
        "pst_layanan.view_harikantor",
    ],
    SUPERVISOR: [
        "antrian.*",
        "transaksi.*",
        "penilaian.*",
        "pst_layanan.*",
        "django_celery_beat.view_*",
        "axes.view_*",
        "axes.delete_*",
    ],
    BENDAHARA: [
        "transaksi.view_tagihan",
        "transaksi.view_buktibayar",
        "transaksi.view_kuitansi",
        "transaksi.view_pengembalian",
    ],
}


# The province supervisor has a supervisor's rights, in every office, and
# changes the job schedules, which run for every office at once: a schedule
# row names any task with any arguments, more than one office's business.
IZIN_PERAN[PENGAWAS_PROVINSI] = [*IZIN_PERAN[SUPERVISOR], "django_celery_beat.*"]


def peran_pengguna(user) -> frozenset[str]:
    """The user's roles, including implied ones; cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_peran_cache", None)
    if cached is None:
        nama = set(SEMUA_PERAN) if user.is_superuser else _peran_dan_kantor(user)
        for peran in list(nama):
            nama |= _TERMASUK.get(peran, set())
        cached = frozenset(nama)
        user._peran_cache = cached
    return cached


def _peran_dan_kantor(user) -> set[str]:
    """The user's groups, reading their offices in the same query (every
    officer page needs both): the offices are left on the user for
    `pst_layanan.kantor.kantor_petugas`."""
    grup = user.groups.order_by().annotate(_n=F("name"), _k=Value(None, IntegerField())).values_list("_n", "_k")
    kantor = (
        Kantor.objects.filter(pegawai=user)
        .order_by()
        .annotate(_n=Value("", CharField()), _k=F("pk"))
        .values_list("_n", "_k")
    )
    nama, ids = set(), set()
    for n, k in grup.union(kantor, all=True):
        if k is None:
            nama.add(n)
        else:
            ids.add(k)
    user._kantor_ditugaskan = frozenset(ids)
    return nama


# Where each role starts its working day after login, most senior first: URL
# names only, so this core module names no view of a later app.
HALAMAN_KERJA = (
    (PENGAWAS_PROVINSI, "penilaian:provinsi", gettext_lazy("Dasbor provinsi")),
    (SUPERVISOR, "antrian:monitor", gettext_lazy("Monitor antrian")),
    (SUPERVISOR, "penilaian:dasbor", gettext_lazy("Dasbor mutu layanan")),
    (PETUGAS, "transaksi:tenggat", gettext_lazy("Daftar kerja dan tenggat")),
    (RESEPSIONIS, "antrian:meja", gettext_lazy("Meja resepsionis")),
    (BENDAHARA, "transaksi:rekonsiliasi", gettext_lazy("Rekonsiliasi PNBP")),
)
HALAMAN_PENGUNJUNG = "transaksi:saya"

# The navigation bar's menu of each role, in the bar's order; a signed-in
# visitor (no role) gets MENU_PENGUNJUNG. A supervisor holds the officer's and
# the treasurer's roles too, so sees the officer's menu beside its own.
MENU_PERAN = (
    (RESEPSIONIS, "_nav_resepsionis.html"),
    (PETUGAS, "_nav_petugas.html"),
    (SUPERVISOR, "_nav_supervisor.html"),
    (PENGAWAS_PROVINSI, "_nav_pengawas_provinsi.html"),
    (BENDAHARA, "_nav_bendahara.html"),
)
MENU_PENGUNJUNG = "_nav_pengunjung.html"
# A role whose menu holds another's: the supervisor's dropdown lists the
# treasurer's links, so a supervisor's bar does not add them as links, which
# wrapped it onto two rows; the province supervisor's is that dropdown with its
# own dashboard in it (as a link of its own the bar wrapped again).
MENU_TERCAKUP = {SUPERVISOR: BENDAHARA, PENGAWAS_PROVINSI: SUPERVISOR}


def halaman_kerja(user) -> list[tuple[str, str]]:
    """(URL name, label) of each working page the user's roles open, most senior first."""
    peran = peran_pengguna(user)
    return [(url, label) for p, url, label in HALAMAN_KERJA if p in peran]


def menu_navigasi(user, peran: frozenset[str]) -> list[str]:
    """The templates of the navigation menus this user sees (see MENU_PERAN, MENU_TERCAKUP)."""
    if not user.is_authenticated:
        return []
    if not peran:
        return [MENU_PENGUNJUNG]
    tercakup = {MENU_TERCAKUP.get(p) for p in peran}
    return [menu for p, menu in MENU_PERAN if p in peran and p not in tercakup]


def halaman_awal(user) -> str:
    """The URL name a user lands on after login: their first working page, or a visitor's transactions."""
    kerja = halaman_kerja(user)
    return kerja[0][0] if kerja else HALAMAN_PENGUNJUNG


def peran_mencakup(peran: str) -> tuple[str, ...]:
    """The roles that give `peran`'s rights: itself and those that include it
    (`_TERMASUK`), for a query over groups ("who may still do an officer's work")."""
    return (peran, *sorted(p for p, isi in _TERMASUK.items() if peran in isi))


def punya_peran(user, *peran: str) -> bool:
    return bool(peran_pengguna(user) & set(peran))


def adalah_petugas(user) -> bool:
    """Receptionist, officer or supervisor: anyone serving visitors."""
    return punya_peran(user, *PERAN_LAYANAN)


def alamat_situs_ini(request, alamat: str) -> bool:
    """`alamat` (a `next` or a Referer) is a page of this site, reached as
    securely as this request: on the HTTPS site an http:// address of the
    same host is refused, it would send the visitor on over plain HTTP."""
    return url_has_allowed_host_and_scheme(
        alamat, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def alamat_lanjut(request, alamat: str) -> str:
    """A form's `next`: a page of this site (`alamat_situs_ini`) given by its
    path or full address, that can be opened (`hanya_formulir`), else "". A
    bare word ("-1", "x") is neither: passed to `redirect()` it is looked up
    as a URL name and fails with a 500."""
    if not alamat.startswith("/") and not urlsplit(alamat).scheme:
        return ""
    return alamat if alamat_situs_ini(request, alamat) and not hanya_formulir(alamat) else ""


def hanya_formulir(alamat: str) -> bool:
    """Whether the site's address `alamat` takes only a form (the logout): a
    `next` sent there after a login or a choice would be opened as a page and
    answer 405. Read from the class-based view the address resolves to (its
    public `http_method_names`); a function view's button actions are not
    links anyone is given, and Django keeps their methods out of reach."""
    try:
        view = resolve(urlsplit(alamat).path).func
    except Resolver404:
        return False
    kelas = getattr(view, "view_class", None)
    return kelas is not None and ("get" not in kelas.http_method_names or not hasattr(kelas, "get"))


def halaman_kembali(request) -> str:
    """The page to come back to after a detour (logging in, switching language):
    this page for a GET; for a form's answer (a form sent after the session
    ended, or shown again with its mistakes), the page the form was on, since
    a redirect cannot send the form again and its address answers only POST.
    "" when there is no same-site page to go back to (a path starting "//"
    names another site in a link)."""
    asal = request.get_full_path() if request.method in ("GET", "HEAD") else request.headers.get("Referer", "")
    try:
        if not alamat_situs_ini(request, asal):
            return ""
    except DisallowedHost:  # the error page of a request for a host name the site does not serve
        return ""
    bagian = urlsplit(asal)
    jalur = f"{bagian.path}?{bagian.query}" if bagian.query else bagian.path
    # A full address of this host whose path starts "//" (or "/\\") names
    # another site once cut down to its path.
    return jalur if alamat_situs_ini(request, jalur) else ""


# The page an unverified visitor was held from, to go back to once the
# e-mailed link is followed in this session (`views.verifikasi`).
KUNCI_SETELAH_VERIFIKASI = "setelah_verifikasi"


def login_terverifikasi(view):
    """A private page: logged in, with a verified e-mail address."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if getattr(request, "htmx", False) and not (user.is_authenticated and user.email_terverifikasi):
            # A part of a page that refreshes itself (the queue beside the
            # desk, the monitor): the whole page is loaded again and goes to
            # the login from there, never the login page inside the part.
            return HttpResponseClientRefresh()
        if not user.is_authenticated:
            if request.method == "POST":
                # The login cannot send the form again: what was typed is lost
                # unless the visitor knows to send it once more.
                messages.warning(
                    request,
                    _(
                        "Isian yang Anda kirim belum tersimpan karena Anda belum masuk atau sesi Anda telah "
                        "berakhir. Masuk, lalu kirim ulang isian itu."
                    ),
                )
            else:
                messages.info(request, _("Silakan masuk terlebih dahulu untuk membuka halaman tersebut."))
            return redirect_to_login(halaman_kembali(request))
        if not user.email_terverifikasi:
            request.session[KUNCI_SETELAH_VERIFIKASI] = halaman_kembali(request)
            messages.warning(
                request,
                _("Verifikasi alamat e-mail Anda terlebih dahulu. Tautan verifikasi telah dikirim ke e-mail Anda."),
            )
            return redirect("akun:belum_verifikasi")
        return view(request, *args, **kwargs)

    return wrapper


def peran_wajib(*peran: str):
    """Restrict a view to users holding one of `peran` (403 otherwise)."""

    def decorator(view):
        @wraps(view)
        @login_terverifikasi
        def wrapper(request, *args, **kwargs):
            if not punya_peran(request.user, *peran):
                raise PermissionDenied(_("Halaman ini hanya untuk petugas dengan peran yang sesuai."))
            return view(request, *args, **kwargs)

        wrapper.peran_wajib = peran
        return wrapper

    return decorator


def sinkron_izin_peran(**kwargs) -> None:
    """post_migrate hook: create the groups and give them IZIN_PERAN."""
    semua = list(Permission.objects.select_related("content_type"))
    for nama, pola in IZIN_PERAN.items():
        group, _ = Group.objects.get_or_create(name=nama)
        dipilih = [p for p in semua if any(_cocok(p, x) for x in pola)]
        group.permissions.set(dipilih)


def _cocok(permission, pola: str) -> bool:
    app, _, kode = pola.partition(".")
    if permission.content_type.app_label != app:
        return False
    if kode == "*":
        return True
    if kode.endswith("*"):
        return permission.codename.startswith(kode[:-1])
    return permission.codename == kode


def email_peran(*peran: str) -> list[str]:
    """The addresses of the active users holding one of `peran`, each once,
    in order. Per office: `pst_layanan.kantor.email_per_kantor`."""
    qs = get_user_model().objects.filter(is_active=True, groups__name__in=peran).exclude(email="")
    return list(qs.values_list("email", flat=True).distinct().order_by("email"))


def email_supervisor() -> list[str]:
    """The active supervisors and province supervisors (operator alerts). An
    office's escalations and monthly report go to its own supervisors."""
    return email_peran(SUPERVISOR, PENGAWAS_PROVINSI)
