"""SOP steps 4–7a: the visitor's draft (items, requirement documents),
submission and cancellation, and the officer's completeness check.

Each runs in one database transaction on the locked row and moves it with
`inti.langkah` (see `services/inti.py`). Views, admin actions, Celery tasks
and tests all call them.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from antrian.models import Kunjungan, Layanan
from antrian.services import catat_kunjungan_online, kunci_pengunjung, yang_sama_hari_ini
from pst_layanan import kalender
from pst_layanan.bahasa import bahasa_kantor
from pst_layanan.berkas import MB, hapus_bila_gagal, tanpa_metadata, tulis_dulu, validasi_dokumen
from pst_layanan.format import ukuran_berkas
from pst_layanan.kantor import kantor
from pst_layanan.models import kantor_bawaan
from pst_layanan.sop import KODE_LAYANAN_BERBAYAR
from transaksi import alur, nomor, selectors
from transaksi.alur import Pelaku, TransisiTidakSah
from transaksi.models import (
    DokumenPersyaratan,
    ItemTransaksi,
    JenisDokumen,
    KelasHarga,
    Produk,
    RiwayatTransaksi,
    Status,
    Transaksi,
)
from transaksi.services import inti
from transaksi.services import tagihan as siklus
from transaksi.tarif import hitung_tarif

# --- draft: items and documents ----------------------------------------------

STATUS_BISA_DIUBAH = (Status.DRAF, Status.PERLU_PERBAIKAN)


def buat_transaksi(
    pemohon, keperluan: str, kelas_harga: str = KelasHarga.BERBAYAR, kunjungan=None, kantor_id: int | None = None
) -> Transaksi:
    """A draft at office `kantor_id` — the visit's office when it came from a
    visit, else the provincial office."""
    if not keperluan.strip():
        raise ValidationError(_("Tuliskan keperluan penggunaan data."))
    k = kantor(kunjungan.kantor_id if kunjungan is not None else kantor_id)
    with transaction.atomic():
        now = timezone.now()
        t = Transaksi.objects.create(
            nomor=nomor.nomor_transaksi(now.astimezone(kalender.WIB).year, k.kode),
            kantor=k,
            pemohon=pemohon,
            keperluan=keperluan.strip(),
            kelas_harga=kelas_harga,
            dibuat_pada=now,
            kunjungan=kunjungan,
        )
        inti.catat(t, RiwayatTransaksi.Jenis.STATUS, pemohon, "Transaksi dibuat.", ke=Status.DRAF)
    return t


def kunjungan_untuk_transaksi(pemohon, keperluan: str, kantor_id: int | None = None):
    """The guest-book visit a new transaction comes from (SOP step 3): the
    visitor's visit of today at that office — a walk-in registered at the
    desk or an online guest-book entry, one not yet linked to a transaction
    first — else a new online entry. Every request of the day comes from
    that day's visit, so drafts add no visits to the guest book."""
    kantor_id = kantor_id or kantor_bawaan()
    hari_ini = Kunjungan.objects.filter(kantor=kantor_id, pengunjung=pemohon, tiba_pada__date=timezone.localdate())
    ada = hari_ini.filter(transaksi__isnull=True).order_by("-tiba_pada").first()
    ada = ada or hari_ini.order_by("-tiba_pada").first()
    if ada:
        return ada
    layanan = Layanan.objects.filter(kode=KODE_LAYANAN_BERBAYAR).first() or Layanan.objects.filter(aktif=True).first()
    return catat_kunjungan_online(pemohon, layanan, keperluan.strip()[:300], kantor_id=kantor_id)


def mulai_transaksi(
    pemohon, keperluan: str, kelas_harga: str, produk: Produk, jumlah: int, uraian: str, kantor_id: int | None = None
) -> Transaksi:
    """The visitor's create page at the office they chose: guest-book visit,
    draft and its first item, all or nothing. The same form sent again (a
    double click, a resend) gets the draft it made back, not a second one."""
    with transaction.atomic():
        sama = _draf_yang_sama(pemohon, keperluan, kelas_harga, produk, uraian, kantor_id or kantor_bawaan())
        if sama:
            return sama
        kunjungan = kunjungan_untuk_transaksi(pemohon, keperluan, kantor_id)
        t = buat_transaksi(pemohon, keperluan, kelas_harga, kunjungan=kunjungan)
        tambah_item(t, produk, jumlah, uraian, pemohon)
    t.refresh_from_db()
    return t


