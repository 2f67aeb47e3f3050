"""Officer counter page: pick a counter, call / recall / skip / start / finish."""

import re

import pytest
from django.urls import reverse

from antrian import services
from antrian.models import HasilKunjungan, Kunjungan, Loket, StatusTiket, Tiket
from conftest import buat_pengguna

pytestmark = pytest.mark.django_db


def aksi(client, loket, nama, tiket=None, **extra):
    data = {"aksi": nama, **({"tiket": tiket.pk} if tiket else {}), **extra}
    return client.post(reverse("antrian:loket_aksi", args=[loket.pk]), data, follow=True)


def test_petugas_memanggil_melayani_dan_menyelesaikan(klien_untuk, petugas, loket1, tiket_untuk, pengunjung):
    tiket = tiket_untuk(pengunjung)
    client = klien_untuk(petugas)
    assert "Loket 1" in client.get(reverse("antrian:loket_pilih")).content.decode()

    html = aksi(client, loket1, "berikutnya").content.decode()
    assert "Memanggil B-001." in html and "Andi Pengunjung" in html and "Mulai layani" in html
    html = aksi(client, loket1, "panggil_ulang", tiket).content.decode()
    assert "Memanggil ulang B-001." in html
    html = aksi(client, loket1, "mulai", tiket).content.decode()
    assert "Melayani B-001." in html  # every button says what it did
    assert "Hasil kunjungan" in html and "Transaksi dibuat" in html
    # The server's Indonesian message, not the browser's own popup, says what is missing.
    assert 'id="form-selesai" novalidate>' in html
    assert f'href="{reverse("transaksi:tarif")}" target="_blank" rel="noopener" id="tautan-kalkulator"' in html

    html = aksi(client, loket1, "selesai", tiket, catatan="Sudah dijelaskan tarif publikasi").content.decode()
    assert "Pilih hasil kunjungan sebelum menyelesaikan." in html
    assert Tiket.objects.get().status == StatusTiket.DILAYANI
    assert "Sudah dijelaskan tarif publikasi</textarea>" in html  # the officer's note is kept

    html = aksi(client, loket1, "selesai", tiket, hasil="dirujuk", catatan="Dirujuk ke BPS Kota").content.decode()
    assert "B-001 selesai dilayani. Riwayat kunjungan tersimpan." in html
    k = Kunjungan.objects.get()
    assert (k.hasil, k.catatan, k.petugas) == (HasilKunjungan.DIRUJUK, "Dirujuk ke BPS Kota", petugas)
    # The counter remembers the officer's choice.
    assert client.get(reverse("antrian:loket_pilih")).url == reverse("antrian:loket", args=[loket1.pk])


def test_isian_tertolak_kembali_ke_alamat_loket(klien_untuk, petugas, loket1, tiket_untuk, pengunjung):
    """A refused finish sends the officer back to the counter's own address,
    where the error shows with what was typed, the result group described by
    its error, once; left at the POST address `…/aksi/`, a reload would post
    it again and the address would be no page to keep."""
    tiket = tiket_untuk(pengunjung)
    client = klien_untuk(petugas)
    aksi(client, loket1, "panggil", tiket)
    aksi(client, loket1, "mulai", tiket)
    url_aksi, url_loket = (reverse(f"antrian:{n}", args=[loket1.pk]) for n in ("loket_aksi", "loket"))

    r = client.post(url_aksi, {"aksi": "selesai", "tiket": tiket.pk, "catatan": "Sudah dijelaskan tarif"})
    assert (r.status_code, r.url) == (302, url_loket)
    html = client.get(url_loket).content.decode()
    assert "Pilih hasil kunjungan sebelum menyelesaikan." in html
    assert "Sudah dijelaskan tarif</textarea>" in html
    grup = re.search(r"<fieldset[^>]*>\s*<legend[^>]*>\s*Hasil kunjungan", html).group(0)
    galat = re.search(r'aria-describedby="([^"]+)"', grup).group(1)
    assert re.search(rf'id="{galat}"[^>]*>\s*<p[^>]*><strong>Bidang ini tidak boleh kosong', html)
    assert html.count('name="hasil"') == html.count('aria-invalid="true"') == 4
    # Shown once: the next visit to the counter is a fresh page.
    html = client.get(url_loket).content.decode()
    assert "Pilih hasil kunjungan" not in html and "Sudah dijelaskan tarif" not in html

    r = client.post(url_aksi, {"aksi": "alihkan", "tiket": tiket.pk})
    assert (r.status_code, r.url) == (302, url_loket)
    assert "Pilih layanan tujuan." in client.get(url_loket).content.decode()
    assert Tiket.objects.get().status == StatusTiket.DILAYANI


