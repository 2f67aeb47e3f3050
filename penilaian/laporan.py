"""The head of office's monthly report: one data function (`susun`) and three
renderers (PDF, XLSX, CSV) that print exactly its numbers — the report page
shows the same structure, so page, PDF and spreadsheet never disagree.
"""

from __future__ import annotations

import io
import logging
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

from antrian import ekspor_bukutamu
from antrian.models import Kanal, Kunjungan
from penilaian import grafik, grafik_svg, ikm, mutu, rekap_skm
from penilaian.models import LaporanBulanan, Penilaian
from pst_layanan.bahasa import bahasa_kantor
from pst_layanan.berkas import hapus_bila_gagal
from pst_layanan.cadangan import hapus_setelah_commit
from pst_layanan.celery import terbitkan
from pst_layanan.ekspor import Rupiah, tulis_csv, tulis_lembar
from pst_layanan.format import bulat
from pst_layanan.kantor import di_kantor, email_per_kantor, nama_berkas_bulan, nama_cakupan
from pst_layanan.kantor import kantor as satu_kantor
from pst_layanan.notifikasi import kirim_surel
from pst_layanan.pdf import render_pdf
from pst_layanan.periode import Bulan
from pst_layanan.roles import PENGAWAS_PROVINSI, SUPERVISOR, email_peran
from transaksi.models import ITEM_DIKENAKAN, ItemTransaksi, Produk, Status, Transaksi

log = logging.getLogger(__name__)

BATAS_UMPAN_BALIK = 200
BATAS_PELANGGARAN = 10


@dataclass(frozen=True)
class DataLaporan:
    bulan: Bulan
    kunjungan: list[tuple[str, int]]  # (channel label, visits)
    kunjungan_total: int
    transaksi_status: list[tuple[str, int]]  # (status label, transactions created in the month)
    transaksi_total: int
    transaksi_produk: list[tuple[str, int, Decimal]]  # (product, items, subtotal)
    pnbp_ditagihkan: Decimal
    pnbp_diterima: Decimal
    sumber_pnbp: str
    kepatuhan: list[mutu.Kepatuhan]
    ikm: ikm.HasilIKM
    ikm_kanal: list[tuple[str, ikm.HasilIKM]]
    umpan_balik: list[Penilaian]  # the month's first BATAS_UMPAN_BALIK
    umpan_balik_total: int  # all the month's feedback, to say how many the report leaves out
    kantor: int | None = None  # the office reported on; None: every office

    @property
    def beberapa_kantor(self) -> bool:
        """A report of every office: each feedback names the office it speaks of."""
        return self.kantor is None

    @property
    def catatan_umpan_balik(self) -> str:
        """The note under the feedback when the report holds only the first
        ones: the page, the PDF and the spreadsheet say how many are left out
        and where they are, so no one reads the list as the whole month's."""
        lain = self.umpan_balik_total - len(self.umpan_balik)
        if lain <= 0:
            return ""
        return ngettext(
            "%(lain)s saran dan masukan lain bulan ini tidak dimuat di laporan (hanya %(dimuat)s yang pertama); "
            "semuanya ada di halaman Umpan balik.",
            "%(lain)s saran dan masukan lain bulan ini tidak dimuat di laporan (hanya %(dimuat)s yang pertama); "
            "semuanya ada di halaman Umpan balik.",
            lain,
        ) % {"lain": lain, "dimuat": len(self.umpan_balik)}


def _label(pilihan, nilai) -> str:
    return str(dict(pilihan).get(nilai, nilai or "–"))


