"""Ratings (SOP step 8) and the monthly reports built from them.

A `Penilaian` belongs to exactly one transaction or one walk-in visit
(unique, checked by the database); its nine score columns come from the one
table in `penilaian/skm.py`. State changes live in `penilaian/services.py`.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from antrian.models import Kanal
from penilaian.skm import KOLOM_SKOR, SKOR_MAKS, SKOR_MIN, UNSUR
from pst_layanan.berkas import JalurPrivat
from pst_layanan.kolom import oleh, pada
from pst_layanan.models import JenisKelamin, Pendidikan, fk_kantor, fk_kantor_atau_provinsi, unik_per_kantor


class Media(models.TextChoices):
    """Where the rating was given (the channel is `kanal`)."""

    APLIKASI = "aplikasi", _("Aplikasi (halaman transaksi)")
    TIKET = "tiket", _("Ponsel pengunjung (QR tiket)")
    KIOS = "kios", _("Tablet meja layanan (kios)")


# --- The SKM respondent profile (PermenPANRB 14/2017, sample questionnaire) -------
# Sex and education use the guest book's codes (pst_layanan.models); age is
# asked as a group and occupation with the regulation's own list.


class KelompokUmur(models.TextChoices):
    SAMPAI_20 = "u20", _("≤ 20 tahun")
    U21_30 = "u30", _("21–30 tahun")
    U31_40 = "u40", _("31–40 tahun")
    U41_50 = "u50", _("41–50 tahun")
    DI_ATAS_50 = "u51", _("> 50 tahun")


class PekerjaanSKM(models.TextChoices):
    PNS = "pns", _("PNS")
    TNI = "tni", _("TNI")
    POLRI = "polri", _("POLRI")
    SWASTA = "swasta", _("Swasta")
    WIRAUSAHA = "wirausaha", _("Wirausaha")
    LAINNYA = "lainnya", _("Lainnya")


# Profile question → its choices, in the questionnaire's order: the form, the
# recapitulation and its spreadsheet read this one table.
PROFIL_RESPONDEN = (
    ("jenis_kelamin", _("Jenis kelamin"), JenisKelamin),
    ("kelompok_umur", _("Umur"), KelompokUmur),
    ("pendidikan", _("Pendidikan terakhir"), Pendidikan),
    ("pekerjaan", _("Pekerjaan utama"), PekerjaanSKM),
)


class PenilaianQuerySet(models.QuerySet):
    def periode(self, dari=None, sampai=None):
        """Ratings submitted in [dari, sampai)."""
        qs = self
        if dari is not None:
            qs = qs.filter(dikirim_pada__gte=dari)
        if sampai is not None:
            qs = qs.filter(dikirim_pada__lt=sampai)
        return qs

    def perlu_tindak_lanjut(self):
        return self.filter(minta_tindak_lanjut=True, dijawab_pada__isnull=True)


class Penilaian(models.Model):
    kantor = fk_kantor()
    transaksi = models.OneToOneField(
        "transaksi.Transaksi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penilaian",
        verbose_name=_("transaksi"),
    )
    kunjungan = models.OneToOneField(
        "antrian.Kunjungan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penilaian",
        verbose_name=_("kunjungan"),
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="penilaian", verbose_name=_("pengguna")
    )
    kanal = models.CharField(_("kanal"), max_length=10, choices=Kanal.choices)
    media = models.CharField(_("media"), max_length=10, choices=Media.choices)
    layanan = models.ForeignKey(
        "antrian.Layanan", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("layanan")
    )
    umpan_balik = models.TextField(_("saran dan masukan"), blank=True)
    minta_tindak_lanjut = models.BooleanField(_("minta tindak lanjut"), default=False)
    dibuka_pada = models.DateTimeField(_("formulir dibuka pada"))
    dikirim_pada = models.DateTimeField(_("dikirim pada"), default=timezone.now)
    # The respondent's profile as answered with this rating (optional answers;
    # never read from the account later: the survey reports what was answered).
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices, blank=True)
    kelompok_umur = models.CharField(_("umur"), max_length=3, choices=KelompokUmur.choices, blank=True)
    pendidikan = models.CharField(_("pendidikan terakhir"), max_length=10, choices=Pendidikan.choices, blank=True)
    pekerjaan = models.CharField(_("pekerjaan utama"), max_length=10, choices=PekerjaanSKM.choices, blank=True)

    jawaban = models.TextField(_("jawaban petugas"), blank=True)
    dijawab_oleh = oleh(_("dijawab oleh"))
    dijawab_pada = pada(_("dijawab pada"))

    objects = PenilaianQuerySet.as_manager()

    class Meta:
        verbose_name = _("penilaian layanan")
        verbose_name_plural = pgettext_lazy("jamak", "penilaian layanan")
        ordering = ["-dikirim_pada"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(transaksi__isnull=False) & Q(kunjungan__isnull=True))
                | (Q(transaksi__isnull=True) & Q(kunjungan__isnull=False)),
                name="penilaian_satu_sasaran",
            ),
            models.CheckConstraint(condition=Q(dikirim_pada__gte=models.F("dibuka_pada")), name="penilaian_urut_waktu"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{kolom}__gte": SKOR_MIN, f"{kolom}__lte": SKOR_MAKS}),
                    name=f"penilaian_{kolom}_1_4",
                )
                for kolom in KOLOM_SKOR
            ),
        ]
        indexes = [
            models.Index(fields=["dikirim_pada"], name="penilaian_dikirim"),
            models.Index(fields=["kantor", "dikirim_pada"], name="penilaian_kantor_dikirim"),
            models.Index(
                fields=["dikirim_pada"], name="penilaian_tindak_lanjut", condition=Q(minta_tindak_lanjut=True)
            ),
        ]

    def __str__(self):
        if self.transaksi:
            return _("Penilaian %(transaksi)s") % {"transaksi": self.transaksi}
        return _("Penilaian kunjungan %(kunjungan)s") % {"kunjungan": self.kunjungan_id}

    @property
    def skor(self) -> dict[str, int]:
        return {u.kode: getattr(self, u.kolom) for u in UNSUR}

    @property
    def durasi_pengisian(self):
        return self.dikirim_pada - self.dibuka_pada


# The nine score columns, generated from the one SKM table; named in the
# reader's language (the element's name is a lazy translation).
for _u in UNSUR:
    Penilaian.add_to_class(
        _u.kolom,
        models.PositiveSmallIntegerField(
            format_lazy("{} {}", _u.kode, _u.nama),
            validators=[MinValueValidator(SKOR_MIN), MaxValueValidator(SKOR_MAKS)],
        ),
    )


class LaporanBulanan(models.Model):
    """The head of office's monthly report, built by a Celery task (PDF, XLSX,
    CSV): one per month and office, or the province's (no office) with every
    office's figures. Its files hold that office's figures and visitors'
    feedback only, so each is shown to who sees that office (the province's
    to who sees every office)."""

    class Status(models.TextChoices):
        ANTRE = "antre", _("Menunggu giliran")
        PROSES = "proses", _("Sedang disusun")
        SIAP = "siap", _("Siap diunduh")
        GAGAL = "gagal", _("Gagal")

    # `galat` of a build the task queue did not take (`keterangan_gagal`).
    GALAT_ANTREAN = "Antrean tugas tidak terjangkau."

    bulan = models.DateField(_("bulan"), help_text=_("Tanggal 1 bulan laporan."))
    kantor = fk_kantor_atau_provinsi(_("Kosong: laporan seluruh provinsi."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRE)
    progres = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    tahap = models.CharField(_("tahap"), max_length=100, blank=True)
    pdf = models.FileField(_("berkas PDF"), upload_to=JalurPrivat("laporan"), max_length=300, blank=True)
    xlsx = models.FileField(_("berkas XLSX"), upload_to=JalurPrivat("laporan"), max_length=300, blank=True)
    csv = models.FileField(_("berkas CSV"), upload_to=JalurPrivat("laporan"), max_length=300, blank=True)
    diminta_oleh = oleh(_("diminta oleh"), on_delete=models.SET_NULL)
    diminta_pada = models.DateTimeField(_("diminta pada"), default=timezone.now)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    dikirim_pada = pada(_("dikirim ke supervisor pada"))
    galat = models.TextField(_("galat"), blank=True)

    class Meta:
        verbose_name = _("laporan bulanan")
        verbose_name_plural = pgettext_lazy("jamak", "laporan bulanan")
        ordering = ["-bulan"]
        constraints = unik_per_kantor(
            "bulan", nama="laporan_kantor_bulan_unik", nama_tanpa_kantor="laporan_provinsi_bulan_unik"
        )

    def __str__(self):
        return _("Laporan %(bulan)s") % {"bulan": f"{self.bulan:%m/%Y}"}

    # A build takes seconds; one still queued or "in process" after this lost
    # its task or its worker (the database gone as the worker took it, killed
    # mid-PDF, restarted by a deploy) and may be queued and claimed again.
    MASA_SUSUN_MAKS = timedelta(minutes=30)

    @property
    def selesai(self) -> bool:
        return self.status in (self.Status.SIAP, self.Status.GAGAL)

    @property
    def keterangan_gagal(self) -> str:
        """Why the build failed, for the page, in its reader's language.
        `galat` is for the admins (the admin page, beside the log): it holds
        `GALAT_ANTREAN` or an exception's own text, which tells a supervisor
        nothing they can act on."""
        if self.galat == self.GALAT_ANTREAN:
            return gettext("Antrean tugas tidak terjangkau; coba susun lagi sebentar lagi.")
        return gettext(
            "Terjadi kesalahan pada sistem; rinciannya dicatat untuk admin aplikasi. "
            "Coba lagi; bila tetap gagal, hubungi admin aplikasi."
        )

    @classmethod
    def terbengkalai_q(cls) -> Q:
        lama = timezone.now() - cls.MASA_SUSUN_MAKS
        return Q(status__in=[cls.Status.ANTRE, cls.Status.PROSES], diminta_pada__lt=lama)

    @property
    def terbengkalai(self) -> bool:
        """`terbengkalai_q` for this row: its page offers building it again."""
        return not self.selesai and self.diminta_pada < timezone.now() - self.MASA_SUSUN_MAKS


class RencanaTindakLanjut(models.Model):
    """The supervisor's improvement plan for one month's SKM result (the
    regulation's *rencana tindak lanjut*), printed with the recapitulation.

    One per month and recapitulation: an office's plan answers that office's
    result, the plan without an office the province's (the SKM page of whoever
    sees every office), so no office overwrites another's."""

    bulan = models.DateField(_("bulan"), help_text=_("Tanggal 1 bulan survei."))
    kantor = fk_kantor_atau_provinsi(_("Kosong: rekapitulasi seluruh provinsi."))
    isi = models.TextField(_("rencana tindak lanjut"))
    diubah_oleh = oleh(_("diubah oleh"), wajib=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), default=timezone.now)

    class Meta:
        verbose_name = _("rencana tindak lanjut SKM")
        verbose_name_plural = pgettext_lazy("jamak", "rencana tindak lanjut SKM")
        ordering = ["-bulan"]
        constraints = unik_per_kantor(
            "bulan", nama="rtl_kantor_bulan_unik", nama_tanpa_kantor="rtl_provinsi_bulan_unik"
        )

    def __str__(self):
        return _("Rencana tindak lanjut %(bulan)s") % {"bulan": f"{self.bulan:%m/%Y}"}


