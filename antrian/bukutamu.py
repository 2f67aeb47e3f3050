"""BPS's PST guest-book codes of a visit: recording them, correcting them,
and counting visits by them.

The desk, the online guest book and an appointment check-in all create a
visit through `buat_kunjungan`, so a visitor registered at the desk and one
registered online get the same coded record. The institution category is
copied from the visitor's profile as answered at that moment; the main use,
the services used and the facility are answered per visit.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _

from antrian.models import JenisLayanan, Kunjungan, LayananKunjungan, PemanfaatanUtama, Sarana
from antrian.pemetaan import petakan_kunjungan
from pst_layanan.bahasa import bahasa_kantor
from pst_layanan.models import KategoriInstansi

log = logging.getLogger(__name__)


class KodeTidakSah(ValueError):
    """A guest-book code outside BPS's lists; str(exc) is shown as is."""


@dataclass(frozen=True)
class IsianBukuTamu:
    """What the guest book asks per visit, as codes."""

    pemanfaatan: str
    jenis_layanan: tuple[str, ...]
    sarana: str

    def __post_init__(self):
        if self.pemanfaatan not in PemanfaatanUtama.values:
            raise KodeTidakSah(_("Pilih pemanfaatan utama data dari daftar."))
        if not self.jenis_layanan or not set(self.jenis_layanan) <= set(JenisLayanan.values):
            raise KodeTidakSah(_("Pilih satu atau lebih jenis layanan dari daftar."))
        if self.sarana not in Sarana.values:
            raise KodeTidakSah(_("Pilih sarana yang digunakan dari daftar."))


def _simpan_layanan(kunjungan: Kunjungan, kode, baru: bool = False) -> None:
    if not baru:
        LayananKunjungan.objects.filter(kunjungan=kunjungan).exclude(kode__in=kode).delete()
    LayananKunjungan.objects.bulk_create(
        [LayananKunjungan(kunjungan=kunjungan, kode=k) for k in kode], ignore_conflicts=True
    )


def buat_kunjungan(pengunjung, isian: IsianBukuTamu | None, **kolom) -> Kunjungan:
    """Create a visit with its codes.

    Without answers (an appointment check-in, a transaction opened without
    the guest book) the codes are derived by the same rules that migrated the
    old records — service from the queue service, main use from the purpose's
    keywords, facility from the channel — and whatever stays undecided is
    flagged for an officer, as is a visitor whose profile has no category.
    """
    h = _kode(pengunjung, isian, kolom.get("keperluan", ""), kolom["kanal"], kolom["layanan"])
    k = Kunjungan.objects.create(pengunjung=pengunjung, **h.kolom(), **kolom)
    _simpan_layanan(k, h.layanan, baru=True)
    return k


def _kode(pengunjung, isian: IsianBukuTamu | None, keperluan: str, kanal: str, layanan):
    """A visit's codes: the answers when given, else what the mapping decides (`buat_kunjungan`)."""
    kategori = pengunjung.kategori_instansi or ""
    # The mapping's keywords are Indonesian: the service's Indonesian name, whoever reads English.
    with bahasa_kantor():
        nama_layanan = layanan.nama
    h = petakan_kunjungan(kategori, keperluan, kanal, layanan.kode, nama_layanan)
    if isian:
        h.pemanfaatan, h.layanan, h.sarana = isian.pemanfaatan, list(isian.jenis_layanan), isian.sarana
        h.catatan = h.catatan[:1] if not kategori else []
    return h


def isi_ulang_kunjungan(k: Kunjungan, isian: IsianBukuTamu, layanan, keperluan: str) -> Kunjungan:
    """The guest book answered again for visit `k` (its visitor locked by the caller): one
    visit still. Its codes become the latest answers, its services used are
    the earlier and the new ones (a visit counts once under each), and a new
    purpose is added to the one it had; the arrival stays the first."""
    h = _kode(k.pengunjung, isian, keperluan, k.kanal, layanan)
    if keperluan and keperluan not in k.keperluan:
        keperluan = f"{k.keperluan}; {keperluan}" if k.keperluan else keperluan
    else:
        keperluan = k.keperluan
    k.layanan, k.keperluan = layanan, keperluan[: Kunjungan._meta.get_field("keperluan").max_length]
    for kolom, nilai in h.kolom().items():
        setattr(k, kolom, nilai)
    k.save(update_fields=["layanan", "keperluan", *h.kolom()])
    _simpan_layanan(k, h.layanan, baru=True)  # added to those it had
    return k


