"""Every kind of e-mail, sent to people who read the pseudo-locale: subject and
body go through the catalogue (data values excepted), for the visitor, the
officers, the supervisors and the administrators alike."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from antrian import services as antrian
from antrian.models import Layanan
from penilaian import services as penilaian
from penilaian.models import Penilaian
from pst_layanan import akun, peringatan
from pst_layanan.forms import DaftarForm
from pst_layanan.kalender import WIB
from pst_layanan.models import Pengguna, Surel
from pst_layanan.notifikasi import render_teks
from tests import pabrik
from tests.bahasa import pseudo
from tests.inti.test_akun import DATA_DAFTAR
from tests.keamanan.test_akses_url import dunia  # noqa: F401  (fixture)
from transaksi import tenggat

pytestmark = pytest.mark.django_db

GALAT = "ZeroDivisionError"

# The e-mail templates a reader can receive; each must be seen below.
TEMPLATE = {
    "email/verifikasi.txt",
    "email/undangan.txt",
    "email/reset_sandi.txt",
    "email/daftar_ganda.txt",
    "email/antrian/janji_diajukan.txt",
    "email/antrian/janji_dikonfirmasi.txt",
    "email/antrian/janji_ditolak.txt",
    "email/antrian/janji_dibatalkan.txt",
    "email/transaksi/status.txt",
    "email/transaksi/petugas.txt",
    "email/transaksi/pembayaran/tagihan.txt",
    "email/transaksi/pembayaran/diserahkan.txt",
    "email/transaksi/pengembalian.txt",
    "email/transaksi/tenggat/eskalasi.txt",
    "email/transaksi/tenggat/pengingat.txt",
    "email/penilaian/jawaban.txt",
    "email/penilaian/perlu_tindak_lanjut.txt",
    "email/peringatan/galat.txt",
}


@pytest.fixture
def semua_pseudo(bahasa_pseudo, pengunjung, pengunjung_lain, resepsionis, petugas, supervisor, bendahara, settings):
    """Everyone reads the pseudo-locale, the administrators' alert address too."""
    settings.ADMINS = [("Admin", petugas.email)]
    Pengguna.objects.update(bahasa=bahasa_pseudo)
    return bahasa_pseudo


def test_setiap_surel_lewat_katalog(semua_pseudo, request, monkeypatch, pengunjung, petugas, supervisor):
    dipakai: set[str] = set()

    def catat(template, konteks):
        dipakai.add(template)
        return render_teks(template, konteks)

    monkeypatch.setattr("pst_layanan.notifikasi.render_teks", catat)

    request.getfixturevalue("dunia")  # invoice, payment, delivery, refund: the transaction e-mails
    layanan = Layanan.objects.get(kode="B")
    besok = timezone.now() + timedelta(days=2)
    janji = antrian.ajukan_janji(pengunjung, layanan, besok, "Data IPM")
    antrian.konfirmasi_janji(janji, petugas)
    antrian.batalkan_janji(janji, pengunjung)
    antrian.tolak_janji(antrian.ajukan_janji(pengunjung, layanan, besok, "Data kemiskinan"), petugas, "Penuh.")
    akun.kirim_verifikasi(pengunjung)
    akun.kirim_undangan(pengunjung)
    akun.kirim_reset_sandi(pengunjung)
    form = DaftarForm({**DATA_DAFTAR, "email": pengunjung.email})  # a taken address: the owner is warned
    assert form.is_valid(), form.errors
    akun.daftar(form)
    nilai = Penilaian.objects.get()
    nilai.minta_tindak_lanjut = True
    nilai.save(update_fields=["minta_tindak_lanjut"])  # only a follow-up request takes an answer
    penilaian._minta_tindak_lanjut(nilai, [petugas.email], "kunjungan")
    penilaian.jawab_umpan_balik(nilai, petugas, "Terima kasih, antrean kami perbaiki.")
    peringatan._kirim_galat(logging.LogRecord("pst", logging.ERROR, __file__, 1, GALAT, None, None))
    with time_machine.travel(datetime(2026, 3, 13, 10, 0, tzinfo=WIB), tick=False):
        diajukan = pabrik.transaksi_diajukan(pengunjung)
    with time_machine.travel(diajukan.batas_waktu - timedelta(hours=1), tick=False):
        tenggat.pengingat()
    with time_machine.travel(diajukan.batas_waktu + timedelta(minutes=1), tick=False):
        tenggat.eskalasi()

    data = [*pseudo.nilai_data(), GALAT]  # the error's own message is data
    bocor = {}
    for s in Surel.objects.all():
        for kata in pseudo.sisa_teks(f"{s.subjek}\n{s.isi}", data):
            bocor.setdefault(s.subjek, set()).add(kata)
    assert not bocor, "Surel di luar katalog:\n" + "\n".join(f"  {k}: {' '.join(sorted(v))}" for k, v in bocor.items())
    assert dipakai >= TEMPLATE, f"tidak teruji: {sorted(TEMPLATE - dipakai)}"
