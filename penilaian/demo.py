"""Demo ratings for a local run (`manage.py demo`, after the antrian and
transaksi demos): the demo transactions planned to end "selesai" are rated by
their visitor, so the supervisor's dashboard has an IKM; and today's finished
walk-in visit (B-001) is rated at the desk kiosk with the SKM respondent
profile, so the SKM recapitulation shows a profile. Safe to run twice: what is
rated or closed already is left alone."""

from __future__ import annotations

from antrian.demo import KEPERLUAN_KASUS
from antrian.models import StatusTiket, Tiket
from penilaian.models import Media
from penilaian.services import beri_penilaian, beri_penilaian_kunjungan
from transaksi.demo import RENCANA
from transaksi.models import Status, Transaksi

# A demo visitor's rating (SKM, 1–4 per element).
SKOR_DEMO = {"U1": 4, "U2": 3, "U3": 3, "U4": 4, "U5": 4, "U6": 4, "U7": 4, "U8": 3, "U9": 3}
SKOR_KIOS = {"u1": 4, "u2": 3, "u3": 4, "u4": 4, "u5": 3, "u6": 4, "u7": 4, "u8": 3, "u9": 3}
PROFIL_KIOS = {"jenis_kelamin": "L", "kelompok_umur": "u30", "pendidikan": "sma", "pekerjaan": "lainnya"}


def isi_demo(stdout) -> None:
    _nilai_transaksi(stdout)
    _nilai_kunjungan_di_kios(stdout)


def _nilai_transaksi(stdout) -> None:
    dinilai = 0
    for email, keperluan, _kelas, _item, tujuan in RENCANA:
        if tujuan != Status.SELESAI:
            continue
        for t in Transaksi.objects.filter(pemohon__email=email, keperluan=keperluan, status=Status.DISERAHKAN):
            beri_penilaian(t, t.pemohon, SKOR_DEMO, "Pelayanan cepat dan petugas ramah.", profil=PROFIL_KIOS)
            dinilai += 1
    stdout.write(f"Penilaian demo: {dinilai} diberikan.")


def _nilai_kunjungan_di_kios(stdout) -> None:
    selesai = Tiket.objects.hari_ini().filter(status=StatusTiket.SELESAI).exclude(kunjungan__keperluan=KEPERLUAN_KASUS)
    tiket = selesai.order_by("pk").first()
    if tiket is None or selesai.filter(kunjungan__penilaian__isnull=False).exists():
        return  # run again: the one demo rating is there already
    beri_penilaian_kunjungan(
        tiket.token, SKOR_KIOS, "Petugas menjelaskan dengan jelas.", media=Media.KIOS, profil=PROFIL_KIOS
    )
    stdout.write(f"penilaian: kunjungan tiket {tiket.kode} dinilai di kios, dengan profil responden.")
