"""Transactions in the visitor's data download; erasure keeps them as anonymous
statistics, blanks the free text and deletes the requirement files; officers'
views of an applicant's record are logged."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from pst_layanan import data_pribadi
from pst_layanan.appendonly import RiwayatTidakDapatDiubah
from pst_layanan.models import AksesDataPribadi, Surel
from tests import pabrik
from tests.serentak import ditahan
from tests.transaksi import test_pembayaran as bayar
from tests.transaksi.conftest import berkas_di
from tests.transaksi.test_kanal_bayar import REKENING, atur_kantor, kirim_transfer
from tests.transaksi.test_pembayaran import KODE, NTPN
from transaksi import services
from transaksi.alur import Status
from transaksi.models import BuktiBayar, DokumenPersyaratan, Kuitansi, RiwayatTransaksi, SerahTerima, Tagihan, Unduhan
from transaksi.services import kanal, pembayaran, penyerahan
from transaksi.services.pengembalian import Rekening, setujui, usulkan

pytestmark = pytest.mark.django_db

REKENING_ANDI = ("Andi Pengunjung", "0123 4567 89", "Bank Rakyat Indonesia")


@pytest.fixture
def diserahkan_andi(pengunjung, petugas, berkas_privat):
    t = bayar.diserahkan(pengunjung, petugas)
    penyerahan.catat_unduhan(t, pengunjung, Unduhan.Jenis.KUITANSI, t.kuitansi.pk, t.kuitansi.nomor)
    penyerahan.catat_unduhan(t, petugas, Unduhan.Jenis.KUITANSI, t.kuitansi.pk, t.kuitansi.nomor)
    return t


def test_unduhan_data_berisi_transaksi_lengkap(diserahkan_andi, pengunjung, pengunjung_lain, klien_untuk):
    pabrik.transaksi_draf(pengunjung_lain)  # someone else's: never in Andi's download
    response = klien_untuk(pengunjung).get(reverse("akun:data_saya"))
    assert response.status_code == 200
    [t] = json.loads(response.content)["transaksi"]
    assert t["nomor"] == diserahkan_andi.nomor
    assert t["status"] == "Produk diserahkan, menunggu penilaian"
    assert t["keperluan"].startswith("Penelitian skripsi")
    assert t["item"] == [
        {"produk": pabrik.produk().nama, "uraian": "Susenas Maret 2025 Provinsi Bengkulu", "jumlah": 2_500_000,
         "subtotal": "50000"}
    ]  # fmt: skip
    assert t["total"] == "50000" and t["diserahkan_pada"]
    assert [d["jenis"] for d in t["dokumen_persyaratan"]]
    assert [g["nomor"] for g in t["tagihan"]] == [Tagihan.objects.get().nomor]
    assert [b["ntpn"] for b in t["bukti_bayar"]] == [NTPN]
    assert t["kuitansi"]["nomor"] == Kuitansi.objects.get().nomor
    # Only the visitor's own downloads (not the officer's).
    assert [u["jenis"] for u in t["unduhan"]] == ["Kuitansi"]


def test_unduhan_data_berisi_bukti_transfer_dengan_bank_dan_referensinya(pengunjung, petugas, klien_untuk):
    """A transfer's proof names no NTPN: the download carries the bank and the
    reference the visitor typed, which is what identifies their payment."""
    atur_kantor(**REKENING)
    kirim_transfer(bayar.menunggu_pembayaran(pengunjung, petugas), pengunjung)
    [t] = json.loads(klien_untuk(pengunjung).get(reverse("akun:data_saya")).content)["transaksi"]
    [bukti] = t["bukti_bayar"]
    assert bukti["bank_pengirim"] == "Maybank Malaysia" and bukti["nomor_referensi"] == "FT2603100001234"
    assert bukti["cara_bayar"] == "Transfer bank / luar negeri" and bukti["nama_berkas"] == "transfer.pdf"


def test_unduhan_data_item_rp0_sebesar_yang_dikenakan(pengunjung, petugas, klien_untuk, berkas_privat):
    """An approved Rp0 request totals Rp0: its items are downloaded at what
    they were charged, Rp0, so the lines add up to the total as on the page."""
    t = pabrik.transaksi_draf(pengunjung, kelas_harga="nol_rupiah")
    t = services.nyatakan_lengkap(services.ajukan(t, pengunjung), petugas, setujui_nol_rupiah=True)
    [data] = json.loads(klien_untuk(pengunjung).get(reverse("akun:data_saya")).content)["transaksi"]
    assert data["total"] == "0"
    assert [i["subtotal"] for i in data["item"]] == ["0"]


def test_unduhan_data_tanpa_transaksi(pengunjung_lain):
    assert data_pribadi.ekspor(pengunjung_lain)["transaksi"] == []


def test_penghapusan_menganonimkan_teks_dan_berkas_tetapi_menyimpan_statistik(
    diserahkan_andi, pengunjung, berkas_privat, django_capture_on_commit_callbacks
):
    jumlah_dokumen = diserahkan_andi.dokumen.count()
    berkas_persyaratan = [d.berkas.path for d in diserahkan_andi.dokumen.all()]
    assert jumlah_dokumen and all(p in map(str, berkas_di(berkas_privat)) for p in berkas_persyaratan)
    with django_capture_on_commit_callbacks(execute=True):
        data_pribadi.anonimkan(pengunjung)

    t = diserahkan_andi
    t.refresh_from_db()
    assert t.keperluan == "[dihapus]" and t.pemohon_id == pengunjung.pk and t.total == 50_000
    assert t.item.get().uraian == "Susenas Maret 2025 Provinsi Bengkulu"  # names a product, kept
    assert Tagihan.objects.filter(transaksi=t).count() == 1 and Kuitansi.objects.filter(transaksi=t).exists()
    assert DokumenPersyaratan.objects.filter(transaksi=t).count() == jumlah_dokumen
    for dok in DokumenPersyaratan.objects.filter(transaksi=t):
        assert dok.dihapus_retensi_pada and not dok.berkas and dok.nama_asli == "[dihapus]"
    sisa = set(map(str, berkas_di(berkas_privat)))
    assert not sisa & set(berkas_persyaratan)
    assert sisa  # the proof of payment and the delivered product stay: state revenue records


def test_petugas_membuka_halaman_periksa_tercatat_sekali(pengunjung, petugas, klien_untuk, berkas_privat):
    t = pabrik.transaksi_diajukan(pengunjung)
    response = klien_untuk(petugas).get(reverse("transaksi:periksa_detail", args=[t.nomor]))
    assert response.status_code == 200
    [log] = AksesDataPribadi.objects.all()
    assert (log.petugas, log.subjek, log.halaman) == (petugas, pengunjung, f"/transaksi/periksa/{t.nomor}/")
    assert log.waktu


def test_petugas_membuka_halaman_pembayaran_tercatat(pengunjung, petugas, klien_untuk, berkas_privat):
    t = pabrik.transaksi_diajukan(pengunjung)
    assert klien_untuk(petugas).get(reverse("transaksi:pembayaran", args=[t.nomor])).status_code == 200
    assert list(AksesDataPribadi.objects.values_list("petugas", "subjek")) == [(petugas.pk, pengunjung.pk)]


def test_pengunjung_melihat_datanya_sendiri_tidak_tercatat(pengunjung, klien_untuk, berkas_privat):
    t = pabrik.transaksi_diajukan(pengunjung)
    klien = klien_untuk(pengunjung)
    for url in (reverse("transaksi:detail", args=[t.nomor]), reverse("transaksi:pembayaran", args=[t.nomor])):
        assert klien.get(url).status_code == 200
    assert not AksesDataPribadi.objects.exists()


def test_unduhan_data_berisi_pengembalian_dan_penghapusan_menyimpan_rekeningnya(
    pengunjung, petugas, supervisor, berkas_privat
):
    t = bayar.diproses(pengunjung, petugas)
    p = setujui(usulkan(t, petugas, "Data tingkat desa tidak tersedia.", Rekening(*REKENING_ANDI)), supervisor)
    [ekspor] = data_pribadi.ekspor(pengunjung)["transaksi"]
    [refund] = ekspor["pengembalian"]
    assert refund["nomor_surat"] == p.nomor and refund["jumlah"] == 50_000
    assert (refund["nama_pemilik_rekening"], refund["nomor_rekening"], refund["nama_bank"]) == REKENING_ANDI
    assert refund["alasan"] == "Data tingkat desa tidak tersedia."
    assert refund["status"] == "Disetujui, menunggu diproses bendahara"
    assert refund["diajukan_pada"] and refund["diputuskan_pada"] and refund["diproses_pada"] is None
    json.dumps(data_pribadi.ekspor(pengunjung), cls=DjangoJSONEncoder)

    data_pribadi.anonimkan(pengunjung)
    p.refresh_from_db()  # the treasurer's record of where the money went back
    assert (p.nama_rekening, p.nomor_rekening, p.nama_bank) == REKENING_ANDI


def serah_fisik(pengunjung, petugas, penerima, kode, ntpn):
    t = bayar.diproses(pengunjung, petugas, kode, ntpn)
    fisik = penyerahan.DataSerahTerima(SerahTerima.Media.CD, "Peta SHP Kota Bengkulu", penerima)
    return penyerahan.serahkan_produk(t, petugas, serah_terima=fisik).serah_terima.get()


def test_berita_acara_diunduh_dan_nama_penerima_pemohon_dihapus(pengunjung, petugas, berkas_privat):
    sendiri = serah_fisik(pengunjung, petugas, f"  {pengunjung.nama_lengkap.upper()} ", KODE, NTPN)
    diwakilkan = serah_fisik(pengunjung, petugas, "Budi Kurir", "820260313000002", "0A1B2C3D4E5F6G7J")
    ekspor = data_pribadi.ekspor(pengunjung)["transaksi"]
    assert [t["serah_terima"] for t in ekspor] == [
        [{"nomor": s.nomor, "media": "CD/DVD", "uraian": "Peta SHP Kota Bengkulu", "nama_penerima": s.penerima_nama,
          "diserahkan_pada": s.diserahkan_pada}]
        for s in (sendiri, diwakilkan)
    ]  # fmt: skip
    assert sendiri.penerima_nama == pengunjung.nama_lengkap.upper()

    data_pribadi.anonimkan(pengunjung)
    sendiri, diwakilkan = SerahTerima.objects.get(pk=sendiri.pk), SerahTerima.objects.get(pk=diwakilkan.pk)
    assert sendiri.penerima_nama == "[dihapus]" and sendiri.uraian == "Peta SHP Kota Bengkulu"
    assert diwakilkan.penerima_nama == "Budi Kurir"  # someone else collected it: not the person erased


def test_berita_acara_tetap_tidak_dapat_diubah_di_luar_penghapusan(pengunjung, petugas, berkas_privat):
    s = serah_fisik(pengunjung, petugas, pengunjung.nama_lengkap, KODE, NTPN)
    with pytest.raises(RiwayatTidakDapatDiubah):
        SerahTerima.objects.filter(pk=s.pk).update(penerima_nama="Orang lain")
    assert SerahTerima.objects.get(pk=s.pk).penerima_nama == pengunjung.nama_lengkap


def test_penghapusan_membatalkan_transaksi_yang_belum_dibayar(pengunjung, petugas, berkas_privat):
    """An erased visitor can no longer pay, fix a document or be written to:
    what they could still cancel themselves leaves the officers' worklist
    (the requirement files it would be checked by are gone), its invoice is
    withdrawn, and no e-mail is left queued to the erased address."""
    diajukan = pabrik.transaksi_diajukan(pengunjung)
    menunggu = bayar.menunggu_pembayaran(pengunjung, petugas)
    data_pribadi.anonimkan(pengunjung)

    for t in (diajukan, menunggu):
        t.refresh_from_db()
        assert t.status == Status.DIBATALKAN and t.ditutup_pada
    assert not Tagihan.objects.filter(transaksi=menunggu, status=Tagihan.Status.AKTIF).exists()
    pengunjung.refresh_from_db()
    assert not _surel_belum_terkirim_untuk(pengunjung.email)


def _surel_belum_terkirim_untuk(email):
    return [s for s in Surel.objects.exclude(status=Surel.Status.TERKIRIM) if email in s.penerima]


def test_transaksi_dibayar_tetap_berjalan_tanpa_surel_ke_alamat_terhapus(pengunjung, petugas, berkas_privat):
    """A paid request stays open after erasure: the officer still delivers it,
    and the status e-mail that would follow is not queued to the erased
    account's address (it can never be delivered)."""
    t = bayar.diproses(pengunjung, petugas)
    data_pribadi.anonimkan(pengunjung)
    pengunjung.refresh_from_db()
    t.refresh_from_db()
    assert t.status == Status.DIPROSES
    penyerahan.serahkan_produk(t, petugas, [pabrik.berkas_pdf("produk.pdf")])
    t.refresh_from_db()
    assert t.status == Status.DISERAHKAN
    assert not _surel_belum_terkirim_untuk(pengunjung.email)


