"""The refund of PNBP: a paid transaction in process whose product cannot be
delivered. An officer proposes, a supervisor approves or refuses, the
treasurer marks it processed; the visitor is told, the request letter is
numbered once, and the reconciliation counts the refund."""

import subprocess
from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.periode import Bulan
from pst_layanan.roles import PETUGAS
from tests.transaksi.test_kanal_bayar import kanal_kantor, kirim_transfer  # noqa: F401  (fixture)
from tests.transaksi.test_pembayaran import NTPN, diproses, menunggu_pembayaran
from transaksi import rekonsiliasi
from transaksi.alur import TransisiTidakSah
from transaksi.models import DokumenTidakDapatDiubah, Jam, Pengembalian, Status, Tagihan, Transaksi
from transaksi.services import kanal, pembayaran, penyerahan
from transaksi.services.pengembalian import Rekening, setujui, tandai_diproses, tolak, usulkan

pytestmark = pytest.mark.django_db

REKENING = Rekening("Ani Pengunjung", "0123 4567 89", "Bank Rakyat Indonesia")
ALASAN = "Data Susenas tingkat desa yang diminta tidak tersedia."
SENIN = datetime(2026, 3, 16, 9, 0, tzinfo=WIB)
P = Pengembalian.Status


def pada(waktu):
    return time_machine.travel(waktu, tick=False)


def penerima_dan_isi(outbox):
    return {(m.to[0], m.subject): m.body for m in outbox}


