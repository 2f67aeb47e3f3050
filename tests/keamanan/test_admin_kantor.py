"""The back office as an office's supervisor: their own office's people,
calendar and counters, nothing of another office's, and no way up to the
province supervisor's rights (every office) by editing an account."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import strip_tags

from antrian.models import HasilKunjungan, JanjiTemu, Kanal, Kedatangan, Kunjungan, Layanan, Loket, Tiket
from conftest import buat_pengguna
from pst_layanan.kantor import kantor_petugas
from pst_layanan.models import AksesDataPribadi, HariKantor, Kantor, Pengguna, Surel, kantor_bawaan
from pst_layanan.notifikasi import kirim_surel
from pst_layanan.roles import BENDAHARA, PENGAWAS_PROVINSI, PETUGAS, SUPERVISOR
from tests import pabrik
from tests.antrian.test_admin_simpan_serentak import isian_halaman
from transaksi.models import JenisDokumen

pytestmark = pytest.mark.django_db

SANDI_BARU = {"password1": "Sandi-Baru-98765", "password2": "Sandi-Baru-98765", "usable_password": "true"}


@pytest.fixture
def sup_kota(kota):
    return buat_pengguna("sup1771@bps.go.id", SUPERVISOR, kantor=kota)


@pytest.fixture
def admin_kota(sup_kota, klien_untuk):
    return klien_untuk(sup_kota)


def isian(klien, user, **ubah):
    """The account's change form as the admin shows it, with `ubah` applied."""
    form = klien.get(f"/admin/pst_layanan/pengguna/{user.pk}/change/").context["adminform"].form
    data = {}
    for nama in form.fields:
        nilai = form.initial.get(nama)
        if nama in ("groups", "kantor"):
            data[nama] = [str(getattr(x, "pk", x)) for x in nilai or []]
        elif isinstance(nilai, bool):
            if nilai:
                data[nama] = "on"
        elif nilai is not None and nama != "password":
            data[nama] = str(nilai)
    data.update(ubah)
    return data


def nama_peran(user):
    return set(Pengguna.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def test_akun_dari_admin_beralamat_huruf_kecil_dan_tidak_kembar(supervisor, pengunjung, klien_untuk, client):
    """The admin kept "Siti@Contoh.ID" as typed, beside a later "siti@contoh.id":
    signing in with either address was then a server error."""
    klien = klien_untuk(supervisor)
    sandi = {"password1": "Sandi-Baru-98765", "password2": "Sandi-Baru-98765", "usable_password": "true"}
    r = klien.post("/admin/pst_layanan/pengguna/add/", {"email": "Siti@Contoh.ID", "nama_lengkap": "Siti", **sandi})
    assert r.status_code == 302
    siti = Pengguna.objects.get(nama_lengkap="Siti")
    assert siti.email == "siti@contoh.id"
    kembar = klien.post(
        "/admin/pst_layanan/pengguna/add/", {"email": "siti@contoh.id", "nama_lengkap": "Lain", **sandi}
    )
    assert kembar.status_code == 200 and "email" in kembar.context["adminform"].form.errors
    ubah = isian(klien, pengunjung, email="SITI@contoh.id")
    r = klien.post(f"/admin/pst_layanan/pengguna/{pengunjung.pk}/change/", ubah)
    assert r.status_code == 200 and "email" in r.context["adminform"].form.errors
    assert Pengguna.objects.filter(email__iexact="siti@contoh.id").count() == 1
    Pengguna.objects.filter(pk=siti.pk).update(email_terverifikasi=True)
    client.logout()
    assert (
        client.post("/akun/masuk/", {"username": "SITI@contoh.id", "password": "Sandi-Baru-98765"}).status_code == 302
    )


def test_akun_dari_admin_menerima_tautan_verifikasi(supervisor, klien_untuk, django_capture_on_commit_callbacks):
    """A colleague's account made in the admin signs in to "we have sent you a
    verification link": the link leaves when the account is made, so they need
    not find and press "send again"."""
    from django.core import mail

    klien = klien_untuk(supervisor)
    sandi = {"password1": "Sandi-Baru-98765", "password2": "Sandi-Baru-98765", "usable_password": "true"}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = klien.post("/admin/pst_layanan/pengguna/add/", {"email": "tono@bps.go.id", "nama_lengkap": "Tono", **sandi})
    assert r.status_code == 302
    assert [(m.to, m.subject) for m in mail.outbox] == [(["tono@bps.go.id"], "Verifikasi e-mail akun PST Layanan")]
    tono = Pengguna.objects.get(email="tono@bps.go.id")
    with django_capture_on_commit_callbacks(execute=True):
        klien.post(f"/admin/pst_layanan/pengguna/{tono.pk}/change/", isian(klien, tono, nama_lengkap="Tono S"))
    assert len(mail.outbox) == 1  # an edit sends nothing


def test_supervisor_kantor_tidak_dapat_menjadi_pengawas_provinsi(admin_kota, sup_kota):
    pengawas = Group.objects.get(name=PENGAWAS_PROVINSI)
    halaman = admin_kota.get(f"/admin/pst_layanan/pengguna/{sup_kota.pk}/change/")
    assert pengawas not in halaman.context["adminform"].form.fields["groups"].queryset
    supervisor = str(Group.objects.get(name=SUPERVISOR).pk)
    r = admin_kota.post(
        f"/admin/pst_layanan/pengguna/{sup_kota.pk}/change/",
        isian(admin_kota, sup_kota, groups=[supervisor, str(pengawas.pk)]),
    )
    assert r.status_code == 200
    assert "groups" in r.context["adminform"].form.errors
    assert nama_peran(sup_kota) == {SUPERVISOR}
    assert kantor_petugas(Pengguna.objects.get(pk=sup_kota.pk)) == {sup_kota.kantor.get().pk}


@pytest.mark.parametrize("sasaran", ["pengawas provinsi", "supervisor kantor provinsi", "petugas kantor provinsi"])
def test_akun_kantor_lain_tidak_ditemukan(admin_kota, sasaran):
    peran = {"pengawas provinsi": PENGAWAS_PROVINSI, "supervisor kantor provinsi": SUPERVISOR}.get(sasaran, PETUGAS)
    lain = buat_pengguna("lain@bps.go.id", peran)
    # The admin answers a row it does not find by going back to its index.
    r = admin_kota.get(f"/admin/pst_layanan/pengguna/{lain.pk}/change/")
    assert (r.status_code, r["Location"]) == (302, "/admin/")
    assert admin_kota.post(f"/admin/pst_layanan/pengguna/{lain.pk}/password/", SANDI_BARU).status_code == 404
    lain.refresh_from_db()
    assert lain.check_password("sandi-uji-123")
    daftar = admin_kota.get("/admin/pst_layanan/pengguna/")
    assert "lain@bps.go.id" not in daftar.content.decode()


def test_supervisor_kantor_provinsi_membaca_tetapi_tidak_mengubah_pengawas(klien_untuk):
    sup = buat_pengguna("sup1700@bps.go.id", SUPERVISOR)
    pengawas = buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI)
    klien = klien_untuk(sup)
    assert klien.post(f"/admin/pst_layanan/pengguna/{pengawas.pk}/password/", SANDI_BARU).status_code == 403
    pengawas.refresh_from_db()
    assert pengawas.check_password("sandi-uji-123")
    halaman = klien.get(f"/admin/pst_layanan/pengguna/{pengawas.pk}/change/")
    assert halaman.status_code == 200
    assert not halaman.context["has_change_permission"]


