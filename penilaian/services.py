"""Rating and closing (SOP step 8): every change goes through these functions.

- `beri_penilaian` — the owner rates a delivered transaction; this closes it
  (DISERAHKAN → SELESAI through `transaksi.services.pindah_status`).
- `beri_penilaian_kunjungan` — the holder of a finished queue ticket's token
  rates the walk-in visit (ticket QR page on their phone, or the desk kiosk).
- `tutup_tanpa_penilaian` — the auto-close beat job closes a delivered
  transaction nobody rated in time.
- `jawab_umpan_balik` — an officer answers feedback that asked for follow-up.

A refusal raises `PenilaianDitolak` (or `ValidationError` for the answers)
with an Indonesian message meant for the person at the screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from antrian.models import Kanal, Layanan, StatusTiket, Tiket
from penilaian.models import PROFIL_RESPONDEN, Media, Penilaian, RencanaTindakLanjut
from penilaian.skm import SKOR_MAKS, SKOR_MIN, UNSUR
from pst_layanan.bahasa import bahasa_kantor
from pst_layanan.format import lama, tanggal_panjang, waktu_panjang
from pst_layanan.forms import tampak
from pst_layanan.kantor import boleh_kantor, kantor, kantor_petugas
from pst_layanan.notifikasi import kirim_surel
from pst_layanan.periode import Bulan
from pst_layanan.roles import PETUGAS, SUPERVISOR, punya_peran
from pst_layanan.sop import KODE_LAYANAN_BERBAYAR
from transaksi.alur import TransisiTidakSah
from transaksi.models import Status, Transaksi
from transaksi.selectors import batas_penilaian_kalender
from transaksi.services import email_petugas, email_semua_petugas, masih_bertugas, pindah_status
from transaksi.tenggat import ambang_hari_kerja_lewat

BATAS_UMPAN_BALIK = 2000


class PenilaianDitolak(TransisiTidakSah):
    """A rating or answer that may not be given; str(exc) is shown as is."""


# --- the answers ------------------------------------------------------------------


def validasi_skor(data: Mapping) -> dict[str, int]:
    """The nine answers as {u1: 1..4, …}; every missing or out-of-range
    answer is reported by its element, in the reader's language."""
    skor, galat = {}, {}
    for u in UNSUR:
        mentah = data.get(u.kolom, data.get(u.kode))
        if mentah in (None, ""):
            galat[u.kolom] = _("Pilih jawaban untuk %(kode)s (%(nama)s).") % {"kode": u.kode, "nama": u.nama}
            continue
        try:
            nilai = int(mentah)
        except (TypeError, ValueError):
            nilai = None
        if nilai is None or not SKOR_MIN <= nilai <= SKOR_MAKS:
            galat[u.kolom] = _("Jawaban %(kode)s (%(nama)s) harus bernilai %(min)s sampai %(maks)s.") % {
                "kode": u.kode,
                "nama": u.nama,
                "min": SKOR_MIN,
                "maks": SKOR_MAKS,
            }
            continue
        skor[u.kolom] = nilai
    if galat:
        raise ValidationError(galat)
    return skor


def validasi_profil(profil: Mapping | None) -> dict[str, str]:
    """The respondent profile as answered: each question optional (blank),
    an answer outside the questionnaire's list refused by its question."""
    hasil, galat = {}, {}
    for kolom, label, pilihan in PROFIL_RESPONDEN:
        nilai = str((profil or {}).get(kolom) or "")
        if nilai and nilai not in pilihan.values:
            galat[kolom] = _("Pilih jawaban %(pertanyaan)s dari daftar.") % {"pertanyaan": str(label).lower()}
        hasil[kolom] = nilai
    if galat:
        raise ValidationError(galat)
    return hasil


def _waktu_dibuka(dibuka_pada: datetime | None, sekarang: datetime) -> datetime:
    """When the form was opened; never after submission (clock skew, bad input)."""
    if dibuka_pada is None or dibuka_pada > sekarang:
        return sekarang
    return dibuka_pada


def kunci_penilai(pk: int):
    """The rater's account read afresh under a share lock, taken before the
    rated row as the erasure takes theirs (`pst_layanan.data_pribadi.anonimkan`):
    an erasure that started first is waited for and seen, so the rating takes
    no text; one that starts meanwhile waits for the rating and blanks its
    text with the rest. A share lock leaves the account's other readers and
    references alone."""
    Pengguna = get_user_model()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            tabel, kolom = (connection.ops.quote_name(n) for n in (Pengguna._meta.db_table, Pengguna._meta.pk.column))
            cursor.execute(f"SELECT 1 FROM {tabel} WHERE {kolom} = %s FOR SHARE", [pk])
    return Pengguna.objects.get(pk=pk)


