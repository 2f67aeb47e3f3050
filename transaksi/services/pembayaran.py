"""Payment (SOP step 7): the invoice and its billing code, the proof of
payment and its verification.

Each runs in one database transaction on the locked transaction row
(`inti.kunci`), moves it with `inti.langkah` (history, SOP clock, status
e-mail) and adds what only this step has.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from datetime import timezone as zona_waktu

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pst_layanan.bahasa import bahasa_kantor
from pst_layanan.berkas import hapus_bila_gagal, kenali, nama_aman, tanpa_metadata, tulis_dulu, validasi_dokumen
from pst_layanan.format import jumlah_satuan, kalimat_utuh, rupiah, tanggal_panjang, waktu_panjang
from pst_layanan.galat import kumpulkan
from pst_layanan.kantor import kantor
from pst_layanan.notifikasi import kirim_surel
from transaksi import billing, nomor, selectors
from transaksi.alur import Aksi, Pelaku, TransisiTidakSah, pastikan_pelaku, pelaku_boleh
from transaksi.models import (
    POLA_NTPN,
    BuktiBayar,
    CaraBayar,
    KanalBayar,
    RiwayatTransaksi,
    Status,
    Tagihan,
    Transaksi,
)
from transaksi.services import inti, penyerahan
from transaksi.services import tagihan as siklus
from transaksi.tarif import hitung_tarif

# --- invoice ---------------------------------------------------------------------


def _tagihan_aktif(t: Transaksi) -> Tagihan | None:
    return t.tagihan.aktif().first()


def _buat_tagihan(t: Transaksi, petugas, isian: dict, contoh_data, catatan: str, tertulis: list) -> Tagihan:
    """The invoice for the items' total, its code from the billing adapter.

    `contoh_data`: an uploaded sample file, or the invoice whose sample is
    kept. A new sample file written is added to `tertulis` (`hapus_bila_gagal`),
    which removes it when the invoice is refused or its transaction fails.
    """
    inti.hitung_total(t)  # the amount comes from the items, never from a form
    if t.total <= 0:
        raise TransisiTidakSah(_("Transaksi ini tidak berbayar; tidak perlu tagihan."))
    sumber = billing.adapter()
    data = sumber.buat(t, t.total, isian)
    billing.pastikan_jumlah_sama(data.jumlah, t.total)
    if Tagihan.objects.filter(kode_billing=data.kode_billing).exists():
        raise ValidationError({"kode_billing": _("Kode billing ini sudah dipakai pada tagihan lain.")})
    kanal = [k for k in (isian.get("kanal") or KanalBayar.values) if k in KanalBayar.values]
    tagihan = Tagihan(
        transaksi=t,
        jumlah=t.total,
        kode_billing=data.kode_billing,
        sumber_billing=data.sumber,
        diterbitkan_pada=timezone.now(),
        kedaluwarsa_pada=data.kedaluwarsa_pada,
        kanal=kanal,
        # Each item at what it adds to the total (a free product's at Rp0), so the lines add up.
        item_terbit=[
            {"item": i.pk, "jumlah": i.jumlah, "subtotal": str(i.subtotal_dikenakan)}
            for i in t.item.select_related("produk")
        ],
        catatan=catatan.strip(),
        diterbitkan_oleh=petugas,
    )
    if isinstance(contoh_data, Tagihan):  # a replacement keeps the sample already sent
        tagihan.contoh_data, tagihan.contoh_data_nama = contoh_data.contoh_data.name, contoh_data.contoh_data_nama
        tagihan.contoh_data_tipe = contoh_data.contoh_data_tipe
    elif contoh_data is not None:
        tagihan.contoh_data = contoh_data
        tagihan.contoh_data_nama = nama_aman(contoh_data.name)[:200]
        tagihan.contoh_data_tipe = kenali(contoh_data).mime
    # A new sample is written before the row and listed, so a refused row leaves no file;
    # a kept one (another invoice's name) is neither.
    tulis_dulu(tagihan.contoh_data, tertulis)
    # Numbered only now: the office's invoice counter stays locked until
    # commit, and every invoice of the office waits on it, so not while a
    # sample of up to hundreds of megabytes is copied to storage above.
    tagihan.nomor = nomor.nomor_dokumen(Tagihan, "INV", "tagihan", t.kantor_id)
    try:
        with transaction.atomic():
            tagihan.save()
    except IntegrityError:
        raise ValidationError({"kode_billing": _("Kode billing ini sudah dipakai pada tagihan lain.")}) from None
    return tagihan


def _ringkas_tagihan(tagihan: Tagihan) -> str:
    with bahasa_kantor():
        return (
            f"Tagihan {tagihan.nomor}: {rupiah(tagihan.jumlah)}, kode billing {tagihan.kode_billing}, "
            f"berlaku sampai {waktu_panjang(tagihan.kedaluwarsa_pada)}."
        )


def _surel_tagihan(t: Transaksi, tagihan: Tagihan, pembuka: str) -> None:
    kirim_surel(
        t.pemohon.email,
        format_lazy(gettext_lazy("Tagihan {tagihan} untuk transaksi {nomor}"), tagihan=tagihan.nomor, nomor=t.nomor),
        "email/transaksi/pembayaran/tagihan.txt",
        {
            "t": t,
            "tagihan": tagihan,
            "pembuka": pembuka,
            # The ways of paying its office takes, as the invoice PDF says them.
            "kanal": inti.kanal_tersedia(kantor(t.kantor_id)),
            "url_pdf": reverse("transaksi:tagihan_pdf", args=[t.nomor, tagihan.pk]),
            "url_pembayaran": reverse("transaksi:pembayaran", args=[t.nomor]),
        },
    )


def terbitkan_tagihan(t: Transaksi, petugas, isian: dict, contoh_data=None, catatan: str = "") -> Tagihan:
    """Issue the invoice: waiting for the invoice → waiting for payment.

    `isian` is what the billing adapter needs (manual: kode_billing,
    jumlah_billing as shown in SIMPONI, kedaluwarsa_pada) plus `kanal`.
    """
    if contoh_data is not None:
        penyerahan.validasi_berkas_produk(contoh_data)
    with hapus_bila_gagal() as tertulis, transaction.atomic():
        t = inti.kunci(t)
        pindah = inti.langkah(t, Status.MENUNGGU_PEMBAYARAN, petugas)
        _pastikan_tanpa_bukti_menunggu(t)
        if contoh_data is None:  # after a correction or expiry the sample already sent stays with the invoice
            contoh_data = t.tagihan.exclude(contoh_data="").first()
        # The invoice this one follows (replaced on the visitor's request, voided
        # by an item correction, expired): its billing code is in the visitor's hands.
        sebelumnya = t.tagihan.order_by("-pk").first()
        tagihan = _buat_tagihan(t, petugas, isian, contoh_data, catatan, tertulis)
        if t.petugas_id is None:
            t.petugas = petugas
        t.koreksi_item_dibuka_pada = None  # the new invoice closes any item correction by the visitor
        # The invoice e-mail is this move's one e-mail to the visitor.
        pindah.jalankan(_ringkas_tagihan(tagihan), ("petugas", "koreksi_item_dibuka_pada"), surel_pemohon=False)
        _surel_tagihan(t, tagihan, _pembuka_tagihan(sebelumnya))
    return tagihan


def _pembuka_tagihan(sebelumnya: Tagihan | None):
    """The invoice e-mail's first sentence. After another invoice it names
    that one as no longer valid: its billing code may still be taken by
    SIMPONI until it expires there, and an e-mail reading like a first
    invoice leaves the visitor free to pay the old one."""
    if sebelumnya is None or sebelumnya.status == Tagihan.Status.LUNAS:
        return gettext_lazy("Tagihan untuk transaksi Anda telah diterbitkan.")
    return format_lazy(
        gettext_lazy(
            "Tagihan untuk transaksi Anda telah diterbitkan, menggantikan tagihan {nomor} (kode billing {kode}) "
            "yang tidak berlaku lagi; jangan membayar dengan kode billing itu."
        ),
        nomor=sebelumnya.nomor,
        kode=sebelumnya.kode_billing,
    )


def _pastikan_tanpa_bukti_menunggu(t: Transaksi) -> None:
    """A proof of an expired invoice paid in time may arrive while the office
    is about to issue the next one (`alur.TRANSISI`: waiting for the invoice
    → verification). The table lets an officer move a waiting proof back to
    paying, which is refusing it: an invoice issued then would leave the
    proof unchecked and ask the visitor to pay again."""
    bukti = t.bukti_bayar.filter(status=BuktiBayar.Status.MENUNGGU).select_related("tagihan").first()
    if bukti is not None:
        raise TransisiTidakSah(
            _(
                "Pemohon sudah mengirim bukti bayar %(referensi)s untuk tagihan %(nomor)s. "
                "Verifikasi atau tolak bukti itu sebelum menerbitkan tagihan baru."
            )
            % {"referensi": bukti.referensi, "nomor": bukti.tagihan.nomor}
        )


def minta_koreksi_tagihan(t: Transaksi, pemohon, catatan: str) -> Transaksi:
    """Before paying, the visitor sends the invoice back with a note; the
    invoice is kept, marked replaced, and the office issues a new one."""
    if not (catatan or "").strip():
        raise ValidationError({"catatan": _("Tuliskan bagian tagihan yang perlu dikoreksi.")})
    with transaction.atomic():
        t = inti.kunci(t)
        if t.status not in (Status.MENUNGGU_PEMBAYARAN, Status.MENUNGGU_TAGIHAN):
            raise TransisiTidakSah(_("Koreksi tagihan hanya dapat diminta sebelum bukti bayar dikirim."))
        # Already waiting for the invoice (the request sent twice): refused as a step already taken.
        pindah = inti.langkah(t, Status.MENUNGGU_TAGIHAN, pemohon)
        tagihan = _tagihan_aktif(t)
        if tagihan is not None:
            siklus.ganti(tagihan, catatan)
        # Lazy: the history records it in Indonesian, the officers' e-mail says it in each one's language.
        if tagihan is None:
            pesan = format_lazy(gettext_lazy("Pemohon meminta koreksi tagihan: {catatan}"), catatan=catatan.strip())
        else:
            pesan = format_lazy(
                gettext_lazy("Pemohon meminta koreksi {nomor}: {catatan}"), nomor=tagihan.nomor, catatan=catatan.strip()
            )
        return pindah.jalankan(pesan)


def ganti_tagihan_kedaluwarsa(t: Transaksi, petugas, isian: dict, catatan: str = "", contoh_data=None) -> Tagihan:
    """An unpaid invoice past its expiry gets a new billing code; the status
    stays "waiting for payment" (the visitor's turn), whether the expiry job
    already marked it or the officer is first (then it is expired here, by
    the same move). A new sample file replaces the one sent, else it stays."""
    if contoh_data is not None:
        penyerahan.validasi_berkas_produk(contoh_data)
    with hapus_bila_gagal() as tertulis, transaction.atomic():
        t = inti.kunci(t)
        inti.pastikan_boleh_aksi(t, petugas, Aksi.GANTI_TAGIHAN)
        if t.status != Status.MENUNGGU_PEMBAYARAN:
            raise TransisiTidakSah(_("Hanya tagihan yang belum dibayar yang dapat diganti."))
        lama = t.tagihan.exclude(status=Tagihan.Status.BATAL).first()  # the latest still standing
        if lama is None or lama.status not in (Tagihan.Status.AKTIF, Tagihan.Status.KEDALUWARSA):
            raise TransisiTidakSah(_("Tidak ada tagihan kedaluwarsa yang perlu diganti."))
        if lama.status == Tagihan.Status.AKTIF:
            if not lama.lewat_masa_berlaku:
                raise TransisiTidakSah(_("Tagihan yang berlaku belum kedaluwarsa; tidak perlu diganti."))
            siklus.kedaluwarsakan(lama)
        if contoh_data is None and lama.contoh_data:
            contoh_data = lama
        baru = _buat_tagihan(t, petugas, isian, contoh_data, catatan, tertulis)
        inti.catat(
            t,
            RiwayatTransaksi.Jenis.CATATAN,
            petugas,
            f"{lama.nomor} kedaluwarsa tanpa pembayaran dan diganti. {_ringkas_tagihan(baru)}",
        )
        _surel_tagihan(
            t,
            baru,
            format_lazy(
                gettext_lazy("Kode billing pada tagihan {nomor} telah kedaluwarsa; berikut tagihan baru."),
                nomor=lama.nomor,
            ),
        )
    return baru


def koreksi_item(t: Transaksi, oleh, jumlah_baru: dict[int, int], catatan: str) -> Transaksi:
    """Before payment the officer corrects the items' quantities (e.g. pages
    or bytes counted wrongly). Any active invoice is voided — its amount no
    longer holds — and the transaction waits for a new invoice for the new
    total; the visitor is told in the status e-mail.

    The visitor may do the same while the officer has sent the items back to
    them (`buka_koreksi_item`); then the officers are told."""
    if not (catatan or "").strip():
        raise ValidationError({"catatan": _("Tuliskan alasan koreksi.")})
    if any(j is None or j < 1 for j in jumlah_baru.values()):
        raise ValidationError({"__all__": _("Jumlah setiap item harus minimal 1.")})
    with transaction.atomic():
        t = inti.kunci(t)
        pindah = _langkah_koreksi(t, oleh, Aksi.KOREKSI_ITEM)
        oleh_pemohon = Pelaku.PETUGAS not in inti.pelaku(t, oleh)
        if oleh_pemohon and not (t.koreksi_item_dibuka_pada and t.status == Status.MENUNGGU_TAGIHAN):
            raise TransisiTidakSah(
                _(
                    "Jumlah item dapat Anda ubah bila petugas memintanya. "
                    "Bila tagihan tidak sesuai, minta koreksi tagihan."
                )
            )
        perubahan = _ubah_jumlah(t, jumlah_baru)
        if not perubahan:
            raise ValidationError({"__all__": _("Tidak ada jumlah yang berubah.")})
        inti.hitung_total(t)
        batal = siklus.batalkan_yang_aktif(t, f"Koreksi item: {catatan.strip()}")
        lama = siklus.batalkan_yang_kedaluwarsa(t, f"Koreksi item: {catatan.strip()}")
        # Lazy: the history records it in Indonesian, each e-mail says it in its reader's language.
        teks = lazy(_item_dikoreksi, str)(oleh_pemohon, perubahan, t.total, catatan.strip(), lama, batal)
        if pindah is not None:
            return pindah.jalankan(teks)
        inti.catat(t, RiwayatTransaksi.Jenis.CATATAN, oleh, teks)
        if oleh_pemohon:
            inti.kabari_petugas(t, teks)
        else:
            inti.kabari_pemohon(t, teks, oleh=oleh)
    return t


def _item_dikoreksi(oleh_pemohon: bool, perubahan: list[tuple], total, catatan: str, lama, batal) -> str:
    if oleh_pemohon:
        teks = _("Item dikoreksi pemohon: %(perubahan)s. Total baru %(total)s. %(catatan)s")
    else:
        teks = _("Item dikoreksi petugas: %(perubahan)s. Total baru %(total)s. %(catatan)s")
    teks = teks % {
        "perubahan": "; ".join(_satu_perubahan(*p) for p in perubahan),
        "total": rupiah(total),
        "catatan": kalimat_utuh(catatan),
    }
    if lama:
        teks = f"{teks} {siklus.kalimat_batal_kedaluwarsa(lama)}"
    if batal:
        teks = f"{teks} {siklus.kalimat_batal(batal)} {_('Tagihan baru akan diterbitkan.')}"
    return teks


def buka_koreksi_item(t: Transaksi, petugas, catatan: str) -> Transaksi:
    """The officer sends a complete or invoiced transaction back for the
    visitor to correct the items' quantities: any active invoice is voided,
    the transaction waits for a new invoice, and until it is issued the
    visitor (or the officer) may change quantities with `koreksi_item`.
    The delivery clock keeps running: the office asked, and it issues the
    invoice when the quantities are right."""
    if not (catatan or "").strip():
        raise ValidationError({"catatan": _("Tuliskan apa yang perlu dikoreksi pemohon.")})
    with transaction.atomic():
        t = inti.kunci(t)
        pindah = _langkah_koreksi(t, petugas, Aksi.BUKA_KOREKSI_ITEM)
        if selectors.menunggu_koreksi_pemohon(t):  # a second click, or a colleague already asked
            raise TransisiTidakSah(
                _("Pemohon sudah diminta mengoreksi jumlah item; tunggu koreksinya atau terbitkan tagihan.")
            )
        t.koreksi_item_dibuka_pada = timezone.now()
        batal = siklus.batalkan_yang_aktif(t, f"Dikembalikan untuk koreksi item: {catatan.strip()}")
        # Lazy: the history records it in Indonesian, the visitor's e-mail says it in their language.
        teks = lazy(_minta_koreksi_item, str)(catatan.strip(), batal)
        if pindah is not None:
            return pindah.jalankan(teks, ("koreksi_item_dibuka_pada",))
        t.save(update_fields=["koreksi_item_dibuka_pada", "diubah_pada"])
        inti.catat(t, RiwayatTransaksi.Jenis.CATATAN, petugas, teks)
        inti.kabari_pemohon(t, teks, gettext_lazy("koreksi jumlah item"))
    return t


def _minta_koreksi_item(catatan: str, batal: Tagihan | None) -> str:
    teks = _(
        "Petugas meminta Anda memeriksa dan mengoreksi jumlah item: %(catatan)s "
        "Ubah jumlahnya pada halaman pembayaran; tagihan baru diterbitkan sesudahnya."
    ) % {"catatan": kalimat_utuh(catatan)}
    return f"{teks} {siklus.kalimat_batal(batal)}" if batal is not None else teks


def _langkah_koreksi(t: Transaksi, oleh, aksi: Aksi) -> inti.Langkah | None:
    """A correction of the items is allowed from "complete" until a proof is
    sent; from "waiting for payment" it moves the LOCKED row back to "waiting
    for the invoice" (returned, to be made), else it stays (None)."""
    if t.status not in (Status.MENUNGGU_TAGIHAN, Status.MENUNGGU_PEMBAYARAN):
        raise TransisiTidakSah(
            _("Item hanya dapat dikoreksi setelah persyaratan lengkap dan sebelum bukti bayar dikirim.")
        )
    inti.pastikan_boleh_aksi(t, oleh, aksi)
    return inti.langkah(t, Status.MENUNGGU_TAGIHAN, oleh) if t.status == Status.MENUNGGU_PEMBAYARAN else None


