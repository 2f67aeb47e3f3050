"""Every change to a transaction goes through these functions.

Each runs in one database transaction: lock the row, re-check the status
against the table in `alur.py`, save, append history, restart or stop the SOP
clock, and queue the e-mails (outbox, sent after commit). Views, admin
actions, Celery tasks and tests all call them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pst_layanan import kalender
from pst_layanan.berkas import validasi_dokumen
from pst_layanan.models import KategoriInstansi
from pst_layanan.notifikasi import kirim_surel
from pst_layanan.roles import PETUGAS, SUPERVISOR, punya_peran
from pst_layanan.sop import KODE_LAYANAN_BERBAYAR
from transaksi import alur, nomor
from transaksi.alur import Pelaku, TransisiTidakSah
from transaksi.models import (
    DokumenPersyaratan,
    ItemTransaksi,
    Jam,
    JenisDokumen,
    KelasHarga,
    Produk,
    RiwayatTransaksi,
    Status,
    TarifProduk,
    Transaksi,
)
from transaksi.tarif import hitung_tarif

__all__ = ["TransisiTidakSah"]


# --- helpers ----------------------------------------------------------------


def kunci(transaksi: Transaksi | int) -> Transaksi:
    """The transaction row, locked until the end of the database transaction."""
    pk = transaksi.pk if isinstance(transaksi, Transaksi) else transaksi
    return Transaksi.objects.select_for_update().get(pk=pk)


def catat(t: Transaksi, jenis: str, oleh=None, catatan: str = "", **kolom) -> RiwayatTransaksi:
    return RiwayatTransaksi.objects.create(
        transaksi=t, jenis=jenis, oleh=oleh, catatan=catatan, waktu=timezone.now(), **kolom
    )


def pelaku(t: Transaksi, user) -> frozenset[Pelaku]:
    """The parts `user` may play on `t`: its owner, an officer (or both, for an
    officer's own request); no user is a beat job."""
    if user is None:
        return frozenset({Pelaku.SISTEM})
    peran = set()
    if t.pemohon_id == user.pk:
        peran.add(Pelaku.PEMOHON)
    if punya_peran(user, PETUGAS):
        peran.add(Pelaku.PETUGAS)
    return frozenset(peran)


def pastikan_boleh_aksi(t: Transaksi, user, aksi: alur.Aksi) -> None:
    alur.pastikan_pelaku(alur.PELAKU_AKSI[aksi], pelaku(t, user))


def email_petugas(t: Transaksi) -> list[str]:
    """The assigned officer, or every active officer when none is assigned."""
    if t.petugas_id:
        return [t.petugas.email]
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[PETUGAS, SUPERVISOR])
        .values_list("email", flat=True)
        .distinct()
    )


def email_supervisor() -> list[str]:
    return list(
        get_user_model().objects.filter(is_active=True, groups__name=SUPERVISOR).values_list("email", flat=True)
    )


def _mulai_jam(t: Transaksi, jenis: str, mulai, oleh=None) -> list[str]:
    t.jam, t.jam_mulai = jenis, mulai
    t.batas_waktu = kalender.batas_waktu(mulai, alur.HARI_KERJA_JAM[jenis])
    t.pengingat_pada = t.eskalasi_pada = None
    catat(t, RiwayatTransaksi.Jenis.JAM_MULAI, oleh, jam=jenis, batas_waktu=t.batas_waktu)
    return ["jam", "jam_mulai", "batas_waktu", "pengingat_pada", "eskalasi_pada"]


def _hentikan_jam(t: Transaksi, oleh=None) -> list[str]:
    catat(t, RiwayatTransaksi.Jenis.JAM_BERHENTI, oleh, jam=t.jam, batas_waktu=t.batas_waktu)
    t.jam, t.jam_mulai, t.batas_waktu = Jam.TIDAK_ADA, None, None
    t.pengingat_pada = t.eskalasi_pada = None
    return ["jam", "jam_mulai", "batas_waktu", "pengingat_pada", "eskalasi_pada"]


def _atur_jam(t: Transaksi, dari: str, ke: str, oleh) -> list[str]:
    """Stop the clock of `dari`, start a fresh one for `ke` (if any)."""
    kolom = []
    if t.jam:
        kolom += _hentikan_jam(t, oleh)
    if ke in alur.JAM_STATUS:
        kolom += _mulai_jam(t, alur.JAM_STATUS[ke], timezone.now(), oleh)
    return kolom


