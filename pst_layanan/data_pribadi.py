"""Personal data (UU 27/2022): export, erasure and the officers' access log.

Each app plugs its own data in through two registries, usually from its
AppConfig.ready():

    from pst_layanan import data_pribadi

    @data_pribadi.daftar_ekspor("transaksi")
    def _ekspor(pengguna) -> list | dict:        # JSON-able (dates/Decimals are fine)
        return [...]

    @data_pribadi.daftar_anonimisasi
    def _anonimkan(pengguna) -> None:            # inside the erasure transaction,
        ...                                      # before the user row is scrubbed

    @data_pribadi.daftar_akibat
    def _akibat(pengguna) -> list[str]:          # sentences for the erasure page:
        return [...]                             # what the erasure ends (open requests)

    @data_pribadi.daftar_tulisan
    def _tulisan(pengguna) -> Iterable[str]:     # free text the office's e-mails
        return [...]                             # may quote (a rating comment)

Erasure anonymises, it never deletes: transactions, ratings and visits keep
their foreign key to the (now anonymous) user, so the statistics stay whole.
Officers' views of someone's personal data are logged with `catat_akses`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from pst_layanan.models import BIODATA, AksesDataPribadi, Pengguna, Surel

Ekspor = Callable[[Pengguna], Any]
Anonimisasi = Callable[[Pengguna], None]
Akibat = Callable[[Pengguna], list[str]]
Tulisan = Callable[[Pengguna], Iterable[str]]
Bertugas = Callable[[Pengguna], bool]

_EKSPOR: dict[str, Ekspor] = {}
_ANONIMISASI: dict[str, Anonimisasi] = {}
_AKIBAT: dict[str, Akibat] = {}
_TULISAN: dict[str, Tulisan] = {}
_BERTUGAS: dict[str, Bertugas] = {}

# Biodata kept after erasure because statistics are reported by them; each
# is a category shared by many people, never an identifier.
DIPERTAHANKAN = ("jenis_kelamin", "pendidikan", "pekerjaan", "kategori_instansi")
# Biodata blanked on erasure.
DIKOSONGKAN = ("telepon", "tahun_lahir", "nama_instansi", "npwp")
DOMAIN_ANONIM = "anonim.invalid"  # RFC 2606: can never receive mail

BIODATA_EKSPOR = (
    "email",
    *BIODATA,
    "email_terverifikasi",
    "persetujuan_privasi_pada",
    "tanggal_daftar",
    "last_login",
)


def daftar_ekspor(bagian: str) -> Callable[[Ekspor], Ekspor]:
    """Register `fn(pengguna)` as section `bagian` of the visitor's download."""

    def daftar(fn: Ekspor) -> Ekspor:
        _EKSPOR[bagian] = fn
        return fn

    return daftar


def daftar_anonimisasi(fn: Anonimisasi) -> Anonimisasi:
    """Register `fn(pengguna)` to scrub an app's personal data on erasure."""
    _ANONIMISASI[f"{fn.__module__}.{fn.__qualname__}"] = fn
    return fn


def daftar_akibat(fn: Akibat) -> Akibat:
    """Register `fn(pengguna)`: sentences telling the owner, before they
    confirm, what their erasure ends of that app's (what `daftar_anonimisasi`
    cancels, what it leaves them unable to follow)."""
    _AKIBAT[f"{fn.__module__}.{fn.__qualname__}"] = fn
    return fn


def daftar_tulisan(fn: Tulisan) -> Tulisan:
    """Register `fn(pengguna)`: the free text about the person that the
    office's e-mails quote (a rating comment, an appointment's purpose);
    erasure takes it out of those still to be sent, with their name."""
    _TULISAN[f"{fn.__module__}.{fn.__qualname__}"] = fn
    return fn


def daftar_bertugas(fn: Bertugas) -> Bertugas:
    """Register `fn(pengguna)`: whether an app's records name them as the
    officer who acted on someone else's business (a check, a served visit)."""
    _BERTUGAS[f"{fn.__module__}.{fn.__qualname__}"] = fn
    return fn


def akibat(pengguna: Pengguna) -> list[str]:
    return [kalimat for fn in _AKIBAT.values() for kalimat in fn(pengguna)]


class HapusDitolak(Exception):
    """This account cannot be erased by its owner (e.g. an officer)."""


def ekspor(pengguna: Pengguna) -> dict[str, Any]:
    """Everything held about `pengguna`, one section per registered app."""
    data: dict[str, Any] = {
        "dibuat_pada": timezone.now(),
        "profil": terbaca(Pengguna, {nama: getattr(pengguna, nama) for nama in BIODATA_EKSPOR}),
    }
    for bagian, fn in _EKSPOR.items():
        data[bagian] = fn(pengguna)
    return _jam_kantor(data)


def _jam_kantor(nilai):
    """`nilai` with every moment in the office's time, with its offset: the
    download is read by a person, who never sees the database's UTC."""
    if isinstance(nilai, datetime) and timezone.is_aware(nilai):
        return timezone.localtime(nilai)
    if isinstance(nilai, dict):
        return {kunci: _jam_kantor(isi) for kunci, isi in nilai.items()}
    if isinstance(nilai, list | tuple):
        return [_jam_kantor(isi) for isi in nilai]
    return nilai


