"""Deadlines of the SOP (steps 5 and 7): the jobs that enforce them and the
recomputation after a calendar change. (What the board shows is read in
`transaksi/selectors.py`.)

Every job claims its rows and marks them in one database transaction
(`klaim_baris`)::

    SELECT id ... WHERE <due> ORDER BY batas_waktu LIMIT :n FOR UPDATE SKIP LOCKED
    UPDATE transaksi_transaksi SET eskalasi_pada = :now WHERE id IN (<those ids>)

so a run that comes twice, late, or on two workers at once acts on each row
once: the second run finds the flag set (or the row held by the first) and
claims nothing, and only the claimed ids are written to the history and
mailed — in the same database transaction (the e-mails leave after commit,
through the outbox).
A skipped run loses nothing: the next one still finds every unflagged row.
A run handles at most `BATAS_PER_JALAN` rows; the task runs again at once when
it was full, so a backlog drains without one long transaction.

The rules, each written once here:

* **Escalation** — a running SOP clock (the queue clock of step 5 or the
  delivery clock of step 7, `transaksi/jam.py`) whose deadline has passed
  (``batas_waktu < now``), once per clock (``eskalasi_pada`` is cleared when
  a new clock starts). A paused delivery clock (the visitor's turn) is not
  running (`JAM_BERJALAN`) and has no deadline stored: it neither reminds nor
  escalates — unless its deadline had already passed when it paused (it
  keeps that deadline): that breach is escalated like a running one.
* **Reminder** — due when at most one working day is left: from the close of
  service on the working day before the deadline's day, on the transaction's
  office's calendar and hours. For a deadline on
  Wednesday 25 March 2026 15.30 (the working day before is Tuesday 17 March)
  the reminder goes from Tuesday 17 March 15.30 on. Because the deadline is
  always the close of a working day, this is one range on the index: the
  deadline's date is at most the working day after the last working day
  whose service has closed (`ambang_pengingat`). A reminder whose deadline has
  already passed is not sent: the escalation replaces it.
* **Invoice expiry** — an active invoice past `kedaluwarsa_pada` while no
  proof of payment is waiting; the transaction stays with the visitor.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import partial
from types import SimpleNamespace

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext, ngettext_lazy

from pst_layanan import kalender
from pst_layanan.bahasa import bahasa_kantor, bahasa_penerima
from pst_layanan.basisdata import pengaturan_lokal
from pst_layanan.format import waktu_panjang
from pst_layanan.kalender import WIB
from pst_layanan.kantor import email_per_kantor, email_staf_per_kantor, kantor, semua_kantor
from pst_layanan.notifikasi import kirim_surel, render_teks, simpan_surel, susun_surel
from pst_layanan.roles import PETUGAS, SUPERVISOR
from transaksi import jam as jam_sop
from transaksi.models import JAM_BERJALAN, Jam, RiwayatTransaksi, Status, Tagihan, Transaksi
from transaksi.services import inti
from transaksi.services import tagihan as siklus

log = logging.getLogger(__name__)

# Rows one run claims at most; a full run queues the next one at once.
BATAS_PER_JALAN = getattr(settings, "PST_TENGGAT_BATAS_PER_JALAN", 1000)
Riwayat = RiwayatTransaksi.Jenis


# --- working-day arithmetic the jobs need ---------------------------------------
# Each on office `kantor`'s calendar and hours (None: the corrections for every
# office and the provincial office's hours), as `pst_layanan.kalender`.


def hari_kerja_sebelumnya(tanggal: date, kantor: int | None = None) -> date:
    """The working day before `tanggal` (`tanggal` itself never counts)."""
    hari = tanggal - timedelta(days=1)
    while not kalender.hari_kerja(hari, kantor):
        hari -= timedelta(days=1)
    return hari


def hari_kerja_terakhir_tutup(now: datetime, kantor: int | None = None) -> date:
    """The latest working day whose service hours have closed at `now`."""
    hari = now.astimezone(WIB).date()
    if kalender.hari_kerja(hari, kantor) and kalender.penutupan(hari, kantor) <= now:
        return hari
    return hari_kerja_sebelumnya(hari, kantor)


def ambang_pengingat(now: datetime, kantor: int | None = None) -> datetime:
    """Deadlines before this instant are due for a reminder at `now`.

    "now >= close of the working day before the deadline's day" is the same as
    "the deadline's day <= the working day after the last closed one".
    """
    besok_kerja = kalender.hari_kerja_berikutnya(hari_kerja_terakhir_tutup(now, kantor), kantor=kantor)
    return kalender.tengah_malam(besok_kerja + timedelta(days=1))


def pengingat_jatuh_tempo(batas: datetime, kantor: int | None = None) -> datetime:
    """When the reminder for a deadline `batas` becomes due (shown to officers)."""
    return kalender.penutupan(hari_kerja_sebelumnya(batas.astimezone(WIB).date(), kantor), kantor)


def ambang_hari_kerja_lewat(now: datetime, n: int, kantor: int | None = None) -> datetime:
    """Events before this instant have seen the close of their n-th working day at `now`.

    The n-th working day after an event's date has closed exactly when that
    date is before the (n-1)-th working day back from the last closed one.
    For n = 0 (the first close of service after the event) the event came
    before the last close.
    """
    hari = hari_kerja_terakhir_tutup(now, kantor)
    if n == 0:
        return kalender.penutupan(hari, kantor)
    for _ in range(n - 1):
        hari = hari_kerja_sebelumnya(hari, kantor)
    return kalender.tengah_malam(hari)


# --- which rows are due (one place per rule) ----------------------------------------


def perlu_eskalasi(now: datetime) -> Q:
    # A running clock past its deadline, or one paused after its deadline had
    # passed (the invoice issued minutes late): the breach happened while it
    # ran, and the visitor's turn may last weeks.
    lewat_sebelum_jeda = Q(jam_dijeda_pada__isnull=True) | Q(batas_waktu__lt=F("jam_dijeda_pada"))
    return ~Q(jam=Jam.TIDAK_ADA) & lewat_sebelum_jeda & Q(eskalasi_pada__isnull=True, batas_waktu__lt=now)


def perlu_pengingat(now: datetime) -> Q:
    # Each transaction by its own office's calendar and hours, on which its
    # deadline was set: a local holiday moves that office's reminders only.
    ambang = kalender.per_kantor(partial(ambang_pengingat, now))
    return (
        JAM_BERJALAN
        & Q(pengingat_pada__isnull=True, batas_waktu__gte=now)
        & kalender.sebelum_per_kantor("batas_waktu", ambang)
    )


# --- claiming: one statement that selects and marks ---------------------------------


def klaim_baris(model, kondisi: Q, nilai: dict, urut: str, batas: int | None = None) -> list[int]:
    """Set the columns in `nilai` on at most `batas` rows of `model` matching
    `kondisi` (in the order `urut`, then pk); return the ids claimed.

    Two ORM statements in the caller's transaction (call inside
    `transaction.atomic()`): pick the ids with `SELECT … FOR UPDATE SKIP
    LOCKED`, then `UPDATE … WHERE id IN (…)`. On PostgreSQL the rows stay locked
    by this transaction until it ends, and the picking re-evaluates `kondisi`
    on a row another run changed meanwhile (flag set, clock restarted), so no
    two runs claim the same row and a row no longer due is not claimed; rows
    another worker holds are skipped for the next run. SQLite serializes
    writing transactions (they take the write lock at BEGIN), so nothing can
    come between the two statements there.
    """
    kandidat = model._default_manager.filter(kondisi).order_by(urut, "pk")
    if connection.features.has_select_for_update_skip_locked:
        kandidat = kandidat.select_for_update(skip_locked=True, of=("self",))
    # In deadline order along the partial index: a bitmap scan would visit
    # again, in every run of a drain, the table page of each row the earlier
    # runs claimed (it never marks their index entries dead), which made a
    # drain of ten thousand reminders quadratic.
    with pengaturan_lokal("enable_bitmapscan", "off"):
        ids = list(kandidat.values_list("pk", flat=True)[: batas or BATAS_PER_JALAN])
    if ids:
        model._default_manager.filter(pk__in=ids).update(**nilai)
    return sorted(ids)


def hanya(ids: Iterable[int] | None) -> Q:
    return Q() if ids is None else Q(pk__in=list(ids))


def satu_per_satu(
    ids: Iterable[int], langkah, pesan_gagal: str, logger: logging.Logger = log, gagal: list | None = None
) -> list[int]:
    """Run `langkah(pk)` for each row in its own go: the ids it changed. A row
    that fails is logged (`pesan_gagal` % pk), added to `gagal` when given,
    and left for the next run, so one bad row never stops the others."""
    hasil = []
    for pk in list(ids):
        try:
            if langkah(pk):
                hasil.append(pk)
        except Exception:
            logger.exception(pesan_gagal, pk)
            if gagal is not None:
                gagal.append(pk)
    return hasil


# --- escalation and reminder (officers) --------------------------------------------


# Per kind of notice: its flag column, the history note, the e-mail's subject
# and template, and whether the supervisors are told too.
_KABAR = {
    Riwayat.ESKALASI: (
        "eskalasi_pada",
        "Batas waktu SOP terlewati; petugas dan supervisor diberi tahu.",
        ngettext_lazy(
            "Eskalasi: %(n)d transaksi melewati batas waktu SOP",
            "Eskalasi: %(n)d transaksi melewati batas waktu SOP",
            "n",
        ),
        "email/transaksi/tenggat/eskalasi.txt",
        True,
    ),
    Riwayat.PENGINGAT: (
        "pengingat_pada",
        "Pengingat: batas waktu tinggal satu hari kerja atau kurang.",
        ngettext_lazy(
            "Pengingat: %(n)d transaksi mendekati batas waktu SOP",
            "Pengingat: %(n)d transaksi mendekati batas waktu SOP",
            "n",
        ),
        "email/transaksi/tenggat/pengingat.txt",
        False,
    ),
}


def eskalasi(ids: Iterable[int] | None = None, batas: int | None = None) -> list[int]:
    """Mark overdue clocks escalated; history row; mail officer and supervisors (once per clock)."""
    return _klaim_dan_kabari(Riwayat.ESKALASI, perlu_eskalasi, ids, batas)


def pengingat(ids: Iterable[int] | None = None, batas: int | None = None) -> list[int]:
    """Remind the officer (all officers when unassigned) when one working day or less is left."""
    return _klaim_dan_kabari(Riwayat.PENGINGAT, perlu_pengingat, ids, batas)


def _klaim_dan_kabari(jenis: str, perlu, ids: Iterable[int] | None, batas: int | None) -> list[int]:
    """Claim the rows `perlu(now)` selects by setting the kind's flag, then tell their officers, in one transaction."""
    now = timezone.now()
    kolom, catatan, subjek, template, dengan_supervisor = _KABAR[jenis]
    penerima = _Penerima(dengan_supervisor)
    # Rows nobody can be told of are not claimed: released again after every
    # claim, a thousand of them would fill every batch and the rows behind
    # them in deadline order would never go.
    kondisi = perlu(now) & hanya(ids) & penerima.terjangkau()
    with transaction.atomic():
        diklaim = klaim_baris(Transaksi, kondisi, {kolom: now}, "batas_waktu", batas)
        dilepas = _kabari_petugas(
            diklaim,
            now,
            jenis=jenis,
            kolom=kolom,
            catatan=catatan,
            subjek=subjek,
            template=template,
            penerima=penerima,
        )
    # Released rows are not done: a drain stops at them instead of claiming them again and again.
    return [pk for pk in diklaim if pk not in dilepas]


