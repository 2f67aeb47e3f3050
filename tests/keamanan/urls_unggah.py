"""A test-only URL configuration: one upload view behind `batas_unggah`, plus the site."""

from django.http import HttpResponse
from django.urls import include, path

from pst_layanan.unggah import batas_unggah


@batas_unggah(mb=1)
def unggah(request):
    if request.method == "POST":
        berkas = request.FILES.get("berkas")
        return HttpResponse(f"diterima {berkas.size if berkas else 0} {request.POST.get('catatan', '')}")
    return HttpResponse("formulir")


urlpatterns = [path("unggah/", unggah), path("", include("pst_layanan.urls"))]