def _satu_perubahan(produk, uraian: str, lama: int, baru: int) -> str:
    """One corrected item in the active language, as the invoice names it: the
    product, which one (a transaction may hold several of a product), and its
    quantity before and after with their unit ("2.500.000 byte")."""
    return (
        f"{produk.nama} \u201c{uraian}\u201d {jumlah_satuan(lama, produk.satuan)} "
        f"\u2192 {jumlah_satuan(baru, produk.satuan)}"
    )


def _ubah_jumlah(t: Transaksi, jumlah_baru: dict[int, int]) -> list[tuple]:
    """Reprice the changed items with the tariff each was priced with; returns
    what changed, (product, description, old, new) each, for `_satu_perubahan`
    to say in each reader's language."""
    perubahan = []
    for item in t.item.select_related("tarif", "produk").filter(pk__in=jumlah_baru):
        baru = jumlah_baru[item.pk]
        if baru == item.jumlah:
            continue
        item.produk.validasi_jumlah(baru)
        rincian = hitung_tarif(item.tarif.sebagai_tarif(), baru)
        inti.pastikan_muat(rincian.total)
        perubahan.append((item.produk, item.uraian, item.jumlah, baru))
        item.jumlah, item.subtotal, item.rincian = baru, rincian.total, rincian.sebagai_data()
        item.save(update_fields=["jumlah", "subtotal", "rincian"])
    return perubahan


