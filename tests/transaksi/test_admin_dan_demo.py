"""The back office for the catalogue and transactions, and the demo data."""

import io
from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import buat_pengguna
from pst_layanan.kalender import WIB
from pst_layanan.roles import PETUGAS
from tests import pabrik
from tests.halaman import yang_hilang
from transaksi.models import BerkasProduk, BuktiBayar, Kuitansi, Produk, Status, Tagihan, TarifProduk, Transaksi

pytestmark = pytest.mark.django_db


def _tarif_baru_lewat_admin(
    klien, produk, harga_satuan, aturan="per_unit", tanpa_baris_baru=False, mulai="01/01/2027", **ubah
):
    """Post the product's admin page with one new tariff row (per unit unless
    `aturan`, from the day `mulai`; none when `tanpa_baris_baru`) and the
    product's fields in `ubah` changed."""
    lama = produk.tarif.get()
    url = reverse("admin:transaksi_produk_change", args=[produk.pk])
    halaman = klien.get(url)
    assert halaman.status_code == 200 and "Riwayat tarif" in halaman.content.decode()
    form = halaman.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if k not in ("dokumen_wajib",) and v is not None}
    data.update(ubah)
    data.update(
        {
            "dokumen_wajib": [j.pk for j in produk.dokumen_wajib.all()],
            "tarif-TOTAL_FORMS": "1",
            "tarif-INITIAL_FORMS": "1",
            "tarif-0-id": str(lama.pk),
            "tarif-0-produk": str(produk.pk),
            "tarif-2-TOTAL_FORMS": "1",
            "tarif-2-INITIAL_FORMS": "0",
            "tarif-2-0-berlaku_mulai_0": mulai,
            "tarif-2-0-berlaku_mulai_1": "00:00:00",
            "tarif-2-0-aturan": aturan,
            "tarif-2-0-harga_satuan": harga_satuan,
            "tarif-2-0-blok_pertama": "0",
            "tarif-2-0-harga_blok_pertama": "0",
            "tarif-2-0-blok_lanjutan": "0",
            "tarif-2-0-harga_blok_lanjutan": "0",
            "tarif-2-0-dasar_hukum": "PP 13/2024 (perubahan)",
        }
    )
    if tanpa_baris_baru:
        data["tarif-2-TOTAL_FORMS"] = "0"
    return klien.post(url, data)


def test_perubahan_tarif_adalah_baris_baru(supervisor, klien_untuk):
    produk = Produk.objects.get(kode="peta-kabkota-desa")
    lama = produk.tarif.get()
    r = _tarif_baru_lewat_admin(klien_untuk(supervisor), produk, "75000")
    assert r.status_code == 302, r.content.decode()[:3000]
    lama_setelah = TarifProduk.objects.get(pk=lama.pk)
    assert lama_setelah.harga_satuan == 70_000  # the used row is untouched
    assert produk.tarif.count() == 2 and produk.tarif.first().harga_satuan == 75_000


def test_tarif_negatif_ditolak(supervisor, klien_untuk):
    """A typo of "-70000" would make a paid product free: a total of 0 or less skips payment."""
    produk = Produk.objects.get(kode="peta-kabkota-desa")
    r = _tarif_baru_lewat_admin(klien_untuk(supervisor), produk, "-70000")
    assert r.status_code == 200
    assert "Jumlah harus berupa angka rupiah, mis. 1.250.000." in r.content.decode()
    assert produk.tarif.count() == 1
    lama = produk.tarif.get()
    lama.pk, lama.harga_satuan = None, -1
    with pytest.raises(IntegrityError), transaction.atomic():
        lama.save()


@pytest.mark.parametrize("ketik", ["75.000", "Rp75.000", "Rp 75.000,-", "75000"])
def test_tarif_diketik_dengan_titik_ribuan_dibaca_sebagai_rupiah(ketik, supervisor, klien_untuk):
    """ "75.000" is how the tariff is written on the PP and on every invoice; it was refused with
    "no more than 0 decimal places", a rule about decimals the supervisor never typed."""
    produk = Produk.objects.get(kode="peta-kabkota-desa")
    r = _tarif_baru_lewat_admin(klien_untuk(supervisor), produk, ketik)
    assert r.status_code == 302
    assert produk.tarif.first().harga_satuan == 75_000


