"""Every state change of the front desk, one function each.

Views, admin actions and tests call these; none of them changes a ticket,
visit or appointment by hand. A refused action raises `AntrianError` (or a
subclass) with a message in Indonesian meant for the person at the screen,
and leaves the database unchanged.
"""

from __future__ import annotations

import logging
import random
import re
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from antrian.bukutamu import IsianBukuTamu, buat_kunjungan, isi_ulang_kunjungan
from antrian.models import (
    AKHIR_HARI,
    AKTIF_DI_LOKET,
    HASIL_PETUGAS,
    POLA_TOKEN_KIRIM,
    TERBUKA,
    HasilKunjungan,
    JanjiTemu,
    Kanal,
    Kedatangan,
    Kunjungan,
    Layanan,
    Loket,
    PenghitungAntrian,
    PengumumanLayar,
    RiwayatTiket,
    StatusJanji,
    StatusTiket,
    Tiket,
    batas_prioritas,
    q_didahulukan,
)
from pst_layanan import akun, kalender
from pst_layanan.bahasa import bahasa_kantor
from pst_layanan.format import jam as jam_teks
from pst_layanan.format import kata_bilangan, lama_tetap, tanggal_panjang, waktu_panjang
from pst_layanan.kantor import kantor
from pst_layanan.models import cocok_nama, kantor_bawaan, rapikan_telepon
from pst_layanan.notifikasi import kirim_surel
from pst_layanan.sop import SOP

log = logging.getLogger(__name__)

# How long a desk waits for another desk's ticket lock before "try again".
BATAS_TUNGGU_KUNCI_MS = 5000

Aksi = RiwayatTiket.Aksi
S = StatusTiket

# The allowed moves of a ticket, the one table: action → (from, to).
TRANSISI: dict[str, tuple[frozenset[str], str]] = {
    Aksi.PANGGIL: (frozenset({S.MENUNGGU}), S.DIPANGGIL),
    Aksi.PANGGIL_ULANG: (frozenset({S.DIPANGGIL, S.DILEWATI}), S.DIPANGGIL),
    Aksi.LEWATI: (frozenset({S.DIPANGGIL}), S.DILEWATI),
    Aksi.MULAI: (frozenset({S.DIPANGGIL}), S.DILAYANI),
    Aksi.SELESAI: (frozenset({S.DILAYANI}), S.SELESAI),
    Aksi.ALIHKAN: (frozenset({S.MENUNGGU, S.DIPANGGIL, S.DILAYANI}), S.MENUNGGU),
}
# The end-of-day close moves by `AKHIR_HARI` (models), not through this table.

_KATA_KERJA = {
    Aksi.PANGGIL: gettext_lazy("dipanggil"),
    Aksi.PANGGIL_ULANG: gettext_lazy("dipanggil ulang"),
    Aksi.LEWATI: gettext_lazy("dilewati"),
    Aksi.MULAI: gettext_lazy("mulai dilayani"),
    Aksi.SELESAI: gettext_lazy("diselesaikan"),
    Aksi.ALIHKAN: gettext_lazy("dialihkan"),
}


class AntrianError(Exception):
    """A refused front-desk action; str(exc) is shown to the user."""


class AntrianSibuk(AntrianError):
    def __init__(self):
        super().__init__(_("Sistem antrian sedang sibuk melayani loket lain. Silakan coba lagi sebentar."))


class DiLuarJamLayanan(AntrianError):
    pass


class TiketDilewati(AntrianError):
    """The visitor's ticket of the day for the service was skipped: the counter
    calls it back (`_tolak_bila_dilewati`)."""

    def __init__(self, pesan: str, tiket: Tiket):
        super().__init__(pesan)
        self.tiket = tiket


class LoketNonaktif(AntrianError):
    """The counter was switched off while its page was open."""

    def __init__(self, loket):
        super().__init__(_("%(loket)s sudah dinonaktifkan; pilih loket lain.") % {"loket": loket})


# --- Service hours -----------------------------------------------------------


def teks_jam_layanan(kantor_id: int | None = None) -> str:
    k = kantor(kantor_id)
    return _(
        "Senin–Kamis %(buka)s–%(tutup_senin_kamis)s WIB, Jumat %(buka)s–%(tutup_jumat)s WIB (kecuali hari libur)"
    ) % {
        "buka": jam_teks(k.jam_buka),
        "tutup_senin_kamis": jam_teks(k.jam_tutup_senin_kamis),
        "tutup_jumat": jam_teks(k.jam_tutup_jumat),
    }


def antrian_buka(waktu: datetime | None = None, kantor_id: int | None = None) -> bool:
    """Whether the office's queue takes walk-ins at `waktu`: during its service
    hours, or at any hour while the demo switch is on (never in production)."""
    return settings.PST_DEMO_BUKA_SEPANJANG_WAKTU or kalender.dalam_jam_layanan(waktu or timezone.now(), kantor_id)


def _dilayani_loket(kantor_id: int) -> QuerySet:
    return Loket.objects.filter(kantor=kantor_id, aktif=True).values("layanan")


def layanan_aktif(kantor_id: int) -> list[Layanan]:
    """The active services (none: the desk issues no ticket), each with
    `berloket`, whether an active counter of the office serves it: a ticket
    for one that is not waits all day, since no counter can call it (a new
    office before its supervisor adds its counters)."""
    berloket = ExpressionWrapper(Q(pk__in=_dilayani_loket(kantor_id)), output_field=BooleanField())
    return list(Layanan.objects.filter(aktif=True).annotate(berloket=berloket))


def layanan_berloket(kantor_id: int) -> QuerySet[Layanan]:
    """The active services an active counter of the office calls: where a
    counter may send a visitor (`alihkan`)."""
    return Layanan.objects.filter(aktif=True, pk__in=_dilayani_loket(kantor_id))


def waktu_cek_jam(kedatangan) -> datetime | None:
    """The instant a walk-in's service hours are checked at: the recorded
    arrival when there is one (a visitor who reached the desk before the close
    is still registered after it; today's arrivals only, see
    _lampirkan_kedatangan), otherwise now."""
    return kedatangan.tiba_pada if kedatangan else None


def pastikan_jam_layanan(waktu: datetime | None = None, kantor_id: int | None = None) -> None:
    """Walk-in tickets only during service hours; outside them, an appointment."""
    if not antrian_buka(waktu, kantor_id):
        raise DiLuarJamLayanan(
            _(
                "Di luar jam layanan. Jam layanan PST: %(jam)s. "
                "Di luar jam tersebut pengunjung dapat membuat janji temu."
            )
            % {"jam": teks_jam_layanan(kantor_id)}
        )


# --- Ticket numbers ------------------------------------------------------------


def _atur_batas_tunggu_kunci() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{int(BATAS_TUNGGU_KUNCI_MS)}ms'")


def nomor_berikutnya(layanan: Layanan, tanggal, kantor_id: int) -> int:
    """Next number for (office, day, service) under a row lock on its counter row.

    Must run inside transaction.atomic(); the lock is held until commit, so
    call it late (after the other writes of the transaction).
    """
    _atur_batas_tunggu_kunci()
    kunci = {"kantor_id": kantor_id, "tanggal": tanggal, "layanan": layanan}
    PenghitungAntrian.objects.bulk_create([PenghitungAntrian(**kunci)], ignore_conflicts=True)
    baris = PenghitungAntrian.objects.select_for_update().get(**kunci)
    baris.terakhir += 1
    baris.save(update_fields=["terakhir"])
    return baris.terakhir


def _berkunci(kerja):
    """Run `kerja()` in one transaction that takes a scarce lock.

    A lock wait that times out (PostgreSQL `lock_timeout`; SQLite "database
    is locked", retried until the same deadline because the in-memory test
    database does not wait by itself) becomes the friendly AntrianSibuk,
    never a 500. A retry is safe: the failed attempt rolled back entirely.
    """
    batas = time.monotonic() + BATAS_TUNGGU_KUNCI_MS / 1000
    boleh_ulang = connection.vendor == "sqlite" and not connection.in_atomic_block
    while True:
        try:
            with transaction.atomic():
                return kerja()
        except OperationalError as exc:
            if boleh_ulang and "locked" in str(exc) and time.monotonic() < batas:
                time.sleep(random.uniform(0.005, 0.03))
                continue
            log.warning("Kunci nomor antrian tidak didapat: %s", exc)
            raise AntrianSibuk() from exc


