"""Every URL of the site, requested by every kind of user, answers as the
expected-access table (tests/keamanan/akses_url.py) says.

The URLs come from the URL configuration itself, so a new page cannot be
forgotten: a URL without an entry fails with a message saying where to add
it. URL parameters are real objects owned by visitor A (a delivered paid
transaction with its documents, invoice, proof, receipt, hand-over and
product file; a ticket; an appointment; a rating); visitor B owns nothing
and must never see them. One database set up, then GET only, role by role.
Every page stays under a ceiling of queries; every page of the back office
(each model's list and first row) also runs no more queries with more rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from antrian import services as antrian
from antrian.models import JanjiTemu, Layanan, Loket, RiwayatTiket, Tiket
from conftest import buat_pengguna
from penilaian.models import LaporanBulanan, Media, Penilaian
from penilaian.skm import KOLOM_SKOR
from pst_layanan import akun
from pst_layanan.models import Kantor, kantor_bawaan
from pst_layanan.roles import PENGAWAS_PROVINSI, PETUGAS
from tests import pabrik
from tests.keamanan.akses_url import AKSES, PARAMETER, PERAN, TIDAK_DIUJI
from tests.transaksi.test_pembayaran import diproses, isian
from tests.transaksi.test_pengembalian import REKENING
from transaksi import services
from transaksi.models import RiwayatTransaksi, Transaksi
from transaksi.services import pembayaran, pengembalian, penyerahan

pytestmark = pytest.mark.django_db

# A ceiling for every page, whoever asks: the per-page tests bound each page
# tightly; this one catches a new page with an N+1 before it has its own.
BATAS_QUERY_HALAMAN = 15
# The personal-data download reads each table of the person's data once
# (session, account, then one query per section and per part of a
# transaction), however much data there is: its count grows with the tables.
BATAS_QUERY_KHUSUS = {"akun:data_saya": 17}


@dataclass(frozen=True)
class Url:
    nama: str
    rute: str
    parameter: tuple[str, ...]


def semua_url() -> list[Url]:
    """Every named pattern, walking includes recursively (admin internals left out, its index kept)."""
    hasil: list[Url] = []

    def jalan(pola, ruang=(), awalan=""):
        for p in pola:
            if isinstance(p, URLResolver):
                ruang_baru = (*ruang, p.namespace) if p.namespace else ruang
                jalan(p.url_patterns, ruang_baru, awalan + str(p.pattern))
            elif isinstance(p, URLPattern):
                nama = ":".join((*ruang, p.name)) if p.name else None
                rute = awalan + str(p.pattern)
                if nama in TIDAK_DIUJI or (rute.startswith("admin/") and nama != "admin:index"):
                    continue
                hasil.append(Url(nama or f"<tanpa nama> {rute}", rute, tuple(p.pattern.regex.groupindex)))

    jalan(get_resolver().url_patterns)
    return hasil


def test_setiap_url_ada_di_tabel_akses():
    urls = semua_url()
    nama = {u.nama for u in urls}
    kurang = sorted(u.rute + f"  ({u.nama})" for u in urls if u.nama not in AKSES)
    assert not kurang, (
        "URL tanpa baris di tabel akses. Tambahkan ke AKSES di tests/keamanan/akses_url.py "
        f"(siapa boleh apa: {', '.join(PERAN)}), dan sumber parameternya ke PARAMETER bila perlu:\n  "
        + "\n  ".join(kurang)
    )
    usang = sorted(set(AKSES) - nama)
    assert not usang, f"Baris AKSES untuk URL yang sudah tidak ada (hapus dari tests/keamanan/akses_url.py): {usang}"


def _nilai_kios(tiket, umpan_balik: str = "") -> Penilaian:
    """The ticket's visitor rated its visit at the kiosk, every answer 3."""
    return Penilaian.objects.create(
        kunjungan=tiket.kunjungan,
        pengguna=tiket.kunjungan.pengunjung,
        kanal=tiket.kunjungan.kanal,
        media=Media.KIOS,
        layanan=tiket.layanan,
        dibuka_pada=timezone.now() - timedelta(minutes=1),
        dikirim_pada=timezone.now(),
        umpan_balik=umpan_balik,
        **dict.fromkeys(KOLOM_SKOR, 3),
    )


