"""Demo data: today's finished walk-in visit (B-001) rated at the desk kiosk
with the SKM respondent profile, so the SKM recapitulation shows a profile."""

from antrian.demo import KEPERLUAN_KASUS
from antrian.models import StatusTiket, Tiket
from penilaian.models import Media
from penilaian.services import beri_penilaian_kunjungan

SKOR_KIOS = {"u1": 4, "u2": 3, "u3": 4, "u4": 4, "u5": 3, "u6": 4, "u7": 4, "u8": 3, "u9": 3}
PROFIL_KIOS = {"jenis_kelamin": "L", "kelompok_umur": "u30", "pendidikan": "sma", "pekerjaan": "lainnya"}


def isi_demo(stdout):
    selesai = Tiket.objects.hari_ini().filter(status=StatusTiket.SELESAI).exclude(kunjungan__keperluan=KEPERLUAN_KASUS)
    tiket = selesai.order_by("pk").first()
    if tiket is None or selesai.filter(kunjungan__penilaian__isnull=False).exists():
        return  # run again: the one demo rating is there already
    beri_penilaian_kunjungan(
        tiket.token, SKOR_KIOS, "Petugas menjelaskan dengan jelas.", media=Media.KIOS, profil=PROFIL_KIOS
    )
    stdout.write(f"penilaian: kunjungan tiket {tiket.kode} dinilai di kios, dengan profil responden.")