# --- proof of payment --------------------------------------------------------------


def normalkan_ntpn(ntpn: str) -> str:
    return re.sub(r"[\s-]", "", ntpn or "").upper()


def validasi_ntpn(ntpn: str) -> str:
    ntpn = normalkan_ntpn(ntpn)
    if not re.fullmatch(POLA_NTPN, ntpn):
        raise ValidationError(
            {"ntpn": _("NTPN harus tepat 16 karakter berupa huruf dan/atau angka, seperti tertera pada BPN.")}
        )
    return ntpn


PESAN_NTPN_GANDA = gettext_lazy(
    "NTPN ini sudah dipakai untuk transaksi lain. Periksa kembali NTPN pada Bukti Penerimaan Negara."
)


def pastikan_ntpn_baru(t: Transaksi, ntpn: str) -> None:
    """An NTPN is one payment: refused when another transaction's proof holds it."""
    if BuktiBayar.objects.berlaku().filter(ntpn=ntpn).exclude(transaksi=t).exists():
        raise ValidationError({"ntpn": PESAN_NTPN_GANDA})


# The time zones that reach each date first and last: a payment date past
# today in the first is in the future everywhere; a transfer's slip, dated in
# its payer's own zone, may be a day the last one is still in.
ZONA_TERDEPAN = zona_waktu(timedelta(hours=14))
ZONA_TERAKHIR = zona_waktu(timedelta(hours=-12))
# A BPN is printed in Indonesia: dated at the latest in its easternmost zone (WIT, UTC+9).
ZONA_BPN = zona_waktu(timedelta(hours=9))


