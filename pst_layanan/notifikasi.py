"""E-mail through the outbox: the one way the application sends mail.

`kirim_surel` writes a `Surel` row in the caller's database transaction and
asks Celery to send it after commit. If the transaction rolls back, no mail
exists; if the broker is down, the caller's action still succeeds and the row
waits for the sweep (`sapu_surel_task`, every minute from beat).

`kirim_satu` claims a row with a compare-and-set update on `dikunci_sampai`
("not before"), so two senders never send the same row twice. The same field
holds the back-off after a failed attempt: the row is retried by the sweep
once it passes, so retries survive a lost task, a dead broker or a restarted
worker — the row, not the broker, remembers what is still owed.

Account e-mails (password reset, set-password invitation, address
verification) carry a link that is as good as the password. Their row holds
`TAUTAN_DISEMBUNYIKAN` where the link goes and the account it is for; the
link is made by `pst_layanan.tautan.tautan_rahasia` at each sending attempt and
exists only in the message that leaves. A supervisor reading the outbox, a
database backup or a leaked dump never holds a working link, and a row that
waits for a dead mail server still goes out with a working link later.
"""

from __future__ import annotations

import logging
import smtplib
import socket
from collections.abc import Callable
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend
from django.core.mail.message import sanitize_address
from django.db import transaction
from django.db.models import Q
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from pst_layanan.bahasa import bahasa_penerima
from pst_layanan.celery import terbitkan
from pst_layanan.data_pribadi import DOMAIN_ANONIM
from pst_layanan.kantor import kantor, kantor_pemilik
from pst_layanan.models import Surel, kantor_bawaan
from pst_layanan.sop import SOP
from pst_layanan.tautan import tautan_rahasia

log = logging.getLogger(__name__)

# A sender holds its claim this long; SMTP gives up long before (EMAIL_TIMEOUT).
MASA_KLAIM = timedelta(minutes=5)
# After this many failed attempts (about five hours of back-off) the sweep
# stops; the row stays visible in the admin, where "Kirim lagi" restarts it.
# Tries that reached no server count only up to the last one (TAK_TERSAMBUNG).
MAKS_PERCOBAAN = 10
JEDA_AWAL = timedelta(minutes=1)
JEDA_MAKS = timedelta(hours=1)
# A fresh row's own task may still be on its way: the sweep leaves it alone.
UMUR_SAPU = timedelta(minutes=2)
# Stands in the stored body for an account link; replaced only in the message sent.
TAUTAN_DISEMBUNYIKAN = "[tautan rahasia disembunyikan; dibuat saat surel dikirim]"


# The mail server itself cannot be reached: every other row would wait out the
# same timeout, so a sweep stops at the first of these and the next one tries again.
SERVER_TAK_TERJANGKAU = (
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
    ConnectionError,
    TimeoutError,
    socket.gaierror,
)


# Nothing was said to any mail server (refused, no answer, unknown host): no
# message is at fault, so such a try does not use up a row's last one. An outage
# longer than the back-off (a weekend) delays the mail instead of dropping it.
TAK_TERSAMBUNG = (smtplib.SMTPConnectError, ConnectionRefusedError, TimeoutError, socket.gaierror)


def ringkas(exc: BaseException) -> str:
    """`exc` as a log line may show it. An SMTP error quotes the mail
    server's reply, which names the recipients (a refused address, a
    mailbox that is full): logs are kept and read more widely than the
    outbox, so they get its kind and reply code only; the row's
    `galat_terakhir`, read in the admin, keeps the whole text."""
    if not isinstance(exc, smtplib.SMTPException):
        return f"{type(exc).__name__}: {exc}"
    kode = {getattr(exc, "smtp_code", None)} | {k for k, _balasan in getattr(exc, "recipients", {}).values()}
    return " ".join([type(exc).__name__, *sorted(str(k) for k in kode if k)])


def catat_gagal(pesan: str, pk: int, exc: BaseException) -> None:
    """Log a failed attempt at row `pk`: an SMTP error, or the mail server out
    of reach (expected while it is down: every sweep would repeat the same
    traceback), as `ringkas` puts it; any other error (a fault of ours) with
    its traceback."""
    if isinstance(exc, (smtplib.SMTPException, *SERVER_TAK_TERJANGKAU)):
        log.warning(f"{pesan} (%s)", pk, ringkas(exc))
    else:
        log.warning(pesan, pk, exc_info=exc)


class SurelBatal(Exception):
    """The e-mail must not go out any more (e.g. its account was closed); not retried."""