def test_supervisor_kantor_mengelola_petugas_dan_pengunjung_kantornya(admin_kota, kota):
    petugas = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    pengunjung = buat_pengguna("tamu@example.com")
    daftar = admin_kota.get("/admin/pst_layanan/pengguna/").content.decode()
    assert "petugas1771@bps.go.id" in daftar and "tamu@example.com" in daftar
    assert admin_kota.post(f"/admin/pst_layanan/pengguna/{petugas.pk}/password/", SANDI_BARU).status_code == 302
    petugas.refresh_from_db()
    assert petugas.check_password("Sandi-Baru-98765")
    halaman = admin_kota.get(f"/admin/pst_layanan/pengguna/{pengunjung.pk}/change/")
    assert list(halaman.context["adminform"].form.fields["kantor"].queryset) == [kota]


def test_peran_diberikan_hanya_dengan_kantor_sendiri(admin_kota, kota):
    """Staff with no office work at the provincial office: an office's
    supervisor must place whoever they give a role in one of their offices."""
    tamu = buat_pengguna("tamu@example.com")
    petugas = str(Group.objects.get(name=PETUGAS).pk)
    r = admin_kota.post(f"/admin/pst_layanan/pengguna/{tamu.pk}/change/", isian(admin_kota, tamu, groups=[petugas]))
    assert r.status_code == 200
    assert r.context["adminform"].form.errors["kantor"] == [
        "Pilih kantor tempat bertugas untuk akun yang diberi peran."
    ]
    assert nama_peran(tamu) == set()
    provinsi = str(kantor_bawaan())
    r = admin_kota.post(
        f"/admin/pst_layanan/pengguna/{tamu.pk}/change/", isian(admin_kota, tamu, groups=[petugas], kantor=[provinsi])
    )
    assert r.status_code == 200 and "kantor" in r.context["adminform"].form.errors
    r = admin_kota.post(
        f"/admin/pst_layanan/pengguna/{tamu.pk}/change/", isian(admin_kota, tamu, groups=[petugas], kantor=[kota.pk])
    )
    assert r.status_code == 302
    assert nama_peran(tamu) == {PETUGAS}
    assert kantor_petugas(Pengguna.objects.get(pk=tamu.pk)) == {kota.pk}


def test_supervisor_kantor_tidak_dapat_melepas_kantornya_sendiri(admin_kota, sup_kota, kota):
    r = admin_kota.post(f"/admin/pst_layanan/pengguna/{sup_kota.pk}/change/", isian(admin_kota, sup_kota, kantor=[]))
    assert r.status_code == 200 and "kantor" in r.context["adminform"].form.errors
    assert list(sup_kota.kantor.all()) == [kota]


def test_kalender_hanya_untuk_kantor_sendiri(admin_kota, kota, klien_untuk):
    form = admin_kota.get("/admin/pst_layanan/harikantor/add/").context["adminform"].form
    assert form["kantor"].initial == kota.pk and list(form.fields["kantor"].queryset) == [kota]
    for kantor in ("", str(kantor_bawaan())):
        r = admin_kota.post(
            "/admin/pst_layanan/harikantor/add/",
            {"kantor": kantor, "tanggal": "2026-12-10", "jenis": "tutup", "keterangan": "Rapat"},
        )
        assert r.status_code == 200 and "kantor" in r.context["adminform"].form.errors
    assert not HariKantor.objects.exists()
    r = admin_kota.post(
        "/admin/pst_layanan/harikantor/add/",
        {"kantor": kota.pk, "tanggal": "2026-12-10", "jenis": "tutup", "keterangan": "Hari jadi Kota Bengkulu"},
    )
    assert r.status_code == 302
    assert HariKantor.objects.get().kantor == kota


def test_keterangan_pilihan_kosong_hanya_untuk_yang_dapat_memilihnya(admin_kota, klien_untuk):
    """The office field's help says what leaving it empty means (every
    office); a regency supervisor must choose their own office and is not
    told to leave it empty, the province supervisor who can still is."""
    assert "Kosongkan bila berlaku" not in admin_kota.get("/admin/pst_layanan/harikantor/add/").content.decode()
    pengawas = klien_untuk(buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI))
    assert (
        "Kosongkan bila berlaku untuk semua kantor."
        in pengawas.get("/admin/pst_layanan/harikantor/add/").content.decode()
    )


