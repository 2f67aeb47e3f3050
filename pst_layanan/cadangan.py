"""Backups that can be restored: one snapshot, the files it names, encryption, rotation.

`buat_cadangan` (manage.py cadangkan) reads the whole database inside ONE
read-only transaction — on PostgreSQL `REPEATABLE READ READ ONLY`, so every
query of the serializer sees the same snapshot, and a row written meanwhile
is either wholly in the archive with what it points at, or not at all. In
that same snapshot it counts the rows and lists the files the FileFields
name; the archive holds exactly those files (checked by size and SHA-256 at
restore). Deleting a private file waits for a running backup
(`kunci_hapus_berkas`), so a file the snapshot names is still on disk when
it is copied; files written after the snapshot are simply not needed. A
request never waits: it queues the files (`hapus_setelah_commit`) and the
file job deletes them when no backup runs (`hapus_antrean`).

The archive is a tar.gz: `info.json` (format, time, row counts, file list),
`data.jsonl` (dumpdata with natural keys, full-precision JSON, see
cadangan_json.py) and `berkas/<name>`. With PST_CADANGAN_KUNCI set it is
encrypted: a scrypt-derived key, and the stream cut into numbered Fernet
chunks (authenticated; the last one is flagged, so a cut-off or reordered
archive is refused). The newest N archives are kept.

`pulihkan` refuses before touching anything: a wrong passphrase, a damaged
or truncated archive, a member outside `info.json`/`data.jsonl`/`berkas/`
(no `..`, no absolute paths, no links), a missing or altered file. Then it
empties the database and loads the data in one transaction.
"""

from __future__ import annotations

import base64
import errno
import gzip
import hashlib
import io
import json
import logging
import os
import re
import secrets
import shutil
import struct
import tarfile
import tempfile
import traceback
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.dispatch import Signal
from django.utils import timezone

from pst_layanan.berkas import jalur_tanpa_nama, sebab_gagal
from pst_layanan.celery import terbitkan
from pst_layanan.format import ukuran_berkas
from pst_layanan.models import BerkasDihapus

log = logging.getLogger(__name__)

# Sent once a restore's data is committed: an app renews the copies it keeps in
# the shared cache of the data the restore replaced (the queue's screens; the
# offices and calendar are renewed by their rows' save signals as they load).
# Those keys only, never the whole cache: its Redis database may hold the
# broker too, and the rate limits and alert windows are not the archive's.
dipulihkan = Signal()

FORMAT = 2
INFO = "info.json"
DATA = "data.jsonl"
DATA_FORMAT_1 = "data.xml"  # archives of format 1 (XML) are still restored
BERKAS = "berkas"
# A write refused for want of room (the disk, or the user's quota).
RUANG_HABIS = (errno.ENOSPC, errno.EDQUOT)
# The block a file takes at least on an ext4 or XFS disk (restore's space check).
BLOK_DISK = 4096
# The file-deletion queue names files no row names, so none is in the archive;
# an erased visitor's file name in it would outlive the erasure there.
DIKECUALIKAN = ["contenttypes", "auth.permission", "sessions", "pst_layanan.berkasdihapus"]
FORMAT_SERIAL = "pst-json"
ENV_KUNCI = "PST_CADANGAN_KUNCI"
NAMA_ARSIP = re.compile(r"^pst-(\d{8}-\d{6})(?:-(\d+))?\.tar\.gz(\.enc)?$")
# Any constant works; it only has to be the same for the backup and the deleters.
KUNCI_ADVISORY = 0x5057_4341  # "PSTCA"
# Queued files one run of the file job deletes at most; a full run queues the next.
BATAS_HAPUS = 500


class CadanganGagal(Exception):
    """A backup or restore refused, with the Indonesian reason for the operator."""


# --- one snapshot --------------------------------------------------------------------------------


