"""Every HTML page carries the strict Content-Security-Policy, and our pages
contain nothing it would block (inline scripts, inline styles, on* handlers)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pst_layanan.middleware import CSP

pytestmark = pytest.mark.django_db

# What the CSP blocks: <script> without src (json_script data is fine), <style>
# blocks, style="" and onclick="" attributes.
INLINE = re.compile(
    r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>\s*\S|<style[\s>]|\sstyle=|\son[a-z]+\s*=",
    re.IGNORECASE,
)


def url_tanpa_parameter(patterns=None, awalan=""):
    """Every URL of the site that takes no argument, from the URL configuration."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        rute = str(p.pattern)
        if "<" in rute or "(?P" in rute:
            continue
        rute = rute.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\/", "/")
        if isinstance(p, URLResolver):
            yield from url_tanpa_parameter(p.url_patterns, awalan + rute)
        elif isinstance(p, URLPattern):
            yield "/" + awalan + rute


@pytest.fixture
def klien_per_peran(client, klien_untuk, pengunjung, petugas, supervisor):
    from django.test import Client

    klien = {"anonim": client}
    for nama, user in (("pengunjung", pengunjung), ("petugas", petugas), ("supervisor", supervisor)):
        c = Client(raise_request_exception=False)
        c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        klien[nama] = c
    client.raise_request_exception = False
    return klien


def test_setiap_halaman_html_membawa_csp(klien_per_peran):
    urls = sorted(set(url_tanpa_parameter())) + ["/tidak-ada-halaman-ini/"]
    assert "/akun/masuk/" in urls and "/akun/daftar/" in urls and "/admin/" in urls
    diperiksa = 0
    for nama, client in klien_per_peran.items():
        for url in urls:
            response = client.get(url)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            diperiksa += 1
            assert response.get("Content-Security-Policy") == CSP, f"{url} sebagai {nama}"
            assert response.get("X-Content-Type-Options") == "nosniff"
            if url.startswith("/admin/") or response.status_code >= 300:
                continue
            html = response.content.decode()
            langgar = INLINE.search(html)
            assert not langgar, f"{url} sebagai {nama} memuat {html[langgar.start() : langgar.start() + 80]!r}"
    assert diperiksa >= 20


@pytest.mark.parametrize(
    "html, dilarang",
    [
        ('<div style="color:red">', True),
        ("<script>alert(1)</script>", True),
        ('<button onclick="x()">', True),
        ("<style>p{}</style>", True),
        ('<script src="/static/js/a.js"></script>', False),
        ('<script id="d" type="application/json">{"a": 1}</script>', False),
        ('<a href="/x" data-onclick="y" class="hstyle">', False),
    ],
)
def test_pemeriksa_inline_mengenali_pelanggaran(html, dilarang):
    assert bool(INLINE.search(html)) is dilarang


def test_csp_ketat(client):
    kebijakan = dict(bagian.split(" ", 1) for bagian in CSP.split("; "))
    assert kebijakan["script-src"] == "'self'" and kebijakan["style-src"] == "'self'"
    assert kebijakan["object-src"] == "'none'" and kebijakan["frame-ancestors"] == "'none'"
    assert "unsafe" not in CSP


def test_halaman_kunci_dan_galat_membawa_csp(client, pengunjung):
    for _ in range(5):
        response = client.post("/akun/masuk/", {"username": "andi@contoh.id", "password": "salah"})
    assert response.status_code == 429 and response["Content-Security-Policy"] == CSP
    response = client.post("/akun/masuk/", {"username": "andi@contoh.id"}, headers={"hx-request": "true"})
    assert response["Content-Security-Policy"] == CSP


def test_halaman_galat_dari_middleware_menolak_dibingkai(client):
    """A page a middleware draws in place of the view (a NUL refused, a form's
    address opened as a page, a body over the limit) refuses framing as every
    page does, X-Frame-Options too for browsers that ignore frame-ancestors."""
    client.raise_request_exception = False
    jawaban = [
        client.get("/", {"q": "a\x00"}),
        client.get(reverse("logout")),
        client.generic("POST", reverse("login"), b"", CONTENT_LENGTH=str(200 * 1024 * 1024)),
    ]
    assert [r.status_code for r in jawaban] == [400, 405, 413]
    for r in jawaban:
        assert r["X-Frame-Options"] == "DENY" and r["Content-Security-Policy"] == CSP