def _kabari_petugas(klaim, now, *, jenis, kolom, catatan, subjek, template, penerima: _Penerima) -> set[int]:
    """History rows and one e-mail per officer (or per "unassigned") for the claimed rows.

    Set-based, so a run costs the same few statements however many rows it
    claimed: the rows are read once as plain values, every e-mail is built in
    memory (the list of rows filled in from `CetakanDaftar`, rendered once per
    run), then the history rows and the outbox rows are written with one
    INSERT each. When a group's e-mail cannot be built, its rows are released
    (flag cleared) for the next run and the other groups go on; so are the
    rows of an office with nobody to tell. Returns the released rows.
    """
    if not klaim:
        return set()
    kelompok: dict[tuple[int, int | None], list[BarisSurel]] = defaultdict(list)
    label = _Label()
    for baris in _dibaca_untuk_surel(klaim):
        kelompok[baris["kantor_id"], baris["petugas_id"]].append(BarisSurel(baris, label))
    cetakan = CetakanPerBahasa(label)
    rencana, dilepas = _penerima_per_kelompok(kelompok, penerima, kolom)
    # Every recipient's language, read once per run.
    bahasa = bahasa_penerima(sorted({a for *_awal, penerima in rencana for a in penerima}))
    surel, dikabari = [], []
    for kantor_id, petugas_id, daftar, petugas, penerima in rencana:
        try:
            for alamat, bagian in _tanpa_milik_sendiri(daftar, penerima):
                # The list is rendered in each recipient's language when the e-mail is;
                # the e-mail is its office's (outbox, letterhead).
                konteks = {
                    "daftar": bagian,
                    "daftar_teks": partial(cetakan.isi, bagian),
                    "now": now,
                    "petugas": petugas,
                    "kantor": kantor(kantor_id),
                }
                subjek_n = partial(_subjek_tenggat, subjek, len(bagian))
                surel += susun_surel(alamat, subjek_n, template, konteks, bahasa=bahasa)
            dikabari += daftar
        except Exception:
            log.exception("Tenggat: gagal mengabari petugas %s; %s dilepas untuk jalan berikutnya.", petugas_id, kolom)
            dilepas += [b.pk for b in daftar]
    if dilepas:
        Transaksi.objects.filter(pk__in=dilepas).update(**{kolom: None})
    _riwayat_massal([b.pk for b in dikabari], jenis=jenis, waktu=now, catatan=catatan)
    simpan_surel(surel)
    return set(dilepas)


