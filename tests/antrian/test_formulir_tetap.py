"""Blank forms rendered once per process (`{% formulir_tetap %}`): the copy
must never show a visitor or an officer anything the fresh render would not."""

import pytest
from django import forms
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

from antrian.models import Layanan
from pst_layanan import formulir_tetap
from tests.dwibahasa import id_dan_en

pytestmark = pytest.mark.django_db

TEMPLAT = Template("{% load pst %}{% formulir_tetap form %}{{ form.as_div }}{% endformulir_tetap %}")


class Contoh(forms.Form):
    nama = forms.CharField(label="Nama")
    layanan = forms.ModelChoiceField(queryset=Layanan.objects.filter(aktif=True), label="Layanan")


def _render(form) -> str:
    return TEMPLAT.render(Context({"form": form}))


def test_salinan_sama_dengan_render_baru(layanan_b):
    pertama = _render(Contoh())
    assert _render(Contoh()) == pertama
    formulir_tetap.lupakan()
    assert _render(Contoh()) == pertama


def test_formulir_terisi_selalu_dirender_dengan_galatnya(layanan_b):
    _render(Contoh())
    html = _render(Contoh(data={"nama": "", "layanan": layanan_b.pk}))
    assert "errorlist" in html
    assert f'value="{layanan_b.pk}" selected' in html


def test_pilihan_dari_database_dan_nilai_awal_terbaca_tiap_permintaan(layanan_b):
    assert "Konsultasi Statistik" not in _render(Contoh())
    baru = Layanan.objects.create(kode="K", nama="Konsultasi Statistik")
    assert "Konsultasi Statistik" in _render(Contoh())
    assert f'value="{baru.pk}" selected' in _render(Contoh(initial={"layanan": baru}))
    assert 'value="Sari"' in _render(Contoh(initial={"nama": "Sari"}))


def test_bahasa_masing_masing():
    # Nothing of the form itself differs by language: only the body's own text.
    form = forms.Form()
    form.fields["nama"] = forms.CharField(label="Nama")
    templat = Template(
        "{% load pst i18n %}{% formulir_tetap form %}{% translate 'Keperluan' %}{{ form }}{% endformulir_tetap %}"
    )
    indonesia, inggris = id_dan_en(lambda: templat.render(Context({"form": form})))
    assert "Keperluan" in indonesia and "Purpose" not in indonesia
    assert "Purpose" in inggris and "Keperluan" not in inggris


def test_tanpa_formulir_ditolak_saat_templat_dibaca():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load pst %}{% formulir_tetap %}x{% endformulir_tetap %}")


def test_meja_menampilkan_layanan_baru_dan_galat_kiriman(klien_untuk, resepsionis, layanan_b, selalu_buka):
    client = klien_untuk(resepsionis)
    assert "Konsultasi Statistik" not in client.get(reverse("antrian:meja")).content.decode()
    Layanan.objects.create(kode="K", nama="Konsultasi Statistik")
    assert "Konsultasi Statistik" in client.get(reverse("antrian:meja")).content.decode()
    # A sending with a bad biodata shows its own errors, not the blank copy.
    r = client.post(reverse("antrian:meja"), {"pengunjung": "", "layanan": layanan_b.pk, "baru-email": "bukan-email"})
    assert r.status_code == 200
    assert "baru-email" in r.content.decode() and "is-invalid" in r.content.decode()


def test_pilihan_dari_database_dibaca_sekali_juga_saat_salinan_dibuat(layanan_b, django_assert_num_queries):
    with django_assert_num_queries(1):
        html = _render(Contoh())
    assert layanan_b.nama in html
    with django_assert_num_queries(1):
        assert _render(Contoh()) == html