@dataclass(frozen=True)
class Langkah:
    """A move of a LOCKED transaction, checked against the table (status and
    who makes it) before the caller's own work; `jalankan` makes it."""

    t: Transaksi
    ke: str
    oleh: object

    def jalankan(self, catatan: str = "", kolom: tuple[str, ...] = ()) -> Transaksi:
        """Save the move, its history row and clock, queue the e-mails.

        `kolom` names extra fields the caller already changed on the row."""
        t, dari = self.t, self.t.status
        t.status = self.ke
        berubah = {"status", "diubah_pada", *kolom, *_atur_jam(t, dari, self.ke, self.oleh)}
        t.save(update_fields=sorted(berubah))
        catat(t, RiwayatTransaksi.Jenis.STATUS, self.oleh, catatan, dari=dari, ke=self.ke)
        _beri_tahu(t, self.ke, catatan)
        return t


def langkah(t: Transaksi, ke: str, oleh) -> Langkah:
    """Refuse (TransisiTidakSah) unless `oleh` may move LOCKED `t` to `ke` now."""
    alur.pastikan_boleh(t.status, ke, pelaku(t, oleh))
    return Langkah(t, ke, oleh)


def pindah_status(t: Transaksi, ke: str, oleh=None, catatan: str = "", kolom: tuple[str, ...] = ()) -> Transaksi:
    """Check and make a move of a LOCKED transaction (call inside `transaction.atomic`);
    `oleh=None` is a beat job."""
    return langkah(t, ke, oleh).jalankan(catatan, kolom)


def _beri_tahu(t: Transaksi, ke: str, catatan: str) -> None:
    konteks = {"t": t, "status": Status(ke).label, "catatan": catatan, "langkah": alur.LANGKAH_BERIKUTNYA[ke]}
    if alur.giliran(ke) == alur.KANTOR:
        kirim_surel(email_petugas(t), f"[{t.nomor}] {Status(ke).label}", "email/transaksi/petugas.txt", konteks)
    kirim_surel(t.pemohon.email, f"Transaksi {t.nomor}: {Status(ke).label}", "email/transaksi/status.txt", konteks)


# --- draft: items and documents ----------------------------------------------

STATUS_BISA_DIUBAH = (Status.DRAF, Status.PERLU_PERBAIKAN)


def buat_transaksi(pemohon, keperluan: str, kelas_harga: str = KelasHarga.BERBAYAR, kunjungan=None) -> Transaksi:
    if not keperluan.strip():
        raise ValidationError("Tuliskan keperluan penggunaan data.")
    with transaction.atomic():
        now = timezone.now()
        t = Transaksi.objects.create(
            nomor=nomor.nomor_transaksi(now.astimezone(kalender.WIB).year),
            pemohon=pemohon,
            keperluan=keperluan.strip(),
            kelas_harga=kelas_harga,
            dibuat_pada=now,
            kunjungan=kunjungan,
        )
        catat(t, RiwayatTransaksi.Jenis.STATUS, pemohon, "Transaksi dibuat.", ke=Status.DRAF)
    return t


def kunjungan_untuk_transaksi(pemohon, keperluan: str):
    """The guest-book visit a new transaction comes from (SOP step 3): today's
    visit not yet linked to a transaction — a walk-in registered at the desk
    or an online guest-book entry — else a new online entry."""
    from antrian.models import Kunjungan, Layanan
    from antrian.services import catat_kunjungan_online

    hari_ini = timezone.localdate()
    ada = (
        Kunjungan.objects.filter(pengunjung=pemohon, tiba_pada__date=hari_ini, transaksi__isnull=True)
        .order_by("-tiba_pada")
        .first()
    )
    if ada:
        return ada
    layanan = Layanan.objects.filter(kode=KODE_LAYANAN_BERBAYAR).first() or Layanan.objects.filter(aktif=True).first()
    return catat_kunjungan_online(pemohon, layanan, keperluan.strip()[:300])


def mulai_transaksi(pemohon, keperluan: str, kelas_harga: str, produk: Produk, jumlah: int, uraian: str) -> Transaksi:
    """The visitor's create page: guest-book visit, draft and its first item, all or nothing."""
    with transaction.atomic():
        kunjungan = kunjungan_untuk_transaksi(pemohon, keperluan)
        t = buat_transaksi(pemohon, keperluan, kelas_harga, kunjungan=kunjungan)
        tambah_item(t, produk, jumlah, uraian, pemohon)
    t.refresh_from_db()
    return t


def _pastikan_bisa_diubah(t: Transaksi, oleh) -> None:
    pastikan_boleh_aksi(t, oleh, alur.Aksi.UBAH_DRAF)
    if t.status not in STATUS_BISA_DIUBAH:
        raise TransisiTidakSah(f"Transaksi berstatus \u201c{t.get_status_display()}\u201d tidak dapat diubah lagi.")


