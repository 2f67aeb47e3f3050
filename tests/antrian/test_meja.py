"""Receptionist desk: search, register a walk-in, one button for visit + ticket."""

import re
from datetime import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from antrian import services
from antrian.models import Kanal, Kunjungan, Layanan, Loket, Tiket
from conftest import buat_pengguna
from pst_layanan.models import HariKantor, Kantor, Pengguna
from tests import pabrik
from tests.antrian import ISIAN_MEJA

pytestmark = pytest.mark.django_db

SARI = pabrik.biodata("Sari Walk-in", "0812-7777-8888", nama_instansi="Dinas Kominfo", kategori_instansi="pemda")
TAMU_BARU = {
    **pabrik.dengan_awalan("baru", {"email": "Sari@Contoh.ID", **SARI, "setuju_privasi": "on"}),
    **ISIAN_MEJA,
}


def test_tamu_baru_terdaftar_dapat_tiket_dan_email_atur_sandi(
    klien_untuk, resepsionis, layanan_b, selalu_buka, django_capture_on_commit_callbacks
):
    client = klien_untuk(resepsionis)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("antrian:meja"), {"pengunjung": "", "layanan": layanan_b.pk, "keperluan": "Publikasi", **TAMU_BARU}
        )
    tiket = Tiket.objects.select_related("kunjungan__pengunjung").get()
    assert response.status_code == 302
    assert response.url == reverse("antrian:tiket_cetak", args=[tiket.pk]) + "?cetak=1"
    tamu = tiket.kunjungan.pengunjung
    assert (tamu.email, tamu.telepon, tamu.kategori_instansi) == ("sari@contoh.id", "081277778888", "pemda")
    assert tamu.persetujuan_privasi_pada is not None and not tamu.has_usable_password()
    assert tiket.kunjungan.kanal == Kanal.LANGSUNG and tiket.kunjungan.dicatat_oleh == resepsionis
    assert [m.subject for m in mail.outbox] == ["Akun PST Layanan Anda telah dibuat"]
    cetak = client.get(response.url).content.decode()
    assert "B-001" in cetak and "Produk Statistik Berbayar" in cetak and "Anda berikutnya" in cetak
    assert "data:image/svg+xml;base64," in cetak and "Kunjungan Sari Walk-in tercatat, tiket B-001." in cetak

    client.logout()
    tautan = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    assert "Atur" in client.get(tautan, follow=True).content.decode()


def test_tamu_baru_tanpa_persetujuan_atau_email_terdaftar_ditolak(
    klien_untuk, resepsionis, pengunjung, layanan_b, selalu_buka
):
    client = klien_untuk(resepsionis)
    data = {**TAMU_BARU, "baru-email": pengunjung.email}
    data.pop("baru-setuju_privasi")
    html = client.post(reverse("antrian:meja"), {"pengunjung": "", "layanan": layanan_b.pk, **data}).content.decode()
    assert "E-mail ini sudah terdaftar" in html and "Persetujuan pemberitahuan privasi wajib dicentang" in html
    assert not Tiket.objects.exists() and Pengguna.objects.filter(email="sari@contoh.id").count() == 0


def test_email_akun_petugas_atau_nonaktif_tidak_disuruh_dicari(klien_untuk, resepsionis, layanan_b, selalu_buka):
    """The search lists active visitors only: for an officer's or a deactivated
    account's e-mail, "search for that visitor" would send the desk looking
    for someone it can never find."""
    buat_pengguna("pak.budi@bps.go.id", "Petugas Layanan")
    buat_pengguna("lama@contoh.id", is_active=False)
    client = klien_untuk(resepsionis)
    for email in ("pak.budi@bps.go.id", "lama@contoh.id"):
        data = {"pengunjung": "", "layanan": layanan_b.pk, **TAMU_BARU, "baru-email": email}
        html = client.post(reverse("antrian:meja"), data).content.decode()
        assert "cari pengunjung itu di kolom pencarian" not in html, email
        assert "milik akun petugas atau akun yang sudah dinonaktifkan" in html, email
    assert not Tiket.objects.exists()


