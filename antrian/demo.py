"""Demo data: service B served at Loket 1 and 2; a walk-in whose arrival
was recorded 11 minutes before its ticket (a step-3 case past the 10-minute
standard on the supervisor's dashboard); and, during service hours, a few of
today's visits so the desk, counter and display show something."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from antrian import services
from antrian.bukutamu import IsianBukuTamu, buat_kunjungan
from antrian.models import (
    HasilKunjungan,
    Kanal,
    Kedatangan,
    Layanan,
    Loket,
    RiwayatTiket,
    StatusTiket,
    Tiket,
)
from pst_layanan import kalender
from pst_layanan.models import Kantor, Pengguna, kantor_bawaan
from pst_layanan.sop import KODE_LAYANAN_BERBAYAR, LANGKAH, SOP

KEPERLUAN_KASUS = "Demo: lama di meja"
# Each demo visitor's guest-book answers, as the desk records them.
TAMU_DEMO = {
    "pengunjung@demo.pst": ("Data kemiskinan untuk skripsi", IsianBukuTamu("tugas", ("perpustakaan",), "langsung")),
    "peneliti@demo.pst": (
        "Mikrodata Susenas untuk penelitian",
        IsianBukuTamu("penelitian", ("konsultasi", "berbayar"), "langsung"),
    ),
    "swasta@demo.pst": ("Data PDRB untuk studi kelayakan usaha", IsianBukuTamu("komersial", ("berbayar",), "langsung")),
}


def isi_demo(stdout):
    layanan, _ = Layanan.objects.get_or_create(
        kode=KODE_LAYANAN_BERBAYAR, defaults={"nama": "Produk Statistik Berbayar", "urutan": 1}
    )
    # Two counters at the provincial office, one at each other office of the province.
    for k in Kantor.objects.all():
        for nomor in (1, 2) if k.pk == kantor_bawaan() else (1,):
            loket, _ = Loket.objects.get_or_create(kantor=k, nomor=nomor)
            loket.layanan.add(layanan)
    stdout.write("antrian: layanan B, Loket 1 dan 2 di kantor provinsi, Loket 1 di kantor lain.")
    _registrasi_lewat_standar(layanan, stdout)
    if not services.antrian_buka():
        stdout.write("antrian: di luar jam layanan, tiket demo hari ini tidak dibuat.")
        return
    if Tiket.objects.hari_ini().exclude(kunjungan__keperluan=KEPERLUAN_KASUS).exists():
        return
    resepsionis = Pengguna.objects.get(email="resepsionis@demo.pst")
    petugas = Pengguna.objects.get(email="petugas@demo.pst")
    tiket = [
        services.kunjungan_langsung(
            resepsionis, layanan, pengunjung=Pengguna.objects.get(email=e), keperluan=keperluan, isian=isian
        )
        for e, (keperluan, isian) in TAMU_DEMO.items()
    ]
    loket1 = Loket.objects.get(kantor=kantor_bawaan(), nomor=1)
    services.panggil(tiket[0], loket1, petugas)
    services.mulai_layani(tiket[0], loket1, petugas)
    services.selesai(tiket[0], loket1, petugas, "penjelasan", "Dijelaskan tarif PNBP publikasi.")
    dipanggil = services.panggil_berikutnya(loket1, petugas)
    stdout.write(
        f"antrian: {len(tiket)} kunjungan demo hari ini "
        f"({tiket[0].kode} selesai, {dipanggil.kode} dipanggil di Loket 1)."
    )


def _hari_kasus() -> datetime:
    """The opening of today if it opened at least half an hour ago, else of
    the previous working day: a finished morning visit, in the past."""
    hari = timezone.localdate()
    while True:
        jam = kalender.jam_layanan(hari)
        if jam:
            buka = datetime.combine(hari, jam[0], tzinfo=kalender.WIB)
            if buka + timedelta(minutes=30) <= timezone.now():
                return buka
        hari -= timedelta(days=1)


def _registrasi_lewat_standar(layanan, stdout):
    """A finished walk-in recorded as history: arrival ("Tamu datang") at the
    opening, ticket 11 minutes later, served for 15 minutes."""
    tiba = _hari_kasus()
    hari = tiba.date()
    if Kedatangan.objects.filter(tanggal=hari, kunjungan__keperluan=KEPERLUAN_KASUS).exists():
        return
    resepsionis = Pengguna.objects.get(email="resepsionis@demo.pst")
    petugas = Pengguna.objects.get(email="petugas@demo.pst")
    # One minute past the standard, so the dashboard counts a breach of step 3.
    lama = SOP.registrasi + timedelta(minutes=1)
    diambil = tiba + lama
    dipanggil, selesai = diambil + timedelta(minutes=2), diambil + timedelta(minutes=17)
    with transaction.atomic():
        kunjungan = buat_kunjungan(
            Pengguna.objects.get(email="swasta@demo.pst"),
            TAMU_DEMO["swasta@demo.pst"][1],
            layanan=layanan,
            kanal=Kanal.LANGSUNG,
            keperluan=KEPERLUAN_KASUS,
            tiba_pada=tiba,
            dicatat_oleh=resepsionis,
            hasil=HasilKunjungan.PENJELASAN,
            petugas=petugas,
            selesai_pada=selesai,
        )
        nomor = (
            Kedatangan.objects.filter(tanggal=hari).order_by("-nomor").values_list("nomor", flat=True).first() or 0
        ) + 1
        Kedatangan.objects.create(
            tanggal=hari, nomor=nomor, tiba_pada=tiba, dicatat_oleh=resepsionis, kunjungan=kunjungan
        )
        tiket = Tiket.objects.create(
            kunjungan=kunjungan,
            layanan=layanan,
            tanggal=hari,
            nomor=services.nomor_berikutnya(layanan, hari, kantor_bawaan()),
            status=StatusTiket.SELESAI,
            loket=Loket.objects.get(kantor=kantor_bawaan(), nomor=1),
            diambil_pada=diambil,
            dipanggil_pada=dipanggil,
            mulai_pada=dipanggil,
            selesai_pada=selesai,
        )
        # The whole history a served ticket has, as the counter's services write it.
        A, S, di_loket = RiwayatTiket.Aksi, StatusTiket, (tiket.loket, petugas)
        RiwayatTiket.objects.bulk_create(
            RiwayatTiket(tiket=tiket, aksi=aksi, kode_tiket=tiket.kode, dari=dari, ke=ke, waktu=w, loket=lok, oleh=o)
            for aksi, dari, ke, w, (lok, o) in (
                (A.AMBIL, "", S.MENUNGGU, diambil, (None, None)),
                (A.PANGGIL, S.MENUNGGU, S.DIPANGGIL, dipanggil, di_loket),
                (A.MULAI, S.DIPANGGIL, S.DILAYANI, dipanggil, di_loket),
                (A.SELESAI, S.DILAYANI, S.SELESAI, selesai, di_loket),
            )
        )
    stdout.write(
        f"antrian: {tiket.kode} ({hari:%d-%m-%Y}) tiba {tiba:%H.%M}, tiket {SOP.menit(lama)} menit kemudian "
        f"(langkah {LANGKAH.registrasi} > {SOP.menit(SOP.registrasi)} menit)."
    )
