"""Front desk (SOP steps 2–3): services, counters, guest-book visits, queue
tickets with their history, the per-day counter rows that number them, and
appointments.

State changes live in `antrian/services.py`; this module only describes the
data, its named queries and a few read-only derived values.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.utils import build_localized_fieldname, get_language

from pst_layanan.appendonly import AppendOnlyModel
from pst_layanan.kantor import kantor
from pst_layanan.kolom import oleh, pada
from pst_layanan.models import KategoriInstansi, fk_kantor, kantor_bawaan

# The desk numbers the day's arrivals D-001, D-002… (`Kedatangan.kode`).
AWALAN_KEDATANGAN = "D"


class Layanan(models.Model):
    """A service a visitor queues for (seed: B — Produk Statistik Berbayar)."""

    kode = models.CharField(
        _("kode antrian"), max_length=3, unique=True, help_text=_("Awalan nomor antrian, mis. B → B-001.")
    )
    nama = models.CharField(_("nama layanan"), max_length=100)
    aktif = models.BooleanField(_("aktif"), default=True)
    urutan = models.PositiveSmallIntegerField(_("urutan tampil"), default=0)

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = pgettext_lazy("jamak", "layanan")
        ordering = ["urutan", "kode"]

    def __str__(self):
        return f"{self.kode} — {self.nama}"

    def clean(self):
        # A code as stored stays, whatever its case: past tickets print it (the
        # admin shows it read-only once there are some, but still cleans the row).
        if self.pk and Layanan.objects.filter(pk=self.pk, kode=self.kode).exists():
            return
        # Written as tickets print it; "b" beside "B" would be two queues read aloud alike.
        self.kode = (self.kode or "").strip().upper()
        if Layanan.objects.exclude(pk=self.pk).filter(kode__iexact=self.kode).exists():
            raise ValidationError({"kode": _("Kode antrian ini sudah dipakai layanan lain.")})
        # Its tickets would be numbered as the arrivals are: a visitor holding
        # arrival D-003 would hear ticket D-003 called to a counter.
        if self.kode == AWALAN_KEDATANGAN:
            raise ValidationError(
                {
                    "kode": _("Kode %(kode)s dipakai nomor kedatangan tamu (%(contoh)s); pilih kode lain.")
                    % {"kode": self.kode, "contoh": f"{AWALAN_KEDATANGAN}-001"}
                }
            )


def nama_layanan_lokal():
    """A row's service (its `layanan`) by name in the reader's language (the
    Indonesian one where the translation is empty), as the service reads
    everywhere else: a related lookup in values() gets only the stored default column."""
    lokal = F(f"layanan__{build_localized_fieldname('nama', get_language())}")
    return Coalesce(NullIf(lokal, Value("")), F("layanan__nama"))


class Loket(models.Model):
    """A service counter and the services its officer calls for."""

    kantor = fk_kantor()
    nomor = models.PositiveSmallIntegerField(_("nomor loket"))
    nama = models.CharField(
        _("nama"), max_length=50, blank=True, help_text=_("Kosongkan untuk “Loket” dan nomornya, mis. “Loket 2”.")
    )
    layanan = models.ManyToManyField(Layanan, verbose_name=_("layanan yang dilayani"), related_name="loket")
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("loket")
        verbose_name_plural = pgettext_lazy("jamak", "loket")
        ordering = ["kantor", "nomor"]
        constraints = [models.UniqueConstraint(fields=["kantor", "nomor"], name="antrian_loket_nomor_unik")]

    def __str__(self):
        return self.nama or _("Loket %(nomor)s") % {"nomor": self.nomor}

    def clean(self):
        # A closed counter's page is gone and no other counter may act on its
        # ticket: the visitor called or served there would wait the day out.
        if self.pk and not self.aktif:
            with transaction.atomic():
                # The row lock a call takes (`services._periksa_loket_kosong`): a call
                # in progress is waited for and its ticket seen, and inside the
                # admin's transaction no call can start until the switch-off is saved.
                list(Loket.objects.select_for_update().filter(pk=self.pk).values_list("pk", flat=True))
                tiket = Tiket.objects.aktif_di_loket(self).first()
            if tiket is not None:
                raise ValidationError(
                    {
                        "aktif": _(
                            "%(loket)s masih menangani tiket %(kode)s. Selesaikan, alihkan atau lewati tiket itu "
                            "di loket ini sebelum menonaktifkannya."
                        )
                        % {"loket": self, "kode": tiket.kode}
                    }
                )


class Kanal(models.TextChoices):
    ONLINE = "online", _("Online")
    LANGSUNG = "langsung", _("Datang langsung")


# --- BPS's PST guest-book codes (with KategoriInstansi on the user model) ----------
# Stable short codes stored in the database and in exports; the labels are
# the guest book's own Indonesian wording. Order = the form's order.


class PemanfaatanUtama(models.TextChoices):
    """Main use of the data (pemanfaatan utama hasil kunjungan)."""

    TUGAS = "tugas", _("Tugas sekolah/kuliah")
    PEMERINTAHAN = "pemerintahan", _("Pemerintahan")
    KOMERSIAL = "komersial", _("Komersial")
    PENELITIAN = "penelitian", _("Penelitian")
    LAINNYA = "lainnya", _("Lainnya")


class JenisLayanan(models.TextChoices):
    """Services used in a visit (several may apply)."""

    PERPUSTAKAAN = "perpustakaan", _("Perpustakaan")
    KONSULTASI = "konsultasi", _("Konsultasi statistik")
    PRODUK_BERBAYAR = "berbayar", _("Produk statistik berbayar")
    REKOMENDASI = "rekomendasi", _("Rekomendasi kegiatan statistik")
    PRODUK_GRATIS = "gratis", _("Produk statistik gratis (publikasi/tabel)")
    LAINNYA = "lainnya", _("Lainnya")


class Sarana(models.TextChoices):
    """The facility through which the visitor was served."""

    LANGSUNG = "langsung", _("Datang langsung")
    ONLINE = "online", _("Online/website")
    SURAT = "surat", _("Surat/e-mail")
    TELEPON = "telepon", _("Telepon/WhatsApp")
    MEDSOS = "medsos", _("Media sosial")
    LAINNYA = "lainnya", _("Lainnya")


class HasilKunjungan(models.TextChoices):
    TRANSAKSI = "transaksi", _("Transaksi dibuat")
    PENJELASAN = "penjelasan", _("Penjelasan saja")
    DIRUJUK = "dirujuk", _("Dirujuk")
    LAINNYA = "lainnya", _("Lainnya")
    # Set only by the end-of-day close (`services.tutup_hari`).
    TIDAK_TERLAYANI = "tidak_terlayani", _("Tidak terlayani (hari layanan berakhir)")
    TIDAK_HADIR = "tidak_hadir", _("Tidak hadir saat dipanggil")


# Outcomes an officer records at the counter; the others are given by the
# end-of-day close only.
HASIL_PETUGAS = [
    (nilai, label)
    for nilai, label in HasilKunjungan.choices
    if nilai not in (HasilKunjungan.TIDAK_TERLAYANI, HasilKunjungan.TIDAK_HADIR)
]


class KunjunganQuerySet(models.QuerySet):
    def untuk_riwayat(self):
        """Everything the visit-history list and its CSV show, in one query."""
        return (
            self.select_related(
                "kantor", "pengunjung", "layanan", "petugas", "kedatangan", "tiket__layanan", "tiket__loket"
            )
            .prefetch_related("layanan_digunakan")
            .order_by("-tiba_pada", "-pk")
        )

    def perlu_koreksi(self):
        return self.filter(perlu_koreksi=True)


# A page's one-time token for a form or a button (the pages render uuid4
# hex): sent twice, the sending finds what its first sending recorded.
POLA_TOKEN_KIRIM = r"[A-Za-z0-9_-]{1,64}"


def kolom_token_kirim(verbose_name) -> models.CharField:
    return models.CharField(verbose_name, max_length=64, unique=True, null=True, blank=True, editable=False)


class Kunjungan(models.Model):
    """A guest-book entry: one visit, online or at the desk.

    Completed by the officer's outcome and notes when the ticket is finished
    (the SOP's *riwayat kunjungan*). The transaksi app links a transaction to
    a visit through its own foreign key.
    """

    kantor = fk_kantor()
    pengunjung = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="kunjungan", verbose_name=_("pengunjung")
    )
    layanan = models.ForeignKey(Layanan, on_delete=models.PROTECT, related_name="kunjungan", verbose_name=_("layanan"))
    kanal = models.CharField(_("kanal"), max_length=10, choices=Kanal.choices)
    keperluan = models.CharField(_("keperluan"), max_length=300, blank=True)
    tiba_pada = models.DateTimeField(_("tiba/mengisi buku tamu pada"), default=timezone.now, db_index=True)
    dicatat_oleh = oleh(_("dicatat oleh"))
    hasil = models.CharField(_("hasil kunjungan"), max_length=20, choices=HasilKunjungan.choices, blank=True)
    catatan = models.TextField(_("catatan petugas"), blank=True)
    petugas = oleh(_("petugas"), related_name="kunjungan_dilayani")
    selesai_pada = pada(_("selesai pada"))
    # The desk form's one-time token: a repeated or concurrent submission of
    # the same form finds this visit instead of recording a second one.
    token_kirim = kolom_token_kirim(_("token formulir meja"))
    # BPS guest-book codes of this visit. The institution category is the one
    # answered for this visit (the profile's, at that moment), so a visitor who
    # changes institution later does not rewrite past months' statistics.
    kategori_instansi = models.CharField(
        _("kategori instansi"), max_length=20, choices=KategoriInstansi.choices, blank=True
    )
    pemanfaatan = models.CharField(
        _("pemanfaatan utama data"), max_length=15, choices=PemanfaatanUtama.choices, blank=True
    )
    sarana = models.CharField(_("sarana yang digunakan"), max_length=10, choices=Sarana.choices, blank=True)
    # Set by the data migration (or a visit recorded without a category) when a
    # code could not be decided; `catatan_koreksi` keeps the old value and why.
    perlu_koreksi = models.BooleanField(_("kode perlu dikoreksi petugas"), default=False)
    catatan_koreksi = models.CharField(_("catatan koreksi"), max_length=500, blank=True)

    objects = KunjunganQuerySet.as_manager()

    class Meta:
        verbose_name = _("kunjungan (buku tamu)")
        verbose_name_plural = pgettext_lazy("jamak", "kunjungan (buku tamu)")
        ordering = ["-tiba_pada"]
        indexes = [
            models.Index(fields=["kanal", "tiba_pada"]),
            models.Index(fields=["kantor", "tiba_pada"], name="kunjungan_kantor_tiba"),
            models.Index(fields=["tiba_pada"], name="kunjungan_perlu_koreksi", condition=Q(perlu_koreksi=True)),
        ]

    def __str__(self):
        # Office time: the database hands the moment over in UTC, seven hours behind.
        tiba = timezone.localtime(self.tiba_pada)
        return f"{self.pengunjung_id} · {self.get_kanal_display()} · {tiba:%d-%m-%Y %H.%M}"

    @property
    def jenis_layanan(self) -> list[str]:
        """Codes of the services used, in the guest book's order (uses the prefetch)."""
        kode = {x.kode for x in self.layanan_digunakan.all()}
        return [k for k in JenisLayanan.values if k in kode]

    @property
    def jenis_layanan_label(self) -> str:
        label = dict(JenisLayanan.choices)
        return "; ".join(str(label[k]) for k in self.jenis_layanan)

    @property
    def tiket_atau_none(self):
        try:
            return self.tiket
        except Tiket.DoesNotExist:
            return None

    def durasi_langkah(self) -> dict[str, timedelta | None]:
        """Step times: arrival → ticket (SOP step 3), ticket → first call (the
        wait, `Tiket.lama_menunggu`), service started → finished (SOP step 4, as `penilaian.mutu`
        measures it: a called visitor's absence before a recall is not the
        officer's explanation). Like there, step 3 only from a recorded
        arrival: without one, `tiba_pada` is the registration itself, and its
        0 minutes are no measured case."""
        t = self.tiket_atau_none
        tiba = self.kedatangan.tiba_pada if hasattr(self, "kedatangan") else None
        if tiba and t and tiba > t.diambil_pada:
            # The visitor back at the lobby for their appointment, already holding
            # this ticket: that arrival started no registration (as `penilaian.mutu`).
            tiba = None

        def selisih(a, b):
            return b - a if a and b else None

        return {
            "tiba_tiket": selisih(tiba, t and t.diambil_pada),
            "tiket_panggil": t and t.lama_menunggu,
            "mulai_selesai": t and t.lama_dilayani,
        }


class LayananKunjungan(models.Model):
    """One service used in a visit: a visit uses one or more (a constrained
    multi-choice — one row per code, so the dashboard counts visits per
    service with one grouped query)."""

    kunjungan = models.ForeignKey(
        Kunjungan, on_delete=models.CASCADE, related_name="layanan_digunakan", verbose_name=_("kunjungan")
    )
    kode = models.CharField(_("jenis layanan"), max_length=15, choices=JenisLayanan.choices)

    class Meta:
        verbose_name = _("layanan yang digunakan")
        verbose_name_plural = pgettext_lazy("jamak", "layanan yang digunakan")
        constraints = [
            models.UniqueConstraint(fields=["kunjungan", "kode"], name="layanan_kunjungan_unik"),
            models.CheckConstraint(condition=Q(kode__in=JenisLayanan.values), name="layanan_kunjungan_kode_sah"),
        ]
        indexes = [models.Index(fields=["kode", "kunjungan"])]

    def __str__(self):
        return f"{self.kunjungan_id}: {self.kode}"


class PenghitungAntrian(models.Model):
    """The last number issued for one service on one office day.

    Issuing a ticket locks this one row (SELECT … FOR UPDATE), so concurrent
    desks queue behind each other for a few milliseconds and each gets the
    next number; the unique constraint on the ticket is the safety net.
    """

    kantor = fk_kantor()
    tanggal = models.DateField(_("hari layanan"))
    layanan = models.ForeignKey(Layanan, on_delete=models.PROTECT, related_name="+", verbose_name=_("layanan"))
    terakhir = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("penghitung antrian")
        verbose_name_plural = pgettext_lazy("jamak", "penghitung antrian")
        constraints = [models.UniqueConstraint(fields=["kantor", "tanggal", "layanan"], name="antrian_penghitung_unik")]

    def __str__(self):
        return f"{self.tanggal} {self.layanan_id}: {self.terakhir}"


class StatusTiket(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu")
    DIPANGGIL = "dipanggil", _("Dipanggil")
    DILAYANI = "dilayani", _("Sedang dilayani")
    SELESAI = "selesai", _("Selesai")
    DILEWATI = "dilewati", _("Dilewati (tidak hadir)")
    # Final states given by the end-of-day close to tickets left open.
    TIDAK_TERLAYANI = "tidak_terlayani", _("Tidak terlayani")
    TIDAK_HADIR = "tidak_hadir", _("Tidak hadir")


AKTIF_DI_LOKET = (StatusTiket.DIPANGGIL, StatusTiket.DILAYANI)
# A visitor holds at most one of these per service and day (desk guard).
TERBUKA = (StatusTiket.MENUNGGU, StatusTiket.DIPANGGIL)

# The end of an office day: what each ticket still open becomes. A ticket
# never called was not served (the office did not reach it); a called or
# skipped ticket whose visitor never came to the counter is a no-show; a
# ticket being served is finished (the visitor was served, the officer did
# not record it). Read by the close-day job and, for a day not yet closed
# by it, by every page that shows the ticket.
AKHIR_HARI: dict[str, str] = {
    StatusTiket.MENUNGGU: StatusTiket.TIDAK_TERLAYANI,
    StatusTiket.DIPANGGIL: StatusTiket.TIDAK_HADIR,
    StatusTiket.DILEWATI: StatusTiket.TIDAK_HADIR,
    StatusTiket.DILAYANI: StatusTiket.SELESAI,
}


def _token_tiket() -> str:
    return secrets.token_urlsafe(24)


def _margin_janji(kantor_id: int | None) -> timedelta:
    return timedelta(minutes=kantor(kantor_id).margin_janji_menit)


def batas_prioritas(sekarang=None, kantor_id: int | None = None):
    """Appointment tickets booked up to this instant are called first: the
    booked time minus office `kantor_id`'s margin (`Kantor.margin_janji_menit`)."""
    return (sekarang or timezone.now()) + _margin_janji(kantor_id)


def didahulukan_mulai(janji_pada, kantor_id: int | None):
    """When an appointment booked at `janji_pada` starts going before the
    walk-ins at office `kantor_id`: the moment `batas_prioritas` reaches it."""
    return janji_pada - _margin_janji(kantor_id)


def q_didahulukan(sekarang=None, kantor_id: int | None = None) -> Q:
    return Q(janji_pada__lte=batas_prioritas(sekarang, kantor_id))


class TiketQuerySet(models.QuerySet):
    def hari_ini(self):
        return self.filter(tanggal=timezone.localdate())

    def menunggu(self):
        return self.filter(status=StatusTiket.MENUNGGU)

    def urut_panggilan(self, kantor_id: int, sekarang=None):
        """Call order of office `kantor_id`'s queue: appointments whose booked
        time (minus that office's margin) has come, then arrival order (a
        transferred ticket keeps its arrival)."""
        didahulukan = Case(When(q_didahulukan(sekarang, kantor_id), then=Value(1)), default=Value(0))
        return self.annotate(didahulukan=didahulukan).order_by("-didahulukan", "diambil_pada", "pk")

    def aktif_di_loket(self, loket):
        """Today's ticket at the counter: one left open on an earlier day
        never blocks it (the end-of-day close gives that one its outcome)."""
        return self.hari_ini().filter(loket=loket, status__in=AKTIF_DI_LOKET)


class Tiket(models.Model):
    """A queue ticket: `B-007` on one office day, with its state and times."""

    kunjungan = models.OneToOneField(
        Kunjungan, on_delete=models.PROTECT, related_name="tiket", verbose_name=_("kunjungan")
    )
    kantor = fk_kantor()
    layanan = models.ForeignKey(Layanan, on_delete=models.PROTECT, related_name="tiket", verbose_name=_("layanan"))
    tanggal = models.DateField(_("hari layanan"))
    nomor = models.PositiveIntegerField(_("nomor"))
    token = models.CharField(_("token tautan tiket"), max_length=40, unique=True, default=_token_tiket, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=StatusTiket.choices, default=StatusTiket.MENUNGGU)
    prioritas = models.BooleanField(_("janji temu (dipanggil lebih dulu)"), default=False)
    janji_pada = models.DateTimeField(
        _("waktu janji temu"),
        null=True,
        blank=True,
        help_text=_("Tiket janji temu didahulukan mulai waktu ini dikurangi margin janji di pengaturan kantor."),
    )
    loket = models.ForeignKey(
        Loket, on_delete=models.PROTECT, null=True, blank=True, related_name="tiket", verbose_name=_("loket")
    )
    diambil_pada = models.DateTimeField(_("tiket diambil pada"), default=timezone.now)
    dipanggil_pada = pada(_("pertama dipanggil pada"))
    mulai_pada = pada(_("mulai dilayani pada"))
    selesai_pada = pada(_("selesai pada"))
    # Service given before a transfer (`services.alihkan`): the next start
    # replaces `mulai_pada`, so SOP step 4 adds these seconds to its own. The
    # database's own default too: tickets written in SQL (bulk loads, the
    # benchmarks' seeds) need not name it.
    detik_dilayani_sebelumnya = models.FloatField(
        _("lama dilayani sebelum dialihkan (detik)"), default=0, db_default=0, editable=False
    )
    diubah_pada = models.DateTimeField(_("terakhir diubah"), auto_now=True)
    # The visit's arrival at the desk (SOP step 3 is measured from it): no
    # column, a join on the visit that skips the visits' table. An arrival
    # joins only a visit of its own day (services._lampirkan_kedatangan), so
    # a month's tickets meet the same month's arrivals, read by their day.
    kedatangan = models.ForeignObject(
        "Kedatangan",
        on_delete=models.DO_NOTHING,
        from_fields=["kunjungan"],
        to_fields=["kunjungan"],
        related_name="+",
        null=True,
        editable=False,
        serialize=False,  # nothing of its own to back up or restore
        verbose_name=_("kedatangan tamu"),
    )

    objects = TiketQuerySet.as_manager()

    class Meta:
        verbose_name = _("tiket antrian")
        verbose_name_plural = pgettext_lazy("jamak", "tiket antrian")
        ordering = ["tanggal", "layanan", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["kantor", "tanggal", "layanan", "nomor"], name="antrian_tiket_nomor_unik"),
            # One counter serves one ticket at a time, within one office day:
            # a ticket left open yesterday does not block the counter today.
            models.UniqueConstraint(
                fields=["loket", "tanggal"],
                condition=Q(status__in=["dipanggil", "dilayani"]),
                name="antrian_satu_tiket_aktif_per_loket_hari",
            ),
        ]
        indexes = [
            models.Index(fields=["tanggal", "status"]),
            models.Index(fields=["kantor", "tanggal", "status"], name="tiket_kantor_tanggal_status"),
        ]

    def __str__(self):
        return self.kode

    @property
    def kode(self) -> str:
        return f"{self.layanan.kode}-{self.nomor:03d}"

    @property
    def didahulukan_sejak(self):
        """When this appointment's ticket starts going before the walk-ins: its
        booked time minus its office's margin (the moment `q_didahulukan` holds)."""
        if self.janji_pada is None:
            return None
        return didahulukan_mulai(self.janji_pada, self.kantor_id)

    @property
    def lama_menunggu(self) -> timedelta | None:
        """Issued → first called, but an appointment checked in early waits from
        the moment it starts going first (`didahulukan_sejak`): the hours before
        were the visitor's own, not the queue's. Never below 0 (called earlier at
        a free counter). `penilaian.grafik.waktu_tunggu` measures it the same way."""
        if self.dipanggil_pada is None:
            return None
        mulai = max(self.diambil_pada, self.didahulukan_sejak or self.diambil_pada)
        return max(self.dipanggil_pada - mulai, timedelta(0))

    @property
    def lama_dilayani(self) -> timedelta | None:
        """SOP step 4 as `penilaian.mutu` measures it: service started →
        finished, plus any service given before a transfer (the wait between
        the two counters is nobody's explanation)."""
        if not (self.mulai_pada and self.selesai_pada):
            return None
        return self.selesai_pada - self.mulai_pada + timedelta(seconds=self.detik_dilayani_sebelumnya)

    @property
    def status_berlaku(self) -> str:
        """The status as the visitor should read it: a ticket of an earlier
        day still open is shown with the outcome the end-of-day close gives it."""
        if self.tanggal < timezone.localdate():
            return AKHIR_HARI.get(self.status, self.status)
        return self.status

    def get_status_berlaku_display(self) -> str:
        return StatusTiket(self.status_berlaku).label

    @property
    def masih_berjalan(self) -> bool:
        """Its day can still move it (waiting, called, skipped and called
        back, being served): the visitor's page keeps watching it."""
        return self.status_berlaku in AKHIR_HARI


class RiwayatTiket(AppendOnlyModel):
    """Append-only history of a ticket: every call, recall, skip, start,
    finish and transfer. The display announces the call rows."""

    class Aksi(models.TextChoices):
        AMBIL = "ambil", _("Tiket diambil")
        PANGGIL = "panggil", _("Dipanggil")
        PANGGIL_ULANG = "panggil_ulang", _("Dipanggil ulang")
        LEWATI = "lewati", _("Dilewati")
        MULAI = "mulai", _("Mulai dilayani")
        SELESAI = "selesai", _("Selesai")
        ALIHKAN = "alihkan", _("Dialihkan ke layanan lain")
        TUTUP_HARI = "tutup_hari", _("Ditutup di akhir hari layanan")

    tiket = models.ForeignKey(Tiket, on_delete=models.PROTECT, related_name="riwayat", verbose_name=_("tiket"))
    aksi = models.CharField(_("aksi"), max_length=15, choices=Aksi.choices)
    # The ticket's code at that moment: a transfer renumbers the ticket later.
    kode_tiket = models.CharField(_("nomor antrian saat itu"), max_length=12)
    dari = models.CharField(_("dari status"), max_length=20, choices=StatusTiket.choices, blank=True)
    ke = models.CharField(_("ke status"), max_length=20, choices=StatusTiket.choices)
    loket = models.ForeignKey(
        Loket, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("loket")
    )
    oleh = oleh(_("oleh"))
    waktu = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    catatan = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("riwayat tiket")
        verbose_name_plural = _("riwayat tiket")
        ordering = ["waktu", "pk"]

    def __str__(self):
        return f"{self.tiket_id} {self.get_aksi_display()} {timezone.localtime(self.waktu):%H.%M.%S}"


class StatusJanji(models.TextChoices):
    DIAJUKAN = "diajukan", _("Menunggu konfirmasi")
    DIKONFIRMASI = "dikonfirmasi", _("Dikonfirmasi")
    DITOLAK = "ditolak", _("Ditolak")
    HADIR = "hadir", _("Sudah hadir")
    TIDAK_HADIR = "tidak_hadir", _("Tidak hadir")
    DIBATALKAN = "dibatalkan", _("Dibatalkan oleh pengunjung")


class JanjiTemuQuerySet(models.QuerySet):
    def siap_hadir_hari_ini(self):
        return self.filter(status=StatusJanji.DIKONFIRMASI, waktu__date=timezone.localdate())

    def perlu_keputusan(self):
        return self.filter(status=StatusJanji.DIAJUKAN)


class JanjiTemu(models.Model):
    """An appointment (SOP step 2: outside hours, made ≥1 hour / ≥1 day ahead)."""

    kantor = fk_kantor()
    pengunjung = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="janji_temu", verbose_name=_("pengunjung")
    )
    layanan = models.ForeignKey(Layanan, on_delete=models.PROTECT, related_name="+", verbose_name=_("layanan"))
    waktu = models.DateTimeField(_("waktu janji"))
    keperluan = models.CharField(_("keperluan"), max_length=300)
    status = models.CharField(_("status"), max_length=12, choices=StatusJanji.choices, default=StatusJanji.DIAJUKAN)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), default=timezone.now)
    # The receptionist who booked it for the visitor; empty for the visitor's
    # own request, the only kind their daily bound counts.
    dipesan_oleh = oleh(_("dipesan oleh"))
    diputuskan_oleh = oleh(_("diputuskan oleh"))
    diputuskan_pada = pada(_("diputuskan pada"))
    alasan_tolak = models.CharField(_("alasan penolakan"), max_length=300, blank=True)
    dibatalkan_pada = pada(_("dibatalkan pada"))
    alasan_batal = models.CharField(_("alasan pembatalan"), max_length=300, blank=True)
    kunjungan = models.OneToOneField(
        Kunjungan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="janji_temu",
        verbose_name=_("kunjungan"),
    )

    objects = JanjiTemuQuerySet.as_manager()

    class Meta:
        verbose_name = _("janji temu")
        verbose_name_plural = pgettext_lazy("jamak", "janji temu")
        ordering = ["waktu"]
        indexes = [
            models.Index(fields=["status", "waktu"]),
            models.Index(fields=["kantor", "status", "waktu"], name="janji_kantor_status_waktu"),
        ]

    def __str__(self):
        return f"{self.pengunjung_id} {timezone.localtime(self.waktu):%d-%m-%Y %H.%M}"

    @property
    def didahulukan_sejak(self):
        """When the visitor, once checked in, is called before the walk-ins."""
        return didahulukan_mulai(self.waktu, self.kantor_id)