@pytest.mark.parametrize("ketik", ["75000,50", "75.000,5"])
def test_tarif_bersen_ditolak_dengan_pesan_jelas(ketik, supervisor, klien_untuk):
    produk = Produk.objects.get(kode="peta-kabkota-desa")
    r = _tarif_baru_lewat_admin(klien_untuk(supervisor), produk, ketik)
    assert r.status_code == 200
    [baru] = r.context["inline_admin_formsets"][1].formset.forms
    assert baru.errors == {"harga_satuan": ["Tarif PNBP ditetapkan dalam rupiah utuh, tanpa sen."]}
    assert produk.tarif.count() == 1


def test_tarif_rp0_produk_berbayar_ditolak(supervisor, klien_untuk):
    """The price box starts at 0: a new row saved without it made a paid product
    free from its date on (a total of 0 skips payment), with no word to anyone."""
    produk = Produk.objects.get(kode="peta-kabkota-desa")
    r = _tarif_baru_lewat_admin(klien_untuk(supervisor), produk, "0")
    assert r.status_code == 200
    [baru] = r.context["inline_admin_formsets"][1].formset.forms
    assert baru.errors == {
        "harga_satuan": ["Produk berbayar bertarif lebih dari Rp0; produk tanpa biaya berkelas harga Gratis."]
    }
    assert produk.tarif.count() == 1


def test_tarif_mulai_tahun_satu_ditolak_di_sebelah_kolomnya(supervisor, klien_untuk):
    """Midnight of 1 January of year 1 in WIB is still year 0 in UTC, which no
    database holds: saved, it gave the error page instead of the form back."""
    produk = Produk.objects.get(kode="peta-kabkota-desa")
    r = _tarif_baru_lewat_admin(klien_untuk(supervisor), produk, "75000", mulai="01/01/0001")
    assert r.status_code == 200
    [baru] = r.context["inline_admin_formsets"][1].formset.forms
    assert baru.errors == {"berlaku_mulai": ["Masukkan tanggal yang valid."]}
    assert produk.tarif.count() == 1


def _produk_gratis_rp0() -> Produk:
    """A free product, priced Rp0 per map from 2024 on (as a free product may be)."""
    produk = Produk.objects.create(
        kode="peta-contoh", nama="Peta contoh", kategori="peta", satuan="peta", kelas_harga="gratis"
    )
    TarifProduk.objects.create(
        produk=produk, berlaku_mulai=datetime(2024, 1, 1, tzinfo=WIB), aturan="per_unit", harga_satuan=0
    )
    return produk


def test_produk_gratis_tidak_menjadi_berbayar_dengan_tarif_rp0(supervisor, pengunjung, petugas, klien_untuk):
    """Made paid in the catalogue with its Rp0 tariff still in force, a product
    was charged Rp0 on every new item: the request, a paid one, totalled Rp0
    and went to processing with no invoice. The class changes only with a
    tariff above Rp0 from now on, which may be added in the same save."""
    produk = _produk_gratis_rp0()
    r = _tarif_baru_lewat_admin(klien_untuk(supervisor), produk, "0", kelas_harga="berbayar", tanpa_baris_baru=True)
    assert r.status_code == 200
    assert r.context["inline_admin_formsets"][1].formset.non_form_errors() == [
        "Produk berbayar memerlukan tarif lebih dari Rp0, tetapi tarif yang berlaku sejak 01-01-2024 bertarif Rp0. "
        "Tambahkan tarif baru atau biarkan kelas harganya Gratis."
    ]
    assert Produk.objects.get(pk=produk.pk).kelas_harga == "gratis"
    # A tariff from later still leaves Rp0 in force until then.
    r = _tarif_baru_lewat_admin(klien_untuk(supervisor), produk, "30000", kelas_harga="berbayar")
    assert r.status_code == 200 and Produk.objects.get(pk=produk.pk).kelas_harga == "gratis"

    with time_machine.travel(datetime(2027, 1, 2, 9, 0, tzinfo=WIB)):
        r = _tarif_baru_lewat_admin(klien_untuk(supervisor), produk, "30000", kelas_harga="berbayar")
        assert r.status_code == 302, r.content.decode()[:2000]
        assert Produk.objects.get(pk=produk.pk).kelas_harga == "berbayar"
        t = pabrik.transaksi_diajukan(pengunjung, kode="peta-contoh", jumlah=2)
        assert t.total == 60_000


