"""SOP step 8 online: the owner rates a delivered transaction once; this closes it."""

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from penilaian import services, tenggat
from penilaian.forms import cap_dibuka
from penilaian.models import Penilaian
from pst_layanan.kalender import WIB
from pst_layanan.kantor import kantor
from tests.dwibahasa import id_dan_en
from tests.penilaian.conftest import SEMUA_4, transaksi_diserahkan
from transaksi.models import RiwayatTransaksi, Status, Transaksi
from transaksi.selectors import batas_penilaian_kalender

pytestmark = pytest.mark.django_db


def test_pemilik_menilai_dan_transaksi_ditutup(diserahkan, pengunjung, django_capture_on_commit_callbacks):
    dibuka = timezone.now() - timedelta(minutes=2)
    with django_capture_on_commit_callbacks(execute=True):
        p = services.beri_penilaian(diserahkan, pengunjung, SEMUA_4, "Pelayanan cepat.", dibuka_pada=dibuka)
    diserahkan.refresh_from_db()
    assert diserahkan.status == Status.SELESAI
    assert diserahkan.ditutup_pada == p.dikirim_pada
    akhir = diserahkan.riwayat.filter(jenis=RiwayatTransaksi.Jenis.STATUS).last()
    assert (akhir.dari, akhir.ke, akhir.oleh) == (Status.DISERAHKAN, Status.SELESAI, pengunjung)
    assert p.kanal == "online" and p.layanan.kode == "B"
    assert timedelta(minutes=1) < p.durasi_pengisian < timedelta(minutes=3)
    # Their own rating closes it: they saw that on the page, no e-mail echoes it.
    assert not [m for m in mail.outbox if m.to == [pengunjung.email]]


def test_pemohon_lain_ditolak(diserahkan, pengunjung_lain):
    with pytest.raises(services.PenilaianDitolak, match="Hanya pemohon"):
        services.beri_penilaian(diserahkan, pengunjung_lain, SEMUA_4)
    diserahkan.refresh_from_db()
    assert diserahkan.status == Status.DISERAHKAN
    assert not Penilaian.objects.exists()


def test_penilaian_kedua_ditolak(diserahkan, pengunjung):
    services.beri_penilaian(diserahkan, pengunjung, SEMUA_4)
    with pytest.raises(services.PenilaianDitolak, match="sudah dinilai"):
        services.beri_penilaian(diserahkan, pengunjung, SEMUA_4)
    assert Penilaian.objects.count() == 1


def test_belum_diserahkan_ditolak(pengunjung):
    from tests import pabrik

    t = pabrik.transaksi_diajukan(pengunjung)
    with pytest.raises(services.PenilaianDitolak, match="setelah produk diserahkan"):
        services.beri_penilaian(t, pengunjung, SEMUA_4)


@pytest.mark.parametrize(
    "ubah, pesan",
    [
        ({"u3": None}, "Pilih jawaban untuk U3 (Waktu penyelesaian)."),
        ({"u7": 5}, "Jawaban U7 (Perilaku pelaksana) harus bernilai 1 sampai 4."),
        ({"u1": 0}, "Jawaban U1 (Persyaratan) harus bernilai 1 sampai 4."),
        ({"u9": "baik"}, "Jawaban U9 (Penanganan pengaduan, saran dan masukan) harus bernilai 1 sampai 4."),
    ],
)
def test_nilai_hilang_atau_di_luar_rentang_ditolak(diserahkan, pengunjung, ubah, pesan):
    with pytest.raises(ValidationError) as galat:
        services.beri_penilaian(diserahkan, pengunjung, {**SEMUA_4, **ubah})
    assert pesan in galat.value.messages
    diserahkan.refresh_from_db()
    assert diserahkan.status == Status.DISERAHKAN


