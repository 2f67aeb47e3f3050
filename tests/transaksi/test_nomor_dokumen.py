"""Document numbers skip past numbers made by hand, and say so when they cannot."""

from datetime import datetime
from unittest import mock

import pytest
import time_machine

from pst_layanan.kalender import WIB
from pst_layanan.models import kantor_bawaan
from transaksi import nomor
from transaksi.alur import TransisiTidakSah
from transaksi.models import Tagihan

pytestmark = pytest.mark.django_db


# A model whose every number is already taken (made by hand).
NOMOR_TERPAKAI = mock.Mock(**{"objects.filter.return_value.exists.return_value": True})


def test_nomor_berikutnya_dan_bentrok_terus_menerus_dijelaskan():
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        assert nomor.nomor_dokumen(Tagihan, "INV", "tagihan", kantor_bawaan()) == "INV/1700/2026/000001"
        with pytest.raises(TransisiTidakSah, match="Nomor dokumen bentrok; coba lagi sebentar lagi."):
            nomor.nomor_dokumen(NOMOR_TERPAKAI, "INV", "tagihan", kantor_bawaan())
