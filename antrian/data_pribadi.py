"""The front desk's part of a visitor's data download and erasure (UU 27/2022).

Visits and tickets stay as anonymous statistics (they point to the
anonymised user); the free text about a visit — the purpose the visitor
wrote, the officer's note and correction note, an appointment's request and
refusal reason — may hold personal details: it is in the download and is
blanked on erasure.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from antrian.models import JanjiTemu, JenisLayanan, Kunjungan, LayananKunjungan, StatusJanji, nama_layanan_lokal
from antrian.services import TRANSISI_JANJI
from pst_layanan.data_pribadi import (
    catat_akses_banyak,
    daftar_akibat,
    daftar_anonimisasi,
    daftar_bertugas,
    daftar_ekspor,
    daftar_tulisan,
    terbaca,
)
from pst_layanan.format import waktu_panjang

# The download names its fields as every other section does, not as the
# database lookups they are read through.
_NAMA = {"layanan__nama": "layanan", "tiket__nomor": "nomor_tiket", "tiket__status": "status_tiket"}


def _baris(model, baris: dict) -> dict:
    # The service by its name in the reader's language, in the stored name's place.
    baris["layanan__nama"] = baris.pop("nama_layanan")
    return {_NAMA.get(kunci, kunci): nilai for kunci, nilai in terbaca(model, baris).items()}


@daftar_ekspor("kunjungan")
def ekspor_kunjungan(pengguna) -> list[dict]:
    jenis = _jenis_layanan(pengguna)
    return [
        _kunjungan(baris, jenis)
        for baris in Kunjungan.objects.filter(pengunjung=pengguna)
        .order_by("tiba_pada")
        .values(
            "id",
            "tiba_pada",
            "kanal",
            "layanan__nama",
            "keperluan",
            "kategori_instansi",
            "pemanfaatan",
            "sarana",
            "hasil",
            "catatan",
            "catatan_koreksi",
            "tiket__nomor",
            "tiket__status",
            nama_layanan=nama_layanan_lokal(),
        )
    ]


def _kunjungan(baris: dict, jenis: dict[int, list[str]]) -> dict:
    pk = baris.pop("id")
    return {**_baris(Kunjungan, baris), "jenis_layanan": jenis.get(pk, [])}


def _jenis_layanan(pengguna) -> dict[int, list[str]]:
    """Visit id → the services the visitor said they used (a guest-book
    answer, as the institution category is), labelled in the guest book's order."""
    dipakai: dict[int, set[str]] = {}
    for pk, kode in LayananKunjungan.objects.filter(kunjungan__pengunjung=pengguna).values_list("kunjungan", "kode"):
        dipakai.setdefault(pk, set()).add(kode)
    return {pk: [str(label) for kode, label in JenisLayanan.choices if kode in isi] for pk, isi in dipakai.items()}


@daftar_ekspor("janji_temu")
def ekspor_janji(pengguna) -> list[dict]:
    return [
        _baris(JanjiTemu, baris)
        for baris in JanjiTemu.objects.filter(pengunjung=pengguna)
        .order_by("waktu")
        .values(
            "waktu",
            "layanan__nama",
            "keperluan",
            "status",
            "alasan_tolak",
            "alasan_batal",
            nama_layanan=nama_layanan_lokal(),
        )
    ]


def _janji_berdiri(pengguna, sekarang):
    """An erased visitor will not come and cannot be written to: an
    appointment still standing is cancelled with their data."""
    berdiri = [s for s, ke in TRANSISI_JANJI.items() if StatusJanji.DIBATALKAN in ke]
    return JanjiTemu.objects.filter(pengunjung=pengguna, status__in=berdiri, waktu__gt=sekarang)


@daftar_akibat
def akibat_antrian(pengguna) -> list[str]:
    waktu = [waktu_panjang(j.waktu) for j in _janji_berdiri(pengguna, timezone.now()).order_by("waktu")]
    return [_("Janji temu berikut dibatalkan: %(daftar)s.") % {"daftar": "; ".join(waktu)}] if waktu else []


@daftar_bertugas
def bertugas_antrian(pengguna) -> bool:
    """The visits an officer served or recorded for others name them."""
    dilayani = Kunjungan.objects.filter(Q(petugas=pengguna) | Q(dicatat_oleh=pengguna))
    return dilayani.exclude(pengunjung=pengguna).exists()


@daftar_tulisan
def tulisan_antrian(pengguna) -> list[str]:
    """The appointment request to the office quotes its purpose."""
    janji = JanjiTemu.objects.filter(pengunjung=pengguna).values_list("keperluan", "alasan_tolak", "alasan_batal")
    kunjungan = Kunjungan.objects.filter(pengunjung=pengguna).values_list("keperluan", "catatan", "catatan_koreksi")
    return [t for baris in (*janji, *kunjungan) for t in baris]


@daftar_anonimisasi
def anonimkan_antrian(pengguna) -> None:
    # Cancelled as if they had (the office is not mailed: the mail would name
    # them), so it leaves the receptionist's queue.
    sekarang = timezone.now()
    _janji_berdiri(pengguna, sekarang).update(status=StatusJanji.DIBATALKAN, dibatalkan_pada=sekarang)
    Kunjungan.objects.filter(pengunjung=pengguna).update(keperluan="", catatan="", catatan_koreksi="")
    JanjiTemu.objects.filter(pengunjung=pengguna).update(keperluan="[dihapus]", alasan_tolak="", alasan_batal="")


def catat_akses_ekspor(request, kunjungan) -> None:
    """An officer's file of the visits `kunjungan` names every visitor in it:
    each is logged once as a personal-data access, in one read of the
    visitors and a bulk insert, before the file is written. A HEAD (a
    download manager asking the size first) shows no one: nothing logged."""
    if request.method == "HEAD":
        return
    subjek = kunjungan.order_by().prefetch_related(None).values_list("pengunjung_id", flat=True).distinct()
    catat_akses_banyak(request.user, subjek, request.get_full_path())
