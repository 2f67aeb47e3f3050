"""Smoke test through nginx (run by deploy/smoke.sh, which starts everything).

    python deploy/smoke.py siapkan              # seed: an officer and a paid transaction ready for delivery
    python deploy/smoke.py uji --port 18443 ... # HTTPS requests through nginx, as a browser would
    python deploy/smoke.py periksa              # what the application recorded (database, log)

Only the standard library talks HTTP: the client connects to 127.0.0.1 from
the source address 127.0.0.7 with SNI and Host set to the test host name, so
nginx sees a client address that differs from its own (127.0.0.1) and the
application must take it from X-Forwarded-For.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import re
import socket
import ssl
import sys
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
SANDI = "sandi-uji-123"
KLIEN = "127.0.0.7"
PALSU = "203.0.113.9"  # what a client writes in its own X-Forwarded-For: must be ignored
TOKEN_UJI = "TokenAsapRahasia42"  # must never reach a log in clear
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def gagal(pesan: str) -> None:
    raise SystemExit(f"SMOKE GAGAL: {pesan}")


# --- seed and database checks (Django, same environment as gunicorn) ---------------


def django_siap():
    sys.path.insert(0, str(BASE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pst_layanan.settings")
    import django

    django.setup()


def siapkan(args) -> None:
    django_siap()
    from bench.unggah_besar import transaksi_siap_diserahkan

    t, petugas = transaksi_siap_diserahkan()
    print(json.dumps({"nomor": t.nomor, "email": petugas.email}))


def periksa(args) -> None:
    django_siap()
    from axes.models import AccessAttempt, AccessLog

    for model, apa in ((AccessAttempt, "login gagal"), (AccessLog, "login berhasil")):
        alamat = set(model.objects.values_list("ip_address", flat=True))
        if alamat != {KLIEN}:
            gagal(f"{apa} tercatat dari {sorted(alamat)}, seharusnya dari {KLIEN} (alamat klien lewat nginx)")
    akses = _baris_akses(args.log)
    serah = [b for b in akses if b.get("route") == "transaksi:serahkan" and b.get("method") == "POST"]
    if not serah or serah[-1]["client"] != KLIEN or serah[-1]["status"] != 302 or not serah[-1]["user_id"]:
        gagal(f"baris log unggahan tidak sesuai: {serah[-1:] or 'tidak ada'}")
    if len(serah[-1]["request_id"]) != 32:
        gagal("ID permintaan dari nginx ($request_id) tidak sampai ke log aplikasi")
    print(f"OK log: {len(akses)} baris akses JSON, klien {KLIEN}, id permintaan {serah[-1]['request_id']}")
    print(f"OK penguncian: login gagal dan berhasil tercatat dari {KLIEN}, bukan {PALSU} atau 127.0.0.1")
    layar = "antrian:layar_isi"
    if not any(b.get("route") == layar for b in _baris_akses(args.log_loket)) or any(
        b.get("route") == layar for b in akses
    ):
        gagal("layar antrean tidak dilayani oleh kolam pst-loket (deploy/gunicorn_loket.conf.py)")
    print("OK layar antrean dilayani kolam pst-loket, halaman lain oleh pst-web")
    for log in (args.log, args.log_nginx):
        teks = Path(log).read_text()
        if TOKEN_UJI in teks or "/antrian/t/***/" not in teks:
            gagal(f"token tautan tiket tidak disamarkan di {log}")
    print("OK token tautan tertulis *** di log aplikasi dan log akses nginx")
    for log in (args.log, args.log_loket):
        teks = [b for b in Path(log).read_text().splitlines() if b.strip() and not b.startswith("{")]
        if teks:
            gagal(f"baris log bukan JSON di {log}: {teks[:3]}")
    print("OK setiap baris log gunicorn dan aplikasi berupa JSON")


def _baris_akses(log: str) -> list[dict]:
    """The application's JSON access lines in a gunicorn log."""
    baris = [json.loads(b) for b in Path(log).read_text().splitlines() if b.startswith("{")]
    return [b for b in baris if b.get("logger") == "pst.permintaan"]


# --- HTTP through nginx ----------------------------------------------------------------


