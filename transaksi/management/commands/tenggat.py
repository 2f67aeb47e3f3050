"""Run a deadline job by hand: `manage.py tenggat eskalasi` (or `semua`).

The same services beat runs every 10 minutes; safe to run at any time, twice,
or while beat runs (each row is claimed once).
"""

from django.core.management.base import BaseCommand

from transaksi import tenggat

# `semua` recomputes first: a reminder, escalation or auto-close then goes by the
# deadlines of today's calendar, not by ones a calendar change has moved.
JOB_AWAL = {"hitung-ulang": ("batas waktu dihitung ulang", tenggat.hitung_ulang)}
JOB = {
    "pengingat": ("pengingat batas waktu", tenggat.pengingat),
    "eskalasi": ("eskalasi", tenggat.eskalasi),
    "tagihan": ("tagihan kedaluwarsa", tenggat.tagihan_kedaluwarsa),
}


def daftarkan(nama: str, label: str, fungsi) -> None:
    """A later app adds its deadline job here (penilaian: the rating jobs), so
    this app need not know it exists."""
    JOB[nama] = (label, fungsi)


def semua_job() -> dict:
    return {**JOB_AWAL, **JOB}


class Command(BaseCommand):
    help = "Menjalankan tugas tenggat SOP (pengingat, eskalasi, tagihan kedaluwarsa, penilaian, hitung ulang)."

    def add_arguments(self, parser):
        parser.add_argument(
            "job",
            choices=[*semua_job(), "semua"],
            help="tugas yang dijalankan; semua: setiap tugas, hitung ulang lebih dulu",
        )
        parser.add_argument(
            "--sampai-habis",
            action="store_true",
            help="ulangi selama satu jalan penuh (BATAS_PER_JALAN baris), sampai tunggakan habis",
        )

    def handle(self, job, sampai_habis=False, **options):
        jobs = semua_job()
        for nama in jobs if job == "semua" else [job]:
            label, fungsi = jobs[nama]
            total = 0
            while True:
                n = len(fungsi())
                total += n
                if not (sampai_habis and nama != "hitung-ulang" and n >= tenggat.BATAS_PER_JALAN):
                    break
            self.stdout.write(f"{nama}: {total} {label}")