def tanggal_bayar_sah(tanggal: date | None, zona=ZONA_TERDEPAN) -> date:
    """A proof's payment date (today when not given), never after today where
    it was paid, the first zone to reach it being `zona`: a slip is dated in
    its payer's own time zone, and a transfer from abroad (Auckland, Tokyo)
    may already be dated tomorrow in WIB; a BPN (`ZONA_BPN`) only in Papua."""
    if tanggal and tanggal > timezone.now().astimezone(zona).date():
        raise ValidationError({"tanggal_bayar": _("Tanggal bayar tidak boleh sesudah hari ini.")})
    return tanggal or timezone.localdate()


def tagihan_dibayar(t: Transaksi, tanggal: date | None, kode_billing: str = "", zona=None) -> Tagihan | None:
    """The invoice a payment made on `tanggal` paid: the one whose billing
    code the BPN shows when given, else the latest one still payable then
    (active, or expired unpaid) issued on or before that day in `zona`, the
    time zone the payment is dated in (the office's for a BPN; `ZONA_TERAKHIR`
    for a transfer from anywhere). Without a date (its own check failed)
    only the billing code is checked: None."""
    calon = list(t.tagihan.filter(status__in=[Tagihan.Status.AKTIF, Tagihan.Status.KEDALUWARSA]))
    if not calon:
        raise TransisiTidakSah(_("Belum ada tagihan yang berlaku untuk dibayar."))
    if (kode_billing or "").strip():
        # The officer's rule: a code mistyped (a digit short, a keyboard's
        # non-Latin digits) is said to be one, not to be another's invoice.
        kode_billing = billing.baca_kode_billing(kode_billing)
        calon = [x for x in calon if x.kode_billing == kode_billing]
        if not calon:
            raise ValidationError(
                {"kode_billing": _("Kode billing ini bukan tagihan transaksi Anda yang belum dibayar.")}
            )
    if tanggal is None:
        return None
    for tagihan in calon:
        if timezone.localdate(tagihan.diterbitkan_pada, zona) <= tanggal:
            return tagihan
    raise ValidationError(
        # Said for a BPN and a transfer receipt alike: a transfer from abroad has no BPN.
        {
            "tanggal_bayar": _(
                "Tanggal bayar lebih awal dari tanggal tagihan diterbitkan. Periksa tanggal pada bukti pembayaran Anda."
            )
        }
    )


