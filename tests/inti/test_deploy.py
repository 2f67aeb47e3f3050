"""The deployment kit: the environment example is complete, and the restore
drill's checks find a lost row, a changed file and a live target."""

import importlib.util
import io
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import URLPattern, get_resolver, reverse

from pst_layanan.berkas import BATAS_PERSYARATAN, MB
from pst_layanan.models import Penanda
from transaksi.services.penyerahan import BATAS_PRODUK

BASE = Path(__file__).resolve().parents[2]


def _drill():
    spec = importlib.util.spec_from_file_location("latihan_pulih", BASE / "deploy" / "latihan_pulih.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def variabel_dibaca() -> set[str]:
    """Every environment variable the settings (and the backup's passphrase), the two gunicorn pools and the
    backup wrapper read."""
    nama = set()
    for path in (BASE / "pst_layanan").glob("*.py"):
        nama |= set(re.findall(r'(?:env_\w+|database_config)\("([A-Z_]+)"', path.read_text()))
        nama |= set(re.findall(r'^ENV_\w+ = "([A-Z_]+)"', path.read_text(), flags=re.M))
    for gunicorn in ("gunicorn.conf.py", "gunicorn_loket.conf.py"):
        nama |= set(re.findall(r'(?:environ\.get|bilangan_env)\("([A-Z_]+)"', (BASE / "deploy" / gunicorn).read_text()))
    nama |= set(re.findall(r"\$\{([A-Z_]+)[:}]", (BASE / "deploy" / "cadangkan.sh").read_text()))
    return nama


def test_contoh_env_memuat_setiap_variabel():
    contoh = (BASE / "deploy" / "env.example").read_text()
    ada = set(re.findall(r"^([A-Z_]+)=", contoh, flags=re.M))
    dibaca = variabel_dibaca()
    assert {
        "SECRET_KEY",
        "JUMLAH_PROXY",
        "ADMINS",
        "PST_CADANGAN_KUNCI",
        "GUNICORN_WORKERS",
        "GUNICORN_LOKET_BIND",
    } <= dibaca
    assert dibaca - ada == set()
    assert ada - dibaca == set()  # no stale variable either


def test_tabel_konfigurasi_readme_menjelaskan_setiap_variabel_contoh_env():
    """The README's runbook says env.example lists every variable and the Configuration table explains them."""
    readme = (BASE / "README.md").read_text()
    tabel = readme.split("\n## Configuration\n")[1].split("\n## ")[0]
    contoh = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (BASE / "deploy" / "env.example").read_text(), re.M))
    assert not sorted(nama for nama in contoh | variabel_dibaca() if f"`{nama}`" not in tabel)
    # Once: two rows of one variable (an old and a newer text) leave the reader guessing which holds.
    baris = [b for b in tabel.splitlines() if b.startswith("| `")]
    nama = [n for b in baris for n in re.findall(r"`([A-Z][A-Z0-9_]*)`", b.split("|")[1])]
    assert sorted({n for n in nama if nama.count(n) > 1}) == []


def test_nginx_tidak_menyebut_versinya():
    """Every server block: no nginx version in the Server header or on nginx's own 413/502 pages."""
    conf = (BASE / "deploy" / "nginx" / "pst-layanan.conf").read_text()
    blok = conf.split("\nserver {")[1:]
    assert len(blok) == 2 and all("\n    server_tokens off;" in b for b in blok)


def test_nginx_halaman_galat_50x_sendiri_dan_statis_nosniff():
    """gunicorn down or restarting gave nginx's bare English "502 Bad Gateway";
    static files came without nosniff and with two Cache-Control headers."""
    conf = (BASE / "deploy" / "nginx" / "pst-layanan.conf").read_text()
    halaman = re.search(r"error_page 502 503 504 (/\S+);", conf)[1]
    akar = re.search(rf"location = {re.escape(halaman)} {{\s*root /srv/pst-layanan/(\S+);", conf)[1]
    isi = (BASE / akar / halaman.lstrip("/")).read_text()
    assert "Layanan sedang dimulai ulang" in isi and "The service is restarting" in isi
    statis = conf[conf.index("location /static/ {") : conf.index("error_page")]
    assert statis.count("add_header X-Content-Type-Options nosniff always;") == 2
    assert "expires 1y" not in statis and "max-age=31536000" in statis