class Kedatangan(models.Model):
    """A visitor reaching the desk, recorded the moment it happens ("Tamu
    datang"), before anyone fills in the registration form.

    SOP step 3 (registration and queue number, 10 minutes) is measured from
    this instant to the ticket; the visit and its ticket attach to it when
    registration is done. A desk visit registered without one has no measured
    step 3 (its arrival was never observed).
    """

    kantor = fk_kantor()
    tanggal = models.DateField(_("hari layanan"))
    nomor = models.PositiveIntegerField(_("nomor kedatangan"))
    tiba_pada = models.DateTimeField(_("tiba pada"), default=timezone.now)
    dicatat_oleh = oleh(_("dicatat oleh"))
    # One per rendered button: pressing it twice records one arrival (services.catat_kedatangan).
    token_kirim = kolom_token_kirim(_("token tombol kedatangan"))
    kunjungan = models.OneToOneField(
        Kunjungan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kedatangan",
        verbose_name=_("kunjungan"),
    )

    class Meta:
        verbose_name = _("kedatangan tamu")
        verbose_name_plural = pgettext_lazy("jamak", "kedatangan tamu")
        ordering = ["tanggal", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["kantor", "tanggal", "nomor"], name="antrian_kedatangan_nomor_unik")
        ]
        indexes = [
            # Step 3 of the compliance figures reads a month's arrivals
            # (penilaian/mutu.py): a range of this index alone, not a scan of
            # every arrival of the years nor a look-up per ticket.
            models.Index(fields=["tanggal"], include=["kunjungan", "tiba_pada"], name="kedatangan_tanggal_tiba"),
        ]

    def __str__(self):
        return self.kode

    @property
    def kode(self) -> str:
        return f"{AWALAN_KEDATANGAN}-{self.nomor:03d}"


