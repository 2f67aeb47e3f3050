"""Requirement files are deleted by the daily beat job once the retention
period after closing has passed; the rows stay, the download says why (410)."""

import os
from datetime import datetime

import pytest
import time_machine
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from pst_layanan import cadangan
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor, lupakan_kantor
from pst_layanan.models import BerkasDihapus
from pst_layanan.tasks import hapus_berkas_task
from tests import pabrik
from tests.transaksi.conftest import berkas_di
from transaksi import retensi, services
from transaksi.models import DokumenPersyaratan
from transaksi.tasks import retensi_dokumen_task

pytestmark = pytest.mark.django_db

DITUTUP = datetime(2026, 3, 16, 10, 0, tzinfo=WIB)


@pytest.fixture
def retensi_30_hari(db):
    k = kantor()
    k.retensi_dokumen_hari = 30
    k.save()
    lupakan_kantor()


@pytest.fixture
def dibatalkan(pengunjung, berkas_privat, retensi_30_hari):
    """A transaction with its documents, cancelled on Monday 16 March 2026 10.00 WIB."""
    with time_machine.travel(DITUTUP, tick=False):
        t = pabrik.transaksi_diajukan(pengunjung)
        return services.batalkan(t, pengunjung, "Tidak jadi.")


@pytest.fixture
def terbuka(pengunjung_lain, berkas_privat):
    with time_machine.travel(DITUTUP, tick=False):
        return pabrik.transaksi_diajukan(pengunjung_lain)


def test_sehari_sebelum_batas_tidak_ada_yang_dihapus(dibatalkan, terbuka, berkas_privat):
    sebelum = sorted(berkas_di(berkas_privat))
    assert sebelum and dibatalkan.dokumen.count() >= 1
    with time_machine.travel(datetime(2026, 4, 14, 10, 0, tzinfo=WIB), tick=False):  # day 29
        assert retensi.hapus_kedaluwarsa() == []
    assert sorted(berkas_di(berkas_privat)) == sebelum
    assert not DokumenPersyaratan.objects.filter(dihapus_retensi_pada__isnull=False).exists()


def test_sehari_sesudah_batas_berkas_dihapus_baris_tetap_dan_jalan_kedua_tidak_berbuat_apa_pun(
    dibatalkan, terbuka, berkas_privat
):
    jumlah_baris = DokumenPersyaratan.objects.count()
    sesudah = datetime(2026, 4, 16, 10, 0, tzinfo=WIB)  # day 31
    with time_machine.travel(sesudah, tick=False):
        dihapus = retensi.hapus_kedaluwarsa()
        assert sorted(dihapus) == sorted(dibatalkan.dokumen.values_list("pk", flat=True))
        # Run twice (beat late, or two workers): nothing more happens.
        assert retensi.hapus_kedaluwarsa() == []
    assert DokumenPersyaratan.objects.count() == jumlah_baris
    for dok in dibatalkan.dokumen.all():
        assert dok.dihapus_retensi_pada == sesudah and not dok.berkas and dok.nama_asli
    # Only the open transaction's files are left on disk.
    sisa = sorted(str(p) for p in berkas_di(berkas_privat))
    assert sisa == sorted(d.berkas.path for d in terbuka.dokumen.all())
    assert not terbuka.dokumen.filter(dihapus_retensi_pada__isnull=False).exists()


def test_klaim_bersaing_menghapus_sekali(dibatalkan, berkas_privat):
    """Another worker claimed the row between the candidate query and the claim: this run skips it."""
    dok = dibatalkan.dokumen.first()
    with time_machine.travel(datetime(2026, 4, 16, 10, 0, tzinfo=WIB), tick=False):
        antrean = retensi.jatuh_tempo()
        DokumenPersyaratan.objects.filter(pk=dok.pk).update(
            dihapus_retensi_pada=datetime(2026, 4, 16, 9, 0, tzinfo=WIB)
        )
        assert dok.pk not in retensi.hapus_berkas(antrean.all(), datetime(2026, 4, 16, 10, 0, tzinfo=WIB))
    dok.refresh_from_db()
    assert dok.dihapus_retensi_pada == datetime(2026, 4, 16, 9, 0, tzinfo=WIB)


def test_unduh_dokumen_yang_sudah_dihapus_memberi_410_dengan_pesan(dibatalkan, klien_untuk, pengunjung, petugas):
    dok = dibatalkan.dokumen.first()
    with time_machine.travel(datetime(2026, 4, 16, 10, 0, tzinfo=WIB), tick=False):
        retensi_dokumen_task.delay()
    url = reverse("transaksi:dokumen_unduh", args=[dibatalkan.nomor, dok.pk])
    for user in (pengunjung, petugas):
        response = klien_untuk(user).get(url)
        assert response.status_code == 410
        teks = response.content.decode()
        assert "sudah dihapus pada Kamis, 16 April 2026" in teks and "masa simpan" in teks
        assert dok.jenis.nama in teks


def test_jadwal_beat_harian_ada():
    tugas = PeriodicTask.objects.get(task="transaksi.tasks.retensi_dokumen_task")
    assert tugas.enabled and tugas.crontab is not None
    assert (tugas.crontab.minute, tugas.crontab.hour, tugas.crontab.day_of_month) == ("30", "2", "*")


