"""Transactions, their items, requirement documents and history, and the
counters behind human-readable numbers.

The statuses, clocks and the state machine live in `transaksi/alur.py`; every
change of status goes through `transaksi/services/`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pst_layanan.appendonly import AppendOnlyModel, AppendOnlyQuerySet, RiwayatTidakDapatDiubah
from pst_layanan.berkas import JalurPrivat
from pst_layanan.kolom import oleh, pada
from pst_layanan.models import Kantor, fk_kantor
from transaksi import alur
from transaksi import jam as jam_sop
from transaksi.alur import STATUS_GILIRAN_KANTOR, STATUS_PEMBATALAN, STATUS_TUTUP, Jam, Status
from transaksi.models.katalog import JenisDokumen, KelasHarga, KelasProduk, Produk, TarifProduk
from transaksi.tarif import hitung_tarif


class NomorUrut(models.Model):
    """A named counter for human-readable numbers (transactions, invoices).

    Taken under a row lock (`transaksi.nomor.ambil`), so two requests never
    get the same number and no number is reused.
    """

    kunci = models.CharField(_("kunci"), max_length=50, unique=True)
    nilai = models.PositiveIntegerField(_("nilai terakhir"), default=0)

    class Meta:
        verbose_name = _("nomor urut")
        verbose_name_plural = pgettext_lazy("jamak", "nomor urut")

    def __str__(self):
        return f"{self.kunci}={self.nilai}"


# A clock is running (the office's turn): the deadline jobs' and the board's filter.
# A paused delivery clock (the visitor's turn) is open but not running.
JAM_BERJALAN = ~Q(jam=Jam.TIDAK_ADA) & Q(jam_dijeda_pada__isnull=True)
JAM_DIJEDA = ~Q(jam=Jam.TIDAK_ADA) & Q(jam_dijeda_pada__isnull=False)


class TransaksiQuerySet(models.QuerySet):
    def milik(self, user):
        return self.filter(pemohon=user)

    def terbuka(self):
        return self.exclude(status__in=STATUS_TUTUP)

    def giliran_kantor(self):
        return self.filter(status__in=STATUS_GILIRAN_KANTOR)

    def jam_berjalan(self):
        return self.filter(JAM_BERJALAN)

    def terlambat(self, pada=None):
        return self.jam_berjalan().filter(batas_waktu__lt=pada or timezone.now())

    def dengan_giliran(self):
        """Each row's `koreksi_pemohon_menunggu` read in the list's own query,
        for the lists that say whose turn it is (`Transaksi.giliran`)."""
        return self.annotate(_koreksi_pemohon_menunggu=koreksi_pemohon_menunggu())

    def urut_giliran(self):
        """The officers' order: the office's turn first, then the nearest
        deadline, then the oldest; paused clocks (the visitor's turn) apart,
        after, those with the fewest working days left first."""
        return self.alias(_giliran=giliran_kantor()).order_by(*URUT_GILIRAN)


def giliran_kantor() -> models.Case:
    """0 when it is the office's turn, 1 for a paused clock, else 2. The
    statuses are sorted so the SQL is always the same text: PostgreSQL uses
    the index `transaksi_giliran` for the order only when the query's
    expression matches the index's."""
    status = sorted(STATUS_GILIRAN_KANTOR)
    return models.Case(
        models.When(status__in=status, then=models.Value(0)),
        models.When(JAM_DIJEDA, then=models.Value(1)),
        default=models.Value(2),
    )


def _koreksi_pemohon_dibuka() -> Q:
    return Q(status=Status.MENUNGGU_TAGIHAN, koreksi_item_dibuka_pada__isnull=False)


def _koreksi_pemohon_tersimpan(transaksi, pemohon, sejak):
    """The visitor's correction saved since the items were sent back (the
    note `koreksi_item` writes in their name)."""
    return RiwayatTransaksi.objects.filter(
        transaksi=transaksi, jenis=RiwayatTransaksi.Jenis.CATATAN, oleh=pemohon, waktu__gte=sejak
    )


def koreksi_pemohon_menunggu() -> models.Expression:
    """`Transaksi.koreksi_pemohon_menunggu` as a query expression."""
    tersimpan = _koreksi_pemohon_tersimpan(OuterRef("pk"), OuterRef("pemohon"), OuterRef("koreksi_item_dibuka_pada"))
    return models.ExpressionWrapper(_koreksi_pemohon_dibuka() & ~Exists(tersimpan), output_field=models.BooleanField())


URUT_GILIRAN = (
    "_giliran",
    models.F("batas_waktu").asc(nulls_last=True),
    "-jam_hari_terpakai",
    "diajukan_pada",
    "pk",
)
# Not on the officers' board: drafts and closed transactions (the most rows by far).
STATUS_BUKAN_PAPAN = (Status.DRAF, *STATUS_TUTUP)


class Transaksi(models.Model):
    nomor = models.CharField(_("nomor"), max_length=24, unique=True)
    kantor = fk_kantor()
    pemohon = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="transaksi", verbose_name=_("pemohon")
    )
    petugas = oleh(_("petugas"), related_name="transaksi_ditangani", on_delete=models.SET_NULL)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAF)
    keperluan = models.TextField(_("keperluan penggunaan data"))
    kelas_harga = models.CharField(
        _("kelas harga"), max_length=12, choices=KelasHarga.choices, default=KelasHarga.BERBAYAR
    )
    total = models.DecimalField(_("total"), max_digits=16, decimal_places=0, default=Decimal(0))
    nol_rupiah_disetujui_oleh = oleh(_("Rp0 disetujui oleh"))
    nol_rupiah_disetujui_pada = pada(_("Rp0 disetujui pada"))
    # A refused Rp0 request: the transaction is charged the tariff, and who refused it when is kept.
    nol_rupiah_ditolak_oleh = oleh(_("Rp0 ditolak oleh"))
    nol_rupiah_ditolak_pada = pada(_("Rp0 ditolak pada"))
    # The guest-book visit (online, or a walk-in at the desk) this transaction came from (SOP step 3).
    kunjungan = models.ForeignKey(
        "antrian.Kunjungan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transaksi",
        verbose_name=_("kunjungan (buku tamu)"),
    )

    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    diajukan_pada = pada(_("pertama diajukan pada"))
    lengkap_pada = pada(_("dinyatakan lengkap pada"))
    diproses_pada = pada(_("mulai diproses pada"))
    diserahkan_pada = pada(_("diserahkan pada"))
    ditutup_pada = pada(_("ditutup pada"))
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)
    # The officer sent the items back to the visitor to correct their
    # quantities; open until the next invoice is issued.
    koreksi_item_dibuka_pada = pada(_("koreksi item oleh pemohon dibuka pada"))

    # The SOP clock (transaksi/jam.py), stored so the beat jobs are one
    # indexed query: its kind, the start or latest resume, the working days
    # used before that, when it was paused (the visitor's turn), and the
    # deadline — empty while paused, so the jobs' indexes skip paused clocks.
    jam = models.CharField(_("jam SOP"), max_length=10, choices=Jam.choices, default=Jam.TIDAK_ADA, blank=True)
    jam_mulai = pada(_("jam mulai/dilanjutkan"))
    jam_hari_terpakai = models.PositiveSmallIntegerField(_("hari kerja terpakai sebelum jeda"), default=0, db_default=0)
    jam_dijeda_pada = pada(_("jam dijeda pada"))
    batas_waktu = pada(_("batas waktu"))
    # The office's internal target of the current status (alur.TARGET_INTERNAL).
    target_batas = pada(_("target internal"))
    pengingat_pada = pada(_("pengingat terkirim pada"))
    eskalasi_pada = pada(_("dieskalasi pada"))
    # Sent-flags of the visitor's rating reminders after delivery (transaksi/tenggat.py): each goes once.
    pengingat_nilai_1_pada = pada(_("pengingat penilaian ke-1 pada"))
    pengingat_nilai_2_pada = pada(_("pengingat penilaian ke-2 pada"))
    # Until when the delivery e-mail and page told the visitor they may rate:
    # the rating period never ends before it, though a later calendar change
    # (a cuti bersama made a working day) brings its working days earlier.
    batas_penilaian_dijanjikan = pada(_("batas penilaian yang dijanjikan"))
    # Until when the delivery e-mail and page told the visitor they may
    # download: a download period the office shortens later does not end it sooner.
    batas_unduh_dijanjikan = pada(_("batas unduh yang dijanjikan"))

    objects = TransaksiQuerySet.as_manager()

    class Meta:
        verbose_name = _("transaksi")
        verbose_name_plural = pgettext_lazy("jamak", "transaksi")
        ordering = ["-dibuat_pada"]
        indexes = [
            models.Index(fields=["status", "dibuat_pada"], name="transaksi_status_dibuat"),
            models.Index(fields=["kantor", "status", "dibuat_pada"], name="transaksi_kantor_status"),
            # One office's worklist, in whose-turn order (the same order as `transaksi_giliran`).
            models.Index(
                models.F("kantor"),
                giliran_kantor(),
                models.F("batas_waktu"),
                models.F("jam_hari_terpakai").desc(),
                models.F("diajukan_pada"),
                models.F("id"),
                name="transaksi_kantor_giliran",
                condition=~Q(status__in=STATUS_BUKAN_PAPAN),
            ),
            models.Index(fields=["pemohon", "dibuat_pada"], name="transaksi_pemohon_dibuat"),
            # The beat jobs: open clocks by deadline, not yet escalated / reminded.
            models.Index(
                fields=["batas_waktu"],
                name="transaksi_jam_belum_eskalasi",
                condition=Q(eskalasi_pada__isnull=True) & ~Q(jam=""),
            ),
            models.Index(
                fields=["batas_waktu"],
                name="transaksi_jam_belum_diingat",
                condition=Q(pengingat_pada__isnull=True) & ~Q(jam=""),
            ),
            # The officers' worklist and deadline board: open transactions only
            # (a few percent of the rows after years), already in whose-turn order,
            # so a page and its count read the open rows, never the whole table.
            models.Index(
                giliran_kantor(),
                models.F("batas_waktu"),  # ascending is NULLS LAST on PostgreSQL, as the order asks
                models.F("jam_hari_terpakai").desc(),
                models.F("diajukan_pada"),
                models.F("id"),
                name="transaksi_giliran",
                condition=~Q(status__in=STATUS_BUKAN_PAPAN),
            ),
            # Rating reminders and auto-close: delivered, waiting for the visitor's rating.
            models.Index(
                fields=["diserahkan_pada"],
                name="transaksi_menunggu_nilai",
                condition=Q(status="diserahkan"),
            ),
        ]

    def __str__(self):
        return self.nomor

    def get_absolute_url(self):
        return reverse("transaksi:detail", args=[self.nomor])

    @property
    def giliran(self) -> str:
        """Whose move it is: its status's (`alur.GILIRAN`), except while the
        items wait for the visitor's correction, which only they can make
        although the status still reads "waiting for the invoice"."""
        return alur.PENGUNJUNG if self.koreksi_pemohon_menunggu() else alur.giliran(self.status)

    def koreksi_pemohon_menunggu(self) -> bool:
        """The officer sent the items back to the visitor and the visitor has
        not saved a correction since: until they do, the next move is theirs."""
        if not (self.status == Status.MENUNGGU_TAGIHAN and self.koreksi_item_dibuka_pada):
            return False
        dibaca = getattr(self, "_koreksi_pemohon_menunggu", None)  # `dengan_giliran`
        if dibaca is not None:
            return dibaca
        return not _koreksi_pemohon_tersimpan(self.pk, self.pemohon_id, self.koreksi_item_dibuka_pada).exists()

    @property
    def terlambat(self) -> bool:
        return bool(self.jam and self.batas_waktu and self.batas_waktu < timezone.now())

    @property
    def jam_dijeda(self) -> bool:
        return bool(self.jam and self.jam_dijeda_pada)

    @property
    def sisa_hari_jeda(self) -> int:
        """Working days left to a paused clock."""
        return jam_sop.dari_baris(self).sisa_hari() if self.jam_dijeda else 0

    @property
    def berbayar(self) -> bool:
        return self.total > 0


