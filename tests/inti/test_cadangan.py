"""Backup → restore: the same rows, text byte for byte, exactly the files the
database names; encryption, rotation, and archives refused without a change."""

import errno
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db.migrations.loader import MigrationLoader

from conftest import buat_pengguna
from penilaian.models import LaporanBulanan
from pst_layanan import cadangan, cadangan_json, data_pribadi
from pst_layanan.cadangan import ENV_KUNCI, MAGIC
from pst_layanan.kalender import WIB
from pst_layanan.models import AksesDataPribadi, HariKantor, Pengguna, Surel
from transaksi.models import DokumenPersyaratan, JenisDokumen, Transaksi

pytestmark = pytest.mark.django_db(transaction=True)

BERKAS = {
    "persyaratan/2026/03/surat-pengantar.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 40,
    "laporan/2026/03/laporan-pst-2026-03.xlsx": b"PK\x03\x04isi",
}
YATIM = "produk/2026/03/tidak-disebut.csv"  # on disk, named by no row: not part of a backup
TEKS = "  Penelitian skripsi\r\n\tbaris dua\u2028tiga\r  "
WAKTU = datetime(2026, 3, 10, 9, 15, 30, 123456, tzinfo=WIB)


def potret():
    """What an officer would compare: people, roles, logs, outbox, calendar, files named."""
    return {
        "pengguna": sorted(
            Pengguna.objects.values_list("email", "nama_lengkap", "telepon", "npwp", "password", "is_staff")
        ),
        "peran": sorted((u.email, g) for u in Pengguna.objects.all() for g in u.groups.values_list("name", flat=True)),
        "izin_peran": sorted(Group.objects.values_list("name", "permissions__codename")),
        "akses": sorted(AksesDataPribadi.objects.values_list("petugas__email", "subjek__email", "halaman", "waktu")),
        "surel": sorted(Surel.objects.values_list("penerima", "subjek", "isi", "status", "percobaan")),
        "kalender": sorted(HariKantor.objects.values_list("tanggal", "jenis", "keterangan")),
        "transaksi": sorted(Transaksi.objects.values_list("nomor", "keperluan", "dibuat_pada")),
        "dokumen": sorted(DokumenPersyaratan.objects.values_list("berkas", "nama_asli", "catatan_petugas")),
        "laporan": sorted(LaporanBulanan.objects.values_list("bulan", "xlsx")),
    }


@pytest.fixture
def isi_kantor(private_root, petugas, pengunjung):
    """Rows of every kind, text with edge whitespace, and rows that name the files."""
    for nama, isi in {**BERKAS, YATIM: b"kode,wilayah\n"}.items():
        path = private_root / nama
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(isi)
    Pengguna.objects.filter(pk=pengunjung.pk).update(npwp="123456789012345", nama_lengkap=" Andi  ")
    data_pribadi.catat_akses(petugas, pengunjung, "/transaksi/1/")
    Surel.objects.create(penerima=[pengunjung.email], subjek="Kode billing", isi="Bayar sebelum …\r\n")
    HariKantor.objects.create(tanggal=date(2026, 5, 4), jenis="tutup", keterangan="Rapat kerja ")
    t = Transaksi.objects.create(nomor="PST-2026-000001", pemohon=pengunjung, keperluan=TEKS, dibuat_pada=WAKTU)
    DokumenPersyaratan.objects.create(
        transaksi=t,
        jenis=JenisDokumen.objects.order_by("pk").first() or JenisDokumen.objects.create(kode="ktp", nama="KTP"),
        berkas="persyaratan/2026/03/surat-pengantar.pdf",
        nama_asli=" surat pengantar.pdf",
        ukuran=len(BERKAS["persyaratan/2026/03/surat-pengantar.pdf"]),
        tipe="application/pdf",
        diunggah_oleh=pengunjung,
        catatan_petugas="\tstempel kurang jelas ",
    )
    LaporanBulanan.objects.create(
        bulan=date(2026, 3, 1), status="siap", xlsx="laporan/2026/03/laporan-pst-2026-03.xlsx"
    )
    return potret()


def cadangkan(tmp_path, **opsi):
    out = io.StringIO()
    call_command("cadangkan", ke=str(tmp_path / "cadangan"), stdout=out, **opsi)
    arsip = max((tmp_path / "cadangan").glob("pst-*"), key=lambda p: p.stat().st_mtime_ns)
    assert str(arsip) in out.getvalue()
    return arsip


