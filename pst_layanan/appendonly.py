"""Append-only tables: history rows and numbered documents are written once.

Use for every audit/history table (status history, document records, access
log). A row can be created; changing or deleting it through the model, a
queryset, a cascade or the admin raises `RiwayatTidakDapatDiubah`:

    from pst_layanan.appendonly import AppendOnlyAdmin, AppendOnlyModel

    class RiwayatStatus(AppendOnlyModel):          # objects = AppendOnlyQuerySet.as_manager()
        ...

    @admin.register(RiwayatStatus)
    class RiwayatStatusAdmin(AppendOnlyAdmin, admin.ModelAdmin): ...

A correction is a new row. Data migrations, `loaddata` (backup restore) and
`flush` use raw SQL paths and are not blocked. A foreign key *to* the parent
of a history row should be `on_delete=PROTECT`, so deleting the parent gives
a clear "protected" message instead of this error.
"""

from __future__ import annotations

from django.db import models
from django.db.models.signals import class_prepared, pre_delete


class RiwayatTidakDapatDiubah(Exception):
    """A write other than an insert was attempted on an append-only table."""


def _tolak(model, aksi: str):
    raise RiwayatTidakDapatDiubah(f"{model._meta.verbose_name} hanya boleh ditambah, tidak boleh {aksi}.")


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk changes; `bulk_update` and `update_or_create`'s update go through these too."""

    def update(self, **kwargs):
        _tolak(self.model, "diubah")

    def delete(self):
        _tolak(self.model, "dihapus")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            _tolak(type(self), "diubah")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _tolak(type(self), "dihapus")


def _tolak_hapus(sender, instance, **kwargs):
    _tolak(sender, "dihapus")


def _jaga_hapus_berantai(sender, **kwargs):
    """A cascade from a parent deletes rows without calling their delete():
    a pre_delete receiver makes the collector load them and lets us refuse."""
    if issubclass(sender, AppendOnlyModel) and not sender._meta.abstract:
        pre_delete.connect(_tolak_hapus, sender=sender, dispatch_uid=f"appendonly-{sender._meta.label}")


class_prepared.connect(_jaga_hapus_berantai)


class AppendOnlyAdmin:
    """ModelAdmin mixin: rows are readable, never changed or deleted in the admin."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class InlineHanyaBaca:
    """InlineModelAdmin mixin: rows shown under their parent (history, items,
    documents) and never added, changed or deleted there.

    The rows' related columns (a product, a counter, an officer) are read with
    the rows, and `list_select_related` adds what their text needs beyond them
    (a tariff names its product): not a query per row."""

    extra = 0
    can_delete = False
    show_change_link = False
    list_select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        terkait = [f.name for f in self.model._meta.concrete_fields if f.is_relation and f.name in self.readonly_fields]
        return super().get_queryset(request).select_related(*terkait, *self.list_select_related)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TanpaTambahHapusAdmin:
    """ModelAdmin mixin for rows only the site's services create (tickets,
    arrivals, ratings, e-mails, transactions): the admin may show them, and
    where allowed change them, but never add or delete one."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
