"""The back office reads in the administrator's language: every label the
Django admin takes from the project's models and ModelAdmins (field and model
names, help texts, column headers, filter titles, action descriptions,
fieldset titles) goes through the catalogue.

The labels are read in the pseudo-locale built from locale/en: a label marked
⟦…⟧ has its entry in the English catalogue (also a word that is the same in
both languages, such as "status"); an Indonesian label typed without `_()`,
a field left to Django's "nama lengkap" from its name, or a `_()` without an
English entry stays unmarked.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from modeltranslation.fields import TranslationField

from antrian.models import RiwayatTiket
from conftest import buat_pengguna
from penilaian.models import LaporanBulanan, Penilaian, RencanaTindakLanjut
from pst_layanan.kalender import WIB
from pst_layanan.models import Kantor, kantor_bawaan
from tests import pabrik
from tests.bahasa import pseudo
from tests.penilaian.conftest import buat_penilaian_massal, tiket_selesai
from transaksi.models import Pengembalian, Produk, TarifProduk, Transaksi

APLIKASI = ("pst_layanan", "antrian", "transaksi", "penilaian")


def _tanpa_katalog(teks) -> bool:
    """A word of `teks` (two letters or more) was not marked by the catalogue;
    a code around a translated part ("U1 ⟦…⟧") is not a word."""
    return bool(re.search(r"[A-Za-z]{2,}", pseudo.tanpa_terjemahan(str(teks))))


def _label_model():
    for model in apps.get_models():
        if model._meta.app_label not in APLIKASI:
            continue
        nama = model._meta.label
        yield nama, model._meta.verbose_name
        yield f"{nama} (jamak)", model._meta.verbose_name_plural
        for f in [*model._meta.fields, *model._meta.many_to_many]:
            # The id column; the per-language copies say their original's name and "[en]".
            if f.auto_created or isinstance(f, TranslationField):
                continue
            yield f"{nama}.{f.name}", f.verbose_name
            if f.help_text:
                yield f"{nama}.{f.name} (help_text)", f.help_text


def test_nama_kolom_dan_model_lewat_katalog(bahasa_pseudo):
    with translation.override(bahasa_pseudo):
        bocor = {nama: str(teks) for nama, teks in _label_model() if _tanpa_katalog(teks)}
    assert not bocor, f"{len(bocor)} label tanpa terjemahan: {bocor}"


def _label_admin(request):
    for model, ma in admin.site._registry.items():
        if model._meta.app_label not in APLIKASI:
            continue
        nama = type(ma).__name__
        for kolom in [*ma.get_list_display(request), *ma.get_readonly_fields(request)]:
            if kolom == model._meta.pk.name and model._meta.pk.auto_created:
                continue  # "ID", Django's own
            yield f"{nama} kolom {kolom}", label_for_field(kolom, model, ma)
        for saring in ma.get_list_filter(request):
            if isinstance(saring, type) and issubclass(saring, admin.SimpleListFilter):
                yield f"{nama} saringan {saring.__name__}", saring.title
        for aksi, (_fungsi, _nama, uraian) in (ma.get_actions(request) or {}).items():
            if aksi != "delete_selected":  # Django's own, from Django's catalogue
                yield f"{nama} aksi {aksi}", uraian
        for judul, _opsi in [*(ma.fieldsets or ()), *getattr(ma, "add_fieldsets", ())]:
            if judul is not None:
                yield f"{nama} bagian {judul}", judul
        for inline in ma.get_inline_instances(request):
            yield f"{nama} {type(inline).__name__}", inline.verbose_name_plural


@pytest.mark.django_db
def test_judul_admin_lewat_katalog(bahasa_pseudo):
    request = RequestFactory().get("/admin/")
    request.user = buat_pengguna("admin@bps.go.id", is_staff=True, is_superuser=True)
    with translation.override(bahasa_pseudo):
        bocor = {nama: str(teks) for nama, teks in _label_admin(request) if _tanpa_katalog(teks)}
    assert not bocor, f"{len(bocor)} judul tanpa terjemahan: {bocor}"


@pytest.mark.django_db
def test_nama_baris_lewat_katalog(bahasa_pseudo):
    """A row's name heads its admin page and stands in lists and inlines (a
    transaction item's tariff, a ticket's history row, a rating's page title):
    in the reader's language."""
    produk = Produk(nama="Peta Desa")
    bulan = date(2026, 3, 1)
    baris = [
        TarifProduk(produk=produk, berlaku_mulai=datetime(2026, 1, 1, tzinfo=UTC)),
        Penilaian(kunjungan_id=2),
        LaporanBulanan(bulan=bulan),
        RencanaTindakLanjut(bulan=bulan),
        Pengembalian(transaksi=Transaksi(nomor="PST-1700-2026-000005")),
        RiwayatTiket(tiket_id=1, aksi=RiwayatTiket.Aksi.AMBIL, waktu=datetime(2026, 1, 1, tzinfo=UTC)),
    ]
    with translation.override(bahasa_pseudo):
        bocor = {type(b).__name__: str(b) for b in baris if pseudo.sisa_teks(str(b), [produk.nama])}
    assert not bocor


