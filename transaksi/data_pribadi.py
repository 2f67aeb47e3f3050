"""The transactions' part of a visitor's data download and erasure (UU 27/2022).

Export: every transaction of the visitor with its items, requirement
documents, invoices (with the payer as issued and the officer's note),
proofs of payment (NTPN), receipt, hand-over records, refunds of PNBP
(with the account the money goes back to), the visitor's own downloads
and its history as their page tells it (with the notes: the reason they
gave to cancel, what the officer asked them to fix).
Erasure keeps transactions, invoices, receipts and refunds as
anonymous statistics and state-revenue records (they point to the
anonymised user); a refund keeps its account holder, account number and
bank: the treasurer's record of where state revenue was paid back. Erasure
blanks the free text the visitor wrote (the purpose of use, invoice
correction requests), the payer's name and institution on invoices,
receipts and refund letters, their name and contacts in the officers' notes
(the history, the documents' review, the invoice's note, a refused proof's
reason) and the recipient's name on a hand-over record when it
is the visitor's own (the officer's form fills it in; someone else who
collected the product is not the person erased) and the name the visitor
gave their proof of payment (the file stays, named after its invoice), and
deletes the files of the requirement documents (ID cards, letters), keeping
their rows marked as purged. Item descriptions stay: they name a statistical product, not a
person.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from pst_layanan.berkas import hapus_bila_gagal
from pst_layanan.data_pribadi import (
    daftar_akibat,
    daftar_anonimisasi,
    daftar_bertugas,
    daftar_ekspor,
    daftar_tulisan,
    identitas,
    pola_sebutan,
)
from transaksi import alur, retensi
from transaksi.linimasa import linimasa
from transaksi.models import (
    BuktiBayar,
    DokumenPersyaratan,
    ItemTransaksi,
    Kuitansi,
    Pengembalian,
    RiwayatTransaksi,
    SerahTerima,
    Tagihan,
    Transaksi,
    Unduhan,
)
from transaksi.services import pengajuan

DIHAPUS = "[dihapus]"


@daftar_ekspor("transaksi")
def ekspor_transaksi(pengguna) -> list[dict]:

    qs = (
        Transaksi.objects.milik(pengguna)
        .order_by("dibuat_pada", "pk")
        .prefetch_related(
            Prefetch("item", ItemTransaksi.objects.select_related("produk")),
            Prefetch("dokumen", DokumenPersyaratan.objects.select_related("jenis").order_by("diunggah_pada", "pk")),
            Prefetch("tagihan", Tagihan.objects.order_by("diterbitkan_pada", "pk")),
            Prefetch("bukti_bayar", BuktiBayar.objects.order_by("dikirim_pada", "pk")),
            Prefetch("serah_terima", SerahTerima.objects.order_by("diserahkan_pada", "pk")),
            Prefetch("pengembalian", Pengembalian.objects.order_by("diajukan_pada", "pk")),
            Prefetch("unduhan", Unduhan.objects.filter(oleh=pengguna).order_by("waktu", "pk"), to_attr="unduhan_saya"),
            Prefetch("riwayat", RiwayatTransaksi.objects.select_related("oleh").order_by("waktu", "pk")),
        )
        .select_related("kuitansi")  # in the transactions' query: the download stays within its query budget
    )
    return [_satu(t, _kuitansi(t, Kuitansi)) for t in qs]


def _kuitansi(t, Kuitansi):
    try:
        return t.kuitansi
    except Kuitansi.DoesNotExist:
        return None


def _satu(t, kuitansi) -> dict:
    return {
        "nomor": t.nomor,
        "status": t.get_status_display(),
        "keperluan": t.keperluan,
        "kelas_harga": t.get_kelas_harga_display(),
        "total": t.total,
        "dibuat_pada": t.dibuat_pada,
        "diajukan_pada": t.diajukan_pada,
        "lengkap_pada": t.lengkap_pada,
        "diproses_pada": t.diproses_pada,
        "diserahkan_pada": t.diserahkan_pada,
        "ditutup_pada": t.ditutup_pada,
        "item": [
            # What each item was charged (Rp0 on an approved Rp0 request or a free product), as the total.
            {"produk": i.produk.nama, "uraian": i.uraian, "jumlah": i.jumlah, "subtotal": i.subtotal_dikenakan}
            for i in t.item.all()
        ],
        "dokumen_persyaratan": [
            {
                "jenis": d.jenis.nama,
                "nama_berkas": d.nama_asli,
                "diunggah_pada": d.diunggah_pada,
                "penilaian": d.get_penilaian_display(),
                "catatan_petugas": d.catatan_petugas,
                "diganti_pada": d.diganti_pada,
                "berkas_dihapus_pada": d.dihapus_retensi_pada,
            }
            for d in t.dokumen.all()
        ],
        "tagihan": [
            {
                "nomor": g.nomor,
                # As issued: a later profile edit does not change the invoice.
                "nama_pembayar": g.nama_pembayar,
                "instansi_pembayar": g.instansi_pembayar,
                "jumlah": g.jumlah,
                "kode_billing": g.kode_billing,
                "status": g.get_status_display(),
                "diterbitkan_pada": g.diterbitkan_pada,
                "berlaku_sampai": g.kedaluwarsa_pada,
                "lunas_pada": g.lunas_pada,
                "catatan_petugas": g.catatan,
                "permintaan_koreksi": g.catatan_koreksi,
            }
            for g in t.tagihan.all()
        ],
        "bukti_bayar": [
            {
                "cara_bayar": b.get_cara_bayar_display(),
                "ntpn": b.ntpn,
                "bank_pengirim": b.bank_pengirim,
                "nomor_referensi": b.nomor_referensi,
                "tanggal_bayar": b.dibayar_pada,
                "nama_berkas": b.nama_asli,
                "status": b.get_status_display(),
                "dikirim_pada": b.dikirim_pada,
                "alasan_tolak": b.alasan_tolak,
            }
            for b in t.bukti_bayar.all()
        ],
        "kuitansi": {
            "nomor": kuitansi.nomor,
            "nama_pembayar": kuitansi.nama_pembayar,
            "instansi_pembayar": kuitansi.instansi_pembayar,
            "jumlah": kuitansi.jumlah,
            "diterbitkan_pada": kuitansi.diterbitkan_pada,
        }
        if kuitansi
        else None,
        "serah_terima": [
            {
                "nomor": s.nomor,
                "media": s.get_media_display(),
                "uraian": s.uraian,
                "nama_penerima": s.penerima_nama,
                "diserahkan_pada": s.diserahkan_pada,
            }
            for s in t.serah_terima.all()
        ],
        "pengembalian": [
            {
                "nomor_surat": p.nomor,
                "jumlah": p.jumlah,
                "alasan": p.alasan,
                "nama_pemilik_rekening": p.nama_rekening,
                "nomor_rekening": p.nomor_rekening,
                "nama_bank": p.nama_bank,
                "status": p.get_status_display(),
                "diajukan_pada": p.diajukan_pada,
                "diputuskan_pada": p.diputuskan_pada,
                "alasan_tolak": p.alasan_tolak,
                "diproses_pada": p.diproses_pada,
                "catatan_bendahara": p.catatan_proses,
            }
            for p in t.pengembalian.all()
        ],
        "unduhan": [{"jenis": u.get_jenis_display(), "nama": u.nama, "waktu": u.waktu} for u in t.unduhan_saya],
        "riwayat": [
            {"waktu": p.waktu, "peristiwa": p.judul, "oleh": p.oleh, "catatan": p.catatan}
            for p in linimasa(t.riwayat.all(), t.pemohon_id, untuk_pengunjung=True)
        ],
    }


def _dibatalkan_saat_dihapus(t: Transaksi) -> bool:
    """An erased visitor can no longer fix a document, pay or be written to:
    what they could still cancel themselves is cancelled with their data."""
    return t.status in alur.STATUS_BATAL_OLEH_PENGUNJUNG


@daftar_akibat
def akibat_transaksi(pengguna) -> list[str]:
    terbuka = list(Transaksi.objects.milik(pengguna).terbuka().order_by("dibuat_pada"))
    dibatalkan = [t for t in terbuka if _dibatalkan_saat_dihapus(t)]
    tetap = [t for t in terbuka if not _dibatalkan_saat_dihapus(t)]
    kalimat = []
    if dibatalkan:
        kalimat.append(_("Transaksi berikut dibatalkan: %(daftar)s.") % {"daftar": _daftar(dibatalkan)})
    if tetap:
        kalimat.append(
            _(
                "Transaksi berikut tidak dapat dibatalkan lagi dan tetap diselesaikan petugas, tetapi Anda tidak "
                "dapat lagi mengikutinya atau mengunduh produknya: %(daftar)s."
            )
            % {"daftar": _daftar(tetap)}
        )
    if dikembalikan := _dengan_rekening(pengguna):
        kalimat.append(
            _(
                "Rekening tujuan pengembalian PNBP (nama pemilik, nomor dan bank) tetap disimpan sebagai catatan "
                "keuangan negara: %(daftar)s."
            )
            % {"daftar": ", ".join(dikembalikan)}
        )
    return kalimat


def _dengan_rekening(pengguna) -> list[str]:
    """The transactions whose refund keeps the account the money went back to: erasure leaves it."""
    qs = Pengembalian.objects.filter(transaksi__pemohon=pengguna).order_by("transaksi__dibuat_pada", "transaksi__pk")
    return list(dict.fromkeys(qs.values_list("transaksi__nomor", flat=True)))


def _daftar(transaksi: list[Transaksi]) -> str:
    return ", ".join(f"{t.nomor} ({t.get_status_display()})" for t in transaksi)


@daftar_bertugas
def bertugas_transaksi(pengguna) -> bool:
    """Each officer's move on a transaction is in its history, under their account."""
    return RiwayatTransaksi.objects.filter(oleh=pengguna).exclude(transaksi__pemohon=pengguna).exists()


