"""The project's URLs plus two views that fail, for the error-alert tests."""

from django.urls import path

from pst_layanan.urls import urlpatterns as proyek


def bagi_nol(request):
    return 1 // 0


def kunci_hilang(request):
    return {}["tidak-ada"]


urlpatterns = [
    path("uji/bagi-nol/", bagi_nol, name="uji_bagi_nol"),
    path("uji/kunci-hilang/", kunci_hilang, name="uji_kunci_hilang"),
    *proyek,
]