def susun(bulan: Bulan, kantor: int | None = None) -> DataLaporan:
    """Every number of the report for `bulan` — of office `kantor`, or of the
    whole province (None) — with a fixed number of queries."""
    dari, sampai = bulan.mulai, bulan.sampai
    kunj = dict(
        di_kantor(Kunjungan.objects.filter(tiba_pada__gte=dari, tiba_pada__lt=sampai), kantor)
        .order_by()
        .values_list("kanal")
        .annotate(n=Count("pk"))
    )
    transaksi = di_kantor(Transaksi.objects.filter(dibuat_pada__gte=dari, dibuat_pada__lt=sampai), kantor)
    # Cancelled products, refunded or not, were never delivered.
    batal = (Status.DIBATALKAN, Status.DIKEMBALIKAN)
    per_status = dict(transaksi.order_by().values_list("status").annotate(n=Count("pk")))
    per_produk = {
        p: (n, j)
        for p, n, j in ItemTransaksi.objects.filter(transaksi__in=transaksi.exclude(status__in=batal))
        .order_by()
        .values_list("produk")
        .annotate(n=Count("pk"), j=Sum("subtotal", filter=ITEM_DIKENAKAN))
    }
    # Read through the catalogue, which answers in the reader's language; the
    # column itself holds the Indonesian name.
    nama_produk = {p.pk: p.nama for p in Produk.objects.filter(pk__in=per_produk)}
    tagih, bayar = grafik.pnbp_bulanan(dari, sampai, kantor).get(bulan, (Decimal(0), Decimal(0)))
    penilaian = di_kantor(Penilaian.objects.periode(dari, sampai), kantor)
    umpan_balik = penilaian.exclude(umpan_balik="")
    return DataLaporan(
        bulan=bulan,
        kunjungan=[(str(label), kunj.get(k, 0)) for k, label in Kanal.choices],
        kunjungan_total=sum(kunj.values()),
        transaksi_status=[(str(label), per_status[s]) for s, label in Status.choices if per_status.get(s)],
        transaksi_total=sum(per_status.values()),
        transaksi_produk=sorted((nama_produk[p], n, j or Decimal(0)) for p, (n, j) in per_produk.items()),
        pnbp_ditagihkan=tagih,
        pnbp_diterima=bayar,
        # Every invoice carries a SIMPONI billing code, whatever it was paid
        # through; refunds are the treasurer's reconciliation's.
        sumber_pnbp=gettext(
            "tagihan (kode billing SIMPONI) yang terbit dan yang lunas bulan ini, lewat kanal bayar mana pun; "
            "pengembalian PNBP tercatat di rekonsiliasi bendahara"
        ),
        kepatuhan=mutu.semua_kepatuhan(bulan, BATAS_PELANGGARAN, kantor),
        ikm=ikm.hitung_ikm(penilaian),
        ikm_kanal=[(_label(Kanal.choices, k), h) for k, h in ikm.ikm_per(penilaian, "kanal")],
        umpan_balik=list(
            umpan_balik.select_related("transaksi", "layanan").order_by("dikirim_pada")[:BATAS_UMPAN_BALIK]
        ),
        umpan_balik_total=umpan_balik.count(),
        kantor=kantor,
    )


