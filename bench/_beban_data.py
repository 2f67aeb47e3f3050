"""Seed data for bench/beban.py (run in a child process with its settings).

Prints one JSON line: the desk's service id, visitor ids, walk-in guest ids
(after seeding the past tickets, `_tiket_lampau`), and ready session
keys for receptionists and visitors (with their transaction numbers).
"""

import json
import os
import sys
from datetime import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pst_layanan.settings")

import django  # noqa: E402

django.setup()

import _tiket_lampau  # noqa: E402
from _bantu import kunci_sesi as sesi  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from antrian.models import Layanan  # noqa: E402
from pst_layanan.kantor import kantor  # noqa: E402
from pst_layanan.models import HariKantor, Pengguna  # noqa: E402
from pst_layanan.roles import RESEPSIONIS  # noqa: E402
from pst_layanan.sop import KODE_LAYANAN_BERBAYAR  # noqa: E402
from transaksi import services  # noqa: E402
from transaksi.models import Produk  # noqa: E402


def buka_sepanjang_hari() -> None:
    """The bench may run at any hour: open the office all of today."""
    k = kantor()
    k.jam_buka, k.jam_tutup_senin_kamis, k.jam_tutup_jumat = time(0, 0), time(23, 59), time(23, 59)
    k.save()
    HariKantor.objects.update_or_create(
        tanggal=timezone.localdate(), defaults={"jenis": "buka", "keterangan": "Uji beban"}
    )


def pengguna(email, **extra):
    user = Pengguna.objects.create_user(
        email=email,
        password=None,
        nama_lengkap=email.split("@")[0].title(),
        email_terverifikasi=True,
        telepon="081234567890",
        **extra,
    )
    return user


def tamu(n: int) -> list[int]:
    """Walk-in guests for the desks, one insert (no password, nothing to hash)."""
    Pengguna.objects.bulk_create(
        Pengguna(email=f"tamu{i}@beban.test", nama_lengkap=f"Tamu {i}", kategori_instansi="pendidikan")
        for i in range(n)
    )
    return list(
        Pengguna.objects.filter(email__endswith="@beban.test", email__startswith="tamu").values_list("pk", flat=True)
    )


def main(n_pengunjung: int, n_resepsionis: int, n_tamu: int, n_tiket_lampau: int) -> None:
    buka_sepanjang_hari()
    grup = Group.objects.get(name=RESEPSIONIS)
    produk = Produk.objects.get(kode="publikasi-elektronik")
    sesi_pengunjung, ids = [], []
    for i in range(n_pengunjung):
        u = pengguna(f"pengunjung{i}@beban.test", kategori_instansi="pendidikan")
        nomor = []
        for j in range(3):
            t = services.buat_transaksi(u, f"Penelitian {j}")
            services.tambah_item(t, produk, 10 + j * 60, f"Statistik Daerah {2020 + j}", u)
            nomor.append(t.nomor)
        sesi_pengunjung.append((sesi(u), nomor))
        ids.append(u.pk)
    sesi_resepsionis = []
    for i in range(n_resepsionis):
        u = pengguna(f"resepsionis{i}@beban.test", is_staff=True)
        u.groups.add(grup)
        sesi_resepsionis.append(sesi(u))
    layanan = Layanan.objects.get(kode=KODE_LAYANAN_BERBAYAR)
    # Years of past tickets before the run: today's pages must not slow down with history.
    with connection.cursor() as cur:
        _tiket_lampau.isi(cur, n_tiket_lampau, ids[0], layanan.pk, None)
    print(
        json.dumps(
            {
                "layanan": layanan.pk,
                "pengunjung": ids,
                "tamu": tamu(n_tamu),
                "sesi_pengunjung": sesi_pengunjung,
                "sesi_resepsionis": sesi_resepsionis,
            }
        )
    )


if __name__ == "__main__":
    main(*map(int, sys.argv[1:5]))