@contextmanager
def kunci_hapus_berkas(using: str = DEFAULT_DB_ALIAS, tunggu: bool = True):
    """Around code that deletes a private file named by the database: waits
    while a backup copies files, so the file a backup's snapshot names is
    still there when it is copied. A transaction; the lock ends with it.
    With `tunggu=False` it never waits: it yields False while a backup runs."""
    with transaction.atomic(using=using):
        conn = connections[using]
        bebas = True
        if conn.vendor == "postgresql":
            with conn.cursor() as c:
                if tunggu:
                    c.execute("SELECT pg_advisory_xact_lock(%s)", [KUNCI_ADVISORY])
                else:
                    c.execute("SELECT pg_try_advisory_xact_lock(%s)", [KUNCI_ADVISORY])
                    bebas = c.fetchone()[0]
        yield bebas


def hapus_setelah_commit(nama, using: str = DEFAULT_DB_ALIAS) -> None:
    """Delete the private files `nama` once the caller's transaction, which
    stopped naming them, commits (none if it rolls back). They are queued as
    rows of that transaction: the request never waits for a running backup,
    and a process that dies after the commit leaves the rows for the file
    job, never a file that nothing names."""
    baris = [BerkasDihapus(nama=n) for n in nama if n]
    if baris:
        BerkasDihapus.objects.using(using).bulk_create(baris)
        transaction.on_commit(_antrekan_hapus, using=using)


def _antrekan_hapus() -> None:
    from pst_layanan.tasks import hapus_berkas_task

    # A broker that cannot take it leaves the rows to the periodic run.
    terbitkan(hapus_berkas_task)


def hapus_antrean(using: str = DEFAULT_DB_ALIAS, batas: int = BATAS_HAPUS) -> int | None:
    """The file job: delete up to `batas` queued files and their rows. None,
    touching nothing, while a backup copies files (the backup runs the job
    again when it ends) or another deleter holds the lock (the periodic run
    takes up what it left). A file the disk refuses stays queued for the next
    run, and the run goes on past it: files that keep failing never hold up
    the ones queued after them."""
    with kunci_hapus_berkas(using, tunggu=False) as bebas:
        if not bebas:
            return None
        antre = BerkasDihapus.objects.using(using).select_for_update(skip_locked=True).order_by("pk")
        dihapus, terakhir = [], 0
        while len(dihapus) < batas and (baris := list(antre.filter(pk__gt=terakhir)[: batas - len(dihapus)])):
            dihapus += [b.pk for b in baris if _hapus_berkas(b.nama)]
            terakhir = baris[-1].pk
        BerkasDihapus.objects.using(using).filter(pk__in=dihapus).delete()
    return len(dihapus)


def _hapus_berkas(nama: str) -> bool:
    """Delete one queued file; False, logged, when the disk refuses."""
    try:
        default_storage.delete(nama)
    except OSError as exc:
        log.error("Berkas %s gagal dihapus: %s", jalur_tanpa_nama(nama), sebab_gagal(exc))
        return False
    return True


@contextmanager
def _tahan_penghapusan(using: str):
    """Held by a backup from before its snapshot until its files are copied.
    Taken before the snapshot begins: a deleter that committed meanwhile is
    then already invisible in the snapshot, so its file is not needed."""
    conn = connections[using]
    if conn.vendor != "postgresql":
        yield
        return
    with conn.cursor() as c:
        c.execute("SELECT pg_advisory_lock_shared(%s)", [KUNCI_ADVISORY])
    try:
        yield
    finally:
        with conn.cursor() as c:
            c.execute("SELECT pg_advisory_unlock_shared(%s)", [KUNCI_ADVISORY])


@contextmanager
def _satu_potret(using: str):
    """One read-only transaction whose queries all see the same snapshot."""
    conn = connections[using]
    if conn.in_atomic_block:
        # A savepoint would share the caller's snapshot, taken who knows when.
        raise CadanganGagal("Pencadangan harus berjalan di luar transaksi database.")
    with transaction.atomic(using=using):
        if conn.vendor == "postgresql":
            # Must be the transaction's first statement; the snapshot starts at the next query.
            with conn.cursor() as c:
                c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        # SQLite: a read transaction already sees one state of the database.
        try:
            yield
        except BaseException as exc:
            # A failed dump's frames still hold the serializer's server-side cursor;
            # left to the garbage collector it closes after this transaction, and
            # psycopg2's "named cursor isn't valid anymore" is printed beside the
            # backup's own message.
            traceback.clear_frames(exc.__traceback__)
            raise