def test_baris_ganda_disebut_sudah_ada(admin_kota, kota):
    """A second counter 1 of the office, or a second entry of one day in its
    calendar, is refused as "... ini sudah ada", not with Django's Indonesian
    "... ini tidak ada" (does not exist), the opposite of what happened."""
    layanan = [x.pk for x in Layanan.objects.all()[:1]]
    Loket.objects.create(kantor=kota, nomor=1)
    HariKantor.objects.create(kantor=kota, tanggal="2026-12-10", jenis="tutup", keterangan="Rapat")
    ganda = [
        ("/admin/antrian/loket/add/", {"kantor": kota.pk, "nomor": 1, "nama": "Loket 1", "layanan": layanan}),
        ("/admin/pst_layanan/harikantor/add/", {"kantor": kota.pk, "tanggal": "2026-12-10", "jenis": "tutup"}),
    ]
    for url, data in ganda:
        galat = admin_kota.post(url, data).context["adminform"].form.non_field_errors()
        assert len(galat) == 1 and galat[0].endswith(" ini sudah ada."), galat
    assert Loket.objects.count() == 1 and HariKantor.objects.count() == 1


def test_koreksi_semua_kantor_dibaca_dan_diubah_provinsi(admin_kota, klien_untuk):
    semua = HariKantor.objects.create(tanggal="2026-12-24", jenis="tutup", keterangan="Cuti bersama")
    halaman = admin_kota.get(f"/admin/pst_layanan/harikantor/{semua.pk}/change/")
    assert halaman.status_code == 200 and not halaman.context["has_change_permission"]
    data = {"kantor": "", "tanggal": "2026-12-24", "jenis": "buka", "keterangan": "Buka"}
    assert admin_kota.post(f"/admin/pst_layanan/harikantor/{semua.pk}/change/", data).status_code == 403
    assert admin_kota.post(f"/admin/pst_layanan/harikantor/{semua.pk}/delete/", {"post": "yes"}).status_code == 403
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    assert pengawas.post(f"/admin/pst_layanan/harikantor/{semua.pk}/change/", data).status_code == 302
    assert HariKantor.objects.get().jenis == "buka"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/antrian/layanan/{layanan}/change/",
        "/admin/transaksi/produk/{produk}/change/",
        "/admin/transaksi/jenisdokumen/{dokumen}/change/",
    ],
)
def test_katalog_bersama_dibaca_kantor_lain_diubah_kantor_provinsi(url, admin_kota, supervisor, klien_untuk):
    """Services, products with their tariffs and document types serve every
    office: a regency office's supervisor cannot switch one off for all."""
    produk = pabrik.produk("publikasi-elektronik")
    url = url.format(
        layanan=Layanan.objects.get(kode="B").pk, produk=produk.pk, dokumen=JenisDokumen.objects.first().pk
    )
    halaman = admin_kota.get(url)
    assert halaman.status_code == 200 and not halaman.context["has_change_permission"]
    assert admin_kota.post(url, {}).status_code == 403
    assert admin_kota.post(url.replace("change", "delete"), {"post": "yes"}).status_code == 403
    assert admin_kota.get(url.rsplit("/", 3)[0] + "/add/").status_code == 403
    assert Layanan.objects.get(kode="B").aktif and produk.__class__.objects.filter(pk=produk.pk, aktif=True).exists()
    # The provincial office's supervisor keeps the catalogue.
    assert klien_untuk(supervisor).get(url).context["has_change_permission"]


def test_loket_dibuat_untuk_kantor_sendiri(admin_kota, kota):
    layanan = [x.pk for x in Layanan.objects.all()[:1]]
    data = {"kantor": kantor_bawaan(), "nomor": 9, "nama": "Loket 9", "aktif": "on", "layanan": layanan}
    r = admin_kota.post("/admin/antrian/loket/add/", data)
    assert r.status_code == 200 and "kantor" in r.context["adminform"].form.errors
    assert not Loket.objects.filter(nomor=9).exists()
    assert admin_kota.post("/admin/antrian/loket/add/", {**data, "kantor": kota.pk}).status_code == 302
    assert Loket.objects.get(nomor=9).kantor == kota


def test_daftar_loket_menyebut_kantornya(kota, klien_untuk):
    """Every office has its Loket 1: the province supervisor's list of
    counters read "1" row after row, with nothing to tell whose it was."""
    Loket.objects.create(nomor=1)
    Loket.objects.create(kantor=kota, nomor=1)
    klien = klien_untuk(buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI))
    html = klien.get("/admin/antrian/loket/").content.decode()
    tabel = html.split('id="result_list"', 1)[1].split("</table>", 1)[0]
    assert "BPS Provinsi Bengkulu" in tabel and "BPS Kota Bengkulu" in tabel


def _antrian_di(kantor_id, pengunjung, layanan):
    """Each office's first arrival, visit, ticket (B-001) and appointment of the day."""
    hari = timezone.localdate()
    k = Kunjungan.objects.create(kantor_id=kantor_id, pengunjung=pengunjung, layanan=layanan, kanal=Kanal.LANGSUNG)
    Tiket.objects.create(kunjungan=k, kantor_id=kantor_id, layanan=layanan, tanggal=hari, nomor=1)
    Kedatangan.objects.create(kantor_id=kantor_id, tanggal=hari, nomor=1, kunjungan=k)
    JanjiTemu.objects.create(kantor_id=kantor_id, pengunjung=pengunjung, layanan=layanan, waktu=timezone.now())


@pytest.mark.parametrize("model", ["tiket", "kunjungan", "kedatangan", "janjitemu"])
def test_daftar_antrian_menyebut_kantornya(model, kota, pengunjung, layanan_b, klien_untuk):
    """Every office numbers its tickets and arrivals from 1 each day: the
    province supervisor's lists read "B-001" twice, with nothing to tell
    whose it was. The office is a column and a filter, read in the list's
    own query."""
    klien = klien_untuk(buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI))
    _antrian_di(kantor_bawaan(), pengunjung, layanan_b)
    klien.get(f"/admin/antrian/{model}/")  # the office settings the page reads are cached from the first one
    with CaptureQueriesContext(connection) as satu_kantor:
        klien.get(f"/admin/antrian/{model}/")
    _antrian_di(kota.pk, pengunjung, layanan_b)
    with CaptureQueriesContext(connection) as dua_kantor:
        html = klien.get(f"/admin/antrian/{model}/").content.decode()
    tabel = html.split('id="result_list"', 1)[1].split("</table>", 1)[0]
    assert "BPS Provinsi Bengkulu" in tabel and "BPS Kota Bengkulu" in tabel
    assert f"?kantor__id__exact={kota.pk}" in html
    assert len(dua_kantor) == len(satu_kantor)


