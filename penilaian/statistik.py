"""Database-side statistics shared by the IKM, the compliance dashboard and
the charts: percentiles and elapsed seconds, one expression per database.

PostgreSQL computes `percentile_cont(p) WITHIN GROUP (ORDER BY x)`. SQLite
(the one-command local run and the fast test run) has no percentile, so an
equivalent aggregate `pst_persentil(x, p)` is registered on every SQLite
connection (`daftarkan_sqlite`, from `PenilaianConfig.ready`); it uses the
same linear interpolation as percentile_cont. Callers see one expression,
`Persentil`, and never load rows into Python.
"""

from __future__ import annotations

import math
from datetime import UTC

from django.db import connection
from django.db.models import Aggregate, DateTimeField, FloatField, Func, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear


class Persentil(Aggregate):
    """percentile_cont(p) of a numeric expression (NULLs ignored)."""

    name = "Persentil"
    output_field = FloatField()
    template = "percentile_cont(%(p)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, p: float, **extra):
        if not 0 <= p <= 1:
            raise ValueError("p harus di antara 0 dan 1")
        super().__init__(expression, p=float(p), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="pst_persentil(%(expressions)s, %(p)s)", **extra_context)


def Median(expression):  # noqa: N802 - reads like an aggregate
    return Persentil(expression, 0.5)


class DetikAntara(Func):
    """Seconds from `mulai` to `selesai` (float); NULL when either is NULL."""

    output_field = FloatField()
    arity = 2

    def as_postgresql(self, compiler, connection, **extra_context):
        mulai, mulai_params = compiler.compile(self.source_expressions[0])
        selesai, selesai_params = compiler.compile(self.source_expressions[1])
        return f"EXTRACT(EPOCH FROM ({selesai} - {mulai}))::float8", (*selesai_params, *mulai_params)

    def as_sqlite(self, compiler, connection, **extra_context):
        mulai, mulai_params = compiler.compile(self.source_expressions[0])
        selesai, selesai_params = compiler.compile(self.source_expressions[1])
        # julianday's float loses sub-millisecond precision: round to the
        # millisecond so exactly 10 minutes compares equal to 600 s.
        return f"ROUND((julianday({selesai}) - julianday({mulai})) * 86400.0, 3)", (*selesai_params, *mulai_params)


class _PersentilSqlite:
    """SQLite aggregate with percentile_cont semantics (linear interpolation)."""

    def __init__(self):
        self.nilai: list[float] = []
        self.p = 0.5

    def step(self, nilai, p):
        self.p = p
        if nilai is not None:
            self.nilai.append(float(nilai))

    def finalize(self):
        return persentil_cont(self.nilai, self.p)


def persentil_cont(nilai: list[float], p: float) -> float | None:
    """percentile_cont over a list (used by the SQLite aggregate and by tests)."""
    if not nilai:
        return None
    urut = sorted(nilai)
    posisi = p * (len(urut) - 1)
    bawah, atas = math.floor(posisi), math.ceil(posisi)
    return urut[bawah] + (urut[atas] - urut[bawah]) * (posisi - bawah)


def daftarkan_sqlite(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("pst_persentil", 2, _PersentilSqlite)


def gabung(querysets: list[QuerySet], kolom: list[str]) -> list[dict]:
    """Rows of several `values()` querysets (each may be ordered and sliced,
    on different tables) in ONE statement: `SELECT kolom FROM (qs) UNION ALL
    …`, converted as the first queryset's fields are (dates on SQLite).

    Every name in `kolom` must be an annotation of every queryset with the
    same type, so the branches line up by name; Django's own `union()`
    cannot do this on SQLite when the branches are sliced.
    """
    if not querysets:
        return []
    kutip = connection.ops.quote_name
    daftar_kolom = ", ".join(kutip(k) for k in kolom)
    bagian, param = [], []
    for i, qs in enumerate(querysets):
        sql, p = qs.query.sql_with_params()
        bagian.append(f"SELECT {daftar_kolom} FROM ({sql}) AS {kutip(f'bagian{i}')}")
        param += p
    with connection.cursor() as c:
        c.execute(" UNION ALL ".join(bagian), param)
        baris = c.fetchall()
    ubah = _pengubah_kolom(querysets[0], kolom)
    return [dict(zip(kolom, _ubah_baris(b, ubah), strict=True)) for b in baris]


def _pengubah_kolom(qs: QuerySet, kolom: list[str]) -> list[tuple[int, object, list]]:
    """(position, expression, converters) of each column that needs converting
    as Django reads it: the backend's converters, then the expression's own
    (a date arrives as text on SQLite)."""
    hasil = []
    for i, nama in enumerate(kolom):
        e = qs.query.annotations[nama]
        pengubah = connection.ops.get_db_converters(e) + e.get_db_converters(connection)
        if pengubah:
            hasil.append((i, e, pengubah))
    return hasil


def _ubah_baris(baris: tuple, ubah: list[tuple[int, object, list]]) -> list:
    nilai = list(baris)
    for i, e, pengubah in ubah:
        for f in pengubah:
            nilai[i] = f(nilai[i], e, connection)
    return nilai


def tahun_bulan(qs: QuerySet, kolom: str = "bulan") -> QuerySet:
    """Annotate `_tahun`, `_bulan`: year and month of the month `kolom` (a
    TruncMonth) as integers, the same type in every branch of a `gabung`.
    A truncated timestamp is already the office's month (its first instant
    as local time): read as it stands, not shifted by a time zone again."""
    zona = {"tzinfo": UTC} if isinstance(qs.query.annotations[kolom].output_field, DateTimeField) else {}
    return qs.annotate(_tahun=ExtractYear(kolom, **zona), _bulan=ExtractMonth(kolom, **zona))