def test_pengunjung_lama_dipilih_dari_pencarian(
    klien_untuk, resepsionis, layanan_b, selalu_buka, django_capture_on_commit_callbacks
):
    tamu = buat_pengguna("maya@unib.ac.id", nama_lengkap="Maya Peneliti", telepon="081399990000")
    buat_pengguna("petugas.lain@bps.go.id", "Petugas Layanan", nama_lengkap="Maya Petugas")
    client = klien_untuk(resepsionis)
    # A name is stored with its spaces collapsed: one typed with two spaces finds it too.
    cari = ("maya@unib.ac.id", "0813 9999 0000", "0813.9999.0000", "+62 0813 9999 0000", "peneliti", "Maya  Peneliti")
    for q in cari:
        html = client.get(reverse("antrian:meja_cari"), {"q": q}, HTTP_HX_REQUEST="true").content.decode()
        assert f'value="{tamu.pk}"' in html, q
        assert "Maya Petugas" not in html  # officers are not visitors
    assert "Tidak ada pengunjung yang cocok" in client.get(reverse("antrian:meja_cari"), {"q": "zzz"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("antrian:meja"), {"pengunjung": tamu.pk, "layanan": layanan_b.pk, **TAMU_BARU})
    assert response.status_code == 302
    assert Kunjungan.objects.get().pengunjung == tamu
    assert not Pengguna.objects.filter(email="sari@contoh.id").exists()  # biodata of "new" ignored
    assert mail.outbox == []


def test_antrian_hari_ini_diperbarui_sendiri(klien_untuk, resepsionis, tiket_untuk, pengunjung):
    client = klien_untuk(resepsionis)
    html = client.get(reverse("antrian:meja")).content.decode()
    assert 'hx-get="/antrian/meja/antrian/"' in html and 'hx-trigger="every 5s"' in html
    tiket_untuk(pengunjung)
    html = client.get(reverse("antrian:meja_antrian")).content.decode()
    assert "B-001" in html and "Andi Pengunjung" in html and "1 menunggu" in html


def test_hanya_resepsionis_mencapai_meja(client, klien_untuk, pengunjung, petugas, supervisor, resepsionis):
    url = reverse("antrian:meja")
    assert client.get(url).status_code == 302  # anonymous → login
    for user in (pengunjung, petugas, supervisor):
        assert klien_untuk(user).get(url).status_code == 403
        assert klien_untuk(user).get(reverse("antrian:meja_cari"), {"q": "andi"}).status_code == 403
    assert klien_untuk(resepsionis).get(url).status_code == 200


def test_kunci_sibuk_jadi_pesan_ramah(klien_untuk, resepsionis, pengunjung, layanan_b, selalu_buka, monkeypatch):
    from django.db import OperationalError

    def macet(*a, **k):
        raise OperationalError("canceling statement due to lock timeout")

    monkeypatch.setattr(services, "nomor_berikutnya", macet)
    response = klien_untuk(resepsionis).post(
        reverse("antrian:meja"), {"pengunjung": pengunjung.pk, "layanan": layanan_b.pk, **ISIAN_MEJA}
    )
    assert response.status_code == 200
    assert "Sistem antrian sedang sibuk" in response.content.decode() and "coba lagi" in response.content.decode()
    assert not Kunjungan.objects.exists()


@pytest.mark.parametrize(("banyak", "lebih"), [(8, False), (9, True)])
def test_pencarian_meja_memberi_tahu_bila_yang_cocok_lebih_dari_yang_tampil(klien_untuk, resepsionis, banyak, lebih):
    """Eight of nine "Siti" shown and no word of the ninth: the desk would take
    her for a new visitor. The list says more match and how to narrow it."""
    for i in range(banyak):
        buat_pengguna(f"siti{i}@contoh.id", nama_lengkap=f"Siti {chr(65 + i)}")
    html = klien_untuk(resepsionis).get(reverse("antrian:meja_cari"), {"q": "siti"}).content.decode()
    assert html.count('name="pengunjung"') == services.BATAS_CARI
    assert ('id="cari-lebih"' in html) == lebih


def test_jumlah_query_meja(klien_untuk, resepsionis, tiket_untuk, layanan_b, django_assert_max_num_queries):
    for i in range(30):
        tiket_untuk(buat_pengguna(f"tamu{i}@contoh.id"))
    client = klien_untuk(resepsionis)
    client.get(reverse("antrian:meja"))
    with django_assert_max_num_queries(12):  # 11 + today's unregistered arrivals
        assert client.get(reverse("antrian:meja")).status_code == 200
    with django_assert_max_num_queries(9):
        client.get(reverse("antrian:meja_antrian"))
    with django_assert_max_num_queries(5):
        client.get(reverse("antrian:meja_cari"), {"q": "tamu"})


def test_meja_menampilkan_antrian_aktif_dan_sepuluh_tiket_terakhir(
    klien_untuk, resepsionis, tiket_untuk, loket1, petugas
):
    from antrian import services

    tiket = [tiket_untuk(buat_pengguna(f"tamu{i}@contoh.id")) for i in range(15)]
    for t in tiket[:13]:  # 13 finished or skipped, 2 still waiting
        services.panggil(t, loket1, petugas)
        services.lewati(t, loket1, petugas)
    html = klien_untuk(resepsionis).get(reverse("antrian:meja_antrian")).content.decode()
    assert "B-014" in html and "B-015" in html  # waiting: always shown
    assert "B-013" in html and "B-004" in html and "B-003" not in html  # the ten most recent others
    assert "13 tiket sudah selesai atau dilewati hari ini; 10 terakhir ditampilkan." in html


def test_antrian_panjang_di_meja_dibatasi(klien_untuk, resepsionis, tiket_untuk, django_assert_max_num_queries):
    from antrian.views import MENUNGGU_DI_MEJA

    for i in range(MENUNGGU_DI_MEJA + 3):
        tiket_untuk(buat_pengguna(f"tamu{i}@contoh.id"))
    client = klien_untuk(resepsionis)
    with django_assert_max_num_queries(9):
        html = client.get(reverse("antrian:meja_antrian")).content.decode()
    assert f"{MENUNGGU_DI_MEJA + 3} menunggu" in html
    assert "B-025" in html and "B-026" not in html  # the head of the queue
    assert "3 tiket menunggu lainnya tidak ditampilkan." in html


def test_satu_tiket_menunggu_tersembunyi_disebut_tunggal_dalam_bahasa_inggris(
    klien_untuk, resepsionis, tiket_untuk, monkeypatch
):
    """One hidden waiting ticket is one ticket: "1 more waiting ticket is not
    shown", not "1 more waiting tickets are"."""
    monkeypatch.setattr("antrian.views.MENUNGGU_DI_MEJA", 2)
    for i in range(3):
        tiket_untuk(buat_pengguna(f"tamu{i}@contoh.id"))
    resepsionis.bahasa = "en"
    resepsionis.save(update_fields=["bahasa"])
    html = klien_untuk(resepsionis).get(reverse("antrian:meja_antrian")).content.decode()
    assert "1 more waiting ticket is not shown." in html


def test_pengunjung_terpilih_tetap_terpilih_saat_isian_lain_salah(klien_untuk, resepsionis, pengunjung, layanan_b):
    """The visitor chosen from the search stays chosen when the guest-book
    answers are missing, and the unused new-visitor form shows no "required"."""
    html = (
        klien_untuk(resepsionis)
        .post(reverse("antrian:meja"), {"pengunjung": pengunjung.pk, "layanan": layanan_b.pk})
        .content.decode()
    )
    assert "Pilih pemanfaatan utama data." in html
    assert f'value="{pengunjung.pk}" checked' in html and 'id="pengunjung-baru" checked' not in html
    biodata = html[html.index('id="biodata-baru"') :]
    assert "is-invalid" not in biodata[: biodata.index("</fieldset>")]


@pytest.mark.parametrize("url", ["antrian:meja", "antrian:janji_meja"])
def test_pengunjung_terpilih_yang_hilang_tidak_menyalahkan_biodata_baru(
    url, klien_untuk, resepsionis, pengunjung, layanan_b
):
    """The visitor chosen was closed before the form was sent: the search
    says to look again, and the new-visitor form, which was never filled in,
    is not flagged field by field as empty."""
    pk = pengunjung.pk
    pengunjung.is_active = False
    pengunjung.save(update_fields=["is_active"])
    data = {"pengunjung": pk, "layanan": layanan_b.pk, "keperluan": "Cari data", "waktu": "2030-01-07T10:00"}
    respons = klien_untuk(resepsionis).post(reverse(url), data)
    html = respons.content.decode()
    assert "Pengunjung yang dipilih tidak ditemukan; cari ulang." in html
    biodata = html[html.index('id="biodata-baru"') :]
    assert "is-invalid" not in biodata[: biodata.index("</fieldset>")]
    assert "tidak boleh kosong" not in html


@pytest.mark.parametrize("url", ["antrian:meja", "antrian:janji_meja"])
def test_pengunjung_yang_hilang_ditautkan_ke_kotak_cari(url, klien_untuk, resepsionis, pengunjung, layanan_b):
    """The search box, where the receptionist looks again, names the refusal
    under it (aria-describedby), so a screen reader reads why."""
    pk = pengunjung.pk
    pengunjung.is_active = False
    pengunjung.save(update_fields=["is_active"])
    data = {"pengunjung": pk, "layanan": layanan_b.pk, "keperluan": "Cari data", "waktu": "2030-01-07T10:00"}
    html = klien_untuk(resepsionis).post(reverse(url), data).content.decode()
    kotak = re.search(r'<input[^>]*id="cari"[^>]*>', html).group(0)
    galat = re.search(r'aria-describedby="([^"]+)"', kotak).group(1)
    assert re.search(rf'id="{galat}"[^>]*>Pengunjung yang dipilih tidak ditemukan; cari ulang.', html)


def _petunjuk_datang(client) -> str:
    html = client.get(reverse("antrian:meja")).content.decode()
    return " ".join(html.split('id="tombol-datang"', 1)[1].split("</small>", 1)[0].split())


def test_petunjuk_tamu_datang_menyebut_standar_dan_langkah_sop(klien_untuk, resepsionis, sop_diubah, langkah_diubah):
    """The receptionist is told which clock the arrival starts as sop.py
    declares it, in their language."""
    client = klien_untuk(resepsionis)
    assert "awal 15 menit registrasi (SOP langkah 13)." in _petunjuk_datang(client)
    resepsionis.bahasa = "en"
    resepsionis.save(update_fields=["bahasa"])
    assert "starts the 15 minutes of registration (SOP step 13)." in _petunjuk_datang(client)


def test_meja_memberi_tahu_layanan_tanpa_loket_aktif_di_kantornya(klien_untuk, resepsionis, layanan_b, layanan_k):
    """A new office whose supervisor has not yet added a counter: its desk
    would issue tickets no counter can call, the visitor told "you are next".
    The desk says which services have no active counter at this office, and
    where the supervisor adds one; another office's counter does not count."""
    kota = Kantor.objects.create(kode="1771", nama="BPS Kota Bengkulu")
    Loket.objects.create(kantor=kota, nomor=1).layanan.add(layanan_b, layanan_k)
    Loket.objects.create(nomor=2, aktif=False).layanan.add(layanan_k)
    client = klien_untuk(resepsionis)

    def peringatan():
        html = client.get(reverse("antrian:meja")).content.decode()
        if 'id="layanan-tanpa-loket"' not in html:
            return ""
        return " ".join(html.split('id="layanan-tanpa-loket"', 1)[1].split("</div>", 1)[0].split())

    teks = peringatan()
    assert "B — Produk Statistik Berbayar" in teks and "K — Konsultasi Statistik" in teks
    assert "tidak dapat dipanggil" in teks and "Antrian → Loket" in teks
    Loket.objects.create(nomor=1).layanan.add(layanan_b)
    teks = peringatan()
    assert "K — Konsultasi Statistik" in teks and "Produk Statistik Berbayar" not in teks
    Loket.objects.filter(nomor=2).update(aktif=True)
    assert peringatan() == ""


def test_meja_tanpa_layanan_aktif_berkata_dan_menunjukkan_tempatnya(klien_untuk, resepsionis, layanan_b):
    """Every service switched off (the seeded one replaced, not yet added): the
    desk says no ticket can be issued and where the supervisor adds or switches
    on a service, instead of an empty Layanan list the receptionist could only
    send to be told the field is empty."""
    client = klien_untuk(resepsionis)
    assert 'id="tanpa-layanan"' not in client.get(reverse("antrian:meja")).content.decode()
    Layanan.objects.update(aktif=False)
    html = client.get(reverse("antrian:meja")).content.decode()
    teks = " ".join(html.split('id="tanpa-layanan"', 1)[1].split("</div>", 1)[0].split())
    assert "Belum ada layanan aktif" in teks and "tiket tidak dapat diterbitkan" in teks
    assert "Antrian → Layanan" in teks and 'id="layanan-tanpa-loket"' not in html


def test_meja_kantor_kabupaten_tanpa_layanan_menyuruh_bertanya_ke_provinsi(klien_untuk, kota, layanan_b):
    """A regency office's staff cannot switch a service on (the province
    shares them with every office): its desk tells them to ask the province,
    not to look under Antrian → Layanan where they can only read."""
    Layanan.objects.update(aktif=False)
    resepsionis_kota = buat_pengguna("resepsionis1771@bps.go.id", "Resepsionis", kantor=kota)
    html = klien_untuk(resepsionis_kota).get(reverse("antrian:meja")).content.decode()
    teks = " ".join(html.split('id="tanpa-layanan"', 1)[1].split("</div>", 1)[0].split())
    assert "tiket tidak dapat diterbitkan" in teks and "mintalah supervisor BPS Provinsi" in teks
    assert "Antrian → Layanan" not in teks


def test_tamu_yang_dilewati_kembali_ke_meja_dipanggil_ulang_bukan_tiket_baru(
    klien_untuk, resepsionis, petugas, pengunjung, layanan_b, loket1, selalu_buka
):
    """The skipped visitor's ticket page sends them to the desk: the desk has
    the counter call the number back, rather than issuing a second ticket at
    the back of the queue (one visit counted twice, once as a no-show)."""
    tiket = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
    services.panggil(tiket, loket1, petugas)
    services.lewati(tiket, loket1, petugas)
    html = (
        klien_untuk(resepsionis)
        .post(reverse("antrian:meja"), {"pengunjung": pengunjung.pk, "layanan": layanan_b.pk, **ISIAN_MEJA})
        .content.decode()
    )
    assert f"Tiket B-001 milik {pengunjung.nama_lengkap} hari ini dilewati karena tidak hadir saat dipanggil." in html
    assert Tiket.objects.count() == 1 and Kunjungan.objects.count() == 1
    assert services.panggil_ulang(tiket, loket1, petugas).kode == "B-001"


def test_penolakan_meja_bukan_soal_jam_tidak_menawarkan_janji_temu(klien_untuk, resepsionis, layanan_b, selalu_buka):
    """A refusal that has nothing to do with the hours (here an arrival already
    registered) does not send the receptionist off to book an appointment."""
    klien = klien_untuk(resepsionis)
    kedatangan = services.catat_kedatangan(resepsionis)
    tamu = [buat_pengguna(f"tamu{i}@contoh.id") for i in range(2)]
    services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=tamu[0], kedatangan=kedatangan)
    data = {"pengunjung": tamu[1].pk, "layanan": layanan_b.pk, "kedatangan": kedatangan.pk, **ISIAN_MEJA}
    html = klien.post(reverse("antrian:meja"), data).content.decode()
    assert "Kedatangan D-001 sudah didaftarkan" in html
    penolakan = html.split('class="alert alert-danger" role="alert">', 1)[1].split("</div>", 1)[0]
    assert "Kedatangan D-001" in penolakan and "<a " not in penolakan


