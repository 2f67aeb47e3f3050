"""The life cycle of an invoice, in one place: an invoice is issued active,
and ends paid, expired, replaced or void — one function for each move, used
by the expiry job, the officer's and the visitor's actions and cancellation.

    aktif → lunas | kedaluwarsa | diganti | batal
    kedaluwarsa → lunas   (paid on or before its expiry, proof sent after the job ran)
    kedaluwarsa → batal   (the items were corrected: its amount is no longer the price)

Only an active invoice may be paid with its billing code; every other state
is shown on the public verification page as "tidak berlaku — jangan
dibayar" (`Tagihan.berlaku`). Callers lock the transaction row first.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from transaksi.alur import TransisiTidakSah
from transaksi.models import Tagihan, Transaksi

S = Tagihan.Status

TRANSISI_TAGIHAN: dict[str, frozenset[str]] = {
    S.AKTIF: frozenset({S.LUNAS, S.KEDALUWARSA, S.DIGANTI, S.BATAL}),
    S.KEDALUWARSA: frozenset({S.LUNAS, S.BATAL}),
    S.DIGANTI: frozenset(),
    S.BATAL: frozenset(),
    S.LUNAS: frozenset(),
}


def _akhiri(tagihan: Tagihan, ke: str, **kolom) -> Tagihan:
    if ke not in TRANSISI_TAGIHAN[tagihan.status]:
        raise TransisiTidakSah(
            _("Tagihan {nomor} berstatus \u201c{dari}\u201d tidak dapat menjadi \u201c{ke}\u201d.").format(
                nomor=tagihan.nomor, dari=tagihan.get_status_display(), ke=S(ke).label
            )
        )
    tagihan.status = ke
    for nama, nilai in kolom.items():
        setattr(tagihan, nama, nilai)
    tagihan.save(update_fields=["status", *kolom])
    return tagihan


def kolom_kedaluwarsa(waktu: datetime) -> dict:
    """The columns of the expiry move; the expiry job claims its rows with them."""
    return {"status": S.KEDALUWARSA, "diganti_pada": waktu}


def kedaluwarsakan(tagihan: Tagihan, waktu: datetime | None = None) -> Tagihan:
    """Unpaid past its expiry: the code can no longer be paid."""
    if not tagihan.lewat_masa_berlaku:
        raise TransisiTidakSah(_("Tagihan %(nomor)s masih berlaku.") % {"nomor": tagihan.nomor})
    kolom = kolom_kedaluwarsa(waktu or timezone.now())
    kolom.pop("status")
    return _akhiri(tagihan, S.KEDALUWARSA, **kolom)


def ganti(tagihan: Tagihan, catatan: str = "") -> Tagihan:
    """Replaced before payment by a corrected invoice (the visitor's request or the officer's correction)."""
    return _akhiri(tagihan, S.DIGANTI, diganti_pada=timezone.now(), catatan_koreksi=catatan.strip())


def batalkan_yang_kedaluwarsa(t: Transaksi, alasan: str) -> list[Tagihan]:
    """The items' total changed: an expired invoice, which a proof of a payment
    made in time could still settle, would settle it at the old amount, so it
    is voided like the active one and no proof is taken for it any more."""
    return [batalkan(tagihan, alasan) for tagihan in t.tagihan.filter(status=S.KEDALUWARSA).order_by("pk")]


def kalimat_batal_kedaluwarsa(lama: list[Tagihan]) -> str:
    """What the visitor is told about the expired invoices an item correction voided."""
    kode = ", ".join(f"{x.nomor} ({x.kode_billing})" for x in lama)
    return _("Tagihan kedaluwarsa %(kode)s dibatalkan karena jumlahnya bukan total yang baru.") % {"kode": kode}


def lunasi(tagihan: Tagihan, waktu: datetime | None = None) -> Tagihan:
    """Paid: the proof of payment was verified."""
    return _akhiri(tagihan, S.LUNAS, lunas_pada=waktu or timezone.now())


def batalkan(tagihan: Tagihan, alasan: str) -> Tagihan:
    """Void: the transaction was cancelled, the items were corrected, or the
    invoice is superseded by an earlier one found paid in time. The code must
    not be paid."""
    return _akhiri(tagihan, S.BATAL, dibatalkan_pada=timezone.now(), alasan_batal=alasan.strip())


def batalkan_yang_aktif(t: Transaksi, alasan: str) -> Tagihan | None:
    """Void the transaction's active invoice, if any; returns it."""
    tagihan = t.tagihan.aktif().first()
    return batalkan(tagihan, alasan) if tagihan is not None else None


def kalimat_batal(tagihan: Tagihan) -> str:
    """What the visitor is told about a voided invoice (in the same e-mail as
    the move that voided it), in the active language: the history's sentence
    under `bahasa_kantor`, the visitor's made lazily for their e-mail."""
    return _("Tagihan %(nomor)s dengan kode billing %(kode)s dibatalkan dan tidak berlaku — jangan dibayar.") % {
        "nomor": tagihan.nomor,
        "kode": tagihan.kode_billing,
    }
