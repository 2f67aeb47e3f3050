from django.conf import settings

from pst_layanan.kantor import kantor_kerja
from pst_layanan.roles import halaman_kerja, peran_pengguna
from pst_layanan.sop import SOP


def kantor(request):
    peran = peran_pengguna(request.user) if hasattr(request, "user") else frozenset()
    kerja = halaman_kerja(request.user) if peran else []
    return {
        "kantor": kantor_kerja(request),
        "peran": peran,
        "sop": SOP,
        "halaman_kerja": kerja,
        "demo_buka": settings.PST_DEMO_BUKA_SEPANJANG_WAKTU,
    }