def _draf_yang_sama(pemohon, keperluan: str, kelas_harga: str, produk: Produk, uraian: str, kantor_id: int):
    """Today's untouched draft of `pemohon` at the office made from this very form."""
    return yang_sama_hari_ini(
        pemohon,
        Transaksi.objects.filter(pemohon=pemohon, kantor=kantor_id, status=Status.DRAF),
        "dibuat_pada",
        keperluan=keperluan.strip(),
        kelas_harga=kelas_harga,
        item__produk=produk,
        item__uraian=uraian.strip(),
    )


def minta_nol_rupiah(t: Transaksi, pemohon, minta: bool = True) -> Transaksi:
    """The visitor asks for the Rp0 class on their transaction (or withdraws
    the request) before it is checked. The letter (`JenisDokumen.Kondisi.NOL_RUPIAH`)
    becomes a required document, uploaded through the usual checked path;
    the officer approves or refuses it at the completeness check."""
    kelas = KelasHarga.NOL_RUPIAH if minta else KelasHarga.BERBAYAR
    with transaction.atomic():
        t = inti.kunci(t)
        _pastikan_bisa_diubah(t, pemohon)
        if t.kelas_harga == kelas:
            return t
        t.kelas_harga = kelas
        t.save(update_fields=["kelas_harga", "diubah_pada"])
        inti.hitung_total(t)
        teks = (
            "Pemohon mengajukan tarif Rp0; surat permohonan wajib diunggah."
            if minta
            else "Pemohon menarik permohonan tarif Rp0; dikenakan tarif PNBP."
        )
        inti.catat(t, RiwayatTransaksi.Jenis.CATATAN, pemohon, teks)
    return t


def _pastikan_bisa_diubah(t: Transaksi, oleh) -> None:
    inti.pastikan_boleh_aksi(t, oleh, alur.Aksi.UBAH_DRAF)
    if t.status not in STATUS_BISA_DIUBAH:
        raise TransisiTidakSah(
            _("Transaksi berstatus “%(status)s” tidak dapat diubah lagi.") % {"status": t.get_status_display()}
        )


# What names several units in one description: a line break, ";", "+", "&",
# or an enumeration ("1) … 2) …", "a) … b) …"). Commas, "dan" and "Tabel 1."
# are left alone: they occur inside real titles ("Ekspor dan Impor").
POLA_BUNDEL = re.compile(r"[\n;+&]|(?:^|\s)(?:\d{1,2}|[a-e])\)\s")


def pastikan_satu_satuan(produk: Produk, uraian: str) -> None:
    """One item of a per-dataset/per-table/per-publication product is one
    dataset, table or publication: its description names one, and its
    quantity (pages, bytes) is of that one only. Refuse a description that
    lists several: each pays its own first block."""
    if produk.satuan_pesanan and POLA_BUNDEL.search(uraian.strip()):
        satu = produk.get_satuan_pesanan_display()
        raise ValidationError(
            _(
                "Satu item {produk} hanya untuk satu {satu}. Uraian ini tampak menyebut beberapa {satu}; "
                "tambahkan item terpisah untuk setiap {satu} (tarif blok pertama berlaku untuk masing-masing)."
            ).format(produk=produk.nama, satu=satu)
        )


def pastikan_dilayani(produk: Produk) -> None:
    """A product the office stopped offering (`Produk.aktif` unticked) takes
    no new item, whatever page or request sent it."""
    if not produk.aktif:
        raise ValidationError(
            {"produk": _("%(produk)s tidak lagi dilayani; pilih produk lain.") % {"produk": produk.nama}}
        )