class PengumumanLayar(models.Model):
    """The announcement line an office's supervisor sets for that office's
    waiting-room display (e.g. "Layanan tutup pukul 12.00 pada 24 Desember").
    One row per office; an empty text, or no row, shows nothing."""

    # The unique constraint's index serves every lookup by office, so the
    # foreign key needs no index of its own.
    kantor = fk_kantor(db_index=False)
    teks = models.CharField(_("pengumuman di layar antrian"), max_length=200, blank=True)
    diubah_oleh = oleh(_("diubah oleh"), on_delete=models.SET_NULL)
    diubah_pada = models.DateTimeField(_("terakhir diubah"), auto_now=True)

    class Meta:
        verbose_name = _("pengumuman layar")
        verbose_name_plural = pgettext_lazy("jamak", "pengumuman layar")
        constraints = [models.UniqueConstraint(fields=["kantor"], name="antrian_pengumuman_kantor_unik")]

    def __str__(self):
        return self.teks or "—"

    @classmethod
    def berlaku(cls, kantor_id: int | None = None) -> str:
        """Office `kantor_id`'s line (the provincial office's when None)."""
        kantor_id = kantor_id or kantor_bawaan()
        return cls.objects.filter(kantor=kantor_id).values_list("teks", flat=True).first() or ""