class Peramban:
    """Cookies, CSRF and the Origin/Referer headers, over one HTTPS host."""

    def __init__(self, host: str, port: int, cafile: str):
        self.host, self.port = host, port
        self.origin = f"https://{host}:{port}"
        self.konteks = ssl.create_default_context(cafile=cafile)
        self.cookies: dict[str, str] = {}

    def _koneksi(self, timeout=120) -> http.client.HTTPSConnection:
        conn = http.client.HTTPSConnection(self.host, self.port, context=self.konteks, timeout=timeout)
        port = self.port
        # Connect to the loopback nginx from KLIEN, keeping SNI and Host = the test host name.
        conn._create_connection = lambda addr, timeout, source: socket.create_connection(
            ("127.0.0.1", port), timeout, (KLIEN, 0)
        )
        return conn

    def minta(self, method, path, body=None, headers=None, baca=True):
        conn = self._koneksi()
        kepala = {"Host": f"{self.host}:{self.port}", "X-Forwarded-For": PALSU, **(headers or {})}
        if self.cookies:
            kepala["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            kepala.setdefault("Origin", self.origin)
            kepala.setdefault("Referer", self.origin + path)
        conn.request(method, path, body=body, headers=kepala)
        r = conn.getresponse()
        for nilai in r.headers.get_all("Set-Cookie") or []:
            for nama, morsel in SimpleCookie(nilai).items():
                self.cookies[nama] = morsel.value
        isi = r.read() if baca else None
        return r, isi, conn

    def csrf(self, path) -> str:
        r, isi, _ = self.minta("GET", path)
        if r.status != 200:
            gagal(f"GET {path} → {r.status}")
        cocok = CSRF_RE.search(isi.decode())
        if not cocok:
            gagal(f"token CSRF tidak ada di {path}")
        return cocok.group(1)

    def kirim_form(self, path, data: dict):
        from urllib.parse import urlencode

        body = urlencode(data)
        return self.minta("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})


class BadanMultipart:
    """A multipart body of one generated file, produced while it is sent."""

    def __init__(self, fields: dict, ukuran: int, nama="wilkerstat.zip"):
        self.batas = "----smoke" + uuid.uuid4().hex
        kepala = "".join(
            f'--{self.batas}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items()
        )
        kepala += (
            f'--{self.batas}\r\nContent-Disposition: form-data; name="berkas"; filename="{nama}"\r\n'
            "Content-Type: application/zip\r\n\r\n"
        )
        self.kepala, self.ekor = kepala.encode(), f"\r\n--{self.batas}--\r\n".encode()
        self.ukuran = ukuran
        self.potongan = hashlib.sha256(b"pst-smoke").digest() * (MB // 32)
        self.sha256 = hashlib.sha256()
        self.panjang = len(self.kepala) + ukuran + len(self.ekor)

    def __iter__(self):
        yield self.kepala
        sisa = self.ukuran
        while sisa:
            bagian = self.potongan[: min(sisa, MB)]
            self.sha256.update(bagian)
            yield bagian
            sisa -= len(bagian)
        yield self.ekor

    def headers(self):
        return {"Content-Type": f"multipart/form-data; boundary={self.batas}", "Content-Length": str(self.panjang)}


def uji(args) -> None:
    b = Peramban(args.host, args.port, args.cafile)

    r, isi, _ = b.minta("GET", "/healthz")
    if r.status != 200 or json.loads(isi) != {"status": "ok"}:
        gagal(f"/healthz → {r.status} {isi[:200]!r}")
    print("OK /healthz lewat nginx (TLS)")

    r, _, _ = b.minta("GET", args.static)
    cache = r.headers.get_all("Cache-Control") or []
    if r.status != 200 or len(cache) != 1 or "max-age" not in cache[0]:
        gagal(f"berkas statis {args.static} → {r.status}, Cache-Control {cache!r} (satu header, dengan max-age)")
    if r.headers.get("X-Content-Type-Options") != "nosniff":
        gagal(f"berkas statis {args.static} tanpa X-Content-Type-Options: nosniff")
    print(f"OK statis dari nginx, Cache-Control: {cache[0]}, nosniff")

    token = b.csrf("/akun/masuk/")
    r, _, _ = b.kirim_form("/akun/masuk/", {"csrfmiddlewaretoken": token, "username": args.email, "password": SANDI})
    if r.status != 302 or "sessionid" not in b.cookies:
        gagal(f"login petugas → {r.status}")
    print("OK login petugas lewat nginx")

    serahkan = f"/transaksi/{args.nomor}/serahkan/"
    token = b.csrf(serahkan)
    badan = BadanMultipart({"csrfmiddlewaretoken": token, "catatan": "Uji asap"}, args.mb * MB)
    r, isi, _ = b.minta("POST", serahkan, body=iter(badan), headers=badan.headers())
    if r.status != 302:
        gagal(f"unggah {args.mb} MB → {r.status} {isi[:300]!r}")
    print(f"OK unggah {args.mb} MB ke halaman penyerahan (request id {r.headers.get('X-Request-ID')})")

    r, isi, _ = b.minta("GET", f"/transaksi/{args.nomor}/")
    if r.status == 302:  # an officer is sent on to the officers' view of the transaction
        r, isi, _ = b.minta("GET", r.headers["Location"])
    cocok = re.search(rf"/transaksi/{re.escape(args.nomor)}/produk/(\d+)/", isi.decode())
    if not cocok:
        gagal("tautan unduh produk tidak ada di halaman transaksi")
    r, _, conn = b.minta("GET", cocok.group(0), baca=False)
    unduh, total = hashlib.sha256(), 0
    while bagian := r.read(MB):
        unduh.update(bagian)
        total += len(bagian)
    conn.close()
    if r.status != 200 or unduh.hexdigest() != badan.sha256.hexdigest():
        gagal(f"unduhan {r.status}, {total} byte, isi tidak sama dengan yang diunggah")
    print(f"OK unduh kembali {total} byte, SHA-256 sama")

    # Body limits: the application's own page for a proof over 10 MB; nginx only far beyond.
    bukti = f"/transaksi/{args.nomor}/bukti-bayar/"
    for mb, harap in ((11, "aplikasi"), (13, "nginx")):
        badan = BadanMultipart({"csrfmiddlewaretoken": token, "ntpn": "X"}, mb * MB, "bpn.pdf")
        r, isi, _ = b.minta("POST", bukti, body=iter(badan), headers=badan.headers())
        teks = isi.decode(errors="replace")
        # nginx's own answer is the office's page in both languages (deploy/nginx/galat-413.html).
        dari = "nginx" if '<div lang="en">' in teks and "File too large" in teks else "aplikasi"
        if r.status != 413 or dari != harap:
            gagal(f"bukti bayar {mb} MB → {r.status} dari {dari}, seharusnya 413 dari {harap}")
        print(f"OK bukti bayar {mb} MB → 413 dari {dari}")

    r, _, _ = b.minta("GET", f"/antrian/t/{TOKEN_UJI}/")
    if r.status != 404:
        gagal(f"tiket dengan token palsu → {r.status}, seharusnya 404")

    r, _, _ = b.minta("GET", "/antrian/layar/isi/")
    if r.status != 200:
        gagal(f"layar antrean → {r.status}")
    print("OK layar antrean lewat nginx")

    # A failed login from another browser: the lockout records the client address nginx saw.
    lain = Peramban(args.host, args.port, args.cafile)
    token = lain.csrf("/akun/masuk/")
    r, _, _ = lain.kirim_form("/akun/masuk/", {"csrfmiddlewaretoken": token, "username": args.email, "password": "x"})
    if r.status != 200:
        gagal(f"login dengan sandi salah → {r.status}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="langkah", required=True)
    sub.add_parser("siapkan")
    p = sub.add_parser("periksa")
    p.add_argument("--log", required=True)
    p.add_argument("--log-loket", required=True)
    p.add_argument("--log-nginx", required=True)
    p = sub.add_parser("uji")
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--cafile", required=True)
    p.add_argument("--nomor", required=True)
    p.add_argument("--email", required=True)
    p.add_argument("--static", required=True)
    p.add_argument("--mb", type=int, default=20)
    args = ap.parse_args()
    {"siapkan": siapkan, "uji": uji, "periksa": periksa}[args.langkah](args)


if __name__ == "__main__":
    main()
