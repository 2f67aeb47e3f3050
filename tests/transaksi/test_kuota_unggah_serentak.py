"""A visitor's uploads sent at the same moment (several tabs, a script) on
their own connections stay within the day's upload quota together, as they
do one after another."""

import pytest
from django.core.exceptions import ValidationError

from pst_layanan.berkas import MB
from tests import pabrik
from tests.serentak import serentak
from transaksi import services
from transaksi.models import DokumenPersyaratan, Transaksi

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SERENTAK = 3


def test_unggahan_serentak_tidak_melampaui_kuota_harian(postgres_wajib, pengunjung, berkas_privat, settings):
    settings.KUOTA_UNGGAH_MB_SEHARI = 1
    draf = [pabrik.transaksi_draf(pengunjung, dokumen=False).pk for _ in range(SERENTAK)]
    isi = pabrik.pdf_sebesar(6 * MB // 10)

    def unggah(i):
        berkas = pabrik.berkas_pdf(f"abstraksi-{i}.pdf", isi)
        return services.unggah_dokumen(Transaksi.objects.get(pk=draf[i]), pabrik.jenis("abstraksi"), berkas, pengunjung)

    hasil, galat = serentak(unggah, SERENTAK)
    assert len(hasil) == 1 and DokumenPersyaratan.objects.count() == 1
    assert len(galat) == SERENTAK - 1
    assert all(isinstance(e, ValidationError) and "batas unggah harian 1 MB" in e.messages[0] for e in galat), galat
