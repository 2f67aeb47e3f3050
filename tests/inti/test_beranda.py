"""The home page leads a newcomer to what they came for."""

import re

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from penilaian import mutu

pytestmark = pytest.mark.django_db


def test_beranda_menautkan_tarif_dan_persyaratan_dari_isi_halaman(client):
    """On a phone the menu is folded away: the product cards themselves must
    lead to the tariffs and required documents, not only the menu."""
    isi = client.get(reverse("beranda")).content.decode().split('<main id="konten"', 1)[1]
    assert f'href="{reverse("transaksi:tarif")}"' in isi
    assert "Lihat tarif dan dokumen persyaratan" in isi


def test_favicon_ico_menuju_ikon_situs(client, django_assert_max_num_queries):
    """A PDF or image opened inline has no page naming the icon, so the
    browser asks /favicon.ico: it gets the site's icon, not a 404 in the log."""
    with django_assert_max_num_queries(0):
        respons = client.get("/favicon.ico")
    assert respons.status_code == 302
    assert respons["Location"] == static("img/favicon.svg")
    assert (settings.BASE_DIR / "static" / "img" / "favicon.svg").is_file()


def test_tautan_tarif_beranda_berbahasa_inggris(client):
    client.cookies["pst_bahasa"] = "en"
    assert "See tariffs and required documents" in client.get(reverse("beranda")).content.decode()


def _alur(client, **kwargs) -> str:
    """The home page's list of steps as read aloud: tags dropped, spaces folded."""
    html = client.get(reverse("beranda"), **kwargs).content.decode()
    alur = html.split('id="alur"', 1)[1].split("</ol>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", alur).split())


@pytest.mark.parametrize(
    "bahasa, kalimat",
    [
        (
            "id",
            [
                "2 Tentukan media layanan. ± 12 menit",
                "3 Registrasi dan nomor antrian ± 15 menit",
                "4 Penjelasan jenis dan tarif PNBP ± 2 jam",
                "5 Buat transaksi dan lengkapi persyaratan diperiksa paling lama 4 hari kerja sejak diajukan",
                "6–7 Pembayaran dan penyerahan produk paling lama 1 hari kerja setelah persyaratan lengkap",
                "8 Beri penilaian ± 7 menit",
            ],
        ),
        (
            "en",
            [
                "2 Choose how you want to be served. ± 12 minutes",
                "3 Registration and queue number ± 15 minutes",
                "4 Explanation of PNBP products and tariffs ± 2 hours",
                "checked within 4 working days of submission",
                "6–7 Payment and product delivery within 1 working day after the requirements are complete",
                "± 7 minutes",
            ],
        ),
    ],
)
def test_beranda_menyebut_standar_dan_nomor_langkah_sop(
    bahasa, kalimat, client, sop_diubah, django_assert_max_num_queries
):
    """The home page states the SOP's standards as sop.py declares them and
    numbers each step as the SOP (and the compliance dashboard) does."""
    client.cookies["pst_bahasa"] = bahasa
    with django_assert_max_num_queries(2):
        teks = _alur(client)
    assert [k for k in kalimat if k not in teks] == []
    assert "10 menit" not in teks and "1 jam" not in teks
    registrasi = next(s for s in mutu.STANDAR if s.kode == "registrasi")
    with translation.override("id"):
        assert str(registrasi.langkah) == "Langkah 3"


def _sambutan(client) -> str:
    """The home page's opening panel as read aloud."""
    html = client.get(reverse("beranda")).content.decode()
    panel = html.split('<main id="konten"', 1)[1].split('id="alur"', 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", panel).split())


def test_beranda_menyebut_cara_bayar_yang_diterima_kantor(client):
    """An office taking cash at its treasurer was announced as 'petugas tidak
    pernah menerima uang tunai', and as paid by SIMPONI alone."""
    from tests.transaksi.test_kanal_bayar import REKENING, atur_kantor

    atur_kantor(bayar_transfer=False, bayar_tunai=False)
    hanya_simponi = _sambutan(client)
    assert "kode billing SIMPONI" in hanya_simponi and "petugas tidak pernah menerima uang tunai" in hanya_simponi
    assert "transfer" not in hanya_simponi

    atur_kantor(bayar_tunai=True, **REKENING)
    semua = _sambutan(client)
    assert "tidak pernah menerima uang tunai" not in semua
    assert "transfer ke rekening penerimaan kantor" in semua
    assert "Uang tunai hanya diterima bendahara penerimaan, dengan kuitansi bernomor." in semua
    assert "Bila berbayar, Anda menerima tagihan, lalu membayar" in _alur(client)


def test_cara_bayar_beranda_berbahasa_inggris(client):
    from tests.transaksi.test_kanal_bayar import REKENING, atur_kantor

    atur_kantor(bayar_tunai=True, **REKENING)
    client.cookies["pst_bahasa"] = "en"
    html = client.get(reverse("beranda")).content.decode()
    assert "Cash is taken only by the receiving treasurer, against a numbered receipt." in html
    assert "pay by transfer to the office's receiving account" in html.replace("&#x27;", "'")


def test_beranda_mengikuti_nomor_langkah_sop(client, langkah_diubah):
    teks = _alur(client)
    assert "12 Tentukan media layanan." in teks
    assert "13 Registrasi dan nomor antrian" in teks
    assert "16–17 Pembayaran dan penyerahan produk" in teks
    assert "18 Beri penilaian" in teks