class _Penerima:
    """Who hears of a run's rows, read once per run for every office: the
    assigned officer, or for unassigned rows the office's officers; and with
    supervisors, the office's (the province supervisors for an office with
    none). Not the provincial office's own supervisors for another office's
    rows: they cannot open them."""

    def __init__(self, dengan_supervisor: bool):
        self.supervisor = email_staf_per_kantor(SUPERVISOR) if dengan_supervisor else lambda _kantor_id: []
        self.petugas = email_per_kantor([PETUGAS, SUPERVISOR])

    def untuk(self, kantor_id: int, petugas) -> list[str]:
        # Each address once: a supervisor is among the office's staff and its
        # supervisors alike, and a staff member's own request gives them an
        # e-mail of their own (`_tanpa_milik_sendiri`), which they would get twice.
        alamat = ([petugas.email] if petugas else self.petugas.get(kantor_id, [])) + self.supervisor(kantor_id)
        return list(dict.fromkeys(alamat))

    def bertugas(self, kantor_id: int, petugas):
        """The assigned officer while they still work at the office (`inti.masih_bertugas`)."""
        return inti.masih_bertugas(petugas, self.petugas.get(kantor_id, []))

    def terjangkau(self) -> Q:
        """The rows someone can be told of: not those of an office with nobody
        in it yet (whoever they were assigned to works elsewhere now)."""
        sepi = [k.pk for k in semua_kantor() if not self.untuk(k.pk, None)]
        return ~Q(kantor__in=sepi) if sepi else Q()


