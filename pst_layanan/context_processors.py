from django.conf import settings

from pst_layanan.kantor import kantor_dipilih, kantor_kerja, kueri_kantor
from pst_layanan.roles import halaman_kembali, halaman_kerja, menu_navigasi, peran_pengguna
from pst_layanan.sop import LANGKAH, SOP


def kantor(request):
    user = getattr(request, "user", None)  # absent when an error page is rendered before the auth middleware ran
    peran = peran_pengguna(user) if user else frozenset()
    return {
        "kantor": kantor_kerja(request),
        # The office a report page shows on ?kantor=, kept by its links (`_pilih_bulan.html`).
        "kantor_dipilih": kantor_dipilih(request),
        "kueri_kantor": kueri_kantor(request),
        "peran": peran,
        "sop": SOP,
        # The SOP's own step numbers, so a page names a step as the compliance dashboard does.
        "langkah_sop": LANGKAH,
        "halaman_kerja": halaman_kerja(user) if peran else [],
        "menu_peran": menu_navigasi(user, peran) if user else [],
        "demo_buka": settings.PST_DEMO_BUKA_SEPANJANG_WAKTU,
        # The switcher names each language in itself (Django's tag would translate the names).
        "daftar_bahasa": settings.LANGUAGES,
        "halaman_kembali": halaman_kembali(request),
    }