def tambah_item(t: Transaksi, produk: Produk, jumlah: int, uraian: str, oleh) -> ItemTransaksi:
    pastikan_dilayani(produk)
    if jumlah is None or jumlah < 1:
        raise ValidationError(_("Jumlah harus minimal 1."))
    produk.validasi_jumlah(jumlah)
    pastikan_satu_satuan(produk, uraian)
    with transaction.atomic():
        t = inti.kunci(t)
        _pastikan_bisa_diubah(t, oleh)
        _pastikan_belum_ada(t, produk, uraian)
        tarif = selectors.tarif_berlaku(produk)
        rincian = hitung_tarif(tarif.sebagai_tarif(), jumlah)
        inti.pastikan_muat(rincian.total)
        item = ItemTransaksi.objects.create(
            transaksi=t,
            produk=produk,
            tarif=tarif,
            uraian=uraian.strip(),
            jumlah=jumlah,
            subtotal=rincian.total,
            rincian=rincian.sebagai_data(),
            kelas_harga=produk.kelas_harga,
        )
        inti.hitung_total(t)
    return item


def _pastikan_belum_ada(t: Transaksi, produk: Produk, uraian: str) -> None:
    """Refuse the same product and description a second time: a double click
    or a resent form would otherwise bill one dataset twice. Checked under
    the transaction's lock, so two clicks at once find each other."""
    sama = t.item.filter(produk=produk, uraian__iexact=uraian.strip()).first()
    if sama:
        raise ValidationError(
            _("%(uraian)s sudah ada di transaksi ini; untuk jumlah lain, hapus item itu lalu tambahkan lagi.")
            % {"uraian": sama.uraian}
        )


def hapus_item(t: Transaksi, item_id: int, oleh) -> None:
    with transaction.atomic():
        t = inti.kunci(t)
        _pastikan_bisa_diubah(t, oleh)
        terhapus, _per_model = t.item.filter(pk=item_id).delete()
        if not terhapus:  # a second click, another tab, or an id not on this transaction
            raise TransisiTidakSah(_("Item itu tidak ada pada transaksi ini; mungkin sudah dihapus."))
        inti.hitung_total(t)


def _pastikan_kuota_unggah(oleh, ukuran: int) -> None:
    """A replaced requirement is kept with the officer's notes, so one account
    uploading again and again could fill the office's disk: its uploads of the
    last 24 hours stay within `KUOTA_UNGGAH_MB_SEHARI`."""
    batas = settings.KUOTA_UNGGAH_MB_SEHARI * MB
    sejak = timezone.now() - timedelta(days=1)
    terpakai = (
        DokumenPersyaratan.objects.filter(diunggah_oleh=oleh, diunggah_pada__gt=sejak).aggregate(n=Sum("ukuran"))["n"]
        or 0
    )
    if terpakai + ukuran > batas:
        raise ValidationError(
            _(
                "Anda sudah mengunggah %(terpakai)s dalam 24 jam terakhir; batas unggah harian %(batas)d MB. "
                "Coba lagi besok, atau hubungi petugas PST bila perlu mengunggah lebih banyak."
            ),
            code="kuota",
            # "1,5 MB" to an Indonesian reader, as every size the site shows.
            params={"terpakai": ukuran_berkas(terpakai), "batas": settings.KUOTA_UNGGAH_MB_SEHARI},
        )


def unggah_dokumen(t: Transaksi, jenis: JenisDokumen, berkas, oleh) -> DokumenPersyaratan:
    """Store a requirement; a previous file of the same kind is kept, replaced."""
    tipe = validasi_dokumen(berkas)
    _pastikan_kuota_unggah(oleh, berkas.size)  # refused before the file is read through
    berkas = tanpa_metadata(berkas, tipe)
    with hapus_bila_gagal() as tertulis, transaction.atomic():
        # Again on the uploader's locked row (before the transaction's, the
        # order an erasure takes them in): uploads sent at once, to several
        # requests, take turns and each counts the ones before it.
        kunci_pengunjung(oleh)
        _pastikan_kuota_unggah(oleh, berkas.size)
        t = inti.kunci(t)
        _pastikan_bisa_diubah(t, oleh)
        now = timezone.now()
        t.dokumen.aktif().filter(jenis=jenis).update(diganti_pada=now)
        dokumen = DokumenPersyaratan(
            transaksi=t,
            jenis=jenis,
            berkas=berkas,
            nama_asli=berkas.name[:200],
            ukuran=berkas.size,
            tipe=tipe.mime,
            diunggah_oleh=oleh,
            diunggah_pada=now,
        )
        tulis_dulu(dokumen.berkas, tertulis)
        dokumen.save(force_insert=True)
        return dokumen


