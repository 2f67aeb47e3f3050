"""A visitor's name and institution must show something: a value made only
of invisible characters (zero-width space and joiners, BOM, word joiner,
soft hyphen) or of spaces is refused in every form that takes the biodata,
with a message under the box and the rest of what was typed kept."""

import pytest
from django.urls import reverse

from antrian.forms import TamuBaruForm
from pst_layanan.forms import BiodataForm, DaftarForm
from pst_layanan.models import Pengguna
from tests import pabrik
from tests.inti.test_akun import BIODATA, DATA_DAFTAR

pytestmark = pytest.mark.django_db

PESAN = "Isian ini hanya berisi spasi atau karakter tak terlihat; tuliskan dengan huruf yang terlihat."
TAK_TERLIHAT = ["\u200b", "\u200c\u200d", "\ufeff", "\u2060", "\u00ad", "\u200b \u3000\u200b", "\u3164"]


def _form(kelas, data):
    if kelas is TamuBaruForm:
        return TamuBaruForm({**BIODATA, "email": "tamu@contoh.id", "setuju_privasi": "on", **data})
    if kelas is DaftarForm:
        return DaftarForm({**DATA_DAFTAR, **data})
    return BiodataForm({**BIODATA, **data})


@pytest.mark.parametrize("kelas", [DaftarForm, BiodataForm, TamuBaruForm])
@pytest.mark.parametrize("kolom", ["nama_lengkap", "nama_instansi"])
@pytest.mark.parametrize("nilai", TAK_TERLIHAT)
def test_nama_tak_terlihat_ditolak(kelas, kolom, nilai):
    form = _form(kelas, {kolom: nilai})
    assert not form.is_valid()
    assert form.errors[kolom] == [PESAN]


@pytest.mark.parametrize("nama", ["Siti Aminah", "क्\u200dष", "\U0001f469\u200d\U0001f4bb Siti", "\u200bSiti"])
def test_nama_dengan_huruf_terlihat_diterima(nama):
    """A joiner between letters (Indic scripts, emoji) is part of a real name."""
    assert BiodataForm({**BIODATA, "nama_lengkap": nama}).is_valid()


def test_nama_instansi_kosong_tetap_boleh():
    assert BiodataForm({**BIODATA, "nama_instansi": ""}).is_valid()


def test_pendaftaran_menampilkan_pesan_dan_menyimpan_isian(client):
    response = client.post(reverse("akun:daftar"), {**DATA_DAFTAR, "nama_lengkap": "\u200b\u200b"})
    html = response.content.decode()
    assert response.status_code == 200 and PESAN in html
    assert 'value="Siti@Contoh.ID"' in html and 'value="Universitas Bengkulu"' in html
    assert not Pengguna.objects.exists()


def test_profil_tidak_diubah_menjadi_nama_tak_terlihat(pengunjung, klien_untuk):
    response = klien_untuk(pengunjung).post(reverse("akun:profil"), pabrik.biodata("\ufeff\u2060"))
    assert response.status_code == 200 and PESAN in response.content.decode()
    pengunjung.refresh_from_db()
    assert pengunjung.nama_lengkap == "Andi Pengunjung"