def alasan_tanpa_umpan_balik(pengguna) -> str | None:
    """Why a rating by `pengguna` takes no feedback text nor follow-up request,
    or None when it does. An erased visitor's paper ticket still opens its
    rating page: the scores are the anonymous statistics erasure keeps, but
    new text would outlive the erasure (it runs once), and a follow-up would
    wait for an answer nobody can receive."""
    if pengguna.dianonimkan_pada is None:
        return None
    return _(
        "Data pribadi pengguna layanan ini sudah dihapus: penilaian tetap diterima, tetapi tanpa saran dan masukan."
    )


class Jawaban(NamedTuple):
    """What the rater sent, as the form or the kiosk read it."""

    skor: Mapping
    umpan_balik: str
    minta_tindak_lanjut: bool
    dibuka_pada: datetime | None
    profil: Mapping | None


def _buat(sasaran: dict, pengguna, jawaban: Jawaban, **kolom) -> Penilaian:
    nilai = validasi_skor(jawaban.skor)
    profil = validasi_profil(jawaban.profil)
    umpan_balik = (jawaban.umpan_balik or "").strip()
    minta_tindak_lanjut = jawaban.minta_tindak_lanjut
    if not tampak(umpan_balik):  # zero-width spaces or fillers: nothing an officer could read or answer
        umpan_balik = ""
    tanpa = alasan_tanpa_umpan_balik(pengguna)
    if tanpa and (umpan_balik or minta_tindak_lanjut):
        raise ValidationError(tanpa)
    if len(umpan_balik) > BATAS_UMPAN_BALIK:
        raise ValidationError(
            {"umpan_balik": _("Saran dan masukan paling banyak %(n)s karakter.") % {"n": BATAS_UMPAN_BALIK}}
        )
    if minta_tindak_lanjut and not umpan_balik:
        raise ValidationError({"umpan_balik": _("Tuliskan saran atau keluhan yang ingin ditindaklanjuti.")})
    sekarang = timezone.now()
    [target] = sasaran.values()
    return Penilaian.objects.create(
        **sasaran,
        kantor_id=target.kantor_id,  # the office of the transaction or visit rated
        pengguna=pengguna,
        umpan_balik=umpan_balik,
        minta_tindak_lanjut=bool(minta_tindak_lanjut),
        dibuka_pada=_waktu_dibuka(jawaban.dibuka_pada, sekarang),
        dikirim_pada=sekarang,
        **nilai,
        **profil,
        **kolom,
    )


def _minta_tindak_lanjut(p: Penilaian, penerima: list[str], rujukan) -> None:
    """`rujukan` names what was rated, lazily: each recipient reads it in their language."""
    if p.minta_tindak_lanjut:
        kirim_surel(
            penerima,
            format_lazy(gettext_lazy("Umpan balik perlu ditindaklanjuti: {rujukan}"), rujukan=rujukan),
            "email/penilaian/perlu_tindak_lanjut.txt",
            {"p": p, "rujukan": rujukan, "tautan": reverse("penilaian:umpan_balik")},
        )


# --- a delivered transaction (online) -------------------------------------------------


def layanan_transaksi(t: Transaksi) -> tuple[str, Layanan | None]:
    """Channel and service of a transaction: those of the visit it came from,
    else online and the paid-products service."""
    kunjungan = getattr(t, "kunjungan", None)
    if kunjungan is not None:
        return kunjungan.kanal, kunjungan.layanan
    return Kanal.ONLINE, Layanan.objects.filter(kode=KODE_LAYANAN_BERBAYAR).first()