def test_nginx_halaman_413_sendiri_dalam_dua_bahasa():
    """A body over nginx's own limit (a form sent without the browser's check)
    is answered with the office's page in both languages, served to every
    location, never nginx's bare English "413 Request Entity Too Large" with
    no way back."""
    conf = (BASE / "deploy" / "nginx" / "pst-layanan.conf").read_text()
    halaman = re.search(r"\n    error_page 413 (/\S+);", conf)[1]
    lokasi = re.search(rf"location = {re.escape(halaman)} {{\s*root /srv/pst-layanan/(\S+);\s*internal;", conf)
    isi = (BASE / lokasi[1] / halaman.lstrip("/")).read_text()
    assert '<html lang="id">' in isi and '<div lang="en">' in isi
    assert "Berkas terlalu besar" in isi and "File too large" in isi and 'href="/"' in isi


def _specifier_systemd(teks: str, host: str) -> str:
    """What systemd passes on from a unit's ExecStart: %% is one %, %H and %h are specifiers."""
    return re.sub(r"%(.)", lambda m: {"%": "%", "H": host, "h": "/var/lib/pst-layanan"}[m.group(1)], teks)


@pytest.mark.parametrize("unit", sorted(p.name for p in (BASE / "deploy").glob("pst-*.service")))
def test_nama_host_worker_dapat_dibentuk_celery(unit):
    """The worker's --hostname reaches Celery after systemd's own % specifiers: an unknown %-key
    stops the worker at start (ValueError), and with it every e-mail and scheduled job."""
    from celery.utils.nodenames import host_format

    perintah = re.search(r"^ExecStart=(.*)$", (BASE / "deploy" / unit).read_text(), re.M).group(1)
    argumen = _specifier_systemd(perintah, "pst-server").split()
    if "--hostname" in argumen:
        nama = host_format(argumen[argumen.index("--hostname") + 1], host="pst-server.bps.go.id")
        assert nama == "pst@pst-server.bps.go.id"


def test_latihan_pulih_membandingkan_tabel_dengan_arsip(db, tmp_path):
    drill = _drill()
    Penanda.objects.create(nama="a", pada="2026-03-16T09:00:00+07:00")
    Penanda.objects.create(nama="b", pada="2026-03-16T09:00:00+07:00")
    # The archive's manifest counts rows per model label in the backup's snapshot.
    harapan = {"pst_layanan.Penanda": 2, "django_celery_beat.PeriodicTasks": 5}
    assert drill.bandingkan_tabel(harapan) == []

    Penanda.objects.filter(nama="b").delete()
    assert drill.bandingkan_tabel(harapan) == ["pst_layanan.Penanda: arsip 2, dipulihkan 1"]
    assert drill.bandingkan_tabel({"lama.Hilang": 1}) == ["lama.Hilang: ada di arsip, tidak ada di kode ini"]


def test_latihan_pulih_membandingkan_isi_berkas(tmp_path):
    drill = _drill()
    arsip, pulih = tmp_path / "arsip", tmp_path / "pulih"
    for root in (arsip, pulih):
        (root / "produk").mkdir(parents=True)
        (root / "produk" / "a.csv").write_bytes(b"kode,nama\n17,BENGKULU\n")
    assert drill.bandingkan_berkas(drill.sidik_berkas(arsip), drill.sidik_berkas(pulih)) == []
    (pulih / "produk" / "a.csv").write_bytes(b"kode,nama\n17,BENGKULU\n\n")
    (arsip / "produk" / "b.pdf").write_bytes(b"%PDF-1.4")
    assert drill.bandingkan_berkas(drill.sidik_berkas(arsip), drill.sidik_berkas(pulih)) == [
        "berkas hilang: produk/b.pdf",
        "isi berbeda: produk/a.csv",
    ]


