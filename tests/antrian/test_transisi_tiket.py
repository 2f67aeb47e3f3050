"""Every move of a queue ticket goes through antrian.services and the one
TRANSISI table; illegal moves are refused in Indonesian and change nothing."""

from datetime import datetime

import pytest
import time_machine

from antrian import services
from antrian.models import HasilKunjungan, Kunjungan, RiwayatTiket, StatusTiket, Tiket
from conftest import buat_pengguna
from pst_layanan.kalender import WIB

pytestmark = pytest.mark.django_db


def potret(tiket):
    """What an illegal move must leave untouched."""
    tiket = Tiket.objects.get(pk=tiket.pk)
    k = Kunjungan.objects.get(pk=tiket.kunjungan_id)
    return (
        tiket.status,
        tiket.loket_id,
        tiket.nomor,
        tiket.layanan_id,
        tiket.dipanggil_pada,
        tiket.selesai_pada,
        k.hasil,
        k.petugas_id,
        RiwayatTiket.objects.filter(tiket=tiket).count(),
    )


def test_alur_lengkap_menunggu_dipanggil_dilayani_selesai(tiket_untuk, pengunjung, loket1, petugas):
    tiket = tiket_untuk(pengunjung)
    assert (tiket.kode, tiket.status) == ("B-001", StatusTiket.MENUNGGU)

    tiket = services.panggil_berikutnya(loket1, petugas)
    assert tiket.status == StatusTiket.DIPANGGIL and tiket.loket == loket1 and tiket.dipanggil_pada

    tiket = services.mulai_layani(tiket, loket1, petugas)
    assert tiket.status == StatusTiket.DILAYANI and tiket.mulai_pada

    tiket = services.selesai(tiket, loket1, petugas, HasilKunjungan.TRANSAKSI, "  Membuat transaksi publikasi.  ")
    assert tiket.status == StatusTiket.SELESAI and tiket.selesai_pada
    kunjungan = Kunjungan.objects.get(pk=tiket.kunjungan_id)
    assert kunjungan.hasil == HasilKunjungan.TRANSAKSI
    assert kunjungan.catatan == "Membuat transaksi publikasi."
    assert kunjungan.petugas == petugas and kunjungan.selesai_pada == tiket.selesai_pada
    riwayat = list(RiwayatTiket.objects.filter(tiket=tiket).values_list("aksi", "dari", "ke"))
    assert riwayat == [
        ("ambil", "", "menunggu"),
        ("panggil", "menunggu", "dipanggil"),
        ("mulai", "dipanggil", "dilayani"),
        ("selesai", "dilayani", "selesai"),
    ]


def test_panggil_ulang_lewati_dan_panggil_kembali_yang_terlewat(tiket_untuk, pengunjung, loket1, petugas):
    tiket = tiket_untuk(pengunjung)
    services.panggil_berikutnya(loket1, petugas)
    tiket = services.panggil_ulang(tiket, loket1, petugas)
    assert tiket.status == StatusTiket.DIPANGGIL
    tiket = services.lewati(tiket, loket1, petugas)
    assert tiket.status == StatusTiket.DILEWATI
    # The no-show turns up late: the counter calls them back.
    tiket = services.panggil_ulang(tiket, loket1, petugas)
    assert tiket.status == StatusTiket.DIPANGGIL
    aksi = list(RiwayatTiket.objects.filter(tiket=tiket).values_list("aksi", flat=True))
    assert aksi == ["ambil", "panggil", "panggil_ulang", "lewati", "panggil_ulang"]


