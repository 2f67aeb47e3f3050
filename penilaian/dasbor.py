"""Everything the supervisor dashboard shows for one month, computed in the
database with a fixed number of queries (the benchmark times this function)."""

from __future__ import annotations

from antrian.bukutamu import rekap_kode
from antrian.models import Kanal, Kunjungan
from penilaian import grafik, ikm, mutu
from penilaian.models import Penilaian
from pst_layanan.periode import Bulan

LABEL_KANAL = dict(Kanal.choices)


def data_dasbor(bulan: Bulan) -> dict:
    penilaian = Penilaian.objects.periode(bulan.mulai, bulan.sampai)
    hasil_ikm = ikm.hitung_ikm(penilaian)
    return {
        "bulan": bulan,
        "kepatuhan": mutu.semua_kepatuhan(bulan),
        "target_internal": mutu.semua_target(bulan),
        "ikm": hasil_ikm,
        "ikm_kanal": [(LABEL_KANAL.get(k, k), h) for k, h in ikm.ikm_per(penilaian, "kanal")],
        "ikm_layanan": ikm.ikm_per(penilaian, "layanan__nama"),
        "tindak_lanjut_terbuka": Penilaian.objects.perlu_tindak_lanjut().count(),
        "buku_tamu": rekap_kode(Kunjungan.objects.filter(tiba_pada__gte=bulan.mulai, tiba_pada__lt=bulan.sampai)),
        "grafik": {
            "kunjungan": grafik.kunjungan_per_hari(bulan),
            "tunggu": grafik.waktu_tunggu(bulan),
            "kepatuhan": grafik.kepatuhan_per_bulan(bulan),
            "ikm": grafik.ikm_per_unsur(bulan, hasil_ikm),
            "pnbp": grafik.pnbp_per_bulan(bulan),
        },
    }
