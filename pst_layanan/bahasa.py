"""Who reads which language.

- A visitor who is not logged in reads the language of the switcher's cookie,
  else the browser's (`Accept-Language`), else Indonesian: Django's
  LocaleMiddleware.
- A logged-in person reads their profile's language (`Pengguna.bahasa`):
  `BahasaPenggunaMiddleware`. The first login stores the language the page
  was read in when none is stored (`isi_bahasa_kosong`), so a preference
  exists before anyone sets it by hand. A request for a new password from an
  account with none writes that one e-mail in the page's language
  (`bahasa_halaman`) and stores nothing: anyone may ask for it.
- Logging out leaves the language read so far in the cookie
  (`tetap_di_perangkat`).
- A page opened from an e-mailed link, once its token proved valid, is read
  in the account's language, like the e-mail (`dalam_bahasa_pemilik`).
- The switcher (`ganti_bahasa`, POST /bahasa/) sets the cookie and, when logged
  in, the profile — except on a shared screen (the desk's tablets, the
  waiting-room display: `bahasa_perangkat`), which reads its own cookie.
- E-mails are rendered in each recipient's language (`bahasa_penerima`), PDFs in
  the requester's (`transaksi` and `antrian` render them with `override`).
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from pst_layanan.models import Pengguna


def kode_bahasa() -> tuple[str, ...]:
    return tuple(kode for kode, _nama in settings.LANGUAGES)


def bahasa_sah(kode: str | None) -> str:
    """A supported language code, else the office's (Indonesian)."""
    kode = (kode or "").split("-")[0].lower()
    return kode if kode in kode_bahasa() else settings.LANGUAGE_CODE


def bahasa_kantor() -> translation.override:
    """The office's language, for records written whoever acts (a
    transaction's history): amounts, dates and catalogue names in them read
    like the Indonesian sentence around them, not in the actor's language."""
    return translation.override(settings.LANGUAGE_CODE)


def bahasa_pengguna(user) -> str:
    """The language e-mails and PDFs for `user` are written in."""
    return bahasa_sah(getattr(user, "bahasa", "") or "")


def bahasa_penerima(alamat: list[str]) -> dict[str, str | None]:
    """E-mail address → language, for the addresses that belong to an account
    (matched without regard to case, as logins are); others are absent. A
    closed account's address (deactivated or erased) maps to None: it reads
    no more mail (`pst_layanan.notifikasi.susun_surel` drops it), and the one
    query that finds the language finds that too."""
    if not alamat:
        return {}
    kecil = {a.lower(): a for a in alamat}
    baris = Pengguna.objects.filter(email__in=list(kecil)).values_list("email", "bahasa", "is_active")
    return {
        kecil[email.lower()]: bahasa_sah(bahasa) if aktif else None
        for email, bahasa, aktif in baris
        if bahasa or not aktif
    }


class BahasaPenggunaMiddleware:
    """Activates the profile's language for a logged-in person (after
    LocaleMiddleware, which chose from the cookie and the browser)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.bahasa:
            request.LANGUAGE_CODE = bahasa_sah(user.bahasa)
            translation.activate(request.LANGUAGE_CODE)
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="pst_bahasa_saat_masuk")
def simpan_bahasa_saat_masuk(sender, request, user, **kwargs):
    """The first login keeps the language the person has been reading in."""
    if request is not None:
        isi_bahasa_kosong(request, user)


def bahasa_halaman(request) -> str:
    """The language of the page `request` was sent from."""
    return bahasa_sah(getattr(request, "LANGUAGE_CODE", None) or translation.get_language_from_request(request))


def isi_bahasa_kosong(request, user) -> None:
    """At the first login, an account with no language yet (a walk-in
    registered before the desk recorded one, staff created in the back
    office) takes the language of the page it logged in from. A language
    already stored (chosen, or recorded at sign-up or the desk) stays."""
    if getattr(user, "bahasa", None) != "":
        return
    user.bahasa = bahasa_halaman(request)
    get_user_model().objects.filter(pk=user.pk).update(bahasa=user.bahasa)


def tetap_di_perangkat(request, response):
    """The device keeps the language the person was reading (the cookie the
    switcher sets). Logging out ends the profile's say: the page after it,
    with its notice that the session is over, is not in the browser's
    language instead, and the next person finds the screen as it was left."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        request.LANGUAGE_CODE,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def dalam_bahasa_pemilik(request, user, jawab):
    """The page of an e-mailed link (`jawab()`), called only once its token
    proved valid so a forged link learns no account's language, is read in
    the language the e-mail was written in, the account's, not the browser's
    (the office's computer, a campus's); the device keeps it for the login
    page that follows. Not while someone is logged in (their profile speaks),
    for an account with no language yet, nor when the page comes back from
    its own switcher: then the person has chosen."""
    if request.user.is_authenticated or not user.bahasa or _dari_halaman_ini(request):
        return jawab()
    request.LANGUAGE_CODE = bahasa_pengguna(user)
    translation.activate(request.LANGUAGE_CODE)
    return tetap_di_perangkat(request, jawab())


def _dari_halaman_ini(request) -> bool:
    return urlsplit(request.headers.get("Referer", "")).path == request.path


def bahasa_perangkat(view):
    """A shared screen (the desk's arrival and rating tablets, the waiting-room
    display) speaks the language chosen on it — its cookie, else the browser's
    — not that of the officer logged in on it, and its switcher leaves their
    profile alone (`perangkat` in `_ganti_bahasa.html`)."""

    @functools.wraps(view)
    def tampil(request, *args, **kwargs):
        request.LANGUAGE_CODE = translation.get_language_from_request(request)
        translation.activate(request.LANGUAGE_CODE)
        return view(request, *args, **kwargs)

    return tampil


@require_POST
def ganti_bahasa(request):
    """The switcher: Django's `set_language` (cookie, safe `next` redirect), and
    the profile too when someone is logged in, so e-mails follow the choice —
    unless it was pressed on a shared screen (`bahasa_perangkat`): a visitor's
    English on the desk tablet is not the receptionist's."""
    kode = request.POST.get("language", "")
    if kode not in kode_bahasa():
        # Django would keep any language it has a catalogue for; only ours are offered.
        request.POST = request.POST.copy()
        request.POST.pop("language", None)
    response = set_language(request)
    if kode in kode_bahasa() and request.user.is_authenticated and not request.POST.get("perangkat"):
        get_user_model().objects.filter(pk=request.user.pk).update(bahasa=kode)
    return response
