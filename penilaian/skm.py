"""The nine elements of the public-service satisfaction survey (SKM,
PermenPANRB 14/2017), in ONE table.

The rating form, the IKM computation, the dashboard, the reports and the
model's score columns all read `UNSUR`; adding or rewording an element is an
edit here only. Answer labels are those of the regulation's sample
questionnaire, index 0 = score 1 … index 3 = score 4.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SKOR_MIN, SKOR_MAKS = 1, 4


@dataclass(frozen=True)
class Unsur:
    kode: str  # "U1" … "U9"
    # Lazy translations: shown in the rating form, the dashboard and the reports
    # (writers of files call str() on them).
    nama: str | Promise
    pertanyaan: str | Promise
    jawaban: tuple[str | Promise, str | Promise, str | Promise, str | Promise]  # labels of scores 1, 2, 3, 4

    @property
    def kolom(self) -> str:
        """The score column on `Penilaian` (u1 … u9)."""
        return self.kode.lower()

    @property
    def pilihan(self) -> list[tuple[int, str | Promise]]:
        return [(skor, label) for skor, label in enumerate(self.jawaban, start=SKOR_MIN)]


UNSUR: tuple[Unsur, ...] = (
    Unsur(
        "U1",
        _("Persyaratan"),
        _("Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Unsur(
        "U2",
        _("Sistem, mekanisme, dan prosedur"),
        _("Bagaimana pemahaman Anda tentang kemudahan prosedur pelayanan di unit ini?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
    ),
    Unsur(
        "U3",
        _("Waktu penyelesaian"),
        _("Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
    ),
    Unsur(
        "U4",
        _("Biaya/tarif"),
        _("Bagaimana pendapat Anda tentang kewajaran biaya/tarif dalam pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
    ),
    Unsur(
        "U5",
        _("Produk spesifikasi jenis pelayanan"),
        _(
            "Bagaimana pendapat Anda tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
            "pelayanan dengan hasil yang diberikan?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Unsur(
        "U6",
        _("Kompetensi pelaksana"),
        _("Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
    ),
    Unsur(
        "U7",
        _("Perilaku pelaksana"),
        _("Bagaimana pendapat Anda tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?"),
        (_("Tidak sopan dan ramah"), _("Kurang sopan dan ramah"), _("Sopan dan ramah"), _("Sangat sopan dan ramah")),
    ),
    Unsur(
        "U8",
        _("Sarana dan prasarana"),
        _("Bagaimana pendapat Anda tentang kualitas sarana dan prasarana?"),
        (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik")),
    ),
    Unsur(
        "U9",
        _("Penanganan pengaduan, saran dan masukan"),
        _("Bagaimana pendapat Anda tentang penanganan pengaduan pengguna layanan?"),
        (_("Tidak ada"), _("Ada tetapi tidak berfungsi"), _("Berfungsi kurang maksimal"), _("Dikelola dengan baik")),
    ),
)

KOLOM_SKOR: tuple[str, ...] = tuple(u.kolom for u in UNSUR)
PER_KODE: dict[str, Unsur] = {u.kode: u for u in UNSUR}