def koreksi_kode(kunjungan: Kunjungan | int, oleh, kategori_instansi: str, isian: IsianBukuTamu) -> Kunjungan:
    """An officer decides the codes of a flagged (or any) visit; the flag and
    its note are cleared. The log says who corrected which visit, not the
    note: it quotes the visitor's own words (the purpose), which an erasure
    blanks in the row but could not take back from the log."""
    if kategori_instansi not in KategoriInstansi.values:
        raise KodeTidakSah(_("Pilih kategori instansi dari daftar."))
    pk = kunjungan.pk if isinstance(kunjungan, Kunjungan) else kunjungan
    with transaction.atomic():
        k = Kunjungan.objects.select_for_update().get(pk=pk)
        log.info("Kode kunjungan %s dikoreksi oleh %s", k.pk, oleh.pk)
        k.kategori_instansi, k.pemanfaatan, k.sarana = kategori_instansi, isian.pemanfaatan, isian.sarana
        k.perlu_koreksi, k.catatan_koreksi = False, ""
        k.save(update_fields=["kategori_instansi", "pemanfaatan", "sarana", "perlu_koreksi", "catatan_koreksi"])
        _simpan_layanan(k, isian.jenis_layanan)
    return k


# --- counting by code (visit history, dashboard) ---------------------------------------


def _hitung(pasangan, pilihan) -> list[tuple[str, str, int]]:
    """(code, label, visits) in the list's order, zeros included; "" = not coded."""
    jumlah = dict(pasangan)
    baris = [(kode, str(label), jumlah.get(kode, 0)) for kode, label in pilihan]
    if jumlah.get(""):
        baris.append(("", _("Belum dikode"), jumlah[""]))
    return baris


def rekap_kode(kunjungan, *lain: str) -> dict:
    """Visits of a queryset per institution category and main use (one
    grouped query) and per service used (a second), whatever the number of
    visits, and the number of visits (`jumlah`). A visit with several
    services counts once under each.

    `lain` are further fields (or annotations of `kunjungan`) the first
    query also groups by, for a caller that needs those counts as well: they
    come back under "lain" as {(values of `lain`): visits}, at no extra query.
    """
    dasar = kunjungan.order_by()
    per_kategori, per_pemanfaatan, per_lain = Counter(), Counter(), Counter()
    # A visit with no service code (flagged for an officer) is "not coded" in
    # the service table too, counted in the same grouped query.
    tanpa_layanan = ~Exists(LayananKunjungan.objects.filter(kunjungan=OuterRef("pk")))
    per_layanan = Counter()
    for b in dasar.values("kategori_instansi", "pemanfaatan", *lain).annotate(
        n=Count("pk"), tanpa=Count("pk", filter=tanpa_layanan)
    ):
        per_kategori[b["kategori_instansi"]] += b["n"]
        per_pemanfaatan[b["pemanfaatan"]] += b["n"]
        per_lain[tuple(b[k] for k in lain)] += b["n"]
        per_layanan[""] += b["tanpa"]
    per_layanan.update(
        dict(
            LayananKunjungan.objects.filter(kunjungan__in=dasar.values("pk"))
            .order_by()
            .values_list("kode")
            .annotate(n=Count("kunjungan", distinct=True))
        )
    )
    hasil = {
        "jumlah": sum(per_kategori.values()),
        "kategori": _hitung(per_kategori.items(), KategoriInstansi.choices),
        "pemanfaatan": _hitung(per_pemanfaatan.items(), PemanfaatanUtama.choices),
        "layanan": _hitung(per_layanan.items(), JenisLayanan.choices),
    }
    if lain:
        hasil["lain"] = dict(per_lain)
    return hasil
