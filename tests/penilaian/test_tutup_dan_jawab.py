"""Closing without a rating (the deadlines job) and the officer's answer to feedback."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from penilaian import services
from penilaian.models import Penilaian
from tests.halaman import formulir_tanpa_novalidate
from tests.penilaian.conftest import SEMUA_4
from transaksi.models import Status

pytestmark = pytest.mark.django_db


def test_tutup_tanpa_penilaian_aman_dijalankan_dua_kali(diserahkan):
    assert services.batas_penilaian(diserahkan) > diserahkan.diserahkan_pada
    assert services.tutup_tanpa_penilaian(diserahkan) is True
    assert services.tutup_tanpa_penilaian(diserahkan) is False
    diserahkan.refresh_from_db()
    assert diserahkan.status == Status.SELESAI and diserahkan.ditutup_pada
    assert "tanpa penilaian" in diserahkan.riwayat.last().catatan
    assert not Penilaian.objects.exists()


def test_tutup_tanpa_penilaian_tidak_menimpa_yang_sudah_dinilai(diserahkan, pengunjung):
    services.beri_penilaian(diserahkan, pengunjung, SEMUA_4)
    assert services.tutup_tanpa_penilaian(diserahkan) is False


def test_petugas_menjawab_umpan_balik(
    diserahkan, pengunjung, petugas, klien_untuk, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        p = services.beri_penilaian(diserahkan, pengunjung, SEMUA_4, "Mohon data kabupaten juga.", True)
    assert any("perlu ditindaklanjuti" in m.subject for m in mail.outbox)

    klien = klien_untuk(petugas)
    with django_assert_max_num_queries(12):
        r = klien.get(reverse("penilaian:umpan_balik"))
    assert "Mohon data kabupaten juga." in r.text
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = klien.post(reverse("penilaian:jawab", args=[p.pk]), {"jawaban": "Data kabupaten kami kirim besok."})
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.dijawab_oleh, p.jawaban) == (petugas, "Data kabupaten kami kirim besok.")
    assert mail.outbox[0].to == [pengunjung.email] and "Data kabupaten kami kirim besok." in mail.outbox[0].body
    # The subject names the transaction the feedback was on, as the officers' e-mail did.
    assert mail.outbox[0].subject == f"Tanggapan atas saran dan masukan Anda untuk transaksi {diserahkan.nomor}"
    with pytest.raises(services.PenilaianDitolak, match="sudah dijawab"):
        services.jawab_umpan_balik(p, petugas, "lagi")


def test_minta_tindak_lanjut_tanpa_saran_ditolak(diserahkan, pengunjung):
    with pytest.raises(ValidationError) as galat:
        services.beri_penilaian(diserahkan, pengunjung, SEMUA_4, "", True)
    assert "Tuliskan saran atau keluhan yang ingin ditindaklanjuti." in galat.value.messages


def test_saran_tak_terlihat_bukan_saran(diserahkan, pengunjung, django_capture_on_commit_callbacks):
    """Feedback of zero-width spaces (pasted from a chat) asking for follow-up
    passed as written: the officers were e-mailed to answer a blank; without
    follow-up it was listed among the feedback as an empty one."""
    with pytest.raises(ValidationError) as galat:
        services.beri_penilaian(diserahkan, pengunjung, SEMUA_4, "\u200b\u3164", True)
    assert "Tuliskan saran atau keluhan yang ingin ditindaklanjuti." in galat.value.messages
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        p = services.beri_penilaian(diserahkan, pengunjung, SEMUA_4, "\u200b\u200d", False)
    assert p.umpan_balik == "" and mail.outbox == []


def test_pengunjung_tidak_bisa_menjawab(diserahkan, pengunjung):
    p = services.beri_penilaian(diserahkan, pengunjung, SEMUA_4, "Saran", True)
    with pytest.raises(services.PenilaianDitolak):
        services.jawab_umpan_balik(p, pengunjung, "Jawaban sendiri")


def test_surel_tindak_lanjut_dalam_bahasa_petugas(diserahkan, pengunjung, petugas, django_capture_on_commit_callbacks):
    """An English-reading officer reads which transaction needs follow-up in
    English, subject and body alike; the Indonesian wording stays."""
    petugas.bahasa = "en"
    petugas.save(update_fields=["bahasa"])
    with django_capture_on_commit_callbacks(execute=True):
        services.beri_penilaian(diserahkan, pengunjung, SEMUA_4, "Mohon data kabupaten juga.", True)
    surel = next(m for m in mail.outbox if petugas.email in m.to)
    assert surel.subject.endswith(f"Feedback needs follow-up: transaction {diserahkan.nomor}")
    assert f"for transaction {diserahkan.nomor}" in surel.body
    assert "transaksi" not in surel.subject + surel.body


def test_surel_umpan_balik_tercatat_untuk_kantor_yang_dinilai(diserahkan, pengunjung, petugas, kota):
    """The follow-up request and the answer about a city-office rating are that
    office's mail (its outbox, its letterhead), not the provincial office's."""
    from django.db.models import Q

    from pst_layanan.models import Surel
    from transaksi.models import Transaksi

    Transaksi.objects.filter(pk=diserahkan.pk).update(kantor=kota)
    diserahkan.refresh_from_db()
    petugas.kantor.set([kota])  # its officer works there: one who does not is not told of its work
    p = services.beri_penilaian(diserahkan, pengunjung, SEMUA_4, "Mohon data kabupaten juga.", True)
    services.jawab_umpan_balik(p, petugas, "Data kabupaten kami kirim besok.")
    surel = Surel.objects.filter(Q(subjek__contains="ditindaklanjuti") | Q(subjek__contains="Tanggapan"))
    assert sorted(s.kantor_id for s in surel) == [kota.pk, kota.pk]
    assert all("BPS Kota Bengkulu" in s.isi for s in surel)


def test_menilai_setelah_ditutup_otomatis_menyebut_masa_penilaian_berakhir(diserahkan, pengunjung, klien_untuk):
    """The reminder's link opened after the auto-close: the product was
    delivered, so "a rating can be given once the product is delivered" is
    wrong; the visitor reads that the rating period is over."""
    services.tutup_tanpa_penilaian(diserahkan)
    with pytest.raises(services.PenilaianDitolak, match="Masa penilaian transaksi .* sudah berakhir"):
        services.beri_penilaian(diserahkan, pengunjung, SEMUA_4)
    r = klien_untuk(pengunjung).get(reverse("penilaian:nilai_transaksi", args=[diserahkan.nomor]), follow=True)
    assert "Masa penilaian transaksi" in r.text and "penilaian dapat diberikan setelah" not in r.text


def test_daftar_umpan_balik_kosong_menurut_tabnya(petugas, klien_untuk):
    """The "all suggestions" tab with none said "no feedback waiting for an
    answer", the other tab's sentence."""
    klien = klien_untuk(petugas)
    perlu = klien.get(reverse("penilaian:umpan_balik")).content.decode()
    semua = klien.get(reverse("penilaian:umpan_balik") + "?semua=1").content.decode()
    assert "Tidak ada umpan balik yang menunggu jawaban." in perlu
    assert "Belum ada saran dan masukan." in semua and "menunggu jawaban" not in semua


