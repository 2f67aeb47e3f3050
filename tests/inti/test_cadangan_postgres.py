"""A backup taken while the office works (PostgreSQL, writers in other threads)
restores into a fresh, empty database: it loads, every table has the row
count of the backup's snapshot, every file named is there byte for byte, and
text keeps its edge whitespace. Deleting a file waits for a running backup."""

import contextlib
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg2
import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from antrian.models import Kanal, Kunjungan, Layanan
from pst_layanan import cadangan, data_pribadi
from pst_layanan.tasks import hapus_berkas_task
from transaksi import retensi
from transaksi.models import DokumenPersyaratan, JenisDokumen, Transaksi

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TEKS = "  Penelitian skripsi\r\n\tbaris dua\u2028tiga\r  "
KUNCI = "kata sandi cadangan uji"


def _tulis_kunjungan_dan_transaksi(pengguna, layanan, jenis, nomor: str) -> None:
    """What a visitor does at the desk and online: a visit, its transaction, a requirement file."""
    with transaction.atomic():
        k = Kunjungan.objects.create(pengunjung=pengguna, layanan=layanan, kanal=Kanal.ONLINE, keperluan=" data ")
        t = Transaksi.objects.create(nomor=nomor, pemohon=pengguna, keperluan=f" {nomor} ", kunjungan=k)
        isi = b"%PDF-1.4\n" + nomor.encode() * 500
        d = DokumenPersyaratan(
            transaksi=t,
            jenis=jenis,
            nama_asli="surat.pdf",
            ukuran=len(isi),
            tipe="application/pdf",
            diunggah_oleh=pengguna,
        )
        d.berkas.save("surat.pdf", ContentFile(isi), save=False)
        d.save()


def _db_baru(nama: str) -> dict:
    """Connection parameters of a new, empty database `nama` on the test server."""
    s = connection.settings_dict
    param = {"host": s["HOST"], "port": s["PORT"] or 5432, "user": s["USER"], "password": s["PASSWORD"]}
    induk = psycopg2.connect(dbname="postgres", **param)
    induk.autocommit = True
    with induk.cursor() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{nama}"')
        c.execute(f'CREATE DATABASE "{nama}"')
    induk.close()
    return {**param, "dbname": nama}


def _hapus_db(nama: str, param: dict) -> None:
    induk = psycopg2.connect(**{**param, "dbname": "postgres"})
    induk.autocommit = True
    with induk.cursor() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{nama}"')
    induk.close()


def _manage(*args, param: dict, private_root: Path) -> None:
    """manage.py as the operator runs it, against the fresh database."""
    url = f"postgres://{param['user']}:{param['password'] or ''}@{param['host']}:{param['port']}/{param['dbname']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pst_layanan.settings",
        "DATABASE_URL": url,
        "PRIVATE_ROOT": str(private_root),
        cadangan.ENV_KUNCI: KUNCI,
    }
    hasil = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert hasil.returncode == 0, hasil.stderr[-3000:]


def test_cadangan_saat_kantor_bekerja_pulih_ke_database_kosong(
    postgres_wajib, private_root, tmp_path, pengunjung, monkeypatch
):
    layanan = Layanan.objects.get_or_create(kode="B", defaults={"nama": "Produk Statistik Berbayar"})[0]
    jenis = JenisDokumen.objects.order_by("pk").first() or JenisDokumen.objects.create(kode="ktp", nama="KTP")
    Transaksi.objects.create(nomor="PST-2026-000000", pemohon=pengunjung, keperluan=TEKS)
    # Enough rows that the dump takes a while, so the writers commit during it.
    Kunjungan.objects.bulk_create(
        Kunjungan(pengunjung=pengunjung, layanan=layanan, kanal=Kanal.ONLINE, tiba_pada=timezone.now())
        for _ in range(1500)
    )
    for i in range(5):
        _tulis_kunjungan_dan_transaksi(pengunjung, layanan, jenis, f"PST-AWAL-{i}")

    berhenti, commit, galat = threading.Event(), [], []

    def penulis(n):
        try:
            i = 0
            while not berhenti.is_set():
                _tulis_kunjungan_dan_transaksi(pengunjung, layanan, jenis, f"PST-{n}-{i:05d}")
                commit.append(time.monotonic())
                i += 1
        except Exception as e:  # pragma: no cover - reported below
            galat.append(e)
        finally:
            connection.close()

    benang = [threading.Thread(target=penulis, args=(n,)) for n in range(3)]
    for b in benang:
        b.start()
    while len(commit) < 6 and not galat:
        time.sleep(0.01)
    monkeypatch.setenv(cadangan.ENV_KUNCI, KUNCI)
    mulai = time.monotonic()
    call_command("cadangkan", ke=str(tmp_path / "cadangan"), stdout=io.StringIO())
    selesai = time.monotonic()
    time.sleep(0.2)
    berhenti.set()
    for b in benang:
        b.join(timeout=30)
    assert not galat
    assert any(mulai < t < selesai for t in commit), "penulis menulis selama pencadangan"

    (arsip,) = (tmp_path / "cadangan").glob("pst-*.tar.gz.enc")
    with tempfile.TemporaryDirectory() as tmp:
        info = cadangan.buka_arsip(arsip, Path(tmp), KUNCI)
    jumlah = info["jumlah"]
    assert 6 <= jumlah["transaksi.Transaksi"] < Transaksi.objects.count(), "potret di tengah penulisan"
    assert jumlah["transaksi.DokumenPersyaratan"] == len(info["berkas"]) == jumlah["transaksi.Transaksi"] - 1

    nama_db = f"{connection.settings_dict['NAME']}_pulih"
    param = _db_baru(nama_db)
    pulih_root = tmp_path / "pulih-berkas"
    try:
        _manage("migrate", "--noinput", param=param, private_root=pulih_root)
        _manage("pulihkan", str(arsip), "--noinput", param=param, private_root=pulih_root)
        baru = psycopg2.connect(**param)
        with baru.cursor() as c:
            for label, n in jumlah.items():
                c.execute(f'SELECT count(*) FROM "{apps.get_model(label)._meta.db_table}"')
                assert c.fetchone()[0] == n, label
            c.execute("SELECT keperluan FROM transaksi_transaksi WHERE nomor = 'PST-2026-000000'")
            assert c.fetchone()[0] == TEKS
            c.execute("SELECT berkas FROM transaksi_dokumenpersyaratan")
            disebut = [r[0] for r in c.fetchall()]
        baru.close()
    finally:
        _hapus_db(nama_db, param)
    assert len(disebut) == jumlah["transaksi.DokumenPersyaratan"]
    for nama in disebut:
        assert (pulih_root / nama).read_bytes() == (private_root / nama).read_bytes(), nama
    assert sorted(p.relative_to(pulih_root).as_posix() for p in pulih_root.rglob("*") if p.is_file()) == sorted(disebut)


