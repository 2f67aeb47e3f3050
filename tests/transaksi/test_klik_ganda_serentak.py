"""A double click on every button that moves a transaction along (two tabs,
a click repeated while the page loads): the posts arrive together, on their
own connections, and the move happens once, with one history row and one
e-mail per recipient; the other clicks get a message, never an error page."""

from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from antrian.models import Kunjungan
from conftest import buat_pengguna
from pst_layanan.models import Surel
from pst_layanan.roles import PETUGAS
from tests import pabrik
from tests.serentak import serentak
from tests.transaksi.test_kanal_bayar import kanal_kantor  # noqa: F401  (fixture)
from transaksi import selectors, services
from transaksi.models import RiwayatTransaksi, Status, Transaksi

SERENTAK = 3
KODE = "820260313000001"
NTPN = "0A1B2C3D4E5F6G7H"


def _klien(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def _klik_ganda(user, url, isian=dict):
    """Post `isian()` to `url` SERENTAK times at once as `user`; the responses."""
    klien = [_klien(user) for _ in range(SERENTAK)]
    sebelum = set(Surel.objects.values_list("pk", flat=True))
    hasil, galat = serentak(lambda i: klien[i].post(url, isian()), SERENTAK)
    assert galat == []
    assert all(r.status_code < 500 for r in hasil), [r.status_code for r in hasil]
    baru = Surel.objects.exclude(pk__in=sebelum)
    ganda = [k for k, n in Counter((tuple(s.penerima), s.subjek) for s in baru).items() if n > 1]
    assert ganda == [], ganda
    return hasil


def _riwayat_ke(t, ke) -> int:
    return RiwayatTransaksi.objects.filter(transaksi=t, jenis=RiwayatTransaksi.Jenis.STATUS, ke=ke).count()


def _url(nama, t) -> str:
    return reverse(f"transaksi:{nama}", args=[t.nomor])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_setiap_langkah_berbayar_sekali_meski_diklik_ganda_postgres(postgres_wajib, pengunjung, petugas, berkas_privat):
    t = pabrik.transaksi_draf(pengunjung)
    peta = {"produk": "peta-kabkota-desa", "uraian": "Peta desa Kota Bengkulu", "jumlah": "2"}
    _klik_ganda(pengunjung, _url("item_tambah", t), lambda: peta)
    assert t.item.filter(produk__kode="peta-kabkota-desa").count() == 1
    for jenis in selectors.dokumen_wajib(t):  # the map asks for one more
        services.unggah_dokumen(t, jenis, pabrik.berkas_pdf(f"{jenis.kode}.pdf"), pengunjung)
    _klik_ganda(pengunjung, _url("ajukan", t))
    assert _riwayat_ke(t, Status.DIAJUKAN) == 1

    _klik_ganda(petugas, _url("periksa_ambil", t))
    _klik_ganda(petugas, _url("periksa_lengkap", t))
    assert _riwayat_ke(t, Status.MENUNGGU_TAGIHAN) == 1

    kedaluwarsa = timezone.localtime(timezone.now() + timezone.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    isian_tagihan = {
        "kode_billing": KODE,
        "jumlah_billing": f"{Transaksi.objects.get(pk=t.pk).total:.0f}",
        "kedaluwarsa_pada": kedaluwarsa,
        "kanal": ["atm"],
    }
    _klik_ganda(petugas, _url("tagihan_terbitkan", t), lambda: isian_tagihan)
    assert _riwayat_ke(t, Status.MENUNGGU_PEMBAYARAN) == 1
    assert t.tagihan.count() == 1

    def bukti():
        berkas = SimpleUploadedFile("bpn.pdf", pabrik.PDF_MINIMAL, content_type="application/pdf")
        return {"ntpn": NTPN, "tanggal_bayar": timezone.localdate().isoformat(), "berkas": berkas}

    _klik_ganda(pengunjung, _url("bukti_kirim", t), bukti)
    assert t.bukti_bayar.count() == 1

    _klik_ganda(petugas, _url("bukti_verifikasi", t))
    assert _riwayat_ke(t, Status.DIPROSES) == 1

    def produk():
        return {"berkas": SimpleUploadedFile("susenas.csv", b"kode,nama\n17,BENGKULU\n"), "catatan": ""}

    _klik_ganda(petugas, _url("serahkan", t), produk)
    assert _riwayat_ke(t, Status.DISERAHKAN) == 1
    t.refresh_from_db()
    assert t.status == Status.DISERAHKAN
    assert Transaksi.objects.get(pk=t.pk).berkas_produk.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_formulir_baru_diklik_ganda_satu_draf_postgres(postgres_wajib, pengunjung):
    hasil = _klik_ganda(pengunjung, reverse("transaksi:baru"), pabrik.isian_transaksi)
    t = Transaksi.objects.get()
    assert {r.url for r in hasil} == {t.get_absolute_url()}
    assert t.item.count() == 1 and Kunjungan.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("kanal_kantor")
def test_tunai_pengembalian_dan_penilaian_sekali_meski_diklik_ganda_postgres(
    postgres_wajib, pengunjung, petugas, supervisor, bendahara, berkas_privat
):
    from penilaian.forms import cap_dibuka
    from penilaian.models import Penilaian
    from tests.penilaian.conftest import SEMUA_4
    from tests.transaksi.test_pembayaran import menunggu_pembayaran
    from transaksi.models import Kuitansi, Pengembalian
    from transaksi.services import penyerahan

    t = menunggu_pembayaran(pengunjung, petugas)
    _klik_ganda(bendahara, _url("kas_terima", t), lambda: {"jumlah_diterima": "50000"})
    assert Kuitansi.objects.filter(transaksi=t).count() == 1 and _riwayat_ke(t, Status.DIPROSES) == 1

    rekening = {"alasan": "Data tidak tersedia.", "nama_rekening": "Andi", "nomor_rekening": "0123456789"}
    _klik_ganda(petugas, _url("pengembalian_usulkan", t), lambda: {**rekening, "nama_bank": "BRI"})
    p = Pengembalian.objects.get(transaksi=t)
    _klik_ganda(supervisor, reverse("transaksi:pengembalian_setujui", args=[t.nomor, p.pk]))
    _klik_ganda(bendahara, reverse("transaksi:pengembalian_proses", args=[p.pk]), lambda: {"catatan": ""})
    p.refresh_from_db()
    assert p.status == Pengembalian.Status.DIPROSES and _riwayat_ke(t, Status.DIKEMBALIKAN) == 1

    lain = menunggu_pembayaran(pengunjung, petugas, kode="820260313000002")
    _klik_ganda(bendahara, _url("kas_terima", lain), lambda: {"jumlah_diterima": "50000"})
    berkas = SimpleUploadedFile("susenas.csv", b"kode\n17\n")
    penyerahan.serahkan_produk(Transaksi.objects.get(pk=lain.pk), petugas, [berkas])
    isian = {k: str(v) for k, v in SEMUA_4.items()}
    isian.update(umpan_balik="", dibuka=cap_dibuka(timezone.now() - timezone.timedelta(seconds=90)))
    _klik_ganda(pengunjung, reverse("penilaian:nilai_transaksi", args=[lain.nomor]), lambda: isian)
    assert Penilaian.objects.filter(transaksi=lain).count() == 1 and _riwayat_ke(lain, Status.SELESAI) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_minta_koreksi_item_dan_hapus_item_sekali_meski_diklik_ganda_postgres(
    postgres_wajib, pengunjung, petugas, berkas_privat
):
    t = pabrik.transaksi_draf(pengunjung)
    peta = {"produk": "peta-kabkota-desa", "uraian": "Peta desa Kota Bengkulu", "jumlah": "2"}
    _klien(pengunjung).post(_url("item_tambah", t), peta)
    item = t.item.get(produk__kode="peta-kabkota-desa")
    _klik_ganda(pengunjung, reverse("transaksi:item_hapus", args=[t.nomor, item.pk]))
    assert not t.item.filter(pk=item.pk).exists() and t.item.count() == 1

    t = services.nyatakan_lengkap(services.ajukan(t, pengunjung), petugas)
    _klik_ganda(petugas, _url("koreksi_item_buka", t), lambda: {"catatan": "Periksa jumlah halaman."})
    assert t.riwayat.filter(catatan__startswith="Petugas meminta Anda").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ambil_tugas_diklik_ganda_satu_catatan_penugasan_postgres(postgres_wajib, pengunjung, petugas):
    t = pabrik.transaksi_diajukan(pengunjung)
    _klik_ganda(petugas, _url("periksa_ambil", t))
    assert Transaksi.objects.get(pk=t.pk).petugas == petugas
    assert t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.PENUGASAN).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dua_petugas_mengambil_tugas_serentak_yang_kedua_tidak_mengambil_alih_diam_diam_postgres(
    postgres_wajib, pengunjung, petugas
):
    """Two officers open a request nobody handles and press "Ambil tugas" at
    the same moment: their page asked no "take over?" (nobody held it), so
    one takes it and the other is told who did, instead of silently taking
    it from a colleague who believes it is theirs."""
    t = pabrik.transaksi_diajukan(pengunjung)
    rekan = buat_pengguna("rekan@bps.go.id", PETUGAS)
    klien = [_klien(petugas), _klien(rekan)]
    hasil, galat = serentak(lambda i: klien[i].post(_url("periksa_ambil", t), {"pemegang_terlihat": ""}), 2)
    assert galat == [] and all(r.status_code == 302 for r in hasil)
    assert t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.PENUGASAN).count() == 1
    pemegang = Transaksi.objects.select_related("petugas").get(pk=t.pk).petugas
    assert pemegang in (petugas, rekan)
    kalah = klien[1] if pemegang == petugas else klien[0]
    pesan = [str(m) for m in kalah.get(_url("periksa_detail", t)).context["messages"]]
    assert any(f"baru saja diambil {pemegang.nama_lengkap}" in m for m in pesan), pesan