@pytest.fixture
def dunia(
    pengunjung, pengunjung_lain, resepsionis, petugas, supervisor, bendahara, berkas_privat, selalu_buka, monkeypatch
):
    """Everything the URLs need, owned by visitor A (`pengunjung`)."""
    # PDFs are rendered to HTML (templates run) but not laid out: this test is about who gets what.
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *a, **k: b"%PDF-1.4 uji akses")

    t = pabrik.transaksi_diajukan(pengunjung)
    t = services.nyatakan_lengkap(t, petugas)
    contoh = SimpleUploadedFile("contoh.csv", b"kode,nama\n17,BENGKULU\n")
    tagihan = pembayaran.terbitkan_tagihan(t, petugas, isian(), contoh)
    pembayaran.kirim_bukti_bayar(t, pengunjung, "0A1B2C3D4E5F6G7H", pabrik.berkas_pdf("bpn.pdf"))
    t = pembayaran.verifikasi_pembayaran(t, petugas)
    fisik = penyerahan.DataSerahTerima("cd", "Susenas Maret 2025 (CD)", pengunjung.nama_lengkap)
    t = penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas.csv", b"a,b\n1,2\n")], fisik)
    # A second paid transaction of A, refunded: the request letter.
    dikembalikan = diproses(pengunjung, petugas, "820260313000002", "0A1B2C3D4E5F6G7J")
    usulan = pengembalian.usulkan(dikembalikan, petugas, "Data tidak tersedia.", REKENING)
    usulan = pengembalian.setujui(usulan, supervisor)

    layanan = Layanan.objects.get(kode="B")
    loket, _ = Loket.objects.get_or_create(nomor=1)
    loket.layanan.add(layanan)
    tiket = antrian.kunjungan_langsung(resepsionis, layanan, pengunjung=pengunjung, keperluan="Konsultasi")
    janji = JanjiTemu.objects.create(
        pengunjung=pengunjung, layanan=layanan, waktu=timezone.now() + timedelta(days=1), keperluan="Data IPM"
    )
    nilai = _nilai_kios(tiket, umpan_balik="Antrean terlalu lama, mohon dihubungi.")
    laporan = LaporanBulanan.objects.create(
        bulan=timezone.localdate().replace(day=1), kantor_id=kantor_bawaan(), status="siap"
    )
    laporan.pdf.save("laporan.pdf", ContentFile(b"%PDF-1.4 laporan"))
    uidb64, token_sandi = akun.tautan_atur_sandi(pengunjung_lain).rstrip("/").split("/")[-2:]

    return {
        "peran": {
            "anonim": None,
            "pengunjung_a": pengunjung,
            "pengunjung_b": pengunjung_lain,
            "resepsionis": resepsionis,
            "petugas": petugas,
            "supervisor": supervisor,
            "bendahara": bendahara,
            "pengawas_provinsi": buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI),
        },
        "objek": {
            "nomor": t.nomor,
            "item": t.item.get().pk,
            "dokumen": t.dokumen.first().pk,
            "tagihan": tagihan.pk,
            "token_tagihan": tagihan.token,
            "bukti": t.bukti_bayar.get().pk,
            "serah_terima": t.serah_terima.get().pk,
            "berkas_produk": t.berkas_produk.get().pk,
            "pengembalian": usulan.pk,
            "tiket": tiket.pk,
            "kunjungan": tiket.kunjungan_id,
            "jenis_ekspor": "xlsx",
            "token_tiket": tiket.token,
            "loket": loket.pk,
            "janji": janji.pk,
            "pengunjung": pengunjung.pk,
            "penilaian": nilai.pk,
            "laporan": laporan.pk,
            "jenis_laporan": "pdf",
            "grafik": "kunjungan",
            "token_verifikasi": akun.token_verifikasi(pengunjung_lain),
            "uidb64": uidb64,
            "token_sandi": token_sandi,
        },
    }


def _alamat(url: Url, objek: dict) -> str:
    sumber = PARAMETER.get(url.nama, {})
    kurang = [p for p in url.parameter if p not in sumber and p not in objek]
    assert not kurang, (
        f"{url.nama}: parameter {kurang} tanpa sumber. Tambahkan ke PARAMETER di tests/keamanan/akses_url.py "
        "(nama objek milik pengunjung A yang dibuat di fixture `dunia`)."
    )
    return reverse(url.nama, kwargs={p: objek[sumber.get(p, p)] for p in url.parameter})


def kelas_jawaban(response) -> int | str:
    """200/403/404/405/410… as a number; a redirect to a login page (the site's or the
    admin's) is "login", another redirect "302"."""
    if response.status_code in (301, 302, 303, 307, 308):
        halaman_masuk = (resolve_url(settings.LOGIN_URL), reverse("admin:login"))
        return "login" if response.url.startswith(halaman_masuk) else "302"
    return response.status_code


