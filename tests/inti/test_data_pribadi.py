"""Personal data (UU 27/2022): download, erasure by anonymisation, the
registry other apps plug into, and the officers' access log."""

import json
from datetime import datetime

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from pst_layanan import data_pribadi
from pst_layanan.appendonly import RiwayatTidakDapatDiubah
from pst_layanan.kalender import WIB
from pst_layanan.models import AksesDataPribadi, Pengguna, Surel
from pst_layanan.notifikasi import kirim_surel
from tests.tetap import pastikan_tetap
from tests.transaksi.conftest import berkas_privat  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

SANDI = "sandi-uji-123"  # conftest.buat_pengguna


@pytest.fixture
def pengunjung_lengkap(pengunjung):
    Pengguna.objects.filter(pk=pengunjung.pk).update(
        jenis_kelamin="L",
        tahun_lahir=1990,
        pendidikan="s1",
        pekerjaan="peneliti",
        nama_instansi="Universitas Bengkulu",
        kategori_instansi="pendidikan",
        npwp="123456789012345",
    )
    pengunjung.refresh_from_db()
    return pengunjung


@pytest.fixture
def registri_uji(monkeypatch):
    """An app's hooks registered for one test only."""
    monkeypatch.setattr(data_pribadi, "_EKSPOR", dict(data_pribadi._EKSPOR))
    monkeypatch.setattr(data_pribadi, "_ANONIMISASI", dict(data_pribadi._ANONIMISASI))
    dipanggil = []

    @data_pribadi.daftar_ekspor("kunjungan")
    def _ekspor(pengguna):
        return [{"tanggal": "2026-03-16", "keperluan": f"konsultasi {pengguna.nama_lengkap}"}]

    @data_pribadi.daftar_anonimisasi
    def _anonimkan(pengguna):
        # Hooks run before the user row is scrubbed: they still see the identity.
        dipanggil.append((pengguna.pk, pengguna.email))

    return dipanggil