# An admin page's model → how the test makes a row of it, the English labels
# its list and its form show, and the Indonesian ones they must not show.
HALAMAN = {
    "pst_layanan_kantor": (
        lambda pengunjung, petugas: Kantor.objects.get(pk=kantor_bawaan()),
        ["BPS code", "Opening time"],
        ["Office name", "Appointment margin (minutes)"],
        ["Kode BPS", "Nama kantor", "Jam buka"],
    ),
    "pst_layanan_pengguna": (
        lambda pengunjung, petugas: pengunjung,
        ["Full name", "Institution category"],
        ["Personal details", "Status", "Highest education"],
        ["Biodata", "Nama lengkap"],
    ),
    "antrian_tiket": (
        tiket_selesai,
        ["Service day", "Ticket taken at", "Counter"],
        ["Visit", "Ticket link token", "Action", "Queue number at the time", "From status"],
        ["Kunjungan", "Token", "Aksi", "Kode tiket", "Dari"],
    ),
    "transaksi_transaksi": (
        lambda pengunjung, petugas: pabrik.transaksi_diajukan(pengunjung),
        ["Applicant", "SOP time left", "By SOP deadline"],
        ["Purpose of the data use", "Tariffs", "SOP clock", "Document type", "From status", "To status"],
        ["Tarif", "Jam SOP", "Jenis dokumen", "Dari status", "Ke status", "Diunggah pada"],
    ),
    "penilaian_penilaian": (
        lambda pengunjung, petugas: buat_penilaian_massal(pengunjung, [[4] * 9], timezone.now())[0],
        ["Transaction", "Visit", "Medium"],
        ["U1 Requirements", "Answered by", "Suggestions and feedback"],
        ["Transaksi", "Kunjungan", "U1 Persyaratan", "Dijawab oleh"],
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("nama", HALAMAN)
@time_machine.travel("2026-04-08 10:00 +0700", tick=False)
def test_admin_berbahasa_inggris_untuk_pembaca_inggris(nama, pengunjung, petugas, klien_untuk):
    buat, daftar, formulir, indonesia = HALAMAN[nama]
    klien = klien_untuk(buat_pengguna("admin@bps.go.id", is_staff=True, is_superuser=True, bahasa="en"))
    baris = buat(pengunjung, petugas)  # before the list: an empty list has no column headers
    halaman = {
        "daftar": klien.get(reverse(f"admin:{nama}_changelist")),
        "formulir": klien.get(reverse(f"admin:{nama}_change", args=[baris.pk])),
    }
    assert [r.status_code for r in halaman.values()] == [200, 200]
    label = {jenis: _label_halaman(r.content.decode()) for jenis, r in halaman.items()}
    assert set(daftar) <= label["daftar"], set(daftar) - label["daftar"]
    assert set(formulir) <= label["formulir"], set(formulir) - label["formulir"]
    assert not set(indonesia) & (label["daftar"] | label["formulir"])


def _label_halaman(isi: str) -> set[str]:
    """Column headers, filter titles, field labels and fieldset titles of an admin page."""
    teks = re.findall(
        r'<th[^>]*scope="col"[^>]*>.*?<(?:a|span)[^>]*>([^<]+)</(?:a|span)>'
        r"|<h3>\s*([^<]+?)\s*</h3>"
        r"|<label[^>]*>([^<]+?):?</label>"
        r"|<h2[^>]*>([^<]+)</h2>"
        r"|<summary>\s*([^<]+?)\s*</summary>"
        r'|<th class="column-[^"]*"[^>]*>\s*([^<]+?)\s*<',
        isi,
        re.S,
    )
    return {t.strip() for grup in teks for t in grup if t.strip()}


@pytest.mark.django_db
def test_waktu_di_admin_inggris_memakai_jam_24(pengunjung, petugas, klien_untuk):
    # The site writes an English time as 14:45; the back office's lists wrote
    # Django's "8 Apr 2026, 2:45 p.m.", a second clock style for the same officer.
    tiket_selesai(pengunjung, petugas, pada=datetime(2026, 4, 8, 14, 45, tzinfo=WIB))
    klien = klien_untuk(buat_pengguna("admin@bps.go.id", is_staff=True, is_superuser=True, bahasa="en"))
    isi = klien.get(reverse("admin:antrian_tiket_changelist")).content.decode()
    assert "8 Apr 2026, 14:45" in isi
    assert "p.m." not in isi and "a.m." not in isi


@pytest.mark.django_db
def test_nama_jamak_model_di_admin_inggris(pengunjung, petugas, klien_untuk):
    # Indonesian writes one word for one and many ("2 tiket antrian"); English
    # read "2 queue ticket", and the back office's menu "Transaction", "Invoice".
    tiket_selesai(pengunjung, petugas)
    tiket_selesai(pengunjung, petugas, pada=datetime(2026, 4, 7, 10, 0, tzinfo=WIB))
    klien = klien_untuk(buat_pengguna("admin@bps.go.id", is_staff=True, is_superuser=True, bahasa="en"))
    assert "2 queue tickets" in klien.get(reverse("admin:antrian_tiket_changelist")).content.decode()
    menu = _label_menu(klien.get(reverse("admin:index")).content.decode())
    assert {"Transactions", "Invoices", "Queue tickets", "Appointments", "Users", "Offices"} <= menu
    with translation.override("en"):
        tunggal = {
            m._meta.label: str(m._meta.verbose_name_plural)
            for m in apps.get_models()
            if m._meta.app_label in APLIKASI and str(m._meta.verbose_name_plural) == str(m._meta.verbose_name)
        }
    # Only names without a plural of their own ("ticket history", "download log").
    assert set(tunggal.values()) <= {"ticket history", "download log", "transaction history"}, tunggal


def _label_menu(isi: str) -> set[str]:
    return {t.strip() for t in re.findall(r'<th scope="row"[^>]*>\s*<a[^>]*>([^<]+)</a>', isi)}


def test_petunjuk_ke_back_office_memakai_nama_menu_inggris(klien_untuk, supervisor, layanan_b):
    """A supervisor reading English is pointed to the back-office entries by
    the names their (English) back office shows, not the Indonesian menu's."""
    from django.core.cache import cache

    from antrian.models import Layanan, Loket

    supervisor.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    klien = klien_untuk(supervisor)
    with translation.override("en"):
        aplikasi = str(apps.get_app_config("antrian").verbose_name)
        menu = {m: f"{aplikasi} → {str(m._meta.verbose_name_plural).capitalize()}" for m in (Layanan, Loket)}
    indeks = klien.get(reverse("admin:index")).content.decode()
    assert all(bagian in indeks for m in menu.values() for bagian in m.split(" → "))
    teks = " ".join(klien.get(reverse("antrian:monitor")).content.decode().split())
    assert f"({menu[Loket]})" in teks  # no counter yet at this office
    Layanan.objects.update(aktif=False)
    cache.clear()  # the monitor's shared fragment follows the queue, not the catalogue
    teks = " ".join(klien.get(reverse("antrian:monitor")).content.decode().split())
    assert f"({menu[Layanan]})" in teks and "Antrian →" not in teks