def _tanpa_milik_sendiri(daftar: list[BarisSurel], alamat: list[str]) -> list[tuple[list[str], list[BarisSurel]]]:
    """The addresses of a group, each with the rows it is told of: staff who
    requested one of them are not listed their own request (a colleague
    checks it, `inti.milik_sendiri`); the others share one e-mail."""
    pemohon = {b.email_pemohon for b in daftar}
    bersama = [a for a in alamat if a.casefold() not in pemohon]
    hasil = [(bersama, daftar)] if bersama else []
    for a in alamat:
        if a.casefold() in pemohon and (bagian := [b for b in daftar if b.email_pemohon != a.casefold()]):
            hasil.append(([a], bagian))
    return hasil


def _penerima_per_kelompok(kelompok: dict, penerima: _Penerima, kolom: str) -> tuple[list, list[int]]:
    """Who hears of each group of rows: (kantor, petugas, rows, officer,
    addresses) per group, and the rows of groups nobody can be told of."""
    rencana, tanpa_penerima = [], []
    for (kantor_id, petugas_id), daftar in kelompok.items():
        petugas = penerima.bertugas(kantor_id, daftar[0].petugas)
        alamat = penerima.untuk(kantor_id, petugas)
        if alamat:
            rencana.append((kantor_id, petugas_id, daftar, petugas, alamat))
        else:
            # Nobody told is not "told": the rows wait for the next run (and a
            # stuck escalation reaches the admins).
            log.warning("Tenggat: kantor %s tanpa penerima; %s %s baris menunggu.", kantor_id, kolom, len(daftar))
            tanpa_penerima += [b.pk for b in daftar]
    return rencana, tanpa_penerima


def _riwayat_massal(ids: list[int], **nilai) -> None:
    """One `INSERT … SELECT`: a history row per transaction in `ids`."""
    if not ids:
        return
    kolom, ekspresi, param = kolom_riwayat_massal(**nilai)
    perintah = (
        f"INSERT INTO {RiwayatTransaksi._meta.db_table} ({kolom}) SELECT {ekspresi} "
        f"FROM {Transaksi._meta.db_table} WHERE id IN ({', '.join(['%s'] * len(ids))}) ORDER BY batas_waktu, id"
    )
    with connection.cursor() as cursor:
        cursor.execute(perintah, [*param, *ids])


