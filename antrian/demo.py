"""Demo data: service B served at Loket 1 and 2, and, during service hours,
a few of today's visits so the desk, counter and display show something."""

from django.utils import timezone

from antrian import services
from antrian.models import Layanan, Loket, Tiket
from pst_layanan import kalender
from pst_layanan.models import Pengguna
from pst_layanan.sop import KODE_LAYANAN_BERBAYAR

TAMU_DEMO = ["pengunjung@demo.pst", "peneliti@demo.pst", "swasta@demo.pst"]


def isi_demo(stdout):
    layanan, _ = Layanan.objects.get_or_create(
        kode=KODE_LAYANAN_BERBAYAR, defaults={"nama": "Produk Statistik Berbayar", "urutan": 1}
    )
    for nomor in (1, 2):
        loket, _ = Loket.objects.get_or_create(nomor=nomor)
        loket.layanan.add(layanan)
    stdout.write("antrian: layanan B, Loket 1 dan Loket 2.")
    if not kalender.dalam_jam_layanan(timezone.now()):
        stdout.write("antrian: di luar jam layanan, tiket demo hari ini tidak dibuat.")
        return
    if Tiket.objects.hari_ini().exists():
        return
    resepsionis = Pengguna.objects.get(email="resepsionis@demo.pst")
    petugas = Pengguna.objects.get(email="petugas@demo.pst")
    tiket = [
        services.kunjungan_langsung(resepsionis, layanan, pengunjung=Pengguna.objects.get(email=e), keperluan="Demo")
        for e in TAMU_DEMO
    ]
    loket1 = Loket.objects.get(nomor=1)
    services.panggil(tiket[0], loket1, petugas)
    services.mulai_layani(tiket[0], loket1, petugas)
    services.selesai(tiket[0], loket1, petugas, "penjelasan", "Dijelaskan tarif PNBP publikasi.")
    services.panggil_berikutnya(loket1, petugas)
    stdout.write(f"antrian: {len(tiket)} kunjungan demo hari ini (B-001 selesai, B-002 dipanggil di Loket 1).")