def test_penolakan_penilaian_dalam_bahasa_pembaca(diserahkan, pengunjung):
    from tests import pabrik

    with translation.override("en"):
        with pytest.raises(ValidationError) as galat:
            services.beri_penilaian(diserahkan, pengunjung, {**SEMUA_4, "u3": None, "u7": 5})
        assert "Choose an answer for U3 (Completion time)." in galat.value.messages
        assert "The answer to U7 (Conduct of the staff) must be from 1 to 4." in galat.value.messages
        with pytest.raises(ValidationError) as galat:
            services.validasi_profil({"jenis_kelamin": "X"})
        assert galat.value.messages == ["Choose your sex from the list."]
        t = pabrik.transaksi_diajukan(pengunjung)
        with pytest.raises(services.PenilaianDitolak) as ditolak:
            services.beri_penilaian(t, pengunjung, SEMUA_4)
        assert str(ditolak.value) == (
            f"Transaction {t.nomor} is “{t.get_status_display()}”; a rating can be given once the product "
            "has been delivered."
        )
        assert "Diajukan" not in str(ditolak.value)


def test_database_menolak_skor_di_luar_rentang(diserahkan, pengunjung):
    from django.db import IntegrityError, transaction

    p = services.beri_penilaian(diserahkan, pengunjung, SEMUA_4)
    with pytest.raises(IntegrityError), transaction.atomic():
        Penilaian.objects.filter(pk=p.pk).update(u4=5)


# --- the page ------------------------------------------------------------------------------


def _isian(**ubah):
    data = {k: str(v) for k, v in SEMUA_4.items()}
    data.update(umpan_balik="", dibuka=cap_dibuka(timezone.now() - timedelta(seconds=90)))
    data.update(ubah)
    return data


def test_halaman_penilaian(diserahkan, pengunjung, klien_untuk, django_assert_max_num_queries):
    klien = klien_untuk(pengunjung)
    url = reverse("penilaian:nilai_transaksi", args=[diserahkan.nomor])
    with django_assert_max_num_queries(10):
        r = klien.get(url)
    assert r.status_code == 200
    assert "Waktu penyelesaian" in r.text and "Sangat cepat" in r.text
    r = klien.post(url, _isian(u2="9"))
    assert r.status_code == 200
    assert "Jawaban U2 (Sistem, mekanisme, dan prosedur) harus bernilai 1 sampai 4." in r.text
    r = klien.post(url, _isian())
    assert r.status_code == 302 and r.url == diserahkan.get_absolute_url()
    p = Penilaian.objects.get()
    assert timedelta(seconds=60) < p.durasi_pengisian < timedelta(seconds=120)
    r = klien.get(url, follow=True)
    assert "sudah dinilai" in r.text


def test_jawaban_kosong_terhubung_ke_pertanyaannya(diserahkan, pengunjung, klien_untuk):
    """A screen-reader user landing on an unanswered question hears why: its
    radio group is marked invalid and described by its own error message."""
    r = klien_untuk(pengunjung).post(reverse("penilaian:nilai_transaksi", args=[diserahkan.nomor]), _isian(u3=""))
    grup = re.search(r'<div class="skm-skala"[^>]*aria-label="U3 [^>]*>', r.text).group(0)
    assert 'aria-invalid="true"' in grup
    galat = re.search(r'aria-describedby="([^"]+)"', grup).group(1)
    assert re.search(rf'id="{galat}"[^>]*>Pilih jawaban untuk U3', r.text)


def test_halaman_pemohon_lain_404(diserahkan, pengunjung_lain, klien_untuk):
    r = klien_untuk(pengunjung_lain).post(reverse("penilaian:nilai_transaksi", args=[diserahkan.nomor]), _isian())
    assert r.status_code == 404
    assert not Penilaian.objects.exists()


def test_halaman_transaksi_mengajak_menilai(diserahkan, pengunjung, klien_untuk):
    r = klien_untuk(pengunjung).get(diserahkan.get_absolute_url())
    assert reverse("penilaian:nilai_transaksi", args=[diserahkan.nomor]) in r.text


# --- the rating period ends at the close of its last working day --------------------------------

# Delivered Monday 6 April 2026 10.00 WIB; the provincial office's 5 working days
# (7–10 and 13 April) end Monday 13 April at the 15.30 close.
DISERAHKAN_PADA = datetime(2026, 4, 6, 10, 0, tzinfo=WIB)
BATAS_TUTUP = datetime(2026, 4, 13, 15, 30, tzinfo=WIB)


