"""Several offices in one deployment: each with its own numbers, queue,
calendar and supervisors; the provincial office (1700) holds everything made
without an office."""

from __future__ import annotations

import importlib
from datetime import date, datetime
from email.utils import parseaddr
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from antrian import services as antrian
from conftest import buat_pengguna
from pst_layanan import akun, kalender
from pst_layanan.kalender import WIB
from pst_layanan.kantor import KANTOR_PROVINSI, kantor_petugas, untuk_petugas
from pst_layanan.models import HariKantor, Kantor, kantor_bawaan
from pst_layanan.roles import PENGAWAS_PROVINSI, PETUGAS, SUPERVISOR
from tests import pabrik
from transaksi import services, tenggat
from transaksi.models import RiwayatTransaksi, Transaksi

migrasi_kantor_riwayat = importlib.import_module("transaksi.migrations.0020_riwayat_kantor")
pytestmark = pytest.mark.django_db

DIAJUKAN = datetime(2026, 3, 13, 10, 0, tzinfo=WIB)  # Friday
BATAS = datetime(2026, 3, 25, 15, 30, tzinfo=WIB)  # 3 working days: Mon 16, Tue 17, Wed 25 (after Nyepi, Idul Fitri)


def pada(waktu):
    return time_machine.travel(waktu, tick=False)


def test_data_tanpa_kantor_milik_kantor_provinsi(pengunjung):
    t = pabrik.transaksi_draf(pengunjung, dokumen=False)
    assert Kantor.objects.get(pk=t.kantor_id).kode == "1700" == Kantor.objects.get(pk=kantor_bawaan()).kode


def test_nomor_transaksi_dan_dokumen_per_kantor_dengan_kodenya(pengunjung, kota):
    with pada(DIAJUKAN):
        a = pabrik.transaksi_draf(pengunjung, dokumen=False)
        b = pabrik.transaksi_draf(pengunjung, dokumen=False, kantor_id=kota.pk)
        c = pabrik.transaksi_draf(pengunjung, dokumen=False, kantor_id=kota.pk)
    assert [a.nomor, b.nomor, c.nomor] == ["PST-1700-2026-000001", "PST-1771-2026-000001", "PST-1771-2026-000002"]
    assert (b.kantor, c.kantor) == (kota, kota)


def test_nomor_antrian_per_kantor_hari_dan_layanan(
    selalu_buka, resepsionis, pengunjung, pengunjung_lain, layanan_b, kota
):
    kota.jam_buka, kota.jam_tutup_senin_kamis, kota.jam_tutup_jumat = "00:00", "23:59:59", "23:59:59"
    kota.save()
    HariKantor.objects.create(kantor=kota, tanggal=date.today(), jenis=HariKantor.Jenis.BUKA, keterangan="Uji")
    prov = antrian.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung)
    kota_1 = antrian.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung_lain, kantor_id=kota.pk)
    prov_2 = antrian.kunjungan_langsung(resepsionis, layanan_b, pengunjung=pengunjung_lain)
    assert [(t.kode, t.kantor_id) for t in (prov, kota_1, prov_2)] == [
        ("B-001", kantor_bawaan()),
        ("B-001", kota.pk),
        ("B-002", kantor_bawaan()),
    ]
    assert kota_1.kunjungan.kantor_id == kota.pk


def test_koreksi_kalender_untuk_satu_kantor_atau_semua(kota):
    senin = date(2026, 3, 16)
    HariKantor.objects.create(kantor=kota, tanggal=senin, jenis=HariKantor.Jenis.TUTUP, keterangan="HUT Kota")
    assert kalender.hari_kerja(senin, kota.pk) is False
    assert kalender.hari_kerja(senin, kantor_bawaan()) is True and kalender.hari_kerja(senin) is True
    assert kalender.nama_libur(senin, kota.pk) == "HUT Kota" and kalender.nama_libur(senin) is None
    selasa = date(2026, 3, 17)
    HariKantor.objects.create(tanggal=selasa, jenis=HariKantor.Jenis.TUTUP, keterangan="Libur seluruh kantor")
    assert not kalender.hari_kerja(selasa, kota.pk) and not kalender.hari_kerja(selasa, kantor_bawaan())


