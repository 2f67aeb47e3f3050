"""Corrections before payment by the visitor: the officer sends a complete or
invoiced transaction back for item corrections, the visitor changes the
quantities, and a new invoice for the new total follows."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests import pabrik
from tests.transaksi.test_pembayaran import isian, menunggu_pembayaran, menunggu_tagihan
from tests.transaksi.test_siklus_tagihan import TERBIT, pada
from transaksi import services
from transaksi.alur import TransisiTidakSah
from transaksi.models import RiwayatTransaksi, Status, Tagihan
from transaksi.services import pembayaran

pytestmark = pytest.mark.django_db


def _rupiah_billing(t) -> str:
    return f"{int(t.total):,}".replace(",", ".")


def test_pemohon_mengoreksi_jumlah_lalu_tagihan_baru(pengunjung, petugas, django_capture_on_commit_callbacks):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        lama, item = t.tagihan.get(), t.item.get()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            pembayaran.buka_koreksi_item(t, petugas, "Satu item satu dataset: pisahkan atau kurangi ukurannya.")
        t.refresh_from_db()
        lama.refresh_from_db()
        assert t.status == Status.MENUNGGU_TAGIHAN and t.koreksi_item_dibuka_pada is not None
        assert lama.status == Tagihan.Status.BATAL
        [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
        assert "mengoreksi jumlah item" in surel.body and "jangan dibayar" in surel.body

        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            pembayaran.koreksi_item(t, pengunjung, {item.pk: item.jumlah * 2}, "Ukuran data 5 MB, bukan 2,5 MB.")
        t.refresh_from_db()
        assert t.status == Status.MENUNGGU_TAGIHAN and t.item.get().jumlah == item.jumlah * 2 and t.total > lama.jumlah
        catatan = t.riwayat.filter(jenis=RiwayatTransaksi.Jenis.CATATAN).last()
        assert catatan.oleh == pengunjung and catatan.catatan.startswith("Item dikoreksi pemohon")
        assert [m.to for m in mail.outbox] == [[petugas.email]]  # the assigned officer is told

        baru = pembayaran.terbitkan_tagihan(t, petugas, isian("820260313000078", jumlah=_rupiah_billing(t)))
        t.refresh_from_db()
    assert baru.jumlah == t.total and t.status == Status.MENUNGGU_PEMBAYARAN
    # The new invoice closes the correction: the visitor can no longer change quantities.
    assert t.koreksi_item_dibuka_pada is None
    with pytest.raises(TransisiTidakSah, match="bila petugas memintanya"):
        pembayaran.koreksi_item(t, pengunjung, {item.pk: 1}, "Lagi.")


@pytest.mark.parametrize("dibuka", [False, True])
def test_pemohon_tanpa_permintaan_atau_orang_lain_ditolak(pengunjung, pengunjung_lain, petugas, dibuka):
    t = menunggu_tagihan(pengunjung, petugas)
    item = t.item.get()
    if dibuka:
        pembayaran.buka_koreksi_item(t, petugas, "Periksa jumlah.")
        with pytest.raises(TransisiTidakSah, match="Hanya"):
            pembayaran.koreksi_item(t, pengunjung_lain, {item.pk: 9}, "Bukan milik saya.")
    else:
        with pytest.raises(TransisiTidakSah, match="bila petugas memintanya"):
            pembayaran.koreksi_item(t, pengunjung, {item.pk: 9}, "Saya ubah sendiri.")
    with pytest.raises(TransisiTidakSah, match="Hanya petugas"):
        pembayaran.buka_koreksi_item(t, pengunjung, "Saya buka sendiri.")
    assert t.item.get().jumlah == item.jumlah


def test_koreksi_pemohon_lewat_halaman(pengunjung, petugas, klien_untuk):
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        item = t.item.get()
        halaman = reverse("transaksi:pembayaran", args=[t.nomor])
        assert "form-koreksi-item-pemohon" not in klien_untuk(pengunjung).get(halaman).content.decode()
        kantor = klien_untuk(petugas)
        buka = reverse("transaksi:koreksi_item_buka", args=[t.nomor])
        assert kantor.post(buka, {"catatan": ""}).status_code == 400
        assert kantor.post(buka, {"catatan": "Jumlah tabel belum sesuai."}).status_code == 302
        assert "data-koreksi-pemohon" in kantor.get(halaman).content.decode()

        tamu = klien_untuk(pengunjung)
        assert "form-koreksi-item-pemohon" in tamu.get(halaman).content.decode()
        url = reverse("transaksi:koreksi_item_pemohon", args=[t.nomor])
        salah = tamu.post(url, {f"jumlah_{item.pk}": "0", "catatan": "x"})
        assert salah.status_code == 400 and t.item.get().jumlah == item.jumlah
        r = tamu.post(url, {f"jumlah_{item.pk}": item.jumlah + 1, "catatan": "Tambah satu."})
        assert r.status_code == 302
    assert t.item.get().jumlah == item.jumlah + 1


def _surel_minta_koreksi(sampai, pengunjung, petugas, tangkap_commit):
    """An officer sends the transaction `sampai` builds back for item correction: it, and the visitor's e-mail."""
    with pada(TERBIT):
        t = sampai(pengunjung, petugas)
        mail.outbox.clear()
        with tangkap_commit(execute=True):
            pembayaran.buka_koreksi_item(t, petugas, "Periksa jumlah.")
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    return t, surel