def test_petunjuk_nama_loket_terbaca_di_admin(admin_kota):
    """The admin prints a field's help text as HTML: "Loket <nomor>" lost its
    "<nomor>" as an unknown tag, and the supervisor adding their office's
    first counter read 'Kosongkan untuk “Loket ”.'"""
    html = admin_kota.get("/admin/antrian/loket/add/").content.decode()
    petunjuk = " ".join(strip_tags(html.split('id="id_nama_helptext"', 1)[1].split("</div>", 1)[0]).split())
    assert "“Loket 2”" in petunjuk and "“Loket ”" not in petunjuk


def test_kantor_baru_tidak_mewarisi_identitas_kantor_provinsi(klien_untuk):
    """A new office is typed in whole: the provincial office's name, address,
    e-mail and head are not offered, and the form refuses it without them."""
    from pst_layanan.models import Kantor

    klien = klien_untuk(buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI))
    form = klien.get("/admin/pst_layanan/kantor/add/").context["adminform"].form
    identitas = ("kode", "nama", "alamat", "telepon", "email", "kepala_nama")
    assert [form[nama].value() for nama in identitas] == [""] * len(identitas)
    isian_baru = {nama: form[nama].value() for nama in form.fields if form[nama].value() not in (None, False)}
    isian_baru.update(kode="1702", nama="BPS Kabupaten Rejang Lebong")
    r = klien.post("/admin/pst_layanan/kantor/add/", isian_baru)
    assert r.status_code == 200 and set(identitas[2:]) <= set(r.context["adminform"].form.errors)
    assert not Kantor.objects.filter(kode="1702").exists()
    isian_baru.update(
        alamat="Jl. S. Sukowati, Curup", telepon="(0732) 21234", email="pst1702@bps.go.id", kepala_nama="Dra. Ani"
    )
    assert klien.post("/admin/pst_layanan/kantor/add/", isian_baru).status_code == 302
    assert Kantor.objects.get(kode="1702").kepala_nama == "Dra. Ani"


def test_kode_kantor_provinsi_dan_kode_kantor_sendiri_tidak_diubah(kota, sup_kota, supervisor, klien_untuk):
    """Changing 1700 made a new, empty office 1700 that every row and staff
    member without an office then belonged to; an office's supervisor could
    renumber their own office. The province supervisor still sets another office's code."""
    from pst_layanan.models import Kantor

    def isian(klien, kantor, **ubah):
        form = klien.get(f"/admin/pst_layanan/kantor/{kantor.pk}/change/").context["adminform"].form
        data = {n: v for n in form.fields if (v := form[n].value()) not in (None, False)}
        return {**data, "rekening_bank": "BRI", "rekening_nomor": "0001", "rekening_atas_nama": "BPS", **ubah}

    provinsi = Kantor.objects.get(pk=kantor_bawaan())
    pengawas = buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)
    for user, kantor in ((supervisor, provinsi), (pengawas, provinsi), (sup_kota, kota)):
        klien = klien_untuk(user)
        url = f"/admin/pst_layanan/kantor/{kantor.pk}/change/"
        assert klien.post(url, isian(klien, kantor, kode="1799", nama="Nama baru")).status_code == 302
    assert sorted(Kantor.objects.values_list("kode", "nama")) == [("1700", "Nama baru"), ("1771", "Nama baru")]
    assert kantor_bawaan() == provinsi.pk
    klien = klien_untuk(pengawas)
    url = f"/admin/pst_layanan/kantor/{kota.pk}/change/"
    assert klien.post(url, isian(klien, kota, kode="1772")).status_code == 302
    assert Kantor.objects.get(pk=kota.pk).kode == "1772"


def test_pengaturan_kantor_tersimpan_tanpa_menyentuh_transfer(supervisor, klien_untuk):
    """An office as installed had transfer switched on and no receiving
    account, which the settings form refuses: a supervisor who only ticked
    cash got "fill in the bank account or switch transfer off" and nothing
    was saved. Transfer starts off, as it was never offered without an account."""
    from pst_layanan.models import Kantor

    klien = klien_untuk(supervisor)
    url = f"/admin/pst_layanan/kantor/{kantor_bawaan()}/change/"
    form = klien.get(url).context["adminform"].form
    data = {n: v for n in form.fields if (v := form[n].value()) not in (None, False)}
    assert klien.post(url, {**data, "bayar_tunai": "on"}).status_code == 302
    k = Kantor.objects.get(pk=kantor_bawaan())
    assert (k.bayar_simponi, k.bayar_transfer, k.bayar_tunai) == (True, False, True)


def test_masa_unduh_dan_masa_berlaku_billing_nol_hari_ditolak(kota, sup_kota, klien_untuk):
    """0 was saved: every product then expired the moment it was handed over."""
    from pst_layanan.models import Kantor

    klien = klien_untuk(sup_kota)
    url = f"/admin/pst_layanan/kantor/{kota.pk}/change/"
    form = klien.get(url).context["adminform"].form
    data = {n: v for n in form.fields if (v := form[n].value()) not in (None, False)}
    data.update(rekening_bank="BRI", rekening_nomor="0001", rekening_atas_nama="BPS")
    r = klien.post(url, {**data, "masa_unduh_hari": "0", "masa_berlaku_billing_hari": "0"})
    assert r.context["adminform"].form.errors == {
        "masa_berlaku_billing_hari": ["Isi minimal 1 hari."],
        "masa_unduh_hari": ["Isi minimal 1 hari."],
    }
    assert Kantor.objects.get(pk=kota.pk).masa_unduh_hari == 30
    assert klien.post(url, {**data, "masa_unduh_hari": "1"}).status_code == 302