# --- the visitor's moves --------------------------------------------------------


def _pastikan_masih_dilayani(t: Transaksi) -> None:
    """A product the office stopped offering (`Produk.aktif` unticked; the
    create page no longer lists it) stays in a draft made before: it is not
    submitted, and the visitor is told to remove it. Nor is a draft made at
    an office the province has since switched off (`Kantor.aktif`): not yet
    that office's work, it would start a clock where nobody serves PST."""
    k = kantor(t.kantor_id)
    if not k.aktif:
        raise TransisiTidakSah(
            _("%(kantor)s tidak lagi melayani PST; batalkan draf ini lalu buat permintaan di kantor lain.")
            % {"kantor": k.nama}
        )
    berhenti = list(dict.fromkeys(x.produk.nama for x in t.item.select_related("produk") if not x.produk.aktif))
    if berhenti:
        raise TransisiTidakSah(
            _("%(daftar)s tidak lagi dilayani; hapus item itu sebelum mengajukan.") % {"daftar": ", ".join(berhenti)}
        )


def _nama_dokumen_kurang(t: Transaksi) -> str:
    """The required documents `t` has no file of, named in a list ("" when none)."""
    return ", ".join(j.nama for j in selectors.dokumen_kurang(t))


def ajukan(t: Transaksi, oleh) -> Transaksi:
    """Submit (or resubmit after fixing): the office's 3-working-day clock starts."""
    with transaction.atomic():
        t = inti.kunci(t)
        pindah = inti.langkah(t, Status.DIAJUKAN, oleh)
        if not t.item.exists():
            raise TransisiTidakSah(_("Tambahkan minimal satu produk sebelum mengajukan."))
        if t.status == Status.DRAF:  # after a first submission the office has accepted its items
            _pastikan_masih_dilayani(t)
        kurang = _nama_dokumen_kurang(t)
        if kurang:
            raise TransisiTidakSah(_("Dokumen belum lengkap: %(daftar)s.") % {"daftar": kurang})
        ganti = selectors.dokumen_perlu_diganti(t.dokumen.aktif().select_related("jenis"), selectors.dokumen_wajib(t))
        if ganti:
            raise TransisiTidakSah(
                _("Unggah ulang dokumen yang perlu diperbaiki: %(daftar)s.")
                % {"daftar": ", ".join(j.nama for j in ganti)}
            )
        kolom = ()
        if t.diajukan_pada is None:
            t.diajukan_pada, kolom = timezone.now(), ("diajukan_pada",)
        # Lazy: the history records it in Indonesian, the officers' e-mail says it in each one's language.
        ulang = t.status == Status.PERLU_PERBAIKAN
        catatan = gettext_lazy("Diajukan kembali setelah perbaikan.") if ulang else gettext_lazy("Diajukan.")
        return pindah.jalankan(catatan, kolom)


