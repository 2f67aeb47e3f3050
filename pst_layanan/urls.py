from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

from pst_layanan import bahasa, kesehatan, views
from pst_layanan.admin import lihat_di_situs

admin.site.site_header = _("PST BPS Provinsi Bengkulu")
admin.site.site_title = _("PST BPS Provinsi Bengkulu")
admin.site.index_title = _("Back office Pelayanan Statistik Terpadu")
# The back office's login checks the same passwords as the site's: it counts
# in the same limits (per address and per e-mail), or a guesser would move there.
admin.site.login = views.batasi_masuk(admin.site.login)

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("healthz", kesehatan.healthz, name="healthz"),
    path("readyz", kesehatan.readyz, name="readyz"),
    path("privasi/", views.privasi, name="privasi"),
    path("favicon.ico", views.favicon, name="favicon"),
    # The language switcher (POST) and the JavaScript strings of the active language.
    path("bahasa/", bahasa.ganti_bahasa, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("kantor/", views.pilih_kantor, name="pilih_kantor"),
    path("akun/masuk/", views.MasukView.as_view(), name="login"),
    path("akun/keluar/", views.KeluarView.as_view(), name="logout"),
    path("akun/", include("pst_layanan.urls_akun")),
    path("antrian/", include("antrian.urls")),
    path("transaksi/", include("transaksi.urls")),
    path("penilaian/", include("penilaian.urls")),
    # Before the admin's own "view on site", which checks no office.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(lihat_di_situs)),
    path("admin/", admin.site.urls),
]