def test_masa_berlaku_billing_lebih_dari_setahun_ditolak(kota, sup_kota, klien_untuk):
    """A default validity past what an invoice form accepts would refuse every
    invoice issued with the form's own suggested expiry."""
    from pst_layanan.models import Kantor

    klien = klien_untuk(sup_kota)
    url = f"/admin/pst_layanan/kantor/{kota.pk}/change/"
    form = klien.get(url).context["adminform"].form
    data = {n: v for n in form.fields if (v := form[n].value()) not in (None, False)}
    data.update(rekening_bank="BRI", rekening_nomor="0001", rekening_atas_nama="BPS")
    r = klien.post(url, {**data, "masa_berlaku_billing_hari": "367"})
    assert r.context["adminform"].form.errors == {"masa_berlaku_billing_hari": ["Paling lama 366 hari."]}
    assert Kantor.objects.get(pk=kota.pk).masa_berlaku_billing_hari == 7
    assert klien.post(url, {**data, "masa_berlaku_billing_hari": "366"}).status_code == 302


def test_retensi_dokumen_tanpa_batas_ditolak(kota, sup_kota, klien_untuk):
    """999999 days (keep for ever) is refused: saved, the daily retention
    job's cut-off would fall before year 1 and stop the job for every office."""
    from pst_layanan.models import Kantor
    from transaksi import retensi

    klien = klien_untuk(sup_kota)
    url = f"/admin/pst_layanan/kantor/{kota.pk}/change/"
    form = klien.get(url).context["adminform"].form
    data = {n: v for n in form.fields if (v := form[n].value()) not in (None, False)}
    r = klien.post(url, {**data, "retensi_dokumen_hari": "999999"})
    assert r.context["adminform"].form.errors == {"retensi_dokumen_hari": ["Paling lama 36500 hari."]}
    assert Kantor.objects.get(pk=kota.pk).retensi_dokumen_hari == 365
    assert klien.post(url, {**data, "retensi_dokumen_hari": "36500"}).status_code == 302
    assert retensi.jatuh_tempo().count() == 0


def test_surel_keluar_per_kantor(kota, admin_kota, supervisor, pengunjung, klien_untuk):
    """The outbox holds visitors' names, orders and invoices: an office's
    supervisor reads their office's mail; account mail is the provincial office's."""
    for nama, kantor_id in (("kota", kota.pk), ("provinsi", kantor_bawaan())):
        t = pabrik.transaksi_draf(pengunjung, kantor_id=kantor_id)
        kirim_surel(f"{nama}@contoh.id", f"Surel {nama}", "email/daftar_ganda.txt", {"t": t})
    kirim_surel("akun@contoh.id", "Surel akun", "email/daftar_ganda.txt")

    def terlihat(klien):
        html = klien.get("/admin/pst_layanan/surel/").content.decode()
        return [n for n in ("Surel kota", "Surel provinsi", "Surel akun") if n in html]

    assert terlihat(admin_kota) == ["Surel kota"]
    provinsi = Surel.objects.get(subjek="Surel provinsi")
    assert admin_kota.get(f"/admin/pst_layanan/surel/{provinsi.pk}/change/").status_code == 302  # not found
    assert terlihat(klien_untuk(supervisor)) == ["Surel provinsi", "Surel akun"]
    semua = ["Surel kota", "Surel provinsi", "Surel akun"]
    assert terlihat(klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))) == semua


def test_log_akses_data_pribadi_per_kantor(kota, admin_kota, petugas, pengunjung, klien_untuk):
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    for staf, halaman in ((petugas_kota, "/halaman-kota/"), (petugas, "/halaman-provinsi/")):
        AksesDataPribadi.objects.create(petugas=staf, subjek=pengunjung, halaman=halaman)

    def terlihat(klien):
        html = klien.get("/admin/pst_layanan/aksesdatapribadi/").content.decode()
        return [h for h in ("/halaman-kota/", "/halaman-provinsi/") if h in html]

    assert terlihat(admin_kota) == ["/halaman-kota/"]
    assert terlihat(klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))) == [
        "/halaman-kota/",
        "/halaman-provinsi/",
    ]


def test_admin_akun_pengunjung_kantor_sendiri_atau_yang_belum_berurusan(kota, admin_kota, pengunjung):
    """The admin narrows visitors as the visitor page does: another office's
    visitor is not found; a new account (no office's business yet) is, so a
    supervisor can make it staff."""
    pabrik.transaksi_draf(pengunjung)  # the provincial office's visitor
    pelanggan_kota = buat_pengguna("kota@contoh.id")
    pabrik.transaksi_draf(pelanggan_kota, kantor_id=kota.pk)
    baru = buat_pengguna("baru@contoh.id")
    daftar = admin_kota.get("/admin/pst_layanan/pengguna/").content.decode()
    assert "kota@contoh.id" in daftar and "baru@contoh.id" in daftar and pengunjung.email not in daftar
    assert admin_kota.get(f"/admin/pst_layanan/pengguna/{pengunjung.pk}/change/").status_code == 302  # not found
    assert admin_kota.get(f"/admin/pst_layanan/pengguna/{baru.pk}/change/").status_code == 200


def test_kunjungan_hanya_dapat_dikreditkan_ke_petugas_kantor_sendiri(admin_kota, kota, petugas, pengunjung, sup_kota):
    layanan = Layanan.objects.get(kode="B")
    kunjungan = Kunjungan.objects.create(pengunjung=pengunjung, kanal=Kanal.LANGSUNG, kantor=kota, layanan=layanan)
    url = f"/admin/antrian/kunjungan/{kunjungan.pk}/change/"
    form = admin_kota.get(url).context["adminform"].form
    data = {nama: nilai for nama in form.fields if (nilai := form.initial.get(nama)) not in (None, [])}
    data["kantor"] = kota.pk
    r = admin_kota.post(url, {**data, "petugas": petugas.pk})  # the provincial office's officer
    assert r.status_code == 200 and "petugas" in r.context["adminform"].form.errors
    kunjungan.refresh_from_db()
    assert kunjungan.petugas is None
    # The page lists the office's officers to choose from; its account search offered visitors too.
    halaman = admin_kota.get(url).content.decode()
    assert f'<option value="{sup_kota.pk}">' in halaman and "admin-autocomplete" not in halaman
    assert admin_kota.post(url, {**data, "petugas": sup_kota.pk}).status_code == 302