def baris_tabel(d: DataLaporan) -> list[tuple[str, str, int | Decimal | str | None]]:
    """The report as (section, item, value) rows: the CSV, and the XLSX
    summary sheet. Counts, rupiah and scores stay numbers, so the
    spreadsheet holds number cells, and a figure with nothing to measure
    is a blank cell, not a dash; only words are text. Whose and which
    month's figures are named inside too: a file may be forwarded without its name."""
    baris = [("Laporan", "Unit pelayanan", nama_cakupan(d.kantor)), ("Laporan", "Bulan", d.bulan.nama)]
    baris += [("Kunjungan", label, n) for label, n in d.kunjungan]
    baris.append(("Kunjungan", "Jumlah", d.kunjungan_total))
    baris += [("Transaksi menurut status", label, n) for label, n in d.transaksi_status]
    baris.append(("Transaksi menurut status", "Jumlah", d.transaksi_total))
    for nama, n, j in d.transaksi_produk:
        baris += [
            ("Transaksi menurut produk", f"{nama}: item", n),
            ("Transaksi menurut produk", f"{nama}: subtotal (Rp)", Rupiah(j)),
        ]
    baris += [("PNBP", "Ditagihkan", Rupiah(d.pnbp_ditagihkan)), ("PNBP", "Diterima", Rupiah(d.pnbp_diterima))]
    for k in d.kepatuhan:
        nama = f"{k.standar.langkah} {k.standar.nama} ({k.uraian})"
        baris += [
            ("Kepatuhan SOP", f"{nama}: kasus", k.kasus),
            ("Kepatuhan SOP", f"{nama}: sesuai standar (%)", k.persen),  # no cases: a blank cell
            # Nor a median or P90: blank, where the page shows "–".
            ("Kepatuhan SOP", f"{nama}: median", None if k.median is None else k.median_tampil),
            ("Kepatuhan SOP", f"{nama}: persentil ke-90", None if k.p90 is None else k.p90_tampil),
            ("Kepatuhan SOP", f"{nama}: pelanggaran", k.jumlah_pelanggaran),
        ]
    baris.append(("IKM", "Responden", d.ikm.responden))
    if d.ikm.ada:
        baris += [("IKM", f"NRR {n.unsur.kode} {n.unsur.nama}", n.nrr_tampil) for n in d.ikm.unsur]
        baris += [
            ("IKM", "Nilai IKM", d.ikm.ikm),
            ("IKM", "Mutu pelayanan", f"{d.ikm.mutu.huruf} ({d.ikm.mutu.kinerja})"),
        ]
    # The page and the PDF give each channel's index too; so do the files.
    for label, h in d.ikm_kanal:
        baris += [
            ("IKM", f"Responden kanal {label}", h.responden),
            ("IKM", f"IKM kanal {label}", h.ikm),
            ("IKM", f"Mutu kanal {label}", f"{h.mutu.huruf} ({h.mutu.kinerja})"),
        ]
    return baris


def sebagai_csv(d: DataLaporan) -> bytes:
    buf = io.StringIO()
    tulis_csv(buf, ["bagian", "uraian", "nilai"], baris_tabel(d))
    return buf.getvalue().encode("utf-8")


# Each duration column holds one unit, the one its header names: a fixed-time
# step's durations in seconds, a working-day step's in working days. The
# step's name and its time limit are headed as on the dashboard and the page.
KOLOM_KEPATUHAN = [
    "Langkah",
    "Langkah SOP",
    "Standar",
    "Kasus",
    "Sesuai standar",
    "% sesuai",
    "Median (detik)",
    "P90 (detik)",
    "Median (hari kerja)",
    "P90 (hari kerja)",
]


def _durasi_xlsx(k: mutu.Kepatuhan) -> list[float | None]:
    """Median and P90 under their unit's headers (`KOLOM_KEPATUHAN`), the other unit's cells empty."""
    tempat = 1 if k.standar.hari_kerja else 0
    angka = [None if x is None else float(bulat(x, tempat)) for x in (k.median, k.p90)]
    return [None, None, *angka] if k.standar.hari_kerja else [*angka, None, None]