def _terbitkan_tiket(kunjungan: Kunjungan, oleh=None, janji_pada: datetime | None = None) -> Tiket:
    """Issue today's next ticket for the visit; `janji_pada` (the booked time
    of a checked-in appointment) makes it a priority ticket from that time
    minus the office's margin."""
    sekarang = timezone.now()
    tanggal = timezone.localdate(sekarang)
    nomor = nomor_berikutnya(kunjungan.layanan, tanggal, kunjungan.kantor_id)
    tiket = Tiket.objects.create(
        kunjungan=kunjungan,
        kantor_id=kunjungan.kantor_id,
        layanan=kunjungan.layanan,
        tanggal=tanggal,
        nomor=nomor,
        prioritas=janji_pada is not None,
        janji_pada=janji_pada,
        diambil_pada=sekarang,
    )
    _catat(tiket, Aksi.AMBIL, "", oleh, None, "Janji temu" if janji_pada else "")
    return tiket


VERSI_ANTRIAN = "antrian:versi"


def versi_antrian() -> str:
    """Changes whenever a ticket changes (after commit): pages that show the
    queue to many screens at once cache their rendering under it."""
    return cache.get_or_set(VERSI_ANTRIAN, lambda: uuid.uuid4().hex, None)


def antrian_berubah() -> None:
    """After commit of anything the queue's screens show: they render anew."""
    transaction.on_commit(lambda: cache.set(VERSI_ANTRIAN, uuid.uuid4().hex, None))


def atur_pengumuman_layar(teks: str, oleh, kantor_id: int | None = None) -> PengumumanLayar:
    """Office `kantor_id`'s announcement line on its waiting-room displays
    (empty: none); the provincial office's when None. Another office's
    screens keep their own line."""
    with transaction.atomic():
        baris, _dibuat = PengumumanLayar.objects.update_or_create(
            kantor_id=kantor_id or kantor_bawaan(), defaults={"teks": " ".join(teks.split()), "diubah_oleh": oleh}
        )
        antrian_berubah()
    return baris


def _catat(tiket: Tiket, aksi: str, dari: str, oleh, loket, catatan: str = "") -> RiwayatTiket:
    antrian_berubah()
    return RiwayatTiket.objects.create(
        tiket=tiket,
        aksi=aksi,
        kode_tiket=tiket.kode,
        dari=dari,
        ke=tiket.status,
        loket=loket,
        oleh=oleh if getattr(oleh, "pk", None) else None,
        catatan=catatan,
    )


# --- Guest book ------------------------------------------------------------------


def daftar_tamu_baru(email: str, biodata_form, kantor_id: int):
    """Create the account of a walk-in from the desk's BiodataForm (already
    valid, consent given) and e-mail them the set-password link, from the
    office `kantor_id` whose desk registered them."""
    data = {nama: biodata_form.cleaned_data[nama] for nama in biodata_form._meta.fields}
    user = get_user_model()(email=email.strip().lower(), **data)
    user.set_unusable_password()
    user.catat_persetujuan()
    user.save()
    akun.kirim_undangan(user, kantor_id)
    return user


# --- Arrival (SOP step 3 starts here) -------------------------------------------------


def catat_kedatangan(oleh=None, kantor_id: int | None = None, token_kirim: str = "") -> Kedatangan:
    """ "Tamu datang": the visitor reached the desk now. Gets the day's next
    arrival number at once, before any form is filled, so the registration
    that follows is measured from this instant. Refused outside service
    hours (a visitor waiting for the opening is not yet the office's time).

    The button pressed twice (a double tap on the lobby tablet, a click
    repeated while the page loads; same `token_kirim`) gets the arrival its
    first press recorded: a second one would wait at the desk for nobody."""
    token_kirim = token_kirim if re.fullmatch(POLA_TOKEN_KIRIM, token_kirim or "") else None
    if sudah := _kedatangan_token(token_kirim):
        return sudah
    kantor_id = kantor_id or kantor_bawaan()
    pastikan_jam_layanan(kantor_id=kantor_id)
    sekarang = timezone.now()
    tanggal = timezone.localdate(sekarang)
    # Every round one of the desks pressing at once gets its number, so
    # retrying until the lock-wait deadline serves them all; a short random
    # pause keeps them from reading the same last number again.
    batas = time.monotonic() + BATAS_TUNGGU_KUNCI_MS / 1000
    while True:
        terakhir = Kedatangan.objects.filter(kantor=kantor_id, tanggal=tanggal).aggregate(n=Max("nomor"))["n"] or 0
        try:
            with transaction.atomic():
                return Kedatangan.objects.create(
                    kantor_id=kantor_id,
                    tanggal=tanggal,
                    nomor=terakhir + 1,
                    tiba_pada=sekarang,
                    dicatat_oleh=oleh,
                    token_kirim=token_kirim,
                )
        except IntegrityError:
            if sudah := _kedatangan_token(token_kirim):  # the other press committed first
                return sudah
            if time.monotonic() >= batas:
                raise AntrianSibuk() from None
            time.sleep(random.uniform(0.001, 0.01))


def _kedatangan_token(token_kirim: str | None) -> Kedatangan | None:
    return Kedatangan.objects.filter(token_kirim=token_kirim).first() if token_kirim else None


def _lampirkan_kedatangan(kedatangan: Kedatangan, kunjungan: Kunjungan) -> None:
    """Attach the visit to its arrival, once (compare-and-set: a second desk
    registering the same arrival is refused and rolls back its visit)."""
    diambil = Kedatangan.objects.filter(pk=kedatangan.pk, kunjungan__isnull=True, tanggal=timezone.localdate()).update(
        kunjungan=kunjungan
    )
    if not diambil:
        raise AntrianError(
            _("Kedatangan %(kode)s sudah didaftarkan atau bukan dari hari ini. Pilih kedatangan lain.")
            % {"kode": kedatangan.kode}
        )


def _lampirkan_bila_belum(kedatangan: Kedatangan | None, kunjungan: Kunjungan) -> None:
    """An arrival registered for a visitor who already holds their ticket goes
    to that visit, if it has none: left unattached, it would wait on the desk's
    list all day for nobody. (Being after the ticket, it measures no step 3.)"""
    if kedatangan is not None and not Kedatangan.objects.filter(kunjungan=kunjungan).exists():
        _lampirkan_kedatangan(kedatangan, kunjungan)


def kunjungan_langsung(
    oleh,
    layanan: Layanan,
    pengunjung=None,
    email_baru: str = "",
    biodata_baru=None,
    keperluan: str = "",
    token_kirim: str = "",
    kedatangan: Kedatangan | None = None,
    isian: IsianBukuTamu | None = None,
    kantor_id: int | None = None,
) -> Tiket:
    """The desk's one button: (register the walk-in,) record the visit and
    issue the ticket. Refused outside service hours. The visit carries its
    guest-book codes (`isian`). With `kedatangan` the
    visit's arrival is the recorded "Tamu datang" instant.

    At most one ticket per submission and per visitor: the same form sent
    again (double click, a retry, two requests at once; same `token_kirim`)
    or a visitor who already holds a waiting or called ticket today for this
    service gets that ticket back, marked `diulang = True`, and nothing new
    is recorded. The visit and ticket are office `kantor_id`'s (the desk's)."""
    kantor_id = kedatangan.kantor_id if kedatangan else kantor_id or kantor_bawaan()
    pastikan_jam_layanan(waktu_cek_jam(kedatangan), kantor_id=kantor_id)

    def kerja():
        sudah = tiket_kiriman_sama(token_kirim, layanan, pengunjung, email_baru, kedatangan)
        if sudah:
            return sudah
        tamu = pengunjung or daftar_tamu_baru(email_baru, biodata_baru, kantor_id)
        sudah = _tiket_terbuka(tamu, layanan, kantor_id)
        if sudah:
            _lampirkan_bila_belum(kedatangan, sudah.kunjungan)
            return sudah
        _tolak_bila_dilewati(tamu, layanan, kantor_id)
        tiba = {"tiba_pada": kedatangan.tiba_pada} if kedatangan else {}
        kunjungan = buat_kunjungan(
            tamu,
            isian,
            layanan=layanan,
            kanal=Kanal.LANGSUNG,
            keperluan=keperluan,
            dicatat_oleh=oleh,
            kantor_id=kantor_id,
            token_kirim=token_kirim if token_kirim and not _token_terpakai(token_kirim) else None,
            **tiba,
        )
        if kedatangan:
            _lampirkan_kedatangan(kedatangan, kunjungan)
        return _terbitkan_tiket(kunjungan, oleh)

    try:
        return _berkunci(kerja)
    except TiketDilewati as exc:
        # The visitor came back for that number: their recorded arrival is
        # theirs, or it would wait on the desk's list all day for nobody.
        # (The refusal rolled the registration back; this is saved on its own.)
        if kedatangan is not None:
            with transaction.atomic():
                _lampirkan_bila_belum(kedatangan, exc.tiket.kunjungan)
        raise
    except IntegrityError:
        # A concurrent submission committed first: the same form (its token
        # is now taken) or the same new visitor's e-mail from another tab.
        sudah = tiket_kiriman_sama(token_kirim, layanan, pengunjung, email_baru, kedatangan)
        if sudah:
            return sudah
        raise AntrianError(_("E-mail ini sudah terdaftar: cari pengunjung itu di kolom pencarian.")) from None