def kolom_riwayat_massal(**nilai) -> tuple[str, str, list]:
    """Columns, SELECT expressions over a transaction row and their parameters
    for history rows written in bulk: the transaction, its clock and deadline
    from the row, `nilai` the same for every row, every other column its
    model default (so columns added later need no change here)."""
    dari_transaksi = {"transaksi_id": "id", "kantor_id": "kantor_id", "jam": "jam", "batas_waktu": "batas_waktu"}
    kolom, ekspresi, param = [], [], []
    for f in RiwayatTransaksi._meta.concrete_fields:
        if f.primary_key:
            continue
        kolom.append(connection.ops.quote_name(f.column))
        if f.column in dari_transaksi:
            ekspresi.append(dari_transaksi[f.column])
        else:
            ekspresi.append("%s")
            param.append(f.get_db_prep_save(nilai.get(f.attname, f.get_default()), connection))
    return ", ".join(kolom), ", ".join(ekspresi), param


_KOLOM_SUREL = (
    "pk",
    "nomor",
    "status",
    "jam",
    "batas_waktu",
    "kantor_id",
    "petugas_id",
    "petugas__nama_lengkap",
    "petugas__email",
    "pemohon__nama_lengkap",
    "pemohon__nama_instansi",
    "pemohon__email",
)


def _dibaca_untuk_surel(klaim: list[int]):
    """The claimed rows with only what the e-mail and history rows show, as
    plain values (no model instances: a run reads up to a thousand rows)."""
    return Transaksi.objects.filter(pk__in=klaim).order_by("batas_waktu", "pk").values(*_KOLOM_SUREL)


def _subjek_tenggat(subjek, n: int) -> str:
    """The notice's subject with its count, in the language being rendered."""
    return subjek % {"n": n}


class _Label:
    """Labels and the detail URL computed once per run (and language), not once per row."""

    def __init__(self):
        self._per_bahasa: dict[str, tuple[dict, dict]] = {}
        penanda = "NOMOR-TRANSAKSI"
        self.url = reverse("transaksi:detail", args=[penanda]).split(penanda)

    def _label(self) -> tuple[dict, dict]:
        kode = get_language()
        if kode not in self._per_bahasa:
            self._per_bahasa[kode] = (
                {nilai: str(teks) for nilai, teks in Status.choices},
                {nilai: str(teks) for nilai, teks in Jam.choices},
            )
        return self._per_bahasa[kode]

    @property
    def status(self) -> dict:
        return self._label()[0]

    @property
    def jam(self) -> dict:
        return self._label()[1]


class _Orang(SimpleNamespace):
    """The officer or visitor of a row, as the templates read them."""


class BarisSurel:
    """A claimed transaction as the e-mail list (`_daftar.txt`) reads it, with
    the same labels and link the model would give, from `_Label`."""

    def __init__(self, baris: dict, label: _Label):
        self._label = label
        self.pk, self.nomor, self.status, self.jam = baris["pk"], baris["nomor"], baris["status"], baris["jam"]
        self.batas_waktu = baris["batas_waktu"]
        self.email_pemohon = baris["pemohon__email"].casefold()
        self.pemohon = _Orang(
            nama_lengkap=baris["pemohon__nama_lengkap"], nama_instansi=baris["pemohon__nama_instansi"]
        )
        self.petugas = (
            _Orang(nama_lengkap=baris["petugas__nama_lengkap"], email=baris["petugas__email"])
            if baris["petugas_id"]
            else None
        )

    def get_status_display(self) -> str:
        return self._label.status.get(self.status, self.status)

    def get_jam_display(self) -> str:
        return self._label.jam.get(self.jam, self.jam)

    def get_absolute_url(self) -> str:
        awal, akhir = self._label.url
        return f"{awal}{self.nomor}{akhir}"


def _aman(teks: str) -> str:
    """What the e-mail template gives for a value: its text, unescaped (the
    body is plain text, `notifikasi.render_teks`)."""
    return str(teks)