@daftar_tulisan
def tulisan_transaksi(pengguna) -> list[str]:
    """The officers' notice of a move quotes its note (a reason to cancel, a correction asked for)."""
    catatan = RiwayatTransaksi.objects.filter(transaksi__pemohon=pengguna, oleh=pengguna).values_list(
        "catatan", flat=True
    )
    koreksi = Tagihan.objects.filter(transaksi__pemohon=pengguna).values_list("catatan_koreksi", flat=True)
    keperluan = Transaksi.objects.milik(pengguna).values_list("keperluan", flat=True)
    return [*catatan, *koreksi, *keperluan]


@daftar_anonimisasi
def anonimkan_transaksi(pengguna) -> None:
    # The open ones locked first: a move being made on one meanwhile (a
    # payment taken, the visitor's own note in another tab) is waited for, so
    # its status is read after it and its note is among those blanked below.
    terbuka = list(Transaksi.objects.milik(pengguna).terbuka().order_by("pk").select_for_update())
    # The notes of the visitor's own moves carry what they typed (an invoice
    # correction request, a reason to cancel); the move itself stays.
    RiwayatTransaksi.objects.filter(transaksi__pemohon=pengguna, oleh=pengguna).exclude(catatan="").hapus_catatan(
        DIHAPUS
    )
    # Why an invoice was voided carries the words typed with the move that
    # voided it (the visitor's reason to cancel, a note on an item correction
    # addressed to them), and the invoice does not say whose: blanked whole,
    # before the cancellations below give their own reason. The void and its
    # date stay.
    Tagihan.objects.filter(transaksi__pemohon=pengguna).exclude(alasan_batal="").update(alasan_batal=DIHAPUS)
    # Cancelled as if they had, so it leaves the officers' worklist and its
    # invoice is withdrawn. Paid ones stay open: that money is the office's to settle.
    for t in terbuka:
        if _dibatalkan_saat_dihapus(t):
            pengajuan.batalkan(t, pengguna, "Dibatalkan: pemohon menghapus data pribadinya.")
    Transaksi.objects.milik(pengguna).update(keperluan=DIHAPUS)
    nama = _sama_nama(pengguna.nama_lengkap)
    serah_terima = SerahTerima.objects.filter(transaksi__pemohon=pengguna).values_list("pk", "penerima_nama")
    milik_pemohon = [pk for pk, penerima in serah_terima if nama and _menyebut_nama(penerima, nama)]
    if milik_pemohon:
        SerahTerima.objects.filter(pk__in=milik_pemohon).hapus_nama_penerima(DIHAPUS)
    Tagihan.objects.filter(transaksi__pemohon=pengguna).exclude(catatan_koreksi="").update(catatan_koreksi=DIHAPUS)
    # Invoices, receipts and refund letters stay, naming nobody.
    for dokumen in (Tagihan, Kuitansi, Pengembalian):
        dokumen.hapus_pembayar(pengguna, DIHAPUS)
    # The proof of payment stays (a revenue record) under a name from its invoice, in its log of downloads too.
    with hapus_bila_gagal() as tertulis, transaction.atomic():
        for pk, nama_baru in BuktiBayar.objects.filter(transaksi__pemohon=pengguna).ganti_nama_berkas(tertulis).items():
            Unduhan.objects.filter(jenis=Unduhan.Jenis.BUKTI_BAYAR, objek_id=pk).ganti_nama(nama_baru)
    dokumen = DokumenPersyaratan.objects.filter(transaksi__pemohon=pengguna)
    # A file name may carry the person's name ("KTP Andi.pdf").
    dokumen.update(nama_asli=DIHAPUS)
    retensi.hapus_berkas_setelah_commit(dokumen, timezone.now())
    _hapus_sebutan_di_catatan(pengguna)


