"""Ratings in the visitor's data download; erasure keeps the scores (the IKM)
and blanks the feedback text and the officer's answer to it, also in the
stored monthly reports that quoted it."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from penilaian import laporan, services
from penilaian.laporan import minta_laporan
from penilaian.models import LaporanBulanan, Penilaian
from penilaian.skm import KOLOM_SKOR
from pst_layanan import data_pribadi
from pst_layanan.models import Surel
from pst_layanan.periode import Bulan
from tests.penilaian.conftest import SEMUA_4, tiket_selesai
from tests.serentak import ditahan
from tests.transaksi.test_pembayaran import diserahkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def dinilai(pengunjung, petugas, berkas_privat):
    t = diserahkan(pengunjung, petugas)
    p = services.beri_penilaian(
        t, pengunjung, dict.fromkeys(KOLOM_SKOR, 4), "Andi, 0812-3456: mohon datanya dikirim lagi.", True
    )
    services.jawab_umpan_balik(p, petugas, "Bapak Andi, data sudah kami kirim ulang.")
    return t, Penilaian.objects.get(pk=p.pk)


def test_unduhan_data_berisi_penilaian(dinilai, pengunjung, pengunjung_lain):
    t, _ = dinilai
    [p] = data_pribadi.ekspor(pengunjung)["penilaian"]
    assert p["transaksi"] == t.nomor and p["minta_tindak_lanjut"] is True
    assert p["umpan_balik"].startswith("Andi, 0812-3456") and p["jawaban_petugas"].startswith("Bapak Andi")
    assert len(p["skor"]) == 9 and set(p["skor"].values()) == {4}
    assert data_pribadi.ekspor(pengunjung_lain)["penilaian"] == []


def test_penghapusan_mengosongkan_umpan_balik_dan_menyimpan_skor(dinilai, pengunjung):
    _, p = dinilai
    data_pribadi.anonimkan(pengunjung)
    sesudah = Penilaian.objects.get(pk=p.pk)
    assert sesudah.umpan_balik == "[dihapus]" and sesudah.jawaban == "[dihapus]"
    assert sesudah.skor == p.skor and sesudah.pengguna_id == pengunjung.pk  # still in the IKM
    assert Penilaian.objects.count() == 1


@pytest.mark.parametrize("antrean", ["hidup", "mati"])
def test_laporan_bulanan_yang_mengutip_umpan_balik_disusun_ulang(
    antrean, dinilai, pengunjung, request, django_capture_on_commit_callbacks
):
    """The stored report of that month quoted the feedback in its files: it is
    built again without it. With the task queue unreachable it is built in the
    erasure's own process: marked failed only, it would still serve its previous
    files, with nothing to build it again."""
    _, p = dinilai
    bulan = Bulan.dari_tanggal(timezone.localdate(p.dikirim_pada))
    with django_capture_on_commit_callbacks(execute=True):
        laporan = minta_laporan(bulan)
    laporan.refresh_from_db()
    assert "0812-3456" in _teks_xlsx(laporan)
    if antrean == "mati":
        request.getfixturevalue("broker_mati")
    with django_capture_on_commit_callbacks(execute=True):
        data_pribadi.anonimkan(pengunjung)
    laporan.refresh_from_db()
    assert laporan.status == LaporanBulanan.Status.SIAP
    assert "0812-3456" not in _teks_xlsx(laporan)


def _teks_xlsx(laporan) -> str:
    with laporan.xlsx.open("rb") as f:
        buku = load_workbook(io.BytesIO(f.read()), read_only=True)
    return " ".join(str(sel) for lembar in buku for baris in lembar.iter_rows(values_only=True) for sel in baris)


def test_penghapusan_menutup_permintaan_tindak_lanjut_yang_belum_dijawab(pengunjung, petugas, klien_untuk):
    """The erased person's follow-up request can no longer be answered (its
    text is gone, their address cannot receive mail): it leaves the officers'
    queue and the dashboard's open count instead of waiting there forever."""
    t = diserahkan(pengunjung, petugas)
    services.beri_penilaian(t, pengunjung, dict.fromkeys(KOLOM_SKOR, 2), "Andi, 0812-3456: data salah.", True)
    assert Penilaian.objects.perlu_tindak_lanjut().count() == 1
    data_pribadi.anonimkan(pengunjung)
    assert Penilaian.objects.perlu_tindak_lanjut().count() == 0
    assert "[dihapus]" not in klien_untuk(petugas).get("/penilaian/umpan-balik/").text