@pytest.mark.parametrize(
    ("aksi", "pesan"),
    [
        ("selesai", "Tiket B-001 berstatus “Menunggu”, sehingga tidak dapat diselesaikan."),
        ("mulai", "Tiket B-001 berstatus “Menunggu”, sehingga tidak dapat mulai dilayani."),
        ("lewati", "Tiket B-001 berstatus “Menunggu”, sehingga tidak dapat dilewati."),
        ("ulang", "Tiket B-001 berstatus “Menunggu”, sehingga tidak dapat dipanggil ulang."),
    ],
)
def test_tiket_menunggu_tidak_bisa_diselesaikan_dan_sebagainya(tiket_untuk, pengunjung, loket1, petugas, aksi, pesan):
    tiket = tiket_untuk(pengunjung)
    sebelum = potret(tiket)
    fungsi = {
        "selesai": lambda: services.selesai(tiket, loket1, petugas, HasilKunjungan.LAINNYA),
        "mulai": lambda: services.mulai_layani(tiket, loket1, petugas),
        "lewati": lambda: services.lewati(tiket, loket1, petugas),
        "ulang": lambda: services.panggil_ulang(tiket, loket1, petugas),
    }[aksi]
    with pytest.raises(services.AntrianError) as info:
        fungsi()
    assert str(info.value) == pesan
    assert potret(tiket) == sebelum


def _tiket_selesai(tiket_untuk, pengunjung, loket, petugas):
    tiket = tiket_untuk(pengunjung)
    services.panggil_berikutnya(loket, petugas)
    services.mulai_layani(tiket, loket, petugas)
    return services.selesai(tiket, loket, petugas, HasilKunjungan.PENJELASAN)


def test_tiket_selesai_tidak_bisa_dipanggil_lagi(tiket_untuk, pengunjung, loket1, loket2, petugas):
    tiket = _tiket_selesai(tiket_untuk, pengunjung, loket1, petugas)
    sebelum = potret(tiket)
    for langkah in (
        lambda: services.panggil(tiket, loket2, petugas),
        lambda: services.panggil_ulang(tiket, loket1, petugas),
        lambda: services.mulai_layani(tiket, loket1, petugas),
        lambda: services.selesai(tiket, loket1, petugas, HasilKunjungan.LAINNYA),
        lambda: services.alihkan(tiket, tiket.layanan, petugas),
    ):
        with pytest.raises(services.AntrianError, match="berstatus “Selesai”"):
            langkah()
    assert potret(tiket) == sebelum


def test_dipanggil_tidak_bisa_langsung_selesai_dan_loket_lain_tidak_bisa_mengambil(
    tiket_untuk, pengunjung, loket1, loket2, petugas
):
    tiket = tiket_untuk(pengunjung)
    services.panggil_berikutnya(loket1, petugas)
    sebelum = potret(tiket)
    with pytest.raises(services.AntrianError, match="tidak dapat diselesaikan"):
        services.selesai(tiket, loket1, petugas, HasilKunjungan.LAINNYA)
    with pytest.raises(services.AntrianError, match="sedang ditangani Loket 1, bukan Loket 2"):
        services.mulai_layani(tiket, loket2, petugas)
    with pytest.raises(services.AntrianError, match="sudah dipanggil|berstatus “Dipanggil”"):
        services.panggil(tiket, loket2, petugas)
    assert potret(tiket) == sebelum


def test_selesai_tanpa_hasil_ditolak(tiket_untuk, pengunjung, loket1, petugas):
    tiket = tiket_untuk(pengunjung)
    services.panggil_berikutnya(loket1, petugas)
    services.mulai_layani(tiket, loket1, petugas)
    sebelum = potret(tiket)
    with pytest.raises(services.AntrianError, match="Pilih hasil kunjungan"):
        services.selesai(tiket, loket1, petugas, "")
    assert potret(tiket) == sebelum


def test_satu_loket_satu_tiket_aktif(tiket_untuk, pengunjung, pengunjung_lain, loket1, petugas):
    tiket_untuk(pengunjung)
    tiket_untuk(pengunjung_lain)
    services.panggil_berikutnya(loket1, petugas)
    with pytest.raises(services.AntrianError, match="Loket 1 masih menangani tiket B-001"):
        services.panggil_berikutnya(loket1, petugas)
    assert Tiket.objects.filter(status=StatusTiket.DIPANGGIL).count() == 1