def periksa_bukti_bayar(t: Transaksi, ntpn: str | None, tanggal: date | None, kode_billing: str = "") -> Tagihan | None:
    """A proof's values against the transaction, every refusal at once: an
    NTPN no other transaction holds, and the invoice paid (`tagihan_dibayar`).
    A value refused by its own check is None and what needs it is skipped.
    The proof form runs this first so these mistakes are named with its
    fields' own; `kirim_bukti_bayar` runs it again on the locked row."""
    return kumpulkan(
        ntpn=lambda: ntpn and pastikan_ntpn_baru(t, ntpn),
        tagihan=lambda: tagihan_dibayar(t, tanggal, kode_billing),
    )["tagihan"]


def penjelasan_terlambat(bukti: BuktiBayar) -> str:
    """What the visitor is told, in the active language, when the BPN's date
    is after the invoice's expiry, and what happens next."""
    return _(
        "Tanggal bayar pada BPN (%(tanggal)s) sesudah tagihan %(nomor)s kedaluwarsa (%(kedaluwarsa)s). "
        "Kode billing yang kedaluwarsa semestinya tidak dapat dibayar, jadi petugas akan memeriksa NTPN Anda "
        "di SIMPONI: bila pembayaran tercatat di kas negara, petugas menerimanya; bila tidak, bukti ditolak "
        "dan Anda menerima tagihan baru."
    ) % {
        "tanggal": tanggal_panjang(bukti.dibayar_pada),
        "nomor": bukti.tagihan.nomor,
        "kedaluwarsa": waktu_panjang(bukti.tagihan.kedaluwarsa_pada),
    }


