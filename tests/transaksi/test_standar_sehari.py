"""A standard of one working day is said in the singular in
English wherever the step-5 and step-7 standards are stated: the officers'
check list, the escalation e-mail, the visitor's e-mail asking for a
correction."""

from datetime import datetime

import pytest
from django.core import mail
from django.urls import reverse

from pst_layanan.kalender import WIB
from tests import pabrik
from tests.transaksi.test_tenggat import diajukan, jalankan  # noqa: F401  (fixture)
from transaksi import alur, services, tenggat
from transaksi.models import Jam

pytestmark = pytest.mark.django_db


def _dalam(user, bahasa):
    user.bahasa = bahasa
    user.save(update_fields=["bahasa"])
    return user


def _rapat(teks):
    return " ".join(teks.split())


@pytest.mark.parametrize(
    "bahasa, kalimat",
    [
        ("id", "Batas waktu: 1 hari kerja untuk memeriksa, 1 hari kerja untuk menyerahkan produk."),
        ("en", "Deadlines: 1 working day to check, 1 working day to deliver the products."),
    ],
)
def test_daftar_pemeriksaan_menyebut_standar_sehari(klien_untuk, petugas, sop_sehari, bahasa, kalimat):
    halaman = klien_untuk(_dalam(petugas, bahasa)).get(reverse("transaksi:periksa")).content.decode()
    assert kalimat in _rapat(halaman)


@pytest.mark.parametrize("ditangani", [True, False])
def test_surel_eskalasi_menyebut_standar_sehari(
    diajukan,  # noqa: F811  (fixture)
    petugas,
    supervisor,
    sop_sehari,
    django_capture_on_commit_callbacks,
    ditangani,
):
    """Each recipient reads the standards in their own language, for an
    assigned transaction and an unassigned one."""
    _dalam(petugas, "en")
    if ditangani:
        services.ambil_tugas(diajukan, petugas)
    jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 3, 25, 15, 31, tzinfo=WIB))
    isi = {penerima: _rapat(m.body) for m in mail.outbox for penerima in m.to}
    assert "(requirements check 1 working day or product delivery 1 working day)" in isi[petugas.email]
    assert "(waktu pemeriksaan 1 hari kerja atau penyerahan produk 1 hari kerja)" in isi[supervisor.email]


@pytest.mark.parametrize(
    "bahasa, kalimat",
    [
        ("id", "setelah Anda mengajukan kembali, kami memeriksanya paling lambat 1 hari kerja."),
        ("en", "once you submit again, we check it within 1 working day."),
    ],
)
def test_surel_perlu_perbaikan_menyebut_standar_sehari(
    pengunjung, petugas, monkeypatch, django_capture_on_commit_callbacks, bahasa, kalimat
):
    """The visitor asked to correct a requirement is told the step-5 standard
    the resubmission will be checked within."""
    monkeypatch.setitem(alur.HARI_KERJA_JAM, Jam.PERIKSA, 1)
    t = pabrik.transaksi_diajukan(_dalam(pengunjung, bahasa))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.minta_perbaikan(t, petugas, {t.dokumen.aktif().first().pk: "Pindaian KTM buram."})
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert kalimat in _rapat(surel.body)


def test_nama_jam_di_surel_eskalasi_menyebut_standar_sehari(
    diajukan,  # noqa: F811  (fixture)
    petugas,
    supervisor,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    """Each row of the escalation list names its clock with the clock's standard."""
    _dalam(petugas, "en")
    services.ambil_tugas(diajukan, petugas)
    monkeypatch.setitem(alur.HARI_KERJA_JAM, Jam.PERIKSA, 1)
    jalankan(django_capture_on_commit_callbacks, tenggat.eskalasi, datetime(2026, 3, 25, 15, 31, tzinfo=WIB))
    isi = {penerima: _rapat(m.body) for m in mail.outbox for penerima in m.to}
    assert "· Requirements check queue (1 working day)" in isi[petugas.email]
    assert "· Antrean pemeriksaan (1 hari kerja)" in isi[supervisor.email]