def batalkan(t: Transaksi, oleh, alasan: str = "") -> Transaksi:
    """A visitor may cancel their own before paying; an officer, with a reason."""
    with transaction.atomic():
        t = inti.kunci(t)
        peran = inti.pelaku(t, oleh)
        # Past payment only the office may cancel; a closed one (already
        # cancelled: another tab) is refused below, by its status.
        berbayar = t.status not in (*alur.STATUS_BATAL_OLEH_PENGUNJUNG, *alur.STATUS_TUTUP)
        if peran == {Pelaku.PEMOHON} and berbayar:
            raise TransisiTidakSah(_("Transaksi yang sudah dibayar tidak dapat dibatalkan oleh pemohon."))
        pindah = inti.langkah(t, Status.DIBATALKAN, oleh)
        if Pelaku.PETUGAS in peran and not alasan.strip():
            raise ValidationError(_("Tuliskan alasan pembatalan untuk pemohon."))
        t.ditutup_pada = timezone.now()
        # Lazy: the history keeps it in the office's words, each e-mail says it in its reader's.
        catatan = alasan.strip() or gettext_lazy("Dibatalkan oleh pemohon.")
        with bahasa_kantor():
            tagihan = siklus.batalkan_yang_aktif(t, f"Transaksi dibatalkan: {catatan}")
        if tagihan is None:
            return pindah.jalankan(catatan, ("ditutup_pada",))
        # Told in the same e-mail as the cancellation, in the visitor's language, whoever
        # cancelled; the history keeps it in the office's.
        batal = lazy(siklus.kalimat_batal, str)(tagihan)
        return pindah.jalankan(format_lazy("{} {}", catatan, batal), ("ditutup_pada",), kabar=batal)


# --- the officer's completeness check (SOP step 7) ---------------------------


def ambil_tugas(t: Transaksi, petugas, pemegang_terlihat: str | None = None) -> Transaksi:
    """`petugas` handles `t` from now on. `pemegang_terlihat`: the id of the
    officer handling it on the page the button was pressed on ("" for
    nobody); a page that asked no "take over?" must not take it from a
    colleague who took it meanwhile (two officers pressing at once)."""
    with transaction.atomic():
        t = inti.kunci(t)
        inti.pastikan_boleh_aksi(t, petugas, alur.Aksi.AMBIL_TUGAS)
        if t.status in alur.STATUS_TUTUP:
            raise TransisiTidakSah(_("Transaksi sudah ditutup."))
        if t.status in alur.STATUS_TANPA_TUGAS:
            raise TransisiTidakSah(_("Produk sudah diserahkan: tidak ada lagi tugas kantor pada transaksi ini."))
        if t.petugas_id == petugas.pk:  # taken already (a double click): no second history row
            return t
        if pemegang_terlihat is not None and t.petugas_id is not None and pemegang_terlihat != str(t.petugas_id):
            raise TransisiTidakSah(
                _(
                    "Transaksi %(nomor)s baru saja diambil %(nama)s. Tekan “Ambil tugas” lagi "
                    "bila Anda memang mengambil alih tugas ini."
                )
                % {"nomor": t.nomor, "nama": t.petugas.nama_lengkap}
            )
        t.petugas = petugas
        t.save(update_fields=["petugas", "diubah_pada"])
        inti.catat(t, RiwayatTransaksi.Jenis.PENUGASAN, petugas, f"Ditangani oleh {petugas.nama_lengkap}.")
    return t


def _catatan_perbaikan(catatan: str, dokumen: list[DokumenPersyaratan]) -> str:
    """The officer's general note, then a line per document named in the active language."""
    ringkasan = "\n".join(f"- {d.jenis.nama}: {d.catatan_petugas}" for d in dokumen)
    return "\n".join(x for x in (catatan, ringkasan) if x)


def minta_perbaikan(t: Transaksi, petugas, catatan_dokumen: dict[int, str], catatan: str = "") -> Transaksi:
    """Send back to the visitor with a note per missing or wrong document."""
    catatan_dokumen = {int(k): v.strip() for k, v in catatan_dokumen.items() if v and v.strip()}
    if not catatan_dokumen and not catatan.strip():
        # The general note's error: the page shows it under that note.
        raise ValidationError({"catatan": _("Tuliskan catatan untuk dokumen yang kurang atau salah.")})
    with transaction.atomic():
        t = inti.kunci(t)
        pindah = inti.langkah(t, Status.PERLU_PERBAIKAN, petugas)
        for dok in t.dokumen.aktif().filter(pk__in=catatan_dokumen):
            dok.penilaian = DokumenPersyaratan.Penilaian.PERLU_PERBAIKAN
            dok.catatan_petugas = catatan_dokumen[dok.pk]
            dok.save(update_fields=["penilaian", "catatan_petugas"])
        dokumen = list(t.dokumen.aktif().filter(pk__in=catatan_dokumen).select_related("jenis"))
        # Lazy: the history names the documents in Indonesian, the visitor's e-mail in their language.
        teks = lazy(_catatan_perbaikan, str)(catatan.strip(), dokumen)
        if t.petugas_id is None:
            t.petugas = petugas
        return pindah.jalankan(teks, ("petugas",))