def _hapus_sebutan_di_catatan(pengguna) -> None:
    """An officer's note to the visitor may address them ("Sdr. Andi, KTP
    buram"): their name and contacts leave it (the history, the documents'
    review, the invoice, a refused proof), what was asked stays."""
    pola = pola_sebutan(identitas(pengguna))
    riwayat = RiwayatTransaksi.objects.filter(transaksi__pemohon=pengguna)
    for pk, bersih in _dibersihkan(riwayat, "catatan", pola):
        RiwayatTransaksi.objects.filter(pk=pk).hapus_catatan(bersih)
    for pk, bersih in _dibersihkan(
        DokumenPersyaratan.objects.filter(transaksi__pemohon=pengguna), "catatan_petugas", pola
    ):
        DokumenPersyaratan.objects.filter(pk=pk).update(catatan_petugas=bersih)
    # The note on the invoice and the reason a proof was refused are shown on their page too.
    for pk, bersih in _dibersihkan(Tagihan.objects.filter(transaksi__pemohon=pengguna), "catatan", pola):
        Tagihan.objects.filter(pk=pk).ganti_catatan(bersih)
    for pk, bersih in _dibersihkan(BuktiBayar.objects.filter(transaksi__pemohon=pengguna), "alasan_tolak", pola):
        BuktiBayar.objects.filter(pk=pk).update(alasan_tolak=bersih)


def _dibersihkan(qs, kolom: str, pola):
    """(pk, text without what `pola` finds) of each row of `qs` whose `kolom` it changes."""
    for pk, teks in qs.exclude(**{kolom: ""}).values_list("pk", kolom):
        if (bersih := pola.sub(DIHAPUS, teks)) != teks:
            yield pk, bersih


def _sama_nama(nama: str) -> str:
    """A name as compared: case and spacing do not count."""
    return " ".join(nama.split()).casefold()


def _menyebut_nama(teks: str, nama: str) -> bool:
    """Whether `teks` is the name `nama` (as `_sama_nama` gives it), or holds
    it whole when it has several words: written with a title ("Dr. Andi
    Saputra, S.E.") it is still that person; "Andi Saputranto" is someone
    else, and so may be "Ani Lestari" for a visitor named only "Ani"."""
    teks = _sama_nama(teks)
    if teks == nama or " " not in nama:
        return teks == nama
    return re.search(rf"(?<!\w){re.escape(nama)}(?!\w)", teks) is not None
