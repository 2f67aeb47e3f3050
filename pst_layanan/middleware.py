"""Request/response guards that hold for every page.

Content-Security-Policy: only our own scripts, styles, fonts and images.
Pages use no inline script; htmx is configured (in base.html's meta tag) not
to inject inline styles, so 'unsafe-inline' is not needed for scripts.
"""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django_htmx.http import HttpResponseClientRefresh

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response


class HalamanPribadiMiddleware:
    """Every answer to someone logged in is theirs alone (their transactions,
    a visitor's record on an officer's screen): no shared proxy may keep it,
    and after logging out on a shared computer (the kiosk, the front desk) the
    back button asks the site again rather than showing it from the cache.
    An answer that set its own caching (a private file) keeps it. The user
    is read for every request anyway (the language middleware below), so
    asking costs no query of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


class TolakKarakterNulMiddleware:
    """Refuse a request whose path or plain form data holds a NUL character.

    PostgreSQL can neither store nor compare it: form fields already refuse
    it, but a value read by hand (a search box, a path segment) would reach
    the database and answer 500. Multipart bodies are left to the forms, so
    large uploads are not parsed here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._ada_nul(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)

    @staticmethod
    def _ada_nul(request) -> bool:
        data = [request.GET]
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            data.append(request.POST)
        return "\x00" in request.path or any(
            "\x00" in kunci or any("\x00" in v for v in nilai) for d in data for kunci, nilai in d.lists()
        )


class HalamanMetodeTidakSahMiddleware:
    """An address that only takes a form, opened as a page (a bookmark, the
    browser's history, a reload): Django answers 405 with an empty body, a
    blank page. A browser gets a page saying what happened and the way back;
    the status and its Allow header stay for anything else that reads them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.method != "GET":
            return response
        halaman = render(request, "405.html", status=405)
        halaman["Allow"] = response["Allow"]
        return halaman


class BagianDitolakMiddleware:
    """A part of a page that refreshes itself (the counter's and the desk's
    queue, the monitor) refused to its user: their role was taken away, or
    their office changed, since the page was loaded. htmx swaps in no refusal,
    so the part would stand still showing what it last showed, with no sign
    why; the whole page is loaded again instead, and says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (403, 404) and request.method == "GET" and getattr(request, "htmx", False):
            return HttpResponseClientRefresh()
        return response
