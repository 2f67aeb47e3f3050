"""The offices: reading one's settings, which offices a person works for, and
the one function that scopes an officer's data to them.

Every office-owned row (visit, ticket, counter, appointment, transaction,
rating) has a `kantor` column. An officer, receptionist or supervisor sees the
offices they are assigned to (`Pengguna.kantor`; none assigned means the
provincial office, as in a single-office setup); the province supervisor
(`roles.PENGAWAS_PROVINSI`) and a superuser see every office. A page that
loads an object of another office answers 404, like an object that does not
exist, so a number or id learnt elsewhere tells nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404
from django.utils.http import urlencode
from django.utils.translation import gettext

from pst_layanan.models import (
    KODE_PROVINSI,
    KUNCI_KANTOR_BAWAAN,
    TELEPON_BELUM_DIKETAHUI,
    Kantor,
    kantor_bawaan,
    milik_kantor,
    pegawai_kantor,
)
from pst_layanan.roles import PENGAWAS_PROVINSI, PETUGAS, SUPERVISOR, email_peran, peran_pengguna, punya_peran

_CACHE_KEY = "pst:kantor:{}"
# The visitor's (and a multi-office officer's) chosen office, in the session.
KUNCI_SESI = "kantor"


def kantor(pk: int | None = None) -> Kantor:
    """The office `pk` (the provincial office when None), cached until saved."""
    pk = pk or kantor_bawaan()
    obj = cache.get(_CACHE_KEY.format(pk))
    if obj is None:
        obj = Kantor.objects.get(pk=pk)
        cache.set(_CACHE_KEY.format(pk), obj, 300)
    return obj


def nama_cakupan(k: Kantor | int | None) -> str:
    """The offices a report, recapitulation or dashboard covers, as every page,
    PDF and spreadsheet names them: the office's code and name ("1771 BPS Kota
    Bengkulu"), or every office of the province (None)."""
    if k is None or k == "":
        return gettext("Seluruh kantor se-provinsi")
    k = k if isinstance(k, Kantor) else kantor(k)
    return f"{k.kode} {k.nama}"


def lupakan_kantor(pk: int | None = None) -> None:
    cache.delete_many([_CACHE_KEY.format(pk), KUNCI_KANTOR_BAWAAN] if pk else [KUNCI_KANTOR_BAWAAN])


