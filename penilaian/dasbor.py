"""Everything the supervisor dashboard shows for one month, computed in the
database with a fixed number of queries (the benchmark times this function)."""

from __future__ import annotations

from antrian.bukutamu import rekap_kode
from antrian.models import Kanal, nama_layanan_lokal
from penilaian import grafik, ikm, mutu
from penilaian.models import Penilaian
from pst_layanan.kantor import di_kantor
from pst_layanan.periode import Bulan

LABEL_KANAL = dict(Kanal.choices)


def data_dasbor(bulan: Bulan, kantor: int | None = None) -> dict:
    """Office `kantor`'s month, or every office's together (None)."""
    penilaian = di_kantor(Penilaian.objects.periode(bulan.mulai, bulan.sampai), kantor)
    penilaian = penilaian.annotate(nama_layanan=nama_layanan_lokal())
    hasil_ikm, ikm_per = ikm.ikm_rinci(penilaian, "kanal", "nama_layanan")
    # The SOP steps and the internal targets in the same two queries.
    kepatuhan = mutu.kepatuhan_banyak((*mutu.STANDAR, *mutu.TARGET), bulan, kantor=kantor)
    # The guest-book codes and the visits-per-day chart from the same grouped query.
    buku_tamu = rekap_kode(grafik.kunjungan_bulan(bulan, kantor), "hari", "kanal")
    return {
        "bulan": bulan,
        "kepatuhan": kepatuhan[: len(mutu.STANDAR)],
        "target_internal": kepatuhan[len(mutu.STANDAR) :],
        "ikm": hasil_ikm,
        "ikm_kanal": [(LABEL_KANAL.get(k, k), h) for k, h in ikm_per["kanal"]],
        "ikm_layanan": ikm_per["nama_layanan"],
        "tindak_lanjut_terbuka": di_kantor(Penilaian.objects.perlu_tindak_lanjut(), kantor).count(),
        "buku_tamu": buku_tamu,
        "grafik": {
            "kunjungan": grafik.kunjungan_per_hari(bulan, buku_tamu.pop("lain")),
            "tunggu": grafik.waktu_tunggu(bulan, kantor),
            "kepatuhan": grafik.kepatuhan_per_bulan(bulan, kantor),
            "ikm": grafik.ikm_per_unsur(bulan, hasil_ikm),
            "pnbp": grafik.pnbp_per_bulan(bulan, kantor),
        },
    }
