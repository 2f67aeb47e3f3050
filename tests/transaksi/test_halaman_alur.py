"""SOP steps 5–7 through the pages: a paid and a Rp0 transaction are created,
submitted, sent back for fixing, resubmitted and declared complete — checking
what the visitor and the officer see, the history and the e-mails."""

import re
from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.test.html import parse_html
from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.roles import PETUGAS
from tests import pabrik
from transaksi import services
from transaksi.models import RiwayatTransaksi, Status, Transaksi

pytestmark = pytest.mark.django_db

JUMAT_PAGI = datetime(2026, 3, 13, 10, 0, tzinfo=WIB)
SENIN_PAGI = datetime(2026, 3, 16, 9, 0, tzinfo=WIB)


def _status_riwayat(t):
    return list(t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.STATUS).values_list("ke", flat=True))


def _unggah(klien, t, kode, nama=None):
    return klien.post(
        reverse("transaksi:dokumen_unggah", args=[t.nomor]),
        {"jenis": kode, "berkas": pabrik.berkas_pdf(nama or f"{kode}.pdf")},
    )


def _buat(klien, kelas_harga):
    r = klien.post(reverse("transaksi:baru"), pabrik.isian_transaksi(kelas_harga=kelas_harga))
    t = Transaksi.objects.get()
    assert r.status_code == 302 and r["Location"] == t.get_absolute_url()
    return t


@pytest.mark.parametrize("kelas_harga", ["berbayar", "nol_rupiah"])
def test_buat_ajukan_perbaikan_ajukan_ulang_lengkap(
    kelas_harga, pengunjung, petugas, klien_untuk, django_capture_on_commit_callbacks, client
):
    from django.test import Client

    tamu = klien_untuk(pengunjung)
    kantor = Client()
    kantor.force_login(petugas, backend="django.contrib.auth.backends.ModelBackend")

    with time_machine.travel(JUMAT_PAGI, tick=False):
        t = _buat(tamu, kelas_harga)
        assert t.status == Status.DRAF and t.total == 50_000  # 2,5 MB: Rp20.000 + 1.500 × Rp20
        assert t.kunjungan.kanal == "online" and t.kunjungan.pengunjung == pengunjung  # guest book (SOP step 3)
        halaman = tamu.get(t.get_absolute_url()).content.decode()
        assert "Abstraksi penggunaan data" in halaman and "Belum diunggah" in halaman and "Rp50.000" in halaman

        wajib = ["abstraksi", "sppd"] + (["surat-nol-rupiah"] if kelas_harga == "nol_rupiah" else [])
        for kode in wajib:
            assert _unggah(tamu, t, kode).status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            tamu.post(reverse("transaksi:ajukan", args=[t.nomor]))
        t.refresh_from_db()
        assert t.status == Status.DIAJUKAN
        assert {m.to[0] for m in mail.outbox} == {pengunjung.email, petugas.email}
        assert "paling lambat Rabu, 25 Maret 2026 pukul 15.30 WIB" in tamu.get(t.get_absolute_url()).content.decode()

    with time_machine.travel(SENIN_PAGI, tick=False):
        daftar = kantor.get(reverse("transaksi:periksa")).content.decode()
        assert t.nomor in daftar
        abstraksi = t.dokumen.get(jenis__kode="abstraksi")
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            r = kantor.post(
                reverse("transaksi:periksa_perbaikan", args=[t.nomor]),
                {f"dok_{abstraksi.pk}": "Variabel pada abstraksi tidak sesuai data yang diminta."},
            )
        assert r.status_code == 302
        t.refresh_from_db()
        assert t.status == Status.PERLU_PERBAIKAN and t.petugas == petugas and t.batas_waktu is None
        assert mail.outbox[0].to == [pengunjung.email] and "Variabel pada abstraksi" in mail.outbox[0].body

        halaman = tamu.get(t.get_absolute_url()).content.decode()
        assert "Variabel pada abstraksi tidak sesuai data yang diminta." in halaman
        assert "Perbaiki dokumen sesuai catatan petugas" in halaman  # what to do next

        _unggah(tamu, t, "abstraksi", "abstraksi-revisi.pdf")
        with django_capture_on_commit_callbacks(execute=True):
            tamu.post(reverse("transaksi:ajukan", args=[t.nomor]))
        t.refresh_from_db()
        assert t.status == Status.DIAJUKAN and t.dokumen.aktif().count() == len(wajib)

        mail.outbox.clear()
        data = {"nol_rupiah": "setuju"} if kelas_harga == "nol_rupiah" else {}
        with django_capture_on_commit_callbacks(execute=True):
            kantor.post(reverse("transaksi:periksa_lengkap", args=[t.nomor]), data)
        t.refresh_from_db()

    if kelas_harga == "berbayar":
        assert t.status == Status.MENUNGGU_TAGIHAN and t.total == 50_000
        akhir = "menunggu_tagihan"
    else:
        assert t.status == Status.DIPROSES and t.total == 0 and t.nol_rupiah_disetujui_oleh == petugas
        akhir = "diproses"
    assert _status_riwayat(t) == ["draf", "diajukan", "perlu_perbaikan", "diajukan", akhir]
    assert pengunjung.email in {m.to[0] for m in mail.outbox}
    assert any(str(Status(akhir).label) in m.subject for m in mail.outbox)
    halaman = tamu.get(t.get_absolute_url()).content.decode()
    assert "Perbaikan persyaratan diminta" in halaman and "Transaksi diajukan untuk diperiksa" in halaman