Subjek = str | Promise | Callable[[], str]


def kirim_surel(penerima, subjek: Subjek, template: str, *args, **kwargs) -> Surel | None:
    """Queue an e-mail rendered from `template` (a .txt template); the
    arguments are `susun_surel`'s.

    `penerima` is an address or a list of them; empty addresses, and those
    of erased or deactivated accounts (which receive no more mail), are
    dropped and nothing is queued when none remain. Each recipient reads it in their
    own language (`susun_surel`); the first row is returned. With
    `tautan_rahasia` (a `Surel.TautanRahasia`) the template's `{{ tautan }}`
    is the marker, and the link of that kind for `pengguna` is made when the
    e-mail is sent. `bahasa` (address → language) replaces the stored ones.
    """
    daftar = susun_surel(penerima, subjek, template, *args, **kwargs)
    for surel in daftar:
        surel.save()
        transaction.on_commit(lambda pk=surel.pk: antrekan(pk))
    return daftar[0] if daftar else None


def susun_surel(
    penerima,
    subjek: Subjek,
    template: str,
    konteks: dict | None = None,
    tautan_rahasia: str = "",
    pengguna=None,
    bahasa: dict[str, str] | None = None,
) -> list[Surel]:
    """The outbox rows `kirim_surel` would queue, rendered but not saved: one
    per language among the recipients, each rendered with that language
    active (`pst_layanan.bahasa.bahasa_penerima`; an address without an
    account reads the office's language). The subject is translated at the
    same moment, so it is given lazily: a lazy string, or a function
    returning the text. A job mailing many groups renders them all, then saves
    them in one statement (`simpan_surel`); it passes `bahasa` (address →
    language, read once for every group) so no group queries it again."""
    if isinstance(penerima, str):
        penerima = [penerima]
    alamat = sorted({p for p in penerima if p and not p.endswith(f"@{DOMAIN_ANONIM}")})
    if not alamat:
        return []
    bahasa = bahasa_penerima(alamat) if bahasa is None else bahasa
    kelompok: dict[str, list[str]] = {}
    for a in alamat:
        # A deactivated account reads nothing more: not even a reminder or a
        # notice about its own request, since it can no longer sign in to act on it.
        if a not in bahasa or bahasa[a] is not None:
            kelompok.setdefault(bahasa.get(a) or settings.LANGUAGE_CODE, []).append(a)
    if not kelompok:
        return []
    pemilik = kantor_pemilik(konteks)
    konteks = {"kantor": kantor(pemilik), "site_url": settings.SITE_URL, "sop": SOP, **(konteks or {})}
    # An office's e-mail is answered to that office (`kirim_satu`); its footer says so.
    konteks["balasan_ke_kantor"] = pemilik is not None
    if tautan_rahasia:
        konteks["tautan"] = TAUTAN_DISEMBUNYIKAN
    daftar = []
    for kode, alamat_bahasa in sorted(kelompok.items()):
        with translation.override(kode):
            isi = render_teks(template, konteks)
            teks_subjek = subjek() if callable(subjek) else str(subjek)
        daftar.append(
            Surel(
                penerima=alamat_bahasa,
                subjek=satu_baris(teks_subjek),
                isi=isi,
                tautan_rahasia=tautan_rahasia,
                pengguna=pengguna,
                kantor_id=pemilik,
            )
        )
    return daftar


def render_teks(template: str, konteks: dict) -> str:
    """A plain-text e-mail template rendered without HTML escaping: the body
    is text, so a name typed "O'Brien & Co" reads as typed, not as
    "O&#x27;Brien &amp; Co"."""
    return get_template(template).template.render(Context(konteks, autoescape=False))


def satu_baris(subjek: str) -> str:
    """`subjek` on one line: a name or title typed with a line break (or any
    other line separator) would otherwise end the Subject header and start a
    header of the typist's choosing, or make the backend refuse the message."""
    return " ".join(subjek.split())


def simpan_surel(daftar: list[Surel]) -> list[Surel]:
    """Queue rows built by `susun_surel` with one INSERT; each is handed to
    Celery after commit, as `kirim_surel` does."""
    if not daftar:
        return []
    Surel.objects.bulk_create(daftar)
    pks = [s.pk for s in daftar]
    transaction.on_commit(lambda: [antrekan(pk) for pk in pks])
    return daftar


