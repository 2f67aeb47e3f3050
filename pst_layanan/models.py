"""Core models: the user and their guest-book biodata, the office, its
calendar corrections, and the e-mail outbox."""

from __future__ import annotations

import re
from datetime import time

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pst_layanan.appendonly import AppendOnlyModel
from pst_layanan.kolom import oleh, pada
from pst_layanan.sop import TARGET_INTERNAL


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", _("Laki-laki")
    PEREMPUAN = "P", _("Perempuan")


class Pendidikan(models.TextChoices):
    SD = "sd", _("SD/sederajat ke bawah")
    SMP = "smp", _("SMP/sederajat")
    SMA = "sma", _("SMA/sederajat")
    D1_D3 = "d3", _("D1/D2/D3")
    S1 = "s1", _("D4/S1")
    S2 = "s2", _("S2")
    S3 = "s3", _("S3")


class Pekerjaan(models.TextChoices):
    PELAJAR = "pelajar", _("Pelajar/Mahasiswa")
    PENELITI = "peneliti", _("Peneliti/Dosen")
    ASN = "asn", _("ASN/TNI/Polri")
    PEGAWAI_BUMN = "bumn", _("Pegawai BUMN/BUMD")
    SWASTA = "swasta", _("Pegawai swasta")
    WIRASWASTA = "wiraswasta", _("Wiraswasta")
    LAINNYA = "lainnya", _("Lainnya")


class KategoriInstansi(models.TextChoices):
    """The nine institution categories of BPS's PST guest book, in its order."""

    NEGARA = "negara", _("Lembaga negara")
    KEMENTERIAN = "kementerian", _("Kementerian & lembaga pemerintah")
    HANKAM = "hankam", _("TNI/Polri/BIN/Kejaksaan")
    PEMDA = "pemda", _("Pemerintah daerah")
    INTERNASIONAL = "internasional", _("Lembaga internasional")
    PENDIDIKAN = "pendidikan", _("Lembaga penelitian & pendidikan")
    BUMN = "bumn", _("BUMN/BUMD")
    SWASTA = "swasta", _("Swasta")
    LAINNYA = "lainnya", _("Lainnya")


# 0-9, not \d: Python's \d also takes Arabic-Indic and full-width digits.
npwp_validator = RegexValidator(
    r"^[0-9]{15,16}$", _("NPWP terdiri atas 15 atau 16 angka (tanpa titik dan tanda hubung).")
)
telepon_validator = RegexValidator(r"^\+?[0-9]{8,15}$", _("Nomor telepon 8–15 angka, boleh diawali +."))


def rapikan_telepon(teks: str) -> str:
    """A phone number as people write it, stored and looked up as digits
    (with its leading +): spaces, hyphens, dots and the brackets round an
    area code are only how it is set out, as in the office's own (0736) 349117.
    The "(0)" a business card prints after the country code, +62 (0)736 …,
    is dialled only from inside the country: kept, it made +620736… (or,
    written without the plus, 620736…), a number that reaches nobody. So is
    the 0 many write after +62 without brackets (+62 0812 …): no Indonesian
    number after the country code starts with 0 (another country's may)."""
    rapi = re.sub(r"[\s\-.]", "", teks)
    rapi = re.sub(r"^(\+[0-9]{1,3}|62)\(0\)", r"\1", rapi)
    rapi = re.sub(r"[()]", "", rapi)
    return re.sub(r"^(\+?62)0", r"\1", rapi)


# The apostrophe of Ni'mah, Ma'ruf or O'Neil as keyboards write it: a phone's
# turns ' into ’, a desk computer's leaves it; some type ` or ´ for it.
APOSTROF = "'\u2019\u2018\u02bc`\u00b4"
_APOSTROF = re.compile(f"[{APOSTROF}]")


def cocok_nama(kolom: str, teks: str) -> Q:
    """Rows whose name in `kolom` holds `teks` (case aside), with any of its
    apostrophes matching any other: a name typed with ' on the desk finds the
    visitor who wrote it with ’ on their phone, and the other way round.
    Spaces count as one, as names are stored (`Pengguna.clean`): a name
    typed with two, or pasted from a chat with a no-break space, is found."""
    teks = " ".join(teks.split())
    if not _APOSTROF.search(teks):
        return Q(**{f"{kolom}__icontains": teks})
    q = Q()
    for a in APOSTROF:
        q |= Q(**{f"{kolom}__icontains": _APOSTROF.sub(a, teks)})
    return q