def kantor_petugas(user) -> frozenset[int] | None:
    """The ids of the offices whose data `user` sees, or None for every office
    (province supervisor, superuser). Cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if user.is_superuser or punya_peran(user, PENGAWAS_PROVINSI):
        return None
    cached = getattr(user, "_kantor_cache", None)
    if cached is None:
        # Read with the roles in one query (roles.peran_pengguna) when it ran.
        ditugaskan = getattr(user, "_kantor_ditugaskan", None)
        if ditugaskan is None:
            ditugaskan = frozenset(user.kantor.values_list("pk", flat=True))
        cached = ditugaskan or frozenset({kantor_bawaan()})
        user._kantor_cache = cached
    return cached


def untuk_petugas(qs: QuerySet, user, kolom: str = "kantor") -> QuerySet:
    """`qs` narrowed to the offices `user` works for (`kolom`: the path to the
    row's office, e.g. "transaksi__kantor"). Every officer page reads through it."""
    ids = kantor_petugas(user)
    if ids is None:
        return qs
    if len(ids) == 1:
        return qs.filter(**{f"{kolom}_id" if "__" not in kolom else kolom: next(iter(ids))})
    return qs.filter(**{f"{kolom}__in": sorted(ids)})


def petugas_untuk(user) -> QuerySet:
    """The officers and supervisors of the offices `user` works for (every
    office's for the province supervisor): whom a visit can be credited to,
    and whom a filter names."""
    qs = get_user_model().objects.filter(groups__name__in=[PETUGAS, SUPERVISOR]).distinct()
    ids = kantor_petugas(user)
    return qs if ids is None else qs.filter(milik_kantor(ids))


def kantor_terlihat(user) -> QuerySet | None:
    """The offices whose rows `user` sees, when more than one (the province
    supervisor, staff of several offices), else None: a list mixing offices
    names each row's office and offers to show one."""
    ids = kantor_petugas(user)
    if ids is not None and len(ids) < 2:
        return None
    return Kantor.objects.all() if ids is None else Kantor.objects.filter(pk__in=ids)


def boleh_ubah_katalog(user) -> bool:
    """Whether `user` may change the rows every office shares (services,
    products and their tariffs, document types): the provincial office's staff,
    the province supervisor and a superuser; another office's staff read them
    and ask the province."""
    ids = kantor_petugas(user)
    return ids is None or kantor_bawaan() in ids


def boleh_kantor(user, kantor_id: int) -> bool:
    ids = kantor_petugas(user)
    return ids is None or kantor_id in ids


def kantor_kerja(request) -> Kantor:
    """The office a page works for: the one chosen in the session when the
    user may work there (a visitor may choose any that serves PST), else the officer's first
    office, else the provincial office."""
    # Staff work for their offices; a visitor (no role) is served wherever they choose.
    # No user at all on an error page rendered before the auth middleware ran
    # (a request for a host name the site does not serve).
    user = getattr(request, "user", None)
    staf = user is not None and bool(peran_pengguna(user))
    ids = kantor_petugas(user) if staf else None
    pilihan = request.session.get(KUNCI_SESI) if hasattr(request, "session") else None
    if pilihan and (not ids or pilihan in ids):
        try:
            k = kantor(pilihan)
        except Kantor.DoesNotExist:
            k = None
        # An office switched off since a visitor chose it takes no new work
        # from them; its staff still finish what it holds.
        if k is not None and (k.aktif or staf):
            return k
        request.session.pop(KUNCI_SESI, None)
    if ids:
        return kantor(min(ids))
    return kantor()


def semua_kantor() -> list[Kantor]:
    return list(Kantor.objects.order_by("kode"))


def kantor_pilihan(user) -> list[Kantor]:
    """The offices `user` may choose at /kantor/: staff (any role) the offices
    they work for, switched off or not (what those hold is still theirs to
    finish); a visitor the offices that serve PST."""
    if peran_pengguna(user):
        ids = kantor_petugas(user)
        return [k for k in semua_kantor() if ids is None or k.pk in ids]
    return [k for k in semua_kantor() if k.aktif]


__all__ = [
    "KANTOR_PROVINSI",
    "KODE_PROVINSI",
    "boleh_kantor",
    "di_kantor",
    "isi_kantor_provinsi",
    "email_per_kantor",
    "email_staf_kantor",
    "email_staf_per_kantor",
    "kantor",
    "kantor_berkode",
    "kantor_kerja",
    "kantor_dipilih",
    "kantor_konteks",
    "kantor_laporan",
    "id_kantor_laporan",
    "kantor_petugas",
    "kantor_pilihan",
    "kantor_terlihat",
    "kueri_kantor",
    "lupakan_kantor",
    "nama_berkas_bulan",
    "pegawai_kantor",
    "petugas_untuk",
    "semua_kantor",
    "untuk_petugas",
]


def email_per_kantor(peran: list[str]) -> dict[int, list[str]]:
    """Office id → the addresses of the active users holding one of `peran`
    who work there (staff assigned to no office count for the provincial
    office): one query for every office at once."""
    hasil: dict[int, list[str]] = {}
    bawaan = kantor_bawaan()
    baris = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=peran)
        .values_list("email", "kantor")
        .distinct()
        .order_by("email")
    )
    for email, kantor_id in baris:
        daftar = hasil.setdefault(kantor_id or bawaan, [])
        if email not in daftar:
            daftar.append(email)
    return hasil


def email_staf_per_kantor(peran: str, kecuali: Collection[str] = ()) -> Callable[[int], list[str]]:
    """Who is told of an office's work that waits on a `peran` (a
    supervisor's decision or escalation, a treasurer's payment), read once
    for every office: that office's holders of the role, else the province
    supervisors, who hold every role in every office (read only when some
    office needs them). Not the provincial office's own holders: they cannot
    open another office's work, and with nobody told the work would wait
    forever. The addresses in `kecuali` may not do that work (a refund's
    proposer may not approve it) and do not count as holders."""
    per_kantor = email_per_kantor([peran])
    pengawas = functools.cache(lambda: [e for e in email_peran(PENGAWAS_PROVINSI) if e not in kecuali])
    return lambda kantor_id: [e for e in per_kantor.get(kantor_id, []) if e not in kecuali] or pengawas()


def email_staf_kantor(peran: str, kantor_id: int, kecuali: Collection[str] = ()) -> list[str]:
    """`email_staf_per_kantor` for one office."""
    return email_staf_per_kantor(peran, kecuali)(kantor_id)


def di_kantor(qs: QuerySet, kantor_id: int | None, kolom: str = "kantor") -> QuerySet:
    """`qs` of office `kantor_id` only (`kolom`: the path to the row's office);
    None: every office (the province's figures)."""
    return qs if kantor_id is None else qs.filter(**{kolom: kantor_id})


def kantor_berkode(kode: str) -> Kantor | None:
    """The office whose BPS code is `kode` (typed in an address: ?kantor=1771),
    or None. A code is four digits: a longer one mistyped is no office, not
    the one it begins with."""
    return Kantor.objects.filter(kode=kode).first() if len(kode) == 4 else None