def sebagai_xlsx(d: DataLaporan) -> bytes:
    from openpyxl import Workbook  # heavy; only the spreadsheet needs it
    from openpyxl.styles import Font

    wb = Workbook()
    ringkas = wb.active
    ringkas.title = "Ringkasan"
    ringkas.append([f"Laporan bulanan PST {d.bulan.nama}"])
    ringkas["A1"].font = Font(bold=True, size=13)
    tulis_lembar(ringkas, ["Bagian", "Uraian", "Nilai"], baris_tabel(d))

    kep = wb.create_sheet("Kepatuhan SOP")
    tulis_lembar(
        kep,
        KOLOM_KEPATUHAN,
        (
            [
                k.standar.langkah,
                k.standar.nama,
                k.uraian,
                k.kasus,
                k.dalam,
                None if k.persen is None else float(k.persen),
                *_durasi_xlsx(k),
            ]
            for k in d.kepatuhan
        ),
    )

    skm = wb.create_sheet("IKM")
    ringkasan_ikm = [[], ["Responden", d.ikm.responden]]
    if d.ikm.ada:
        ringkasan_ikm += [["IKM", float(d.ikm.ikm)], ["Mutu", f"{d.ikm.mutu.huruf} ({d.ikm.mutu.kinerja})"]]
    ringkasan_ikm += [
        [f"IKM {label}", float(h.ikm) if h.ada else None, f"{h.responden} responden"] for label, h in d.ikm_kanal
    ]
    tulis_lembar(
        skm,
        ["Kode", "Unsur", "Jumlah nilai", "NRR", "NRR tertimbang"],
        [[n.unsur.kode, n.unsur.nama, n.jumlah, float(n.nrr_tampil), float(n.nrr_tertimbang)] for n in d.ikm.unsur]
        + ringkasan_ikm,
    )

    ub = wb.create_sheet("Umpan balik")
    tulis_lembar(
        ub,
        ["Dikirim", "Rujukan", "Saran dan masukan", "Minta tindak lanjut", "Jawaban petugas"],
        (_baris_umpan_balik(p, d.beberapa_kantor) for p in d.umpan_balik),
    )
    if d.catatan_umpan_balik:
        ub.append([d.catatan_umpan_balik])
    for ws in wb.worksheets:
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 48
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _baris_umpan_balik(p, beberapa_kantor: bool) -> list:
    rujukan = p.transaksi.nomor if p.transaksi_id else f"Kunjungan #{p.kunjungan_id}"
    if beberapa_kantor:
        rujukan = f"{nama_cakupan(p.kantor_id)} · {rujukan}"
    waktu = timezone.localtime(p.dikirim_pada).replace(tzinfo=None)
    return [waktu, rujukan, p.umpan_balik, "ya" if p.minta_tindak_lanjut else "tidak", p.jawaban]


def nomor_laporan(bulan: Bulan, kode_kantor: str = "") -> str:
    """One report per month and office, so its month (and the office's code,
    as in every office's numbers) is its number; the province's has no code."""
    kantor = f"{kode_kantor}/" if kode_kantor else ""
    return f"LAP-PST/{kantor}{bulan.tahun:04d}/{bulan.bulan:02d}"


def grafik_pdf(d: DataLaporan) -> list[tuple[dict, str]]:
    """The report's charts as (chart, SVG data URI): the dashboard's own chart data."""
    daftar = [grafik.kunjungan_per_hari(d.bulan, kantor=d.kantor)]
    if d.ikm.ada:
        daftar.append(grafik.ikm_per_unsur(d.bulan, d.ikm, kantor=d.kantor))
    return [(g, grafik_svg.data_uri(g)) for g in daftar]


def sebagai_pdf(d: DataLaporan, laporan: LaporanBulanan | None = None) -> bytes:
    """The report on the official document base (number, QR to the report page, signature)."""
    url = settings.SITE_URL + reverse("penilaian:laporan_detail", args=[laporan.pk]) if laporan else ""
    kode_kantor = satu_kantor(d.kantor).kode if d.kantor else ""
    return render_pdf(
        "penilaian/pdf/laporan.html",
        {
            "d": d,
            # An office's report carries its letterhead and its head's signature (kantor_konteks).
            "laporan": laporan,
            "baris": baris_tabel(d),
            "judul_dokumen": gettext("Laporan Bulanan Pelayanan Statistik Terpadu %(bulan)s") % {"bulan": d.bulan.nama},
            "nomor_dokumen": nomor_laporan(d.bulan, kode_kantor),
            "tanggal_dokumen": timezone.now(),
            "url_verifikasi": url,
            "grafik": grafik_pdf(d),
        },
    )


# --- building the report in the background -------------------------------------------

# The stage is stored in Indonesian (the msgid) and translated when shown
# (templates/penilaian/_laporan_status.html), so each reader sees their language.
TAHAP = (
    (10, gettext_noop("Menghitung angka laporan")),
    (50, gettext_noop("Menyusun PDF")),
    (80, gettext_noop("Menyusun XLSX dan CSV")),
)