def _model_dicadangkan() -> list[type[models.Model]]:
    hasil = []
    for m in apps.get_models(include_auto_created=True):
        meta = m._meta
        dikecualikan = meta.app_label in DIKECUALIKAN or meta.label_lower in DIKECUALIKAN
        if not (meta.proxy or not meta.managed or dikecualikan):
            hasil.append(m)
    return hasil


def _jumlah_baris(using: str) -> dict[str, int]:
    return {m._meta.label: m._base_manager.using(using).count() for m in _model_dicadangkan()}


def _berkas_disebut(using: str) -> list[str]:
    """Every file name a FileField of the database names (sorted, unique)."""
    nama = set()
    for m in _model_dicadangkan():
        for f in m._meta.concrete_fields:
            if isinstance(f, models.FileField):
                qs = m._base_manager.using(using).exclude(**{f.attname: ""}).exclude(**{f"{f.attname}__isnull": True})
                nama.update(qs.values_list(f.attname, flat=True))
    return sorted(nama)


def _daftarkan_format() -> None:
    if FORMAT_SERIAL not in serializers.get_serializer_formats():
        serializers.register_serializer(FORMAT_SERIAL, "pst_layanan.cadangan_json")


# --- writing the archive -------------------------------------------------------------------------


@dataclass
class HasilCadangan:
    arsip: Path
    jumlah: dict[str, int]
    berkas: list[str]
    hilang: list[str] = field(default_factory=list)
    dihapus: list[Path] = field(default_factory=list)
    terenkripsi: bool = False


def buat_cadangan(folder: Path, simpan: int, kunci: str | None, using: str = DEFAULT_DB_ALIAS) -> HasilCadangan:
    """Write a new archive in `folder`; then keep only the newest `simpan` (0: all)."""
    _daftarkan_format()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file in the way, an unmounted share, no permission
        raise CadanganGagal(f"Folder cadangan {folder} tidak dapat dipakai: {exc.strerror or exc}.") from None
    waktu = timezone.localtime()
    arsip = _nama_baru(folder, waktu, terenkripsi=bool(kunci))
    sementara = arsip.with_name(arsip.name + ".sebagian")
    root = Path(settings.PRIVATE_ROOT)
    try:
        with tempfile.TemporaryDirectory() as tmp, _tahan_penghapusan(using):
            data = Path(tmp) / DATA
            with _satu_potret(using):
                jumlah = _jumlah_baris(using)
                disebut = _berkas_disebut(using)
                migrasi = migrasi_terpasang(using)
                _salin_data(data, using)
            daftar, hilang = _daftar_berkas(root, disebut)
            info = {
                "format": FORMAT,
                "dibuat": waktu.isoformat(),
                "database": connections[using].vendor,
                "jumlah": jumlah,
                "migrasi": migrasi,
                "berkas": daftar,
                "hilang": hilang,
            }
            _tulis_arsip(sementara, info, data, root, kunci)
        # Renamed only when complete: a half-written archive never looks like a backup.
        os.replace(sementara, arsip)
    except OSError as exc:  # a full disk, a share gone away, a private file unreadable
        sebab = f"{exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
        raise CadanganGagal(f"Arsip {arsip.name} tidak dapat ditulis: {sebab}; arsip lama tidak dihapus.") from None
    finally:
        sementara.unlink(missing_ok=True)
        _antrekan_hapus()  # the files deleters queued while this backup copied them
    # A file the database names is missing from disk: keep the older archives, which may still hold it.
    dihapus = _rotasi(folder, simpan) if not hilang else []
    return HasilCadangan(arsip, jumlah, list(daftar), hilang, dihapus, bool(kunci))


def _salin_data(data: Path, using: str) -> None:
    """The snapshot's rows into `data`, in the temporary folder (TMPDIR, /tmp):
    that folder filling up is told as such, not as the archive's disk."""
    try:
        call_command(
            "dumpdata",
            format=FORMAT_SERIAL,
            natural_foreign=True,
            natural_primary=True,
            exclude=DIKECUALIKAN,
            database=using,
            output=str(data),
            verbosity=0,
            # Its own errors as they are, not one English CommandError:
            # a full disk is told here or by the caller, and reaches ADMINS like any other.
            traceback=True,
        )
    except OSError as exc:
        if exc.errno not in RUANG_HABIS:
            raise
        raise CadanganGagal(
            f"Ruang di folder sementara {data.parent.parent} habis saat menyalin database ke {data.name}; arsip "
            "tidak dibuat, arsip lama tidak dihapus. Kosongkan ruang, atau beri TMPDIR=<folder di disk yang "
            "lapang> (timer: systemctl edit pst-cadangan, Environment=TMPDIR=/var/lib/pst-layanan/tmp)."
        ) from None


