"""Backup → restore round trip: the same rows and the same file bytes."""

import io
import tarfile
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from pst_layanan import data_pribadi
from pst_layanan.models import AksesDataPribadi, HariKantor, Pengguna, Surel

pytestmark = pytest.mark.django_db(transaction=True)

BERKAS = {
    "persyaratan/2026/03/surat-pengantar.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 40,
    "produk/tabel.xlsx": b"PK\x03\x04isi",
}


def potret():
    """What an officer would compare: people, roles, logs, outbox, calendar."""
    return {
        "pengguna": sorted(
            Pengguna.objects.values_list("email", "nama_lengkap", "telepon", "npwp", "password", "is_staff")
        ),
        "peran": sorted((u.email, g) for u in Pengguna.objects.all() for g in u.groups.values_list("name", flat=True)),
        "izin_peran": sorted(Group.objects.values_list("name", "permissions__codename")),
        "akses": sorted(AksesDataPribadi.objects.values_list("petugas__email", "subjek__email", "halaman", "waktu")),
        "surel": sorted(Surel.objects.values_list("penerima", "subjek", "isi", "status", "percobaan")),
        "kalender": sorted(HariKantor.objects.values_list("tanggal", "jenis", "keterangan")),
    }


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "berkas"
    for nama, isi in BERKAS.items():
        path = settings.PRIVATE_ROOT / nama
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(isi)
    return settings.PRIVATE_ROOT


def cadangkan(tmp_path):
    out = io.StringIO()
    call_command("cadangkan", ke=str(tmp_path / "cadangan"), stdout=out)
    (arsip,) = (tmp_path / "cadangan").glob("pst-*.tar.gz")
    assert str(arsip) in out.getvalue()
    return arsip


def test_cadangkan_lalu_pulihkan_ke_database_kosong(tmp_path, private_root, petugas, pengunjung):
    Pengguna.objects.filter(pk=pengunjung.pk).update(npwp="123456789012345")
    data_pribadi.catat_akses(petugas, pengunjung, "/transaksi/1/")
    Surel.objects.create(penerima=[pengunjung.email], subjek="Kode billing", isi="Bayar sebelum …")
    HariKantor.objects.create(tanggal=date(2026, 5, 4), jenis="tutup", keterangan="Rapat kerja")
    sebelum = potret()
    assert all(sebelum.values())

    arsip = cadangkan(tmp_path)
    assert arsip.name.startswith("pst-") and oct(arsip.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(arsip) as tar:
        nama = tar.getnames()
    assert "data.xml" in nama and "berkas/persyaratan/2026/03/surat-pengantar.pdf" in nama

    call_command("flush", interactive=False, verbosity=0)
    assert not Pengguna.objects.exists() and not AksesDataPribadi.objects.exists()

    call_command("pulihkan", str(arsip), interactive=False, stdout=io.StringIO())
    assert potret() == sebelum
    for nama, isi in BERKAS.items():
        assert (private_root / nama).read_bytes() == isi
    # The files found there before the restore are kept aside, not lost.
    (lama,) = private_root.parent.glob("berkas.sebelum-*")
    assert (lama / "produk/tabel.xlsx").read_bytes() == BERKAS["produk/tabel.xlsx"]
    # The restored people can log in with their old password.
    assert Pengguna.objects.get(email=pengunjung.email).check_password("sandi-uji-123")


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