# An item that is charged: a product paid when it was ordered (the item's own
# `kelas_harga`, not the catalogue's today) of a transaction whose Rp0 request
# was not approved (an approved Rp0 transaction totals Rp0 whatever its items
# say). The reconciliation's billed amount and the monthly report's value by
# product both count only these.
ITEM_DIKENAKAN = Q(kelas_harga=KelasProduk.BERBAYAR) & ~(
    Q(transaksi__kelas_harga=KelasHarga.NOL_RUPIAH) & Q(transaksi__nol_rupiah_disetujui_pada__isnull=False)
)


class ItemTransaksiQuerySet(models.QuerySet):
    def dikenakan(self):
        return self.filter(ITEM_DIKENAKAN)


class ItemTransaksi(models.Model):
    """A product ordered, with the tariff as it was when ordered."""

    transaksi = models.ForeignKey(Transaksi, on_delete=models.CASCADE, related_name="item", verbose_name=_("transaksi"))
    produk = models.ForeignKey(Produk, on_delete=models.PROTECT, related_name="+", verbose_name=_("produk"))
    tarif = models.ForeignKey(TarifProduk, on_delete=models.PROTECT, related_name="+", verbose_name=_("tarif"))
    uraian = models.CharField(_("judul/uraian yang diminta"), max_length=300)
    jumlah = models.PositiveBigIntegerField(_("jumlah"))
    subtotal = models.DecimalField(_("subtotal"), max_digits=16, decimal_places=0)
    rincian = models.JSONField(_("rincian tarif"), default=dict)
    # The product's price class when ordered, kept like its tariff: a product
    # made free (or paid) later in the catalogue changes no item already ordered.
    kelas_harga = models.CharField(
        _("kelas harga"), max_length=12, choices=KelasProduk.choices, default=KelasProduk.BERBAYAR
    )

    objects = ItemTransaksiQuerySet.as_manager()

    class Meta:
        verbose_name = _("item transaksi")
        verbose_name_plural = pgettext_lazy("jamak", "item transaksi")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.produk} × {self.jumlah}"

    @property
    def subtotal_dikenakan(self) -> Decimal:
        """What the item adds to the transaction's total (`ITEM_DIKENAKAN`, one
        item): nothing for a free product, nor on an approved Rp0 request."""
        t = self.transaksi
        rp0 = t.kelas_harga == KelasHarga.NOL_RUPIAH and t.nol_rupiah_disetujui_pada is not None
        return self.subtotal if self.kelas_harga == KelasProduk.BERBAYAR and not rp0 else Decimal(0)

    @property
    def baris_rincian(self):
        """The tariff lines in the reader's language, worked out again from the
        tariff row the item keeps (a row never changes: the same amounts as the
        stored `rincian`, which stays the record in the words of its day)."""
        self.tarif.produk = self.produk  # the same product, already loaded with the item
        return hitung_tarif(self.tarif.sebagai_tarif(), self.jumlah).baris


class DokumenQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(diganti_pada__isnull=True)

    def delete(self):
        _tolak_hapus_dokumen()


def _tolak_hapus_dokumen(*args, **kwargs):
    """A requirement document is a record of what the visitor sent and the
    officer judged: its row stays (its file goes only by retention or erasure)."""
    raise RiwayatTidakDapatDiubah(_("Dokumen persyaratan tidak boleh dihapus; berkasnya dihapus lewat masa retensi."))


class DokumenPersyaratan(models.Model):
    """An uploaded requirement. A replacement is a new row; the old one is
    kept, marked replaced (the officer's notes stay with what they judged)."""

    class Penilaian(models.TextChoices):
        BELUM = "belum", _("Belum diperiksa")
        SESUAI = "sesuai", pgettext_lazy("penilaian dokumen", "Sesuai")
        PERLU_PERBAIKAN = "perbaiki", _("Perlu perbaikan")

    transaksi = models.ForeignKey(
        Transaksi, on_delete=models.CASCADE, related_name="dokumen", verbose_name=_("transaksi")
    )
    jenis = models.ForeignKey(JenisDokumen, on_delete=models.PROTECT, related_name="+", verbose_name=_("jenis dokumen"))
    berkas = models.FileField(_("berkas"), upload_to=JalurPrivat("persyaratan"), max_length=300)
    nama_asli = models.CharField(_("nama berkas"), max_length=200)
    ukuran = models.PositiveBigIntegerField(_("ukuran (byte)"))
    tipe = models.CharField(_("tipe isi"), max_length=50)
    diunggah_oleh = oleh(_("diunggah oleh"), wajib=True)
    diunggah_pada = models.DateTimeField(_("diunggah pada"), default=timezone.now)
    penilaian = models.CharField(
        _("hasil pemeriksaan"), max_length=10, choices=Penilaian.choices, default=Penilaian.BELUM
    )
    catatan_petugas = models.TextField(_("catatan petugas"), blank=True)
    diganti_pada = models.DateTimeField(_("diganti pada"), null=True, blank=True)
    dihapus_retensi_pada = models.DateTimeField(_("berkas dihapus (retensi) pada"), null=True, blank=True)

    objects = DokumenQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumen persyaratan")
        verbose_name_plural = pgettext_lazy("jamak", "dokumen persyaratan")
        ordering = ["jenis__urutan", "-diunggah_pada"]

    def __str__(self):
        return f"{self.jenis} — {self.nama_asli}"

    @property
    def perlu_diganti(self) -> bool:
        """The officer sent this file back: only a new upload (a new row) answers the note."""
        return self.diganti_pada is None and self.penilaian == self.Penilaian.PERLU_PERBAIKAN

    def delete(self, *args, **kwargs):
        _tolak_hapus_dokumen()


