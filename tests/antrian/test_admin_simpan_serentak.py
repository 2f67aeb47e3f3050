"""A supervisor's admin page of a visit stays open while the counter moves
that visit (finishes it, transfers it): saving the page writes what the
supervisor changed and keeps the counter's record, never the older values
the page showed."""

from html.parser import HTMLParser

from django.urls import reverse

from antrian import services
from antrian.models import HasilKunjungan, Kunjungan


class _Isian(HTMLParser):
    """The values a browser sends for the change form on an admin page: None
    for an unticked box and an empty multiple list (not sent)."""

    def __init__(self):
        super().__init__()
        self.data, self._pilih, self._teks = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        nama = a.get("name")
        if tag == "input" and nama and a.get("type") == "checkbox":
            self.data[nama] = a.get("value", "on") if "checked" in a else None
        elif tag == "input" and nama and a.get("type") != "submit":
            self.data[nama] = a.get("value", "")
        elif tag == "select":
            self._pilih = (nama, "multiple" in a)
            self.data[nama] = [] if "multiple" in a else ""
        elif tag == "option" and self._pilih and "selected" in a:
            nama, banyak = self._pilih
            if banyak:
                self.data[nama].append(a.get("value", ""))
            else:
                self.data[nama] = a.get("value", "")
        elif tag == "textarea":
            self._teks = nama
            self.data[nama] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._pilih = None
        elif tag == "textarea":
            self._teks = None

    def handle_data(self, data):
        if self._teks:
            self.data[self._teks] += data.lstrip("\n") if not self.data[self._teks] else data


def isian_halaman(html: str) -> dict:
    """The change form's fields on an admin page, as a browser would send them."""
    parser = _Isian()
    parser.feed(html)
    return {k: v for k, v in parser.data.items() if k and k != "csrfmiddlewaretoken"}


def test_simpan_admin_kunjungan_tidak_menghapus_hasil_dari_loket(
    klien_untuk, supervisor, petugas, loket1, tiket_untuk, pengunjung
):
    tiket = tiket_untuk(pengunjung)
    url = reverse("admin:antrian_kunjungan_change", args=[tiket.kunjungan_id])
    isian = isian_halaman(klien_untuk(supervisor).get(url).content.decode())  # opened while the visitor waits
    services.panggil(tiket, loket1, petugas)
    services.mulai_layani(tiket, loket1, petugas)
    services.selesai(tiket, loket1, petugas, HasilKunjungan.PENJELASAN, "Dijelaskan cara unduh.")
    isian["keperluan"] = "Data kemiskinan 2025"
    r = klien_untuk(supervisor).post(url, {k: v for k, v in isian.items() if v is not None})
    assert r.status_code == 302, r.content.decode()[:3000]
    k = Kunjungan.objects.get(pk=tiket.kunjungan_id)
    assert k.keperluan == "Data kemiskinan 2025"
    assert (k.hasil, k.catatan, k.petugas_id) == (HasilKunjungan.PENJELASAN, "Dijelaskan cara unduh.", petugas.pk)
    assert k.selesai_pada is not None
