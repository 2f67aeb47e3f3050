"""Load test: gunicorn on PostgreSQL + Redis, 50 users and 100 display screens.

    make bench-load            # or: .venv/bin/python bench/beban.py --detik 60

What it does, all on 127.0.0.1:
1. creates a fresh database `pst_beban` on the local PostgreSQL, migrates it,
   and seeds visitors with transactions and receptionist accounts; the office
   is configured open all day today, so tickets can be issued at any hour;
2. starts gunicorn as deploy/ runs it (production settings: DEBUG=0, Redis
   cache and broker), as if behind a TLS proxy (`X-Forwarded-Proto: https`):
   the pst-web pool, and the pst-loket pool for the desk, counters and display
   (`--workers-loket 0`: one pool), each request sent to the pool nginx would
   send it to, with the pools' CPU shares as the systemd units set them;
3. runs for `--detik` seconds: visitors browse the tariff page and their own
   transactions, receptionists issue walk-in tickets at the desk screen, and
   display screens poll the waiting-room fragment every second;
4. prints requests/s, p50/p95/p99 per kind, errors, and duplicate ticket
   numbers found in the database afterwards.

Targets on the 2-core machine: zero errors, zero duplicates, desk p95 < 300 ms,
screen poll p95 < 150 ms. `--ulang` runs again on the previous run's database.
Traffic goes only to the loopback address; loops are bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
PY = sys.executable
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_RE = re.compile(r'name="token_kirim" value="([^"]+)"')


def lingkungan(port: int, db: str) -> dict:
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"https://127.0.0.1:{port}",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db}",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        REDIS_URL=env.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        CELERY_BROKER_URL=env.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/6"),
        LOG_LEVEL="WARNING",
        VAR_DIR=str(BASE / "var" / "beban"),
    )
    env["BENCH_SECRET_KEY"] = env["SECRET_KEY"]
    return env


def buat_database(db: str) -> None:
    import psycopg2

    conn = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{db}"')
    conn.close()


def siapkan_data(env: dict, visitors: int, receptionists: int, guests: int, past_tickets: int) -> dict:
    """Migrate and seed in a child process (its own Django settings)."""
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=BASE, env=env, check=True)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=BASE, env=env, check=True)
    out = subprocess.run(
        [
            PY,
            str(Path(__file__).with_name("_beban_data.py")),
            *map(str, (visitors, receptionists, guests, past_tickets)),
        ],
        cwd=BASE,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# pst-loket.service has CPUWeight=400 where every other unit (pst-web,
# PostgreSQL, Redis) has the default 100. Each gunicorn here leads its own
# session, so the kernel schedules each pool as one group (autogroup); nice -6
# on pst-loket's group (weight 3906 against 1024) gives about the same 4:1.
NICE_LOKET = -6


def atur_nice_kelompok(pid: int, nice: int, nama: str) -> None:
    """`nice` for the scheduling group of session leader `pid` (its autogroup),
    or for its process group where the kernel has no autogroups."""
    try:
        Path(f"/proc/{pid}/autogroup").write_text(str(nice))
    except OSError:
        try:
            os.setpriority(os.PRIO_PGRP, pid, nice)
        except OSError:
            print(f"({nama} tanpa prioritas CPU: butuh root)", file=sys.stderr)


def cpu_sesi(sid: int) -> float:
    """CPU seconds used so far by the live processes of session `sid` (one pool)."""
    total, tik = 0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            bagian = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(bagian[3]) == sid:  # fields after the name: state ppid pgrp session … utime stime
            total += int(bagian[11]) + int(bagian[12])
    return total / tik


# The load generator stands for the visitors' phones and the office's own
# PCs and screens, which are other machines: on the shared cores it runs a
# little ahead of the server, so the time it waits for a CPU itself is not
# counted as the server's latency.
NICE_KLIEN = -5


# Today's queue of earlier runs, removed so a run again starts on an empty day
# as a fresh run does (the 1.2M past tickets stay).
HARI_INI = "(now() AT TIME ZONE 'Asia/Jakarta')::date"
KOSONGKAN_HARI_INI = [
    "CREATE TEMP TABLE k AS SELECT kunjungan_id AS id FROM antrian_tiket WHERE tanggal = " + HARI_INI,
    "DELETE FROM antrian_riwayattiket WHERE tiket_id IN (SELECT id FROM antrian_tiket WHERE tanggal = "
    + HARI_INI
    + ")",
    "DELETE FROM antrian_tiket WHERE tanggal = " + HARI_INI,
    "DELETE FROM antrian_layanankunjungan WHERE kunjungan_id IN (SELECT id FROM k)",
    "DELETE FROM antrian_kedatangan WHERE kunjungan_id IN (SELECT id FROM k)",
    "DELETE FROM antrian_kunjungan WHERE id IN (SELECT id FROM k)",
    "DELETE FROM antrian_penghitungantrian WHERE tanggal = " + HARI_INI,
]


def data_lama(simpanan: Path, db: str) -> dict:
    """The previous run's data, on a database whose queue of today is empty again."""
    import psycopg2

    conn = psycopg2.connect(host="127.0.0.1", user="postgres", dbname=db)
    with conn, conn.cursor() as cur:
        for sql in KOSONGKAN_HARI_INI:
            cur.execute(sql)
    conn.close()
    return json.loads(simpanan.read_text())


