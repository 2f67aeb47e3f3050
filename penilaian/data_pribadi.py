"""Ratings in a visitor's data download and erasure (UU 27/2022).

Ratings stay after erasure: the scores and the respondent profile (coarse
groups: sex, age group, education, occupation) are the anonymous statistics
the IKM and the SKM recapitulation are computed from (they point to the
anonymised user). The feedback text the
visitor wrote may hold personal details and is blanked, with the officer's
answer to it (which quotes or addresses the person), an unanswered request
for follow-up is withdrawn, and the stored monthly
reports that quote it are built again.
"""

from django.utils import timezone

from penilaian.laporan import minta_laporan
from penilaian.models import LaporanBulanan, Penilaian
from penilaian.skm import UNSUR
from pst_layanan.data_pribadi import daftar_anonimisasi, daftar_ekspor, daftar_tulisan
from pst_layanan.periode import Bulan

DIHAPUS = "[dihapus]"


@daftar_ekspor("penilaian")
def ekspor_penilaian(pengguna) -> list[dict]:
    hasil = []
    for p in (
        Penilaian.objects.filter(pengguna=pengguna)
        .select_related("transaksi", "kunjungan")
        .order_by("dikirim_pada", "pk")
    ):
        hasil.append(
            {
                "transaksi": p.transaksi.nomor if p.transaksi else None,
                "kunjungan_pada": p.kunjungan.tiba_pada if p.kunjungan else None,
                "kanal": p.get_kanal_display(),
                "media": p.get_media_display(),
                "dikirim_pada": p.dikirim_pada,
                "skor": {f"{u.kode} {u.nama}": getattr(p, u.kolom) for u in UNSUR},
                "profil_responden": {
                    "jenis_kelamin": p.get_jenis_kelamin_display(),
                    "umur": p.get_kelompok_umur_display(),
                    "pendidikan": p.get_pendidikan_display(),
                    "pekerjaan": p.get_pekerjaan_display(),
                },
                "umpan_balik": p.umpan_balik,
                "minta_tindak_lanjut": p.minta_tindak_lanjut,
                "jawaban_petugas": p.jawaban,
                "dijawab_pada": p.dijawab_pada,
            }
        )
    return hasil


@daftar_tulisan
def tulisan_penilaian(pengguna) -> list[str]:
    """The follow-up request to the officers quotes the feedback."""
    return [
        t for baris in Penilaian.objects.filter(pengguna=pengguna).values_list("umpan_balik", "jawaban") for t in baris
    ]


@daftar_anonimisasi
def anonimkan_penilaian(pengguna) -> None:
    ditulis = Penilaian.objects.filter(pengguna=pengguna).exclude(umpan_balik="")
    bulan = {Bulan.dari_tanggal(timezone.localdate(w)) for w in ditulis.values_list("dikirim_pada", flat=True)}
    # An unanswered follow-up request cannot be answered any more (its text is
    # gone, the address cannot receive mail): it leaves the officers' queue.
    Penilaian.objects.filter(pengguna=pengguna).perlu_tindak_lanjut().update(minta_tindak_lanjut=False)
    ditulis.update(umpan_balik=DIHAPUS)
    Penilaian.objects.filter(pengguna=pengguna).exclude(jawaban="").update(jawaban=DIHAPUS)
    _susun_ulang_laporan(bulan)


def _susun_ulang_laporan(bulan: set[Bulan]) -> None:
    """The stored monthly reports of those months quote the feedback in their
    files: each that holds files is built again (after the erasure commits),
    so no file keeps what the person wrote — a report whose latest rebuild
    failed too, as it still serves its previous files, and one being built,
    whose build read the feedback before it was erased."""
    berfile = LaporanBulanan.objects.filter(bulan__in=[b.hari_pertama for b in bulan]).exclude(xlsx="")
    for hari_pertama, kantor_id in berfile.values_list("bulan", "kantor_id"):
        minta_laporan(Bulan.dari_tanggal(hari_pertama), kantor_id=kantor_id, data_berubah=True)