def test_surel_koreksi_sebelum_tagihan_berjudul_dalam_bahasa_pemohon(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    t, surel = _surel_minta_koreksi(menunggu_tagihan, pengunjung, petugas, django_capture_on_commit_callbacks)
    assert surel.subject == f"Transaction {t.nomor}: correction of item quantities"


def test_halaman_transaksi_menyuruh_pemohon_mengoreksi_jumlah(pengunjung, petugas, klien_untuk):
    """While the items are open to the visitor, their transaction page must not
    say the officer is issuing the invoice: it is the visitor who must act, so
    the step says so and the correction form comes first."""
    t = menunggu_tagihan(pengunjung, petugas)
    pembayaran.buka_koreksi_item(t, petugas, "Jumlah halaman belum sesuai.")
    html = klien_untuk(pengunjung).get(reverse("transaksi:detail", args=[t.nomor])).content.decode()
    langkah = html[html.index('id="langkah"') : html.index("</div>", html.index('id="langkah"') + 200)]
    assert "Petugas sedang menerbitkan tagihan" not in langkah
    assert "Langkah Anda berikutnya" in langkah and "mengoreksi jumlah item" in langkah
    assert html.index("form-koreksi-item-pemohon") < html.index("Keperluan</h2>")
    pengunjung.bahasa = "en"
    pengunjung.save(update_fields=["bahasa"])
    html = klien_untuk(pengunjung).get(reverse("transaksi:detail", args=[t.nomor])).content.decode()
    assert "The officer asks you to correct the item quantities." in html


def test_halaman_transaksi_setelah_pemohon_mengoreksi_menunggu_tagihan_petugas(pengunjung, petugas, klien_untuk):
    """Once the visitor has saved the corrected quantities, the next move is the
    officer's (the new invoice): the page no longer tells the visitor to correct."""
    t = menunggu_tagihan(pengunjung, petugas)
    item = t.item.get()
    pembayaran.buka_koreksi_item(t, petugas, "Jumlah halaman belum sesuai.")
    pembayaran.koreksi_item(t, pengunjung, {item.pk: item.jumlah + 10}, "Ditambah 10 halaman.")
    html = klien_untuk(pengunjung).get(reverse("transaksi:detail", args=[t.nomor])).content.decode()
    langkah = html[html.index('id="langkah"') : html.index("</div>", html.index('id="langkah"') + 200)]
    assert "mengoreksi jumlah item" not in langkah and "Langkah Anda berikutnya" not in langkah
    assert "Petugas sedang menerbitkan tagihan" in langkah


def test_daftar_dan_papan_menyebut_giliran_pemohon_selama_item_dikembalikan(pengunjung, petugas, klien_untuk):
    """Sent back for item corrections, the transaction waits for the visitor
    although its status still reads "waiting for the invoice": their list
    says it waits for them (as its page does), the officer's list of the
    visitor and the deadline board say it waits for the visitor; once the
    visitor saved a correction, the officer's turn comes back."""
    t = menunggu_tagihan(pengunjung, petugas)
    lain = menunggu_tagihan(pengunjung, petugas)
    pembayaran.buka_koreksi_item(t, petugas, "Jumlah halaman belum sesuai.")

    def baris(html, nomor):
        awal = html.index(f">{nomor}</a>")
        return html[awal : html.index("</tr>", awal)]

    def halaman():
        saya = klien_untuk(pengunjung).get(reverse("transaksi:saya")).content.decode()
        kantor = klien_untuk(petugas)
        milik = kantor.get(reverse("transaksi:pengunjung", args=[pengunjung.pk])).content.decode()
        papan = kantor.get(reverse("transaksi:tenggat")).content.decode()
        return saya, milik, papan

    saya, milik, papan = halaman()
    assert "menunggu Anda" in baris(saya, t.nomor) and "text-bg-warning" in baris(saya, t.nomor)
    assert "menunggu pemohon" in baris(milik, t.nomor)
    assert "<td>Pemohon</td>" in baris(papan, t.nomor)
    # The other one, not sent back, is still the office's to invoice.
    assert "menunggu Anda" not in baris(saya, lain.nomor) and "<td>Kantor</td>" in baris(papan, lain.nomor)

    item = t.item.get()
    pembayaran.koreksi_item(t, pengunjung, {item.pk: item.jumlah + 10}, "Ditambah 10 halaman.")
    saya, milik, papan = halaman()
    assert "menunggu Anda" not in baris(saya, t.nomor) and "menunggu pemohon" not in baris(milik, t.nomor)
    assert "<td>Kantor</td>" in baris(papan, t.nomor)


def test_minta_koreksi_dua_kali_sekali_tercatat_dan_dikabarkan(
    pengunjung, petugas, klien_untuk, django_capture_on_commit_callbacks
):
    """A double click (or a colleague asking too) sent the visitor the same
    request twice and wrote it twice in the history; once the visitor has
    corrected, the officer may ask again."""
    t = menunggu_tagihan(pengunjung, petugas)
    url = reverse("transaksi:koreksi_item_buka", args=[t.nomor])
    klien = klien_untuk(petugas)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pertama = klien.post(url, {"catatan": "Periksa jumlah halaman."}, follow=True)
        kedua = klien.post(url, {"catatan": "Periksa jumlah halaman."}, follow=True)
    assert "Pemohon diminta mengoreksi jumlah item" in pertama.content.decode()
    assert "Pemohon sudah diminta mengoreksi jumlah item" in kedua.content.decode()
    assert len([m for m in mail.outbox if m.to == [pengunjung.email]]) == 1
    assert t.riwayat.filter(catatan__startswith="Petugas meminta Anda").count() == 1

    item = t.item.get()
    pembayaran.koreksi_item(t, pengunjung, {item.pk: item.jumlah + 1}, "Sudah saya ubah.")
    pembayaran.buka_koreksi_item(t, petugas, "Masih salah: periksa lagi.")
    assert t.riwayat.filter(catatan__startswith="Petugas meminta Anda").count() == 2


def test_koreksi_dari_halaman_lama_tidak_mengembalikan_koreksi_orang_lain(pengunjung, petugas, klien_untuk):
    """The officer's correction form was open while the visitor corrected
    another item: sending it changes only what the officer changed, not the
    visitor's quantity back to the one the officer's page still showed."""
    t = pabrik.transaksi_draf(pengunjung)
    services.tambah_item(t, pabrik.produk("peta-kabkota-desa"), 2, "Peta desa Kota Bengkulu", pengunjung)
    t = services.nyatakan_lengkap(services.ajukan(t, pengunjung), petugas)
    mikro, peta = t.item.order_by("pk")
    pembayaran.buka_koreksi_item(t, petugas, "Periksa ukuran data.")
    kantor = klien_untuk(petugas)
    halaman = kantor.get(reverse("transaksi:pembayaran", args=[t.nomor])).content.decode()
    form = re.search(r'<form[^>]*id="form-koreksi-item".*?</form>', halaman, re.S).group(0)
    dikirim = dict(re.findall(r'<input[^>]*name="((?:jumlah|awal)_\d+)"[^>]*value="([^"]*)"', form))
    # A size's unit as its list shows it chosen (MB), sent with it as a browser does.
    dikirim |= dict(re.findall(r'<select[^>]*name="(ukuran_\d+)".*?<option value="([^"]*)"[^>]*selected', form, re.S))

    pembayaran.koreksi_item(t, pengunjung, {mikro.pk: 3_000_000}, "Ukurannya 3 MB.")
    r = kantor.post(
        reverse("transaksi:koreksi_item", args=[t.nomor]),
        {**dikirim, f"jumlah_{peta.pk}": "3", "catatan": "Tiga peta."},
    )
    assert r.status_code == 302
    mikro.refresh_from_db()
    peta.refresh_from_db()
    t.refresh_from_db()
    assert (mikro.jumlah, peta.jumlah) == (3_000_000, 3)
    assert t.total == 20_000 + 2_000 * 20 + 3 * 70_000


def test_surel_minta_koreksi_menyebut_langkah_pemohon(pengunjung, petugas, django_capture_on_commit_callbacks):
    """The e-mail asking the visitor to correct the items gave as next step
    "the officer is issuing the invoice": the visitor's own step, as on the page."""
    _, surel = _surel_minta_koreksi(menunggu_pembayaran, pengunjung, petugas, django_capture_on_commit_callbacks)
    langkah = next(baris for baris in surel.body.splitlines() if baris.startswith("Langkah berikutnya:"))
    assert "Petugas sedang menerbitkan tagihan" not in langkah
    assert "Petugas meminta Anda mengoreksi jumlah item" in langkah


def test_petugas_tidak_diminta_bertindak_saat_koreksi_giliran_pemohon(
    pengunjung, petugas, django_capture_on_commit_callbacks
):
    """Sending an invoiced transaction back for the visitor to correct mailed
    the officers "waiting for the office's action", their own note to the
    visitor as its note: the move is the visitor's turn, and only the visitor
    is written to; the officers hear again when the correction comes."""
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            pembayaran.buka_koreksi_item(t, petugas, "Pisahkan per dataset.")
        assert [m.to for m in mail.outbox] == [[pengunjung.email]]
        item = t.item.get()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            pembayaran.koreksi_item(t, pengunjung, {item.pk: item.jumlah * 2}, "Dipisah.")
    assert [m.to for m in mail.outbox] == [[petugas.email]]


def test_keterangan_pemohon_tak_terlihat_ditolak(pengunjung, petugas, klien_untuk):
    """The visitor's required note on their correction, or on asking for a
    corrected invoice, of zero-width spaces passed as written: the officers
    were told of a change with a blank reason."""
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        item = t.item.get()
        minta = klien_untuk(pengunjung).post(
            reverse("transaksi:tagihan_koreksi", args=[t.nomor]), {"catatan": "\u200b\u3164"}
        )
        assert minta.status_code == 400 and "karakter tak terlihat" in minta.content.decode()
        assert t.tagihan.get().status == Tagihan.Status.AKTIF
        klien_untuk(petugas).post(reverse("transaksi:koreksi_item_buka", args=[t.nomor]), {"catatan": "Cek jumlah."})
        tamu = klien_untuk(pengunjung)
        url = reverse("transaksi:koreksi_item_pemohon", args=[t.nomor])
        r = tamu.post(url, {f"jumlah_{item.pk}": item.jumlah + 1, f"awal_{item.pk}": item.jumlah, "catatan": "\u200b"})
        assert r.status_code == 400 and "karakter tak terlihat" in r.content.decode()
    assert t.item.get().jumlah == item.jumlah


def _catatan_terakhir(t) -> str:
    jenis = [RiwayatTransaksi.Jenis.STATUS, RiwayatTransaksi.Jenis.CATATAN]
    return t.riwayat.filter(jenis__in=jenis).latest("pk").catatan


def test_catatan_tanpa_titik_tidak_menyambung_ke_kalimat_berikutnya(pengunjung, petugas):
    """An officer types a note without a full stop, as most do: the history
    and the e-mail read "…silakan koreksi Ubah jumlahnya pada halaman
    pembayaran" and "…lebih besar Tagihan INV/… dibatalkan", one run-on
    sentence. The note ends its sentence before the next begins."""
    with pada(TERBIT):
        t = menunggu_pembayaran(pengunjung, petugas)
        pembayaran.buka_koreksi_item(t, petugas, "Ukuran data berbeda, silakan koreksi")
        assert "silakan koreksi. Ubah jumlahnya pada halaman pembayaran" in _catatan_terakhir(t)

        t = menunggu_pembayaran(pengunjung, petugas, kode="820260313000079")
        item = t.item.get()
        pembayaran.koreksi_item(t, petugas, {item.pk: item.jumlah + 1}, "Ukuran data sebenarnya lebih besar")
        assert "sebenarnya lebih besar. Tagihan" in _catatan_terakhir(t)
