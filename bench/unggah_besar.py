"""Streamed delivery upload: a 200 MB product file through the real stack
keeps the process's memory growth under 50 MB.

    .venv/bin/python bench/unggah_besar.py            # 200 MB
    .venv/bin/python bench/unggah_besar.py --mb 500   # the per-file limit

The officer's delivery page (`transaksi:serahkan`) is called through Django's
WSGI handler — middleware, CSRF, session login, upload handlers, the service —
with a request body generated on the fly, so neither the client nor the
server side ever holds the file. Memory is the process's peak resident set
(VmHWM in /proc/self/status, reset through /proc/self/clear_refs before the
request). Everything lives in a temporary folder removed afterwards.
Exit status 1 when the growth reaches the limit or the stored file differs.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
BATAS_PERTUMBUHAN_MB = 50
POTONGAN = os.urandom(MB)  # the file is this megabyte repeated: incompressible, hashable on the fly


def status_proses(kunci: str) -> int:
    """A VmRSS/VmHWM line of /proc/self/status, in bytes."""
    for baris in Path("/proc/self/status").read_text().splitlines():
        if baris.startswith(kunci + ":"):
            return int(baris.split()[1]) * 1024
    raise RuntimeError(f"{kunci} tidak ada di /proc/self/status")


def reset_puncak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


class BadanMultipart:
    """A multipart/form-data body produced while it is read (wsgi.input)."""

    def __init__(self, boundary: str, fields: dict[str, str], nama_berkas: str, ukuran: int):
        self.ukuran_berkas = ukuran
        bagian = []
        for nama, nilai in fields.items():
            bagian.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{nama}"\r\n\r\n{nilai}\r\n')
        bagian.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="berkas"; filename="{nama_berkas}"\r\n'
            "Content-Type: application/zip\r\n\r\n"
        )
        self.kepala = "".join(bagian).encode()
        self.ekor = f"\r\n--{boundary}--\r\n".encode()
        self.panjang = len(self.kepala) + ukuran + len(self.ekor)
        self._potongan = self._hasilkan()
        self._sisa = b""

    def _hasilkan(self):
        yield self.kepala
        sisa = self.ukuran_berkas
        while sisa:
            n = min(sisa, len(POTONGAN))
            yield POTONGAN[:n]
            sisa -= n
        yield self.ekor

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._sisa) < size:
            try:
                self._sisa += next(self._potongan)
            except StopIteration:
                break
        if size < 0:
            data, self._sisa = self._sisa, b""
        else:
            data, self._sisa = self._sisa[:size], self._sisa[size:]
        return data

    def readline(self, size: int = -1) -> bytes:  # not used by the multipart parser, required by WSGI
        return self.read(size)


def sha256_berkas(ukuran: int) -> str:
    h = hashlib.sha256()
    sisa = ukuran
    while sisa:
        n = min(sisa, len(POTONGAN))
        h.update(POTONGAN[:n])
        sisa -= n
    return h.hexdigest()


def siapkan_django(folder: Path):
    os.environ["VAR_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)  # a throw-away SQLite database in the temporary folder
    os.environ["DJANGO_SETTINGS_MODULE"] = "pst_layanan.settings_test"
    sys.path.insert(0, str(BASE))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def transaksi_siap_diserahkan():
    """A paid transaction whose payment was verified, through the real services."""
    from django.contrib.auth.models import Group

    from pst_layanan.models import Pengguna
    from pst_layanan.roles import PETUGAS
    from tests.transaksi.test_pembayaran import diproses

    data = {"email_terverifikasi": True, "telepon": "081234567890", "password": "sandi-uji-123"}
    pengunjung = Pengguna.objects.create_user(email="andi@contoh.id", nama_lengkap="Andi", **data)
    petugas = Pengguna.objects.create_user(email="petugas@bps.go.id", nama_lengkap="Budi Petugas", **data)
    petugas.groups.add(Group.objects.get(name=PETUGAS))
    return diproses(pengunjung, petugas), petugas


def cookie_login(user) -> str:
    from _bantu import kunci_sesi
    from django.conf import settings

    return f"{settings.SESSION_COOKIE_NAME}={kunci_sesi(user)}"


def unggah(t, petugas, ukuran: int):
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.middleware.csrf import _get_new_csrf_string
    from django.urls import reverse

    csrf = _get_new_csrf_string()
    boundary = "----batasbench" + csrf[:16]
    badan = BadanMultipart(boundary, {"csrfmiddlewaretoken": csrf, "catatan": "Bench"}, "wilkerstat.zip", ukuran)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": reverse("transaksi:serahkan", args=[t.nomor]),
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
        "CONTENT_LENGTH": str(badan.panjang),
        "HTTP_COOKIE": f"{cookie_login(petugas)}; {settings.CSRF_COOKIE_NAME}={csrf}",
        "wsgi.input": badan,
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    status = {}
    app = WSGIHandler()
    isi = app(environ, lambda s, h, exc_info=None: status.setdefault("s", s))
    b"".join(isi)
    isi.close()  # as a WSGI server does: closes the request's uploaded files
    return status["s"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="ukuran berkas (MB), bawaan 200")
    args = parser.parse_args()
    ukuran = args.mb * MB

    folder = Path(tempfile.mkdtemp(prefix="bench-unggah-"))
    try:
        siapkan_django(folder)
        t, petugas = transaksi_siap_diserahkan()
        bisa_reset = reset_puncak()
        rss_awal = status_proses("VmRSS")
        puncak_awal = status_proses("VmHWM")
        mulai = time.perf_counter()
        status = unggah(t, petugas, ukuran)
        lama = time.perf_counter() - mulai
        puncak = status_proses("VmHWM")

        t.refresh_from_db()
        berkas = t.berkas_produk.get()
        dengan = hashlib.sha256()
        with berkas.berkas.open("rb") as f:
            for potong in iter(lambda: f.read(MB), b""):
                dengan.update(potong)
        utuh = berkas.ukuran == ukuran and dengan.hexdigest() == sha256_berkas(ukuran)
        tumbuh = puncak - rss_awal

        print(f"Berkas diunggah        : {ukuran / MB:.0f} MB ({berkas.nama_asli})")
        print(f"Jawaban server         : {status}; status transaksi: {t.get_status_display()}")
        print(f"Waktu                  : {lama:.1f} s ({ukuran / MB / lama:.0f} MB/s)")
        print(f"RSS sebelum unggah     : {rss_awal / MB:.1f} MB")
        print(f"Puncak RSS (VmHWM)     : {puncak / MB:.1f} MB" + ("" if bisa_reset else " (tanpa reset puncak)"))
        if not bisa_reset:
            print(f"  puncak sebelum unggah: {puncak_awal / MB:.1f} MB")
        print(f"Pertumbuhan memori     : {tumbuh / MB:.1f} MB (batas {BATAS_PERTUMBUHAN_MB} MB)")
        print(f"Berkas tersimpan utuh  : {'ya' if utuh else 'TIDAK'} (sha256 dan ukuran dibandingkan)")
        lulus = status.startswith("302") and utuh and tumbuh < BATAS_PERTUMBUHAN_MB * MB
        print("HASIL                  : " + ("LULUS" if lulus else "GAGAL"))
        return 0 if lulus else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