def minta_laporan(bulan: Bulan, oleh=None, kantor_id: int | None = None, data_berubah: bool = False) -> LaporanBulanan:
    """Queue (re)building the report of `bulan` for office `kantor_id` (None:
    the province's); a report already being built is returned as is, so a
    double click starts one task, not two (unless its build was abandoned).
    With `data_berubah` (an erasure changed what it quotes) one being built
    is queued again too: that build read the old data, and its files are
    dropped when it ends (`susun_laporan`)."""
    from penilaian.tasks import susun_laporan_task

    with transaction.atomic():
        laporan, baru = LaporanBulanan.objects.select_for_update().get_or_create(
            bulan=bulan.hari_pertama, kantor_id=kantor_id, defaults={"diminta_oleh": oleh}
        )
        disusun = laporan.status == LaporanBulanan.Status.PROSES
        if not baru and not laporan.selesai and not laporan.terbengkalai and not (data_berubah and disusun):
            return laporan
        if not baru:
            laporan.status, laporan.progres, laporan.tahap, laporan.galat = LaporanBulanan.Status.ANTRE, 0, "", ""
            laporan.diminta_oleh, laporan.diminta_pada, laporan.selesai_pada = oleh, timezone.now(), None
            laporan.save(
                update_fields=["status", "progres", "tahap", "galat", "diminta_oleh", "diminta_pada", "selesai_pada"]
            )
        transaction.on_commit(lambda: _kirim_ke_pekerja(susun_laporan_task, laporan.pk, data_berubah))
    return laporan


def _kirim_ke_pekerja(task, pk: int, data_berubah: bool = False) -> None:
    """A report the broker did not take is marked failed at once, so the page
    offers "build again" instead of a progress bar that never moves; one
    whose data an erasure changed is built here instead, or its previous
    files, still served, would quote what was erased."""
    if terbitkan(task, pk):
        return
    if data_berubah:
        susun_laporan(pk)
    else:
        LaporanBulanan.objects.filter(pk=pk, status=LaporanBulanan.Status.ANTRE).update(
            status=LaporanBulanan.Status.GAGAL,
            galat=LaporanBulanan.GALAT_ANTREAN,
            selesai_pada=timezone.now(),
        )


def _maju(milik, progres: int, tahap: str) -> None:
    milik.update(progres=progres, tahap=tahap)


def susun_laporan(laporan_id: int) -> bool:
    """Build the PDF, XLSX and CSV of a queued report, with its office's
    figures (the province's: every office's). Claims the row first
    (ANTRE, or an abandoned one → PROSES in one UPDATE, `diminta_pada`
    marking the build's start), so a duplicate task does nothing."""
    S = LaporanBulanan.Status
    mulai = timezone.now()
    klaim = LaporanBulanan.objects.filter(Q(status=S.ANTRE) | LaporanBulanan.terbengkalai_q(), pk=laporan_id)
    if not klaim.update(status=S.PROSES, progres=5, diminta_pada=mulai):
        return False
    # Still this build's: not queued again meanwhile (an erasure) nor claimed by another.
    milik = LaporanBulanan.objects.filter(pk=laporan_id, status=S.PROSES, diminta_pada=mulai)
    laporan = LaporanBulanan.objects.get(pk=laporan_id)
    bulan = Bulan.dari_tanggal(laporan.bulan)
    try:
        # One file for every reader, in the office's language: also when built
        # inline in someone's request (the broker down, or eager tasks).
        with bahasa_kantor():
            _maju(milik, *TAHAP[0])
            data = susun(bulan, laporan.kantor_id)
            _maju(milik, *TAHAP[1])
            pdf = sebagai_pdf(data, laporan)
            _maju(milik, *TAHAP[2])
            berkas = {"pdf": pdf, "xlsx": sebagai_xlsx(data), "csv": sebagai_csv(data)}
        return _simpan_berkas(laporan, berkas, milik)
    except Exception as exc:  # recorded for the supervisor; the page offers "build again"
        log.exception("Laporan %s gagal disusun", bulan.kode)
        milik.update(status=S.GAGAL, galat=str(exc)[:500], selesai_pada=timezone.now())
        return False