def _diulang(tiket: Tiket | None) -> Tiket | None:
    if tiket is not None:
        tiket.diulang = True
    return tiket


def _dengan_pengunjung():
    return Tiket.objects.select_related("layanan", "loket", "kunjungan__pengunjung")


def _token_terpakai(token: str) -> bool:
    return Kunjungan.objects.filter(token_kirim=token).exists()


def tiket_kiriman_sama(
    token: str, layanan: Layanan, pengunjung, email_baru: str, kedatangan: Kedatangan | None = None
) -> Tiket | None:
    """The ticket an earlier submission of this very form issued: the same
    token, or the same recorded arrival (the browser's "back" may bring the
    filled form again under a fresh token). A form sent again with another
    visitor or service is a new submission."""
    sama_kiriman = (Q(kunjungan__token_kirim=token) if token else Q()) | (
        Q(kunjungan__kedatangan=kedatangan) if kedatangan else Q()
    )
    if not sama_kiriman:
        return None
    tiket = _dengan_pengunjung().filter(sama_kiriman).order_by("pk").first()
    if tiket is None or tiket.layanan_id != layanan.pk:
        return None
    tamu = tiket.kunjungan.pengunjung
    sama = tamu.pk == pengunjung.pk if pengunjung else tamu.email == email_baru.strip().lower()
    return _diulang(tiket) if sama else None


def kunci_pengunjung(user) -> None:
    """Lock the visitor's row (`user`, or its id) until the end of the
    database transaction: two submissions by one visitor (a double click,
    two tabs, two desks) take turns, so the second finds what the first made."""
    pk = getattr(user, "pk", user)
    list(get_user_model().objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))


def yang_sama_hari_ini(user, rows: QuerySet, kolom_waktu: str, **sama):
    """The first of `rows` made today (office time, by `kolom_waktu`) with the
    values `sama`: what a form sent again by `user` (a double click) already
    made. The visitor's row is locked first, so two sendings at once take
    turns and the second finds the first."""
    kunci_pengunjung(user)
    return rows.filter(**{f"{kolom_waktu}__date": timezone.localdate()}, **sama).order_by("pk").first()


def _tiket_terbuka(tamu, layanan: Layanan, kantor_id: int) -> Tiket | None:
    """The visitor's waiting or called ticket of today for `layanan` at the office. Locks the
    visitor's row first, so two desks issuing for one visitor take turns and
    the second sees the first one's ticket."""
    _atur_batas_tunggu_kunci()
    kunci_pengunjung(tamu)
    tiket = (
        _dengan_pengunjung()
        .hari_ini()
        .filter(kantor=kantor_id, kunjungan__pengunjung=tamu, layanan=layanan, status__in=TERBUKA)
        .order_by("pk")
        .first()
    )
    return _diulang(tiket)


def _tolak_bila_dilewati(tamu, layanan: Layanan, kantor_id: int) -> None:
    """A visitor whose number was skipped comes back to the desk (their ticket
    page tells them to): the counter calls that number back. A new ticket would
    send them to the back of the queue and count one visit twice, once as a no-show."""
    dilewati = _tiket_dilewati(tamu, layanan, kantor_id)
    if dilewati:
        raise TiketDilewati(
            _(
                "Tiket %(kode)s milik %(nama)s hari ini dilewati karena tidak hadir saat dipanggil. "
                "Minta petugas loket memanggilnya ulang (Panggil ulang); tidak ada tiket baru."
            )
            % {"kode": dilewati.kode, "nama": tamu.nama_lengkap},
            dilewati,
        )


def _tiket_dilewati(tamu, layanan: Layanan, kantor_id: int) -> Tiket | None:
    """The visitor's ticket of today for `layanan` at the office that was skipped."""
    return (
        _dengan_pengunjung()
        .hari_ini()
        .filter(kantor=kantor_id, kunjungan__pengunjung=tamu, layanan=layanan, status=S.DILEWATI)
        .order_by("pk")
        .first()
    )


def catat_kunjungan_online(
    user, layanan: Layanan, keperluan: str = "", isian: IsianBukuTamu | None = None, kantor_id: int | None = None
) -> Kunjungan:
    """An online guest-book entry by a logged-in visitor at the office they chose (no queue ticket)."""
    with transaction.atomic():
        return buat_kunjungan(
            user,
            isian,
            layanan=layanan,
            kanal=Kanal.ONLINE,
            keperluan=keperluan,
            kantor_id=kantor_id or kantor_bawaan(),
        )


def isi_buku_tamu_online(
    user, layanan: Layanan, keperluan: str, isian: IsianBukuTamu, kantor_id: int | None = None
) -> Kunjungan:
    """The visitor's own online guest-book form: one online visit per visitor,
    office and day, as BPS's guest book counts visits. Sent again the same
    day (a double click, another purpose or service) it updates that visit
    (`bukutamu.isi_ulang_kunjungan`), marked `diulang = True`, instead of
    adding one to the month's guest book and the dashboards."""
    kantor_id = kantor_id or kantor_bawaan()
    with transaction.atomic():
        hari_ini = kunjungan_online_hari_ini(user, kantor_id)
        if hari_ini is None:
            return catat_kunjungan_online(user, layanan, keperluan, isian, kantor_id)
        k = isi_ulang_kunjungan(hari_ini, isian, layanan, keperluan)
        k.diulang = True
        return k


def kunjungan_online_hari_ini(user, kantor_id: int) -> Kunjungan | None:
    """Today's online visit of `user` at the office, the visitor's row locked
    first (so two sendings at once find one visit)."""
    return yang_sama_hari_ini(
        user, Kunjungan.objects.filter(kantor=kantor_id, pengunjung=user, kanal=Kanal.ONLINE), "tiba_pada"
    )


# --- Ticket transitions -------------------------------------------------------------


def _kunci_tiket(tiket: Tiket | int, di_loket: Loket | None) -> Tiket:
    """Lock the ticket a counter acts on. A counter never touches another
    office's ticket: to it that ticket does not exist, before any check could
    name its code, status or counter."""
    pk = tiket.pk if isinstance(tiket, Tiket) else tiket
    qs = Tiket.objects.all() if di_loket is None else Tiket.objects.filter(kantor_id=di_loket.kantor_id)
    return _kunci_lalu_baca(qs, pk, "layanan", "loket", "kunjungan")


def _kunci_lalu_baca(qs: QuerySet, pk: int, *terkait: str):
    """Row `pk` of `qs` locked, then read with its `terkait` rows. Locked
    alone: a lock taken in the joined read, after waiting for a move that
    changed a joined key (a ticket transferred to another service), rechecks
    the join against the row read before the wait and finds no row at all."""
    qs.select_for_update().values_list("pk", flat=True).get(pk=pk)
    return qs.select_related(*terkait).get(pk=pk)


def _periksa(tiket: Tiket, aksi: str) -> str:
    """Refuse a move not in TRANSISI, or on a ticket of an earlier office day
    (that day is over: the end-of-day close decides its outcome); return the
    target status."""
    if tiket.tanggal < timezone.localdate():
        raise AntrianError(
            _("Tiket %(kode)s berasal dari hari layanan %(tanggal)s yang sudah berakhir (%(status)s).")
            % {
                "kode": tiket.kode,
                "tanggal": f"{tiket.tanggal:%d-%m-%Y}",
                "status": tiket.get_status_berlaku_display(),
            }
        )
    asal, tujuan = TRANSISI[aksi]
    if tiket.status not in asal:
        raise AntrianError(
            _("Tiket %(kode)s berstatus “%(status)s”, sehingga tidak dapat %(tindakan)s.")
            % {"kode": tiket.kode, "status": tiket.get_status_display(), "tindakan": _KATA_KERJA[aksi]}
        )
    return tujuan