def test_rp0_tanpa_keputusan_ditolak_tanpa_perubahan(pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_diajukan(pengunjung, kelas_harga="nol_rupiah")
    kantor = klien_untuk(petugas)
    r = kantor.post(reverse("transaksi:periksa_lengkap", args=[t.nomor]), follow=True)
    assert "Putuskan dahulu permohonan tarif Rp0" in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.DIAJUKAN and t.riwayat.filter(ke=Status.MENUNGGU_TAGIHAN).count() == 0


def test_perbaikan_tanpa_catatan_ditolak(pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_diajukan(pengunjung)
    r = klien_untuk(petugas).post(reverse("transaksi:periksa_perbaikan", args=[t.nomor]), {})
    assert r.status_code == 400 and "Tuliskan catatan" in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.DIAJUKAN


@pytest.mark.parametrize(
    "isian, pesan",
    [
        ({}, "Tuliskan catatan untuk dokumen yang kurang atau salah."),
        ({"catatan": "x" * 2001}, "paling banyak 2000 karakter"),
    ],
)
def test_galat_catatan_perbaikan_sekali_di_bawah_catatannya(isian, pesan, pengunjung, petugas, klien_untuk):
    """The missing note's refusal and a too-long note's reason each show once,
    under the note that describes it: not twice (the page's message and again
    above the form), not nowhere."""
    t = pabrik.transaksi_diajukan(pengunjung)
    r = klien_untuk(petugas).post(reverse("transaksi:periksa_perbaikan", args=[t.nomor]), isian)
    html = r.content.decode()
    assert r.status_code == 400 and html.count(pesan) == 1
    kotak = re.search(r'<textarea name="catatan"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in kotak
    galat = re.search(r'aria-describedby="([^"]+)"', kotak).group(1)
    assert re.search(rf'id="{galat}"[^>]*>[^<]*{pesan}', html)
    assert "Periksa kembali isian catatan." in html


def test_transisi_tidak_sah_dari_halaman_petugas_tidak_mengubah_apa_pun(pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_draf(pengunjung)  # still a draft: nothing to check yet
    r = klien_untuk(petugas).post(reverse("transaksi:periksa_lengkap", args=[t.nomor]), follow=True)
    assert "tidak dapat diubah menjadi" in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.DRAF and t.riwayat.count() == 1


def test_petugas_membatalkan_dengan_alasan(pengunjung, petugas, klien_untuk, django_capture_on_commit_callbacks):
    t = pabrik.transaksi_diajukan(pengunjung)
    kantor = klien_untuk(petugas)
    r = kantor.post(reverse("transaksi:periksa_batalkan", args=[t.nomor]), {"alasan": ""}, follow=True)
    assert "Tuliskan alasan pembatalan" in r.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        kantor.post(reverse("transaksi:periksa_batalkan", args=[t.nomor]), {"alasan": "Abstraksi tidak sesuai."})
    t.refresh_from_db()
    assert t.status == Status.DIBATALKAN and "Abstraksi tidak sesuai." in mail.outbox[0].body
    # A closed transaction has no next step: its closing sentence is not offered as one.
    assert "Langkah berikutnya" not in mail.outbox[0].body and "Transaksi dibatalkan." in mail.outbox[0].body


def test_ambil_tugas(pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_diajukan(pengunjung)
    r = klien_untuk(petugas).post(reverse("transaksi:periksa_ambil", args=[t.nomor]), follow=True)
    t.refresh_from_db()
    assert t.petugas == petugas and "kini Anda tangani" in r.content.decode()
    saya = klien_untuk(petugas).get(reverse("transaksi:periksa") + "?milik=saya").content.decode()
    kosong = klien_untuk(petugas).get(reverse("transaksi:periksa") + "?milik=kosong").content.decode()
    assert t.nomor in saya and t.nomor not in kosong


def test_ambil_tugas_dari_halaman_tanpa_pemegang_tidak_mengambil_alih_rekan(pengunjung, petugas, klien_untuk):
    """The page showed nobody handling the request, so it asked no "take
    over?"; a colleague took it meanwhile: the press is refused naming them,
    and pressed again on the page that now shows them (and asks), it takes over."""
    t = pabrik.transaksi_diajukan(pengunjung)
    rekan = buat_pengguna("rekan@bps.go.id", PETUGAS)
    detail = reverse("transaksi:periksa_detail", args=[t.nomor])
    html = klien_untuk(petugas).get(detail).content.decode()
    assert 'name="pemegang_terlihat" value=""' in html
    services.ambil_tugas(t, rekan)
    ambil = reverse("transaksi:periksa_ambil", args=[t.nomor])
    r = klien_untuk(petugas).post(ambil, {"pemegang_terlihat": ""}, follow=True)
    assert f"baru saja diambil {rekan.nama_lengkap}" in r.content.decode()
    assert Transaksi.objects.get(pk=t.pk).petugas == rekan
    assert f'name="pemegang_terlihat" value="{rekan.pk}"' in r.content.decode()
    klien_untuk(petugas).post(ambil, {"pemegang_terlihat": str(rekan.pk)})
    assert Transaksi.objects.get(pk=t.pk).petugas == petugas


def test_linimasa_menyebut_petugas_yang_mengambil_tugas_dengan_kalimat_utuh(pengunjung, petugas, klien_untuk):
    """The timeline reads "Tugas diambil oleh petugas X" / "Task taken by officer X",
    and the visitor's own steps "by you"."""
    t = pabrik.transaksi_diajukan(pengunjung)
    services.ambil_tugas(t, petugas)
    klien = klien_untuk(pengunjung)

    def linimasa():
        halaman = klien.get(t.get_absolute_url()).text
        return " ".join(halaman[halaman.index('id="linimasa"') :].split())

    teks = linimasa()
    assert 'Tugas diambil</strong> <span class="text-muted small">oleh petugas ' + petugas.nama_lengkap in teks
    assert "oleh Anda" in teks and "mengambil tugas" not in teks
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    teks = linimasa()
    assert 'Task taken</strong> <span class="text-muted small">by officer ' + petugas.nama_lengkap in teks
    assert "by you" in teks and "took the task" not in teks and "by You" not in teks


def test_linimasa_menamai_langkah_mundur_menurut_kejadiannya(pengunjung, petugas, klien_untuk, berkas_privat):
    """A refused proof read "Tagihan (kode billing) diterbitkan", and the
    visitor's own invoice-correction request "Persyaratan dinyatakan lengkap;
    tagihan disiapkan oleh Anda": a move back was titled by where it landed."""
    from tests.transaksi.test_pembayaran import NTPN, menunggu_pembayaran
    from transaksi.services import pembayaran

    t = menunggu_pembayaran(pengunjung, petugas)
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    pembayaran.tolak_bukti(t, petugas, "NTPN tidak ditemukan.")
    pembayaran.minta_koreksi_tagihan(t, pengunjung, "Jumlah halaman salah.")
    halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).text
    judul = [
        " ".join(j.split()) for j in re.findall(r"<strong>(.*?)</strong>", halaman[halaman.index('id="linimasa"') :])
    ]
    assert judul.count("Tagihan (kode billing) diterbitkan") == 1
    assert "Bukti pembayaran ditolak; menunggu pembayaran" in judul
    assert "Tagihan dikembalikan untuk dikoreksi" in judul
    assert judul.count("Persyaratan dinyatakan lengkap; tagihan disiapkan") == 1


def test_linimasa_batas_waktu_menyusul_langkah_yang_memulainya(pengunjung, klien_untuk):
    """The timeline tells the submission, then the deadline it started; the
    deadline line is written without its actor on the promise that the move
    is just above it."""
    t = pabrik.transaksi_diajukan(pengunjung)
    halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).text
    teks = " ".join(halaman[halaman.index('id="linimasa"') :].split())
    assert teks.index("Transaksi diajukan untuk diperiksa") < teks.index("Batas waktu penanganan")


def test_pengunjung_membatalkan_sebelum_bayar(pengunjung, klien_untuk):
    t = pabrik.transaksi_diajukan(pengunjung)
    klien_untuk(pengunjung).post(reverse("transaksi:batalkan", args=[t.nomor]), {"alasan": "Tidak jadi."})
    t.refresh_from_db()
    assert t.status == Status.DIBATALKAN


@pytest.mark.parametrize("siapa", ["pengunjung", "petugas"])
def test_alasan_batal_yang_terlalu_panjang_tidak_membatalkan_dan_tetap_terisi(siapa, request, klien_untuk):
    """A reason over the box's 1000 characters (sent past the browser's
    limit) is refused under the box, which is shown open with what was
    typed, and the transaction is left as it was: cancelled without its
    reason, or the officer told to write one, the typed text would be lost."""
    t = pabrik.transaksi_diajukan(request.getfixturevalue("pengunjung"))
    user = request.getfixturevalue(siapa)
    url = reverse("transaksi:batalkan" if siapa == "pengunjung" else "transaksi:periksa_batalkan", args=[t.nomor])
    alasan = "\r\n".join(["Data yang diminta ternyata sudah tersedia di publikasi daerah."] * 16)  # 1007 typed
    riwayat, surel = t.riwayat.count(), len(mail.outbox)
    respons = klien_untuk(user).post(url, {"alasan": alasan})
    assert respons.status_code == 400
    t.refresh_from_db()
    assert (t.status, t.riwayat.count(), len(mail.outbox)) == (Status.DIAJUKAN, riwayat, surel)
    html = respons.content.decode()
    assert "Alasan pembatalan: Pastikan nilai ini mengandung paling banyak 1000 karakter" in html
    kotak = re.search(r'<details[^>]*>(?:(?!</details>).)*id="alasan-batal-galat"', html, re.S).group(0)
    assert kotak.startswith("<details") and " open>" in kotak.split("\n")[0]
    assert "Data yang diminta ternyata sudah tersedia di publikasi daerah." in kotak
    assert "Tuliskan alasan pembatalan" not in html


def test_alasan_batal_berbaris_sepanjang_kotak_membatalkan_dengan_alasannya(pengunjung, klien_untuk):
    """991 characters typed on 16 lines fit the box's 1000, as the browser
    counts them; sent with each line break as CR LF they are 1006, and the
    server counts them as the browser does."""
    t = pabrik.transaksi_diajukan(pengunjung)
    diketik = "\n".join(["Data yang diminta ternyata sudah tersedia di publikasi daerah"] * 16)
    assert len(diketik) == 991
    url = reverse("transaksi:batalkan", args=[t.nomor])
    klien_untuk(pengunjung).post(url, {"alasan": diketik.replace("\n", "\r\n")})
    t.refresh_from_db()
    assert t.status == Status.DIBATALKAN
    assert t.riwayat.filter(ke=Status.DIBATALKAN).get().catatan == diketik


def test_draf_dibatalkan_tidak_meminta_dokumen_lagi(pengunjung, petugas, klien_untuk):
    """A draft cancelled before its documents were uploaded no longer asks
    for them: neither the visitor's page nor the officer's shows the red
    'not uploaded yet' of a step still to do, only that none was sent."""
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    tamu = klien_untuk(pengunjung)
    assert "Belum diunggah" in tamu.get(t.get_absolute_url()).text
    tamu.post(reverse("transaksi:batalkan", args=[t.nomor]), {"alasan": "Tidak jadi."})
    t.refresh_from_db()
    assert t.status == Status.DIBATALKAN
    halaman = {
        "pengunjung": tamu.get(t.get_absolute_url()).text,
        "petugas": klien_untuk(petugas).get(reverse("transaksi:periksa_detail", args=[t.nomor])).text,
    }
    for siapa, teks in halaman.items():
        dokumen = teks[teks.index('id="dokumen"') :]
        assert "Belum diunggah" not in dokumen and "text-bg-danger" not in dokumen, siapa
        assert "Tidak diunggah" in dokumen, siapa

    kosong = services.buat_transaksi(pengunjung, "Tidak jadi meminta data", "berbayar")
    tamu = klien_untuk(pengunjung)  # one client: the officer's login above replaced the visitor's
    tamu.post(reverse("transaksi:batalkan", args=[kosong.nomor]))
    teks = tamu.get(kosong.get_absolute_url()).text
    assert "Tambahkan produk" not in teks and "Tidak ada dokumen persyaratan." in teks


def test_pengunjung_tidak_bisa_membatalkan_setelah_diproses(pengunjung, klien_untuk):
    t = pabrik.transaksi_diajukan(pengunjung)
    Transaksi.objects.filter(pk=t.pk).update(status=Status.DIPROSES)
    r = klien_untuk(pengunjung).post(reverse("transaksi:batalkan", args=[t.nomor]), follow=True)
    assert "tidak dapat dibatalkan oleh pemohon" in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.DIPROSES


def test_pemeriksaan_tanpa_dokumen_persyaratan_menjelaskannya(pengunjung, petugas, klien_untuk):
    # The visitor's page says no document is needed; the officer's check page
    # says so too instead of a heading over an empty list.
    t = pabrik.transaksi_diajukan(pengunjung, kode="publikasi-elektronik", jumlah=10)
    assert not t.dokumen.exists()
    halaman = klien_untuk(petugas).get(reverse("transaksi:periksa_detail", args=[t.nomor])).content.decode()
    dokumen = halaman[halaman.index('id="dokumen"') :]
    dokumen = dokumen[: dokumen.index("</section>")]
    assert "Produk yang diminta tidak memerlukan dokumen persyaratan." in dokumen


def test_ajukan_kembali_tanpa_mengganti_dokumen_yang_perlu_diperbaiki_ditolak(pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_diajukan(pengunjung)
    abstraksi = t.dokumen.get(jenis__kode="abstraksi")
    services.minta_perbaikan(t, petugas, {abstraksi.pk: "Abstraksi tidak terbaca."})
    tamu = klien_untuk(pengunjung)

    halaman = tamu.get(t.get_absolute_url()).content.decode()
    assert "Sebelum mengajukan:" in halaman and "unggah ulang Abstraksi penggunaan data" in halaman
    r = tamu.post(reverse("transaksi:ajukan", args=[t.nomor]), follow=True)
    assert "Unggah ulang dokumen yang perlu diperbaiki: Abstraksi penggunaan data." in r.content.decode()
    t.refresh_from_db()
    assert t.status == Status.PERLU_PERBAIKAN

    _unggah(tamu, t, "abstraksi", "abstraksi-revisi.pdf")
    assert "Sebelum mengajukan:" not in tamu.get(t.get_absolute_url()).content.decode()
    tamu.post(reverse("transaksi:ajukan", args=[t.nomor]))
    t.refresh_from_db()
    assert t.status == Status.DIAJUKAN


def test_perbaikan_yang_dibatalkan_tidak_lagi_tampil_sebagai_tugas(pengunjung, petugas, klien_untuk):
    """Cancelled while documents were to be fixed: the officer's note stays
    readable on the visitor's page, but no longer in the warning colours of
    a step still to do."""
    t = pabrik.transaksi_diajukan(pengunjung)
    abstraksi = t.dokumen.get(jenis__kode="abstraksi")
    services.minta_perbaikan(t, petugas, {abstraksi.pk: "Abstraksi tidak terbaca."})
    services.batalkan(t, pengunjung)
    halaman = klien_untuk(pengunjung).get(t.get_absolute_url()).text
    dokumen = halaman[halaman.index('id="dokumen"') :]
    dokumen = dokumen[: dokumen.index("</section>")]
    assert "Abstraksi tidak terbaca." in dokumen and "Perlu perbaikan" in dokumen
    assert "warning" not in dokumen


def test_pengajuan_ulang_di_linimasa_dalam_bahasa_pembaca(pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_diajukan(pengunjung)
    abstraksi = t.dokumen.get(jenis__kode="abstraksi")
    services.minta_perbaikan(t, petugas, {abstraksi.pk: "Abstraksi tidak terbaca."})
    services.unggah_dokumen(t, abstraksi.jenis, pabrik.berkas_pdf("abstraksi-v2.pdf"), pengunjung)
    services.ajukan(t, pengunjung)
    tamu = klien_untuk(pengunjung)

    assert "Transaksi diajukan kembali setelah perbaikan" in tamu.get(t.get_absolute_url()).content.decode()
    tamu.post(reverse("set_language"), {"language": "en", "next": t.get_absolute_url()})
    halaman = tamu.get(t.get_absolute_url()).content.decode()
    assert "Transaction submitted again after correction" in halaman and "Diajukan kembali" not in halaman


def test_dokumen_yang_tidak_lagi_diminta_tidak_menahan_pengajuan_ulang(pengunjung, petugas, klien_untuk):
    """The Rp0 letter was sent back, then the visitor withdrew the Rp0 request: that letter
    is no longer asked for (and has no upload box), so it does not block the resubmission."""
    t = pabrik.transaksi_diajukan(pengunjung, kelas_harga="nol_rupiah")
    surat = t.dokumen.get(jenis__kode="surat-nol-rupiah")
    services.minta_perbaikan(t, petugas, {surat.pk: "Surat belum ditandatangani."})
    tamu = klien_untuk(pengunjung)
    tamu.post(reverse("transaksi:nol_rupiah", args=[t.nomor]), {"minta": "0"})

    assert "Sebelum mengajukan:" not in tamu.get(t.get_absolute_url()).content.decode()
    tamu.post(reverse("transaksi:ajukan", args=[t.nomor]))
    t.refresh_from_db()
    assert t.status == Status.DIAJUKAN and t.kelas_harga == "berbayar"


BATAL_PENGUNJUNG = """<details class="border rounded p-3"><summary class="text-danger">Batalkan transaksi</summary>
<form method="post" action="/transaksi/{nomor}/batalkan/" class="mt-2" novalidate>{csrf}
<label class="form-label small" for="alasan-batal">Alasan (opsional)</label>
<textarea class="form-control form-control-sm mb-2" id="alasan-batal" name="alasan" rows="2" maxlength="1000"></textarea>
<button class="btn btn-sm btn-outline-danger" type="submit">Ya, batalkan transaksi ini</button></form></details>"""
BATAL_PETUGAS = """<details class="border border-danger-subtle rounded p-3"><summary class="text-danger">Batalkan transaksi</summary>
<form method="post" action="/transaksi/periksa/{nomor}/batalkan/" class="mt-2" novalidate>{csrf}
<label class="form-label small" for="alasan-batal">Alasan untuk pemohon (wajib), mis. abstraksi tidak sesuai dengan data
yang diminta</label>
<textarea class="form-control mb-2" id="alasan-batal" name="alasan" rows="2" maxlength="1000" required></textarea>
<button class="btn btn-outline-danger" type="submit">Batalkan transaksi</button></form></details>"""


def test_formulir_batal_pengunjung_dan_petugas(pengunjung, petugas, klien_untuk):
    """The visitor's and the officer's cancel forms: where each posts, its
    label, whether a reason is required and its button. The server checks the
    reason (novalidate): an empty one gets the page's message, in the page's
    language, not the browser's own popup."""
    t = pabrik.transaksi_diajukan(pengunjung)
    halaman = [
        (pengunjung, t.get_absolute_url(), BATAL_PENGUNJUNG),
        (petugas, reverse("transaksi:periksa_detail", args=[t.nomor]), BATAL_PETUGAS),
    ]
    for siapa, url, harapan in halaman:
        html = klien_untuk(siapa).get(url).content.decode()
        csrf = re.search(r'<input type="hidden" name="csrfmiddlewaretoken"[^>]*>', html).group(0)
        assert parse_html(html).count(parse_html(harapan.format(nomor=t.nomor, csrf=csrf))) == 1


@pytest.mark.parametrize(
    "kelas_harga, setujui, catatan, terjemahan",
    [
        ("berbayar", None, "Persyaratan dinyatakan lengkap.", "Requirements declared complete."),
        (
            "nol_rupiah",
            True,
            "Persyaratan dinyatakan lengkap. Permohonan tarif Rp0 disetujui.",
            "Requirements declared complete. The IDR 0 tariff request is approved.",
        ),
        (
            "nol_rupiah",
            False,
            "Persyaratan dinyatakan lengkap. Permohonan tarif Rp0 tidak disetujui; dikenakan tarif PNBP.",
            "Requirements declared complete. The IDR 0 tariff request is not approved; the PNBP tariff applies.",
        ),
    ],
)
def test_catatan_lengkap_dalam_bahasa_pembaca_surel(
    kelas_harga, setujui, catatan, terjemahan, pengunjung, petugas, django_capture_on_commit_callbacks
):
    """A visitor reading English does not get "Officer's note: Persyaratan
    dinyatakan lengkap." — a sentence the system writes, not the officer: the
    e-mail says it in the reader's language; the history keeps the office's
    record in Indonesian."""
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    t = pabrik.transaksi_diajukan(pengunjung, kelas_harga=kelas_harga)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        t = services.nyatakan_lengkap(t, petugas, setujui)
    assert t.riwayat.get(jenis=RiwayatTransaksi.Jenis.STATUS, dari=Status.DIAJUKAN).catatan == catatan
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert f"Officer's note:\n{terjemahan}\n" in surel.body and "Persyaratan" not in surel.body


def test_jejak_pemeriksaan_kembali_ke_daftar_dengan_saringan_dan_halamannya(pengunjung, petugas, klien_untuk):
    """An officer who opened a transaction from the check list filtered by
    status (on some page of it) and acted on it goes back, by the page's
    'Pemeriksaan' link, to the list as they left it, not to every open
    transaction from the first page."""
    t = pabrik.transaksi_diajukan(pengunjung)
    kantor = klien_untuk(petugas)
    kantor.get(reverse("transaksi:periksa"), {"milik": "kosong", "status": "diajukan", "halaman": "2"})
    r = kantor.post(reverse("transaksi:periksa_lengkap", args=[t.nomor]), follow=True)
    assert r.context["t"].status == Status.MENUNGGU_TAGIHAN
    jejak = re.search(r'<ol class="breadcrumb">.*?href="([^"]+)"', r.content.decode(), re.S).group(1)
    assert jejak == reverse("transaksi:periksa") + "?milik=kosong&amp;status=diajukan&amp;halaman=2"
    kantor.get(reverse("transaksi:periksa"))
    r = kantor.get(reverse("transaksi:periksa_detail", args=[t.nomor]))
    assert re.search(r'<ol class="breadcrumb">.*?href="([^"]+)"', r.content.decode(), re.S).group(1) == reverse(
        "transaksi:periksa"
    )


@pytest.mark.parametrize("lengkap", [False, True], ids=["diperiksa", "menunggu-tagihan"])
def test_petugas_diberi_tahu_saat_pengunjung_membatalkan_pada_giliran_kantor(
    lengkap, pengunjung, petugas, django_capture_on_commit_callbacks
):
    """A visitor who cancelled while the officer was checking the request or
    preparing its invoice (a billing code in SIMPONI) left the officer
    working on it unaware; the officer now gets an e-mail saying it was
    cancelled and needs nothing more. A draft cancelled tells nobody."""
    with time_machine.travel(JUMAT_PAGI, tick=False):
        t = pabrik.transaksi_diajukan(pengunjung)
        if lengkap:
            t = services.nyatakan_lengkap(t, petugas)
        draf = pabrik.transaksi_draf(pengunjung)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.batalkan(t, pengunjung, "Data sudah didapat dari publikasi.")
            services.batalkan(draf, pengunjung)
    [surel] = [m for m in mail.outbox if m.to != [pengunjung.email]]
    assert surel.to == [petugas.email] and surel.subject == f"[{t.nomor}] Dibatalkan"
    assert f"Transaksi {t.nomor} dibatalkan oleh pemohon; tidak perlu ditindaklanjuti lagi." in surel.body
    assert "menunggu tindakan kantor" not in surel.body and "Data sudah didapat dari publikasi." in surel.body


def test_tugas_tidak_ditawarkan_saat_kantor_tak_punya_langkah_lagi(pengunjung, petugas, klien_untuk):
    """Delivered (the visitor's rating awaited): the office has no move left, so
    there is no task to take, and taking it anyway records nothing."""
    t = pabrik.transaksi_diajukan(pengunjung)
    Transaksi.objects.filter(pk=t.pk).update(status=Status.DISERAHKAN)
    klien = klien_untuk(petugas)
    ambil = reverse("transaksi:periksa_ambil", args=[t.nomor])
    assert ambil not in klien.get(reverse("transaksi:periksa_detail", args=[t.nomor])).content.decode()
    riwayat = t.riwayat.count()
    r = klien.post(ambil, follow=True)
    t.refresh_from_db()
    assert t.petugas is None and t.riwayat.count() == riwayat
    assert "tidak ada lagi tugas kantor" in r.content.decode()


def test_cari_terlalu_panjang_tidak_menghapus_saringan_lain(pengunjung, pengunjung_lain, petugas, klien_untuk):
    """A search text longer than the box takes (a link typed or pasted by hand)
    still leaves the other filters applied."""
    diambil = services.ambil_tugas(pabrik.transaksi_diajukan(pengunjung), petugas)
    pabrik.transaksi_diajukan(pengunjung_lain)
    html = klien_untuk(petugas).get(reverse("transaksi:periksa"), {"milik": "kosong", "q": "x" * 101}).content.decode()
    assert diambil.nomor not in html
    assert "Tidak ada transaksi yang cocok" in html


def test_pembatalan_tanpa_alasan_dikabarkan_dalam_bahasa_petugas(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    """A visitor who cancels without a reason: an officer who reads English
    got the note "Dibatalkan oleh pemohon." in Indonesian below the English
    sentence; the note is said in the reader's language, the history keeps
    the office's."""
    petugas.bahasa = "en"
    petugas.save(update_fields=["bahasa"])
    with time_machine.travel(JUMAT_PAGI, tick=False):
        t = pabrik.transaksi_diajukan(pengunjung)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.batalkan(t, pengunjung)
    [surel] = [m for m in mail.outbox if m.to == [petugas.email]]
    assert "Dibatalkan oleh pemohon" not in surel.body and "Cancelled by the applicant." in surel.body
    assert t.riwayat.filter(catatan="Dibatalkan oleh pemohon.").exists()


def test_catatan_umum_perbaikan_tampil_di_langkah_berikutnya(pengunjung, petugas, klien_untuk):
    """Sent back with a general note only (a document that has no upload box,
    something to add): the step box asks to fix things "as the officer's note
    says", so the note is there, not only at the foot of the history."""
    t = pabrik.transaksi_diajukan(pengunjung)
    services.minta_perbaikan(t, petugas, {}, "Lampirkan juga surat pengantar dari kampus.")
    assert "Catatan petugas: Lampirkan juga surat pengantar dari kampus." in _kotak_langkah(klien_untuk(pengunjung), t)


def test_catatan_perbaikan_lama_tidak_tampil_setelah_diajukan_kembali(pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_diajukan(pengunjung)
    services.minta_perbaikan(t, petugas, {}, "Lampirkan juga surat pengantar dari kampus.")
    services.ajukan(t, pengunjung)
    assert "Catatan petugas:" not in _kotak_langkah(klien_untuk(pengunjung), t)


def _kotak_langkah(klien, t) -> str:
    """The visitor's next-step box (its closing tag is the only one at the line's start)."""
    return re.search(r'id="langkah">(.*?)\n</div>', klien.get(t.get_absolute_url()).text, re.S).group(1)