# The office's own screens (desk, counters, waiting-room display, monitor) as
# deploy/nginx/pst-layanan.conf routes them: to their own gunicorn pool.
LOKET_RE = re.compile(r"^/antrian/(meja|datang|tiket|loket|layar|monitor)/")


def mulai_server(env: dict, port: int, workers: int, konfigurasi: str = "gunicorn.conf.py") -> subprocess.Popen:
    """gunicorn with the deployment kit's own configuration file, on `port`."""
    proc = subprocess.Popen(
        [
            *(str(BASE / ".venv/bin/gunicorn"), "-c", str(BASE / "deploy" / konfigurasi), "pst_layanan.wsgi"),
            *("-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning"),
        ],
        cwd=BASE,
        env=env,
        start_new_session=True,
    )
    import urllib.request

    for _ in range(100):
        try:
            permintaan = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(permintaan, timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn tidak menjawab")


class Klien:
    """One simulated person: own cookies (the secure cookies are sent by hand,
    as a TLS proxy would pass them), latency recorded per kind of request.
    aiohttp rather than httpx: the load generator shares the two cores with
    the server, so its own CPU cost must stay small."""

    def __init__(self, http, port, hasil, sesi=None, port_loket=None):
        self.http, self.hasil, self.port = http, hasil, port
        self.port_loket = port_loket or port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies = {"sessionid": sesi} if sesi else {}

    def _header(self, referer):
        # One host name for both pools, as behind nginx (the CSRF origin check compares it).
        h = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https", "Origin": self.origin, "Referer": referer}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return h

    async def minta(self, jenis, metode, path, ok=(200,), data=None):
        t0 = time.perf_counter()
        teks, status = None, None
        try:
            async with self.http.request(
                metode,
                f"http://127.0.0.1:{self.port_loket if LOKET_RE.match(path) else self.port}{path}",
                headers=self._header(self.origin + path),
                data=data,
                allow_redirects=False,
            ) as r:
                status, teks = r.status, await r.text()
                self.cookies.update({k: m.value for k, m in r.cookies.items()})
        except Exception as exc:  # noqa: BLE001 — a failed request is counted, not raised
            self.hasil["galat_teks"].append(f"{jenis}: {type(exc).__name__}")
        self.hasil[jenis].append(time.perf_counter() - t0)
        if status not in ok:
            self.hasil["galat"][jenis] += 1
            if status is not None:
                self.hasil["galat_teks"].append(f"{jenis}: HTTP {status}")
        return status, teks


async def pengunjung(klien: Klien, nomor: list[str], sampai: float):
    while time.monotonic() < sampai:
        await klien.minta("pengunjung: tarif", "GET", "/transaksi/tarif/")
        await klien.minta("pengunjung: transaksi saya", "GET", "/transaksi/saya/")
        await klien.minta("pengunjung: detail", "GET", f"/transaksi/{random.choice(nomor)}/")
        await asyncio.sleep(random.uniform(0.5, 1.5))


async def resepsionis(klien: Klien, data: dict, sampai: float):
    while time.monotonic() < sampai:
        status, teks = await klien.minta("resepsionis: meja", "GET", "/antrian/meja/")
        if status != 200 or not data["tamu"]:
            await asyncio.sleep(1.0)
            continue
        # A visitor holds one open ticket per service and day: each ticket goes to a new guest.
        form = {
            "csrfmiddlewaretoken": CSRF_RE.search(teks).group(1),
            "token_kirim": TOKEN_RE.search(teks).group(1),
            "pengunjung": data["tamu"].pop(),
            "layanan": data["layanan"],
            "keperluan": "Uji beban",
            "bt-pemanfaatan": "penelitian",
            "bt-jenis_layanan": "berbayar",
            "bt-sarana": "langsung",
        }
        await klien.minta("resepsionis: terbitkan tiket", "POST", "/antrian/meja/", ok=(302,), data=form)
        await asyncio.sleep(random.uniform(1.0, 2.0))


async def layar(klien: Klien, sampai: float):
    await asyncio.sleep(random.uniform(0, 1))
    while time.monotonic() < sampai:
        await klien.minta("layar: isi", "GET", "/antrian/layar/isi/")
        await asyncio.sleep(1.0)


# The same-run reference: a page with no database work, polled alongside, so a
# slow run on a busy machine shows as a slow reference too. With two pools it
# is polled on each (on pst-loket directly: nginx sends /healthz to pst-web),
# and the office's screens are compared with the reference on their own pool.
RUJUKAN = "rujukan: /healthz"
RUJUKAN_LOKET = "rujukan: /healthz (pst-loket)"


async def rujukan(klien: Klien, sampai: float, jenis: str = RUJUKAN):
    await asyncio.sleep(random.uniform(0, 1))
    while time.monotonic() < sampai:
        await klien.minta(jenis, "GET", "/healthz")
        await asyncio.sleep(1.0)


# How late the generator's own event loop wakes up: a lag here is counted in
# every latency above it, so a run where it grows is measuring the client.
JEDA_KLIEN = "klien: jeda loop"


async def jeda_klien(hasil, sampai: float):
    while time.monotonic() < sampai:
        t0 = time.perf_counter()
        await asyncio.sleep(0.05)
        hasil[JEDA_KLIEN].append(max(time.perf_counter() - t0 - 0.05, 0.0))


async def jalankan(port, port_loket, data, n_pengguna, n_layar, detik):
    import aiohttp

    hasil = defaultdict(list)
    hasil["galat"] = defaultdict(int)
    konektor = aiohttp.TCPConnector(limit=n_pengguna + n_layar)
    async with aiohttp.ClientSession(
        connector=konektor, cookie_jar=aiohttp.DummyCookieJar(), timeout=aiohttp.ClientTimeout(total=30)
    ) as http:
        sampai = time.monotonic() + detik
        n_resepsionis = min(len(data["sesi_resepsionis"]), max(1, n_pengguna * 3 // 10))
        sesi_meja = data["sesi_resepsionis"][:n_resepsionis]

        def klien(sesi=None):
            return Klien(http, port, hasil, sesi, port_loket)

        tugas = [resepsionis(klien(s), data, sampai) for s in sesi_meja]
        tugas += [
            pengunjung(klien(s), nomor, sampai) for s, nomor in data["sesi_pengunjung"][: n_pengguna - n_resepsionis]
        ]
        tugas += [layar(klien(), sampai) for _ in range(n_layar)]
        tugas += [rujukan(klien(), sampai) for _ in range(5)]
        if port_loket != port:
            langsung = Klien(http, port_loket, hasil, port_loket=port_loket)
            tugas += [rujukan(langsung, sampai, RUJUKAN_LOKET) for _ in range(5)]
        tugas.append(jeda_klien(hasil, sampai))
        mulai = time.monotonic()
        await asyncio.gather(*tugas)
        return hasil, time.monotonic() - mulai


def persentil(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else 0.0


def duplikat_tiket(db: str) -> tuple[int, int]:
    import psycopg2

    conn = psycopg2.connect(host="127.0.0.1", user="postgres", dbname=db)
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM antrian_tiket WHERE tanggal = (now() AT TIME ZONE 'Asia/Jakarta')::date")
        total = cur.fetchone()[0]
        cur.execute(
            "SELECT count(*) FROM (SELECT 1 FROM antrian_tiket"
            " GROUP BY tanggal, layanan_id, nomor HAVING count(*) > 1) d"
        )
        dup = cur.fetchone()[0]
    conn.close()
    return total, dup


def cetak(hasil, durasi, tiket, dup):
    baris = [k for k in sorted(hasil) if k not in ("galat", "galat_teks", JEDA_KLIEN)]
    semua = [x for k in baris for x in hasil[k]]
    print(f"\nDurasi {durasi:.1f} s, {len(semua)} permintaan, {len(semua) / durasi:.1f} req/s")
    print(f"{'jenis':<32}{'n':>7}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'galat':>7}")
    for k in [*baris, "SEMUA"]:
        xs = semua if k == "SEMUA" else hasil[k]
        galat = sum(hasil["galat"].values()) if k == "SEMUA" else hasil["galat"][k]
        print(
            f"{k:<32}{len(xs):>7}{len(xs) / durasi:>8.1f}{persentil(xs, 50) * 1000:>9.0f}"
            f"{persentil(xs, 95) * 1000:>9.0f}{persentil(xs, 99) * 1000:>9.0f}{galat:>7}"
        )
    jeda = hasil.get(JEDA_KLIEN) or [0.0]
    print(f"{JEDA_KLIEN}: p50 {persentil(jeda, 50) * 1000:.0f} ms, p95 {persentil(jeda, 95) * 1000:.0f} ms")
    print(f"Tiket diterbitkan: {tiket}; nomor ganda: {dup}; beban mesin (1 menit): {os.getloadavg()[0]:.1f}")
    nama_acuan = RUJUKAN_LOKET if hasil.get(RUJUKAN_LOKET) else RUJUKAN
    acuan = persentil(hasil[nama_acuan], 95)
    for k in ("layar: isi", "resepsionis: terbitkan tiket"):
        if acuan and hasil[k]:
            print(f"p95 {k} / p95 {nama_acuan}: {persentil(hasil[k], 95) / acuan:.1f}×")
    for teks in sorted(set(hasil["galat_teks"]))[:10]:
        print("  galat:", teks)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pengguna", type=int, default=50)
    ap.add_argument("--layar", type=int, default=100)
    ap.add_argument("--detik", type=float, default=60)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument(
        "--workers-loket",
        type=int,
        default=2,
        help="the desk, counter and display pool (pst-loket.service); 0 = one pool for everything",
    )
    ap.add_argument("--db", default=os.environ.get("BENCH_DB", "pst_beban"))
    ap.add_argument("--tamu", type=int, default=2000, help="distinct walk-in guests for the desks")
    ap.add_argument("--tiket-lampau", type=int, default=1_200_000, help="past tickets seeded before the run")
    ap.add_argument(
        "--ulang",
        action="store_true",
        help="run again on the previous run's database and sessions (seeding takes minutes), today's queue emptied",
    )
    args = ap.parse_args()

    env = lingkungan(args.port, args.db)
    simpanan = Path(env["VAR_DIR"]) / "data.json"
    if args.ulang:
        # The code may have moved on since the seed: its migrations first, as a deploy runs them.
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=BASE, env=env, check=True)
        data = data_lama(simpanan, args.db)
        env["SECRET_KEY"] = data["kunci_rahasia"]  # the saved sessions are signed with it
    else:
        buat_database(args.db)
        data = siapkan_data(env, args.pengguna, args.pengguna, args.tamu, args.tiket_lampau)
        simpanan.parent.mkdir(parents=True, exist_ok=True)
        simpanan.write_text(json.dumps({**data, "kunci_rahasia": env["SECRET_KEY"]}))
    server = [mulai_server(env, args.port, args.workers)]
    port_loket = args.port
    if args.workers_loket:
        port_loket = args.port + 1
        server.append(mulai_server(env, port_loket, args.workers_loket, "gunicorn_loket.conf.py"))
        atur_nice_kelompok(server[1].pid, NICE_LOKET, "kolam pst-loket")
    atur_nice_kelompok(os.getpgrp(), NICE_KLIEN, "generator beban")
    cpu_awal = [cpu_sesi(proc.pid) for proc in server]
    try:
        hasil, durasi = asyncio.run(jalankan(args.port, port_loket, data, args.pengguna, args.layar, args.detik))
        cpu = [cpu_sesi(proc.pid) - awal for proc, awal in zip(server, cpu_awal, strict=True)]
    finally:
        for proc in server:
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in server:
            proc.wait(timeout=20)
    tiket, dup = duplikat_tiket(args.db)
    cetak(hasil, durasi, tiket, dup)
    for nama, detik in zip(("pst-web", "pst-loket"), cpu, strict=False):
        print(f"CPU {nama}: {detik:.1f} s = {detik / durasi:.2f} inti")
    galat = sum(hasil["galat"].values())
    sys.exit(1 if galat or dup else 0)


if __name__ == "__main__":
    main()