def periksa_boleh_menilai(t: Transaksi, oleh) -> None:
    """Raise PenilaianDitolak unless `oleh` may rate `t` now."""
    if t.pemohon_id != getattr(oleh, "pk", None):
        raise PenilaianDitolak(_("Hanya pemohon transaksi ini yang dapat memberi penilaian."))
    if Penilaian.objects.filter(transaksi=t).exists():
        raise PenilaianDitolak(
            _("Transaksi %(nomor)s sudah dinilai. Penilaian hanya dapat diberikan satu kali.") % {"nomor": t.nomor}
        )
    if t.status == Status.SELESAI:
        # Closed unrated by the auto-close (a rated one was refused above).
        raise PenilaianDitolak(
            _("Masa penilaian transaksi %(nomor)s sudah berakhir; transaksi ditutup tanpa penilaian.")
            % {"nomor": t.nomor}
        )
    if t.status != Status.DISERAHKAN:
        raise PenilaianDitolak(
            _("Transaksi %(nomor)s berstatus “%(status)s”; penilaian dapat diberikan setelah produk diserahkan.")
            % {"nomor": t.nomor, "status": t.get_status_display()}
        )
    if masa_penilaian_berakhir(t, timezone.now()):
        # Over, though the auto-close has not run yet: it would close this
        # transaction unrated on its next run, so a late rating is not taken.
        raise PenilaianDitolak(
            _("Masa penilaian transaksi %(nomor)s sudah berakhir pada %(batas)s; penilaian tidak dapat diberikan lagi.")
            % {"nomor": t.nomor, "batas": waktu_panjang(batas_penilaian(t))}
        )


def beri_penilaian(
    transaksi: Transaksi | int,
    oleh,
    skor: Mapping,
    umpan_balik: str = "",
    minta_tindak_lanjut: bool = False,
    dibuka_pada: datetime | None = None,
    profil: Mapping | None = None,
) -> Penilaian:
    """The owner rates a delivered transaction once; the transaction is closed
    (SELESAI, history row, `ditutup_pada`) in the same database transaction."""
    pk = transaksi.pk if isinstance(transaksi, Transaksi) else transaksi
    with transaction.atomic():
        penilai = kunci_penilai(oleh.pk)
        t = Transaksi.objects.select_for_update().get(pk=pk)
        periksa_boleh_menilai(t, oleh)
        kanal, layanan = layanan_transaksi(t)
        jawaban = Jawaban(skor, umpan_balik, minta_tindak_lanjut, dibuka_pada, profil)
        p = _buat({"transaksi": t}, penilai, jawaban, kanal=kanal, layanan=layanan, media=Media.APLIKASI)
        t.ditutup_pada = p.dikirim_pada
        pindah_status(t, Status.SELESAI, oleh, "Penilaian layanan diberikan; transaksi ditutup.", ("ditutup_pada",))
        _minta_tindak_lanjut(p, email_petugas(t), format_lazy(gettext_lazy("transaksi {nomor}"), nomor=t.nomor))
    return p


# --- a finished walk-in visit (ticket token) ---------------------------------------------


def tiket_untuk_token(token: str) -> Tiket | None:
    if not token or len(token) > 64:
        return None
    return Tiket.objects.select_related("layanan", "kunjungan", "kunjungan__pengunjung").filter(token=token).first()


def kunjungan_sudah_dinilai(tiket: Tiket) -> bool:
    """A visit is rated once, whichever way (its ticket's page, the desk kiosk)."""
    return Penilaian.objects.filter(kunjungan_id=tiket.kunjungan_id).exists()


def periksa_boleh_menilai_kunjungan(tiket: Tiket) -> None:
    if tiket.status != StatusTiket.SELESAI:
        raise PenilaianDitolak(
            _("Tiket %(kode)s belum selesai dilayani; penilaian dapat diberikan setelah pelayanan di loket selesai.")
            % {"kode": tiket.kode}
        )
    if kunjungan_sudah_dinilai(tiket):
        raise PenilaianDitolak(_("Kunjungan dengan tiket %(kode)s sudah dinilai. Terima kasih.") % {"kode": tiket.kode})


