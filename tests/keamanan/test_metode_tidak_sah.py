"""An address that only takes a form, opened as a page: a page that says so,
in the reader's language, with its 405 status and Allow header, never a blank
page. Other callers (HEAD, PUT) keep Django's bare 405."""

import pytest
from django.urls import reverse

from tests.keamanan.test_akses_url import _alamat, dunia, semua_url  # noqa: F401  (fixture)
from tests.transaksi.test_pembayaran import menunggu_pembayaran

pytestmark = pytest.mark.django_db


def test_alamat_kiriman_formulir_dibuka_langsung_menjelaskan_diri(pengunjung, petugas, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    alamat = reverse("transaksi:bukti_verifikasi", args=[t.nomor])
    r = klien_untuk(petugas).get(alamat)
    assert r.status_code == 405 and r["Allow"] == "POST"
    html = r.content.decode()
    assert "Alamat ini untuk kiriman formulir" in html and "Kembali ke beranda" in html
    petugas.bahasa = "en"
    petugas.save(update_fields=["bahasa"])
    assert "This address is for sending a form" in klien_untuk(petugas).get(alamat).content.decode()


def test_metode_lain_tetap_405_tanpa_halaman(pengunjung, petugas, klien_untuk):
    t = menunggu_pembayaran(pengunjung, petugas)
    r = klien_untuk(petugas).put(reverse("transaksi:bukti_verifikasi", args=[t.nomor]))
    assert r.status_code == 405 and r.content == b""


@pytest.mark.parametrize("metode", ["options", "put", "delete", "patch"])
def test_unduhan_tercatat_hanya_menjawab_get_dan_head(dunia, client, metode):  # noqa: F811
    """A download that is logged (a payment document, a product file, a visit
    export naming visitors) answers GET and HEAD only: any other method (an
    office program's OPTIONS probe, a crafted PUT) gets 405, no file and no
    log row of a download nobody made."""
    from pst_layanan.models import AksesDataPribadi
    from transaksi.models import Unduhan

    nama_url = [
        "transaksi:tagihan_pdf",
        "transaksi:contoh_data",
        "transaksi:bukti_bayar",
        "transaksi:kuitansi_pdf",
        "transaksi:berita_acara_pdf",
        "transaksi:produk",
        "transaksi:pengembalian_surat",
        "antrian:riwayat_csv",
        "antrian:buku_tamu_bulanan_unduh",
    ]
    alamat = {u.nama: _alamat(u, dunia["objek"]) for u in semua_url() if u.nama in nama_url}
    assert set(alamat) == set(nama_url)
    client.force_login(dunia["peran"]["supervisor"], backend="django.contrib.auth.backends.ModelBackend")
    tercatat = Unduhan.objects.count(), AksesDataPribadi.objects.count()
    for nama, a in alamat.items():
        assert getattr(client, metode)(a).status_code == 405, nama
    assert (Unduhan.objects.count(), AksesDataPribadi.objects.count()) == tercatat
    assert client.get(alamat["transaksi:produk"]).status_code == 200
    assert Unduhan.objects.count() == tercatat[0] + 1


def test_halaman_umum_menjawab_head_seperti_get(client):
    """HEAD is GET without the body (RFC 9110: every server supports both):
    uptime monitors, load-balancer probes and link checkers send it. Every
    page open to anyone answers it as its GET does, the health probes and the
    public tariff page with its calculator included, never 405."""
    from tests.keamanan.akses_url import AKSES

    umum = [u for u in semua_url() if not u.parameter and AKSES.get(u.nama, ("",))[0] in (200, 503)]
    assert {"healthz", "readyz", "transaksi:tarif", "transaksi:tarif_hitung"} <= {u.nama for u in umum}
    salah = []
    for u in umum:
        alamat = reverse(u.nama)
        get, head = client.get(alamat).status_code, client.head(alamat).status_code
        if head != get:
            salah.append(f"{alamat}: HEAD {head}, GET {get}")
    assert not salah, salah