def test_kunjungan_petugas_yang_sudah_pindah_tetap_tercatat_saat_dikoreksi(admin_kota, kota, pengunjung, sup_kota):
    """A visit served by an officer since moved to the desk (their officer's
    role taken) could not be corrected at all: the form refused the officer it
    already named, until the supervisor credited the visit to someone else."""
    from pst_layanan.roles import RESEPSIONIS

    pindah = buat_pengguna("pindah1771@bps.go.id", PETUGAS, kantor=kota)
    layanan = Layanan.objects.get(kode="B")
    kunjungan = Kunjungan.objects.create(
        pengunjung=pengunjung, kanal=Kanal.LANGSUNG, kantor=kota, layanan=layanan, petugas=pindah
    )
    pindah.groups.set([Group.objects.get(name=RESEPSIONIS)])
    url = f"/admin/antrian/kunjungan/{kunjungan.pk}/change/"
    data = {"kantor": kota.pk, "layanan": layanan.pk, "petugas": pindah.pk, "catatan": "Dirujuk ke perpustakaan."}
    assert admin_kota.post(url, data).status_code == 302
    kunjungan.refresh_from_db()
    assert (kunjungan.petugas, kunjungan.catatan) == (pindah, "Dirujuk ke perpustakaan.")
    # Another visit is still not credited to them.
    lain = Kunjungan.objects.create(pengunjung=pengunjung, kanal=Kanal.LANGSUNG, kantor=kota, layanan=layanan)
    r = admin_kota.post(f"/admin/antrian/kunjungan/{lain.pk}/change/", data)
    assert r.status_code == 200 and "petugas" in r.context["adminform"].form.errors


def test_hasil_tutup_hari_tidak_dipilih_petugas_di_admin(admin_kota, kota, pengunjung, sup_kota):
    """The admin offered "absent when called" for a visit the counter served:
    those outcomes are the end-of-day close's, as at the counter."""
    layanan = Layanan.objects.get(kode="B")
    kunjungan = Kunjungan.objects.create(
        pengunjung=pengunjung, kanal=Kanal.LANGSUNG, kantor=kota, layanan=layanan, hasil=HasilKunjungan.PENJELASAN
    )
    url = f"/admin/antrian/kunjungan/{kunjungan.pk}/change/"
    data = {"kantor": kota.pk, "layanan": layanan.pk, "petugas": sup_kota.pk}
    r = admin_kota.post(url, {**data, "hasil": HasilKunjungan.TIDAK_HADIR})
    assert r.context["adminform"].form.errors["hasil"] == ["Hasil ini hanya diberikan saat hari layanan ditutup."]
    kunjungan.refresh_from_db()
    assert kunjungan.hasil == HasilKunjungan.PENJELASAN
    assert admin_kota.post(url, {**data, "hasil": HasilKunjungan.DIRUJUK}).status_code == 302
    # A close's outcome already there stays when another field is corrected.
    Kunjungan.objects.filter(pk=kunjungan.pk).update(hasil=HasilKunjungan.TIDAK_TERLAYANI)
    assert admin_kota.post(url, {**data, "hasil": HasilKunjungan.TIDAK_TERLAYANI, "catatan": "x"}).status_code == 302


def test_kunjungan_tidak_dibuat_di_admin(admin_kota, kota):
    """The add form had no visitor field, so saving it ended in a server error."""
    assert admin_kota.get("/admin/antrian/kunjungan/add/").status_code == 403
    r = admin_kota.post(
        "/admin/antrian/kunjungan/add/", {"layanan": Layanan.objects.get(kode="B").pk, "kantor": kota.pk}
    )
    assert r.status_code == 403
    assert not Kunjungan.objects.exists()


def test_janji_temu_tidak_dibuat_di_admin_dan_pengunjungnya_tetap(admin_kota, kota, pengunjung, pengunjung_lain):
    assert admin_kota.get("/admin/antrian/janjitemu/add/").status_code == 403
    janji = JanjiTemu.objects.create(
        pengunjung=pengunjung, layanan=Layanan.objects.get(kode="B"), kantor=kota, waktu="2026-12-10T10:00+07:00"
    )
    halaman = admin_kota.get(f"/admin/antrian/janjitemu/{janji.pk}/change/").content.decode()
    assert pengunjung.email in halaman and pengunjung_lain.email not in halaman  # no list of every account


def test_lihat_di_situs_tidak_menyebut_nomor_kantor_lain(admin_kota, kota, pengunjung, supervisor, klien_untuk):
    """/admin/r/<type>/<id>/ led any staff member to any row's page address."""
    prov = pabrik.transaksi_diajukan(pengunjung)
    di_kota = pabrik.transaksi_diajukan(pengunjung, kantor_id=kota.pk)
    tipe = ContentType.objects.get_for_model(prov).pk
    assert admin_kota.get(f"/admin/r/{tipe}/{prov.pk}/").status_code == 404
    assert admin_kota.get(f"/admin/r/{tipe}/{di_kota.pk}/")["Location"].endswith(di_kota.get_absolute_url())
    assert admin_kota.get(f"/admin/r/{tipe}/bukan-angka/").status_code == 404
    assert admin_kota.get(f"/admin/r/999999/{prov.pk}/").status_code == 404
    assert klien_untuk(supervisor).get(f"/admin/r/{tipe}/{prov.pk}/").status_code == 302


def test_kode_layanan_tunggal_tanpa_beda_huruf_dan_tetap_setelah_ada_tiket(supervisor, klien_untuk, tiket_untuk):
    """A "b" beside a "B" would be two queues read aloud alike; a code already on
    tickets stays, or every past ticket (B-001) would be renamed."""
    klien = klien_untuk(supervisor)
    data = {"kode": "b", "nama_ind": "Layanan lain", "nama_en": "Other", "aktif": "on", "urutan": 5}
    r = klien.post("/admin/antrian/layanan/add/", data)
    assert r.status_code == 200 and "Kode antrian ini sudah dipakai layanan lain." in r.content.decode()
    assert klien.post("/admin/antrian/layanan/add/", {**data, "kode": "k2"}).status_code == 302
    assert Layanan.objects.filter(kode="K2").exists()
    b = Layanan.objects.get(kode="B")
    tiket_untuk(supervisor)
    form = klien.get(f"/admin/antrian/layanan/{b.pk}/change/").context["adminform"].form
    assert "kode" not in form.fields


