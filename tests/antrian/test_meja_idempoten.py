"""One submission of the desk form issues at most one ticket: the form's
one-time token, and one waiting/called ticket per visitor, service and day.
A repeat shows the same ticket again, never an error and never a second one."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from antrian import services
from antrian.models import Kunjungan, StatusTiket, Tiket
from conftest import buat_pengguna
from pst_layanan.models import Pengguna
from tests.antrian import ISIAN_MEJA
from tests.antrian.conftest import kiriman_pertama_di_tengah_cek_email
from tests.antrian.test_meja import TAMU_BARU
from tests.serentak import serentak

SERENTAK = 10


def _kirim(client, layanan, token, pengunjung=None, **lain):
    data = {"pengunjung": pengunjung.pk if pengunjung else "", "layanan": layanan.pk, "token_kirim": token}
    return client.post(reverse("antrian:meja"), {**data, **ISIAN_MEJA, **lain})


def _cetak(tiket):
    return reverse("antrian:tiket_cetak", args=[tiket.pk]) + "?cetak=1"


@pytest.mark.django_db
def test_halaman_meja_membawa_token_sekali_pakai(klien_untuk, resepsionis, layanan_b, selalu_buka):
    client = klien_untuk(resepsionis)
    token = [client.get(reverse("antrian:meja")).context["form"]["token_kirim"].value() for _ in range(2)]
    assert len(token[0]) == 32 and token[0] != token[1]


@pytest.mark.django_db
def test_kirim_dua_kali_token_sama_satu_tiket_ditampilkan_lagi(
    klien_untuk, resepsionis, pengunjung, layanan_b, selalu_buka, django_assert_max_num_queries
):
    client = klien_untuk(resepsionis)
    pertama = _kirim(client, layanan_b, "a" * 32, pengunjung)
    tiket = Tiket.objects.get()
    with django_assert_max_num_queries(12):
        kedua = _kirim(client, layanan_b, "a" * 32, pengunjung)
    assert pertama.status_code == kedua.status_code == 302
    assert pertama["Location"] == kedua["Location"] == _cetak(tiket)
    html = client.get(kedua["Location"]).content.decode()
    assert "sudah memegang tiket B-001" in html and "tidak ada tiket baru" in html
    assert Tiket.objects.count() == Kunjungan.objects.count() == 1


@pytest.mark.django_db
def test_tamu_baru_dikirim_dua_kali_satu_akun_satu_tiket_satu_surel(
    klien_untuk, resepsionis, layanan_b, selalu_buka, django_capture_on_commit_callbacks
):
    client = klien_untuk(resepsionis)
    with django_capture_on_commit_callbacks(execute=True):
        r = [_kirim(client, layanan_b, "b" * 32, **TAMU_BARU) for _ in range(2)]
    tiket = Tiket.objects.get()
    assert [x["Location"] for x in r] == [_cetak(tiket)] * 2
    assert Pengguna.objects.filter(email="sari@contoh.id").count() == 1 and len(mail.outbox) == 1


@pytest.mark.django_db
def test_dua_tab_untuk_pengunjung_yang_sama_menampilkan_tiket_yang_masih_terbuka(
    klien_untuk, resepsionis, pengunjung, layanan_b, layanan_k, loket1, petugas, selalu_buka
):
    client = klien_untuk(resepsionis)
    _kirim(client, layanan_b, "c" * 32, pengunjung)
    r = _kirim(client, layanan_b, "d" * 32, pengunjung)  # another tab: another token
    tiket = Tiket.objects.get()
    assert r["Location"] == _cetak(tiket)
    services.panggil_berikutnya(loket1, petugas)  # called: still open
    assert _kirim(client, layanan_b, "e" * 32, pengunjung)["Location"] == _cetak(tiket)

    # Another service is another queue; a finished ticket no longer counts.
    _kirim(client, layanan_k, "f" * 32, pengunjung)
    assert Tiket.objects.filter(layanan=layanan_k).count() == 1
    services.mulai_layani(tiket, loket1, petugas)
    services.selesai(tiket, loket1, petugas, "penjelasan")
    _kirim(client, layanan_b, "g" * 32, pengunjung)
    assert list(Tiket.objects.filter(layanan=layanan_b).values_list("nomor", "status")) == [
        (1, StatusTiket.SELESAI),
        (2, StatusTiket.MENUNGGU),
    ]


@pytest.mark.django_db
def test_kembali_lalu_ganti_pengunjung_adalah_kiriman_baru(
    klien_untuk, resepsionis, pengunjung, pengunjung_lain, layanan_b, selalu_buka
):
    """The browser's back button brings the old form (and token) back; sent for
    another visitor it is a new submission, not the old ticket."""
    client = klien_untuk(resepsionis)
    _kirim(client, layanan_b, "h" * 32, pengunjung)
    _kirim(client, layanan_b, "h" * 32, pengunjung_lain)
    assert sorted(Tiket.objects.values_list("kunjungan__pengunjung__email", flat=True)) == [
        pengunjung.email,
        pengunjung_lain.email,
    ]


@pytest.mark.django_db
def test_token_rusak_ditolak_tanpa_perubahan(klien_untuk, resepsionis, pengunjung, layanan_b, selalu_buka):
    r = _kirim(klien_untuk(resepsionis), layanan_b, "<script>", pengunjung)
    assert r.status_code == 200 and "muat ulang halaman meja" in r.content.decode()
    assert not Tiket.objects.exists()


def _sepuluh_kiriman_sama(resepsionis, layanan, **data):
    klien = []
    for _ in range(SERENTAK):
        c = Client()
        c.force_login(resepsionis, backend="django.contrib.auth.backends.ModelBackend")
        klien.append(c)
    hasil, galat = serentak(lambda i: _kirim(klien[i], layanan, "s" * 32, **data), SERENTAK)
    assert galat == []
    return hasil


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sepuluh_kiriman_serentak_satu_tiket_postgres(postgres_wajib, selalu_buka, layanan_b, resepsionis):
    pengunjung = buat_pengguna("serentak@contoh.id")
    hasil = _sepuluh_kiriman_sama(resepsionis, layanan_b, pengunjung=pengunjung)
    tiket = Tiket.objects.get()
    assert [r.status_code for r in hasil] == [302] * SERENTAK
    assert {r["Location"] for r in hasil} == {_cetak(tiket)}
    assert Kunjungan.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sepuluh_kiriman_serentak_tamu_baru_satu_akun_postgres(postgres_wajib, selalu_buka, layanan_b, resepsionis):
    hasil = _sepuluh_kiriman_sama(resepsionis, layanan_b, **TAMU_BARU)
    tiket = Tiket.objects.get()
    assert {(r.status_code, r["Location"]) for r in hasil} == {(302, _cetak(tiket))}
    assert Pengguna.objects.filter(email="sari@contoh.id").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dua_meja_serentak_untuk_satu_pengunjung_satu_tiket_postgres(
    postgres_wajib, selalu_buka, layanan_b, resepsionis
):
    """Different tokens (two tabs, two desks) for one visitor at the same moment."""
    pengunjung = buat_pengguna("duameja@contoh.id")
    hasil, galat = serentak(
        lambda i: services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung, token_kirim=f"t{i}").pk,
        SERENTAK,
    )
    assert galat == [] and len(set(hasil)) == 1 and Tiket.objects.count() == 1


@pytest.mark.django_db
def test_tamu_baru_dikirim_lagi_sesudah_kembali_dengan_token_baru_menampilkan_tiketnya(
    klien_untuk, resepsionis, layanan_b, selalu_buka
):
    """The browser's "back" brings the filled form again under a fresh token:
    the recorded arrival names the submission, so the visitor's ticket is shown
    again, not "this e-mail is already registered"."""
    client = klien_untuk(resepsionis)
    kedatangan = services.catat_kedatangan(resepsionis)
    pertama = _kirim(client, layanan_b, "f" * 32, kedatangan=kedatangan.pk, **TAMU_BARU)
    kedua = _kirim(client, layanan_b, "g" * 32, kedatangan=kedatangan.pk, **TAMU_BARU)
    tiket = Tiket.objects.get()
    assert pertama["Location"] == kedua["Location"] == _cetak(tiket)
    html = client.get(kedua["Location"]).content.decode()
    assert "sudah memegang tiket B-001" in html and "sudah terdaftar" not in html
    assert Kunjungan.objects.count() == 1


@pytest.mark.django_db
def test_kiriman_tamu_baru_yang_selesai_di_antara_dua_pemeriksaan_tetap_menampilkan_tiketnya(
    klien_untuk, resepsionis, layanan_b, selalu_buka, monkeypatch
):
    """The first sending commits while the second is checking the e-mail (two
    requests at once): the second shows the first one's ticket, not a refusal."""
    kiriman_pertama_di_tengah_cek_email(
        monkeypatch,
        lambda biodata: services.kunjungan_langsung(
            resepsionis, layanan_b, email_baru="sari@contoh.id", biodata_baru=biodata, token_kirim="t" * 32
        ),
    )
    r = _kirim(klien_untuk(resepsionis), layanan_b, "t" * 32, **TAMU_BARU)
    tiket = Tiket.objects.get()
    assert r.status_code == 302 and r["Location"] == _cetak(tiket)