def tahun_ini() -> int:
    return timezone.localdate().year


# A birth year is this year or earlier: the SKM respondent profile groups ages
# by it. A MaxValueValidator, so the column's own far larger bound is not
# checked (and said) as well.
tahun_lahir_sudah_lewat = MaxValueValidator(tahun_ini, _("Tahun lahir tidak boleh melewati tahun ini."))


# The guest book's biodata fields (PST guest book), in the order they are
# asked: the forms, the admin and the visitor's data download use this list.
BIODATA = (
    "nama_lengkap",
    "telepon",
    "jenis_kelamin",
    "tahun_lahir",
    "pendidikan",
    "pekerjaan",
    "nama_instansi",
    "kategori_instansi",
    "npwp",
)


class PenggunaManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("E-mail wajib diisi.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, email_terverifikasi=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class Pengguna(AbstractBaseUser, PermissionsMixin):
    """A person using the application: visitor or officer.

    Holds only the biodata the PST guest book asks for. No national ID
    number is stored (UU 27/2022: collect only what the service needs).
    """

    email = models.EmailField(_("e-mail"), unique=True)
    nama_lengkap = models.CharField(_("nama lengkap"), max_length=150)
    telepon = models.CharField(_("telepon/WA"), max_length=20, blank=True, validators=[telepon_validator])
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices, blank=True)
    tahun_lahir = models.PositiveSmallIntegerField(
        _("tahun lahir"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), tahun_lahir_sudah_lewat],
    )
    pendidikan = models.CharField(_("pendidikan terakhir"), max_length=10, choices=Pendidikan.choices, blank=True)
    pekerjaan = models.CharField(_("pekerjaan"), max_length=20, choices=Pekerjaan.choices, blank=True)
    nama_instansi = models.CharField(_("nama instansi"), max_length=200, blank=True)
    kategori_instansi = models.CharField(
        _("kategori instansi"), max_length=20, choices=KategoriInstansi.choices, blank=True
    )
    npwp = models.CharField(_("NPWP"), max_length=16, blank=True, validators=[npwp_validator])
    # Pages after login and every e-mail and PDF for this person. Empty until
    # they choose or first log in, when the browser's language is taken.
    bahasa = models.CharField(_("bahasa"), max_length=8, choices=settings.LANGUAGES, blank=True)
    persetujuan_privasi_pada = pada(_("menyetujui pemberitahuan privasi pada"))
    email_terverifikasi = models.BooleanField(_("e-mail terverifikasi"), default=False)
    is_staff = models.BooleanField(_("akses back office"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    tanggal_daftar = models.DateTimeField(_("tanggal daftar"), default=timezone.now)
    dianonimkan_pada = pada(_("dianonimkan pada"))
    # The offices an officer, receptionist or supervisor works for: they see
    # only these offices' data (pst_layanan/kantor.py). A visitor has none and
    # is served at every office; the province supervisor sees all.
    kantor = models.ManyToManyField(
        "pst_layanan.Kantor", blank=True, related_name="pegawai", verbose_name=_("kantor tempat bertugas")
    )

    objects = PenggunaManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["nama_lengkap"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = pgettext_lazy("jamak", "pengguna")
        ordering = ["nama_lengkap"]
        indexes = [models.Index(fields=["telepon"]), models.Index(fields=["nama_lengkap"])]

    def __str__(self):
        return f"{self.nama_lengkap} <{self.email}>"

    @classmethod
    def normalize_username(cls, username):
        """The address as sign-up and the manager store it, lowercase, also
        from a model form (the admin's): a second account differing only in
        case passed the unique check, and signing in with either then failed
        (the login looks the address up case-insensitively)."""
        return super().normalize_username(username).strip().lower()

    def clean(self):
        super().clean()
        # Names go into the staff's plain-text e-mails: a line break sent in
        # one (a hand-made request; the inputs are one line) would start a
        # line of its own there, such as a fake "Buka: http://…".
        self.nama_lengkap = " ".join(self.nama_lengkap.split())
        self.nama_instansi = " ".join(self.nama_instansi.split())

    def get_full_name(self):
        return self.nama_lengkap

    def get_short_name(self):
        return self.nama_lengkap.split(" ")[0] if self.nama_lengkap else self.email

    def catat_persetujuan(self):
        self.persetujuan_privasi_pada = timezone.now()


KODE_PROVINSI = "1700"
KUNCI_KANTOR_BAWAAN = "pst:kantor:bawaan"


# SIMPONI issues billing codes valid for days or weeks: an expiry beyond a
# year is a mistyped year, and an invoice that would never lapse.
BERLAKU_BILLING_TERLAMA_HARI = 366
# A century: "keep for ever" typed as 999999 days put the daily retention job's
# cut-off before year 1, so it stopped for every office.
RETENSI_TERLAMA_HARI = 36_500
# Latin digits, perhaps grouped as the bank prints them: visitors copy it into
# their transfer form, where a letter O for a 0 sends the money nowhere.
NOMOR_REKENING = re.compile(r"[0-9]+([ .-][0-9]+)*")
# ISO 9362: bank (4 letters), country (2), location (2), branch (3, optional).
KODE_SWIFT = re.compile(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?")


# What an office's phone holds until its supervisor types the number.
TELEPON_BELUM_DIKETAHUI = "–"


class Kantor(models.Model):
    """One BPS office running PST (the provincial office or a regency/city
    office): its settings, and the dimension every visit, ticket, counter,
    appointment, transaction and rating belongs to.

    Read one through `pst_layanan.kantor`, never by hand (cached until saved).
    """

    kode = models.CharField(
        _("kode BPS"),
        max_length=4,
        unique=True,
        default=KODE_PROVINSI,
        validators=[RegexValidator(r"^[0-9]{4}$", _("Kode BPS terdiri atas 4 angka, mis. 1771."))],
        help_text=_("Kode wilayah BPS: 1700 provinsi, 1701–1709 kabupaten, 1771 kota. Tercetak di setiap nomor."),
    )
    nama = models.CharField(_("nama kantor"), max_length=200, default="BPS Provinsi Bengkulu")
    nama_layanan = models.CharField(_("nama layanan"), max_length=200, default="Pelayanan Statistik Terpadu (PST)")
    aktif = models.BooleanField(
        _("melayani PST"),
        default=True,
        help_text=_(
            "Matikan bila kantor ini berhenti melayani PST: pengunjung tidak dapat lagi memilihnya untuk antrean, "
            "buku tamu, janji temu dan permintaan baru. Pegawainya tetap menyelesaikan pekerjaan yang sudah ada."
        ),
    )
    alamat = models.TextField(_("alamat"), default="Jl. Adam Malik No. 40, Kota Bengkulu, Bengkulu 38225")
    telepon = models.CharField(_("telepon"), max_length=50, default="(0736) 349117")
    email = models.EmailField(_("e-mail layanan"), default="pst1700@bps.go.id")
    kepala_nama = models.CharField(_("nama kepala kantor"), max_length=150, default="Kepala BPS Provinsi Bengkulu")
    kepala_nip = models.CharField(_("NIP kepala kantor"), max_length=30, blank=True)
    jam_buka = models.TimeField(_("jam buka"), default=time(8, 0))
    jam_tutup_senin_kamis = models.TimeField(_("jam tutup Senin–Kamis"), default=time(15, 30))
    jam_tutup_jumat = models.TimeField(_("jam tutup Jumat"), default=time(16, 0))
    masa_berlaku_billing_hari = models.PositiveSmallIntegerField(_("masa berlaku kode billing (hari)"), default=7)
    masa_unduh_hari = models.PositiveSmallIntegerField(_("masa unduh produk (hari)"), default=30)
    batas_penilaian_hari_kerja = models.PositiveSmallIntegerField(
        _("batas penilaian (hari kerja) sebelum ditutup otomatis"), default=5
    )
    retensi_dokumen_hari = models.PositiveIntegerField(_("retensi dokumen persyaratan (hari)"), default=365)
    target_tagihan_hari_kerja = models.PositiveSmallIntegerField(
        _("target internal: tagihan terbit (hari kerja)"),
        default=TARGET_INTERNAL.tagihan_hari_kerja,
        help_text=_("Sejak persyaratan dinyatakan lengkap. Target kantor, bukan langkah SOP."),
    )
    target_verifikasi_hari_kerja = models.PositiveSmallIntegerField(
        _("target internal: bukti bayar diperiksa (hari kerja)"),
        default=TARGET_INTERNAL.verifikasi_hari_kerja,
        help_text=_("Sejak bukti bayar dikirim. Target kantor, bukan langkah SOP."),
    )
    margin_janji_menit = models.PositiveSmallIntegerField(
        _("margin janji temu (menit)"),
        default=15,
        help_text=_("Tiket janji temu didahulukan mulai sekian menit sebelum waktu janjinya, bukan sejak check-in."),
    )
    # Ways of paying PNBP the office accepts (transaksi/services/kanal.py).
    bayar_simponi = models.BooleanField(
        _("terima pembayaran SIMPONI (NTPN)"),
        default=True,
        help_text=_("Pemohon membayar kode billing dan mengirim Bukti Penerimaan Negara."),
    )
    # Off until the office has a receiving account: on without one, the
    # settings form (clean) would refuse every save of the office.
    bayar_transfer = models.BooleanField(
        _("terima transfer bank / luar negeri"),
        default=False,
        help_text=_("Untuk pemohon tanpa akses SIMPONI (mis. dari luar negeri). Isi rekening penerimaan di bawah."),
    )
    bayar_tunai = models.BooleanField(
        _("terima tunai di bendahara penerimaan"),
        default=False,
        help_text=_("Bendahara mencatat uang yang diterima dan menerbitkan kuitansi bernomor."),
    )
    rekening_bank = models.CharField(_("bank rekening penerimaan"), max_length=120, blank=True)
    rekening_nomor = models.CharField(_("nomor rekening penerimaan"), max_length=40, blank=True)
    rekening_atas_nama = models.CharField(_("rekening atas nama"), max_length=150, blank=True)
    rekening_swift = models.CharField(
        _("kode SWIFT/BIC"), max_length=11, blank=True, help_text=_("Untuk transfer dari luar negeri.")
    )

    class Meta:
        verbose_name = _("kantor")
        verbose_name_plural = pgettext_lazy("jamak", "kantor")
        ordering = ["kode"]

    def __str__(self):
        return self.nama

    @property
    def terima_transfer(self) -> bool:
        """A transfer is taken only where the office's account is known: there is nowhere else to send it."""
        return self.bayar_transfer and bool(self.rekening_nomor)

    @property
    def telepon_dikenal(self) -> str:
        """The office's number, or "" while it is unknown: a document leaves
        the phone out rather than print a dash for it."""
        telepon = self.telepon.strip()
        return "" if telepon == TELEPON_BELUM_DIKETAHUI else telepon

    @property
    def kontak(self) -> str:
        """How a sentence names the way to reach the office: its number when
        known, and its e-mail ("(0736) 349117, pst1700@bps.go.id")."""
        return ", ".join(x for x in (self.telepon_dikenal, self.email) if x)

    @property
    def hanya_simponi(self) -> bool:
        return self.bayar_simponi and not (self.terima_transfer or self.bayar_tunai)

    def clean(self):
        super().clean()
        if not self.aktif and self.kode == KODE_PROVINSI:
            # Visitors who chose no office, and rows made without one, are served here.
            raise ValidationError({"aktif": _("Kantor provinsi selalu melayani PST dan tidak dapat dimatikan.")})
        # A close at or before the opening keeps the queue shut all day and puts every deadline before the opening.
        tutup_terlalu_awal = {
            kolom: _("Jam tutup harus sesudah jam buka.")
            for kolom in ("jam_tutup_senin_kamis", "jam_tutup_jumat")
            if self.jam_buka and getattr(self, kolom) and getattr(self, kolom) <= self.jam_buka
        }
        if tutup_terlalu_awal:
            raise ValidationError(tutup_terlalu_awal)
        # 0 days: a billing code would lapse as it is issued, a product the moment it is handed over.
        nol_hari = {
            kolom: _("Isi minimal 1 hari.")
            for kolom in ("masa_berlaku_billing_hari", "masa_unduh_hari")
            if getattr(self, kolom) == 0
        }
        if nol_hari:
            raise ValidationError(nol_hari)
        if self.masa_berlaku_billing_hari > BERLAKU_BILLING_TERLAMA_HARI:
            # The invoice form refuses an expiry this far: its own suggestion would be refused.
            raise ValidationError(
                {"masa_berlaku_billing_hari": _("Paling lama %(hari)s hari.") % {"hari": BERLAKU_BILLING_TERLAMA_HARI}}
            )
        if self.retensi_dokumen_hari is not None and self.retensi_dokumen_hari > RETENSI_TERLAMA_HARI:
            raise ValidationError(
                {"retensi_dokumen_hari": _("Paling lama %(hari)s hari.") % {"hari": RETENSI_TERLAMA_HARI}}
            )
        if self.rekening_nomor and not NOMOR_REKENING.fullmatch(self.rekening_nomor):
            pesan = _("Nomor rekening hanya berisi angka, boleh dipisah spasi, titik atau tanda hubung.")
            raise ValidationError({"rekening_nomor": pesan})
        self.rekening_swift = self.rekening_swift.strip().upper()
        if self.rekening_swift and not KODE_SWIFT.fullmatch(self.rekening_swift):
            pesan = _("Kode SWIFT/BIC terdiri atas 8 atau 11 huruf dan angka, mis. BRINIDJA.")
            raise ValidationError({"rekening_swift": pesan})
        if self.bayar_transfer and not (self.rekening_bank and self.rekening_nomor and self.rekening_atas_nama):
            raise ValidationError(
                {"rekening_nomor": _("Isi bank, nomor dan nama rekening penerimaan, atau matikan pembayaran transfer.")}
            )
        if not (self.bayar_simponi or self.bayar_transfer or self.bayar_tunai):
            raise ValidationError({"bayar_simponi": _("Aktifkan minimal satu cara pembayaran.")})


def kantor_bawaan() -> int:
    """The provincial office's id: the office of rows made without one (data
    from before there were several offices, and single-office setups).

    Reads only the id column, so migrations that add an office column can
    call it whatever later migrations add to the office."""
    pk = cache.get(KUNCI_KANTOR_BAWAAN)
    if pk is None:
        pk = Kantor.objects.filter(kode=KODE_PROVINSI).values_list("pk", flat=True).first()
        if pk is None:
            pk = Kantor.objects.create(kode=KODE_PROVINSI).pk
        cache.set(KUNCI_KANTOR_BAWAAN, pk, 300)
    return pk


def pegawai_kantor(kantor_id: int) -> Q:
    """Users who work for office `kantor_id`: assigned to it, or — for the
    provincial office — assigned to none (a single-office setup's staff)."""
    return milik_kantor([kantor_id])


def milik_kantor(ids, kolom: str = "kantor") -> Q:
    """Rows of the offices `ids` by their `kolom`, where none counts as the
    provincial office's (staff without an office, mail about no office)."""
    q = Q(**{f"{kolom}__in": sorted(ids)})
    if kantor_bawaan() in ids:
        q |= Q(**{f"{kolom}__isnull": True})
    return q


def fk_kantor(**extra) -> models.ForeignKey:
    """The office a row belongs to: the same column on every office-owned model."""
    return _fk_kantor(default=kantor_bawaan, **extra)


def fk_kantor_atau_provinsi(keterangan, on_delete=models.PROTECT) -> models.ForeignKey:
    """One office's row, or — left empty — every office's or the whole
    province's (a calendar correction, a monthly report, an improvement plan):
    `keterangan` says what empty means."""
    return _fk_kantor(null=True, blank=True, help_text=keterangan, on_delete=on_delete)


def unik_per_kantor(*kolom: str, nama: str, nama_tanpa_kantor: str) -> list[models.UniqueConstraint]:
    """One row per office and `kolom`, and one row without an office: NULL
    never collides in a plain unique index, so the row without an office gets
    a partial index of its own."""
    return [
        models.UniqueConstraint(fields=["kantor", *kolom], name=nama),
        models.UniqueConstraint(fields=list(kolom), condition=Q(kantor__isnull=True), name=nama_tanpa_kantor),
    ]


def _fk_kantor(on_delete=models.PROTECT, **extra) -> models.ForeignKey:
    return models.ForeignKey(Kantor, on_delete=on_delete, related_name="+", verbose_name=_("kantor"), **extra)


class HariKantor(models.Model):
    """An office correction to the national calendar for one date: for every
    office when `kantor` is empty, else for that office only (a regency's
    local holiday closes that office, not the others)."""

    class Jenis(models.TextChoices):
        TUTUP = "tutup", _("Kantor tutup (libur tambahan)")
        BUKA = "buka", _("Kantor buka (hari kerja)")

    kantor = fk_kantor_atau_provinsi(_("Kosongkan bila berlaku untuk semua kantor."), on_delete=models.CASCADE)
    tanggal = models.DateField(_("tanggal"))
    jenis = models.CharField(_("jenis"), max_length=5, choices=Jenis.choices)
    keterangan = models.CharField(_("keterangan"), max_length=200)

    class Meta:
        verbose_name = _("koreksi kalender kantor")
        verbose_name_plural = _("kalender kantor")
        ordering = ["-tanggal"]
        constraints = unik_per_kantor(
            "tanggal", nama="harikantor_kantor_tanggal_unik", nama_tanpa_kantor="harikantor_semua_tanggal_unik"
        )

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y} {self.get_jenis_display()}"


class Surel(models.Model):
    """One outgoing e-mail (outbox row).

    Written in the same database transaction as the change that caused it,
    so a failing broker or mail server loses nothing: the send task retries
    and a periodic sweep picks up rows whose task was lost.
    """

    class Status(models.TextChoices):
        ANTRE = "antre", _("Dalam antrean")
        TERKIRIM = "terkirim", _("Terkirim")
        GAGAL = "gagal", _("Gagal (akan dicoba lagi)")

    class TautanRahasia(models.TextChoices):
        VERIFIKASI = "verifikasi", _("Verifikasi e-mail")
        ATUR_SANDI = "atur_sandi", _("Atur kata sandi")

    penerima = models.JSONField(_("penerima"))
    subjek = models.CharField(_("subjek"), max_length=255)
    isi = models.TextField(_("isi"))
    # An account link (password or verification token) is never stored: the
    # body holds a marker, and the link for `pengguna` is made when it is sent.
    tautan_rahasia = models.CharField(_("tautan rahasia"), max_length=12, choices=TautanRahasia.choices, blank=True)
    pengguna = oleh(_("akun tautan"), on_delete=models.SET_NULL)
    # Whose business the e-mail is (its transaction's, ticket's … office): the
    # admin shows an office's supervisor that office's mail only.
    kantor = fk_kantor_atau_provinsi(_("Kosong: surel akun, bukan urusan satu kantor."), on_delete=models.SET_NULL)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRE)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    terkirim_pada = pada(_("terkirim pada"))
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    galat_terakhir = models.TextField(_("galat terakhir"), blank=True)
    # Claimed by a sender until this instant: stops two workers sending it twice.
    dikunci_sampai = models.DateTimeField(_("dikunci pengirim sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("surel keluar")
        verbose_name_plural = pgettext_lazy("jamak", "surel keluar")
        ordering = ["-dibuat_pada"]
        indexes = [models.Index(fields=["status", "dibuat_pada"])]

    def __str__(self):
        return self.subjek


class AksesDataPribadi(AppendOnlyModel):
    """Who looked at whose personal record, and when (UU 27/2022).

    Append-only: written by `data_pribadi.catat_akses`, never changed. An
    erased visitor is anonymised, not deleted, so the log keeps its subject.
    """

    petugas = oleh(_("petugas"), wajib=True)
    subjek = oleh(_("pemilik data"), wajib=True)
    halaman = models.CharField(_("halaman yang dibuka"), max_length=200)
    waktu = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("akses data pribadi")
        verbose_name_plural = _("log akses data pribadi")
        ordering = ["-waktu"]

    def __str__(self):
        return f"{self.petugas_id} → {self.subjek_id} ({self.halaman})"


class Penanda(models.Model):
    """A named instant the operations checks read: the beat heartbeat
    ("detak-beat"), open incidents of the stuck-work check ("insiden:…",
    present while the incident lasts, so it is reported once) and a late
    heartbeat seen by one check ("curiga:beat")."""

    nama = models.CharField(_("nama"), max_length=60, primary_key=True)
    pada = models.DateTimeField(_("pada"))

    class Meta:
        verbose_name = _("penanda operasi")
        verbose_name_plural = pgettext_lazy("jamak", "penanda operasi")

    def __str__(self):
        return self.nama


class BerkasDihapus(models.Model):
    """A private file no row names any more, waiting to be deleted from disk.

    Written in the same transaction as the change that stopped naming it, so
    the deletion is never lost: the file job (`cadangan.hapus_antrean`)
    deletes it once no backup is copying files, and drops the row.
    """

    nama = models.CharField(_("berkas"), max_length=300)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("berkas menunggu dihapus")
        verbose_name_plural = pgettext_lazy("jamak", "berkas menunggu dihapus")

    def __str__(self):
        return self.nama