def beri_penilaian_kunjungan(
    token: str,
    skor: Mapping,
    umpan_balik: str = "",
    minta_tindak_lanjut: bool = False,
    dibuka_pada: datetime | None = None,
    media: str = Media.TIKET,
    profil: Mapping | None = None,
) -> Penilaian:
    """Whoever holds the ticket's unguessable token (its QR page, or the desk
    kiosk that looked the ticket up) rates the finished visit, once."""
    with transaction.atomic():
        tiket = tiket_untuk_token(token)
        if tiket is None:
            raise PenilaianDitolak(_("Tiket tidak ditemukan. Pindai kembali kode QR pada tiket Anda."))
        penilai = kunci_penilai(tiket.kunjungan.pengunjung_id)
        tiket = Tiket.objects.select_for_update(of=("self",)).select_related("layanan", "kunjungan").get(pk=tiket.pk)
        periksa_boleh_menilai_kunjungan(tiket)
        kunjungan = tiket.kunjungan
        jawaban = Jawaban(skor, umpan_balik, minta_tindak_lanjut, dibuka_pada, profil)
        p = _buat(
            {"kunjungan": kunjungan}, penilai, jawaban, kanal=kunjungan.kanal, layanan=kunjungan.layanan, media=media
        )
        # The officer who served it while they still work at its office, else the office.
        petugas = kunjungan.petugas if kunjungan.petugas_id else None
        bertugas = masih_bertugas(petugas, email_semua_petugas(kunjungan.kantor_id))
        penerima = [bertugas.email] if bertugas else [kantor(kunjungan.kantor_id).email]
        _minta_tindak_lanjut(p, penerima, format_lazy(gettext_lazy("kunjungan dengan tiket {kode}"), kode=tiket.kode))
    return p


# --- closing without a rating (called by the deadlines beat job) ----------------------


def batas_penilaian(t: Transaksi) -> datetime | None:
    """Until when a delivered transaction may be rated before it is closed
    automatically: `Kantor.batas_penilaian_hari_kerja` working days after
    delivery, and never before the date the visitor was told at delivery
    (`Transaksi.batas_penilaian_dijanjikan`): a working day added to the
    calendar since then would otherwise close it earlier than promised."""
    kalender_kini = batas_penilaian_kalender(t)
    if kalender_kini is None or t.batas_penilaian_dijanjikan is None:
        return kalender_kini
    return max(kalender_kini, t.batas_penilaian_dijanjikan)


def ambang_tutup_penilaian(now: datetime, kantor_id: int) -> datetime:
    """Deliveries at office `kantor_id` before this instant have their
    office's working days over at `now`: the n-th working day after the
    delivery's date has closed (n = `Kantor.batas_penilaian_hari_kerja`)."""
    return ambang_hari_kerja_lewat(now, kantor(kantor_id).batas_penilaian_hari_kerja, kantor_id)


def janji_penilaian_lewat(now: datetime) -> Q:
    """The date promised at delivery has come (an empty promise: none to wait for)."""
    return Q(batas_penilaian_dijanjikan__isnull=True) | Q(batas_penilaian_dijanjikan__lte=now)


def masa_penilaian_berakhir(t: Transaksi, now: datetime) -> bool:
    """`now` has reached `batas_penilaian(t)`: the office's working days are
    over and so is the promised date. The one rule a submitted rating, the
    auto-close and the rating reminders decide by (the last two through its
    query form, `penilaian.tenggat.masa_penilaian_lewat`)."""
    if t.diserahkan_pada is None or t.diserahkan_pada >= ambang_tutup_penilaian(now, t.kantor_id):
        return False
    return t.batas_penilaian_dijanjikan is None or t.batas_penilaian_dijanjikan <= now


def tutup_tanpa_penilaian(transaksi: Transaksi | int, oleh=None) -> bool:
    """Close a delivered transaction that was not rated in time, as "not rated".

    Called by the auto-close beat job (`penilaian/tenggat.py`) for each
    transaction in DISERAHKAN whose `batas_penilaian(t)` has passed. Safe to run twice or on
    two workers at once: under the row lock it re-checks the status and that
    no rating exists, and returns False (doing nothing) when another run or
    the visitor got there first; True when it closed the transaction (SELESAI,
    `ditutup_pada`, a history row "ditutup tanpa penilaian", the status
    e-mail to the visitor). No `Penilaian` row is created, so the IKM counts
    only real answers.
    """
    pk = transaksi.pk if isinstance(transaksi, Transaksi) else transaksi
    with transaction.atomic():
        t = Transaksi.objects.select_for_update().get(pk=pk)
        if t.status != Status.DISERAHKAN or Penilaian.objects.filter(transaksi=t).exists():
            return False
        t.ditutup_pada = timezone.now()
        catatan = lazy(_catatan_tutup, str)(kantor(t.kantor_id).batas_penilaian_hari_kerja)
        # The history is the office's record, in its language; the job acts
        # for nobody, so the visitor's e-mail reads in the visitor's.
        with bahasa_kantor():
            pindah_status(t, Status.SELESAI, oleh, catatan, ("ditutup_pada",))
    return True