def test_catatan_selesai_paling_banyak_2000_karakter(klien_untuk, petugas, loket1, tiket_untuk, pengunjung):
    """The officer's note on a finished visit took any length, where every
    other note stops at 2000 characters."""
    tiket = tiket_untuk(pengunjung)
    client = klien_untuk(petugas)
    aksi(client, loket1, "panggil", tiket)
    aksi(client, loket1, "mulai", tiket)
    panjang = "Dijelaskan tarif. " + "x" * 1983
    assert len(panjang) == 2001

    html = aksi(client, loket1, "selesai", tiket, hasil="penjelasan", catatan=panjang).content.decode()
    assert "Periksa kembali isian catatan." in html and "Pilih hasil kunjungan" not in html
    catatan = re.search(r'<textarea name="catatan"[^>]*>', html).group(0)
    galat = re.search(r'aria-describedby="([^"]+)"', catatan).group(1)
    assert re.search(
        rf'id="{galat}"[^>]*>\s*<p[^>]*><strong>Pastikan nilai ini mengandung paling banyak 2000 karakter '
        r"\(sekarang 2001 karakter\)\.",
        html,
    )
    assert f"{panjang}</textarea>" in html  # what was typed is kept
    assert Tiket.objects.get().status == StatusTiket.DILAYANI and not Kunjungan.objects.exclude(catatan="").exists()

    html = aksi(client, loket1, "selesai", tiket, hasil="penjelasan", catatan=panjang[:2000]).content.decode()
    assert "B-001 selesai dilayani." in html and Kunjungan.objects.get().catatan == panjang[:2000]


def test_aksi_tidak_sah_lewat_halaman_memberi_pesan(klien_untuk, petugas, loket1, tiket_untuk, pengunjung):
    tiket = tiket_untuk(pengunjung)
    html = aksi(klien_untuk(petugas), loket1, "selesai", tiket, hasil="lainnya").content.decode()
    assert "Tiket B-001 berstatus “Menunggu”, sehingga tidak dapat diselesaikan." in html
    assert Tiket.objects.get().status == StatusTiket.MENUNGGU


def test_lewati_dan_panggil_ulang_dari_daftar(klien_untuk, petugas, loket1, tiket_untuk, pengunjung, pengunjung_lain):
    t1 = tiket_untuk(pengunjung)
    t2 = tiket_untuk(pengunjung_lain)
    client = klien_untuk(petugas)
    aksi(client, loket1, "panggil", t2)
    html = aksi(client, loket1, "lewati", t2).content.decode()
    assert "B-002 dilewati (tidak hadir)." in html and "Dilewati hari ini" in html
    aksi(client, loket1, "panggil_ulang", t2)
    assert Tiket.objects.get(pk=t2.pk).status == StatusTiket.DIPANGGIL
    assert Tiket.objects.get(pk=t1.pk).status == StatusTiket.MENUNGGU