def test_kode_layanan_bukan_awalan_nomor_kedatangan(supervisor, klien_untuk):
    """A service coded D numbered its tickets D-001, D-002…, as the desk numbers
    the day's arrivals: a visitor holding arrival D-003 from the lobby tablet
    heard "D nol nol tiga" called to a counter, and the desk's list mixed the two."""
    data = {"kode": "d", "nama_ind": "Data mikro", "nama_en": "Microdata", "aktif": "on", "urutan": 5}
    r = klien_untuk(supervisor).post("/admin/antrian/layanan/add/", data)
    assert r.status_code == 200
    assert "Kode D dipakai nomor kedatangan tamu (D-001); pilih kode lain." in r.content.decode()
    assert not Layanan.objects.filter(kode__iexact="D").exists()


def test_kode_layanan_lama_berhuruf_kecil_tetap_saat_layanan_dikoreksi(supervisor, klien_untuk, tiket_untuk):
    """A code typed in lower case before codes were upper-cased, already on
    tickets: correcting the service's name keeps it, or every past ticket
    ("k-001") would be renamed."""
    k = Layanan.objects.create(kode="K", nama="Konsultasi", urutan=2)
    Layanan.objects.filter(pk=k.pk).update(kode="k")
    tiket_untuk(supervisor, k)
    data = {"nama_ind": "Konsultasi Statistik", "nama_en": "Statistical consultation", "aktif": "on", "urutan": 2}
    r = klien_untuk(supervisor).post(f"/admin/antrian/layanan/{k.pk}/change/", data)
    k.refresh_from_db()
    assert r.status_code == 302 and (k.kode, k.nama) == ("k", "Konsultasi Statistik")


@pytest.mark.parametrize("model", ["accesslog", "accessfailurelog", "accessattempt"])
def test_log_masuk_staf_kantor_lain_tidak_terlihat(model, kota, admin_kota, supervisor, pengunjung, klien_untuk):
    """Login records name the account by its e-mail, with the address and
    browser it came from: an office's supervisor reads those of the people
    their account list finds (and of addresses no account has), not those of
    another office's staff or visitors, and cannot delete them."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    Model = {"accesslog": AccessLog, "accessfailurelog": AccessFailureLog, "accessattempt": AccessAttempt}[model]
    pabrik.transaksi_draf(pengunjung)  # the provincial office's visitor
    petugas_kota = buat_pengguna("petugas1771@bps.go.id", PETUGAS, kantor=kota)
    for email in (supervisor.email, pengunjung.email, petugas_kota.email, "tidak-ada@contoh.id"):
        Model.objects.create(
            username=email,
            ip_address="10.0.0.1",
            user_agent="Uji",
            **({"failures_since_start": 1} if Model is AccessAttempt else {}),
        )

    def terlihat(klien):
        html = klien.get(f"/admin/axes/{model}/").content.decode()
        return {e for e in (supervisor.email, pengunjung.email, petugas_kota.email, "tidak-ada@contoh.id") if e in html}

    assert terlihat(admin_kota) == {petugas_kota.email, "tidak-ada@contoh.id"}
    lain = Model.objects.get(username=supervisor.email)
    assert admin_kota.post(f"/admin/axes/{model}/{lain.pk}/delete/", {"post": "yes"}).status_code == 302
    assert Model.objects.filter(pk=lain.pk).exists()
    semua = {supervisor.email, pengunjung.email, petugas_kota.email, "tidak-ada@contoh.id"}
    assert terlihat(klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))) == semua


def test_nomor_urut_kantor_lain_tidak_terlihat(kota, admin_kota, klien_untuk):
    """A counter says how many transactions, invoices, receipts and refunds
    an office numbered this year: another office's are that office's business."""
    from transaksi import nomor
    from transaksi.models import NomorUrut

    for kunci in ("transaksi-1771-2026", "tagihan-1700-2026", "transaksi-1700-2026", "rincian-tarif-2026"):
        nomor.ambil(kunci)

    def terlihat(klien):
        html = klien.get("/admin/transaksi/nomorurut/").content.decode()
        return {k for k in NomorUrut.objects.values_list("kunci", flat=True) if k in html}

    assert terlihat(admin_kota) == {"transaksi-1771-2026", "rincian-tarif-2026"}
    lain = NomorUrut.objects.get(kunci="tagihan-1700-2026")
    assert admin_kota.get(f"/admin/transaksi/nomorurut/{lain.pk}/change/").status_code == 302  # not found
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    assert terlihat(pengawas) == set(NomorUrut.objects.values_list("kunci", flat=True))


def test_tunai_di_kantor_tanpa_bendahara_diperingatkan_saat_disimpan(kota, klien_untuk):
    """Cash switched on at an office where no active account may record it
    (no treasurer, no supervisor) is saved with a warning naming the gap; an
    office with a treasurer is saved without one."""
    from django.contrib.messages import get_messages

    pengawas = klien_untuk(buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI))
    url = f"/admin/pst_layanan/kantor/{kota.pk}/change/"

    def simpan():
        form = pengawas.get(url).context["adminform"].form
        data = {n: v for n in form.fields if (v := form[n].value()) not in (None, False)}
        r = pengawas.post(url, {**data, "alamat": "Jl. Kota", "bayar_tunai": "on"})
        assert r.status_code == 302
        return [str(m) for m in get_messages(r.wsgi_request) if m.level_tag == "warning"]

    [peringatan] = simpan()
    assert "belum ada akun bendahara atau supervisor aktif di BPS Kota Bengkulu" in peringatan
    assert Kantor.objects.get(pk=kota.pk).bayar_tunai
    buat_pengguna("bendahara1771@bps.go.id", BENDAHARA, kantor=kota)
    assert simpan() == []


def test_kantor_dimatikan_oleh_provinsi_bukan_oleh_supervisornya(kota, sup_kota, klien_untuk):
    """The province supervisor switches a regency office off in its settings
    (unticks 'melayani PST'); the office's own supervisor saves its settings
    without being able to switch it off."""
    from pst_layanan.models import Kantor

    def simpan_tanpa_centang(klien):
        url = f"/admin/pst_layanan/kantor/{kota.pk}/change/"
        # As a browser sends the page: the box unticked is not sent, the value it showed is.
        data = isian_halaman(klien.get(url).content.decode()) | {"aktif": None}
        assert klien.post(url, {n: v for n, v in data.items() if v is not None}).status_code == 302

    simpan_tanpa_centang(klien_untuk(sup_kota))
    assert Kantor.objects.get(pk=kota.pk).aktif
    simpan_tanpa_centang(klien_untuk(buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI)))
    assert not Kantor.objects.get(pk=kota.pk).aktif


def test_kunjungan_dikreditkan_ke_petugas_kantor_kunjungan_itu(kota, petugas, pengunjung, klien_untuk):
    """The province supervisor, offered every office's officers, credited a
    visit at the city office to an officer of the provincial office, who was
    never there: the officer must work for the visit's office."""
    layanan = Layanan.objects.get(kode="B")
    kunjungan = Kunjungan.objects.create(pengunjung=pengunjung, kanal=Kanal.LANGSUNG, kantor=kota, layanan=layanan)
    petugas_kota = buat_pengguna("petugaskota@bps.go.id", PETUGAS, kantor=kota)
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    url = f"/admin/antrian/kunjungan/{kunjungan.pk}/change/"
    data = {"kantor": kota.pk, "layanan": layanan.pk}
    r = pengawas.post(url, {**data, "petugas": petugas.pk})
    assert r.status_code == 200 and list(r.context["adminform"].form.errors) == ["petugas"]
    kunjungan.refresh_from_db()
    assert kunjungan.petugas is None
    assert pengawas.post(url, {**data, "petugas": petugas_kota.pk}).status_code == 302
    kunjungan.refresh_from_db()
    assert kunjungan.petugas == petugas_kota