def tarif_berlaku(produk: Produk) -> TarifProduk:
    tarif = TarifProduk.objects.berlaku().filter(produk=produk).select_related("produk").first()
    if tarif is None:
        raise ValidationError(f"Tarif untuk {produk} belum ditetapkan.")
    return tarif


def tambah_item(t: Transaksi, produk: Produk, jumlah: int, uraian: str, oleh) -> ItemTransaksi:
    if jumlah is None or jumlah < 1:
        raise ValidationError("Jumlah harus minimal 1.")
    with transaction.atomic():
        t = kunci(t)
        _pastikan_bisa_diubah(t, oleh)
        tarif = tarif_berlaku(produk)
        rincian = hitung_tarif(tarif.sebagai_tarif(), jumlah)
        item = ItemTransaksi.objects.create(
            transaksi=t,
            produk=produk,
            tarif=tarif,
            uraian=uraian.strip(),
            jumlah=jumlah,
            subtotal=rincian.total,
            rincian=rincian.sebagai_data(),
        )
        hitung_total(t)
    return item


def hapus_item(t: Transaksi, item_id: int, oleh) -> None:
    with transaction.atomic():
        t = kunci(t)
        _pastikan_bisa_diubah(t, oleh)
        t.item.filter(pk=item_id).delete()
        hitung_total(t)


def hitung_total(t: Transaksi) -> None:
    """Total from the items; zero for a free product or an approved Rp0."""
    if t.kelas_harga == KelasHarga.NOL_RUPIAH and t.nol_rupiah_disetujui_pada:
        t.total = Decimal(0)
    else:
        t.total = sum(
            (i.subtotal for i in t.item.select_related("produk") if i.produk.kelas_harga == KelasHarga.BERBAYAR),
            Decimal(0),
        )
    t.save(update_fields=["total", "diubah_pada"])


def dokumen_wajib(t: Transaksi) -> list[JenisDokumen]:
    """Kinds of document this transaction needs, in display order."""
    K = JenisDokumen.Kondisi
    jenis = {j.pk: j for j in JenisDokumen.objects.filter(produk__in=t.item.values("produk")).distinct()}
    syarat = []
    if t.pemohon.kategori_instansi == KategoriInstansi.SWASTA:
        syarat.append(K.SWASTA)
    if t.kelas_harga == KelasHarga.NOL_RUPIAH:
        syarat.append(K.NOL_RUPIAH)
    jenis.update({j.pk: j for j in JenisDokumen.objects.filter(kondisi__in=syarat)})
    return sorted(jenis.values(), key=lambda j: (j.urutan, j.nama))


def dokumen_kurang(t: Transaksi) -> list[JenisDokumen]:
    ada = set(t.dokumen.aktif().values_list("jenis_id", flat=True))
    return [j for j in dokumen_wajib(t) if j.pk not in ada]


def unggah_dokumen(t: Transaksi, jenis: JenisDokumen, berkas, oleh) -> DokumenPersyaratan:
    """Store a requirement; a previous file of the same kind is kept, replaced."""
    tipe = validasi_dokumen(berkas)
    with transaction.atomic():
        t = kunci(t)
        _pastikan_bisa_diubah(t, oleh)
        now = timezone.now()
        t.dokumen.aktif().filter(jenis=jenis).update(diganti_pada=now)
        return DokumenPersyaratan.objects.create(
            transaksi=t,
            jenis=jenis,
            berkas=berkas,
            nama_asli=berkas.name[:200],
            ukuran=berkas.size,
            tipe=tipe.mime,
            diunggah_oleh=oleh,
            diunggah_pada=now,
        )


# --- the visitor's moves --------------------------------------------------------


def ajukan(t: Transaksi, oleh) -> Transaksi:
    """Submit (or resubmit after fixing): the office's 3-working-day clock starts."""
    with transaction.atomic():
        t = kunci(t)
        pindah = langkah(t, Status.DIAJUKAN, oleh)
        if not t.item.exists():
            raise TransisiTidakSah("Tambahkan minimal satu produk sebelum mengajukan.")
        kurang = dokumen_kurang(t)
        if kurang:
            raise TransisiTidakSah("Dokumen belum lengkap: " + ", ".join(j.nama for j in kurang) + ".")
        kolom = ()
        if t.diajukan_pada is None:
            t.diajukan_pada, kolom = timezone.now(), ("diajukan_pada",)
        catatan = "Diajukan kembali setelah perbaikan." if t.status == Status.PERLU_PERBAIKAN else "Diajukan."
        return pindah.jalankan(catatan, kolom)