def test_tarif_blok_tanpa_ukuran_ditolak_di_sebelah_kolomnya(supervisor, klien_untuk):
    """The form said only "Constraint 'tarif_blok_berukuran' is violated"."""
    produk = Produk.objects.get(kode="peta-kabkota-desa")
    r = _tarif_baru_lewat_admin(klien_untuk(supervisor), produk, "0", aturan="blok")
    assert r.status_code == 200
    [baru] = r.context["inline_admin_formsets"][1].formset.forms
    assert baru.errors == {
        "blok_pertama": ["Isi ukuran blok lebih dari 0 untuk tarif per blok."],
        "blok_lanjutan": ["Isi ukuran blok lebih dari 0 untuk tarif per blok."],
        "harga_blok_pertama": ["Produk berbayar bertarif lebih dari Rp0; produk tanpa biaya berkelas harga Gratis."],
    }
    assert "tarif_blok_berukuran" not in r.content.decode()
    assert produk.tarif.count() == 1


def test_halaman_admin_terbuka(supervisor, pengunjung, klien_untuk, django_assert_max_num_queries):
    t = pabrik.transaksi_diajukan(pengunjung)
    klien = klien_untuk(supervisor)
    for url in (
        reverse("admin:transaksi_transaksi_changelist"),
        reverse("admin:transaksi_transaksi_changelist") + "?status__exact=diajukan",
        reverse("admin:transaksi_transaksi_change", args=[t.pk]),
        reverse("admin:transaksi_produk_changelist"),
        reverse("admin:transaksi_jenisdokumen_changelist"),
        reverse("admin:transaksi_nomorurut_changelist"),
    ):
        assert klien.get(url).status_code == 200, url
    assert klien.get(reverse("admin:transaksi_transaksi_add")).status_code == 403  # made on the site only


def _dokumen_bayar_oleh_petugas_lain(pengunjung, n: int) -> None:
    """n paid transactions, each invoice, proof, receipt and product file by another officer."""
    for _i in range(n):
        t = pabrik.transaksi_draf(pengunjung)
        oleh = buat_pengguna(f"petugas{t.pk}@bps.go.id", PETUGAS)
        tagihan = Tagihan.objects.create(
            transaksi=t,
            nomor=f"TG-{t.pk}",
            jumlah=1000,
            kode_billing=f"{t.pk:015d}",
            kedaluwarsa_pada=timezone.now() + timedelta(days=7),
            diterbitkan_oleh=oleh,
        )
        bukti = BuktiBayar.objects.create(
            transaksi=t,
            tagihan=tagihan,
            ntpn=f"{t.pk:016d}",
            berkas="bukti-bayar/bpn.pdf",
            nama_asli="bpn.pdf",
            ukuran=1,
            tipe="application/pdf",
            dikirim_oleh=pengunjung,
            diperiksa_oleh=oleh,
        )
        Kuitansi.objects.create(
            transaksi=t, tagihan=tagihan, bukti_bayar=bukti, nomor=f"KW-{t.pk}", jumlah=1000, diterbitkan_oleh=oleh
        )
        BerkasProduk.objects.create(
            transaksi=t, berkas="produk/data.csv", nama_asli="data.csv", ukuran=1, diunggah_oleh=oleh
        )


@pytest.mark.parametrize("model", ["buktibayar", "kuitansi", "berkasproduk"])
def test_daftar_dokumen_bayar_di_admin_tidak_bertambah_kueri_per_baris(model, supervisor, pengunjung, klien_untuk):
    """The officer and invoice columns were read with a query per row: a
    page of a hundred proofs made two hundred queries more."""
    klien = klien_untuk(supervisor)
    url = f"/admin/transaksi/{model}/"
    jumlah = []
    for n in (1, 4):
        _dokumen_bayar_oleh_petugas_lain(pengunjung, n)
        with CaptureQueriesContext(connection) as kueri:
            assert klien.get(url).status_code == 200
        jumlah.append(len(kueri))
    assert jumlah[0] == jumlah[1]


def test_aksi_admin_ambil_tugas_lewat_layanan(petugas, pengunjung, klien_untuk):
    terbuka = pabrik.transaksi_diajukan(pengunjung)
    batal = pabrik.transaksi_diajukan(pengunjung)
    Transaksi.objects.filter(pk=batal.pk).update(status=Status.DIBATALKAN)
    r = klien_untuk(petugas).post(
        reverse("admin:transaksi_transaksi_changelist"),
        {"action": "ambil_tugas", "_selected_action": [terbuka.pk, batal.pk]},
        follow=True,
    )
    halaman = r.content.decode()
    assert "1 transaksi kini Anda tangani" in halaman and "Transaksi sudah ditutup" in halaman
    terbuka.refresh_from_db()
    batal.refresh_from_db()
    assert terbuka.petugas == petugas and batal.petugas is None
    assert terbuka.riwayat.filter(jenis="penugasan", oleh=petugas).exists()