@pytest.mark.parametrize(
    ("bahasa", "teks"),
    [
        ("id", ["1 umpan balik menunggu jawaban", "2 umpan balik menunggu jawaban"]),
        ("en", ["1 feedback item awaiting an answer", "2 feedback items awaiting an answer"]),
    ],
)
def test_dasbor_menghitung_umpan_balik_terbuka_tunggal_dan_jamak(
    bahasa, teks, diserahkan, pengunjung, petugas, supervisor, klien_untuk
):
    from tests.transaksi.test_pembayaran import diserahkan as diserahkan_lagi

    supervisor.bahasa = bahasa
    supervisor.save(update_fields=["bahasa"])
    kedua = diserahkan_lagi(pengunjung, petugas, kode="820260313000002", ntpn="0A1B2C3D4E5F6G7J")
    for i, t in enumerate([diserahkan, kedua]):
        services.beri_penilaian(t, pengunjung, SEMUA_4, "Mohon data kabupaten juga.", True)
        assert teks[i] in klien_untuk(supervisor).get(reverse("penilaian:dasbor")).text


def test_menjawab_dari_daftar_tersaring_kembali_ke_saringan_itu(diserahkan, pengunjung, petugas, klien_untuk):
    """Answered from "every feedback", page 1 of this office: the officer comes
    back to that list, not to the first page of the other tab."""
    p = services.beri_penilaian(diserahkan, pengunjung, SEMUA_4, "Mohon data kabupaten juga.", True)
    klien = klien_untuk(petugas)
    kueri = "semua=1&kantor=1700&halaman=1"
    html = klien.get(f"{reverse('penilaian:umpan_balik')}?{kueri}").content.decode()
    aksi = f"{reverse('penilaian:jawab', args=[p.pk])}?{kueri.replace('&', '&amp;')}"
    assert f'action="{aksi}"' in html
    r = klien.post(f"{reverse('penilaian:jawab', args=[p.pk])}?{kueri}", {"jawaban": "Kami kirim besok."})
    assert r.url == f"{reverse('penilaian:umpan_balik')}?{kueri}"