def test_petugas_membuka_dokumen_persyaratan_tercatat(pengunjung, petugas, klien_untuk, berkas_privat):
    """A requirement file is an identity card or a letter naming the visitor:
    an officer opening it is logged; the owner opening their own is not."""
    t = pabrik.transaksi_diajukan(pengunjung)
    url = reverse("transaksi:dokumen_unduh", args=[t.nomor, t.dokumen.first().pk])
    assert klien_untuk(pengunjung).get(url).status_code == 200
    assert not AksesDataPribadi.objects.exists()
    assert klien_untuk(petugas).get(url, {"lihat": 1}).status_code == 200
    [log] = AksesDataPribadi.objects.all()
    assert (log.petugas, log.subjek, log.halaman) == (petugas, pengunjung, url)


def test_penghapusan_mengosongkan_tulisan_pemohon_di_riwayat_transaksi(pengunjung, petugas, berkas_privat):
    """The visitor's invoice correction request is copied into the
    transaction's history, which officers read on its page: erasure blanks
    it there as it does on the invoice."""
    t = bayar.menunggu_pembayaran(pengunjung, petugas)
    pembayaran.minta_koreksi_tagihan(t, pengunjung, "Atas nama Andi Pengunjung, NIP 19990101")
    data_pribadi.anonimkan(pengunjung)
    assert not RiwayatTransaksi.objects.filter(catatan__contains="19990101").exists()
    assert Tagihan.objects.get(transaksi=t).catatan_koreksi == "[dihapus]"