def test_undangan_tamu_baru_dari_kantor_yang_mendaftarkannya(
    klien_untuk, resepsionis, layanan_b, django_capture_on_commit_callbacks
):
    """A walk-in registered at the desk of BPS Kota Bengkulu is invited by that
    office: the set-password e-mail's footer names it (its address and phone),
    and an answer reaches it, not the provincial office."""
    kota = Kantor.objects.create(
        kode="1771",
        nama="BPS Kota Bengkulu",
        email="pst1771@bps.go.id",
        alamat="Jl. Uji Kota No. 1",
        telepon="(0736) 111222",
        jam_buka=time(0, 0),
        jam_tutup_senin_kamis=time(23, 59, 59),
        jam_tutup_jumat=time(23, 59, 59),
    )
    Loket.objects.create(kantor=kota, nomor=1).layanan.add(layanan_b)
    resepsionis.kantor.set([kota])
    HariKantor.objects.create(kantor=kota, tanggal=timezone.localdate(), jenis=HariKantor.Jenis.BUKA, keterangan="Uji")
    with django_capture_on_commit_callbacks(execute=True):
        r = klien_untuk(resepsionis).post(
            reverse("antrian:meja"), {"pengunjung": "", "layanan": layanan_b.pk, "keperluan": "Publikasi", **TAMU_BARU}
        )
    assert r.status_code == 302 and Tiket.objects.get().kantor_id == kota.pk
    [undangan] = [m for m in mail.outbox if m.subject == "Akun PST Layanan Anda telah dibuat"]
    assert "BPS Kota Bengkulu" in undangan.body and "Jl. Uji Kota No. 1 · (0736) 111222" in undangan.body
    assert "BPS Provinsi" not in undangan.body and undangan.reply_to == [kota.email]