def terbaca(model, baris: dict[str, Any]) -> dict[str, Any]:
    """`baris` (a `.values()` row of `model`, lookups like "tiket__status"
    allowed) with each stored choice code written as the label the site
    shows, in the active language: the download is read by a person."""
    for kunci, nilai in baris.items():
        pilihan = dict(_kolom(model, kunci).flatchoices)
        if isinstance(nilai, str) and nilai in pilihan:
            baris[kunci] = str(pilihan[nilai])
    return baris


def _kolom(model, kunci: str):
    *jalan, nama = kunci.split("__")
    for relasi in jalan:
        model = model._meta.get_field(relasi).related_model
    return model._meta.get_field(nama)


def _surel_untuk(email: str):
    """Outbox rows addressed to `email` (a JSON list; compared as text so it works on SQLite and PostgreSQL)."""
    return Surel.objects.annotate(_penerima=Cast("penerima", TextField())).filter(_penerima__contains=f'"{email}"')


@daftar_ekspor("surel")
def _ekspor_surel(pengguna: Pengguna) -> list[dict]:
    return [
        terbaca(Surel, baris)
        for baris in _surel_untuk(pengguna.email)
        .order_by("dibuat_pada")
        .values("subjek", "isi", "status", "dibuat_pada", "terkirim_pada")
    ]


ISI_DIHAPUS = "[isi dihapus atas permintaan penghapusan data pribadi]"


def _anonimkan_surel(pengguna: Pengguna, sebutan: re.Pattern) -> None:
    """E-mails to the person hold their name and address: sent ones lose their
    subject and content, unsent ones are dropped (no mail to an erased
    person). E-mails to the office about them (an appointment request, an
    officer's notice) that name them or their address: a sent one is
    emptied; one still to be sent loses only what `sebutan` matches, as it
    may be a list naming others the officers still have to act on."""
    for surel in _surel_untuk(pengguna.email).select_for_update():
        if surel.status != Surel.Status.TERKIRIM:
            surel.delete()
            continue
        surel.penerima = [email_anonim(pengguna) if p == pengguna.email else p for p in surel.penerima]
        surel.subjek, surel.isi = "[dihapus]", ISI_DIHAPUS
        # A refusal kept from an earlier try names the refused address.
        surel.galat_terakhir = sebutan.sub("[dihapus]", surel.galat_terakhir)
        surel.save(update_fields=["penerima", "subjek", "isi", "galat_terakhir"])
    menyebut = Q(isi__icontains=pengguna.email) | Q(subjek__icontains=pengguna.email)
    if nama := _nama_utuh(pengguna):
        menyebut |= Q(isi__icontains=nama) | Q(subjek__icontains=nama)
    tentang = Surel.objects.filter(menyebut)
    tentang.filter(status=Surel.Status.TERKIRIM).update(subjek="[dihapus]", isi=ISI_DIHAPUS)
    for surel in tentang.exclude(status=Surel.Status.TERKIRIM).select_for_update():
        surel.subjek, surel.isi = sebutan.sub("[dihapus]", surel.subjek), sebutan.sub("[dihapus]", surel.isi)
        surel.save(update_fields=["subjek", "isi"])


def _nama_utuh(pengguna: Pengguna) -> str:
    """The name, when it is a full name and not a fragment shared by many."""
    nama = pengguna.nama_lengkap.strip()
    return nama if len(nama) >= 5 else ""


def identitas(pengguna: Pengguna) -> list[str]:
    """What names the person in a text: their name, contacts and institution."""
    return [_nama_utuh(pengguna), pengguna.email, pengguna.telepon, pengguna.npwp, pengguna.nama_instansi]


def pola_sebutan(teks: Iterable[str]) -> re.Pattern:
    """A pattern finding any of `teks` (case aside), longest first: a quoted
    text that holds the name goes whole. Shorter strings than five characters
    ("ok", "BPS") are left out: they would cut into words about others."""
    utuh = sorted({t.strip() for t in teks if len(t.strip()) >= 5}, key=len, reverse=True)
    return re.compile("|".join(map(_pola_teks, utuh)) or "(?!)", re.IGNORECASE)


# Between two lines of a text as it is quoted: an e-mail quotes it line by
# line (`format.kutip`: "> ", trailing spaces dropped), a subject on one line
# (`notifikasi.satu_baris`), and a browser sends its lines ending in CRLF.
_ANTAR_BARIS = r"\s*(?:>[ \t]?)?"


def _pola_teks(teks: str) -> str:
    """`teks` found as stored and as an e-mail quotes it."""
    return _ANTAR_BARIS.join(re.escape(baris.rstrip()) for baris in teks.splitlines())


def _sebutan(pengguna: Pengguna) -> re.Pattern:
    """The person's identity and the free text about them the apps register
    (read before the apps blank it)."""
    return pola_sebutan([*identitas(pengguna), *(t for fn in _TULISAN.values() for t in fn(pengguna))])


