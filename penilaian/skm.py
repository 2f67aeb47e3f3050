"""The nine elements of the public-service satisfaction survey (SKM,
PermenPANRB 14/2017), in ONE table.

The rating form, the IKM computation, the dashboard, the reports and the
model's score columns all read `UNSUR`; adding or rewording an element is an
edit here only. Answer labels are those of the regulation's sample
questionnaire (DOMAIN.md), index 0 = score 1 … index 3 = score 4.
"""

from __future__ import annotations

from dataclasses import dataclass

SKOR_MIN, SKOR_MAKS = 1, 4


@dataclass(frozen=True)
class Unsur:
    kode: str  # "U1" … "U9"
    nama: str
    pertanyaan: str
    jawaban: tuple[str, str, str, str]  # labels of scores 1, 2, 3, 4

    @property
    def kolom(self) -> str:
        """The score column on `Penilaian` (u1 … u9)."""
        return self.kode.lower()

    @property
    def pilihan(self) -> list[tuple[int, str]]:
        return [(skor, label) for skor, label in enumerate(self.jawaban, start=SKOR_MIN)]


UNSUR: tuple[Unsur, ...] = (
    Unsur(
        "U1",
        "Persyaratan",
        "Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Unsur(
        "U2",
        "Sistem, mekanisme, dan prosedur",
        "Bagaimana pemahaman Anda tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    Unsur(
        "U3",
        "Waktu penyelesaian",
        "Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    Unsur(
        "U4",
        "Biaya/tarif",
        "Bagaimana pendapat Anda tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    Unsur(
        "U5",
        "Produk spesifikasi jenis pelayanan",
        "Bagaimana pendapat Anda tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
        "pelayanan dengan hasil yang diberikan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Unsur(
        "U6",
        "Kompetensi pelaksana",
        "Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    Unsur(
        "U7",
        "Perilaku pelaksana",
        "Bagaimana pendapat Anda tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    ),
    Unsur(
        "U8",
        "Sarana dan prasarana",
        "Bagaimana pendapat Anda tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ),
    Unsur(
        "U9",
        "Penanganan pengaduan, saran dan masukan",
        "Bagaimana pendapat Anda tentang penanganan pengaduan pengguna layanan?",
        ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    ),
)

KOLOM_SKOR: tuple[str, ...] = tuple(u.kolom for u in UNSUR)
PER_KODE: dict[str, Unsur] = {u.kode: u for u in UNSUR}