def _periksa_loket_sendiri(tiket: Tiket, loket: Loket) -> None:
    if tiket.loket_id != loket.pk:
        raise AntrianError(
            _("Tiket %(kode)s sedang ditangani %(loket_tiket)s, bukan %(loket)s.")
            % {"kode": tiket.kode, "loket_tiket": tiket.loket or _("loket lain"), "loket": loket}
        )


def _periksa_loket_kosong(loket: Loket) -> None:
    """The counter serves one ticket at a time, and only while it is active.
    Locks the counter row first, so two clicks on "call" at the same counter
    queue up instead of both passing the check (the partial unique constraint
    would then turn one into a 500), and a supervisor switching the counter
    off (`Loket.clean` takes the same lock) either waits for the call and sees
    its ticket, or is seen here: a ticket called to a closed counter would
    wait the day out."""
    if list(Loket.objects.select_for_update().filter(pk=loket.pk).values_list("aktif", flat=True)) != [True]:
        raise LoketNonaktif(loket)
    aktif = Tiket.objects.aktif_di_loket(loket).select_related("layanan").first()
    if aktif:
        raise AntrianError(
            _("%(loket)s masih menangani tiket %(kode)s. Selesaikan atau lewati dulu tiket itu.")
            % {"loket": loket, "kode": aktif.kode}
        )


def _pindah(tiket: Tiket, aksi: str, oleh, di_loket: Loket | None, catatan: str = "", **ubah) -> Tiket:
    """Move `tiket` by `aksi` (checked against TRANSISI), set the fields in
    `ubah`, and write the history row; the caller holds the row lock
    (`_kunci_tiket`, which also keeps a counter to its own office's tickets)."""
    dari = tiket.status
    tiket.status = _periksa(tiket, aksi)
    for nama, nilai in ubah.items():
        setattr(tiket, nama, nilai)
    tiket.save(update_fields=["status", "diubah_pada", *ubah])
    _catat(tiket, aksi, dari, oleh, di_loket, catatan)
    return tiket


def layanan_loket(loket: Loket) -> list[int]:
    return list(loket.layanan.values_list("pk", flat=True))


def antrian_untuk_loket(loket: Loket, layanan_ids: list[int] | None = None):
    """Today's waiting tickets this counter may call, in call order."""
    ids = layanan_loket(loket) if layanan_ids is None else layanan_ids
    antre = Tiket.objects.hari_ini().menunggu().filter(kantor=loket.kantor_id, layanan_id__in=ids)
    return antre.urut_panggilan(loket.kantor_id)


def panggil_berikutnya(loket: Loket, oleh) -> Tiket:
    """Call the next ticket for `loket`: checked-in appointments first, then
    arrival order. Two counters calling at once never get the same ticket."""
    with transaction.atomic():
        _periksa_loket_kosong(loket)
        antre = antrian_untuk_loket(loket)
        if connection.features.has_select_for_update_skip_locked:
            antre = antre.select_for_update(skip_locked=True)
        tiket = antre.first()
        if tiket is None:
            raise AntrianError(_("Tidak ada antrian yang menunggu untuk %(loket)s.") % {"loket": loket})
        return _panggil(_kunci_tiket(tiket, loket), loket, oleh)


def _panggil(tiket: Tiket, loket: Loket, oleh) -> Tiket:
    dipanggil_pada = tiket.dipanggil_pada or timezone.now()
    return _pindah(tiket, Aksi.PANGGIL, oleh, loket, loket=loket, dipanggil_pada=dipanggil_pada)


def _periksa_layanan_loket(tiket: Tiket, loket: Loket) -> None:
    """A counter calls only the services it serves, as its list shows them:
    a visitor called to a counter that cannot serve them waits there for nothing."""
    if tiket.layanan_id not in layanan_loket(loket):
        raise AntrianError(
            _("%(loket)s tidak melayani %(layanan)s; %(kode)s dipanggil oleh loket layanan itu.")
            % {"loket": loket, "layanan": tiket.layanan.nama, "kode": tiket.kode}
        )


def panggil(tiket: Tiket | int, loket: Loket, oleh) -> Tiket:
    """Call one particular waiting ticket (e.g. chosen from the list)."""
    with transaction.atomic():
        tiket = _kunci_tiket(tiket, loket)
        _periksa(tiket, Aksi.PANGGIL)
        _periksa_layanan_loket(tiket, loket)
        _periksa_loket_kosong(loket)
        return _panggil(tiket, loket, oleh)


def panggil_ulang(tiket: Tiket | int, loket: Loket, oleh) -> Tiket:
    """Recall: announce again, or call back a skipped visitor who turned up."""
    with transaction.atomic():
        tiket = _kunci_tiket(tiket, loket)
        _periksa(tiket, Aksi.PANGGIL_ULANG)
        if tiket.status == S.DILEWATI:
            _periksa_layanan_loket(tiket, loket)
            _periksa_loket_kosong(loket)
        else:
            _periksa_loket_sendiri(tiket, loket)
        return _pindah(tiket, Aksi.PANGGIL_ULANG, oleh, loket, loket=loket)


def lewati(tiket: Tiket | int, loket: Loket, oleh) -> Tiket:
    """The called visitor did not come (no-show)."""
    with transaction.atomic():
        tiket = _kunci_tiket(tiket, loket)
        _periksa(tiket, Aksi.LEWATI)
        _periksa_loket_sendiri(tiket, loket)
        return _pindah(tiket, Aksi.LEWATI, oleh, loket)


def mulai_layani(tiket: Tiket | int, loket: Loket, oleh) -> Tiket:
    with transaction.atomic():
        tiket = _kunci_tiket(tiket, loket)
        _periksa(tiket, Aksi.MULAI)
        _periksa_loket_sendiri(tiket, loket)
        Kunjungan.objects.filter(pk=tiket.kunjungan_id).update(petugas=oleh)
        return _pindah(tiket, Aksi.MULAI, oleh, loket, mulai_pada=timezone.now())


def selesai(tiket: Tiket | int, loket: Loket, oleh, hasil: str, catatan: str = "") -> Tiket:
    """Finish serving: completes the visit-history record with the outcome."""
    if hasil not in dict(HASIL_PETUGAS):
        raise AntrianError(_("Pilih hasil kunjungan terlebih dahulu."))
    with transaction.atomic():
        tiket = _kunci_tiket(tiket, loket)
        _periksa(tiket, Aksi.SELESAI)
        _periksa_loket_sendiri(tiket, loket)
        sekarang = timezone.now()
        Kunjungan.objects.filter(pk=tiket.kunjungan_id).update(
            hasil=hasil, catatan=catatan.strip(), petugas=oleh, selesai_pada=sekarang
        )
        with bahasa_kantor():
            keterangan = str(HasilKunjungan(hasil).label)
        return _pindah(tiket, Aksi.SELESAI, oleh, loket, keterangan, selesai_pada=sekarang)


def alihkan(tiket: Tiket | int, layanan_baru: Layanan, oleh, loket: Loket | None = None) -> Tiket:
    """Transfer to another service: a new number in that service's sequence
    (the old one is never reused), keeping the original arrival time so the
    visitor does not start again at the back of the queue."""
    return _berkunci(lambda: _alihkan(tiket, layanan_baru, oleh, loket))


def _alihkan(tiket, layanan_baru, oleh, loket):
    tiket = _kunci_tiket(tiket, loket)
    _periksa(tiket, Aksi.ALIHKAN)
    # A counter sends on only its own visitor: a page left open after the ticket
    # moved on would pull them away from the counter calling or serving them.
    if loket is not None and tiket.status in AKTIF_DI_LOKET:
        _periksa_loket_sendiri(tiket, loket)
    # Before the service check below: a second click on the same transfer finds
    # its ticket waiting in the new service, which the clicking counter may not
    # serve, and must hear that the transfer is done, not that it was wrong.
    if layanan_baru.pk == tiket.layanan_id:
        raise AntrianError(
            _("Tiket %(kode)s sudah berada di layanan %(layanan)s.")
            % {"kode": tiket.kode, "layanan": layanan_baru.nama}
        )
    # A waiting one is its service's counters' to send on, as it is theirs to call.
    if loket is not None and tiket.status not in AKTIF_DI_LOKET:
        _periksa_layanan_loket(tiket, loket)
    # Unlike the desk's new office (which is warned), a visitor already in line
    # would silently wait all day in a queue no counter calls.
    if not layanan_berloket(tiket.kantor_id).filter(pk=layanan_baru.pk).exists():
        raise AntrianError(
            _(
                "Belum ada loket aktif yang melayani %(layanan)s di kantor ini; "
                "tiket %(kode)s tidak dapat dialihkan ke sana."
            )
            % {"layanan": layanan_baru.nama, "kode": tiket.kode}
        )
    kode_lama = tiket.kode
    Kunjungan.objects.filter(pk=tiket.kunjungan_id).update(layanan=layanan_baru)
    nomor = nomor_berikutnya(layanan_baru, tiket.tanggal, tiket.kantor_id)
    ubah = {}
    if tiket.status == S.DILAYANI:
        # The next counter's start replaces `mulai_pada`: keep what was served here.
        dilayani = (timezone.now() - tiket.mulai_pada).total_seconds()
        ubah["detik_dilayani_sebelumnya"] = tiket.detik_dilayani_sebelumnya + dilayani
    return _pindah(
        tiket,
        Aksi.ALIHKAN,
        oleh,
        loket,
        f"{kode_lama} → {layanan_baru.kode}-{nomor:03d}",
        layanan=layanan_baru,
        nomor=nomor,
        loket=None,
        **ubah,
    )


