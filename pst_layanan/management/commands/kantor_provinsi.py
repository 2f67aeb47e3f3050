"""Seed the PST offices of Bengkulu province (the provincial office and the
ten regency/city offices). Safe to run twice: existing offices keep their settings."""

from django.core.management.base import BaseCommand
from django.db import transaction

from pst_layanan.kantor import isi_kantor_provinsi


class Command(BaseCommand):
    help = "Isi 11 kantor PST se-Provinsi Bengkulu (kode dan nama wilayah BPS)."

    def handle(self, *args, **options):
        with transaction.atomic():
            hasil = isi_kantor_provinsi()
        for k, baru in hasil:
            self.stdout.write(f"  {k.kode}  {k.nama}{'  (baru)' if baru else ''}")
        self.stdout.write(
            self.style.SUCCESS(f"{sum(b for _, b in hasil)} kantor baru, {len(hasil)} kantor seluruhnya.")
        )