def isi_terkirim(surel: Surel) -> str:
    """The body that leaves: the stored one, with a fresh account link in place
    of the marker. Raises SurelBatal when the link can no longer be made."""
    if not surel.tautan_rahasia:
        return surel.isi
    tautan = tautan_rahasia(surel.tautan_rahasia, surel.pengguna, surel.penerima)
    if tautan is None:
        raise SurelBatal(_("Akun tujuan tautan sudah tidak ada, ditutup, atau alamatnya berubah."))
    return surel.isi.replace(TAUTAN_DISEMBUNYIKAN, settings.SITE_URL + tautan)


def penerima_terbuka(alamat: list[str]) -> list[str]:
    """`alamat` less the addresses whose account was closed (deactivated or
    erased) after the row was queued: a row that waited for the mail server
    or its back-off would otherwise reach them (`susun_surel` drops them only
    when queueing). Raises SurelBatal when none remains."""
    tertutup = {a for a, kode in bahasa_penerima(alamat).items() if kode is None}
    sisa = [a for a in alamat if a not in tertutup]
    if not sisa:
        raise SurelBatal(_("Akun penerima sudah dinonaktifkan atau dihapus."))
    return sisa


def antrekan(pk: int) -> None:
    """Hand a row to Celery. Never raises: the caller's change is committed
    already, and a row the broker did not take is picked up by the sweep."""
    from pst_layanan.tasks import kirim_surel_task

    terbitkan(kirim_surel_task, pk)


def jeda(percobaan: int) -> timedelta:
    """Wait before the next attempt after `percobaan` failures: 1, 2, 4 … 60 minutes."""
    return min(JEDA_AWAL * (2 ** max(percobaan - 1, 0)), JEDA_MAKS)


def _bebas(now):
    return Q(dikunci_sampai__isnull=True) | Q(dikunci_sampai__lte=now)


