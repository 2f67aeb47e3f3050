"""Helpers the benchmark scripts share (each sets Django up first)."""

import time


def kunci_sesi(user) -> str:
    """A logged-in session of `user`, saved in the session store: its key."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    sesi = SessionStore()
    sesi[SESSION_KEY] = str(user.pk)
    sesi[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    sesi[HASH_SESSION_KEY] = user.get_session_auth_hash()
    sesi.save()
    return sesi.session_key


def _kolom(model, isi: dict[str, str]) -> tuple[str, str]:
    """Column list and SELECT expressions for an INSERT … SELECT of `model`:
    `isi` gives SQL per column; every other NOT NULL column gets its Django
    default (so columns other apps add later do not break the seed)."""
    from django.db import connection, models

    kolom, nilai = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key and f.column not in isi:
            continue
        if f.column in isi:
            ekspresi = isi[f.column]
        elif f.null:
            continue
        elif f.has_default() and (f.is_relation or not callable(f.default)):
            # A relation's callable default is called once for all rows (the office: the province's).
            with connection.cursor() as c:
                ekspresi = c.mogrify("%s", [f.get_db_prep_value(f.get_default(), connection)]).decode()
        elif isinstance(f, models.DateTimeField):
            ekspresi = "now()"
        elif isinstance(f, models.JSONField):
            ekspresi = "'{}'::jsonb"
        elif isinstance(f, (models.CharField, models.TextField)):
            ekspresi = "''"
        else:
            raise RuntimeError(f"{model.__name__}.{f.name}: isi untuk kolom ini belum ditentukan")
        kolom.append(f'"{f.column}"')
        nilai.append(ekspresi)
    return ", ".join(kolom), ", ".join(nilai)


def isi_sql(c, model, isi: dict[str, str], dari: str, label: str):
    """INSERT … SELECT rows of `model` (`isi` as in `_kolom`) `dari` a FROM clause; prints the count and time."""
    kolom, nilai = _kolom(model, isi)
    mulai = time.perf_counter()
    c.execute(f"INSERT INTO {model._meta.db_table} ({kolom}) SELECT {nilai} {dari}")
    print(f"  {label}: {c.rowcount:,} baris, {time.perf_counter() - mulai:.1f} s", flush=True)


def isi_riwayat(c, kolom: tuple[str, ...], baris: list[tuple[str, ...]], saring: str = "") -> None:
    """History rows of every transaction `t` (`saring`, a WHERE clause, keeps
    some): one per row of `baris`, SQL values for the history columns `kolom`."""
    from transaksi.models import RiwayatTransaksi

    nilai = ", ".join(f"({', '.join(b)})" for b in baris)
    dari = f"FROM transaksi_transaksi t CROSS JOIN LATERAL (VALUES {nilai}) AS r({', '.join(kolom)}) {saring}"
    isi = {"transaksi_id": "t.id", "kantor_id": "t.kantor_id", **{k: f"r.{k}" for k in kolom}}
    isi_sql(c, RiwayatTransaksi, isi, dari.rstrip(), "riwayat transaksi")