# A cascade (a transaction deleted) bypasses delete(): refuse it too.
models.signals.pre_delete.connect(_tolak_hapus_dokumen, sender=DokumenPersyaratan, dispatch_uid="dokumen-tetap")


class RiwayatQuerySet(AppendOnlyQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for riwayat in objs:
            riwayat.isi_kantor()
        return super().bulk_create(objs, *args, **kwargs)

    def hapus_catatan(self, pengganti: str) -> int:
        """Erasure of the visitor's personal data only (UU 27/2022): the one
        write past the history's guard, and to the note alone."""
        return models.QuerySet.update(self, catatan=pengganti)


class RiwayatTransaksi(AppendOnlyModel):
    """Append-only history: the audit trail, the visitor's timeline, and the
    source of the SOP time measurements."""

    class Jenis(models.TextChoices):
        STATUS = "status", _("Perubahan status")
        JAM_MULAI = "jam_mulai", _("Jam SOP mulai")
        JAM_BERHENTI = "jam_berhenti", _("Jam SOP berhenti")
        JAM_DIJEDA = "jam_jeda", _("Jam SOP dijeda (giliran pemohon)")
        JAM_DILANJUTKAN = "jam_lanjut", _("Jam SOP dilanjutkan")
        JAM_DIHITUNG_ULANG = "jam_ulang", _("Batas waktu dihitung ulang")
        TARGET_SELESAI = "target", _("Target internal selesai")
        PENGINGAT = "pengingat", _("Pengingat batas waktu")
        ESKALASI = "eskalasi", _("Eskalasi keterlambatan")
        PENUGASAN = "penugasan", _("Penugasan petugas")
        CATATAN = "catatan", _("Catatan")
        # A refund proposal and its refusal: the office's deliberation, not the visitor's (transaksi/linimasa.py).
        USUL_PENGEMBALIAN = "usul_kembali", _("Usulan pengembalian PNBP")

    transaksi = models.ForeignKey(
        Transaksi, on_delete=models.CASCADE, related_name="riwayat", verbose_name=_("transaksi")
    )
    # The transaction's office, kept on the row (filled on save and by the bulk
    # writes): one office's compliance is counted from the history alone,
    # without joining a year of rows to their transactions. No index of its
    # own: it is read through the compliance index below, and an index on it
    # would only serve deleting an office, which the rows protect anyway.
    kantor = models.ForeignKey(
        Kantor, on_delete=models.PROTECT, related_name="+", editable=False, db_index=False, verbose_name=_("kantor")
    )
    jenis = models.CharField(_("jenis"), max_length=15, choices=Jenis.choices, default=Jenis.STATUS)
    dari = models.CharField(_("dari status"), max_length=20, choices=Status.choices, blank=True)
    ke = models.CharField(_("ke status"), max_length=20, choices=Status.choices, blank=True)
    jam = models.CharField(_("jam SOP"), max_length=10, choices=Jam.choices, blank=True)
    batas_waktu = models.DateTimeField(_("batas waktu"), null=True, blank=True)
    # On a clock's stop: the seconds it spent paused (the SOP's time excludes them).
    jeda_detik = models.PositiveIntegerField(_("lama jeda (detik)"), null=True, blank=True)
    # On a clock's stop and an internal target's end: the working day it ended
    # on (day 1 = the first working day after its start, transaksi/jam.py
    # `hari_berhenti`), the duration the compliance dashboard reports in
    # working days beside a working-day standard.
    hari_kerja_ke = models.PositiveSmallIntegerField(_("hari kerja ke-"), null=True, blank=True)
    oleh = oleh(_("oleh"))
    waktu = models.DateTimeField(_("waktu"), default=timezone.now)
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("riwayat transaksi")
        verbose_name_plural = _("riwayat transaksi")
        ordering = ["waktu", "pk"]
        indexes = [
            models.Index(fields=["transaksi", "waktu"], name="riwayat_transaksi_waktu"),
            models.Index(fields=["ke", "waktu"], name="riwayat_ke_waktu"),
            # SOP compliance: clock stops of one kind in a period (penilaian/mutu.py).
            models.Index(fields=["jenis", "jam", "waktu"], name="riwayat_jenis_jam_waktu"),
            # The months of the compliance trend, of every office or one: every
            # clock stop of a year is counted from this index alone (an
            # index-only scan), not from thousands of history pages; with the
            # transaction (to look for its cancellation) and the working day
            # it stopped on (the step's duration).
            models.Index(
                fields=["jam", "waktu", "batas_waktu", "dari", "kantor", "id"],
                include=["transaksi", "hari_kerja_ke"],
                condition=Q(jenis="jam_berhenti", ke="", batas_waktu__isnull=False),
                name="riwayat_jam_berhenti",
            ),
            # The few cancellations and refunds, looked up for each clock stop
            # the compliance figures count (penilaian/mutu.py).
            models.Index(
                fields=["transaksi", "id"],
                include=["oleh"],
                condition=Q(jenis="status", ke__in=STATUS_PEMBATALAN),
                name="riwayat_batal",
            ),
        ]

    objects = RiwayatQuerySet.as_manager()

    def __str__(self):
        return f"{self.transaksi_id} {self.get_jenis_display()} {timezone.localtime(self.waktu):%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        self.isi_kantor()
        super().save(*args, **kwargs)

    def isi_kantor(self) -> None:
        if self.kantor_id is None:
            self.kantor_id = self.transaksi.kantor_id
