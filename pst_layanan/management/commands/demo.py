"""Demo data for a local run: one account per role and a few visitors.

Each app may add its own demo data in `<app>/demo.py` with a function
`isi_demo(stdout)`; they run in INSTALLED_APPS order. Safe to run twice.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from pst_layanan.kantor import isi_kantor_provinsi
from pst_layanan.models import Kantor, Pengguna
from pst_layanan.roles import BENDAHARA, PENGAWAS_PROVINSI, PETUGAS, RESEPSIONIS, SUPERVISOR

# Demo passwords are for a local laptop run only; the command refuses DEBUG=0.
AKUN_DEMO = [
    ("supervisor@demo.pst", "Rina Supervisor", SUPERVISOR, "demo-supervisor"),
    ("petugas@demo.pst", "Budi Petugas", PETUGAS, "demo-petugas"),
    ("petugas2@demo.pst", "Sari Petugas", PETUGAS, "demo-petugas"),
    ("resepsionis@demo.pst", "Dewi Resepsionis", RESEPSIONIS, "demo-resepsionis"),
    ("bendahara@demo.pst", "Lina Bendahara", BENDAHARA, "demo-bendahara"),
    ("provinsi@demo.pst", "Hendra Pengawas Provinsi", PENGAWAS_PROVINSI, "demo-provinsi"),
    ("supervisor1771@demo.pst", "Tari Supervisor Kota", SUPERVISOR, "demo-supervisor"),
    ("petugas1771@demo.pst", "Yudi Petugas Kota", PETUGAS, "demo-petugas"),
    ("resepsionis1771@demo.pst", "Nia Resepsionis Kota", RESEPSIONIS, "demo-resepsionis"),
    ("pengunjung@demo.pst", "Andi Mahasiswa", None, "demo-pengunjung"),
    ("peneliti@demo.pst", "Maya Peneliti", None, "demo-pengunjung"),
    ("swasta@demo.pst", "Joko Konsultan", None, "demo-pengunjung"),
]

BIODATA_DEMO = {
    "pengunjung@demo.pst": {
        "kategori_instansi": "pendidikan",
        "nama_instansi": "Universitas Bengkulu",
        "pekerjaan": "pelajar",
        "pendidikan": "sma",
        "jenis_kelamin": "L",
        "tahun_lahir": 2003,
    },
    "peneliti@demo.pst": {
        "kategori_instansi": "pendidikan",
        "nama_instansi": "Universitas Bengkulu",
        "pekerjaan": "peneliti",
        "pendidikan": "s2",
        "jenis_kelamin": "P",
        "tahun_lahir": 1988,
    },
    "swasta@demo.pst": {
        "kategori_instansi": "swasta",
        "nama_instansi": "PT Data Nusantara",
        "pekerjaan": "swasta",
        "pendidikan": "s1",
        "jenis_kelamin": "L",
        "tahun_lahir": 1990,
        "npwp": "012345678901234",
    },
}


def baris_akun(email, peran, sandi) -> str:
    """One demo account as the command and the launcher print it."""
    return f"{peran or 'Pengunjung':<18} {email:<24} kata sandi: {sandi}"


class Command(BaseCommand):
    help = "Isi data demo: akun per peran dan beberapa pengunjung (hanya untuk DEBUG=1)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Data demo hanya untuk pengembangan lokal (DEBUG=1).")
        with transaction.atomic():
            isi_kantor_provinsi()
            for akun in AKUN_DEMO:
                self._akun(*akun)
            # The Kota Bengkulu office's own staff; the others work at the provincial office.
            kota = Kantor.objects.get(kode="1771")
            for user in Pengguna.objects.filter(email__endswith="1771@demo.pst"):
                user.kantor.add(kota)
            for app in apps.get_app_configs():
                try:
                    modul = import_module(f"{app.name}.demo")
                except ModuleNotFoundError:
                    continue
                modul.isi_demo(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"\nAkun demo (buka {settings.SITE_URL}/):"))
        for email, _nama, peran, sandi in AKUN_DEMO:
            self.stdout.write(f"  {baris_akun(email, peran, sandi)}")

    def _akun(self, email, nama, peran, sandi):
        user, baru = Pengguna.objects.get_or_create(
            email=email,
            defaults=dict(
                nama_lengkap=nama,
                email_terverifikasi=True,
                telepon="081234567890",
                is_staff=peran is not None,
                persetujuan_privasi_pada=timezone.now(),
                **BIODATA_DEMO.get(email, {}),
            ),
        )
        if baru:
            user.set_password(sandi)
            user.save()
        if peran:
            user.groups.add(Group.objects.get(name=peran))