def _nama_baru(folder: Path, waktu, terenkripsi: bool) -> Path:
    akhiran = ".tar.gz.enc" if terenkripsi else ".tar.gz"
    dasar = f"pst-{waktu:%Y%m%d-%H%M%S}"
    arsip, n = folder / f"{dasar}{akhiran}", 1
    while arsip.exists() or arsip.with_name(arsip.name + ".sebagian").exists():
        n += 1
        arsip = folder / f"{dasar}-{n}{akhiran}"
    return arsip


def _daftar_berkas(root: Path, disebut: list[str]) -> tuple[dict[str, dict], list[str]]:
    """{name: {size, sha256}} of the named files on disk, and the names missing."""
    daftar, hilang = {}, []
    for nama in disebut:
        path = _di_dalam(root, nama)
        if path is None or not path.is_file():
            hilang.append(nama)
            continue
        daftar[nama] = {"ukuran": path.stat().st_size, "sha256": sha256_berkas(path)}
    return daftar, hilang


def sha256_berkas(path: Path) -> str:
    """The SHA-256 of a file, read a megabyte at a time (an archive can hold gigabytes)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        while potong := f.read(1024 * 1024):
            h.update(potong)
    return h.hexdigest()


def _di_dalam(root: Path, nama: str) -> Path | None:
    """root/nama if `nama` is a plain relative path (no `..`, not absolute)."""
    bagian = PurePosixPath(nama)
    if not nama or bagian.is_absolute() or ".." in bagian.parts or "\\" in nama:
        return None
    return root.joinpath(*bagian.parts)


def _tulis_arsip(tujuan: Path, info: dict, data: Path, root: Path, kunci: str | None) -> None:
    # Readable by its owner only: personal data and password hashes.
    fd = os.open(tujuan, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as keluaran:
        aliran = PenulisTerenkripsi(keluaran, kunci) if kunci else keluaran
        with tarfile.open(fileobj=aliran, mode="w|gz") as tar:
            isi_info = json.dumps(info, ensure_ascii=False, indent=1).encode()
            ti = tarfile.TarInfo(INFO)
            ti.size, ti.mtime, ti.mode = len(isi_info), int(timezone.now().timestamp()), 0o600
            tar.addfile(ti, io.BytesIO(isi_info))
            tar.add(data, arcname=DATA)
            for nama, ciri in info["berkas"].items():
                path = _di_dalam(root, nama)
                # A plain member whatever the disk holds (a symlink is stored as its content),
                # with the size recorded in the snapshot: a stored file is never rewritten in place.
                ti = tarfile.TarInfo(f"{BERKAS}/{nama}")
                ti.size, ti.mtime, ti.mode = ciri["ukuran"], int(path.stat().st_mtime), 0o600
                with path.open("rb") as f:
                    tar.addfile(ti, f)
        if kunci:
            aliran.close()
        keluaran.flush()
        os.fsync(keluaran.fileno())


def urut_arsip(folder: Path) -> list[Path]:
    """`folder`'s archives, oldest first: by their timestamp, then by the -N
    of a later archive made in the same second (by name, "-2" would sort
    before the plain one)."""
    arsip = []
    for p in folder.iterdir():
        cocok = NAMA_ARSIP.match(p.name)
        if cocok and p.is_file():
            arsip.append(((cocok[1], int(cocok[2] or 1)), p))
    return [p for _, p in sorted(arsip)]


def _rotasi(folder: Path, simpan: int) -> list[Path]:
    """Delete all but the newest `simpan` archives of `folder` (0 keeps all)."""
    if simpan <= 0:
        return []
    lama = urut_arsip(folder)[:-simpan]
    for p in lama:
        p.unlink()
    return lama


# --- encryption ----------------------------------------------------------------------------------

MAGIC = b"PST-CADANGAN-TERENKRIPSI-1\n"
PANJANG_GARAM = 16
UKURAN_POTONG = 1024 * 1024
PERIKSA = b"kunci-cadangan-pst"
_KEPALA_POTONG = struct.Struct(">QB")  # chunk number, last-chunk flag
_PANJANG = struct.Struct(">I")


def _fernet(kunci: str, garam: bytes):
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    # scrypt (n=2^15, r=8): ~32 MB and a fraction of a second per try against guessing.
    turunan = Scrypt(salt=garam, length=32, n=2**15, r=8, p=1).derive(kunci.encode())
    return Fernet(base64.urlsafe_b64encode(turunan))


class PenulisTerenkripsi:
    """A write-only stream that encrypts in numbered 1 MB Fernet chunks."""

    def __init__(self, keluaran, kunci: str):
        garam = secrets.token_bytes(PANJANG_GARAM)
        self._f = _fernet(kunci, garam)
        self._keluaran = keluaran
        self._buf = bytearray()
        self._nomor = 0
        keluaran.write(MAGIC + garam)
        self._rekam(self._f.encrypt(PERIKSA))

    def write(self, data) -> int:
        self._buf += data
        while len(self._buf) > UKURAN_POTONG:
            self._potong(bytes(self._buf[:UKURAN_POTONG]), akhir=False)
            del self._buf[:UKURAN_POTONG]
        return len(data)

    def close(self) -> None:
        if self._f is not None:
            self._potong(bytes(self._buf), akhir=True)
            self._f = None

    def _potong(self, isi: bytes, akhir: bool) -> None:
        self._rekam(self._f.encrypt(_KEPALA_POTONG.pack(self._nomor, akhir) + isi))
        self._nomor += 1

    def _rekam(self, token: bytes) -> None:
        self._keluaran.write(_PANJANG.pack(len(token)) + token)


def terenkripsi(arsip: Path) -> bool:
    with arsip.open("rb") as f:
        return f.read(len(MAGIC)) == MAGIC


def dekripsi(arsip: Path, tujuan: Path, kunci: str | None) -> None:
    """Decrypt `arsip` into `tujuan` (a tar.gz), or raise CadanganGagal."""
    from cryptography.fernet import InvalidToken

    if not kunci:
        raise CadanganGagal(f"{arsip.name} terenkripsi: isi {ENV_KUNCI} dengan kata sandi cadangan.")
    with arsip.open("rb") as masuk, tujuan.open("wb") as keluar:
        masuk.read(len(MAGIC))
        f = _fernet(kunci, masuk.read(PANJANG_GARAM))
        try:
            f.decrypt(_baca_token(masuk, arsip))
        except InvalidToken:
            raise CadanganGagal(
                f"Kata sandi cadangan ({ENV_KUNCI}) salah untuk {arsip.name}; tidak ada yang diubah."
            ) from None
        nomor, akhir = 0, False
        while not akhir:
            try:
                isi = f.decrypt(_baca_token(masuk, arsip))
            except InvalidToken:
                raise CadanganGagal(f"{arsip.name} rusak (potongan {nomor} diubah); tidak ada yang diubah.") from None
            n, akhir = _KEPALA_POTONG.unpack_from(isi)
            if n != nomor:
                raise CadanganGagal(f"{arsip.name} rusak (urutan potongan); tidak ada yang diubah.")
            keluar.write(isi[_KEPALA_POTONG.size :])
            nomor += 1
        if masuk.read(1):
            raise CadanganGagal(f"{arsip.name} rusak (ada data setelah akhir arsip); tidak ada yang diubah.")


def _baca_token(masuk, arsip: Path) -> bytes:
    kepala = masuk.read(_PANJANG.size)
    panjang = _PANJANG.unpack(kepala)[0] if len(kepala) == _PANJANG.size else None
    if panjang is not None and panjang > 2 * UKURAN_POTONG:  # a chunk is never that long: damaged
        raise CadanganGagal(f"{arsip.name} rusak (panjang potongan tidak wajar); tidak ada yang diubah.")
    token = masuk.read(panjang) if panjang else b""
    if panjang is None or len(token) != panjang:
        raise CadanganGagal(f"{arsip.name} terpotong (tidak lengkap); tidak ada yang diubah.")
    return token


# --- restore -------------------------------------------------------------------------------------


def buka_arsip(arsip: Path, tujuan: Path, kunci: str | None) -> dict:
    """Decrypt if needed, check every member, extract into `tujuan`, verify
    every listed file; return info.json. Nothing outside `tujuan` is touched."""
    try:
        return _buka_arsip(arsip, tujuan, kunci)
    except OSError as exc:
        if exc.errno not in RUANG_HABIS:
            raise
        # The working folder is full, not the archive damaged: said so, with the way around it.
        raise CadanganGagal(
            f"Ruang di folder sementara {tujuan.parent} habis saat membuka {arsip.name} "
            f"({ukuran_berkas(arsip.stat().st_size)}, dibuka di sana lebih dulu); arsip belum diperiksa dan tidak "
            "ada yang diubah. Kosongkan ruang, atau jalankan lagi dengan TMPDIR=<folder di disk yang lapang>, "
            "mis. TMPDIR=/var/tmp."
        ) from None


def _buka_arsip(arsip: Path, tujuan: Path, kunci: str | None) -> dict:
    try:
        sandi = terenkripsi(arsip)  # the archive's first read
    except OSError as exc:
        # Typically one made by root (0600) and restored as the site's user, as
        # pulihkan asks: the archive is fine, this user may not read it.
        raise CadanganGagal(
            f"Arsip {arsip.name} tidak dapat dibaca pengguna ini ({exc.strerror or exc}); periksa pemilik dan "
            "hak bacanya (arsip yang dibuat root hanya dapat dibaca root), lalu jalankan lagi; tidak ada yang diubah."
        ) from None
    if sandi:
        polos = tujuan / "arsip.tar.gz"
        dekripsi(arsip, polos, kunci)
    else:
        polos = arsip
    isi = tujuan / "isi"
    isi.mkdir()
    try:
        _periksa_gzip(polos)
        with tarfile.open(polos, "r:gz") as tar:
            for anggota in tar.getmembers():
                _periksa_anggota(anggota, arsip)
            # The "data" filter refuses absolute paths, "..", links out and devices as a second guard.
            tar.extractall(isi, filter="data")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        if isinstance(exc, OSError) and exc.errno in RUANG_HABIS:
            raise
        raise CadanganGagal(f"{arsip.name} bukan arsip cadangan yang sah: {exc}") from None
    finally:
        if polos != arsip:
            polos.unlink(missing_ok=True)
    info = _baca_info(isi, arsip)
    _periksa_berkas(isi, info, arsip)
    return info


def _periksa_gzip(polos: Path) -> None:
    """Read the whole stream: gzip checks its CRC and length only at the end,
    which tarfile never reaches (it stops at the tar end marker)."""
    with gzip.open(polos, "rb") as g:
        while g.read(UKURAN_POTONG):
            pass


def _periksa_anggota(anggota: tarfile.TarInfo, arsip: Path) -> None:
    nama = anggota.name
    bagian = PurePosixPath(nama)
    aman = (
        (anggota.isfile() or anggota.isdir())
        and not bagian.is_absolute()
        and ".." not in bagian.parts
        and "\\" not in nama
        and (nama in (INFO, DATA, DATA_FORMAT_1) or bagian.parts[0] == BERKAS)
    )
    if not aman:
        raise CadanganGagal(f"{arsip.name} bukan arsip cadangan yang sah: anggota {nama!r} ditolak.")


def _baca_info(isi: Path, arsip: Path) -> dict:
    try:
        info = json.loads((isi / INFO).read_text())
    except (OSError, ValueError):
        raise CadanganGagal(f"{arsip.name} bukan arsip dari `manage.py cadangkan` (info.json tidak ada).") from None
    if info.get("format") not in (1, FORMAT) or not (isi / file_data(info)).is_file():
        raise CadanganGagal(f"Format arsip {info.get('format')!r} tidak dikenal atau datanya tidak ada.")
    return info


def file_data(info: dict) -> str:
    return DATA if info.get("format") == FORMAT else DATA_FORMAT_1


def _periksa_berkas(isi: Path, info: dict, arsip: Path) -> None:
    """Every file the archive lists is there with its bytes; no other file is."""
    if info["format"] == 1:
        return  # format 1 archived the whole folder without a list
    daftar = info.get("berkas", {})
    folder = isi / BERKAS
    ada = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()
    if kurang := sorted(set(daftar) - ada):
        raise CadanganGagal(f"{arsip.name} tidak lengkap: berkas {', '.join(kurang[:3])} tidak ada di arsip.")
    if asing := sorted(ada - set(daftar)):
        raise CadanganGagal(f"{arsip.name} tidak sah: berkas {', '.join(asing[:3])} tidak tercatat di info.json.")
    for nama, ciri in daftar.items():
        path = isi / BERKAS / nama
        if path.stat().st_size != ciri["ukuran"] or sha256_berkas(path) != ciri["sha256"]:
            raise CadanganGagal(f"{arsip.name} rusak: isi berkas {nama} berbeda dari saat dicadangkan.")


def pulihkan_data(isi: Path, info: dict, using: str = DEFAULT_DB_ALIAS) -> None:
    """Empty the database and load the archive's data in one transaction;
    a load that fails (tables not migrated, data of another schema) changes nothing."""
    try:
        with transaction.atomic(using=using):
            call_command("flush", interactive=False, database=using, verbosity=0)
            call_command("loaddata", str(isi / file_data(info)), database=using, verbosity=0)
    except (DatabaseError, DeserializationError) as exc:
        raise CadanganGagal(
            f"Data arsip tidak dapat dimuat; database tidak diubah. Jalankan 'manage.py migrate' dulu "
            f"bila database baru, dan pulihkan dengan versi aplikasi yang membuat arsip itu. ({exc})"
        ) from None
    dipulihkan.send(sender=None, using=using)


def migrasi_terpasang(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations applied to the database, as "app.name"."""
    return sorted(f"{app}.{nama}" for app, nama in MigrationRecorder(connections[using]).applied_migrations())