def batalkan(t: Transaksi, oleh, alasan: str = "") -> Transaksi:
    """A visitor may cancel their own before paying; an officer, with a reason."""
    with transaction.atomic():
        t = kunci(t)
        peran = pelaku(t, oleh)
        if peran == {Pelaku.PEMOHON} and t.status not in alur.STATUS_BATAL_OLEH_PENGUNJUNG:
            raise TransisiTidakSah("Transaksi yang sudah dibayar tidak dapat dibatalkan oleh pemohon.")
        pindah = langkah(t, Status.DIBATALKAN, oleh)
        if Pelaku.PETUGAS in peran and not alasan.strip():
            raise ValidationError("Tuliskan alasan pembatalan untuk pemohon.")
        t.ditutup_pada = timezone.now()
        return pindah.jalankan(alasan.strip() or "Dibatalkan oleh pemohon.", ("ditutup_pada",))


# --- the officer's completeness check (SOP step 7) ---------------------------


def ambil_tugas(t: Transaksi, petugas) -> Transaksi:
    with transaction.atomic():
        t = kunci(t)
        pastikan_boleh_aksi(t, petugas, alur.Aksi.AMBIL_TUGAS)
        if t.status in (Status.SELESAI, Status.DIBATALKAN):
            raise TransisiTidakSah("Transaksi sudah ditutup.")
        t.petugas = petugas
        t.save(update_fields=["petugas", "diubah_pada"])
        catat(t, RiwayatTransaksi.Jenis.PENUGASAN, petugas, f"Ditangani oleh {petugas.nama_lengkap}.")
    return t


def minta_perbaikan(t: Transaksi, petugas, catatan_dokumen: dict[int, str], catatan: str = "") -> Transaksi:
    """Send back to the visitor with a note per missing or wrong document."""
    catatan_dokumen = {int(k): v.strip() for k, v in catatan_dokumen.items() if v and v.strip()}
    if not catatan_dokumen and not catatan.strip():
        raise ValidationError("Tuliskan catatan untuk dokumen yang kurang atau salah.")
    with transaction.atomic():
        t = kunci(t)
        pindah = langkah(t, Status.PERLU_PERBAIKAN, petugas)
        for dok in t.dokumen.aktif().filter(pk__in=catatan_dokumen):
            dok.penilaian = DokumenPersyaratan.Penilaian.PERLU_PERBAIKAN
            dok.catatan_petugas = catatan_dokumen[dok.pk]
            dok.save(update_fields=["penilaian", "catatan_petugas"])
        ringkasan = "\n".join(
            f"- {d.jenis.nama}: {d.catatan_petugas}"
            for d in t.dokumen.aktif().filter(pk__in=catatan_dokumen).select_related("jenis")
        )
        teks = "\n".join(x for x in (catatan.strip(), ringkasan) if x)
        if t.petugas_id is None:
            t.petugas = petugas
        return pindah.jalankan(teks, ("petugas",))


def nyatakan_lengkap(t: Transaksi, petugas, setujui_nol_rupiah: bool | None = None) -> Transaksi:
    """Requirements complete: to the invoice when there is something to pay,
    otherwise straight to processing (the 10-working-day clock starts).

    For a Rp0 request the officer decides here; a refusal turns the
    transaction into a paid one and the decision is recorded either way.
    """
    with transaction.atomic():
        t = kunci(t)
        ke_tagihan = langkah(t, Status.MENUNGGU_TAGIHAN, petugas)
        now = timezone.now()
        kolom = ["lengkap_pada", "petugas", "kelas_harga", "nol_rupiah_disetujui_oleh", "nol_rupiah_disetujui_pada"]
        t.lengkap_pada = now
        t.petugas = t.petugas or petugas
        catatan = "Persyaratan dinyatakan lengkap."
        if t.kelas_harga == KelasHarga.NOL_RUPIAH:
            if setujui_nol_rupiah is None:
                raise ValidationError("Putuskan dahulu permohonan tarif Rp0: setujui atau tolak.")
            if setujui_nol_rupiah:
                t.nol_rupiah_disetujui_oleh, t.nol_rupiah_disetujui_pada = petugas, now
                catatan += " Permohonan tarif Rp0 disetujui."
            else:
                t.kelas_harga = KelasHarga.BERBAYAR
                catatan += " Permohonan tarif Rp0 tidak disetujui; dikenakan tarif PNBP."
        t.save(update_fields=kolom)
        hitung_total(t)
        t.dokumen.aktif().filter(penilaian=DokumenPersyaratan.Penilaian.BELUM).update(
            penilaian=DokumenPersyaratan.Penilaian.SESUAI
        )
        if t.total > 0:
            return ke_tagihan.jalankan(catatan)
        t.diproses_pada = now
        return pindah_status(t, Status.DIPROSES, petugas, catatan, ("diproses_pada",))
