"""Front-desk fixtures: the seeded service B, two counters, and office hours
that cover "now" for tests that are not about the hours themselves."""

from datetime import time

import pytest
from django.utils import timezone

from antrian import services
from antrian.forms import TamuBaruForm
from antrian.models import Layanan, Loket
from pst_layanan.kalender import kalender_berubah
from pst_layanan.kantor import kantor, lupakan_kantor
from pst_layanan.models import HariKantor


@pytest.fixture
def layanan_b(db):
    # get_or_create: transactional tests flush the row the data migration seeded.
    layanan, _ = Layanan.objects.get_or_create(kode="B", defaults={"nama": "Produk Statistik Berbayar"})
    return layanan


@pytest.fixture
def layanan_k(db):
    return Layanan.objects.create(kode="K", nama="Konsultasi Statistik", urutan=2)


@pytest.fixture
def loket1(layanan_b):
    loket = Loket.objects.create(nomor=1)
    loket.layanan.add(layanan_b)
    return loket


@pytest.fixture
def loket2(layanan_b):
    loket = Loket.objects.create(nomor=2)
    loket.layanan.add(layanan_b)
    return loket


@pytest.fixture
def selalu_buka(db):
    """Today is a working day open around the clock (for tests not about hours)."""
    k = kantor()
    k.jam_buka, k.jam_tutup_senin_kamis, k.jam_tutup_jumat = time(0, 0), time(23, 59, 59), time(23, 59, 59)
    k.save()
    lupakan_kantor()
    HariKantor.objects.update_or_create(
        tanggal=timezone.localdate(), defaults={"jenis": HariKantor.Jenis.BUKA, "keterangan": "Uji"}
    )
    kalender_berubah()


@pytest.fixture
def tiket_untuk(selalu_buka, resepsionis, layanan_b):
    """tiket_untuk(pengunjung, layanan=B) → a walk-in ticket issued at the desk."""

    def _buat(pengunjung, layanan=None):
        return services.kunjungan_langsung(resepsionis, layanan or layanan_b, pengunjung=pengunjung)

    return _buat


def kiriman_pertama_di_tengah_cek_email(monkeypatch, kirim_pertama) -> None:
    """Two sendings of a new visitor at once: `kirim_pertama(biodata)` (the
    first sending, with its valid new-visitor form) commits while the second
    is checking its e-mail, after the second looked for an earlier sending."""
    asli = TamuBaruForm.clean_email

    def pertama_selesai_dulu(form):
        monkeypatch.setattr(TamuBaruForm, "clean_email", asli)
        pertama = TamuBaruForm(form.data, prefix="baru")
        assert pertama.is_valid()
        kirim_pertama(pertama)
        return asli(form)

    monkeypatch.setattr(TamuBaruForm, "clean_email", pertama_selesai_dulu)
