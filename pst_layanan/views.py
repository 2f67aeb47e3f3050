import functools
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from pst_layanan import akun, bahasa, data_pribadi, penguncian
from pst_layanan.admin import email_akun_tersembunyi
from pst_layanan.berkas import amankan
from pst_layanan.forms import (
    AturSandiForm,
    BiodataForm,
    DaftarForm,
    HapusAkunForm,
    LupaSandiForm,
    MasukForm,
    UbahSandiForm,
)
from pst_layanan.halaman import halaman_diminta
from pst_layanan.kantor import KUNCI_SESI, kantor_pilihan
from pst_layanan.models import Pengguna
from pst_layanan.pembatas import batasi, jatah_masuk
from pst_layanan.roles import (
    KUNCI_SETELAH_VERIFIKASI,
    PETUGAS,
    alamat_lanjut,
    halaman_awal,
    hanya_formulir,
    login_terverifikasi,
    peran_wajib,
)

PER_HALAMAN_KUNCIAN = 50


def beranda(request):
    return render(request, "beranda.html")


def privasi(request):
    return render(request, "privasi.html")


def favicon(request):
    # Pages name their icon; a PDF or image opened inline has no page to name
    # it, so the browser asks /favicon.ico. Not permanent: the static file's
    # name carries its hash, which changes with the icon.
    return redirect(static("img/favicon.svg"))


def pilih_kantor(request):
    """Which office's PST the visitor uses (queue, guest book, appointments,
    new transactions), kept in the session, among the offices that serve PST;
    staff (any role, as `kantor_kerja` reads it) choose among the offices they
    work for (`kantor_pilihan`). Without a choice: the provincial office."""
    daftar = kantor_pilihan(request.user)
    if request.method == "POST":
        kode = request.POST.get("kantor", "")
        terpilih = next((k for k in daftar if k.kode == kode), None)
        if terpilih is None:
            messages.error(request, _("Pilih salah satu kantor dari daftar."))
            lanjut = request.POST.get("next", "")  # kept, so a corrected choice still returns there
            return render(request, "pilih_kantor.html", {"daftar": daftar, "lanjut": lanjut}, status=400)
        request.session[KUNCI_SESI] = terpilih.pk
        messages.success(request, _("Anda sekarang dilayani oleh %(kantor)s.") % {"kantor": terpilih.nama})
        return redirect(alamat_lanjut(request, request.POST.get("next", "")) or "beranda")
    return render(request, "pilih_kantor.html", {"daftar": daftar, "lanjut": request.GET.get("next", "")})