@pytest.mark.parametrize("batal_oleh", ["pemohon", "petugas"])
def test_penghapusan_mengosongkan_alasan_tagihan_dibatalkan(batal_oleh, pengunjung, petugas, berkas_privat):
    """A voided invoice keeps why it was voided, shown in the back office:
    the words typed with the move that voided it (the visitor's reason to
    cancel, an officer's item correction addressed to them) are copied into
    it, and erasure left them there after blanking them in the history."""
    t = bayar.menunggu_pembayaran(pengunjung, petugas)
    if batal_oleh == "pemohon":
        services.batalkan(t, pengunjung, "Andi Pengunjung, NIP 19990101: dana penelitian tidak cair.")
    else:
        item = t.item.get()
        pembayaran.koreksi_item(t, petugas, {item.pk: item.jumlah + 10}, "Sdr. Andi, NIP 19990101, minta 60 halaman.")
    tagihan = Tagihan.objects.get(transaksi=t, status=Tagihan.Status.BATAL)
    assert "19990101" in tagihan.alasan_batal
    data_pribadi.anonimkan(pengunjung)
    tagihan.refresh_from_db()
    assert tagihan.alasan_batal == "[dihapus]" and tagihan.status == Tagihan.Status.BATAL


def test_penghapusan_mengganti_nama_berkas_bukti_bayar(pengunjung, petugas, klien_untuk, berkas_privat):
    """The name a visitor gave their proof of payment often names them
    ("Bukti transfer Andi.pdf"). Erasure keeps the file, a state-revenue
    record, but shows and serves it, and logs its downloads, under a name
    taken from its invoice, in the type it was stored as."""
    atur_kantor(**REKENING)
    t = bayar.menunggu_pembayaran(pengunjung, petugas)
    berkas = pabrik.berkas_pdf("Bukti transfer Andi Pengunjung.pdf")
    bukti = kanal.kirim_bukti_transfer(t, pengunjung, "Maybank Malaysia", "FT2603100001234", berkas)
    url = reverse("transaksi:bukti_bayar", args=[t.nomor, bukti.pk])
    assert "Andi" in klien_untuk(petugas).get(url)["Content-Disposition"]

    data_pribadi.anonimkan(pengunjung)
    netral = f"bukti-bayar-{bukti.tagihan.nomor.replace('/', '-')}.pdf"
    bukti.refresh_from_db()
    assert bukti.nama_asli == netral and bukti.berkas.path in map(str, berkas_di(berkas_privat))
    response = klien_untuk(petugas).get(url)
    assert response.status_code == 200 and netral in response["Content-Disposition"]
    assert "Andi" not in response["Content-Disposition"]
    assert not Unduhan.objects.filter(nama__contains="Andi").exists()
    assert Unduhan.objects.filter(jenis=Unduhan.Jenis.BUKTI_BAYAR, nama=netral).count() == 2


