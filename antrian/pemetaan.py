"""Mapping the guest book's old values onto BPS's codes.

Used once by the data migration that introduced the codes (and by its tests),
so it works on plain values, not on models. A value is mapped only when the
mapping is certain; anything else is left blank and explained in a note, so
an officer can decide it on the "kode perlu dikoreksi" page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pst_layanan.models import KategoriInstansi
from pst_layanan.sop import KODE_LAYANAN_BERBAYAR

# Old institution category → new code. "pemerintah" merged four of BPS's
# categories (lembaga negara; kementerian & LPNK; TNI/Polri/BIN/Kejaksaan;
# pemerintah daerah), so it cannot be split and is absent here (flagged).
# An individual (perorangan) has no institution: BPS's form puts them under
# "lainnya".
KATEGORI_LAMA = {
    "pendidikan": "pendidikan",
    "swasta": "swasta",
    "internasional": "internasional",
    "lainnya": "lainnya",
    "perorangan": "lainnya",
}

# Main use by keywords in the old free-text purpose; a text that matches no
# group, or more than one, is not mapped ("penelitian skripsi" is both).
KATA_PEMANFAATAN = {
    "tugas": ("skripsi", "tesis", "disertasi", "tugas", "kuliah", "sekolah", "makalah", "mahasiswa"),
    "penelitian": ("penelitian", "riset", "jurnal", "kajian", "research"),
    "pemerintahan": ("perencanaan", "rpjmd", "rpjmn", "renstra", "rkpd", "kebijakan", "bappeda", "pemerintah"),
    "komersial": ("bisnis", "usaha", "pemasaran", "investasi", "komersial", "kelayakan", "pasar"),
}
_POLA_PEMANFAATAN = {
    kode: re.compile(r"\b(" + "|".join(kata) + r")", re.IGNORECASE) for kode, kata in KATA_PEMANFAATAN.items()
}

# The queue service of the visit → the service used, by the service's code or name.
LAYANAN_ANTRIAN = {KODE_LAYANAN_BERBAYAR: "berbayar"}
KATA_LAYANAN = (
    ("berbayar", "berbayar"),
    ("konsultasi", "konsultasi"),
    ("perpustakaan", "perpustakaan"),
    ("rekomendasi", "rekomendasi"),
)

SARANA_KANAL = {"langsung": "langsung", "online": "online"}


@dataclass
class HasilPemetaan:
    kategori_instansi: str = ""
    pemanfaatan: str = ""
    sarana: str = ""
    layanan: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)

    @property
    def perlu_koreksi(self) -> bool:
        return bool(self.catatan)

    def kolom(self) -> dict[str, object]:
        """The visit's code columns (the services used are rows of their own)."""
        return {
            "kategori_instansi": self.kategori_instansi,
            "pemanfaatan": self.pemanfaatan,
            "sarana": self.sarana,
            "perlu_koreksi": self.perlu_koreksi,
            # The notes are a hint for the officer; the column holds 500 characters.
            "catatan_koreksi": " ".join(self.catatan)[:500],
        }


def petakan_kategori(lama: str) -> str:
    """The new category code of an old one (a new code stays as it is), or ""
    when it cannot be decided."""
    lama = (lama or "").strip()
    return lama if lama in KategoriInstansi.values else KATEGORI_LAMA.get(lama, "")


def petakan_pemanfaatan(keperluan: str) -> str:
    cocok = [kode for kode, pola in _POLA_PEMANFAATAN.items() if pola.search(keperluan or "")]
    return cocok[0] if len(cocok) == 1 else ""


def petakan_layanan(kode_antrian: str, nama_layanan: str) -> str:
    if kode_antrian in LAYANAN_ANTRIAN:
        return LAYANAN_ANTRIAN[kode_antrian]
    nama = (nama_layanan or "").lower()
    return next((kode for kata, kode in KATA_LAYANAN if kata in nama), "")


def petakan_kunjungan(
    kategori_lama: str, keperluan: str, kanal: str, kode_antrian: str, nama_layanan: str
) -> HasilPemetaan:
    """Codes for one old visit, with a note for every value left undecided."""
    h = HasilPemetaan(
        kategori_instansi=petakan_kategori(kategori_lama),
        pemanfaatan=petakan_pemanfaatan(keperluan),
        sarana=SARANA_KANAL.get(kanal, ""),
    )
    if not h.kategori_instansi:
        h.catatan.append(f"Kategori instansi “{kategori_lama or '(kosong)'}” tidak dapat dipetakan ke kategori BPS.")
    if not h.pemanfaatan:
        h.catatan.append(f"Pemanfaatan utama tidak dapat ditentukan dari keperluan “{keperluan or '(kosong)'}”.")
    if not h.sarana:
        h.catatan.append(f"Sarana tidak dapat ditentukan dari kanal “{kanal}”.")
    layanan = petakan_layanan(kode_antrian, nama_layanan)
    if layanan:
        h.layanan.append(layanan)
    else:
        h.catatan.append(f"Jenis layanan tidak dapat ditentukan dari layanan antrian “{nama_layanan}”.")
    return h


UKURAN_KELOMPOK = 1000


def migrasikan(apps) -> int:
    """Give every visit its codes from today's values, flag the rest, then move
    the visitors' categories to the new codes. Returns the flagged visits.

    Visits first: they need the visitor's old category. Nothing is deleted:
    the free-text purpose stays, and each undecided value is quoted in the
    visit's `catatan_koreksi` (also a visitor's old "pemerintah", which their
    profile loses — they choose one of the four categories at their next visit).
    """
    Kunjungan = apps.get_model("antrian", "Kunjungan")
    LayananKunjungan = apps.get_model("antrian", "LayananKunjungan")
    Pengguna = apps.get_model("pst_layanan", "Pengguna")
    kolom = tuple(HasilPemetaan().kolom())
    ditandai, terakhir = 0, 0
    qs = Kunjungan.objects.order_by("pk").values_list(
        "pk", "pengunjung__kategori_instansi", "keperluan", "kanal", "layanan__kode", "layanan__nama"
    )
    # Keyset pages, not a server-side cursor: the loop writes to the table it reads.
    while halaman := list(qs.filter(pk__gt=terakhir)[:UKURAN_KELOMPOK]):
        kelompok, layanan = [], []
        for pk, kategori, keperluan, kanal, kode, nama in halaman:
            h = petakan_kunjungan(kategori, keperluan, kanal, kode, nama)
            ditandai += h.perlu_koreksi
            kelompok.append(Kunjungan(pk=pk, **h.kolom()))
            layanan += [LayananKunjungan(kunjungan_id=pk, kode=k) for k in h.layanan]
        Kunjungan.objects.bulk_update(kelompok, kolom)
        LayananKunjungan.objects.bulk_create(layanan, ignore_conflicts=True)
        terakhir = halaman[-1][0]
    for lama in Pengguna.objects.exclude(kategori_instansi="").values_list("kategori_instansi", flat=True).distinct():
        baru = petakan_kategori(lama)
        if baru != lama:
            Pengguna.objects.filter(kategori_instansi=lama).update(kategori_instansi=baru)
    return ditandai