def _terlambat_dijelaskan(bukti: BuktiBayar) -> bool:
    # Only a billing code expires at the treasury; a late transfer is the officer's call against the statement.
    return bukti.terlambat and bukti.cara_bayar == CaraBayar.SIMPONI


def _akibat_bukti(bukti: BuktiBayar, pengganti: Tagihan | None) -> str:
    """What a proof caused, in the active language, after a space."""
    if bukti.terlambat:
        return f" {penjelasan_terlambat(bukti)}"
    catatan = _("Dibayar %(tanggal)s, sebelum %(nomor)s kedaluwarsa.") % {
        "tanggal": tanggal_panjang(bukti.dibayar_pada),
        "nomor": bukti.tagihan.nomor,
    }
    return f" {catatan} {siklus.kalimat_batal(pengganti)}" if pengganti else f" {catatan}"


def setelah_bukti(t: Transaksi, bukti: BuktiBayar) -> str:
    """A proof for an expired invoice paid in time: the replacement, if any,
    must not be paid too — voided now. Returns what the proof caused, lazily:
    the history says it in the office's language, each e-mail in its reader's."""
    if bukti.terlambat:
        return lazy(_akibat_bukti, str)(bukti, None) if _terlambat_dijelaskan(bukti) else ""
    if bukti.tagihan.status != Tagihan.Status.KEDALUWARSA:
        return ""
    pengganti = siklus.batalkan_yang_aktif(
        t, f"{bukti.tagihan.nomor} sudah dibayar sebelum kedaluwarsa ({bukti.referensi})."
    )
    return lazy(_akibat_bukti, str)(bukti, pengganti)


