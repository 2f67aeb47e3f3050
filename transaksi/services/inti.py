"""The core every transaction service is built on: lock the row, check a
move against the table in `alur.py` (status and who makes it), save it,
append history, restart or stop the SOP clock, and queue the e-mails (outbox,
sent after commit).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from pst_layanan import kalender
from pst_layanan.notifikasi import kirim_surel
from pst_layanan.roles import PETUGAS, SUPERVISOR, punya_peran
from transaksi import alur
from transaksi.alur import Pelaku
from transaksi.models import Jam, KelasHarga, RiwayatTransaksi, Status, Transaksi


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


def kabari_pemohon(t: Transaksi, catatan: str, subjek: str = "") -> None:
    """The status e-mail for a change that is not a move (the status stays)."""
    konteks = {
        "t": t,
        "status": Status(t.status).label,
        "catatan": catatan,
        "langkah": alur.LANGKAH_BERIKUTNYA[t.status],
    }
    judul = f"Transaksi {t.nomor}: {subjek or Status(t.status).label}"
    kirim_surel(t.pemohon.email, judul, "email/transaksi/status.txt", konteks)


def _beri_tahu(t: Transaksi, ke: str, catatan: str) -> None:
    konteks = {"t": t, "status": Status(ke).label, "catatan": catatan, "langkah": alur.LANGKAH_BERIKUTNYA[ke]}
    if alur.giliran(ke) == alur.KANTOR:
        kirim_surel(email_petugas(t), f"[{t.nomor}] {Status(ke).label}", "email/transaksi/petugas.txt", konteks)
    kirim_surel(t.pemohon.email, f"Transaksi {t.nomor}: {Status(ke).label}", "email/transaksi/status.txt", konteks)


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