def _simpan_berkas(laporan: LaporanBulanan, berkas: dict[str, bytes], milik) -> bool:
    """Write the new files, then name them on the row; the previous files go
    only once that commits. A build that fails on the way (a storage or
    database error) leaves the row naming the previous report, still
    downloadable, and no new file behind (`hapus_bila_gagal`). A build whose
    row is no longer its own (`milik`) stores nothing: False."""
    with hapus_bila_gagal() as tertulis, transaction.atomic():
        baris = milik.select_for_update().first()
        if baris is None:
            log.info("Laporan %s disusun ulang sementara itu; hasil susunan ini dibuang.", laporan.pk)
            return False
        lama = [getattr(baris, kolom).name for kolom in berkas if getattr(baris, kolom)]
        for kolom, isi in berkas.items():
            baru = getattr(laporan, kolom)
            baru.save(f"{nama_berkas(laporan)}.{kolom}", ContentFile(isi), save=False)
            tertulis.append(baru)
        laporan.status, laporan.progres, laporan.tahap = LaporanBulanan.Status.SIAP, 100, gettext_noop("Selesai")
        laporan.selesai_pada = timezone.now()
        laporan.save(update_fields=["pdf", "xlsx", "csv", "status", "progres", "tahap", "selesai_pada"])
        hapus_setelah_commit(lama)
    return True


def nama_berkas(laporan: LaporanBulanan) -> str:
    """The files' name without extension: laporan-pst-2026-03, or with the
    office's code, laporan-pst-1771-2026-03."""
    return nama_berkas_bulan("laporan-pst", f"{laporan.bulan:%Y-%m}", laporan.kantor_id)


def hapus_laporan(qs) -> int:
    """Delete the reports of `qs` and, once that commits, their files: a
    file left behind would be named by no row, so it would quote rating
    comments that an erasure, which rebuilds the reports, no longer reaches."""
    nama = [n for baris in qs.values_list("pdf", "xlsx", "csv") for n in baris if n]
    jumlah, _ = qs.delete()
    hapus_setelah_commit(nama)
    return jumlah


def penerima_laporan_bulanan() -> dict[int | None, list[str]]:
    """Whose reports the beat job builds, and who gets each: the province's
    (None) to the province supervisors — built even with nobody to send it
    to — and each office's to that office's supervisors
    (staff assigned to no office count for the provincial office). An office
    with no supervisor has no reader, so nothing is built for it; its report
    is built when someone asks for it on the report page. Two queries."""
    return {None: email_peran(PENGAWAS_PROVINSI), **email_per_kantor([SUPERVISOR])}


# How far back a report that keeps failing is built again each morning.
BULAN_COBA_ULANG = 12


def kirim_laporan_bulan_lalu(hari_ini=None) -> list[LaporanBulanan]:
    """Beat, every morning (migration penilaian 0011): build last month's
    reports (`penerima_laporan_bulanan`) one after another and e-mail each its
    readers a link, once. Returns the reports sent by this run: a second run,
    or a second worker, sends nothing. A report that fails is recorded on its
    row and does not hold up the others; the next morning's run builds it
    again, past the end of the month too (a build can fail for days: a full
    disk, a font gone after an upgrade), up to `BULAN_COBA_ULANG` months back."""
    bulan = Bulan.dari_tanggal(hari_ini or timezone.localdate()).geser(-1)
    gagal = _gagal_belum_terkirim(bulan)
    terkirim = []
    for kantor_id, penerima in penerima_laporan_bulanan().items():
        for b in [*gagal[kantor_id], bulan]:
            try:
                laporan = kirim_laporan(b, kantor_id, penerima)
            except Exception:  # its send is rolled back (unsent), so the next morning's run sends it
                log.exception("Laporan %s kantor %s gagal dikirim; dicoba lagi besok pagi.", b.kode, kantor_id)
                continue
            if laporan is not None:
                terkirim.append(laporan)
    return terkirim