def test_retensi_tiap_kantor_sendiri(pengunjung, berkas_privat, retensi_30_hari, kota):
    """The provincial office keeps 30 days; the city office its default year:
    on day 31 only the provincial transaction's files go."""
    with time_machine.travel(DITUTUP, tick=False):
        provinsi = services.batalkan(pabrik.transaksi_diajukan(pengunjung), pengunjung, "Tidak jadi.")
        di_kota = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
        di_kota = services.batalkan(di_kota, pengunjung, "Tidak jadi.")
    with time_machine.travel(datetime(2026, 4, 16, 10, 0, tzinfo=WIB), tick=False):  # day 31
        dihapus = set(retensi.hapus_kedaluwarsa())
    assert dihapus == set(provinsi.dokumen.values_list("pk", flat=True)) and dihapus
    assert not di_kota.dokumen.filter(dihapus_retensi_pada__isnull=False).exists()


def test_berkas_yang_terus_gagal_tidak_menahan_berkas_sesudahnya(
    pengunjung, pengunjung_lain, berkas_privat, retensi_30_hari, monkeypatch
):
    """A run deletes at most its batch, and goes on past files the disk keeps
    refusing: taking only the first ids of the queue, as many of them would
    hold up every file after them, day after day."""
    with time_machine.travel(DITUTUP, tick=False):
        macet = services.batalkan(pabrik.transaksi_diajukan(pengunjung), pengunjung, "Tidak jadi.")
        lancar = services.batalkan(pabrik.transaksi_diajukan(pengunjung_lain), pengunjung_lain, "Tidak jadi.")
    ditolak = set(macet.dokumen.values_list("berkas", flat=True))
    asli = FileSystemStorage.delete

    def hapus(self, nama):
        if nama in ditolak:
            raise PermissionError(13, "Permission denied", nama)
        asli(self, nama)

    monkeypatch.setattr(FileSystemStorage, "delete", hapus)
    with time_machine.travel(datetime(2026, 4, 16, 10, 0, tzinfo=WIB), tick=False):  # day 31
        dihapus = retensi.hapus_kedaluwarsa(batas=1)
    assert dihapus == [lancar.dokumen.order_by("pk").first().pk]
    assert not macet.dokumen.filter(dihapus_retensi_pada__isnull=False).exists()  # kept for the next run


def test_berkas_yang_gagal_dihapus_dicatat_tanpa_nama_asli_pengunggah(
    dibatalkan, berkas_privat, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    """An erased person's file that the disk refuses to delete is logged by its
    path up to its unique id: the upload's own name ("KTP Andi.pdf") stays out of the log."""
    dok = DokumenPersyaratan.objects.filter(transaksi=dibatalkan).first()
    DokumenPersyaratan.objects.filter(pk=dok.pk).update(berkas=f"persyaratan/2026/03/{'a' * 32}-KTP Andi Pratama.pdf")

    def gagal(self, nama):  # as os.remove says it: the error names the whole path
        raise PermissionError(13, "Permission denied", self.path(nama))

    monkeypatch.setattr(FileSystemStorage, "delete", gagal)
    with django_capture_on_commit_callbacks(execute=True):
        retensi.hapus_berkas_setelah_commit(DokumenPersyaratan.objects.filter(pk=dok.pk), DITUTUP)
    [catatan] = [r for r in caplog.records if "gagal dihapus" in r.getMessage()]
    assert "Andi" not in caplog.text  # nor in the error's own words, which quote the whole path
    assert f"persyaratan/2026/03/{'a' * 32}" in catatan.getMessage() and "Permission denied" in catatan.getMessage()


def test_berkas_penghapusan_data_pribadi_diantrekan_di_transaksinya(dibatalkan, berkas_privat):
    """Erasure commits, then the process dies before the files go: the paths
    were queued in the erasure's own transaction, so the file job still
    deletes them (no file is left that no row names)."""

    jalur = [d.berkas.path for d in dibatalkan.dokumen.all()]
    assert jalur and all(os.path.exists(p) for p in jalur)
    # The on-commit deletion never runs (no callbacks captured): a crash right after the commit.
    retensi.hapus_berkas_setelah_commit(DokumenPersyaratan.objects.filter(transaksi=dibatalkan), DITUTUP)
    assert BerkasDihapus.objects.count() == len(jalur)
    assert all(os.path.exists(p) for p in jalur)
    hapus_berkas_task()
    assert not any(os.path.exists(p) for p in jalur)
    assert not BerkasDihapus.objects.exists()


def test_antrean_hapus_berkas_yang_terus_ditolak_tidak_menahan_berkas_sesudahnya(berkas_privat, monkeypatch):
    """The file job takes up to its batch of queued files and goes on past the
    ones the disk keeps refusing (a folder left owned by another user): taking
    only the head of the queue, a batch of those held every file queued after
    them, an erased person's among them, run after run."""
    BerkasDihapus.objects.create(nama="laporan/ditolak.pdf")
    BerkasDihapus.objects.create(nama="laporan/boleh.pdf")
    asli = FileSystemStorage.delete

    def hapus(self, nama):
        if nama == "laporan/ditolak.pdf":
            raise PermissionError(13, "Permission denied", nama)
        asli(self, nama)

    monkeypatch.setattr(FileSystemStorage, "delete", hapus)
    assert cadangan.hapus_antrean(batas=1) == 1
    assert list(BerkasDihapus.objects.values_list("nama", flat=True)) == ["laporan/ditolak.pdf"]


def test_jadwal_beat_hapus_berkas_ada():
    tugas = PeriodicTask.objects.get(task="pst_layanan.tasks.hapus_berkas_task")
    assert tugas.enabled and tugas.interval is not None