def test_lewati_bertanya_dulu_tanpa_skrip(klien_untuk, petugas, loket1, tiket_untuk, pengunjung):
    """The "Lewati" button only opens a question (a <details>, no script);
    the skip is the button inside it, so a mis-click does not cost the called
    visitor their place."""
    tiket = tiket_untuk(pengunjung)
    html = aksi(klien_untuk(petugas), loket1, "panggil", tiket).content.decode()
    kotak = html[html.index('<details class="konfirmasi-lewati">') :].split("</details>")[0]
    ringkasan, isi = kotak.split("</summary>")
    assert "Lewati (tidak hadir)" in ringkasan and "<button" not in ringkasan
    assert "B-001 keluar dari antrean sebagai tidak hadir." in isi and "Ya, lewati B-001" in isi
    assert 'value="lewati"' in isi and html.count('value="lewati"') == 1
    assert Tiket.objects.get().status == StatusTiket.DIPANGGIL


def test_hanya_petugas_mencapai_loket(client, klien_untuk, pengunjung, resepsionis, petugas, supervisor, loket1):
    url = reverse("antrian:loket", args=[loket1.pk])
    assert client.get(url).status_code == 302
    for user in (pengunjung, resepsionis):
        assert klien_untuk(user).get(url).status_code == 403
        assert (
            klien_untuk(user).post(reverse("antrian:loket_aksi", args=[loket1.pk]), {"aksi": "berikutnya"}).status_code
            == 403
        )
    assert klien_untuk(petugas).get(url).status_code == 200
    assert klien_untuk(supervisor).get(url).status_code == 200