# Visitors a desk search shows at most: a name fragment matches many.
BATAS_CARI = 8


def cari_pengunjung(q: str, batas: int = BATAS_CARI):
    """Visitors matching a name fragment, or a whole e-mail or phone number
    (desk search).

    Every office's visitors: an account is the province's, and a walk-in may
    come to this office for the first time. The results show their contacts
    half hidden (antrian/_hasil_cari.html), so a search is no directory — and
    a contact is found only when typed whole: were fragments matched, whether
    a visitor appears for "ng@demo", then "ung@demo", would spell out their
    address one character at a time. Spaces are collapsed as in a stored name
    (`Pengguna.save`): "Siti  Aminah" typed with two finds "Siti Aminah"."""
    q = " ".join(q.split())
    if len(q) < 2:
        return []
    cocok = Q(email__iexact=q) | cocok_nama("nama_lengkap", q)
    telepon = rapikan_telepon(q)
    if telepon.lstrip("+").isdigit():
        cocok |= Q(telepon__in=_bentuk_telepon(telepon))
    return list(get_user_model().objects.filter(cocok, is_staff=False, is_active=True).order_by("nama_lengkap")[:batas])


def _bentuk_telepon(nomor: str) -> set[str]:
    """The number as it may be stored: 0813…, +62813… and 62813… (as WhatsApp
    writes it, without the plus) are one number. A number written in
    Indonesia starts with its 0, so 62… with none can only be the country code."""
    for awalan in ("+62", "62", "0"):
        if nomor.startswith(awalan):
            sisa = nomor.removeprefix(awalan)
            return {"0" + sisa, "+62" + sisa, "62" + sisa}
    return {nomor}


# --- Reading the queue ------------------------------------------------------------------


def _layanan_sekutu(tiket: Tiket) -> QuerySet:
    """The services called at the active counters of the ticket's office that
    call its service: a counter serving two services calls both in one order."""
    loket = Loket.objects.filter(kantor=tiket.kantor_id, aktif=True, layanan=tiket.layanan_id)
    return Loket.layanan.through.objects.filter(loket__in=loket).values("layanan_id")


def orang_di_depan(tiket: Tiket, sekarang: datetime | None = None) -> int:
    """Waiting tickets of the same office and day called before this one (the
    call order of `TiketQuerySet.urut_panggilan`): of its service, and of the
    services its counters also call; 0 for a ticket no longer waiting,
    including one of an earlier day."""
    if tiket.status_berlaku != S.MENUNGGU:
        return 0
    lebih_awal = Q(diambil_pada__lt=tiket.diambil_pada) | Q(diambil_pada=tiket.diambil_pada, pk__lt=tiket.pk)
    didahulukan = q_didahulukan(sekarang, tiket.kantor_id)
    saya_didahulukan = tiket.janji_pada is not None and tiket.janji_pada <= batas_prioritas(sekarang, tiket.kantor_id)
    di_depan = didahulukan & lebih_awal if saya_didahulukan else didahulukan | lebih_awal
    return (
        Tiket.objects.filter(kantor_id=tiket.kantor_id, tanggal=tiket.tanggal, status=S.MENUNGGU)
        .filter(Q(layanan_id=tiket.layanan_id) | Q(layanan_id__in=_layanan_sekutu(tiket)))
        .filter(di_depan)
        .count()
    )


def kode_eja(kode_layanan: str, nomor: int) -> str:
    """ "B", 7 → "B nol nol tujuh" ("B zero zero seven"): the number read digit
    by digit, as printed, in the active language."""
    return " ".join([kode_layanan, *(kata_bilangan(int(d)) for d in f"{nomor:03d}")])


def kalimat_panggilan(kode_tiket: str, loket: Loket) -> str:
    """The sentence the display speaks: "Nomor antrian B nol nol tujuh,
    silakan menuju loket dua". A named counter is spoken by the name its
    display card and the visitor's ticket page show."""
    kode_layanan, _pemisah, nomor = kode_tiket.rpartition("-")
    kode = kode_eja(kode_layanan, int(nomor))
    if loket.nama:
        return _("Nomor antrian %(kode)s, silakan menuju %(tujuan)s") % {"kode": kode, "tujuan": loket.nama}
    return _("Nomor antrian %(kode)s, silakan menuju loket %(loket)s") % {
        "kode": kode,
        "loket": kata_bilangan(loket.nomor),
    }


# --- Appointments ------------------------------------------------------------------------


def setahun_lagi(sekarang: datetime) -> datetime:
    """The same moment a calendar year on (29 February: the 28th): the
    furthest an appointment may be booked, so a typing slip (year 2062 for
    2026) is refused instead of booked for decades on."""
    try:
        return sekarang.replace(year=sekarang.year + 1)
    except ValueError:
        return sekarang.replace(year=sekarang.year + 1, day=28)


def periksa_waktu_janji(waktu: datetime, sekarang: datetime | None = None, kantor_id: int | None = None) -> None:
    """SOP step 2: outside service hours an appointment is made at least
    1 hour before on a working day, and on an earlier day for a non-working
    day. Within service hours any future time will do."""
    sekarang = (sekarang or timezone.now()).astimezone(kalender.WIB)
    waktu = waktu.astimezone(kalender.WIB)
    if waktu <= sekarang:
        raise AntrianError(_("Waktu janji temu harus di masa mendatang."))
    if waktu > setahun_lagi(sekarang):
        raise AntrianError(_("Janji temu dapat dibuat paling jauh satu tahun ke depan."))
    if kalender.dalam_jam_layanan(waktu, kantor_id):
        return
    if kalender.hari_kerja(waktu.date(), kantor_id):
        if waktu - sekarang < SOP.janji_di_luar_jam:
            raise AntrianError(
                _("Janji temu di luar jam layanan pada hari kerja harus dibuat paling lambat %(lama)s sebelumnya.")
                % {"lama": lama_tetap(SOP.janji_di_luar_jam)}
            )
    elif waktu.date() <= sekarang.date():
        raise AntrianError(_("Janji temu pada hari libur harus dibuat paling lambat 1 hari sebelumnya."))


def ajukan_janji(
    pengunjung, layanan: Layanan, waktu: datetime, keperluan: str, kantor_id: int | None = None
) -> JanjiTemu:
    """The visitor asks for an appointment at the office they chose. The same
    request sent again (a double click, a resend) while the first still stands
    gets that one back, and the office is written to once."""
    k = kantor(kantor_id)
    periksa_waktu_janji(waktu, kantor_id=k.pk)
    with transaction.atomic():
        sama = _janji_yang_sama(k.pk, pengunjung, layanan, waktu)
        if sama is not None:
            return sama
        _periksa_batas_janji(pengunjung)
        janji = JanjiTemu.objects.create(
            kantor=k, pengunjung=pengunjung, layanan=layanan, waktu=waktu, keperluan=keperluan
        )
        kirim_surel(
            k.email,
            format_lazy(gettext_lazy("Permintaan janji temu: {nama}"), nama=pengunjung.nama_lengkap),
            "email/antrian/janji_diajukan.txt",
            {"janji": janji, "tautan": reverse("antrian:janji_petugas")},
        )
    return janji


# Each request e-mails the office, and a cancelled one may be asked for again:
# without a bound, one account asking and cancelling in a loop filled the
# office's inbox and its list of requests. Enough for a few services or a
# changed plan in a day; the desk books for a visitor beyond it.
BATAS_JANJI_SEHARI = 5