def kirim_bukti_bayar(
    t: Transaksi, pemohon, ntpn: str, berkas, tanggal_bayar: date | None = None, kode_billing: str = ""
) -> BuktiBayar:
    """The visitor paid: NTPN, payment date and the BPN file → the office verifies.

    The payment is judged by its date (`tanggal_bayar`, from the BPN; today
    when not given): a proof for an invoice paid on or before its expiry is
    taken even after the expiry job ran. Sending the same NTPN again while it
    waits changes nothing; an NTPN held by another transaction is refused.
    """
    d = kumpulkan(
        ntpn=lambda: validasi_ntpn(ntpn),
        tanggal_bayar=lambda: tanggal_bayar_sah(tanggal_bayar, ZONA_BPN),
        berkas=lambda: validasi_berkas_bukti(berkas),
    )
    ntpn, tanggal_bayar, tipe = d["ntpn"], d["tanggal_bayar"], d["berkas"]
    with hapus_bila_gagal() as tertulis, transaction.atomic():
        t = inti.kunci(t)
        menunggu = bukti_yang_sama(t, pemohon, ntpn=ntpn)
        if menunggu is not None:
            return menunggu
        pindah = inti.langkah(t, Status.MENUNGGU_VERIFIKASI, pemohon)
        inti.pastikan_kanal(CaraBayar.SIMPONI, t)
        tagihan = periksa_bukti_bayar(t, ntpn, tanggal_bayar, kode_billing)
        bukti = simpan_bukti(
            t, tagihan, pemohon, berkas, tipe, tanggal_bayar, tertulis, {"ntpn": PESAN_NTPN_GANDA}, ntpn=ntpn
        )
        akibat = setelah_bukti(t, bukti)
        catatan = format_lazy(
            gettext_lazy("Bukti bayar {nomor} dikirim, NTPN {ntpn}.{akibat}"),
            nomor=bukti.tagihan.nomor,
            ntpn=ntpn,
            akibat=akibat,
        )
        pindah.jalankan(catatan, kabar=kabar_bukti(akibat))
    return bukti


def _tanpa_spasi(teks) -> str:
    return str(teks).strip()


def kabar_bukti(akibat) -> str:
    """What the visitor's receipt says a proof caused (`setelah_bukti`), in
    the visitor's language."""
    return lazy(_tanpa_spasi, str)(akibat) if akibat else ""


def validasi_berkas_bukti(berkas):
    """The proof's file (PDF/JPG/PNG within the limit), its detected type; the refusal on the file's field."""
    try:
        return validasi_dokumen(berkas)
    except ValidationError as e:
        raise ValidationError({"berkas": e.messages}) from None


def bukti_yang_sama(t: Transaksi, pemohon, **identitas) -> BuktiBayar | None:
    """The proof already waiting with the same identity (NTPN, or transfer
    bank and reference): a repeated submission (double click, resend) by
    whoever could send it changes nothing. Call on the LOCKED row."""
    menunggu = t.bukti_bayar.filter(status=BuktiBayar.Status.MENUNGGU, **identitas).first()
    if menunggu is not None:
        pastikan_pelaku(pelaku_boleh(Status.MENUNGGU_PEMBAYARAN, Status.MENUNGGU_VERIFIKASI), inti.pelaku(t, pemohon))
    return menunggu


def simpan_bukti(
    t, tagihan, pemohon, berkas, tipe, tanggal_bayar, tertulis: list, galat_ganda: dict, **kolom
) -> BuktiBayar:
    """Store the visitor's proof with its file, the file listed in `tertulis`
    (`hapus_bila_gagal`) before the row is written, so a row refused or lost
    leaves no file behind; `galat_ganda` is the refusal when another
    transaction took the same identity at the same moment."""
    berkas = tanpa_metadata(berkas, tipe)
    bukti = BuktiBayar(
        transaksi=t,
        tagihan=tagihan,
        berkas=berkas,
        nama_asli=nama_aman(berkas.name)[:200],
        ukuran=berkas.size,
        tipe=tipe.mime,
        dikirim_oleh=pemohon,
        dikirim_pada=timezone.now(),
        dibayar_pada=tanggal_bayar,
        **kolom,
    )
    tulis_dulu(bukti.berkas, tertulis)
    try:
        with transaction.atomic():
            bukti.save()
    except IntegrityError:
        raise ValidationError(galat_ganda) from None
    return bukti