class CetakanDaftar:
    """The e-mail's list of rows (`_daftar.txt`) without rendering it per row.

    Rendering the template for every row was most of a drain's time. Here it
    is rendered once per shape of row (with or without an institution) for a
    single row whose values are markers, and once with no row (the text
    around the loop); each marker is then replaced by the row's value as the
    template writes it (unescaped: plain text), which gives the same text byte for byte
    (`tests/transaksi/test_tenggat_surel.py` compares it with the rendering
    of every row).
    """

    TEMPLATE = "email/transaksi/tenggat/_daftar.txt"
    # A deadline no real row has: its long form marks where the deadline goes
    # (the template formats it, so a plain marker string cannot stand in).
    _WAKTU_PENANDA = datetime(1901, 2, 3, 4, 5, tzinfo=WIB)

    def __init__(self, label: _Label):
        self._label = label
        self._bentuk: dict[bool, str] = {}
        self._waktu: dict[datetime, str] = {}
        self._label_siap: dict[str, str] = {}
        kosong = self._render([])
        panjang = len(os.path.commonprefix([kosong, self._render([self._penanda(False)])]))
        self._awal, self._akhir = kosong[:panjang], kosong[panjang:]

    def isi(self, daftar: list[BarisSurel]) -> str:
        return mark_safe(self._awal + "".join(self._baris(b) for b in daftar) + self._akhir)

    def _baris(self, b: BarisSurel) -> str:
        instansi = bool(b.pemohon.nama_instansi)
        if instansi not in self._bentuk:
            self._bentuk[instansi] = self._susun(instansi)
        if b.batas_waktu not in self._waktu:
            self._waktu[b.batas_waktu] = _aman(waktu_panjang(b.batas_waktu))
        return self._bentuk[instansi].format(
            nomor=_aman(b.nomor),
            status=self._label_aman(b.get_status_display()),
            jam=self._label_aman(b.get_jam_display()),
            nama=_aman(b.pemohon.nama_lengkap),
            instansi=_aman(b.pemohon.nama_instansi),
            batas=self._waktu[b.batas_waktu],
        )

    def _label_aman(self, label: str) -> str:
        if label not in self._label_siap:
            self._label_siap[label] = _aman(label)
        return self._label_siap[label]

    def _render(self, daftar: list) -> str:
        return render_teks(self.TEMPLATE, {"daftar": daftar, "site_url": settings.SITE_URL})

    def _susun(self, instansi: bool) -> str:
        """One row of markers rendered, as a format string: the text around
        (braces doubled) and a `{name}` field where each marker stood."""
        teks = self._render([self._penanda(instansi)])
        teks = teks[len(self._awal) : len(teks) - len(self._akhir)]
        bagian = teks.replace(waktu_panjang(self._WAKTU_PENANDA), "\x00batas\x00").split("\x00")
        return "".join(
            t.replace("{", "{{").replace("}", "}}") if i % 2 == 0 else f"{{{t}}}" for i, t in enumerate(bagian)
        )

    def _penanda(self, instansi: bool) -> BarisSurel:
        def penanda(nama: str) -> str:
            return f"\x00{nama}\x00"

        return BarisSurel(
            {
                "pk": 0,
                "nomor": penanda("nomor"),
                "status": penanda("status"),
                "jam": penanda("jam"),
                "batas_waktu": self._WAKTU_PENANDA,
                "petugas_id": None,
                "pemohon__nama_lengkap": penanda("nama"),
                "pemohon__nama_instansi": penanda("instansi") if instansi else "",
                "pemohon__email": "",
            },
            self._label,
        )


class CetakanPerBahasa:
    """A `CetakanDaftar` per language, made when an e-mail in that language is
    first rendered: the list reads in each recipient's language."""

    def __init__(self, label: _Label):
        self._label = label
        self._per_bahasa: dict[str, CetakanDaftar] = {}

    def isi(self, daftar: list[BarisSurel]) -> str:
        kode = get_language()
        if kode not in self._per_bahasa:
            self._per_bahasa[kode] = CetakanDaftar(self._label)
        return self._per_bahasa[kode].isi(daftar)


# --- unpaid invoices ----------------------------------------------------------------


def tagihan_lewat_masa(now: datetime) -> Q:
    return Q(status=Tagihan.Status.AKTIF, kedaluwarsa_pada__lt=now)


def perlu_kedaluwarsa(now: datetime) -> Q:
    """Past expiry and still unpaid: no proof of payment sent."""
    return tagihan_lewat_masa(now) & Q(transaksi__status=Status.MENUNGGU_PEMBAYARAN)


def _kunci_pemilik(kondisi: Q, batas: int | None) -> list[int]:
    """Lock the transactions of the invoices due (skipping any a request
    holds) before claiming the invoices: every service locks a transaction
    before its invoice (`inti.kunci`), and the job writes the transaction's
    history after marking the invoice, so the other order deadlocked with a
    visitor sending a proof or an officer correcting items. One active
    invoice per transaction: `batas` transactions are `batas` invoices."""
    pemilik = Transaksi.objects.filter(
        status=Status.MENUNGGU_PEMBAYARAN, pk__in=Tagihan.objects.filter(kondisi).values("transaksi_id")
    ).order_by("pk")
    if connection.features.has_select_for_update_skip_locked:
        pemilik = pemilik.select_for_update(skip_locked=True, of=("self",))
    return list(pemilik.values_list("pk", flat=True)[: batas or BATAS_PER_JALAN])


