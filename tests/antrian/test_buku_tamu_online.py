"""Online guest book: a logged-in visitor records a visit before a transaction."""

import re

import pytest
from django.urls import reverse

from antrian import services
from antrian.bukutamu import IsianBukuTamu
from antrian.models import Kanal, Kunjungan, Layanan
from tests import pabrik

pytestmark = pytest.mark.django_db


def test_catat_kunjungan_online_tanpa_tiket(pengunjung, layanan_b):
    k = services.catat_kunjungan_online(pengunjung, layanan_b, "Cari publikasi")
    assert (k.kanal, k.pengunjung, k.layanan, k.keperluan) == (Kanal.ONLINE, pengunjung, layanan_b, "Cari publikasi")
    assert k.tiket_atau_none is None


def test_tanpa_layanan_aktif_buku_tamu_dan_janji_berkata_belum_ada(klien_untuk, pengunjung, layanan_b):
    """Every service switched off: the visitor's guest book and appointment
    forms say no service is open yet and whom to ask, instead of an empty
    service list that can only be sent to be told it is empty."""
    client = klien_untuk(pengunjung)
    halaman = ("antrian:buku_tamu", "antrian:janji_baru")
    assert not any('id="tanpa-layanan"' in client.get(reverse(n)).content.decode() for n in halaman)
    Layanan.objects.update(aktif=False)
    pesan = "Belum ada layanan yang dibuka. Hubungi PST (kontak di bagian bawah halaman) untuk keterangan."
    for nama in halaman:
        html = client.get(reverse(nama)).content.decode()
        assert 'id="tanpa-layanan"' in html and pesan in html


def test_halaman_buku_tamu_terisi_dari_profil_dan_kembali_ke_next(klien_untuk, pengunjung, layanan_b):
    pengunjung.nama_instansi = "Universitas Bengkulu"
    pengunjung.save()
    client = klien_untuk(pengunjung)
    html = client.get(reverse("antrian:buku_tamu"), {"next": "/transaksi/"}).content.decode()
    assert 'value="Universitas Bengkulu"' in html and 'value="Andi Pengunjung"' in html
    data = {
        "layanan": layanan_b.pk,
        "keperluan": "Mikrodata Sakernas",
        **pabrik.biodata("Andi Pengunjung", jenis_kelamin="L", tahun_lahir="2000", pekerjaan="pelajar"),
        "next": "/transaksi/",
        "pemanfaatan": "penelitian",
        "jenis_layanan": ["berbayar"],
    }
    response = client.post(reverse("antrian:buku_tamu"), data)
    assert response.status_code == 302 and response.url == "/transaksi/"
    assert Kunjungan.objects.get().kanal == Kanal.ONLINE
    pengunjung.refresh_from_db()
    assert pengunjung.tahun_lahir == 2000
    # An outside "next" is ignored.
    response = client.post(reverse("antrian:buku_tamu"), {**data, "next": "https://jahat.example/"})
    assert response.url == reverse("antrian:buku_tamu")


def test_buku_tamu_butuh_masuk(client):
    assert client.get(reverse("antrian:buku_tamu")).status_code == 302


def test_buku_tamu_dikirim_dua_kali_satu_kunjungan(klien_untuk, pengunjung, layanan_b, layanan_k):
    """A double click records the visit once; another service or purpose the
    same day updates that visit (test_buku_tamu_sehari.py)."""
    client = klien_untuk(pengunjung)
    data = {
        "layanan": layanan_b.pk,
        "keperluan": "Mikrodata Sakernas",
        **pabrik.biodata("Andi Pengunjung", jenis_kelamin="L", tahun_lahir="2000", pekerjaan="pelajar"),
        "pemanfaatan": "penelitian",
        "jenis_layanan": ["berbayar"],
    }
    for _ in range(2):
        assert client.post(reverse("antrian:buku_tamu"), data).status_code == 302
    assert Kunjungan.objects.count() == 1
    client.post(reverse("antrian:buku_tamu"), {**data, "keperluan": "Publikasi IPM"})
    client.post(reverse("antrian:buku_tamu"), {**data, "layanan": layanan_k.pk})
    assert Kunjungan.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_buku_tamu_dikirim_serentak_satu_kunjungan_postgres(postgres_wajib, pengunjung, layanan_b):
    from tests.serentak import serentak

    isian = IsianBukuTamu("penelitian", ("berbayar",), "online")
    hasil, galat = serentak(lambda i: services.isi_buku_tamu_online(pengunjung, layanan_b, "Data IPM", isian).pk, 5)
    assert galat == [] and len(set(hasil)) == 1 and Kunjungan.objects.count() == 1


def test_buku_tamu_online_dapat_dicapai_dari_menu_pengunjung(klien_untuk, pengunjung):
    """SOP step 3 registers an online visitor through the online guest book, but
    no page linked to it: a visitor could only reach it by typing its address."""
    html = klien_untuk(pengunjung).get(reverse("transaksi:saya")).content.decode()
    assert f'href="{reverse("antrian:buku_tamu")}"' in html


def test_isian_salah_buku_tamu_disebut_di_atas_formulir(klien_untuk, pengunjung, layanan_b):
    """The guest book is three forms (visit, BPS's questions, biodata), three
    screens on a phone: a refused answer at the bottom came back with nothing
    said on top. The summary names the refused fields of all three forms."""
    data = {
        "layanan": layanan_b.pk,
        "keperluan": "Mikrodata Sakernas",
        **pabrik.biodata("Andi Pengunjung", jenis_kelamin="L", tahun_lahir="2000", pekerjaan="pelajar"),
        "telepon": "",
        "jenis_layanan": ["berbayar"],
    }
    halaman = klien_untuk(pengunjung).post(reverse("antrian:buku_tamu"), data).content.decode()
    ringkasan = re.search(r'<div class="alert alert-danger"[^>]*id="galat-isian"[^>]*>(.*?)</div>', halaman, re.S)
    assert ringkasan and halaman.index('id="galat-isian"') < halaman.index('name="layanan"')
    assert 'href="#id_pemanfaatan"' in ringkasan.group(1) and 'href="#id_telepon"' in ringkasan.group(1)
    assert 'href="#id_keperluan"' not in ringkasan.group(1)
    assert not Kunjungan.objects.exists()