def pulihkan(arsip):
    call_command("pulihkan", str(arsip), interactive=False, stdout=io.StringIO())


def test_cadangkan_lalu_pulihkan_ke_database_kosong(tmp_path, private_root, isi_kantor, pengunjung):
    sebelum = isi_kantor
    assert all(sebelum.values())

    arsip = cadangkan(tmp_path)
    assert arsip.name.startswith("pst-") and arsip.name.endswith(".tar.gz")
    assert oct(arsip.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(arsip) as tar:
        nama = tar.getnames()
        info = json.load(tar.extractfile("info.json"))
    # Exactly the files the database names, each with its size and hash.
    assert sorted(n for n in nama if n.startswith("berkas/")) == sorted(f"berkas/{n}" for n in BERKAS)
    assert set(info["berkas"]) == set(BERKAS) and info["jumlah"]["transaksi.Transaksi"] == 1

    call_command("flush", interactive=False, verbosity=0)
    assert not Pengguna.objects.exists() and not AksesDataPribadi.objects.exists()

    pulihkan(arsip)
    assert potret() == sebelum
    t = Transaksi.objects.get()
    assert t.keperluan == TEKS and t.dibuat_pada == WAKTU, "teks byte demi byte, waktu sampai mikrodetik"
    assert Pengguna.objects.get(email=pengunjung.email).nama_lengkap == " Andi  "
    for n, isi in BERKAS.items():
        assert (private_root / n).read_bytes() == isi
    assert not (private_root / YATIM).exists()
    # The files found there before the restore are kept aside, not lost.
    (lama,) = private_root.parent.glob("berkas.sebelum-*")
    assert (lama / YATIM).read_bytes() == b"kode,wilayah\n"
    # The restored people can log in with their old password.
    assert Pengguna.objects.get(email=pengunjung.email).check_password("sandi-uji-123")


def test_pulihkan_ke_database_yang_sudah_berisi(tmp_path, private_root, isi_kantor):
    arsip = cadangkan(tmp_path)
    pengunjung_lain = buat_pengguna("budi@contoh.id")
    Transaksi.objects.update(keperluan="diubah")
    Transaksi.objects.create(nomor="PST-2026-000002", pemohon=pengunjung_lain, keperluan="baru")
    (private_root / "persyaratan/2026/03/surat-pengantar.pdf").write_bytes(b"ditimpa")

    pulihkan(arsip)
    assert potret() == isi_kantor
    assert not Pengguna.objects.filter(email=pengunjung_lain.email).exists()
    assert (private_root / "persyaratan/2026/03/surat-pengantar.pdf").read_bytes() == BERKAS[
        "persyaratan/2026/03/surat-pengantar.pdf"
    ]


def test_pulihkan_folder_bukan_arsip_dijelaskan(tmp_path):
    """The backup folder named instead of one archive in it: it exists, so "not found" misled."""
    with pytest.raises(CommandError, match=f"{tmp_path} adalah folder; sebutkan berkas arsipnya"):
        call_command("pulihkan", str(tmp_path), interactive=False, stdout=io.StringIO())


@pytest.mark.parametrize("galat", [EOFError, KeyboardInterrupt])
def test_pulihkan_tanpa_jawaban_dibatalkan_tanpa_traceback(tmp_path, private_root, isi_kantor, monkeypatch, galat):
    """Run from a script without --noinput (stdin closed), Ctrl-D or Ctrl-C at the question."""
    arsip = cadangkan(tmp_path)
    Transaksi.objects.update(keperluan="diubah")

    def tanpa_jawaban(pertanyaan):
        raise galat

    monkeypatch.setattr("builtins.input", tanpa_jawaban)
    with pytest.raises(CommandError, match="Dibatalkan; tanpa terminal untuk menjawab, pakai --noinput"):
        call_command("pulihkan", str(arsip), stdout=io.StringIO())
    assert set(Transaksi.objects.values_list("keperluan", flat=True)) == {"diubah"}


def test_pulihkan_menolak_pengguna_selain_pemilik_berkas(tmp_path, private_root, isi_kantor, monkeypatch):
    """Run as root, the restored files could not be read by the site's user."""
    arsip = cadangkan(tmp_path)
    Transaksi.objects.update(keperluan="diubah")
    monkeypatch.setattr(os, "geteuid", lambda: private_root.stat().st_uid + 1)
    with pytest.raises(CommandError, match="jalankan pulihkan sebagai pengguna itu"):
        pulihkan(arsip)
    assert Transaksi.objects.get().keperluan == "diubah"
    assert not list(private_root.parent.glob("berkas.sebelum-*"))


def test_arsip_terenkripsi_dan_kata_sandi_salah(tmp_path, private_root, isi_kantor, monkeypatch):
    monkeypatch.setenv(ENV_KUNCI, "kata sandi cadangan yang panjang")
    arsip = cadangkan(tmp_path)
    isi = arsip.read_bytes()
    assert arsip.name.endswith(".tar.gz.enc") and isi.startswith(MAGIC)
    assert b"andi@contoh.id" not in isi and b"%PDF" not in isi
    with pytest.raises(tarfile.TarError), tarfile.open(arsip):
        pass

    Transaksi.objects.update(keperluan="sesudah cadangan")
    monkeypatch.setenv(ENV_KUNCI, "kata sandi lain")
    with pytest.raises(CommandError, match=r"Kata sandi cadangan \(PST_CADANGAN_KUNCI\) salah"):
        pulihkan(arsip)
    monkeypatch.delenv(ENV_KUNCI)
    with pytest.raises(CommandError, match="terenkripsi: isi PST_CADANGAN_KUNCI"):
        pulihkan(arsip)
    assert Transaksi.objects.get().keperluan == "sesudah cadangan", "tidak ada yang diubah"
    assert not list(private_root.parent.glob("berkas.sebelum-*"))

    monkeypatch.setenv(ENV_KUNCI, "kata sandi cadangan yang panjang")
    pulihkan(arsip)
    assert potret() == isi_kantor


@pytest.mark.parametrize("kunci", [None, "sandi-uji"])
def test_arsip_terpotong_atau_diubah_ditolak(kunci, tmp_path, private_root, isi_kantor, monkeypatch):
    if kunci:
        monkeypatch.setenv(ENV_KUNCI, kunci)
    arsip = cadangkan(tmp_path)
    utuh = arsip.read_bytes()
    Transaksi.objects.update(keperluan="sesudah cadangan")
    rusak = [utuh[: len(utuh) - 200], utuh[: len(utuh) // 2]]
    for k in range(1, 8):  # one byte flipped, at seven places through the archive
        diubah = bytearray(utuh)
        diubah[len(utuh) * k // 8] ^= 0xFF
        rusak.append(bytes(diubah))
    for isi in rusak:
        arsip.write_bytes(isi)
        with pytest.raises(CommandError, match="terpotong|rusak|bukan arsip cadangan yang sah|tidak lengkap"):
            pulihkan(arsip)
    assert Transaksi.objects.get().keperluan == "sesudah cadangan", "tidak ada yang diubah"
    assert not list(private_root.parent.glob("berkas.sebelum-*"))


def test_rotasi_menyimpan_n_arsip_terbaru(tmp_path, private_root, settings):
    settings.PST_CADANGAN_SIMPAN = 2
    dibuat = []
    for jam in (1, 2, 3):
        with time_machine.travel(datetime(2026, 3, 16, jam, 0, tzinfo=WIB)):
            dibuat.append(cadangkan(tmp_path).name)
    assert dibuat[0] == "pst-20260316-010000.tar.gz"
    assert sorted(p.name for p in (tmp_path / "cadangan").iterdir()) == dibuat[1:]
    with time_machine.travel(datetime(2026, 3, 16, 4, 0, tzinfo=WIB)):
        cadangkan(tmp_path, simpan=0)
    assert len(list((tmp_path / "cadangan").iterdir())) == 3, "--simpan 0: tidak ada yang dihapus"


def test_berkas_yang_disebut_tetapi_hilang_dilaporkan(tmp_path, private_root, isi_kantor):
    (tmp_path / "cadangan").mkdir()
    lama = tmp_path / "cadangan" / "pst-20260101-010000.tar.gz"
    lama.write_bytes(b"arsip lama")
    (private_root / "laporan/2026/03/laporan-pst-2026-03.xlsx").unlink()
    with pytest.raises(CommandError, match="1 berkas yang disebut database tidak ada.*laporan-pst-2026-03.xlsx"):
        call_command("cadangkan", ke=str(tmp_path / "cadangan"), simpan=1, stdout=io.StringIO())
    assert lama.exists(), "arsip lama tidak dirotasi selama ada berkas hilang"
    baru = max((tmp_path / "cadangan").iterdir(), key=lambda p: p.name)
    with tarfile.open(baru) as tar:
        assert json.load(tar.extractfile("info.json"))["hilang"] == ["laporan/2026/03/laporan-pst-2026-03.xlsx"]


def test_cadangan_gagal_sampai_ke_admins_tanpa_nama_berkas(tmp_path, private_root, isi_kantor, settings):
    """The daily timer runs unattended and nobody reads the journal: a failed backup
    reaches ADMINS through the outbox, without the stored file names (an uploader's
    own names), so backups cannot fail for weeks unseen."""
    settings.ADMINS = [("ops@bps.go.id", "ops@bps.go.id")]
    (private_root / "persyaratan/2026/03/surat-pengantar.pdf").unlink()
    with pytest.raises(CommandError, match="surat-pengantar.pdf"):
        call_command("cadangkan", ke=str(tmp_path / "cadangan"), stdout=io.StringIO())
    [peringatan] = Surel.objects.filter(subjek__startswith="[PST] Galat")
    assert peringatan.penerima == ["ops@bps.go.id"]
    assert "Cadangan gagal: 1 berkas yang disebut database tidak ada" in peringatan.isi
    assert "surat-pengantar" not in peringatan.isi


def test_timer_tanpa_kata_sandi_sampai_ke_admins(tmp_path, private_root, isi_kantor, settings, monkeypatch):
    """The site runs without PST_CADANGAN_KUNCI; the daily backup refusing to
    write an unencrypted archive reaches ADMINS like any failed backup, or the
    archives would stop every night with only the journal knowing."""
    settings.ADMINS = [("ops@bps.go.id", "ops@bps.go.id")]
    monkeypatch.delenv(ENV_KUNCI, raising=False)
    with pytest.raises(CommandError, match=f"{ENV_KUNCI} .* belum diisi"):
        call_command("cadangkan", ke=str(tmp_path / "cadangan"), wajib_terenkripsi=True, stdout=io.StringIO())
    [peringatan] = Surel.objects.filter(subjek__startswith="[PST] Galat")
    assert peringatan.penerima == ["ops@bps.go.id"] and ENV_KUNCI in peringatan.isi
    assert not (tmp_path / "cadangan").exists() or not list((tmp_path / "cadangan").iterdir())


def test_skrip_timer_tanpa_kata_sandi_gagal_lewat_perintahnya(tmp_path):
    """deploy/cadangkan.sh leaves the refusal to the command, whose ERROR record
    is what ADMINS are mailed from, instead of stopping in the shell unseen."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PST_CADANGAN", "DATABASE_URL"))}
    env.update(VAR_DIR=str(tmp_path / "var"), PST_CADANGAN_KUNCI="", LOG_FORMAT="teks")
    skrip = Path(__file__).resolve().parents[2] / "deploy" / "cadangkan.sh"
    hasil = subprocess.run(["bash", str(skrip)], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert hasil.returncode != 0
    assert "ERROR" in hasil.stderr and f"Cadangan gagal: {ENV_KUNCI}" in hasil.stderr
    assert not (tmp_path / "var" / "cadangan").exists() or not list((tmp_path / "var" / "cadangan").iterdir())


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_salinan_ke_luar_mesin_menambah_arsip_di_tujuan(tmp_path, private_root, isi_kantor):
    """--salin-ke copies the folder's archives to the off-machine target (rsync
    to a mounted folder here), adding to what is there."""
    nas = tmp_path / "nas"
    nas.mkdir()
    (nas / "pst-20250101-013000.tar.gz.enc").write_bytes(b"arsip lama di seberang")
    arsip = cadangkan(tmp_path, salin_ke=str(nas))
    assert (nas / arsip.name).read_bytes() == arsip.read_bytes()
    assert (nas / "pst-20250101-013000.tar.gz.enc").exists()


def test_salinan_ke_luar_mesin_yang_gagal_sampai_ke_admins(tmp_path, private_root, isi_kantor, settings):
    """The nightly copy off the machine failing (a far side full or read-only,
    a key refused) fails the command and reaches ADMINS like a failed backup,
    so the off-site copies cannot stop for months unseen; the archive is kept."""
    settings.ADMINS = [("ops@bps.go.id", "ops@bps.go.id")]
    bukan_folder = tmp_path / "nas"
    bukan_folder.write_text("sebuah berkas, bukan folder")
    with pytest.raises(CommandError, match="tersimpan, tetapi salinan ke luar mesin .* gagal"):
        call_command("cadangkan", ke=str(tmp_path / "cadangan"), salin_ke=str(bukan_folder), stdout=io.StringIO())
    assert len(list((tmp_path / "cadangan").glob("pst-*"))) == 1
    [peringatan] = Surel.objects.filter(subjek__startswith="[PST] Galat")
    assert "salinan ke luar mesin" in peringatan.isi


def test_dump_yang_gagal_sampai_ke_admins(tmp_path, private_root, isi_kantor, settings, monkeypatch):
    """The dump itself failing (the temporary disk full) is the backup's own
    Indonesian failure, mailed to ADMINS, never dumpdata's English
    CommandError past the command's alert, and nothing it left open (the
    serializer's cursor) complains after it. It names the temporary folder
    and TMPDIR, not the archive's disk, which has room."""
    settings.ADMINS = [("ops@bps.go.id", "ops@bps.go.id")]
    pesan = f"Ruang di folder sementara {tempfile.gettempdir()} habis saat menyalin database"

    def gagal(self, obj):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cadangan_json.Serializer, "end_object", gagal)
    with pytest.raises(CommandError, match=pesan):
        call_command("cadangkan", ke=str(tmp_path / "cadangan"), stdout=io.StringIO())
    [peringatan] = Surel.objects.filter(subjek__startswith="[PST] Galat")
    assert "Cadangan gagal: " in peringatan.isi and pesan in peringatan.isi and "TMPDIR=" in peringatan.isi
    assert not list((tmp_path / "cadangan").iterdir()), "tidak ada arsip setengah jadi"


def _arsip_dengan(tmp_path, asli, tambahan: dict[str, bytes]):
    """A copy of a real archive with extra members."""
    jahat = tmp_path / "jahat.tar.gz"
    with tarfile.open(asli) as masuk, tarfile.open(jahat, "w:gz") as keluar:
        for anggota in masuk.getmembers():
            keluar.addfile(anggota, masuk.extractfile(anggota) if anggota.isfile() else None)
        for nama, isi in tambahan.items():
            info = tarfile.TarInfo(nama)
            info.size = len(isi)
            keluar.addfile(info, io.BytesIO(isi))
    return jahat


@pytest.mark.parametrize("nama", ["../../etc/x", "berkas/../../etc/x", "/etc/x", "berkas/produk/asing.csv", "lain.txt"])
def test_pulihkan_menolak_anggota_asing(nama, tmp_path, private_root, isi_kantor):
    arsip = cadangkan(tmp_path)
    jahat = _arsip_dengan(tmp_path, arsip, {nama: b"x"})
    Transaksi.objects.update(keperluan="sesudah cadangan")
    with pytest.raises(CommandError, match="tidak sah|ditolak"):
        pulihkan(jahat)
    assert not (tmp_path.parent / "etc/x").exists() and not (tmp_path / "etc").exists()
    assert Transaksi.objects.get().keperluan == "sesudah cadangan", "database tidak disentuh"
    assert not list(private_root.parent.glob("berkas.sebelum-*"))


def test_data_yang_tidak_dapat_dimuat_ditolak_dengan_pesan_tanpa_mengubah_apa_pun(tmp_path, private_root, isi_kantor):
    """An archive of another schema (a model this version does not know): a
    message, not a traceback, and the database as it was."""
    arsip = cadangkan(tmp_path)
    asing = tmp_path / "asing.tar.gz"
    with tarfile.open(arsip) as masuk, tarfile.open(asing, "w:gz") as keluar:
        for anggota in masuk.getmembers():
            isi = masuk.extractfile(anggota) if anggota.isfile() else None
            if anggota.name.endswith("data.jsonl"):
                data = b'{"model": "x.nosuch", "pk": 1, "fields": {}}\n' + isi.read()
                anggota.size, isi = len(data), io.BytesIO(data)
            keluar.addfile(anggota, isi)
    Transaksi.objects.update(keperluan="sesudah cadangan")
    with pytest.raises(CommandError, match="Data arsip tidak dapat dimuat; database tidak diubah"):
        pulihkan(asing)
    assert Transaksi.objects.get().keperluan == "sesudah cadangan"


@pytest.fixture
def migrasi_terakhir():
    """transaksi's last two migrations; the last one's record is put back after the test."""
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    nama = sorted(n for a, n in MigrationLoader(None, ignore_no_migrations=True).disk_migrations if a == "transaksi")
    catatan = MigrationRecorder(connection)
    yield catatan, nama[-2], nama[-1]
    catatan.record_applied("transaksi", nama[-1])


def test_arsip_sebelum_migrasi_database_ditolak_dengan_langkahnya(tmp_path, private_root, isi_kantor, migrasi_terakhir):
    """The backup an upgrade takes first, restored after the upgrade's migrations
    ran: its rows would load without what those migrations filled in (a new
    column's default in every row), so it is refused, naming the way back."""
    catatan, sebelumnya, terakhir = migrasi_terakhir
    catatan.record_unapplied("transaksi", terakhir)
    arsip = cadangkan(tmp_path)
    catatan.record_applied("transaksi", terakhir)  # the upgrade
    Transaksi.objects.update(keperluan="sesudah cadangan")

    with pytest.raises(CommandError) as galat:
        pulihkan(arsip)
    pesan = str(galat.value)
    assert f"transaksi.{terakhir}" in pesan
    assert f"manage.py migrate transaksi {sebelumnya}" in pesan and "tidak ada yang diubah" in pesan
    assert Transaksi.objects.get().keperluan == "sesudah cadangan"
    assert not list(private_root.parent.glob("berkas.sebelum-*"))


def test_database_yang_belum_dimigrasi_sejauh_arsip_ditolak(tmp_path, private_root, isi_kantor, migrasi_terakhir):
    catatan, _sebelumnya, terakhir = migrasi_terakhir
    arsip = cadangkan(tmp_path)
    catatan.record_unapplied("transaksi", terakhir)
    Transaksi.objects.update(keperluan="sesudah cadangan")

    with pytest.raises(CommandError, match=rf"belum dimigrasi sejauh .*transaksi\.{terakhir}.*manage\.py migrate"):
        pulihkan(arsip)
    assert Transaksi.objects.get().keperluan == "sesudah cadangan"


def test_folder_cadangan_yang_tidak_dapat_dipakai(tmp_path, private_root):
    bukan_folder = tmp_path / "berkas-biasa"
    bukan_folder.write_text("x")
    with pytest.raises(CommandError, match="Folder cadangan .* tidak dapat dipakai"):
        call_command("cadangkan", ke=str(bukan_folder), stdout=io.StringIO())


def test_disk_penuh_saat_mencadangkan_dilaporkan_dan_arsip_lama_tetap(tmp_path, private_root, settings, monkeypatch):
    """A full disk ends the nightly job in one line that says so, not a
    traceback, with no half archive left and every older archive kept."""
    settings.PST_CADANGAN_SIMPAN = 1
    with time_machine.travel(datetime(2026, 3, 16, 1, 0, tzinfo=WIB)):
        lama = cadangkan(tmp_path)

    def penuh(tujuan, *args):
        tujuan.write_bytes(b"sebagian")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cadangan, "_tulis_arsip", penuh)
    with (
        time_machine.travel(datetime(2026, 3, 16, 2, 0, tzinfo=WIB)),
        pytest.raises(
            CommandError, match=f"tidak dapat ditulis.*{os.strerror(errno.ENOSPC)}.*arsip lama tidak dihapus"
        ),
    ):
        call_command("cadangkan", ke=str(tmp_path / "cadangan"), stdout=io.StringIO())
    assert [p.name for p in (tmp_path / "cadangan").iterdir()] == [lama.name]


@pytest.mark.parametrize("kunci", [None, "sandi-uji"])
def test_folder_sementara_penuh_bukan_arsip_rusak(kunci, tmp_path, private_root, isi_kantor, monkeypatch):
    """The archive is opened in the temporary folder first (often a small
    tmpfs /tmp): that folder filling up is said as such, with the way around
    it, not as a damaged archive nor a traceback, and nothing is changed."""
    if kunci:
        monkeypatch.setenv(ENV_KUNCI, kunci)
    arsip = cadangkan(tmp_path)
    Transaksi.objects.update(keperluan="sesudah cadangan")
    buka_asli = tarfile.bltn_open
    path_open = Path.open

    def ke_disk_penuh(berkas, mode="r", *args, **kwargs):
        # Every file written in the temporary folder lands on a full disk.
        if "w" in mode and str(berkas).startswith(tempfile.gettempdir()):
            return buka_asli("/dev/full", mode)
        return buka_asli(berkas, mode, *args, **kwargs)

    monkeypatch.setattr(tarfile, "bltn_open", ke_disk_penuh)
    monkeypatch.setattr(
        Path,
        "open",
        lambda self, mode="r", *a, **k: ke_disk_penuh(self, mode) if "w" in mode else path_open(self, mode, *a, **k),
    )
    with pytest.raises(CommandError) as galat:
        pulihkan(arsip)
    pesan = str(galat.value)
    assert "Ruang di folder sementara" in pesan and "TMPDIR=" in pesan and "tidak ada yang diubah" in pesan
    assert "bukan arsip cadangan yang sah" not in pesan
    assert Transaksi.objects.get().keperluan == "sesudah cadangan"


def test_disk_penuh_saat_memasang_berkas_dilaporkan(tmp_path, private_root, isi_kantor, monkeypatch):
    """The data is restored and the files' copy fails halfway (the disk
    filled after the space check): the command says in one short line, not
    in a traceback nor a list of every file, what is restored, what is not,
    where the previous files are, and to run it again."""
    arsip = cadangkan(tmp_path)
    (private_root / "lama.txt").write_text("berkas sebelum pemulihan")

    def penuh(sumber, tujuan, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(sumber))

    monkeypatch.setattr("shutil.copy2", penuh)
    with pytest.raises(
        CommandError, match=f"Database sudah dipulihkan .*{os.strerror(errno.ENOSPC)}.*pulihkan lagi"
    ) as e:
        pulihkan(arsip)
    assert "surat-pengantar" not in str(e.value) and len(str(e.value)) < 400
    [sebelum] = private_root.parent.glob(f"{private_root.name}.sebelum-*")
    assert (sebelum / "lama.txt").read_text() == "berkas sebelum pemulihan"
    assert f"Berkas sebelumnya tersimpan di {sebelum}" in str(e.value)


def test_disk_penuh_tanpa_berkas_sebelumnya_tidak_menunjuk_folder_yang_tidak_ada(
    tmp_path, private_root, isi_kantor, monkeypatch
):
    """A restore into an empty PRIVATE_ROOT (a new server) whose copy fails
    says there were no previous files, not to look for a folder of them
    that was never made."""
    arsip = cadangkan(tmp_path)
    shutil.rmtree(private_root)

    def penuh(sumber, tujuan, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(sumber))

    monkeypatch.setattr("shutil.copy2", penuh)
    with pytest.raises(CommandError, match="Tidak ada berkas sebelumnya") as e:
        pulihkan(arsip)
    assert "sebelum-" not in str(e.value)
    assert not list(private_root.parent.glob(f"{private_root.name}.sebelum-*"))


def test_disk_yang_tidak_muat_ditolak_sebelum_database_dikosongkan(
    tmp_path, private_root, isi_kantor, pengunjung, monkeypatch
):
    """Restore refuses before it changes anything when the private files'
    disk cannot take the archive's files: the database keeps its rows and
    the files stay in place, and the message says how much is needed."""
    arsip = cadangkan(tmp_path)
    Transaksi.objects.create(nomor="PST-2026-000002", pemohon=pengunjung)
    sekarang = potret()
    monkeypatch.setattr("shutil.disk_usage", lambda path: shutil._ntuple_diskusage(10**9, 10**9 - 4096, 4096))
    with pytest.raises(
        CommandError, match="Ruang disk .* tidak cukup .*perlu 16 KB, tersisa 4 KB.*tidak ada yang diubah"
    ):
        pulihkan(arsip)
    assert potret() == sekarang
    assert (private_root / YATIM).is_file()
    assert not list(private_root.parent.glob(f"{private_root.name}.sebelum-*"))


def test_pulihkan_menolak_arsip_asing(tmp_path, private_root, pengunjung):
    jahat = tmp_path / "jahat.tar.gz"
    with tarfile.open(jahat, "w:gz") as tar:
        isi = b"x"
        info = tarfile.TarInfo("../../keluar.txt")
        info.size = len(isi)
        tar.addfile(info, io.BytesIO(isi))
    with pytest.raises(CommandError, match="bukan arsip cadangan yang sah"):
        call_command("pulihkan", str(jahat), interactive=False)
    bukan = tmp_path / "bukan.tar.gz"
    bukan.write_bytes(b"bukan arsip")
    with pytest.raises(CommandError, match="bukan arsip cadangan yang sah"):
        call_command("pulihkan", str(bukan), interactive=False)
    assert not (tmp_path.parent / "keluar.txt").exists()
    assert Pengguna.objects.filter(pk=pengunjung.pk).exists(), "database tidak disentuh"


@pytest.fixture
def induk_terkunci(private_root, monkeypatch):
    """PRIVATE_ROOT in a folder the site's user cannot write (a disk mounted at
    /srv/pst-berkas, owned by pst under a root-owned /srv): the folder itself is
    writable, but it can be neither renamed nor removed."""
    induk = private_root.parent
    akses_asli, rename_asli, rmdir_asli = os.access, Path.rename, Path.rmdir

    def akses(path, mode, *args, **kwargs):
        if Path(path) == induk and mode & os.W_OK:
            return False
        return akses_asli(path, mode, *args, **kwargs)

    def ditolak(asli):
        def ganti(self, *args):
            if self.parent == induk:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
            return asli(self, *args)

        return ganti

    monkeypatch.setattr(os, "access", akses)
    monkeypatch.setattr(Path, "rename", ditolak(rename_asli))
    monkeypatch.setattr(Path, "rmdir", ditolak(rmdir_asli))
    return induk


def test_pulihkan_ke_folder_berkas_kosong_yang_induknya_tidak_dapat_ditulis(
    tmp_path, private_root, isi_kantor, induk_terkunci
):
    """A new server's empty PRIVATE_ROOT needs no moving aside: the restore
    fills it in place instead of removing and making it again."""
    arsip = cadangkan(tmp_path)
    call_command("flush", interactive=False, verbosity=0)
    for isi in list(private_root.iterdir()):
        shutil.rmtree(isi)

    pulihkan(arsip)
    assert potret() == isi_kantor
    for n, isi in BERKAS.items():
        assert (private_root / n).read_bytes() == isi


@pytest.mark.parametrize("sebab", ["induk", "titik kait"])
def test_berkas_yang_tidak_dapat_disisihkan_ditolak_sebelum_database_dikosongkan(
    sebab, tmp_path, private_root, isi_kantor, pengunjung, induk_terkunci, monkeypatch
):
    """Files that cannot be moved aside (the folder's parent not writable, or
    the folder a mount point) are found before the database is emptied, not
    after it is restored: nothing changes and the message says what to do."""
    arsip = cadangkan(tmp_path)
    Transaksi.objects.create(nomor="PST-2026-000002", pemohon=pengunjung)
    sekarang = potret()
    if sebab == "titik kait":
        monkeypatch.setattr(os, "access", lambda *a, **k: True)
        monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == private_root)
    with pytest.raises(CommandError, match=f"{private_root} .*kosong.*tidak ada yang diubah") as galat:
        pulihkan(arsip)
    assert "Database sudah dipulihkan" not in str(galat.value)
    assert potret() == sekarang
    assert (private_root / YATIM).is_file()


@pytest.mark.parametrize("kunci", [None, "sandi-uji"])
def test_arsip_yang_tidak_dapat_dibaca_dijelaskan_tanpa_traceback(
    kunci, tmp_path, private_root, isi_kantor, monkeypatch
):
    """An archive this user may not read (made by root with `sudo ... cadangkan`, 0600,
    then restored as the site's user, as pulihkan itself asks) is said to be unreadable,
    in one line, not a traceback, and nothing is changed."""
    if kunci:
        monkeypatch.setenv(ENV_KUNCI, kunci)
    arsip = cadangkan(tmp_path)
    Transaksi.objects.update(keperluan="sesudah cadangan")
    open_asli = Path.open

    def open_ditolak(self, mode="r", *args, **kwargs):
        if self == arsip:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return open_asli(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_ditolak)
    with pytest.raises(CommandError, match=f"{arsip.name} tidak dapat dibaca.*tidak ada yang diubah") as galat:
        pulihkan(arsip)
    assert "bukan arsip cadangan yang sah" not in str(galat.value)
    assert Transaksi.objects.get().keperluan == "sesudah cadangan"
