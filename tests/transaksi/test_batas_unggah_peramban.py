"""The visitor's upload forms carry the server's size limit, so the browser
refuses a file over it before sending it (static/js/transaksi/unggah_progres.js)."""

import re

import pytest
from django.urls import reverse

from pst_layanan.berkas import BATAS_PERSYARATAN
from tests import pabrik
from tests.transaksi.test_kanal_bayar import kanal_kantor  # noqa: F401 (fixture)
from tests.transaksi.test_pembayaran import menunggu_pembayaran, menunggu_tagihan

pytestmark = pytest.mark.django_db

PESAN = "melebihi batas 10 MB sekali kirim, sehingga tidak dikirim"


def _form(html, id_atau_aksi):
    cocok = re.search(rf"<form[^>]*{re.escape(id_atau_aksi)}[^>]*>(.*?)</form>", html, re.S)
    assert cocok, id_atau_aksi
    return cocok.group(0)


def test_form_dokumen_persyaratan_membawa_batas(klien_untuk, pengunjung):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    html = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    form = _form(html, reverse("transaksi:dokumen_unggah", args=[t.nomor]))
    assert f'data-batas-byte="{BATAS_PERSYARATAN}"' in form
    assert PESAN in form
    assert "js/transaksi/unggah_progres.js" in html


@pytest.mark.usefixtures("kanal_kantor")
@pytest.mark.parametrize("id_form", ["form-bukti", "form-transfer"])
def test_form_bukti_bayar_membawa_batas(id_form, klien_untuk, pengunjung, petugas):
    t = menunggu_pembayaran(pengunjung, petugas)
    for alamat in (t.get_absolute_url(), reverse("transaksi:pembayaran", args=[t.nomor])):
        html = klien_untuk(pengunjung).get(alamat).content.decode()
        form = _form(html, f'id="{id_form}"')
        assert f'data-batas-byte="{BATAS_PERSYARATAN}"' in form
        assert PESAN in form
        assert "js/transaksi/unggah_progres.js" in html


@pytest.mark.usefixtures("kanal_kantor")
def test_teguran_terlalu_besar_tidak_menyarankan_zip(klien_untuk, pengunjung, petugas):
    """A requirement or a proof of payment is taken as PDF, JPG or PNG only:
    the too-large warning told the visitor to repack it as a ZIP, which the
    upload then refuses. It tells them to make the file smaller."""
    draf = pabrik.transaksi_draf(pengunjung, dokumen=False)
    t = menunggu_pembayaran(pengunjung, petugas)
    halaman = [
        (draf.get_absolute_url(), reverse("transaksi:dokumen_unggah", args=[draf.nomor])),
        (reverse("transaksi:pembayaran", args=[t.nomor]), 'id="form-bukti"'),
        (reverse("transaksi:pembayaran", args=[t.nomor]), 'id="form-transfer"'),
    ]
    for alamat, form in halaman:
        teguran = re.search(
            r"<div[^>]*data-terlalu-besar>(.*?)</div>",
            _form(klien_untuk(pengunjung).get(alamat).content.decode(), form),
            re.S,
        )
        assert "Perkecil berkasnya" in teguran.group(1) and "ZIP" not in teguran.group(1), (alamat, form)


def test_form_tagihan_dengan_contoh_data_membawa_batas(klien_untuk, pengunjung, petugas):
    """The invoice's sample data is taken up to 10 MB: the browser stops a
    larger one on the form, as on the visitor's upload forms, so the billing
    code, amount and note typed are not lost to the 413 page."""
    t = menunggu_tagihan(pengunjung, petugas)
    html = klien_untuk(petugas).get(reverse("transaksi:tagihan_terbitkan", args=[t.nomor])).content.decode()
    form = _form(html, 'enctype="multipart/form-data"')
    assert f'data-batas-byte="{BATAS_PERSYARATAN}"' in form and 'name="contoh_data"' in form
    assert PESAN in form
    assert "js/transaksi/unggah_progres.js" in html