def kantor_laporan(request) -> Kantor | None:
    """The office a dashboard or report page shows: `?kantor=<BPS code>` when
    the user may see that office (else 404), else — for whoever sees every
    office — the whole province (None), else the user's working office."""
    kode = request.GET.get("kantor", "")
    if kode:
        k = kantor_berkode(kode)
        if k is None or not boleh_kantor(request.user, k.pk):
            raise Http404("Kantor tidak dikenal.")
        return k
    if kantor_petugas(request.user) is None:
        return None
    return kantor_kerja(request)


# The PST offices of Bengkulu province: BPS region code and name, as in BPS's
# list of regencies and cities (Permendagri region codes).
KANTOR_PROVINSI = (
    ("1700", "BPS Provinsi Bengkulu"),
    ("1701", "BPS Kabupaten Bengkulu Selatan"),
    ("1702", "BPS Kabupaten Rejang Lebong"),
    ("1703", "BPS Kabupaten Bengkulu Utara"),
    ("1704", "BPS Kabupaten Kaur"),
    ("1705", "BPS Kabupaten Seluma"),
    ("1706", "BPS Kabupaten Mukomuko"),
    ("1707", "BPS Kabupaten Lebong"),
    ("1708", "BPS Kabupaten Kepahiang"),
    ("1709", "BPS Kabupaten Bengkulu Tengah"),
    ("1771", "BPS Kota Bengkulu"),
)


def isi_kantor_provinsi() -> list[tuple[Kantor, bool]]:
    """Create the province's offices that are missing (settings of an
    existing office are left as its supervisor set them): (office, created)."""
    hasil = []
    for kode, nama in KANTOR_PROVINSI:
        wilayah = nama.removeprefix("BPS ")
        k, baru = Kantor.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama,
                "kepala_nama": f"Kepala {nama}",
                "email": f"pst{kode}@bps.go.id",
                "alamat": f"{wilayah}, Bengkulu",
                # Not the model's default, the provincial office's own number:
                # an office's is unknown until its supervisor types it.
                "telepon": TELEPON_BELUM_DIKETAHUI,
            },
        )
        hasil.append((k, baru))
    return hasil


def kantor_dipilih(request) -> str:
    """The BPS code of the office picked with `?kantor=` (whoever sees several
    offices), or "": a page's month links, tabs, pages and downloads carry it
    on, so they keep showing that office rather than the user's own or the
    province's. The page itself checked it (`kantor_laporan`)."""
    return request.GET.get("kantor", "")[:4] if hasattr(request, "GET") else ""


def kueri_kantor(request) -> str:
    """`kantor_dipilih` as a query string's tail ("&kantor=1771"), or ""."""
    kode = kantor_dipilih(request)
    return f"&{urlencode({'kantor': kode})}" if kode else ""


def id_kantor_laporan(request) -> int | None:
    """`kantor_laporan`'s id: what the per-office figures are filtered by (None: every office)."""
    k = kantor_laporan(request)
    return k.pk if k else None


def nama_berkas_bulan(awalan: str, bulan_kode: str, kantor_id: int | None) -> str:
    """The name (without extension) of a month's file of office `kantor_id`:
    awalan-1771-2026-03, with the office's BPS code so the files of several
    offices downloaded together stay apart; the province's (None) has no code."""
    kode = f"{kantor(kantor_id).kode}-" if kantor_id else ""
    return f"{awalan}-{kode}{bulan_kode}"


# Context keys whose object tells whose office a document or e-mail speaks for
# ("p": a rating, in the follow-up and answer e-mails; a refund's "p" has no
# office column, its "t" answers first).
_KUNCI_PEMILIK = ("t", "transaksi", "janji", "tiket", "kunjungan", "laporan", "p")


def kantor_konteks(konteks: dict | None) -> Kantor:
    """The office a PDF or e-mail is from: that of the transaction, appointment,
    ticket, visit, rating or office report in its context, else the provincial office
    (letterhead, address and footer follow the office that serves the
    visitor; an office's report is addressed to and signed by its head)."""
    return kantor(kantor_pemilik(konteks))


def kantor_pemilik(konteks: dict | None) -> int | None:
    """The id of the office owning the transaction, appointment, ticket, visit,
    rating or report in `konteks`, or of the office it names itself (`kantor`:
    a job's list of one office's rows); None when it names none (an account
    e-mail)."""
    if isinstance((konteks or {}).get("kantor"), Kantor):
        return konteks["kantor"].pk
    for kunci in _KUNCI_PEMILIK:
        kantor_id = getattr((konteks or {}).get(kunci), "kantor_id", None)
        if isinstance(kantor_id, int):
            return kantor_id
    return None
