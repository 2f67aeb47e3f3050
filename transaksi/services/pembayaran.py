"""Payment and delivery (SOP step 7): every change goes through these functions.

Each runs in one database transaction on the locked transaction row
(`services.kunci`), moves it with `services.langkah` (history, SOP
clock, status e-mail) and adds what only this step has: the invoice and its
billing code, the proof of payment, the delivered files, the receipt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from pst_layanan import kalender
from pst_layanan.berkas import MB, nama_aman, validasi_dokumen
from pst_layanan.kantor import kantor
from pst_layanan.notifikasi import kirim_surel
from transaksi import billing, nomor, services
from transaksi.alur import Aksi, TransisiTidakSah, pastikan_pelaku, pelaku_boleh
from transaksi.models import (
    POLA_NTPN,
    BerkasProduk,
    BuktiBayar,
    KanalBayar,
    Kuitansi,
    RiwayatTransaksi,
    SerahTerima,
    Status,
    Tagihan,
    Transaksi,
    Unduhan,
)

BATAS_PRODUK = 500 * MB
STATUS_BOLEH_UNDUH = (Status.DISERAHKAN, Status.SELESAI)


# --- numbers ---------------------------------------------------------------------


def _nomor_dokumen(awalan: str, kunci: str) -> str:
    tahun = timezone.now().astimezone(kalender.WIB).year
    return f"{awalan}/{tahun}/{nomor.ambil(f'{kunci}-{tahun}'):06d}"


def _nomor_terpakai(model, nomor_dokumen: str) -> bool:
    return model.objects.filter(nomor=nomor_dokumen).exists()


def _nomor_baru(model, awalan: str, kunci: str) -> str:
    """Counters never repeat; a clash can only come from rows made by hand (admin, import)."""
    for _ in range(5):
        n = _nomor_dokumen(awalan, kunci)
        if not _nomor_terpakai(model, n):
            return n
    raise TransisiTidakSah("Nomor dokumen bentrok; coba lagi sebentar lagi.")


# --- invoice ---------------------------------------------------------------------


def _tagihan_aktif(t: Transaksi) -> Tagihan | None:
    return t.tagihan.aktif().first()


def _buat_tagihan(t: Transaksi, petugas, isian: dict, contoh_data=None, catatan: str = "") -> Tagihan:
    """The invoice for the items' total, its code from the billing adapter.

    `contoh_data`: an uploaded sample file, or the invoice whose sample is kept.
    """
    services.hitung_total(t)  # the amount comes from the items, never from a form
    if t.total <= 0:
        raise TransisiTidakSah("Transaksi ini tidak berbayar; tidak perlu tagihan.")
    sumber = billing.adapter()
    data = sumber.buat(t, t.total, isian)
    billing.pastikan_jumlah_sama(data, t.total)
    if Tagihan.objects.filter(kode_billing=data.kode_billing).exists():
        raise ValidationError({"kode_billing": "Kode billing ini sudah dipakai pada tagihan lain."})
    kanal = [k for k in (isian.get("kanal") or KanalBayar.values) if k in KanalBayar.values]
    tagihan = Tagihan(
        transaksi=t,
        nomor=_nomor_baru(Tagihan, "INV", "tagihan"),
        jumlah=t.total,
        kode_billing=data.kode_billing,
        sumber_billing=data.sumber,
        diterbitkan_pada=timezone.now(),
        kedaluwarsa_pada=data.kedaluwarsa_pada,
        kanal=kanal,
        catatan=catatan.strip(),
        diterbitkan_oleh=petugas,
    )
    if isinstance(contoh_data, Tagihan):  # a replacement keeps the sample already sent
        tagihan.contoh_data, tagihan.contoh_data_nama = contoh_data.contoh_data.name, contoh_data.contoh_data_nama
    elif contoh_data is not None:
        tagihan.contoh_data = contoh_data
        tagihan.contoh_data_nama = nama_aman(contoh_data.name)[:200]
    try:
        with transaction.atomic():
            tagihan.save()
    except IntegrityError:
        raise ValidationError({"kode_billing": "Kode billing ini sudah dipakai pada tagihan lain."}) from None
    return tagihan


def _ringkas_tagihan(tagihan: Tagihan) -> str:
    from pst_layanan.format import rupiah, waktu_panjang

    return (
        f"Tagihan {tagihan.nomor}: {rupiah(tagihan.jumlah)}, kode billing {tagihan.kode_billing}, "
        f"berlaku sampai {waktu_panjang(tagihan.kedaluwarsa_pada)}."
    )


def _surel_tagihan(t: Transaksi, tagihan: Tagihan, pembuka: str) -> None:
    kirim_surel(
        t.pemohon.email,
        f"Tagihan {tagihan.nomor} untuk transaksi {t.nomor}",
        "email/transaksi/pembayaran/tagihan.txt",
        {
            "t": t,
            "tagihan": tagihan,
            "pembuka": pembuka,
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
        _validasi_produk(contoh_data)
    with transaction.atomic():
        t = services.kunci(t)
        pindah = services.langkah(t, Status.MENUNGGU_PEMBAYARAN, petugas)
        if contoh_data is None:  # after a correction or expiry the sample already sent stays with the invoice
            contoh_data = t.tagihan.exclude(contoh_data="").first()
        tagihan = _buat_tagihan(t, petugas, isian, contoh_data, catatan)
        if t.petugas_id is None:
            t.petugas = petugas
        pindah.jalankan(_ringkas_tagihan(tagihan), ("petugas",))
        _surel_tagihan(t, tagihan, "Tagihan untuk transaksi Anda telah diterbitkan.")
    return tagihan


def minta_koreksi_tagihan(t: Transaksi, pemohon, catatan: str) -> Transaksi:
    """Before paying, the visitor sends the invoice back with a note; the
    invoice is kept, marked replaced, and the office issues a new one."""
    if not (catatan or "").strip():
        raise ValidationError({"catatan": "Tuliskan bagian tagihan yang perlu dikoreksi."})
    with transaction.atomic():
        t = services.kunci(t)
        if t.status != Status.MENUNGGU_PEMBAYARAN:
            raise TransisiTidakSah("Koreksi tagihan hanya dapat diminta sebelum bukti bayar dikirim.")
        pindah = services.langkah(t, Status.MENUNGGU_TAGIHAN, pemohon)
        tagihan = _tagihan_aktif(t)
        if tagihan is not None:
            tagihan.status = Tagihan.Status.DIGANTI
            tagihan.diganti_pada = timezone.now()
            tagihan.catatan_koreksi = catatan.strip()
            tagihan.save(update_fields=["status", "diganti_pada", "catatan_koreksi"])
        nama = tagihan.nomor if tagihan else "tagihan"
        return pindah.jalankan(f"Pemohon meminta koreksi {nama}: {catatan.strip()}")


def ganti_tagihan_kedaluwarsa(t: Transaksi, petugas, isian: dict, catatan: str = "") -> Tagihan:
    """An unpaid invoice past its expiry is replaced by a new billing code;
    the status stays "waiting for payment" (the visitor's turn)."""
    with transaction.atomic():
        t = services.kunci(t)
        services.pastikan_boleh_aksi(t, petugas, Aksi.GANTI_TAGIHAN)
        if t.status != Status.MENUNGGU_PEMBAYARAN:
            raise TransisiTidakSah("Hanya tagihan yang belum dibayar yang dapat diganti.")
        lama = _tagihan_aktif(t)
        if lama is None or not lama.lewat_masa_berlaku:
            raise TransisiTidakSah("Tagihan yang berlaku belum kedaluwarsa; tidak perlu diganti.")
        lama.status = Tagihan.Status.KEDALUWARSA
        lama.diganti_pada = timezone.now()
        lama.save(update_fields=["status", "diganti_pada"])
        baru = _buat_tagihan(t, petugas, isian, lama if lama.contoh_data else None, catatan)
        services.catat(
            t,
            RiwayatTransaksi.Jenis.CATATAN,
            petugas,
            f"{lama.nomor} kedaluwarsa tanpa pembayaran dan diganti. {_ringkas_tagihan(baru)}",
        )
        _surel_tagihan(t, baru, f"Kode billing pada tagihan {lama.nomor} telah kedaluwarsa; berikut tagihan baru.")
    return baru


# --- proof of payment --------------------------------------------------------------


def normalkan_ntpn(ntpn: str) -> str:
    return re.sub(r"[\s-]", "", ntpn or "").upper()


def validasi_ntpn(ntpn: str) -> str:
    ntpn = normalkan_ntpn(ntpn)
    if not re.fullmatch(POLA_NTPN, ntpn):
        raise ValidationError(
            {"ntpn": "NTPN harus tepat 16 karakter berupa huruf dan/atau angka, seperti tertera pada BPN."}
        )
    return ntpn


def _ntpn_dipakai_lain(t: Transaksi, ntpn: str) -> bool:
    return BuktiBayar.objects.berlaku().filter(ntpn=ntpn).exclude(transaksi=t).exists()


PESAN_NTPN_GANDA = "NTPN ini sudah dipakai untuk transaksi lain. Periksa kembali NTPN pada Bukti Penerimaan Negara."


def kirim_bukti_bayar(t: Transaksi, pemohon, ntpn: str, berkas) -> BuktiBayar:
    """The visitor paid: NTPN and the BPN file → the office verifies.

    Sending the same NTPN again while it waits changes nothing; an NTPN held
    by another transaction is refused.
    """
    ntpn = validasi_ntpn(ntpn)
    try:
        tipe = validasi_dokumen(berkas)
    except ValidationError as e:
        raise ValidationError({"berkas": e.messages}) from None
    with transaction.atomic():
        t = services.kunci(t)
        menunggu = t.bukti_bayar.filter(status=BuktiBayar.Status.MENUNGGU).first()
        if menunggu is not None and menunggu.ntpn == ntpn:
            # A repeated submission (double click, resend) by whoever could send it.
            pastikan_pelaku(
                pelaku_boleh(Status.MENUNGGU_PEMBAYARAN, Status.MENUNGGU_VERIFIKASI), services.pelaku(t, pemohon)
            )
            return menunggu
        pindah = services.langkah(t, Status.MENUNGGU_VERIFIKASI, pemohon)
        if _ntpn_dipakai_lain(t, ntpn):
            raise ValidationError({"ntpn": PESAN_NTPN_GANDA})
        tagihan = _tagihan_aktif(t)
        if tagihan is None:
            raise TransisiTidakSah("Belum ada tagihan yang berlaku untuk dibayar.")
        bukti = BuktiBayar(
            transaksi=t,
            tagihan=tagihan,
            ntpn=ntpn,
            berkas=berkas,
            nama_asli=nama_aman(berkas.name)[:200],
            ukuran=berkas.size,
            tipe=tipe.mime,
            dikirim_oleh=pemohon,
            dikirim_pada=timezone.now(),
        )
        try:
            with transaction.atomic():
                bukti.save()
        except IntegrityError:  # another transaction took the NTPN at the same moment
            raise ValidationError({"ntpn": PESAN_NTPN_GANDA}) from None
        pindah.jalankan(f"Bukti bayar dikirim, NTPN {ntpn}.")
    return bukti


def _bukti_menunggu(t: Transaksi) -> BuktiBayar:
    bukti = t.bukti_bayar.filter(status=BuktiBayar.Status.MENUNGGU).select_related("tagihan").first()
    if bukti is None:
        raise TransisiTidakSah("Tidak ada bukti bayar yang menunggu verifikasi.")
    return bukti


def _periksa(bukti: BuktiBayar, status: str, petugas, alasan: str = "") -> None:
    bukti.status, bukti.alasan_tolak = status, alasan
    bukti.diperiksa_oleh, bukti.diperiksa_pada = petugas, timezone.now()
    bukti.save(update_fields=["status", "alasan_tolak", "diperiksa_oleh", "diperiksa_pada"])


def tolak_bukti(t: Transaksi, petugas, alasan: str) -> Transaksi:
    """The proof does not hold (unreadable, NTPN not found...): back to the visitor."""
    if not (alasan or "").strip():
        raise ValidationError({"alasan": "Tuliskan alasan penolakan untuk pemohon."})
    with transaction.atomic():
        t = services.kunci(t)
        pindah = services.langkah(t, Status.MENUNGGU_PEMBAYARAN, petugas)
        bukti = _bukti_menunggu(t)
        _periksa(bukti, BuktiBayar.Status.DITOLAK, petugas, alasan.strip())
        return pindah.jalankan(f"Bukti bayar NTPN {bukti.ntpn} ditolak: {alasan.strip()}")


def verifikasi_pembayaran(t: Transaksi, petugas) -> Transaksi:
    """Payment verified: the invoice is paid and processing starts (the SOP's
    10-working-day delivery clock starts here, see alur.JAM_STATUS)."""
    with transaction.atomic():
        t = services.kunci(t)
        pindah = services.langkah(t, Status.DIPROSES, petugas)
        bukti = _bukti_menunggu(t)
        now = timezone.now()
        _periksa(bukti, BuktiBayar.Status.DITERIMA, petugas)
        tagihan = bukti.tagihan
        tagihan.status, tagihan.lunas_pada = Tagihan.Status.LUNAS, now
        tagihan.save(update_fields=["status", "lunas_pada"])
        t.diproses_pada = now
        return pindah.jalankan(
            f"Pembayaran {tagihan.nomor} terverifikasi (NTPN {bukti.ntpn}). Produk mulai disiapkan.",
            ("diproses_pada",),
        )


# --- delivery ----------------------------------------------------------------------


def _validasi_produk(berkas) -> None:
    if berkas.size == 0:
        raise ValidationError("Berkas %(nama)s kosong (0 byte).", params={"nama": nama_aman(berkas.name)})
    if berkas.size > BATAS_PRODUK:
        raise ValidationError(
            "Berkas %(nama)s berukuran %(ukuran)d MB, melebihi batas 500 MB per berkas.",
            params={"nama": nama_aman(berkas.name), "ukuran": berkas.size // MB},
        )


@dataclass
class DataSerahTerima:
    media: str
    uraian: str
    penerima_nama: str


def serahkan_produk(
    t: Transaksi, petugas, berkas: list | tuple = (), serah_terima: DataSerahTerima | None = None, catatan: str = ""
) -> Transaksi:
    """Deliver: product files (streamed to private storage) and/or a physical
    hand-over with its record; a paid transaction gets its receipt."""
    berkas = [b for b in berkas if b]
    if not berkas and serah_terima is None:
        raise ValidationError("Unggah berkas produk atau catat serah terima fisik.")
    for b in berkas:
        _validasi_produk(b)
    if serah_terima is not None and not (serah_terima.uraian.strip() and serah_terima.penerima_nama.strip()):
        raise ValidationError("Isi uraian produk dan nama penerima pada serah terima fisik.")
    with transaction.atomic():
        t = services.kunci(t)
        pindah = services.langkah(t, Status.DISERAHKAN, petugas)
        now = timezone.now()
        for b in berkas:
            # FileField.save streams: a temporary upload is moved, others copied in chunks.
            BerkasProduk.objects.create(
                transaksi=t,
                berkas=b,
                nama_asli=nama_aman(b.name)[:200],
                ukuran=b.size,
                diunggah_oleh=petugas,
                diunggah_pada=now,
            )
        if serah_terima is not None:
            SerahTerima.objects.create(
                transaksi=t,
                nomor=_nomor_baru(SerahTerima, "BAST", "berita-acara"),
                media=serah_terima.media,
                uraian=serah_terima.uraian.strip(),
                penerima_nama=serah_terima.penerima_nama.strip(),
                diserahkan_oleh=petugas,
                diserahkan_pada=now,
            )
        kuitansi = _terbitkan_kuitansi(t, petugas, now) if t.berbayar else None
        t.diserahkan_pada = now
        bagian = [f"{len(berkas)} berkas produk"] if berkas else []
        if serah_terima is not None:
            bagian.append(f"serah terima fisik ({SerahTerima.Media(serah_terima.media).label})")
        teks = "Produk diserahkan: " + " dan ".join(bagian) + "."
        if kuitansi:
            teks += f" Kuitansi {kuitansi.nomor} diterbitkan."
        if catatan.strip():
            teks += f"\n{catatan.strip()}"
        pindah.jalankan(teks, ("diserahkan_pada",))
        kirim_surel(
            t.pemohon.email,
            f"Produk transaksi {t.nomor} siap diunduh",
            "email/transaksi/pembayaran/diserahkan.txt",
            {
                "t": t,
                "berkas": t.berkas_produk.all(),
                "serah_terima": t.serah_terima.all(),
                "kuitansi": kuitansi,
                "batas_unduh": batas_unduh(t),
                "url_pembayaran": reverse("transaksi:pembayaran", args=[t.nomor]),
            },
        )
    return t


def _terbitkan_kuitansi(t: Transaksi, petugas, now) -> Kuitansi:
    bukti = t.bukti_bayar.filter(status=BuktiBayar.Status.DITERIMA).select_related("tagihan").first()
    if bukti is None:
        raise TransisiTidakSah("Pembayaran transaksi berbayar ini belum terverifikasi; kuitansi tidak dapat dibuat.")
    return Kuitansi.objects.create(
        transaksi=t,
        tagihan=bukti.tagihan,
        bukti_bayar=bukti,
        nomor=_nomor_baru(Kuitansi, "KW", "kuitansi"),
        jumlah=bukti.tagihan.jumlah,
        diterbitkan_pada=now,
        diterbitkan_oleh=petugas,
    )


# --- downloads ---------------------------------------------------------------------


class MasaUnduhBerakhir(Exception):
    """The download period after delivery has passed; the message is shown as is."""


def batas_unduh(t: Transaksi) -> datetime | None:
    if t.diserahkan_pada is None:
        return None
    return t.diserahkan_pada + timedelta(days=kantor().masa_unduh_hari)


def pastikan_boleh_unduh_produk(t: Transaksi, user) -> None:
    """Products, receipts and hand-over records: after delivery, within the
    office's download period for the visitor (officers always)."""
    from pst_layanan.format import waktu_panjang
    from pst_layanan.roles import adalah_petugas

    if adalah_petugas(user):
        return
    if t.status not in STATUS_BOLEH_UNDUH:
        raise MasaUnduhBerakhir("Produk belum diserahkan; unduhan tersedia setelah petugas menyerahkan produk.")
    batas = batas_unduh(t)
    if batas is not None and timezone.now() > batas:
        raise MasaUnduhBerakhir(
            f"Masa unduh produk transaksi {t.nomor} telah berakhir pada {waktu_panjang(batas)} "
            f"({kantor().masa_unduh_hari} hari setelah penyerahan). Hubungi petugas PST bila Anda "
            "masih memerlukan produk ini."
        )


def catat_unduhan(t: Transaksi, user, jenis: str, objek_id: int, nama: str) -> Unduhan:
    return Unduhan.objects.create(transaksi=t, jenis=jenis, objek_id=objek_id, nama=nama[:200], oleh=user)


# --- what the payment panels show ------------------------------------------------------


@dataclass
class Ringkasan:
    """Everything the payment panels of one transaction show, in a few queries."""

    tagihan: list[Tagihan] = field(default_factory=list)
    bukti: list[BuktiBayar] = field(default_factory=list)
    berkas: list[BerkasProduk] = field(default_factory=list)
    serah_terima: list[SerahTerima] = field(default_factory=list)
    kuitansi: Kuitansi | None = None
    batas_unduh: datetime | None = None
    masa_unduh_berakhir: bool = False
    forms: dict = field(default_factory=dict)
    tampil: bool = True  # False before the payment stage: the panels show nothing

    @property
    def tagihan_aktif(self) -> Tagihan | None:
        return next((x for x in self.tagihan if x.status == Tagihan.Status.AKTIF), None)

    @property
    def tagihan_lunas(self) -> Tagihan | None:
        return next((x for x in self.tagihan if x.status == Tagihan.Status.LUNAS), None)

    @property
    def tagihan_lama(self) -> list[Tagihan]:
        return [x for x in self.tagihan if x.status in (Tagihan.Status.DIGANTI, Tagihan.Status.KEDALUWARSA)]

    @property
    def bukti_menunggu(self) -> BuktiBayar | None:
        return next((b for b in self.bukti if b.status == BuktiBayar.Status.MENUNGGU), None)

    @property
    def bukti_ditolak_terakhir(self) -> BuktiBayar | None:
        return self.bukti[0] if self.bukti and self.bukti[0].status == BuktiBayar.Status.DITOLAK else None


# Before the requirements are complete there is nothing to pay or deliver yet.
STATUS_SEBELUM_PEMBAYARAN = (Status.DRAF, Status.DIAJUKAN, Status.PERLU_PERBAIKAN)


def ringkasan(t: Transaksi) -> Ringkasan:
    if t.status in STATUS_SEBELUM_PEMBAYARAN:
        return Ringkasan(tampil=False)
    r = Ringkasan(
        tagihan=list(t.tagihan.all()),
        bukti=list(t.bukti_bayar.select_related("diperiksa_oleh")),
        berkas=list(t.berkas_produk.all()),
        serah_terima=list(t.serah_terima.all()),
    )
    if t.diserahkan_pada:
        r.kuitansi = Kuitansi.objects.filter(transaksi=t).first()
        r.batas_unduh = batas_unduh(t)
        r.masa_unduh_berakhir = timezone.now() > r.batas_unduh
    return r