class RingkasanKepatuhan(models.Model):
    """A closed month's count for one SOP step: cases and cases within the
    standard. A closed month never changes (cases count in the month they
    ended, and history is append-only), so the compliance trend reads these
    rows instead of counting the history again — also after a cache flush."""

    # Empty: every office together (the province's trend).
    kantor = models.ForeignKey(
        "pst_layanan.Kantor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kantor"),
    )
    standar = models.CharField(_("standar SOP"), max_length=20)
    bulan = models.CharField(_("bulan"), max_length=7, help_text=_("YYYY-MM"))
    kasus = models.PositiveIntegerField(_("jumlah kasus"))
    dalam = models.PositiveIntegerField(_("kasus dalam standar"))
    dihitung_pada = models.DateTimeField(_("dihitung pada"), default=timezone.now)

    class Meta:
        verbose_name = _("ringkasan kepatuhan bulanan")
        verbose_name_plural = pgettext_lazy("jamak", "ringkasan kepatuhan bulanan")
        constraints = unik_per_kantor(
            "standar",
            "bulan",
            nama="ringkasan_kantor_standar_bulan_unik",
            nama_tanpa_kantor="ringkasan_standar_bulan_unik",
        )

    def __str__(self):
        return f"{self.standar} {self.bulan}: {self.dalam}/{self.kasus}"
