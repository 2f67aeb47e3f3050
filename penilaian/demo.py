"""Demo ratings for a local run (`manage.py demo`, after the transaksi demo):
the demo transactions planned to end "selesai" are rated by their visitor, so
the supervisor's dashboard has an IKM. Safe to run twice: a transaction
already rated or closed is left alone."""

from __future__ import annotations

from penilaian.services import beri_penilaian
from transaksi.demo import RENCANA
from transaksi.models import Status, Transaksi

# A demo visitor's rating (SKM, 1–4 per element).
SKOR_DEMO = {"U1": 4, "U2": 3, "U3": 3, "U4": 4, "U5": 4, "U6": 4, "U7": 4, "U8": 3, "U9": 3}


def isi_demo(stdout) -> None:
    dinilai = 0
    for email, keperluan, _kelas, _item, tujuan in RENCANA:
        if tujuan != Status.SELESAI:
            continue
        for t in Transaksi.objects.filter(pemohon__email=email, keperluan=keperluan, status=Status.DISERAHKAN):
            beri_penilaian(t, t.pemohon, SKOR_DEMO, "Pelayanan cepat dan petugas ramah.")
            dinilai += 1
    stdout.write(f"Penilaian demo: {dinilai} diberikan.")