def test_latihan_pulih_menolak_database_dan_folder_situs(tmp_path, monkeypatch):
    drill = _drill()
    monkeypatch.setenv("DATABASE_URL", "postgres://pst:x@127.0.0.1:5432/pst")
    monkeypatch.setenv("PRIVATE_ROOT", str(tmp_path / "berkas"))
    with pytest.raises(SystemExit, match="DATABASE_URL"):
        drill.tolak_bila_produksi("postgres://postgres@127.0.0.1:5432/pst", tmp_path / "latihan")
    with pytest.raises(SystemExit, match="PRIVATE_ROOT"):
        drill.tolak_bila_produksi("postgres://postgres@127.0.0.1:5432/pst_latihan", tmp_path / "berkas")
    lain = tmp_path / "dokumen-lain"
    lain.mkdir()
    (lain / "penting.txt").write_text("jangan dihapus")
    with pytest.raises(SystemExit, match="berisi berkas lain"):
        drill.tolak_bila_produksi("postgres://postgres@127.0.0.1:5432/pst_latihan", lain)
    (tmp_path / "latihan").mkdir()
    drill.tolak_bila_produksi("postgres://postgres@127.0.0.1:5432/pst_latihan", tmp_path / "latihan")


def _batas_unggah_nginx() -> list[tuple[re.Pattern, int]]:
    """(path pattern, body limit in MB) of every nginx location that raises the limit."""
    conf = (BASE / "deploy" / "nginx" / "pst-layanan.conf").read_text()
    return [
        (re.compile(pola), int(mb))
        for pola, mb in re.findall(r"location ~ (\S+) \{[^}]*?client_max_body_size (\d+)m;", conf)
    ]


@pytest.mark.parametrize(
    ("nama", "batas"),
    [
        ("transaksi:dokumen_unggah", BATAS_PERSYARATAN),
        ("transaksi:bukti_kirim", BATAS_PERSYARATAN),
        ("transaksi:bukti_transfer", BATAS_PERSYARATAN),
        ("transaksi:tagihan_terbitkan", BATAS_PERSYARATAN),
        ("transaksi:tagihan_ganti", BATAS_PERSYARATAN),
        ("transaksi:serahkan", BATAS_PRODUK),
    ],
)
def test_nginx_menerima_unggahan_sebesar_batas_aplikasi(nama, batas):
    """Every upload the application accepts passes nginx: a larger body than
    nginx's default would get its English 413 page, never the form's message."""
    jalur = reverse(nama, args=["PST-1771-2026-000001"])
    cocok = [mb for pola, mb in _batas_unggah_nginx() if pola.search(jalur)]
    assert cocok and cocok[0] * MB > batas, jalur


