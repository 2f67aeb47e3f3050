"""Every management command of the project explains itself in `--help`: its
purpose and each of its own arguments, for the operator who runs it."""

import pytest
from django.core.management import get_commands, load_command_class
from django.core.management.base import BaseCommand

from tests.keamanan.test_pengaturan_produksi import jalankan

APLIKASI = ("pst_layanan", "antrian", "transaksi", "penilaian")
PERINTAH = sorted((nama, app) for nama, app in get_commands().items() if app in APLIKASI)
# The options every Django command has (--verbosity, --settings, ...), explained by Django.
BAWAAN = {a.dest for a in BaseCommand().create_parser("manage.py", "x")._actions}


def test_perintah_proyek_ditemukan():
    assert {"cadangkan", "pulihkan", "tenggat", "tutup_hari", "kantor_provinsi", "jalankan"} <= dict(PERINTAH).keys()


@pytest.mark.parametrize("nama, app", PERINTAH)
def test_setiap_argumen_perintah_punya_penjelasan(nama, app):
    perintah = load_command_class(app, nama)
    assert perintah.help
    aksi = perintah.create_parser("manage.py", nama)._actions
    tanpa = [a.option_strings or a.dest for a in aksi if a.dest not in BAWAAN and not a.help]
    assert not tanpa, f"{nama}: {tanpa} tanpa teks bantuan"


@pytest.mark.parametrize(
    "perintah, env, pesan",
    [
        # The server down (a closed port): the nightly backup's cron mail says so in one sentence.
        (["cadangkan"], {"DATABASE_URL": "postgres://pst@127.0.0.1:9/pst"}, "port 9 failed"),
        (["tenggat", "semua"], {"DATABASE_URL": "postgres://pst@127.0.0.1:9/pst"}, "port 9 failed"),
        # A new database, not migrated yet.
        (["tutup_hari"], {}, "no such table"),
        (["kantor_provinsi"], {}, "no such table"),
    ],
)
def test_database_tak_terpakai_dijelaskan_tanpa_traceback(tmp_path, perintah, env, pesan):
    hasil = jalankan(["manage.py", *perintah], tmp_path, **env)
    assert hasil.returncode == 1
    assert "Traceback" not in hasil.stderr, hasil.stderr
    assert hasil.stderr.startswith("Database tidak dapat dipakai: ") and pesan in hasil.stderr, hasil.stderr
    assert "manage.py migrate" in hasil.stderr