@pytest.fixture
def diserahkan_6_april(pengunjung, petugas):
    with time_machine.travel(DISERAHKAN_PADA, tick=False):
        return transaksi_diserahkan(pengunjung, petugas)


@pytest.mark.parametrize(
    "pada, berakhir",
    [
        (BATAS_TUTUP - timedelta(minutes=1), False),
        (BATAS_TUTUP, True),
        (datetime(2026, 4, 14, 8, 5, tzinfo=WIB), True),
    ],
)
def test_penilaian_setelah_masanya_ditolak_sebelum_tutup_otomatis_berjalan(
    diserahkan_6_april, pengunjung, klien_untuk, pada, berakhir
):
    """The visitor who sends the form once the rating period is over, while
    the auto-close has not run yet, is refused with the reason and nothing
    changes; a minute earlier the rating closes the transaction. The
    auto-close decides the same instant the same way."""
    t = diserahkan_6_april
    assert services.batas_penilaian(t) == BATAS_TUTUP
    url = reverse("penilaian:nilai_transaksi", args=[t.nomor])
    klien = klien_untuk(pengunjung)
    with time_machine.travel(pada, tick=False):
        ditutup = Transaksi.objects.filter(tenggat.perlu_tutup_otomatis(timezone.now()), pk=t.pk).exists()
        r = klien.post(url, _isian(), follow=True)
    assert ditutup is berakhir
    t.refresh_from_db()
    if berakhir:
        pesan = f"Masa penilaian transaksi {t.nomor} sudah berakhir pada Senin, 13 April 2026 pukul 15.30 WIB"
        assert pesan in r.text
        assert t.status == Status.DISERAHKAN and not Penilaian.objects.exists()
    else:
        assert f"Transaksi {t.nomor} telah ditutup" in r.text
        assert t.status == Status.SELESAI and Penilaian.objects.count() == 1


def test_penilaian_terlambat_ditolak_layanan_dan_dalam_bahasa_inggris(diserahkan_6_april, pengunjung):
    ditolak = pytest.raises(services.PenilaianDitolak, match="rating period .* ended on Monday, 13 April 2026")
    with time_machine.travel(BATAS_TUTUP, tick=False), translation.override("en"), ditolak:
        services.beri_penilaian(diserahkan_6_april, pengunjung, SEMUA_4)
    assert not Penilaian.objects.exists()


# --- the visitor is told until when they can rate ---------------------------------------------

BATAS_ID = "Senin, 13 April 2026 pukul 15.30 WIB"
BATAS_EN = "Monday, 13 April 2026, 15:30 WIB"


def _halaman_pemilik(klien, pemilik, t) -> str:
    """The transaction page as its owner reads it in the active language."""
    pemilik.bahasa = translation.get_language()
    pemilik.save(update_fields=["bahasa"])
    return klien.get(t.get_absolute_url()).text


def test_ajakan_menilai_menyebut_akhir_masa_penilaian(diserahkan_6_april, pengunjung, klien_untuk):
    t, klien = diserahkan_6_april, klien_untuk(pengunjung)
    with time_machine.travel(BATAS_TUTUP - timedelta(minutes=1), tick=False):
        indonesia, inggris = id_dan_en(lambda: _halaman_pemilik(klien, pengunjung, t))
    tautan = reverse("penilaian:nilai_transaksi", args=[t.nomor])
    assert tautan in indonesia and tautan in inggris
    assert f"Bila belum dinilai sampai {BATAS_ID}, transaksi ditutup otomatis tanpa penilaian." in indonesia
    assert f"If it is not rated by {BATAS_EN}, the transaction is closed automatically without a rating." in inggris