def test_unduh_data_saya_berisi_profil_surel_dan_bagian_aplikasi(
    pengunjung_lengkap, client, registri_uji, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        kirim_surel(pengunjung_lengkap.email, "Transaksi diterima", "email/verifikasi.txt", {"tautan": "/x/"})
    kirim_surel("orang.lain@contoh.id", "Bukan untuk Andi", "email/verifikasi.txt", {"tautan": "/y/"})
    client.post(reverse("login"), {"username": "andi@contoh.id", "password": SANDI}, REMOTE_ADDR="10.1.2.3")
    with django_assert_max_num_queries(7):
        response = client.get(reverse("akun:data_saya"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="data-saya-pst-')
    data = json.loads(response.content)
    assert data["profil"]["email"] == "andi@contoh.id"
    assert data["profil"]["npwp"] == "123456789012345"
    assert data["profil"]["nama_instansi"] == "Universitas Bengkulu"
    assert [s["subjek"] for s in data["surel"]] == ["Transaksi diterima"]
    assert data["kunjungan"] == [{"tanggal": "2026-03-16", "keperluan": "konsultasi Andi Pengunjung"}]
    assert [m["ip_address"] for m in data["riwayat_masuk"]] == ["10.1.2.3"]
    assert "password" not in json.dumps(data)


def test_unduh_data_butuh_login(client):
    response = client.get(reverse("akun:data_saya"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_akun_yang_alamatnya_belum_terbukti_tidak_mengunduh_atau_menghapus_data(client, registri_uji):
    """Anyone can sign up with another person's address, and the desk then
    finds that account by the address and records the owner's visits on it.
    Until the e-mailed link proves the address, the password holder gets
    neither the download (those visits, the e-mails sent to it) nor the erasure."""
    Pengguna.objects.create_user(email="siti@contoh.id", password=SANDI, nama_lengkap="Siti")
    client.post(reverse("login"), {"username": "siti@contoh.id", "password": SANDI})
    unduh = client.get(reverse("akun:data_saya"))
    hapus = client.post(reverse("akun:hapus"), {"password": SANDI, "yakin": "on"})
    for r in (unduh, hapus):
        assert (r.status_code, r["Location"]) == (302, reverse("akun:belum_verifikasi"))
    siti = Pengguna.objects.get(email="siti@contoh.id")
    assert siti.is_active and siti.dianonimkan_pada is None and registri_uji == []


def test_hapus_akun_menganonimkan_dan_menyimpan_statistik(
    pengunjung_lengkap, client, registri_uji, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        kirim_surel(pengunjung_lengkap.email, "Sudah terkirim", "email/verifikasi.txt", {"tautan": "/x/"})
    belum = kirim_surel(pengunjung_lengkap.email, "Belum terkirim", "email/verifikasi.txt", {"tautan": "/x/"})
    # To the office, about them: an appointment request naming them, an unrelated one.
    ke_kantor = Surel.objects.create(
        penerima=["pst1700@bps.go.id"], subjek="Permintaan janji temu: Andi Pengunjung", isi="andi@contoh.id, Data IPM"
    )
    lain = Surel.objects.create(penerima=["pst1700@bps.go.id"], subjek="Permintaan janji temu: Budi", isi="budi@x.id")
    pk = pengunjung_lengkap.pk
    client.post(reverse("login"), {"username": "andi@contoh.id", "password": "salah"}, REMOTE_ADDR="10.1.2.3")
    client.post(reverse("login"), {"username": "andi@contoh.id", "password": SANDI}, REMOTE_ADDR="10.1.2.3")
    assert AccessLog.objects.filter(username="andi@contoh.id").exists()

    # One more query per app whose records would name a former officer, and
    # one for the refunds whose account the erasure keeps.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("akun:hapus"))
    assert "mengunduh salinan data Anda" in response.content.decode()
    response = client.post(reverse("akun:hapus"), {"password": SANDI, "yakin": "on"}, follow=True)
    assert "Data pribadi Anda telah dihapus" in response.content.decode()
    assert not response.context["user"].is_authenticated

    user = Pengguna.objects.get(pk=pk)
    assert user.nama_lengkap == f"Pengguna terhapus #{pk}"
    assert user.email == f"terhapus-{pk}@anonim.invalid"
    assert (user.telepon, user.npwp, user.nama_instansi, user.tahun_lahir) == ("", "", "", None)
    assert not user.has_usable_password() and not user.is_active
    assert user.dianonimkan_pada is not None
    # The categories the statistics are reported by remain.
    assert (user.jenis_kelamin, user.pendidikan, user.pekerjaan, user.kategori_instansi) == (
        "L",
        "s1",
        "peneliti",
        "pendidikan",
    )
    assert registri_uji == [(pk, "andi@contoh.id")]
    # Login records (e-mail + address) are gone.
    assert not AccessLog.objects.filter(username="andi@contoh.id").exists()
    assert not AccessAttempt.objects.filter(username="andi@contoh.id").exists()
    # Outbox: no mail left naming or addressed to the person.
    assert not Surel.objects.filter(pk=belum.pk).exists()
    sisa = Surel.objects.exclude(pk__in=[ke_kantor.pk, lain.pk]).get()
    assert sisa.penerima == [f"terhapus-{pk}@anonim.invalid"] and "Andi" not in sisa.isi + sisa.subjek
    ke_kantor.refresh_from_db()
    assert "Andi" not in ke_kantor.subjek + ke_kantor.isi and ke_kantor.penerima == ["pst1700@bps.go.id"]
    assert Surel.objects.get(pk=lain.pk).subjek == "Permintaan janji temu: Budi"
    # Nobody can log in as them any more.
    client.logout()
    response = client.post(reverse("login"), {"username": "andi@contoh.id", "password": SANDI})
    assert response.status_code == 200 and "E-mail atau kata sandi salah" in response.content.decode()
    # Erasure is idempotent.
    assert data_pribadi.anonimkan(user).dianonimkan_pada == user.dianonimkan_pada
    assert len(mail.outbox) == 1


def test_hapus_akun_butuh_sandi_dan_centang(pengunjung, klien_untuk):
    client = klien_untuk(pengunjung)
    response = client.post(reverse("akun:hapus"), {"password": "salah-sandi", "yakin": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kata sandi salah" in html and "Centang pernyataan ini" in html
    pengunjung.refresh_from_db()
    assert pengunjung.nama_lengkap == "Andi Pengunjung" and pengunjung.is_active


def test_petugas_tidak_dapat_menghapus_akunnya_sendiri(petugas, klien_untuk):
    client = klien_untuk(petugas)
    response = client.post(reverse("akun:hapus"), {"password": SANDI, "yakin": "on"}, follow=True)
    assert "Akun petugas tidak dapat dihapus sendiri" in response.content.decode()
    petugas.refresh_from_db()
    assert petugas.is_active and petugas.dianonimkan_pada is None
    with pytest.raises(data_pribadi.HapusDitolak):
        data_pribadi.anonimkan(petugas)


def test_profil_menautkan_unduh_dan_hapus(pengunjung, klien_untuk):
    html = klien_untuk(pengunjung).get(reverse("akun:profil")).content.decode()
    assert reverse("akun:data_saya") in html and reverse("akun:hapus") in html


def test_catat_akses_petugas(petugas, pengunjung):
    log = data_pribadi.catat_akses(petugas, pengunjung, "/transaksi/12/")
    assert (log.petugas, log.subjek, log.halaman) == (petugas, pengunjung, "/transaksi/12/")
    assert data_pribadi.catat_akses(petugas, petugas, "/akun/profil/") is None, "data sendiri tidak dicatat"
    assert AksesDataPribadi.objects.count() == 1


def test_log_akses_tidak_dapat_diubah_atau_dihapus(petugas, pengunjung):
    log = data_pribadi.catat_akses(petugas, pengunjung, "/transaksi/12/")
    pastikan_tetap(log, halaman="/lain/")
    with pytest.raises(RiwayatTidakDapatDiubah), transaction.atomic():
        AksesDataPribadi.objects.bulk_update([log], ["halaman"])
    log.refresh_from_db()
    assert log.halaman == "/transaksi/12/"
    # Deleting the person (instead of erasing) is refused too: the log keeps its subject.
    with pytest.raises(ProtectedError):
        pengunjung.delete()
    assert AksesDataPribadi.objects.count() == 1


def test_admin_log_akses_hanya_baca(supervisor, petugas, pengunjung, klien_untuk):
    log = data_pribadi.catat_akses(petugas, pengunjung, "/transaksi/12/")
    client = klien_untuk(supervisor)
    daftar = client.get(reverse("admin:pst_layanan_aksesdatapribadi_changelist"))
    assert daftar.status_code == 200 and "/transaksi/12/" in daftar.content.decode()
    assert 'value="delete_selected"' not in daftar.content.decode()
    ubah = client.post(reverse("admin:pst_layanan_aksesdatapribadi_change", args=[log.pk]), {"halaman": "/x/"})
    assert ubah.status_code == 403
    hapus = client.post(reverse("admin:pst_layanan_aksesdatapribadi_delete", args=[log.pk]), {"post": "yes"})
    assert hapus.status_code == 403
    log.refresh_from_db()
    assert log.halaman == "/transaksi/12/"


def test_admin_membuka_akun_pengunjung_tercatat(supervisor, pengunjung, klien_untuk):
    """The back office's account page shows the whole biodata: logged like any officer's view."""
    r = klien_untuk(supervisor).get(reverse("admin:pst_layanan_pengguna_change", args=[pengunjung.pk]))
    assert r.status_code == 200
    assert list(AksesDataPribadi.objects.values_list("petugas", "subjek")) == [(supervisor.pk, pengunjung.pk)]


@pytest.mark.parametrize(
    "halaman", ["pst_layanan_pengguna_change", "pst_layanan_pengguna_history", "auth_user_password_change"]
)
def test_judul_halaman_admin_akun_tidak_menyebut_orangnya(supervisor, pengunjung, klien_untuk, halaman):
    """An account's back-office pages are titled by its number: the tab's title
    stays in the history of the office's shared computers, beyond the reach of
    the person's erasure."""
    r = klien_untuk(supervisor).get(reverse(f"admin:{halaman}", args=[pengunjung.pk]))
    judul = r.content.decode().split("<title>", 1)[1].split("</title>", 1)[0]
    assert r.status_code == 200 and f"#{pengunjung.pk}" in judul
    assert pengunjung.nama_lengkap not in judul and pengunjung.email not in judul


def test_admin_membuka_kunjungan_penilaian_dan_transaksi_pengunjung_tercatat(
    supervisor,
    pengunjung,
    klien_untuk,
    berkas_privat,  # noqa: F811
):
    """A visit, a rating and a transaction in the back office show the
    visitor's name and e-mail with what they wrote: each opening is logged
    like the site's own pages of that record (the correction page, the check page)."""
    from datetime import datetime

    from pst_layanan.kalender import WIB
    from tests import pabrik
    from tests.penilaian.conftest import buat_penilaian_massal

    [p] = buat_penilaian_massal(pengunjung, [[4] * 9], datetime(2026, 3, 10, 9, 0, tzinfo=WIB))
    t = pabrik.transaksi_diajukan(pengunjung)
    klien = klien_untuk(supervisor)
    for nama, pk in (
        ("admin:antrian_kunjungan_change", p.kunjungan_id),
        ("admin:penilaian_penilaian_change", p.pk),
        ("admin:transaksi_transaksi_change", t.pk),
    ):
        url = reverse(nama, args=[pk])
        assert klien.get(url).status_code == 200
        akses = AksesDataPribadi.objects.filter(halaman=url)
        assert list(akses.values_list("petugas", "subjek")) == [(supervisor.pk, pengunjung.pk)], nama


def test_penghapusan_menamai_ulang_riwayat_admin(supervisor, pengunjung):
    """The admin's history named the account by its text; after erasure neither name nor address is left."""
    jenis = ContentType.objects.get_for_model(Pengguna)
    for object_id in (str(pengunjung.pk), "999999"):
        LogEntry.objects.create(
            user=supervisor,
            content_type=jenis,
            object_id=object_id,
            object_repr=str(pengunjung),
            action_flag=CHANGE,
            change_message='[{"changed": {"fields": ["Telepon"]}}]',
        )
    nama, email = pengunjung.nama_lengkap, pengunjung.email
    data_pribadi.anonimkan(pengunjung)
    teks = " ".join(LogEntry.objects.values_list("object_repr", flat=True))
    assert nama not in teks and email not in teks
    assert LogEntry.objects.filter(change_message__contains="Telepon").count() == 2


def test_surel_ke_kantor_yang_belum_terkirim_hanya_kehilangan_sebutan_orang_itu(pengunjung_lengkap):
    """An escalation list still waiting for the mail server names many
    visitors: the erased one's name, address and institution leave it, the
    other transactions stay for the officers to act on."""
    isi = (
        "2 transaksi telah melewati batas waktu SOP:\n"
        "- TRX-0001 · Diperiksa\n  Pemohon: Andi Pengunjung (UNIVERSITAS BENGKULU)\n  andi@contoh.id\n"
        "- TRX-0002 · Diproses\n  Pemohon: Budi Santoso (Dinas Kesehatan)\n"
    )
    daftar = Surel.objects.create(penerima=["pst1700@bps.go.id"], subjek="Eskalasi: 2 transaksi", isi=isi)
    data_pribadi.anonimkan(pengunjung_lengkap)
    daftar.refresh_from_db()
    assert daftar.status == Surel.Status.ANTRE and daftar.subjek == "Eskalasi: 2 transaksi"
    assert "TRX-0001 · Diperiksa" in daftar.isi and "Budi Santoso (Dinas Kesehatan)" in daftar.isi
    for sebutan in ("andi pengunjung", "universitas bengkulu", "andi@contoh.id"):
        assert sebutan not in daftar.isi.lower()


def test_galat_pengiriman_surel_terkirim_tidak_menyimpan_alamatnya(pengunjung_lengkap):
    """A mail server's refusal, kept on the row after a later try got through,
    quotes the recipient's address: it leaves with the rest of the e-mail."""
    surel = Surel.objects.create(
        penerima=[pengunjung_lengkap.email],
        subjek="Tagihan",
        isi="Yth. Andi Pengunjung",
        status=Surel.Status.TERKIRIM,
        galat_terakhir="SMTPRecipientsRefused: {'andi@contoh.id': (452, b'4.2.2 Mailbox full')}",
    )
    data_pribadi.anonimkan(pengunjung_lengkap)
    surel.refresh_from_db()
    assert "andi@contoh.id" not in surel.galat_terakhir and "Mailbox full" in surel.galat_terakhir


def test_unduhan_data_menulis_waktu_dalam_jam_kantor(pengunjung_lengkap, klien_untuk):
    """An e-mail queued at 09.00 WIB reads 09.00 in the download (with its
    offset), not 02.00 of a UTC clock the visitor never sees."""
    with time_machine.travel(datetime(2026, 3, 16, 9, 0, tzinfo=WIB), tick=False):
        kirim_surel(pengunjung_lengkap.email, "Transaksi diterima", "email/verifikasi.txt", {"tautan": "/x/"})
    data = json.loads(klien_untuk(pengunjung_lengkap).get(reverse("akun:data_saya")).content)
    assert data["surel"][0]["dibuat_pada"].startswith("2026-03-16T09:00:00+07:00")
