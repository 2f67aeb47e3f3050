"""Request body limits: refused before the body is read, with a clear 413 page.

Bodies are streamed from generators (`Aliran`), never held in memory; the
stream counts what the application read and samples the upload temp folder
(named files and open unlinked ones) for the peak disk use while reading.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote
from wsgiref.util import is_hop_by_hop

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pst_layanan.berkas import nama_aman, validasi_dokumen
from pst_layanan.unggah import BATAS_BAWAAN, KELONGGARAN, MB
from tests import pabrik
from tests.transaksi.test_pembayaran import NTPN, diproses, menunggu_pembayaran

pytestmark = pytest.mark.django_db
BOUNDARY = "BATAS"


class Aliran:
    """A multipart body with one file of `ukuran` bytes, produced while it is read."""

    def __init__(self, ukuran: int, folder_sementara: Path, nama="bpn.pdf"):
        kepala = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="berkas"; filename="{nama}"\r\n'
            "Content-Type: application/pdf\r\n\r\n%PDF-"
        ).encode()
        self.panjang = len(kepala) + ukuran + len(f"\r\n--{BOUNDARY}--\r\n")
        self._bagian = self._hasilkan(kepala, ukuran)
        self._sisa = b""
        self.folder = folder_sementara
        self.dibaca = 0
        self.puncak_disk = 0

    @staticmethod
    def _hasilkan(kepala, ukuran):
        yield kepala
        potong = b"x" * (256 * 1024)
        for awal in range(0, ukuran - 5, len(potong)):
            yield potong[: min(len(potong), ukuran - 5 - awal)]
        yield f"\r\n--{BOUNDARY}--\r\n".encode()

    def read(self, size=-1):
        while size < 0 or len(self._sisa) < size:
            try:
                self._sisa += next(self._bagian)
            except StopIteration:
                break
        n = len(self._sisa) if size < 0 else size
        data, self._sisa = self._sisa[:n], self._sisa[n:]
        self.dibaca += len(data)
        self.puncak_disk = max(self.puncak_disk, pemakaian_disk(self.folder))
        return data

    readline = read


def pemakaian_disk(folder: Path) -> int:
    """Bytes in the folder: its files, plus files opened from it and already unlinked (temporary files)."""
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    for fd in os.listdir("/proc/self/fd"):
        try:
            tujuan = os.readlink(f"/proc/self/fd/{fd}")
            if tujuan.startswith(str(folder)) and tujuan.endswith("(deleted)"):
                total += os.stat(f"/proc/self/fd/{fd}").st_size
        except OSError:
            continue
    return total


@pytest.fixture
def folder_sementara(settings, tmp_path):
    folder = tmp_path / "unggah-sementara"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    return folder


def kirim(client, url, aliran: Aliran, panjang: int | None = None, **extra):
    """POST the stream; `panjang=None` sends it chunked (no Content-Length), as a WSGI server passes it."""
    environ = {
        **extra,
        "wsgi.input": aliran,
        "CONTENT_LENGTH": "" if panjang is None else str(panjang),
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
    }
    if panjang is None:
        environ["wsgi.input_terminated"] = True
    client.raise_request_exception = False
    return client.generic("POST", url, **environ)


def test_post_anonim_200_mb_ke_halaman_login_ditolak_tanpa_membaca_badan(client, folder_sementara):
    aliran = Aliran(200 * MB, folder_sementara)
    response = kirim(client, reverse("login"), aliran, aliran.panjang)
    assert response.status_code == 413
    html = response.content.decode()
    assert "Berkas terlalu besar" in html and "2,5 MB" in html
    assert aliran.dibaca == 0 and aliran.puncak_disk == 0


def test_batas_di_halaman_413_ditulis_dengan_pemisah_desimal_bahasa_pembaca(client, folder_sementara):
    aliran = Aliran(200 * MB, folder_sementara)
    response = kirim(client, reverse("login"), aliran, aliran.panjang, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 413 and "File too large" in html
    assert "<strong>2.5 MB</strong>" in html and "2,5" not in html


def test_post_anonim_200_mb_tanpa_panjang_dipotong_di_batas(client, folder_sementara):
    aliran = Aliran(200 * MB, folder_sementara)
    response = kirim(client, reverse("login"), aliran)
    assert response.status_code == 413
    assert aliran.dibaca <= BATAS_BAWAAN + KELONGGARAN + 256 * 1024, "dibaca hanya sampai batas"
    assert aliran.puncak_disk <= BATAS_BAWAAN + KELONGGARAN, f"tertulis ke disk {aliran.puncak_disk} byte"


@pytest.mark.urls("tests.keamanan.urls_unggah")
def test_badan_tanpa_panjang_di_bawah_batas_tetap_diterima(client, folder_sementara):
    response = kirim(client, "/unggah/", Aliran(MB // 2, folder_sementara))
    assert response.status_code == 200 and response.content.decode() == f"diterima {MB // 2} "


@pytest.mark.urls("tests.keamanan.urls_unggah")
def test_berkas_di_bawah_batas_diterima(client):
    berkas = SimpleUploadedFile("data.pdf", b"%PDF" + b"x" * (MB - 1004))
    response = client.post("/unggah/", {"berkas": berkas, "catatan": "ok"})
    assert response.status_code == 200
    assert response.content.decode() == f"diterima {MB - 1000} ok"


@pytest.mark.urls("tests.keamanan.urls_unggah")
def test_berkas_di_atas_batas_ditolak_413_dengan_pesan(client):
    response = client.post("/unggah/", {"berkas": SimpleUploadedFile("data.pdf", b"%PDF" + b"x" * (MB + KELONGGARAN))})
    assert response.status_code == 413
    html = response.content.decode()
    assert "Berkas terlalu besar" in html and "1 MB" in html
    assert response["Content-Security-Policy"]
    # A WSGI application never sends hop-by-hop headers (PEP 3333): the
    # development server answered "Connection: close" with a bare 500.
    assert not [nama for nama in response.headers if is_hop_by_hop(nama)]


@pytest.mark.urls("tests.keamanan.urls_unggah")
def test_berkas_melebihi_batas_dihentikan_saat_dibaca(client, folder_sementara, monkeypatch):
    """The announced length passes (a proxy rewrote it): the file bytes are counted and reading stops."""
    monkeypatch.setattr("pst_layanan.unggah.KELONGGARAN", 10 * MB)
    aliran = Aliran(3 * MB, folder_sementara)
    response = kirim(client, "/unggah/", aliran, aliran.panjang)
    assert response.status_code == 413
    assert aliran.dibaca < 1.5 * MB, "pembacaan berhenti dekat batas, tidak menghabiskan 3 MB"


@pytest.mark.urls("tests.keamanan.urls_unggah")
def test_csrf_tetap_diperiksa():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/unggah/", {"berkas": SimpleUploadedFile("a.pdf", b"%PDF-1")})
    assert response.status_code == 403


@pytest.mark.urls("tests.keamanan.urls_unggah")
def test_get_tidak_terpengaruh(client):
    assert client.get("/unggah/").content == b"formulir"


def test_unggah_persyaratan_30_mb_ditolak_sebelum_dibaca(pengunjung, klien_untuk, folder_sementara):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    aliran = Aliran(30 * MB, folder_sementara)
    response = kirim(
        klien_untuk(pengunjung), reverse("transaksi:dokumen_unggah", args=[t.nomor]), aliran, aliran.panjang
    )
    assert response.status_code == 413 and "10 MB" in response.content.decode()
    assert aliran.dibaca == 0
    assert not t.dokumen.exists()


def test_tautan_kembali_413_menuju_halaman_formulir_bukan_alamat_kirimannya(pengunjung, klien_untuk, folder_sementara):
    # The address the form posts to answers only POST: opened as a link it is the 405 page.
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    aliran = Aliran(30 * MB, folder_sementara)
    url = reverse("transaksi:dokumen_unggah", args=[t.nomor])
    halaman = f"http://testserver{t.get_absolute_url()}"
    response = kirim(klien_untuk(pengunjung), url, aliran, aliran.panjang, HTTP_REFERER=halaman)
    assert response.status_code == 413
    assert f'href="{t.get_absolute_url()}">Kembali ke formulir' in response.content.decode()


def test_tautan_kembali_413_tidak_menuju_situs_lain(client, folder_sementara):
    # A path starting with "//" is another site's address when written in a link.
    aliran = Aliran(3 * MB, folder_sementara)
    response = kirim(client, "/", aliran, aliran.panjang, PATH_INFO="//jahat.example/masuk/")
    assert response.status_code == 413
    assert "jahat.example" not in response.content.decode()


def test_bukti_3_mb_diterima_pengunjung_tetapi_halaman_biasa_tidak(pengunjung, petugas, klien_untuk, berkas_privat):
    t = menunggu_pembayaran(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    bpn = pabrik.berkas_pdf("bpn.pdf", pabrik.pdf_sebesar(3 * MB))
    assert klien.post(reverse("akun:profil"), {"berkas": bpn}).status_code == 413
    bpn.seek(0)
    response = klien.post(reverse("transaksi:bukti_kirim", args=[t.nomor]), {"ntpn": NTPN, "berkas": bpn})
    assert response.status_code == 302
    assert t.bukti_bayar.get().ukuran > 3 * MB


def test_batas_500_mb_pengiriman_hanya_untuk_petugas(pengunjung, petugas, klien_untuk, berkas_privat, folder_sementara):
    t = diproses(pengunjung, petugas)
    url = reverse("transaksi:serahkan", args=[t.nomor])
    aliran = Aliran(20 * MB, folder_sementara)
    assert kirim(klien_untuk(pengunjung), url, aliran, aliran.panjang).status_code == 413
    assert aliran.dibaca == 0
    produk = SimpleUploadedFile("wilkerstat.zip", b"PK" + b"z" * 3 * MB)
    response = klien_untuk(petugas).post(url, {"berkas": [produk], "catatan": ""})
    assert response.status_code == 302
    assert t.berkas_produk.get().ukuran == 3 * MB + 2


def test_berkas_kosong_di_antara_banyak_disebut_namanya(pengunjung, petugas, klien_untuk, berkas_privat):
    t = diproses(pengunjung, petugas)
    berkas = [
        SimpleUploadedFile("tabel-1.csv", b"kode,nama\n17,BENGKULU\n"),
        SimpleUploadedFile("tabel-2.csv", b""),
        SimpleUploadedFile("tabel-3.csv", b"kode,nama\n1771,KOTA BENGKULU\n"),
    ]
    response = klien_untuk(petugas).post(reverse("transaksi:serahkan", args=[t.nomor]), {"berkas": berkas})
    assert response.status_code == 400
    assert "tabel-2.csv: Berkas yang dikirimkan kosong." in response.content.decode()
    # The browser empties the box: the two good files, not saved either, are to be chosen again too.
    assert "Tidak ada berkas dari kiriman ini yang tersimpan; pilih lagi semua berkasnya." in (
        response.content.decode()
    )
    assert not t.berkas_produk.exists()


def test_berkas_sementara_dengan_ekstensi_250_karakter_bukan_500(client, folder_sementara):
    """Above 2 MB a file is spooled to a temporary file named after the sent
    extension; 250 characters of it are past what a file system holds."""
    aliran = Aliran(int(2.2 * MB), folder_sementara, nama="a." + "b" * 252)
    response = kirim(client, reverse("login"), aliran, aliran.panjang)
    assert response.status_code == 200
    assert "Masuk" in response.content.decode()


@pytest.mark.parametrize(
    ("dikirim", "disimpan"),
    [
        ("ü" * 120 + ".pdf", "ü" * 58 + ".pdf"),  # 120 characters are 240 bytes
        ("数据" * 43 + ".pdf", "数据" * 19 + ".pdf"),
        ("★★★", "berkas"),  # nothing left of the name
        ("KTP..pdf", "KTP..pdf"),
        ("a." + "b" * 252, "a." + "b" * 118),  # a long "extension" is just the name
    ],
)
def test_nama_aman_dalam_byte_sistem_berkas(dikirim, disimpan):
    assert nama_aman(dikirim) == disimpan
    assert len(nama_aman(dikirim).encode()) <= 120


def test_nama_dengan_titik_ganda_diterima_folder_ditolak():
    pdf = b"%PDF-1.4\n%%EOF\n"
    assert validasi_dokumen(SimpleUploadedFile("BPN..pdf", pdf, "application/pdf")).mime == "application/pdf"
    for nama in ("..", "../bpn.pdf", "a\\bpn.pdf"):
        berkas = SimpleUploadedFile("x", pdf, "application/pdf")
        berkas._name = nama  # as a crafted request sends it, past the checks of Django's own parser
        with pytest.raises(ValidationError, match="tidak boleh memuat folder"):
            validasi_dokumen(berkas)


def test_lebih_dari_100_berkas_sekali_kirim_dijelaskan(pengunjung, petugas, klien_untuk, berkas_privat, caplog):
    """Django takes at most DATA_UPLOAD_MAX_NUMBER_FILES (100) files in one
    request: an officer delivering 101 tables is told how many files one send
    takes and what to do instead, not the bare "Isian atau alamat yang dikirim
    tidak sah" page, and the administrators get no error alert."""
    t = diproses(pengunjung, petugas)
    berkas = [SimpleUploadedFile(f"tabel-{i}.csv", b"kode,nama\n17,BENGKULU\n") for i in range(101)]
    klien = klien_untuk(petugas)
    klien.raise_request_exception = False
    with caplog.at_level("ERROR"):
        response = klien.post(
            reverse("transaksi:serahkan", args=[t.nomor]),
            {"berkas": berkas},
            HTTP_REFERER=f"http://testserver{reverse('transaksi:serahkan', args=[t.nomor])}",
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Terlalu banyak berkas" in html and "<strong>100 berkas</strong>" in html and "ZIP" in html
    assert f'href="{reverse("transaksi:serahkan", args=[t.nomor])}"' in html
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    assert not t.berkas_produk.exists()


@pytest.mark.parametrize(
    ("nama", "isi", "unduhan"),
    [
        ("setup.exe.", b"MZ\x90\x00" + b"\x00" * 60, "setup.exe.bin"),
        ("halaman.html..", b"<html><script>alert(1)</script></html>", "halaman.html.bin"),
        ("skrip.js.★", b"\x00alert(1)", "skrip.js.bin"),
    ],
)
def test_nama_bertitik_di_ujung_tidak_lolos_sebagai_program_atau_halaman(
    nama, isi, unduhan, pengunjung, petugas, klien_untuk, berkas_privat
):
    """Windows drops a name's trailing dots when it saves a file: a product
    named "setup.exe." downloaded under that name would be saved as setup.exe,
    past the rule that a download is never a program or a page."""
    assert _unduhan_produk(nama, isi, pengunjung, petugas, klien_untuk) == f'attachment; filename="{unduhan}"'


@pytest.mark.parametrize(
    ("nama", "isi", "unduhan"),
    [
        ("peta.xht", b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>', "peta.xht.bin"),
        ("panduan.chm", b"ITSF\x03\x00\x00\x00`\x00\x00\x00", "panduan.chm.bin"),
        ("komponen.WSC", b'<?XML version="1.0"?><component><script>x</script></component>', "komponen.WSC.bin"),
        ("mulai.jnlp", b'<?xml version="1.0"?><jnlp codebase="http://x"></jnlp>', "mulai.jnlp.bin"),
    ],
)
def test_produk_bernama_halaman_atau_program_windows_diunduh_dengan_nama_aman(
    nama, isi, unduhan, pengunjung, petugas, klien_untuk, berkas_privat
):
    """An XHTML page, compiled help (its HTML runs script), a script component
    or a Java launcher opens or runs on a double click like a .html or .exe:
    the visitor saves it under a name that does neither."""
    assert _unduhan_produk(nama, isi, pengunjung, petugas, klien_untuk) == f'attachment; filename="{unduhan}"'


def _unduhan_produk(nama, isi, pengunjung, petugas, klien_untuk) -> str:
    """The Content-Disposition the visitor gets for a product file `nama` delivered with `isi`."""
    from transaksi.services import penyerahan

    t = penyerahan.serahkan_produk(diproses(pengunjung, petugas), petugas, [SimpleUploadedFile(nama, isi)])
    berkas = t.berkas_produk.get()
    response = klien_untuk(pengunjung).get(reverse("transaksi:produk", args=[t.nomor, berkas.pk]))
    assert response.status_code == 200
    return response["Content-Disposition"]


@pytest.mark.parametrize("nama", ["..", ".", "\x00", "a/..", "\x07"])
def test_nama_berkas_yang_habis_dibersihkan_dijelaskan(
    pengunjung, petugas, klien_untuk, berkas_privat, folder_sementara, nama
):
    """A file whose sent name is nothing once Django cleans it ("..", a NUL, only
    characters that do not print) is refused before the view with the upload
    refusals' page, 400, saying the name is not valid; the form never says no
    file was chosen for a file that was sent, and nothing is stored."""
    t = menunggu_pembayaran(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    url = reverse("transaksi:bukti_kirim", args=[t.nomor])
    aliran = Aliran(2000, folder_sementara, nama=nama)
    response = kirim(klien, url, aliran, aliran.panjang, HTTP_REFERER=f"http://testserver{t.get_absolute_url()}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nama berkas tidak sah" in html and "Ganti nama berkasnya" in html
    assert f'href="{t.get_absolute_url()}"' in html
    assert not t.bukti_bayar.exists()


def test_tanpa_berkas_dipilih_tetap_dijawab_formulir(pengunjung, petugas, klien_untuk, berkas_privat, folder_sementara):
    """A browser with no file chosen sends the part with an empty name: that is
    the form's to answer (the field is required), not a name refused."""
    t = menunggu_pembayaran(pengunjung, petugas)
    aliran = Aliran(5, folder_sementara, nama="")
    response = kirim(klien_untuk(pengunjung), reverse("transaksi:bukti_kirim", args=[t.nomor]), aliran, aliran.panjang)
    assert response.status_code == 400
    assert "Nama berkas tidak sah" not in response.content.decode()


@pytest.mark.parametrize("peran", ["pengunjung", "petugas"])
def test_unggah_setelah_sesi_berakhir_diminta_masuk_bukan_perkecil_berkas(
    peran, request, client, pengunjung, petugas, folder_sementara
):
    # A 3 MB requirement or a 20 MB delivery is within the page's limit for a
    # logged-in user; sent after the session ended it is not "over 2.5 MB".
    t = pabrik.transaksi_draf(pengunjung, dokumen=False) if peran == "pengunjung" else diproses(pengunjung, petugas)
    url = reverse("transaksi:dokumen_unggah" if peran == "pengunjung" else "transaksi:serahkan", args=[t.nomor])
    halaman = t.get_absolute_url() if peran == "pengunjung" else reverse("transaksi:serahkan", args=[t.nomor])
    aliran = Aliran((3 if peran == "pengunjung" else 20) * MB, folder_sementara)
    dokumen = t.dokumen.count()
    response = kirim(client, url, aliran, aliran.panjang, HTTP_REFERER=f"http://testserver{halaman}")
    isi = response.content.decode()
    assert response.status_code == 403
    assert aliran.dibaca == 0
    assert "2,5 MB" not in isi and "Perkecil berkas" not in isi
    assert "sesi Anda telah berakhir" in isi
    assert f'href="{reverse("login")}?next={quote(halaman, safe="/")}"' in isi
    assert t.dokumen.count() == dokumen and not t.berkas_produk.exists()


def test_unggah_di_atas_batas_halaman_setelah_sesi_berakhir_disebut_batasnya(client, pengunjung, folder_sementara):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    aliran = Aliran(30 * MB, folder_sementara)
    response = kirim(client, reverse("transaksi:dokumen_unggah", args=[t.nomor]), aliran, aliran.panjang)
    assert response.status_code == 413 and "10 MB" in response.content.decode()
    assert aliran.dibaca == 0


def test_badan_besar_tanpa_masuk_ke_halaman_biasa_tetap_413(client, folder_sementara):
    # A page that takes no upload from anyone: the size is the reason, logged in or not.
    aliran = Aliran(3 * MB, folder_sementara)
    response = kirim(client, reverse("login"), aliran, aliran.panjang)
    assert response.status_code == 413 and "2,5 MB" in response.content.decode()
