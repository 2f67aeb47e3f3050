"""Helpers of the browser tests (Playwright)."""


def isi(page, isian: dict[str, str | bool]) -> None:
    """Fill a form as a user would, field by field in order (CSS selector →
    value): a list is chosen from, a checkbox ticked (True), a box typed in."""
    for pemilih, nilai in isian.items():
        if nilai is True:
            page.check(pemilih)
        elif page.eval_on_selector(pemilih, "e => e.tagName") == "SELECT":
            page.select_option(pemilih, nilai)
        else:
            page.fill(pemilih, nilai)


def daftarkan_walkin(meja, email: str, nama: str) -> None:
    """At the desk page: search the new walk-in (nobody found), fill their
    biodata and guest-book answers, and issue the ticket."""
    meja.fill("#cari", nama.split()[0].lower())
    meja.wait_for_selector("#hasil-cari :text('Tidak ada pengunjung yang cocok')")
    isi(
        meja,
        {
            "#id_baru-email": email,
            "#id_baru-nama_lengkap": nama,
            "#id_baru-telepon": "081311112222",
            "#id_baru-jenis_kelamin": "L",
            "#id_baru-tahun_lahir": "1990",
            "#id_baru-pendidikan": "s1",
            "#id_baru-pekerjaan": "wiraswasta",
            "#id_baru-kategori_instansi": "lainnya",
            "#id_bt-pemanfaatan": "penelitian",
            "#id_bt-jenis_layanan_0": True,
            "#id_baru-setuju_privasi": True,
        },
    )
    meja.click("#tombol-terbitkan")
