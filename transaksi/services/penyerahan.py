"""Delivery (SOP step 7): the product files and hand-over records, the
receipt of a paid transaction, and the visitor's downloads within the
office's download period.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pst_layanan.bahasa import bahasa_kantor
from pst_layanan.berkas import MB, hapus_bila_gagal, kenali, nama_aman, tulis_dulu
from pst_layanan.format import lama, waktu_panjang
from pst_layanan.notifikasi import kirim_surel
from pst_layanan.roles import adalah_petugas
from transaksi import nomor, selectors
from transaksi.alur import TransisiTidakSah
from transaksi.models import (
    BerkasProduk,
    BuktiBayar,
    Kuitansi,
    SerahTerima,
    Status,
    Transaksi,
    Unduhan,
)
from transaksi.services import inti

BATAS_PRODUK = 500 * MB
STATUS_BOLEH_UNDUH = (Status.DISERAHKAN, Status.SELESAI)


def validasi_berkas_produk(berkas) -> None:
    if berkas.size == 0:
        raise ValidationError(_("Berkas %(nama)s kosong (0 byte)."), params={"nama": nama_aman(berkas.name)})
    if berkas.size > BATAS_PRODUK:
        raise ValidationError(
            _("Berkas %(nama)s berukuran %(ukuran)d MB, melebihi batas %(batas)d MB per berkas."),
            params={"nama": nama_aman(berkas.name), "ukuran": berkas.size // MB, "batas": BATAS_PRODUK // MB},
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
        raise ValidationError(_("Unggah berkas produk atau catat serah terima fisik."))
    for b in berkas:
        validasi_berkas_produk(b)
    tipe = [kenali(b).mime for b in berkas]  # read before the row lock is taken
    if serah_terima is not None and not (serah_terima.uraian.strip() and serah_terima.penerima_nama.strip()):
        raise ValidationError(_("Isi uraian produk dan nama penerima pada serah terima fisik."))
    with hapus_bila_gagal() as tertulis, transaction.atomic():
        return _serahkan(t, petugas, berkas, tipe, serah_terima, catatan, tertulis)


def _nama_berbeda(nama: str, dipakai: set[str]) -> str:
    """`nama`, or "data-2.csv", "data-3.csv"… when a file of the same delivery
    already has it (as Windows compares names, ignoring case): the visitor's
    list and downloads tell two "data.csv" from two folders apart."""
    akar, ekor = os.path.splitext(nama)
    calon, n = nama, 1
    while calon.casefold() in dipakai:
        n += 1
        calon = f"{akar}-{n}{ekor}"
    dipakai.add(calon.casefold())
    return calon


def _serahkan(t, petugas, berkas, tipe, serah_terima, catatan, tertulis: list) -> Transaksi:
    """The delivery inside its database transaction; each product file written
    is added to `tertulis`, for the caller to remove if the transaction fails."""
    t = inti.kunci(t)
    pindah = inti.langkah(t, Status.DISERAHKAN, petugas)
    if selectors.menunggu_pengembalian(t):
        raise TransisiTidakSah(
            _("Usulan pengembalian PNBP transaksi ini menunggu keputusan supervisor; produk belum dapat diserahkan.")
        )
    now = timezone.now()
    dipakai: set[str] = set()
    for b, tipe_b in zip(berkas, tipe, strict=True):
        produk = BerkasProduk(
            transaksi=t,
            berkas=b,
            nama_asli=_nama_berbeda(nama_aman(b.name)[:200], dipakai),
            ukuran=b.size,
            tipe=tipe_b,
            diunggah_oleh=petugas,
            diunggah_pada=now,
        )
        # Written (streamed: a temporary upload is moved, others copied in
        # chunks) and listed before the INSERT, so a failing INSERT leaves no file.
        tulis_dulu(produk.berkas, tertulis)
        produk.save()
    if serah_terima is not None:
        SerahTerima.objects.create(
            transaksi=t,
            nomor=nomor.nomor_dokumen(SerahTerima, "BAST", "berita-acara", t.kantor_id),
            media=serah_terima.media,
            uraian=serah_terima.uraian.strip(),
            penerima_nama=serah_terima.penerima_nama.strip(),
            diserahkan_oleh=petugas,
            diserahkan_pada=now,
        )
    kuitansi = _terbitkan_kuitansi(t, petugas, now) if t.berbayar else None
    t.diserahkan_pada = now
    # Kept as told in the delivery e-mail below, whatever the calendar does later.
    t.batas_penilaian_dijanjikan = selectors.batas_penilaian_kalender(t)
    t.batas_unduh_dijanjikan = selectors.batas_unduh_kantor(t)
    bagian = [f"{len(berkas)} berkas produk"] if berkas else []
    if serah_terima is not None:
        with bahasa_kantor():
            bagian.append(f"serah terima fisik ({SerahTerima.Media(serah_terima.media).label})")
    teks = "Produk diserahkan: " + " dan ".join(bagian) + "."
    if kuitansi:
        teks += f" Kuitansi {kuitansi.nomor} diterbitkan."
    if catatan.strip():
        teks += f"\n{catatan.strip()}"
    # The delivery e-mail below is this move's one e-mail to the visitor.
    pindah.jalankan(
        teks, ("diserahkan_pada", "batas_penilaian_dijanjikan", "batas_unduh_dijanjikan"), surel_pemohon=False
    )
    # "Ready to download" only when there is a file to download: a product
    # handed over on paper or a disc has none.
    subjek = (
        gettext_lazy("Produk transaksi {nomor} siap diunduh")
        if berkas
        else gettext_lazy("Produk transaksi {nomor} telah diserahkan")
    )
    kirim_surel(
        t.pemohon.email,
        format_lazy(subjek, nomor=t.nomor),
        "email/transaksi/pembayaran/diserahkan.txt",
        {
            "t": t,
            "berkas": t.berkas_produk.all(),
            "serah_terima": t.serah_terima.all(),
            "kuitansi": kuitansi,
            "catatan": catatan.strip(),
            "batas_unduh": selectors.batas_unduh(t),
            "url_pembayaran": reverse("transaksi:pembayaran", args=[t.nomor]),
        },
    )
    return t


def _terbitkan_kuitansi(t: Transaksi, petugas, now) -> Kuitansi | None:
    """The receipt, unless the treasurer already gave one for cash (None then)."""
    if Kuitansi.objects.filter(transaksi=t).exists():
        return None
    bukti = t.bukti_bayar.filter(status=BuktiBayar.Status.DITERIMA).select_related("tagihan").first()
    if bukti is None:
        raise TransisiTidakSah(_("Pembayaran transaksi berbayar ini belum terverifikasi; kuitansi tidak dapat dibuat."))
    return Kuitansi.objects.create(
        transaksi=t,
        tagihan=bukti.tagihan,
        bukti_bayar=bukti,
        nomor=nomor.nomor_dokumen(Kuitansi, "KW", "kuitansi", t.kantor_id),
        jumlah=bukti.tagihan.jumlah,
        diterbitkan_pada=now,
        diterbitkan_oleh=petugas,
    )


# --- downloads ---------------------------------------------------------------------


class MasaUnduhBerakhir(Exception):
    """The download period after delivery has passed; the message is shown as is."""


def pastikan_boleh_unduh_produk(t: Transaksi, user) -> None:
    """Products, receipts and hand-over records: after delivery, within the
    office's download period for the visitor (the office's staff always;
    staff on their own request are its visitor, `inti.milik_sendiri`)."""
    if adalah_petugas(user) and t.pemohon_id != user.pk:
        return
    if t.status not in STATUS_BOLEH_UNDUH:
        raise MasaUnduhBerakhir(_("Produk belum diserahkan; unduhan tersedia setelah petugas menyerahkan produk."))
    batas = selectors.batas_unduh(t)
    if batas is not None and timezone.now() > batas:
        raise MasaUnduhBerakhir(
            _(
                "Masa unduh produk transaksi {nomor} telah berakhir pada {batas} ({lama} setelah penyerahan). "
                "Hubungi petugas PST bila Anda masih memerlukan produk ini."
            ).format(nomor=t.nomor, batas=waktu_panjang(batas), lama=lama((batas - t.diserahkan_pada).days, "hari"))
        )


def catat_unduhan(t: Transaksi, user, jenis: str, objek_id: int, nama: str) -> Unduhan:
    return Unduhan.objects.create(transaksi=t, jenis=jenis, objek_id=objek_id, nama=nama[:200], oleh=user)
