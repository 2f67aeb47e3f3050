"""Assertions shared by the tests of append-only rows."""

import pytest

from pst_layanan.appendonly import RiwayatTidakDapatDiubah


def pastikan_tetap(baris, **ubahan) -> None:
    """Every ORM way to change or delete the append-only `baris` is refused:
    save (after setting `ubahan`), delete, a queryset's update and delete."""
    model = type(baris)
    for medan, nilai in ubahan.items():
        setattr(baris, medan, nilai)
    for ubah in (
        baris.save,
        baris.delete,
        lambda: model.objects.filter(pk=baris.pk).update(**ubahan),
        lambda: model.objects.all().delete(),
    ):
        with pytest.raises(RiwayatTidakDapatDiubah):
            ubah()