def test_jawaban_untuk_akun_nonaktif_tidak_disebut_terkirim(
    diserahkan, pengunjung, petugas, klien_untuk, django_capture_on_commit_callbacks
):
    """An answer to a visitor whose account has since been deactivated went
    nowhere (a closed account is sent no more mail), yet the officer read
    "Jawaban terkirim ke …"; the answer is kept, and the page says it was not
    e-mailed and why."""
    p = services.beri_penilaian(diserahkan, pengunjung, SEMUA_4, "Mohon data kabupaten juga.", True)
    pengunjung.is_active = False
    pengunjung.save(update_fields=["is_active"])
    mail.outbox.clear()
    klien = klien_untuk(petugas)
    with django_capture_on_commit_callbacks(execute=True):
        r = klien.post(
            reverse("penilaian:jawab", args=[p.pk]), {"jawaban": "Data kabupaten kami kirim besok."}, follow=True
        )
    p.refresh_from_db()
    assert p.jawaban == "Data kabupaten kami kirim besok." and p.dijawab_oleh == petugas
    assert mail.outbox == []
    assert "Jawaban terkirim" not in r.text
    assert "Jawaban dicatat, tetapi tidak dikirim: akun pengguna layanan ini sudah tidak aktif." in r.text


def test_kotak_jawaban_untuk_akun_nonaktif_tidak_menjanjikan_surel(diserahkan, pengunjung, petugas, klien_untuk):
    """The answer box of feedback from a deactivated account said "dikirim ke
    <address>", though a closed account is sent no more mail: it says before
    the officer writes that the answer is kept but not e-mailed."""
    p = services.beri_penilaian(diserahkan, pengunjung, SEMUA_4, "Mohon data kabupaten juga.", True)
    klien = klien_untuk(petugas)
    assert f"Jawaban (dikirim ke {pengunjung.email})" in klien.get(reverse("penilaian:umpan_balik")).text
    pengunjung.is_active = False
    pengunjung.save(update_fields=["is_active"])
    html = klien.get(reverse("penilaian:umpan_balik")).text
    assert f'id="jawaban-{p.pk}"' in html and "dikirim ke" not in html
    assert formulir_tanpa_novalidate(html) == []  # an empty answer gets the server's message
    assert "Jawaban (dicatat, tetapi tidak dikirim melalui e-mail: akun pengguna layanan ini sudah tidak aktif)" in html


@pytest.mark.parametrize("dihapus", [False, True])
def test_umpan_balik_tanpa_permintaan_tindak_lanjut_tidak_dapat_dijawab(
    dihapus, diserahkan, pengunjung, petugas, klien_untuk, django_capture_on_commit_callbacks
):
    """The page offers an answer box only to feedback that asked for a
    follow-up, yet a hand-made POST answered any feedback with text — even
    an erased visitor's "[dihapus]", whose request the erasure had closed —
    and e-mailed the answer. It is refused as an answer already given is:
    a message, nothing recorded, no e-mail."""
    from pst_layanan import data_pribadi

    p = services.beri_penilaian(diserahkan, pengunjung, SEMUA_4, "Pelayanan cepat.", dihapus)
    if dihapus:
        data_pribadi.anonimkan(pengunjung)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = klien_untuk(petugas).post(
            reverse("penilaian:jawab", args=[p.pk]), {"jawaban": "Terima kasih."}, follow=True
        )
    assert "Umpan balik ini tidak meminta tindak lanjut; tidak ada yang perlu dijawab." in r.text
    p.refresh_from_db()
    assert (p.jawaban, p.dijawab_pada) == ("", None) and mail.outbox == []


def test_petugas_tidak_menjawab_umpan_balik_atas_permintaannya_sendiri(
    petugas, klien_untuk, django_capture_on_commit_callbacks
):
    """An officer who rated their own request and asked for a follow-up is the
    visitor there: a colleague answers it. The list says so in place of the
    answer box, and a hand-made POST is refused: nothing recorded, no e-mail."""
    from conftest import buat_pengguna
    from pst_layanan.roles import PETUGAS
    from tests.penilaian.conftest import transaksi_diserahkan

    rekan = buat_pengguna("petugas-dua@bps.go.id", PETUGAS)
    t = transaksi_diserahkan(petugas, rekan)
    p = services.beri_penilaian(t, petugas, SEMUA_4, "Mohon data kabupaten juga.", True)
    klien = klien_untuk(petugas)
    html = klien.get(reverse("penilaian:umpan_balik")).text
    assert f'id="jawaban-{p.pk}"' not in html
    assert "Umpan balik ini Anda berikan sendiri; rekan petugas yang menjawabnya." in html
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = klien.post(reverse("penilaian:jawab", args=[p.pk]), {"jawaban": "Sudah saya tangani."}, follow=True)
    assert "Umpan balik ini Anda berikan sendiri; rekan petugas yang menjawabnya." in r.text
    p.refresh_from_db()
    assert p.dijawab_pada is None and mail.outbox == []
    # The colleague still answers it.
    assert f'id="jawaban-{p.pk}"' in klien_untuk(rekan).get(reverse("penilaian:umpan_balik")).text
    assert services.jawab_umpan_balik(p, rekan, "Data kabupaten kami kirim besok.") is True