def _periksa_batas_janji(pengunjung) -> None:
    """Refuse a request past the visitor's BATAS_JANJI_SEHARI in 24 hours (any
    office, any outcome). Only their own requests count: what the desk booked
    for them was not sent by them. The caller holds the visitor's row lock
    (`_janji_yang_sama`), so parallel requests are counted one after another."""
    sejak = timezone.now() - timedelta(hours=24)
    sendiri = JanjiTemu.objects.filter(pengunjung=pengunjung, dipesan_oleh__isnull=True, diajukan_pada__gte=sejak)
    if sendiri.count() >= BATAS_JANJI_SEHARI:
        raise AntrianError(
            _(
                "Anda sudah mengajukan %(n)d permintaan janji temu dalam 24 jam terakhir. Tunggu keputusan "
                "petugas atau ajukan lagi besok; untuk keperluan mendesak hubungi PST."
            )
            % {"n": BATAS_JANJI_SEHARI}
        )


def _janji_yang_sama(kantor_id: int, pengunjung, layanan: Layanan, waktu: datetime) -> JanjiTemu | None:
    """The visitor's standing appointment for this service at this time, if
    any. Locks the visitor's row first, so two submissions of the same form
    (a double click, a resend, online or at the desk) take turns and the
    second finds the first."""
    kunci_pengunjung(pengunjung)
    return JanjiTemu.objects.filter(
        kantor=kantor_id,
        pengunjung=pengunjung,
        layanan=layanan,
        waktu=waktu,
        status__in=[StatusJanji.DIAJUKAN, StatusJanji.DIKONFIRMASI],
    ).first()


def _kunci_janji(janji: JanjiTemu | int) -> JanjiTemu:
    pk = janji.pk if isinstance(janji, JanjiTemu) else janji
    return _kunci_lalu_baca(JanjiTemu.objects.all(), pk, "pengunjung", "layanan")


# Allowed moves of an appointment.
TRANSISI_JANJI = {
    StatusJanji.DIAJUKAN: {StatusJanji.DIKONFIRMASI, StatusJanji.DITOLAK, StatusJanji.DIBATALKAN},
    StatusJanji.DIKONFIRMASI: {StatusJanji.DITOLAK, StatusJanji.HADIR, StatusJanji.TIDAK_HADIR, StatusJanji.DIBATALKAN},
    StatusJanji.DITOLAK: set(),
    StatusJanji.HADIR: set(),
    StatusJanji.TIDAK_HADIR: set(),
    StatusJanji.DIBATALKAN: set(),
}


def _periksa_janji(janji: JanjiTemu, ke: str) -> None:
    if janji.status == StatusJanji.DIBATALKAN:
        # Said plainly to both sides: the office then knows not to expect
        # them (a walk-in ticket if they come anyway), the visitor that it is done.
        raise AntrianError(_("Janji temu ini sudah dibatalkan oleh pengunjung."))
    if ke not in TRANSISI_JANJI[janji.status]:
        raise AntrianError(
            _("Janji temu ini berstatus “%(status)s”; tindakan itu tidak dapat dilakukan.")
            % {"status": janji.get_status_display()}
        )


PESAN_JANJI_SENDIRI = gettext_lazy(
    "Ini janji temu Anda sendiri: petugas lain yang mengonfirmasi, menolak, atau mencatat kehadirannya."
)


def janji_milik_sendiri(janji: JanjiTemu, user) -> bool:
    """Staff who asked on the visitor's form are that visitor: the office's
    decisions on their appointment (confirm, refuse, check in) are a
    colleague's, or they would confirm themselves a ticket called before the
    walk-ins. Their working pages offer none of these on it and say why."""
    return _dirinya(janji.pengunjung_id, user)


def _dirinya(pengunjung_id: int | None, user) -> bool:
    return user is not None and pengunjung_id == user.pk


def _pastikan_bukan_pengunjung(pengunjung_id: int | None, oleh) -> None:
    """Refuse an office decision `oleh` would take on their own appointment (`janji_milik_sendiri`)."""
    if _dirinya(pengunjung_id, oleh):
        raise AntrianError(str(PESAN_JANJI_SENDIRI))


def _subjek_janji(janji: JanjiTemu, teks: str) -> Callable[[], str]:
    """The subject `teks` (a gettext_noop string with %(waktu)s), in the
    visitor's language (not the officer's) when the e-mail is rendered. It
    names the appointment's time: a visitor with several appointments, or one
    moved, tells the e-mails apart in the inbox, which would otherwise show
    (or thread) the same subject twice."""
    return lambda: _(teks) % {"waktu": waktu_panjang(janji.waktu)}


def _surel_konfirmasi(janji: JanjiTemu, dipindah: bool = False) -> bool:
    """E-mail the confirmation (of an appointment `dipindah`: moved to its
    present time, service or office); False when none could go (a closed
    account receives no mail)."""
    teks = (
        gettext_noop("Janji temu PST Anda dipindah ke %(waktu)s")
        if dipindah
        else gettext_noop("Janji temu PST Anda pada %(waktu)s dikonfirmasi")
    )
    surel = kirim_surel(
        janji.pengunjung.email,
        _subjek_janji(janji, teks),
        "email/antrian/janji_dikonfirmasi.txt",
        {"janji": janji, "jam_layanan": teks_jam_layanan(janji.kantor_id)},
    )
    return surel is not None


def konfirmasi_janji(janji: JanjiTemu | int, oleh) -> JanjiTemu:
    with transaction.atomic():
        janji = _kunci_janji(janji)
        _pastikan_bukan_pengunjung(janji.pengunjung_id, oleh)
        _periksa_janji(janji, StatusJanji.DIKONFIRMASI)
        if not waktunya_belum_lewat(janji):
            raise AntrianError(
                _(
                    "Waktu janji temu ini sudah lewat; tolak permintaan ini dengan alasannya, "
                    "atau buat janji baru bersama pengunjung."
                )
            )
        janji.status, janji.diputuskan_oleh, janji.diputuskan_pada = StatusJanji.DIKONFIRMASI, oleh, timezone.now()
        janji.save(update_fields=["status", "diputuskan_oleh", "diputuskan_pada"])
        janji.dikabari = _surel_konfirmasi(janji)
    return janji


def periksa_janji_dipindah(janji: JanjiTemu, oleh) -> None:
    """Only a standing appointment (requested or confirmed) moves to another
    time, service or office. A missed, refused or cancelled one would keep its
    status: nobody is told and the desk never lists it for check-in. Nor does
    `oleh` move their own: a confirmed one stays confirmed at the new time,
    which no colleague then approved."""
    _pastikan_bukan_pengunjung(janji.pengunjung_id, oleh)
    if janji.status not in (StatusJanji.DIAJUKAN, StatusJanji.DIKONFIRMASI):
        raise AntrianError(
            _("Janji temu berstatus “%(status)s” tidak dapat dipindah; buat janji temu baru bersama pengunjung.")
            % {"status": janji.get_status_display()}
        )


def kabari_janji_dipindah(janji: JanjiTemu) -> None:
    """An officer moved an appointment (the admin: another time, service or
    office). A confirmed one is confirmed again to the visitor with what now
    holds, so they do not come at the old time or to the old office."""
    if janji.status == StatusJanji.DIKONFIRMASI:
        _surel_konfirmasi(janji, dipindah=True)


def janji_berlaku_di_hari_tutup(tanggal: date, kantor_id: int | None) -> int:
    """The appointments still standing (requested or confirmed, their time not
    yet come) on `tanggal` at an office closed that day, of `kantor_id` (None:
    every office, less one its own correction keeps open)."""
    awal = kalender.tengah_malam(tanggal)
    # The last day a date holds (31-12-9999) has no next day: no upper bound.
    sampai = {"waktu__lt": kalender.tengah_malam(tanggal + timedelta(days=1))} if tanggal < date.max else {}
    qs = JanjiTemu.objects.filter(
        status__in=[StatusJanji.DIAJUKAN, StatusJanji.DIKONFIRMASI], waktu__gt=max(awal, timezone.now()), **sampai
    )
    if kantor_id is not None:
        qs = qs.filter(kantor=kantor_id)
    per_kantor = qs.values("kantor_id").annotate(n=Count("pk")).values_list("kantor_id", "n")
    return sum(n for kantor_janji, n in per_kantor if not kalender.hari_kerja(tanggal, kantor_janji))


