"""Screenshots of every role's main pages on a phone, a laptop and a TV, for a
person to look at (var/tangkapan-layar/, or PST_TANGKAPAN_LAYAR). Each page must
also fit the width: nothing wider than the screen but the scroll regions."""

import os
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UKURAN = {"390x844": (390, 844), "1366x768": (1366, 768), "1920x1080": (1920, 1080)}
# The waiting-room display runs on TVs only: landscape at both sizes and portrait.
UKURAN_TV = {"1366x768": (1366, 768), "1920x1080": (1920, 1080), "1080x1920": (1080, 1920)}
LAYAR = "/antrian/layar/"


def halaman_utama(o: dict) -> dict[str, list[str]]:
    t, tiket = o["nomor"], o["token_tiket"]
    return {
        "anonim": ["/", "/transaksi/tarif/", f"/antrian/t/{tiket}/", LAYAR],
        "pengunjung_a": ["/transaksi/saya/", f"/transaksi/{t}/", f"/transaksi/{t}/pembayaran/", "/antrian/janji/saya/"],
        "resepsionis": ["/antrian/meja/", "/antrian/janji/meja/"],
        "petugas": [
            "/antrian/loket/",
            f"/antrian/loket/{o['loket']}/",
            "/transaksi/periksa/",
            "/transaksi/tenggat/",
            f"/transaksi/pengunjung/{o['pengunjung']}/",
        ],
        "supervisor": ["/antrian/monitor/", "/penilaian/dasbor/", "/antrian/kunjungan/"],
    }


def test_tangkapan_layar_halaman_utama_setiap_peran(dunia, halaman_baru):
    folder = Path(os.environ.get("PST_TANGKAPAN_LAYAR") or settings.BASE_DIR / "var" / "tangkapan-layar")
    folder.mkdir(parents=True, exist_ok=True)
    melebar, jumlah = [], 0
    for peran, urls in halaman_utama(dunia["objek"]).items():
        for nama_ukuran, (lebar, tinggi) in (UKURAN | UKURAN_TV).items():
            # The display on the TV sizes only, every other page on the phone, the laptop and the TV.
            urls_di_sini = [u for u in urls if nama_ukuran in (UKURAN_TV if u == LAYAR else UKURAN)]
            page = halaman_baru(dunia["peran"][peran], viewport={"width": lebar, "height": tinggi})
            for url in urls_di_sini:
                page.goto(url)
                nama = f"{peran}{url.replace('/', '_')}{nama_ukuran}.png".replace("__", "_")
                page.screenshot(path=str(folder / nama), full_page=url != LAYAR)
                jumlah += 1
                lebar_isi = page.evaluate("document.documentElement.scrollWidth")
                if lebar_isi > lebar:
                    melebar.append(f"{peran} {nama_ukuran} {url}: {lebar_isi}px")
            assert page.galat_konsol == []
            # Closed at once: some of these pages poll every second, and twenty
            # of them left open load the browser and the live server for the rest.
            page.context.close()
    print(f"\n[browser] {jumlah} tangkapan layar di {folder}")
    assert not melebar, "Halaman lebih lebar dari layar:\n" + "\n".join(melebar)
