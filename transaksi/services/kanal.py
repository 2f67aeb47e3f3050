"""Paying without an NTPN (SOP step 7): a bank transfer — payers abroad or
without SIMPONI — whose proof the office's treasurer (bendahara penerimaan,
who holds the account statement) or an officer verifies like a BPN, and
cash counted by the treasurer, paid as recorded, with a numbered receipt at
once.

Each office enables its own ways of paying (`Kantor.bayar_*`). Every
payment is a `BuktiBayar` row (its `cara_bayar` says how), so the history,
who/when, the verification, the receipt and the reconciliation are those of
a SIMPONI payment; each ends where a verified SIMPONI payment ends:
"in process".
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from pst_layanan.berkas import hapus_bila_gagal
from pst_layanan.format import rupiah, tanggal_panjang
from pst_layanan.galat import kumpulkan
from pst_layanan.kantor import email_per_kantor
from pst_layanan.notifikasi import kirim_surel
from pst_layanan.roles import BENDAHARA
from transaksi import nomor
from transaksi.alur import TransisiTidakSah
from transaksi.models import BuktiBayar, CaraBayar, Kuitansi, Status, Transaksi
from transaksi.models.pembayaran import kunci_bank
from transaksi.services import inti
from transaksi.services import pembayaran as simponi
from transaksi.services import tagihan as siklus
from transaksi.services.inti import kanal_tersedia, pastikan_kanal

__all__ = ["kanal_tersedia", "kirim_bukti_transfer", "kode_billing_habis", "pastikan_kanal", "terima_tunai"]

PESAN_REFERENSI_GANDA = gettext_lazy(
    "Nomor referensi transfer ini sudah dipakai untuk transaksi lain. Periksa kembali bukti transfer Anda."
)


# --- transfer: the visitor's proof, the treasurer's verification ----------------------------


def normalkan_referensi(teks: str) -> str:
    return re.sub(r"\s+", "", teks or "").upper()


def _bank(nama: str) -> str:
    bank = " ".join((nama or "").split())
    if not bank:
        raise ValidationError(_("Tuliskan nama bank pengirim."))
    return bank[:120]


def referensi_sah(nomor: str) -> str:
    referensi = normalkan_referensi(nomor)
    if not re.fullmatch(r"[A-Z0-9/.\-]{4,40}", referensi):
        raise ValidationError(
            _("Nomor referensi terdiri atas 4–40 huruf atau angka, seperti tertera pada bukti transfer.")
        )
    return referensi


def kirim_bukti_transfer(
    t: Transaksi, pemohon, bank_pengirim: str, nomor_referensi: str, berkas, tanggal_bayar: date | None = None
) -> BuktiBayar:
    """The visitor transferred the invoice's amount to the office's account:
    sender bank, reference and the transfer receipt → the office verifies
    against its account statement (`pembayaran.verifikasi_pembayaran` /
    `tolak_bukti`, as for a BPN). Judged by the transfer's date like a
    SIMPONI payment; the same reference sent again while it waits changes
    nothing, one held by another transaction is refused."""
    d = kumpulkan(
        bank_pengirim=lambda: _bank(bank_pengirim),
        nomor_referensi=lambda: referensi_sah(nomor_referensi),
        tanggal_bayar=lambda: simponi.tanggal_bayar_sah(tanggal_bayar),
        berkas=lambda: simponi.validasi_berkas_bukti(berkas),
    )
    bank, referensi, tanggal_bayar, tipe = d["bank_pengirim"], d["nomor_referensi"], d["tanggal_bayar"], d["berkas"]
    bank_sama = kunci_bank(bank)  # the bank as the uniqueness compares it
    with hapus_bila_gagal() as tertulis, transaction.atomic():
        t = inti.kunci(t)
        menunggu = simponi.bukti_yang_sama(t, pemohon, bank_kunci=bank_sama, nomor_referensi=referensi)
        if menunggu is not None:
            return menunggu
        pindah = inti.langkah(t, Status.MENUNGGU_VERIFIKASI, pemohon)
        pastikan_kanal(CaraBayar.TRANSFER, t)
        bukti = simponi.simpan_bukti(
            t,
            periksa_bukti_transfer(t, bank, referensi, tanggal_bayar),
            pemohon,
            berkas,
            tipe,
            tanggal_bayar,
            tertulis,
            {"nomor_referensi": PESAN_REFERENSI_GANDA},
            cara_bayar=CaraBayar.TRANSFER,
            bank_pengirim=bank,
            bank_kunci=bank_sama,
            nomor_referensi=referensi,
        )
        akibat = simponi.setelah_bukti(t, bukti)
        # Lazy: the history records it in Indonesian, each e-mail says it in its reader's language.
        catatan = format_lazy(
            gettext_lazy("Bukti transfer {nomor} dikirim: {referensi}, {tanggal}.{akibat}"),
            nomor=bukti.tagihan.nomor,
            referensi=bukti.referensi,
            tanggal=lazy(tanggal_panjang, str)(tanggal_bayar),
            akibat=akibat,
        )
        pindah.jalankan(catatan, kabar=simponi.kabar_bukti(akibat))
        _surel_bendahara(t, bukti)
    return bukti


def periksa_bukti_transfer(t: Transaksi, bank: str | None, referensi: str | None, tanggal: date | None):
    """A transfer proof's values against the transaction, every refusal at
    once: a transfer (bank and reference) no other transaction holds, and
    the invoice paid (`tagihan_dibayar`). A value refused by its own check
    is None and what needs it is skipped. The transfer form runs this first
    so these mistakes are named with its fields' own; `kirim_bukti_transfer`
    runs it again on the locked row."""
    return kumpulkan(
        nomor_referensi=lambda: bank and referensi and _pastikan_transfer_baru(t, bank, referensi),
        tagihan=lambda: simponi.tagihan_dibayar(t, tanggal, zona=simponi.ZONA_TERAKHIR),
    )["tagihan"]


def _pastikan_transfer_baru(t: Transaksi, bank: str, referensi: str) -> None:
    dipakai = BuktiBayar.objects.berlaku().filter(
        cara_bayar=CaraBayar.TRANSFER, bank_kunci=kunci_bank(bank), nomor_referensi=referensi
    )
    if dipakai.exclude(transaksi=t).exists():
        raise ValidationError({"nomor_referensi": PESAN_REFERENSI_GANDA})


def _surel_bendahara(t: Transaksi, bukti: BuktiBayar) -> None:
    """Tell the treasurers of the transaction's own office, who hold its
    account statement, that a transfer waits for their check. Not the
    requester, a treasurer paying for their own request: a colleague checks
    it (`inti.pelaku`), and the officers hear of it in any case."""
    kirim_surel(
        [e for e in email_per_kantor([BENDAHARA]).get(t.kantor_id, []) if e != t.pemohon.email],
        # One proof: the treasurer's list of them shares the Indonesian words, not the English.
        format_lazy("[{}] {}", t.nomor, pgettext_lazy("subjek surel", "Bukti transfer menunggu pemeriksaan")),
        "email/transaksi/pembayaran/bukti_transfer.txt",
        {"t": t, "bukti": bukti, "url": reverse("transaksi:pembayaran", args=[t.nomor])},
    )


# --- cash at the treasurer ------------------------------------------------------------------


def bukti_menunggu_tunai(t: Transaksi) -> str:
    """Why no cash can be taken while a proof waits for verification ("" when
    none waits): it may be money already paid for the invoice, and cash taken
    now would pay it twice. The proof is settled first."""
    bukti = t.bukti_bayar.filter(status=BuktiBayar.Status.MENUNGGU).first()
    if bukti is None:
        return ""
    return _(
        "Bukti {referensi} sedang menunggu verifikasi petugas. Pembayaran tunai tidak dapat dicatat "
        "sebelum bukti itu diverifikasi atau ditolak, agar tagihan tidak dibayar dua kali."
    ).format(referensi=bukti.referensi)


def _pastikan_tanpa_bukti_menunggu(t: Transaksi) -> None:
    if alasan := bukti_menunggu_tunai(t):
        raise TransisiTidakSah(alasan)


def _diterima_tunai(kuitansi: Kuitansi, bendahara, catatan: str) -> str:
    teks = _(
        "Pembayaran %(tagihan)s sebesar %(jumlah)s diterima tunai oleh bendahara penerimaan %(nama)s; "
        "kuitansi %(kuitansi)s diterbitkan. Produk mulai disiapkan."
    ) % {
        "tagihan": kuitansi.tagihan.nomor,
        "jumlah": rupiah(kuitansi.jumlah),
        "nama": bendahara.nama_lengkap,
        "kuitansi": kuitansi.nomor,
    }
    return "\n".join(x for x in (teks, (catatan or "").strip()) if x)


def kode_billing_habis(tagihan) -> str:
    """Why cash cannot be taken for `tagihan`: it is paid in now, with the
    invoice's billing code, and past its validity the code cannot be
    deposited, even before the expiry job has marked the invoice expired."""
    return _(
        "Masa berlaku kode billing tagihan {nomor} sudah habis. Petugas perlu menerbitkan tagihan "
        "baru sebelum pembayaran tunai diterima."
    ).format(nomor=tagihan.nomor)


def terima_tunai(t: Transaksi, bendahara, jumlah_diterima: Decimal | int, catatan: str = "") -> Kuitansi:
    """The treasurer counted the invoice's amount in cash: the payment is
    recorded accepted (there is nothing to verify), the invoice is paid,
    processing starts and the numbered receipt is issued now — the visitor
    leaves the counter with it."""
    with transaction.atomic():
        t = inti.kunci(t)
        _pastikan_tanpa_bukti_menunggu(t)
        pindah = inti.langkah(t, Status.DIPROSES, bendahara)
        pastikan_kanal(CaraBayar.TUNAI, t)
        tagihan = t.tagihan.aktif().first()
        if tagihan is None:
            raise TransisiTidakSah(_("Transaksi ini tidak memiliki tagihan yang berlaku untuk dibayar."))
        if not tagihan.boleh_dibayar:
            raise TransisiTidakSah(kode_billing_habis(tagihan))
        if Decimal(jumlah_diterima) != tagihan.jumlah:
            raise ValidationError(
                {
                    "jumlah_diterima": _(
                        "Uang yang diterima ({diterima}) harus sama dengan tagihan {nomor} ({jumlah})."
                    ).format(diterima=rupiah(jumlah_diterima), nomor=tagihan.nomor, jumlah=rupiah(tagihan.jumlah))
                }
            )
        now = timezone.now()
        bukti = BuktiBayar.objects.create(
            transaksi=t,
            tagihan=tagihan,
            cara_bayar=CaraBayar.TUNAI,
            nama_asli="",
            ukuran=0,
            tipe="",
            dikirim_oleh=bendahara,
            dikirim_pada=now,
            dibayar_pada=timezone.localdate(now),
            status=BuktiBayar.Status.DITERIMA,
            diperiksa_oleh=bendahara,
            diperiksa_pada=now,
        )
        siklus.lunasi(tagihan, now)
        kuitansi = Kuitansi.objects.create(
            transaksi=t,
            tagihan=tagihan,
            bukti_bayar=bukti,
            nomor=nomor.nomor_dokumen(Kuitansi, "KW", "kuitansi", t.kantor_id),
            jumlah=tagihan.jumlah,
            diterbitkan_pada=now,
            diterbitkan_oleh=bendahara,
        )
        t.diproses_pada = now
        # Lazy: the history records it in Indonesian, the visitor's e-mail says it in their language.
        pindah.jalankan(lazy(_diterima_tunai, str)(kuitansi, bendahara, catatan), ("diproses_pada",))
    return kuitansi