def test_contoh_env_terbaca_oleh_shell_dan_systemd_sama():
    """The README loads the file into a shell (`set -a; . /etc/pst-layanan/env`) as
    systemd's EnvironmentFile does: a value with spaces or <> must be quoted for both."""
    contoh = BASE / "deploy" / "env.example"
    hasil = subprocess.run(
        ["bash", "-ec", 'set -a; . "$1"; printf %s "$DEFAULT_FROM_EMAIL"', "-", str(contoh)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout == "PST BPS Provinsi Bengkulu <pst1700@bps.go.id>"


@pytest.mark.parametrize(
    "berkas, nama", [("gunicorn.conf.py", "GUNICORN_WORKERS"), ("gunicorn_loket.conf.py", "GUNICORN_LOKET_THREADS")]
)
@pytest.mark.parametrize("nilai", ["empat", "0", "-2"])
def test_gunicorn_menolak_jumlah_bukan_bilangan_dengan_nama_variabel(monkeypatch, berkas, nama, nilai):
    monkeypatch.setenv(nama, nilai)
    with pytest.raises(SystemExit, match=f"{nama}='{nilai}' harus berupa bilangan bulat 1 atau lebih"):
        runpy.run_path(str(BASE / "deploy" / berkas))


def test_gunicorn_memakai_angka_dari_env(monkeypatch):
    monkeypatch.setenv("GUNICORN_LOKET_WORKERS", " 3 ")
    monkeypatch.delenv("GUNICORN_LOKET_THREADS", raising=False)
    pengaturan = runpy.run_path(str(BASE / "deploy" / "gunicorn_loket.conf.py"))
    assert (pengaturan["workers"], pengaturan["threads"]) == (3, 8)


def _rute_bertoken(resolver=None, awal=""):
    """The URL names of every route with a `token` argument, from the URLconf itself."""
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLPattern):
            if "token" in p.pattern.converters:
                yield f"{awal}{p.name}"
        else:
            yield from _rute_bertoken(p, f"{awal}{p.namespace}:" if p.namespace else awal)


def _baris_log_nginx(permintaan: str) -> str:
    """The request line as nginx's access log writes it: the site's `map`
    blocks applied in order, from `$request` to the variable `log_format` prints."""
    teks = (BASE / "deploy" / "nginx" / "pst-layanan.conf").read_text()
    nilai = {"request": permintaan}
    peta = re.findall(r'map \$(\w+) \$(\w+) \{\s*"~(.+?)" "(.+?)";\s*default \$(\w+);\s*\}', teks)
    assert peta
    for asal, tujuan, pola, ganti, bawaan in peta:
        cocok = re.match(pola.replace("(?<", "(?P<"), nilai[asal])
        if cocok:
            nilai[tujuan] = re.sub(r"\$\{(\w+)\}", lambda m, c=cocok: c[m[1]], ganti)
        else:
            nilai[tujuan] = nilai[bawaan]
    kolom = re.search(r'log_format pst_layanan .*?"\$(\w+)"', teks)[1]
    return nilai[kolom]


def test_peta_log_nginx_menyamarkan_setiap_rute_bertoken():
    """nginx's access-log map names the token routes by hand: every route the
    application masks (a `token` argument) must be in it."""
    rute = sorted(_rute_bertoken())
    assert rute
    for nama in rute:
        url = reverse(nama, kwargs={"token": "TokenUji123", **({"uidb64": "MQ"} if "sandi" in nama else {})})
        ditulis = _baris_log_nginx(f"GET {url}?a=1 HTTP/1.1")
        assert "TokenUji123" not in ditulis and ditulis.startswith("GET /"), nama


@pytest.mark.parametrize("nama", ["antrian:meja_cari", "transaksi:kas", "antrian:riwayat"])
def test_log_nginx_tidak_menulis_kata_pencarian(nama):
    """The desk's visitor search and the cash counter's search send a name,
    e-mail, phone or NIK in the query string; nginx's access log kept them in
    clear, for as long as the logs are kept."""
    ditulis = _baris_log_nginx(f"GET {reverse(nama)}?q=andi%40contoh.id&halaman=2 HTTP/1.1")
    assert ditulis == f"GET {reverse(nama)}?*** HTTP/1.1"
    assert _baris_log_nginx("GET /transaksi/tarif/ HTTP/1.1") == "GET /transaksi/tarif/ HTTP/1.1"


def test_latihan_pulih_memilih_arsip_terakhir_walau_dua_dalam_satu_detik(tmp_path, monkeypatch):
    """Two backups in the same second are named …-103000 and …-103000-2: the
    drill takes the second, which a sort by name would put first."""
    for nama in ("pst-20261204-102959.tar.gz", "pst-20261204-103000.tar.gz", "pst-20261204-103000-2.tar.gz"):
        (tmp_path / nama).write_bytes(b"")
    (tmp_path / "pst-20261204-103001.tar.gz.sebagian").write_bytes(b"")
    monkeypatch.setenv("PST_CADANGAN_DIR", str(tmp_path))
    assert _drill().arsip_terbaru().name == "pst-20261204-103000-2.tar.gz"


def _latihan(tmp_path, arsip, **situs):
    """The drill as an operator runs it, on a SQLite scratch database that
    already holds a previous drill (a file that must survive a refused run).
    `situs` sets the live site's own DATABASE_URL / PRIVATE_ROOT, as in a
    shell where the site's environment is loaded."""
    basi = tmp_path / "latihan.sqlite3"
    basi.write_bytes(b"latihan sebelumnya")
    hasil = _latihan_ke(tmp_path, arsip, f"sqlite:///{basi}", **situs)
    return hasil, hasil.stdout + hasil.stderr, basi


def test_latihan_pulih_arsip_tidak_ada_ditolak_sebelum_mengubah_apa_pun(tmp_path):
    hasil, keluaran, basi = _latihan(tmp_path, tmp_path / "pst-20260316-090000.tar.gz")
    assert hasil.returncode != 0
    assert "tidak ditemukan" in keluaran and "Traceback" not in keluaran
    assert basi.read_bytes() == b"latihan sebelumnya"


def test_latihan_pulih_arsip_rusak_dilaporkan_gagal_tanpa_traceback(tmp_path):
    """A drill exists to find an archive that cannot be restored: it says so
    in its own words and leaves the scratch database as it was."""
    arsip = tmp_path / "pst-20260316-090000.tar.gz"
    arsip.write_bytes(b"bukan gzip")
    hasil, keluaran, basi = _latihan(tmp_path, arsip)
    assert hasil.returncode == 1
    assert "LATIHAN PEMULIHAN GAGAL" in keluaran and "bukan arsip cadangan yang sah" in keluaran
    assert "Traceback" not in keluaran
    assert basi.read_bytes() == b"latihan sebelumnya"


def test_latihan_pulih_dengan_lingkungan_situs_termuat(tmp_path):
    """Run from the site's own shell, the drill compares its targets with the
    live ones, not with the scratch ones it is about to use."""
    arsip = tmp_path / "pst-20260316-090000.tar.gz"
    arsip.write_bytes(b"bukan gzip")
    situs = {"DATABASE_URL": f"sqlite:///{tmp_path / 'situs.sqlite3'}", "PRIVATE_ROOT": str(tmp_path / "berkas")}
    hasil, keluaran, basi = _latihan(tmp_path, arsip, **situs)
    assert "bukan arsip cadangan yang sah" in keluaran and "ditolak" not in keluaran

    situs["DATABASE_URL"] = f"sqlite:///{basi}"
    hasil, keluaran, basi = _latihan(tmp_path, arsip, **situs)
    assert hasil.returncode != 0
    assert "sama dengan DATABASE_URL" in keluaran and "Traceback" not in keluaran
    assert basi.read_bytes() == b"latihan sebelumnya"

    situs = {"PRIVATE_ROOT": str(tmp_path / "pulih")}
    hasil, keluaran, _ = _latihan(tmp_path, arsip, **situs)
    assert "sama dengan PRIVATE_ROOT" in keluaran


def _latihan_ke(tmp_path, arsip, url, **situs):
    """The drill into the scratch database `url`, with the site's `situs` variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "PRIVATE_ROOT"))}
    env.update(VAR_DIR=str(tmp_path / "var"), PST_CADANGAN_KUNCI="", **situs)
    perintah = [sys.executable, str(BASE / "deploy" / "latihan_pulih.py"), str(arsip), "--database-url", url]
    return subprocess.run(
        [*perintah, "--private-root", str(tmp_path / "pulih")],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_latihan_pulih_url_database_salah_tanpa_traceback(tmp_path):
    arsip = tmp_path / "pst-20260316-090000.tar.gz"
    arsip.write_bytes(b"bukan gzip")
    hasil = _latihan_ke(tmp_path, arsip, "mysql://pst@127.0.0.1/pst_latihan")
    assert hasil.returncode == 1
    assert "Traceback" not in hasil.stdout + hasil.stderr
    assert "LATIHAN PEMULIHAN GAGAL" in hasil.stdout and "skema yang diterima" in hasil.stdout


def test_latihan_pulih_server_database_mati_tanpa_traceback(monkeypatch, capsys):
    """The scratch database server down or refusing the login (psycopg2's error while it is made again)."""
    import psycopg2

    drill = _drill()

    def server_mati():
        raise psycopg2.OperationalError('connection to server at "127.0.0.1", port 9 failed: Connection refused\n')

    monkeypatch.setattr(drill, "main", server_mati)
    assert drill.jalankan() == 1
    assert capsys.readouterr().out == (
        'LATIHAN PEMULIHAN GAGAL: connection to server at "127.0.0.1", port 9 failed: Connection refused\n'
    )


def test_latihan_pulih_help_menyebut_tujuannya_utuh():
    hasil = subprocess.run(
        [sys.executable, str(BASE / "deploy" / "latihan_pulih.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "then check that nothing was lost." in " ".join(hasil.stdout.split())


def test_latihan_pulih_di_server_tanpa_memasang_paket_pengembangan():
    """The monthly drill runs on the server, beside the site's virtualenv (requirements.txt
    only): `make` was not among the kit's packages, and the target then installed pytest,
    Playwright and the other test tools into the production virtualenv, from the internet."""
    paket = (BASE / "deploy" / "paket-debian.txt").read_text().split()
    assert "make" in paket
    # -W: requirements-dev.txt newer than the install stamp, as on a server that never had it.
    rencana = subprocess.run(
        ["make", "-n", "-W", "requirements-dev.txt", "restore-drill"],
        cwd=BASE,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "pip install" not in rencana and "deploy/latihan_pulih.py" in rencana


def test_paket_memasang_huruf_untuk_nama_tionghoa_jepang_korea():
    """The PDFs print names as visitors typed them, a foreign researcher's in Chinese, Japanese
    or Korean too; DejaVu and Liberation have none of those letters, so on a server built from
    the kit such a name came out as empty boxes on the invoice, receipt and hand-over record."""
    paket = (BASE / "deploy" / "paket-debian.txt").read_text().split()
    assert "fonts-noto-cjk" in paket


@pytest.mark.django_db(transaction=True)
def test_latihan_pulih_arsip_sebelum_migrasi_terakhir(tmp_path, settings):
    """Rehearsed after an upgrade, the drill takes the backup made before its
    migrations: restored at that archive's schema, then migrated forward."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    settings.PRIVATE_ROOT = str(tmp_path / "berkas")
    Penanda.objects.create(nama="sebelum-upgrade", pada="2026-03-16T09:00:00+07:00")
    terakhir = max(n for a, n in MigrationLoader(None, ignore_no_migrations=True).disk_migrations if a == "transaksi")
    catatan = MigrationRecorder(connection)
    catatan.record_unapplied("transaksi", terakhir)
    try:
        call_command("cadangkan", ke=str(tmp_path / "cadangan"), stdout=io.StringIO())
    finally:
        catatan.record_applied("transaksi", terakhir)
    (arsip,) = (tmp_path / "cadangan").glob("pst-*")

    hasil = _latihan_ke(tmp_path, arsip, f"sqlite:///{tmp_path / 'latihan.sqlite3'}")
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "OK   pst_layanan.Penanda" in hasil.stdout and "LATIHAN PEMULIHAN OK" in hasil.stdout


def test_langkah_peningkatan_readme_memulai_ulang_web_bila_env_berubah():
    """systemd reads EnvironmentFile only when a unit starts: the upgrade's reload
    (HUP) gave the web pools new code with the old environment, so a variable
    the upgrade added or changed was not read until some later restart."""
    readme = (BASE / "README.md").read_text()
    langkah = readme.split("\n**Upgrade**", 1)[1].split("\n**Restore**", 1)[0]
    assert "systemctl reload pst-web pst-loket" in langkah
    teks = " ".join(langkah.split())
    assert "/etc/pst-layanan/env" in teks.split("systemctl reload pst-web pst-loket", 1)[1]
    assert "`systemctl restart pst-web pst-loket`" in teks
