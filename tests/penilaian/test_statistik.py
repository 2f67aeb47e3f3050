"""`statistik.gabung` reads several grouped querysets in one UNION and hands
back what the ORM itself would: the same rows, with the same Python types
(a Decimal sum, a date, a month), on SQLite and PostgreSQL alike."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db.models import Count, DecimalField, F, Max, Sum, Value
from django.db.models.functions import TruncMonth

from penilaian.statistik import gabung, tahun_bulan
from pst_layanan.kalender import WIB
from pst_layanan.models import HariKantor
from transaksi.models import TarifProduk

pytestmark = pytest.mark.django_db


def _cabang():
    TarifProduk.objects.update(berlaku_mulai=datetime(2025, 1, 15, 9, 0, tzinfo=WIB))
    for hari in (date(2026, 3, 2), date(2026, 3, 9), date(2026, 4, 6)):
        HariKantor.objects.create(tanggal=hari, jenis=HariKantor.Jenis.TUTUP, keterangan="uji")
    tarif = (
        tahun_bulan(TarifProduk.objects.order_by().annotate(bulan=TruncMonth("berlaku_mulai")))
        .annotate(_i=Value(0))
        .values("_i", "_tahun", "_bulan")
        .annotate(j=Sum("harga_satuan"), akhir=Max(F("berlaku_mulai__date")))
    )
    libur = (
        tahun_bulan(HariKantor.objects.order_by().annotate(bulan=TruncMonth("tanggal")))
        .annotate(_i=Value(1))
        .values("_i", "_tahun", "_bulan")
        .annotate(j=Sum(Value(Decimal("2.00")), output_field=DecimalField()), akhir=Max("tanggal"))
        .order_by("_tahun", "_bulan")
    )
    return [tarif, libur]


def test_gabung_sama_dengan_membaca_setiap_queryset_lewat_orm():
    cabang = _cabang()
    kolom = ["_i", "_tahun", "_bulan", "j", "akhir"]
    diharapkan = [b for qs in cabang for b in qs.values(*kolom)]
    hasil = gabung(cabang, kolom)
    assert hasil == diharapkan and len(hasil) >= 3
    assert [b["akhir"] for b in hasil if b["_i"] == 1] == [date(2026, 3, 9), date(2026, 4, 6)]
    assert all(isinstance(b["j"], Decimal) and isinstance(b["akhir"], date) for b in hasil)


def test_gabung_tanpa_queryset_adalah_daftar_kosong():
    assert gabung([], ["x"]) == []


def test_gabung_membaca_semua_cabang_dalam_satu_kueri(django_assert_num_queries):
    _cabang()
    tarif, libur = (
        model.objects.order_by().annotate(_i=Value(i)).values("_i").annotate(n=Count("pk"))
        for i, model in enumerate((TarifProduk, HariKantor))
    )
    jumlah_tarif = TarifProduk.objects.count()
    with django_assert_num_queries(1):
        hasil = gabung([tarif, libur], ["_i", "n"])
    assert sorted((b["_i"], b["n"]) for b in hasil) == [(0, jumlah_tarif), (1, 3)]
