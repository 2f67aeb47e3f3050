"""The admin site every admin is registered on (settings: `AdminPst`), the
project's and the libraries' alike (axes, django_celery_beat): one place for
the rules every admin list keeps against a crafted request."""

from functools import cache

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext


class _LookupDiperiksa:
    """A list whose query-string lookups fail only when the query is written
    (a year no calendar has for `tanggal__year`, one past Python's dates for a
    date hierarchy) is answered like any other wrong lookup: back to the list
    with ?e=1. Django sees such a value only when it counts the rows; here the
    query is written while the lookups are read. A list with no lookups is left
    alone, so an admin's own fault still shows.

    A regular expression is compiled only by the database, when the rows are
    read (an unclosed bracket was the error page): no list filters by one, so
    a regex lookup typed into the address is refused here, on every database."""

    def get_queryset(self, request, exclude_parameters=None):
        params = self.get_filters_params()
        if not params:
            return super().get_queryset(request, exclude_parameters)
        if any(kunci.rsplit(LOOKUP_SEP, 1)[-1] in ("regex", "iregex") for kunci in params):
            raise IncorrectLookupParameters(f"regex lookup: {sorted(params)}")
        try:
            qs = super().get_queryset(request, exclude_parameters)
            qs.query.get_compiler(qs.db, elide_empty=False).as_sql()
        except (ValueError, OverflowError) as e:
            raise IncorrectLookupParameters(e) from e
        return qs


@cache
def _diperiksa(daftar):
    """`daftar` (an admin's ChangeList class) with `_LookupDiperiksa`, made once per class."""
    return type(daftar.__name__, (_LookupDiperiksa, daftar), {})


class AturanDaftar:
    """Mixed into every admin registered on `SitusAdmin`."""

    def get_changelist(self, request, **kwargs):
        return _diperiksa(super().get_changelist(request, **kwargs))

    def response_action(self, request, queryset):
        """Ticked ids that are no ids of this list's rows (a crafted form: a
        NUL, a word, a number past the column) are none ticked, answered as
        Django answers that: a warning, and back to the list with nothing
        changed."""
        kolom = self.model._meta.pk
        try:
            for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                kolom.run_validators(kolom.to_python(pk))
        except ValidationError:
            # Django's own words, in Django's own translations.
            pesan = gettext("Items must be selected in order to perform actions on them. No items have been changed.")
            self.message_user(request, pesan, messages.WARNING)
            return None
        return super().response_action(request, queryset)


class SitusAdmin(admin.AdminSite):
    """`admin.site`: whatever registers on it (an app's admin.py, a library's)
    gets `AturanDaftar`."""

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AturanDaftar):
            nama, modul = admin_class.__name__, admin_class.__module__
            admin_class = type(nama, (AturanDaftar, admin_class), {"__module__": modul})
        super().register(model_or_iterable, admin_class, **options)


class AdminPst(AdminConfig):
    """django.contrib.admin with `SitusAdmin` as its `admin.site`."""

    default_site = "pst_layanan.situs_admin.SitusAdmin"
