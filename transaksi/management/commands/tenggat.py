"""Run a deadline job by hand: `manage.py tenggat eskalasi` (or `semua`).

The same services beat runs every 10 minutes; safe to run at any time, twice,
or while beat runs (each row is claimed once).
"""

from django.core.management.base import BaseCommand

from transaksi import tenggat

JOB = {
    "pengingat": ("pengingat batas waktu", tenggat.pengingat),
    "eskalasi": ("eskalasi", tenggat.eskalasi),
    "tagihan": ("tagihan kedaluwarsa", tenggat.tagihan_kedaluwarsa),
    "pengingat-penilaian": ("pengingat penilaian", tenggat.pengingat_penilaian),
    "tutup-otomatis": ("ditutup tanpa penilaian", tenggat.tutup_otomatis),
    "hitung-ulang": ("batas waktu dihitung ulang", tenggat.hitung_ulang),
}


class Command(BaseCommand):
    help = "Menjalankan tugas tenggat SOP (pengingat, eskalasi, tagihan kedaluwarsa, penilaian, hitung ulang)."

    def add_arguments(self, parser):
        parser.add_argument("job", choices=[*JOB, "semua"])
        parser.add_argument(
            "--sampai-habis",
            action="store_true",
            help="ulangi selama satu jalan penuh (BATAS_PER_JALAN baris), sampai tunggakan habis",
        )

    def handle(self, job, sampai_habis=False, **options):
        for nama in JOB if job == "semua" else [job]:
            label, fungsi = JOB[nama]
            total = 0
            while True:
                n = len(fungsi())
                total += n
                if not (sampai_habis and nama != "hitung-ulang" and n >= tenggat.BATAS_PER_JALAN):
                    break
            self.stdout.write(f"{nama}: {total} {label}")
