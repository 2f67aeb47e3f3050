"""A restore replaces the queue under the waiting-room display's shared copy."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from antrian import services
from pst_layanan.kantor import kantor, lupakan_kantor
from pst_layanan.models import Kantor
from tests.inti.conftest import private_root  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_root")]

PANGGILAN = "Nomor antrian B nol nol satu, silakan menuju loket satu"


def test_layar_tidak_menampilkan_panggilan_yang_tidak_ada_setelah_pulihkan(
    client, tmp_path, tiket_untuk, pengunjung, loket1, petugas
):
    """Restored without its call, ticket B-001 was still called on every screen
    from the copy cached before the restore, until the queue next changed."""
    tiket = tiket_untuk(pengunjung)
    call_command("cadangkan", ke=str(tmp_path / "cadangan"), stdout=io.StringIO())
    services.panggil(tiket, loket1, petugas)
    url = reverse("antrian:layar_isi")
    assert PANGGILAN in client.get(url).content.decode()

    keluaran = io.StringIO()
    (arsip,) = (tmp_path / "cadangan").glob("pst-*")
    call_command("pulihkan", str(arsip), interactive=False, stdout=keluaran)
    assert PANGGILAN not in client.get(url).content.decode()
    assert "tembolok (kantor, kalender, layar dan monitor antrian) sudah diperbarui" in keluaran.getvalue()


def test_pengaturan_kantor_setelah_pulihkan_dari_arsip(tmp_path):
    """The office's settings cached before the restore are not served after it."""
    nama = kantor().nama
    call_command("cadangkan", ke=str(tmp_path / "cadangan"), stdout=io.StringIO())
    Kantor.objects.filter(pk=kantor().pk).update(nama="Diubah sesudah cadangan")
    lupakan_kantor(kantor().pk)
    assert kantor().nama == "Diubah sesudah cadangan"

    (arsip,) = (tmp_path / "cadangan").glob("pst-*")
    call_command("pulihkan", str(arsip), interactive=False, stdout=io.StringIO())
    assert kantor().nama == nama