def tagihan_kedaluwarsa(ids: Iterable[int] | None = None, batas: int | None = None) -> list[int]:
    """Unpaid invoices past their expiry are marked expired (the invoice's
    expiry move, `siklus.kolom_kedaluwarsa`). The transaction stays "waiting
    for payment" — the one expiry policy, the same as the officer's
    replacement: it is still the visitor's turn (the delivery clock stays
    paused: no office clock runs for a payment the visitor did not make), the visitor is told
    not to pay the old code and the officers are asked for a new one.
    Returns the invoice ids marked.

    Each invoice's notice is written in a savepoint; when that fails its
    invoice is made active again, for the next run.
    """
    now = timezone.now()
    with transaction.atomic():
        kondisi = perlu_kedaluwarsa(now) & hanya(ids)
        kondisi &= Q(transaksi_id__in=_kunci_pemilik(kondisi, batas))
        klaim = klaim_baris(Tagihan, kondisi, siklus.kolom_kedaluwarsa(now), "kedaluwarsa_pada", batas)
        for tagihan in Tagihan.objects.filter(pk__in=klaim).select_related("transaksi__pemohon").order_by("pk"):
            try:
                with transaction.atomic():
                    _kabari_kedaluwarsa(tagihan)
            except Exception:
                log.exception("Tenggat: tagihan %s gagal dikedaluwarsakan; dicoba lagi nanti.", tagihan.pk)
                Tagihan.objects.filter(pk=tagihan.pk).update(status=Tagihan.Status.AKTIF, diganti_pada=None)
                klaim.remove(tagihan.pk)
    return klaim


def _penjelasan_kedaluwarsa(tagihan) -> str:
    return gettext(
        "Kode billing %(kode)s pada tagihan %(nomor)s kedaluwarsa pada %(waktu)s tanpa bukti pembayaran. "
        "Tagihan itu tidak berlaku \u2014 jangan membayar dengan kode tersebut: petugas akan menerbitkan "
        "tagihan baru dengan kode billing baru dan mengirimkannya lewat e-mail. Jika Anda sudah membayar "
        "sebelum batas waktu, unggah bukti bayar (BPN) pada halaman pembayaran."
    ) % {"kode": tagihan.kode_billing, "nomor": tagihan.nomor, "waktu": waktu_panjang(tagihan.kedaluwarsa_pada)}


def _kedaluwarsa_untuk_petugas(tagihan) -> str:
    """What the officers read: the expiry and their next step. The visitor's
    sentence (`_penjelasan_kedaluwarsa`) speaks to the payer ("do not pay with
    that code", "if you paid, upload the BPN") and would read to an officer as
    instructions meant for them."""
    return gettext(
        "Kode billing %(kode)s pada tagihan %(nomor)s kedaluwarsa pada %(waktu)s tanpa bukti pembayaran. "
        "Terbitkan tagihan baru dengan kode billing baru untuk pemohon."
    ) % {"kode": tagihan.kode_billing, "nomor": tagihan.nomor, "waktu": waktu_panjang(tagihan.kedaluwarsa_pada)}


def _kabari_kedaluwarsa(tagihan) -> None:
    t = tagihan.transaksi
    # The history is the office's record, in its language; the job acts for
    # nobody, so each e-mail is rendered in its recipient's language.
    with bahasa_kantor():
        inti.catat(t, Riwayat.CATATAN, None, _penjelasan_kedaluwarsa(tagihan))
    catatan = lazy(_penjelasan_kedaluwarsa, str)(tagihan)
    inti.kabari_pemohon(t, catatan, format_lazy(gettext_lazy("Tagihan {nomor} kedaluwarsa"), nomor=tagihan.nomor))
    subjek_petugas = format_lazy(
        gettext_lazy("Tagihan {nomor} kedaluwarsa: terbitkan tagihan baru"), nomor=tagihan.nomor
    )
    kirim_surel(
        inti.email_petugas(t),
        format_lazy("[{}] {}", t.nomor, subjek_petugas),
        "email/transaksi/petugas.txt",
        {"t": t, "status": subjek_petugas, "catatan": lazy(_kedaluwarsa_untuk_petugas, str)(tagihan)},
    )


# --- calendar changes -----------------------------------------------------------------