def test_penghapusan_tidak_menyisakan_nama_pemberian_pengunjung_di_berkas_tersimpan(
    pengunjung, petugas, klien_untuk, berkas_privat, django_capture_on_commit_callbacks
):
    """The proof's stored file is named after the visitor's own file name
    ("…-Bukti_transfer_Andi_Pengunjung.pdf"), which must not outlive the
    erasure in the database, on disk or in backups: the file keeps its bytes
    under a name from its invoice; the old one is deleted after the commit."""
    atur_kantor(**REKENING)
    t = bayar.menunggu_pembayaran(pengunjung, petugas)
    isi = pabrik.PDF_MINIMAL
    bukti = kanal.kirim_bukti_transfer(
        t, pengunjung, "Maybank Malaysia", "FT2603100001234", pabrik.berkas_pdf("Bukti transfer Andi.pdf", isi)
    )
    lama = bukti.berkas.path
    with django_capture_on_commit_callbacks(execute=True):
        data_pribadi.anonimkan(pengunjung)
    bukti.refresh_from_db()
    assert "Andi" not in bukti.berkas.name
    assert not [p for p in berkas_di(berkas_privat) if "Andi" in str(p)]
    assert str(lama) not in map(str, berkas_di(berkas_privat))
    response = klien_untuk(petugas).get(reverse("transaksi:bukti_bayar", args=[t.nomor, bukti.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == isi


def test_penghapusan_membiarkan_bukti_bayar_tunai_tanpa_berkas(pengunjung, petugas, bendahara, berkas_privat):
    """Cash counted by the treasurer comes with no file and so no name to replace."""
    atur_kantor(bayar_tunai=True, **REKENING)
    t = bayar.menunggu_pembayaran(pengunjung, petugas)
    bukti = kanal.terima_tunai(t, bendahara, 50_000).bukti_bayar
    data_pribadi.anonimkan(pengunjung)
    bukti.refresh_from_db()
    assert bukti.nama_asli == ""


def test_unduhan_data_berisi_riwayat_transaksi_dengan_catatannya(pengunjung, petugas, klien_untuk, berkas_privat):
    """What the visitor wrote when cancelling is kept only in the
    transaction's history, which an erasure blanks as theirs: their download
    holds that history as their page tells it, with its notes."""
    t = services.batalkan(pabrik.transaksi_diajukan(pengunjung), pengunjung, "Salah pilih tahun data, NIM 2021-0042")
    [data] = json.loads(klien_untuk(pengunjung).get(reverse("akun:data_saya")).content)["transaksi"]
    assert data["nomor"] == t.nomor
    riwayat = [(r["peristiwa"], r["oleh"], r["catatan"]) for r in data["riwayat"]]
    assert ("Transaksi dibatalkan", "Anda", "Salah pilih tahun data, NIM 2021-0042") in riwayat
    assert riwayat[0][0] == "Draf transaksi dibuat" and all(r["waktu"] for r in data["riwayat"])


def test_dokumen_yang_hilang_dari_disk_tanpa_nama_berkas_di_log(
    pengunjung, petugas, klien_untuk, berkas_privat, caplog
):
    """A requirement file the database names and the disk lacks (a PRIVATE_ROOT
    changed at a server move) answers the office's 404 page, not a server
    error, and its ERROR record (mailed to ADMINS) names the file up to its id,
    never the uploader's own file name."""
    t = pabrik.transaksi_diajukan(pengunjung)
    dokumen = t.dokumen.first()
    dokumen.berkas.storage.delete(dokumen.berkas.name)
    nama_unggahan = dokumen.berkas.name.rpartition("-")[2]
    url = reverse("transaksi:dokumen_unduh", args=[t.nomor, dokumen.pk])
    with caplog.at_level("ERROR"):
        assert klien_untuk(petugas).get(url, {"lihat": 1}).status_code == 404
    [catatan] = [r for r in caplog.records if r.levelname == "ERROR"]
    teks = catatan.getMessage() + (caplog.text or "")
    assert "tidak ada di disk" in teks and nama_unggahan not in teks


def test_halaman_hapus_akun_menyebut_transaksi_yang_berjalan(pengunjung, petugas, klien_untuk, berkas_privat):
    """Erasure cancels the requests its owner could still cancel and leaves
    the paid ones with nobody to follow them; the page said only that the
    records are kept. It now names each open request and what becomes of it."""
    draf = pabrik.transaksi_draf(pengunjung)
    dibayar = bayar.diproses(pengunjung, petugas)
    klien = klien_untuk(pengunjung)
    html = klien.get(reverse("akun:hapus")).content.decode()
    assert f"Transaksi berikut dibatalkan: {draf.nomor} (Draf)." in html
    assert (
        "Transaksi berikut tidak dapat dibatalkan lagi dan tetap diselesaikan petugas, tetapi Anda tidak dapat "
        f"lagi mengikutinya atau mengunduh produknya: {dibayar.nomor} (Diproses)." in html
    )
    klien.post(reverse("akun:hapus"), {"password": "sandi-uji-123", "yakin": "on"})
    draf.refresh_from_db(), dibayar.refresh_from_db()
    assert (draf.status, dibayar.status) == (Status.DIBATALKAN, Status.DIPROSES)


def test_halaman_hapus_akun_tanpa_transaksi_berjalan_tidak_menyebutnya(pengunjung, petugas, klien_untuk):
    t = pabrik.transaksi_draf(pengunjung)
    services.batalkan(t, pengunjung, "Tidak jadi")
    html = klien_untuk(pengunjung).get(reverse("akun:hapus")).content.decode()
    assert "Transaksi berikut" not in html


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_penghapusan_saat_bendahara_menerima_tunai_postgres(
    postgres_wajib, pengunjung, petugas, bendahara, berkas_privat
):
    """The visitor erases their data while the treasurer is taking their cash
    for an invoice: the erasure waits for the payment and leaves the paid
    transaction for the office to settle, instead of failing on it."""
    atur_kantor(bayar_tunai=True, **REKENING)
    t = bayar.menunggu_pembayaran(pengunjung, petugas)
    with ditahan(lambda: kanal.terima_tunai(t, bendahara, 50_000)):
        data_pribadi.anonimkan(pengunjung)
    t.refresh_from_db()
    pengunjung.refresh_from_db()
    assert pengunjung.dianonimkan_pada and t.status != Status.DIBATALKAN and t.kuitansi.jumlah == 50_000


def test_penghapusan_mengambil_sebutan_pemohon_dari_catatan_petugas(pengunjung, petugas, berkas_privat):
    """An officer's note to the visitor may address them by name or contact:
    those go with their data, what the officer asked for stays on the record."""
    t = pabrik.transaksi_diajukan(pengunjung)
    dokumen = t.dokumen.first()
    services.minta_perbaikan(
        t,
        petugas,
        {dokumen.pk: "Sdr. ANDI PENGUNJUNG, KTP buram."},
        "Kami hubungi ke 081234567890 atau andi@contoh.id bila perlu.",
    )
    data_pribadi.anonimkan(pengunjung)
    catatan = [*RiwayatTransaksi.objects.filter(transaksi=t).values_list("catatan", flat=True)]
    catatan.append(DokumenPersyaratan.objects.get(pk=dokumen.pk).catatan_petugas)
    teks = "\n".join(catatan).lower()
    assert "andi pengunjung" not in teks and "081234567890" not in teks and "andi@contoh.id" not in teks
    assert "KTP buram." in DokumenPersyaratan.objects.get(pk=dokumen.pk).catatan_petugas


def test_mantan_petugas_yang_menangani_transaksi_tidak_dapat_menghapus_akunnya(
    pengunjung, petugas, klien_untuk, berkas_privat
):
    """An officer whose roles were taken away has their name on the office's
    records (who checked, who approved): erased, those pages would name
    'Pengguna terhapus'. Their account is closed by a supervisor, as an officer's is."""
    t = pabrik.transaksi_diajukan(pengunjung)
    services.ambil_tugas(t, petugas)
    petugas.groups.clear()
    type(petugas).objects.filter(pk=petugas.pk).update(is_staff=False)
    klien = klien_untuk(petugas)
    # Their profile does not offer what will be refused; it says who closes the account.
    profil = klien.get(reverse("akun:profil")).content.decode()
    assert reverse("akun:hapus") not in profil and "Hubungi supervisor PST" in profil
    response = klien.post(reverse("akun:hapus"), {"password": "sandi-uji-123", "yakin": "on"}, follow=True)
    assert "tidak dapat dihapus sendiri" in response.content.decode()
    petugas.refresh_from_db()
    assert petugas.dianonimkan_pada is None and petugas.is_active
    assert RiwayatTransaksi.objects.filter(transaksi=t, oleh=petugas).exists()


def test_nama_penerima_pemohon_bergelar_dihapus(pengunjung, petugas, berkas_privat):
    """The officer wrote the visitor's name with a title, as on their ID
    card: it is still the person erased, and their name goes."""
    s = serah_fisik(pengunjung, petugas, f"Dr. {pengunjung.nama_lengkap}, S.Si.", KODE, NTPN)
    data_pribadi.anonimkan(pengunjung)
    assert SerahTerima.objects.get(pk=s.pk).penerima_nama == "[dihapus]"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_penghapusan_saat_pemohon_meminta_koreksi_tagihan_tidak_menyisakan_catatannya_postgres(
    postgres_wajib, pengunjung, petugas, berkas_privat
):
    """The visitor erases their data in one tab while another sends the
    invoice back with a note naming them: the erasure waits for that request
    and blanks its note too, instead of blanking the history before the note
    is committed and leaving it behind."""
    t = bayar.menunggu_pembayaran(pengunjung, petugas)
    catatan = "Atas nama Andi Pengunjung, NPWP 01.234.567.8-901.000"
    with ditahan(lambda: pembayaran.minta_koreksi_tagihan(t, pengunjung, catatan)):
        data_pribadi.anonimkan(pengunjung)
    tertinggal = RiwayatTransaksi.objects.filter(transaksi=t, catatan__contains="NPWP")
    assert list(tertinggal.values_list("catatan", flat=True)) == []
    assert not Tagihan.objects.filter(transaksi=t, catatan_koreksi__contains="NPWP").exists()


def test_penghapusan_mengambil_sebutan_pemohon_dari_catatan_tagihan_dan_alasan_tolak_bukti(
    pengunjung, petugas, berkas_privat
):
    """The officer's note on the invoice and the reason a proof of payment was
    refused are notes to the visitor too, shown on their page: their name and
    contacts go with their data, what the officer wrote about the payment stays."""
    t = bayar.menunggu_tagihan(pengunjung, petugas)
    pembayaran.terbitkan_tagihan(t, petugas, bayar.isian(KODE), catatan="Untuk Sdr. Andi Pengunjung, bayar via teller.")
    t.refresh_from_db()
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    pembayaran.tolak_bukti(t, petugas, "Sdr. ANDI PENGUNJUNG, bukti buram; kami hubungi di 081234567890.")
    data_pribadi.anonimkan(pengunjung)
    catatan = Tagihan.objects.get(transaksi=t).catatan
    alasan = BuktiBayar.objects.get(transaksi=t).alasan_tolak
    teks = f"{catatan}\n{alasan}".lower()
    assert "andi pengunjung" not in teks and "081234567890" not in teks
    assert catatan == "Untuk Sdr. [dihapus], bayar via teller."
    assert alasan == "Sdr. [dihapus], bukti buram; kami hubungi di [dihapus]."


def test_petugas_mengunduh_bukti_bayar_dan_tagihan_pemohon_tercatat(pengunjung, petugas, klien_untuk, berkas_privat):
    """The proof of payment the visitor sent and the invoice made out to them
    name them: an officer opening either is logged as a personal-data access,
    as a requirement file is; the visitor opening their own, or a HEAD, is not."""
    t = bayar.menunggu_pembayaran(pengunjung, petugas)
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    url_bukti = reverse("transaksi:bukti_bayar", args=[t.nomor, BuktiBayar.objects.get().pk])
    url_tagihan = reverse("transaksi:tagihan_pdf", args=[t.nomor, Tagihan.objects.get().pk])
    for url in (url_bukti, url_tagihan):
        assert klien_untuk(pengunjung).get(url).status_code == 200
        assert klien_untuk(petugas).head(url).status_code == 200
    assert not AksesDataPribadi.objects.exists()
    for url in (url_bukti, url_tagihan):
        assert klien_untuk(petugas).get(url).status_code == 200
    assert list(AksesDataPribadi.objects.order_by("pk").values_list("petugas", "subjek", "halaman")) == [
        (petugas.pk, pengunjung.pk, url_bukti),
        (petugas.pk, pengunjung.pk, url_tagihan),
    ]


def test_unduhan_data_berisi_pembayar_dan_catatan_petugas_pada_tagihan_dan_kuitansi(
    pengunjung, petugas, klien_untuk, berkas_privat
):
    """The invoice and the receipt keep the payer's name and institution as
    they were issued (a later profile edit does not change them), and the
    invoice the officer's note shown on the visitor's page: all of it is held
    about the visitor, so all of it is in their download."""
    t = bayar.menunggu_tagihan(pengunjung, petugas)
    pembayaran.terbitkan_tagihan(t, petugas, bayar.isian(KODE), catatan="Bayar lewat teller BRI.")
    t.refresh_from_db()
    pembayaran.kirim_bukti_bayar(t, pengunjung, NTPN, pabrik.berkas_pdf("bpn.pdf"))
    pembayaran.verifikasi_pembayaran(t, petugas)
    penyerahan.serahkan_produk(t, petugas, [pabrik.berkas_pdf("produk.pdf")])
    type(pengunjung).objects.filter(pk=pengunjung.pk).update(nama_lengkap="Andi P. Baru", nama_instansi="UNIB")
    [data] = json.loads(klien_untuk(pengunjung).get(reverse("akun:data_saya")).content)["transaksi"]
    [tagihan] = data["tagihan"]
    assert tagihan["nama_pembayar"] == "Andi Pengunjung" and tagihan["catatan_petugas"] == "Bayar lewat teller BRI."
    assert data["kuitansi"]["nama_pembayar"] == "Andi Pengunjung"
    assert "instansi_pembayar" in tagihan and "instansi_pembayar" in data["kuitansi"]


def test_halaman_hapus_akun_menyebut_rekening_pengembalian_yang_tetap_disimpan(
    pengunjung, petugas, supervisor, klien_untuk, berkas_privat
):
    """The page promised every record is kept without the visitor's identity,
    yet a refund keeps the account it was paid back to (holder, number, bank)
    as the treasurer's record: the visitor is told before they confirm."""
    t = bayar.diproses(pengunjung, petugas)
    setujui(usulkan(t, petugas, "Data tingkat desa tidak tersedia.", Rekening(*REKENING_ANDI)), supervisor)
    html = " ".join(klien_untuk(pengunjung).get(reverse("akun:hapus")).content.decode().split())
    assert (
        "Rekening tujuan pengembalian PNBP (nama pemilik, nomor dan bank) tetap disimpan sebagai catatan "
        f"keuangan negara: {t.nomor}." in html
    )