def test_kantor_kunjungan_tidak_dipindah_di_admin(kota, pengunjung, klien_untuk):
    """A visit is where the visitor came: its ticket and arrival are numbered
    there, so the province supervisor cannot move it to another office and
    leave them behind, counted in the other office's figures."""
    layanan = Layanan.objects.get(kode="B")
    kunjungan = Kunjungan.objects.create(
        pengunjung=pengunjung, kanal=Kanal.LANGSUNG, kantor_id=kantor_bawaan(), layanan=layanan
    )
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    url = f"/admin/antrian/kunjungan/{kunjungan.pk}/change/"
    assert 'name="kantor"' not in pengawas.get(url).content.decode()
    assert pengawas.post(url, {"kantor": kota.pk, "layanan": layanan.pk}).status_code == 302
    kunjungan.refresh_from_db()
    assert kunjungan.kantor_id == kantor_bawaan()


def test_dua_supervisor_menyimpan_pengaturan_kantor_tanpa_saling_menimpa(kota, sup_kota):
    """The province's and the office's supervisor each open the office's
    settings; the second to save must not write back the hours the first
    just changed (every deadline of the office is computed from them)."""
    from django.test import Client

    url = f"/admin/pst_layanan/kantor/{kota.pk}/change/"
    supervisor = buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI)
    klien = {}
    for user in (sup_kota, supervisor):
        klien[user] = Client()
        klien[user].force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    isian = {user: isian_halaman(k.get(url).content.decode()) for user, k in klien.items()}

    isian[sup_kota]["jam_tutup_jumat"] = "15:00"
    isian[supervisor]["telepon"] = "(0736) 349117"
    for user in (sup_kota, supervisor):
        r = klien[user].post(url, {k: v for k, v in isian[user].items() if v is not None})
        assert r.status_code == 302, r.content.decode()[:3000]
        assert r.url.endswith("/admin/pst_layanan/kantor/")

    k = Kantor.objects.get(pk=kota.pk)
    assert (k.jam_tutup_jumat.strftime("%H:%M"), k.telepon) == ("15:00", "(0736) 349117")


def test_koreksi_semua_kantor_ganda_disebut_sudah_ada(klien_untuk):
    """A day entered a second time for every office is refused as "... ini
    sudah ada", as for one office, not by the name of a database constraint."""
    pengawas = klien_untuk(buat_pengguna("pengawas@bps.go.id", PENGAWAS_PROVINSI))
    HariKantor.objects.create(kantor=None, tanggal="2026-12-10", jenis="tutup", keterangan="Rapat")
    r = pengawas.post("/admin/pst_layanan/harikantor/add/", {"tanggal": "2026-12-10", "jenis": "tutup"})
    galat = r.context["adminform"].form.non_field_errors()
    assert len(galat) == 1 and galat[0].endswith(" ini sudah ada."), galat
    assert HariKantor.objects.count() == 1


def test_kantor_loket_yang_sudah_memanggil_tiket_tidak_dipindah_di_admin(
    kota, pengunjung, loket1, tiket_untuk, petugas, klien_untuk
):
    """A counter that has called tickets holds them and their history at its
    office: moved to another office in the admin, that office's officers
    opened it on the visitor being served there, and its office's display
    lost it. Its office stays; a counter not yet used can still be placed."""
    from antrian import services as antrian

    antrian.panggil(tiket_untuk(pengunjung), loket1, petugas)
    pengawas = klien_untuk(buat_pengguna("prov@bps.go.id", PENGAWAS_PROVINSI))
    url = f"/admin/antrian/loket/{loket1.pk}/change/"
    assert 'name="kantor"' not in pengawas.get(url).content.decode()
    data = {"kantor": kota.pk, "nomor": loket1.nomor, "nama": "Loket 1", "layanan": [loket1.layanan.get().pk]}
    assert pengawas.post(url, {**data, "aktif": "on"}).status_code == 302
    loket1.refresh_from_db()
    assert loket1.kantor_id == kantor_bawaan()
    baru = Loket.objects.create(nomor=7, kantor_id=kantor_bawaan())
    url = f"/admin/antrian/loket/{baru.pk}/change/"
    assert pengawas.post(url, {**data, "nomor": 7, "aktif": "on"}).status_code == 302
    baru.refresh_from_db()
    assert baru.kantor_id == kota.pk
