"""The office's settings are read through one function and shown correctly
from the first request on, before anyone edits them."""

from datetime import time
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from pst_layanan.kantor import kantor
from pst_layanan.models import Kantor

pytestmark = pytest.mark.django_db


def test_jam_layanan_tampil_di_kaki_halaman_pada_basis_data_baru(client):
    Kantor.objects.all().delete()
    html = client.get(reverse("beranda")).content.decode()
    assert "Senin–Kamis 08.00–15.30 WIB" in html
    assert "Jumat 08.00–16.00 WIB" in html


def test_jam_layanan_di_kaki_halaman_inggris_memakai_titik_dua(client):
    """An English page writes the hours as English pages do elsewhere ("15:30")."""
    html = client.get(reverse("beranda"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Monday–Thursday 08:00–15:30 WIB, Friday 08:00–16:00 WIB" in " ".join(html.split())
    assert "08.00" not in html


def test_perubahan_kantor_langsung_terbaca(client):
    k = kantor()
    k.nama = "BPS Kabupaten Rejang Lebong"
    k.save()
    assert kantor().nama == "BPS Kabupaten Rejang Lebong"
    assert "BPS Kabupaten Rejang Lebong" in client.get(reverse("beranda")).content.decode()


@pytest.mark.parametrize("telepon", ["–", ""])
def test_kaki_halaman_tanpa_telepon_bila_kantor_belum_mengisinya(client, telepon):
    """Every page's footer read "alamat · – · e-mail" for an office seeded
    without its number: the phone is left out until it is known."""
    k = Kantor.objects.get(pk=kantor().pk)
    k.telepon = telepon
    k.save()
    html = " ".join(client.get(reverse("beranda")).content.decode().split())
    assert f"{k.alamat} · {k.email}" in html
    privasi = " ".join(client.get(reverse("privasi")).content.decode().split())
    assert f"Kontak: {k.email}</p>" in privasi
    surel = render_to_string("email/_kaki.txt", {"kantor": k})
    assert f"{k.alamat}\n" in surel and "–" not in surel


@pytest.mark.parametrize("kolom", ["jam_tutup_senin_kamis", "jam_tutup_jumat"])
def test_pengaturan_kantor_menolak_jam_tutup_tidak_sesudah_jam_buka(kolom):
    # A slip such as 07.30 for 17.30 would keep the queue shut all day and put deadlines before the opening.
    k = Kantor(kode="1771", bayar_transfer=False)
    k.full_clean()
    setattr(k, kolom, time(7, 30))
    with pytest.raises(ValidationError) as galat:
        k.full_clean()
    assert galat.value.message_dict[kolom] == ["Jam tutup harus sesudah jam buka."]


@pytest.mark.parametrize("kode", ["١٧٧١", "１７７１", "177١"])
def test_kode_kantor_hanya_angka_latin(kode):
    # \d takes Arabic-Indic and full-width digits, and the code is printed in every transaction and invoice number.
    with pytest.raises(ValidationError) as galat:
        Kantor(kode=kode, bayar_transfer=False).full_clean()
    assert galat.value.message_dict["kode"] == ["Kode BPS terdiri atas 4 angka, mis. 1771."]


def test_migrasi_mematikan_transfer_kantor_tanpa_rekening(kota):
    """Offices installed with transfer on and no account could not save their
    settings; an office with its account keeps offering transfer."""
    Kantor.objects.update(bayar_transfer=True)
    Kantor.objects.filter(pk=kota.pk).update(rekening_bank="BRI", rekening_nomor="0001", rekening_atas_nama="BPS")
    import_module("pst_layanan.migrations.0018_transfer_mati_tanpa_rekening").maju(apps, None)
    assert dict(Kantor.objects.values_list("kode", "bayar_transfer")) == {"1700": False, "1771": True}


@pytest.mark.parametrize("nomor", ["0012O1000123", "12AB-34", "١٢٣٤٥", "-"])
def test_nomor_rekening_hanya_angka(nomor):
    # Visitors copy this number into their bank's transfer form: a letter O for a 0 sends the money nowhere.
    k = Kantor(kode="1771", bayar_transfer=True, rekening_bank="BRI", rekening_nomor=nomor, rekening_atas_nama="BPS")
    with pytest.raises(ValidationError) as galat:
        k.full_clean()
    assert galat.value.message_dict["rekening_nomor"] == [
        "Nomor rekening hanya berisi angka, boleh dipisah spasi, titik atau tanda hubung."
    ]


@pytest.mark.parametrize("nomor", ["0012010001233", "0012-01-000123-30-1", "1234 5678.90"])
def test_nomor_rekening_bank_diterima(nomor):
    Kantor(
        kode="1771", bayar_transfer=True, rekening_bank="BRI", rekening_nomor=nomor, rekening_atas_nama="BPS"
    ).full_clean()


@pytest.mark.parametrize("swift", ["!!", "BRI", "BRINIDJ", "BRIN IDJA", "1234IDJA"])
def test_kode_swift_delapan_atau_sebelas_huruf_dan_angka(swift):
    # Shown to visitors paying from abroad, who type it into their bank's form: a wrong one bounces the transfer.
    with pytest.raises(ValidationError) as galat:
        Kantor(kode="1771", bayar_transfer=False, rekening_swift=swift).full_clean()
    assert galat.value.message_dict["rekening_swift"] == [
        "Kode SWIFT/BIC terdiri atas 8 atau 11 huruf dan angka, mis. BRINIDJA."
    ]


@pytest.mark.parametrize("swift", ["BRINIDJA", "BRINIDJA001", "bmriidja"])
def test_kode_swift_diterima(swift):
    k = Kantor(kode="1771", bayar_transfer=False, rekening_swift=swift)
    k.full_clean()
    assert k.rekening_swift == swift.upper()  # as banks print it