def _dokumen_berkas(pengunjung, nomor: str) -> DokumenPersyaratan:
    """A requirement document with its file on disk."""
    jenis = JenisDokumen.objects.order_by("pk").first() or JenisDokumen.objects.create(kode="ktp", nama="KTP")
    t = Transaksi.objects.create(nomor=nomor, pemohon=pengunjung, keperluan="uji")
    d = DokumenPersyaratan(
        transaksi=t, jenis=jenis, nama_asli="a.pdf", ukuran=9, tipe="application/pdf", diunggah_oleh=pengunjung
    )
    d.berkas.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    d.save()
    return d


@contextlib.contextmanager
def _cadangan_berjalan():
    """A backup holding its file-deletion lock, from another connection, until the block ends."""
    dipegang, lepas = threading.Event(), threading.Event()

    def cadangan_berjalan():
        try:
            with cadangan._tahan_penghapusan("default"):
                dipegang.set()
                lepas.wait(timeout=30)
        finally:
            connection.close()

    a = threading.Thread(target=cadangan_berjalan)
    a.start()
    try:
        assert dipegang.wait(timeout=10)
        yield
    finally:
        lepas.set()
        a.join(timeout=10)


def test_penghapusan_berkas_menunggu_cadangan_yang_berjalan(postgres_wajib, private_root, pengunjung):
    """Retention deletes a file only after a running backup has copied its files."""
    d = _dokumen_berkas(pengunjung, "PST-2026-000009")
    path = private_root / d.berkas.name
    terhapus = threading.Event()

    def retensi_harian():
        try:
            retensi.hapus_berkas(DokumenPersyaratan.objects.filter(pk=d.pk), timezone.now())
            terhapus.set()
        finally:
            connection.close()

    with _cadangan_berjalan():
        b = threading.Thread(target=retensi_harian)
        b.start()
        time.sleep(1)
        assert not terhapus.is_set() and path.exists(), "penghapusan menunggu cadangan"
    b.join(timeout=10)
    assert terhapus.is_set() and not path.exists()
    assert DokumenPersyaratan.objects.get(pk=d.pk).berkas.name == ""


def test_penghapusan_data_pribadi_tidak_menunggu_cadangan_berkasnya_dihapus_sesudahnya(
    postgres_wajib, private_root, pengunjung
):
    """A visitor erasing their account while a backup runs gets their answer
    at once; their files go once the backup has copied its files."""
    d = _dokumen_berkas(pengunjung, "PST-2026-000010")
    path = private_root / d.berkas.name
    with _cadangan_berjalan():
        mulai = time.monotonic()
        data_pribadi.anonimkan(pengunjung)  # its on-commit work runs here, as in the visitor's request
        assert time.monotonic() - mulai < 5, "penghapusan akun menunggu cadangan"
        assert path.exists()  # the backup may still be copying it
        assert DokumenPersyaratan.objects.get(pk=d.pk).berkas.name == ""
    hapus_berkas_task()  # the backup's end, or the periodic job
    assert not path.exists()