def test_usul_setujui_proses_sampai_pnbp_dikembalikan(
    pengunjung, petugas, supervisor, bendahara, django_capture_on_commit_callbacks
):
    with pada(SENIN):
        t = diproses(pengunjung, petugas)
        assert t.jam == Jam.PROSES
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            p = usulkan(t, petugas, ALASAN, REKENING)
    t.refresh_from_db()
    assert t.status == Status.DIPROSES and p.status == P.DIAJUKAN and p.nomor == ""
    assert (p.jumlah, p.tagihan.status, p.diajukan_oleh) == (50_000, Tagihan.Status.LUNAS, petugas)
    assert [m.to for m in mail.outbox] == [[supervisor.email]] and ALASAN in mail.outbox[0].body

    mail.outbox.clear()
    with pada(datetime(2026, 3, 17, 10, 0, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        p = setujui(p, supervisor)
    t.refresh_from_db()
    assert t.status == Status.DIKEMBALIKAN and t.get_status_display() == "Dibatalkan \u2014 PNBP dikembalikan"
    # The clock stops as for a cancellation, and the transaction is closed.
    assert (t.jam, t.batas_waktu) == (Jam.TIDAK_ADA, None) and t.ditutup_pada == datetime(
        2026, 3, 17, 10, 0, tzinfo=WIB
    )
    assert (p.status, p.nomor, p.diputuskan_oleh) == (P.DISETUJUI, "PPNBP/1700/2026/000001", supervisor)
    assert t.tagihan.get().status == Tagihan.Status.LUNAS  # the money was received; the refund is apart
    surel = penerima_dan_isi(mail.outbox)
    untuk_pemohon = surel[(pengunjung.email, f"Transaksi {t.nomor}: Dibatalkan \u2014 PNBP dikembalikan")]
    assert "Rp50.000" in untuk_pemohon and "Bank Rakyat Indonesia 0123 4567 89" in untuk_pemohon
    assert any(to == bendahara.email and "Rp50.000" in subjek for to, subjek in surel)

    mail.outbox.clear()
    with pada(datetime(2026, 3, 19, 14, 0, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        p = tandai_diproses(p, bendahara, "Transfer SP2D 19 Maret")
    assert (p.status, p.diproses_oleh) == (P.DIPROSES, bendahara)
    assert mail.outbox[0].to == [pengunjung.email] and "telah diproses bendahara" in mail.outbox[0].body


def test_hanya_yang_berhak_dan_pada_waktunya(pengunjung, petugas, supervisor, bendahara):
    t = menunggu_pembayaran(pengunjung, petugas)
    with pytest.raises(TransisiTidakSah, match="sudah dibayar dan sedang diproses"):
        usulkan(t, petugas, ALASAN, REKENING)  # not paid yet
    t = diproses(pengunjung, petugas, kode="820260313000002", ntpn="0A1B2C3D4E5F6G7J")
    with pytest.raises(TransisiTidakSah, match="Hanya petugas"):
        usulkan(t, pengunjung, ALASAN, REKENING)
    with pytest.raises(ValidationError, match="Tuliskan mengapa"):
        usulkan(t, petugas, "  ", REKENING)
    with pytest.raises(ValidationError, match="Nomor rekening berisi angka"):
        usulkan(t, petugas, ALASAN, Rekening("Ani", "BRI-satu-dua", "BRI"))
    assert not Pengembalian.objects.exists()

    p = usulkan(t, petugas, ALASAN, REKENING)
    with pytest.raises(TransisiTidakSah, match="sudah diajukan"):
        usulkan(t, petugas, ALASAN, REKENING)
    with pytest.raises(TransisiTidakSah, match="Hanya supervisor"):
        setujui(p, petugas)
    with pytest.raises(TransisiTidakSah, match="Hanya bendahara"):
        tandai_diproses(p, petugas)
    with pytest.raises(TransisiTidakSah, match="Hanya pengembalian yang sudah disetujui"):
        tandai_diproses(p, bendahara)
    # Delivery waits for the supervisor's decision.
    with pytest.raises(TransisiTidakSah, match="menunggu keputusan supervisor"):
        penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas.csv", b"a,b\n1,2\n")])
    p.refresh_from_db()
    t.refresh_from_db()
    assert (p.status, t.status) == (P.DIAJUKAN, Status.DIPROSES)
    with pytest.raises(DokumenTidakDapatDiubah):
        Pengembalian.objects.filter(pk=p.pk).update(jumlah=1)


def test_ditolak_transaksi_berlanjut_dan_boleh_diusulkan_lagi(
    pengunjung, petugas, supervisor, django_capture_on_commit_callbacks
):
    t = diproses(pengunjung, petugas)
    p = usulkan(t, petugas, ALASAN, REKENING)
    with pytest.raises(ValidationError, match="alasan penolakan"):
        tolak(p, supervisor, "")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        p = tolak(p, supervisor, "Data tersedia di tingkat kecamatan; tawarkan kepada pemohon.")
    t.refresh_from_db()
    assert (p.status, t.status, t.jam) == (P.DITOLAK, Status.DIPROSES, Jam.PROSES)
    assert mail.outbox[0].to == [petugas.email] and "tingkat kecamatan" in mail.outbox[0].body
    with pytest.raises(TransisiTidakSah, match="sudah diputuskan"):
        setujui(p, supervisor)
    baru = usulkan(t, petugas, "Pemohon menolak data kecamatan.", REKENING)
    assert baru.status == P.DIAJUKAN and t.pengembalian.count() == 2


# --- the pages -------------------------------------------------------------------------


def _dibayar(cara, pengunjung, petugas, bendahara):
    """A transaction in process, paid by `cara`; with what its letter must name the payment by."""
    if cara == "simponi":
        return diproses(pengunjung, petugas), ["SIMPONI (NTPN)", NTPN]
    t = menunggu_pembayaran(pengunjung, petugas)
    if cara == "tunai":
        kuitansi = kanal.terima_tunai(t, bendahara, 50_000, "Uang pas.")
        return kuitansi.transaksi, ["Tunai di bendahara penerimaan", kuitansi.nomor]
    kirim_transfer(t, pengunjung)
    return pembayaran.verifikasi_pembayaran(t, petugas), ["Transfer bank", "Maybank Malaysia FT2603100001234"]


@pytest.mark.usefixtures("kanal_kantor")
@pytest.mark.parametrize("cara", ["simponi", "tunai", "transfer"])
def test_surat_menyebut_cara_dan_identitas_pembayaran(
    cara,
    pengunjung,
    petugas,
    supervisor,
    bendahara,
    klien_untuk,
    tmp_path,
):
    with pada(SENIN):
        t, harapan = _dibayar(cara, pengunjung, petugas, bendahara)
        p = setujui(usulkan(t, petugas, ALASAN, REKENING), supervisor)
    surat = klien_untuk(pengunjung).get(reverse("transaksi:pengembalian_surat", args=[p.pk]))
    teks = " ".join(teks_pdf(surat, tmp_path).split())
    assert "Cara bayar" in teks and all(h in teks for h in harapan), teks


@pytest.mark.usefixtures("kanal_kantor")
@pytest.mark.parametrize(
    ("cara", "bahasa", "baris"),
    [
        ("simponi", "id", "Tanggal pembayaran diverifikasi"),
        ("transfer", "id", "Tanggal transfer diverifikasi"),
        ("tunai", "id", "Tanggal diterima tunai"),
        ("simponi", "en", "Date the payment was verified"),
        ("transfer", "en", "Date the transfer was verified"),
        ("tunai", "en", "Date received in cash"),
    ],
)
def test_surat_menyebut_tanggal_pembayaran_sesuai_caranya(
    cara, bahasa, baris, pengunjung, petugas, supervisor, bendahara, klien_untuk, tmp_path
):
    """Cash is received at the treasurer's counter, not verified: the letter's
    date line says what happened to the refunded payment, in the reader's language."""
    from pst_layanan.models import Pengguna

    with pada(SENIN):
        t, _ = _dibayar(cara, pengunjung, petugas, bendahara)
        p = setujui(usulkan(t, petugas, ALASAN, REKENING), supervisor)
    Pengguna.objects.filter(pk=pengunjung.pk).update(bahasa=bahasa)
    pengunjung.refresh_from_db()
    surat = klien_untuk(pengunjung).get(reverse("transaksi:pengembalian_surat", args=[p.pk]))
    # Read without -layout: a label wrapped in its table cell stays one phrase.
    teks = " ".join(teks_pdf(surat, tmp_path, "-raw").split())
    assert f"{baris} " in teks, teks
    assert cara != "tunai" or not {"diverifikasi", "verified"} & set(teks.split()), teks


def test_alasan_panjang_surat_mulai_di_halaman_pertama(pengunjung, petugas, supervisor, klien_untuk, tmp_path):
    """A reason of several paragraphs, longer than what is left of the letter's first page,
    starts there under the payment's lines and runs on, instead of leaving that page half empty."""
    paragraf = "Data Susenas tingkat desa tidak dapat diberikan karena sampelnya terlalu kecil. " * 8
    alasan = "\n\n".join(f"Paragraf {k}: {paragraf}" for k in range(1, 10))
    with pada(SENIN):
        t = diproses(pengunjung, petugas)
        p = setujui(usulkan(t, petugas, alasan, REKENING), supervisor)
    surat = klien_untuk(pengunjung).get(reverse("transaksi:pengembalian_surat", args=[p.pk]))
    pertama, *lanjut = teks_pdf(surat, tmp_path).split("\f")
    assert lanjut and "Paragraf 1:" in pertama, pertama


def test_alasan_berbaris_tetap_berbaris_di_surat(pengunjung, petugas, supervisor, klien_untuk, tmp_path):
    """A reason typed on several lines keeps its lines in the letter, as the officer wrote it."""
    with pada(SENIN):
        t = diproses(pengunjung, petugas)
        p = setujui(
            usulkan(t, petugas, "1. Sampel desa terlalu kecil.\n2. Tabel kabupaten ditawarkan.", REKENING), supervisor
        )
    baris = teks_pdf(klien_untuk(pengunjung).get(reverse("transaksi:pengembalian_surat", args=[p.pk])), tmp_path)
    (pertama,) = [b for b in baris.splitlines() if "1. Sampel desa" in b]
    assert "2. Tabel" not in pertama and "2. Tabel kabupaten ditawarkan." in baris


def teks_pdf(respons, tmp_path, tata="-layout") -> str:
    assert respons["Content-Type"] == "application/pdf"
    berkas = tmp_path / "surat.pdf"
    berkas.write_bytes(b"".join(respons.streaming_content) if respons.streaming else respons.content)
    return subprocess.run(["pdftotext", tata, str(berkas), "-"], capture_output=True, text=True).stdout


def test_lewat_halaman_dan_surat_pdf(
    pengunjung, pengunjung_lain, petugas, supervisor, bendahara, klien_untuk, tmp_path
):
    with pada(SENIN):
        t = diproses(pengunjung, petugas)
    halaman = reverse("transaksi:pembayaran", args=[t.nomor])
    usul = reverse("transaksi:pengembalian_usulkan", args=[t.nomor])
    petugas_ = klien_untuk(petugas)
    assert "Usulkan pengembalian PNBP" in petugas_.get(halaman).content.decode()
    salah = petugas_.post(usul, {"alasan": ALASAN, "nama_rekening": "Ani", "nomor_rekening": "abc", "nama_bank": "BRI"})
    assert salah.status_code == 400 and "Nomor rekening berisi angka" in salah.content.decode()
    assert not Pengembalian.objects.exists()
    data = {
        "alasan": ALASAN,
        "nama_rekening": REKENING.nama,
        "nomor_rekening": REKENING.nomor,
        "nama_bank": REKENING.bank,
    }
    assert petugas_.post(usul, data).status_code == 302
    p = Pengembalian.objects.get()

    # Only a supervisor decides; the officer's page says the proposal waits.
    assert petugas_.post(reverse("transaksi:pengembalian_setujui", args=[t.nomor, p.pk])).status_code == 403
    assert "Menunggu keputusan supervisor" in petugas_.get(halaman).content.decode()
    sup = klien_untuk(supervisor)
    assert "Setujui pengembalian dan batalkan transaksi" in sup.get(halaman).content.decode()
    # The visitor is not shown the proposal before it is decided.
    assert 'id="panel-pengembalian"' not in klien_untuk(pengunjung).get(halaman).text
    sup = klien_untuk(supervisor)
    with pada(datetime(2026, 3, 17, 10, 0, tzinfo=WIB)):
        assert sup.post(reverse("transaksi:pengembalian_setujui", args=[t.nomor, p.pk])).status_code == 302
    p.refresh_from_db()

    # The visitor sees the status and the letter; another visitor gets nothing.
    pemohon = klien_untuk(pengunjung)
    assert "Dibatalkan \u2014 PNBP dikembalikan" in pemohon.get(t.get_absolute_url()).content.decode()
    surat = reverse("transaksi:pengembalian_surat", args=[p.pk])
    assert surat in pemohon.get(halaman).content.decode()
    teks = " ".join(teks_pdf(pemohon.get(surat), tmp_path).split())
    assert "SURAT PERMOHONAN PENGEMBALIAN PNBP" in teks and "Nomor: PPNBP/1700/2026/000001" in teks
    assert "Rp50.000" in teks and "Lima puluh ribu rupiah" in teks and NTPN in teks
    assert "Bank Rakyat Indonesia, nomor 0123 4567 89, atas nama Ani Pengunjung" in teks
    assert "Rina Supervisor" in teks
    # Downloading again gives the same number; the QR code's public page confirms the letter.
    assert "PPNBP/1700/2026/000001" in teks_pdf(pemohon.get(surat), tmp_path)
    publik = pemohon.get(reverse("transaksi:verifikasi", args=[p.token])).text
    assert "PPNBP/1700/2026/000001" in publik and "Rp50.000" in publik and "Disetujui" in publik
    assert "Pengembalian PNBP" in publik and "Pengembalian pnbp" not in publik

    # The treasurer processes it from the list.
    kas = klien_untuk(bendahara)
    daftar = kas.get(reverse("transaksi:pengembalian_daftar") + "?status=disetujui").content.decode()
    assert t.nomor in daftar and "Tandai diproses" in daftar
    # Sent from the filtered list, the treasurer comes back to it.
    proses = f"{reverse('transaksi:pengembalian_proses', args=[p.pk])}?status=disetujui"
    assert f'action="{proses}"' in daftar
    r = kas.post(proses, {"catatan": "SP2D 19 Maret"})
    assert r.url == reverse("transaksi:pengembalian_daftar") + "?status=disetujui"
    p.refresh_from_db()
    assert p.status == P.DIPROSES and p.catatan_proses == "SP2D 19 Maret"
    ulang = kas.post(reverse("transaksi:pengembalian_proses", args=[p.pk]), {"catatan": ""})
    assert ulang.status_code == 400 and "Hanya pengembalian yang sudah disetujui" in ulang.content.decode()
    assert klien_untuk(pengunjung_lain).get(surat).status_code == 404


def test_rekonsiliasi_menghitung_pengembalian_pada_bulan_disetujui(
    pengunjung, petugas, supervisor, bendahara, klien_untuk
):
    with pada(SENIN):
        t = diproses(pengunjung, petugas)
        p = usulkan(t, petugas, ALASAN, REKENING)
    with pada(datetime(2026, 4, 1, 9, 0, tzinfo=WIB)):
        setujui(p, supervisor)
    maret, april = rekonsiliasi.susun(Bulan(2026, 3)), rekonsiliasi.susun(Bulan(2026, 4))
    assert (maret.ditagihkan, maret.diterima, maret.dikembalikan, maret.bersih) == (50_000, 50_000, 0, 50_000)
    assert (april.diterima, april.dikembalikan, april.bersih) == (0, 50_000, -50_000)
    assert [x.nomor for x in april.pengembalian] == ["PPNBP/1700/2026/000001"]
    with pada(datetime(2026, 4, 2, 9, 0, tzinfo=WIB)):
        halaman = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi") + "?bulan=2026-04").content.decode()
    assert 'data-pengembalian="PPNBP/1700/2026/000001"' in halaman and "-Rp50.000" in halaman


def test_jumlah_query_daftar_dan_halaman(pengunjung, petugas, supervisor, klien_untuk, django_assert_max_num_queries):
    """The list and the payment page of a supervisor (who holds the treasurer's role too)."""
    klien = klien_untuk(supervisor)
    url = reverse("transaksi:pengembalian_daftar")
    for n in range(3):
        t = diproses(pengunjung, petugas, kode=f"82026031300001{n}", ntpn=f"0A1B2C3D4E5F6G{n}X")
        setujui(usulkan(t, petugas, ALASAN, REKENING), supervisor)
        with django_assert_max_num_queries(12):
            assert klien.get(url).status_code == 200
        with django_assert_max_num_queries(30):
            assert klien.get(reverse("transaksi:pembayaran", args=[t.nomor])).status_code == 200


def test_supervisor_menolak_lewat_halaman(pengunjung, petugas, supervisor, klien_untuk):
    t = diproses(pengunjung, petugas)
    p = usulkan(t, petugas, ALASAN, REKENING)
    klien = klien_untuk(supervisor)
    url = reverse("transaksi:pengembalian_tolak", args=[t.nomor, p.pk])
    kosong = klien.post(url, {"alasan": ""})
    assert kosong.status_code == 400 and "Bidang ini tidak boleh kosong" in kosong.text
    ditolak = klien.post(url, {"alasan": "Data tersedia di tingkat kecamatan."}, follow=True)
    # Whoever is told (the proposer, or the office's officers once they left), not "the proposer".
    assert "petugas yang menangani transaksi ini diberi tahu" in ditolak.text
    p.refresh_from_db()
    t.refresh_from_db()
    assert (p.status, p.diputuskan_oleh, t.status) == (P.DITOLAK, supervisor, Status.DIPROSES)
    assert "Data tersedia di tingkat kecamatan." in klien.get(reverse("transaksi:pembayaran", args=[t.nomor])).text


def test_surel_pengembalian_hanya_ke_staf_kantornya(
    pengunjung, petugas, supervisor, bendahara, kota, django_capture_on_commit_callbacks
):
    """Another office's supervisor and treasurer are not told of this office's refund."""
    from conftest import buat_pengguna

    buat_pengguna("supervisor1771@bps.go.id", "Supervisor", kantor=kota)
    buat_pengguna("bendahara1771@bps.go.id", "Bendahara", kantor=kota)
    t = diproses(pengunjung, petugas)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        p = usulkan(t, petugas, ALASAN, REKENING)
    assert [m.to for m in mail.outbox] == [[supervisor.email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        setujui(p, buat_pengguna("supervisor2@bps.go.id", "Supervisor"))
    staf = {m.to[0] for m in mail.outbox} - {pengunjung.email}
    assert staf == {bendahara.email, petugas.email}


@pytest.fixture
def pengawas(db):
    """A province supervisor, who decides and pays in every office."""
    return buat_pengguna("pengawas@bps.go.id", "Pengawas Provinsi")


def diproses_di(kantor, pengunjung, petugas):
    """A paid transaction of `kantor`, the e-mails so far cleared."""
    t = diproses(pengunjung, petugas)
    Transaksi.objects.filter(pk=t.pk).update(kantor=kantor)
    t.refresh_from_db()
    mail.outbox.clear()
    return t


def test_kantor_tanpa_supervisor_dan_bendahara_surel_ke_pengawas_provinsi(
    pengunjung, petugas, supervisor, bendahara, kota, pengawas, django_capture_on_commit_callbacks
):
    """An office with no supervisor or treasurer of its own: the province
    supervisors (who decide and pay in every office) are told, not the
    provincial office's staff, who cannot open another office's refund."""
    t = diproses_di(kota, pengunjung, petugas)
    with django_capture_on_commit_callbacks(execute=True):
        p = usulkan(t, petugas, ALASAN, REKENING)
    assert [m.to for m in mail.outbox] == [[pengawas.email]] and ALASAN in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        setujui(p, supervisor)
    staf = {m.to[0] for m in mail.outbox} - {pengunjung.email}
    assert staf == {pengawas.email}


def test_surel_pengembalian_dalam_bahasa_pembacanya_riwayat_dalam_bahasa_kantor(
    pengunjung, petugas, supervisor, bendahara, django_capture_on_commit_callbacks
):
    """A visitor, officer, supervisor and treasurer who read English get the
    refund's sentences and amount in English; the history keeps the office's words."""
    from pst_layanan.models import Pengguna

    Pengguna.objects.filter(pk__in=[pengunjung.pk, petugas.pk, supervisor.pk, bendahara.pk]).update(bahasa="en")
    t = diproses(pengunjung, petugas)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        p = usulkan(t, petugas, ALASAN, REKENING)
        p = setujui(p, supervisor)
        tandai_diproses(p, bendahara, "SP2D 19/3")
    surel = {(m.to[0], m.subject): m.body for m in mail.outbox}
    usul = surel[(supervisor.email, f"[{t.nomor}] PNBP refund IDR 50,000")]
    assert f"Officer {petugas.nama_lengkap} proposes a PNBP refund: {ALASAN}" in usul
    assert (
        f"Approved by {supervisor.nama_lengkap}; please process it."
        in surel[(bendahara.email, f"[{t.nomor}] PNBP refund IDR 50,000")]
    )
    assert "need not be delivered" in surel[(petugas.email, f"[{t.nomor}] PNBP refund proposal approved")]
    batal = surel[(pengunjung.email, f"Transaction {t.nomor}: Cancelled \u2014 PNBP refunded")]
    assert f"The product cannot be provided: {ALASAN}\nThe PNBP of IDR 50,000 is refunded" in batal
    kembali = surel[(pengunjung.email, f"Transaction {t.nomor}: PNBP refunded")]
    assert "The PNBP refund of IDR 50,000 has been processed by the revenue treasurer" in kembali
    assert "SP2D 19/3" in kembali
    assert not [isi for isi in surel.values() if "dikembalikan ke rekening" in isi or "Rp50.000" in isi]
    catatan = list(t.riwayat.exclude(catatan="").values_list("catatan", flat=True))
    assert f"Pengembalian PNBP Rp50.000 diusulkan: {ALASAN}" in catatan
    assert any(c.startswith(f"Produk tidak dapat diberikan: {ALASAN}\nPNBP sebesar Rp50.000") for c in catatan)
    assert any(c.startswith("Pengembalian PNBP sebesar Rp50.000 telah diproses bendahara") for c in catatan)


@pytest.mark.parametrize(
    ("bahasa", "catatan", "harapan"),
    [
        (
            "id",
            "Transfer SP2D 19 Maret\nRef 123",
            "Ani Pengunjung.\nCatatan bendahara:\n> Transfer SP2D 19 Maret\n> Ref 123\n",
        ),
        (
            "en",
            "Transfer SP2D 19 Maret\nRef 123",
            "Ani Pengunjung.\nTreasurer's note:\n> Transfer SP2D 19 Maret\n> Ref 123\n",
        ),
        ("id", "  ", "Ani Pengunjung.\n\n"),
    ],
)
def test_surel_diproses_memisahkan_catatan_bendahara(
    bahasa, catatan, harapan, pengunjung, petugas, supervisor, bendahara, django_capture_on_commit_callbacks
):
    """The treasurer's note reaches the visitor under its own label, each line
    quoted, so it does not read as the office's own sentence running on; no
    note, no label."""
    from pst_layanan.models import Pengguna

    Pengguna.objects.filter(pk=pengunjung.pk).update(bahasa=bahasa)
    t = diproses(pengunjung, petugas)
    p = setujui(usulkan(t, petugas, ALASAN, REKENING), supervisor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tandai_diproses(p, bendahara, catatan)
    [m] = mail.outbox
    assert harapan in m.body, m.body


def test_surel_penolakan_pengembalian_dalam_bahasa_petugas(
    pengunjung, petugas, supervisor, django_capture_on_commit_callbacks
):
    from pst_layanan.models import Pengguna

    Pengguna.objects.filter(pk=petugas.pk).update(bahasa="en")
    t = diproses(pengunjung, petugas)
    p = usulkan(t, petugas, ALASAN, REKENING)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tolak(p, supervisor, "Data masih bisa disiapkan.")
    [m] = mail.outbox
    assert f"Refused by {supervisor.nama_lengkap}: Data masih bisa disiapkan." in m.body
    assert t.riwayat.filter(catatan="Usulan pengembalian PNBP ditolak: Data masih bisa disiapkan.").exists()


def test_penolakan_usulan_petugas_yang_sudah_nonaktif_sampai_ke_petugas_kantor(
    pengunjung, petugas, supervisor, django_capture_on_commit_callbacks
):
    """The proposer's account closed before the decision: the refusal (the
    product must be delivered after all) reaches the office's officers, not
    only the closed account."""
    t = diproses(pengunjung, petugas)
    p = usulkan(t, petugas, ALASAN, REKENING)
    petugas.is_active = False
    petugas.save(update_fields=["is_active"])
    rekan = buat_pengguna("rekan@bps.go.id", PETUGAS)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tolak(p, supervisor, "Data tersedia di tingkat kecamatan.")
    penerima = {alamat for m in mail.outbox for alamat in m.to}
    assert rekan.email in penerima and petugas.email not in penerima


def test_selama_usulan_menunggu_penyerahan_tidak_ditawarkan(pengunjung, petugas, supervisor, klien_untuk):
    """Delivery is refused while a refund proposal waits: the payment page
    offers no "Serahkan produk" and the delivery page says why instead of
    taking an upload it would refuse; once refused, delivery is offered again."""
    t = diproses(pengunjung, petugas)
    p = usulkan(t, petugas, ALASAN, REKENING)
    klien = klien_untuk(petugas)
    serahkan = reverse("transaksi:serahkan", args=[t.nomor])
    assert serahkan not in klien.get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    halaman = klien.get(serahkan).content.decode()
    assert "menunggu keputusan supervisor; produk belum dapat diserahkan" in halaman
    assert 'id="form-serahkan"' not in halaman
    tolak(p, supervisor, "Data tersedia di tingkat kecamatan.")
    assert serahkan in klien.get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    assert 'id="form-serahkan"' in klien.get(serahkan).content.decode()


def test_nomor_rekening_salah_dijelaskan_dalam_bahasa_petugas(pengunjung, petugas, klien_untuk):
    """An officer reading English who typed letters as the payer's account
    number was told in Indonesian; the refusal is in their language."""
    from pst_layanan.models import Pengguna

    t = diproses(pengunjung, petugas)
    Pengguna.objects.filter(pk=petugas.pk).update(bahasa="en")
    petugas.refresh_from_db()
    usul = reverse("transaksi:pengembalian_usulkan", args=[t.nomor])
    salah = klien_untuk(petugas).post(
        usul, {"alasan": ALASAN, "nama_rekening": "Ani", "nomor_rekening": "abc", "nama_bank": "BRI"}
    )
    isi = salah.content.decode()
    assert salah.status_code == 400 and "Nomor rekening berisi angka" not in isi
    assert (
        "An account number is digits (spaces, dots or hyphens may separate them), or an IBAN for an account abroad."
        in isi
    )
    assert not Pengembalian.objects.exists()


def test_pembayar_di_luar_negeri_dikembalikan_ke_iban(pengunjung, petugas, supervisor, klien_untuk, tmp_path):
    """A payer abroad, who paid by transfer, has an IBAN: its letters were
    refused as "not digits", so no refund could be proposed to them. A
    well-formed IBAN (the longest, Malta's, grouped by fours) is taken in
    capitals; one with a wrong check digit is refused and nothing is saved."""
    t = diproses(pengunjung, petugas)
    usul = reverse("transaksi:pengembalian_usulkan", args=[t.nomor])
    data = {"alasan": ALASAN, "nama_rekening": "Ani Pengunjung", "nama_bank": "Bank of Valletta, SWIFT VALLMTMT"}
    klien = klien_untuk(petugas)
    salah = klien.post(usul, {**data, "nomor_rekening": "MT84 MALT 0110 0001 2345 MTLC AST0 02S"})
    assert salah.status_code == 400 and "IBAN MT84 MALT 0110 0001 2345 MTLC AST0 02S tidak sah" in salah.text
    assert not Pengembalian.objects.exists()

    assert klien.post(usul, {**data, "nomor_rekening": "mt84 malt 0110 0001 2345 mtlc ast0 01s"}).status_code == 302
    p = setujui(Pengembalian.objects.get(), supervisor)
    assert p.nomor_rekening == "MT84 MALT 0110 0001 2345 MTLC AST0 01S"
    teks = " ".join(
        teks_pdf(klien_untuk(pengunjung).get(reverse("transaksi:pengembalian_surat", args=[p.pk])), tmp_path).split()
    )
    assert "Bank of Valletta, SWIFT VALLMTMT, nomor MT84 MALT 0110 0001 2345 MTLC AST0 01S" in teks


def test_usulan_dan_penolakan_tidak_tampil_di_riwayat_pemohon(pengunjung, petugas, supervisor, klien_untuk):
    """A proposal is the office's deliberation and a refusal's reason is
    written for the officer: the visitor's history showed both ("Pengembalian
    PNBP Rp50.000 diusulkan …", "… ditolak: … serahkan saja") while the
    refund panel hid them. The officers' log keeps them."""
    t = diproses(pengunjung, petugas)
    p = usulkan(t, petugas, ALASAN, REKENING)
    tolak(p, supervisor, "Data tersedia di tingkat kecamatan; serahkan saja.")
    pemohon = klien_untuk(pengunjung).get(t.get_absolute_url()).text
    assert "diusulkan" not in pemohon and "kecamatan" not in pemohon and ALASAN not in pemohon
    petugas_ = klien_untuk(petugas).get(reverse("transaksi:periksa_detail", args=[t.nomor])).text
    assert "Pengembalian PNBP Rp50.000 diusulkan" in petugas_ and "serahkan saja" in petugas_

    # Once approved, the refund and its reason are the visitor's to read.
    setujui(usulkan(t, petugas, ALASAN, REKENING), supervisor)
    pemohon = klien_untuk(pengunjung).get(t.get_absolute_url()).text
    assert ALASAN in pemohon and "kecamatan" not in pemohon


def test_usulan_supervisor_satu_satunya_sampai_ke_pengawas_provinsi(
    pengunjung, petugas, kota, pengawas, django_capture_on_commit_callbacks
):
    """An office whose only supervisor proposed the refund (with an officer's
    rights) has nobody of its own to approve it: the proposal was e-mailed
    to that supervisor alone, so it waited forever and the product with it.
    The province supervisors, who decide in every office, are told instead."""
    satu_satunya = buat_pengguna("supervisor1771@bps.go.id", "Supervisor", kantor=kota)
    t = diproses_di(kota, pengunjung, petugas)
    with django_capture_on_commit_callbacks(execute=True):
        p = usulkan(t, satu_satunya, ALASAN, REKENING)
    assert [m.to for m in mail.outbox] == [[pengawas.email]]
    assert setujui(p, pengawas).status == P.DISETUJUI


def test_usulan_di_admin_bernama_nomor_transaksinya(pengunjung, petugas, bendahara, klien_untuk):
    """A proposal has no letter number yet: the back office named it by the
    transaction's database id ("Usulan pengembalian 7"), a number nobody
    else uses; it is named by the transaction's number."""
    t = diproses(pengunjung, petugas)
    Transaksi.objects.filter(pk=t.pk).update(nomor="PST-1700-2026-000042")
    t.refresh_from_db()
    p = usulkan(t, petugas, ALASAN, REKENING)
    halaman = klien_untuk(bendahara).get(reverse("admin:transaksi_pengembalian_change", args=[p.pk])).text
    assert "Usulan pengembalian PST-1700-2026-000042" in halaman
    assert f"Usulan pengembalian {t.pk}<" not in halaman


def test_usulan_kedua_dari_tab_lama_dengan_isian_kosong_dijelaskan(pengunjung, petugas, klien_untuk):
    """A second tab still showed the refund proposal form after the first tab
    proposed it; sent there with the reason left blank, the refusal came on
    a 400 page where the form no longer stands, so its message showed nowhere.
    The officer is brought back to the page and told the form no longer
    applies; nothing is saved."""
    t = diproses(pengunjung, petugas)
    usulkan(t, petugas, ALASAN, REKENING)
    klien = klien_untuk(petugas)
    usul = reverse("transaksi:pengembalian_usulkan", args=[t.nomor])
    respons = klien.post(usul, {"alasan": "", "nama_rekening": "Ani", "nomor_rekening": "0123", "nama_bank": "BRI"})
    assert respons.status_code == 302
    isi = klien.get(respons["Location"]).content.decode()
    assert "Formulir itu tidak berlaku lagi" in isi and "tab lain" in isi
    assert Pengembalian.objects.filter(transaksi=t).count() == 1


def test_isian_salah_pada_panel_yang_tampak_tetap_di_halaman(pengunjung, petugas, klien_untuk):
    """While the proposal form still stands, a blank reason keeps the page with
    the typed account and the field's error (400), not a redirect."""
    t = diproses(pengunjung, petugas)
    usul = reverse("transaksi:pengembalian_usulkan", args=[t.nomor])
    data = {"alasan": "", "nama_rekening": "Ani Tertulis", "nomor_rekening": "0123", "nama_bank": "BRI"}
    respons = klien_untuk(petugas).post(usul, data)
    assert respons.status_code == 400 and 'value="Ani Tertulis"' in respons.text
    assert "Formulir itu tidak berlaku lagi" not in respons.text


def test_penolakan_usulan_sendiri_tidak_disurelkan_kepada_penolaknya(pengunjung, django_capture_on_commit_callbacks):
    """A supervisor who also serves as officer proposed a refund and then
    refused it: the refusal was e-mailed to them, telling them what they had
    just decided. Nobody else handles the transaction, so no e-mail goes; the
    history keeps the refusal."""
    from django.contrib.auth.models import Group

    from conftest import buat_pengguna
    from pst_layanan.roles import PETUGAS, SUPERVISOR

    rangkap = buat_pengguna("rangkap@bps.go.id", SUPERVISOR)
    rangkap.groups.add(Group.objects.get(name=PETUGAS))
    t = diproses(pengunjung, rangkap)
    p = usulkan(t, rangkap, ALASAN, REKENING)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tolak(p, rangkap, "Data masih bisa disiapkan.")
    assert [m.to for m in mail.outbox] == []
    assert t.riwayat.filter(catatan="Usulan pengembalian PNBP ditolak: Data masih bisa disiapkan.").exists()


def test_persetujuan_sampai_ke_petugas_pengusul(pengunjung, petugas, supervisor, django_capture_on_commit_callbacks):
    """The proposing officer hears of the approval as of a refusal: the
    transaction is closed, so they stop preparing its product."""
    t = diproses(pengunjung, petugas)
    p = usulkan(t, petugas, ALASAN, REKENING)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        setujui(p, supervisor)
    [m] = [m for m in mail.outbox if petugas.email in m.to]
    assert m.subject == f"[{t.nomor}] Usulan pengembalian PNBP disetujui"
    assert f"Disetujui oleh {supervisor.nama_lengkap}" in m.body and "tidak perlu diserahkan" in m.body