def sasaran_migrasi(info: dict, using: str = DEFAULT_DB_ALIAS) -> dict[str, str] | None:
    """Per app this code has migrations for, the last one applied when the
    archive was made ("zero": none); None for an archive that did not record them."""
    if "migrasi" not in info:
        return None
    loader = MigrationLoader(connections[using], ignore_no_migrations=True, load=False)
    loader.load_disk()
    sasaran = {app: "zero" for app, _nama in loader.disk_migrations}
    for app, nama in _migrasi_arsip(info, set(loader.disk_migrations)):
        if sasaran[app] == "zero" or nama > sasaran[app]:
            sasaran[app] = nama
    return sasaran


def _migrasi_arsip(info: dict, dikenal: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {tuple(m.split(".", 1)) for m in info["migrasi"]} & dikenal


def periksa_skema(info: dict, arsip: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse an archive made at another point of the migrations than the
    database stands at. Older data loads into a newer schema without a word:
    a new column takes its default where the migration that added it had
    filled in each row's own value, so the restore must go through the same
    migrations again: back to the archive's schema, restore, migrate."""
    sasaran = sasaran_migrasi(info, using)
    if sasaran is None:  # an archive made before the migrations were recorded: not known
        return
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    dikenal = set(loader.disk_migrations)
    arsip_ada = _migrasi_arsip(info, dikenal)
    db_ada = set(loader.applied_migrations) & dikenal
    if lebih := sorted(db_ada - arsip_ada):
        perintah = "; ".join(f"manage.py migrate {app} {sasaran[app]}" for app in sorted({app for app, _ in lebih}))
        raise CadanganGagal(
            f"{arsip.name} dibuat sebelum migrasi {_daftar_migrasi(lebih)} yang sudah dijalankan di database ini: "
            "datanya akan dimuat tanpa isian migrasi itu. Kembalikan dulu database ke skema arsip "
            f"({perintah}), jalankan pulihkan lagi, lalu manage.py migrate; tidak ada yang diubah."
        )
    if kurang := sorted(arsip_ada - db_ada):
        raise CadanganGagal(
            f"Database belum dimigrasi sejauh {arsip.name} (belum ada {_daftar_migrasi(kurang)}): jalankan "
            "manage.py migrate, lalu pulihkan lagi; tidak ada yang diubah."
        )


def _daftar_migrasi(migrasi: list[tuple[str, str]]) -> str:
    teks = ", ".join(f"{app}.{nama}" for app, nama in migrasi[:3])
    return teks + (f" dan {len(migrasi) - 3} lagi" if len(migrasi) > 3 else "")


def folder_terdekat(path: Path) -> Path:
    """`path`, or its nearest parent that exists (a PRIVATE_ROOT not made yet)."""
    while not path.exists():
        path = path.parent
    return path


def periksa_ruang_berkas(sumber: Path, arsip: Path) -> None:
    """Refuse before the database is emptied when PRIVATE_ROOT's disk cannot
    take the archive's files: the previous files are renamed beside them, not
    freed, and a copy that fills the disk halfway would leave the restored
    data naming files that are not there. Each file is counted in whole 4 KB
    blocks, as the disk stores it."""
    berkas = [p for p in sumber.rglob("*") if p.is_file()] if sumber.is_dir() else []
    perlu = sum(-(-p.stat().st_size // BLOK_DISK) * BLOK_DISK for p in berkas)
    folder = folder_terdekat(Path(settings.PRIVATE_ROOT))
    sisa = shutil.disk_usage(folder).free
    if perlu > sisa:
        raise CadanganGagal(
            f"Ruang disk di {folder} tidak cukup untuk berkas privat {arsip.name}: perlu {ukuran_berkas(perlu)}, "
            f"tersisa {ukuran_berkas(sisa)}. Kosongkan ruang (mis. folder *.sebelum-* yang lama) lalu jalankan "
            "pulihkan lagi; tidak ada yang diubah."
        )


def _ada_berkas(root: Path) -> bool:
    return root.is_dir() and any(root.iterdir())


def periksa_folder_berkas() -> None:
    """Refuse before the database is emptied when PRIVATE_ROOT's files cannot
    be moved aside (`sisihkan_berkas` renames the folder beside itself): its
    parent not writable by this user (a folder given to the site under a
    root-owned /srv), or the folder a mount point (a disk of its own). Found
    only after the load, the restored data would be left naming files that
    are not there, and running it again would fail the same way."""
    root = Path(settings.PRIVATE_ROOT)
    if not _ada_berkas(root):
        return  # an empty folder is filled in place
    if os.path.ismount(root):
        sebab = "folder itu titik kait (mount point) sebuah disk"
    elif not os.access(root.parent, os.W_OK | os.X_OK):
        sebab = f"{root.parent} tidak dapat ditulis pengguna ini"
    else:
        return
    raise CadanganGagal(
        f"Berkas privat di {root} tidak dapat disisihkan ke {root.name}.sebelum-… ({sebab}). Pindahkan isinya ke "
        f"tempat lain sampai {root} kosong, lalu jalankan pulihkan lagi; tidak ada yang diubah."
    )


def sisihkan_berkas() -> Path | None:
    """Move PRIVATE_ROOT's files aside for a restore, leaving it empty; return
    where they went (None when there were none). An empty folder stays as it
    is: removing and making it again needs a writable parent it may not have."""
    root = Path(settings.PRIVATE_ROOT)
    lama = None
    if _ada_berkas(root):
        lama = root.with_name(f"{root.name}.sebelum-{timezone.localtime():%Y%m%d-%H%M%S}")
        root.rename(lama)
    root.mkdir(parents=True, exist_ok=True)
    return lama


def pasang_berkas(sumber: Path) -> None:
    """Put the archive's files in the emptied PRIVATE_ROOT. File by file, so a
    copy the disk refuses stops at its first error with that error's reason
    (copytree would gather one per remaining file)."""
    root = Path(settings.PRIVATE_ROOT)
    if sumber.is_dir():
        for path in sorted(sumber.rglob("*")):  # a folder sorts before what it holds
            tujuan = root / path.relative_to(sumber)
            if path.is_dir():
                tujuan.mkdir()
            else:
                shutil.copy2(path, tujuan)