def test_tidak_ada_antrian(loket1, petugas, selalu_buka):
    with pytest.raises(services.AntrianError, match="Tidak ada antrian yang menunggu untuk Loket 1"):
        services.panggil_berikutnya(loket1, petugas)


def test_alihkan_memberi_nomor_baru_di_layanan_tujuan_tanpa_kehilangan_giliran(
    tiket_untuk, pengunjung, pengunjung_lain, layanan_k, loket1, petugas
):
    loket_k = loket1  # Loket 1 serves both services
    loket_k.layanan.add(layanan_k)
    lebih_dulu = tiket_untuk(pengunjung)
    tiket_untuk(pengunjung_lain, layanan_k)  # K-001 arrived later
    services.panggil(lebih_dulu, loket1, petugas)
    tiket = services.alihkan(lebih_dulu, layanan_k, petugas, loket1)
    assert (tiket.kode, tiket.status, tiket.loket) == ("K-002", StatusTiket.MENUNGGU, None)
    assert Kunjungan.objects.get(pk=tiket.kunjungan_id).layanan == layanan_k
    assert RiwayatTiket.objects.filter(tiket=tiket, aksi="alihkan").get().catatan == "B-001 → K-002"
    # The transferred visitor keeps their arrival time: called before K-001.
    assert services.panggil_berikutnya(loket1, petugas).pk == tiket.pk
    # B-001 is never reused.
    assert tiket_untuk(pengunjung_lain).kode == "B-002"


def test_urutan_panggil_janji_temu_hadir_lebih_dulu(tiket_untuk, layanan_b, loket1, petugas, resepsionis):
    from antrian.models import JanjiTemu, StatusJanji

    a, b = buat_pengguna("a@contoh.id"), buat_pengguna("b@contoh.id")
    janji_user = buat_pengguna("janji@contoh.id")
    t1, t2 = tiket_untuk(a), tiket_untuk(b)
    from django.utils import timezone

    janji = JanjiTemu.objects.create(
        pengunjung=janji_user,
        layanan=layanan_b,
        waktu=timezone.now(),
        keperluan="Konsultasi mikrodata",
        status=StatusJanji.DIKONFIRMASI,
    )
    t_janji = services.checkin_janji(janji, resepsionis)
    assert t_janji.prioritas and t_janji.kode == "B-003"
    assert services.orang_di_depan(t_janji) == 0
    assert services.orang_di_depan(Tiket.objects.get(pk=t1.pk)) == 1
    assert services.orang_di_depan(Tiket.objects.get(pk=t2.pk)) == 2

    urutan = []
    for _ in range(3):
        t = services.panggil_berikutnya(loket1, petugas)
        urutan.append(t.kode)
        services.lewati(t, loket1, petugas)
    assert urutan == ["B-003", "B-001", "B-002"]


def test_pergantian_hari_mulai_lagi_dari_001(layanan_b, resepsionis, pengunjung):
    tamu = [pengunjung, *(buat_pengguna(f"tamu{i}@contoh.id") for i in range(2))]
    with time_machine.travel(datetime(2026, 4, 14, 10, 0, tzinfo=WIB), tick=False):
        kode = [services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=t).kode for t in tamu]
    assert kode == ["B-001", "B-002", "B-003"]
    with time_machine.travel(datetime(2026, 4, 15, 8, 0, tzinfo=WIB), tick=False):
        tiket = services.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
    assert (tiket.kode, str(tiket.tanggal)) == ("B-001", "2026-04-15")


def test_loket_lain_tidak_bisa_mengalihkan_tiket_yang_dipanggil_loket_ini(
    tiket_untuk, pengunjung, layanan_k, loket1, loket2, petugas
):
    # Loket 2's page still shows B-001 (it skipped it; Loket 1 then called it back):
    # its "Alihkan" must not pull the visitor away from Loket 1, who is calling them.
    loket2.layanan.add(layanan_k)
    tiket = tiket_untuk(pengunjung)
    services.panggil(tiket, loket2, petugas)
    services.lewati(tiket, loket2, petugas)
    services.panggil_ulang(tiket, loket1, petugas)
    sebelum = potret(tiket)
    with pytest.raises(services.AntrianError, match="sedang ditangani Loket 1, bukan Loket 2"):
        services.alihkan(tiket, layanan_k, petugas, loket2)
    services.mulai_layani(tiket, loket1, petugas)
    sebelum = potret(tiket)
    with pytest.raises(services.AntrianError, match="sedang ditangani Loket 1, bukan Loket 2"):
        services.alihkan(tiket, layanan_k, petugas, loket2)
    assert potret(tiket) == sebelum