RINGKASAN = re.compile(r'<div class="alert alert-danger"[^>]*id="galat-isian"[^>]*>(.*?)</div>', re.S)


@pytest.mark.parametrize("url", ["antrian:meja", "antrian:janji_meja"])
def test_penolakan_di_bawah_layar_pertama_diringkas_di_atas_formulir(url, klien_untuk, resepsionis, layanan_b):
    """The desk's page comes back with the search box focused at its top and
    the refused boxes (the privacy consent, the guest-book answers) a screen or
    two below: without the list of refused fields above the form, it looks
    like a form that reset itself, and the receptionist waits for a ticket."""
    data = {**TAMU_BARU, "baru-nama_lengkap": ""}
    data.pop("baru-setuju_privasi")
    data.pop("bt-pemanfaatan")
    html = klien_untuk(resepsionis).post(reverse(url), {"pengunjung": "", "layanan": layanan_b.pk, **data}).text
    ringkasan = RINGKASAN.search(html)
    assert ringkasan and html.index('id="galat-isian"') < html.index('id="cari"')
    assert 'href="#id_baru-nama_lengkap"' in ringkasan[1] and 'href="#id_baru-setuju_privasi"' in ringkasan[1]
    if url == "antrian:meja":
        assert 'href="#id_bt-pemanfaatan"' in ringkasan[1]
    assert 'id="galat-isian"' not in klien_untuk(resepsionis).get(reverse(url)).text


def test_setiap_tautan_ringkasan_penolakan_menuju_isiannya(klien_untuk, resepsionis, layanan_b):
    """Each refused field named above the desk's form links to its place on
    the page; a group of boxes (the services used) has no label of its own, and
    its link went to an id no element carries, so a click did nothing."""
    html = klien_untuk(resepsionis).post(reverse("antrian:meja"), {"pengunjung": "", "layanan": layanan_b.pk}).text
    tujuan = re.findall(r'href="#([^"]+)"', RINGKASAN.search(html)[1])
    assert "div_id_bt-jenis_layanan" in tujuan
    assert [t for t in tujuan if f'id="{t}"' not in html] == []