def _gagal_belum_terkirim(bulan: Bulan) -> defaultdict[int | None, list[Bulan]]:
    """Office → the months before `bulan` whose report failed (or whose
    build was abandoned) and was never sent, oldest first: one query."""
    baris = LaporanBulanan.objects.filter(
        Q(status=LaporanBulanan.Status.GAGAL) | LaporanBulanan.terbengkalai_q(),
        dikirim_pada=None,
        bulan__gte=bulan.geser(-BULAN_COBA_ULANG).hari_pertama,
        bulan__lt=bulan.hari_pertama,
    ).order_by("bulan")
    hasil = defaultdict(list)
    for kantor_id, hari_pertama in baris.values_list("kantor_id", "bulan"):
        hasil[kantor_id].append(Bulan.dari_tanggal(hari_pertama))
    return hasil


def kirim_laporan(bulan: Bulan, kantor_id: int | None, penerima: list[str]) -> LaporanBulanan | None:
    """Build the report of `bulan` for office `kantor_id` (None: the
    province's) unless one built after the month is ready, and e-mail
    `penerima` a link, once (the `dikirim_pada` claim makes a second run
    send nothing). None, and nothing built, while a ticket of the month is
    still open (`mutu.bulan_tiket_terbuka`): the next end-of-day job closes it
    and its counter times join the month, so the next morning's run sends it."""
    if mutu.bulan_tiket_terbuka({bulan}, kantor_id):
        return None
    laporan, _ = LaporanBulanan.objects.get_or_create(bulan=bulan.hari_pertama, kantor_id=kantor_id)
    if laporan.dikirim_pada:
        return None
    # One built while its month still ran (a supervisor looking during the
    # month) stops on that day, and one built before the month's last ticket
    # was closed lacks that visit: the report sent holds the whole month.
    lengkap = (
        laporan.status == LaporanBulanan.Status.SIAP
        and laporan.selesai_pada >= bulan.sampai
        and not mutu.tiket_berubah_sejak(bulan, kantor_id, laporan.diminta_pada)
    )
    if not lengkap:
        if laporan.selesai:
            LaporanBulanan.objects.filter(pk=laporan.pk).update(status=LaporanBulanan.Status.ANTRE)
        susun_laporan(laporan.pk)
        laporan.refresh_from_db()
        if laporan.status != LaporanBulanan.Status.SIAP:
            return None
    with transaction.atomic():
        if not LaporanBulanan.objects.filter(pk=laporan.pk, dikirim_pada=None).update(dikirim_pada=timezone.now()):
            return None
        skm = rekap_skm.susun(bulan, kantor_id)
        kueri = f"?bulan={bulan.kode}"
        if kantor_id:
            # An office's subject and links name it: a supervisor of several offices
            # tells the e-mails apart and opens the office reported on.
            k = satu_kantor(kantor_id)
            kueri += f"&kantor={k.kode}"

            def subjek():
                return gettext("Laporan bulanan PST %(bulan)s, %(kantor)s") % {"bulan": bulan.nama, "kantor": k.nama}
        else:

            def subjek():
                return gettext("Laporan bulanan PST %(bulan)s") % {"bulan": bulan.nama}

        kirim_surel(
            penerima,
            subjek,
            "email/penilaian/laporan_bulanan.txt",
            {
                # A function, so the template reads the month in the recipient's language.
                "nama_bulan": lambda: bulan.nama,
                "laporan": laporan,
                "ikm": skm.hasil,
                "skm": skm,
                "tautan": reverse("penilaian:laporan_detail", args=[laporan.pk]),
                "tautan_skm": reverse("penilaian:skm_xlsx") + kueri,
                "kunjungan": ekspor_bukutamu.kunjungan_bulan(bulan, kantor_id).count(),
                "tautan_buku_tamu": reverse("antrian:buku_tamu_bulanan_unduh", args=["xlsx"]) + kueri,
            },
        )
    return laporan