@pytest.mark.parametrize("pada", [BATAS_TUTUP, datetime(2026, 4, 14, 8, 5, tzinfo=WIB)])
def test_ajakan_menilai_tidak_ditawarkan_setelah_masanya_berakhir(diserahkan_6_april, pengunjung, klien_untuk, pada):
    """Over, though the auto-close has not run yet: the page says so instead
    of sending the visitor into a refusal."""
    t, klien = diserahkan_6_april, klien_untuk(pengunjung)
    with time_machine.travel(pada, tick=False):
        indonesia, inggris = id_dan_en(lambda: _halaman_pemilik(klien, pengunjung, t))
    t.refresh_from_db()
    assert t.status == Status.DISERAHKAN
    tautan = reverse("penilaian:nilai_transaksi", args=[t.nomor])
    assert tautan not in indonesia and tautan not in inggris
    assert (
        f"Masa penilaian transaksi {t.nomor} sudah berakhir pada {BATAS_ID}; penilaian tidak dapat diberikan lagi."
        in indonesia
    )
    assert f"The rating period of transaction {t.nomor} ended on {BATAS_EN}; a rating can no longer be given." in (
        inggris
    )
    # The next-step box above it no longer asks for a rating it would refuse.
    assert "then give a rating" not in inggris and "lalu beri penilaian" not in indonesia
    assert "or automatically when the rating period ends" in inggris


