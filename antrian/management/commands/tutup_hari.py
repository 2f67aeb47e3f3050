"""Close the office day by hand: `manage.py tutup_hari`.

The same service beat runs daily after the close of service; safe to run at
any time, twice, or while beat runs (each ticket is claimed once).
"""

from django.core.management.base import BaseCommand

from antrian import services


class Command(BaseCommand):
    help = "Menutup hari layanan yang sudah berakhir: tiket dan janji temu yang masih terbuka diberi hasil akhir."

    def handle(self, *args, **options):
        hasil = services.tutup_hari()
        self.stdout.write(
            f"Hari layanan sampai {services.hari_tutup_terakhir():%d-%m-%Y} ditutup: "
            f"{hasil['tiket']} tiket, {hasil['janji']} janji temu tidak hadir."
        )