def test_laporan_yang_gagal_disusun_ulang_tetapi_masih_menyajikan_berkas_lama_juga_disusun_ulang(
    dinilai, pengunjung, django_capture_on_commit_callbacks
):
    """A report whose latest rebuild failed still serves its previous files,
    which quote the feedback: the erasure builds it again too."""
    _, p = dinilai
    with django_capture_on_commit_callbacks(execute=True):
        laporan = minta_laporan(Bulan.dari_tanggal(timezone.localdate(p.dikirim_pada)))
    LaporanBulanan.objects.filter(pk=laporan.pk).update(status=LaporanBulanan.Status.GAGAL, galat="disk penuh")
    laporan.refresh_from_db()
    assert "0812-3456" in _teks_xlsx(laporan)  # what the report page still offers to download
    with django_capture_on_commit_callbacks(execute=True):
        data_pribadi.anonimkan(pengunjung)
    laporan.refresh_from_db()
    assert laporan.status == LaporanBulanan.Status.SIAP
    assert "0812-3456" not in _teks_xlsx(laporan)


def test_laporan_yang_sedang_disusun_saat_penghapusan_disusun_ulang(
    dinilai, pengunjung, monkeypatch, django_capture_on_commit_callbacks
):
    """A build that had read the month's feedback when the erasure came stores
    nothing: the erasure queues the report again, though it finds it "being
    built", and the stale build's files are dropped."""
    _, p = dinilai
    with django_capture_on_commit_callbacks(execute=True):
        lap = minta_laporan(Bulan.dari_tanggal(timezone.localdate(p.dikirim_pada)))
    LaporanBulanan.objects.filter(pk=lap.pk).update(status=LaporanBulanan.Status.ANTRE)  # a rebuild, just taken
    asli, antre = laporan.sebagai_pdf, []

    def penghapusan_di_tengah(*args, **kwargs):
        with django_capture_on_commit_callbacks() as setelah_commit:
            data_pribadi.anonimkan(pengunjung)
        antre.extend(setelah_commit)
        return asli(*args, **kwargs)

    monkeypatch.setattr(laporan, "sebagai_pdf", penghapusan_di_tengah)
    assert not laporan.susun_laporan(lap.pk), "susunan yang basi tidak disimpan"
    monkeypatch.setattr(laporan, "sebagai_pdf", asli)
    lap.refresh_from_db()
    assert lap.status == LaporanBulanan.Status.ANTRE
    for jalankan in antre:
        jalankan()
    lap.refresh_from_db()
    assert lap.status == LaporanBulanan.Status.SIAP
    assert "0812-3456" not in _teks_xlsx(lap)


def test_surel_tindak_lanjut_yang_belum_terkirim_tidak_mengutip_umpan_balik(dinilai, pengunjung):
    """The officers' follow-up request still waiting for the mail server quotes
    the feedback: erasure removes it from the e-mail with the name."""
    data_pribadi.anonimkan(pengunjung)
    [surel] = Surel.objects.filter(isi__contains="meminta tindak lanjut")
    assert "0812-3456" not in surel.isi and "Andi" not in surel.isi + surel.subjek