def test_layanan_sebelum_dialihkan_tetap_terhitung_di_langkah_4(
    tiket_untuk, pengunjung, layanan_k, loket1, loket2, petugas
):
    """A visitor served 70 minutes at one counter, then sent to another
    service and served 10 more minutes there, was explained to for 80 minutes
    (SOP step 4: 1 hour), not 10: the second start must not erase the first
    service. The wait between the two is still nobody's explanation."""
    from penilaian import mutu
    from pst_layanan.periode import Bulan

    loket2.layanan.set([layanan_k])
    with time_machine.travel(datetime(2026, 4, 14, 9, 55, tzinfo=WIB), tick=False) as mesin:
        tiket = tiket_untuk(pengunjung)
        mesin.move_to(datetime(2026, 4, 14, 10, 0, tzinfo=WIB))
        services.panggil(tiket, loket1, petugas)
        services.mulai_layani(tiket, loket1, petugas)
        mesin.move_to(datetime(2026, 4, 14, 11, 10, tzinfo=WIB))
        services.alihkan(tiket, layanan_k, petugas, loket1)
        mesin.move_to(datetime(2026, 4, 14, 11, 30, tzinfo=WIB))
        services.panggil(tiket, loket2, petugas)
        services.mulai_layani(tiket, loket2, petugas)
        mesin.move_to(datetime(2026, 4, 14, 11, 40, tzinfo=WIB))
        services.selesai(tiket, loket2, petugas, HasilKunjungan.PENJELASAN)
    k = mutu.kepatuhan(mutu.PER_KODE["penjelasan"], Bulan(2026, 4))
    assert (k.kasus, k.dalam) == (1, 0)
    assert k.median == pytest.approx(80 * 60)
    assert k.pelanggaran[0].lewat == pytest.approx(20 * 60)
    kunjungan = Kunjungan.objects.select_related("tiket").get(pk=tiket.kunjungan_id)
    assert kunjungan.durasi_langkah()["mulai_selesai"].total_seconds() == 80 * 60


def test_migrasi_mengisi_layanan_sebelum_dialihkan_dari_riwayat(
    tiket_untuk, pengunjung, layanan_b, layanan_k, loket1, petugas
):
    """A ticket transferred while being served before the column existed gets
    its earlier service from its history: each transfer out of "being served"
    after the latest start before it (two transfers: both counted)."""
    import importlib

    from django.apps import apps

    migrasi = importlib.import_module("antrian.migrations.0019_tiket_dilayani_sebelum_dialihkan")
    loket1.layanan.add(layanan_k)
    with time_machine.travel(datetime(2026, 4, 14, 10, 0, tzinfo=WIB), tick=False) as mesin:
        tiket = tiket_untuk(pengunjung)
        lain = tiket_untuk(buat_pengguna("lain@contoh.id"))
        for menit, tujuan in ((30, layanan_k), (5, None)):
            services.panggil(tiket, loket1, petugas)
            services.mulai_layani(tiket, loket1, petugas)
            mesin.shift(menit * 60)
            services.alihkan(tiket, tujuan or layanan_b, petugas, loket1)
    Tiket.objects.update(detik_dilayani_sebelumnya=0)  # as stored before the column
    migrasi.isi_dari_riwayat(apps, None)
    assert Tiket.objects.get(pk=tiket.pk).detik_dilayani_sebelumnya == 35 * 60
    assert Tiket.objects.get(pk=lain.pk).detik_dilayani_sebelumnya == 0
