"""The month's guest-book records in the column order of BPS's PST guest
book: one builder (`KOLOM` + `baris`) for the page, the CSV, the XLSX and
the monthly e-mail's count.

Codes are written as the guest book's Indonesian labels (the form's wording);
the README lists the code behind each label. Contact data (e-mail, telephone)
is left out: the upward report is statistics, and UU 27/2022 asks to share
only what the purpose needs.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from antrian.models import JenisLayanan, Kunjungan, PemanfaatanUtama, Sarana
from pst_layanan.ekspor import Label, aliran_csv, tulis_lembar
from pst_layanan.kantor import di_kantor, nama_cakupan
from pst_layanan.models import JenisKelamin, KategoriInstansi, Pekerjaan, Pendidikan
from pst_layanan.periode import Bulan


def _tanggal(k: Kunjungan) -> datetime:
    """Arrival in office time to the minute, without a zone (a spreadsheet has none)."""
    return timezone.localtime(k.tiba_pada).replace(tzinfo=None, second=0, microsecond=0)


# (column header, value of one visit given the labels) in the BPS guest book's order.
KOLOM: tuple[tuple[str, Callable[[Kunjungan, Label], object]], ...] = (
    (_("Tanggal kunjungan"), lambda k, lb: _tanggal(k)),
    (_("Nama"), lambda k, lb: k.pengunjung.nama_lengkap),
    (_("Jenis kelamin"), lambda k, lb: lb(JenisKelamin, k.pengunjung.jenis_kelamin)),
    (_("Tahun lahir"), lambda k, lb: k.pengunjung.tahun_lahir or ""),
    (_("Pendidikan"), lambda k, lb: lb(Pendidikan, k.pengunjung.pendidikan)),
    (_("Pekerjaan"), lambda k, lb: lb(Pekerjaan, k.pengunjung.pekerjaan)),
    (_("Nama instansi"), lambda k, lb: k.pengunjung.nama_instansi),
    (_("Kategori instansi"), lambda k, lb: lb(KategoriInstansi, k.kategori_instansi)),
    (_("Pemanfaatan utama"), lambda k, lb: lb(PemanfaatanUtama, k.pemanfaatan)),
    (_("Jenis layanan"), lambda k, lb: "; ".join(lb(JenisLayanan, kode) for kode in k.jenis_layanan)),
    (_("Sarana"), lambda k, lb: lb(Sarana, k.sarana)),
    (_("Keperluan / data yang dicari"), lambda k, lb: k.keperluan),
)
# The visit's office, after BPS's columns, in a guest book of every office's
# visits (the province's): one office's keeps BPS's columns only.
KOLOM_KANTOR = (_("Kantor"), lambda k, lb: nama_cakupan(k.kantor))
# "No" alone is Django's yes/no word ("Tidak" in Indonesian): the column's context keeps it a number.
NOMOR = pgettext_lazy("nomor urut", "No")


def kolom(kantor: int | None) -> tuple:
    """The columns of office `kantor`'s guest book (None: every office's)."""
    return KOLOM if kantor is not None else (*KOLOM, KOLOM_KANTOR)


def header(kantor: int | None) -> list[str]:
    """The column headers in the active language (the page, and files made on request)."""
    return [str(NOMOR), *(str(judul) for judul, _nilai in kolom(kantor))]


def kunjungan_bulan(bulan: Bulan, kantor: int | None = None):
    """The month's visits (arrival in the month, WIB) of office `kantor` (None:
    every office), oldest first; the related rows come with them (two
    queries for any number of visits)."""
    return (
        di_kantor(Kunjungan.objects.filter(tiba_pada__gte=bulan.mulai, tiba_pada__lt=bulan.sampai), kantor)
        .select_related("pengunjung", "kantor")
        .prefetch_related("layanan_digunakan")
        .order_by("tiba_pada", "pk")
    )


def _sel(nilai, tanggal_teks: bool):
    # Lazy translations and choices' labels become plain text for the writers.
    if isinstance(nilai, datetime):
        return f"{nilai:%Y-%m-%d %H:%M}" if tanggal_teks else nilai
    return nilai if isinstance(nilai, int) else str(nilai)


def baris(kunjungan, kantor: int | None, mulai: int = 1, tanggal_teks: bool = True) -> Iterator[list]:
    """One row per visit of office `kantor`'s guest book (`kolom`), numbered
    from `mulai`; every value a str or int, and the date as text
    (`tanggal_teks`) or, for a spreadsheet, a date it can sort and filter by."""
    label, isi = Label(), kolom(kantor)
    for nomor, k in enumerate(kunjungan, start=mulai):
        yield [nomor, *(_sel(nilai(k, label), tanggal_teks) for _judul, nilai in isi)]


def aliran_csv_bulan(bulan: Bulan, kantor: int | None = None) -> Iterator[str]:
    """The month's CSV line by line (the BOM Excel needs for UTF-8 first), for
    a streamed download: a month of tens of thousands of visits takes longer
    to read than the proxy waits for a first byte. Written in the language
    active when asked for, whenever the server reads it."""
    bahasa, judul = translation.get_language(), header(kantor)

    def baris_baris():
        with translation.override(bahasa):
            yield from aliran_csv(judul, baris(kunjungan_bulan(bulan, kantor).iterator(chunk_size=500), kantor))

    return baris_baris()


def sebagai_csv(bulan: Bulan, kantor: int | None = None) -> bytes:
    return "".join(aliran_csv_bulan(bulan, kantor)).encode("utf-8")


def sebagai_xlsx(bulan: Bulan, kantor: int | None = None) -> bytes:
    from openpyxl import Workbook  # heavy; only the spreadsheet needs it

    wb = Workbook()
    ws = wb.active
    ws.title = _("Buku tamu %(bulan)s") % {"bulan": bulan.kode}
    isi = kunjungan_bulan(bulan, kantor).iterator(chunk_size=500)
    tulis_lembar(ws, header(kantor), baris(isi, kantor, tanggal_teks=False))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