def _bukti_menunggu(t: Transaksi, pemeriksa, bukti_id: int | None = None) -> BuktiBayar:
    """The waiting proof, if `pemeriksa` may check its kind of payment and,
    when `bukti_id` names the proof they checked (the page's), it is that one:
    a proof sent after their page was opened has been checked by nobody."""
    bukti = t.bukti_bayar.filter(status=BuktiBayar.Status.MENUNGGU).select_related("tagihan").first()
    if bukti is None:
        _pastikan_belum_diperiksa(t, bukti_id)
        raise TransisiTidakSah(_("Tidak ada bukti bayar yang menunggu verifikasi."))
    inti.pastikan_boleh_periksa(t, pemeriksa, bukti.cara_bayar)
    if bukti_id is not None and bukti.pk != bukti_id:
        raise TransisiTidakSah(
            _(
                "Bukti bayar yang Anda periksa sudah tidak menunggu verifikasi; kini menunggu %(referensi)s. "
                "Periksa bukti itu sebelum memutuskannya."
            )
            % {"referensi": bukti.referensi}
        )
    return bukti


def _pastikan_belum_diperiksa(t: Transaksi, bukti_id: int | None) -> None:
    """Refuse, naming who decided it, when the proof the page showed has been
    decided meanwhile (a colleague at the same moment, another tab): what the
    officer needs to know, not that the step is now someone else's."""
    diperiksa = (
        t.bukti_bayar.exclude(status=BuktiBayar.Status.MENUNGGU)
        .filter(pk=bukti_id, diperiksa_oleh__isnull=False)
        .select_related("diperiksa_oleh")
        .first()
    )
    if diperiksa is not None:
        raise TransisiTidakSah(
            _("Bukti bayar %(referensi)s sudah diperiksa %(nama)s (%(keputusan)s).")
            % {
                "referensi": diperiksa.referensi,
                "nama": diperiksa.diperiksa_oleh.nama_lengkap,
                "keputusan": diperiksa.get_status_display().lower(),
            }
        )


def _periksa(bukti: BuktiBayar, status: str, petugas, alasan: str = "") -> None:
    bukti.status, bukti.alasan_tolak = status, alasan
    bukti.diperiksa_oleh, bukti.diperiksa_pada = petugas, timezone.now()
    bukti.save(update_fields=["status", "alasan_tolak", "diperiksa_oleh", "diperiksa_pada"])


def tolak_bukti(t: Transaksi, petugas, alasan: str, bukti_id: int | None = None) -> Transaksi:
    """The proof does not hold (unreadable, NTPN not found...): back to the
    visitor. `bukti_id`: the proof the officer checked (`_bukti_menunggu`)."""
    if not (alasan or "").strip():
        raise ValidationError({"alasan": _("Tuliskan alasan penolakan untuk pemohon.")})
    with transaction.atomic():
        t = inti.kunci(t)
        # The proof first: decided meanwhile, that is the refusal to hear.
        bukti = _bukti_menunggu(t, petugas, bukti_id)
        pindah = inti.langkah(t, Status.MENUNGGU_PEMBAYARAN, petugas)
        _periksa(bukti, BuktiBayar.Status.DITOLAK, petugas, alasan.strip())
        # Lazy: the history records it in Indonesian, the visitor's e-mail says it in their language.
        catatan = format_lazy(
            gettext_lazy("Bukti bayar {referensi} ditolak: {alasan}"), referensi=bukti.referensi, alasan=alasan.strip()
        )
        return pindah.jalankan(catatan)


def verifikasi_pembayaran(t: Transaksi, petugas, bukti_id: int | None = None) -> Transaksi:
    """Payment verified: the invoice is paid and processing starts (the SOP's
    10-working-day delivery clock, running since "complete" and paused while
    the visitor had to pay, runs on; see alur.JAM_STATUS).
    `bukti_id`: the proof the officer checked (`_bukti_menunggu`)."""
    with transaction.atomic():
        t = inti.kunci(t)
        bukti = _bukti_menunggu(t, petugas, bukti_id)  # first, as in `tolak_bukti`
        pindah = inti.langkah(t, Status.DIPROSES, petugas)
        now = timezone.now()
        _periksa(bukti, BuktiBayar.Status.DITERIMA, petugas)
        tagihan = siklus.lunasi(bukti.tagihan, now)
        # A late proof the officer accepted: the replacement issued meanwhile is not to be paid.
        siklus.batalkan_yang_aktif(t, f"{tagihan.nomor} sudah lunas ({bukti.referensi}).")
        t.diproses_pada = now
        # Lazy: the history records it in Indonesian, each e-mail says it in its reader's language.
        catatan = format_lazy(
            gettext_lazy("Pembayaran {nomor} terverifikasi ({referensi}). Produk mulai disiapkan."),
            nomor=tagihan.nomor,
            referensi=bukti.referensi,
        )
        return pindah.jalankan(catatan, ("diproses_pada",))
