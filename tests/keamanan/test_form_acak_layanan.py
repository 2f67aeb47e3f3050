"""Hostile input to the service forms (front desk, transactions, payment,
delivery, rating): no response is a 500, and a refused form stores nothing.

Same idea as test_form_acak.py (account forms), for forms that need an
object in a given state (a draft, an invoice to issue, a ticket being
served...): the state is built once per form, and every example runs in a
rolled-back transaction so the next one stands on the same ground. A form
counts as refused when the page comes back instead of redirecting (the
views redirect only after success), or by the form's own `ditolak` rule for
views that redirect either way.

To cover a new form, append a `Formulir` to FORMULIR_LAYANAN.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from antrian import services as antrian
from antrian.forms import SelesaiForm
from antrian.models import JanjiTemu, Kunjungan, Layanan, Loket, PengumumanLayar, Tiket
from penilaian.models import Penilaian
from penilaian.skm import KOLOM_SKOR
from pst_layanan import kalender
from pst_layanan.models import Pengguna
from tests import pabrik
from tests.antrian import ISIAN_MEJA
from tests.keamanan.test_form_acak import BIODATA, PENGATURAN_ACAK, teks_jahat
from tests.transaksi.conftest import berkas_di
from tests.transaksi.test_pembayaran import KODE, NTPN, diproses, diserahkan, menunggu_pembayaran, menunggu_tagihan
from transaksi.forms.transaksi import BatalForm, LengkapForm
from transaksi.models import Transaksi

pytestmark = pytest.mark.django_db


def berkas_jahat() -> st.SearchStrategy:
    """A valid PDF, random bytes under odd names, an empty file, a PNG named .pdf."""
    nama = st.sampled_from(["dokumen.pdf", "../../etc/passwd", "x.exe", "😀.png", "a" * 300 + ".pdf", "s p a s i.pdf"])
    return st.one_of(
        st.just(("dokumen.pdf", pabrik.PDF_MINIMAL)),
        st.tuples(nama, st.binary(max_size=512)),
        st.just(("kosong.pdf", b"")),
        st.just(("gambar.pdf", pabrik.isi_gambar("PNG"))),
    ).map(lambda t: SimpleUploadedFile(t[0], t[1]))


def _dialihkan(response, data, objek) -> bool:
    return response.status_code not in (301, 302, 303)


@dataclass
class Formulir:
    nama: str
    keadaan: str  # which state `objek` builds (see _KEADAAN)
    pengguna: str  # persona fixture that posts it
    url: Callable[[dict], str]
    contoh: Callable[[dict], dict[str, Any]]  # a valid value for every field
    potret: Callable[[dict], Any]  # what a refused form must leave unchanged
    bidang: dict[str, st.SearchStrategy] = field(default_factory=dict)  # special strategies (files)
    ditolak: Callable[[Any, dict, dict], bool] = _dialihkan


# --- the states the forms need --------------------------------------------------------------------


def _t(objek) -> Transaksi:
    return Transaksi.objects.get(pk=objek["t"].pk)


def _keadaan_transaksi(t) -> tuple:
    t = Transaksi.objects.get(pk=t.pk)
    return (
        t.status,
        t.total,
        t.keperluan,
        list(t.item.values_list("pk", "uraian", "jumlah")),
        list(t.dokumen.values_list("pk", "diganti_pada", "penilaian", "catatan_petugas")),
        t.riwayat.count(),
        list(t.tagihan.values_list("pk", "status")),
        list(t.bukti_bayar.values_list("pk", "status")),
        t.berkas_produk.count(),
        t.serah_terima.count(),
    )


def _semua_transaksi(objek) -> tuple:
    return Transaksi.objects.count(), _keadaan_transaksi(objek["t"]) if objek.get("t") else None


def _potret_berkas(objek) -> tuple:
    return _semua_transaksi(objek), sorted(map(str, berkas_di(objek["berkas_privat"])))


def _hari_janji() -> str:
    hari = kalender.hari_kerja_berikutnya(timezone.localdate(), 2)
    return datetime.combine(hari, time(10, 0)).strftime("%Y-%m-%dT%H:%M")


def _objek(request, keadaan: str) -> dict:
    a = request.getfixturevalue("pengunjung")
    petugas = request.getfixturevalue("petugas")
    objek = {"berkas_privat": request.getfixturevalue("berkas_privat"), "layanan": Layanan.objects.get(kode="B")}
    request.getfixturevalue("selalu_buka")
    if keadaan == "draf":
        objek["t"] = pabrik.transaksi_draf(a, dokumen=False)
    elif keadaan == "diajukan":
        objek["t"] = pabrik.transaksi_diajukan(a)
    elif keadaan == "diajukan_nol":
        objek["t"] = pabrik.transaksi_diajukan(a, kelas_harga="nol_rupiah")
    elif keadaan == "menunggu_tagihan":
        objek["t"] = menunggu_tagihan(a, petugas)
    elif keadaan == "menunggu_pembayaran":
        objek["t"] = menunggu_pembayaran(a, petugas, kode="820260313000099")
    elif keadaan == "diproses":
        objek["t"] = diproses(a, petugas)
    elif keadaan == "diserahkan":
        objek["t"] = diserahkan(a, petugas)
    elif keadaan == "dilayani":
        loket, _ = Loket.objects.get_or_create(nomor=1)
        loket.layanan.add(objek["layanan"])
        tiket = antrian.kunjungan_langsung(request.getfixturevalue("resepsionis"), objek["layanan"], pengunjung=a)
        antrian.panggil(tiket, loket, petugas)
        objek.update(loket=loket, tiket=antrian.mulai_layani(tiket, loket, petugas))
    objek["a"] = a
    return objek


def _tiket(objek) -> tuple:
    tiket = Tiket.objects.select_related("kunjungan").get(pk=objek["tiket"].pk)
    return tiket.status, tiket.kunjungan.hasil, tiket.kunjungan.catatan, tiket.riwayat.count()


def _selesai_ditolak(response, data, objek) -> bool:
    sah = SelesaiForm(data).is_valid() and data.get("aksi") == "selesai" and data.get("tiket") == str(objek["tiket"].pk)
    return not sah


def _batal_ditolak(response, data, objek) -> bool:
    form = BatalForm(data)
    return not (form.is_valid() and form.cleaned_data["alasan"].strip())


def _lengkap_ditolak(response, data, objek) -> bool:
    form = LengkapForm(data, minta_nol_rupiah=True)
    return not form.is_valid() or form.keputusan_nol_rupiah() is None


def _pk_pertama_dokumen(objek) -> int:
    return objek["t"].dokumen.first().pk


FORMULIR_LAYANAN = [
    Formulir(
        "meja: pengunjung terdaftar",
        "meja",
        "resepsionis",
        lambda o: "/antrian/meja/",
        lambda o: {
            "pengunjung": str(o["a"].pk),
            "layanan": str(o["layanan"].pk),
            "keperluan": "Konsultasi data",
            **ISIAN_MEJA,
        },
        lambda o: (Tiket.objects.count(), Kunjungan.objects.count()),
    ),
    Formulir(
        "meja: tamu baru",
        "meja",
        "resepsionis",
        lambda o: "/antrian/meja/",
        lambda o: {
            "layanan": str(o["layanan"].pk),
            "keperluan": "Data kemiskinan",
            "baru-email": "tamu.baru@contoh.id",
            **pabrik.dengan_awalan("baru", BIODATA),
            "baru-setuju_privasi": "on",
            **ISIAN_MEJA,
        },
        lambda o: (Tiket.objects.count(), Kunjungan.objects.count(), Pengguna.objects.count()),
    ),
    Formulir(
        "janji temu",
        "meja",
        "pengunjung",
        lambda o: "/antrian/janji/baru/",
        lambda o: {"layanan": str(o["layanan"].pk), "waktu": _hari_janji(), "keperluan": "Konsultasi IPM"},
        lambda o: JanjiTemu.objects.count(),
    ),
    Formulir(
        "loket: selesai",
        "dilayani",
        "petugas",
        lambda o: f"/antrian/loket/{o['loket'].pk}/aksi/",
        lambda o: {"aksi": "selesai", "tiket": str(o["tiket"].pk), "hasil": "penjelasan", "catatan": "Dijelaskan."},
        _tiket,
        ditolak=_selesai_ditolak,
    ),
    Formulir(
        "transaksi baru",
        "meja",
        "pengunjung",
        lambda o: "/transaksi/baru/",
        lambda o: pabrik.isian_transaksi(),
        _semua_transaksi,
    ),
    Formulir(
        "tambah item",
        "draf",
        "pengunjung",
        lambda o: f"/transaksi/{o['t'].nomor}/item/",
        lambda o: {"produk": "mikrodata-tanpa-olah", "uraian": "Sakernas Agustus 2025", "jumlah": "3", "ukuran": "mb"},
        _semua_transaksi,
    ),
    Formulir(
        "unggah dokumen",
        "draf",
        "pengunjung",
        lambda o: f"/transaksi/{o['t'].nomor}/dokumen/",
        lambda o: {"jenis": "abstraksi", "berkas": SimpleUploadedFile("surat.pdf", pabrik.PDF_MINIMAL)},
        _potret_berkas,
        bidang={"berkas": berkas_jahat()},
    ),
    *[
        Formulir(
            f"periksa: {nama}",
            keadaan,
            "petugas",
            lambda o, aksi=aksi: f"/transaksi/periksa/{o['t'].nomor}/{aksi}/",
            contoh,
            _semua_transaksi,
            ditolak=ditolak,
        )
        # The officer's completeness check: (name, state, action, valid input, refused when).
        for nama, keadaan, aksi, contoh, ditolak in [
            (
                "perlu perbaikan",
                "diajukan",
                "perbaikan",
                lambda o: {"catatan": "Lengkapi surat.", f"dok_{_pk_pertama_dokumen(o)}": "Tidak terbaca."},
                _dialihkan,
            ),
            ("lengkap (Rp0)", "diajukan_nol", "lengkap", lambda o: {"nol_rupiah": "setuju"}, _lengkap_ditolak),
            ("batalkan", "diajukan", "batalkan", lambda o: {"alasan": "Data tidak tersedia."}, _batal_ditolak),
        ]
    ],
    Formulir(
        "terbitkan tagihan",
        "menunggu_tagihan",
        "petugas",
        lambda o: f"/transaksi/{o['t'].nomor}/tagihan/terbitkan/",
        lambda o: {
            "kode_billing": KODE,
            "jumlah_billing": "50.000",
            "kedaluwarsa_pada": (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
            "kanal": "teller",
            "catatan": "Bayar di teller.",
            "contoh_data": SimpleUploadedFile("contoh.csv", b"a,b\n1,2\n"),
        },
        _potret_berkas,
        bidang={"contoh_data": berkas_jahat(), "kanal": st.lists(teks_jahat(), max_size=3)},
    ),
    Formulir(
        "NTPN dan bukti bayar",
        "menunggu_pembayaran",
        "pengunjung",
        lambda o: f"/transaksi/{o['t'].nomor}/bukti-bayar/",
        lambda o: {"ntpn": NTPN, "berkas": SimpleUploadedFile("bpn.pdf", pabrik.PDF_MINIMAL)},
        _potret_berkas,
        bidang={"berkas": berkas_jahat()},
    ),
    Formulir(
        "serahkan produk",
        "diproses",
        "petugas",
        lambda o: f"/transaksi/{o['t'].nomor}/serahkan/",
        lambda o: {
            "berkas": SimpleUploadedFile("susenas.csv", b"a,b\n1,2\n"),
            "serah_fisik": "on",
            "media": "cd",
            "uraian": "Susenas (CD)",
            "penerima_nama": "Andi",
            "catatan": "Terima kasih.",
        },
        _potret_berkas,
        bidang={"berkas": berkas_jahat()},
    ),
    Formulir(
        "penilaian transaksi",
        "diserahkan",
        "pengunjung",
        lambda o: f"/penilaian/transaksi/{o['t'].nomor}/",
        lambda o: {**dict.fromkeys(KOLOM_SKOR, "4"), "umpan_balik": "Pelayanan cepat.", "minta_tindak_lanjut": "on"},
        lambda o: (Penilaian.objects.count(), _semua_transaksi(o)),
    ),
    Formulir(
        "pengumuman layar antrian",
        "meja",
        "supervisor",
        lambda o: "/antrian/monitor/pengumuman/",
        lambda o: {"teks": "Layanan tutup pukul 12.00 pada 24 Desember."},
        lambda o: PengumumanLayar.berlaku(),
    ),
]


def isian(formulir: Formulir, contoh: dict) -> st.SearchStrategy[dict]:
    """Each field: its valid example, a hostile value, or left out."""
    per_bidang = {
        nama: st.one_of(st.just(nilai), formulir.bidang.get(nama, teks_jahat()), st.none())
        for nama, nilai in contoh.items()
    }
    return st.fixed_dictionaries(per_bidang).map(lambda d: {k: v for k, v in d.items() if v is not None})


def _kirim(client, user, formulir, objek, nilai):
    """Post in a rolled-back transaction; (response, before, after)."""
    with transaction.atomic():
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        sebelum = formulir.potret(objek)
        response = client.post(formulir.url(objek), nilai)
        sesudah = formulir.potret(objek)
        transaction.set_rollback(True)
    return response, sebelum, sesudah


def _periksa(formulir, response, nilai, objek, sebelum, sesudah):
    assert response.status_code < 500, f"{formulir.nama}: {response.status_code} untuk {nilai!r}"
    if formulir.ditolak(response, {k: v for k, v in nilai.items() if isinstance(v, str)}, objek):
        assert sesudah == sebelum, f"{formulir.nama} menyimpan isian yang ditolak: {nilai!r}"


@pytest.mark.parametrize("formulir", FORMULIR_LAYANAN, ids=lambda f: f.nama)
@settings(max_examples=15, **PENGATURAN_ACAK)
@given(data=st.data())
def test_isian_acak_layanan_tidak_pernah_500_dan_tidak_menyimpan_bila_ditolak(formulir, data, request, client):
    # Built once per form (Hypothesis calls this body once per example).
    objek = getattr(request.node, "_objek", None) or _objek(request, formulir.keadaan)
    request.node._objek = objek
    user = request.getfixturevalue(formulir.pengguna)
    client.raise_request_exception = False
    nilai = data.draw(isian(formulir, formulir.contoh(objek)), label="isian")
    response, sebelum, sesudah = _kirim(client, user, formulir, objek, nilai)
    _periksa(formulir, response, nilai, objek, sebelum, sesudah)


@pytest.mark.parametrize("formulir", FORMULIR_LAYANAN, ids=lambda f: f.nama)
@pytest.mark.parametrize("serangan", ["9" * 5000, "' OR '1'='1' --", "😀" * 3000])
def test_serangan_tetap_di_semua_bidang_layanan(formulir, serangan, request, client):
    """The worst values in every text field at once (files keep their valid example), every run."""
    objek = _objek(request, formulir.keadaan)
    user = request.getfixturevalue(formulir.pengguna)
    client.raise_request_exception = False
    nilai = {k: (v if k in formulir.bidang and k != "kanal" else serangan) for k, v in formulir.contoh(objek).items()}
    response, sebelum, sesudah = _kirim(client, user, formulir, objek, nilai)
    _periksa(formulir, response, nilai, objek, sebelum, sesudah)


def test_contoh_sah_setiap_formulir_berhasil(request, client):
    """The valid examples really pass (otherwise the fuzz would only ever hit the first check)."""
    client.raise_request_exception = False
    for nama in ("selalu_buka", "berkas_privat", "pengunjung", "petugas", "resepsionis", "supervisor"):
        request.getfixturevalue(nama)  # outside the rolled-back blocks below
    for formulir in FORMULIR_LAYANAN:
        with transaction.atomic():
            objek = _objek(request, formulir.keadaan)
            user = request.getfixturevalue(formulir.pengguna)
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            sebelum = formulir.potret(objek)
            contoh = formulir.contoh(objek)
            response = client.post(formulir.url(objek), contoh)
            assert response.status_code == 302, f"{formulir.nama}: {response.status_code}"
            assert formulir.potret(objek) != sebelum, f"{formulir.nama}: contoh sah tidak menyimpan apa pun"
            transaction.set_rollback(True)


SATU_BIDANG = ["abc", "1e309", "' OR '1'='1' --", "9" * 25, "\x00"]


@pytest.mark.parametrize("formulir", FORMULIR_LAYANAN, ids=lambda f: f.nama)
def test_satu_bidang_jahat_yang_lain_sah(formulir, request, client):
    """One field hostile, every other one valid, for every field: the attack reaches
    the deepest check of that field (left to chance, this combination is rare)."""
    objek = _objek(request, formulir.keadaan)
    user = request.getfixturevalue(formulir.pengguna)
    client.raise_request_exception = False
    for nama in formulir.contoh(objek):
        for serangan in SATU_BIDANG:
            nilai = {**formulir.contoh(objek), nama: serangan}
            response, sebelum, sesudah = _kirim(client, user, formulir, objek, nilai)
            _periksa(formulir, response, nilai, objek, sebelum, sesudah)