@batasi("daftar", email="email")
def daftar(request):
    if request.user.is_authenticated:
        return redirect("beranda")
    form = DaftarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The language the sign-up page was read in writes the account's e-mails.
        form.instance.bahasa = request.LANGUAGE_CODE
        akun.daftar(form)
        # The same words and the same redirect whether the address was new or
        # taken: what happened is told only to the mailbox.
        messages.success(
            request,
            _(
                "Terima kasih. Kami mengirim e-mail ke %(email)s berisi langkah berikutnya. "
                "Buka e-mail itu (periksa juga folder spam), lalu masuk di sini."
            )
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("login")
    return render(request, "akun/daftar.html", {"form": form})


def _akun_lain_masuk(request, pemilik) -> bool:
    """An e-mailed link of `pemilik` opened where someone else is logged in (a
    shared office computer): what it did is told as theirs, naming the
    address, not as "yours" on the other person's pages."""
    return request.user.is_authenticated and request.user.pk != pemilik.pk


# Opened without logging in, and its page names the account's address: kept
# by no cache, like Django's own set-password link page.
@never_cache
def verifikasi(request, token):
    """The link in the verification e-mail. Opening it (a GET) only shows a
    button; its POST verifies: a mail scanner that fetches every link in an
    e-mail must not verify an address nobody has read."""
    data = akun.baca_token_verifikasi(token)
    # A closed account's link verifies nothing: the login it leads to refuses it.
    user = data and Pengguna.objects.filter(pk=data["id"], email=data["email"], is_active=True).first()
    if not user:
        if request.user.is_authenticated and request.user.email_terverifikasi:
            # No resend button for a verified account (its page would send
            # them home): the link was their old one, or another account's.
            messages.error(
                request,
                _(
                    "Tautan verifikasi tidak sah atau sudah kedaluwarsa. E-mail akun yang sedang masuk "
                    "(%(email)s) sudah terverifikasi. Bila tautan itu untuk akun lain, keluar, lalu masuk "
                    "dengan akun itu untuk meminta tautan baru."
                )
                % {"email": request.user.email},
            )
            return redirect("beranda")
        if request.user.is_authenticated:
            messages.error(request, _("Tautan verifikasi tidak sah atau sudah kedaluwarsa. Minta tautan baru."))
            return redirect("akun:belum_verifikasi")
        # The resend button is behind the login: say so on the login page.
        messages.error(
            request,
            _(
                "Tautan verifikasi tidak sah atau sudah kedaluwarsa. "
                "Masuk dengan e-mail dan kata sandi Anda untuk meminta tautan baru."
            ),
        )
        return redirect("login")
    return bahasa.dalam_bahasa_pemilik(request, user, functools.partial(_verifikasi_sah, request, user))


def _verifikasi_sah(request, user):
    """What a valid verification link does: the button, then its answer."""
    if not user.email_terverifikasi:
        if request.method != "POST":
            return render(request, "akun/verifikasi.html", {"pemilik": user})
        user.email_terverifikasi = True
        user.save(update_fields=["email_terverifikasi"])
    if _akun_lain_masuk(request, user):
        messages.success(
            request,
            _(
                "E-mail %(email)s telah terverifikasi. Anda sedang masuk dengan akun lain: "
                "keluar, lalu masuk dengan %(email)s."
            )
            % {"email": user.email},
        )
        return redirect("beranda")
    messages.success(request, _("E-mail Anda telah terverifikasi. Terima kasih."))
    if not request.user.is_authenticated:
        return redirect("login")
    return redirect(alamat_lanjut(request, request.session.pop(KUNCI_SETELAH_VERIFIKASI, "")) or "akun:profil")


@login_required
def belum_verifikasi(request):
    if request.user.email_terverifikasi:
        return redirect("beranda")
    return render(request, "akun/belum_verifikasi.html")


@require_POST
@login_required
@batasi("verifikasi_ulang", email=lambda request: request.user.email)
def kirim_ulang_verifikasi(request):
    if not request.user.email_terverifikasi:
        akun.kirim_verifikasi(request.user)
        messages.success(request, _("Tautan verifikasi baru dikirim ke %(email)s.") % {"email": request.user.email})
    return redirect("akun:belum_verifikasi")


@login_terverifikasi
def profil(request):
    form = BiodataForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Biodata Anda telah disimpan."))
        return redirect("akun:profil")
    return render(
        request, "akun/profil.html", {"form": form, "boleh_dihapus": data_pribadi.boleh_dihapus_sendiri(request.user)}
    )


# Both login forms (this one and the back office's, `urls.py`) count in one
# limit, and hold their guesses to the failures the lockout still allows. A
# login that succeeds leaves its address's count (an office's staff share one);
# it still counts for its e-mail, so a 429 there tells nothing of the password.
def batasi_masuk(view):
    return batasi(
        "masuk",
        email="username",
        batas_email="BATAS_MASUK_PER_EMAIL",
        bebas_alamat=lambda request: request.user.is_authenticated,
    )(jatah_masuk(view))


@method_decorator(batasi_masuk, name="dispatch")
class MasukView(auth_views.LoginView):
    form_class = MasukForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        # Each role lands on its own work (a `next` address still wins).
        return reverse(halaman_awal(self.request.user))

    def get_redirect_url(self):
        # A `next` back to this page (an old tab, a crafted link) would send
        # someone logged in round in a loop, which Django answers with an
        # error; one to an address that only takes a form (the logout) would
        # open a 405 page: their own work instead.
        lanjut = super().get_redirect_url()
        if lanjut and (urlsplit(lanjut).path == self.request.path or hanya_formulir(lanjut)):
            return ""
        return lanjut


class KeluarView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        masuk = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if masuk:
            # The home page looks the same logged out; on a shared computer the
            # visitor needs to read that the session is over.
            messages.success(request, _("Anda telah keluar."))
            bahasa.tetap_di_perangkat(request, response)
        return response


class _HalamanSandi:
    """The password pages (set, change, forgotten) share one template; each
    names its title and button in `extra_context`."""

    template_name = "registration/sandi.html"


class AturSandiView(_HalamanSandi, auth_views.PasswordResetConfirmView):
    form_class = AturSandiForm
    extra_context = {"judul": gettext_lazy("Atur kata sandi"), "tombol": gettext_lazy("Simpan kata sandi")}
    success_url = reverse_lazy("login")
    post_reset_login = False

    def get_user(self, uidb64):
        # Django finds a closed (inactive) account too: a link e-mailed before
        # it was closed would set a password the login then refuses.
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def get(self, request, *args, **kwargs):
        # Reached only with a valid link (Django's dispatch checked its token).
        return bahasa.dalam_bahasa_pemilik(request, self.user, functools.partial(super().get, request, *args, **kwargs))

    def form_valid(self, form):
        penguncian.buka_kunci_akun(self.user)
        if _akun_lain_masuk(self.request, self.user):
            messages.success(
                self.request,
                _(
                    "Kata sandi untuk %(email)s telah disimpan. Anda sedang masuk dengan akun lain: "
                    "keluar, lalu masuk dengan %(email)s."
                )
                % {"email": self.user.email},
            )
        else:
            messages.success(self.request, _("Kata sandi telah disimpan. Silakan masuk."))
        return super().form_valid(form)

    def get_success_url(self):
        # The login page would send the person logged in on to their own pages.
        return reverse("beranda") if _akun_lain_masuk(self.request, self.user) else super().get_success_url()


class UbahSandiView(_HalamanSandi, auth_views.PasswordChangeView):
    form_class = UbahSandiForm
    extra_context = {"judul": gettext_lazy("Ubah kata sandi"), "tombol": gettext_lazy("Simpan")}
    success_url = reverse_lazy("akun:profil")

    def form_valid(self, form):
        # The profile page it returns to shows no sign of the change by itself.
        messages.success(self.request, _("Kata sandi Anda telah diubah."))
        return super().form_valid(form)


# Seconds a valid reset request is answered in, found or not (well above the
# work of queuing the e-mail).
WAKTU_JAWAB_LUPA_SANDI = 0.3


@method_decorator(batasi("lupa_sandi", email="email"), name="dispatch")
class LupaSandiView(_HalamanSandi, auth_views.PasswordResetView):
    form_class = LupaSandiForm
    extra_context = {"judul": gettext_lazy("Lupa kata sandi"), "tombol": gettext_lazy("Kirim tautan")}
    success_url = reverse_lazy("akun:lupa_sandi_terkirim")

    def form_valid(self, form):
        # Send through the outbox, with the link made at sending time.
        form.send_mail = functools.partial(_kirim_reset_lewat_outbox, self.request)
        mulai = time.monotonic()
        response = super().form_valid(form)
        # Writing the e-mail for an account took ~30 ms an unknown address did
        # not: the answer is held to one length so its timing names no account.
        time.sleep(max(0.0, mulai + WAKTU_JAWAB_LUPA_SANDI - time.monotonic()))
        return response


def _kirim_reset_lewat_outbox(request, subject_template_name, email_template_name, context, *args, **kwargs):
    """PasswordResetForm.send_mail's signature after `request`; Django's own
    token is not used."""
    akun.kirim_reset_sandi(context["user"], bahasa.bahasa_halaman(request))


# The download and the erasure wait for the e-mailed link, like every private
# page: anyone can sign up with another person's address, and the desk finds
# that account by the address and records the owner's visits on it.
@login_terverifikasi
def data_saya(request):
    """The visitor's own personal data as a JSON download (UU 27/2022)."""
    data = data_pribadi.ekspor(request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    nama = f"data-saya-pst-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return amankan(response)


HAPUS_OLEH_SUPERVISOR = gettext_lazy("Akun petugas tidak dapat dihapus sendiri. Hubungi supervisor PST.")


@login_terverifikasi
def hapus_akun(request):
    if not data_pribadi.boleh_dihapus_sendiri(request.user):
        messages.error(request, HAPUS_OLEH_SUPERVISOR)
        return redirect("akun:profil")
    form = HapusAkunForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data_pribadi.anonimkan(request.user)
        logout(request)
        messages.success(
            request, _("Data pribadi Anda telah dihapus dan akun ditutup. Terima kasih telah menggunakan PST.")
        )
        return redirect("beranda")
    return render(request, "akun/hapus.html", {"form": form, "akibat": data_pribadi.akibat(request.user)})


@peran_wajib(PETUGAS)
def kuncian(request):
    """Officers see the login locks in force and can lift one: those of the
    people their account list finds and of addresses, as in the back office."""
    konteks = {
        "halaman": halaman_diminta(
            request, penguncian.daftar_kuncian(email_akun_tersembunyi(request)), PER_HALAMAN_KUNCIAN
        ),
        "menit": int(penguncian.masa_kunci().total_seconds() // 60),
        "batas": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "akun/kuncian.html", konteks)


@require_POST
@peran_wajib(PETUGAS)
def buka_kunci(request):
    username, ip = request.POST.get("username", "").strip(), request.POST.get("ip_address", "").strip()
    if "\x00" in username or (ip and not penguncian.alamat_sah(ip)):
        # Not a lock this page listed (a crafted form): nothing to lift, and no database error.
        username, ip = "", ""
    if penguncian.buka_kunci(username=username, ip_address=ip, tersembunyi=email_akun_tersembunyi(request)):
        messages.success(request, _("Kunci masuk untuk %(siapa)s telah dibuka.") % {"siapa": username or ip})
    else:
        messages.info(request, _("Tidak ada kunci aktif untuk %(siapa)s.") % {"siapa": username or ip or _("data itu")})
    return redirect("akun:kuncian")