# The note of "complete" by the Rp0 decision (None: none asked), lazy: the
# history keeps it in Indonesian, each e-mail says it in its reader's language.
CATATAN_LENGKAP = {
    None: gettext_lazy("Persyaratan dinyatakan lengkap."),
    True: gettext_lazy("Persyaratan dinyatakan lengkap. Permohonan tarif Rp0 disetujui."),
    False: gettext_lazy("Persyaratan dinyatakan lengkap. Permohonan tarif Rp0 tidak disetujui; dikenakan tarif PNBP."),
}


def nyatakan_lengkap(t: Transaksi, petugas, setujui_nol_rupiah: bool | None = None) -> Transaksi:
    """Requirements complete: to the invoice when there is something to pay,
    otherwise straight to processing (the 10-working-day clock starts).

    For a Rp0 request the officer decides here; a refusal turns the
    transaction into a paid one and the decision is recorded either way.
    """
    with transaction.atomic():
        t = inti.kunci(t)
        # Sent again once the transaction moved past the invoice (an approved
        # Rp0 went straight to processing): the step is named, not "X cannot become Y".
        if t.lengkap_pada and t.status not in (Status.DIAJUKAN, Status.MENUNGGU_TAGIHAN):
            raise TransisiTidakSah(
                _("Persyaratan transaksi ini sudah dinyatakan lengkap; transaksi kini berstatus “%(status)s”.")
                % {"status": t.get_status_display()}
            )
        ke_tagihan = inti.langkah(t, Status.MENUNGGU_TAGIHAN, petugas)
        # A requirement added to a product after submission, or the NPWP of a
        # visitor since registered as a private buyer: asked for, not waived.
        kurang = _nama_dokumen_kurang(t)
        if kurang:
            raise TransisiTidakSah(
                _("%(daftar)s belum diunggah pemohon; kembalikan transaksi ke pemohon untuk melengkapinya.")
                % {"daftar": kurang}
            )
        now = timezone.now()
        kolom = [
            "lengkap_pada",
            "petugas",
            "kelas_harga",
            "nol_rupiah_disetujui_oleh",
            "nol_rupiah_disetujui_pada",
            "nol_rupiah_ditolak_oleh",
            "nol_rupiah_ditolak_pada",
        ]
        t.lengkap_pada = now
        t.petugas = t.petugas or petugas
        catatan = CATATAN_LENGKAP[None]
        if t.kelas_harga == KelasHarga.NOL_RUPIAH:
            if setujui_nol_rupiah is None:
                raise ValidationError(_("Putuskan dahulu permohonan tarif Rp0: setujui atau tolak."))
            if setujui_nol_rupiah:
                t.nol_rupiah_disetujui_oleh, t.nol_rupiah_disetujui_pada = petugas, now
            else:
                t.kelas_harga = KelasHarga.BERBAYAR
                t.nol_rupiah_ditolak_oleh, t.nol_rupiah_ditolak_pada = petugas, now
            catatan = CATATAN_LENGKAP[setujui_nol_rupiah]
        t.save(update_fields=kolom)
        inti.hitung_total(t)
        t.dokumen.aktif().filter(penilaian=DokumenPersyaratan.Penilaian.BELUM).update(
            penilaian=DokumenPersyaratan.Penilaian.SESUAI
        )
        if t.total > 0:
            return ke_tagihan.jalankan(catatan)
        t.diproses_pada = now
        return inti.pindah_status(t, Status.DIPROSES, petugas, catatan, ("diproses_pada",))