def peringatan_hari_tutup(tanggal: date, kantor: int | None, **kwargs) -> str | None:
    """Receives `kalender.hari_dikoreksi`: whoever closed a day on which
    appointments stand is told how many. They are not refused for them: the
    SOP still serves visitors by appointment outside working days, and such a
    day takes new ones made a day ahead (`periksa_waktu_janji`). The office
    decides: an officer is there, or each appointment it cannot keep is
    refused or moved, which e-mails that visitor in their language. Nothing is
    sent here, so saving the day again sends nothing twice."""
    n = janji_berlaku_di_hari_tutup(tanggal, kantor)
    if not n:
        return None
    return ngettext(
        "%(n)d janji temu yang masih berlaku jatuh pada %(tanggal)s, hari kantor tutup. Janji temu tetap "
        "dilayani di luar hari kerja: siapkan petugas, atau tolak atau pindahkan janji temu itu agar "
        "pengunjungnya dikabari lewat e-mail.",
        "%(n)d janji temu yang masih berlaku jatuh pada %(tanggal)s, hari kantor tutup. Janji temu tetap "
        "dilayani di luar hari kerja: siapkan petugas, atau tolak atau pindahkan janji temu itu agar "
        "pengunjungnya dikabari lewat e-mail.",
        n,
    ) % {"n": n, "tanggal": tanggal_panjang(tanggal)}


def pesan_janji_untuk(
    oleh,
    layanan: Layanan,
    waktu: datetime,
    keperluan: str,
    pengunjung=None,
    email_baru: str = "",
    biodata_baru=None,
    kantor_id: int | None = None,
) -> JanjiTemu:
    """The receptionist books for a visitor (on the phone, at the desk),
    registering a new one if need be. The same time rules as online; the
    office made it, so it is confirmed at once and the visitor receives the
    confirmation (a new visitor also the set-password e-mail). A refused time
    registers nobody."""
    kantor_id = kantor_id or kantor_bawaan()
    # Booked at the desk it is confirmed at once: not by oneself for oneself.
    _pastikan_bukan_pengunjung(pengunjung and pengunjung.pk, oleh)
    periksa_waktu_janji(waktu, kantor_id=kantor_id)
    try:
        with transaction.atomic():
            if pengunjung is not None and (sama := _janji_yang_sama(kantor_id, pengunjung, layanan, waktu)):
                # The visitor's own request for this slot, still undecided: the
                # office's booking confirms it, as it would a booking of its own.
                if sama.status == StatusJanji.DIAJUKAN:
                    return konfirmasi_janji(sama, oleh)
                return _sudah_tercatat(sama)
            tamu = pengunjung or daftar_tamu_baru(email_baru, biodata_baru, kantor_id)
            janji = JanjiTemu.objects.create(
                kantor_id=kantor_id,
                pengunjung=tamu,
                layanan=layanan,
                waktu=waktu,
                keperluan=keperluan,
                status=StatusJanji.DIKONFIRMASI,
                dipesan_oleh=oleh,
                diputuskan_oleh=oleh,
                diputuskan_pada=timezone.now(),
            )
            _surel_konfirmasi(janji)
    except IntegrityError:
        # The new visitor's e-mail was registered by a submission committed
        # meanwhile: the same form sent twice at once gets that booking back.
        if sama := janji_tamu_baru_sama(oleh, kantor_id, email_baru, layanan, waktu):
            return sama
        raise AntrianError(_("E-mail ini sudah terdaftar: cari pengunjung itu di kolom pencarian.")) from None
    return janji


def janji_tamu_baru_sama(oleh, kantor_id: int, email: str, layanan: Layanan, waktu: datetime) -> JanjiTemu | None:
    """The standing appointment an earlier sending of `oleh`'s booking form
    made for a new visitor with this e-mail, service and time (a double click,
    a resend): shown again rather than refusing the e-mail it registered."""
    sama = (
        JanjiTemu.objects.filter(
            kantor=kantor_id,
            pengunjung__email=email.strip().lower(),
            layanan=layanan,
            waktu=waktu,
            diputuskan_oleh=oleh,
            status__in=[StatusJanji.DIAJUKAN, StatusJanji.DIKONFIRMASI],
        )
        .select_related("pengunjung")
        .first()
    )
    return sama and _sudah_tercatat(sama)


def _sudah_tercatat(janji: JanjiTemu) -> JanjiTemu:
    """Mark a desk booking that was already confirmed before this sending: no
    confirmation leaves now, and the desk must not tell the visitor one does."""
    janji.sudah_tercatat = True
    return janji


def tolak_janji(janji: JanjiTemu | int, oleh, alasan: str) -> JanjiTemu:
    alasan = (alasan or "").strip()
    if not alasan:
        raise AntrianError(_("Tuliskan alasan penolakan agar pengunjung mengetahuinya."))
    with transaction.atomic():
        janji = _kunci_janji(janji)
        _pastikan_bukan_pengunjung(janji.pengunjung_id, oleh)
        _periksa_janji(janji, StatusJanji.DITOLAK)
        janji.status, janji.alasan_tolak = StatusJanji.DITOLAK, alasan
        janji.diputuskan_oleh, janji.diputuskan_pada = oleh, timezone.now()
        janji.save(update_fields=["status", "alasan_tolak", "diputuskan_oleh", "diputuskan_pada"])
        surel = kirim_surel(
            janji.pengunjung.email,
            _subjek_janji(janji, gettext_noop("Janji temu PST Anda pada %(waktu)s tidak dapat dipenuhi")),
            "email/antrian/janji_ditolak.txt",
            {"janji": janji, "tautan": reverse("antrian:janji_baru")},
        )
        janji.dikabari = surel is not None  # a closed account receives no mail
    return janji


def waktunya_belum_lewat(janji: JanjiTemu, sekarang: datetime | None = None) -> bool:
    return janji.waktu > (sekarang or timezone.now())


def bisa_dibatalkan(janji: JanjiTemu, sekarang: datetime | None = None) -> bool:
    """Whether the visitor may still cancel: it stands (requested or
    confirmed) and its time has not come."""
    return StatusJanji.DIBATALKAN in TRANSISI_JANJI[janji.status] and waktunya_belum_lewat(janji, sekarang)


def bisa_dikonfirmasi(janji: JanjiTemu, sekarang: datetime | None = None) -> bool:
    """Whether an officer may still confirm: a request whose time has not
    come (a passed one can only be refused, `konfirmasi_janji`)."""
    return janji.status == StatusJanji.DIAJUKAN and waktunya_belum_lewat(janji, sekarang)


def batalkan_janji(janji: JanjiTemu | int, pengunjung, alasan: str = "") -> JanjiTemu:
    """The visitor cancels their own appointment before its time: the office
    no longer expects them and is told by e-mail. A second cancellation (a
    double click, another tab) finds it cancelled and changes nothing."""
    with transaction.atomic():
        janji = _kunci_janji(janji)
        if janji.pengunjung_id != pengunjung.pk:
            raise AntrianError(_("Janji temu tidak ditemukan."))
        if janji.status == StatusJanji.DIBATALKAN:
            # The visitor reads it: their own cancellation, not a third person's.
            raise AntrianError(_("Janji temu ini sudah Anda batalkan."))
        _periksa_janji(janji, StatusJanji.DIBATALKAN)
        if not bisa_dibatalkan(janji):
            raise AntrianError(_("Waktu janji temu ini sudah tiba; janji tidak dapat dibatalkan lagi."))
        janji.status, janji.dibatalkan_pada, janji.alasan_batal = StatusJanji.DIBATALKAN, timezone.now(), alasan.strip()
        janji.save(update_fields=["status", "dibatalkan_pada", "alasan_batal"])
        kirim_surel(
            kantor(janji.kantor_id).email,
            format_lazy(gettext_lazy("Janji temu dibatalkan: {nama}"), nama=pengunjung.nama_lengkap),
            "email/antrian/janji_dibatalkan.txt",
            {"janji": janji, "tautan": reverse("antrian:janji_petugas")},
        )
    return janji


def checkin_janji(
    janji: JanjiTemu | int, oleh, kantor_id: int | None = None, kedatangan: Kedatangan | None = None
) -> Tiket:
    """On the appointment's day the receptionist checks the visitor in: a
    visit and a ticket that is called before the walk-ins. `kantor_id`: the
    office of the desk, which only checks in its own office's appointments.
    `kedatangan`: the visitor's recorded arrival ("Saya sudah datang" at the
    lobby, or "Tamu datang"), which the visit takes like a walk-in's."""
    return _berkunci(lambda: _checkin(janji, oleh, kantor_id, kedatangan))


