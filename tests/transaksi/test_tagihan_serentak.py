"""Two officers of one office issuing invoices at the same moment (PostgreSQL,
one connection each): a large sample-data file being stored for one invoice
must not hold up the other, which shares only the office's invoice numbers."""

import threading

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tests.transaksi.test_pembayaran import isian, menunggu_tagihan
from transaksi.models import Tagihan
from transaksi.services import pembayaran

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_contoh_data_yang_lama_disimpan_tidak_menahan_tagihan_lain_di_kantor(
    postgres_wajib, pengunjung, pengunjung_lain, petugas, berkas_privat, monkeypatch
):
    lambat = menunggu_tagihan(pengunjung, petugas)
    cepat = menunggu_tagihan(pengunjung_lain, petugas)
    di_dalam, lanjut = threading.Event(), threading.Event()
    simpan = FileSystemStorage._save

    def simpan_lambat(self, name, content):
        if "contoh-data" in name:  # a large sample moved to another disk: seconds
            di_dalam.set()
            lanjut.wait(15)
        return simpan(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", simpan_lambat)
    galat = []

    def terbitkan(t, kode, **lain):
        try:
            pembayaran.terbitkan_tagihan(t, petugas, isian(kode), **lain)
        except Exception as e:  # noqa: BLE001 - reported by the assertion below
            galat.append(e)
        finally:
            connection.close()

    contoh = SimpleUploadedFile("contoh_susenas.csv", b"a,b\n1,2\n")
    pertama = threading.Thread(target=terbitkan, args=(lambat, "820260313000001"), kwargs={"contoh_data": contoh})
    kedua = threading.Thread(target=terbitkan, args=(cepat, "820260313000002"))
    pertama.start()
    try:
        assert di_dalam.wait(10)
        kedua.start()
        kedua.join(5)
        selesai_duluan = not kedua.is_alive()
    finally:
        lanjut.set()
        pertama.join(15)
        if kedua.ident:
            kedua.join(15)
    assert galat == []
    assert selesai_duluan, "the other invoice waited for the sample file being stored"
    nomor = sorted(Tagihan.objects.values_list("nomor", flat=True))
    assert len(nomor) == len(set(nomor)) == 2