def test_demo_dua_kali(db, settings, tmp_path):
    from django.core.management import call_command

    settings.DEBUG = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path, "base_url": None}},
    }
    call_command("demo", stdout=io.StringIO())
    jumlah = Transaksi.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert Transaksi.objects.count() == jumlah >= 5
    status = set(Transaksi.objects.values_list("status", flat=True))
    assert {
        "draf",
        "diajukan",
        "perlu_perbaikan",
        "menunggu_tagihan",
        "menunggu_pembayaran",
        "diproses",
        "diserahkan",
        "selesai",
        "dikembalikan",
    } <= status
    andi = get_user_model().objects.get(email="pengunjung@demo.pst")
    assert Transaksi.objects.filter(pemohon=andi).count() == 4


def test_rekonsiliasi_bulan_demo_sama_dengan_dasbor_dan_basis_data(db, settings, tmp_path, klien_untuk):
    """The demo month has an invoice in every state and a refund; its
    reconciliation equals the dashboard's billed and paid figures and the
    invoices in the database, to the rupiah."""
    from django.core.management import call_command
    from django.db.models import Sum

    from penilaian import grafik
    from pst_layanan.periode import Bulan
    from transaksi import rekonsiliasi
    from transaksi.models import Pengembalian, Tagihan

    settings.DEBUG = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path, "base_url": None}},
    }
    # A fixed working day mid-month; the clock ticks (the expired invoice waits out its second).
    with time_machine.travel(datetime(2026, 3, 17, 10, 0, tzinfo=WIB), tick=True):
        call_command("demo", stdout=io.StringIO())
        bulan = Bulan.ini()
    assert bulan == Bulan(2026, 3)
    r = rekonsiliasi.susun(bulan)
    assert {s for s, n, _ in r.per_status if n} == {"Aktif", "Diganti (koreksi)", "Kedaluwarsa", "Lunas", "Dibatalkan"}
    assert (r.ditagihkan, r.diterima) == grafik.pnbp_bulanan(bulan.mulai, bulan.sampai)[bulan]
    di_basis_data = Tagihan.objects.aggregate(j=Sum("jumlah"))["j"]
    assert r.nilai_tagihan == di_basis_data and r.jumlah_tagihan == Tagihan.objects.count()
    assert r.ditagihkan == Tagihan.objects.ditagihkan().aggregate(j=Sum("jumlah"))["j"]
    assert r.diterima == Tagihan.objects.filter(status="lunas").aggregate(j=Sum("jumlah"))["j"]
    refund = Pengembalian.objects.get()
    assert r.dikembalikan == refund.jumlah > 0 and r.bersih == r.diterima - refund.jumlah
    assert refund.transaksi.get_status_display() == "Dibatalkan \u2014 PNBP dikembalikan"

    bendahara = get_user_model().objects.get(email="bendahara@demo.pst")
    with time_machine.travel(datetime(2026, 3, 17, 11, 0, tzinfo=WIB), tick=False):
        halaman = klien_untuk(bendahara).get(reverse("transaksi:rekonsiliasi")).content.decode()
    assert (
        halaman.count("data-tagihan=") == Tagihan.objects.count() and f'data-pengembalian="{refund.nomor}"' in halaman
    )


def test_admin_dalam_bahasa_pembaca(supervisor, petugas, pengunjung, klien_untuk):
    supervisor.bahasa = petugas.bahasa = "en"
    supervisor.save(update_fields=["bahasa"])
    petugas.save(update_fields=["bahasa"])
    t = pabrik.transaksi_diajukan(pengunjung)
    klien = klien_untuk(supervisor)
    indeks = klien.get(reverse("admin:index")).content.decode()
    assert not yang_hilang(
        indeks, "Integrated Statistical Services back office", "Paid product transactions", "Queue and guest book"
    )
    daftar = klien.get(reverse("admin:transaksi_transaksi_changelist")).content.decode()
    assert not yang_hilang(
        daftar,
        "SOP deadline",
        "Clock running, not yet overdue",
        "Not escalated",
        "SOP time left",
        "Recompute the deadline from the office calendar",
        "Take the task (handle it yourself)",
    )
    assert "Belum dieskalasi" not in daftar and "Ambil tugas" not in daftar
    produk = Produk.objects.first()
    assert "Tariff in force" in klien.get(reverse("admin:transaksi_produk_changelist")).content.decode()
    ubah = klien.get(reverse("admin:transaksi_produk_change", args=[produk.pk])).content.decode()
    assert "Tariff history (cannot be changed" in ubah and "Add a new tariff" in ubah
    r = klien_untuk(petugas).post(
        reverse("admin:transaksi_transaksi_changelist"),
        {"action": "ambil_tugas", "_selected_action": [t.pk]},
        follow=True,
    )
    assert "You now handle 1 transaction." in r.content.decode()