def test_tiket_pengunjung_terhapus_menerima_skor_tanpa_saran(
    pengunjung, petugas, client, django_assert_max_num_queries
):
    """The paper ticket's QR link outlives the erasure. Its page still takes
    the scores (the anonymous statistics erasure keeps), but no feedback text,
    which no later erasure would blank, nor a follow-up request that would
    wait in the officers' queue for an answer nobody can receive."""
    tiket = tiket_selesai(pengunjung, petugas)
    data_pribadi.anonimkan(pengunjung)
    url = reverse("penilaian:nilai_tiket", args=[tiket.token])
    skor = {k: str(v) for k, v in SEMUA_4.items()}
    with django_assert_max_num_queries(6):
        html = client.get(url).text
    assert 'name="umpan_balik"' not in html and 'name="minta_tindak_lanjut"' not in html
    assert "penilaian tetap diterima, tetapi tanpa saran dan masukan" in html
    r = client.post(url, {**skor, "umpan_balik": "Andi, 0812-3456: mohon dijawab.", "minta_tindak_lanjut": "on"})
    assert "Terima kasih atas penilaian Anda" not in r.text and not Penilaian.objects.exists()
    assert "penilaian tetap diterima, tetapi tanpa saran dan masukan" in r.text
    assert "Terima kasih atas penilaian Anda" in client.post(url, skor).text
    p = Penilaian.objects.get()
    assert set(p.skor.values()) == {4} and p.umpan_balik == "" and not p.minta_tindak_lanjut
    assert not Surel.objects.filter(subjek__contains="perlu ditindaklanjuti").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_penilaian_kunjungan_yang_dikirim_saat_penghapusan_tidak_menyimpan_umpan_balik_postgres(
    postgres_wajib, pengunjung, petugas
):
    """The visitor rates their visit from the paper ticket's page while
    their erasure runs in another tab: the erasure waits for the rating and
    blanks its feedback, or the rating sees the erasure and takes no text;
    never a feedback text that outlives the erasure."""
    tiket = tiket_selesai(pengunjung, petugas)
    teks = "Saya Andi, HP 0812-3456-7890, mohon dihubungi."
    with ditahan(lambda: services.beri_penilaian_kunjungan(tiket.token, SEMUA_4, teks)):
        data_pribadi.anonimkan(pengunjung)
    assert not Penilaian.objects.filter(umpan_balik__contains="0812").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_penilaian_transaksi_setelah_penghapusan_yang_ditunggunya_tanpa_umpan_balik_postgres(
    postgres_wajib, pengunjung, petugas, berkas_privat
):
    """The erasure is first and the rating of a delivered transaction waits
    for it: the rating reads the visitor as erased (not as the page's session
    found them), so it is refused rather than storing their text after it."""
    t = diserahkan(pengunjung, petugas)
    with pytest.raises(ValidationError, match="sudah dihapus"), ditahan(lambda: data_pribadi.anonimkan(pengunjung)):
        services.beri_penilaian(t, pengunjung, SEMUA_4, "Saya Andi, HP 0812-3456-7890.")
    assert not Penilaian.objects.filter(umpan_balik__contains="0812").exists()


def test_surel_tindak_lanjut_belum_terkirim_tidak_mengutip_umpan_balik_berbaris(pengunjung, petugas, berkas_privat):
    """Feedback of several lines is quoted line by line ("> …") in the e-mail,
    and typed in a browser its lines end in CRLF: erasure still finds it."""
    t = diserahkan(pengunjung, petugas)
    teks = "Pelayanannya lambat sekali.\r\n\r\nPetugas loket dua tidak ramah kepada saya.  \r\nTerima kasih."
    services.beri_penilaian(t, pengunjung, dict.fromkeys(KOLOM_SKOR, 2), teks, True)
    [sebelum] = Surel.objects.filter(isi__contains="meminta tindak lanjut")
    assert "> Petugas loket dua tidak ramah" in sebelum.isi
    data_pribadi.anonimkan(pengunjung)
    surel = Surel.objects.get(pk=sebelum.pk)
    for baris in ("lambat sekali", "tidak ramah", "Terima kasih."):
        assert baris not in surel.isi