def pengirim(kantor_id: int | None) -> str:
    """The deployment's one sender address, named after the office the e-mail
    is from: a visitor of Kota Bengkulu reads "PST BPS Kota Bengkulu" in their
    inbox, not the provincial office's name the configured sender carries.
    The provincial office's e-mails and account e-mails keep that sender.
    The name goes on one line (`satu_baris`): a line break saved in it would
    have the backend refuse every e-mail of that office."""
    if not kantor_id or kantor_id == kantor_bawaan():
        return settings.DEFAULT_FROM_EMAIL
    return formataddr((satu_baris(f"PST {kantor(kantor_id).nama}"), parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def kirim_satu(pk: int) -> bool:
    """Send one queued e-mail. True when this call sent it; False when it was
    sent already, is held by another sender, or waits for its back-off.
    Raises the mail backend's error after recording it on the row."""
    now = timezone.now()
    klaim = now + MASA_KLAIM
    # Queued again while it is sent (a failed row retried): "Kirim lagi" in the
    # admin tells such a row, held by a sender, from one waiting out its back-off.
    claimed = (
        Surel.objects.filter(_bebas(now), pk=pk)
        .exclude(status=Surel.Status.TERKIRIM)
        .update(dikunci_sampai=klaim, status=Surel.Status.ANTRE)
    )
    if not claimed:
        return False
    surel = Surel.objects.select_related("pengguna").get(pk=pk)
    percobaan = surel.percobaan + 1
    try:
        penerima = penerima_terbuka(surel.penerima)
        # One sender for the deployment; a reply reaches the office the e-mail is from.
        balas = [kantor(surel.kantor_id).email] if surel.kantor_id else None
        pesan = EmailMessage(surel.subjek, isi_terkirim(surel), pengirim(surel.kantor_id), penerima, reply_to=balas)
        pesan.send()
    except Exception as exc:
        if isinstance(exc, TAK_TERSAMBUNG):
            percobaan = min(percobaan, MAKS_PERCOBAAN - 1)
        Surel.objects.filter(pk=pk, dikunci_sampai=klaim).update(
            status=Surel.Status.GAGAL,
            # A cancelled e-mail is given up at once; the sweep leaves it alone.
            percobaan=MAKS_PERCOBAAN if isinstance(exc, SurelBatal) else percobaan,
            galat_terakhir=f"{type(exc).__name__}: {exc}"[:2000],
            dikunci_sampai=timezone.now() + jeda(percobaan),
        )
        if isinstance(exc, SurelBatal) or percobaan >= MAKS_PERCOBAAN:
            log.error("Surel %s berhenti dicoba (%s); lihat admin, Kirim lagi bila perlu.", pk, ringkas(exc))
        raise
    Surel.objects.filter(pk=pk).update(
        status=Surel.Status.TERKIRIM,
        terkirim_pada=timezone.now(),
        percobaan=percobaan,
        dikunci_sampai=None,
    )
    ulangi_yang_ditolak(surel, pesan, percobaan)
    return True


class SMTPBackend(EmailBackend):
    """Django's SMTP backend, keeping on the message (`ditolak`) the
    recipients the server refused while it took the others: smtplib returns
    those refusals instead of raising, and Django drops them."""

    def _send(self, email_message):
        kirim = self.connection.sendmail

        def sendmail(*args, **kwargs):
            email_message.ditolak = kirim(*args, **kwargs) or {}
            return email_message.ditolak

        self.connection.sendmail = sendmail
        try:
            return super()._send(email_message)
        finally:
            del self.connection.sendmail


def ulangi_yang_ditolak(surel: Surel, pesan: EmailMessage, percobaan: int) -> Surel | None:
    """The recipients of `pesan` the server refused (a full mailbox, a
    greylisting) get the e-mail in a row of their own, failed with the
    server's reply and tried again after its back-off; the others' copy stays
    sent, so nobody gets it twice."""
    ditolak = getattr(pesan, "ditolak", None) or {}
    kode = pesan.encoding or settings.DEFAULT_CHARSET
    alamat = [a for a in pesan.to if sanitize_address(a, kode) in ditolak]
    if not alamat:
        return None
    exc = smtplib.SMTPRecipientsRefused({a: ditolak[sanitize_address(a, kode)] for a in alamat})
    log.warning("Surel %s ditolak server untuk sebagian penerima (%s); dicoba lagi.", surel.pk, ringkas(exc))
    return Surel.objects.create(
        penerima=alamat,
        subjek=surel.subjek,
        isi=surel.isi,
        tautan_rahasia=surel.tautan_rahasia,
        pengguna=surel.pengguna,
        kantor_id=surel.kantor_id,
        status=Surel.Status.GAGAL,
        percobaan=percobaan,
        galat_terakhir=f"{type(exc).__name__}: {exc}"[:2000],
        dikunci_sampai=timezone.now() + jeda(percobaan),
    )


def dalam_perjalanan():
    """Rows still on their way: queued, or failed with tries left. A row given
    up (out of tries, or cancelled) waits for "Kirim lagi" in the admin and no
    longer counts as mail held up (readiness, stuck-work alerts)."""
    return Surel.objects.filter(
        Q(status=Surel.Status.ANTRE) | Q(status=Surel.Status.GAGAL, percobaan__lt=MAKS_PERCOBAAN)
    )


def surel_tertunda():
    """Rows the sweep should send now: not sent, not held, not given up, and
    (for never-tried rows) old enough that their own task was lost."""
    now = timezone.now()
    return (
        Surel.objects.filter(_bebas(now), percobaan__lt=MAKS_PERCOBAAN)
        .filter(Q(status=Surel.Status.GAGAL) | Q(status=Surel.Status.ANTRE, dibuat_pada__lt=now - UMUR_SAPU))
        .order_by("dibuat_pada")
    )


def sapu() -> int:
    """Send every overdue row once; errors stay on their rows. Returns the count sent."""
    terkirim = 0
    for pk in surel_tertunda().values_list("pk", flat=True)[:500]:
        try:
            terkirim += kirim_satu(pk)
        except SERVER_TAK_TERJANGKAU as exc:
            catat_gagal("Surel %s: server surel tidak terjangkau; sisa antrean dicoba pada sapuan berikutnya.", pk, exc)
            break
        except Exception as exc:
            catat_gagal("Surel %s gagal dikirim; dicoba lagi nanti.", pk, exc)
    return terkirim


def kirim_lagi(queryset) -> int:
    """Admin "Kirim lagi": release unsent rows from back-off or give-up and
    queue them now. Sent rows are left alone (each e-mail goes out once)."""
    pks = list(queryset.exclude(status=Surel.Status.TERKIRIM).values_list("pk", flat=True))
    # A row a sender holds now is on its way: released, a second sender would send it again.
    # One sent since it was listed is re-checked by the update itself, or it would go out twice.
    dikirim = Q(status=Surel.Status.TERKIRIM) | Q(status=Surel.Status.ANTRE, dikunci_sampai__gt=timezone.now())
    Surel.objects.filter(pk__in=pks).exclude(dikirim).update(
        status=Surel.Status.ANTRE, percobaan=0, dikunci_sampai=None
    )
    for pk in pks:
        transaction.on_commit(lambda pk=pk: antrekan(pk))
    return len(pks)
