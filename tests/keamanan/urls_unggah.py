"""A test-only URL configuration: one upload view with a 1 MB limit, plus the site."""

from django.http import HttpResponse
from django.urls import include, path

from pst_layanan.unggah import MB, batas_unggah


@batas_unggah(1 * MB)
def unggah(request):
    if request.method == "POST":
        berkas = request.FILES.get("berkas")
        return HttpResponse(f"diterima {berkas.size if berkas else 0} {request.POST.get('catatan', '')}")
    return HttpResponse("formulir")


urlpatterns = [path("unggah/", unggah), path("", include("pst_layanan.urls"))]