def test_akses_setiap_url_untuk_setiap_peran(dunia, client):
    urls = [u for u in semua_url() if u.nama in AKSES]
    alamat = {u.nama: _alamat(u, dunia["objek"]) for u in urls}
    client.raise_request_exception = False
    salah, nyata = [], {}
    for i, (peran, user) in enumerate(dunia["peran"].items()):
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for u in urls:
            with CaptureQueriesContext(connection) as query:
                kelas = kelas_jawaban(client.get(alamat[u.nama]))
            nyata.setdefault(u.nama, []).append(kelas)
            if kelas != AKSES[u.nama][i]:
                salah.append(f"{peran:13} GET {alamat[u.nama]:60} → {kelas!r}, tabel: {AKSES[u.nama][i]!r}")
            batas = BATAS_QUERY_KHUSUS.get(u.nama, BATAS_QUERY_HALAMAN)
            if len(query) > batas:
                salah.append(f"{peran:13} GET {alamat[u.nama]:60} → {len(query)} query (> {batas})")
    tabel = "\n".join(f"    {n!r}: ({', '.join(map(repr, k))})," for n, k in nyata.items())
    assert not salah, "Akses tidak sesuai tabel:\n" + "\n".join(salah) + "\n\nYang terjadi:\n" + tabel


def halaman_admin() -> dict[str, str]:
    """Every list of the back office, and the page of each model's first row."""
    hasil = {}
    for model in admin.site._registry:
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        hasil[f"admin:{info}_changelist"] = reverse(f"admin:{info}_changelist")
        pertama = model._default_manager.order_by("pk").first()
        if pertama is not None:
            hasil[f"admin:{info}_change"] = reverse(f"admin:{info}_change", args=[pertama.pk])
    return hasil


def _baris_lagi(i: int, resepsionis, supervisor) -> None:
    """One more of every row the back office lists, each by its own visitor,
    officer and counter: a paid and delivered transaction, a refund, a ticket
    with its history, an arrival, a rating, an appointment, a report; and a
    history row more under the first transaction and ticket, whose pages are measured."""
    tamu = buat_pengguna(f"tamu{i}@contoh.id")
    petugas = buat_pengguna(f"petugas{i}@bps.go.id", PETUGAS)
    t = diproses(tamu, petugas, f"82026031320{i:04d}", f"0A1B2C3D4E5F{i:04d}")
    penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("data.csv", b"a,b\n1,2\n")])
    dikembalikan = diproses(tamu, petugas, f"82026031330{i:04d}", f"0A1B2C3D4E6F{i:04d}")
    pengembalian.setujui(pengembalian.usulkan(dikembalikan, petugas, "Data tidak tersedia.", REKENING), supervisor)
    layanan = Layanan.objects.get(kode="B")
    loket = Loket.objects.create(nomor=10 + i)
    loket.layanan.add(layanan)
    antrian.catat_kedatangan(resepsionis)
    tiket = antrian.kunjungan_langsung(resepsionis, layanan, pengunjung=tamu, keperluan="Konsultasi")
    antrian.panggil(tiket, loket, petugas)
    RiwayatTransaksi.objects.create(
        transaksi=Transaksi.objects.order_by("pk").first(), jenis=RiwayatTransaksi.Jenis.CATATAN, oleh=petugas
    )
    pertama = Tiket.objects.order_by("pk").first()
    RiwayatTiket.objects.create(
        tiket=pertama,
        aksi=RiwayatTiket.Aksi.PANGGIL,
        kode_tiket=pertama.kode,
        ke=pertama.status,
        loket=loket,
        oleh=petugas,
    )
    JanjiTemu.objects.create(pengunjung=tamu, layanan=layanan, waktu=timezone.now() + timedelta(days=1), keperluan="x")
    _nilai_kios(tiket)
    kantor = Kantor.objects.create(kode=f"18{i:02d}", nama=f"BPS Kabupaten {i}", email=f"pst18{i:02d}@bps.go.id")
    LaporanBulanan.objects.create(bulan=timezone.localdate().replace(day=1), kantor=kantor, status="siap")


def test_halaman_admin_tanpa_kueri_per_baris(dunia, client, resepsionis, supervisor):
    """Every list and row page of the back office runs as many queries with
    more rows, each naming its own visitor, officer, counter and office, as
    with one: no column or inline reads its rows one query each."""
    client.force_login(buat_pengguna("akar@bps.go.id", is_staff=True, is_superuser=True))
    halaman = halaman_admin()

    def ukur():
        jumlah = {}
        for nama, alamat in halaman.items():
            client.get(alamat)  # what a page caches is cached from here on
            with CaptureQueriesContext(connection) as query:
                assert client.get(alamat).status_code == 200, alamat
            jumlah[nama] = len(query)
        return jumlah

    awal = ukur()
    for i in range(2):
        _baris_lagi(i, resepsionis, supervisor)
    sesudah = ukur()
    bertambah = {nama: (awal[nama], sesudah[nama]) for nama in halaman if sesudah[nama] > awal[nama]}
    assert not bertambah, f"Kueri bertambah dengan jumlah baris (sebelum, sesudah): {bertambah}"
    terbanyak = {nama: n for nama, n in sesudah.items() if n > BATAS_QUERY_HALAMAN}
    assert not terbanyak, f"Halaman admin di atas {BATAS_QUERY_HALAMAN} kueri: {terbanyak}"