@pytest.mark.parametrize(
    "bahasa, kalimat",
    [
        ("id", f"Bila belum dinilai sampai {BATAS_ID}, transaksi ditutup otomatis tanpa penilaian."),
        ("en", f"If it is not rated by {BATAS_EN}, the transaction is closed automatically without a rating."),
    ],
)
def test_surel_penyerahan_menyebut_akhir_masa_penilaian(
    pengunjung, petugas, django_capture_on_commit_callbacks, bahasa, kalimat
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import pabrik
    from transaksi import services as transaksi
    from transaksi.services import penyerahan

    pengunjung.bahasa = bahasa
    pengunjung.save(update_fields=["bahasa"])
    t = pabrik.transaksi_diajukan(pengunjung, kelas_harga="nol_rupiah")
    t = transaksi.nyatakan_lengkap(t, petugas, setujui_nol_rupiah=True)
    mail.outbox.clear()
    with time_machine.travel(DISERAHKAN_PADA, tick=False), django_capture_on_commit_callbacks(execute=True):
        penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas.csv", b"kode,nama\n17,BENGKULU\n")])
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    assert kalimat in " ".join(surel.body.split())
    # It asks for a rating, so it links to the form: its other link is the
    # payment-and-products page, which has none.
    assert f"http://testserver{reverse('penilaian:nilai_transaksi', args=[t.nomor])}" in surel.body


def test_penilaian_yang_diberikan_disebut_dengan_tanggal_panjang(diserahkan_6_april, pengunjung, klien_untuk):
    """The page names its moments in full ("Senin, 13 April 2026 pukul …");
    the line thanking for the rating alone used the short "8 Apr 2026 10.15"."""
    t, klien = diserahkan_6_april, klien_untuk(pengunjung)
    with time_machine.travel(datetime(2026, 4, 8, 10, 15, tzinfo=WIB), tick=False):
        services.beri_penilaian(t, pengunjung, SEMUA_4)
        indonesia, inggris = id_dan_en(lambda: _halaman_pemilik(klien, pengunjung, t))
    assert "Penilaian layanan sudah diberikan pada Rabu, 8 April 2026 pukul 10.15 WIB. Terima kasih." in indonesia
    assert "The service rating was given on Wednesday, 8 April 2026, 10:15 WIB. Thank you." in inggris


# --- the date told at delivery binds, whatever the calendar does later ------------------------

# Delivered Monday 21 December 2026 10.00 WIB. The provincial office's 5 working
# days skip Thu 24 Dec (cuti bersama Natal) and Fri 25 Dec: 22, 23, 28, 29, 30
# December, so the e-mail says Wednesday 30 December, 15.30. The cuti bersama
# is then cancelled (24 Dec a working day again): by the calendar alone the
# period would end Tuesday 29 December, 15.30, a day before the promise.
DISERAHKAN_NATAL = datetime(2026, 12, 21, 10, 0, tzinfo=WIB)
DIJANJIKAN = datetime(2026, 12, 30, 15, 30, tzinfo=WIB)
MENURUT_KALENDER_BARU = datetime(2026, 12, 29, 15, 30, tzinfo=WIB)
DIJANJIKAN_ID = "Rabu, 30 Desember 2026 pukul 15.30 WIB"
DIJANJIKAN_EN = "Wednesday, 30 December 2026, 15:30 WIB"


@pytest.fixture
def dijanjikan_30_desember(pengunjung, petugas, django_capture_on_commit_callbacks):
    t, surel = _diserahkan_natal_lalu_cuti_dibatalkan(pengunjung, petugas, django_capture_on_commit_callbacks)
    assert batas_penilaian_kalender(t) == MENURUT_KALENDER_BARU
    return t, surel


def _diserahkan_natal_lalu_cuti_dibatalkan(pengunjung, petugas, django_capture_on_commit_callbacks):
    """Delivered with its e-mail (in the visitor's words), then the cuti bersama cancelled."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pst_layanan.models import HariKantor
    from tests import pabrik
    from transaksi import services as transaksi
    from transaksi.services import penyerahan

    t = pabrik.transaksi_diajukan(pengunjung, kelas_harga="nol_rupiah")
    t = transaksi.nyatakan_lengkap(t, petugas, setujui_nol_rupiah=True)
    mail.outbox.clear()
    with time_machine.travel(DISERAHKAN_NATAL, tick=False), django_capture_on_commit_callbacks(execute=True):
        t = penyerahan.serahkan_produk(t, petugas, [SimpleUploadedFile("susenas.csv", b"kode\n17\n")])
    [surel] = [m for m in mail.outbox if m.to == [pengunjung.email]]
    with django_capture_on_commit_callbacks(execute=True):
        HariKantor.objects.create(
            tanggal=datetime(2026, 12, 24).date(), jenis=HariKantor.Jenis.BUKA, keterangan="Cuti bersama dibatalkan"
        )
    return Transaksi.objects.get(pk=t.pk), " ".join(surel.body.split())


def _tutup_otomatis(callbacks, pada) -> list[int]:
    with time_machine.travel(pada, tick=False), callbacks(execute=True):
        return tenggat.tutup_otomatis()


def test_tutup_otomatis_menunggu_tanggal_yang_dijanjikan_surel(
    dijanjikan_30_desember, pengunjung, klien_untuk, django_capture_on_commit_callbacks
):
    """The visitor told 'until Wednesday 30 December' still finds the rating
    open on Wednesday, and the page repeats the e-mail's date; the auto-close
    waits for that date, not for the calendar's new, earlier end."""
    t, surel = dijanjikan_30_desember
    assert f"Bila belum dinilai sampai {DIJANJIKAN_ID}, transaksi ditutup otomatis tanpa penilaian." in surel
    assert services.batas_penilaian(t) == DIJANJIKAN
    rabu_pagi = datetime(2026, 12, 30, 9, 0, tzinfo=WIB)
    assert _tutup_otomatis(django_capture_on_commit_callbacks, MENURUT_KALENDER_BARU) == []
    assert _tutup_otomatis(django_capture_on_commit_callbacks, rabu_pagi) == []
    with time_machine.travel(rabu_pagi, tick=False):
        klien = klien_untuk(pengunjung)
        indonesia, inggris = id_dan_en(lambda: _halaman_pemilik(klien, pengunjung, t))
    assert f"Bila belum dinilai sampai {DIJANJIKAN_ID}, transaksi ditutup otomatis tanpa penilaian." in indonesia
    assert f"If it is not rated by {DIJANJIKAN_EN}, the transaction is closed automatically" in inggris
    assert reverse("penilaian:nilai_transaksi", args=[t.nomor]) in indonesia
    assert _tutup_otomatis(django_capture_on_commit_callbacks, DIJANJIKAN - timedelta(minutes=1)) == []
    assert _tutup_otomatis(django_capture_on_commit_callbacks, DIJANJIKAN) == [t.pk]


def _ingatkan(callbacks, pada) -> list[int]:
    with time_machine.travel(pada, tick=False), callbacks(execute=True):
        return tenggat.pengingat_penilaian()


def _pengingat_ke(pengunjung) -> list[str]:
    return [
        " ".join(m.body.split()) for m in mail.outbox if m.to == [pengunjung.email] and "beri penilaian" in m.subject
    ]


def test_pengingat_terakhir_selama_masa_yang_dijanjikan_menyebut_tanggal_halaman(
    pengunjung, petugas, klien_untuk, django_capture_on_commit_callbacks
):
    """An office giving 3 working days: the delivery e-mail promised Monday
    28 December (22, 23, 28). With the cuti bersama cancelled the third
    working day, the last reminder's, is Thursday 24 December, where the
    calendar alone would end the period; the rating stays open until Monday,
    so the last reminder goes after Thursday's close and names the page's date."""
    k = kantor()
    k.batas_penilaian_hari_kerja = 3
    k.save()
    t, surel = _diserahkan_natal_lalu_cuti_dibatalkan(pengunjung, petugas, django_capture_on_commit_callbacks)
    senin_id = "Senin, 28 Desember 2026 pukul 15.30 WIB"
    assert f"Bila belum dinilai sampai {senin_id}, transaksi ditutup otomatis tanpa penilaian." in surel
    assert batas_penilaian_kalender(t) == datetime(2026, 12, 24, 15, 30, tzinfo=WIB)
    assert _ingatkan(django_capture_on_commit_callbacks, datetime(2026, 12, 22, 15, 30, tzinfo=WIB)) == [t.pk]
    kamis_tutup = datetime(2026, 12, 24, 15, 30, tzinfo=WIB)
    assert _ingatkan(django_capture_on_commit_callbacks, kamis_tutup - timedelta(minutes=1)) == []
    assert _ingatkan(django_capture_on_commit_callbacks, kamis_tutup) == [t.pk]
    pertama, terakhir = _pengingat_ke(pengunjung)
    kalimat = f"Bila belum dinilai sampai {senin_id}, transaksi ditutup otomatis tanpa penilaian."
    assert kalimat in pertama and kalimat in terakhir and "Ini pengingat terakhir." in terakhir
    with time_machine.travel(kamis_tutup, tick=False):
        assert kalimat in _halaman_pemilik(klien_untuk(pengunjung), pengunjung, t)
    assert _tutup_otomatis(django_capture_on_commit_callbacks, datetime(2026, 12, 28, 15, 29, tzinfo=WIB)) == []


def test_pengingat_tidak_dikirim_setelah_masa_yang_dijanjikan_berakhir(
    dijanjikan_30_desember, pengunjung, django_capture_on_commit_callbacks
):
    """A reminder run that comes late sends the last reminder while the
    rating is open, naming the page's date, and none once it is over: it
    would ask for a rating until a moment already past."""
    t, _surel = dijanjikan_30_desember
    assert _ingatkan(django_capture_on_commit_callbacks, DIJANJIKAN) == []
    assert _ingatkan(django_capture_on_commit_callbacks, DIJANJIKAN - timedelta(minutes=1)) == [t.pk]
    [terakhir] = _pengingat_ke(pengunjung)
    assert f"Bila belum dinilai sampai {DIJANJIKAN_ID}, transaksi ditutup otomatis tanpa penilaian." in terakhir


@pytest.mark.parametrize("pada, diterima", [(DIJANJIKAN - timedelta(minutes=1), True), (DIJANJIKAN, False)])
def test_penilaian_diterima_sampai_tanggal_yang_dijanjikan(
    dijanjikan_30_desember, pengunjung, klien_untuk, pada, diterima
):
    t, _surel = dijanjikan_30_desember
    with time_machine.travel(pada, tick=False):
        r = klien_untuk(pengunjung).post(reverse("penilaian:nilai_transaksi", args=[t.nomor]), _isian(), follow=True)
    t.refresh_from_db()
    if diterima:
        assert f"Transaksi {t.nomor} telah ditutup" in r.text and t.status == Status.SELESAI
    else:
        assert f"Masa penilaian transaksi {t.nomor} sudah berakhir pada {DIJANJIKAN_ID}" in r.text
        assert t.status == Status.DISERAHKAN and not Penilaian.objects.exists()


def test_masa_penilaian_diperpanjang_bila_kalender_menambah_libur(pengunjung, petugas):
    """The promise is a floor, not a cap: a holiday added after delivery still
    gives the visitor their working days (the later of the two)."""
    from pst_layanan.models import HariKantor

    with time_machine.travel(DISERAHKAN_PADA, tick=False):
        t = transaksi_diserahkan(pengunjung, petugas)
    t.batas_penilaian_dijanjikan = BATAS_TUTUP
    t.save(update_fields=["batas_penilaian_dijanjikan"])
    HariKantor.objects.create(
        tanggal=datetime(2026, 4, 8).date(), jenis=HariKantor.Jenis.TUTUP, keterangan="Pemadaman listrik"
    )
    assert services.batas_penilaian(t) == datetime(2026, 4, 14, 15, 30, tzinfo=WIB)
    with time_machine.travel(BATAS_TUTUP, tick=False):
        assert not services.masa_penilaian_berakhir(t, timezone.now())
        assert tenggat.tutup_otomatis() == []


def test_migrasi_mengisi_janji_transaksi_yang_menunggu_penilaian(pengunjung, petugas):
    """Rows delivered before the column get the date they may be rated until
    as the calendar gives it now; only those waiting for a rating are read,
    and one UPDATE writes every row of one date."""
    import importlib

    from django.apps import apps
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    migrasi = importlib.import_module("transaksi.migrations.0029_isi_batas_penilaian_dijanjikan")
    with time_machine.travel(DISERAHKAN_PADA, tick=False):
        menunggu = [transaksi_diserahkan(pengunjung, petugas).pk for _ in range(3)]
        ditutup = transaksi_diserahkan(pengunjung, petugas)
        services.tutup_tanpa_penilaian(ditutup)
    Transaksi.objects.update(batas_penilaian_dijanjikan=None)
    with CaptureQueriesContext(connection) as q:
        migrasi.isi_batas_penilaian(apps, None)
    assert [s["sql"].split()[0] for s in q.captured_queries].count("UPDATE") == 1
    dijanjikan = dict(Transaksi.objects.values_list("pk", "batas_penilaian_dijanjikan"))
    assert {dijanjikan[pk] for pk in menunggu} == {BATAS_TUTUP}
    assert dijanjikan[ditutup.pk] is None


def test_ajakan_dan_formulir_menyebut_waktu_penilaian_dari_sop(diserahkan, pengunjung, klien_untuk, sop_diubah):
    """The home page gives step 8 the SOP's time (± 5 minutes); the invitation
    on the transaction page and the rating form state the same standard
    sop.py declares, in the reader's language, with no time of their own."""
    klien = klien_untuk(pengunjung)

    def halaman():
        return _halaman_pemilik(klien, pengunjung, diserahkan) + klien.get(
            reverse("penilaian:nilai_transaksi", args=[diserahkan.nomor])
        ).content.decode("utf-8")

    indonesia, inggris = id_dan_en(halaman)
    assert "(9 pertanyaan, ± 7 menit)" in indonesia and "Mengisi sekitar 7 menit;" in indonesia
    assert "(9 questions, about 7 minutes)" in inggris and "It takes about 7 minutes;" in inggris
    assert "2 menit" not in indonesia and "2 minutes" not in inggris


def test_penolakan_menyebut_pertanyaan_yang_harus_diperbaiki_di_atas_formulir(diserahkan, pengunjung, klien_untuk):
    """On a phone the page comes back at its top: the refusal names the
    unanswered questions there, each a link to its place, as other forms do."""
    r = klien_untuk(pengunjung).post(
        reverse("penilaian:nilai_transaksi", args=[diserahkan.nomor]), _isian(u3="", u7="")
    )
    ringkasan = re.search(r'<div class="alert alert-danger"[^>]*id="galat-isian"[^>]*>(.*?)</div>', r.text, re.S)
    assert ringkasan and r.text.index('id="galat-isian"') < r.text.index('id="soal-U1"')
    tautan = re.findall(r'<a href="#([^"]+)" class="alert-link">([^<]+)</a>', ringkasan.group(1))
    assert [label[:3] for _id, label in tautan] == ["U3.", "U7."]
    for sasaran, _label in tautan:
        assert sasaran and f'id="{sasaran}"' in r.text
