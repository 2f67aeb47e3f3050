"""Close the office day by hand: `manage.py tutup_hari`.

The same service beat runs daily after the close of service; safe to run at
any time, twice, or while beat runs (each ticket is claimed once).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from antrian import services
from pst_layanan.models import Kantor


class Command(BaseCommand):
    help = "Menutup hari layanan yang sudah berakhir: tiket dan janji temu yang masih terbuka diberi hasil akhir."

    def handle(self, *args, **options):
        sekarang = timezone.now()
        sampai = services.hari_tutup_per_kantor(sekarang)
        hasil = services.tutup_hari(sekarang)
        # The appointments closed are the confirmed ones missed and the requests
        # nobody decided (refused): not all of them are no-shows.
        self.stdout.write(
            f"Hari layanan sampai {self._hari(sampai)} ditutup: "
            f"{hasil['tiket']} tiket, {hasil['janji']} janji temu ditutup "
            "(tidak hadir, atau permintaan yang tidak diputuskan ditolak)."
        )

    @staticmethod
    def _hari(sampai) -> str:
        # Offices on different calendars or hours may have closed different days.
        if len(sampai) == 1:
            return f"{next(iter(sampai)):%d-%m-%Y}"
        kode = dict(Kantor.objects.values_list("pk", "kode"))
        return "; ".join(
            f"{hari:%d-%m-%Y} ({', '.join(sorted(kode[pk] for pk in ids))})" for hari, ids in sorted(sampai.items())
        )