@pytest.mark.parametrize(
    "bahasa, label",
    [("id", "Teller bank atau kantor pos; ATM"), ("en", "Bank teller or post office; ATM")],
)
def test_admin_tagihan_menyebut_kanal_dengan_labelnya(bahasa, label, pengunjung, petugas, klien_untuk):
    """The invoice's payment channels read as the issuing form names them, in
    the reader's language, never as stored codes."""
    from tests.transaksi.test_pembayaran import isian, menunggu_tagihan
    from transaksi.services import pembayaran

    t = menunggu_tagihan(pengunjung, petugas)
    tagihan = pembayaran.terbitkan_tagihan(t, petugas, isian(kanal=["teller", "atm"]))
    klien = klien_untuk(buat_pengguna("admin@bps.go.id", is_staff=True, is_superuser=True, bahasa=bahasa))
    for url in (
        reverse("admin:transaksi_tagihan_changelist"),
        reverse("admin:transaksi_tagihan_change", args=[tagihan.pk]),
    ):
        isi = klien.get(url).content.decode()
        assert label in isi and "teller&quot;" not in isi and '"teller"' not in isi, url


def test_admin_tagihan_batal_menyebut_kapan_dan_mengapa(pengunjung, petugas, supervisor, klien_untuk):
    """A voided invoice in the back office said only "Dibatalkan": when it was
    voided and why (the transaction cancelled, the items corrected) were
    recorded on it but not shown, so an auditor could not tell why a billing
    code was dropped."""
    from tests.transaksi.test_pembayaran import menunggu_pembayaran
    from transaksi.services import pembayaran

    with time_machine.travel(datetime(2026, 3, 16, 9, 30, tzinfo=WIB), tick=False):
        t = menunggu_pembayaran(pengunjung, petugas)
        pembayaran.koreksi_item(t, petugas, {t.item.get().pk: 60}, "Halaman terhitung salah.")
    tagihan = t.tagihan.get(status=Tagihan.Status.BATAL)
    isi = klien_untuk(supervisor).get(reverse("admin:transaksi_tagihan_change", args=[tagihan.pk])).content.decode()
    assert "Koreksi item: Halaman terhitung salah." in isi
    assert "16 Maret 2026, 9.30" in isi


def test_admin_menulis_jumlah_uang_dalam_rupiah(pengunjung, petugas, supervisor, klien_untuk, berkas_privat):
    """The back office's lists wrote amounts as bare 50000, unlike every other page."""
    from tests.transaksi.test_pembayaran import diserahkan

    diserahkan(pengunjung, petugas)
    klien = klien_untuk(supervisor)
    for daftar in ("tagihan", "kuitansi", "transaksi"):
        html = klien.get(reverse(f"admin:transaksi_{daftar}_changelist")).content.decode()
        assert "Rp50.000" in html and ">50000<" not in html, daftar


def test_satuan_produk_bertarif_tidak_dapat_diubah(supervisor, klien_untuk):
    """Its tariffs are prices per page: the same rows read per byte would ask
    Rp1.000.000.000 for a 1 MB file, and old invoices would name the wrong unit."""
    produk = Produk.objects.get(kode="peta-kabkota-desa")
    klien = klien_untuk(supervisor)
    url = reverse("admin:transaksi_produk_change", args=[produk.pk])
    form = klien.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if k != "dokumen_wajib" and v is not None}
    data.update(
        {
            "satuan": "byte",
            "dokumen_wajib": [j.pk for j in produk.dokumen_wajib.all()],
            "tarif-TOTAL_FORMS": "1",
            "tarif-INITIAL_FORMS": "1",
            "tarif-0-id": str(produk.tarif.get().pk),
            "tarif-0-produk": str(produk.pk),
            "tarif-2-TOTAL_FORMS": "0",
            "tarif-2-INITIAL_FORMS": "0",
        }
    )
    r = klien.post(url, data)
    assert r.status_code == 200
    assert r.context["adminform"].form.errors == {
        "satuan": ["Tarif produk ini ditetapkan per peta: satuannya tidak dapat diubah. Buat produk baru."]
    }
    assert Produk.objects.get(pk=produk.pk).satuan == "peta"
    data["satuan"] = "peta"
    assert klien.post(url, data).status_code == 302