def _checkin(janji, oleh, kantor_id: int | None, kedatangan: Kedatangan | None = None) -> Tiket:
    # The visitor's row before the appointment's, the order of their erasure
    # (which cancels their appointments): holding the appointment while
    # waiting for the visitor (`_tiket_terbuka`), each would wait for the other.
    pk = janji.pk if isinstance(janji, JanjiTemu) else janji
    _atur_batas_tunggu_kunci()
    kunci_pengunjung(JanjiTemu.objects.filter(pk=pk).values_list("pengunjung_id", flat=True).first())
    janji = _kunci_janji(pk)
    _pastikan_bukan_pengunjung(janji.pengunjung_id, oleh)
    if kantor_id is not None and janji.kantor_id != kantor_id:
        # The ticket is issued at the appointment's office: checked in at a
        # desk of the receptionist's other office, it would queue where the
        # visitor is not.
        raise AntrianError(
            _("Janji temu ini di %(kantor)s, bukan di kantor meja ini; pilih kantor itu untuk mencatat kehadirannya.")
            % {"kantor": kantor(janji.kantor_id).nama}
        )
    _periksa_janji(janji, StatusJanji.HADIR)
    if timezone.localdate(janji.waktu) != timezone.localdate():
        raise AntrianError(
            _("Janji temu ini untuk %(tanggal)s, bukan hari ini.")
            % {"tanggal": f"{janji.waktu.astimezone(kalender.WIB):%d-%m-%Y}"}
        )
    # One open ticket per visitor, service and day: a walk-in ticket already
    # taken becomes the appointment's, with its priority. A skipped one too (the
    # counter calls it back): a second ticket would count the visit twice, once
    # as a no-show.
    terbuka = _tiket_terbuka(janji.pengunjung, janji.layanan, janji.kantor_id) or _tiket_dilewati(
        janji.pengunjung, janji.layanan, janji.kantor_id
    )
    if terbuka is not None and JanjiTemu.objects.filter(kunjungan=terbuka.kunjungan_id).exists():
        terbuka = None  # already another appointment's (two the same day): a ticket of its own
    if terbuka is not None:
        terbuka.prioritas, terbuka.janji_pada = True, janji.waktu
        terbuka.save(update_fields=["prioritas", "janji_pada", "diubah_pada"])
        kunjungan = terbuka.kunjungan
    else:
        kunjungan = buat_kunjungan(
            janji.pengunjung,
            None,
            layanan=janji.layanan,
            kanal=Kanal.LANGSUNG,
            keperluan=janji.keperluan[:300],
            dicatat_oleh=oleh,
            kantor_id=janji.kantor_id,
            **({"tiba_pada": kedatangan.tiba_pada} if kedatangan else {}),
        )
    _lampirkan_bila_belum(kedatangan, kunjungan)
    janji.status, janji.kunjungan = StatusJanji.HADIR, kunjungan
    janji.save(update_fields=["status", "kunjungan"])
    return terbuka or _terbitkan_tiket(kunjungan, oleh, janji_pada=janji.waktu)


# --- End of the office day -------------------------------------------------------------------


def hari_tutup_terakhir(sekarang: datetime | None = None, kantor: int | None = None) -> date:
    """The last day of office `kantor` (the provincial office when None)
    whose service is over at `sekarang`: today once today's close of service
    has passed (or today is not a working day there), else yesterday."""
    sekarang = (sekarang or timezone.now()).astimezone(kalender.WIB)
    jam = kalender.jam_layanan(sekarang.date(), kantor)
    # Under the demo switch today's queue stays open until midnight.
    if (jam is not None and sekarang.time() < jam[1]) or settings.PST_DEMO_BUKA_SEPANJANG_WAKTU:
        return sekarang.date() - timedelta(days=1)
    return sekarang.date()


def hari_tutup_per_kantor(sekarang: datetime | None = None) -> dict[date, list[int]]:
    """Each office's last day whose service is over → the offices it holds for.

    Each office's day ends at its own close of service, on its own calendar
    (one office may open on a Saturday another keeps closed): decided once
    per group of offices sharing calendar and hours."""
    sekarang = sekarang or timezone.now()
    return kalender.per_kantor(lambda kantor_id: hari_tutup_terakhir(sekarang, kantor_id))


# What the visit records when its ticket is closed at the end of the day.
_HASIL_AKHIR_HARI = {
    S.TIDAK_TERLAYANI: HasilKunjungan.TIDAK_TERLAYANI,
    S.TIDAK_HADIR: HasilKunjungan.TIDAK_HADIR,
    S.SELESAI: HasilKunjungan.LAINNYA,
}
BATCH_TUTUP_HARI = 500


# Stored as the refusal's reason, like an officer's (the visitor's e-mail quotes it);
# marked for translation, so the pages and e-mails show it in the reader's language.
ALASAN_TIDAK_DIPUTUSKAN = gettext_noop(
    "Permintaan belum dikonfirmasi petugas sampai waktunya lewat. Silakan ajukan janji temu baru."
)


def tutup_hari(sekarang: datetime | None = None) -> dict[str, int]:
    """Close every office day whose service is over: each ticket still open
    gets its final state (`AKHIR_HARI`) with a history row and its visit the
    outcome; each confirmed appointment of those days whose time has passed
    without a check-in becomes "tidak hadir", and each request still
    undecided is refused with `ALASAN_TIDAK_DIPUTUSKAN` (the visitor is e-mailed).

    Each ticket is claimed by a compare-and-set update on its status, so a
    second run, a late run or two workers at once change nothing twice.
    Returns how many tickets and appointments this run closed.
    """
    sekarang = sekarang or timezone.now()
    sampai = hari_tutup_per_kantor(sekarang)
    terbuka = Tiket.objects.filter(kalender.sebelum_per_kantor("tanggal", sampai, "lte"), status__in=list(AKHIR_HARI))
    # An appointment may be served after the close (SOP step 2): its ticket stays open until its day is over.
    terbuka = terbuka.exclude(janji_pada__isnull=False, tanggal__gte=timezone.localdate(sekarang))
    terbuka = terbuka.select_related("layanan")
    tiket, terakhir = 0, 0
    while batch := list(terbuka.filter(pk__gt=terakhir).order_by("pk")[:BATCH_TUTUP_HARI]):
        tiket += sum(_tutup_tiket(t, sekarang) for t in batch)
        terakhir = batch[-1].pk
    # An appointment is missed once its time has passed on a day of its office that is over.
    akhir_hari: dict[datetime, list[int]] = {}
    for hari, ids in sampai.items():
        akhir_hari.setdefault(min(sekarang, kalender.tengah_malam(hari + timedelta(days=1))), []).extend(ids)
    lewat = JanjiTemu.objects.filter(kalender.sebelum_per_kantor("waktu", akhir_hari))
    janji = lewat.filter(status=StatusJanji.DIKONFIRMASI).update(status=StatusJanji.TIDAK_HADIR)
    # A request nobody decided before its time is refused, so the visitor is told (few: one by one).
    for pk in lewat.filter(status=StatusJanji.DIAJUKAN).values_list("pk", flat=True):
        janji += _tolak_tak_diputuskan(pk)
    return {"tiket": tiket, "janji": janji}


def _tolak_tak_diputuskan(pk: int) -> bool:
    """Refuse a request nobody decided; False when another run (a second
    worker) or an officer decided it after it was listed."""
    try:
        tolak_janji(pk, None, ALASAN_TIDAK_DIPUTUSKAN)
    except AntrianError:
        return False
    return True


def _tutup_tiket(tiket: Tiket, sekarang: datetime) -> bool:
    dari, ke = tiket.status, AKHIR_HARI[tiket.status]
    ubah = {"status": ke, "diubah_pada": sekarang}
    if ke == S.SELESAI:
        ubah["selesai_pada"] = _akhir_layanan(tiket)
    with transaction.atomic():
        if not Tiket.objects.filter(pk=tiket.pk, status=dari).update(**ubah):
            return False  # another run, or the counter, moved it first
        for nama, nilai in ubah.items():
            setattr(tiket, nama, nilai)
        hasil = _HASIL_AKHIR_HARI[ke]
        Kunjungan.objects.filter(pk=tiket.kunjungan_id, hasil="").update(
            hasil=hasil, selesai_pada=ubah.get("selesai_pada")
        )
        _catat(tiket, Aksi.TUTUP_HARI, dari, None, None, str(hasil.label))
    return True


def _akhir_layanan(tiket: Tiket) -> datetime:
    """When a ticket left "being served" is taken to have ended: that day's
    close of service at its office (or its start, if it started after the close)."""
    jam = kalender.jam_layanan(tiket.tanggal, tiket.kantor_id)
    mulai = tiket.mulai_pada or tiket.diambil_pada
    if jam is None:
        return mulai
    return max(mulai, kalender.penutupan(tiket.tanggal, tiket.kantor_id))