def test_jumlah_query_loket(klien_untuk, petugas, loket1, tiket_untuk, django_assert_max_num_queries):
    tiket = [tiket_untuk(buat_pengguna(f"tamu{i}@contoh.id")) for i in range(30)]
    client = klien_untuk(petugas)
    aksi(client, loket1, "berikutnya")
    aksi(client, loket1, "lewati", tiket[0])
    aksi(client, loket1, "berikutnya")
    client.get(reverse("antrian:loket", args=[loket1.pk]))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("antrian:loket", args=[loket1.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        client.get(reverse("antrian:loket_antrian", args=[loket1.pk]))


@pytest.mark.parametrize("nama", ["panggil", "panggil_ulang", "lewati", "mulai", "selesai", "alihkan"])
def test_tiket_kantor_lain_tidak_ada_bagi_loket(nama, klien_untuk, petugas, loket1, tiket_untuk, pengunjung, kota):
    """Another office's ticket id gets the answer of an id that does not exist:
    nothing names its code, its status or the counter serving it."""
    tiket = tiket_untuk(pengunjung)
    services.panggil(tiket.pk, loket1, petugas)
    loket_kota = Loket.objects.create(nomor=1, kantor=kota, nama="Loket Kota")
    loket_kota.layanan.add(tiket.layanan)
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", "Petugas Layanan", kantor=kota)
    isian = {"hasil": HasilKunjungan.PENJELASAN, "layanan": tiket.layanan_id}
    r = aksi(klien_untuk(petugas_kota), loket_kota, nama, tiket, **isian)
    pesan = [str(m) for m in r.context["messages"]]
    assert pesan == ["Tiket tidak ditemukan."]
    assert Tiket.objects.get(pk=tiket.pk).status == StatusTiket.DIPANGGIL


def test_riwayat_tiket_mencatat_hasil_dalam_bahasa_kantor(tiket_untuk, pengunjung, loket1, petugas):
    # The ticket's history is the office's record: an officer reading English
    # does not write "Explanation only" into it.
    from django.utils import translation

    from antrian.models import RiwayatTiket

    tiket = tiket_untuk(pengunjung)
    services.panggil(tiket, loket1, petugas)
    services.mulai_layani(tiket, loket1, petugas)
    with translation.override("en"):
        services.selesai(tiket, loket1, petugas, "penjelasan")
    assert RiwayatTiket.objects.filter(tiket=tiket).order_by("-pk").first().catatan == "Penjelasan saja"


def test_alihkan_hanya_menawarkan_layanan_lain(klien_untuk, petugas, loket1, tiket_untuk, pengunjung):
    """The transfer list offered the ticket's own service, first and so
    preselected: "Alihkan" as shown only answered "already in that service".
    With no other service there is nothing to transfer to, and no section."""
    from antrian.models import Layanan

    tiket = tiket_untuk(pengunjung)
    client = klien_untuk(petugas)
    aksi(client, loket1, "panggil", tiket)
    aksi(client, loket1, "mulai", tiket)
    url_loket = reverse("antrian:loket", args=[loket1.pk])
    assert "Alihkan ke layanan lain" not in client.get(url_loket).content.decode()
    konsultasi = Layanan.objects.create(kode="K", nama="Konsultasi Statistik")
    Loket.objects.create(nomor=2).layanan.add(konsultasi)
    r = client.get(url_loket)
    assert list(r.context["alihkan_form"].fields["layanan"].queryset) == [konsultasi]
    assert "Alihkan ke layanan lain" in r.content.decode()


def test_alihkan_hanya_ke_layanan_yang_dipanggil_loket_kantor_ini(
    klien_untuk, petugas, loket1, tiket_untuk, pengunjung, kota
):
    """A service only another office's counter calls (or none at all) is no
    destination: the visitor sent there would wait all day, never called."""
    from antrian.models import Layanan

    tiket = tiket_untuk(pengunjung)
    client = klien_untuk(petugas)
    aksi(client, loket1, "panggil", tiket)
    konsultasi = Layanan.objects.create(kode="K", nama="Konsultasi Statistik")
    Loket.objects.create(nomor=1, kantor=kota).layanan.add(konsultasi)
    url_loket = reverse("antrian:loket", args=[loket1.pk])
    assert "Alihkan ke layanan lain" not in client.get(url_loket).content.decode()
    r = aksi(client, loket1, "alihkan", tiket, layanan=konsultasi.pk)
    assert "Belum ada loket aktif yang melayani Konsultasi Statistik di kantor ini" in r.content.decode()
    tiket.refresh_from_db()
    assert (tiket.kode, tiket.status) == ("B-001", StatusTiket.DIPANGGIL)


def test_petugas_dua_kantor_memilih_loket_kantor_tempatnya_bekerja(klien_untuk, petugas, loket1, layanan_b, kota):
    """Both offices' counters are called "Loket 1": the chooser offers the
    counters of the office the officer works at now (chosen at /kantor/), and
    after a switch no longer sends them back to the other office's counter."""
    from pst_layanan.models import kantor_bawaan

    loket_kota = Loket.objects.create(kantor=kota, nomor=1)
    loket_kota.layanan.add(layanan_b)
    petugas.kantor.set([kantor_bawaan(), kota.pk])
    client = klien_untuk(petugas)
    client.get(reverse("antrian:loket", args=[loket1.pk]))  # worked at the provincial office's counter

    client.post(reverse("pilih_kantor"), {"kantor": kota.kode})
    r = client.get(reverse("antrian:loket_pilih"))
    assert r.status_code == 200
    assert list(r.context["lokets"]) == [loket_kota]


@pytest.mark.parametrize(("banyak", "judul"), [(20, "Menunggu (20)"), (21, "Menunggu (20+)")])
def test_jumlah_menunggu_di_loket_tidak_melebihkan(klien_untuk, petugas, loket1, tiket_untuk, banyak, judul):
    """Exactly twenty waiting read "20+", as if more were behind them."""
    for i in range(banyak):
        tiket_untuk(buat_pengguna(f"tamu{i}@contoh.id"))
    html = klien_untuk(petugas).get(reverse("antrian:loket_antrian", args=[loket1.pk])).content.decode()
    assert judul in html and html.count('value="panggil"') == 20


def test_tombol_panggil_di_daftar_nonaktif_selama_loket_menangani_tiket(
    klien_untuk, petugas, loket1, tiket_untuk, pengunjung, pengunjung_lain
):
    """While the counter has its own ticket every call there is refused, so the
    list's "Panggil" buttons are disabled with the reason, not offered to fail."""
    dipanggil, menunggu = tiket_untuk(pengunjung), tiket_untuk(pengunjung_lain)
    client = klien_untuk(petugas)
    panel = reverse("antrian:loket_antrian", args=[loket1.pk])
    assert "disabled" not in client.get(panel).content.decode()
    aksi(client, loket1, "panggil", dipanggil)
    for url in (panel, reverse("antrian:loket", args=[loket1.pk])):
        html = client.get(url).content.decode()
        tombol = re.search(rf'value="{menunggu.pk}">\s*<button[^>]*>', html).group(0)
        assert "disabled" in tombol and "untuk memanggil tiket lain" in html


def test_loket_yang_menangani_tiket_tidak_dapat_dinonaktifkan(
    klien_untuk, petugas, supervisor, loket1, tiket_untuk, pengunjung
):
    """Closed while calling a visitor, the counter's page was gone and no
    other counter could act on its ticket: the visitor waited the day out."""
    tiket = tiket_untuk(pengunjung)
    aksi(klien_untuk(petugas), loket1, "panggil", tiket)
    url = reverse("admin:antrian_loket_change", args=[loket1.pk])
    data = {"kantor": loket1.kantor_id, "nomor": 1, "nama": "", "layanan": [x.pk for x in loket1.layanan.all()]}
    r = klien_untuk(supervisor).post(url, data)  # "aktif" unticked
    assert r.status_code == 200 and "masih menangani tiket B-001" in r.content.decode()
    loket1.refresh_from_db()
    assert loket1.aktif
    services.lewati(tiket, loket1, petugas)
    assert klien_untuk(supervisor).post(url, data).status_code == 302
    loket1.refresh_from_db()
    assert not loket1.aktif


def test_loket_tidak_memanggil_layanan_yang_tidak_dilayaninya(
    klien_untuk, petugas, loket1, tiket_untuk, pengunjung, pengunjung_lain, layanan_k
):
    """A counter lists only its own services' tickets; a call or call-back of
    another service's ticket (a form sent by hand, a list opened before the
    counter's services changed) is refused, and that visitor still waits for
    their own counter."""
    Loket.objects.create(nomor=2).layanan.add(layanan_k)
    konsultasi = tiket_untuk(pengunjung, layanan_k)
    client = klien_untuk(petugas)
    html = aksi(client, loket1, "panggil", konsultasi).content.decode()
    assert "Loket 1 tidak melayani Konsultasi Statistik; K-001 dipanggil oleh loket layanan itu." in html
    assert Tiket.objects.get(pk=konsultasi.pk).status == StatusTiket.MENUNGGU
    # Skipped at its own counter, it is not called back at this one either.
    loket2 = Loket.objects.get(nomor=2)
    aksi(client, loket2, "panggil", konsultasi)
    aksi(client, loket2, "lewati", konsultasi)
    aksi(client, loket1, "panggil_ulang", konsultasi)
    assert Tiket.objects.get(pk=konsultasi.pk).status == StatusTiket.DILEWATI
    # Its own service's tickets it calls as before.
    aksi(client, loket1, "panggil", tiket_untuk(pengunjung_lain))
    assert Tiket.objects.filter(status=StatusTiket.DIPANGGIL, loket=loket1).count() == 1


def test_loket_tidak_mengalihkan_tiket_menunggu_layanan_yang_tidak_dilayaninya(
    klien_untuk, petugas, loket1, tiket_untuk, pengunjung, layanan_k
):
    """A counter sent a waiting visitor of a service it does not serve to its
    own service (a form sent by hand): K-001 became B-001 on their phone and
    left the line of the counter waiting to call them. Refused as a call of it is."""
    Loket.objects.create(nomor=2).layanan.add(layanan_k)
    konsultasi = tiket_untuk(pengunjung, layanan_k)
    html = aksi(klien_untuk(petugas), loket1, "alihkan", konsultasi, layanan=loket1.layanan.get().pk).content.decode()
    assert "Loket 1 tidak melayani Konsultasi Statistik; K-001 dipanggil oleh loket layanan itu." in html
    tiket = Tiket.objects.get(pk=konsultasi.pk)
    assert (tiket.kode, tiket.status) == ("K-001", StatusTiket.MENUNGGU)