def test_nama_libur_kantor_sendiri_didahulukan_dari_koreksi_semua_kantor(kota):
    """Cuti bersama withdrawn for every office, but the city's own holiday
    falls on it: the city's display names its holiday (on every database)."""
    natal = date(2026, 12, 24)
    HariKantor.objects.create(tanggal=natal, jenis=HariKantor.Jenis.BUKA, keterangan="Cuti bersama dicabut")
    HariKantor.objects.create(kantor=kota, tanggal=natal, jenis=HariKantor.Jenis.TUTUP, keterangan="HUT Kota")
    assert kalender.hari_kerja(natal, kantor_bawaan()) and not kalender.hari_kerja(natal, kota.pk)
    assert kalender.nama_libur(natal, kota.pk) == "HUT Kota"


def test_libur_lokal_menggeser_batas_waktu_kantor_itu_saja(pengunjung, kota, django_capture_on_commit_callbacks):
    with pada(DIAJUKAN):
        prov = pabrik.transaksi_diajukan(pengunjung)
        di_kota = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
    assert prov.batas_waktu == di_kota.batas_waktu == BATAS
    with pada(datetime(2026, 3, 14, 9, 0, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        HariKantor.objects.create(
            kantor=kota, tanggal=date(2026, 3, 16), jenis=HariKantor.Jenis.TUTUP, keterangan="HUT Kota Bengkulu"
        )
    prov.refresh_from_db()
    di_kota.refresh_from_db()
    assert prov.batas_waktu == BATAS
    assert di_kota.batas_waktu == datetime(2026, 3, 26, 15, 30, tzinfo=WIB)  # one working day later
    assert "Kalender kantor berubah" in di_kota.riwayat.last().catatan


def test_eskalasi_ke_petugas_dan_supervisor_kantornya_saja(
    pengunjung, petugas, supervisor, kota, django_capture_on_commit_callbacks
):
    supervisor_kota = buat_pengguna("supervisor1771@bps.go.id", SUPERVISOR)
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS)
    for user in (supervisor_kota, petugas_kota):
        user.kantor.add(kota)
    with pada(DIAJUKAN):
        di_kota = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
    mail.outbox.clear()
    with pada(datetime(2026, 3, 25, 15, 31, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        assert tenggat.eskalasi() == [di_kota.pk]
    [surel] = mail.outbox
    assert sorted(surel.to) == [petugas_kota.email, supervisor_kota.email]  # not the provincial office's staff


def test_petugas_tanpa_kantor_bertugas_di_kantor_provinsi_dan_data_tersaring(petugas, pengunjung, kota):
    assert kantor_petugas(petugas) == frozenset({kantor_bawaan()})
    with pada(DIAJUKAN):
        prov = pabrik.transaksi_draf(pengunjung, dokumen=False)
        pabrik.transaksi_draf(pengunjung, dokumen=False, kantor_id=kota.pk)
    assert list(untuk_petugas(Transaksi.objects.all(), petugas)) == [prov]


def test_perintah_kantor_provinsi_mengisi_11_kantor_sekali_saja(capsys):
    call_command("kantor_provinsi")
    call_command("kantor_provinsi")
    kode = list(Kantor.objects.order_by("kode").values_list("kode", "nama"))
    assert kode == list(KANTOR_PROVINSI) and len(kode) == 11
    assert Kantor.objects.get(kode="1771").email == "pst1771@bps.go.id"
    assert "0 kantor baru, 11 kantor seluruhnya." in capsys.readouterr().out


def test_kantor_yang_diisi_perintah_tidak_memakai_telepon_kantor_provinsi():
    """The seeded regency offices printed the provincial office's telephone
    number on their letterheads, page footers and papers (the model's default,
    the province's own): a visitor of Rejang Lebong was told to ring the
    province. Their number is not known until their supervisor types it."""
    call_command("kantor_provinsi")
    provinsi = Kantor.objects.get(kode="1700").telepon
    assert not Kantor.objects.exclude(kode="1700").filter(telepon=provinsi).exists()


def test_surel_dari_kantor_yang_melayani(pengunjung, kota, django_capture_on_commit_callbacks):
    kota.alamat = "Jl. Uji Kota No. 1, Kota Bengkulu"
    kota.save()
    with pada(DIAJUKAN), django_capture_on_commit_callbacks(execute=True):
        t = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
    surel = [m for m in mail.outbox if t.nomor in m.subject]
    assert surel and all("BPS Kota Bengkulu" in m.body and "Jl. Uji Kota No. 1" in m.body for m in surel)


def test_riwayat_membawa_kantor_transaksinya(pengunjung, petugas, kota, django_capture_on_commit_callbacks):
    """History rows carry their transaction's office, written one by one or in
    bulk: one office's compliance is counted from the history alone."""
    buat_pengguna("petugas1771@bps.go.id", PETUGAS).kantor.add(kota)  # someone to tell in each office
    with pada(DIAJUKAN):
        di_kota = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
        di_provinsi = pabrik.transaksi_diajukan(pengunjung)
    with pada(datetime(2026, 3, 25, 15, 31, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        assert sorted(tenggat.eskalasi()) == sorted([di_kota.pk, di_provinsi.pk])
    eskalasi = RiwayatTransaksi.Jenis.ESKALASI
    assert {r.kantor_id for r in di_kota.riwayat.all()} == {kota.pk}
    assert di_kota.riwayat.filter(jenis=eskalasi).count() == 1  # the set-based INSERT of the job
    assert {r.kantor_id for r in di_provinsi.riwayat.all()} == {kantor_bawaan()}
    [catatan] = RiwayatTransaksi.objects.bulk_create([RiwayatTransaksi(transaksi=di_kota, catatan="Uji")])
    assert catatan.kantor_id == kota.pk


def test_migrasi_mengisi_kantor_riwayat_dari_transaksinya(pengunjung, kota):
    with pada(DIAJUKAN):
        di_kota = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
    baris = RiwayatTransaksi.objects.filter(transaksi=di_kota)
    with connection.cursor() as c:  # as the rows stood before the column: no office
        c.execute(f"UPDATE {RiwayatTransaksi._meta.db_table} SET kantor_id = %s", [kantor_bawaan()])
    assert set(baris.values_list("kantor_id", flat=True)) == {kantor_bawaan()}
    # The migration's step on this connection (a schema editor cannot open inside the test's transaction).
    editor = SimpleNamespace(connection=connection, execute=lambda sql: connection.cursor().execute(sql))
    migrasi_kantor_riwayat.isi_kantor(apps, editor)
    assert set(baris.values_list("kantor_id", flat=True)) == {kota.pk}


def test_bendahara_memilih_hanya_di_antara_kantornya(kota, klien_untuk):
    """A city-office treasurer is offered their own office only: choosing the
    provincial office is not confirmed ("you are now served by …") while every
    page goes on working for the city office."""
    from django.urls import reverse

    klien = klien_untuk(buat_pengguna("bendahara1771@bps.go.id", "Bendahara", kantor=kota))
    assert 'value="1700"' not in klien.get(reverse("pilih_kantor")).content.decode()
    assert klien.post(reverse("pilih_kantor"), {"kantor": "1700"}).status_code == 400


@pytest.mark.parametrize("pergi", ["pindah", "nonaktif"])
def test_pengingat_ke_petugas_kantornya_bila_penanggung_jawab_sudah_pindah(
    pengunjung, kota, pergi, django_capture_on_commit_callbacks
):
    """An officer moved to another office (or whose account was closed) no
    longer opens this office's transactions: the reminder of the ones they
    held goes to the officers who still work there."""
    lama = buat_pengguna("lama1771@bps.go.id", PETUGAS, kantor=kota)
    tinggal = buat_pengguna("tinggal1771@bps.go.id", PETUGAS, kantor=kota)
    with pada(DIAJUKAN):
        t = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
        services.ambil_tugas(t, lama)
    if pergi == "pindah":
        lama.kantor.set([kantor_bawaan()])
    else:
        lama.is_active = False
        lama.save(update_fields=["is_active"])
    mail.outbox.clear()
    with pada(datetime(2026, 3, 24, 16, 0, tzinfo=WIB)), django_capture_on_commit_callbacks(execute=True):
        assert tenggat.pengingat() == [t.pk]
    [surel] = mail.outbox
    assert surel.to == [tinggal.email]
    assert "Lama1771" not in surel.body


def test_surel_transaksi_ke_petugas_kantornya_bila_penanggung_jawab_sudah_pindah(pengunjung, kota):
    lama = buat_pengguna("lama1771@bps.go.id", PETUGAS, kantor=kota)
    tinggal = buat_pengguna("tinggal1771@bps.go.id", PETUGAS, kantor=kota)
    t = services.ambil_tugas(pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk), lama)
    assert services.email_petugas(t) == [lama.email]
    lama.kantor.set([kantor_bawaan()])
    assert services.email_petugas(Transaksi.objects.get(pk=t.pk)) == [tinggal.email]


def test_balasan_surel_kantor_sampai_ke_kantor_itu(pengunjung, kota, django_capture_on_commit_callbacks):
    """The deployment sends every e-mail from one address; a visitor who
    answers one about a transaction of Kota Bengkulu writes to that office."""
    with pada(DIAJUKAN), django_capture_on_commit_callbacks(execute=True):
        t = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
    surel = [m for m in mail.outbox if t.nomor in m.subject]
    assert surel and all(m.reply_to == [kota.email] for m in surel)
    # Its footer says so, rather than "do not reply"; an account e-mail, with no
    # office to answer it, still says not to reply.
    assert all("jangan dibalas" not in m.body and "pst1771@bps.go.id" in m.body for m in surel)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        akun.kirim_reset_sandi(pengunjung)
    [reset] = mail.outbox
    assert reset.reply_to == [] and "jangan dibalas" in reset.body


def test_surel_kantor_bernama_kantor_itu(pengunjung, kota, django_capture_on_commit_callbacks):
    """An e-mail about a transaction of Kota Bengkulu shows that office's name
    as its sender, at the deployment's one address; the provincial office's
    e-mails and account e-mails keep the configured sender."""
    with pada(DIAJUKAN), django_capture_on_commit_callbacks(execute=True):
        t = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
        t_provinsi = pabrik.transaksi_diajukan(pengunjung)
    surel = [m for m in mail.outbox if t.nomor in m.subject]
    alamat = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    assert surel and all(parseaddr(m.from_email) == (f"PST {kota.nama}", alamat) for m in surel)
    provinsi = [m for m in mail.outbox if t_provinsi.nomor in m.subject]
    assert provinsi and all(m.from_email == settings.DEFAULT_FROM_EMAIL for m in provinsi)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        akun.kirim_reset_sandi(pengunjung)
    assert [m.from_email for m in mail.outbox] == [settings.DEFAULT_FROM_EMAIL]


def test_pengajuan_di_kantor_tanpa_petugas_sampai_ke_pengawas_provinsi(
    pengunjung, kota, django_capture_on_commit_callbacks
):
    """A request submitted to an office no officer works at yet (one just
    brought online, or seeded by `kantor_provinsi`) e-mailed nobody, and it
    waited unseen until it was late; the province supervisors, who work in
    every office, are told instead."""
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    buat_pengguna("petugas@bps.go.id", PETUGAS)  # the provincial office's: cannot open Kota Bengkulu's work
    with pada(DIAJUKAN), django_capture_on_commit_callbacks(execute=True):
        t = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
    assert [m.to for m in mail.outbox if m.subject.startswith(f"[{t.nomor}]")] == [[pengawas.email]]


def test_halaman_transaksi_pengunjung_menyebut_kantor_yang_melayani(pengunjung, klien_untuk):
    """A visitor back on their Rejang Lebong request another day (the session's
    office is the provincial one again, as is the footer's phone and e-mail):
    the page names the serving office and how to reach it."""
    rl = Kantor.objects.create(
        kode="1702", nama="BPS Kabupaten Rejang Lebong", alamat="Jl. S. Sukowati No. 1, Curup",
        telepon="(0732) 21234", email="pst1702@bps.go.id", kepala_nama="Hendra",
    )  # fmt: skip
    t = pabrik.transaksi_diajukan(pengunjung, kantor_id=rl.pk)
    html = klien_untuk(pengunjung).get(t.get_absolute_url()).content.decode()
    kantor_transaksi = html[html.index('id="kantor-transaksi"') :][:400]
    assert "BPS Kabupaten Rejang Lebong" in kantor_transaksi
    assert "(0732) 21234" in kantor_transaksi and "pst1702@bps.go.id" in kantor_transaksi


def test_daftar_transaksi_pengunjung_dua_kantor_menyebut_kantor_tiap_transaksi(pengunjung, kota, klien_untuk):
    """A visitor with requests at the province and at Kota Bengkulu told them
    apart on "Transaksi saya" only by the office code inside each number;
    the list now names each one's office, as their appointments do. With one
    office only it stays as it was."""
    klien = klien_untuk(pengunjung)
    pabrik.transaksi_draf(pengunjung, dokumen=False)
    html = klien.get(reverse("transaksi:saya")).content.decode()
    assert "BPS Kota Bengkulu" not in html and ">Kantor<" not in html
    pabrik.transaksi_draf(pengunjung, dokumen=False, kantor_id=kota.pk)
    html = klien.get(reverse("transaksi:saya")).content.decode()
    baris = html[html.index("<tbody>") :].split("</tr>")
    assert ">Kantor<" in html
    assert "PST-1771-" in baris[0] and "BPS Kota Bengkulu" in baris[0]
    assert "PST-1700-" in baris[1] and "BPS Provinsi Bengkulu" in baris[1]
    # The officer of both offices reading that visitor's requests at the counter, likewise.
    petugas = buat_pengguna("petugas2@bps.go.id", PETUGAS, kantor=kota)
    petugas.kantor.add(kantor_bawaan())
    html = klien_untuk(petugas).get(reverse("transaksi:pengunjung", args=[pengunjung.pk])).content.decode()
    assert ">Kantor<" in html and "BPS Kota Bengkulu" in html[html.index("<tbody>") :]


@pytest.mark.parametrize("url", ["transaksi:baru", "antrian:janji_baru"])
def test_permohonan_baru_menyebut_kantor_tujuannya(url, pengunjung, kota, klien_untuk):
    """A new request or appointment goes to the office in the session (the
    provincial one unless the visitor changed it in the navbar) and stays
    there; the form names that office and links to change it, so a Kota
    Bengkulu visitor does not file at the province unawares."""
    klien = klien_untuk(pengunjung)
    html = klien.get(reverse(url)).content.decode()
    assert "Diajukan ke <strong>BPS Provinsi Bengkulu</strong>" in html
    klien.post(reverse("pilih_kantor"), {"kantor": "1771"})
    html = klien.get(reverse(url)).content.decode()
    tujuan = html[html.index('id="kantor-tujuan"') :][:400]
    assert "BPS Kota Bengkulu" in tujuan and f'href="{reverse("pilih_kantor")}?next=' in tujuan


def test_kantor_dinonaktifkan_tidak_lagi_dipilih_pengunjung(pengunjung, kota, klien_untuk):
    """An office the province switched off (it no longer runs PST) is not
    offered at /kantor/ nor taken when posted, and a visitor who chose it
    before files their new request with the provincial office, as the form
    says, not with an office nobody serves at."""
    klien = klien_untuk(pengunjung)
    klien.post(reverse("pilih_kantor"), {"kantor": "1771"})
    Kantor.objects.filter(pk=kota.pk).update(aktif=False)
    kota.refresh_from_db()
    kota.save()  # as the admin saves it: the cached office is forgotten
    assert 'value="1771"' not in klien.get(reverse("pilih_kantor")).content.decode()
    assert klien.post(reverse("pilih_kantor"), {"kantor": "1771"}).status_code == 400
    html = klien.get(reverse("transaksi:baru")).content.decode()
    assert "Diajukan ke <strong>BPS Provinsi Bengkulu</strong>" in html


def test_draf_di_kantor_dinonaktifkan_tidak_diajukan_ke_sana(pengunjung, kota):
    """A draft made at Kota Bengkulu before the province switched the office
    off is not the office's work yet: submitted, it would start a 3-day clock
    at an office that no longer serves PST. The visitor is told so; a request
    the office already holds still goes back to it after fixing."""
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    draf = pabrik.transaksi_draf(pengunjung, kantor_id=kota.pk)
    dipegang = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
    dokumen = dipegang.dokumen.first()
    dipegang = services.minta_perbaikan(dipegang, petugas_kota, {dokumen.pk: "Tanda tangan belum ada."})
    kota.aktif = False
    kota.save()
    with pytest.raises(services.TransisiTidakSah, match="BPS Kota Bengkulu tidak lagi melayani PST"):
        services.ajukan(draf, pengunjung)
    draf.refresh_from_db()
    assert draf.status == "draf"
    services.unggah_dokumen(dipegang, dokumen.jenis, pabrik.berkas_pdf(), pengunjung)
    assert services.ajukan(dipegang, pengunjung).status == "diajukan"


def test_pegawai_kantor_dinonaktifkan_tetap_menyelesaikan_pekerjaannya(kota, klien_untuk):
    """Its staff still open their office's work left to finish."""
    Kantor.objects.filter(pk=kota.pk).update(aktif=False)
    klien = klien_untuk(buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota))
    assert 'value="1771"' in klien.get(reverse("pilih_kantor")).content.decode()


def test_kantor_provinsi_tidak_dapat_dinonaktifkan():
    """Visitors who chose no office, and rows with none, are the provincial office's."""
    provinsi = Kantor.objects.get(pk=kantor_bawaan())
    provinsi.aktif = False
    with pytest.raises(ValidationError) as galat:
        provinsi.full_clean()
    assert "aktif" in galat.value.message_dict