def hitung_ulang(
    tanggal: Iterable[date] | None = None,
    ids: Iterable[int] | None = None,
    kantor: int | None = None,
    gagal: list | None = None,
) -> list[int]:
    """Recompute the clocks, running and paused, from their history after the
    office calendar or the service hours changed (transaksi/jam.py replays
    the moves: a changed day may change the days a paused clock used as
    well as a running clock's deadline), and the internal targets.

    `tanggal` are the changed dates: only clocks that started before the end
    of the last one and whose deadline or internal target is not before the
    first one (or that are paused) are looked at; None means every open clock (the service
    hours changed). A target may fall after the deadline: one that had
    already passed, or an office target longer than the days left.
    Returns the ids whose clock changed; the ids that failed are added to
    `gagal` when given. A deadline that moved into the
    future is no longer overdue: its escalation flag is cleared, so the new
    deadline is enforced in turn.
    """
    q = ~Q(jam=Jam.TIDAK_ADA) & hanya(ids)
    if kantor is not None:  # one office's calendar or hours changed: its clocks only
        q &= Q(kantor=kantor)
    tanggal = sorted(set(tanggal or ()))
    if tanggal:
        # A clock started on a changed date counts too: its own day never counts
        # towards N >= 1 days, but an internal target of 0 days (the same working
        # day) ends at that day's close, or the next one's when it closed.
        akhir = kalender.tengah_malam(tanggal[-1] + timedelta(days=1))
        awal = kalender.tengah_malam(tanggal[0])
        mulai_sebelum = Q(jam=Jam.PERIKSA, jam_mulai__lt=akhir) | Q(jam=Jam.PROSES, lengkap_pada__lt=akhir)
        belum_lewat = Q(batas_waktu__gte=awal) | Q(batas_waktu__isnull=True) | Q(target_batas__gte=awal)
        q &= mulai_sebelum & belum_lewat
    return satu_per_satu(
        Transaksi.objects.filter(q).order_by("pk").values_list("pk", flat=True),
        _hitung_ulang_satu,
        "Tenggat: batas waktu transaksi %s gagal dihitung ulang.",
        gagal=gagal,
    )


def _hitung_ulang_satu(pk: int) -> bool:
    with transaction.atomic():
        t = Transaksi.objects.select_for_update().filter(pk=pk).exclude(jam=Jam.TIDAK_ADA).first()
        if t is None:  # the clock stopped meanwhile
            return False
        # The replay asks for the calendar at every step: its version and the
        # office's hours are read once, after the row's lock, not once per run,
        # so a recompute for a later change that already rewrote this row is
        # never undone with the calendar this run began with.
        with kalender.sekali_baca():
            return _putar_ulang_terkunci(t)


def _putar_ulang_terkunci(t: Transaksi) -> bool:
    """`_hitung_ulang_satu` on its locked row: whether the clock or the target changed."""
    perpindahan = inti.perpindahan(t)
    baru = jam_sop.putar_ulang(perpindahan, bebas=not t.berbayar, kantor=t.kantor_id)
    target = jam_sop.target_internal(perpindahan, inti.hari_target(t.kantor_id), t.kantor_id)
    lama = jam_sop.dari_baris(t)
    if baru == lama and target == t.target_batas:
        return False
    kolom = [*jam_sop.ke_baris(t, baru), "target_batas", "diubah_pada"]
    t.target_batas = target
    masih_ke_depan = baru.batas is None or baru.batas > timezone.now()
    if t.eskalasi_pada and masih_ke_depan:
        t.eskalasi_pada = None
        kolom.append("eskalasi_pada")
    if t.pengingat_pada and masih_ke_depan and baru.batas != lama.batas:
        t.pengingat_pada = None  # a new deadline: one day before it is a new reminder, as on a resume
        kolom.append("pengingat_pada")
    t.save(update_fields=kolom)
    # Told only when it reads differently: a clock stored a moment after its
    # status row's instant (rows of moves made before the two shared one)
    # replays to the same deadline and days left, which is no news.
    if jam_sop.keterangan(baru) != jam_sop.keterangan(lama):
        with bahasa_kantor():  # inline in the request of a supervisor reading English when the broker is down
            keterangan = f"{jam_sop.keterangan(lama)} dihitung ulang menjadi {jam_sop.keterangan(baru)}"
        inti.catat(
            t,
            Riwayat.JAM_DIHITUNG_ULANG,
            jam=t.jam,
            batas_waktu=baru.batas,
            catatan=f"Kalender kantor berubah: {keterangan}.",
        )
    return True


def eskalasi_macet(lebih_lama_dari) -> str | None:
    """Stuck-work check for the operator's alert: clocks past their deadline
    since before `lebih_lama_dari` and still not escalated."""
    n = Transaksi.objects.filter(perlu_eskalasi(lebih_lama_dari))[:1000].count()
    if not n:
        return None
    return lazy(_eskalasi_macet, str)(n)


def _eskalasi_macet(n: int) -> str:
    return ngettext(
        "%(n)d transaksi melewati batas waktu SOP lebih dari 30 menit tetapi belum dieskalasi.",
        "%(n)d transaksi melewati batas waktu SOP lebih dari 30 menit tetapi belum dieskalasi.",
        n,
    ) % {"n": n}