def _catatan_tutup(hari: int) -> str:
    # `lama`: an office may give one working day, which English says in the singular.
    return _("Ditutup otomatis tanpa penilaian: tidak dinilai dalam %(lama)s setelah produk diserahkan.") % {
        "lama": lama(hari, "hari_kerja")
    }


# --- the officer's answer to feedback ---------------------------------------------------


def jawab_umpan_balik(penilaian: Penilaian | int, petugas, jawaban: str) -> bool:
    """Record an officer's answer to feedback and e-mail it to the visitor
    (once). Returns whether the e-mail was queued: a closed account (deactivated
    or erased) is sent no more mail, so its answer is only recorded."""
    if not punya_peran(petugas, PETUGAS):
        raise PenilaianDitolak(_("Hanya petugas layanan yang dapat menjawab umpan balik."))
    jawaban = (jawaban or "").strip()
    if not jawaban:
        raise ValidationError({"jawaban": _("Tuliskan jawaban untuk pengguna layanan.")})
    pk = penilaian.pk if isinstance(penilaian, Penilaian) else penilaian
    with transaction.atomic():
        p = Penilaian.objects.select_for_update(of=("self",)).select_related("pengguna", "transaksi").get(pk=pk)
        if p.dijawab_pada:
            raise PenilaianDitolak(_("Umpan balik ini sudah dijawab."))
        # Only a follow-up request awaits an answer; an erasure closes one
        # (its text and its address are gone).
        if not p.minta_tindak_lanjut:
            raise PenilaianDitolak(_("Umpan balik ini tidak meminta tindak lanjut; tidak ada yang perlu dijawab."))
        # Staff rating their own request are its visitor: a colleague answers them.
        if p.pengguna_id == petugas.pk:
            raise PenilaianDitolak(_("Umpan balik ini Anda berikan sendiri; rekan petugas yang menjawabnya."))
        p.jawaban, p.dijawab_oleh, p.dijawab_pada = jawaban, petugas, timezone.now()
        p.save(update_fields=["jawaban", "dijawab_oleh", "dijawab_pada"])
        surel = kirim_surel(
            p.pengguna.email,
            _subjek_jawaban(p),
            "email/penilaian/jawaban.txt",
            {"p": p, "petugas": petugas},
        )
    return surel is not None


def _subjek_jawaban(p: Penilaian):
    """The answer's subject, in the visitor's language: it names what the
    feedback was on (the transaction, else the day of the visit's rating), so
    a visitor who gave feedback more than once tells the answers apart."""
    if p.transaksi_id:
        return format_lazy(
            gettext_lazy("Tanggapan atas saran dan masukan Anda untuk transaksi {nomor}"), nomor=p.transaksi.nomor
        )
    return lambda: (
        _("Tanggapan atas saran dan masukan Anda pada %(tanggal)s") % {"tanggal": tanggal_panjang(p.dikirim_pada)}
    )


# --- the supervisor's improvement plan for a month's SKM ---------------------------------

BATAS_RENCANA = 5000


def simpan_rencana_tindak_lanjut(bulan, oleh, isi: str, kantor_id: int | None = None):
    """Write (or rewrite) the improvement plan of a survey month for office
    `kantor_id` (None: the province's); supervisors of that office, or
    whoever sees every office, only."""
    if not punya_peran(oleh, SUPERVISOR):
        raise PenilaianDitolak(_("Hanya supervisor yang dapat mengisi rencana tindak lanjut."))
    if not (boleh_kantor(oleh, kantor_id) if kantor_id else kantor_petugas(oleh) is None):
        raise PenilaianDitolak(_("Rencana tindak lanjut ini bukan untuk kantor Anda."))
    if bulan > Bulan.ini():
        # A plan follows up a month's survey results, which a month to come has none of yet.
        raise PenilaianDitolak(_("Rencana tindak lanjut belum dapat diisi untuk bulan yang akan datang."))
    isi = (isi or "").strip()
    if not isi:
        raise ValidationError({"isi": _("Tuliskan rencana tindak lanjut.")})
    if len(isi) > BATAS_RENCANA:
        raise ValidationError({"isi": _("Rencana tindak lanjut paling banyak %(n)s karakter.") % {"n": BATAS_RENCANA}})
    rencana, _dibuat = RencanaTindakLanjut.objects.update_or_create(
        bulan=bulan.hari_pertama,
        kantor_id=kantor_id,
        defaults={"isi": isi, "diubah_oleh": oleh, "diubah_pada": timezone.now()},
    )
    return rencana