@daftar_ekspor("riwayat_masuk")
def _ekspor_riwayat_masuk(pengguna: Pengguna) -> list[dict]:
    return list(
        AccessLog.objects.filter(username=pengguna.email)
        .order_by("attempt_time")
        .values("attempt_time", "logout_time", "ip_address", "user_agent")
    )


@daftar_anonimisasi
def _anonimkan_catatan_admin(pengguna: Pengguna) -> None:
    """The back office's history names a changed account by its text ("Andi
    <andi@contoh.id>"): the account's own entries, and any other entry whose
    text carries the address, are renamed (the field lists it records stay)."""
    jenis = ContentType.objects.get_for_model(Pengguna)
    sendiri = LogEntry.objects.filter(content_type=jenis, object_id=str(pengguna.pk))
    sendiri.update(object_repr=f"Pengguna terhapus #{pengguna.pk}")
    LogEntry.objects.filter(object_repr__icontains=pengguna.email).update(object_repr="[dihapus]")


@daftar_anonimisasi
def _anonimkan_riwayat_masuk(pengguna: Pengguna) -> None:
    """Login records pair the e-mail with network addresses: they go."""
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        model.objects.filter(username=pengguna.email).delete()


def email_anonim(pengguna: Pengguna) -> str:
    return f"terhapus-{pengguna.pk}@{DOMAIN_ANONIM}"


def boleh_dihapus_sendiri(pengguna: Pengguna) -> bool:
    """Officers' accounts are closed by a supervisor: their name is on official
    records. So is a former officer's (roles taken away), whose erasure would
    have those records name an erased account as the one who acted."""
    if pengguna.is_staff or pengguna.is_superuser or pengguna.groups.exists():
        return False
    return not any(fn(pengguna) for fn in _BERTUGAS.values())


def anonimkan(pengguna: Pengguna) -> Pengguna:
    """Erase a visitor's personal data, keeping their anonymous statistics."""
    with transaction.atomic():
        # Not a key lock: a move the visitor made a moment ago (an invoice
        # correction in another tab) checks its rows' reference to them when
        # it commits, after the erasure has asked for that transaction's row;
        # under a full lock each would wait for the other.
        pengguna = Pengguna.objects.select_for_update(no_key=True).get(pk=pengguna.pk)
        if pengguna.dianonimkan_pada:
            return pengguna
        if not boleh_dihapus_sendiri(pengguna):
            raise HapusDitolak(_("Akun petugas tidak dapat dihapus sendiri; hubungi supervisor."))
        sebutan = _sebutan(pengguna)
        for fn in _ANONIMISASI.values():
            fn(pengguna)
        # Last: the apps' own steps (a cancellation) may have queued mail to them.
        _anonimkan_surel(pengguna, sebutan)
        pengguna.nama_lengkap = f"Pengguna terhapus #{pengguna.pk}"
        pengguna.email = email_anonim(pengguna)
        for nama in DIKOSONGKAN:
            setattr(pengguna, nama, pengguna._meta.get_field(nama).get_default())
        pengguna.set_unusable_password()  # also ends every open session
        pengguna.is_active = False
        pengguna.email_terverifikasi = False
        pengguna.dianonimkan_pada = timezone.now()
        pengguna.save()
    return pengguna


def catat_akses(petugas: Pengguna, subjek: Pengguna, halaman: str) -> AksesDataPribadi | None:
    """Log that `petugas` viewed `subjek`'s personal data on `halaman`
    (usually `request.path`). Call it in the officer's view of a full
    record, not in every htmx partial. Looking at one's own data is not logged."""
    if subjek is None or petugas.pk == subjek.pk:
        return None
    return AksesDataPribadi.objects.create(petugas=petugas, subjek=subjek, halaman=_halaman(halaman))


def catat_akses_banyak(petugas: Pengguna, subjek_ids, halaman: str) -> None:
    """`catat_akses` for every person in a list or an export at once (ids,
    e.g. a `values_list`): one insert, the officer's own record left out."""
    waktu, halaman = timezone.now(), _halaman(halaman)
    AksesDataPribadi.objects.bulk_create(
        (
            AksesDataPribadi(petugas=petugas, subjek_id=pk, halaman=halaman, waktu=waktu)
            for pk in subjek_ids
            if pk != petugas.pk
        ),
        batch_size=500,
    )


def _halaman(halaman: str) -> str:
    return halaman[: AksesDataPribadi._meta.get_field("halaman").max_length]


def samar_email(email: str) -> str:
    """The address as m***@unib.ac.id: enough for the person asked to say
    "that is mine", too little to write to them."""
    nama, at, domain = (email or "").rpartition("@")
    return f"{nama[:1]}***@{domain}" if at else "***"


def samar_telepon(telepon: str) -> str:
    """The number as ***0000: the last four digits of a full number only."""
    angka = "".join(c for c in telepon or "" if c.isdigit())
    if not angka:
        return ""
    return f"***{angka[-4:]}" if len(angka) >= 8 else "***"
